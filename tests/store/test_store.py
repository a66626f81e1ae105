"""The embedded store: named graphs, set semantics, idempotent loads, clear errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
import rdflib
from rdflib import RDF, RDFS, Literal

from kg.errors import QueryError, StoreError
from kg.rdf import KG, RESOURCE
from kg.store import Store


def graph(*triples):
    g = rdflib.Graph()
    for t in triples:
        g.add(t)
    return g


LUKASHENKO = (RESOURCE["person-a"], RDF.type, KG.Person)
LABEL = (RESOURCE["person-a"], RDFS.label, Literal("Alexander Lukashenko"))
OTHER = (RESOURCE["person-b"], RDF.type, KG.Person)
ARTICLES = {str(RESOURCE["article-1"]), str(RESOURCE["article-2"])}


def graph_names(dataset: rdflib.Dataset) -> set[str]:
    return {str(g.identifier) for g in dataset.graphs() if len(g)}


def test_triple_shared_by_two_articles_is_counted_once(tmp_path):
    with Store(tmp_path / "s") as store:
        store.add_graph(RESOURCE["article-1"], graph(LUKASHENKO, LABEL))
        store.add_graph(RESOURCE["article-2"], graph(LUKASHENKO, OTHER))
        assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Person }").values() == [{"n": "2"}]
        assert store.query(
            "SELECT (COUNT(?g) AS ?n) WHERE { GRAPH ?g { kgr:person-a a kg:Person } }"
        ).values() == [{"n": "2"}]


def test_removing_an_article_keeps_what_another_article_supports(tmp_path):
    with Store(tmp_path / "s") as store:
        store.add_graph(RESOURCE["article-1"], graph(LUKASHENKO, LABEL))
        store.add_graph(RESOURCE["article-2"], graph(LUKASHENKO))
        assert store.remove_graph(RESOURCE["article-1"])
        rows = store.query("SELECT ?s ?p WHERE { ?s ?p ?o }").values()
        assert rows == [{"s": str(RESOURCE["person-a"]), "p": str(RDF.type)}]


def test_replacing_an_article_is_one_transaction_with_the_new_content(tmp_path):
    with Store(tmp_path / "s") as store:
        store.add_graph(RESOURCE["article-1"], graph(LUKASHENKO, LABEL))
        store.add_graph(RESOURCE["article-1"], graph(OTHER), replace=True)
        assert store.query("SELECT ?s WHERE { ?s a kg:Person }").values() == [{"s": str(RESOURCE["person-b"])}]


def test_export_formats_keep_or_merge_graphs(tmp_path):
    with Store(tmp_path / "s") as store:
        store.add_graph(RESOURCE["article-1"], graph(LUKASHENKO, LABEL))
        store.add_graph(RESOURCE["article-2"], graph(LUKASHENKO))
        turtle = rdflib.Graph().parse(data=store.export_text("turtle"), format="turtle")
        assert len(turtle) == 2
        trig = rdflib.Dataset()
        trig.parse(data=store.export_text("trig"), format="trig")
        assert graph_names(trig) == ARTICLES
        nquads = store.export_text("nquads").strip().splitlines()
        assert len(nquads) == 3
        jsonld = rdflib.Dataset()
        jsonld.parse(data=store.export_text("jsonld"), format="json-ld")
        assert sum(len(g) for g in jsonld.graphs()) == 3


def test_malformed_query_is_one_line_query_error(tmp_path):
    with Store(tmp_path / "s") as store, pytest.raises(QueryError, match="does not parse") as info:
        store.query("SELEC ?x WHERE { ?x ?y ?z }")
    assert "\n" not in str(info.value)


def test_missing_store_for_reading_says_how_to_create_one(tmp_path):
    with pytest.raises(StoreError, match="no store at .*kg load"):
        Store(tmp_path / "absent", read_only=True)


def test_second_writer_gets_a_store_in_use_error(tmp_path):
    path = tmp_path / "s"
    with Store(path):
        code = (
            "import sys\nfrom kg.store import Store\nfrom kg.errors import StoreError\n"
            f"try:\n    Store({str(path)!r})\nexcept StoreError as e:\n    print(e); sys.exit(3)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 3
    assert "is in use by another kg process" in result.stdout


def test_reader_can_query_while_a_writer_holds_the_store(tmp_path):
    path = tmp_path / "s"
    with Store(path) as writer:
        writer.add_graph(RESOURCE["article-1"], graph(LUKASHENKO))
        writer.flush()
        with Store(path, read_only=True) as reader:
            assert reader.query("ASK { ?s a kg:Person }").boolean is True


def test_to_rdflib_returns_one_graph_per_article(tmp_path):
    with Store(tmp_path / "s") as store:
        store.add_graph(RESOURCE["article-1"], graph(LUKASHENKO))
        store.add_graph(RESOURCE["article-2"], graph(OTHER))
        dataset = store.to_rdflib()
    assert graph_names(dataset) == ARTICLES


def test_a_folder_of_other_files_is_never_used_as_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a kg store"):
        Store(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_file_is_not_a_store(tmp_path):
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        Store(path)


def test_ontology_is_written_once_and_not_rewritten_when_unchanged(tmp_path, monkeypatch):
    with Store(tmp_path / "s") as store:
        assert store.load_ontology()
        assert store.query("ASK { kg:Meeting rdfs:subClassOf kg:Event }").boolean is True
        writes: list[object] = []
        monkeypatch.setattr(store, "add_graph", lambda *a, **k: writes.append(a))
        store.load_ontology()
        assert writes == []
