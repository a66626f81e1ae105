"""The real pages in ../shared/corpus (skipped when absent): the walking skeleton's acceptance checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import Settings
from kg.pipeline import load_paths
from kg.store import Store

pytestmark = pytest.mark.corpus


def load(corpus: Path, tmp_path: Path, *names: str) -> Store:
    path = tmp_path / "store"
    load_paths([str(corpus / n) for n in names], Settings(store=path), progress=False)
    return Store(path)


def values(store: Store, query: str) -> list[dict[str, str | None]]:
    return store.query(query).values()


def test_first_page_acceptance(corpus, tmp_path):
    with load(corpus, tmp_path, "000_5eda7e8b5bdc9733.txt") as store:
        people = values(store, "SELECT ?p WHERE { ?p a kg:Person ; rdfs:label ?l FILTER(CONTAINS(?l, 'Lukashenko')) }")
        assert len(people) == 1
        meetings = values(store, """
            SELECT ?d WHERE { ?e a kg:Meeting ; kg:agent ?a ; kg:target ?t ; kg:date ?d .
              ?a rdfs:label "Alexander Lukashenko" . ?t rdfs:label "John Coale" }""")
        assert meetings == [{"d": "2025-12-12"}]
        releases = values(store, """
            SELECT ?by ?whom ?n WHERE { ?e a kg:Release ; kg:agent/rdfs:label ?by ; kg:target/rdfs:label ?whom .
              OPTIONAL { ?e kg:quantity ?n } }""")
        assert {"by": "Belarus", "whom": "more than 430 prisoners", "n": "430"} in releases
        assert {"by": "Alexander Lukashenko", "whom": "more than 50 prisoners", "n": "50"} in releases
        assert {"by": "Alexander Lukashenko", "whom": "Siarhei Tsikhanouski", "n": None} in releases
        assert store.query(
            'ASK { ?e a kg:SanctionRelief ; kg:agent/kg:isoCode "USA" ; kg:target/rdfs:label "Belavia" }'
        ).boolean is True
        assert store.query('ASK { ?e a kg:Sanction ; kg:target/rdfs:label "Belavia" }').boolean is False
        assert store.query("""ASK { ?e a kg:Sanction ; kg:target/kg:isoCode "BLR" ;
                                    kg:agent/rdfs:label "Western countries" }""").boolean is True
        missing = values(store, """SELECT ?e WHERE { ?e a kg:Event .
            FILTER NOT EXISTS { ?e kg:evidence ?s ; prov:wasDerivedFrom/a kg:Article } }""")
        assert missing == []


def test_second_page_finds_the_appended_storys_sanctioned_ships_and_no_furniture(corpus, tmp_path):
    with load(corpus, tmp_path, "001_5fd76cd318a97683.txt") as store:
        ships = values(store, """SELECT ?ship WHERE { ?e a kg:Sanction ; kg:agent/kg:isoCode "USA" ;
                                  kg:target ?s . ?s a kg:Vessel ; rdfs:label ?ship }""")
        assert {r["ship"] for r in ships} == {"Kompozitor Rakhmaninov", "Askar-Saridzha"}
        labels = {r["l"] for r in values(
            store, "SELECT ?l WHERE { ?e a ?c ; rdfs:label ?l . ?c rdfs:subClassOf+ kg:Entity }")}
        assert "Kompozitor Rakhmaninov" in labels
        for furniture in ("Skip to", "Feature Image", "Recommended Articles", "Last Updated", "News"):
            assert not [label for label in labels if furniture in label]
        articles = values(store, "SELECT ?a WHERE { ?a a kg:Article }")
        assert len(articles) == 2


def test_both_pages_in_one_store_keep_one_lukashenko_coale_meeting(corpus, tmp_path):
    with load(corpus, tmp_path, "000_5eda7e8b5bdc9733.txt", "001_5fd76cd318a97683.txt") as store:
        meetings = values(store, """SELECT DISTINCT ?e WHERE { ?e a kg:Meeting ;
            kg:agent/rdfs:label "Alexander Lukashenko" ; kg:target/rdfs:label "John Coale" }""")
        assert len(meetings) == 1
        sources = values(store, """SELECT ?s WHERE { ?e a kg:Meeting ; kg:target/rdfs:label 'John Coale' ;
            prov:wasDerivedFrom/kg:sourceName ?s }""")
        assert {r["s"] for r in sources} == {"000_5eda7e8b5bdc9733.txt", "001_5fd76cd318a97683.txt"}
