"""The ``kg`` command: a thin layer over :mod:`kg.pipeline` and :mod:`kg.store`.

Every failure a user can cause ends in one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kg import __version__
from kg.config import DEFAULT_QUERY_TIMEOUT, ENV_MODEL, ENV_QUERY_TIMEOUT, ENV_STORE, load_settings
from kg.errors import InputError, KGError, QueryError, StoreError

_INTERNAL_ERROR = 70


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2025-12-12") from None


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds (0 means no limit)")
    return seconds


def _default_timeout() -> float:
    text = os.environ.get(ENV_QUERY_TIMEOUT)
    if not text:
        return DEFAULT_QUERY_TIMEOUT
    try:
        return _seconds(text)
    except argparse.ArgumentTypeError as exc:
        raise InputError(f"${ENV_QUERY_TIMEOUT}: {exc}") from None


def _workers(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (0 means one per core)")
    return count or (os.cpu_count() or 1)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Turn news articles into a queryable RDF graph.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_store(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--store", help=f"store directory or SPARQL server URL (default: ${ENV_STORE} or ./kg-store); "
                         "a server's credentials come from $KG_STORE_USER and $KG_STORE_PASSWORD")

    load = commands.add_parser("load", help="read articles into the store")
    load.add_argument("paths", nargs="+", metavar="PATH", help="text or HTML files, folders of them, or - for stdin")
    with_store(load)
    load.add_argument("--model", help=f"spaCy pipeline (default: ${ENV_MODEL} or en_core_web_sm)")
    load.add_argument("--force", action="store_true", help="re-extract articles already in the store")
    load.add_argument("--encoding", help="encoding of the input files (default: UTF-8)")
    load.add_argument("--date", type=_day, help="publication date for articles whose page gives none")
    load.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    load.add_argument("--workers", type=_workers, default=1, metavar="N",
                      help="processes that parse and extract (default 1; 0 means one per core)")

    export = commands.add_parser("export", help="write the graph as RDF")
    with_store(export)
    from kg.store import EXPORT_FORMATS, FORMATS

    export.add_argument("--format", choices=list(EXPORT_FORMATS), default="turtle")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")

    query = commands.add_parser("query", help="run a SPARQL query")
    with_store(query)
    query.add_argument("query", nargs="?", help="SPARQL text (kg:, rdfs:, schema:, prov:, skos:, xsd: predeclared)")
    query.add_argument("--file", help="read the query from this file")
    query.add_argument("--name", help="run a saved query (see --list)")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="a parameter of the saved query, bound as a literal (repeatable)")
    query.add_argument("--list", action="store_true", help="list the saved queries and their parameters")
    query.add_argument("--format", choices=FORMATS, default="table")
    query.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                       help=f"stop the query after this long (default ${ENV_QUERY_TIMEOUT} or "
                            f"{DEFAULT_QUERY_TIMEOUT:g}; 0: no limit)")
    query.add_argument("--allow-service", action="store_true",
                       help="let the embedded store call other endpoints the query names with SERVICE")

    stats = commands.add_parser("stats", help="count articles, entities, events, relations and triples")
    with_store(stats)

    viz = commands.add_parser("viz", help="draw the graph as one standalone HTML page (and a PNG)")
    with_store(viz)
    viz.add_argument("-o", "--output", help="HTML file to write (works offline; default graph.html unless --png only)")
    viz.add_argument("--png", help="also (or only) write a static picture to this PNG file")
    viz.add_argument("--focus", metavar="NAME", help="only this entity and its neighbourhood")
    viz.add_argument("--depth", type=int, default=1, metavar="N", help="steps from --focus to draw (default 1)")
    viz.add_argument("--family", action="append", metavar="FAMILY",
                     help="only these event families (repeatable; default all but Statement)")
    viz.add_argument("--type", action="append", dest="types", metavar="TYPE",
                     help="only entities of these types (Person, Country, ...; repeatable)")
    viz.add_argument("--since", type=_day, help="only events on or after this date")
    viz.add_argument("--until", type=_day, help="only events on or before this date")
    viz.add_argument("--min-confidence", type=float, default=0.0, metavar="X", help="only events and relations "
                     "at least this confident (0 to 1)")
    viz.add_argument("--events", action="store_true", help="draw events as nodes too (the event graph)")
    viz.add_argument("--title", help="title shown on the page")

    check = commands.add_parser("check", help="read the whole store and say what, if anything, is damaged")
    with_store(check)

    remove = commands.add_parser("remove", help="drop articles and whatever only they supported")
    remove.add_argument("articles", nargs="+", metavar="ARTICLE", help="an article IRI, its id, or a page name")
    with_store(remove)
    return parser


def _query_text(args: argparse.Namespace) -> tuple[str, dict[str, str]]:
    from kg.store.saved import parse_params, saved_query

    given = [bool(args.query), bool(args.file), bool(args.name)]
    if sum(given) != 1:
        raise InputError("give one of: a query, --file or --name")
    params = parse_params(args.param)
    if args.name:
        saved = saved_query(args.name)
        return saved.text, saved.bindings(params)
    if args.file:
        from kg.ingest.sources import read_source

        return read_source(args.file).text, params
    return args.query, params


def _run(args: argparse.Namespace) -> int:
    settings = load_settings(model=getattr(args, "model", None), store=args.store)
    if args.command == "load":
        from kg.pipeline import load_paths

        report = load_paths(args.paths, settings, force=args.force, encoding=args.encoding,
                            published=args.date, progress=not args.quiet, workers=args.workers)
        if not args.quiet:
            print(report.summary())
        return 0
    from kg.store import open_store

    if args.command == "export":
        with open_store(settings.store, read_only=True) as store:
            if args.output:
                target = Path(args.output)
                temporary = target.with_name(target.name + ".part")
                try:
                    with temporary.open("wb") as handle:
                        store.export(args.format, handle)
                    os.replace(temporary, target)
                except OSError as exc:
                    temporary.unlink(missing_ok=True)
                    raise InputError(f"{args.output}: cannot write ({exc.strerror or exc})") from exc
            else:
                store.export(args.format, sys.stdout.buffer)
        return 0
    if args.command == "query":
        if args.list:
            from kg.store.saved import saved_queries

            for saved in saved_queries().values():
                usage = " ".join(f"[--param {name}=...]" for name in saved.params)
                print(f"{saved.name:<10} {saved.title}" + (f"\n{'':<10} {usage}" if usage else ""))
            return 0
        return _query(args, settings.store)
    if args.command == "stats":
        with open_store(settings.store, read_only=True) as store:
            print(store.stats().text())
        return 0
    if args.command == "viz":
        return _viz(args, settings.store)
    if args.command == "check":
        with open_store(settings.store, read_only=True) as store:
            problems = store.check()
            count = store.article_count()
        for problem in problems:
            print(problem)
        if problems:
            raise StoreError(f"store {settings.store}: {len(problems)} problem(s) found, listed above")
        print(f"store {settings.store}: {count} articles, read whole; no damage found")
        return 0
    if args.command == "remove":
        from kg.pipeline import link_corpus

        with open_store(settings.store, create=False) as store:
            names = {a: store.find_articles(a) for a in args.articles}
            missing = [a for a, found in names.items() if not found]
            if missing:
                raise InputError(f"no article {', '.join(missing)} in the store; nothing was removed")
            doomed = {name for found in names.values() for name in found}
            store.record_articles(store.article_count() - len(doomed))
            for name in sorted(doomed):
                store.remove_graph(name)
            relinked = link_corpus(store, settings)  # links the removed articles held up are taken back
            store.commit_record()
            note = f"; {relinked} other article(s) relinked" if relinked else ""
            print(f"removed {sum(len(f) for f in names.values())} article(s){note}")
        return 0
    raise InputError(f"unknown command {args.command}")


def _viz(args: argparse.Namespace, location: str | Path) -> int:
    from kg.graph import Filters, ego_graph, entity_graph, event_graph, read_records
    from kg.store import open_store
    from kg.viz import write_html, write_png

    filters = Filters(families=tuple(args.family) if args.family else None, since=args.since, until=args.until,
                      entity_types=tuple(args.types) if args.types else None, min_confidence=args.min_confidence)
    with open_store(location, read_only=True) as store:
        records = read_records(store)
    graph = event_graph(records, filters) if args.events else entity_graph(records, filters)
    if args.focus:
        try:
            graph = ego_graph(graph, args.focus, depth=max(args.depth, 0) * (2 if args.events else 1))
        except KeyError as exc:
            raise InputError(str(exc.args[0])) from None
    if not len(graph):
        raise InputError("nothing to draw: no event or relation matches these filters")
    title = args.title or (f"kg: {args.focus}" if args.focus else "kg graph")
    written = []
    try:
        if args.output or not args.png:
            written.append(write_html(graph, args.output or "graph.html", title=title))
        if args.png:
            written.append(write_png(graph, args.png, title=title))
    except OSError as exc:
        raise InputError(f"cannot write {exc.filename}: {exc.strerror}") from exc
    print(f"drew {len(graph)} nodes and {graph.number_of_edges()} edges: {', '.join(map(str, written))}")
    return 0


def _query(args: argparse.Namespace, location: str | Path) -> int:
    """Run one query, its answer written as it is read, stopped by ``--timeout`` or Ctrl-C."""
    from kg.store import answer_chunks, open_store

    text, bindings = _query_text(args)
    timeout = _default_timeout() if args.timeout is None else args.timeout

    def answer() -> None:
        with (open_store(location, read_only=True, allow_service=args.allow_service) as store,
              store.stream(text, bindings) as stream):
            for chunk in answer_chunks(stream, args.format):
                sys.stdout.write(chunk)
            sys.stdout.write("\n")
            sys.stdout.flush()

    run_bounded(answer, timeout, stopped=f"the query ran for {timeout:g} s and was stopped; "
                                         "narrow it, or raise --timeout (0: no limit)")
    return 0


def run_bounded(work: Callable[[], None], seconds: float, *, stopped: str) -> None:
    """Run ``work`` in a thread while this one stays free for Ctrl-C and the clock.

    The query engines release the interpreter while they evaluate, so a query of any size is
    stopped within a tenth of a second of its deadline or of Ctrl-C. Stopping ends the process
    (``os._exit``): the only way to stop a query inside the engine, and safe because a query
    only reads (its store is open read-only).
    """
    failure: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread as is
            failure.append(_without_frames(exc))

    thread = threading.Thread(target=target, name="kg-bounded", daemon=True)
    deadline = time.monotonic() + seconds if seconds else None
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.1)
            if deadline is not None and thread.is_alive() and time.monotonic() > deadline:
                _abandon(f"kg: error: {stopped}", QueryError.exit_code)
    except KeyboardInterrupt:
        _abandon("kg: interrupted; the query was stopped", 130)
    if failure:
        raise failure[0]


def _without_frames(exc: BaseException) -> BaseException:
    """The exception with the tracebacks of its whole chain dropped, so that the frames (and the
    engine objects they hold) end in the thread that made them."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return exc


def _abandon(message: str, code: int) -> None:
    """End the process now with one line on stderr; the running thread cannot be stopped otherwise."""
    try:
        os.write(2, (message + "\n").encode("utf-8", "replace"))
    finally:
        os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` console script."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except KGError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted; every article committed before is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the promise is one line, never a traceback
        if args.debug:
            raise
        print(f"kg: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return _INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
