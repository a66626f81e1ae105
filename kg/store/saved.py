"""Named SPARQL queries shipped with the ontology (``ontology/queries/*.rq``), with parameters.

A query file starts with a comment line giving its title, then one line per parameter::

    # param NAME (KIND): description

A parameter is the SPARQL variable ``?NAME``. A given value becomes a one-row ``VALUES``
block at the top of the WHERE clause, written by Oxigraph's serializer, so user text is
never read as SPARQL. Its KIND says how the value is bound:

* ``text`` (the default): a plain literal;
* ``name``: a literal in the form ``kg:nameKey`` stores (case-folded, spaces collapsed),
  so an entity is found through an index whatever the case the user typed;
* ``iri``: an IRI (an event or article node);
* ``class``: a class of the kg ontology by its local name (``country`` → ``kg:Country``).

Lines of the query that start with ``#+NAME`` are comments, so the file as it stands is
the query without that parameter (any SPARQL tool can run it); when ``NAME`` is given
they are uncommented. That is how a saved query starts from the one entity or event it
is asked about, through an index, instead of scanning everything and filtering. A line
that ends with ``#-NAME`` is the opposite: part of the file as it stands, dropped when
``NAME`` is given (a default the parameter overrides).

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
from kg.rdf import name_key
from kg.rdf.namespace import ONTOLOGY_IRI

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PARAM = re.compile(
    r"^#\s*param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?P<kind>[a-z]+)\))?\s*:\s*(?P<doc>.*)$"
)
_KINDS = frozenset({"text", "name", "iri", "class"})


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


def param_kinds(sparql: str) -> dict[str, str]:
    """The KIND of each ``# param`` line of a query text.

    >>> param_kinds("# param who (name): a person\\n# param words: text\\nSELECT * WHERE {}")
    {'who': 'name', 'words': 'text'}
    """
    kinds = {}
    for line in sparql.splitlines():
        match = _PARAM.match(line.strip())
        if match:
            kind = match["kind"] or "text"
            if kind not in _KINDS:
                raise QueryError(f"parameter {match['name']} has unknown kind '{kind}' ({', '.join(sorted(_KINDS))})")
            kinds[match["name"]] = kind
    return kinds


def _shown(value: str, limit: int = 60) -> str:
    """A value as an error message quotes it: on one line, cut short.

    >>> _shown("two\\nlines")
    "'two\\\\nlines'"
    """
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 2] + "…" + shown[-1]


def _term(name: str, value: str, kind: str) -> ox.NamedNode | ox.Literal:
    if kind == "name":
        return ox.Literal(name_key(value))
    if kind == "class":
        local = value.strip()
        if not _NAME.match(local):
            raise QueryError(f"parameter {name} takes a class name such as Country, not {_shown(value)}")
        return ox.NamedNode(f"{ONTOLOGY_IRI}#{local[:1].upper()}{local[1:].lower()}")
    if kind == "iri":
        try:
            return ox.NamedNode(value.strip())
        except ValueError as exc:
            raise QueryError(f"parameter {name} takes an IRI, not {_shown(value)}") from exc
    return ox.Literal(value)


def with_values(sparql: str, bindings: dict[str, str]) -> str:
    """The query with its ``#+NAME`` lines switched on and each binding in a ``VALUES`` block.

    >>> print(with_values('SELECT ?x WHERE { ?x rdfs:label ?name }', {"name": 'say "hi"'}))
    SELECT ?x WHERE { VALUES (?name) { ("say \\"hi\\"") } ?x rdfs:label ?name }
    >>> print(with_values('# param who (name): a name\\nSELECT ?x WHERE {\\n#+who ?x kg:nameKey ?who .\\n}',
    ...                   {"who": "Maia  SANDU"}))
    # param who (name): a name
    SELECT ?x WHERE { VALUES (?who) { ("maia sandu") }
     ?x kg:nameKey ?who .
    }
    """
    if not bindings:
        return sparql
    bad = [name for name in bindings if not _NAME.match(name)]
    if bad:
        raise QueryError(f"parameter names must be SPARQL variable names: {', '.join(bad)}")
    kinds = param_kinds(sparql)
    for name in bindings:
        sparql = re.sub(rf"(?m)^(\s*)#\+{name}\b", r"\1", sparql)
        sparql = re.sub(rf"(?m)^.*#-{name}[ \t]*$", "", sparql)
    match = _WHERE.search(sparql)
    if match is None:
        raise QueryError("parameters need a query with a WHERE clause")
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(_term(name, value, kinds.get(name, "text"))) for name, value in bindings.items())
    block = f" VALUES ({names}) {{ ({row}) }}"
    return sparql[:match.end()] + block + sparql[match.end():]


def ontology_folder() -> Path:
    """The folder of ``kg.ttl`` and the saved queries: ``kg/ontology`` of an installed wheel, else
    ``ontology/`` of the source tree (a checkout or an editable install)."""
    installed = Path(__file__).resolve().parents[1] / "ontology"
    return installed if (installed / "kg.ttl").is_file() else Path(__file__).resolve().parents[2] / "ontology"


def queries_folder() -> Path:
    """The saved queries shipped with the ontology (``ontology/queries``)."""
    return ontology_folder() / "queries"


def read_saved_query(path: Path) -> SavedQuery:
    """Parse one ``.rq`` file with its title and parameter comments."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("#") else path.stem
    params = {m["name"]: m["doc"].strip() for line in lines if (m := _PARAM.match(line.strip()))}
    param_kinds(text)  # a bad kind is an error when the query is read, not when it is run
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
