"""Pictures of a kg graph: one standalone HTML page (works offline), a PNG for reports, a timeline plot.

The HTML is drawn by vis-network through pyvis, with every script inlined (pyvis's
``cdn_resources="in_line"``), plus kg's legend and search box. Hovering a node shows its
type and articles; hovering an edge shows the sentence that states it and its source pages.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="Kenya", type="Country"); g.add_node("b", label="Amina Okafor", type="Person")
>>> _ = g.add_edge("a", "b", type="Release", evidence="Kenya freed Amina Okafor.", sources=["page.txt"])
>>> page = to_html(g)
>>> "Amina Okafor" in page and re.search(r'(src|href)="https?://', page) is None  # nothing to fetch
True
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Node colours by entity type (and for event nodes of an event graph).
TYPE_COLORS = {
    "Person": "#4e79a7", "Organization": "#f28e2b", "Country": "#59a14f", "City": "#76b7b2", "Region": "#8cd17d",
    "Place": "#b6992d", "Group": "#e15759", "Vessel": "#9c755f", "event": "#bab0ac",
}
#: Edge colours by event family or relation kind; others are grey.
EDGE_COLORS = {
    "Meeting": "#1f77b4", "Release": "#2ca02c", "Sanction": "#d62728", "SanctionRelief": "#ff7f0e",
    "Arrest": "#9467bd", "Attack": "#8c564b", "Statement": "#7f7f7f",
}
_OTHER = "#999999"
_REMOTE_ASSET = re.compile(r'<link[^>]*href="https?://[^"]*"[^>]*>|<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>')

_EXTRAS = """
<style>
  #kg-panel { position: absolute; top: 10px; left: 10px; z-index: 10; background: rgba(255,255,255,0.92);
              border: 1px solid #ccc; border-radius: 6px; padding: 8px 10px; font: 13px sans-serif; max-width: 260px; }
  #kg-panel h1 { font-size: 15px; margin: 0 0 6px 0; }
  #kg-search { width: 100%; box-sizing: border-box; padding: 4px; margin-bottom: 6px; }
  #kg-legend span.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 5px; }
  #kg-legend div { margin: 1px 0; }
  #kg-details { margin-top: 6px; white-space: pre-wrap; }
</style>
<div id="kg-panel">
  <h1>__TITLE__</h1>
  <input id="kg-search" type="search" placeholder="Find an entity…" aria-label="Find an entity">
  <div id="kg-status"></div>
  <div id="kg-legend">__LEGEND__</div>
  <div id="kg-details"></div>
