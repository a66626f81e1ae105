"""A sentence in, the triples out; and the ontology defines every term the graphs use."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, XSD, Literal
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import PROV

from kg.pipeline import graph_from_text
from kg.rdf import KG, RESOURCE
from kg.records import Modality

from ..conftest import facts

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "kg.ttl"


def test_meeting_sentence_gives_event_node_direct_edges_and_provenance():
    graph = graph_from_text("Emmanuel Macron met with Angela Merkel in Berlin on Friday.", published="2025-12-12")
    [event] = list(graph.subjects(RDF.type, KG.Meeting))
    macron, scholz = RESOURCE["person-emmanuel-macron"], RESOURCE["person-angela-merkel"]
    assert (event, KG.agent, macron) in graph
    assert (event, KG.target, scholz) in graph
    assert (event, KG.date, Literal("2025-12-12", datatype=XSD.date)) in graph
    assert (event, KG.place, RESOURCE["place-berlin"]) in graph
    assert (event, RDF.type, KG.Event) in graph
    assert (macron, KG.metWith, scholz) in graph and (scholz, KG.metWith, macron) in graph
    [article] = list(graph.objects(event, PROV.wasDerivedFrom))
    assert (article, RDF.type, KG.Article) in graph
    assert str(graph.value(event, KG.evidence)) == "Emmanuel Macron met with Angela Merkel in Berlin on Friday."


def test_release_quantity_and_partial_date_are_typed_literals():
    graph = graph_from_text("Belarus released more than 50 prisoners in September.", published="2025-12-12")
    [event] = list(graph.subjects(RDF.type, KG.Release))
    assert graph.value(event, KG.quantity) == Literal(50)
    assert graph.value(event, KG.quantityQualifier) == Literal("more than")
    assert graph.value(event, KG.date) == Literal("2025-09", datatype=XSD.gYearMonth)
    [group] = list(graph.objects(event, KG.target))
    assert (group, RDF.type, KG.Group) in graph
    assert (RESOURCE["country-BLR"], KG.released, group) in graph


def test_relief_sentence_gives_relief_edge_and_no_sanction():
    text = "The United States lifted sanctions on Belavia, the national airline."
    graph = graph_from_text(text, published="2025-09-11")
    expected = rdflib.Graph()
    expected.add((RESOURCE["country-USA"], KG.liftedSanctionsOn, RESOURCE["org-belavia"]))
    edges = rdflib.Graph()
    for triple in graph.triples((None, KG.liftedSanctionsOn, None)):
        edges.add(triple)
    in_both, only_expected, only_built = graph_diff(to_isomorphic(expected), to_isomorphic(edges))
    assert not only_expected and not only_built
    assert list(graph.subjects(RDF.type, KG.Sanction)) == []
    assert list(graph.triples((None, KG.sanctioned, None))) == []


def test_unasserted_events_are_kept_with_their_modality_outside_kg_event():
    text = "Xi Jinping plans to meet Shigeru Ishiba in Tokyo next month."
    [planned] = [f for f in facts(text) if f.family == "Meeting"]
    assert planned.modality is Modality.PLANNED
    graph = graph_from_text(text, published="2025-12-12")
    assert list(graph.subjects(RDF.type, KG.Event)) == []  # default answers never see it
    assert list(graph.triples((None, KG.metWith, None))) == []
    [node] = graph.subjects(RDF.type, KG.UnassertedEvent)
    assert graph.value(node, KG.modality) == KG.Planned
    assert graph.value(node, KG.eventType) == KG.Meeting
    assert {str(graph.value(x, RDFS.label)) for x in graph.objects(node, KG.agent)} == {"Xi Jinping"}


def test_every_event_has_a_confidence_and_descriptions_score_lower_than_names():
    graph = graph_from_text("The United States freed Maria Kalesnikava and several prisoners.", published="2025-12-12")
    scores = {}
    for event in graph.subjects(RDF.type, KG.Release):
        target = graph.value(graph.value(event, KG.target), RDFS.label)
        scores[str(target)] = graph.value(event, KG.confidence).toPython()
    assert set(scores) == {"Maria Kalesnikava", "several prisoners"}
    assert 0 < scores["several prisoners"] < scores["Maria Kalesnikava"] <= 1


def test_two_articles_reporting_one_meeting_give_one_event_with_two_sources():
    first = graph_from_text("Kenyan President William Ruto met Abiy Ahmed in Nairobi on Tuesday.",
                            published="2025-05-02")
    second = graph_from_text("Abiy Ahmed held talks with William Ruto on Tuesday, Ethiopian media said.",
                             published="2025-05-02")
    union = first + second
    [event] = set(union.subjects(RDF.type, KG.Meeting))
    assert len(set(union.objects(event, PROV.wasDerivedFrom))) == 2
    assert len(set(union.objects(event, KG.evidence))) == 2


def test_an_event_nobody_is_named_in_stays_out_of_the_graph():
    graph = graph_from_text("The embargo began in 2014.", published="2025-05-02")
    assert list(graph.subjects(RDF.type, KG.Event)) == []


def test_building_the_same_text_twice_gives_the_same_graph():
    text = "Japan imposed sanctions on Gazprom Neft on Monday."
    first = graph_from_text(text, published="2025-12-12")
    second = graph_from_text(text, published="2025-12-12")
    assert to_isomorphic(first) == to_isomorphic(second)
    assert set(first) == set(second)  # no blank nodes: the very same IRIs


def test_ontology_defines_every_term_of_the_namespace_and_nothing_else():
    ontology = rdflib.Graph().parse(ONTOLOGY)
    defined = {str(s) for s in ontology.subjects() if str(s).startswith(str(KG._NS))}
    assert defined == {str(KG._NS[name]) for name in KG.__annotations__}
    for term in defined:
        node = rdflib.URIRef(term)
        assert ontology.value(node, RDFS.label) is not None, term
        assert ontology.value(node, RDFS.comment) is not None, term


def test_graphs_use_only_ontology_terms_under_the_kg_namespace():
    graph = graph_from_text(
        "Lukashenko met with John Coale in Minsk on Friday. Belarus freed 123 prisoners on Saturday. "
        "The U.S. lifted sanctions on Belaruskali.", published="2025-12-14",
    )
    ontology = rdflib.Graph().parse(ONTOLOGY)
    defined = set(ontology.subjects())
    used = {t for triple in graph for t in triple if str(t).startswith(str(KG._NS))}
    assert used and used <= defined


def test_relation_sentence_gives_relation_node_direct_edge_and_evidence():
    text = "Kenyan President William Ruto met Ghanaian President John Mahama in Accra."
    graph = graph_from_text(text, published="2025-12-12")
    ruto, kenya = RESOURCE["person-william-ruto"], RESOURCE["country-KEN"]
    assert (ruto, KG.leaderOf, kenya) in graph
    [relation] = [r for r in graph.subjects(KG.subjectEntity, ruto) if (r, KG.relationType, KG.leaderOf) in graph]
    assert (relation, RDF.type, KG.Relation) in graph
    assert (relation, KG.objectEntity, kenya) in graph
    assert (relation, KG.evidence, Literal(text)) in graph
    assert 0 < float(graph.value(relation, KG.confidence)) <= 1
    assert graph.value(relation, PROV.wasDerivedFrom) is not None


def test_symmetric_relation_has_edges_both_ways():
    graph = graph_from_text("Anna Berg, the wife of Erik Berg, opened the exhibition.", published="2025-12-12")
    anna, erik = RESOURCE["person-anna-berg"], RESOURCE["person-erik-berg"]
    assert (anna, KG.spouseOf, erik) in graph and (erik, KG.spouseOf, anna) in graph


def test_span_dates_give_earliest_and_latest_day():
    graph = graph_from_text("Gustavo Petro met Javier Milei last week.", published="2025-12-12")
    [event] = list(graph.subjects(RDF.type, KG.Meeting))
    assert graph.value(event, KG.earliestDate) == Literal("2025-12-01", datatype=XSD.date)
    assert graph.value(event, KG.latestDate) == Literal("2025-12-07", datatype=XSD.date)
    assert graph.value(event, KG.date) is None
