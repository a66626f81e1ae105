"""Across articles, one node per person whatever the load order; links are recorded and taken back."""

from __future__ import annotations

from pathlib import Path

from kg.cli import main
from kg.config import Settings
from kg.pipeline import load_paths
from kg.store import Store

FULL = "Vladimir Putin met Donald Trump at a military base in Anchorage on Friday.\n"
SHORT = "Putin met Trump in Anchorage on Friday, and the talks lasted nearly three hours.\n"
OTHER_KIM = "Kim Yo Jong met a Chinese delegation in Pyongyang on Monday.\n"
KIM = "Kim Jong Un hosted the delegation in Pyongyang on Tuesday.\n"
SHORT_KIM = "Kim later met the Chinese delegation again.\n"
TEACHER = "The teacher Marek Halvorsen was released from a prison near Moscow on Tuesday.\n"
TEACHER_SHORT = "Halvorsen told reporters that he was glad to be home.\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def people(store_path: Path) -> dict[str, set[str]]:
    with Store(store_path, read_only=True) as store:
        rows = store.query("SELECT ?label ?alt WHERE { ?p a kg:Person ; rdfs:label ?label "
                           "OPTIONAL { ?p skos:altLabel ?alt } }").values()
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["label"] or "", set()).update({row["alt"]} if row["alt"] else set())
    return found


def meetings(store_path: Path) -> list[int]:
    with Store(store_path, read_only=True) as store:
        rows = store.query("SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?e a kg:Meeting ; prov:wasDerivedFrom ?a } "
                           "GROUP BY ?e").values()
    return sorted(int(row["n"] or 0) for row in rows)


def load_each(tmp_path: Path, store: Path, texts: list[tuple[str, str]]) -> None:
    for name, text in texts:
        load_paths([str(write(tmp_path / name, f"{name}.txt", text))], Settings(store=store), progress=False)


def turtle(store_path: Path) -> str:
    with Store(store_path, read_only=True) as store:
        return store.export_text("nt")


def test_a_surname_in_a_later_load_joins_the_full_name_in_the_store(tmp_path):
    store = tmp_path / "store"
    load_each(tmp_path, store, [("full", FULL), ("short", SHORT)])
    names = people(store)
    assert set(names) == {"Vladimir Putin", "Donald Trump"}
    assert "Putin" in names["Vladimir Putin"] and "Trump" in names["Donald Trump"]
    assert meetings(store) == [2]  # one meeting on one day, reported by both articles


