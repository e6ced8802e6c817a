"""Word matching and caseless patterns: the fast paths give what the plain ones give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadcli.matching import TermIndex, tokens
from leadcli.rules.caseless import Caseless
from leadcli.rules.scope import _MAY, _SIZE, _WHAT, _WHEN

WORDS = st.sampled_from(
    ["Ann", "needs", "new", "Office", "wiring", ".", "May", "may", "cards", "Cat", "Cole",
     "business", "card", "\n", "é", "Émile", "it's", "re-wire", "3", "$400", ":", "İstanbul"]
)  # fmt: skip


def _tokens_before(text: str) -> list[tuple[str, int, int, bool]]:
    """How words were read before one pass over the text: a sentence mark between two words."""
    from leadcli.matching import stem

    found, previous_end = [], None
    for m in re.finditer(r"[^\W_]+(?:['\u2019][^\W_]+)*", text):
        word = m.group()
        start = previous_end is None or bool(
            re.search(r"[.!?:;\n]", text[previous_end : m.start()])
        )
        previous_end = m.end()
        name_like = not start and word[:1].isupper() and (len(word) == 1 or word[1:].islower())
        found.append((stem(word), m.start(), m.end(), name_like))
    return found


@given(st.lists(WORDS, max_size=12).map(" ".join))
def test_tokens_read_as_before(text: str) -> None:
    assert [(t.stem, t.start, t.end, t.name_like) for t in tokens(text)] == _tokens_before(text)


def test_longest_phrase_first_and_names_left_alone() -> None:
    index = TermIndex()
    index.add("printer", ["card"])
    index.add("printer", ["business card"])
    index.add("pets", ["cat"])
    hits = index.find("Acme needs business cards. Ask Cat Cole. Cat food too.")
    assert [(h.owner, h.words) for h in hits] == [
        ("printer", "business cards"),
        ("printer", "cards"),
        ("pets", "Cat"),
    ]


@given(st.lists(WORDS, max_size=12).map(" ".join))
def test_caseless_finds_what_ignorecase_finds(text: str) -> None:
    for pattern in (_WHAT, _SIZE, _WHEN):
        plain = re.compile(pattern.pattern, re.IGNORECASE).search(text)
        assert pattern.span(text) == (plain.span() if plain else None)


def test_may_with_its_capital_only() -> None:
    assert _MAY.search("Decide by May")
    assert not _MAY.search("they may decide") and not _WHEN.search("they may decide")


def test_caseless_patterns_are_written_in_lower_case() -> None:
    with pytest.raises(ValueError, match="lower case"):
        Caseless(r"\bMay\b")
    assert Caseless(r"\w+\s\d").span("AB 3") == (0, 4)
