"""Lead sources: one period everywhere, trends only on enough closed leads, and speed to lead."""

from __future__ import annotations

import json
from typing import Any

from conftest import Invoke
from leadkit import hot


def lead(cli: Invoke, day: str, n: int, source: str = "mixer", **extra: Any) -> None:
    cli(
        *hot(
            date=day,
            heard=day,
            company=f"Co {n}",
            phone=None,
            email=f"x{n}@example.com",
            source=source,
            **extra,
        )
    )


def test_report_sources_and_the_weekly_report_say_the_same_period(group: Invoke) -> None:
    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-11-18")
    lead(group, "2026-11-18", 1)
    heading = group("report", "sources").stdout.splitlines()[0]
    assert (
        heading
        == "Leads given 2026-05-27 to 2026-11-24 (182 days), against 2025-11-26 to 2026-05-26"
    )
    weekly = group("report", "weekly").stdout
    assert heading in weekly
    markdown = group("report", "weekly", "--format", "markdown").stdout
    assert heading in markdown
    data = json.loads(group("report", "weekly", "--format", "json").stdout)
    direct = json.loads(group("report", "sources", "--json").stdout)
    assert [(r["key"], r["leads"]) for r in data["sources"]] == [
        (r["key"], r["leads"]) for r in direct
    ]


def test_falling_needs_enough_closed_leads(group: Invoke) -> None:
    """A source with most leads still open is not "falling" on a handful of outcomes."""
    before = ["2026-09-02", "2026-09-09", "2026-09-16", "2026-09-23", "2026-09-30"]
    now = ["2026-10-21", "2026-10-28", "2026-11-04", "2026-11-11", "2026-11-18"]
    for n, day in enumerate(before + now, 1):
        lead(group, day, n)
    for n in range(1, 6):
        group("lead", "update", str(n), "--status", "won", "--amount", "100", "--at", "2026-10-01")
    group("lead", "update", "6", "--status", "lost", "--at", "2026-11-19 08:00")
    since = ["report", "sources", "--since", "2026-10-14", "--json"]
    row = json.loads(group(*since).stdout)[0]
    assert row["previous"]["won"] == 5 and row["lost"] == 1 and row["open"] == 4
    assert "falling" not in group("report", "sources", "--since", "2026-10-14").stdout
    for n in range(7, 11):
        group("lead", "update", str(n), "--status", "lost", "--at", "2026-11-19 08:00")
    assert "falling" in group("report", "sources", "--since", "2026-10-14").stdout


def test_by_speed_buckets_the_first_contact(group: Invoke) -> None:
    days = ["2026-11-04", "2026-11-11", "2026-11-11", "2026-11-18", "2026-11-18"]
    for n, day in enumerate(days, 1):
        lead(group, day, n)
    group("lead", "contacted", "1", "--at", "2026-11-04 07:30")  # half an hour
    group("lead", "contacted", "2", "--at", "2026-11-11 20:00")  # 13 hours
    group("lead", "contacted", "3", "--at", "2026-11-13 09:00")  # 2 days
    group("lead", "contacted", "4", "--at", "2026-11-19 09:00")  # 26 hours
    group("lead", "update", "1", "--status", "won", "--amount", "500", "--at", "2026-11-12")
    rows = json.loads(group("report", "sources", "--by", "speed", "--json").stdout)
    got = {r["key"]: (r["leads"], r["won"]) for r in rows}
    assert got == {
        "within 1 hour": (1, 1),
        "within 24 hours": (1, 0),
        "within 3 days": (2, 0),
        "never": (1, 0),
    }
    assert [r["key"] for r in rows] == [
        "within 1 hour",
        "within 24 hours",
        "within 3 days",
        "never",
    ]
    out = group("report", "sources", "--by", "speed").stdout
    assert "within 1 hour" in out and "100%" in out


def test_speed_runs_from_the_end_of_research(group: Invoke) -> None:
    group(*hot(phone=None, email=None))
    rows = json.loads(group("report", "sources", "--by", "speed", "--json").stdout)
    assert rows == []  # a lead nobody could call yet is in no bucket
    group("lead", "edit", "1", "--phone", "415-555-0142", env={"LEADCLI_NOW": "2026-11-25T08:00"})
    group("lead", "contacted", "1", env={"LEADCLI_NOW": "2026-11-25T08:20"})
    env = {"LEADCLI_NOW": "2026-11-25T09:00"}
    rows = json.loads(group("report", "sources", "--by", "speed", "--json", env=env).stdout)
    assert [(r["key"], r["leads"]) for r in rows] == [("within 1 hour", 1)]


def test_voided_leads_count_in_no_bucket(group: Invoke) -> None:
    lead(group, "2026-11-18", 1)
    group("lead", "void", "1", "--reason", "typed twice")
    assert json.loads(group("report", "sources", "--by", "speed", "--json").stdout) == []


def test_the_demo_shows_speed_to_lead(cli: Invoke, tmp_path: Any) -> None:
    target = str(tmp_path / "demo.db")
    cli("demo", "--db", target, "--members", "16", "--weeks", "40", "--seed", "2")
    rows = json.loads(cli("--db", target, "report", "sources", "--by", "speed", "--json").stdout)
    got = {r["key"]: r for r in rows}
    assert {"within 1 hour", "within 24 hours", "within 3 days", "later"} <= set(got)
    assert got["within 1 hour"]["conversion"] > got["later"]["conversion"]
