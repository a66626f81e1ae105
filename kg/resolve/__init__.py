"""Resolve stage: mentions to entities, events to events between entities.

Within an article: a surname joins the full name it shortens; every name of a
country ("U.S.", "the United States") and its demonym join one country; "the
country" is the article's most-mentioned country so far; a role noun ("a U.S.
envoy") is the person the article gives that role nearest to it; a capital that
acts ("Washington lifted") is its country's government. Across articles, keys are
built from names and ISO codes, so the same person or country gets the same key.
Reports of one event in one article are merged, keeping every evidence sentence;
so are repeated statements of one relation.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.lexicon import Lexicon
from kg.extract.relations import RelationCatalogue
from kg.lang import load_data
from kg.lang.gazetteer import Country, country_gazetteer
from kg.lang.names import name_rules, person_key
from kg.records import (
    Entity,
    EntityType,
    Event,
    Extraction,
    Mention,
    Modality,
    Quantity,
    Resolution,
    ResolvedEvent,
    ResolvedRelation,
    TimeValue,
)
from kg.resolve.article import agents_from_article, descriptions_to_names, targets_from_article
from kg.resolve.corpus import abbreviates, organisation_parts, organisation_slug
from kg.resolve.corpus import is_acronym as _is_acronym

__all__ = ["resolve", "slugify"]

_ROLE_WINDOW = 2  # sentences either side in which a role noun may find its person


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphenated: the readable part of an IRI.

    >>> slugify("Askar-Saridzha"), slugify("Siarhei Tsikhanouski"), slugify("Ľubica Čierna")
    ('askar-saridzha', 'siarhei-tsikhanouski', 'lubica-cierna')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


@dataclass(frozen=True)
class _Nouns:
    role_nouns: dict[str, str]
    state_actors: frozenset[str]
    country_nouns: frozenset[str]
    goods: frozenset[str]
    person_roles: frozenset[str]
    government_nouns: frozenset[str]


@lru_cache(maxsize=1)
def _nouns() -> _Nouns:
    data = load_data("nouns")
    roles = data["roles"]
    return _Nouns({noun: spec["role"] for noun, spec in roles.items() if "role" in spec},
                  frozenset(data["state_actor_nouns"]), frozenset(data["definite_country_nouns"]),
                  frozenset(data["national_goods"]), frozenset(n for n, spec in roles.items() if spec.get("person")),
                  frozenset(data["government_nouns"]["words"]))


_TYPE_PREFIX = {
    EntityType.PERSON: "person", EntityType.ORGANIZATION: "org", EntityType.CITY: "place",
    EntityType.REGION: "place", EntityType.PLACE: "place", EntityType.VESSEL: "vessel",
}


class _Resolver:
    def __init__(self, extraction: Extraction, lexicon: Lexicon, relations: RelationCatalogue) -> None:
        self.lexicon = lexicon
        self.relations_catalogue = relations
        self.extraction = extraction
        self.mentions = extraction.mentions
        self.entities: dict[str, Entity] = {}
        self.key_of: dict[int, str] = {}
        self.gazetteer = country_gazetteer()
        self.article_id = extraction.article.id
        # people by each role noun printed with them, in mention order: a long article has
        # thousands of descriptions, each looking for the person it names
        self._people_by_role: dict[str, list[Mention]] = {}
        for mention in self.mentions:
            if mention.type is EntityType.PERSON:
                for role in mention.roles:
                    self._people_by_role.setdefault(role, []).append(mention)
        self._full_names_by_surname: dict[str, str] | None = None

    # -- entities ---------------------------------------------------------
    def _entity(self, key: str, kind: EntityType, label: str) -> Entity:
        if key not in self.entities:
            self.entities[key] = Entity(key=key, type=kind, label=label)
        return self.entities[key]

    def _bind(self, mention: Mention, key: str, kind: EntityType, label: str) -> None:
        entity = self._entity(key, kind, label)
        entity.mentions.append(mention.index)
        if mention.is_name and mention.text != entity.label:
            entity.alt_labels.add(mention.text)
        self.key_of[mention.index] = key

    def _country(self, mention: Mention, text: str | None = None) -> bool:
        text = text or mention.text
        country = self.gazetteer.country(text)
        demonym = None
        if country is None:
            country = self.gazetteer.by_demonym(text)
            demonym = text if country else None
        if country is None:
            return False
        entity = self._country_entity(country)
        if demonym:
            entity.demonyms.add(demonym)
            entity.mentions.append(mention.index)
            self.key_of[mention.index] = entity.key
        else:
            self._bind(mention, entity.key, EntityType.COUNTRY, country.name)
        return True

    def _country_entity(self, country: Country) -> Entity:
        entity = self._entity(f"country/{country.code}", EntityType.COUNTRY, country.name)
        entity.codes = {"iso3": country.code, "iso2": country.alpha2}
        return entity

    def _people(self, persons: list[Mention], others: list[Mention]) -> list[Mention]:
        """Bind person mentions; returns the other one-word names that turned out to be surnames.

        Full names with one name key ("Erdoğan"/"Erdogan", "Zelenskyy"/"Zelensky") are one person, and
        so is a full name that ends another ("Tayyip Erdogan" in "Recep Tayyip Erdoğan"). A one-word
        name is the full name it is a word of; of several, the one the article introduced first (the
        story's subject: a relative who shares the surname is named in full). A small model may label a
        surname an organisation ("Zelenskyy said"); one that matches a full name of the article is that person.
        """
        rules = name_rules()
        full = sorted((m for m in persons if len(person_key(m.text, rules).split()) > 1), key=lambda m: m.start)
        keys = {m.index: person_key(m.text, rules).split() for m in full}
        # "el-Baker", "Putin", and "Wang" or "Xi" (family names first)
        ends = {tuple(k[i:]) for k in keys.values() for i in range(1, len(k))}
        ends |= {(w,) for k in keys.values() for w in k}
        surnames = [m for m in others if " " not in m.text and tuple(person_key(m.text, rules).split()) in ends]
        by_key: dict[tuple[str, ...], Mention] = {}
        for mention in sorted(full, key=lambda m: (-len(keys[m.index]), m.start)):
            own = tuple(keys[mention.index])
            longer = [k for k in by_key if len(k) > len(own) and k[len(k) - len(own):] == own]
            chosen = by_key.get(own) or (by_key[longer[0]] if len(longer) == 1 else None)
            if chosen is None:
                by_key[own] = chosen = mention
            self._bind(mention, f"person/{slugify(chosen.text)}", EntityType.PERSON, chosen.text)
        for mention in persons + surnames:
            if mention.index in keys:
                continue
            word = person_key(mention.text, rules)
            matches = [m for m in full if word in keys[m.index] or " " in word and " ".join(keys[m.index]).endswith(
                " " + word)]
            if matches:
                key = self.key_of[matches[0].index]
                self._bind(mention, key, EntityType.PERSON, self.entities[key].label)
            else:
                self._bind(mention, f"person/{slugify(mention.text)}", EntityType.PERSON, mention.text)
        return surnames

    def _organizations(self, orgs: list[Mention]) -> None:
        """Bind organisation mentions: the printed forms of one body share a key ("Treasury Department",
        "Department of the Treasury", "US Treasury"), a body printed without its state is the one the
        article prints with it; an acronym joins the name it abbreviates, or that it is printed in
        brackets after ("Petróleos de Venezuela, SA (PDVSA)"); a one-word name that is the last word of
        exactly one longer name is that body ("the Journal")."""
        rules = name_rules()
        names = sorted((m for m in orgs if not _is_acronym(m.text)), key=lambda m: m.end)
        text = self.extraction.article.parsed_text
        ends = [n.end for n in names]
        bracketed: dict[int, Mention] = {}
        for m in orgs:  # the name just before an acronym, with only a bracket (and "SA") between them
            before = bisect.bisect_right(ends, m.start) - 1
            if _is_acronym(m.text) and before >= 0 and _bracketed_after(text, names[before].end, m.start):
                bracketed[m.index] = names[before]
        abbreviated: dict[str, Mention | None] = {}  # each acronym's first name it abbreviates, found once
        in_order = sorted(names, key=lambda n: n.start)
        stated: dict[str, set[str]] = {}  # key of a body's name → keys of the article's bodies with a state
        for name in names:
            code, body = organisation_parts(name.text, rules)
            if code is not None and name.type is EntityType.ORGANIZATION:
                stated.setdefault(body, set()).add(self._org_key(name))
        for mention in sorted(orgs, key=lambda m: (_is_acronym(m.text), " " not in m.text, m.start)):
            acronym = _is_acronym(mention.text)
            if acronym and mention.text not in abbreviated:
                abbreviated[mention.text] = next((n for n in in_order
                                                  if n.text[:1] == mention.text[:1]
                                                  and abbreviates(mention.text, n.text)), None)
            expansion = bracketed.get(mention.index) or (abbreviated[mention.text] if acronym else None)
            if expansion is None and not acronym and " " not in mention.text:
                last = [n for n in names if " " in n.text and n.text.split()[-1] == mention.text]
                expansion = last[0] if len({self._org_key(n) for n in last}) == 1 else None
            source = expansion or mention
            known = next((k for k, e in self.entities.items() if acronym and mention.text in e.alt_labels), None)
            key = self.key_of.get(source.index) or known or self._org_key(source)
            code, body = organisation_parts(source.text, rules)
            if code is None and len(stated.get(body, ())) == 1:
                [key] = stated[body]
            label = self.entities[key].label if key in self.entities else source.text
            self._bind(mention, key, mention.type, label)

    def _org_key(self, mention: Mention) -> str:
        if mention.type is not EntityType.ORGANIZATION:
            return f"{_TYPE_PREFIX[mention.type]}/{slugify(mention.text)}"
        return f"org/{slugify(organisation_slug(mention.text, name_rules()))}"

    def _salient_country(self, before: int) -> str | None:
        counts = Counter(
            self.key_of[m.index] for m in self.mentions
            if m.start < before and self.key_of.get(m.index, "").startswith("country/")
        )
        if not counts:
            return None
        last_seen = {
            self.key_of[m.index]: m.start for m in self.mentions if m.index in self.key_of and m.start < before
        }
        return max(counts, key=lambda k: (counts[k], last_seen.get(k, -1)))

    def _person_with_role(self, group: Mention) -> str | None:
        role = _nouns().role_nouns.get(group.head)
        if role is None:
            return None
        people = self._people_by_role.get(role, [])
        candidates = [
            m for m in people
            if abs(m.sentence - group.sentence) <= _ROLE_WINDOW
            and not (group.country and m.country and self._code(group.country) != self._code(m.country))
        ]
        if not candidates and group.definite and group.country:
            # "the Chinese leader" far from "Chinese President Xi Jinping": the country printed with both says who
            code = self._code(group.country)
            candidates = [m for m in people if m.country and self._code(m.country) == code]
        if not candidates:
            return None
        nearest = min(candidates, key=lambda m: (abs(m.sentence - group.sentence), m.sentence < group.sentence))
        return self.key_of.get(nearest.index)

    def _code(self, text: str) -> str | None:
        country = self.gazetteer.named_or_demonym(text)
        return country.code if country else None

    def _group(self, group: Mention) -> None:
        nouns = _nouns()
        key: str | None = None
        country = self.gazetteer.country(group.text) if group.text[:1].isupper() else None
        if country is not None:  # a country name the NER missed
            self._country(group)
            return
        if group.text[:1].isupper() and " " not in group.text:
            # a name the NER missed: a surname of a person the article names in full
            key = self._full_name_of(group.text)
        governing = group.head in nouns.government_nouns and (group.definite or group.text[:1].isupper())
        if key is None and (group.head in nouns.country_nouns and group.definite or governing) and not group.country:
            # "the country": the story's country so far; "the junta" (a headline's too): the story's country
            key = self._salient_country(group.start) or (self._salient_country(1 << 30) if governing else None)
        if key is None:
            key = self._person_with_role(group)
        # "the Iranian authorities" act for Iran; "Russian oil" under sanctions is Russia's
        person = group.head in nouns.person_roles and not group.plural  # "a Hungarian official": a person
        if key is None and group.country and (group.head in nouns.state_actors or group.head in nouns.goods) \
                and not group.counted and not person:
            country = self.gazetteer.named_or_demonym(group.country)
            key = self._country_entity(country).key if country else None
        if key is not None and key in self.entities:
            self.entities[key].mentions.append(group.index)
            self.key_of[group.index] = key
            return
        self._bind(group, self._group_key(group), EntityType.GROUP, group.text)

    def _full_name_of(self, surname: str) -> str | None:
        """The first person the article names in full with this surname. Read once, when the first
        description is resolved: people are all resolved by then, and descriptions add none."""
        if self._full_names_by_surname is None:
            self._full_names_by_surname = {}
            for key, entity in self.entities.items():
                words = entity.label.split()
                if entity.type is EntityType.PERSON and len(words) > 1:
                    self._full_names_by_surname.setdefault(words[-1], key)
        return self._full_names_by_surname.get(surname)

    def _group_key(self, group: Mention) -> str:
        return f"group/{self.article_id}/{group.start}-{slugify(group.text)}"

    def _own_group(self, index: int | None) -> str | None:
        """The key of a description as a group of its own, whatever it was resolved to (None for a name)."""
        if index is None or self.mentions[index].type is not EntityType.GROUP:
            return None
        group = self.mentions[index]
        self._entity(self._group_key(group), EntityType.GROUP, group.text).mentions.append(group.index)
        return self._group_key(group)

    def entities_for_mentions(self) -> None:
        by_type: dict[EntityType, list[Mention]] = {}
        for mention in self.mentions:
            if not mention.is_pronoun:
                by_type.setdefault(mention.type, []).append(mention)
        for mention in by_type.get(EntityType.COUNTRY, []):
            self._country(mention)
        orgs = by_type.get(EntityType.ORGANIZATION, [])
        places = [m for kind in (EntityType.CITY, EntityType.REGION, EntityType.PLACE) for m in by_type.get(kind, [])]
        surnames = {m.index for m in self._people(by_type.get(EntityType.PERSON, []), orgs + places)}
        self._organizations([m for m in orgs if m.index not in surnames] + by_type.get(EntityType.VESSEL, []))
        for mention in places:
            if mention.index not in surnames and not self._country(mention):
                self._bind(mention, f"place/{slugify(mention.text)}", mention.type, mention.text)
        for mention in sorted(by_type.get(EntityType.GROUP, []), key=lambda m: m.start):
            self._group(mention)
        for mention in self.mentions:
            if mention.is_pronoun:
                self._pronoun(mention)

    def _pronoun(self, pronoun: Mention) -> None:
        """A subject "he"/"she" continues the person who is subject just before it (same or previous sentence)."""
        subjects = [
            m for m in self.mentions
            if m.type is EntityType.PERSON and not m.is_pronoun and m.dep in ("nsubj", "nsubjpass")
            and m.index in self.key_of and m.start < pronoun.start and pronoun.sentence - 1 <= m.sentence
        ]
        if subjects:
            antecedent = max(subjects, key=lambda m: m.start)
            self.key_of[pronoun.index] = self.key_of[antecedent.index]
            self.entities[self.key_of[antecedent.index]].mentions.append(pronoun.index)

    def descriptions_and_countries(self) -> tuple[dict[str, str | None], dict[str, set[str]]]:
        """Singular descriptions left as groups, with their country; named people and organisations,
        with the countries printed beside their mentions (for :func:`descriptions_to_names`)."""
        descriptions: dict[str, str | None] = {}
        countries: dict[str, set[str]] = {}
        for mention in self.mentions:
            key = self.key_of.get(mention.index)
            if key is None:
                continue
            code = self._code(mention.country) if mention.country else None
            common = mention.text.split()[-1].islower()  # "Lukoil" missed by the NER is a name, not a description
            if key.startswith("group/") and common and not mention.plural and not mention.counted:
                descriptions[key] = code
            elif key.startswith(("person/", "org/")):
                countries.setdefault(key, set()).update([code] if code else [])
        return descriptions, countries

    # -- events -----------------------------------------------------------
    def _text(self, index: int | None) -> str | None:
        return None if index is None else self.mentions[index].text

    def _state_or_key(self, index: int | None) -> str | None:
        """A mention's entity key, with a capital or seat of government as its country's government
        (for agents, and for the targets of families with ``state_targets``)."""
        if index is None:
            return None
        mention = self.mentions[index]
        if mention.type is EntityType.CITY and not self.key_of.get(index, "").startswith("person/"):
            country = self.gazetteer.government_at(mention.text)
            if country is not None:
                entity = self._country_entity(country)
                entity.alt_labels.add(mention.text)
                return entity.key
        return self.key_of.get(index)

    def events(self) -> list[ResolvedEvent]:
        """Each extracted event between entity keys, unmerged (``resolve`` merges after the article steps)."""
        families = self.lexicon.families
        resolved: list[ResolvedEvent] = []
        for event in self.extraction.events:
            agent = self._state_or_key(event.agent)
            family = families[event.family]
            # sanctions on Minsk are sanctions on Belarus; in talks between Kyiv and Moscow, both
            # capitals speak for their states (but Modi visiting Islamabad visited the city)
            if family.state_targets or (family.symmetric and (agent or "").startswith("country/")):
                target = self._state_or_key(event.target)
            else:
                target = self.key_of.get(event.target) if event.target is not None else None
            if agent is not None and agent == target:
                # "Ratcliffe and a senior Russian official held talks": a description that resolved to
                # the other side is someone else, itself
                target = self._own_group(event.target)
                if target is None or target == agent:
                    continue
            # a pronoun with no antecedent would name the wrong party, or none: the event is dropped, except
            # an agent the article may still name ("I am designating X": see kg.resolve.article)
            lost_agent = event.agent is not None and agent is None and not (family.agent_from and target is not None)
            if lost_agent or (event.target is not None and target is None):
                continue
            required = family.requires
            confidence = event.confidence
            for role, key in (("agent", agent), ("target", target)):
                if role in required and key is None:
                    confidence *= self.lexicon.confidence["missing_role"]
            place = self.key_of.get(event.place) if event.place is not None else None
            texts = (self._text(event.agent), self._text(event.target))
            resolved.append(_resolved(event, (agent, target), texts, place, round(confidence, 3)))
        return resolved


    def relations(self) -> list[ResolvedRelation]:
        """Relations between entity keys, one per kind and pair (either order for symmetric kinds)."""
        kinds = self.relations_catalogue.kinds
        merged: dict[tuple[str, str, str], ResolvedRelation] = {}
        for relation in self.extraction.relations:
            subject = self.key_of.get(relation.subject)
            if relation.object is not None:
                obj = self.key_of.get(relation.object)
            else:
                country = self.gazetteer.countries.get(relation.object_country or "")
                obj = self._country_entity(country).key if country is not None else None
            if subject is None or obj is None or subject == obj:
                continue
            pair = sorted((subject, obj)) if kinds[relation.kind].symmetric else [subject, obj]
            key = (relation.kind, pair[0], pair[1])
            kept = merged.get(key)
            merged[key] = ResolvedRelation(
                kind=relation.kind, subject=pair[0], object=pair[1],
                evidence=tuple(dict.fromkeys((kept.evidence if kept else ()) + (relation.evidence,))),
                cues=tuple(dict.fromkeys((kept.cues if kept else ()) + (relation.cue,))),
                confidence=max(relation.confidence, kept.confidence if kept else 0.0),
            )
        return list(merged.values())


def _resolved(event: Event, keys: tuple[str | None, str | None], texts: tuple[str | None, str | None],
              place: str | None, confidence: float) -> ResolvedEvent:
    agent, target = keys
    return ResolvedEvent(
        family=event.family, event_class=event.event_class, triggers=(event.trigger,),
        evidence=(event.evidence,), agent=agent, target=target, date=event.date,
        start_date=event.start_date, place=place, quantity=event.quantity, modality=event.modality,
        start=event.start, confidence=confidence, agent_text=texts[0], target_text=texts[1], period=event.period,
        sentence=event.sentence,
    )


def _bracketed_after(text: str, end: int, start: int) -> bool:
    """Whether only a company suffix and an opening bracket stand between a name and an acronym:
    "Petróleos de Venezuela, SA (PDVSA)", "Myanmar Radio and Television (MRTV)"."""
    return re.fullmatch(r"(?:,?\s*[A-Z][A-Za-z.]{0,4})?\s*\(\s*", text[end:start]) is not None


def _compatible(a: TimeValue | None, b: TimeValue | None) -> bool:
    if a is None or b is None:
        return True
    return a.iso.startswith(b.iso) or b.iso.startswith(a.iso)


def _finer(a: TimeValue | None, b: TimeValue | None) -> TimeValue | None:
    if a is None or b is None:
        return a or b
    return a if len(a.iso) >= len(b.iso) else b


def _same_participants(a: ResolvedEvent, b: ResolvedEvent, symmetric: bool) -> bool:
    if (a.agent, a.target) == (b.agent, b.target):
        return True
    return symmetric and (a.agent, a.target) == (b.target, b.agent)


def _quantities_agree(a: Quantity | None, b: Quantity | None) -> bool:
    return a is None or b is None or a.value == b.value


def merge_events(events: list[ResolvedEvent], lexicon: Lexicon) -> list[ResolvedEvent]:
    """Merge reports of one event: same family, modality and participants, compatible date and count."""
    families = lexicon.families
    merged: list[ResolvedEvent] = []
    # positions in ``merged`` of each family, modality and pair of sides (a long article has thousands)
    by_kind: dict[tuple[str, Modality, tuple[str, ...]], list[int]] = {}
    for event in events:
        symmetric = families[event.family].symmetric
        if event.agent is None or event.target is None:  # only an event with both sides merges
            candidates: list[int] = []
        else:
            sides = tuple(sorted((event.agent, event.target))) if symmetric else (event.agent, event.target)
            candidates = by_kind.setdefault((event.family, event.modality, sides), [])
        for n in candidates:
            kept = merged[n]
            if (
                _same_participants(kept, event, symmetric)
                and _compatible(kept.date, event.date) and _compatible(kept.start_date, event.start_date)
                and _quantities_agree(kept.quantity, event.quantity)
                and kept.agent is not None and kept.target is not None
            ):
                merged[n] = replace(
                    kept,
                    event_class=kept.event_class if kept.event_class != kept.family else event.event_class,
                    triggers=kept.triggers + event.triggers,
                    evidence=tuple(dict.fromkeys(kept.evidence + event.evidence)),
                    date=_finer(kept.date, event.date),
                    start_date=_finer(kept.start_date, event.start_date),
                    place=kept.place or event.place,
                    quantity=kept.quantity or event.quantity,
                    period=kept.period or event.period,
                    confidence=max(kept.confidence, event.confidence),
                )
                break
        else:
            candidates.append(len(merged))
            merged.append(event)
    return merged


def _has_sides(event: ResolvedEvent, lexicon: Lexicon) -> bool:
    """Whether an event has the roles its family needs to be a fact ("talks mediated by Turkey" has one side)."""
    needs = lexicon.families[event.family].graph_needs
    return ("agent" not in needs or event.agent is not None) and ("target" not in needs or event.target is not None)


def resolve(extraction: Extraction, lexicon: Lexicon, relations: RelationCatalogue) -> Resolution:
    """Entities and events between entities for one article's extraction, by the rules it was extracted with.

    >>> from kg.extract import extract
    >>> from kg.extract.lexicon import default_lexicon
    >>> from kg.extract.relations import default_catalogue
    >>> from kg.nlp import load_pipeline
    >>> from kg.records import Article
    >>> article = Article(text="Japan imposed sanctions on Gazprom Neft.")
    >>> found = extract(article, load_pipeline("en_core_web_sm")(article.parsed_text))
    >>> [(e.agent, e.target) for e in resolve(found, default_lexicon(), default_catalogue()).events]
    [('country/JPN', 'org/gazprom-neft')]
    """
    resolver = _Resolver(extraction, lexicon, relations)
    resolver.entities_for_mentions()
    events = targets_from_article(resolver.events(), lexicon)
    events = agents_from_article(events, lexicon, extraction.article.headline_end)
    events = merge_events([e for e in descriptions_to_names(events, *resolver.descriptions_and_countries())
                           if _has_sides(e, lexicon)], lexicon)
    stated = resolver.relations()
    used = {k for e in events for k in (e.agent, e.target, e.place) if k}
    entities = tuple(
        e for e in resolver.entities.values()
        if e.type is not EntityType.GROUP or e.key in used
    )
    return Resolution(article=extraction.article, entities=entities, events=tuple(events), relations=tuple(stated))
