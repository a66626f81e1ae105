"""Counts attached to a noun: "more than 430 prisoners" → Quantity(430, "more than")."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from kg.lang import load_data
from kg.records import Quantity


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int], tuple[str, ...]]:
    data = load_data("nouns")
    qualifiers = tuple(sorted(set(data["quantity_qualifiers"]), key=len, reverse=True))
    return data["number_words"], data["number_scales"], qualifiers


def parse_number(text: str) -> int | None:
    """An integer from digits or English number words.

    >>> parse_number("1,200"), parse_number("9.5 million"), parse_number("fifty"), parse_number("dozens")
    (1200, 9500000, 50, None)
    """
    words, scales, _ = _tables()
    value: float | None = None
    for part in text.lower().replace("-", " ").split():
        part = part.strip(",")
        if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", part):
            value = (value or 0) + float(part.replace(",", ""))
        elif part in scales and value is not None:
            value *= scales[part]
        elif part in words:
            value = (value or 0) + words[part]
        elif part in ("and", "a"):
            continue
        else:
            return None
    return None if value is None else int(value)


def quantity_of(noun: Token) -> Quantity | None:
    """The count a noun phrase gives its head, with its qualifier ("more than", "about")."""
    _, _, qualifiers = _tables()
    number = next((c for c in noun.children if c.dep_ == "nummod"), None)
    if number is None:
        return None
    parts = [t for t in number.subtree if t.dep_ in ("compound", "nummod") or t.i == number.i]
    value = parse_number(" ".join(t.text for t in sorted(parts, key=lambda t: t.i)))
    if value is None:
        return None
    left = number.doc[max(number.left_edge.i, noun.left_edge.i):number.i].text.lower()
    qualifier = next((q for q in qualifiers if left.endswith(q) or left.startswith(q)), None)
    text = number.doc[number.left_edge.i:noun.i + 1].text
    return Quantity(value, qualifier, text)
