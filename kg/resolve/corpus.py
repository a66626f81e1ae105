"""Across a corpus: which printed names of people and organisations are one entity.

Each article's graph names entities as the article printed them ("Fogel", "Zelenskyy", "UN").
Over the whole store, :func:`corpus_links` says which of them are an entity another article names
in full, from the names alone, so the answer is the same whatever order the articles came in:

- full names with one name key are one person ("Volodymyr Zelenskyy", "Volodymyr Zelensky");
  the node kept is the one whose IRI sorts first;
- a full name that ends exactly one longer full name is that person ("Tayyip Erdogan");
- a one-word name is the one full name it is a word of ("Fogel"); two Kims stay apart; so is a
  one-word organisation, when more articles print the word as the person's than as a body's;
- an acronym is the one organisation printed with it, or that it abbreviates ("UN");
- a body printed without its state is the one body of that name printed with it ("Treasury Department").

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

from kg.lang.gazetteer import country_gazetteer
from kg.lang.names import NameRules, organisation_key, person_key

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


def abbreviates(acronym: str, name: str) -> bool:
    """Whether an acronym is made of a name's words: each capitalised word gives its first letter and
    maybe more of its own letters, in order ("UN", "MRTV" for "Myanmar Radio and Television"; a
    simple form of Schwartz and Hearst's abbreviation match).

    >>> abbreviates("MRTV", "Myanmar Radio and Television"), abbreviates("UN", "United Nations")
    (True, True)
    >>> abbreviates("MRT", "Myanmar Radio and Television TV"), abbreviates("NU", "United Nations")
    (False, False)
    """
    words = [w.casefold() for w in name.replace("-", " ").split() if w[:1].isupper()]
    letters = acronym.casefold()

    def match(i: int, w: int) -> bool:
        if w == len(words):
            return i == len(letters)
        if i == len(letters) or letters[i] != words[w][0]:
            return False
        # the word gives its first letter and then 0..k more of its letters, in order
        j, rest = i + 1, words[w][1:]
        if match(j, w + 1):
            return True
        for position, char in enumerate(rest):
            if j < len(letters) and char == letters[j]:
                j += 1
                rest = rest[position + 1:]
                if match(j, w + 1):
                    return True
        return False

    return bool(words) and len(words) <= len(letters) and match(0, 0)


def organisation_parts(label: str, rules: NameRules) -> tuple[str | None, str]:
    """The state a body's name prints in front (its ISO code) and the key of the rest
    ("US Treasury Department": ("USA", "treasury"); "Cuban Foreign Ministry": ("CUB", "foreign ministry")).

    >>> from kg.lang.names import name_rules
    >>> organisation_parts("U.S. Department of the Treasury", name_rules())
    ('USA', 'treasury')
    >>> organisation_parts("Treasury Department", name_rules())
    (None, 'treasury')
    """
    words = label.split()
    gazetteer = country_gazetteer()
    for size in (3, 2, 1):
        country = gazetteer.named_or_demonym(" ".join(words[:size])) if len(words) > size else None
        if country is not None:
            return country.code, organisation_key(" ".join(words[size:]), rules)
    return None, organisation_key(label, rules)


def organisation_slug(label: str, rules: NameRules) -> str:
    """The key of a body's entity: its state's code and the key of its name, as an IRI slug part."""
    code, body = organisation_parts(label, rules)
    return f"{code.lower()}-{body}" if code else body


def _people(names: list[PrintedName], rules: NameRules, bodies: list[PrintedName]) -> dict[str, Link]:
    """Each person key that another key stands for, with the label of the one kept; and each one-word
    organisation (``bodies``) that is the surname of one person, when more articles print that word as
    the person's than as an organisation (the type votes across the store: "Trump" labelled an
    organisation once is the person; a "Ford" printed as a company more often stays the company)."""
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
    votes: dict[str, set[str]] = {}  # a surname → the articles that print it as (part of) a person's name
    for name in names:
        for word in keys[name.key]:
            votes.setdefault(word, set()).add(name.graph)
    as_body: dict[str, set[str]] = {}
    for body in bodies:
        word = person_key(body.label, rules)
        if " " not in word and not is_acronym(body.label):
            as_body.setdefault(body.key, set()).add(body.graph)
    for body in bodies:
        word = person_key(body.label, rules)
        if body.key in as_body and len(holders.get(word, ())) == 1 \
                and len(votes.get(word, ())) > len(as_body[body.key]):
            [kept] = holders[word]
            out[body.key] = (kept, labels[kept])
    return out


def _organisations(names: list[PrintedName], rules: NameRules) -> dict[str, Link]:
    """Each organisation key that stands for another: an acronym for the one body printed with it or
    abbreviated by it ("UN"), a body printed without its state for the one body of that name printed
    with it ("Treasury Department" for "US Treasury Department")."""
    labels: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (n.key, n.label)):
        labels.setdefault(name.key, name.label)
    full = [n for n in names if not is_acronym(n.label)]
    by_initial: dict[str, set[str]] = {}
    for name in full:
        by_initial.setdefault(name.label[:1].casefold(), set()).add(name.key)
    spelled: dict[str, set[str]] = {}  # acronym → keys of the bodies printed with it
    for name in full:
        for alt in name.alt_labels:
            if is_acronym(alt):
                spelled.setdefault(alt, set()).add(name.key)
    stated: dict[str, set[str]] = {}  # a body's key without its state → keys of the bodies with a state
    for name in full:
        code, body = organisation_parts(name.label, rules)
        if code is not None:
            stated.setdefault(body, set()).add(name.key)
    out: dict[str, Link] = {}
    for name in names:
        if is_acronym(name.label):
            kept = spelled.get(name.label) or {k for k in by_initial.get(name.label[:1].casefold(), ())
                                               if abbreviates(name.label, labels[k])}
        else:
            code, body = organisation_parts(name.label, rules)
            kept = stated.get(body, set()) if code is None else set()
        if len(kept) == 1 and name.key not in kept:
            [key] = kept
            out[name.key] = (key, labels[key])
    return out


def corpus_links(names: Iterable[PrintedName], rules: NameRules) -> dict[tuple[str, str], Link]:
    """For each (graph, printed key) that is another entity, that entity's key and label (see the module)."""
    names = list(names)
    bodies = [n for n in names if n.key.startswith("org/")]
    links = _organisations(bodies, rules)
    links |= _people([n for n in names if n.key.startswith("person/")], rules, bodies)
    printed = {(n.graph, n.key) for n in names}
    out: dict[tuple[str, str], Link] = {}
    for name in names:
        link = links.get(name.key)
        # an article that prints the kept entity itself keeps its own two nodes apart: one rename per node
        if link is not None and (name.graph, link[0]) not in printed:
            out[(name.graph, name.key)] = link
    return dict(sorted(out.items()))
