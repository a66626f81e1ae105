"""Property-based fuzzing (Hypothesis) of what users hand kg: page bytes, text, HTML, query parameters.

Each property runs a fixed number of generated cases (``INGEST_CASES``, ``PARAMETER_CASES``), the
same cases every run (the ``kg`` profile in conftest). The promise under test is the CLI's: any
input is either read or refused with an :class:`InputError` / :class:`QueryError` (one line),
never another exception, and a parameter can only ever be a value, never SPARQL.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.errors import InputError, QueryError
from kg.ingest import parse_source, parse_text
from kg.ingest.sources import read_source
from kg.pipeline import graph_from_text
from kg.rdf import KG, RESOURCE
from kg.store import Store
from kg.store.saved import param_kinds, saved_queries

INGEST_CASES = 500  # per property: bytes, text, HTML
PARAMETER_CASES = 100  # per parameter of every saved query
PIPELINE_CASES = 150  # news-like word salad through spaCy, extraction, resolution and RDF
SECRET = "zqxhiddenmarker"  # text that must never reach an article: it sits in scripts, styles, comments


def articles_or_refusal(read):
    """Call ``read``; an article list or an InputError are the only allowed outcomes."""
    try:
        articles = read()
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc).strip(), "a refusal is one line"
        return None
    assert articles, "no articles must be a refusal, not an empty list"
    for article in articles:
        assert article.text.strip() and article.id
    return articles


@given(data=st.binary(max_size=4096), encoding=st.sampled_from([None, "utf-8", "utf-16-be", "latin-1", "cp1252",
                                                                  "no-such-codec"]))
@example(data=b"\xff\xfeT\x00h\x00e\x00 \x00e\x00n\x00v\x00o\x00y\x00", encoding=None)
@example(data=b"Talks \x00 in Minsk", encoding=None)
@settings(max_examples=INGEST_CASES, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_are_read_or_refused_in_one_line(tmp_path, data, encoding):
    page = tmp_path / "page.txt"
    page.write_bytes(data)
    articles_or_refusal(lambda: parse_source(read_source(str(page), encoding)))


@given(text=st.text(max_size=3000))
@example(text="\u2028\u2029\ufeff\u200b Talks\r\n\r\nin Minsk.\x0c")
@example(text="Headline\n\n" + "word " * 400)
@settings(max_examples=INGEST_CASES)
def test_any_unicode_text_is_read_or_refused_and_reads_the_same_twice(text):
    first = articles_or_refusal(lambda: parse_text(text, "page.txt"))
    if first is not None:
        assert [a.id for a in parse_text(text, "page.txt")] == [a.id for a in first], "ids are deterministic"


_news_words = st.sampled_from(["Belarus", "freed", "released", "52", "prisoners", "on", "Friday", "met", "with",
                               "the", "U.S.", "envoy", "John", "Smith", "sanctions", "lifted", "imposed", "in",
                               "Minsk", ",", ".", "\n\n", "'s", "(", ")", "“", "”", "—", "Mr.", "2025", "UN",
                               "will", "not", "after", "talks", "who", "said", "Lukas", "Berg", "-", ";"])


_sentence = (st.lists(_news_words | st.text(max_size=8), min_size=3, max_size=25)
             .map(" ".join).map(lambda words: words.strip() + "."))


@given(text=st.lists(_sentence, min_size=1, max_size=10).map(" ".join))
@example(text="Belarus freed 52 prisoners on Friday after talks with the U.S. envoy John Smith in Minsk.")
@settings(max_examples=PIPELINE_CASES)
def test_any_text_goes_through_the_whole_pipeline_or_is_refused(text):
    try:
        graph = graph_from_text(text, published="2025-06-06")
    except InputError:
        return
    assert len(graph) > 0  # at least the article node and its provenance
    for subject, _, _ in graph:
        assert not isinstance(subject, rdflib.Literal)


_words = st.text(alphabet=string.ascii_letters + " .,'’“”—-", min_size=1, max_size=60)
_tags = st.sampled_from(["p", "div", "span", "article", "section", "nav", "header", "footer", "aside", "figure",
                         "figcaption", "h1", "h2", "ul", "li", "a", "b", "time", "table", "td", "main"])
_attributes = st.dictionaries(st.sampled_from(["class", "id", "href", "datetime", "itemprop", "style", "title"]),
                              st.text(alphabet=string.printable, max_size=30), max_size=3)


def _element(children):
    return st.builds(
        lambda tag, attributes, inner: (f"<{tag}" + "".join(f' {k}="{v}"' for k, v in attributes.items())
                                        + f">{''.join(inner)}</{tag}>"),
        _tags, _attributes, st.lists(children, max_size=4))


_hidden = st.sampled_from([f"<script>var x = '{SECRET}';</script>", f"<style>.{SECRET} {{}}</style>",
                           f"<!-- {SECRET} -->", f"<noscript><p>{SECRET}</p></noscript>"])
_html_body = st.recursive(_words | _hidden, _element, max_leaves=25)
_broken = st.sampled_from(["", "<p>", "</div>", "<", "&amp", "&#xD800;", "<![CDATA[", "<html", "\x00"])


@given(head=st.sampled_from(["<!doctype html><html><head><title>T</title></head><body>", "<html><body>", ""]),
       body=st.lists(_html_body | _broken, min_size=1, max_size=8), tail=st.sampled_from(["</body></html>", ""]))
@settings(max_examples=INGEST_CASES)
@example(head="<html><body>", body=[f"<article><p>The envoy met the minister in Minsk.</p>"
                                    f"<script>{SECRET}</script></article>"], tail="</body></html>")
def test_any_html_is_read_or_refused_and_nothing_hidden_reaches_an_article(head, body, tail):
    page = head + "".join(body) + tail
    articles = articles_or_refusal(lambda: parse_text(page, "page.html"))
    for article in articles or ():
        assert SECRET not in article.text and SECRET not in (article.title or "")


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "store"
    graph = rdflib.Graph()
    person = RESOURCE["person-ana-lima"]
    graph.add((person, rdflib.RDF.type, KG.Person))
    graph.add((person, rdflib.RDFS.label, rdflib.Literal("Ana Lima")))
    with Store(path) as store:
        store.add_graph(RESOURCE["article-1"], graph)
        store.load_ontology()
        store.commit_record()
    return path


_PARAMETERS = [(query.name, name, param_kinds(query.text)[name])
               for query in saved_queries().values() for name in query.params]
_injections = st.sampled_from(['"} } ; DROP ALL #', "') . ?s ?p ?o } UNION { ?x ?y ?z", "\\\" ) }",
                               "<http://ex.org/x>", "Ana\nLima", "?s", "}}}}", "#", "\\u0022"])


@pytest.mark.parametrize("query_name, param, kind", _PARAMETERS, ids=[f"{q}-{p}" for q, p, _ in _PARAMETERS])
@settings(max_examples=PARAMETER_CASES, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=80) | _injections)
def test_a_saved_query_parameter_is_only_ever_a_value(small_store, query_name, param, kind, value):
    query = saved_queries()[query_name]
    with Store(small_store, read_only=True) as store:
        before = len(store)
        try:
            answer = store.query(query.text, {param: value})
        except QueryError as exc:
            # only a value that cannot be the kind the parameter takes is refused, and in one line
            assert kind in ("iri", "class") and param in str(exc) and "\n" not in str(exc)
            return
        assert len(store) == before
    assert answer.rows is not None and answer.triples is None
    if kind in ("text", "name") and "ana lima" not in value.lower():
        assert not answer.rows or query_name == "entities", "a value that names nothing matches nothing"


def test_the_fuzzed_stores_are_untouched(small_store):
    with Store(small_store, read_only=True) as store:
        assert store.query("ASK { kgr:person-ana-lima a kg:Person ; rdfs:label 'Ana Lima' }").boolean
        assert store.article_count() == 1
