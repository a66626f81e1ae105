"""How news prints names: the rules of ``names.json`` and the keys that join the forms of one name.

A name key folds what varies between printings of one name and nothing else: case, accents,
punctuation and brackets caught in a span, leading honorifics and ranks, and the spellings of a
transliterated name. Two keys that are equal name the same person (or body) as far as the
spelling can tell; the resolver and the store's linking decide the rest from context.

>>> rules = name_rules()
>>> person_key("Erdoğan", rules) == person_key("Erdogan", rules)
True
>>> person_key("Volodymyr Zelenskyy", rules) == person_key("Volodymyr Zelensky", rules)
True
>>> person_key("Daw Aung San Suu Kyi", rules), person_key("Gen. Min Aung Hlaing", rules)
('aung san suu kyi', 'min aung hlaing')
>>> person_key("Abd el-Fattah", rules) == person_key("Abdel Fattah", rules)
False
>>> clean_label("Tammy Bruce."), clean_label("Nicolás] Maduro")
('Tammy Bruce', 'Nicolás Maduro')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kg.errors import ExtractionError
from kg.lang import load_data

__all__ = ["NameRules", "clean_label", "fold", "name_rules", "organisation_key", "person_key"]

_BRACKETS = re.compile(r"[\[\](){}\"“”«»]")
_INITIAL = re.compile(r"(?:^|[\s.])\w\.$")  # "John F." and "U.S." keep their dot


@dataclass(frozen=True)
class NameRules:
    """The rules of ``names.json``, compiled (see its ``_doc``)."""

    honorifics: frozenset[str]
    particles: frozenset[str]
    transliterations: tuple[tuple[re.Pattern[str], str], ...]
    demonym_suffixes: tuple[tuple[str, str], ...]
    kind_heads: dict[str, str]
    joints: tuple[str, ...]
    organisation_forms: tuple[tuple[re.Pattern[str], str], ...]
    organisation_words: frozenset[str]

    def is_honorific(self, word: str) -> bool:
        """Whether a word printed before a name is a rank or form of address ("Gen.", "Daw")."""
        return word.casefold().rstrip(".") in self.honorifics


def _compiled(pairs: list[list[str]], name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    try:
        return tuple((re.compile(pattern), replacement) for pattern, replacement in pairs)
    except (re.error, ValueError) as exc:
        raise ExtractionError(f"E006 language data 'names.json': a pattern of '{name}' does not compile: {exc}") \
            from exc


@cache
def name_rules(lang: str = "en") -> NameRules:
    """The name rules of a language, read once."""
    data = load_data("names", lang)
    return NameRules(
        honorifics=frozenset(w.casefold().rstrip(".") for w in data["honorifics"]),
        particles=frozenset(data["particles"]),
        transliterations=_compiled(data["transliterations"], "transliterations"),
        demonym_suffixes=tuple((s, r) for s, r in data["demonym_suffixes"]),
        kind_heads={k.casefold(): v for k, v in data["kind_heads"].items()},
        joints=tuple(data["joints"]),
        organisation_forms=_compiled(data["organisation_forms"], "organisation_forms"),
        organisation_words=frozenset(data["organisation_words"]),
    )


def fold(text: str) -> str:
    """Case, accents, curly quotes and spacing folded away.

    >>> fold("  Díaz-Canel’s ")
    "diaz-canel's"
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("’", "'").replace("‘", "'").casefold().split())


def clean_label(text: str) -> str:
    """A name as printed, without brackets, quotes or a final full stop caught in its span."""
    text = " ".join(_BRACKETS.sub(" ", text).split())
    while text.endswith((".", ",", ";", ":")) and not _INITIAL.search(text):
        text = text[:-1].rstrip()
    return text


def _words(text: str) -> list[str]:
    folded = fold(clean_label(text))
    folded = re.sub(r"'s$", "", folded)
    return [w for w in re.split(r"[\s\-–—.]+", folded) if w and w != "'"]


def person_key(label: str, rules: NameRules) -> str:
    """The key two printings of one person's name share (see the module's examples)."""
    words = _words(label)
    while len(words) > 1 and words[0] in rules.honorifics:
        words.pop(0)
    out = []
    for word in words:
        for pattern, replacement in rules.transliterations:
            word = pattern.sub(replacement, word)
        out.append(word)
    return " ".join(out)


def organisation_key(label: str, rules: NameRules, country_words: frozenset[str] = frozenset()) -> str:
    """The key the printed forms of one body share: "Department of the Treasury", "US Treasury
    Department" and "Treasury" give "treasury"; ``country_words`` (folded names and demonyms of the
    state) are left out in front.

    >>> rules = name_rules()
    >>> {organisation_key(n, rules, frozenset({"us", "u.s."})) for n in
    ...  ("Department of the Treasury", "US Treasury Department", "Treasury", "U.S. Department of the Treasury")}
    {'treasury'}
    >>> organisation_key("Department of State", rules), organisation_key("State Department", rules)
    ('state', 'state')
    """
    key = fold(clean_label(label))
    if key.startswith("the "):
        key = key[4:]
    for word in sorted(country_words, key=len, reverse=True):
        if key.startswith(word + " ") and len(key) > len(word) + 1:
            key = key[len(word) + 1:]
            break
    for pattern, replacement in rules.organisation_forms:
        key = pattern.sub(replacement, key)
    return " ".join(key.split())
