"""Mentions: clean names, types from neighbouring nouns, nothing across paragraphs."""

from kg.extract.mentions import MentionTable
from kg.records import EntityType

from ..conftest import asserted


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


def test_capital_the_model_labels_a_person_acts_as_its_country():
    [release] = [f for f in asserted("He said Tbilisi had freed 14 prisoners.") if f.family == "Release"]
    assert release.agent == "Georgia"


def test_surname_that_is_also_a_capital_stays_the_person():
    [statement] = [f for f in asserted("Coach Maria Lima resigned on Monday. Lima said she was tired.")
                   if f.family == "Statement"]
    assert statement.agent == "Maria Lima"


def test_capital_the_model_missed_is_found_from_the_gazetteer():
    [release] = [f for f in asserted("Kyiv freed the activist, his wife said.") if f.family == "Release"]
    assert release.agent == "Ukraine"
