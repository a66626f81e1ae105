"""Language data (lexicons, patterns, gazetteers), kept apart from the algorithms that use them.

Everything here is read from JSON files under ``kg/lang/<code>/`` on first use and cached.

>>> load_data("events")["families"]["Meeting"]["direct"]
'metWith'
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from kg.errors import ExtractionError


@cache
def load_data(name: str, lang: str = "en") -> dict[str, Any]:
    """Return the parsed JSON file ``kg/lang/<lang>/<name>.json``."""
    try:
        text = resources.files("kg.lang").joinpath(lang).joinpath(f"{name}.json").read_text("utf-8")
    except FileNotFoundError as exc:
        raise ExtractionError(f"E001 no language data '{name}' for language '{lang}'") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExtractionError(f"E002 language data '{lang}/{name}.json' is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ExtractionError(f"E003 language data '{lang}/{name}.json' must hold a JSON object")
    return data
