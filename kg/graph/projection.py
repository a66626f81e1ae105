"""The store as networkx graphs: entities joined by events and relations, or entities and events as two kinds of node.

Everything is read with SPARQL, so a projection works the same on the embedded store,
a SPARQL server or an rdflib graph (``Store.merged_graph()``, a parsed Turtle export).

>>> from kg.pipeline import graph_from_text
>>> rdf = graph_from_text("Kenya freed the journalist Amina Okafor on Friday.", published="2025-03-07")
>>> graph = entity_graph(rdf)
>>> [(graph.nodes[a]["label"], data["type"], graph.nodes[b]["label"]) for a, b, data in graph.edges(data=True)]
[('Kenya', 'Release', 'Amina Okafor')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import networkx as nx
import rdflib
from rdflib import RDFS

from kg.rdf.namespace import KG
from kg.store.results import Answer

if TYPE_CHECKING:
    from kg.store import GraphStore

#: Families left out unless asked for: every "X said" is a Statement, and they crowd every picture.
DEFAULT_EXCLUDED_FAMILIES = frozenset({"Statement"})

_ENTITIES = """
SELECT ?entity ?label ?type (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?entity a ?class ; rdfs:label ?label .
  ?class rdfs:subClassOf+ kg:Entity .
  OPTIONAL { ?entity kg:mentionedIn ?article }
  BIND(STRAFTER(STR(?class), "#") AS ?type)
} GROUP BY ?entity ?label ?type
"""

_EVENTS = """
SELECT ?event ?family ?label ?agent ?target ?place ?date ?earliest (MAX(?conf) AS ?confidence)
       (GROUP_CONCAT(DISTINCT ?sentence; separator="\\n") AS ?evidence)
       (GROUP_CONCAT(DISTINCT ?page; separator="|") AS ?sources) WHERE {
  ?event a kg:Event, ?class ; rdfs:label ?label .
  ?class rdfs:subClassOf kg:Event .
  BIND(STRAFTER(STR(?class), "#") AS ?family)
  OPTIONAL { ?event kg:agent ?agent }
  OPTIONAL { ?event kg:target ?target }
  OPTIONAL { ?event kg:place ?place }
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL { ?event kg:startDate|kg:earliestDate ?earliest }
  OPTIONAL { ?event kg:confidence ?conf }
  OPTIONAL { ?event kg:evidence ?sentence }
  OPTIONAL { ?event prov:wasDerivedFrom ?article . ?article kg:sourceName ?page }
} GROUP BY ?event ?family ?label ?agent ?target ?place ?date ?earliest
"""

_RELATIONS = """
SELECT ?relation ?kind ?subject ?object (MAX(?conf) AS ?confidence)
       (GROUP_CONCAT(DISTINCT ?sentence; separator="\\n") AS ?evidence)
       (GROUP_CONCAT(DISTINCT ?page; separator="|") AS ?sources) WHERE {
  ?relation a kg:Relation ; kg:relationType ?type ; kg:subjectEntity ?subject ; kg:objectEntity ?object .
  BIND(STRAFTER(STR(?type), "#") AS ?kind)
  OPTIONAL { ?relation kg:confidence ?conf }
  OPTIONAL { ?relation kg:evidence ?sentence }
  OPTIONAL { ?relation prov:wasDerivedFrom ?article . ?article kg:sourceName ?page }
} GROUP BY ?relation ?kind ?subject ?object
"""


@dataclass(frozen=True)
class Filters:
    """Which events and relations a projection keeps.

    ``families`` keeps only those event families (Meeting, Release, Sanction, …); by
    default every family but those in ``excluded``. ``since``/``until`` keep events whose
    date (or, for partial dates, its first day) falls in the range; undated events are
    dropped once a range is given. ``entity_types`` keeps only entities of those types.

    >>> Filters(families=("Meeting",)).keeps_family("Meeting"), Filters().keeps_family("Statement")
    (True, False)
    """

    families: tuple[str, ...] | None = None
    excluded: frozenset[str] = DEFAULT_EXCLUDED_FAMILIES
    since: date | None = None
    until: date | None = None
    entity_types: tuple[str, ...] | None = None
    min_confidence: float = 0.0
    relations: bool = True

    def keeps_family(self, family: str) -> bool:
        if self.families is not None:
            return family.lower() in {f.lower() for f in self.families}
        return family not in self.excluded

    def keeps_relations(self) -> bool:
        return self.relations and (self.families is None or "relations" in {f.lower() for f in self.families})

    def keeps_date(self, iso: str | None) -> bool:
        if self.since is None and self.until is None:
            return True
        day = first_day(iso)
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def keeps_type(self, kind: str) -> bool:
        return self.entity_types is None or kind.lower() in {t.lower() for t in self.entity_types}


def first_day(iso: str | None) -> date | None:
    """The first day of an ISO date, year-month or year ("2025-08" → 2025-08-01).

    >>> first_day("2025-08"), first_day("2025"), first_day(None)
    (datetime.date(2025, 8, 1), datetime.date(2025, 1, 1), None)
    """
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")[:3]]
    parts += [1] * (3 - len(parts))
    return date(parts[0], parts[1], parts[2])


@dataclass
class Records:
    """The rows a projection is built from, read once from a source."""

    entities: dict[str, dict[str, object]] = field(default_factory=dict)
    events: list[dict[str, str | None]] = field(default_factory=list)
    relations: list[dict[str, str | None]] = field(default_factory=list)


def with_ontology(graph: rdflib.Graph) -> rdflib.Graph:
    """``graph`` with kg's ontology added if it lacks it (a Turtle export, ``graph_from_text``): queries need its
    class tree."""
    if (None, RDFS.subClassOf, KG.Entity) in graph:
        return graph
    from kg.store import ontology_graph

    return graph + ontology_graph()


def select(source: GraphStore | rdflib.Graph, sparql: str) -> list[dict[str, str | None]]:
    """Rows of a SELECT query over any source, as dicts of strings."""
    if isinstance(source, rdflib.Graph):
        from kg.store import rdflib_query

        answer: Answer = rdflib_query(source, sparql)
    else:
        answer = source.query(sparql)
    return answer.values()


def read_records(source: GraphStore | rdflib.Graph) -> Records:
    """Entities, asserted events and relations of a source."""
    records = Records()
    if isinstance(source, rdflib.Graph):
        source = with_ontology(source)
    for row in select(source, _ENTITIES):
        records.entities[row["entity"] or ""] = {
            "label": row["label"], "type": row["type"], "articles": int(row["articles"] or 0),
        }
    records.events = select(source, _EVENTS)
    records.relations = select(source, _RELATIONS)
    return records


def _confidence(row: dict[str, str | None]) -> float:
    return float(row.get("confidence") or 1.0)


def _sources(row: dict[str, str | None]) -> list[str]:
    return sorted(filter(None, (row.get("sources") or "").split("|")))


def _add_entity(graph: nx.Graph, records: Records, iri: str) -> None:
    graph.add_node(iri, kind="entity", **records.entities[iri])


def entity_graph(
    source: GraphStore | rdflib.Graph | Records, filters: Filters | None = None
) -> nx.MultiDiGraph:
    """Entities as nodes (label, type, articles); events and relations between two of them as edges.

    Each edge has ``kind`` ("event" or "relation"), ``type`` (Meeting, leaderOf, …), ``label``,
    ``date``, ``evidence`` (the sentences), ``sources`` (page names) and ``confidence``; its
    key is the event's or relation's IRI. Events with one participant have no edge here
    (see :func:`event_graph`).
    """
    filters = filters or Filters()
    records = source if isinstance(source, Records) else read_records(source)
    graph = nx.MultiDiGraph()
    for iri, info in records.entities.items():
        if filters.keeps_type(str(info["type"])):
            graph.add_node(iri, kind="entity", **info)
    for row in records.events:
        agent, target, family = row["agent"], row["target"], row["family"] or ""
        if not (agent and target and agent in graph and target in graph):
            continue
        if not (filters.keeps_family(family) and filters.keeps_date(row["date"] or row["earliest"])
                and _confidence(row) >= filters.min_confidence):
            continue
        graph.add_edge(agent, target, key=row["event"], kind="event", type=family, label=row["label"],
                       date=row["date"] or row["earliest"], evidence=row["evidence"] or "",
                       sources=_sources(row), confidence=_confidence(row))
    if filters.keeps_relations():
        for row in records.relations:
            subject, obj = row["subject"], row["object"]
            if subject in graph and obj in graph and _confidence(row) >= filters.min_confidence:
                graph.add_edge(subject, obj, key=row["relation"], kind="relation", type=row["kind"],
                               label=row["kind"], date=None, evidence=row["evidence"] or "",
                               sources=_sources(row), confidence=_confidence(row))
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    return graph


def event_graph(source: GraphStore | rdflib.Graph | Records, filters: Filters | None = None) -> nx.DiGraph:
    """Entities and events as two kinds of node (``kind``); edges go from an event to its
    participants, with the ``role`` (agent, target, place)."""
    filters = filters or Filters()
    records = source if isinstance(source, Records) else read_records(source)
    graph = nx.DiGraph()
    for row in records.events:
        family = row["family"] or ""
        if not (filters.keeps_family(family) and filters.keeps_date(row["date"] or row["earliest"])
                and _confidence(row) >= filters.min_confidence):
            continue
        roles = [(role, row[role]) for role in ("agent", "target", "place") if row[role]]
        kept = [(role, iri) for role, iri in roles
                if iri in records.entities and filters.keeps_type(str(records.entities[iri]["type"]))]
        if not kept:
            continue
        graph.add_node(row["event"], kind="event", type=family, label=row["label"],
                       date=row["date"] or row["earliest"], evidence=row["evidence"] or "",
                       sources=_sources(row), confidence=_confidence(row))
        for role, iri in kept:
            _add_entity(graph, records, iri or "")
            graph.add_edge(row["event"], iri, role=role)
    return graph


def entity_labels(graph: nx.Graph) -> dict[str, str]:
    """Node → label, for drawing and for messages."""
    return {node: str(data.get("label", node)) for node, data in graph.nodes(data=True)}


def find_entity(graph: nx.Graph, name: str) -> str:
    """The node whose label is ``name`` (case-insensitive), else the one whose label contains it.

    Raises :class:`KeyError` naming the candidates when ``name`` matches none or several.
    """
    wanted = name.casefold().strip()
    labels = entity_labels(graph)
    exact = [n for n, label in labels.items() if label.casefold() == wanted or n == name]
    if len(exact) == 1:
        return exact[0]
    words = [n for n, label in labels.items() if wanted in label.casefold()]
    candidates = exact or words
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise KeyError(f"no entity called '{name}' in the graph")
    names = ", ".join(sorted({labels[n] for n in candidates})[:6])
    raise KeyError(f"'{name}' could be any of: {names}")
