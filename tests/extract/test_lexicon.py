"""The event catalogue is data: it loads, validates and fails with numbered errors."""

import copy

import pytest

from kg.errors import ExtractionError
from kg.extract.lexicon import build_lexicon
from kg.lang import load_data


def test_catalogue_covers_the_four_core_families():
    lexicon = build_lexicon(load_data("events"))
    assert set(lexicon.families) >= {"Meeting", "Release", "Sanction", "SanctionRelief"}
    assert {t.family.name for t in lexicon.triggers["release"]} == {"Release"}
    assert {t.family.name for t in lexicon.triggers["lift"]} == {"SanctionRelief"}


def test_adding_a_trigger_is_an_entry_not_code():
    data = copy.deepcopy(load_data("events"))
    data["triggers"].append({"family": "Release", "lemma": "liberate", "pos": ["VERB"], "frame": "transitive"})
    lexicon = build_lexicon(data)
    assert lexicon.triggers["liberate"][0].family.name == "Release"


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        ({"family": "Nope", "lemma": "x", "frame": "transitive"}, "E022"),
        ({"family": "Release", "lemma": "x", "frame": "nope"}, "E023"),
        ({"family": "Release", "lemma": "x", "frame": "transitive", "needs": ["victim"]}, "E024"),
    ],
)
def test_bad_trigger_entries_fail_with_numbered_errors(entry, code):
    data = copy.deepcopy(load_data("events"))
    data["triggers"].append(entry)
    with pytest.raises(ExtractionError, match=code):
        build_lexicon(data)


def test_a_catalogue_without_its_confidence_factors_is_refused():
    data = copy.deepcopy(load_data("events"))
    del data["confidence"]["pronoun"]
    with pytest.raises(ExtractionError, match="E025 .*pronoun"):
        build_lexicon(data)


def test_noun_triggers_are_known_as_event_nouns():
    lexicon = build_lexicon(load_data("events"))
    assert {"visit", "talk", "release", "sanction"} <= lexicon.event_nouns
    assert "meet" not in lexicon.event_nouns


def test_every_family_has_a_direct_edge_in_the_ontology():
    from kg.rdf import KG

    for family in load_data("events")["families"].values():
        assert getattr(KG, family["direct"])


def test_a_custom_lexicon_works_end_to_end_from_extraction_to_the_graph():
    import copy
    import pickle

    from rdflib import RDF

    from kg.config import Settings
    from kg.extract.lexicon import build_lexicon
    from kg.lang import load_data
    from kg.pipeline import graph_from_text
    from kg.rdf import KG

    data = copy.deepcopy(load_data("events"))
    data["triggers"].append({"family": "Arrest", "lemma": "nab", "pos": ["VERB"], "frame": "transitive"})
    settings = Settings(lexicon=build_lexicon(data))
    text = "Police nabbed the smuggler Ivan Petrov in Odesa on Monday."
    assert not list(graph_from_text(text).subjects(RDF.type, KG.Arrest))
    assert list(graph_from_text(text, settings=settings).subjects(RDF.type, KG.Arrest))
    assert pickle.loads(pickle.dumps(settings)).rules()[0].triggers.keys() == settings.rules()[0].triggers.keys()


def test_voices_are_data_and_a_misspelt_voice_is_refused_with_its_number():
    import copy

    import pytest

    from kg.errors import ExtractionError
    from kg.extract.lexicon import build_lexicon, default_lexicon
    from kg.lang import load_data

    assert [v.name for v in default_lexicon().voices][:2] == ["passive_conj", "passive"]
    data = copy.deepcopy(load_data("events"))
    data["voices"]["list"].append({"name": "middle", "when": {"tag": ["VBZ"]}})
    with pytest.raises(ExtractionError, match=r"E027 events.json, voice 6 \('middle'\): unknown keys \['tag'\]"):
        build_lexicon(data)


@pytest.mark.parametrize("name", ["countries", "events", "furniture", "grammar", "modality", "nouns", "relations"])
def test_every_language_file_is_checked_when_read(name):
    from kg.lang import SCHEMAS, check_data, load_data

    data = load_data(name)
    assert set(SCHEMAS[name]) <= set(data)
    first = next(iter(SCHEMAS[name]))
    with pytest.raises(ExtractionError, match="E004"):
        check_data(name, {k: v for k, v in data.items() if k != first})
    with pytest.raises(ExtractionError, match="E005"):
        check_data(name, {**data, first: 7})
