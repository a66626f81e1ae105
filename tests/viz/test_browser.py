"""The `kg viz` page in a real headless Chromium: it draws every node, and the search box highlights an entity."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.config import Settings
from kg.pipeline import load_paths

from ..conftest import CORPUS, SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# No background networking: this machine's closed network refuses those connections.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def draw(store: Path, page: Path, *args: str) -> int:
    """Run `kg viz` and return the number of nodes it says it drew."""
    done = subprocess.run([sys.executable, "-m", "kg", "viz", "--store", str(store), "-o", str(page), *args],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    match = re.match(r"drew (\d+) nodes", done.stdout)
    assert match, done.stdout
    return int(match.group(1))


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 820})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function("document.body.dataset.kgDrawn !== undefined", timeout=30_000)
    assert not errors, errors
    return page


def search(page, text: str) -> list[str]:
    """Type into the search box as a person would; return the labels of the nodes it highlighted."""
    page.click("#kg-search")
    page.keyboard.type(text)
    selected = page.evaluate("network.getSelectedNodes()")
    return sorted(page.evaluate("(ids) => ids.map((id) => nodes.get(id).label)", selected))


def test_the_samples_page_draws_every_node_and_search_highlights_one(browser, tmp_path):
    store = tmp_path / "store"
    load_paths([str(SAMPLES)], Settings(store=store), progress=False)
    nodes = draw(store, tmp_path / "graph.html")
    page = open_page(browser, tmp_path / "graph.html")
    assert int(page.evaluate("document.body.dataset.kgDrawn")) == nodes
    assert page.evaluate("Object.keys(network.getPositions()).length") == nodes
    assert page.locator("canvas").count() == 1
    assert search(page, "Coale") == ["John Coale"]
    assert page.inner_text("#kg-status") == "1 match"
    page.fill("#kg-search", "")
    page.dispatch_event("#kg-search", "input")
    assert page.evaluate("network.getSelectedNodes()") == []
    shot = tmp_path / "graph.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")
    page.close()


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_the_two_corpus_pages_focused_on_lukashenko(browser, tmp_path):
    store = tmp_path / "store"
    load_paths([str(CORPUS)], Settings(store=store), progress=False)
    nodes = draw(store, tmp_path / "lukashenko.html", "--focus", "Lukashenko", "--depth", "1")
    assert 3 <= nodes <= 40, "a focused picture stays readable"
    page = open_page(browser, tmp_path / "lukashenko.html")
    assert int(page.evaluate("document.body.dataset.kgDrawn")) == nodes
    assert search(page, "Lukashenko") == ["Alexander Lukashenko"]
    assert "John Coale" in page.evaluate("nodes.get().map((n) => n.label)")
    page.close()
