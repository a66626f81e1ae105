"""A SPARQL 1.1 server used as the kg store: the same methods as :class:`kg.store.Store`.

``--store http://host:port`` (or ``$KG_STORE``) names the server. Queries go to
``/query`` and updates to ``/update`` (SPARQL 1.1 Protocol); articles are written as
N-Quads batches to ``/store`` (the Graph Store Protocol's dataset endpoint, as Oxigraph
serves it), one request per batch and never one INSERT per triple. Other layouts set
``KG_SPARQL_QUERY``, ``KG_SPARQL_UPDATE`` and ``KG_SPARQL_GSP`` to full URLs.
Credentials come from ``KG_STORE_USER`` and ``KG_STORE_PASSWORD``, never from the
command line, and are never printed: error messages name the server without them.

Each article is written like in the embedded store: its named graph plus the RDF
merge in the default graph, in the same request, so the server applies both or neither.
"""

from __future__ import annotations

import base64
import io
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from email.message import Message
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError
from kg.rdf.namespace import ONTOLOGY_IRI, PREFIXES
from kg.store._converter import Triples, forget_graph_update, merged_nquads, replace_graph_update
from kg.store.base import GraphStore
from kg.store.results import Answer
from kg.store.saved import with_values
from kg.urls import ENV_PASSWORD, ENV_USER, checked_url, no_redirects, scrub

_TIMEOUT = 120  # seconds a request may take; KG_STORE_TIMEOUT overrides it


def _prologue() -> str:
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


