"""People named by surname alone, linked across articles to the one full name known for that surname.

Within an article the resolver already binds "Lukashenko" to "Alexander Lukashenko" when
both are printed. An article that only says "Lukashenko" cannot do that on its own, so a
load keeps a :class:`PeopleIndex` of the full names seen so far (in the store and in the
articles loaded before) and rewrites a surname-only person to the full name, but only when
exactly one full name with that word is known: two Kims stay apart.

>>> from kg.records import Article, Entity, EntityType, Resolution
>>> index = PeopleIndex()
>>> index.add("person/alexander-lukashenko", "Alexander Lukashenko")
>>> short = Entity("person/lukashenko", EntityType.PERSON, "Lukashenko", {"Lukashenko"})
>>> linked = index.link(Resolution(Article(text="Lukashenko spoke."), (short,), ()))
>>> [(e.key, e.label, sorted(e.alt_labels)) for e in linked.entities]
[('person/alexander-lukashenko', 'Alexander Lukashenko', ['Lukashenko'])]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.records import Entity, EntityType, Resolution

_PERSON_PREFIX = "person/"


def _name_words(label: str) -> set[str]:
    # any word of a full name can be the one printed alone: "Putin", but also "Xi" and "Kim", family names first
    return {word.casefold() for word in label.split()}


class PeopleIndex:
    """Full names of people by surname, learnt from resolved articles (and a store's people)."""

    def __init__(self) -> None:
        self._by_surname: dict[str, dict[str, str]] = {}  # a word of a full name → {key: full name}

    def add(self, key: str, label: str) -> None:
        """Remember one person; only names of two words or more are full names."""
        if key.startswith(_PERSON_PREFIX) and len(label.split()) > 1:
            for word in _name_words(label):
                self._by_surname.setdefault(word, {})[key] = label

    def learn(self, resolutions: Iterable[Resolution]) -> None:
        """Remember the full names of every person the articles name."""
        for resolution in resolutions:
            for entity in resolution.entities:
                if entity.type is EntityType.PERSON:
                    self.add(entity.key, entity.label)

    def full_name(self, surname: str) -> tuple[str, str] | None:
        """The key and label of the one person known by this name, or None (unknown or ambiguous).

        >>> index = PeopleIndex()
        >>> index.add("person/kim-jong-un", "Kim Jong Un"); index.add("person/kim-yo-jong", "Kim Yo Jong")
        >>> index.add("person/xi-jinping", "Xi Jinping")
        >>> index.full_name("Xi"), index.full_name("Kim")
        (('person/xi-jinping', 'Xi Jinping'), None)
        """
        known = self._by_surname.get(surname.casefold(), {})
        return next(iter(known.items())) if len(known) == 1 else None

    def link(self, resolution: Resolution) -> Resolution:
        """The resolution with each surname-only person rewritten to the one full name known for it."""
        renamed: dict[str, Entity] = {}
        for entity in resolution.entities:
            if entity.type is not EntityType.PERSON or len(entity.label.split()) != 1:
                continue
            found = self.full_name(entity.label)
            if found is not None:
                key, label = found
                renamed[entity.key] = replace(entity, key=key, label=label,
                                              alt_labels=entity.alt_labels | {entity.label})
        if not renamed:
            return resolution
        keys = {old: new.key for old, new in renamed.items()}
        entities: dict[str, Entity] = {}
        for entity in (renamed.get(e.key, e) for e in resolution.entities):
            kept = entities.get(entity.key)
            entities[entity.key] = entity if kept is None else replace(
                kept, alt_labels=kept.alt_labels | entity.alt_labels, mentions=kept.mentions + entity.mentions)
        events = tuple(
            replace(e, agent=keys.get(e.agent or "", e.agent), target=keys.get(e.target or "", e.target))
            for e in resolution.events
        )
        relations = tuple(
            replace(r, subject=keys.get(r.subject, r.subject), object=keys.get(r.object, r.object))
            for r in resolution.relations
        )
        return replace(resolution, entities=tuple(entities.values()), events=events, relations=relations)
