"""Across a corpus: which printed names of people and organisations are one entity.

Each article's graph names entities as the article printed them ("Fogel", "Zelenskyy", "UN").
Over the whole store, :func:`corpus_links` says which of them are an entity another article names
in full, from the names alone, so the answer is the same whatever order the articles came in:

- full names with one name key are one person ("Volodymyr Zelenskyy", "Volodymyr Zelensky");
  the node kept is the one whose IRI sorts first;
- a full name that ends exactly one longer full name is that person ("Tayyip Erdogan");
- a one-word name is the one full name it is a word of ("Fogel"); two Kims stay apart;
- an acronym is the one organisation printed with it, or with those initials ("UN").

>>> from kg.lang.names import name_rules
>>> names = [PrintedName("a", "person/marc-fogel", "Marc Fogel"), PrintedName("b", "person/fogel", "Fogel"),
...          PrintedName("c", "person/kim", "Kim"), PrintedName("c", "person/kim-jong-un", "Kim Jong Un"),
...          PrintedName("d", "person/kim-yo-jong", "Kim Yo Jong")]
>>> corpus_links(names, name_rules())
{('b', 'person/fogel'): ('person/marc-fogel', 'Marc Fogel')}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.lang.names import NameRules, person_key

__all__ = ["PrintedName", "corpus_links"]

Link = tuple[str, str]  # (entity key, label) of the entity a printed name is linked to


@dataclass(frozen=True)
class PrintedName:
    """An entity as one article printed it: its graph, its key (``person/…``, ``org/…``) and labels."""

    graph: str
    key: str
    label: str
    alt_labels: frozenset[str] = field(default_factory=frozenset)


def is_acronym(text: str) -> bool:
    """An acronym: two to six capitals ("UN", "PDVSA")."""
    return text.isupper() and text.isalpha() and 2 <= len(text) <= 6


def initials(text: str) -> str:
    """The capitals that start the words of a name ("United Nations": "UN")."""
    return "".join(word[0] for word in text.split() if word[:1].isupper())


def _people(names: list[PrintedName], rules: NameRules) -> dict[str, Link]:
    """Each person key that another key stands for, with the label of the one kept."""
    keys = {n.key: tuple(person_key(n.label, rules).split()) for n in names}
    labels: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (n.key, n.label)):
        labels.setdefault(name.key, name.label)
    groups: dict[tuple[str, ...], str] = {}  # a full name's key → the entity kept for it
    for key in sorted(k for k, words in keys.items() if len(words) > 1):
        groups.setdefault(keys[key], key)
    canonical: dict[tuple[str, ...], str] = {}
    ends: dict[tuple[str, ...], set[str]] = {}  # a proper ending of a longer full name → the entities it ends
    for words in sorted(groups, key=lambda w: (-len(w), w)):  # longest first: "Recep Tayyip Erdoğan" before its end
        longer = ends.get(words, set())
        canonical[words] = next(iter(longer)) if len(longer) == 1 else groups[words]
        for start in range(1, len(words)):
            ends.setdefault(words[start:], set()).add(canonical[words])
    holders: dict[str, set[str]] = {}  # a word of a full name → the entities whose name holds it
    for words, kept in canonical.items():
        for word in words:
            holders.setdefault(word, set()).add(kept)
    out: dict[str, Link] = {}
    for key, words in keys.items():
        if len(words) > 1:
            kept = canonical[words]
        elif len(words) == 1 and len(holders.get(words[0], ())) == 1:
            [kept] = holders[words[0]]
        else:
            continue
        if kept != key:
            out[key] = (kept, labels[kept])
    return out


def _organisations(names: list[PrintedName]) -> dict[str, Link]:
    """Each acronym key that stands for the one organisation printed with it or with its initials."""
    labels: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (n.key, n.label)):
        labels.setdefault(name.key, name.label)
    spelled: dict[str, set[str]] = {}  # acronym → keys of bodies printed with it, or with its initials
    for name in names:
        if not is_acronym(name.label):
            for alt in name.alt_labels | {initials(name.label)}:
                if is_acronym(alt):
                    spelled.setdefault(alt, set()).add(name.key)
    out: dict[str, Link] = {}
    for name in names:
        if is_acronym(name.label) and len(spelled.get(name.label, ())) == 1:
            [kept] = spelled[name.label]
            if kept != name.key:
                out[name.key] = (kept, labels[kept])
    return out


def corpus_links(names: Iterable[PrintedName], rules: NameRules) -> dict[tuple[str, str], Link]:
    """For each (graph, printed key) that is another entity, that entity's key and label (see the module)."""
    names = list(names)
    links = _people([n for n in names if n.key.startswith("person/")], rules)
    links |= _organisations([n for n in names if n.key.startswith("org/")])
    printed = {(n.graph, n.key) for n in names}
    out: dict[tuple[str, str], Link] = {}
    for name in names:
        link = links.get(name.key)
        # an article that prints the kept entity itself keeps its own two nodes apart: one rename per node
        if link is not None and (name.graph, link[0]) not in printed:
            out[(name.graph, name.key)] = link
    return dict(sorted(out.items()))
