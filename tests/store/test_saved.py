"""Saved queries with a parameter start from the entity or event they name, and answer exactly
what the aggregate query answers for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import Settings
from kg.errors import QueryError
from kg.pipeline import load_paths
from kg.store import Store
from kg.store.saved import param_kinds, saved_queries, with_values

from ..conftest import SAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("saved") / "store"
    load_paths([str(SAMPLES)], Settings(store=Path(path)), progress=False)
    with Store(path, read_only=True) as opened:
        yield opened


def rows(store: Store, name: str, params: dict[str, str] | None = None) -> list[dict[str, str | None]]:
    return store.query(saved_queries()[name].text, params or {}).values()


SAMPLE_VALUES = {"name": "x", "text": "x", "iri": "https://example.org/x", "class": "Country"}


def test_a_query_file_as_it_stands_is_the_aggregate_query(store):
    for name, saved in saved_queries().items():
        assert rows(store, name), f"{name} without parameters answers nothing on the samples"
        values = {param: SAMPLE_VALUES[kind] for param, kind in param_kinds(saved.text).items()}
        switched = with_values(saved.text, values)
        assert "\n#+" not in switched, name


@pytest.mark.parametrize(("name", "param", "columns"), [
    ("meetings", "entity", ("who", "whom")),
    ("releases", "actor", ("by",)),
    ("sanctions", "target", ("on",)),
])
def test_a_name_selects_exactly_the_aggregate_rows_of_that_entity(store, name, param, columns):
    everything = rows(store, name)
    labels = sorted({row[column] for row in everything for column in columns if row[column]})
    assert labels
    for label in labels:
        expected = sorted((tuple(r.values()) for r in everything if label in (r[c] for c in columns)), key=str)
        selected = sorted((tuple(r.values()) for r in rows(store, name, {param: label})), key=str)
        assert selected == expected, label


def test_names_are_matched_whatever_their_case_and_spacing(store):
    plain = rows(store, "meetings", {"entity": "Alexander Lukashenko"})
    assert plain
    assert rows(store, "meetings", {"entity": "  alexander   LUKASHENKO "}) == plain
    by_surname = rows(store, "meetings", {"entity": "lukashenko"})  # an alternative name
    assert by_surname == plain


def test_an_event_is_bound_by_its_iri_and_words_search_its_label(store):
    event = store.query("SELECT ?e ?l WHERE { ?e a kg:Meeting ; rdfs:label ?l } ORDER BY ?e LIMIT 1").values()[0]
    by_iri = rows(store, "evidence", {"event": event["e"] or ""})
    assert by_iri and {row["label"] for row in by_iri} == {event["l"]}
    by_words = rows(store, "evidence", {"words": "meeting:"})
    assert by_words and all("meeting:" in (row["label"] or "").lower() for row in by_words)
    assert {tuple(r.values()) for r in by_iri} <= {tuple(r.values()) for r in by_words}


def test_a_class_parameter_keeps_only_that_class(store):
    countries = rows(store, "entities", {"type": "country"})
    assert countries and {row["kind"] for row in countries} == {"Country"}
    everything = rows(store, "entities")
    assert sorted(map(str, countries)) == sorted(str(r) for r in everything if r["kind"] == "Country")


def test_values_of_the_wrong_kind_are_one_clear_error(store):
    with pytest.raises(QueryError, match="takes an IRI"):
        rows(store, "evidence", {"event": "not an iri"})
    with pytest.raises(QueryError, match="class name"):
        rows(store, "entities", {"type": "Country } DROP ALL"})


def test_unnamed_groups_are_left_out_of_the_entity_ranking_unless_asked_for(store):
    ranking = rows(store, "entities")
    assert ranking and "Group" not in {row["kind"] for row in ranking}
    groups = rows(store, "entities", {"type": "Group"})
    assert groups and {row["kind"] for row in groups} == {"Group"}


def test_a_line_ending_in_minus_name_is_dropped_when_the_parameter_is_given():
    text = "# param t (class): a class\nSELECT ?x WHERE {\n  ?x a ?t .\n  FILTER(?t != kg:Group)  #-t\n}"
    assert "FILTER" in with_values(text, {}) and "FILTER" not in with_values(text, {"t": "Person"})


def test_planned_lists_what_did_not_happen_and_the_facts_leave_it_out(tmp_path):
    from kg.graph import entity_graph

    text = ("Envoys meet again as summit is put off\n\n"
            "Kaja Kallas met Marco Rubio in Brussels on Monday. "
            "Kallas will meet Wang Yi in Beijing next month, her office said.\n")
    (tmp_path / "talks.txt").write_text(text, encoding="utf-8")
    load_paths([str(tmp_path / "talks.txt")], Settings(store=tmp_path / "store"), progress=False)
    with Store(tmp_path / "store", read_only=True) as store:
        planned = rows(store, "planned")
        assert [(r["kind"], r["whom"], r["status"]) for r in planned] == [("Meeting", "Wang Yi", "planned")]
        assert rows(store, "planned", {"type": "Meeting"}) == planned
        assert rows(store, "planned", {"type": "Sanction"}) == []
        assert {r["whom"] for r in rows(store, "meetings")} == {"Marco Rubio"}
        edges = store.query("SELECT ?a ?b WHERE { ?a kg:metWith ?b }").values()
        assert len(edges) == 2  # the asserted meeting, both ways; none for the planned one
        assert "Wang Yi" not in {label for _, label in entity_graph(store).nodes(data="label")}
