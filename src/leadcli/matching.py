"""Matching words as a person would: without case, plurals or simple word forms.

"Remodeling" matches "remodel", "business cards" matches "business card", "wired" matches
"wiring". A phrase matches the same words in the same order. A capitalised word inside a
sentence is taken for a name ("ask Cat Cole" names no cat), so single words do not match it.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_KEEP_DOUBLE = frozenset("lsz")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's simple stem: ``remodeling``, ``remodeled`` and ``remodels`` are ``remodel``."""
    w = word.casefold().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix, shortest in (("ing", 6), ("ed", 5)):
        if len(w) >= shortest and w.endswith(suffix):
            w = w[: -len(suffix)]
            if len(w) > 2 and w[-1] == w[-2] and w[-1] not in _KEEP_DOUBLE and w[-1].isalpha():
                w = w[:-1]
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def phrase(text: str) -> tuple[str, ...]:
    """The stems of a phrase, in order."""
    return tuple(stem(t) for t in _TOKEN.findall(text))


@dataclass(frozen=True, slots=True)
class Token:
    stem: str
    start: int
    end: int
    name_like: bool  # capitalised inside a sentence: probably a name


def tokens(text: str) -> list[Token]:
    return [Token(*found) for found in _scan(text)]


# A word, or a mark that ends a sentence (never part of a word): one pass over the text.
_PIECE = re.compile(r"([^\W_]+(?:['\u2019][^\W_]+)*)|[.!?:;\n]")


def _scan(text: str) -> list[tuple[str, int, int, bool]]:
    """Each word's stem, start, end and whether it looks like a name (see Token)."""
    found = []
    sentence_start = True
    for m in _PIECE.finditer(text):
        word = m.group(1)
        if word is None:
            sentence_start = True
            continue
        name_like = (
            not sentence_start and word[:1].isupper() and (len(word) == 1 or word[1:].islower())
        )
        sentence_start = False
        start, end = m.span()
        found.append((stem(word), start, end, name_like))
    return found


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase found in a text: who or what it belongs to, and the words as written."""

    owner: Hashable
    words: str


@dataclass
class TermIndex:
    """Phrases, each with an owner (a member, a category), looked up by their first stem."""

    _by_first: dict[str, list[tuple[tuple[str, ...], Hashable]]] = field(default_factory=dict)

    def add(self, owner: Hashable, terms: Iterable[str]) -> None:
        for term in terms:
            stems = phrase(term)
            if stems:
                entry = (stems, owner)
                bucket = self._by_first.setdefault(stems[0], [])
                if entry not in bucket:
                    bucket.append(entry)
                    # Longest first, in the order added among the same length.
                    bucket.sort(key=lambda e: -len(e[0]))

    def extend(self, other: TermIndex) -> None:
        """Add every phrase of ``other`` after those here, as ``add`` would one by one."""
        for first, entries in other._by_first.items():
            bucket = self._by_first.setdefault(first, [])
            if not bucket:
                bucket.extend(entries)
                continue
            for entry in entries:
                if entry not in bucket:
                    bucket.append(entry)
            bucket.sort(key=lambda e: -len(e[0]))

    def find(self, text: str) -> list[Hit]:
        """Every owner's phrases in ``text`` (longest first at each place), in text order."""
        found = _scan(text)
        by_first = self._by_first
        stems = [t[0] for t in found]
        hits: list[Hit] = []
        seen: set[tuple[Hashable, str]] = set()
        for i, (first, start, _, name_like) in enumerate(found):
            bucket = by_first.get(first)
            if bucket is None:
                continue
            for phrase_stems, owner in bucket:
                n = len(phrase_stems)
                if n == 1:
                    if name_like:
                        continue
                elif tuple(stems[i : i + n]) != phrase_stems:
                    continue
                words = text[start : found[i + n - 1][2]]
                key = (owner, words.casefold())
                if key not in seen:
                    seen.add(key)
                    hits.append(Hit(owner, words))
        return hits
