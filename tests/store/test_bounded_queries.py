"""Queries are bounded: read-only, no calls out unless asked, stopped by a deadline or Ctrl-C, streamed."""

from __future__ import annotations

import http.server
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import rdflib

from kg.errors import QueryError
from kg.rdf import KG, RESOURCE
from kg.store import Store
from kg.store.sparql import check_read_only, keywords, query_form

from ..conftest import run_kg as kg

#: three patterns over every triple: 3,000 triples make 2.7e10 rows, far more than any test waits for
CARTESIAN = "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bounded") / "store"
    graph = rdflib.Graph()
    for i in range(3000):
        graph.add((RESOURCE[f"person-{i}"], rdflib.RDF.type, KG.Person))
    with Store(path) as opened:
        opened.add_graph(RESOURCE["article-1"], graph)
        opened.commit_record()
    return path


@pytest.mark.parametrize("text, form", [
    ("SELECT ?x WHERE { ?x ?p 'INSERT DATA' }", "SELECT"),
    ("# DELETE everything\nASK { ?s ?p ?o }", "ASK"),
    ("PREFIX drop: <http://ex.org/drop#> CONSTRUCT { ?s drop:x ?o } WHERE { ?s <http://ex.org/load> ?o }",
     "CONSTRUCT"),
    ('SELECT ?insert WHERE { ?insert ?p """a\nCLEAR ALL""" }', "SELECT"),
    ("  insert data { <http://a> <http://b> <http://c> }", "INSERT"),
    ("PREFIX ex: <http://ex.org/>\nDELETE WHERE { ?s ex:p ?o }", "DELETE"),
    ("DROP ALL", "DROP"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
])
def test_the_form_of_a_text_is_read_from_its_tokens(text, form):
    assert query_form(text) == form


def test_service_is_a_keyword_only_outside_names_strings_and_iris():
    text = "SELECT ?service WHERE { ?service ex:SERVICE 'SERVICE' . <http://x/SERVICE> ?p ?o }"
    assert "SERVICE" not in keywords(text)
    assert "SERVICE" in keywords("SELECT * WHERE { service <http://x/sparql> { ?s ?p ?o } }")
    check_read_only("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }", allow_service=True)
    with pytest.raises(QueryError, match="--allow-service"):
        check_read_only("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }", allow_service=False)


def test_an_update_is_refused_and_the_store_is_untouched(store):
    before = kg("stats", "--store", str(store)).stdout
    result = kg("query", "--store", str(store), "DELETE WHERE { ?s ?p ?o }")
    assert result.returncode == 5 and "kg query runs read-only queries" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert kg("stats", "--store", str(store)).stdout == before
    with Store(store, read_only=True) as opened, pytest.raises(QueryError, match="read-only"):
        opened.query("INSERT DATA { kgr:a kgr:b kgr:c }")


@contextmanager
def counting_server() -> Iterator[tuple[str, list[str]]]:
    """A SPARQL endpoint on 127.0.0.1 that records every request and answers no rows."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server hook name
            seen.append(self.path)
            body = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST  # noqa: N815

        def log_message(self, *_: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", seen
    finally:
        server.shutdown()
        server.server_close()


def test_the_embedded_store_calls_no_other_endpoint_unless_asked(store):
    with counting_server() as (endpoint, seen):
        query = f"SELECT ?s WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"
        refused = kg("query", "--store", str(store), query)
        assert refused.returncode == 5 and "SERVICE" in refused.stderr and not seen
        allowed = kg("query", "--store", str(store), "--allow-service", "--format", "csv", query)
        assert allowed.returncode == 0, allowed.stderr
    assert seen and allowed.stdout.strip() == "s"


def test_a_query_past_its_timeout_is_stopped_with_one_line(store):
    started = time.monotonic()
    result = kg("query", "--store", str(store), "--timeout", "1", f"SELECT (COUNT(*) AS ?n) {CARTESIAN}")
    assert time.monotonic() - started < 60  # the query alone would run for hours
    assert result.returncode == 5 and "stopped" in result.stderr and len(result.stderr.splitlines()) == 1


def start_query(store: Path, *args: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-m", "kg", "query", "--store", str(store), "--timeout", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(2)  # past start-up, into the query
    assert process.poll() is None, process.stderr.read() if process.stderr else ""
    return process


def test_ctrl_c_stops_a_running_aggregate_within_a_second(store):
    with start_query(store, f"SELECT (COUNT(*) AS ?n) {CARTESIAN}") as process:
        interrupted = time.monotonic()
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
        assert time.monotonic() - interrupted < 1.0
        assert code == 130 and b"interrupted" in process.communicate()[1]


def resident_megabytes(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS line")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads memory from /proc (Linux)")
@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_an_answer_of_any_size_streams_in_flat_memory(store, fmt):
    with start_query(store, "--format", fmt, f"SELECT * {CARTESIAN}") as process:
        output = process.stdout
        assert output is not None
        drained = threading.Thread(target=lambda: [None for _ in iter(lambda: output.read(1 << 16), b"")])
        drained.start()
        first = resident_megabytes(process.pid)
        time.sleep(3)  # held whole, the rows would grow by hundreds of MB in this time
        grown = resident_megabytes(process.pid) - first
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
        drained.join(timeout=30)
    assert grown < 60, f"grew {grown:.0f} MB while streaming"
