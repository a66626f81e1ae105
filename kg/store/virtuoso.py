"""OpenLink Virtuoso as the kg store: :class:`kg.store.RemoteStore` with Virtuoso's differences handled.

``--store http://host:8890/sparql-auth`` (or ``/sparql`` for reading) selects it: kg asks the
server what it runs before the first request. Virtuoso differs from a plain SPARQL 1.1 store in
four ways, and this adapter covers each:

- Its default graph is the union of *every* graph, its own system graphs included. kg keeps the
  RDF merge of the articles in a named graph (:data:`MERGED_GRAPH`) and names it as the default
  graph of each query (``default-graph-uri``), so the saved queries read what they read on Oxigraph.
  A query with a ``GRAPH`` pattern goes without it: Virtuoso then ignores ``GRAPH <iri>`` (and
  answers ``ASK`` with true), so there ``GRAPH ?g`` ranges over every graph on the server, the
  merge and Virtuoso's own among them.
- Its Graph Store endpoint takes one graph per request and no N-Quads, so a batch of articles goes
  as one SPARQL update of ``INSERT DATA`` operations (at most 1,000 triples each, as its parser
  runs out of memory near 5,000), applied by the server as one transaction.
- Updates need the ``/sparql-auth`` endpoint and HTTP Digest credentials (``KG_STORE_USER`` and
  ``KG_STORE_PASSWORD``), so the password itself never crosses the wire.
- It answers at most ``ResultSetMaxRows`` rows (10,000 by default) and says so in a header; kg
  turns a cut answer into an error instead of a silently short one, and reads what it must read
  whole (an export) a few graphs or a page at a time.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from email.message import Message

import pyoxigraph as ox
import rdflib

from kg.errors import StoreError
from kg.rdf.namespace import KG, ONTOLOGY_IRI
from kg.store._converter import Triples, graph_inserts
from kg.store.remote import RemoteStore
from kg.store.results import Answer, Row
from kg.urls import no_redirects

MERGED_GRAPH = "https://w3id.org/kg-news/graph/merged"
_ASK_VARIABLE = "__ASK_RETVAL"  # Virtuoso answers ASK as a one-cell SELECT in JSON
_CUT_HEADER = "X-SPARQL-MaxRows"
_GRAPH_PATTERN = re.compile(r"\bGRAPH\s+[<?$\w]", re.IGNORECASE)
# What may hold the word GRAPH without being the keyword: strings, IRIs and comments.
_NOT_KEYWORDS = re.compile("|".join((
    r'"""[\s\S]*?"""', r"'''[\s\S]*?'''",  # long strings
    r'"(?:[^"\\\n]|\\.)*"', r"'(?:[^'\\\n]|\\.)*'",  # short strings, escapes kept inside
    r'<[^<>"{}|^`\\\s]*>',  # IRIs (a spaced "<" is a comparison)
    r"#[^\n]*",  # comments
)))
_GRAPHS_PER_REQUEST = 32  # about 5,000 rows of articles: under Virtuoso's default limit of 10,000
_PAGE = 5000


class AnswerCut(StoreError):
    """The server answered fewer rows than the query has (its ``ResultSetMaxRows``)."""


def is_virtuoso(software: str) -> bool:
    """Whether a ``Server`` header names Virtuoso.

    >>> is_virtuoso("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu")
    True
    """
    return software.lower().startswith("virtuoso")


def names_graphs(sparql: str) -> bool:
    """Whether a query has a ``GRAPH`` pattern (and so must not name a default graph on Virtuoso).

    >>> names_graphs("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"), names_graphs("SELECT * WHERE { ?s a kg:Graph }")
    (True, False)
    >>> names_graphs("ASK { <https://w3id.org/kg-news/graph/merged> ?p ?o }")
    False
    >>> names_graphs('SELECT * WHERE { ?s rdfs:label "the graph <of> it" }  # no GRAPH ?g here')
    False
    """
    blanked = _NOT_KEYWORDS.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", sparql)
    return _GRAPH_PATTERN.search(blanked) is not None


class VirtuosoStore(RemoteStore):
    """A Virtuoso server holding kg's graphs (see the module docstring for what differs)."""

    merged_graph = MERGED_GRAPH

    def _endpoints(self, base: str) -> tuple[str, str, str]:
        """One endpoint, the URL given, for queries and updates; Virtuoso's Graph Store endpoint is not used."""
        return base, base, base

    def _credentials(self, user: str | None, password: str | None
                     ) -> tuple[urllib.request.OpenerDirector, dict[str, str]]:
        """HTTP Digest credentials, answered only when the server asks for them (no header sent ahead)."""
        if not user:
            return no_redirects(), {}
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.url, user, password or "")
        return no_redirects(urllib.request.HTTPDigestAuthHandler(passwords)), {}

    def _query_fields(self, text: str) -> dict[str, str]:
        """The merge as the default graph, except for a query with a ``GRAPH`` pattern: Virtuoso
        then finds no named graph by its IRI (and answers ``ASK`` with true), so such a query reads
        the server's own union default graph instead."""
        if names_graphs(text):
            return {"query": text}
        return {"query": text, "default-graph-uri": MERGED_GRAPH}

    def _check_complete(self, headers: Message) -> None:
        cut = headers.get(_CUT_HEADER)
        if cut:
            raise AnswerCut(f"{self.url} cut the answer at {cut} rows (its [SPARQL] ResultSetMaxRows); "
                             "raise that limit or ask for less")

    def _answer(self, raw: bytes) -> Answer:
        answer = super()._answer(raw)
        if answer.variables == (_ASK_VARIABLE,):
            return Answer(boolean=bool(answer.rows) and answer.rows[0][0] is not None
                          and answer.rows[0][0].value not in ("0", "false"))
        return answer

    def _write_new(self, graphs: list[tuple[rdflib.URIRef, Triples]]) -> int:
        """Articles not yet on the server, in their graphs and the merge, as one update request."""
        operations: list[str] = []
        count = 0
        for name, graph in graphs:
            inserts, written = graph_inserts(name, graph, MERGED_GRAPH)
            operations += inserts
            count += written
        if operations:
            self._update(" ;\n".join(operations))
        return count

    def snapshot(self) -> ox.Store:
        """kg's graphs on the server (articles and ontology; the merge rebuilt from them) in memory."""
        graphs = [ONTOLOGY_IRI, *self._article_graphs()]
        memory = ox.Store()
        for batch in self._graph_rows(graphs):
            quads = []
            for graph, subject, predicate, obj in batch:
                quads.append(ox.Quad(subject, predicate, obj, graph))  # type: ignore[arg-type]
                quads.append(ox.Quad(subject, predicate, obj, ox.DefaultGraph()))  # type: ignore[arg-type]
            memory.extend(quads)
        return memory

    def _article_graphs(self) -> list[str]:
        """The names of the article graphs on the server, read a page at a time."""
        select = (f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?article a <{KG.Article}> }} "
                  f"FILTER(?g != <{MERGED_GRAPH}>) }}")
        return [row[0].value for row in self._paged(select, "?g") if row[0] is not None]

    def _graph_rows(self, graphs: list[str]) -> Iterator[tuple[Row, ...]]:
        """(graph, subject, predicate, object) rows of the graphs, several graphs per request; a
        request the server cuts is split in two, and one graph too large for a request is paged."""
        pending = [graphs[start:start + _GRAPHS_PER_REQUEST] for start in range(0, len(graphs), _GRAPHS_PER_REQUEST)]
        while pending:
            batch = pending.pop()
            select = ("SELECT ?g ?s ?p ?o WHERE { VALUES ?g { " + " ".join(f"<{g}>" for g in batch)
                      + " } GRAPH ?g { ?s ?p ?o } }")
            try:
                yield self.query(select).rows
            except AnswerCut:
                if len(batch) == 1:
                    yield tuple(self._paged(select, "?s ?p ?o"))
                else:
                    pending += [batch[:len(batch) // 2], batch[len(batch) // 2:]]

    def _paged(self, select: str, order: str) -> Iterator[Row]:
        """Every row of ``select``, a page at a time in the order ``order`` (Virtuoso's scrollable
        cursor: the sort inside a sub-select, the page outside), halving the page if it is cut."""
        offset, size = 0, _PAGE
        while True:
            try:
                page = f"SELECT * WHERE {{ {{ {select} ORDER BY {order} }} }} OFFSET {offset} LIMIT {size}"
                rows = self.query(page).rows
            except AnswerCut:
                if size == 1:
                    raise
                size //= 2
                continue
            yield from rows
            if len(rows) < size:
                return
            offset += size
