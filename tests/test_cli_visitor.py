"""Visitors: recorded with who invited them, listed, refused when the inviter is no member."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line


def count(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute("SELECT count(*) FROM visitors").fetchone()[0])
    finally:
        conn.close()


def test_add_and_list(group: Invoke, cli_json) -> None:  # type: ignore[no-untyped-def]
    out = group(
        "visitor", "add", "Eve [b]Evans[/b]", "--category", "Florist", "--business", "Blooms",
        "--phone", "415-555-0177", "--email", "Eve@Example.com", "--invited-by", "Ann",
        "--date", "2026-11-11",
    ).stdout  # fmt: skip
    assert "visitor #1 Eve [b]Evans[/b] on Wednesday 2026-11-11, invited by Ann Archer" in out
    # Without --date: the latest regular meeting day.
    assert "2026-11-18" in group("visitor", "add", "Fay").stdout
    assert cli_json("visitor", "list") == [
        {
            "id": 1,
            "name": "Eve [b]Evans[/b]",
            "category": "Florist",
            "business": "Blooms",
            "invited_by": "Ann Archer",
            "date": "2026-11-11",
            "status": "may join: Florist is open",
        },
        {
            "id": 2,
            "name": "Fay",
            "category": None,
            "business": None,
            "invited_by": None,
            "date": "2026-11-18",
            "status": "visited",
        },
    ]
    listing = group("visitor", "list").stdout
    assert "Eve [b]Evans[/b]" in listing and "2 visitors" in listing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Eve", "--invited-by", "Nobody"], "--invited-by: no member named 'Nobody'"),
        (["Eve", "--invited-by", "Ann", "--date", "2025-12-01"], "joined on 2026-01-07"),
        (["Eve", "--phone", "12"], "--phone"),
        (["Eve", "--email", "not-an-email"], "--email"),
        (["  "], "NAME must not be empty"),
        (["Eve\x1b[31m"], "NAME"),
        (["Eve", "--date", "soon"], "--date"),
    ],
)
def test_bad_visitor_is_refused(
    group: Invoke, db_path: Path, args: list[str], message: str
) -> None:
    result = group("visitor", "add", *args, code=2)
    assert message in one_error_line(result)
    assert count(db_path) == 0


def test_inviter_who_left_is_refused(group: Invoke, db_path: Path) -> None:
    group("member", "leave", "Dan", "--on", "2026-11-01")
    result = group("visitor", "add", "Eve", "--invited-by", "Dan", "--date", "2026-11-18", code=2)
    assert "left on 2026-11-01" in one_error_line(result)
    assert count(db_path) == 0
