"""Store stage: an embedded, persistent RDF store (a directory) that answers SPARQL.

Each article lives in its own named graph (the article's IRI) and is written in
one transaction: a crash leaves either the whole article or none of it. The
default graph holds the RDF merge of all articles (and the ontology), kept in the
same transactions; queries read it. (Oxigraph's own union-default-graph option
counts a triple once per graph that holds it, oxigraph issue #1919, so kg keeps
the merge itself.) Built on Oxigraph (pyoxigraph).

>>> import tempfile, rdflib
>>> from kg.rdf import KG, RESOURCE
>>> g = rdflib.Graph().add((RESOURCE["person-x"], rdflib.RDF.type, KG.Person))
>>> with Store(tempfile.mkdtemp() + "/s") as store:
...     written = store.add_graph(RESOURCE["article-1"], g)
...     store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Person }").values()
[{'n': '1'}]
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError
from kg.rdf.namespace import ONTOLOGY_IRI, PREFIXES
from kg.store._converter import (
    Triples,
    forget_graph_update,
    from_ox,
    graph_to_quads,
    merged_nquads,
    replace_graph_update,
)
from kg.store.remote import RemoteStore, server_software
from kg.store.results import FORMATS, Answer, format_answer
from kg.store.saved import ontology_folder, with_values
from kg.store.virtuoso import VirtuosoStore, is_virtuoso
from kg.urls import ENV_USER, is_url, warn_plain_credentials

__all__ = [
    "EXPORT_FORMATS", "FORMATS", "Answer", "RemoteStore", "Store", "StoreStats", "VirtuosoStore", "format_answer",
    "ontology_graph", "ontology_path", "open_store", "rdflib_query",
]

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_DATASET_FORMATS = frozenset({"trig", "nquads", "jsonld"})


@dataclass(frozen=True)
class StoreStats:
    """What a store holds, as ``kg stats`` prints it."""

    articles: int
    entities: dict[str, int]
    events: dict[str, int]
    relations: dict[str, int]
    triples: int

    @classmethod
    def from_store(cls, store: Store | RemoteStore) -> StoreStats:
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


def open_store(location: str | Path, *, read_only: bool = False) -> Store | RemoteStore:
    """The store at ``location``: a SPARQL server for an http(s) URL (Virtuoso's adapter when the
    server says it is Virtuoso), else an embedded store directory."""
    if is_url(str(location)):
        url = str(location)
        if os.environ.get(ENV_USER):  # before the first request, which may already answer a challenge
            for endpoint in {url, *(os.environ.get(f"KG_SPARQL_{n}") for n in ("QUERY", "UPDATE", "GSP"))} - {None}:
                warn_plain_credentials(str(endpoint))
        adapter = VirtuosoStore if is_virtuoso(server_software(url)) else RemoteStore
        return adapter(url, read_only=read_only)
    return Store(location, read_only=read_only)


def rdflib_query(graph: rdflib.Graph, sparql: str, bindings: dict[str, str] | None = None) -> Answer:
    """Run a kg query (prefixes predeclared, parameters bound as in :meth:`Store.query`) with rdflib's engine."""
    try:
        return Answer.from_rdflib(graph.query(with_values(sparql, bindings or {}), initNs=PREFIXES))
    except Exception as exc:  # noqa: BLE001 - rdflib raises pyparsing and many other errors
        raise QueryError(f"query failed in rdflib: {str(exc).splitlines()[0]}") from exc


def find_articles(store: Store | RemoteStore, reference: str) -> list[rdflib.URIRef]:
    """Articles of a store named by an IRI, an id, or the name of a page they were read from."""
    rows = store.query(
        "SELECT DISTINCT ?a WHERE { ?a a kg:Article . OPTIONAL { ?a kg:sourceName ?page } "
        "FILTER(STR(?a) = ?ref || STRENDS(STR(?a), CONCAT('article-', ?ref)) || ?page = ?ref) }",
        {"ref": reference},
    )
    return [rdflib.URIRef(row["a"]) for row in rows.values() if row["a"]]