</div>
<script>
(function () {
  var labels = __LABELS__;
  function highlight(text) {
    var wanted = (text || "").trim().toLowerCase();
    var status = document.getElementById("kg-status");
    if (!wanted) {
      network.unselectAll(); status.textContent = ""; document.body.dataset.kgHighlighted = ""; return [];
    }
    var hits = Object.keys(labels).filter(function (id) { return labels[id].toLowerCase().indexOf(wanted) >= 0; });
    network.selectNodes(hits);
    if (hits.length) { network.focus(hits[0], {scale: 1.2, animation: false}); }
    status.textContent = hits.length + (hits.length === 1 ? " match" : " matches");
    document.body.dataset.kgHighlighted = hits.join(" ");
    return hits;
  }
  window.kgHighlight = highlight;
  document.getElementById("kg-search").addEventListener("input", function (e) { highlight(e.target.value); });
  network.on("click", function (params) {
    var details = document.getElementById("kg-details");
    if (params.edges.length && !params.nodes.length) {
      var edge = edges.get(params.edges[0]);
      details.textContent = edge.kgText || "";
    } else if (params.nodes.length) {
      var node = nodes.get(params.nodes[0]);
      details.textContent = node.kgText || "";
    } else { details.textContent = ""; }
  });
  network.once("afterDrawing", function () { document.body.dataset.kgDrawn = String(nodes.length); });
})();
</script>
"""


def _node_text(data: dict[str, object]) -> str:
    parts = [str(data.get("label", "")), str(data.get("type", ""))]
    if data.get("articles"):
        parts.append(f"mentioned in {data['articles']} article(s)")
    if data.get("evidence"):
        parts.append(f"“{data['evidence']}”")
    return "\n".join(parts)


def _edge_text(data: dict[str, object]) -> str:
    head = str(data.get("type", ""))
    if data.get("date"):
        head += f" ({data['date']})"
    parts = [head]
    if data.get("evidence"):
        parts.append(f"“{str(data['evidence']).splitlines()[0]}”")
    sources = data.get("sources") or ()
    if sources:
        parts.append("source: " + ", ".join(str(s) for s in sources))  # type: ignore[attr-defined]
    return "\n".join(parts)


def _legend(graph: nx.Graph) -> str:
    kinds = sorted({str(d.get("type")) if d.get("kind") != "event" else "event" for _, d in graph.nodes(data=True)})
    families = sorted({str(d.get("type")) for *_, d in graph.edges(data=True) if d.get("type")})
    rows = [f'<div><span class="swatch" style="background:{TYPE_COLORS.get(k, _OTHER)}"></span>{html.escape(k)}</div>'
            for k in kinds]
    rows += [f'<div><span class="swatch" style="background:{EDGE_COLORS.get(f, _OTHER)};border-radius:0;height:3px">'
             f'</span>{html.escape(f)}</div>' for f in families]
    return "".join(rows)


def script_json(value: object) -> str:
    """JSON to put inside a ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u`` escapes, so that no
    text (``</script>``, ``<!--<script``) can end the element or change how the page reads it.

    >>> script_json({"label": "<!--<script>"})
    '{"label": "\\\\u003c!--\\\\u003cscript\\\\u003e"}'
    """
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def to_html(graph: nx.Graph, *, title: str = "kg graph", height: str = "760px") -> str:
    """One standalone HTML page drawing ``graph`` (from :func:`kg.graph.entity_graph` or :func:`~kg.graph.event_graph`).

    No file or network is needed to open it: vis-network is inlined.
    """
    from pyvis.network import Network

    net = Network(height=height, width="100%", directed=graph.is_directed(), cdn_resources="in_line")
    ids = {node: n for n, node in enumerate(graph)}
    labels = {}
    for node, data in graph.nodes(data=True):
        kind = "event" if data.get("kind") == "event" else str(data.get("type"))
        text = _node_text(data)
        labels[ids[node]] = str(data.get("label", node))
        net.add_node(ids[node], label=labels[ids[node]][:40], title=text, color=TYPE_COLORS.get(kind, _OTHER),
                     shape="dot" if kind != "event" else "box", size=10 + 3 * min(graph.degree(node), 10), kgText=text)
    for a, b, data in graph.edges(data=True):
        text = _edge_text(data)
        label = str(data.get("type") or data.get("role") or "")
        net.add_edge(ids[a], ids[b], label=label, title=text, color=EDGE_COLORS.get(label, _OTHER), kgText=text,
                     font={"size": 10, "align": "middle"})
    net.set_options(json.dumps({
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
        "interaction": {"hover": True, "tooltipDelay": 150},
        "edges": {"smooth": {"type": "dynamic"},
                  "arrows": {"to": {"enabled": graph.is_directed(), "scaleFactor": 0.5}}},
    }))
    page = _REMOTE_ASSET.sub("", net.generate_html(notebook=False))  # pyvis's card style still links bootstrap
    extras = (_EXTRAS.replace("__TITLE__", html.escape(title)).replace("__LEGEND__", _legend(graph))
              .replace("__LABELS__", script_json(labels)))
    page = page.replace("<title>", f"<title>{html.escape(title)}", 1) if "<title>" in page else page
    return page.replace("</body>", extras + "\n</body>", 1)


def write_html(graph: nx.Graph, path: str | Path, *, title: str = "kg graph") -> Path:
    """Write :func:`to_html` to ``path``."""
    target = Path(path)
    target.write_text(to_html(graph, title=title), encoding="utf-8")
    return target


def show(graph: nx.Graph, *, title: str = "kg graph", height: int = 640) -> object:
    """The interactive view inline in Jupyter (an iframe holding the standalone page, so it works offline)."""
    from IPython.display import HTML

    page = html.escape(to_html(graph, title=title, height=f"{height - 20}px"), quote=True)
    return HTML(f'<div><iframe srcdoc="{page}" style="width:100%;height:{height}px;border:0"></iframe></div>')


def draw(graph: nx.Graph, *, title: str | None = None, seed: int = 7, ax: Axes | None = None) -> Figure:
    """A static picture (matplotlib): nodes coloured by type, edges by family, labelled; for reports."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    if ax is None:
        figure = Figure(figsize=(12, 9))
        ax = figure.subplots()
    else:
        figure = ax.figure  # type: ignore[assignment]
    simple = nx.Graph(graph.to_undirected()) if graph.is_multigraph() else graph.to_undirected()
    layout = nx.spring_layout(simple, seed=seed, k=1.2 / max(len(simple), 1) ** 0.5)
    kinds = {n: ("event" if d.get("kind") == "event" else str(d.get("type"))) for n, d in graph.nodes(data=True)}
    nx.draw_networkx_nodes(graph, layout, ax=ax, node_color=[TYPE_COLORS.get(kinds[n], _OTHER) for n in graph],
                           node_size=[250 + 80 * min(graph.degree(n), 10) for n in graph], alpha=0.9)
    edge_colors = [EDGE_COLORS.get(str(d.get("type") or d.get("role")), _OTHER) for *_, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, layout, ax=ax, edge_color=edge_colors, arrows=graph.is_directed(), alpha=0.7,
                           node_size=300)
    nx.draw_networkx_labels(graph, layout, ax=ax, labels={n: str(d.get("label", n))[:28] for n, d in
                                                          graph.nodes(data=True)}, font_size=8)
    edge_labels: dict[tuple[str, str], str] = {}
    for a, b, d in graph.edges(data=True):
        edge_labels.setdefault((a, b), str(d.get("type") or d.get("role") or ""))
    nx.draw_networkx_edge_labels(graph, layout, ax=ax, edge_labels=edge_labels, font_size=7)
    handles = [Line2D([], [], marker="o", linestyle="", color=TYPE_COLORS.get(k, _OTHER), label=k)
               for k in sorted(set(kinds.values()))]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    ax.set_title(title or "")
    ax.set_axis_off()
    return figure


def write_png(graph: nx.Graph, path: str | Path, *, title: str | None = None) -> Path:
    """Write :func:`draw` to a PNG file."""
    figure = draw(graph, title=title)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    return Path(path)


def plot_timeline(frame: pd.DataFrame, *, title: str | None = None, ax: Axes | None = None) -> Figure:
    """Events over time (a frame from :func:`kg.graph.timeline`): one row of markers per family."""
    from matplotlib.figure import Figure

    if ax is None:
        figure = Figure(figsize=(10, 3))
        ax = figure.subplots()
    else:
        figure = ax.figure  # type: ignore[assignment]
    families = sorted(frame["family"].unique()) if len(frame) else []
    for row, family in enumerate(families):
        days = frame.loc[frame["family"] == family, "day"]
        ax.scatter(list(days), [row] * len(days), color=EDGE_COLORS.get(family, _OTHER), s=60, label=family)
    ax.set_yticks(range(len(families)), families)
    ax.set_title(title or "")
    ax.grid(axis="x", alpha=0.3)
    figure.autofmt_xdate()
    return figure
