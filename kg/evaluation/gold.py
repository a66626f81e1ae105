"""kg's own gold set: short news texts written for the project, with every event a reader finds.

Each line of a gold file is one case::

    {"id": "h07", "published": "2025-06-20", "tags": ["passive"],
     "text": "...",
     "events": [{"family": "Release", "agent": "Belarus", "target": "Ales Bialiatski"}]}

Only events the text states as having happened are listed; a text whose meeting is
planned, denied or cancelled lists none, so asserting it is a false alarm.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kg.errors import InputError
from kg.evaluation import Case, Expected

__all__ = ["read_gold"]


def read_gold(path: Path) -> list[Case]:
    """Read a gold JSONL file; raises :class:`InputError` naming the line that is wrong."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            expected = tuple(
                Expected(e["family"], e.get("agent"), e.get("target"), date=e.get("date"))
                for e in record.get("events", [])
            )
            published = date.fromisoformat(record["published"]) if record.get("published") else None
            cases.append(Case(record["id"], record["text"], expected, published, tuple(record.get("tags", []))))
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path.name}, line {number}: not a gold case ({error})") from None
    return cases
