"""The event catalogue (``events.json``) loaded into typed, validated rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from spacy.tokens import Token

from kg.errors import ExtractionError
from kg.extract.paths import Path, parse_path
from kg.lang import load_data

ROLES = ("agent", "target")


@dataclass(frozen=True)
class Family:
    """An event family: its ontology class, the direct edge it adds, and the roles it needs."""

    name: str
    direct: str
    symmetric: bool
    requires: tuple[str, ...]
    cameo: str
    #: an agentless passive done in a country or its capital was done by that state ("were freed in Caracas")
    place_acts: bool = False
    #: a capital as target stands for its state ("sanctions on Minsk"), as a capital that acts does
    state_targets: bool = False
    #: lemmas of nouns that are never this family's target ("released photos", "arrested the decline")
    not_targets: frozenset[str] = frozenset()
    #: lemmas of nouns that are never this family's agent ("the statement said": a text, not a speaker)
    not_agents: frozenset[str] = frozenset()
    #: entity types never this family's target (a place is never freed: "WASHINGTON" is a dateline)
    not_target_types: frozenset[str] = frozenset()
    #: roles without which an event of this family is no fact in the graph (a meeting needs two sides)
    graph_needs: tuple[str, ...] = ()
    #: families whose explicit agents an agentless event of this family takes from its article
    agent_from: frozenset[str] = frozenset()
    #: families whose targets an untargeted event of this family takes from its sentence or the one before
    target_from: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Frame:
    """Where each role is found, as dependency paths tried in order."""

    name: str
    roles: dict[str, tuple[Path, ...]]
    order: tuple[str, ...]


@dataclass(frozen=True)
class Trigger:
    """A word that signals an event of a family, with its frame and constraints."""

    family: Family
    lemma: str
    pos: frozenset[str]
    frame: Frame
    object_lemmas: frozenset[str] | None
    requires: tuple[Path, ...]
    event_class: str
    excludes: tuple[Path, ...] = ()
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Voice:
    """A voice alternation, as data: when a trigger is in it, and how its roles are found then."""

    name: str
    tags: frozenset[str] = frozenset()
    deps: frozenset[str] = frozenset()
    children: frozenset[str] = frozenset()
    no_children: frozenset[str] = frozenset()
    before_head: bool = False
    target_before: tuple[Path, ...] = ()
    target_after: tuple[Path, ...] = ()
    agent_keeps: frozenset[str] = frozenset()
    passive: bool = False

    def holds(self, token: Token) -> bool:
        """Whether a trigger token is in this voice."""
        labels = {c.dep_ for c in token.children}
        return ((not self.tags or token.tag_ in self.tags) and (not self.deps or token.dep_ in self.deps)
                and self.children <= labels and not self.no_children & labels
                and (not self.before_head or token.i < token.head.i))

    def keeps_agent_path(self, path: Path) -> bool:
        """Whether an agent path reads the same in this voice ("by Y", "from Russian captivity")."""
        return ("@obj" in self.agent_keeps and path.from_object) or path.steps[0].dep in self.agent_keeps


@dataclass(frozen=True)
class Exchanges:
    """Where the other side of an exchange is named ("freed in exchange for Y"), and what its release is."""

    families: frozenset[str] = frozenset()
    event_class: str = ""
    paths: tuple[Path, ...] = ()
    trigger_paths: dict[str, tuple[Path, ...]] = field(default_factory=dict)

    def paths_for(self, lemma: str) -> tuple[Path, ...]:
        """The paths to the other side's people from a trigger of this lemma."""
        return self.paths + self.trigger_paths.get(lemma, ())


@dataclass(frozen=True)
class Reversals:
    """Governors that undo the act under them ("rescinded the move to remove X"), and what it becomes."""

    governors: tuple[Path, ...] = ()
    agent: Path | None = None
    families: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    """All triggers, indexed by lemma, plus the paths that find an object or group members."""

    families: dict[str, Family]
    triggers: dict[str, tuple[Trigger, ...]]
    object_paths: tuple[Path, ...]
    confidence: dict[str, float]
    reversals: Reversals = Reversals()
    voices: tuple[Voice, ...] = ()
    exchanges: Exchanges = Exchanges()

    def voice_of(self, token: Token) -> Voice | None:
        """The first voice a trigger token is in; None for the active voice its frame describes."""
        return next((voice for voice in self.voices if voice.holds(token)), None)

    @cached_property
    def family_of(self) -> dict[str, str]:
        """The family of each event class ("PhoneCall": "Meeting"), families themselves included."""
        found = {name: name for name in self.families}
        for triggers in self.triggers.values():
            for trigger in triggers:
                found.setdefault(trigger.event_class, trigger.family.name)
        return found

    @cached_property
    def event_nouns(self) -> frozenset[str]:
        """Lemmas of noun triggers ("visit", "talks"): a noun naming an event is no participant."""
        return frozenset(lemma for lemma, found in self.triggers.items() if any("NOUN" in t.pos for t in found))


def _fail(number: int, where: str, message: str) -> ExtractionError:
    return ExtractionError(f"E0{number} events.json, {where}: {message}")


_CONFIDENCE_FACTORS = frozenset({
    "verb", "noun", "later_path", "pronoun", "description", "missing_role", "place_as_agent",
    "agent_from_article", "target_from_article",
})


