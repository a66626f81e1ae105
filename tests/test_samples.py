"""End to end over the project's own sample articles: the answers a user of the demo sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import Settings
from kg.pipeline import load_paths
from kg.store import Store

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("samples") / "store"
    report = load_paths([str(SAMPLES)], Settings(store=Path(path)), progress=False)
    assert report.loaded == 4
    with Store(path) as opened:
        yield opened


def rows(store: Store, query: str) -> set[tuple[str | None, ...]]:
    return {tuple(row.values()) for row in store.query(query).values()}


def test_meetings_with_dates(store):
    found = rows(store, """
        SELECT ?who ?whom ?date WHERE {
          ?e a kg:Meeting ; kg:agent/rdfs:label ?who ; kg:target/rdfs:label ?whom .
          OPTIONAL { ?e kg:date ?date } }""")
    assert ("Alexander Lukashenko", "John Coale", "2025-12-12") in found
    # the negated meeting with diplomats and the cancelled Budapest summit are not facts
    assert not {r for r in found if r[1] in ("European diplomats", "Vladimir Putin")}


def test_releases_by_actor_with_quantities(store):
    found = rows(store, """
        SELECT ?by ?whom ?n WHERE {
          ?e a kg:Release ; kg:agent/rdfs:label ?by ; kg:target/rdfs:label ?whom .
          OPTIONAL { ?e kg:quantity ?n } }""")
    assert ("Belarus", "123 political prisoners", "123") in found
    assert ("Belarus", "52 prisoners", "52") in found
    assert ("Russia", "Evan Gershkovich", None) in found
    assert ("Germany", "Vadim Krasikov", None) in found


def test_sanctions_and_their_reversal_are_kept_apart(store):
    sanctioned = rows(store, "SELECT ?by ?on WHERE { ?a kg:sanctioned ?b . ?a rdfs:label ?by . ?b rdfs:label ?on }")
    lifted = rows(store, "SELECT ?by ?on WHERE { ?a kg:liftedSanctionsOn ?b . ?a rdfs:label ?by . ?b rdfs:label ?on }")
    assert {("United States", "Rosneft"), ("United States", "Lukoil")} <= sanctioned
    assert {("United States", "Belaruskali"), ("United States", "Belavia")} <= lifted
    assert ("United States", "Aeroflot") not in lifted  # "has not lifted"
    assert not sanctioned & lifted


def test_second_story_on_a_page_is_a_separate_article(store):
    found = rows(store, "SELECT ?line WHERE { ?a a kg:Article ; kg:dateline ?line }")
    assert ("RIGA, Latvia",) in found


def test_every_event_has_evidence_and_an_article(store):
    missing = store.query("""
        SELECT ?e WHERE { ?e a kg:Event .
          FILTER NOT EXISTS { ?e kg:evidence ?s ; prov:wasDerivedFrom ?a . ?a a kg:Article } }""").values()
    assert missing == []


def test_names_the_small_model_mistypes_or_misses_get_their_type_from_context(store):
    types = rows(store, """SELECT ?name ?type WHERE { ?e rdfs:label ?name ; a ?t .
        VALUES ?name { "Vadim Krasikov" "Belaruskali" } BIND(STRAFTER(STR(?t), "#") AS ?type) }""")
    assert types == {("Vadim Krasikov", "Person"), ("Belaruskali", "Organization")}
