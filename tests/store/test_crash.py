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


#: kill points tried per run, each a time into the load drawn with a fixed seed: model loading,
#: the checking pass, parsing, commits, the linking after the last batch all get hit
KILL_POINTS = 5


@pytest.fixture(scope="module")
def load_seconds(corpus, tmp_path_factory) -> float:
    """How long an uninterrupted load of the corpus takes here (the range kill points are drawn from)."""
    store = tmp_path_factory.mktemp("timed") / "store"
    started = time.monotonic()
    subprocess.run(_kg("load", str(corpus), "--store", str(store), "--quiet"), check=True)
    return time.monotonic() - started


@pytest.mark.parametrize("point", range(KILL_POINTS))
def test_sigkill_at_any_point_then_a_reload_equals_a_clean_load(corpus, reference, load_seconds, tmp_path, point):
    import random

    delay = random.Random(point).uniform(0.3, load_seconds)
    store = tmp_path / "store"
    process = subprocess.Popen(_kg("load", str(corpus), "--store", str(store), "--quiet"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if (store / "CURRENT").exists():
        for name, quads in _graphs(store).items():  # whatever was committed is whole
            assert quads <= reference[name]
    again = subprocess.run(_kg("load", str(corpus), "--store", str(store), "--quiet"), capture_output=True, text=True)
    assert again.returncode == 0, f"killed after {delay:.1f} s: {again.stderr}"
    assert _graphs(store) == reference, f"killed after {delay:.1f} s"
    check = subprocess.run(_kg("check", "--store", str(store)), capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def _children(pids: set[int]) -> set[int]:
    """Every living descendant of ``pids``, read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = set(pids)
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc (Linux)")
def test_workers_and_their_helpers_end_when_the_load_is_killed(corpus, tmp_path):
    store = tmp_path / "store"
    process = subprocess.Popen(_kg("load", str(corpus), "--store", str(store), "--workers", "2"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _wait_for_progress(process, 1)
    helpers = _children({process.pid})
    assert len(helpers) >= 2, "two workers should be running"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.stderr is not None
    process.stderr.close()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in helpers):
        time.sleep(0.2)
    assert not [pid for pid in helpers if _alive(pid)], "orphaned worker processes"
