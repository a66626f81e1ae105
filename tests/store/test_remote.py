"""The same kg commands against real SPARQL servers started on 127.0.0.1 for the tests: Oxigraph's
(PyPI ``oxigraph``) and OpenLink Virtuoso (Debian's ``virtuoso-opensource-7-bin``, installed by ``make test``).

Virtuoso is a different engine in every way that matters here: a union default graph, no N-Quads
on its Graph Store endpoint, Digest authentication, and a row limit on answers.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ..conftest import SAMPLES
from ..conftest import run_kg as kg

SERVER = Path(sys.executable).with_name("oxigraph")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running SPARQL server: the ``--store`` URL and the environment holding its credentials."""

    engine: str
    url: str
    env: dict[str, str] = field(default_factory=dict)


def _wait_for(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers, if only to refuse
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"the {what} server did not start")


def _oxigraph(location: Path) -> Iterator[Server]:
    if not SERVER.exists():
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    port = _free_port()
    process = subprocess.Popen([str(SERVER), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    _wait_for(f"{url}/query?query=ASK%7B%7D", process, "oxigraph")
    yield Server("oxigraph", url)
    process.terminate()
    process.wait(timeout=10)


# Virtuoso 7.2.5 (Debian 12) drops rows when `?class rdfs:subClassOf* kg:Meeting` joins the rest of
# the meetings query: each part alone answers right, the join loses one meeting or all of them, and
# no equivalent form tried (inverse path, reordered, sub-select, +-path with a union) escapes it.
# The forms that do (FILTER EXISTS) make the query 40x slower on Oxigraph, so the query stays.
KNOWN_ENGINE_BUGS = {"virtuoso": ("meetings",)}

VIRTUOSO_ROW_LIMIT = 250  # below one graph of the samples (the ontology's 402 triples), so that exports must page


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> str:
    """A minimal virtuoso.ini keeping every file in ``folder`` and listening on 127.0.0.1 only."""
    return f"""[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = {VIRTUOSO_ROW_LIMIT}
MaxQueryExecutionTime = 120
"""


def _virtuoso(folder: Path) -> Iterator[Server]:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("Virtuoso (Debian package virtuoso-opensource-7-bin) is not installed")
    http_port = _free_port()
    (folder / "virtuoso.ini").write_text(virtuoso_ini(folder, _free_port(), http_port))
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    _wait_for(f"{base}/sparql?query=ASK%7B%7D", process, "virtuoso")
    # dba/dba is the password of a new Virtuoso database; kg reads it from the environment only
    yield Server("virtuoso", f"{base}/sparql-auth", {"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "dba"})
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request, tmp_path_factory) -> Iterator[Server]:
    start = _oxigraph if request.param == "oxigraph" else _virtuoso
    yield from start(tmp_path_factory.mktemp(request.param))


def rows(result: subprocess.CompletedProcess[str]) -> list[dict[str, str]]:
    assert result.returncode == 0, result.stderr
    bindings = json.loads(result.stdout)["results"]["bindings"]
    return sorted(({k: v["value"] for k, v in row.items()} for row in bindings), key=json.dumps)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("embedded") / "store"
    assert kg("load", str(SAMPLES), "--store", str(store), "--quiet").returncode == 0
    return store


def test_load_query_stats_and_export_on_a_server_match_the_embedded_store(server, embedded, tmp_path):
    loaded = kg("load", str(SAMPLES), "--store", server.url, "--quiet", env=server.env)
    assert loaded.returncode == 0, loaded.stderr
    for name in ("meetings", "releases", "sanctions", "entities"):
        if name in KNOWN_ENGINE_BUGS.get(server.engine, ()):
            continue
        on_server = rows(kg("query", "--store", server.url, "--name", name, "--format", "json", env=server.env))
        at_home = rows(kg("query", "--store", str(embedded), "--name", name, "--format", "json"))
        assert on_server == at_home, name
    with_param = rows(kg("query", "--store", server.url, "--name", "releases", "--param", "actor=Minsk",
                         "--format", "json", env=server.env))
    assert with_param and {r["by"] for r in with_param} == {"Belarus"}
    assert kg("stats", "--store", server.url, env=server.env).stdout == kg("stats", "--store", str(embedded)).stdout
    drawn = kg("viz", "--store", server.url, "-o", str(tmp_path / "graph.html"), env=server.env)
    assert drawn.returncode == 0, drawn.stderr
    at_home_drawn = kg("viz", "--store", str(embedded), "-o", str(tmp_path / "home.html")).stdout
    assert drawn.stdout.split(":")[0] == at_home_drawn.split(":")[0]  # "drew N nodes and M edges"
    exported = kg("export", "--store", server.url, "--format", "nquads", env=server.env).stdout
    assert set(exported.splitlines()) == set(kg("export", "--store", str(embedded), "--format", "nquads")
                                             .stdout.splitlines())


def test_loading_again_skips_and_remove_works_on_a_server(server):
    again = kg("load", str(SAMPLES), "--store", server.url, env=server.env)
    assert again.returncode == 0 and "already in the store" in again.stdout
    assert kg("remove", "oil-sanctions.txt", "--store", server.url, env=server.env).returncode == 0
    assert "articles   3" in kg("stats", "--store", server.url, env=server.env).stdout
    assert kg("load", str(SAMPLES / "oil-sanctions.txt"), "--store", server.url, "--quiet",
              env=server.env).returncode == 0


def test_force_replaces_an_article_on_a_server_in_one_update(server):
    before = kg("export", "--store", server.url, "--format", "nquads", env=server.env).stdout
    forced = kg("load", str(SAMPLES / "oil-sanctions.txt"), "--store", server.url, "--force", "--quiet",
                env=server.env)
    assert forced.returncode == 0, forced.stderr
    after = kg("export", "--store", server.url, "--format", "nquads", env=server.env).stdout
    assert set(after.splitlines()) == set(before.splitlines())


def test_a_wrong_password_is_one_line_that_does_not_echo_it(server):
    if server.engine != "virtuoso":
        pytest.skip("the test Oxigraph server asks for no credentials")
    result = kg("load", str(SAMPLES / "oil-sanctions.txt"), "--store", server.url, "--force", "--quiet",
                env={"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "not-the-pw-9"})
    assert result.returncode == 4, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "refused the credentials" in result.stderr
    assert "not-the-pw-9" not in result.stderr + result.stdout


def test_virtuoso_reads_without_credentials_and_refuses_a_cut_answer(server, embedded):
    if server.engine != "virtuoso":
        pytest.skip("Virtuoso's public endpoint and row limit")
    public = server.url.removesuffix("-auth")
    releases = rows(kg("query", "--store", public, "--name", "releases", "--format", "json"))
    assert releases == rows(kg("query", "--store", str(embedded), "--name", "releases", "--format", "json"))
    cut = kg("query", "--store", public, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert cut.returncode != 0 and f"cut the answer at {VIRTUOSO_ROW_LIMIT} rows" in cut.stderr
    assert len(cut.stderr.strip().splitlines()) == 1


def test_an_unreachable_server_is_one_line_and_credentials_never_show(tmp_path):
    port = _free_port()
    result = kg("stats", "--store", f"http://127.0.0.1:{port}", env={"KG_STORE_USER": "ann",
                                                                     "KG_STORE_PASSWORD": "s3cret-pw"})
    assert result.returncode == 4
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot reach" in result.stderr
    assert "s3cret-pw" not in result.stderr + result.stdout


def test_credentials_in_the_url_are_refused_without_echoing_them():
    result = kg("stats", "--store", "http://ann:s3cret-pw@127.0.0.1:9/")
    assert result.returncode == 4 and "KG_STORE_PASSWORD" in result.stderr
    assert "s3cret-pw" not in result.stderr


def test_names_are_linked_across_articles_on_a_server_whatever_the_order(server, tmp_path):
    short, full = tmp_path / "short.txt", tmp_path / "full.txt"
    short.write_text("Halvorsen told reporters that he was glad to be home.\n", encoding="utf-8")
    full.write_text("The teacher Marek Halvorsen was released from a prison near Moscow on Tuesday.\n",
                    encoding="utf-8")
    people = ("SELECT DISTINCT ?label WHERE { ?p a kg:Person ; rdfs:label ?label "
              "FILTER(CONTAINS(?label, 'Halvorsen')) }")
    for path in (short, full):
        assert kg("load", str(path), "--store", server.url, "--quiet", env=server.env).returncode == 0
    assert rows(kg("query", people, "--store", server.url, "--format", "json", env=server.env)) == [
        {"label": "Marek Halvorsen"}]
    assert kg("remove", "full.txt", "--store", server.url, env=server.env).returncode == 0
    assert rows(kg("query", people, "--store", server.url, "--format", "json", env=server.env)) == [
        {"label": "Halvorsen"}]
    assert kg("remove", "short.txt", "--store", server.url, env=server.env).returncode == 0
