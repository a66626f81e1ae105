"""The same kg commands against a real SPARQL server (Oxigraph's, started on 127.0.0.1 for the tests)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ..conftest import SAMPLES

SERVER = Path(sys.executable).with_name("oxigraph")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not SERVER.exists():
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    port = _free_port()
    location = tmp_path_factory.mktemp("server")
    process = subprocess.Popen([str(SERVER), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("the oxigraph server did not start")
    yield url
    process.terminate()
    process.wait(timeout=10)


def kg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300,
                            env={**os.environ, **(env or {})})
    assert "Traceback" not in result.stderr, result.stderr
    return result


def rows(result: subprocess.CompletedProcess[str]) -> list[dict[str, str]]:
    assert result.returncode == 0, result.stderr
    bindings = json.loads(result.stdout)["results"]["bindings"]
    return sorted(({k: v["value"] for k, v in row.items()} for row in bindings), key=json.dumps)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("embedded") / "store"
    assert kg("load", str(SAMPLES), "--store", str(store), "--quiet").returncode == 0
    return store


def test_load_query_stats_and_export_on_a_server_match_the_embedded_store(server, embedded):
    loaded = kg("load", str(SAMPLES), "--store", server, "--quiet")
    assert loaded.returncode == 0, loaded.stderr
    for name in ("meetings", "releases", "sanctions", "entities"):
        on_server = rows(kg("query", "--store", server, "--name", name, "--format", "json"))
        at_home = rows(kg("query", "--store", str(embedded), "--name", name, "--format", "json"))
        assert on_server == at_home, name
    with_param = rows(kg("query", "--store", server, "--name", "releases", "--param", "actor=Minsk",
                         "--format", "json"))
    assert with_param and {r["by"] for r in with_param} == {"Belarus"}
    assert kg("stats", "--store", server).stdout == kg("stats", "--store", str(embedded)).stdout
    exported = kg("export", "--store", server, "--format", "nquads").stdout
    assert set(exported.splitlines()) == set(kg("export", "--store", str(embedded), "--format", "nquads")
                                             .stdout.splitlines())


def test_loading_again_skips_and_remove_works_on_a_server(server):
    again = kg("load", str(SAMPLES), "--store", server)
    assert again.returncode == 0 and "already in the store" in again.stdout
    assert kg("remove", "oil-sanctions.txt", "--store", server).returncode == 0
    assert "articles   3" in kg("stats", "--store", server).stdout
    assert kg("load", str(SAMPLES / "oil-sanctions.txt"), "--store", server, "--quiet").returncode == 0


def test_force_replaces_an_article_on_a_server_in_one_update(server):
    before = kg("export", "--store", server, "--format", "nquads").stdout
    forced = kg("load", str(SAMPLES / "oil-sanctions.txt"), "--store", server, "--force", "--quiet")
    assert forced.returncode == 0, forced.stderr
    assert set(kg("export", "--store", server, "--format", "nquads").stdout.splitlines()) == set(before.splitlines())


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
