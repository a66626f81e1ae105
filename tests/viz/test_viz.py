"""Pictures as a person gets them: the offline HTML page, the PNG, and `kg viz` itself."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.config import Settings
from kg.graph import entity_graph
from kg.pipeline import graph_from_text, load_paths
from kg.viz import to_html, write_png

from ..conftest import SAMPLES

TEXT = ("Kenya's president, Amina Okafor, met Tomas Lindqvist of Finland in Nairobi on Monday. "
        "Finland imposed sanctions on Baltic Freight on Tuesday.")


@pytest.fixture(scope="module")
def graph():
    return entity_graph(graph_from_text(TEXT, published="2025-03-07"))


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("viz") / "store"
    load_paths([str(SAMPLES)], Settings(store=store), progress=False)
    return store


def test_the_page_needs_no_network_and_carries_labels_legend_search_and_evidence(graph):
    page = to_html(graph, title="Nairobi talks")
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', page), "every asset must be inlined"
    assert "vis.Network" in page and 'id="kg-search"' in page and "<h1>Nairobi talks</h1>" in page
    for label in ("Amina Okafor", "Tomas Lindqvist", "Baltic Freight", "Meeting", "Sanction", "Country", "Person"):
        assert label in page
    assert "Finland imposed sanctions on Baltic Freight on Tuesday." in page  # the evidence shown on hover


def test_the_png_is_a_picture(graph, tmp_path):
    path = write_png(graph, tmp_path / "graph.png", title="test")
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True)


def test_kg_viz_writes_the_page_and_the_png(samples_store, tmp_path):
    page, picture = tmp_path / "graph.html", tmp_path / "graph.png"
    done = _kg("viz", "--store", str(samples_store), "-o", str(page), "--png", str(picture), "--focus", "Lukashenko")
    assert done.returncode == 0, done.stderr
    assert re.match(r"drew \d+ nodes and \d+ edges", done.stdout)
    assert "John Coale" in page.read_text(encoding="utf-8") and picture.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "Nobody Atall"], "no entity called 'Nobody Atall'"),
    (["--family", "Attack"], "nothing to draw"),
    (["--since", "yesterday"], "is not a date"),
])
def test_kg_viz_refuses_what_it_cannot_draw_in_one_line(samples_store, tmp_path, args, message):
    page = tmp_path / "graph.html"
    done = _kg("viz", "--store", str(samples_store), "-o", str(page), *args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not page.exists()


@pytest.mark.parametrize("label", ["<!--<script>", "</script><b>x</b>", "A & B </SCRIPT >", "line\u2028break"])
def test_a_label_of_any_text_cannot_end_or_bend_the_pages_scripts(label):
    import networkx as nx

    def page_scripts(text: str) -> list[str]:
        graph = nx.Graph()
        graph.add_node("a", label=text, type="Person", evidence=f"{text} said so.")
        graph.add_node("b", label="Other", type="Person")
        graph.add_edge("a", "b", type="Meeting", evidence=f"{text} met Other.")
        return re.findall(r"<script[^>]*>(.*?)</script\s*>", to_html(graph, title=text), flags=re.DOTALL | re.I)

    scripts, plain = page_scripts(label), page_scripts("Plain")
    assert len(scripts) == len(plain) and "var labels" in scripts[-1]  # the same elements, none cut short
    for script, same in zip(scripts, plain, strict=True):
        assert label not in script
        assert script.count("<!--") == same.count("<!--")  # nothing that turns a script into a comment
    labels = re.search(r"var labels = (\{.*?\});", scripts[-1]).group(1)
    assert label in json.loads(labels).values()
