"""The whole flow, ingest → nlp → extract → resolve → rdf → store, as functions a notebook can call.

>>> from rdflib import RDF
>>> from kg.rdf import KG
>>> g = graph_from_text("Belarus freed 52 prisoners on Thursday.", published="2025-09-11")
>>> [str(d) for e in g.subjects(RDF.type, KG.Release) for d in g.objects(e, KG.date)]
['2025-09-11']
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

import rdflib

from kg.config import Settings
from kg.extract import extract
from kg.ingest import parse_text, read_articles
from kg.lang.names import name_rules
from kg.nlp import parse
from kg.processes import die_with_parent
from kg.rdf import KG, TripleSet, article_iri, build_graph, build_triples, new_graph
from kg.rdf.links import link_graph, unlink_graph
from kg.rdf.namespace import RESOURCE
from kg.records import Article, Modality, Resolution
from kg.resolve import resolve
from kg.resolve.corpus import PrintedName, corpus_links
from kg.store import GraphStore, open_store
from kg.store._converter import from_ox

_PROGRESS_FROM = 5  # articles; smaller loads print no progress bar


@dataclass
class LoadReport:
    """What a load did: counts a user can check."""

    articles: int = 0
    loaded: int = 0
    skipped: int = 0
    duplicates: int = 0
    triples: int = 0
    relinked: int = 0
    events: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        events = ", ".join(f"{family} {n}" for family, n in sorted(self.events.items())) or "none"
        notes = []
        if self.skipped:
            notes.append(f"{self.skipped} already in the store")
        if self.duplicates:
            notes.append(f"{self.duplicates} the same story as another page")
        if self.relinked:
            notes.append(f"{self.relinked} article(s) relinked to names known across the store")
        extra = f" ({'; '.join(notes)})" if notes else ""
        return (f"loaded {self.loaded} of {self.articles} articles{extra}: "
                f"{self.triples} triples; events: {events}")


def resolve_articles(articles: Iterable[Article], settings: Settings) -> Iterator[Resolution]:
    """Parse, extract and resolve each article (the pipeline up to, not including, RDF)."""
    lexicon, relations = settings.rules()
    for article, doc in parse(articles, settings.model, settings.batch_size, ahead=2 * settings.batch_size):
        yield resolve(extract(article, doc, lexicon, relations), lexicon, relations)


def _resolutions_of(articles: list[Article], settings: Settings) -> list[Resolution]:
    """One worker's share: each article parsed, extracted and resolved."""
    return list(resolve_articles(articles, settings))


