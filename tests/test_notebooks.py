"""Both notebooks run top to bottom on the sample articles, and their outputs say what they should."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import REPO

NOTEBOOKS = REPO / "notebooks"


def run_notebook(name: str, workdir: Path) -> dict[str, list[dict]]:
    """Execute a notebook in ``workdir``; return the outputs of each tagged cell."""
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(workdir)}}).execute()
    outputs: dict[str, list[dict]] = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
            for tag in cell.metadata.get("tags", []):
                outputs[tag] = cell.outputs
    return outputs


def text(outputs: list[dict]) -> str:
    """Everything a cell printed or displayed as text."""
    parts = [o["text"] for o in outputs if o["output_type"] == "stream" and o["name"] == "stdout"]
    parts += [o["data"].get("text/plain", "") for o in outputs if "data" in o]
    return "\n".join(parts)


def kinds(outputs: list[dict]) -> set[str]:
    return {kind for o in outputs if "data" in o for kind in o["data"]}


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory):
    return run_notebook("quickstart.ipynb", tmp_path_factory.mktemp("quickstart"))


@pytest.fixture(scope="module")
def explore(tmp_path_factory):
    return run_notebook("explore.ipynb", tmp_path_factory.mktemp("explore"))


def test_quickstart_loads_the_samples_and_counts_them(quickstart):
    assert re.search(r"loaded 4 of 4 articles: \d+ triples; events: .*Meeting \d", text(quickstart["load"]))
    assert re.search(r"^articles\s+4$", text(quickstart["stats"]), re.M)
    assert all(name in text(quickstart["list"]) for name in ("meetings", "releases", "sanctions", "evidence"))


def test_quickstart_answers_saved_and_custom_queries_as_dataframes(quickstart):
    assert "text/html" in kinds(quickstart["meetings"])
    meetings = text(quickstart["meetings"])
    assert "Alexander Lukashenko" in meetings and "John Coale" in meetings and "2025-12-12" in meetings
    assert "Rosneft" in text(quickstart["sanctions"]) and "lifted or eased" in text(quickstart["sanctions"])
    assert "Evan Gershkovich" in text(quickstart["releases"])


def test_quickstart_exports_turtle_that_rdflib_reads(quickstart):
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#>" in text(quickstart["turtle"])
    assert re.search(r"\d{3,} triples in the Turtle export; 4 article graphs", text(quickstart["rdflib"]))


def test_explore_ranks_centrality_and_finds_the_path_with_its_evidence(explore):
    assert re.search(r"\d+ entities, \d+ events and relations", text(explore["graph"]))
    first_row = text(explore["centrality"]).splitlines()[1]
    assert "United States" in first_row
    assert "['Alexander Lukashenko'" in text(explore["communities"])
    path = text(explore["path"])
    assert "John Coale —envoyFor→ United States\nUnited States —Sanction→ Rosneft" in path


def test_explore_shows_the_view_the_picture_and_the_timeline(explore):
    view = next(o["data"]["text/html"] for o in explore["view"] if "data" in o)
    assert "<iframe" in view and "vis.Network" in view and "kg-search" in view
    assert "image/png" in kinds(explore["picture"])
    assert "image/png" in kinds(explore["timeline-plot"])
    assert "2024-08-01" in text(explore["timeline"])


def test_explore_follows_an_edge_to_its_sentence_and_source(explore):
    evidence = text(explore["evidence"])
    assert "Alexander Lukashenko held talks with John Coale" in evidence
    assert "minsk-prisoners.txt" in evidence and "held" in evidence
