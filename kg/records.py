"""Typed records passed from stage to stage: Article → Mention/Event → Entity.

Each stage reads records of the stage before and returns new ones; none is mutated later.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cached_property


def _fingerprint(text: str) -> str:
    """Hash of text with white space folded, so re-wrapped copies of an article match."""
    folded = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Article:
    """One news story found on a page.

    >>> a = Article(text="Officials met on Monday.", title="Talks")
    >>> a.id == Article(text="Officials  met on Monday. ", title="Talks").id
    True
    """

    text: str
    title: str | None = None
    published: date | None = None
    byline: str | None = None
    publisher: str | None = None
    dateline: str | None = None
    description: str | None = None
    source: str = "<memory>"
    part: int = 0

    @property
    def parsed_text(self) -> str:
        """What the pipeline parses: the headline as a paragraph of its own, then the body.

        >>> Article(text="Talks ended.", title="Envoy meets leader").parsed_text
        'Envoy meets leader\\n\\nTalks ended.'
        """
        return f"{self.title}\n\n{self.text}" if self.title else self.text

    @property
    def headline_end(self) -> int:
        """Offset in :attr:`parsed_text` where the body starts (0 without a headline)."""
        return len(self.title) + 2 if self.title else 0

    @cached_property
    def id(self) -> str:
        """Content hash: the same story loaded twice, from anywhere, gets the same id."""
        return _fingerprint(self.text)


class EntityType(str, Enum):
    """Kinds of things an argument or a mention can denote; values are ontology class names."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    COUNTRY = "Country"
    CITY = "City"
    REGION = "Region"
    PLACE = "Place"
    VESSEL = "Vessel"
    GROUP = "Group"


@dataclass(frozen=True)
class Mention:
    """A span of an article that names or describes a participant.

    ``text`` is the name as written, with titles and possessives removed. ``roles``
    holds the role nouns printed next to a person ("envoy", "president"); ``country``
    the country written as a modifier ("U.S. envoy" → "U.S."); ``head`` the lemma of
    a common-noun head ("prisoners"); ``dep`` the dependency label of the head (subjects
    anchor pronouns); ``label`` the NER label, or ``"PRON"`` for a pronoun; ``counted``
    whether a number counts a group ("five officials" are people, "officials" an institution);
    ``plural`` whether a common-noun head is plural ("a Hungarian official" is one person, not Hungary).
    """

    index: int
    text: str
    type: EntityType
    start: int
    end: int
    sentence: int
    label: str = ""
    head: str = ""
    roles: tuple[str, ...] = ()
    country: str | None = None
    definite: bool = False
    is_name: bool = True
    dep: str = ""
    counted: bool = False
    plural: bool = False

    @property
    def is_pronoun(self) -> bool:
        return self.label == "PRON"


class Modality(str, Enum):
    """Whether the text says an event happened; only ASSERTED ones are facts."""

    ASSERTED = "Asserted"
    NEGATED = "Negated"
    PLANNED = "Planned"
    PROPOSED = "Proposed"
    HYPOTHETICAL = "Hypothetical"
    CANCELLED = "Cancelled"


@dataclass(frozen=True)
class TimeValue:
    """A calendar value kept at the precision the text gives: day, month or year.

    >>> TimeValue(2025, 12, 12).iso
    '2025-12-12'
    >>> TimeValue(2024, 7).iso
    '2024-07'
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        return "year" if self.month is None else "month" if self.day is None else "day"


@dataclass(frozen=True)
class Quantity:
    """A count from the text: "more than 430" is ``Quantity(430, "more than")``."""

    value: int
    qualifier: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Event:
    """An event as the text states it, before entities are resolved.

    ``agents`` and ``targets`` are indexes into the article's mention list; one
    extracted event has at most one agent and one target, coordinated arguments
    giving one event each. ``date`` is when it happened, ``start_date`` when an ongoing
    one began ("since July 2024"), ``period`` the first and last day it may have happened
    on when the text gives a span ("last week").
    """

    family: str
    trigger: str
    trigger_lemma: str
    sentence: int
    evidence: str
    start: int
    agent: int | None = None
    target: int | None = None
    date: TimeValue | None = None
    start_date: TimeValue | None = None
    date_text: str | None = None
    place: int | None = None
    quantity: Quantity | None = None
    modality: Modality = Modality.ASSERTED
    event_class: str = ""
    confidence: float = 1.0
    period: tuple[TimeValue, TimeValue] | None = None

    @property
    def asserted(self) -> bool:
        return self.modality is Modality.ASSERTED


@dataclass(frozen=True)
class Relation:
    """A standing relation the text states between two participants ("Belarusian President X").

    ``kind`` is the ontology property (``"leaderOf"``); ``subject`` and ``object`` index the
    article's mentions. ``object_country`` is an ISO alpha-3 code for an object the text
    implies without naming it ("the Kremlin" acts for Russia); ``cue`` the word that states it.
    """

    kind: str
    subject: int
    sentence: int
    evidence: str
    cue: str
    object: int | None = None
    object_country: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class Extraction:
    """What the extract stage found in one article."""

    article: Article
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    relations: tuple[Relation, ...] = ()


@dataclass
class Entity:
    """One real-world participant, the target of one or more mentions.

    ``key`` is a stable path ("country/BLR", "person/alexander-lukashenko") from
    which the IRI is minted, so the same entity in two articles gets one IRI.
    """

    key: str
    type: EntityType
    label: str
    alt_labels: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ResolvedEvent:
    """An event whose arguments are entity keys; merged copies keep all their evidence."""

    family: str
    event_class: str
    triggers: tuple[str, ...]
    evidence: tuple[str, ...]
    agent: str | None
    target: str | None
    date: TimeValue | None
    start_date: TimeValue | None
    place: str | None
    quantity: Quantity | None
    modality: Modality
    start: int
    confidence: float = 1.0
    agent_text: str | None = None
    target_text: str | None = None
    period: tuple[TimeValue, TimeValue] | None = None
    sentence: int = -1

    @property
    def asserted(self) -> bool:
        return self.modality is Modality.ASSERTED


@dataclass(frozen=True)
class ResolvedRelation:
    """A relation between two entity keys; copies stated twice keep all their evidence."""

    kind: str
    subject: str
    object: str
    evidence: tuple[str, ...]
    cues: tuple[str, ...]
    confidence: float = 1.0


@dataclass(frozen=True)
class Resolution:
    """The resolve stage's answer for one article."""

    article: Article
    entities: tuple[Entity, ...]
    events: tuple[ResolvedEvent, ...]
    relations: tuple[ResolvedRelation, ...] = ()