def resolved_batches(articles: Iterable[Article], settings: Settings, workers: int = 1) -> Iterator[list[Resolution]]:
    """Resolutions in input order, ``settings.batch_size`` articles at a time, parsed by ``workers`` processes.

    With more than one worker, batches go to fresh processes (spawned, so none inherits an
    open store), each loading the pipeline once. Every article is processed on its own, so
    the output is the same whatever the number of workers.
    """
    pending = list(articles)
    size = settings.batch_size
    if workers <= 1 or len(pending) <= size:
        batch: list[Resolution] = []
        for resolution in resolve_articles(pending, settings):
            batch.append(resolution)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch
        return
    batches = [pending[i:i + size] for i in range(0, len(pending), size)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        yield from pool.map(_resolutions_of, batches, [settings] * len(batches))


def article_triples(
    articles: Iterable[Article], settings: Settings, workers: int = 1
) -> Iterator[tuple[Resolution, TripleSet]]:
    """Each article's resolution and RDF triples, as the article printed its names, in input order,
    parsed by ``workers`` processes (:func:`link_corpus` then links names across articles)."""
    lexicon, relations = settings.rules()
    for batch in resolved_batches(articles, settings, workers):
        for resolution in batch:
            yield resolution, build_triples(resolution, lexicon, relations)


_ARTICLE_GRAPHS = f'FILTER(STRSTARTS(STR(?g), "{RESOURCE}article-"))'
_NAMED = f"""SELECT ?g ?e ?label ?alt WHERE {{ GRAPH ?g {{
  VALUES ?type {{ kg:Person kg:Organization }} ?e a ?type ; rdfs:label ?label OPTIONAL {{ ?e skos:altLabel ?alt }}
}} {_ARTICLE_GRAPHS} }}"""
_LINKS = f"""SELECT ?g ?linked ?printed ?plabel WHERE {{ GRAPH ?g {{
  ?record a kg:NameLink ; kg:linkedEntity ?linked ; kg:printedEntity ?printed ; kg:printedLabel ?plabel
}} {_ARTICLE_GRAPHS} }}"""


def _entity_key(iri: str) -> str | None:
    local = iri[len(str(RESOURCE)):] if iri.startswith(str(RESOURCE)) else ""
    kind, _, rest = local.partition("-")
    return f"{kind}/{rest}" if kind in ("person", "org") and rest else None


def link_corpus(store: GraphStore, settings: Settings) -> int:
    """Link the names every article printed to the entities the whole store names
    (:func:`kg.resolve.corpus.corpus_links`), relinking or unlinking the article graphs whose links
    changed; returns how many graphs were rewritten. The result depends on the store's articles,
    not on the order they came in, and a removed article's names stop holding links up."""
    current: dict[str, dict[str, str]] = {}  # graph → {printed key: linked key}
    printed_as: dict[tuple[str, str], tuple[str, str]] = {}  # (graph, linked key) → (printed key, label)
    for row in store.query(_LINKS).values():
        graph, linked, printed = row["g"] or "", _entity_key(row["linked"] or ""), _entity_key(row["printed"] or "")
        if linked and printed:
            printed_as[(graph, linked)] = (printed, row["plabel"] or "")
            current.setdefault(graph, {})[printed] = linked
    names: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for row in store.query(_NAMED).values():
        graph, key = row["g"] or "", _entity_key(row["e"] or "")
        if key is None:
            continue
        if (graph, key) in printed_as:
            key, label = printed_as[(graph, key)]
        else:
            label = row["label"] or ""
        entry = names.setdefault((graph, key), (label, set()))
        if row["alt"]:
            entry[1].add(row["alt"])
    found = [PrintedName(g, k, label, frozenset(alts - {label})) for (g, k), (label, alts) in names.items()]
    desired: dict[str, dict[str, tuple[str, str]]] = {}
    for (graph, key), link in corpus_links(found, name_rules()).items():
        desired.setdefault(graph, {})[key] = link
    lexicon, relations = settings.rules()
    changed = 0
    for graph in sorted(set(current) | set(desired)):
        wanted = desired.get(graph, {})
        if {printed: key for printed, (key, _) in wanted.items()} == current.get(graph, {}):
            continue
        name = rdflib.URIRef(graph)
        rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows
        triples = {(from_ox(s), from_ox(p), from_ox(o)) for s, p, o in rows}  # type: ignore[arg-type]
        store.add_graph(name, link_graph(name, unlink_graph(triples, lexicon, relations), wanted, lexicon, relations),
                        replace=True)
        changed += 1
    return changed


def graph_from_text(text: str, published: str | date | None = None, settings: Settings | None = None) -> rdflib.Graph:
    """The RDF graph of one text, without a store: handy in tests and notebooks."""
    day = date.fromisoformat(published) if isinstance(published, str) else published
    graph = new_graph()
    settings = settings or Settings()
    for resolution in resolve_articles(parse_text(text, published=day), settings):
        graph += build_graph(resolution, *settings.rules())
    return graph


class _Progress:
    """A progress bar over committed articles, shown for loads big enough to need one."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar = None
        if enabled and total >= _PROGRESS_FROM:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=sys.stderr, desc="loading")

    def advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def load_paths(
    paths: Iterable[str],
    settings: Settings,
    *,
    force: bool = False,
    encoding: str | None = None,
    published: date | None = None,
    progress: bool = True,
    workers: int = 1,
) -> LoadReport:
    """Load files, folders or ``-`` into the store of ``settings``.

    All input is read and checked first, so bad input leaves the store untouched.
    Articles already in the store are skipped before parsing unless ``force``.
    ``workers`` processes parse and extract; this process alone writes, committing
    ``settings.batch_size`` whole articles per transaction from a writer thread while
    the next batch is parsed (a crash loses at most the batch in flight, never part of
    an article).
    """
    articles = read_articles(paths, encoding=encoding, published=published)
    report = LoadReport(articles=len(articles))
    unique = list({a.id: a for a in articles}.values())
    report.duplicates = len(articles) - len(unique)
    pages: dict[str, set[str]] = {}
    for article in articles:
        pages.setdefault(article.id, set()).add(PurePath(article.source).name)
    with open_store(settings.store) as store:
        store.load_ontology()
        known = [a for a in unique if not force and store.has_graph(article_iri(a))]
        known_ids = {a.id for a in known}
        pending = [a for a in unique if a.id not in known_ids]
        report.skipped = len(known)
        for article in known:  # a known story seen on a new page: only the page is new
            store.add_graph(article_iri(article), source_triples(article, pages[article.id]))
        progress_bar = _Progress(len(pending), progress)
        batch: list[tuple[rdflib.URIRef, TripleSet]] = []
        # One writer thread: the store's write of a batch (Oxigraph and HTTP release the GIL)
        # runs while the next batch is parsed. At most one batch is in flight; its result
        # (or error) is collected before the next is handed over, so commits stay in order.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-writer") as writer:
            in_flight: Future[int] | None = None
            in_flight_size = 0

            def collect() -> None:
                nonlocal in_flight
                if in_flight is not None:
                    report.triples += in_flight.result()
                    progress_bar.advance(in_flight_size)
                    in_flight = None

            def commit() -> None:
                nonlocal in_flight, in_flight_size
                collect()
                in_flight = writer.submit(store.add_graphs, list(batch), replace=force)
                in_flight_size = len(batch)
                batch.clear()

            for resolution, triples in article_triples(pending, settings, workers):
                article = resolution.article
                batch.append((article_iri(article), triples | source_triples(article, pages[article.id])))
                report.loaded += 1
                report.events.update(
                    e.family for e in resolution.events if e.modality is Modality.ASSERTED and (e.agent or e.target)
                )
                if len(batch) >= settings.batch_size:
                    commit()
            if batch:
                commit()
            collect()
        progress_bar.close()
        report.relinked = link_corpus(store, settings)
        store.commit_record()  # the load's articles in the store's tables, not only in its log
    return report


def source_triples(article: Article, page_names: Iterable[str]) -> TripleSet:
    """``kg:sourceName`` triples naming every page on which the story was found."""
    return {(article_iri(article), KG.sourceName, rdflib.Literal(name)) for name in page_names}
