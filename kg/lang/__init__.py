"""Language data (lexicons, patterns, gazetteers), kept apart from the algorithms that use them.

Everything here is read from JSON files under ``kg/lang/<code>/`` on first use and cached. Each
file is checked against :data:`SCHEMAS` when read (its keys and the JSON type of each), so a
broken or hand-edited file fails with a numbered error naming the key, not deep in a stage.

>>> load_data("events")["families"]["Meeting"]["direct"]
'metWith'
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from kg.errors import ExtractionError

#: the keys every language file must hold, with the JSON type of each; the lexicons' own builders
#: check what is inside (events.json and relations.json: E02x and E03x)
SCHEMAS: dict[str, dict[str, type]] = {
    "countries": {"aliases": dict, "demonyms": dict, "capitals": dict, "not_acting_capitals": list,
                  "government_seats": dict},
    "events": {"confidence": dict, "families": dict, "frames": dict, "triggers": list, "voices": dict,
               "reversals": dict, "object_paths": list},
    "furniture": {"line_patterns": list, "caption_patterns": list, "dateline_pattern": str, "byline_pattern": str,
                  "date_line_pattern": str, "date_prefix_pattern": str, "timestamp_pattern": str},
    "grammar": {"subject_pronouns": list, "relative_pronouns": list, "reported_pronouns": list,
                "plural_pronouns": list, "possessive_pronouns": list, "personal_possessives": list,
                "place_prepositions": list, "member_prepositions": list, "quantity_heads": list,
                "denying_determiners": list},
    "modality": {"aux": dict, "governing_verbs": dict, "governing_nouns": dict, "governing_adjectives": dict,
                 "infinitive_governors": dict, "intent_prepositions": list, "topics": dict,
                 "presupposing_prepositions": dict, "modifiers": dict,
                 "headline_infinitive": str, "decisions": dict, "negators": list, "conditional_marks": list,
                 "heads_through": list},
    "nouns": {"type_nouns": dict, "naming_verbs": list, "abstract_nouns": list, "roles": dict, "owned_nouns": list,
              "reporting_verbs": list, "person_nouns": list, "national_goods": list, "government_nouns": dict,
              "state_actor_nouns": list, "definite_country_nouns": list, "titles": list, "number_words": dict,
              "number_scales": dict, "quantity_qualifiers": list},
    "names": {"honorifics": list, "particles": list, "transliterations": list, "demonym_suffixes": list,
              "kind_heads": dict, "joints": list, "organisation_forms": list, "organisation_words": list},
    "relations": {"confidence": dict, "relations": dict, "verbs": list, "organ_heads": list, "state_organs": dict},
}
_JSON_TYPES: dict[type, str] = {dict: "an object", list: "a list", str: "a string"}


def check_data(name: str, data: dict[str, Any], lang: str = "en") -> None:
    """Raise a numbered :class:`ExtractionError` when a language file lacks a key or holds the wrong type.

    >>> check_data("grammar", {"subject_pronouns": "he"})
    Traceback (most recent call last):
    ...
    kg.errors.ExtractionError: E004 language data 'en/grammar.json' has no 'relative_pronouns'
    """
    schema = SCHEMAS.get(name, {})
    missing = [key for key in schema if key not in data]
    if missing:
        raise ExtractionError(f"E004 language data '{lang}/{name}.json' has no '{missing[0]}'")
    for key, kind in schema.items():
        if not isinstance(data[key], kind):
            raise ExtractionError(f"E005 language data '{lang}/{name}.json': '{key}' must be {_JSON_TYPES[kind]}")


@cache
def load_data(name: str, lang: str = "en") -> dict[str, Any]:
    """Return the parsed JSON file ``kg/lang/<lang>/<name>.json``, checked against :data:`SCHEMAS`."""
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
    check_data(name, data, lang)
    return data
