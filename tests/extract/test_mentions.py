"""Mentions: clean names, types from neighbouring nouns, nothing across paragraphs."""

from kg.extract.mentions import MentionTable
from kg.records import EntityType


def mentions(nlp, text):
    return {(m.text, m.type) for m in MentionTable(nlp(text)).mentions}


def test_titles_are_not_part_of_a_persons_name(nlp):
    found = mentions(nlp, "Authoritarian President Alexander Lukashenko spoke on Friday.")
    assert ("Alexander Lukashenko", EntityType.PERSON) in found


def test_a_name_in_apposition_to_a_typed_noun_takes_its_type(nlp):
    found = mentions(nlp, "The government lifted the ban on the national airline, Belavia, in September.")
    assert ("Belavia", EntityType.ORGANIZATION) in found


def test_every_conjunct_after_a_place_noun_is_a_city(nlp):
    found = mentions(nlp, "Troops retook the villages of Zarichne and Torske on Monday.")
    assert {("Zarichne", EntityType.CITY), ("Torske", EntityType.CITY)} <= found


def test_part_of_a_job_title_is_not_an_organisation(nlp):
    found = mentions(nlp, "Power was restored by noon, Deputy Energy Minister Roman Andarak said.")
    assert not [m for m in found if m[0] == "Energy"]
    assert ("Roman Andarak", EntityType.PERSON) in found


def test_no_mention_spans_a_paragraph_break(nlp):
    table = MentionTable(nlp("World News\n\nBelarus hosted the talks.\n\nLithuania said nothing."))
    assert table.mentions
    assert all("\n" not in m.text for m in table.mentions)


def test_demonym_as_modifier_is_its_country_but_as_a_noun_is_people(nlp):
    found = mentions(nlp, "A Belarusian court jailed two Lithuanians.")
    assert ("Belarusian", EntityType.COUNTRY) in found
    assert not [m for m in found if m[0] == "Lithuanians"]
