"""What a SPARQL text asks for, read from its tokens (SPARQL 1.1 grammar, section 19.8).

kg answers queries, never updates, and its embedded store does not call other endpoints
(``SERVICE``) unless asked to. Both are decided on the tokens of the text, so a keyword inside
a string, an IRI, a comment, a variable or a prefixed name (``?service``, ``ex:insert``) is
not taken for one.

>>> query_form("PREFIX ex: <http://ex.org/> # INSERT in a comment\\nSELECT ?insert WHERE { ?s ex:DELETE 'DROP' }")
'SELECT'
>>> query_form("insert data { <a:b> <a:c> <a:d> }")
'INSERT'
>>> sorted(keywords("SELECT * { SERVICE <http://ex.org/sparql> { ?s ?p ?o } }") & {"SERVICE"})
['SERVICE']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.errors import QueryError

__all__ = ["QUERY_FORMS", "UPDATE_FORMS", "check_read_only", "keywords", "query_form", "tokens"]

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"})
UPDATE_FORMS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

# Terminals in the order they must be tried: long strings before short ones, an IRI before the
# '<' operator, and a comment only where no string or IRI has started.
_TOKEN = re.compile(
    r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<comment>\#[^\n\r]*)
    |(?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
    |(?P<name>(?:[^\W\d][\w.\-\u00B7]*)?:(?:[\w.\-:%\\]|%[0-9A-Fa-f]{2})*|[^\W\d][\w\-]*)
    |(?P<space>\s+)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """The ``(kind, text)`` tokens of a SPARQL text, comments and white space left out.

    Kinds: ``string``, ``iri``, ``var``, ``name`` (a keyword or prefixed name), ``other``.

    >>> [kind for kind, _ in tokens("ASK { ?s <http://x> 'a # b' } # done")]
    ['name', 'other', 'var', 'iri', 'string', 'other']
    """
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            yield kind, match.group()


def keywords(text: str) -> set[str]:
    """The keywords of a SPARQL text, upper-cased (prefixed names, variables and literals left out)."""
    return {value.upper() for kind, value in tokens(text) if kind == "name" and ":" not in value}


def query_form(text: str) -> str | None:
    """The first query or update keyword of the text (``SELECT`` … ``ASK``, ``INSERT`` … ``WITH``)."""
    for kind, value in tokens(text):
        word = value.upper()
        if kind == "name" and (word in QUERY_FORMS or word in UPDATE_FORMS):
            return word
    return None


def check_read_only(text: str, *, allow_service: bool) -> None:
    """Refuse, with one line, an update and (unless allowed) a query that calls another endpoint."""
    form = query_form(text)
    if form in UPDATE_FORMS:
        raise QueryError(f"kg query runs read-only queries; this text is an update ({form} …). "
                         "Change the graph with kg load and kg remove")
    if not allow_service and "SERVICE" in keywords(text):
        raise QueryError("the query calls another endpoint (SERVICE); the embedded store does not, "
                         "unless asked: kg query --allow-service")
