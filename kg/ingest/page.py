"""Turn the text of a scraped page into the articles it carries.

A page is read line by line. Each line is classified as prose, heading, byline,
timestamp, caption or furniture (navigation, "Recommended Articles", share links);
only prose becomes article text. A dateline ("KYIV, Ukraine (AP) —") or a byline
after the body has started begins a second story. The page date comes from a
timestamp line, else from a full date in the dateline ("BRUSSELS, May 20, 2025 —"),
else from the latest full date printed in the page's furniture (photo captions are
dated), never from the article body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from kg.lang import load_data
from kg.lang.gazetteer import country_gazetteer
from kg.records import Article
from kg.temporal import find_full_dates

_TERMINAL = tuple('.!?"”’\')…:')
_MIN_PROSE_WORDS = 4
_MAX_FURNITURE_WORDS = 60
_MIN_RELAXED_WORDS = 8  # a line this long is prose without final punctuation, when a page has no other
#: bidirectional marks and zero-width characters pasted into scraped text; they hide a line's last character
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                    "\u2066\u2067\u2068\u2069\ufeff\u00ad"))
_MIN_TITLE_WORDS = 4
_MIN_DESCRIPTION_WORDS = 12
_MAX_BYLINE_WORDS = 12
_MAX_TITLE_WORDS = 25
_MAX_DATE_LINE_WORDS = 12
_MAX_BARE_DATE_WORDS = 4
_BODY_BEFORE_SPLIT = 2


@dataclass(frozen=True)
class _Patterns:
    furniture: re.Pattern[str]
    captions: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]
    byline: re.Pattern[str]
    timestamp: re.Pattern[str]
    date_line: re.Pattern[str]
    date_prefix: re.Pattern[str]
    citation: re.Pattern[str]
    notice_prefix: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = load_data("furniture")
    return _Patterns(
        # one alternation: a line is furniture when any pattern matches all of it
        furniture=re.compile("|".join(f"(?:{p})" for p in data["line_patterns"]), re.I),
        captions=tuple(re.compile(p, re.I) for p in data["caption_patterns"]),
        dateline=re.compile(data["dateline_pattern"]),
        byline=re.compile(data["byline_pattern"], re.I),
        timestamp=re.compile(data["timestamp_pattern"]),
        date_line=re.compile(data["date_line_pattern"], re.I),
        date_prefix=re.compile(data["date_prefix_pattern"], re.I),
        citation=re.compile(data["citation_pattern"], re.I),
        notice_prefix=re.compile(data["notice_prefix_pattern"], re.I),
    )


_WORD = re.compile(r"\S*[^\W\d_]\S*")  # a run of non-space characters holding a letter


def _words(line: str) -> int:
    """How many words of a line hold a letter ("12:30" and "—" do not count).

    >>> _words("Updated 12:30 — Talks resumed")
    3
    """
    return len(_WORD.findall(line))


def is_prose(line: str, relaxed: bool = False) -> bool:
    """A sentence-like line: several words, lower-case letters, final punctuation.

    ``relaxed`` drops the final punctuation for lines of many words, for pages whose text has
    none (a scraper that cut the last sentence, a feed without full stops).

    >>> is_prose("Talks resumed in Minsk on Friday.")
    True
    >>> is_prose("More Stories"), is_prose("Talks resumed in Minsk on Friday after a pause", relaxed=True)
    (False, True)
    """
    ended = line.endswith(_TERMINAL) or (relaxed and _words(line) >= _MIN_RELAXED_WORDS)
    return _words(line) >= _MIN_PROSE_WORDS and ended and any(c.islower() for c in line)


def _cut_off(line: str, story: _Story, last: bool) -> bool:
    """The page's ``last`` line, a paragraph the scraper cut off mid-sentence ("... issued a statement noting
    that"), after a story's prose: kept, since what it says before the cut is the story's."""
    return last and bool(story.paragraphs) and is_prose(line, relaxed=True) and not line.isupper()


