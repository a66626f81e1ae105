"""SPARQL answers as a table, CSV or JSON (the W3C SPARQL 1.1 results formats for the latter two)."""

from __future__ import annotations

import gc
import io
import json
from collections.abc import Iterator
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


def _table(answer: Answer) -> str:
    cells = [[compact(t).replace("\n", " ") for t in row] for row in answer.rows]
    cells = [[c if len(c) <= _MAX_CELL else c[: _MAX_CELL - 1] + "…" for c in row] for row in cells]
    widths = [max([len(v)] + [len(row[i]) for row in cells]) for i, v in enumerate(answer.variables)]
    lines = [" | ".join(v.ljust(w) for v, w in zip(answer.variables, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def format_answer(answer: Answer, fmt: str = "table") -> str:
    """Render an answer; CONSTRUCT answers are written as Turtle whatever the format."""
    if answer.triples is not None:
        return (ox.serialize(answer.triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"").decode()
    if answer.boolean is not None:
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer.boolean})
        return "true" if answer.boolean else "false"
    if fmt == "table":
        return _table(answer)
    out = io.StringIO()
    if fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(answer.variables)
        writer.writerows([["" if t is None else t.value for t in row] for row in answer.rows])
        return out.getvalue().rstrip("\n")
    bindings = []
    for row in answer.rows:
        binding = {}
        for var, term in zip(answer.variables, row, strict=True):
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                binding[var] = {"type": "uri", "value": term.value}
            elif isinstance(term, ox.BlankNode):
                binding[var] = {"type": "bnode", "value": term.value}
            else:
                entry = {"type": "literal", "value": term.value}
                if term.language:
                    entry["xml:lang"] = term.language
                elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                    entry["datatype"] = term.datatype.value
                binding[var] = entry
        bindings.append(binding)
    return json.dumps({"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)
