"""Speed and memory of kg, measured against the floor bare spaCy sets in the same run.

    python benchmarks/performance.py                          # sizes 100 and 1,000 (a few minutes)
    python benchmarks/performance.py --sizes 100,1000,10000   # what benchmarks/README.md reports
    python benchmarks/performance.py --queries-on STORE       # the query table alone, on a store you have

For each size, a synthetic corpus (:mod:`kg.synthetic`, kg's own sentence templates) is
written to a temporary folder and:

* bare ``nlp.pipe`` parses its texts (same model, same batch size): words per second;
* ``kg load`` (ingest, parse, extract, resolve, RDF, one transaction per article) runs in
  a child process with one worker and then with ``--workers``: words and triples per
  second, the ratio of the one-worker figure to bare spaCy, and the child's peak memory.

Then, on the store of the largest size (a million triples or more at 10,000 articles),
each saved query runs selectively (one entity, one event) and in aggregate (no
parameter), in the embedded store and in rdflib's in-memory engine over the same merged
graph: median and 95th percentile latency, and their ratio.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from kg.config import DEFAULT_MODEL, Settings
from kg.ingest import read_articles
from kg.nlp import MODEL_ALIASES
from kg.pipeline import load_paths
from kg.store import Store, rdflib_query
from kg.store.saved import saved_queries
from kg.synthetic import write_corpus


def machine() -> str:
    """One line naming the CPU, cores, memory and software versions."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{memory_kb / 2**20:.0f} GiB"
    except OSError:
        memory = "? GiB"
    import pyoxigraph
    import rdflib
    import spacy

    return (f"{cpu}, {os.cpu_count()} cores, {memory}; Python {platform.python_version()}, spaCy {spacy.__version__}, "
            f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}")


def bare_spacy(texts: list[str], model: str, batch_size: int) -> float:
    """Seconds bare ``nlp.pipe`` takes over ``texts`` (the model loaded and warmed first)."""
    import spacy

    for name in MODEL_ALIASES.get(model, (model,)):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    list(nlp.pipe(texts[:8]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def child_load(corpus: str, store: str, model: str, workers: int) -> None:
    """Run in a child process: warm the model, time ``load_paths``, print the figures as JSON."""
    import resource

    from kg.pipeline import graph_from_text
    from kg.store import ontology_graph

    # one-time set-up is left out of the timing on both sides: spaCy's model is loaded before its
    # run too; here the model, the gazetteer, the lexicons and the ontology are read before the clock starts
    graph_from_text("Warm up the pipeline: Anna Lind met officials in Minsk on Friday.", settings=Settings(model=model))
    ontology_graph()
    settings = Settings(model=model, store=Path(store))
    start = time.perf_counter()
    report = load_paths([corpus], settings, progress=False, workers=workers)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "triples": report.triples, "loaded": report.loaded,
                      "peak_mib": peak, "worker_peak_mib": workers_peak}))


