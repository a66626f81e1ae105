"""A person named by surname alone is the person whose full name another article gives."""

from __future__ import annotations

from pathlib import Path

from kg.config import Settings
from kg.pipeline import load_paths
from kg.store import Store

FULL = "Vladimir Putin met Donald Trump at a military base in Anchorage on Friday.\n"
SHORT = "Putin met Trump in Anchorage on Friday, and the talks lasted nearly three hours.\n"
OTHER_KIM = "Kim Yo Jong met a Chinese delegation in Pyongyang on Monday.\n"
KIM = "Kim Jong Un hosted the delegation in Pyongyang on Tuesday.\n"
SHORT_KIM = "Kim later met the Chinese delegation again.\n"


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


def meetings(store_path: Path) -> list[tuple[str, int]]:
    with Store(store_path, read_only=True) as store:
        rows = store.query("SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?e a kg:Meeting ; prov:wasDerivedFrom ?a } "
                           "GROUP BY ?e").values()
    return [(row["e"] or "", int(row["n"] or 0)) for row in rows]


def test_a_surname_in_a_later_load_joins_the_full_name_in_the_store(tmp_path):
    store = tmp_path / "store"
    settings = Settings(store=store)
    load_paths([str(write(tmp_path / "a", "full.txt", FULL))], settings, progress=False)
    load_paths([str(write(tmp_path / "b", "short.txt", SHORT))], settings, progress=False)
    names = people(store)
    assert set(names) == {"Vladimir Putin", "Donald Trump"}
    assert "Putin" in names["Vladimir Putin"] and "Trump" in names["Donald Trump"]
    # one meeting on one day, reported by both articles
    assert [n for _, n in meetings(store)] == [2]


def test_a_surname_before_its_full_name_in_one_load_is_linked_too(tmp_path):
    folder = tmp_path / "pages"
    write(folder, "1-short.txt", SHORT)
    write(folder, "2-full.txt", FULL)
    load_paths([str(folder)], Settings(store=tmp_path / "store"), progress=False)
    assert set(people(tmp_path / "store")) == {"Vladimir Putin", "Donald Trump"}


def test_a_surname_shared_by_two_known_people_stays_apart(tmp_path):
    folder = tmp_path / "pages"
    for name, text in (("1.txt", OTHER_KIM), ("2.txt", KIM), ("3.txt", SHORT_KIM)):
        write(folder, name, text)
    load_paths([str(folder)], Settings(store=tmp_path / "store"), progress=False)
    labels = set(people(tmp_path / "store"))
    assert {"Kim Yo Jong", "Kim Jong Un"} <= labels and "Kim" in labels
