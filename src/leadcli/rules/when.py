"""When a description says the prospect will decide: "by December 12", "next spring", "ASAP".

Read conservatively, as a secretary skims a slip: only phrases that name a time to come count
("in two weeks", "next fall", "by the end of January", "12/10", "ASAP"); anything that may be
the past ("died in October", "opened last month") or is vague ("next year" in November,
"at some point", a weekday) is left unread. A month or season without a day is taken at its
first day, the earliest the decision can be; of several times, the earliest counts.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from leadcli import patterns

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a few": 3,
}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?!['\u2019]\w)"
_NUMBER = r"(?P<n>\d{1,3}|a couple(?: of)?|couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PATTERNS = (
    # "ASAP", "right away": now.
    ("now", r"\b(?:asap|a\.s\.a\.p\.?|as soon as possible|right away|immediately|urgent(?:ly)?|today|tonight|tomorrow|this week)\b"),
    ("next-week", r"\bnext week\b"),
    ("next-month", r"\bnext month\b"),
    ("month-end", r"\b(?:by |before )?the end of (?:the|this) month\b"),
    ("year-end", r"\b(?:(?:by |before )?the end of (?:the|this) year|year[- ]end|christmas|the holidays)\b"),
    # "in two weeks", "within 30 days", "in about two years", "a year or two from now"
    ("in", rf"\b(?:in|within)\s+(?:about\s+|around\s+|roughly\s+|the next\s+)?{_NUMBER}\s+(?P<unit>day|week|month|year)s?\b"),
    ("in", rf"\b{_NUMBER}\s+(?P<unit>day|week|month|year)s?\s+from now\b"),
    ("in", r"\b(?:in|within) (?P<n>a) (?P<unit>year) or two\b"),
    # "the end of January", "January 15", "Dec. 12, 2026", "15 January", "in March"
    ("month-end", rf"\bend of {_MONTH}(?:,?\s+(?P<year>20\d\d))?\b"),
    ("date", rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>20\d\d))?"),
    ("date", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>20\d\d))?\b"),
    ("month", rf"\b(?:in|by|before|until|during|early|mid|late|mid-)\s+(?:early\s+|mid-?|late\s+)?{_MONTH}(?!\s*\d{{1,2}}(?:st|nd|rd|th)?\b)(?:\s+(?P<year>20\d\d))?\b"),
    # "12/10", "12/10/2026": the group's order of slash dates
    ("slash", r"(?<![\d/])(?P<a>\d{1,4})/(?P<b>\d{1,2})(?:/(?P<c>\d{2,4}))?(?![\d/])"),
    # "next fall", "in the spring", "this winter", "by spring"
    ("season", r"\b(?P<which>next|this|in the|by the|by|before the|before|until the|coming)\s+(?P<season>spring|summer|fall|autumn|winter)\b"),
    # "next quarter", "in the first quarter", "Q1"
    ("next-quarter", r"\bnext quarter\b"),
    ("quarter", r"\b(?:q(?P<q>[1-4])|(?P<ordinal>first|second|third|fourth) quarter)\b"),
)  # fmt: skip

_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# For each phrase of _PATTERNS, in order: words one of which is in any text it matches (in
# lower case). A text of none of them is not searched for it.
_NEEDS = (
    ("asap", "a.s.a.p", "as soon as possible", "right away", "immediately", "urgent", "today",
     "tonight", "tomorrow", "this week"),
    ("next week",),
    ("next month",),
    ("the end of",),
    ("year", "christmas", "the holidays"),
    ("day", "week", "month", "year"),
    ("from now",),
    ("year or two",),
    ("end of",),
    _MONTH_WORDS,
    _MONTH_WORDS,
    _MONTH_WORDS,
    ("/",),
    ("spring", "summer", "fall", "autumn", "winter"),
    ("next quarter",),
    ("q1", "q2", "q3", "q4", "quarter"),
)  # fmt: skip


_NEEDED = frozenset(word for needs in _NEEDS for word in needs)


@lru_cache(maxsize=2)
def _patterns(caseless: bool) -> tuple[re.Pattern[str], list[tuple[str, re.Pattern[str]]]]:
    """Any of the phrases, and each phrase with its kind (IGNORECASE when ``caseless``)."""
    flags = re.IGNORECASE if caseless else 0
    scan = patterns.compile(
        "|".join(f"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', p)})" for _, p in _PATTERNS), flags
    )
    return scan, [(kind, _pattern(number, caseless)) for number, (kind, _) in enumerate(_PATTERNS)]


@lru_cache(maxsize=2 * len(_PATTERNS))
def _pattern(number: int, caseless: bool) -> re.Pattern[str]:
    """One phrase of _PATTERNS, compiled on first use (a week's leads need only a few of
    them). Without ``caseless``, for text already in lower case (the patterns are written in
    lower case): plain ASCII text, lowered once, is searched two to three times sooner so."""
    return patterns.compile(_PATTERNS[number][1], re.IGNORECASE if caseless else 0)


_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


class Said(NamedTuple):
    """A time to come that a description names, and the words that name it."""

    date: dt.date
    words: str


def _month_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _next_month_start(month: int, given: dt.date) -> dt.date | None:
    """The first day of ``month`` to come, or None when the month may be one just past
    (up to three months back: "died in October", said in November)."""
    if month == given.month:
        return given
    ahead = (month - given.month) % 12
    if ahead >= 9:
        return None
    return dt.date(given.year + (given.month + ahead > 12), (given.month + ahead - 1) % 12 + 1, 1)


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _dated(kind: str, m: re.Match[str], given: dt.date, order: str) -> dt.date | None:  # noqa: C901 - one branch per kind of phrase
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "now":
        return given
    if kind == "next-week":
        return given + dt.timedelta(days=7)
    if kind == "next-month":
        return dt.date(given.year + (given.month == 12), given.month % 12 + 1, 1)
    if kind == "month-end" and not groups.get("month"):
        return _month_end(given.year, given.month)
    if kind == "year-end":
        return dt.date(given.year, 12, 25 if "christmas" in m.group().lower() else 31)
    if kind == "in":
        n = _NUMBERS.get(" ".join(groups["n"].lower().split()))
        count = n if n is not None else int(groups["n"])
        return given + dt.timedelta(days=count * _UNIT_DAYS[groups["unit"].lower()])
    if kind in ("month-end", "date", "month"):
        month = _MONTHS[groups["month"].lower().rstrip(".")]
        if kind == "date":
            day = int(groups["day"])
            if year is not None:
                return _month_day(year, month, day)
            found = _month_day(given.year, month, day)
            if found is not None and found < given:
                found = _month_day(given.year + 1, month, day)
            # A date more than nine months ahead is more likely one just past.
            return found if found is not None and (found - given).days <= 270 else None
        if year is not None:
            start = dt.date(year, month, 1)
        else:
            start = _next_month_start(month, given)
            if start is None:
                return None
        return _month_end(start.year, month) if kind == "month-end" else start
    if kind == "slash":
        return _slash(groups, given, order)
    if kind == "season":
        return _season(groups["which"].lower(), _SEASONS[groups["season"].lower()], given)
    if kind == "next-quarter":
        q = (given.month - 1) // 3 + 1
        return dt.date(given.year + (q == 4), (q % 4) * 3 + 1, 1)
    if kind == "quarter":
        q = int(groups["q"]) if groups.get("q") else _ORDINAL[groups["ordinal"].lower()]
        start = dt.date(given.year, (q - 1) * 3 + 1, 1)
        if start <= given:
            current = (given.month - 1) // 3 + 1
            return given if q == current else dt.date(given.year + 1, start.month, 1)
        return start
    return None


def _slash(groups: dict[str, str | None], given: dt.date, order: str) -> dt.date | None:
    a, b, c = groups["a"], groups["b"], groups["c"]
    assert a is not None and b is not None
    if len(a) == 4:
        if c is None:
            return None
        year, month, day = int(a), int(b), int(c)
    else:
        if order == "YMD":
            return None
        first, second = int(a), int(b)
        month, day = (first, second) if order == "MDY" else (second, first)
        if c is None:
            found = _month_day(given.year, month, day)
            if found is not None and found < given:
                found = _month_day(given.year + 1, month, day)
            return found if found is not None and (found - given).days <= 270 else None
        year = int(c) + (2000 if len(c) == 2 else 0)
    return _month_day(year, month, day)


def _season(which: str, month: int, given: dt.date) -> dt.date:
    """The first day of the season to come ("this fall" while it is fall: now)."""
    starts = [dt.date(given.year + k, month, 1) for k in (-1, 0, 1)]
    current = max((s for s in starts if s <= given), default=None)
    in_it = current is not None and (given - current).days < 91
    upcoming = min(s for s in starts if s > given)
    if in_it and which in ("this", "in the", "by the", "by", "until the"):
        return given
    return upcoming


@lru_cache(maxsize=4096)
def decision_said(text: str, given: dt.date, order: str = "MDY") -> Said | None:
    """The earliest time to come that ``text`` names, as of ``given``; None when it names none."""
    if not text:
        return None
    # Plain ASCII text is lowered (the same length, so the places match) and searched by the
    # lower-case patterns; the words said are taken from the text as written.
    if text.isascii():
        # Only the phrases whose words are in the text are searched for.
        seen = text.lower()
        present = {word for word in _NEEDED if word in seen}
        each = [
            (kind, _pattern(number, False))
            for number, ((kind, _), needs) in enumerate(zip(_PATTERNS, _NEEDS, strict=True))
            if not present.isdisjoint(needs)
        ]
        if not each:
            return None
    else:
        seen = text
        scan, each = _patterns(True)
        if not scan.search(seen):
            return None
    found: list[Said] = []
    for kind, pattern in each:
        for m in pattern.finditer(seen):
            when = _dated(kind, m, given, order)
            if when is not None and when >= given:
                start, end = m.span()
                found.append(Said(when, " ".join(text[start:end].split())))
    return min(found, default=None)