def _term(binding: dict[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


def _timeout() -> float:
    try:
        return float(os.environ.get("KG_STORE_TIMEOUT") or _TIMEOUT)
    except ValueError:
        raise StoreError("$KG_STORE_TIMEOUT must be a number of seconds") from None


def server_software(url: str) -> str:
    """What the server at ``url`` says it runs (its HTTP ``Server`` header), asked without credentials."""
    request = urllib.request.Request(checked_url(url), method="GET")
    try:
        with no_redirects().open(request, timeout=_timeout()) as response:
            return str(response.headers.get("Server", ""))
    except urllib.error.HTTPError as exc:  # a 401 or 404 still names the server
        return str(exc.headers.get("Server", ""))
    except (urllib.error.URLError, OSError) as exc:
        reason = str(exc.reason if isinstance(exc, urllib.error.URLError) else exc)
        raise StoreError(f"cannot reach the SPARQL server {checked_url(url)}: {reason}") from None


class RemoteStore(GraphStore):
    """A SPARQL server holding kg's graphs; ``read_only`` only checks that it answers.

    Whether a query may call ``SERVICE`` is the server's policy, not kg's.
    """

    #: The graph holding the RDF merge of all articles; None for the server's default graph.
    merged_graph: str | None = None

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        base = checked_url(url)
        self.url = base
        self.read_only = read_only
        self.query_url, self.update_url, self.gsp_url = self._endpoints(base)
        user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
        self._secrets = tuple(s for s in (password, f"{user}:{password}" if user else None) if s)
        self._opener, self._auth = self._credentials(user, password)
        self.query("ASK { }")  # fail now, with one line, if the server is not there

    def _endpoints(self, base: str) -> tuple[str, str, str]:
        """Query, update and Graph Store URLs: Oxigraph's layout unless ``KG_SPARQL_*`` say otherwise."""
        query, update, gsp = (
            checked_url(os.environ[name], f"${name}") if os.environ.get(name) else f"{base}/{path}"
            for name, path in (("KG_SPARQL_QUERY", "query"), ("KG_SPARQL_UPDATE", "update"),
                               ("KG_SPARQL_GSP", "store")))
        return query, update, gsp

    def _credentials(self, user: str | None, password: str | None
                     ) -> tuple[urllib.request.OpenerDirector, dict[str, str]]:
        """The opener of every request and the headers it sends: HTTP Basic credentials, sent each time."""
        if not user:
            return no_redirects(), {}
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        return no_redirects(), {"Authorization": f"Basic {token}"}

    def close(self) -> None:
        """Nothing to release: every request is complete when it returns."""

    def check(self) -> list[str]:
        """Article graphs that hold no article (a server checks its own tables)."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                          "FILTER(STRSTARTS(STR(?g), STR(kgr:article-))) "
                          "FILTER NOT EXISTS { GRAPH ?g { ?g a kg:Article } } }").values()
        return [f"graph {row['g']} holds no article {row['g']}" for row in rows]

    def article_count(self) -> int:
        """How many article graphs the server holds."""
        rows = self.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?a { ?a a kg:Article } }").values()
        return int(rows[0]["n"] or 0) if rows else 0

    # -- HTTP -------------------------------------------------------------
    def _request(self, url: str, data: bytes | None, content_type: str | None, accept: str) -> bytes:
        headers = {"Accept": accept, **self._auth}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
        try:
            with self._opener.open(request, timeout=_timeout()) as response:
                self._check_complete(response.headers)
                return bytes(response.read())
        except urllib.error.HTTPError as exc:
            detail = exc.read(4096).decode("utf-8", "replace").strip().splitlines()
            reason = scrub(detail[0] if detail else str(exc.reason), self._secrets)
            if exc.code == 400 and url == self.query_url:
                raise QueryError(f"query rejected by {self.url}: {reason}") from None
            if exc.code in (401, 403):
                raise StoreError(f"{self.url} refused the credentials in ${ENV_USER}/${ENV_PASSWORD}") from None
            raise StoreError(f"{self.url} answered {exc.code}: {reason}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = scrub(str(exc.reason if isinstance(exc, urllib.error.URLError) else exc), self._secrets)
            raise StoreError(f"cannot reach the SPARQL server {self.url}: {reason}") from None

    def _check_complete(self, headers: Message) -> None:
        """Raise if the server says it cut the answer short; nothing to check in SPARQL 1.1 itself."""

    def _update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.url} was opened for reading only")
        body = urllib.parse.urlencode({"update": sparql}).encode()
        self._request(self.update_url, body, "application/x-www-form-urlencoded", "*/*")

    # -- writing ----------------------------------------------------------
    def has_graph(self, name: rdflib.URIRef) -> bool:
        """Whether a named graph (an article) is on the server."""
        return bool(self.query(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}").boolean)

    def add_graphs(self, graphs: Iterable[tuple[rdflib.URIRef, Triples]], *, replace: bool = False) -> int:
        """Write several articles in one N-Quads request (named graphs plus their merge); returns the triple count.

        With ``replace``, an article already on the server is replaced by one update request
        (drop and insert together), so the server never shows it half-written.
        """
        graphs = list(graphs)
        count = 0
        if replace:
            fresh = []
            for name, graph in graphs:
                if self.has_graph(name):
                    update, written = replace_graph_update(name, graph, self.merged_graph)
                    self._update(update)
                    count += written
                else:
                    fresh.append((name, graph))
            graphs = fresh
        if graphs and self.read_only:
            raise StoreError(f"{self.url} was opened for reading only")
        return count + self._write_new(graphs)

    def _write_new(self, graphs: list[tuple[rdflib.URIRef, Triples]]) -> int:
        """Post articles not yet on the server as one N-Quads request to the Graph Store endpoint."""
        data, written = merged_nquads(graphs)
        if written:
            self._request(self.gsp_url, data, "application/n-quads", "*/*")
        return written

    def add_graph(self, name: rdflib.URIRef, graph: Triples, *, replace: bool = False) -> int:
        """Write one article; see :meth:`add_graphs`."""
        return self.add_graphs([(name, graph)], replace=replace)

    def remove_graph(self, name: rdflib.URIRef) -> bool:
        """Drop a named graph and every merged triple that no other graph supports, in one update."""
        if not self.has_graph(name):
            return False
        self._update(forget_graph_update(name, self.merged_graph))
        return True

    def load_ontology(self, path: Path | None = None) -> bool:
        """Put the ontology (``path``, by default the source tree's) in its own named graph once."""
        from kg.store import ontology_graph, ontology_path

        if (path or ontology_path()) is None:
            return False
        name = rdflib.URIRef(ONTOLOGY_IRI)
        if not self.has_graph(name):
            self.add_graph(name, ontology_graph(path))
        return True

    # -- reading ----------------------------------------------------------
    def _run_query(self, sparql: str, bindings: dict[str, str]) -> Answer:
        """Run a SPARQL query on the server; kg's prefixes are declared for it."""
        text = _prologue() + with_values(sparql, bindings)
        body = urllib.parse.urlencode(self._query_fields(text)).encode()
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        return self._answer(self._request(self.query_url, body, "application/x-www-form-urlencoded", accept))

    def _query_fields(self, text: str) -> dict[str, str]:
        """The form fields of a query request (SPARQL 1.1 Protocol)."""
        return {"query": text}

    def _answer(self, raw: bytes) -> Answer:
        """An answer from SPARQL JSON results or N-Triples; a store error when it is neither."""
        try:
            return self._parse_answer(raw)
        except (ValueError, KeyError, TypeError, AttributeError, SyntaxError, UnicodeDecodeError) as exc:
            raise StoreError(f"{self.url} answered something that is not SPARQL results "
                             f"({type(exc).__name__}: {scrub(str(exc), self._secrets)[:80]})") from None

    def _parse_answer(self, raw: bytes) -> Answer:
        if raw.lstrip().startswith(b"{"):
            result = json.loads(raw)
            if "boolean" in result:
                return Answer(boolean=bool(result["boolean"]))
            variables = tuple(result["head"].get("vars", []))
            rows = tuple(
                tuple(_term(row[v]) if v in row else None for v in variables)
                for row in result["results"]["bindings"]
            )
            return Answer(variables=variables, rows=rows)
        triples = ox.parse(io.BytesIO(raw), format=ox.RdfFormat.N_TRIPLES)
        return Answer(triples=tuple(ox.Triple(q.subject, q.predicate, q.object) for q in triples))

    def snapshot(self) -> ox.Store:
        """Every quad on the server, in an in-memory Oxigraph store."""
        raw = self._request(self.gsp_url, None, None, "application/n-quads")
        memory = ox.Store()
        memory.load(io.BytesIO(raw), format=ox.RdfFormat.N_QUADS)
        return memory

    def export(self, fmt: str, output: BinaryIO) -> None:
        """Write the server's kg data as the embedded store would (see :meth:`kg.store.Store.export`)."""
        from kg.store import Store

        Store.from_oxigraph(self.snapshot()).export(fmt, output)

    def flush(self) -> None:
        """Nothing to flush on a server."""
