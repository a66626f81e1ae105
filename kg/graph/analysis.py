"""What analysts ask of an entity graph: who is central, which groups form, how two entities connect.

Each function takes a graph from :func:`kg.graph.entity_graph` (or any networkx graph whose
nodes carry ``label`` and ``type``) and returns plain Python or a pandas DataFrame.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for node in "abc":
...     g.add_node(node, label=node.upper(), type="Person")
>>> _ = g.add_edge("a", "b", type="Meeting", evidence="A met B.")
>>> _ = g.add_edge("b", "c", type="Release", evidence="B freed C.")
>>> [step.text for step in shortest_path(g, "A", "C")]
['A —Meeting→ B', 'B —Release→ C']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from kg.graph.projection import entity_labels, find_entity, first_day

if TYPE_CHECKING:
    import pandas as pd


def undirected(graph: nx.Graph) -> nx.Graph:
    """A simple undirected graph with an edge ``weight`` counting the events and relations between two nodes."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for a, b in graph.edges():
        if a == b:
            continue
        weight = simple.edges[a, b]["weight"] + 1 if simple.has_edge(a, b) else 1
        simple.add_edge(a, b, weight=weight)
    return simple


def centrality(graph: nx.Graph) -> pd.DataFrame:
    """Degree (edges of any kind, either direction), degree centrality and PageRank per node, most central first.

    PageRank runs on the undirected, edge-weighted graph: being met and meeting count alike.
    """
    import pandas as pd

    simple = undirected(graph)
    pagerank = nx.pagerank(simple, weight="weight") if len(simple) else {}
    degree_centrality = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    rows = [{
        "node": node, "label": data.get("label", node), "type": data.get("type"),
        "degree": graph.degree(node), "degree_centrality": degree_centrality[node], "pagerank": pagerank.get(node, 0.0),
    } for node, data in graph.nodes(data=True)]
    frame = pd.DataFrame(rows, columns=["node", "label", "type", "degree", "degree_centrality", "pagerank"])
    return frame.sort_values(["pagerank", "label"], ascending=[False, True], ignore_index=True)


def communities(graph: nx.Graph, seed: int = 0) -> list[list[str]]:
    """Groups of entities more tied to each other than to the rest (Louvain), as sorted label lists, largest first."""
    simple = undirected(graph)
    if not simple.number_of_edges():
        return [[label] for label in sorted(entity_labels(simple).values())]
    groups = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    labels = entity_labels(simple)
    found = [sorted(labels[n] for n in group) for group in groups]
    return sorted(found, key=lambda group: (-len(group), group))


@dataclass(frozen=True)
class Step:
    """One edge on a path: who, how (event family or relation), whom, and the sentence that says so."""

    source: str
    relation: str
    target: str
    forward: bool
    evidence: str
    date: str | None
    sources: tuple[str, ...]

    @property
    def text(self) -> str:
        """``A —Meeting→ B``, or ``A ←Release— B`` when the edge points the other way."""
        if self.forward:
            return f"{self.source} —{self.relation}→ {self.target}"
        return f"{self.source} ←{self.relation}— {self.target}"


def _steps(graph: nx.Graph, nodes: list[str]) -> list[Step]:
    labels = entity_labels(graph)
    steps = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        forward = graph.has_edge(a, b)
        first, second = (a, b) if forward else (b, a)
        edges = graph.get_edge_data(first, second) or {}
        if not graph.is_multigraph():
            edges = {None: edges}
        data = min(edges.values(), key=lambda d: (d.get("date") or "9999", str(d.get("type"))))
        steps.append(Step(labels[a], str(data.get("type", "linked")), labels[b], forward,
                          str(data.get("evidence", "")).split("\n")[0], data.get("date"),
                          tuple(data.get("sources", ()))))
    return steps


def shortest_path(graph: nx.Graph, source: str, target: str) -> list[Step]:
    """How two entities (named by label) are connected, by the fewest events and relations, in either direction.

    Raises :class:`KeyError` for an unknown name and :class:`networkx.NetworkXNoPath` when nothing connects them.
    """
    start, end = find_entity(graph, source), find_entity(graph, target)
    nodes = nx.shortest_path(graph.to_undirected(as_view=True), start, end)
    return _steps(graph, nodes)


def path_table(steps: Iterable[Step]) -> pd.DataFrame:
    """Steps of a path as a DataFrame: one row per edge, with its evidence."""
    import pandas as pd

    rows = [{"from": s.source, "relation": s.relation, "to": s.target, "direction": "→" if s.forward else "←",
             "date": s.date, "evidence": s.evidence, "sources": ", ".join(s.sources)} for s in steps]
    return pd.DataFrame(rows, columns=["from", "relation", "to", "direction", "date", "evidence", "sources"])


def ego_graph(graph: nx.Graph, name: str, depth: int = 1) -> nx.Graph:
    """The entity named ``name`` and everything within ``depth`` edges of it, in either direction."""
    center = find_entity(graph, name)
    return nx.ego_graph(graph, center, radius=depth, undirected=True)


def edges_frame(graph: nx.Graph) -> pd.DataFrame:
    """Every edge as a row: source and target labels, kind, type, date, confidence, evidence, sources."""
    import pandas as pd

    labels = entity_labels(graph)
    rows = [{
        "source": labels[a], "type": data.get("type"), "target": labels[b], "kind": data.get("kind"),
        "date": data.get("date"), "confidence": data.get("confidence"), "evidence": data.get("evidence"),
        "sources": ", ".join(data.get("sources", ())),
    } for a, b, data in graph.edges(data=True)]
    columns = ["source", "type", "target", "kind", "date", "confidence", "evidence", "sources"]
    return pd.DataFrame(rows, columns=columns)


def nodes_frame(graph: nx.Graph) -> pd.DataFrame:
    """Every node as a row: its IRI, label, type and the number of articles that mention it."""
    import pandas as pd

    rows = [{"node": n, "label": d.get("label"), "type": d.get("type"), "articles": d.get("articles")}
            for n, d in graph.nodes(data=True)]
    return pd.DataFrame(rows, columns=["node", "label", "type", "articles"])


def timeline(graph: nx.Graph, name: str | None = None) -> pd.DataFrame:
    """Dated events of a graph (of one entity, if ``name`` is given), oldest first, as a DataFrame.

    ``day`` is the first day of the event's date, so month- and year-precise dates sort in place.
    """
    import pandas as pd

    labels = entity_labels(graph)
    center = find_entity(graph, name) if name else None
    rows = []
    for a, b, data in graph.edges(data=True):
        if data.get("kind") != "event" or not data.get("date"):
            continue
        if center is not None and center not in (a, b):
            continue
        rows.append({"day": first_day(data["date"]), "date": data["date"], "family": data.get("type"),
                     "agent": labels[a], "target": labels[b], "evidence": str(data.get("evidence", "")).split("\n")[0],
                     "sources": ", ".join(data.get("sources", ()))})
    frame = pd.DataFrame(rows, columns=["day", "date", "family", "agent", "target", "evidence", "sources"])
    return frame.sort_values(["day", "family", "agent"], ignore_index=True)
