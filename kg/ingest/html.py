"""Main text and metadata of an HTML page, through trafilatura's extractor."""

from __future__ import annotations

from datetime import date

from kg.errors import InputError
from kg.ingest.page import PageMeta


def extract_html(html: str, name: str) -> tuple[str, PageMeta]:
    """Return the main text of an HTML page (one paragraph a line) and its metadata."""
    import trafilatura  # heavy import, only needed for HTML

    document = None
    for precise in (True, False):  # a short page can defeat the precise mode; then favour recall
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=precise,
            favor_recall=not precise,
            deduplicate=True,
        )
        if isinstance(document, trafilatura.settings.Document) and (document.text or "").strip():
            break
    if not isinstance(document, trafilatura.settings.Document) or not (document.text or "").strip():
        raise InputError(f"{name}: no article text found in the HTML")
    published = None
    if document.date:
        try:
            published = date.fromisoformat(document.date[:10])
        except ValueError:
            published = None
    meta = PageMeta(
        title=document.title or None,
        byline=document.author or None,
        publisher=document.sitename or None,
        published=published,
        description=document.description or None,
    )
    return str(document.text), meta
