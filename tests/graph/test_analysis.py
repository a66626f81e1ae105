"""Analytics on graphs whose answers are known by construction."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import centrality, communities, ego_graph, find_entity, path_table, shortest_path, timeline


def graph_of(edges: list[tuple[str, str, str]], dated: dict[tuple[str, str], str] | None = None) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for a, family, b in edges:
        for node in (a, b):
            graph.add_node(node.lower(), label=node, type="Person")
        date = (dated or {}).get((a, b))
        graph.add_edge(a.lower(), b.lower(), kind="event", type=family, evidence=f"{a} {family} {b}.", date=date,
                       sources=["page.txt"])
    return graph


def test_a_star_has_its_hub_first_by_degree_and_pagerank():
    star = graph_of([("Hub", "Meeting", leaf) for leaf in ("A", "B", "C", "D")])
    table = centrality(star)
    assert table.loc[0, "label"] == "Hub"
    assert table.loc[0, "degree"] == 4 and table.loc[0, "degree_centrality"] == pytest.approx(1.0)
    assert table["pagerank"].sum() == pytest.approx(1.0)
    leaves = table[table["label"] != "Hub"]
    assert leaves["pagerank"].nunique() == 1 and (leaves["pagerank"] < table.loc[0, "pagerank"]).all()


def test_repeated_events_weigh_more_in_pagerank():
    graph = graph_of([("A", "Meeting", "B"), ("A", "Meeting", "B"), ("A", "Meeting", "B"), ("A", "Meeting", "C")])
    ranks = dict(zip(centrality(graph)["label"], centrality(graph)["pagerank"], strict=True))
    assert ranks["B"] > ranks["C"]


def test_two_cliques_joined_by_one_edge_are_two_communities():
    left = [(a, "Meeting", b) for a, b in (("A", "B"), ("B", "C"), ("A", "C"))]
    right = [(a, "Meeting", b) for a, b in (("X", "Y"), ("Y", "Z"), ("X", "Z"))]
    groups = communities(graph_of(left + right + [("C", "Release", "X")]))
    assert groups == [["A", "B", "C"], ["X", "Y", "Z"]]


def test_the_shortest_path_follows_edges_either_way_and_keeps_the_evidence():
    graph = graph_of([("Coale", "Meeting", "Lukashenko"), ("Lukashenko", "Release", "Bialiatski"),
                      ("Tsikhanouskaya", "Meeting", "Bialiatski"), ("Coale", "Meeting", "Far"),
                      ("Far", "Meeting", "Farther"), ("Farther", "Meeting", "Farthest"),
                      ("Farthest", "Meeting", "Tsikhanouskaya")])
    steps = shortest_path(graph, "coale", "Tsikhanouskaya")
    assert [s.text for s in steps] == [
        "Coale —Meeting→ Lukashenko", "Lukashenko —Release→ Bialiatski", "Bialiatski ←Meeting— Tsikhanouskaya",
    ]
    assert steps[1].evidence == "Lukashenko Release Bialiatski."
    table = path_table(steps)
    assert list(table["relation"]) == ["Meeting", "Release", "Meeting"] and list(table["direction"]) == ["→", "→", "←"]


def test_no_path_and_unknown_names_are_errors_that_say_so():
    graph = graph_of([("A", "Meeting", "B"), ("C", "Meeting", "D")])
    with pytest.raises(nx.NetworkXNoPath):
        shortest_path(graph, "A", "D")
    with pytest.raises(KeyError, match="no entity called 'Q'"):
        shortest_path(graph, "A", "Q")


def test_a_name_matching_several_entities_lists_them():
    graph = graph_of([("Ann Lee", "Meeting", "Bo Lee")])
    with pytest.raises(KeyError, match="Ann Lee, Bo Lee"):
        find_entity(graph, "Lee")
    assert find_entity(graph, "ann lee") == "ann lee"


def test_the_ego_network_reaches_depth_steps_in_either_direction():
    chain = graph_of([("A", "Meeting", "B"), ("C", "Meeting", "B"), ("C", "Meeting", "D"), ("D", "Meeting", "E")])
    assert sorted(ego_graph(chain, "B", depth=1)) == ["a", "b", "c"]
    assert sorted(ego_graph(chain, "B", depth=2)) == ["a", "b", "c", "d"]


def test_the_timeline_of_an_entity_is_its_dated_events_in_order_with_partial_dates_in_place():
    graph = graph_of([("A", "Meeting", "B"), ("A", "Release", "C"), ("B", "Sanction", "D"), ("A", "Meeting", "D")],
                     dated={("A", "B"): "2025-12-12", ("A", "C"): "2025-08", ("B", "D"): "2025-01-02"})
    frame = timeline(graph, "A")
    assert list(frame["date"]) == ["2025-08", "2025-12-12"]  # the undated meeting and B's sanction are not A's timeline
    assert list(frame["family"]) == ["Release", "Meeting"]
    assert len(timeline(graph)) == 3
