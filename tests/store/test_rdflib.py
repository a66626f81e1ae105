"""rdflib users are first-class: the store's answers equal rdflib's, and data moves both ways."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib

from kg.config import Settings
from kg.pipeline import load_paths
from kg.rdf import KG
from kg.store import Answer, Store, rdflib_query
from kg.store.saved import saved_queries

from ..conftest import SAMPLES

# Parameters that select something in the samples, so each query is compared on a non-empty answer too.
SAMPLE_PARAMS = {
    "meetings": {"entity": "Lukashenko"},
    "releases": {"actor": "Belarus"},
    "sanctions": {"target": "Rosneft"},
    "evidence": {"words": "Meeting"},
    "entities": {"type": "Country"},
}

CUSTOM_QUERIES = [
    "SELECT ?family (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Event, ?family . ?family rdfs:subClassOf kg:Event } "
    "GROUP BY ?family",
    "SELECT ?who ?date WHERE { ?e a kg:Release ; kg:target/rdfs:label ?who . OPTIONAL { ?e kg:date ?date } }",
    "SELECT ?label WHERE { ?e a kg:Country ; rdfs:label ?label FILTER(STRSTARTS(?label, 'T')) }",
    "ASK { ?e a kg:SanctionRelief }",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("samples") / "store"
    load_paths([str(SAMPLES)], Settings(store=Path(path)), progress=False)
    with Store(path) as opened:
        yield opened


@pytest.fixture(scope="module")
def merged(store) -> rdflib.Graph:
    return store.merged_graph()


def same_rows(answer: Answer) -> Counter[tuple[str | None, ...]]:
    """Rows as a multiset: engines may order ties differently."""
    return Counter(tuple(row.values()) for row in answer.values())


@pytest.mark.parametrize("name", sorted(SAMPLE_PARAMS))
def test_every_saved_query_gets_the_same_answer_from_rdflib(store, merged, name):
    text = saved_queries()[name].text
    for bindings in ({}, SAMPLE_PARAMS[name]):
        ours = store.query(text, bindings)
        theirs = rdflib_query(merged, text, bindings)
        assert ours.variables == theirs.variables
        assert same_rows(ours) == same_rows(theirs)
    assert ours.rows, f"{name} with {SAMPLE_PARAMS[name]} should select something in the samples"


def test_counts_read_by_a_sub_select_keep_who_and_whom_in_both_engines(store, merged):
    # releases joins its rare counts as OPTIONAL { SELECT ... }, which rdflib 7.1 answered
    # without the outer bindings; a row with a count must still say who was freed
    text = saved_queries()["releases"].text
    for answer in (store.query(text), rdflib_query(merged, text)):
        counted = [row for row in answer.values() if row["count"] is not None]
        assert counted and all(row["released"] for row in counted)


def test_an_event_bound_by_its_iri_gets_the_same_answer_from_rdflib(store, merged):
    event = store.query("SELECT ?e WHERE { ?e a kg:Meeting } ORDER BY ?e LIMIT 1").values()[0]["e"]
    text = saved_queries()["evidence"].text
    ours, theirs = store.query(text, {"event": event}), rdflib_query(merged, text, {"event": event})
    assert ours.rows and same_rows(ours) == same_rows(theirs)


@pytest.mark.parametrize("query", CUSTOM_QUERIES)
def test_custom_queries_get_the_same_answer_from_rdflib(store, merged, query):
    ours, theirs = store.query(query), rdflib_query(merged, query)
    assert ours.boolean == theirs.boolean
    assert same_rows(ours) == same_rows(theirs)


def test_the_merged_graph_is_what_queries_read(store, merged):
    count = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()[0]["n"]
    assert int(count or 0) == len(merged)
    assert (None, rdflib.RDF.type, KG.Meeting) in merged


def test_the_rdflib_view_is_the_live_store(store):
    view = store.rdflib_view()
    articles = set(view.default_graph.subjects(rdflib.RDF.type, KG.Article))
    stored = store.query("SELECT ?a WHERE { ?a a kg:Article }").values()
    assert {rdflib.URIRef(row["a"] or "") for row in stored} == articles and len(articles) >= 4
    answer = view.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Meeting }")
    expected = store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Meeting }").values()[0]["n"]
    assert [str(row[0]) for row in answer] == [expected]
    named = {g.identifier for g in view.graphs()}
    assert articles <= named


def test_an_rdflib_dataset_goes_into_a_new_store_unchanged(store, tmp_path):
    dataset = store.to_rdflib()
    with Store(tmp_path / "copy") as copy:
        copy.load_ontology()
        written = copy.add_rdflib(dataset)
        assert written == sum(len(g) for g in dataset.graphs())
        assert sorted(copy.export_text("nquads").splitlines()) == sorted(store.export_text("nquads").splitlines())
        assert same_rows(copy.query(saved_queries()["meetings"].text)) == same_rows(
            store.query(saved_queries()["meetings"].text))


def test_an_rdflib_graph_needs_an_iri_to_become_a_named_graph(tmp_path):
    from kg.errors import StoreError

    graph = rdflib.Graph()
    graph.add((rdflib.URIRef("http://example.org/x"), rdflib.RDF.type, KG.Person))
    with Store(tmp_path / "s") as opened:
        with pytest.raises(StoreError, match="needs a name"):
            opened.add_rdflib(graph)
        assert opened.add_rdflib(graph, name=rdflib.URIRef("http://example.org/g")) == 1
        assert opened.query("ASK { ?x a kg:Person }").boolean is True
