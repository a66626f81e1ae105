"""The one contract every kg store keeps, embedded or on a SPARQL server (as rdflib's ``Store``).

Code that reads or writes a store takes a :class:`GraphStore`; which engine is behind it is
``open_store``'s business alone. What is the same for every engine (counting, finding
articles by name, streaming an answer) is written once here, over :meth:`GraphStore.query`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

import rdflib

from kg.rdf.namespace import ONTOLOGY_IRI
from kg.store._converter import Triples
from kg.store.results import Answer, Stream
from kg.store.sparql import check_read_only

__all__ = ["GraphStore", "StoreStats", "compact_name"]

_S = TypeVar("_S", bound="GraphStore")


def compact_name(iri: str) -> str:
    """The local name of a kg term.

    >>> compact_name("https://w3id.org/kg-news/ontology#Meeting")
    'Meeting'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True)
class StoreStats:
    """What a store holds, as ``kg stats`` prints it."""

    articles: int
    entities: dict[str, int]
    events: dict[str, int]
    relations: dict[str, int]
    triples: int

    @classmethod
    def from_store(cls, store: GraphStore) -> StoreStats:
        """Count what ``store`` holds, with queries any SPARQL engine answers."""
        def counts(sparql: str) -> dict[str, int]:
            return {compact_name(row["k"] or ""): int(row["n"] or 0) for row in store.query(sparql).values()}

        articles = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }").values()[0]["n"]
        entities = counts("SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?k . ?k rdfs:subClassOf+ kg:Entity } "
                          "GROUP BY ?k ORDER BY DESC(?n) ?k")
        events = counts("SELECT ?k (COUNT(DISTINCT ?e) AS ?n) "
                        "WHERE { ?e a kg:Event, ?k . ?k rdfs:subClassOf kg:Event } GROUP BY ?k ORDER BY DESC(?n) ?k")
        relations = counts("SELECT ?k (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kg:Relation ; kg:relationType ?k } "
                           "GROUP BY ?k ORDER BY DESC(?n) ?k")
        # the merge less the ontology's own triples, in two queries: Virtuoso reads a query with a
        # GRAPH pattern against its union of all graphs (see kg.store.virtuoso)
        merged = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()[0]["n"]
        ontology = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ONTOLOGY_IRI}> {{ ?s ?p ?o }} }}").values()
        return cls(int(articles or 0), entities, events, relations, int(merged or 0) - int(ontology[0]["n"] or 0))

    def text(self) -> str:
        """The counts as lines a person reads."""
        def line(title: str, counts: dict[str, int]) -> str:
            parts = ", ".join(f"{name} {n}" for name, n in counts.items()) or "none"
            return f"{title:<10} {sum(counts.values())} ({parts})"

        return "\n".join([
            f"{'articles':<10} {self.articles}", line("entities", self.entities), line("events", self.events),
            line("relations", self.relations), f"{'triples':<10} {self.triples} (merged graph, without the ontology)",
        ])


class GraphStore(ABC):
    """A kg store: article graphs plus their RDF merge, written per article and read with SPARQL.

    Each article is one named graph (its IRI); the default graph holds the merge of all of them
    and the ontology; writes of one call land whole or not at all.
    """

    read_only: bool

    # -- lifetime ---------------------------------------------------------
    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Release what the store holds open (a directory lock, nothing for a server)."""

    @abstractmethod
    def flush(self) -> None:
        """Make every committed write durable and visible to other readers."""

    # -- writing ----------------------------------------------------------
    @abstractmethod
    def has_graph(self, name: rdflib.URIRef) -> bool:
        """Whether a named graph (an article) is in the store."""

    @abstractmethod
    def add_graph(self, name: rdflib.URIRef, graph: Triples, *, replace: bool = False) -> int:
        """Write one named graph (and its part of the merge); returns the triple count."""

    @abstractmethod
    def add_graphs(self, graphs: Iterable[tuple[rdflib.URIRef, Triples]], *, replace: bool = False) -> int:
        """Write several named graphs in one transaction; returns the triple count."""

    @abstractmethod
    def remove_graph(self, name: rdflib.URIRef) -> bool:
        """Drop an article graph and the merged triples no other article supports."""

    @abstractmethod
    def load_ontology(self, path: Path | None = None) -> bool:
        """Put the ontology in its own named graph (rewritten only when it changed)."""

    # -- durability -------------------------------------------------------
    @abstractmethod
    def article_count(self) -> int:
        """How many article graphs the store holds."""

    @abstractmethod
    def check(self) -> list[str]:
        """What is wrong with the store, one line per problem; empty when nothing is."""

    def commit_record(self) -> None:
        """Make the last load or removal durable and record what it left (see ``kg check``)."""
        self.flush()

    def record_articles(self, count: int) -> None:  # noqa: B027 - only a store with a record file keeps one
        """Record how many articles the store will hold when the current change is done."""

    # -- reading ----------------------------------------------------------
    @abstractmethod
    def _run_query(self, sparql: str, bindings: dict[str, str]) -> Answer:
        """The engine's answer to a query already checked as read-only."""

    def query(self, sparql: str, bindings: dict[str, str] | None = None) -> Answer:
        """Run a read-only SPARQL query over the merged graph of all articles and the ontology.

        kg's prefixes need no declaration; ``GRAPH ?article { ... }`` reaches one article's triples;
        ``bindings`` gives variables a literal value before evaluation (parameters of saved queries).
        An update, or a ``SERVICE`` call where the store does not allow one, is a ``QueryError``.
        """
        check_read_only(sparql, allow_service=self.allows_service)
        return self._run_query(sparql, bindings or {})

    def stream(self, sparql: str, bindings: dict[str, str] | None = None) -> Stream:
        """Like :meth:`query`, with the rows produced as they are read; a store that cannot stream
        them gives its whole answer."""
        return Stream.of(self.query(sparql, bindings))

    #: whether a query may call other endpoints with ``SERVICE``
    allows_service: bool = True

    @abstractmethod
    def export(self, fmt: str, output: BinaryIO) -> None:
        """Write the store's data (Turtle and N-Triples as one graph, TriG, N-Quads and JSON-LD per article)."""

    def export_text(self, fmt: str = "turtle") -> str:
        """The export as a string (for notebooks and tests)."""
        import io

        buffer = io.BytesIO()
        self.export(fmt, buffer)
        return buffer.getvalue().decode("utf-8")

    def stats(self) -> StoreStats:
        """Counts of articles, entities by type, asserted events by family, relations and triples."""
        return StoreStats.from_store(self)

    def find_articles(self, reference: str) -> list[rdflib.URIRef]:
        """Articles named by an IRI, an id, or the name of a page they were read from."""
        rows = self.query(
            "SELECT DISTINCT ?a WHERE { ?a a kg:Article . OPTIONAL { ?a kg:sourceName ?page } "
            "FILTER(STR(?a) = ?ref || STRENDS(STR(?a), CONCAT('article-', ?ref)) || ?page = ?ref) }",
            {"ref": reference},
        )
        return [rdflib.URIRef(row["a"]) for row in rows.values() if row["a"]]
