"""Graph stage: the store projected to networkx, and the analytics users run on it.

>>> from kg.pipeline import graph_from_text
>>> rdf = graph_from_text("Chile freed the activist Lena Novak in Santiago on Monday.", published="2025-03-07")
>>> graph = entity_graph(rdf)
>>> sorted(graph.nodes[n]["label"] for n in graph)
['Chile', 'Lena Novak']
"""

from kg.graph.analysis import (
    Step,
    centrality,
    communities,
    edges_frame,
    ego_graph,
    nodes_frame,
    path_table,
    shortest_path,
    timeline,
    undirected,
)
from kg.graph.projection import (
    DEFAULT_EXCLUDED_FAMILIES,
    Filters,
    Records,
    entity_graph,
    event_graph,
    find_entity,
    first_day,
    read_records,
    select,
)

__all__ = [
    "DEFAULT_EXCLUDED_FAMILIES", "Filters", "Records", "Step", "centrality", "communities", "edges_frame",
    "ego_graph", "entity_graph", "event_graph", "find_entity", "first_day", "nodes_frame", "path_table",
    "read_records", "select", "shortest_path", "timeline", "undirected",
]