def compact_name(iri: str) -> str:
    """The local name of a kg term ("https://w3id.org/kg-news/ontology#Meeting" → "Meeting")."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def ontology_path() -> Path | None:
    """``kg.ttl``, installed with the package or in the source tree (see :func:`kg.store.saved.ontology_folder`)."""
    candidate = ontology_folder() / "kg.ttl"
    return candidate if candidate.is_file() else None


@lru_cache(maxsize=4)
def ontology_graph(path: Path | None = None) -> rdflib.Graph:
    """The ontology (``path``, by default the source tree's ``ontology/kg.ttl``) parsed once per process.

    Empty when there is no ontology file to read. Treat it as read-only: it is shared.
    """
    source = path or ontology_path()
    return rdflib.Graph().parse(source, format="turtle") if source else rdflib.Graph()


def _open_error(path: Path, exc: OSError) -> StoreError:
    message = str(exc)
    if "lock" in message.lower():
        return StoreError(f"store {path} is in use by another kg process; wait for it to finish")
    if isinstance(exc, FileNotFoundError) or "No such file" in message:
        return StoreError(f"no store at {path}; create one with 'kg load PATH --store {path}'")
    return StoreError(f"cannot open store {path}: {message.splitlines()[0]}")


class Store:
    """The embedded kg store at ``path``; ``read_only`` opens an existing one for queries only."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if not read_only and self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store path {self.path} is a file, not a directory")
        if self.path.is_dir() and any(self.path.iterdir()) and not (self.path / "CURRENT").exists():
            raise StoreError(f"{self.path} is a folder with other files in it, not a kg store; choose another --store")
        if read_only and not (self.path / "CURRENT").exists():
            raise StoreError(f"no store at {self.path}; create one with 'kg load PATH --store {self.path}'")
        try:
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            raise _open_error(self.path, exc) from exc

    @classmethod
    def from_oxigraph(cls, memory: ox.Store) -> Store:
        """A Store over an in-memory Oxigraph store (a server's snapshot, a test's data)."""
        store = cls.__new__(cls)
        store.path = Path("<memory>")
        store.read_only = False
        store._store = memory
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the directory lock.

        Every committed transaction is already in the store's write-ahead log, which any
        later opener (read-only ones included) replays, so closing does not flush: a
        flush costs a third of a second whatever was written. Call :meth:`flush` to show
        writes to a read-only reader while this store is still open.
        """
        if getattr(self, "_store", None) is not None:
            del self._store

    # -- writing ----------------------------------------------------------
    def has_graph(self, name: rdflib.URIRef) -> bool:
        """Whether a named graph (an article) is in the store."""
        return self._store.contains_named_graph(ox.NamedNode(str(name)))

    def add_graph(self, name: rdflib.URIRef, graph: Triples, *, replace: bool = False) -> int:
        """Write a graph as the named graph ``name`` in one transaction; returns the triple count.

        With ``replace``, the old content of that graph is dropped in the same transaction.
        """
        if replace and self.has_graph(name):
            update, count = replace_graph_update(name, graph)
            self._write(lambda: self._store.update(update))
            return count
        return self.add_graphs([(name, graph)])

    def add_graphs(self, graphs: Iterable[tuple[rdflib.URIRef, Triples]], *, replace: bool = False) -> int:
        """Write several graphs (articles) in one transaction: all of them or, after a crash, none.

        Each is written as its named graph and merged into the default graph; returns the triple count.
        """
        if replace:
            return sum(self.add_graph(name, graph, replace=True) for name, graph in graphs)
        data, count = merged_nquads(graphs)
        if count:
            self._write(lambda: self._store.load(data, format=ox.RdfFormat.N_QUADS))
        return count

    def _write(self, action: Callable[[], object]) -> None:
        try:
            action()
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc
        except SyntaxError as exc:  # a term kg built is not valid RDF: nothing of the batch was written
            raise StoreError(f"cannot write to store {self.path}: invalid RDF ({str(exc).splitlines()[0]})") from exc

    def remove_graph(self, name: rdflib.URIRef) -> bool:
        """Drop a named graph and every merged triple that no other graph supports, in one transaction."""
        if not self.has_graph(name):
            return False
        try:
            self._store.update(forget_graph_update(name))
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc
        return True

    def load_ontology(self, path: Path | None = None) -> bool:
        """Put the ontology in its own named graph so queries can use its labels and class tree."""
        if (path or ontology_path()) is None:
            return False
        graph = ontology_graph(path)
        name = rdflib.URIRef(ONTOLOGY_IRI)
        stored = set(self._store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_IRI)))
        if stored != set(graph_to_quads(graph, name)):  # blank-node-free, so a set comparison is exact
            self.add_graph(name, graph, replace=True)
        return True

    # -- reading ----------------------------------------------------------
    def query(self, sparql: str, bindings: dict[str, str] | None = None) -> Answer:
        """Run a SPARQL query over the merged graph of all articles and the ontology.

        kg's prefixes need no declaration; ``GRAPH ?article { ... }`` reaches one article's triples.
        ``bindings`` gives variables a literal value before evaluation (parameters of saved queries).
        """
        try:
            result = self._store.query(with_values(sparql, bindings or {}), prefixes=PREFIXES)
            return Answer.from_result(result)
        except SyntaxError as exc:
            raise QueryError(f"query does not parse: {str(exc).splitlines()[0]}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from exc

    def _data_triples(self) -> Iterator[ox.Triple]:
        """The merged graph without the ontology, sorted by subject so Turtle groups each node's triples."""
        result = self._store.query(
            f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH <{ONTOLOGY_IRI}> {{ ?s ?p ?o }} }} }} "
            "ORDER BY ?s ?p ?o"
        )
        for row in result:  # type: ignore[union-attr]
            yield ox.Triple(row["s"], row["p"], row["o"])

    def _data_quads(self) -> Iterator[ox.Quad]:
        """Quads of the article graphs (the merged default graph and the ontology left out)."""
        ontology = ox.NamedNode(ONTOLOGY_IRI)
        for name in self._store.named_graphs():
            if name != ontology:
                yield from self._store.quads_for_pattern(None, None, None, name)

    def export(self, fmt: str, output: BinaryIO) -> None:
        """Write the store's data: Turtle and N-Triples as one graph, TriG, N-Quads and JSON-LD per article."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format '{fmt}'; choose one of {', '.join(EXPORT_FORMATS)}")
        data = self._data_quads() if fmt in _DATASET_FORMATS else self._data_triples()
        prefixes = None if fmt in ("nt", "nquads") else PREFIXES
        ox.serialize(data, output, EXPORT_FORMATS[fmt], prefixes=prefixes)

    def export_text(self, fmt: str = "turtle") -> str:
        """The export as a string (for notebooks and tests)."""
        buffer = io.BytesIO()
        self.export(fmt, buffer)
        return buffer.getvalue().decode("utf-8")

    def to_rdflib(self) -> rdflib.Dataset:
        """A copy of the whole store as an rdflib Dataset, one graph per article."""
        dataset = rdflib.Dataset()
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace)
        for quad in self._data_quads():
            graph = dataset.graph(rdflib.URIRef(quad.graph_name.value))  # type: ignore[union-attr]
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return dataset

    def merged_graph(self) -> rdflib.Graph:
        """A copy of the graph queries read (every article merged, with the ontology) as an rdflib Graph.

        Running a query on it with :func:`rdflib_query` gives the store's answer, more slowly.
        """
        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for quad in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return graph

    def rdflib_view(self) -> rdflib.Dataset:
        """The live store behind rdflib's Dataset API (the oxrdflib bridge): no copy, writes go to the store.

        SPARQL on the view runs in Oxigraph. Writes through it bypass kg's per-article
        transactions and merged graph, so prefer :meth:`add_rdflib` for adding data.
        """
        from oxrdflib import OxigraphStore

        dataset = rdflib.Dataset(store=OxigraphStore(store=self._store), default_union=False)
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace)
        return dataset

    def add_rdflib(self, data: rdflib.Graph | rdflib.Dataset, name: rdflib.URIRef | None = None) -> int:
        """Add an rdflib Dataset (each named graph as an article graph) or Graph (as graph ``name``).

        Each graph is committed whole, merged into the default graph like an article; returns the triple count.
        """
        if isinstance(data, rdflib.Dataset):
            graphs = [(g.identifier, g) for g in data.graphs() if isinstance(g.identifier, rdflib.URIRef)
                      and g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID and len(g)]
        elif name is not None:
            graphs = [(name, data)]
        elif isinstance(data.identifier, rdflib.URIRef):
            graphs = [(data.identifier, data)]
        else:
            raise StoreError("an rdflib Graph without an IRI identifier needs a name for its graph")
        return sum(self.add_graph(graph_name, graph, replace=True)
                   for graph_name, graph in graphs)

    def stats(self) -> StoreStats:
        """Counts of articles, entities by type, asserted events by family, relations and triples."""
        return StoreStats.from_store(self)

    def find_articles(self, reference: str) -> list[rdflib.URIRef]:
        """Articles named by an IRI, an id, or the name of a page they were read from."""
        return find_articles(self, reference)

    def flush(self) -> None:
        """Make every committed write visible to read-only openers in other processes."""
        self._store.flush()

    def __len__(self) -> int:
        return len(self._store)

