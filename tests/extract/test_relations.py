"""A sentence in, the standing relations out: titles, appositions, copulas, clauses and state organs."""

from __future__ import annotations

import pytest

from kg.errors import ExtractionError
from kg.extract.relations import build_catalogue
from kg.lang import load_data

from ..conftest import relations


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenyan President William Ruto arrived in Accra.", ("William Ruto", "leaderOf", "Kenya")),
    ("Prime Minister Mark Carney of Canada spoke first.", ("Mark Carney", "leaderOf", "Canada")),
    ("Chile's President Gabriel Boric left early.", ("Gabriel Boric", "leaderOf", "Chile")),
    ("Jorge Ruiz, Mexico's special envoy, arrived.", ("Jorge Ruiz", "envoyFor", "Mexico")),
    ("The Finnish envoy, Anna Virtanen, flew home.", ("Anna Virtanen", "envoyFor", "Finland")),
    ("Oleksandr Petrenko, the wife of Iryna Petrenko, spoke.", ("Iryna Petrenko", "spouseOf", "Oleksandr Petrenko")),
    ("Tomas Novak, a founder of the Civic Forum party, resigned.", ("Tomas Novak", "founderOf", "Civic Forum")),
    ("Rafael Correa, a close ally of Nicolas Maduro, was seen in Quito.",
     ("Nicolas Maduro", "allyOf", "Rafael Correa")),
    ("Brazilian journalist Paulo Mendes was detained.", ("Paulo Mendes", "nationality", "Brazil")),
    ("Paulo Mendes, a citizen of Brazil, was detained.", ("Paulo Mendes", "nationality", "Brazil")),
    ("Sweden joined NATO in March 2024.", ("Sweden", "memberOf", "NATO")),
    ("Nursultan Bekov, who has ruled Kazakhstan since 2019, spoke.", ("Nursultan Bekov", "leaderOf", "Kazakhstan")),
])
def test_relation_is_stated(text, expected):
    assert expected in relations(text)


def test_symmetric_relation_is_stored_once_for_the_pair():
    found = relations("Iryna Petrenko and her husband, Oleksandr Petrenko, voted. Oleksandr Petrenko, the husband "
                      "of Iryna Petrenko, left.")
    assert [r for r in found if r[1] == "spouseOf"] == [("Iryna Petrenko", "spouseOf", "Oleksandr Petrenko")]


def test_opposition_leader_is_a_nationality_not_a_leadership():
    found = relations("Belarusian opposition leader Maria Horak met donors.")
    assert ("Maria Horak", "nationality", "Belarus") in found
    assert not any(kind == "leaderOf" for _, kind, _ in found)


def test_planned_membership_is_not_stated():
    assert ("Moldova", "memberOf", "NATO") in relations("Moldova joined NATO last year.")
    assert not relations("Moldova plans to join NATO next year.")


def test_organisation_acts_for_the_state_it_names_or_is_known_as():
    found = relations("The Canadian Foreign Ministry and the Pentagon issued statements.")
    assert ("Canadian Foreign Ministry", "actsFor", "Canada") in found
    assert ("Pentagon", "actsFor", "United States") in found


def test_a_name_that_is_no_organ_does_not_act_for_a_country():
    assert ("Kenyan Foreign Ministry", "actsFor", "Kenya") in relations("The Kenyan Foreign Ministry protested.")
    assert not relations("Kenya's Independence Day parade was cancelled.")


def test_catalogue_names_an_unknown_relation_with_a_code():
    roles = {**load_data("nouns")["roles"], "cousin": {"relation": "cousinOf"}}
    with pytest.raises(ExtractionError, match="E031"):
        build_catalogue(load_data("relations"), roles)
