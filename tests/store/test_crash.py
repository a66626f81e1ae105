"""The store survives what users do to processes: SIGKILL mid-load, two writers at once, several workers."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.synthetic import write_corpus

ARTICLES = 150
_PROGRESS = re.compile(rb"(\d+)/" + str(ARTICLES).encode())


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def _graphs(store: Path) -> dict[str, set[str]]:
    """Every named graph of a store with its quads, as N-Quads lines (the ontology graph left out)."""
    opened = ox.Store.read_only(str(store))
    graphs: dict[str, set[str]] = {}
    for name in opened.named_graphs():
        if "ontology" in name.value:
            continue
        graphs[name.value] = {str(q) for q in opened.quads_for_pattern(None, None, None, name)}
    return graphs


def _start_load(corpus: Path, store: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(_kg("load", str(corpus), "--store", str(store)), stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL)


def _wait_for_progress(process: subprocess.Popen[bytes], articles: int) -> None:
    """Read the progress bar until at least ``articles`` are committed."""
    assert process.stderr is not None
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        chunk = os.read(process.stderr.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
        done = [int(n) for n in _PROGRESS.findall(seen)]
        if done and max(done) >= articles:
            return
    pytest.fail(f"the load never reported {articles} articles: {seen[-300:]!r}")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, ARTICLES, seed=7)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, set[str]]:
    """The store a load that nobody interrupted leaves behind."""
    store = tmp_path_factory.mktemp("reference") / "store"
    subprocess.run(_kg("load", str(corpus), "--store", str(store), "--quiet"), check=True)
    return _graphs(store)


def test_sigkill_mid_load_keeps_every_committed_article_and_a_reload_completes(corpus, reference, tmp_path):
    store = tmp_path / "store"
    process = _start_load(corpus, store)
    _wait_for_progress(process, 20)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.stderr is not None
    process.stderr.close()

    survived = _graphs(store)
    assert 20 <= len(survived) < ARTICLES, "the kill should land mid-load"
    for name, quads in survived.items():  # every committed article is whole, none is half-written
        assert quads == reference[name]

    again = subprocess.run(_kg("load", str(corpus), "--store", str(store), "--quiet"), capture_output=True)
    assert again.returncode == 0, again.stderr
    assert _graphs(store) == reference


def test_a_second_writer_gets_a_clear_in_use_error_and_the_first_load_completes(corpus, reference, tmp_path):
    store = tmp_path / "store"
    first = _start_load(corpus, store)
    _wait_for_progress(first, 5)
    extra = tmp_path / "extra.txt"
    extra.write_text("Peru freed 12 prisoners on Monday.\n", encoding="utf-8")
    second = subprocess.run(_kg("load", str(extra), "--store", str(store)), capture_output=True, text=True)
    assert second.returncode == 4
    assert "in use" in second.stderr and len(second.stderr.strip().splitlines()) == 1
    assert first.stderr is not None
    first.stderr.read()
    first.stderr.close()
    assert first.wait(timeout=300) == 0
    assert _graphs(store) == reference


def test_two_workers_write_exactly_what_one_process_writes(corpus, reference, tmp_path):
    store = tmp_path / "store"
    load = subprocess.run(_kg("load", str(corpus), "--store", str(store), "--workers", "2"),
                          capture_output=True, text=True)
    assert load.returncode == 0, load.stderr
    assert f"loaded {ARTICLES} of {ARTICLES} articles" in load.stdout
    assert _graphs(store) == reference


def test_a_bad_worker_count_is_refused_before_a_store_is_made(tmp_path):
    store = tmp_path / "store"
    bad = subprocess.run(_kg("load", str(tmp_path), "--store", str(store), "--workers", "two"),
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert "not a number of processes" in bad.stderr
    assert not store.exists()
