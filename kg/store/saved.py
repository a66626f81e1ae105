"""Named SPARQL queries shipped with the ontology (``ontology/queries/*.rq``), with parameters.

A query file starts with a comment line giving its title, then one ``# param NAME:
description`` line per parameter. A parameter is the SPARQL variable ``?NAME``, left
unbound when not given. A given value becomes a one-row ``VALUES`` block at the top of
the WHERE clause, its literal written by Oxigraph's serializer (quotes and newlines
escaped), so user text is never read as SPARQL.

>>> sorted(saved_queries())[:3]
['entities', 'evidence', 'meetings']
>>> saved_queries()["releases"].params
{'actor': 'only releases by this actor (a name or alternative name: "Belarus", "Minsk", "Lukashenko")'}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PARAM = re.compile(r"^#\s*param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<doc>.*)$")


@dataclass(frozen=True)
class SavedQuery:
    """One saved query: its name (the file stem), title, text and parameters with their descriptions."""

    name: str
    title: str
    text: str
    params: dict[str, str]

    def bindings(self, values: dict[str, str]) -> dict[str, str]:
        """Check that every given parameter is one of this query's; raises :class:`QueryError` if not."""
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            allowed = ", ".join(self.params) or "none"
            raise QueryError(f"query '{self.name}' has no parameter {', '.join(unknown)} (it takes: {allowed})")
        return dict(values)


def with_values(sparql: str, bindings: dict[str, str]) -> str:
    """The query with each binding as a literal in a ``VALUES`` block opening its WHERE clause.

    >>> print(with_values('SELECT ?x WHERE { ?x rdfs:label ?name }', {"name": 'say "hi"'}))
    SELECT ?x WHERE { VALUES (?name) { ("say \\"hi\\"") } ?x rdfs:label ?name }
    """
    if not bindings:
        return sparql
    bad = [name for name in bindings if not _NAME.match(name)]
    if bad:
        raise QueryError(f"parameter names must be SPARQL variable names: {', '.join(bad)}")
    match = _WHERE.search(sparql)
    if match is None:
        raise QueryError("parameters need a query with a WHERE clause")
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(ox.Literal(value)) for value in bindings.values())
    block = f" VALUES ({names}) {{ ({row}) }}"
    return sparql[:match.end()] + block + sparql[match.end():]


def queries_folder() -> Path:
    """``ontology/queries`` of the source tree."""
    return Path(__file__).resolve().parents[2] / "ontology" / "queries"


def read_saved_query(path: Path) -> SavedQuery:
    """Parse one ``.rq`` file with its title and parameter comments."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("#") else path.stem
    params = {m["name"]: m["doc"].strip() for line in lines if (m := _PARAM.match(line.strip()))}
    return SavedQuery(path.stem, title, text, params)


def saved_queries(folder: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query by name."""
    folder = folder or queries_folder()
    return {path.stem: read_saved_query(path) for path in sorted(folder.glob("*.rq"))}


def saved_query(name: str, folder: Path | None = None) -> SavedQuery:
    """The saved query called ``name``; raises :class:`QueryError` listing the names there are."""
    found = saved_queries(folder)
    if name not in found:
        raise QueryError(f"no saved query '{name}'; there are: {', '.join(found) or 'none'}")
    return found[name]


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["actor=Belarus"]`` → ``{"actor": "Belarus"}``; raises :class:`QueryError` on a pair without ``=``.

    >>> parse_params(["actor=Alexander Lukashenko", "x=a=b"])
    {'actor': 'Alexander Lukashenko', 'x': 'a=b'}
    """
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param '{pair}' is not NAME=VALUE")
        values[name.strip()] = value
    return values
