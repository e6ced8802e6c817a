"""Counts in messages are said as people say them, through one helper."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from leadcli import needs
from leadcli.words import plural, the_next

SRC = Path(__file__).resolve().parent.parent / "src" / "leadcli"


def test_plural() -> None:
    assert plural(1, "lead") == "1 lead"
    assert plural(0, "lead") == "0 leads"
    assert plural(2, "more absence") == "2 more absences"
    assert plural(1, "active member") == "1 active member"
    assert plural(3, "category", "categories") == "3 categories"


def test_the_next() -> None:
    assert the_next(1, "meeting") == "the next meeting"
    assert the_next(3, "meeting") == "the next 3 meetings"


def test_attend_the_next_meeting_not_the_next_1_meeting() -> None:
    one = SimpleNamespace(minimum=0.75, rate=2 / 3, counted=3, attended=2)
    assert needs._attendance(one) == ["attend the next meeting to get back to 75%"]  # type: ignore[arg-type]
    four = SimpleNamespace(minimum=0.75, rate=0.5, counted=4, attended=2)
    assert needs._attendance(four) == ["attend the next 4 meetings to get back to 75%"]  # type: ignore[arg-type]


def test_no_message_makes_its_own_plural() -> None:
    """An ``s`` added by hand ("{n} lead{'s' if n != 1 else ''}") says "0 lead" or "1 leads"
    somewhere; every count goes through words.plural instead."""
    hand_made = re.compile(r"""\{\s*['"]s['"]\s+if\b""")
    found = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if hand_made.search(line)
    ]
    assert not found, found