def timed_load(corpus: Path, store: Path, model: str, workers: int) -> dict[str, float]:
    """``child_load`` in a fresh process, so each load's peak memory is its own."""
    command = [sys.executable, __file__, "--child-load", str(corpus), str(store), model, str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def latencies(run: Callable[[], object], repeats: int, budget: float) -> list[float]:
    """Milliseconds of up to ``repeats`` calls of ``run``, stopping once ``budget`` seconds are spent."""
    times: list[float] = []
    spent = 0.0
    while len(times) < repeats and spent < budget:
        start = time.perf_counter()
        run()
        elapsed = time.perf_counter() - start
        times.append(elapsed * 1000)
        spent += elapsed
    return times


def p50_p95(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def query_cases(store: Store) -> list[tuple[str, str, dict[str, str]]]:
    """(label, saved query name, parameters): each query selective and in aggregate."""
    def first(sparql: str) -> str:
        return store.query(sparql).values()[0]["x"] or ""

    person = first("SELECT ?x WHERE { ?e a kg:Meeting ; kg:agent/rdfs:label ?x } ORDER BY ?x LIMIT 1")
    event = first("SELECT ?x WHERE { ?x a kg:Meeting } ORDER BY ?x LIMIT 1")
    actor = first("SELECT ?x WHERE { ?e a kg:Release ; kg:agent/rdfs:label ?x } ORDER BY ?x LIMIT 1")
    target = first("SELECT ?x WHERE { ?e a kg:Sanction ; kg:target/rdfs:label ?x } ORDER BY ?x LIMIT 1")
    return [
        (f"meetings of {person}", "meetings", {"entity": person}),
        ("evidence of one event", "evidence", {"event": event}),
        (f"releases by {actor}", "releases", {"actor": actor}),
        (f"sanctions on {target}", "sanctions", {"target": target}),
        ("entities of type Country", "entities", {"type": "Country"}),
        ("all meetings", "meetings", {}),
        ("all releases", "releases", {}),
        ("all sanctions", "sanctions", {}),
        ("all entities by articles", "entities", {}),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes in articles")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=30, help="runs of each query in the embedded store")
    parser.add_argument("--rdflib-budget", type=float, default=60.0, help="seconds allowed per query in rdflib")
    parser.add_argument("--queries-on", type=Path, metavar="STORE",
                        help="only time the saved queries, on this existing store (no corpus, no loads)")
    parser.add_argument("--long", default="250000,500000,1000000", metavar="CHARS",
                        help="comma-separated lengths of single long articles to load ('' for none)")
    parser.add_argument("--child-load", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_load:
        corpus, store, model, workers = args.child_load
        child_load(corpus, store, model, int(workers))
        return
    if args.queries_on:
        print(f"machine: {machine()}")
        report_queries(args.queries_on, args.repeats, args.rdflib_budget)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    batch_size = Settings().batch_size
    print(f"machine: {machine()}")
    print(f"model: {args.model}; batch size {batch_size}; workers {args.workers}\n")
    header = (f"{'articles':>8} {'words':>9} {'spaCy w/s':>10} {'kg w/s':>9} {'ratio':>6} {'triples':>9} "
              f"{'triples/s':>10} {f'w{args.workers} triples/s':>13} {'peak MiB':>9} {f'w{args.workers} peak':>8}")
    print(header)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
        root = Path(scratch)
        largest: Path | None = None
        for size in sizes:
            corpus = root / f"corpus-{size}"
            write_corpus(corpus, size)
            texts = [a.parsed_text for a in read_articles([str(corpus)])]  # what kg parses: headline and body
            words = sum(len(t.split()) for t in texts)
            spacy_seconds = bare_spacy(texts, args.model, batch_size)
            one = timed_load(corpus, root / f"store-{size}", args.model, 1)
            many = timed_load(corpus, root / f"store-{size}-w", args.model, args.workers)
            spacy_rate, kg_rate = words / spacy_seconds, words / one["seconds"]
            print(f"{size:>8} {words:>9} {spacy_rate:>10.0f} {kg_rate:>9.0f} {kg_rate / spacy_rate:>6.2f} "
                  f"{one['triples']:>9.0f} {one['triples'] / one['seconds']:>10.0f} "
                  f"{many['triples'] / many['seconds']:>13.0f} {one['peak_mib']:>9.0f} "
                  f"{many['peak_mib'] + many['worker_peak_mib']:>8.0f}", flush=True)
            largest = root / f"store-{size}"
        if args.long:
            report_long_articles(root, [int(n) for n in args.long.split(",")], args.model, batch_size)
        assert largest is not None
        report_queries(largest, args.repeats, args.rdflib_budget)


def long_article(chars: int) -> str:
    """One article of about ``chars`` characters: synthetic stories one after another, as paragraphs."""
    from kg.synthetic import synthetic_articles

    parts: list[str] = []
    total = 0
    for article in synthetic_articles(max(chars // 800, 1) * 2, seed=11):
        parts.append(article.text)
        total += len(article.text) + 2
        if total >= chars:
            break
    return "Long report\n\n2025-06-02\n\n" + "\n\n".join(parts)


def report_long_articles(root: Path, lengths: list[str] | list[int], model: str, batch_size: int) -> None:
    """Time and peak memory of loading one long article, against bare ``nlp.pipe`` over the same text
    in the same paragraph pieces kg parses (spaCy cannot take a text past ``nlp.max_length`` whole)."""
    from kg.nlp import CHUNK_BATCH, chunks

    print(f"\n{'chars':>9} {'words':>8} {'spaCy s':>8} {'kg s':>7} {'ratio':>6} {'s/100k':>7} {'peak MiB':>9}")
    for chars in lengths:
        folder = root / f"long-{chars}"
        folder.mkdir()
        text = long_article(int(chars))
        (folder / "long.txt").write_text(text, encoding="utf-8")
        [article] = read_articles([str(folder)])
        spacy_seconds = bare_spacy(chunks(article.parsed_text), model, CHUNK_BATCH)
        load = timed_load(folder, root / f"store-long-{chars}", model, 1)
        print(f"{len(text):>9} {len(text.split()):>8} {spacy_seconds:>8.1f} {load['seconds']:>7.1f} "
              f"{spacy_seconds / load['seconds']:>6.2f} {load['seconds'] / len(text) * 1e5:>7.2f} "
              f"{load['peak_mib']:>9.0f}", flush=True)


def _rdflib_child(merged: object, text: str, params: dict[str, str], repeats: int, budget: float,
                  conn: Connection) -> None:
    conn.send(latencies(lambda: rdflib_query(merged, text, params), repeats, budget))  # type: ignore[arg-type]


def rdflib_latencies(merged: object, text: str, params: dict[str, str], repeats: int, budget: float) -> list[float]:
    """``latencies`` of the query in rdflib, in a forked child (sharing the in-memory graph) that is
    stopped after ``budget`` seconds; empty when not even one run finished by then."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_rdflib_child, args=(merged, text, params, repeats, budget, send))
    child.start()
    times: list[float] = receive.recv() if receive.poll(budget * 1.5 + 5) else []
    child.kill()
    child.join()
    return times


def _ratio(value: float) -> str:
    """A ratio with one decimal below 100, so that 9.5 does not print as 10.

    >>> _ratio(9.54), _ratio(1917.2)
    ('9.5', '1917')
    """
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def report_queries(path: Path, repeats: int, rdflib_budget: float) -> None:
    """Latency of each saved query, embedded store against rdflib in memory, on the store at ``path``.

    rdflib gets ``rdflib_budget`` seconds per query; one that has not answered once by then is
    shown as ``>budget`` and its ratio as a lower bound.
    """
    texts = {name: saved.text for name, saved in saved_queries().items()}
    with Store(path, read_only=True) as store:
        triples = int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()[0]["n"] or 0)
        cases = query_cases(store)
        start = time.perf_counter()
        merged = store.merged_graph()
        copy_seconds = time.perf_counter() - start
        print(f"\nqueries on {triples} triples (merged graph; rdflib copy built in {copy_seconds:.0f} s)")
        print(f"{'query':<40} {'rows':>6} {'kg p50 ms':>10} {'kg p95 ms':>10} {'rdflib p50 ms':>14} "
              f"{'rdflib p95 ms':>14} {'ratio':>7}")
        for label, name, params in cases:
            rows = len(store.query(texts[name], params).rows)
            ours = p50_p95(latencies(lambda: store.query(texts[name], params), repeats, 30.0))  # noqa: B023
            theirs_times = rdflib_latencies(merged, texts[name], params, 5, rdflib_budget)
            if theirs_times:
                theirs = p50_p95(theirs_times)
                cells = f"{theirs[0]:>14.0f} {theirs[1]:>14.0f} {_ratio(theirs[0] / ours[0]):>7}"
            else:
                over = f">{rdflib_budget * 1000:.0f}"
                cells = f"{over:>14} {over:>14} {'>' + format(rdflib_budget * 1000 / ours[0], '.0f'):>7}"
            print(f"{label[:40]:<40} {rows:>6} {ours[0]:>10.1f} {ours[1]:>10.1f} {cells}", flush=True)


if __name__ == "__main__":
    main()
