"""`lead list` is for people: the 50 most recent with a footer, --limit, --all, plain when piped."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line, run_process
from leadkit import hot


def many(group: Invoke, db_path: Path, count: int) -> None:
    """``count`` copies of lead #1, written straight to the file (fast)."""
    group(*hot())
    with sqlite3.connect(db_path) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(leads)") if r[1] != "id"]
        names = ", ".join(columns)
        for _ in range(count - 1):
            conn.execute(f"INSERT INTO leads ({names}) SELECT {names} FROM leads WHERE id = 1")


def test_the_50_most_recent_with_a_footer_on_stderr_when_piped(
    group: Invoke, db_path: Path
) -> None:
    many(group, db_path, 60)
    result = group("lead", "list", "--json")
    found = json.loads(result.stdout)
    assert [lead["id"] for lead in found] == list(range(60, 10, -1))
    assert result.stderr == "50 most recent of 60 leads (--limit N for more, --all for every one)\n"
    assert len(json.loads(group("lead", "list", "--all", "--json").stdout)) == 60
    limited = group("lead", "list", "--limit", "3")
    assert len(limited.stdout.splitlines()) == 3
    assert limited.stdout.splitlines()[0].startswith("#60  2026-11-18  direct-referral  ")
    assert "3 most recent of 60 leads" in limited.stderr


def test_the_footer_counts_live_leads_only(group: Invoke, db_path: Path) -> None:
    many(group, db_path, 60)
    for lead in ("3", "7"):
        group("lead", "void", lead, "--reason", "typed twice")
    assert "50 most recent of 58 leads" in group("lead", "list").stderr
    assert group("lead", "list", "--void").stderr == "2 leads\n"
    # Counted through a filter, the same.
    assert "50 most recent of 58 leads" in group("lead", "list", "--since", "2000-01-01").stderr


def test_piped_output_is_a_plain_line_per_lead(group: Invoke) -> None:
    group(*hot(company="[bold]Acme[/] :smile:"))
    group("lead", "void", "1", "--reason", "typed twice")
    out = run_process("lead", "list", "--void")
    assert out.returncode == 0, out.stderr
    assert out.stdout == (
        "#1  2026-11-18  direct-referral  Ann Archer → Bob Baker  "
        "[bold]Acme[/] :smile: / John Smith  VOID 100  new\n"
    )
    assert out.stderr == "1 lead\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--limit", "0"], "--limit must be 1 or more, not 0"),
        (["--limit", "-3"], "--limit must be 1 or more, not -3"),
        (["--limit", "two"], "'two' is not a whole number"),
        (["--limit", "5", "--all"], "give --limit N or --all, not both"),
    ],
)
def test_bad_limits_are_refused(group: Invoke, args: list[str], message: str) -> None:
    assert message in one_error_line(group("lead", "list", *args, code=2))


def test_check_with_no_ids_checks_the_current_meeting_week(group: Invoke) -> None:
    group(*hot())  # 2026-11-18: this week
    group(*hot(date="2026-11-11", heard="2026-11-10", company="Old Co", contact=None))
    result = group("lead", "check", "--json")
    assert [c["id"] for c in json.loads(result.stdout)] == [1]
    assert "Meeting week Wed 2026-11-18 to Tue 2026-11-24" in result.stderr
    assert "name lead ids" in one_error_line(group("lead", "check", "1", "--all", code=2))