def test_a_surname_loaded_before_its_full_name_gives_the_same_store(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    load_each(tmp_path / "1", first, [("full", FULL), ("short", SHORT)])
    load_each(tmp_path / "2", second, [("short", SHORT), ("full", FULL)])
    assert set(people(second)) == {"Vladimir Putin", "Donald Trump"}
    assert meetings(second) == [2]
    assert turtle(first) == turtle(second)


def test_the_link_is_recorded_in_the_article_that_printed_the_surname(tmp_path):
    store = tmp_path / "store"
    load_each(tmp_path, store, [("short", TEACHER_SHORT), ("full", TEACHER)])
    with Store(store, read_only=True) as opened:
        rows = opened.query("SELECT ?label ?printed WHERE { ?l a kg:NameLink ; kg:linkedEntity ?e ; "
                            "kg:printedLabel ?printed . ?e rdfs:label ?label }").values()
    assert rows == [{"label": "Marek Halvorsen", "printed": "Halvorsen"}]


def test_removing_the_full_name_takes_the_link_back(tmp_path, capsys):
    store = tmp_path / "store"
    load_each(tmp_path, store, [("short", TEACHER_SHORT), ("full", TEACHER)])
    assert set(people(store)) == {"Marek Halvorsen"}
    assert main(["remove", "full.txt", "--store", str(store)]) == 0
    assert "1 other article(s) relinked" in capsys.readouterr().out
    assert set(people(store)) == {"Halvorsen"}
    with Store(store, read_only=True) as opened:
        assert not opened.query("ASK { ?l a kg:NameLink }").boolean


def test_a_surname_shared_by_two_known_people_stays_apart(tmp_path):
    folder = tmp_path / "pages"
    for name, text in (("1.txt", OTHER_KIM), ("2.txt", KIM), ("3.txt", SHORT_KIM)):
        write(folder, name, text)
    load_paths([str(folder)], Settings(store=tmp_path / "store"), progress=False)
    labels = set(people(tmp_path / "store"))
    assert {"Kim Yo Jong", "Kim Jong Un"} <= labels and "Kim" in labels


def test_a_second_person_with_the_surname_unlinks_it(tmp_path):
    store = tmp_path / "store"
    load_each(tmp_path, store, [("kim", KIM), ("short", SHORT_KIM)])
    assert "Kim" not in people(store)
    load_each(tmp_path, store, [("other", OTHER_KIM)])
    assert "Kim" in people(store)  # two full names share it now: the surname-only node is its own again


def test_transliterations_in_two_articles_are_one_person(tmp_path):
    store = tmp_path / "store"
    load_each(tmp_path, store, [("a", "Volodymyr Zelenskyy met the envoy in Kyiv on Monday.\n"),
                                ("b", "Volodymyr Zelensky met the envoy in Kyiv on Monday.\n")])
    assert [label for label in people(store) if "Volodymyr" in label] == ["Volodymyr Zelensky"]


def test_a_surname_labelled_an_organisation_is_the_person_most_articles_print(tmp_path):
    store = tmp_path / "store"
    texts = [("full", TEACHER), ("a", "Halvorsen told reporters that he was glad to be home.\n"),
             ("b", "Halvorsen said on Wednesday that he was tired.\n")]  # the small model: an organisation
    load_each(tmp_path, store, texts)
    with Store(store, read_only=True) as opened:
        bodies = opened.query("SELECT ?l WHERE { ?o a kg:Organization ; rdfs:label ?l }").values()
    assert set(people(store)) == {"Marek Halvorsen"} and not bodies
    assert main(["remove", "full.txt", "--store", str(store)]) == 0
    with Store(store, read_only=True) as opened:
        assert opened.query("ASK { ?o a kg:Organization ; rdfs:label 'Halvorsen' }").boolean


def test_a_body_printed_as_a_company_more_often_than_as_a_name_stays_the_company():
    from kg.lang.names import name_rules
    from kg.resolve.corpus import PrintedName, corpus_links

    names = [PrintedName("a", "person/gerald-ford", "Gerald Ford")] + [
        PrintedName(g, "org/ford", "Ford") for g in ("b", "c")]
    assert corpus_links(names, name_rules()) == {}
    names.append(PrintedName("d", "person/ford", "Ford"))
    names.append(PrintedName("e", "person/ford", "Ford"))
    assert corpus_links(names, name_rules())[("b", "org/ford")] == ("person/gerald-ford", "Gerald Ford")


def test_a_body_without_its_state_joins_the_one_printed_with_it_and_an_acronym_its_name():
    from kg.lang.names import name_rules
    from kg.resolve.corpus import PrintedName, corpus_links

    names = [PrintedName("a", "org/usa-treasury", "US Treasury Department"),
             PrintedName("b", "org/treasury", "Treasury Department"),
             PrintedName("c", "org/myanmar-radio-and-television", "Myanmar Radio and Television"),
             PrintedName("d", "org/mrtv", "MRTV")]
    links = corpus_links(names, name_rules())
    assert links[("b", "org/treasury")] == ("org/usa-treasury", "US Treasury Department")
    assert links[("d", "org/mrtv")][0] == "org/myanmar-radio-and-television"
    names.append(PrintedName("e", "org/gbr-treasury", "British Treasury"))
    assert ("b", "org/treasury") not in corpus_links(names, name_rules())  # two states' treasuries: no guess
