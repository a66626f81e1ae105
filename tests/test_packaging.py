"""What a plain (non-editable) ``pip install`` ships: every subpackage, the rule tables, and the
ontology with its saved queries (as ``kg.ontology``)."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_subpackage_is_listed_for_the_wheel():
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "kg").rglob("__init__.py")}
    assert found <= set(SETUPTOOLS["packages"]), found - set(SETUPTOOLS["packages"])


def test_the_ontology_and_every_saved_query_ship_inside_the_package():
    assert SETUPTOOLS["package-dir"]["kg.ontology"] == "ontology"
    patterns = SETUPTOOLS["package-data"]["kg.ontology"]
    folder = ROOT / "ontology"
    shipped = [path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()]
    assert "kg.ttl" in shipped and any(name.startswith("queries/") for name in shipped)
    assert all(any(fnmatch.fnmatch(name, pattern) for pattern in patterns) for name in shipped), shipped
