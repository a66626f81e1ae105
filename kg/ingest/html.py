"""Main text and metadata of an HTML page, through trafilatura's extractor."""

from __future__ import annotations

from datetime import date

from kg.errors import InputError
from kg.ingest.page import PageMeta

#: elements whose text a reader never sees as part of a story
_HIDDEN = ("script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form")
#: elements that end a paragraph
_BLOCKS = frozenset({"p", "div", "article", "section", "main", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "br", "tr", "table", "ul", "ol", "figure", "figcaption", "body"})


def extract_html(html: str, name: str) -> tuple[str, PageMeta]:
    """Return the main text of an HTML page (one paragraph a line) and its metadata."""
    import trafilatura  # heavy import, only needed for HTML

    document = None
    for precise in (True, False):  # a short page can defeat the precise mode; then favour recall
        try:
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
        except Exception:  # noqa: BLE001 - the extractor trips on some markup (a root it prunes); see below
            document = None
        if isinstance(document, trafilatura.settings.Document) and (document.text or "").strip():
            break
    if not isinstance(document, trafilatura.settings.Document) or not (document.text or "").strip():
        text = visible_text(html)
        if not text:
            raise InputError(f"{name}: no article text found in the HTML")
        return text, PageMeta()
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


def visible_text(html: str) -> str:
    """The text a reader sees on a page, one block a line: the fallback when the extractor finds
    nothing or fails on a page's markup. Scripts, styles, comments, navigation are left out.

    >>> visible_text("<html><body><nav>Home</nav><p>Talks in <b>Minsk</b>.</p><script>x()</script></body></html>")
    'Talks in Minsk.'
    """
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction, *_HIDDEN)):
        if element.getparent() is not None:  # drop_tree keeps the text after the element
            element.drop_tree()
    parts: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            parts.append(element.text or "")
        else:
            if element.tag in _BLOCKS:
                parts.append("\n")
            parts.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)
