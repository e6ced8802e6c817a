"""Matching words as a person would: without case, plurals or simple word forms.

"Remodeling" matches "remodel", "business cards" matches "business card", "wired" matches
"wiring". A phrase matches the same words in the same order. A capitalised word inside a
sentence is taken for a name ("ask Cat Cole" names no cat), so single words do not match it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from functools import lru_cache
from itertools import compress

from leadcli import patterns
from leadcli.record import Record

_TOKEN = patterns.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
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


# The stems of the words met, looked up a list at a time (``stem`` remembers them too, one
# call at a time); forgotten when they grow too many.
_STEMS: dict[str, str] = {}


def _stems(words: list[str]) -> list[str]:
    """``[stem(w) for w in words]``, from the words met before in one pass (C)."""
    found = list(map(_STEMS.get, words))
    if None in found:
        if len(_STEMS) > 65536:
            _STEMS.clear()
        for k, word in enumerate(words):
            if found[k] is None:
                found[k] = _STEMS[word] = stem(word)
    return found  # type: ignore[return-value]


def phrase(text: str) -> tuple[str, ...]:
    """The stems of a phrase, in order."""
    return tuple(stem(t) for t in _TOKEN.findall(text))


class Token(Record):
    __slots__ = ("stem", "start", "end", "name_like")

    stem: str
    start: int
    end: int
    name_like: bool  # capitalised inside a sentence: probably a name

    def __init__(self, stem: str, start: int, end: int, name_like: bool) -> None:
        self.stem = stem
        self.start = start
        self.end = end
        self.name_like = name_like


def tokens(text: str) -> list[Token]:
    return [Token(*found) for found in _scan(text)]


# A word, or a mark that ends a sentence (never part of a word): one pass over the text.
_PIECE = patterns.compile(r"([^\W_]+(?:['\u2019][^\W_]+)*)|[.!?:;\n]")


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


class Hit(Record):
    """A phrase found in a text: who or what it belongs to, and the words as written."""

    __slots__ = ("owner", "words")

    owner: Hashable
    words: str

    def __init__(self, owner: Hashable, words: str) -> None:
        self.owner = owner
        self.words = words


class TermIndex:
    """Phrases, each with an owner (a member, a category), looked up by their first stem."""

    __slots__ = ("_by_first",)

    def __init__(self, by_first: dict[str, list[tuple[tuple[str, ...], Hashable]]] | None = None):
        self._by_first = {} if by_first is None else by_first

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TermIndex):
            return NotImplemented
        return self._by_first == other._by_first

    __hash__ = None  # type: ignore[assignment]  # an index grows

    def __repr__(self) -> str:
        return f"TermIndex(_by_first={self._by_first!r})"

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
        # The words and sentence marks in one pass (C), their stems mapped; only the places
        # whose stem starts a phrase are looked at, and where they are in the text is found
        # only for the phrases found.
        pieces = _pieces(text)
        stems = _stems(pieces)  # a mark's "stem" is the mark: it starts no phrase
        by_first = self._by_first
        starts = list(compress(range(len(stems)), map(by_first.__contains__, stems)))
        if not starts:
            return []
        hits: list[Hit] = []
        seen: set[tuple[Hashable, str]] = set()
        where = _Places(text, pieces)
        size = len(pieces)
        for k in starts:
            for phrase_stems, owner in by_first[stems[k]]:
                n = len(phrase_stems)
                if n == 1:
                    if _name_like(pieces, k):
                        continue
                    last = k
                else:
                    after = k + 1
                    if after == size or (
                        stems[after] != phrase_stems[1] and pieces[after] not in _MARKS
                    ):
                        continue  # the next word is not the phrase's second
                    last = _phrase_end(pieces, stems, k, phrase_stems)
                    if last < 0:
                        continue
                # One word is its piece; a phrase runs from its first word to its last.
                words = (
                    pieces[k]
                    if last == k
                    else text[where.start(k) : where.start(last) + len(pieces[last])]
                )
                key = (owner, words.casefold())
                if key not in seen:
                    seen.add(key)
                    hits.append(Hit(owner, words))
        return hits


# The pieces of ``_PIECE`` as plain strings: a word, or a sentence mark (one of _MARKS).
_PIECES = patterns.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|[.!?:;\n]")
_MARKS = frozenset(".!?:;\n")
# Plain ASCII text is cut by a byte table, a few replacements and a split, several times
# sooner: letters, digits, apostrophes and marks stay (a newline as NUL, which a split keeps),
# anything else separates; each mark is set apart by spaces. A piece with an apostrophe
# ("it's", "'tis'") is cut by the pattern.
_ASCII_CHUNKS = bytes(
    c if chr(c).isalnum() or chr(c) in "'.!?:;" else 0 if c == 10 else 32 for c in range(256)
)
_SET_APART = tuple((mark, f" {mark} ") for mark in ".!?:;\0")


def _pieces(text: str) -> list[str]:
    """The words and sentence marks of ``text``, in order (as ``_PIECES.findall``)."""
    if not text.isascii():
        return _PIECES.findall(text)
    cut = text.encode("ascii").translate(_ASCII_CHUNKS).decode("ascii")
    for mark, apart in _SET_APART:
        if mark in cut:
            cut = cut.replace(mark, apart)
    pieces = cut.split()
    if "\0" in cut:
        pieces = ["\n" if piece == "\0" else piece for piece in pieces]
    if "'" in cut:
        pieces = [w for p in pieces for w in ((p,) if "'" not in p else _PIECES.findall(p))]
    return pieces


def _name_like(pieces: list[str], k: int) -> bool:
    """Whether the word at ``k`` looks like a name: capitalised, not first in its sentence."""
    if k == 0 or pieces[k - 1] in _MARKS:
        return False
    word = pieces[k]
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _phrase_end(pieces: list[str], stems: list[str], k: int, phrase_stems: tuple[str, ...]) -> int:
    """Where the words from ``k`` on (sentence marks passed over) end the phrase: the index
    of its last word, or -1 when they are not the phrase."""
    n = len(phrase_stems)
    if tuple(stems[k : k + n]) == phrase_stems:
        return k + n - 1
    if _MARKS.isdisjoint(pieces[k + 1 : k + n]):
        return -1
    matched, j, size = 0, k, len(pieces)
    while j < size:
        if pieces[j] not in _MARKS:
            if stems[j] != phrase_stems[matched]:
                return -1
            matched += 1
            if matched == n:
                return j
        j += 1
    return -1


class _Places:
    """Where each piece starts in the text, found as far as asked (pieces in order): the
    text between two pieces holds no letter or digit, so a word is found at its place."""

    __slots__ = ("_text", "_pieces", "_starts", "_at")

    def __init__(self, text: str, pieces: list[str]) -> None:
        self._text, self._pieces = text, pieces
        self._starts: list[int] = []
        self._at = 0

    def start(self, k: int) -> int:
        starts = self._starts
        if k < len(starts):
            return starts[k]
        find, pieces, at = self._text.find, self._pieces, self._at
        for piece in pieces[len(starts) : k + 1]:
            at = find(piece, at)
            starts.append(at)
            at += len(piece)
        self._at = at
        return starts[k]
