"""Virtuoso's adapter, on what needs no server (the server round trip is in test_remote.py)."""

import pytest

from kg.store.virtuoso import names_graphs


@pytest.mark.parametrize(("sparql", "expected"), [
    ("SELECT * WHERE { GRAPH <urn:a> { ?s ?p ?o } }", True),
    ("ASK { graph $g { } }", True),
    ("SELECT * WHERE { FILTER(?a<?b) GRAPH ?g { ?s ?p ?o } }", True),
    ("SELECT * WHERE { ?s a kg:Graph }", False),
    ("SELECT * WHERE { ?s rdfs:label 'GRAPH ?y' }", False),
    ('SELECT * WHERE { ?s rdfs:label "say \\" GRAPH ?g" }', False),
    ('SELECT * WHERE { ?s rdfs:comment """two\nlines: GRAPH <x>""" }', False),
    ("SELECT * WHERE { ?s ?p ?o }  # not GRAPH ?g", False),
    ("SELECT * WHERE { <urn:GRAPH> ?p ?o }", False),
])
def test_only_a_graph_keyword_counts_not_the_word_in_strings_iris_or_comments(sparql, expected):
    assert names_graphs(sparql) is expected
