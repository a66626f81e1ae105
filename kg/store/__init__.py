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

import json
import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, TypeVar

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError
from kg.rdf.namespace import KG, ONTOLOGY_IRI, PREFIXES
from kg.store._converter import (
    Triples,
    forget_graph_update,
    from_ox,
    graph_to_quads,
    merged_nquads,
    replace_graph_update,
)
from kg.store.base import GraphStore, StoreStats, compact_name
from kg.store.remote import RemoteStore, server_software
from kg.store.results import FORMATS, Answer, Stream, answer_chunks, format_answer
from kg.store.saved import ontology_folder, with_values
from kg.store.sparql import check_read_only
from kg.store.virtuoso import VirtuosoStore, is_virtuoso
from kg.urls import ENV_USER, is_url, warn_plain_credentials

__all__ = [
    "EXPORT_FORMATS", "FORMATS", "Answer", "GraphStore", "RemoteStore", "Store", "StoreStats", "Stream",
    "VirtuosoStore", "answer_chunks", "compact_name", "format_answer", "ontology_graph", "ontology_path",
    "open_store", "rdflib_query",
]

T = TypeVar("T")

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_DATASET_FORMATS = frozenset({"trig", "nquads", "jsonld"})


#: the file in an embedded store's folder that records what its last load or removal left
RECORD_FILE = "kg-record.json"


def open_store(location: str | Path, *, read_only: bool = False, create: bool = True,
               allow_service: bool = False) -> GraphStore:
    """The store at ``location``: a SPARQL server for an http(s) URL (Virtuoso's adapter when the
    server says it is Virtuoso), else an embedded store directory (which calls other endpoints
    with ``SERVICE`` only when ``allow_service``; a server follows its own policy)."""
    if is_url(str(location)):
        url = str(location)
        if os.environ.get(ENV_USER):  # before the first request, which may already answer a challenge
            for endpoint in {url, *(os.environ.get(f"KG_SPARQL_{n}") for n in ("QUERY", "UPDATE", "GSP"))} - {None}:
                warn_plain_credentials(str(endpoint))
        adapter = VirtuosoStore if is_virtuoso(server_software(url)) else RemoteStore
        return adapter(url, read_only=read_only)
    return Store(location, read_only=read_only, create=create, allow_service=allow_service)


def rdflib_query(graph: rdflib.Graph, sparql: str, bindings: dict[str, str] | None = None) -> Answer:
    """Run a kg query (prefixes predeclared, parameters bound as in :meth:`Store.query`) with rdflib's engine."""
    try:
        return Answer.from_rdflib(graph.query(with_values(sparql, bindings or {}), initNs=PREFIXES))
    except Exception as exc:  # noqa: BLE001 - rdflib raises pyparsing and many other errors
        raise QueryError(f"query failed in rdflib: {str(exc).splitlines()[0]}") from exc


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


def _first_line(exc: BaseException, limit: int = 160) -> str:
    line = (str(exc).splitlines() or [type(exc).__name__])[0]
    return line if len(line) <= limit else line[:limit] + "…"


def _open_error(path: Path, exc: OSError) -> StoreError:
    message = str(exc)
    if "lock" in message.lower():
        return StoreError(f"store {path} is in use by another kg process; wait for it to finish")
    if isinstance(exc, FileNotFoundError) or "No such file" in message:
        return StoreError(f"no store at {path}; create one with 'kg load PATH --store {path}'")
    return StoreError(f"cannot open store {path}: {message.splitlines()[0]}")


