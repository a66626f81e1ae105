"""From sentences to networkx: the entity graph and the event graph a notebook user gets."""

from __future__ import annotations

from datetime import date

import pytest

from kg.graph import Filters, entity_graph, event_graph, nodes_frame
from kg.pipeline import graph_from_text

TEXT = (
    "Norwegian Prime Minister Lena Moreno met Mexico's president, Rafael Duarte, in Oslo on Monday. "
    "On Tuesday, Mexico freed the Norwegian journalist Tomas Lindqvist. "
    "Norway imposed sanctions on Andes Gold in August. "
    "Moreno said the talks had gone well."
)


@pytest.fixture(scope="module")
def rdf():
    return graph_from_text(TEXT, published="2025-10-10")  # a Friday


def labelled(graph) -> set[tuple[str, str, str]]:
    return {(graph.nodes[a]["label"], d["type"], graph.nodes[b]["label"]) for a, b, d in graph.edges(data=True)}


def test_events_and_relations_between_two_entities_are_edges_with_their_evidence(rdf):
    graph = entity_graph(rdf)
    edges = labelled(graph)
    assert ("Lena Moreno", "Meeting", "Rafael Duarte") in edges
    assert ("Mexico", "Release", "Tomas Lindqvist") in edges
    assert ("Norway", "Sanction", "Andes Gold") in edges
    assert ("Lena Moreno", "leaderOf", "Norway") in edges
    meeting = next(d for *_, d in graph.edges(data=True) if d["type"] == "Meeting")
    assert meeting["date"] == "2025-10-06" and "met Mexico's president" in meeting["evidence"]
    assert meeting["kind"] == "event" and 0 < meeting["confidence"] <= 1
    assert not any(d["type"] == "Statement" for *_, d in graph.edges(data=True)), "statements are left out by default"


def test_nodes_carry_label_type_and_article_count(rdf):
    frame = nodes_frame(entity_graph(rdf)).set_index("label")
    assert frame.loc["Norway", "type"] == "Country" and frame.loc["Lena Moreno", "type"] == "Person"
    assert frame.loc["Andes Gold", "articles"] == 1


def test_filters_by_family_date_and_type(rdf):
    only_meetings = entity_graph(rdf, Filters(families=("Meeting",)))
    assert {d["type"] for *_, d in only_meetings.edges(data=True)} == {"Meeting"}
    since_october = entity_graph(rdf, Filters(since=date(2025, 10, 1), relations=False))
    assert {d["type"] for *_, d in since_october.edges(data=True)} == {"Meeting", "Release"}  # August's sanction left
    people = entity_graph(rdf, Filters(entity_types=("Person",)))
    assert {d["type"] for *_, d in people.edges(data=True)} == {"Meeting"}


def test_the_event_graph_has_events_as_nodes_linked_to_their_participants_by_role(rdf):
    graph = event_graph(rdf)
    release = next(n for n, d in graph.nodes(data=True) if d.get("type") == "Release")
    roles = {graph.nodes[b]["label"]: d["role"] for _, b, d in graph.out_edges(release, data=True)}
    assert roles == {"Mexico": "agent", "Tomas Lindqvist": "target"}
    meeting = next(n for n, d in graph.nodes(data=True) if d.get("type") == "Meeting")
    assert {graph.nodes[b]["label"]: d["role"] for _, b, d in graph.out_edges(meeting, data=True)}["Oslo"] == "place"
