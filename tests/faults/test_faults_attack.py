"""What a repeated attack run found, each kept found: whole numbers out of SQLite's range,
line separators already in the file, a file whose schema steps do not match its tables."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line

pytestmark = pytest.mark.faults

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


@pytest.mark.parametrize(
    "args",
    [
        ("lead", "list", "--limit", "9223372036854775808"),
        ("lead", "list", "--limit", "-99999999999999999999"),
        ("member", "ceu", "Ann", "--count", "9" * 40),
        ("meeting", "list", "--last", "18446744073709551616"),
    ],
)
def test_a_whole_number_beyond_sqlite_is_refused_in_one_line(
    group: Invoke, db_path: Path, args: tuple[str, ...]
) -> None:
    before = dump(db_path)
    line = one_error_line(group(*args, code=2))
    assert "is too large; give a whole number up to" in line
    assert dump(db_path) == before


@pytest.mark.parametrize("number", ["1_000", "١٢", "１２", "0x10", "1.0"])
def test_a_whole_number_is_ascii_digits(group: Invoke, number: str) -> None:
    assert "is not a whole number" in one_error_line(
        group("member", "ceu", "Ann", "--count", number, code=2)
    )


@pytest.fixture
def separated(group: Invoke, db_path: Path) -> Invoke:
    """Names and a lead another tool wrote with line and paragraph separators in them."""
    group("lead", "add", "--from", "Ann", "--to", "Bob", "--type", "general",
          "--company", "Acme", "--date", "2026-11-18")  # fmt: skip
    group("member", "attend", "Ann", "Bob", "--date", "2026-11-18")
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute(
            "UPDATE members SET name = 'Ann\u2028Archer', business = 'Biz\u2029' WHERE id = 1"
        )
        conn.execute("UPDATE leads SET company = 'Ac\u2028me', source = 'ad\u2029'")
        conn.commit()
    return group


@pytest.mark.parametrize(
    "args",
    [
        ("member", "list"),
        ("member", "show", "1"),
        ("member", "quota", "1"),
        ("lead", "list"),
        ("lead", "show", "1"),
        ("lead", "check", "1"),
        ("category", "list"),
        ("report", "weekly", "--week", "2026-11-18"),
        ("report", "weekly", "--week", "2026-11-18", "--format", "html"),
        ("report", "sources", "--since", "2026-01-01"),
    ],
)
def test_line_separators_in_the_file_are_shown_as_escapes(
    separated: Invoke, args: tuple[str, ...]
) -> None:
    result = separated(*args, code=None)
    assert result.exit_code in (0, 3), result.stderr  # 3: lead check asks for attention
    assert not RAW.search(result.stdout), repr(result.stdout)


def test_a_file_whose_tables_do_not_match_its_steps_is_refused_unchanged(
    group: Invoke, db_path: Path
) -> None:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        last = conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid DESC").fetchone()
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", last)
        conn.commit()
    before = dump(db_path)
    line = one_error_line(group("member", "add", "Zed", "--category", "Zoo", code=1))
    assert "cannot be brought up to date: a schema step failed" in line
    assert line.endswith("nothing was changed; restore it from a backup")
    assert dump(db_path) == before