class Store(GraphStore):
    """The embedded kg store at ``path``; ``read_only`` opens an existing one for queries only,
    ``create=False`` refuses to make a new one, ``allow_service`` lets queries call ``SERVICE``."""

    def __init__(self, path: str | Path, *, read_only: bool = False, create: bool = True,
                 allow_service: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.allows_service = allow_service
        if not read_only and self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store path {self.path} is a file, not a directory")
        if self.path.is_dir() and any(self.path.iterdir()) and not (self.path / "CURRENT").exists():
            raise StoreError(f"{self.path} is a folder with other files in it, not a kg store; choose another --store")
        if (read_only or not create) and not (self.path / "CURRENT").exists():
            raise StoreError(f"no store at {self.path}; create one with 'kg load PATH --store {self.path}'")
        try:
            if not read_only:
                self.path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            raise _open_error(self.path, exc) from exc
        except RuntimeError as exc:  # RocksDB: "Corruption: ...", a table file missing or broken
            raise StoreError(f"store {self.path} is damaged: {_first_line(exc)}") from None
        self._check_record()

    # -- durability -------------------------------------------------------
    @property
    def _record_path(self) -> Path:
        return self.path / RECORD_FILE

    def article_count(self) -> int:
        """How many article graphs the store holds (its named graphs, the ontology left out)."""
        ontology = ox.NamedNode(ONTOLOGY_IRI)
        try:
            return sum(1 for name in self._store.named_graphs() if name != ontology)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"store {self.path} is damaged: {_first_line(exc)}") from None

    def check(self) -> list[str]:
        """What is wrong with the store, read whole (every table block is checksummed on read): an
        article graph without its article, a merged triple missing, fewer articles than recorded.
        An empty list when nothing is."""
        problems: list[str] = []
        ontology = ox.NamedNode(ONTOLOGY_IRI)
        kind = ox.NamedNode(str(rdflib.RDF.type))
        article = ox.NamedNode(str(KG.Article))
        try:
            for name in self._store.named_graphs():
                if name == ontology:
                    continue
                if ox.Quad(name, kind, article, name) not in self._store:
                    problems.append(f"graph {name.value} holds no article {name.value}")
                missing = sum(1 for quad in self._store.quads_for_pattern(None, None, None, name)
                              if ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())
                              not in self._store)
                if missing:
                    problems.append(f"article {name.value}: {missing} of its triples are missing from the merged graph")
            for _ in self._store.quads_for_pattern(None, None, None, None):
                pass
        except (OSError, RuntimeError) as exc:
            problems.append(f"damaged: {_first_line(exc)}")
        return problems

    def _check_record(self) -> None:
        """Compare the store with the record the last load or removal left: fewer articles than it
        counted means lost data (a damaged log or table), never a silently emptier store."""
        try:
            recorded = json.loads(self._record_path.read_text("utf-8"))["articles"]
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError):
            raise StoreError(f"store {self.path} is damaged: its record {RECORD_FILE} cannot be read") from None
        found = self.article_count()
        if found < int(recorded):
            raise StoreError(f"store {self.path} is damaged: its last load left {recorded} articles, it now holds "
                             f"{found}; restore it from a copy, or delete it and load the articles again")

    def commit_record(self) -> None:
        """Flush every committed write into the store's tables and record how many articles it holds
        (see :meth:`_check_record`); a load and a removal end with this."""
        self.flush()
        self.record_articles(self.article_count())

    def record_articles(self, count: int) -> None:
        """Record ``count`` articles, atomically; a removal records the count it will leave before it
        starts, so a removal cut short never looks like lost data."""
        temporary = self._record_path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"articles": max(count, 0)}), "utf-8")
        os.replace(temporary, self._record_path)

    @classmethod
    def from_oxigraph(cls, memory: ox.Store) -> Store:
        """A Store over an in-memory Oxigraph store (a server's snapshot, a test's data)."""
        store = cls.__new__(cls)
        store.path = Path("<memory>")
        store.read_only = False
        store.allows_service = False
        store._store = memory
        return store

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
    def _evaluate(self, sparql: str, bindings: dict[str, str]) -> object:
        try:
            return self._store.query(with_values(sparql, bindings), prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"query does not parse: {str(exc).splitlines()[0]}") from exc
        except RuntimeError as exc:
            raise StoreError(f"store {self.path} is damaged: {_first_line(exc)}") from None
        except (OSError, ValueError) as exc:
            raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from exc

    def _run_query(self, sparql: str, bindings: dict[str, str]) -> Answer:
        result = self._evaluate(sparql, bindings)
        try:
            return Answer.from_result(result)
        except RuntimeError as exc:
            raise StoreError(f"store {self.path} is damaged: {_first_line(exc)}") from None
        except (OSError, ValueError) as exc:
            raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from exc

    def stream(self, sparql: str, bindings: dict[str, str] | None = None) -> Stream:
        """Like :meth:`query`, with rows read from the store as the caller takes them: an answer of
        any size is written in constant memory (unless the query itself sorts or groups)."""
        check_read_only(sparql, allow_service=self.allows_service)
        stream = Stream.from_result(self._evaluate(sparql, bindings or {}))
        if stream.boolean is not None:
            return stream
        if stream.triples is not None:
            return Stream(triples=self._guarded(stream.triples))
        return Stream(stream.variables, self._guarded(stream.rows))

    def _guarded(self, items: Iterable[T]) -> Iterator[T]:
        """Items of a lazy answer, an engine error while reading them raised as a kg error."""
        try:
            yield from items
        except RuntimeError as exc:
            raise StoreError(f"store {self.path} is damaged: {_first_line(exc)}") from None
        except (OSError, ValueError) as exc:
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

    def flush(self) -> None:
        """Make every committed write visible to read-only openers in other processes."""
        self._store.flush()

    def __len__(self) -> int:
        return len(self._store)

