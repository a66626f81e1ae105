"""The kg command as a user runs it: bad input never gives a traceback nor touches the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SAMPLES
from .conftest import run_kg as kg

GOOD = "Tayyip Erdogan hosted Ilham Aliyev in Ankara on Friday.\n\nThe two leaders also discussed trade.\n"


@pytest.fixture()
def loaded_store(tmp_path: Path) -> Path:
    article = tmp_path / "good.txt"
    article.write_text(GOOD)
    store = tmp_path / "store"
    result = kg("load", str(article), "--store", str(store), "--date", "2025-12-12")
    assert result.returncode == 0, result.stderr
    return store


def export(store: Path) -> str:
    result = kg("export", "--store", str(store), "--format", "nquads")
    assert result.returncode == 0, result.stderr
    return result.stdout


def write_bad(tmp_path: Path, kind: str) -> str:
    path = tmp_path / f"bad-{kind}.txt"
    if kind == "missing":
        return str(path)
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    elif kind == "encoding":
        path.write_bytes("Talks in Malmö resumed on Friday.".encode("cp1252"))
    return str(path)


@pytest.mark.parametrize("kind", ["missing", "empty", "binary", "encoding"])
def test_bad_input_is_one_line_nonzero_and_leaves_the_store_as_it_was(tmp_path, loaded_store, kind):
    before = export(loaded_store)
    other = tmp_path / "other.txt"
    other.write_text("Kenya freed 30 detainees on Monday.\n")
    bad = write_bad(tmp_path, kind)
    result = kg("load", str(other), bad, "--store", str(loaded_store))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "bad-" in lines[0]
    assert export(loaded_store) == before


def test_malformed_query_is_one_line_and_nonzero(loaded_store):
    result = kg("query", "--store", str(loaded_store), "SELECT ?x WHERE { ?x ?y }")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "query does not parse" in result.stderr


def test_query_on_a_missing_store_says_how_to_make_one(tmp_path):
    result = kg("query", "--store", str(tmp_path / "none"), "ASK { ?s ?p ?o }")
    assert result.returncode != 0 and "kg load" in result.stderr


def test_loading_the_same_article_twice_changes_nothing(tmp_path, loaded_store):
    before = export(loaded_store)
    first = kg("load", str(tmp_path / "good.txt"), "--store", str(loaded_store), "--date", "2025-12-12")
    assert "1 already in the store" in first.stdout
    assert export(loaded_store) == before
    forced = kg("load", str(tmp_path / "good.txt"), "--store", str(loaded_store), "--date", "2025-12-12", "--force")
    assert forced.returncode == 0
    assert export(loaded_store) == before


def test_standard_input_and_query_formats(tmp_path):
    store = tmp_path / "store"
    text = b"Belarus released 52 prisoners on Thursday.\n"
    result = kg("load", "-", "--store", str(store), "--date", "2025-09-11", stdin=text)
    assert result.returncode == 0, result.stderr
    query = "SELECT ?q ?d WHERE { ?e a kg:Release ; kg:quantity ?q ; kg:date ?d }"
    assert kg("query", "--store", str(store), query, "--format", "csv").stdout.splitlines() == ["q,d", "52,2025-09-11"]
    assert '"value": "52"' in kg("query", "--store", str(store), query, "--format", "json").stdout
    table = kg("query", "--store", str(store), query).stdout
    assert "52" in table and "(1 row)" in table


def test_export_to_a_file_in_each_format(tmp_path, loaded_store):
    import rdflib

    for fmt, parser in [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")]:
        target = tmp_path / f"out.{fmt}"
        assert kg("export", "--store", str(loaded_store), "--format", fmt, "-o", str(target)).returncode == 0
        dataset = rdflib.Dataset()
        dataset.parse(target, format=parser)
        assert sum(len(g) for g in dataset.graphs()) > 10


def test_unknown_model_is_a_clear_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(GOOD)
    result = kg("load", str(article), "--store", str(tmp_path / "s"), "--model", "en_core_web_nope")
    assert result.returncode != 0
    assert "spaCy pipeline 'en_core_web_nope' is not installed" in result.stderr


def test_samples_load_from_a_folder(tmp_path):
    result = kg("load", str(SAMPLES), "--store", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    assert "loaded 4 of 4 articles" in result.stdout


def test_the_same_story_from_another_page_only_adds_that_page(tmp_path, loaded_store):
    before = set(export(loaded_store).splitlines())
    copy = tmp_path / "copy-of-good.txt"
    copy.write_text("Home\nWorld\n" + GOOD + "Recommended Articles\n")
    assert "1 already in the store" in kg("load", str(copy), "--store", str(loaded_store)).stdout
    added = set(export(loaded_store).splitlines()) - before
    assert len(added) == 1 and '"copy-of-good.txt"' in added.pop()


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("samples") / "store"
    result = kg("load", str(SAMPLES), "--store", str(store), "--quiet")
    assert result.returncode == 0, result.stderr
    return store


def test_saved_query_with_a_parameter_keeps_only_that_actor(samples_store):
    every = kg("query", "--store", str(samples_store), "--name", "releases", "--format", "json")
    belarus = kg("query", "--store", str(samples_store), "--name", "releases", "--param", "actor=Minsk",
                 "--format", "json")
    assert every.returncode == belarus.returncode == 0, belarus.stderr
    import json

    rows = json.loads(belarus.stdout)["results"]["bindings"]
    assert rows and {r["by"]["value"] for r in rows} == {"Belarus"}
    assert len(rows) < len(json.loads(every.stdout)["results"]["bindings"])


def test_a_parameter_is_bound_as_a_literal_never_read_as_sparql(samples_store):
    attack = 'x" ) } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o #'
    result = kg("query", "--store", str(samples_store), "--name", "releases", "--param", f"actor={attack}",
                "--format", "json")
    assert result.returncode == 0, result.stderr
    import json

    assert json.loads(result.stdout)["results"]["bindings"] == []


def test_unknown_saved_query_or_parameter_is_one_line(samples_store):
    for args in (["--name", "nothing"], ["--name", "releases", "--param", "who=Belarus"],
                 ["--name", "releases", "--param", "actor"]):
        result = kg("query", "--store", str(samples_store), *args)
        assert result.returncode == 5 and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_every_saved_query_runs_and_is_listed(samples_store):
    listed = kg("query", "--list").stdout
    for name in ("meetings", "releases", "sanctions", "evidence", "entities"):
        assert name in listed
        assert kg("query", "--store", str(samples_store), "--name", name).returncode == 0


def test_stats_counts_what_the_store_holds(samples_store):
    result = kg("stats", "--store", str(samples_store))
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert lines["articles"].strip() == "4"  # three pages, one with a second story glued on
    assert "Country" in lines["entities"] and "Meeting" in lines["events"]


def test_remove_drops_the_article_and_what_only_it_supported(tmp_path, loaded_store):
    other = tmp_path / "other.txt"
    other.write_text("Ilham Aliyev met Nikol Pashinyan in Abu Dhabi on Thursday.\n")
    assert kg("load", str(other), "--store", str(loaded_store), "--date", "2025-12-12").returncode == 0
    before = export(loaded_store)
    assert "Pashinyan" in before
    removed = kg("remove", "other.txt", "--store", str(loaded_store))
    assert removed.returncode == 0, removed.stderr
    after = export(loaded_store)
    assert "Pashinyan" not in after and "Erdogan" in after and "Aliyev" in after
    missing = kg("remove", "other.txt", "--store", str(loaded_store))
    assert missing.returncode == 2 and "nothing was removed" in missing.stderr
