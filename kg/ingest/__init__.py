"""Ingest stage: files, folders and standard input in, :class:`~kg.records.Article` records out.

>>> [article] = parse_text("Officials from both countries met in Vienna on Monday.")
>>> article.text
'Officials from both countries met in Vienna on Monday.'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from kg.errors import InputError
from kg.ingest.html import extract_html
from kg.ingest.page import PageMeta, split_page
from kg.ingest.sources import Source, is_html, iter_paths, read_source
from kg.records import Article

__all__ = ["parse_source", "parse_text", "read_articles", "read_sources"]


def parse_source(source: Source, published: date | None = None) -> list[Article]:
    """The articles in one decoded source; raises :class:`InputError` when it holds none."""
    if source.is_html:
        text, meta = extract_html(source.text, source.name)
    else:
        text, meta = source.text, PageMeta()
    articles = split_page(text, source.name, meta)
    if not articles:
        raise InputError(f"{source.name}: no article text found (only headings or page furniture)")
    if published:  # a fallback: a date the page prints itself always wins
        articles = [a if a.published else replace(a, published=published) for a in articles]
    return articles


def parse_text(text: str, source: str = "<memory>", published: date | None = None) -> list[Article]:
    """The articles in a string of plain text (or HTML, which is detected)."""
    return parse_source(Source(source, text, is_html(source, text)), published)


def read_sources(paths: Iterable[str], encoding: str | None = None) -> list[Source]:
    """Read and check every input before anything is processed, so bad input changes nothing."""
    return [read_source(name, encoding) for name in iter_paths(paths)]


def read_articles(
    paths: Iterable[str], encoding: str | None = None, published: date | None = None
) -> list[Article]:
    """Every article in the given files, folders or ``-``; ``published`` fills in missing dates."""
    articles: list[Article] = []
    for source in read_sources(paths, encoding):
        articles.extend(parse_source(source, published))
    return articles