def _unwrap(text: str) -> list[str]:
    """Lines of the page, with hard-wrapped paragraphs joined back into one line."""
    lines: list[str] = []
    patterns = _patterns()
    for raw in text.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(patterns.citation.sub("", raw).split())
        line = patterns.notice_prefix.sub("", line)
        if not line:
            lines.append("")
            continue
        previous = lines[-1] if lines else ""
        wrapped = (
            previous
            and len(previous) >= 40
            and not previous.endswith(_TERMINAL)
            and (line[0].islower() or line[0].isdigit() or previous.endswith((",", "-", ";")))
        )
        if wrapped:
            lines[-1] = f"{previous} {line}"
        else:
            lines.append(line)
    return [line for line in lines if line]


_MIN_DATELINE_LETTERS = 7  # shorter words in capitals are often acronyms ("NATO —"), unless a capital city


def _capitals(place: str, region: bool = False) -> bool:
    """Whether a place in capitals before a dash is a dateline ("WASHINGTON —", "KYIV —"), not an acronym
    opening prose ("NATO — the alliance ...") or a name in running text ("Minsk — "); a place
    followed by its region ("GOMA, Congo —") always is.

    >>> _capitals("WASHINGTON "), _capitals("KYIV"), _capitals("NATO"), _capitals("Minsk")
    (True, True, False, False)
    """
    letters = [c for c in place if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return False
    return region or len(letters) >= _MIN_DATELINE_LETTERS or " " in place.strip() or \
        country_gazetteer().capital_of(place.strip()) is not None


def _title_case(name: str) -> str:
    return name.title() if name.isupper() else name


@dataclass
class _Story:
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    publisher: str | None = None
    dateline: str | None = None
    description: str | None = None


@dataclass
class PageMeta:
    """What the caller already knows about the page (from HTML metadata, or the CLI)."""

    title: str | None = None
    byline: str | None = None
    publisher: str | None = None
    published: date | None = None
    description: str | None = None


def _date_line(line: str, pattern: re.Pattern[str]) -> tuple[date, bool] | None:
    """The date of a short line that only dates the page, and whether it is an update time.

    >>> _date_line("Published December 12, 2025 at 3:05 p.m.", _patterns().date_line)
    (datetime.date(2025, 12, 12), False)
    >>> _date_line("Officials met on Dec. 12, 2025, in Minsk to discuss the border.", _patterns().date_line) is None
    True
    """
    if _words(line) > _MAX_DATE_LINE_WORDS:
        return None
    dates = find_full_dates(line)
    if not dates:
        return None
    label = pattern.match(line)
    if label is None and _words(line) > _MAX_BARE_DATE_WORDS:
        return None
    return dates[0], bool(label and "update" in label.group(0).lower())


def _choose_title(headings: list[str], counts: Counter[str]) -> tuple[str | None, str | None]:
    """(title, standfirst) from the headings printed above the body.

    A heading printed more than once is the title; else the last short heading above the
    body (site names and section labels come first); a long unpunctuated line is the standfirst.
    """
    candidates = [h for h in headings if _MIN_TITLE_WORDS <= _words(h) <= _MAX_TITLE_WORDS]
    repeated = [h for h in candidates if counts[h.lower()] > 1]
    short = [h for h in candidates if _words(h) < _MIN_DESCRIPTION_WORDS]
    title = repeated[0] if repeated else short[-1] if short else candidates[0] if candidates else None
    description = next((h for h in headings if _words(h) >= _MIN_DESCRIPTION_WORDS and h != title), None)
    return title, description


def split_page(text: str, source: str = "<memory>", meta: PageMeta | None = None) -> list[Article]:
    """Return the articles on a page of plain text, first story first (see :func:`_split_page`).

    A page on which no line reads as prose is read again with :func:`is_prose` relaxed, so a text
    without final punctuation is found rather than rejected whole.
    """
    return _split_page(text, source, meta) or _split_page(text, source, meta, relaxed=True)


def _split_page(text: str, source: str = "<memory>", meta: PageMeta | None = None,
                relaxed: bool = False) -> list[Article]:
    """The articles of a page, lines read as prose by :func:`is_prose` (``relaxed`` or not).

    >>> page = "Home\\nEnvoy meets leader in Minsk\\nBy JANE ROE – Daily Planet\\n"
    >>> page += "The envoy met the president in Minsk on Friday.\\nTalks went on for hours.\\n"
    >>> page += "Recommended Articles\\n"
    >>> [a] = split_page(page)
    >>> a.title, a.byline, a.publisher
    ('Envoy meets leader in Minsk', 'Jane Roe', 'Daily Planet')
    >>> a.text.split("\\n\\n")
    ['The envoy met the president in Minsk on Friday.', 'Talks went on for hours.']
    """
    meta = meta or PageMeta()
    patterns = _patterns()
    lines = _unwrap(text)
    keys = [line.lower() for line in lines]
    counts = Counter(keys)
    # a line printed twice in a row is a photo caption; a later repeat of any line is dropped
    doubled = {i for i in range(1, len(keys)) if keys[i] == keys[i - 1]}
    doubled |= {i - 1 for i in doubled}
    seen: set[str] = set()
    last_line = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    stories = [_Story(title=meta.title, byline=meta.byline, publisher=meta.publisher, description=meta.description)]
    headings: list[str] = []
    stated_dates: list[tuple[bool, date]] = []  # (is an update time, date) of lines that date the page
    furniture_dates: list[date] = []
    dateline_dates: list[date] = []  # "BRUSSELS, May 20, 2025 —"

    for number, line in enumerate(lines):
        story = stories[-1]
        if prefix := patterns.date_prefix.match(line):  # "date 2025-05-16 Talks began ...": a scraper's label
            stated_dates.append((False, date.fromisoformat(prefix["date"])))
            line = line[prefix.end():]
        repeated = keys[number] in seen
        seen.add(keys[number])
        short = _words(line) <= _MAX_FURNITURE_WORDS  # a page glued into one long line is no caption or menu
        if short and patterns.furniture.fullmatch(line):
            furniture_dates += find_full_dates(line)
            continue
        if stamp := patterns.timestamp.match(line):
            stated_dates.append((False, date.fromisoformat(stamp["date"])))
            continue
        if dated := _date_line(line, patterns.date_line):
            stated_dates.append((dated[1], dated[0]))
            continue
        if (byline := patterns.byline.match(line)) and _words(line) <= _MAX_BYLINE_WORDS:
            if len(story.paragraphs) >= _BODY_BEFORE_SPLIT:
                story = _Story()
                stories.append(story)
            story.byline = story.byline or _title_case(byline["name"].strip())
            story.publisher = story.publisher or (byline["publisher"] or "").strip() or None
            continue
        caption = short and any(p.match(line) for p in patterns.captions)
        if caption or (is_prose(line, relaxed) and (number in doubled or repeated)):
            furniture_dates += find_full_dates(line)
            continue
        if not is_prose(line, relaxed) and not _cut_off(line, story, number == last_line):
            if not story.paragraphs and len(stories) == 1:
                headings.append(line)
            furniture_dates += find_full_dates(line)
            continue
        dateline = patterns.dateline.match(line)
        capitals = dateline is not None and _capitals(dateline["place"], bool(dateline["region"]))
        if dateline and (dateline["agency"] or dateline["date"] or capitals):
            if len(story.paragraphs) >= _BODY_BEFORE_SPLIT:
                story = _Story()
                stories.append(story)
            story.dateline = story.dateline or (dateline["place"].strip() + (dateline["region"] or ""))
            dateline_dates += find_full_dates(dateline["date"] or "")
            line = line[dateline.end():]
        story.paragraphs.append(line)

    first = stories[0]
    title, description = _choose_title(headings, counts)
    first.title = first.title or title
    first.description = first.description or description
    published = meta.published
    if published is None and stated_dates:
        published = min(stated_dates)[1]  # a publication time before any update time
    if published is None and dateline_dates:
        published = dateline_dates[0]
    if published is None and furniture_dates:
        published = max(furniture_dates)
    return [
        Article(
            text="\n\n".join(story.paragraphs),
            title=story.title,
            published=published,
            byline=story.byline,
            publisher=story.publisher if story.publisher else first.publisher,
            dateline=story.dateline,
            description=story.description,
            source=source,
            part=part,
        )
        for part, story in enumerate(s for s in stories if s.paragraphs)
    ]
