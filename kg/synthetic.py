"""Synthetic news articles for load tests and benchmarks, written from kg's own sentence templates.

Every article is a few paragraphs about meetings, releases and sanctions between
countries and people drawn from fixed lists, so a corpus of any size can be made
again exactly from its seed.

>>> articles = synthetic_articles(3, seed=1)
>>> len(articles), len({a.id for a in articles})
(3, 3)
>>> synthetic_articles(2, seed=1)[1].text == articles[1].text
True
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from kg.records import Article

_COUNTRIES = [
    ("Kenya", "Kenyan"), ("Chile", "Chilean"), ("Norway", "Norwegian"), ("Vietnam", "Vietnamese"),
    ("Canada", "Canadian"), ("Poland", "Polish"), ("Ghana", "Ghanaian"), ("Peru", "Peruvian"),
    ("Japan", "Japanese"), ("Egypt", "Egyptian"), ("Mexico", "Mexican"), ("Austria", "Austrian"),
    ("Senegal", "Senegalese"), ("Mongolia", "Mongolian"), ("Uruguay", "Uruguayan"), ("Finland", "Finnish"),
]
_FIRST = ["Amina", "Tomas", "Lena", "Rafael", "Iryna", "Kwame", "Sofia", "Mateo", "Aiko", "Omar", "Greta", "Luis"]
_LAST = ["Okafor", "Lindqvist", "Moreno", "Petrenko", "Tanaka", "Haddad", "Novak", "Mensah", "Duarte", "Kowalski"]
_FIRMS = ["Baltic Freight", "Orion Shipping", "Sahel Mining", "Nordstrom Oil", "Pacific Cargo Lines", "Andes Gold"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

_MEETING = [
    "{leader_a}, the {dem_a} president, met {leader_b} of {country_b} in {city} on {day}.",
    "{dem_a} President {leader_a} held talks with {leader_b} on {day} about trade and security.",
    "{leader_b} was hosted by {leader_a} at the presidential palace on {day}.",
]
_RELEASE = [
    "{country_a} freed {count} political prisoners on {day}, the justice ministry said.",
    "The authorities in {country_a} released the journalist {person} after {months} months in detention.",
    "{person}, a {dem_b} activist, was released by {country_a} on {day}.",
]
_SANCTION = [
    "{country_a} imposed sanctions on {firm} on {day} for shipping arms to {country_b}.",
    "The government of {country_a} sanctioned {person} and two of his companies.",
    "{country_a} lifted sanctions on {firm} after the company changed its owners.",
]
_FILLER = [
    "Officials said the talks covered energy prices, fishing rights and a new railway line.",
    "The statement gave no further details, and neither government answered questions from reporters.",
    "Analysts said the move was meant to show goodwill ahead of the regional summit in the spring.",
    "Opposition groups welcomed the news but said many more people remained behind bars.",
    "The ministry said it would publish a full list of the measures later in the week.",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def synthetic_article(number: int, seed: int = 0) -> Article:
    """The ``number``-th article of the corpus made from ``seed``; about 150 to 250 words."""
    rng = random.Random(f"{seed}:{number}")
    (country_a, dem_a), (country_b, dem_b) = rng.sample(_COUNTRIES, 2)
    values = {
        "country_a": country_a, "dem_a": dem_a, "country_b": country_b, "dem_b": dem_b,
        "leader_a": _person(rng), "leader_b": _person(rng), "person": _person(rng),
        "firm": rng.choice(_FIRMS), "day": rng.choice(_DAYS), "count": rng.randint(3, 400),
        "months": rng.randint(2, 30), "city": rng.choice(["Nairobi", "Santiago", "Oslo", "Hanoi", "Lima", "Cairo"]),
    }
    paragraphs = []
    for templates in rng.sample([_MEETING, _RELEASE, _SANCTION], 3):
        sentences = [rng.choice(templates).format(**values), *rng.sample(_FILLER, 2)]
        paragraphs.append(" ".join(sentences))
    published = date(2025, 1, 6) + timedelta(days=rng.randint(0, 300))
    title = f"{country_a} and {country_b}: report {number}"
    return Article(text="\n\n".join(paragraphs), title=title, published=published, source=f"synthetic-{number}.txt")


def synthetic_articles(count: int, seed: int = 0) -> list[Article]:
    """``count`` distinct synthetic articles."""
    return [synthetic_article(n, seed) for n in range(count)]


def write_corpus(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """Write ``count`` synthetic articles as text pages (title, date line, body) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in synthetic_articles(count, seed):
        path = folder / article.source
        assert article.published is not None
        path.write_text(f"{article.title}\n\n{article.published.isoformat()}\n\n{article.text}\n", encoding="utf-8")
        paths.append(path)
    return paths
