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
_SENTENCE_END = re.compile(r"[.!?:;\n]")
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
    found = []
    previous_end = None
    for m in _TOKEN.finditer(text):
        word = m.group()
        sentence_start = previous_end is None or bool(
            _SENTENCE_END.search(text[previous_end : m.start()])
        )
        previous_end = m.end()
        name_like = (
            not sentence_start and word[:1].isupper() and (len(word) == 1 or word[1:].islower())
        )
        found.append(Token(stem(word), m.start(), m.end(), name_like))
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

    def find(self, text: str) -> list[Hit]:
        """Every owner's phrases in ``text`` (longest first at each place), in text order."""
        found = tokens(text)
        hits: list[Hit] = []
        seen: set[tuple[Hashable, str]] = set()
        for i, token in enumerate(found):
            for stems, owner in sorted(
                self._by_first.get(token.stem, ()), key=lambda e: -len(e[0])
            ):
                n = len(stems)
                if n == 1 and token.name_like:
                    continue
                if tuple(t.stem for t in found[i : i + n]) != stems:
                    continue
                words = text[token.start : found[i + n - 1].end]
                key = (owner, words.casefold())
                if key not in seen:
                    seen.add(key)
                    hits.append(Hit(owner, words))
        return hits
