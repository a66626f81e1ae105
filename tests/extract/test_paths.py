"""The dependency-path language, on parses built by hand so no model is involved."""

import pytest
import spacy
from spacy.tokens import Doc

from kg.errors import ExtractionError
from kg.extract.paths import follow, parse_path


@pytest.fixture()
def passive_doc() -> Doc:
    # "Prisoners were released by Moscow ."
    words = ["Prisoners", "were", "released", "by", "Moscow", "."]
    heads = [2, 2, 2, 2, 3, 2]
    deps = ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"]
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)


@pytest.fixture()
def under_doc() -> Doc:
    # "The ships are under U.S. sanctions ."
    words = ["The", "ships", "are", "under", "U.S.", "sanctions", "."]
    heads = [1, 2, 2, 2, 5, 3, 2]
    deps = ["det", "nsubj", "ROOT", "prep", "compound", "pobj", "punct"]
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)


def test_follow_child_steps_reach_passive_agent(passive_doc):
    trigger = passive_doc[2]
    assert [t.text for t in follow(parse_path("agent:by>pobj"), trigger)] == ["Moscow"]
    assert [t.text for t in follow(parse_path("nsubjpass"), trigger)] == ["Prisoners"]


def test_follow_word_test_rejects_other_prepositions(passive_doc):
    assert follow(parse_path("agent:with>pobj"), passive_doc[2]) == []


def test_follow_up_steps_climb_to_the_subject(under_doc):
    noun = under_doc[5]
    assert [t.text for t in follow(parse_path("^pobj:under>^prep>nsubj"), noun)] == ["ships"]
    assert [t.text for t in follow(parse_path("compound"), noun)] == ["U.S."]


def test_follow_up_step_requires_the_dependency_label(under_doc):
    assert follow(parse_path("^dobj>nsubj"), under_doc[5]) == []


def test_object_anchor_starts_from_the_object(passive_doc):
    path = parse_path("@obj>pobj")
    assert path.from_object
    assert [t.text for t in follow(path, passive_doc[2], obj=passive_doc[3])] == ["Moscow"]
    assert follow(path, passive_doc[2]) == []


@pytest.mark.parametrize("bad", ["", "dobj>>pobj", "dobj>prep::on", "DOBJ", "@obj"])
def test_parse_path_rejects_malformed_paths_with_a_numbered_error(bad):
    with pytest.raises(ExtractionError, match="E010"):
        parse_path(bad)