def build_lexicon(data: dict) -> Lexicon:
    """Validate the catalogue and compile its paths; raises :class:`ExtractionError` with a numbered code.

    >>> lex = build_lexicon(load_data("events"))
    >>> sorted({t.family.name for t in lex.triggers["lift"]})
    ['SanctionRelief']
    """
    families = {
        name: Family(name, spec["direct"], bool(spec.get("symmetric")), tuple(spec.get("requires", ())),
                     str(spec.get("cameo", "")), bool(spec.get("place_acts")), bool(spec.get("state_targets")),
                     frozenset(spec.get("not_targets", ())), frozenset(spec.get("not_agents", ())),
                     frozenset(spec.get("not_target_types", ())), tuple(spec.get("graph_needs", ())),
                     frozenset(spec.get("agent_from", ())), frozenset(spec.get("target_from", ())))
        for name, spec in data["families"].items()
    }
    frames: dict[str, Frame] = {}
    for name, spec in data["frames"].items():
        unknown = set(spec) - set(ROLES) - {"order"}
        if unknown:
            raise _fail(21, f"frame '{name}'", f"unknown roles {sorted(unknown)}")
        roles = {role: tuple(parse_path(p) for p in spec.get(role, ())) for role in ROLES}
        order = tuple(spec.get("order", ROLES))
        frames[name] = Frame(name, roles, order)
    triggers: dict[str, list[Trigger]] = {}
    for number, spec in enumerate(data["triggers"], start=1):
        where = f"trigger {number} ('{spec.get('lemma')}')"
        if spec.get("family") not in families:
            raise _fail(22, where, f"unknown family '{spec.get('family')}'")
        if spec.get("frame") not in frames:
            raise _fail(23, where, f"unknown frame '{spec.get('frame')}'")
        if set(spec.get("needs", ())) - set(ROLES):
            raise _fail(24, where, f"'needs' names unknown roles {sorted(set(spec['needs']) - set(ROLES))}")
        family = families[spec["family"]]
        trigger = Trigger(
            family=family,
            lemma=spec["lemma"].lower(),
            pos=frozenset(spec.get("pos", ["VERB"])),
            frame=frames[spec["frame"]],
            object_lemmas=frozenset(spec["object"]) if "object" in spec else None,
            requires=tuple(parse_path(p) for p in spec.get("requires", ())),
            event_class=spec.get("class", family.name),
            excludes=tuple(parse_path(p) for p in spec.get("exclude", ())),
            needs=tuple(spec.get("needs", ())),
        )
        triggers.setdefault(trigger.lemma, []).append(trigger)
    object_paths = tuple(parse_path(p) for p in data.get("object_paths", ("dobj",)))
    confidence = {key: float(value) for key, value in data.get("confidence", {}).items() if key != "_doc"}
    missing = _CONFIDENCE_FACTORS - set(confidence)
    if missing:
        raise _fail(25, "confidence", f"missing factors {sorted(missing)}")
    spec = data.get("reversals", {})
    unknown = {f for pair in spec.get("families", {}).items() for f in pair} - set(families)
    if unknown:
        raise _fail(26, "reversals", f"unknown families {sorted(unknown)}")
    reversals = Reversals(tuple(parse_path(p) for p in spec.get("governors", ())),
                          parse_path(spec["agent"]) if "agent" in spec else None, dict(spec.get("families", {})))
    voices = tuple(_voice(number, spec) for number, spec in enumerate(data.get("voices", {}).get("list", ()), 1))
    spec = data.get("exchanges", {})
    if set(spec.get("families", ())) - set(families):
        raise _fail(28, "exchanges", f"unknown families {sorted(set(spec['families']) - set(families))}")
    exchanges = Exchanges(frozenset(spec.get("families", ())), spec.get("class", ""),
                          tuple(parse_path(p) for p in spec.get("paths", ())),
                          {lemma: tuple(parse_path(p) for p in paths)
                           for lemma, paths in spec.get("trigger_paths", {}).items()})
    return Lexicon(families, {k: tuple(v) for k, v in triggers.items()}, object_paths, confidence, reversals, voices,
                   exchanges)


_VOICE_KEYS = frozenset({"name", "when", "target_before", "target_after", "agent_keeps", "passive", "example"})
_WHEN_KEYS = frozenset({"tags", "deps", "children", "no_children", "before_head"})


def _voice(number: int, spec: dict) -> Voice:
    where = f"voice {number} ('{spec.get('name')}')"
    unknown = (set(spec) - _VOICE_KEYS) | (set(spec.get("when", {})) - _WHEN_KEYS)
    if unknown or "name" not in spec:
        raise _fail(27, where, f"unknown keys {sorted(unknown)}" if unknown else "no name")
    when = spec.get("when", {})
    return Voice(
        name=spec["name"], tags=frozenset(when.get("tags", ())), deps=frozenset(when.get("deps", ())),
        children=frozenset(when.get("children", ())), no_children=frozenset(when.get("no_children", ())),
        before_head=bool(when.get("before_head")),
        target_before=tuple(parse_path(p) for p in spec.get("target_before", ())),
        target_after=tuple(parse_path(p) for p in spec.get("target_after", ())),
        agent_keeps=frozenset(spec.get("agent_keeps", ())), passive=bool(spec.get("passive")),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The English catalogue shipped with kg."""
    return build_lexicon(load_data("events"))
