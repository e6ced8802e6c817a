"""Finding leads that may be about the same prospect: same phone, email or company name.

The index maps each key to the (day, lead id) pairs holding it, sorted by day, so the leads
within the window before one lead are found by bisection in time proportional to the matches.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Sequence
from functools import lru_cache

from leadcli import patterns
from leadcli.rules.facts import LeadFacts

WINDOW_DAYS = 90
FIELDS = ("phone", "email", "company")

LEGAL_SUFFIXES = frozenset(
    {"inc", "incorporated", "llc", "co", "company", "corp", "corporation", "ltd", "limited"}
    | {"plc", "pc", "pllc", "lp", "llp", "gmbh"}
)
_JOINERS = ".'`\u2019"  # l.l.c. -> llc, o'brien -> obrien
# ASCII punctuation: joiners vanish, the rest separates words; other scripts go through the regex.
_ASCII = str.maketrans(
    {
        c: None if c in _JOINERS else " "
        for c in map(chr, range(128))
        if not c.isalnum() and not c.isspace()
    }
)
_JOINED = patterns.compile(f"[{re.escape(_JOINERS)}]")
_SEPARATORS = patterns.compile(r"[\W_]+")


def _words(text: str) -> list[str]:
    """The words without punctuation: ASCII through a table (fast), other scripts by regex."""
    if text.isascii():
        return text.translate(_ASCII).split()
    return _SEPARATORS.sub(" ", _JOINED.sub("", text)).split()


@lru_cache(maxsize=8192)
def normalize_company(company: str | None) -> str:
    """The company name as compared: case-folded, no punctuation, no "the" or legal suffix.

    >>> normalize_company("The Acme Plumbing Co., Inc.")
    'acme plumbing'
    """
    if not company:
        return ""
    text = company.casefold()
    if "&" in text:
        text = text.replace("&", " and ")
    words = _words(text)
    if words and words[0] == "the":
        del words[0]
    while words and words[-1] in LEGAL_SUFFIXES:
        words.pop()
        if words and words[-1] == "and":  # "Smith & Co."
            words.pop()
    return " ".join(words)


class DuplicateIndex:
    """The phones, emails and company names of many leads, each with the (day, id) holding it."""

    __slots__ = ("_by_field", "_sorted", "window_days")

    def __init__(self, window_days: int = WINDOW_DAYS) -> None:
        self.window_days = window_days
        # One map per field (phone, email, company): key -> [(day ordinal, lead id)] by day.
        self._by_field: tuple[dict[str, list[tuple[int, int]]], ...] = ({}, {}, {})
        self._sorted = True

    @classmethod
    def build(cls, leads: Iterable[LeadFacts], window_days: int = WINDOW_DAYS) -> DuplicateIndex:
        index = cls(window_days)
        add = index.add
        for lead in leads:
            if lead.id is not None:
                add(lead.id, lead.date, lead.type, lead.phones, lead.email, lead.company)
        return index

    def add(
        self,
        lead_id: int,
        date: dt.date,
        lead_type: str,
        phones: Sequence[str] = (),
        email: str | None = None,
        company: str | None = None,
        company_key: str | None = None,
    ) -> None:
        """Index one lead (a row of the leads table will do); ``company_key`` is
        ``normalize_company(company)`` when known (as stored beside it), which saves finding
        it again."""
        self._add(
            (date.toordinal(), lead_id), _keys(lead_type, phones, email, company, company_key)
        )

    def _add(self, entry: tuple[int, int], keys: tuple[Sequence[str], ...]) -> None:
        for entries_by_key, field_keys in zip(self._by_field, keys):  # noqa: B905
            for key in field_keys:
                entries = entries_by_key.get(key)
                if entries is None:
                    entries_by_key[key] = [entry]
                else:
                    if entry < entries[-1]:
                        self._sorted = False
                    entries.append(entry)

    def __len__(self) -> int:
        """How many keys are indexed."""
        return sum(len(entries) for entries in self._by_field)

    def _sort(self) -> None:
        for entries_by_key in self._by_field:
            for entries in entries_by_key.values():
                if len(entries) > 1:
                    entries.sort()
        self._sorted = True

    def matches(self, lead: LeadFacts) -> list[tuple[int, str]]:
        """(other lead id, field) of the other leads given up to ``window_days`` before it."""
        if not self._sorted:
            self._sort()
        high = lead.date.toordinal() + 1
        low = (high - 1 - self.window_days,)
        hits: list[tuple[int, int]] = []
        for field, keys in enumerate(self._lead_keys(lead)):
            entries_by_key = self._by_field[field]
            for key in keys:
                entries = entries_by_key.get(key)
                if entries is None:
                    continue
                if len(entries) == 1:  # most keys belong to one lead: often this one
                    day, other = entries[0]
                    if other != lead.id and low[0] <= day < high:
                        hits.append((other, field))
                    continue
                for i in range(bisect_left(entries, low), len(entries)):
                    day, other = entries[i]
                    if day >= high:
                        break
                    if other != lead.id:
                        hits.append((other, field))
        if not hits:
            return []
        return [(other, FIELDS[field]) for other, field in sorted(set(hits))]

    def _lead_keys(self, lead: LeadFacts) -> tuple[Sequence[str], ...]:
        return _keys(lead.type, lead.phones, lead.email, lead.company)


class SlidingIndex(DuplicateIndex):
    """An index of the leads of a window of days that moves forward: leads are added in order
    of day, and ``forget_before`` drops those no later lead can match, so a scan of any length
    holds a window's worth of leads."""

    __slots__ = ("_queue", "_keys_of")

    def __init__(self, window_days: int = WINDOW_DAYS) -> None:
        super().__init__(window_days)
        self._queue: deque[tuple[tuple[int, int], tuple[Sequence[str], ...]]] = deque()
        # The keys of each lead in the window, by id: a lead judged is one of them, as added.
        self._keys_of: dict[int, tuple[Sequence[str], ...]] = {}

    def add(
        self,
        lead_id: int,
        date: dt.date,
        lead_type: str,
        phones: Sequence[str] = (),
        email: str | None = None,
        company: str | None = None,
        company_key: str | None = None,
    ) -> None:
        """Index one lead, as ``DuplicateIndex.add`` does."""
        keys = _keys(lead_type, phones, email, company, company_key)
        entry = (date.toordinal(), lead_id)
        self._add(entry, keys)
        self._queue.append((entry, keys))
        self._keys_of[lead_id] = keys

    def _lead_keys(self, lead: LeadFacts) -> tuple[Sequence[str], ...]:
        """A lead's keys as it was added (the leads judged against a sliding index are those
        added to it, unchanged), else as ``DuplicateIndex`` finds them."""
        found = self._keys_of.get(lead.id)  # type: ignore[arg-type]
        if found is None:
            return _keys(lead.type, lead.phones, lead.email, lead.company)
        return found

    def forget_before(self, day: dt.date) -> None:
        """Drop the leads more than ``window_days`` before ``day``."""
        low = (day.toordinal() - self.window_days,)
        queue = self._queue
        keys_of = self._keys_of
        while queue and queue[0][0] < low:
            entry, keys = queue.popleft()
            keys_of.pop(entry[1], None)
            for entries_by_key, field_keys in zip(self._by_field, keys):  # noqa: B905
                for key in field_keys:
                    entries = entries_by_key[key]
                    entries.remove(entry)
                    if not entries:
                        del entries_by_key[key]


def _keys(
    lead_type: str,
    phones: Sequence[str],
    email: str | None,
    company: str | None,
    company_key: str | None = None,
) -> tuple[Sequence[str], tuple[str, ...], tuple[str, ...]]:
    """The phone, email and company keys of a lead (a member need has no company key);
    ``company_key``: the company's, when known."""
    if lead_type == "member-need" or not company:
        name = ""
    else:
        name = normalize_company(company) if company_key is None else company_key
    return phones, (email.lower(),) if email else (), (name,) if name else ()


def describe(matches: Iterable[tuple[int, str]]) -> str:
    """``#12 (same phone and email), #15 (same company)``."""
    by_lead: dict[int, list[str]] = {}
    for other, what in matches:
        by_lead.setdefault(other, []).append(what)
    return ", ".join(f"#{other} (same {_and(fields)})" for other, fields in by_lead.items())


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
