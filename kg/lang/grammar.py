"""Closed-class words of a language (``kg/lang/<code>/grammar.json``) as typed sets.

>>> "including" in grammar().member_prepositions
True
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from kg.lang import load_data

__all__ = ["Grammar", "grammar"]


@dataclass(frozen=True)
class Grammar:
    """The word sets the extract stage reads; see ``grammar.json`` for what each one does."""

    subject_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    reported_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    personal_possessives: frozenset[str]
    place_prepositions: frozenset[str]
    member_prepositions: frozenset[str]
    quantity_heads: frozenset[str]
    denying_determiners: frozenset[str]


@cache
def grammar(lang: str = "en") -> Grammar:
    """The closed-class words of ``lang`` (validated when read: see :func:`kg.lang.load_data`)."""
    data = load_data("grammar", lang)
    return Grammar(**{f.name: frozenset(data[f.name]) for f in fields(Grammar)})
