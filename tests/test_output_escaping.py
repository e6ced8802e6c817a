"""User text is escaped for each output's language: JSON escapes controls and bidi characters,
CSV writes them as visible escapes, Markdown keeps entities literal. Text written into the file
by another tool never reaches a terminal raw."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke
from leadcli import jsontext

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
NASTY = "Acme\x1b[31m red\u202e evil\u009b2J\x07 & Co"


def test_json_escapes_controls_and_bidi() -> None:
    text = jsontext.dumps({"x": NASTY, "y": "\u2028\u00e9"})
    assert not RAW.search(text)
    assert "\\u202e" in text and "\\u009b" in text and "é" in text
    assert json.loads(text) == {"x": NASTY, "y": "\u2028\u00e9"}


@pytest.fixture
def tainted(group: Invoke, db_path: Path) -> Invoke:
    """A member whose business and category another tool wrote with control and bidi
    characters."""
    group("meeting", "add", "2026-11-18")
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(
        "UPDATE members SET business = ?, category = ? WHERE name = 'Ann Archer'",
        [NASTY, NASTY + " cat"],
    )
    conn.close()
    return group


@pytest.mark.parametrize(
    "args",
    [
        ("member", "list", "--json"),
        ("member", "show", "Ann", "--json"),
        ("export", "members"),
        ("export", "members", "--format", "json"),
        ("report", "weekly", "--format", "json"),
        ("report", "weekly", "--format", "csv"),
        ("report", "weekly", "--format", "markdown"),
        ("member", "list"),
    ],
)
def test_text_from_another_tool_never_reaches_the_terminal_raw(
    tainted: Invoke, args: tuple[str, ...]
) -> None:
    out = tainted(*args).stdout
    assert not RAW.search(out), repr(out)


def test_csv_shows_the_controls_as_escapes(tainted: Invoke) -> None:
    out = tainted("export", "members").stdout
    assert "Acme\\x1b[31m red\\u202e evil\\x9b2J\\x07 & Co" in out


def test_markdown_keeps_entities_literal(group: Invoke) -> None:
    group("member", "edit", "Ann", "--name", "Smith &amp; Jones &lt;i&gt;")
    group("meeting", "add", "2026-11-18")
    out = group("report", "weekly", "--format", "markdown").stdout
    assert "Smith \\&amp; Jones \\&lt;i\\&gt;" in out
