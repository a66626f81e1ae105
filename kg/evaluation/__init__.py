"""Measure extraction against annotated text: kg's own gold set and public event datasets.

Evaluation sits beside the pipeline, not inside it: it runs the stages up to
``resolve`` and compares the resolved events with what a human annotated.

An annotated case names the event's family and, as plain strings, who acted and
on whom ("Lukashenko", "the United States"); a predicted participant matches a
string when one of its names (label, other labels, demonyms) appears in it as
whole words, or the other way round.

>>> actor_matches("Russian President Boris Yeltsin", {"Boris Yeltsin"})
True
>>> actor_matches("Moroccan diplomats", {"Morocco", "Moroccan"})
True
>>> actor_matches("U.S. officials", {"Japan"})
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from kg.config import Settings
from kg.extract.lexicon import default_lexicon
from kg.pipeline import resolve_articles
from kg.records import Article, Modality, Resolution

__all__ = ["Case", "Expected", "Found", "Score", "actor_matches", "predict", "score_cases"]


def _words(text: str) -> str:
    folded = re.sub(r"(?<=\b\w)\.", "", text.lower())  # "U.S." → "us"
    folded = re.sub(r"['’]s\b", "", folded)
    return " ".join(re.findall(r"[a-z0-9]+", folded))


def actor_matches(gold: str, names: Iterable[str]) -> bool:
    """Whether an annotated actor string and one of an entity's names denote the same thing."""
    wanted = f" {_words(gold)} "
    for name in names:
        words = _words(name)
        if words and (f" {words} " in wanted or wanted.strip() and wanted in f" {words} "):
            return True
    return False


@dataclass(frozen=True)
class Expected:
    """One annotated event: family, and the agent and target as strings (None: not annotated).

    ``either_order`` is for annotations that do not say who acted on whom
    (RAMS' and WikiEvents' "participants"). ``span`` limits matching to events whose
    trigger starts in a character range: the sentence of an annotated trigger, for
    sets that do not annotate every event of a text.
    """

    family: str
    agent: str | None = None
    target: str | None = None
    either_order: bool = False
    target_alternatives: tuple[str, ...] = ()
    date: str | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Case:
    """A text with the events a reader finds in it."""

    id: str
    text: str
    expected: tuple[Expected, ...]
    published: date | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    """A predicted event with the names of its participants."""

    family: str
    agent: frozenset[str]
    target: frozenset[str]
    date: str | None
    start: int
    modality: Modality
    confidence: float = 1.0
    participants: bool = True


@dataclass
class Score:
    """Counts for one family on one set, with precision, recall and F1.

    ``args`` counts expected events found with every annotated role right.

    >>> s = Score(tp=9, fp=1, fn=1, args=8)
    >>> round(s.precision, 2), round(s.recall, 2), round(s.f1, 2), round(s.args_recall, 2)
    (0.9, 0.9, 0.9, 0.8)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    args: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def args_recall(self) -> float:
        return self.args / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _names(resolution: Resolution) -> dict[str, frozenset[str]]:
    names: dict[str, frozenset[str]] = {}
    for entity in resolution.entities:
        names[entity.key] = frozenset({entity.label, *entity.alt_labels, *entity.demonyms, *entity.codes.values()})
    return names


def predict(cases: list[Case], settings: Settings | None = None) -> Iterator[tuple[Case, list[Found]]]:
    """Run the pipeline over each case's text; yield the case with every event found in it."""
    articles = [Article(text=c.text, published=c.published, source=c.id) for c in cases]
    for case, resolution in zip(cases, resolve_articles(articles, settings or Settings()), strict=True):
        names = _names(resolution)
        found = [
            Found(e.family, names.get(e.agent or "", frozenset()) | {e.agent_text or ""},
                  names.get(e.target or "", frozenset()) | {e.target_text or ""},
                  e.date.iso if e.date else None, e.start, e.modality, e.confidence,
                  participants=bool(e.agent or e.target))
            for e in resolution.events
        ]
        yield case, found


def _role_ok(gold: str | None, names: frozenset[str]) -> bool:
    return gold is None or actor_matches(gold, names)


def _args_ok(expected: Expected, found: Found, symmetric: bool) -> bool:
    target_ok = _role_ok(expected.target, found.target) or any(
        actor_matches(alt, found.target) for alt in expected.target_alternatives)
    if _role_ok(expected.agent, found.agent) and target_ok:
        return True
    swap = symmetric or expected.either_order
    return swap and _role_ok(expected.agent, found.target) and _role_ok(expected.target, found.agent)


def _describe(case: Case, what: str) -> str:
    return f"{case.id}: {what} | {case.text[:160]}"


def score_cases(
    predictions: Iterable[tuple[Case, list[Found]]],
    families: Iterable[str] | None = None,
    *,
    strict_args: bool = True,
    precision: bool = True,
    asserted_only: bool = True,
    graph_only: bool = True,
    min_confidence: float = 0.0,
) -> dict[str, Score]:
    """Per-family scores.

    With ``strict_args`` an expected event counts as found only with its annotated
    roles right (the gold set); without, any asserted event of the family in the
    case's span finds it, and roles are counted in ``args`` (public sets, where
    the actor strings are not kg's). With ``precision`` every asserted event that
    finds nothing is a false alarm. Public sets annotate events whatever their
    modality ("could impose sanctions"); there ``asserted_only=False`` lets an
    event kg keeps as planned or negated count as found, and ``graph_only=False``
    one whose participants kg could not name ("the embargo began in 2014"), which
    the extraction records keep but the graph leaves out.
    """
    lexicon = default_lexicon()
    wanted = set(families) if families is not None else set(lexicon.families)
    scores = {family: Score() for family in sorted(wanted)}
    for case, found in predictions:
        pool = [f for f in found if f.family in wanted and f.confidence >= min_confidence
                and (f.modality is Modality.ASSERTED or not asserted_only)
                and (f.participants or not graph_only)]
        used: set[int] = set()
        for expected in case.expected:
            if expected.family not in wanted:
                continue
            score = scores[expected.family]
            symmetric = lexicon.families[expected.family].symmetric
            same_family = [
                i for i, f in enumerate(pool)
                if f.family == expected.family and i not in used
                and (expected.span is None or expected.span[0] <= f.start < expected.span[1])
            ]
            right = [i for i in same_family if _args_ok(expected, pool[i], symmetric)]
            hit = right[0] if right else (same_family[0] if same_family and not strict_args else None)
            if hit is None:
                score.fn += 1
                score.misses.append(_describe(case, f"{expected.family} {expected.agent} → {expected.target}"))
                continue
            used.add(hit)
            score.tp += 1
            if right:
                score.args += 1
        if precision:
            for i, f in enumerate(pool):
                if i not in used:
                    scores[f.family].fp += 1
                    who = "/".join(sorted(f.agent)[:1]) or "-"
                    whom = "/".join(sorted(f.target)[:1]) or "-"
                    scores[f.family].false_alarms.append(_describe(case, f"{f.family} {who} → {whom}"))
    return scores
