"""The scorer, the gold set and the public-set readers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluation import Case, Expected, Found, predict, score_cases
from kg.evaluation.devsets import plover_cases, rams_cases, wikievents_cases
from kg.evaluation.gold import read_gold
from kg.records import Modality

from ..conftest import REPO, SHARED

GOLD = REPO / "benchmarks" / "gold"
DEVSETS = SHARED / "devsets"
CORE = ("Meeting", "Release", "Sanction", "SanctionRelief")


def found(family, agent=(), target=(), modality=Modality.ASSERTED, start=0) -> Found:
    return Found(family, frozenset(agent), frozenset(target), None, start, modality)


def test_scorer_counts_hits_misses_false_alarms_and_wrong_roles():
    cases = [
        (
            Case("a", "", (Expected("Meeting", "Orban", "Erdogan"),)),
            [found("Meeting", {"Recep Tayyip Erdogan"}, {"Viktor Orban"})],
        ),
        (Case("b", "", (Expected("Release", "Iran", "Cecile Morin"),)), [found("Release", {"Iraq"}, {"Cecile Morin"})]),
        (
            Case("c", "", ()),
            [found("Sanction", {"Canada"}, {"Rosatom"}), found("Sanction", {"Canada"}, {"X"}, Modality.PLANNED)],
        ),
    ]
    scores = score_cases(cases, CORE)
    assert (scores["Meeting"].tp, scores["Meeting"].fn, scores["Meeting"].fp) == (1, 0, 0)  # symmetric: either order
    assert (scores["Release"].tp, scores["Release"].fn, scores["Release"].fp) == (0, 1, 1)  # wrong agent
    assert (scores["Sanction"].tp, scores["Sanction"].fp) == (0, 1)  # the planned one is no false alarm
    lenient = score_cases(cases, CORE, strict_args=False)
    assert (lenient["Release"].tp, lenient["Release"].args) == (1, 0)


def test_public_set_matching_is_limited_to_the_annotated_sentence():
    case = Case("r", "", (Expected("Sanction", span=(100, 200)),))
    outside = score_cases([(case, [found("Sanction", {"EU"}, {"Iran"}, start=20)])], ("Sanction",), strict_args=False)
    inside = score_cases([(case, [found("Sanction", {"EU"}, {"Iran"}, start=120)])], ("Sanction",), strict_args=False)
    assert (outside["Sanction"].tp, inside["Sanction"].tp) == (0, 1)


def test_gold_set_has_both_parts_every_core_family_and_enough_sentences():
    tune, heldout = read_gold(GOLD / "tune.jsonl"), read_gold(GOLD / "heldout.jsonl")
    assert not {c.id for c in tune} & {c.id for c in heldout}
    sentences = sum(c.text.count(". ") + 1 for c in tune + heldout)
    assert sentences >= 60
    for part in (tune, heldout):
        assert set(CORE) <= {e.family for c in part for e in c.expected}
        assert [c for c in part if not c.expected]  # negated, planned and cancelled cases


def test_gold_set_tune_part_scores_what_it_was_tuned_to(nlp):
    scores = score_cases(predict(read_gold(GOLD / "tune.jsonl")), CORE)
    assert all(scores[f].f1 >= 0.9 for f in CORE), {f: round(s.f1, 2) for f, s in scores.items()}


def test_no_negated_planned_or_cancelled_gold_case_is_asserted(nlp):
    quiet = [c for c in read_gold(GOLD / "tune.jsonl") + read_gold(GOLD / "heldout.jsonl") if not c.expected]
    scores = score_cases(predict(quiet), CORE)
    assert sum(s.fp for s in scores.values()) == 0, [a for s in scores.values() for a in s.false_alarms]


def test_a_broken_gold_line_is_named(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "t", "events": []}) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="gold.jsonl, line 2"):
        read_gold(path)


@pytest.fixture(scope="module")
def devsets() -> Path:
    if not DEVSETS.is_dir():
        pytest.skip("../shared/devsets is absent")
    return DEVSETS


def test_plover_reader_keeps_consult_and_sanction_and_says_what_it_left_out(devsets):
    cases, excluded = plover_cases(devsets / "plover")
    families = [e.family for c in cases for e in c.expected]
    assert families.count("Meeting") == 11 and families.count("Sanction") + len(excluded) == 14


def test_rams_and_wikievents_readers_map_only_kg_families(devsets):
    rams, left_out = rams_cases(devsets / "rams" / "dev.jsonlines")
    assert left_out > 0 and {e.family for c in rams for e in c.expected} <= {"Meeting", "Sanction", "Arrest", "Attack"}
    assert all(e.span is not None for c in rams for e in c.expected)
    wiki, _ = wikievents_cases(devsets / "wikievents" / "dev.jsonl")
    assert {e.family for c in wiki for e in c.expected} <= {"Meeting", "Release", "Arrest", "Attack"}
