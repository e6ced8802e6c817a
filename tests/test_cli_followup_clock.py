"""The follow-up clock starts when the receiver can act: at the meeting, or when research ends."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from conftest import Invoke, one_error_line
from leadkit import hot

WEEK_LATER = {"LEADCLI_NOW": "2026-11-25T08:00:00"}


def at(moment: str) -> dict[str, str]:
    return {"LEADCLI_NOW": moment}


def stuck(group: Invoke) -> Invoke:
    """Lead #1 given at the meeting of 2026-11-18 with no phone or email: it waits in research."""
    group(*hot(phone=None, email=None))
    return group


def test_a_lead_in_research_cannot_be_contacted_and_says_what_it_lacks(group: Invoke) -> None:
    cli = stuck(group)
    before = cli("lead", "history", "1", "--json").stdout
    line = one_error_line(cli("lead", "contacted", "1", code=1))
    assert "waits in research" in line and "phone" in line and "lead edit 1" in line
    assert cli("lead", "history", "1", "--json").stdout == before
    assert json.loads(cli("lead", "show", "1", "--json").stdout)["contacted_at"] is None


def test_research_then_fixed_and_called_at_once_is_on_time(group: Invoke) -> None:
    """The receiver is not blamed for the week the lead spent in research."""
    cli = stuck(group)
    cli("lead", "edit", "1", "--phone", "415-555-0142", env=WEEK_LATER)
    out = cli("lead", "contacted", "1", env=at("2026-11-25T08:30:00")).stdout
    assert "on time" in out and "late" not in out.replace("on time", "")
    events = json.loads(cli("lead", "history", "1", "--json").stdout)
    contact = events[-1]["detail"]
    assert contact["due"].startswith("2026-11-26T08:00") and contact["minutes_late"] < 0
    shown = cli("lead", "history", "1").stdout
    assert "left research 2026-11-25 08:00" in shown


def test_a_lead_in_research_is_overdue_for_nobody(group: Invoke) -> None:
    cli = stuck(group)
    report = json.loads(
        cli("report", "weekly", "--format", "json", "--week", "2026-11-18", env=WEEK_LATER).stdout
    )
    assert report["followups_overdue"] == []
    quota = json.loads(cli("member", "quota", "Bob", "--json", env=WEEK_LATER).stdout)
    assert quota["followups_overdue"] == 0


def test_the_clock_runs_from_release_in_reports_and_standing(group: Invoke) -> None:
    cli = stuck(group)
    cli("lead", "edit", "1", "--phone", "415-555-0142", env=WEEK_LATER)
    # A day after the release the call is due; before that nobody is behind.
    early = json.loads(
        cli("member", "quota", "Bob", "--json", env=at("2026-11-26T07:59:00")).stdout
    )
    assert early["followups_overdue"] == 0
    late_env = at("2026-11-26T08:01:00")
    late = json.loads(cli("member", "quota", "Bob", "--json", env=late_env).stdout)
    assert late["followups_overdue"] == 1
    report = json.loads(cli("report", "weekly", "--format", "json", env=late_env).stdout)
    assert [o["id"] for o in report["followups_overdue"]] == [1]
    assert report["followups_overdue"][0]["due"].startswith("2026-11-26T08:00")
    assert "OVERDUE since 2026-11-26 08:00" in cli("lead", "show", "1", env=late_env).stdout


def test_a_lead_never_in_research_keeps_the_meeting_clock(group: Invoke) -> None:
    group(*hot())
    out = group("lead", "contacted", "1", "--at", "2026-11-19 09:15").stdout
    assert "2 h 15 min late" in out


def test_the_migration_derives_release_from_the_history(group: Invoke, db_path: Path) -> None:
    cli = stuck(group)
    cli("lead", "edit", "1", "--phone", "415-555-0142", env=WEEK_LATER)
    cli(*hot(company="Other Co", contact="Jo Other", phone="415-555-0199", email="jo@o.example"))
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE leads DROP COLUMN released_at")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm007_add_lead_released_at'")
    conn.commit()
    conn.close()
    shown: Any = json.loads(cli("lead", "show", "1", "--json").stdout)
    assert shown["released_at"].startswith("2026-11-25T08:00")
    assert json.loads(cli("lead", "show", "2", "--json").stdout)["released_at"] is None
