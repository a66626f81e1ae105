"""Servers on 127.0.0.1 that redirect, reflect what they are sent, hang or answer garbage: kg keeps its
credentials with their server and says what went wrong in one line, never a traceback."""

from __future__ import annotations

import base64
import http.server
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from ..conftest import run_kg as kg

USER, PASSWORD = "reader", "s3cret/pa:ss"
TOKEN = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
CREDENTIALS = {"KG_STORE_USER": USER, "KG_STORE_PASSWORD": PASSWORD}

Answer = Callable[[http.server.BaseHTTPRequestHandler], None]


@contextmanager
def server(answer: Answer) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A server answering every request with ``answer``; yields its URL and the headers it was sent."""
    seen: list[dict[str, str]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _any(self) -> None:
            seen.append(dict(self.headers))
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            answer(self)

        do_GET = do_POST = _any

        def log_message(self, *_: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def reply(status: int, body: bytes, content_type: str = "application/sparql-results+json",
          headers: dict[str, str] | None = None) -> Answer:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
    return answer


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("kg: warning")]
    assert len(lines) == 1, result.stderr
    assert PASSWORD not in result.stderr and TOKEN not in result.stderr and "pa:ss" not in result.stderr
    return lines[0]


def test_a_redirect_to_another_server_is_refused_and_the_credentials_stay_home():
    with server(reply(200, b'{"head": {}, "boolean": true}')) as (elsewhere, reached):
        moved = reply(302, b"", headers={"Location": f"{elsewhere}/query?token=abc"})
        with server(moved) as (url, _):
            result = kg("query", "ASK { }", "--store", url, env=CREDENTIALS)
    line = one_line_error(result)
    assert result.returncode == 4 and "redirected" in line and elsewhere in line and "token" not in line
    assert not reached  # nothing, with or without credentials, went to the other server


def test_an_error_body_that_reflects_the_request_is_scrubbed():
    def reflect(handler: http.server.BaseHTTPRequestHandler) -> None:
        body = "".join(f"{k}: {v}\n" for k, v in handler.headers.items()).encode()
        reply(500, b"proxy error; you sent " + body, "text/plain")(handler)

    with server(reflect) as (url, seen):
        result = kg("query", "ASK { }", "--store", url, env=CREDENTIALS)
    line = one_line_error(result)
    assert result.returncode == 4 and "500" in line
    assert any(TOKEN in h.get("Authorization", "") for h in seen)  # the header did go to its own server


@pytest.mark.parametrize("body", [b'{"head": {}}', b'{"head": {"vars": ["x"]}, "results": {"bindings": [',
                                  b"<not> <n-triples", b"\xff\xfe garbage", b'{"head": {"vars": ["x"]}, '
                                  b'"results": {"bindings": [{"x": {"type": "uri"}}]}}'])
def test_a_server_that_answers_garbage_is_one_line(body):
    with server(reply(200, body, "application/sparql-results+json")) as (url, _):
        result = kg("query", "SELECT ?x WHERE { ?x ?p ?o }", "--store", url)
    assert result.returncode == 4
    assert "not SPARQL results" in one_line_error(result)


def test_a_server_that_hangs_is_given_up_on_in_one_line():
    def hang(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(5)

    started = time.monotonic()
    with server(hang) as (url, _):
        result = kg("query", "ASK { }", "--store", url, env={"KG_STORE_TIMEOUT": "1"})
    assert time.monotonic() - started < 30
    assert result.returncode == 4 and "cannot reach" in one_line_error(result)


@pytest.mark.parametrize("location", [
    f"HTTP://{USER}:{PASSWORD}@127.0.0.1:9/", "http://reader:s3cret/pa:ss@127.0.0.1:9/",
    "HtTpS://reader:s3cret/pa:ss@example.org/sparql",
])
def test_credentials_in_a_store_url_are_refused_in_any_case_and_never_printed(location):
    for env, args in (({}, ("--store", location)), ({"KG_STORE": location}, ())):
        result = kg("stats", *args, env=env)
        assert result.returncode == 4 and "not in the URL" in one_line_error(result)


@pytest.mark.parametrize("variable", ["KG_SPARQL_QUERY", "KG_SPARQL_UPDATE", "KG_SPARQL_GSP"])
def test_credentials_in_an_endpoint_variable_are_refused(variable):
    with server(reply(200, b'{"head": {}, "boolean": true}')) as (url, _):
        result = kg("stats", "--store", url, env={variable: f"http://{USER}:{PASSWORD}@127.0.0.1:9/q"})
    assert result.returncode == 4 and "not in the URL" in one_line_error(result)


@pytest.mark.parametrize("location", ["http://[::1", "http://127.0.0.1:99999999/", "http:///nohost"])
def test_a_broken_store_url_is_one_line(location):
    for env in ({}, CREDENTIALS):
        result = kg("stats", "--store", location, env=env)
        assert result.returncode == 4
        one_line_error(result)


def test_credentials_over_plain_http_to_another_machine_are_warned_about():
    result = kg("stats", "--store", "http://kg-test.invalid:7878", env={**CREDENTIALS, "KG_STORE_TIMEOUT": "2"})
    assert "over plain http" in result.stderr and result.returncode == 4
    local = kg("stats", "--store", "http://127.0.0.1:9", env={**CREDENTIALS, "KG_STORE_TIMEOUT": "2"})
    assert "over plain http" not in local.stderr
