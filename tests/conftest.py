"""Shared fixtures: the spaCy pipeline (loaded once) and helpers that run text through the stages."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from kg.config import Settings
from kg.extract import extract
from kg.ingest import parse_text
from kg.nlp import load_pipeline
from kg.records import Extraction, Modality, Resolution
from kg.resolve import resolve

# Fuzzing in the suite is bounded and repeatable: a fixed number of cases per property, the same
# cases on every run (derandomize), no example database left in the working tree.
hypothesis_settings.register_profile("kg", max_examples=200, deadline=None, derandomize=True, database=None,
                                     print_blob=True)
hypothesis_settings.load_profile(os.environ.get("KG_HYPOTHESIS_PROFILE", "kg"))

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "kg" / "samples"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
DEFAULT_DAY = date(2025, 12, 12)  # a Friday


def run_kg(*args: str, env: dict[str, str] | None = None, stdin: str | bytes | None = None,
           timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the ``kg`` command in a new process, with no ``KG_*`` setting but those of ``env``;
    a traceback or an internal error fails the test (every failure must be one line)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    text = stdin.decode() if isinstance(stdin, bytes) else stdin
    result = subprocess.run([sys.executable, "-m", "kg", *args], input=text, capture_output=True, text=True,
                            timeout=timeout, env={**clean, **(env or {})})
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result


@dataclass(frozen=True)
class Fact:
    """An event as a reader would state it: family, class, who, whom, when, how many, modality."""

    family: str
    event_class: str
    agent: str | None
    target: str | None
    date: str | None
    quantity: int | None
    modality: Modality
    place: str | None = None
    start_date: str | None = None


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline(Settings().model)


def run(text: str, published: date | None = DEFAULT_DAY) -> tuple[list[Extraction], list[Resolution]]:
    nlp = load_pipeline(Settings().model)
    extractions, resolutions = [], []
    for article in parse_text(text, published=published):
        extraction = extract(article, nlp(article.parsed_text))
        extractions.append(extraction)
        resolutions.append(resolve(extraction, *Settings().rules()))
    return extractions, resolutions


def facts(text: str, published: date | None = DEFAULT_DAY) -> list[Fact]:
    """Every event (asserted or not) found in a text that names a participant, with entity labels."""
    found = []
    for resolution in run(text, published)[1]:
        labels = {e.key: e.label for e in resolution.entities}
        for e in resolution.events:
            if not (e.agent or e.target):
                continue
            found.append(Fact(
                e.family, e.event_class, labels.get(e.agent or ""), labels.get(e.target or ""),
                e.date.iso if e.date else None, e.quantity.value if e.quantity else None, e.modality,
                labels.get(e.place or ""), e.start_date.iso if e.start_date else None,
            ))
    return found


def relations(text: str, published: date | None = DEFAULT_DAY) -> set[tuple[str, str, str]]:
    """Every relation found in a text as (subject label, kind, object label)."""
    found = set()
    for resolution in run(text, published)[1]:
        labels = {e.key: e.label for e in resolution.entities}
        found |= {(labels[r.subject], r.kind, labels[r.object]) for r in resolution.relations}
    return found


def asserted(text: str, published: date | None = DEFAULT_DAY) -> list[Fact]:
    return [f for f in facts(text, published) if f.modality is Modality.ASSERTED]


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS
