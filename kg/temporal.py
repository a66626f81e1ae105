"""Calendar expressions as news writes them, resolved against the article's date.

News dates are mostly relative ("on Friday", "in August", "last year"); they are
resolved to the most recent matching day, month or year on or before the
reference date, because reported events have already happened; with ``future=True``
(planned events: "will meet on Friday") to the next one on or after it. Spans that
are no calendar unit ("last week") resolve to their first and last day with
:func:`resolve_period`.

>>> ref = date(2025, 12, 12)
>>> resolve_date("on Friday", ref).iso
'2025-12-12'
>>> resolve_date("Thursday", ref).iso
'2025-12-11'
>>> resolve_date("in August", ref).iso
'2025-08'
>>> resolve_date("since July 2024", ref).iso
'2024-07'
>>> resolve_date("Friday, Dec. 12, 2025", None).iso
'2025-12-12'
>>> resolve_date("A month later", ref) is None
True
>>> resolve_date("in August", ref, future=True).iso
'2026-08'
>>> resolve_date("three days ago", ref).iso
'2025-12-09'
>>> [v.iso for v in resolve_period("last week", ref)]
['2025-12-01', '2025-12-07']
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.records import TimeValue

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_MONTH_DAY_YEAR = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b", re.I)
_DAY_MONTH_YEAR = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?\b", re.I)
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r"(?:\s+of)?\s+(?P<year>\d{4})\b", re.I)
_MONTH_ONLY = re.compile(r"^(?:in|during|since|by|until|last|early|late|mid-?|this|of)?\s*" + _MONTH + r"$", re.I)
_YEAR = re.compile(r"^(?:in|since|during|by|of)?\s*(?P<year>(?:19|20)\d{2})$", re.I)
_WEEKDAY = re.compile(
    r"^(?:on|last|this|late|early)?\s*(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.I,
)
_RELATIVE = {
    "today": 0, "yesterday": -1, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "last night": -1, "overnight": 0, "tomorrow": 1, "the day before": -1, "the day before yesterday": -2,
}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}
_AGO = re.compile(r"^(?P<n>\d+|" + "|".join(_NUMBERS) + r")\s+(?P<unit>day|week)s?\s+ago$", re.I)


def _clean(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).strip(" ,.")


def _safe_date(year: int, month: int, day: int) -> TimeValue | None:
    try:
        date(year, month, day)
    except ValueError:
        return None
    return TimeValue(year, month, day)


def _year_for(month: int, day: int | None, reference: date | None, future: bool = False) -> int | None:
    """The year of the most recent (month, day) on or before the reference; the next one if ``future``."""
    if reference is None:
        return None
    if future:
        return reference.year if (month, day or 31) >= (reference.month, reference.day) else reference.year + 1
    if (month, day or 1) <= (reference.month, reference.day):
        return reference.year
    return reference.year - 1


def _day(when: date) -> TimeValue:
    return TimeValue(when.year, when.month, when.day)


def resolve_date(text: str, reference: date | None, future: bool = False) -> TimeValue | None:
    """Resolve one date expression to a :class:`TimeValue`, or None when it names no calendar time.

    Relative expressions look back from ``reference``, or forward with ``future``.
    """
    clean = _clean(text)
    lowered = clean.lower()
    if match := _ISO.search(clean):
        return _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        if match := pattern.search(clean):
            month, day = MONTHS[match["month"].lower().rstrip(".")], int(match["day"])
            year = int(match["year"]) if match["year"] else _year_for(month, day, reference, future)
            return _safe_date(year, month, day) if year else None
    if match := _MONTH_YEAR.search(clean):
        return TimeValue(int(match["year"]), MONTHS[match["month"].lower().rstrip(".")])
    if match := _MONTH_ONLY.match(clean):
        month = MONTHS[match["month"].lower().rstrip(".")]
        year = _year_for(month, None, reference, future)
        return TimeValue(year, month) if year else None
    if match := _YEAR.match(clean):
        return TimeValue(int(match["year"]))
    if reference is None:
        return None
    if match := _WEEKDAY.match(clean):
        weekday = WEEKDAYS[match["weekday"].lower()]
        if future or lowered.startswith("next "):
            return _day(reference + timedelta(days=(weekday - reference.weekday()) % 7))
        back = (reference.weekday() - weekday) % 7
        if lowered.startswith("last ") and back == 0:
            back = 7
        return _day(reference - timedelta(days=back))
    for phrase, offset in _RELATIVE.items():
        if lowered == phrase or lowered == f"on {phrase}":
            return _day(reference + timedelta(days=offset))
    if match := _AGO.match(lowered):
        count = int(match["n"]) if match["n"].isdigit() else _NUMBERS[match["n"]]
        return _day(reference - timedelta(days=count * (7 if match["unit"] == "week" else 1)))
    if lowered in ("this year", "earlier this year", "so far this year"):
        return TimeValue(reference.year)
    if lowered == "last year":
        return TimeValue(reference.year - 1)
    if lowered == "next year":
        return TimeValue(reference.year + 1)
    if lowered == "next month":
        after = reference.replace(day=28) + timedelta(days=4)
        return TimeValue(after.year, after.month)
    if lowered in ("this month", "earlier this month"):
        return TimeValue(reference.year, reference.month)
    if lowered == "last month":
        prior = reference.replace(day=1) - timedelta(days=1)
        return TimeValue(prior.year, prior.month)
    return None


_WEEK_SPANS = {  # phrase → (first day, last day) in days from the Monday of the reference's week; None: the reference
    "last week": (-7, -1), "this week": (0, 6), "earlier this week": (0, None), "next week": (7, 13),
    "last weekend": (-2, -1), "this weekend": (5, 6),
}
_TRAILING_SPANS = {"past week": 7, "the past week": 7, "past few days": 3}  # phrase → days back from the reference


def resolve_period(text: str, reference: date | None) -> tuple[TimeValue, TimeValue] | None:
    """The first and last day of a span that is no calendar unit ("last week"), or None.

    A span still running ("earlier this week", "the past week") ends on the reference day.

    >>> [v.iso for v in resolve_period("earlier this week", date(2025, 12, 12))]
    ['2025-12-08', '2025-12-12']
    >>> [v.iso for v in resolve_period("over the past week", date(2025, 12, 12))]
    ['2025-12-05', '2025-12-12']
    """
    lowered = re.sub(r"^(?:in|over|during)\s+", "", _clean(text).lower())
    if reference is None:
        return None
    if lowered in _TRAILING_SPANS:
        return _day(reference - timedelta(days=_TRAILING_SPANS[lowered])), _day(reference)
    if lowered not in _WEEK_SPANS:
        return None
    first, last = _WEEK_SPANS[lowered]
    monday = reference - timedelta(days=reference.weekday())
    end = reference if last is None else monday + timedelta(days=last)
    return _day(monday + timedelta(days=first)), _day(end)


def find_full_dates(text: str) -> list[date]:
    """Every complete day-month-year date written in a string.

    >>> find_full_dates("Minsk, Belarus, Friday, Dec. 12, 2025. (AP)")
    [datetime.date(2025, 12, 12)]
    """
    found: list[date] = []
    for pattern in (_ISO, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        for match in pattern.finditer(text):
            if not match["year"]:
                continue
            month = int(match["month"]) if pattern is _ISO else MONTHS[match["month"].lower().rstrip(".")]
            value = _safe_date(int(match["year"]), month, int(match["day"]))
            if value and value.month and value.day:
                found.append(date(value.year, value.month, value.day))
    return found
