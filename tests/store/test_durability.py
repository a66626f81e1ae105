"""Durable stores and all-or-nothing loads: damage is named, never a silently emptier store."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.synthetic import write_corpus

from ..conftest import SAMPLES
from ..conftest import run_kg as kg


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("durable") / "store"
    assert kg("load", str(SAMPLES), "--store", str(store), "--quiet").returncode == 0
    return store


def copy(store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(store, target)
    return target


def articles(store: Path) -> str:
    result = kg("stats", "--store", str(store))
    return result.stdout.splitlines()[0] if result.returncode == 0 else result.stderr.strip()


def test_a_load_ends_in_the_tables_so_a_lost_log_loses_nothing(loaded, tmp_path):
    store = copy(loaded, tmp_path)
    for log in store.glob("*.log"):
        log.write_bytes(b"")
    assert articles(store) == "articles   4"
    assert kg("check", "--store", str(store)).returncode == 0


def test_a_missing_table_file_is_a_damaged_store_in_one_line(loaded, tmp_path):
    store = copy(loaded, tmp_path)
    max(store.glob("*.sst"), key=lambda f: f.stat().st_size).unlink()
    result = kg("stats", "--store", str(store))
    assert result.returncode == 4 and "is damaged" in result.stderr and len(result.stderr.splitlines()) == 1


def test_kg_check_reads_every_block_and_names_a_broken_one(loaded, tmp_path):
    store = copy(loaded, tmp_path)
    assert "no damage found" in kg("check", "--store", str(store)).stdout
    for table in sorted(store.glob("*.sst")):
        data = bytearray(table.read_bytes())
        data[64:256] = bytes(192)
        table.write_bytes(bytes(data))
    result = kg("check", "--store", str(store))
    assert result.returncode == 4 and ("damaged" in result.stdout or "damaged" in result.stderr)


def test_articles_lost_behind_kgs_back_are_named_not_hidden(loaded, tmp_path):
    store = copy(loaded, tmp_path)
    raw = ox.Store(str(store))
    raw.remove_graph(next(g for g in raw.named_graphs() if "article-" in g.value))
    raw.flush()
    del raw
    result = kg("stats", "--store", str(store))
    assert result.returncode == 4 and "left 4 articles, it now holds 3" in result.stderr


def test_a_merged_triple_missing_is_found_by_check(loaded, tmp_path):
    store = copy(loaded, tmp_path)
    raw = ox.Store(str(store))
    graph = next(g for g in raw.named_graphs() if "article-" in g.value)
    quad = next(iter(raw.quads_for_pattern(None, None, None, graph)))
    raw.remove(ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()))
    raw.flush()
    del raw
    result = kg("check", "--store", str(store))
    assert result.returncode == 4 and "missing from the merged graph" in result.stdout


def test_removing_from_a_store_that_is_not_there_creates_nothing(tmp_path):
    result = kg("remove", "x.txt", "--store", str(tmp_path / "new"))
    assert result.returncode == 4 and "no store at" in result.stderr
    assert not (tmp_path / "new").exists()


def test_a_file_name_that_is_not_utf8_is_refused_before_anything_is_written(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.txt").write_text("The envoy met the minister in Minsk on Friday.\n", encoding="utf-8")
    with open(os.fsencode(folder) + b"/bad\xffname.txt", "wb") as handle:
        handle.write(b"The envoy met the minister on Friday.\n")
    result = kg("load", str(folder), "--store", str(tmp_path / "store"))
    assert result.returncode == 2 and "not valid UTF-8" in result.stderr
    assert not (tmp_path / "store").exists()


def test_an_encoding_that_writes_nul_bytes_is_not_taken_for_binary(tmp_path):
    page = tmp_path / "wide.txt"
    page.write_bytes("The envoy met the minister in Minsk on Friday, officials said.\n".encode("utf-16-be"))
    result = kg("load", str(page), "--encoding", "utf-16-be", "--store", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr
    assert "binary" in kg("load", str(page), "--store", str(tmp_path / "other")).stderr


def test_an_article_past_the_models_length_limit_is_parsed_whole_with_the_rest(tmp_path):
    folder = tmp_path / "pages"
    small = write_corpus(folder / "small", 3, seed=1)
    long_parts = write_corpus(tmp_path / "parts", 2400, seed=2)
    text = "\n\n".join(p.read_text("utf-8") for p in long_parts)
    assert len(text) > 1_000_000  # spaCy's max_length
    (folder / "long.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    result = kg("load", str(folder), "--store", str(store), "--quiet", timeout=600)
    assert result.returncode == 0, result.stderr
    assert articles(store) == f"articles   {len(small) + 1}"


@pytest.fixture
def tiny_filesystem(tmp_path) -> Iterator[Path]:
    """A 3 MB tmpfs, where this machine lets the suite mount one (root, mount allowed); else a skip."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)],
                             capture_output=True, text=True) if shutil.which("mount") else None
    if mounted is None or mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root and mount)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_a_full_disk_is_one_line_and_keeps_what_was_loaded(tiny_filesystem, tmp_path):
    store = tiny_filesystem / "store"
    first = write_corpus(tmp_path / "first", 5, seed=1)
    assert kg("load", str(first[0].parent), "--store", str(store), "--quiet").returncode == 0
    more = write_corpus(tmp_path / "more", 300, seed=2)
    result = kg("load", str(more[0].parent), "--store", str(store), "--quiet")
    assert result.returncode == 4 and "No space left" in result.stderr and len(result.stderr.splitlines()) == 1
    kept = int(articles(store).split()[1])
    assert kept >= 5  # whatever committed before the disk filled stays, whole
    assert kg("check", "--store", str(store)).returncode == 0
