"""One node per real entity within an article."""

import pytest

from kg.records import EntityType

from ..conftest import asserted, run


def entities(text):
    [resolution] = run(text)[1]
    return {e.key: e for e in resolution.entities}


def test_surname_and_full_name_are_one_person_without_titles():
    found = entities("President Alexander Lukashenko spoke on Monday. Lukashenko said the talks went well.")
    people = [e for e in found.values() if e.type is EntityType.PERSON]
    assert [p.label for p in people] == ["Alexander Lukashenko"]
    assert people[0].alt_labels == {"Lukashenko"}


def test_country_aliases_and_demonym_are_one_country():
    found = entities(
        "U.S. officials arrived on Monday. The US embassy confirmed it. "
        "The United States later sent a Belarusian delegation home. Belarus welcomed the American move."
    )
    usa = found["country/USA"]
    assert usa.label == "United States"
    assert {"U.S.", "US"} <= usa.alt_labels
    assert "American" in usa.demonyms
    assert "Belarusian" in found["country/BLR"].demonyms
    assert not [k for k in found if k.startswith("place/") and "united" in k]


def test_role_noun_resolves_to_the_named_person_nearby():
    [resolution] = run(
        "Lukashenko hosted a U.S. envoy on Friday. He met Trump's special envoy for Belarus, John Coale, in Minsk."
    )[1]
    labels = {e.key: e.label for e in resolution.entities}
    pairs = {(labels[e.agent], labels[e.target]) for e in resolution.events if e.family == "Meeting"}
    assert pairs == {("Lukashenko", "John Coale")}


@pytest.mark.parametrize("text", [
    "Shigeru Ishiba, Japan's prime minister, landed on Monday. The Japanese leader met Donald Trump on Tuesday.",
    "Japanese Prime Minister Shigeru Ishiba landed on Monday. The Japanese leader met Donald Trump on Tuesday.",
    "Japanese Prime Minister Shigeru Ishiba landed on Monday. The visiting prime minister met Donald Trump on Tuesday.",
])
def test_a_prime_minister_is_the_leader_a_later_description_names(text):
    [meeting] = [f for f in asserted(text) if f.family == "Meeting"]
    assert {meeting.agent, meeting.target} == {"Shigeru Ishiba", "Donald Trump"}


def test_reports_of_one_meeting_merge_and_keep_every_sentence():
    [resolution] = run("Tayyip Erdogan hosted Ilham Aliyev on Friday. Erdogan met with Aliyev for three hours.")[1]
    [meeting] = [e for e in resolution.events if e.family == "Meeting"]
    assert len(meeting.evidence) == 2
    assert meeting.date is not None and meeting.date.iso == "2025-12-12"


def test_the_country_is_the_most_mentioned_country_so_far():
    [resolution] = run(
        "Belarus reopened its border. Belarus also freed a journalist. Russia said nothing. "
        "The country was sanctioned again by Western countries."
    )[1]
    labels = {e.key: e.label for e in resolution.entities}
    [sanction] = [e for e in resolution.events if e.family == "Sanction"]
    assert labels[sanction.target] == "Belarus"
    assert labels[sanction.agent] == "Western countries"


def test_named_ship_is_a_vessel_not_a_person():
    found = entities("The ships named Kapitan Orlov and Sea Breeze are under British sanctions.")
    vessels = {e.label for e in found.values() if e.type is EntityType.VESSEL}
    assert "Kapitan Orlov" in vessels


def test_subject_pronoun_continues_the_previous_subject():
    [resolution] = run("Alexander Stubb arrived in Kyiv on Monday. He met Volodymyr Zelensky at the palace.")[1]
    labels = {e.key: e.label for e in resolution.entities}
    pairs = {(labels[e.agent], labels[e.target]) for e in resolution.events if e.family == "Meeting"}
    assert pairs == {("Alexander Stubb", "Volodymyr Zelensky")}


def test_pronoun_without_a_person_before_it_gives_no_event():
    [resolution] = run("The border reopened on Monday. He met Volodymyr Zelensky at the palace.")[1]
    assert [e for e in resolution.events if e.family == "Meeting"] == []
