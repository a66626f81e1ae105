"""SPARQL answers as a table, CSV or JSON (the W3C SPARQL 1.1 results formats for the latter two)."""

from __future__ import annotations

import gc
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib.query

from kg.rdf.namespace import PREFIXES
from kg.store._converter import to_ox

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "csv", "json")
_MAX_CELL = 80

#: One row of a SELECT answer, a term or None (unbound) per variable.
Row = tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a bulk build of acyclic objects (2-8% of a 10,000-row answer)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class Answer:
    """A materialised query answer: rows of a SELECT, a boolean of an ASK, or triples of a CONSTRUCT."""

    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] | None = None

    @classmethod
    def from_result(cls, result: object) -> Answer:
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            with _collector_paused():  # rows are thousands of new tuples that hold no cycles
                rows = tuple(tuple(solution) for solution in result)  # a solution iterates in variable order
            return cls(variables=variables, rows=rows)
        if isinstance(result, ox.QueryBoolean):
            return cls(boolean=bool(result))
        return cls(triples=tuple(result))  # type: ignore[arg-type]

    @classmethod
    def from_rdflib(cls, result: rdflib.query.Result) -> Answer:
        """The same answer built from what ``rdflib.Graph.query`` returned, to compare engines."""
        if result.type == "ASK":
            return cls(boolean=bool(result.askAnswer))
        if result.type == "SELECT":
            variables = tuple(str(v) for v in result.vars or ())
            rows = tuple(tuple(None if t is None else to_ox(t) for t in row) for row in result)  # type: ignore[union-attr]
            return cls(variables=variables, rows=rows)
        triples = tuple(ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in result)  # type: ignore[misc, arg-type]
        return cls(triples=triples)

    def to_frame(self) -> pd.DataFrame:
        """Rows as a pandas DataFrame of strings (IRIs shortened to ``kgr:…`` as in the table format).

        >>> Answer(variables=("who",), rows=((ox.Literal("Coale"),),)).to_frame()["who"].tolist()
        ['Coale']
        """
        import pandas as pd

        return pd.DataFrame([[compact(t) if t is not None else None for t in row] for row in self.rows],
                            columns=list(self.variables))

    def values(self) -> list[dict[str, str | None]]:
        """Rows as plain dicts of strings (IRIs in full, literals as their lexical value)."""
        return [
            {var: (None if term is None else term.value) for var, term in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]


def compact(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """A short display form: ``kg:Meeting`` for IRIs under a known prefix, the value for literals.

    >>> compact(ox.NamedNode("https://w3id.org/kg-news/ontology#Meeting"))
    'kg:Meeting'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


@dataclass(frozen=True)
class Stream:
    """An answer read as it is produced: SELECT rows, an ASK boolean, or CONSTRUCT triples.

    Its iterators are single-use; :func:`write_answer` consumes them.
    """

    variables: tuple[str, ...] = ()
    rows: Iterable[Row] = ()
    boolean: bool | None = None
    triples: Iterable[ox.Triple] | None = None

    @classmethod
    def from_result(cls, result: object) -> Stream:
        """Wrap what ``pyoxigraph.Store.query`` returned, without reading it."""
        if isinstance(result, ox.QuerySolutions):
            return cls(variables=tuple(v.value for v in result.variables),
                       rows=(tuple(solution) for solution in result))
        if isinstance(result, ox.QueryBoolean):
            return cls(boolean=bool(result))
        return cls(triples=iter(result))  # type: ignore[call-overload]

    @classmethod
    def of(cls, answer: Answer) -> Stream:
        """A materialised answer, read as a stream."""
        return cls(answer.variables, answer.rows, answer.boolean, answer.triples)

    def close(self) -> None:
        """Let go of the engine's result now, in this thread (Oxigraph's results must be dropped
        by the thread that made them)."""
        for items in (self.rows, self.triples):
            close = getattr(items, "close", None)
            if close is not None:
                close()

    def __enter__(self) -> Stream:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


#: rows a table reads before it fixes its column widths; later rows are cut to them
_TABLE_SAMPLE = 1000


def _cells(row: Row) -> list[str]:
    cells = [compact(t).replace("\n", " ") for t in row]
    return [c if len(c) <= _MAX_CELL else c[: _MAX_CELL - 1] + "…" for c in cells]


def _table_lines(variables: tuple[str, ...], rows: Iterable[Row]) -> Iterator[str]:
    """A text table, its widths taken from the first rows so that any number of rows streams."""
    iterator = iter(rows)
    sample = [_cells(row) for row in itertools.islice(iterator, _TABLE_SAMPLE)]
    widths = [max([len(v)] + [len(row[i]) for row in sample]) for i, v in enumerate(variables)]

    def line(cells: list[str]) -> str:
        fitted = (c if len(c) <= w else c[: max(w - 1, 0)] + "…" for c, w in zip(cells, widths, strict=True))
        return " | ".join(c.ljust(w) for c, w in zip(fitted, widths, strict=True))

    yield " | ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True))
    yield "-+-".join("-" * w for w in widths)
    count = 0
    for cells in itertools.chain(sample, (_cells(row) for row in iterator)):
        count += 1
        yield line(cells)
    yield f"({count} row{'s' if count != 1 else ''})"


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    entry = {"type": "literal", "value": term.value}
    if term.language:
        entry["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        entry["datatype"] = term.datatype.value
    return entry


def answer_chunks(stream: Stream, fmt: str = "table") -> Iterator[str]:
    """The rendering of an answer, piece by piece, so that no answer is held whole to be written.

    CONSTRUCT answers are Turtle whatever the format; csv and json are the W3C SPARQL 1.1 results formats.
    """
    if stream.triples is not None:
        yield (ox.serialize(stream.triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"").decode()
        return
    if stream.boolean is not None:
        yield json.dumps({"head": {}, "boolean": stream.boolean}) if fmt == "json" else str(stream.boolean).lower()
        return
    if fmt == "table":
        yield "\n".join(_table_lines(stream.variables, stream.rows))
        return
    if fmt == "csv":
        import csv

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(stream.variables)
        for row in stream.rows:
            writer.writerow(["" if t is None else t.value for t in row])
            if out.tell() > 1 << 16:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
        yield out.getvalue().rstrip("\n")
        return
    yield json.dumps({"head": {"vars": list(stream.variables)}})[:-1] + ', "results": {"bindings": ['
    separator = "\n"
    for row in stream.rows:
        binding = {var: _json_term(term) for var, term in zip(stream.variables, row, strict=True) if term is not None}
        yield separator + json.dumps(binding, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}}"


def format_answer(answer: Answer | Stream, fmt: str = "table") -> str:
    """Render an answer as one string (see :func:`answer_chunks`)."""
    return "".join(answer_chunks(answer if isinstance(answer, Stream) else Stream.of(answer), fmt))
