"""The research queue, thanks due and updates owed in every format; CSV sections."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Invoke, one_error_line
from leadkit import hot

LATER = {"LEADCLI_NOW": "2026-11-26T10:00:00"}


@pytest.fixture
def season(group: Invoke) -> Invoke:
    """Leads of 10-28 (worked once, then silence), 11-11 (stuck in research) and 11-18 (won)."""
    for day in ("2026-10-28", "2026-11-11", "2026-11-18", "2026-11-25"):
        group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", day, env=LATER)
    group(*hot(date="2026-10-28", heard="2026-10-27", company="Quiet Co", contact="Quinn"))
    group("lead", "contacted", "1", "--at", "2026-10-28 15:00")
    group(
        *hot(
            **{"from": "Cat", "to": "Dan"},
            date="2026-11-11",
            heard="2026-11-10",
            company="Stuck Co",
            phone=None,
            email=None,
        )
    )
    group(*hot(**{"from": "Dan", "to": "Cat"}, company="Won Co", phone="212-555-0133"))
    group("lead", "update", "3", "--status", "won", "--amount", "4200", "--at", "2026-11-19 09:00")
    return group


def report(cli: Invoke, *args: str, env: dict[str, str] | None = None) -> Any:
    return json.loads(cli("report", "weekly", "--format", "json", *args, env=env).stdout)


def test_json_keys_are_the_spec_s(season: Invoke) -> None:
    data = report(season, "--week", "2026-11-18")
    assert data["research"] == [
        {"id": 2, "date": "2026-11-11", "giver": "Cat Cole", "waiting_days": 8}
    ]
    assert data["thanks_due"] == [
        {"id": 3, "giver": "Dan Dale", "receiver": "Cat Cole", "amount": 4200.0}
    ]
    assert data["updates_owed"] == [
        {"id": 1, "giver": "Ann Archer", "receiver": "Bob Baker", "weeks_without_update": 3}
    ]
    assert set(data["week"]) >= {"start", "end", "meeting", "recorded"}


def test_a_lead_in_research_stays_in_the_report_after_its_week(season: Invoke) -> None:
    """Leads still in research no longer drop out of the report after their week."""
    data = report(season, env=LATER)
    assert data["week"]["start"] == "2026-11-25"
    assert [w["id"] for w in data["research"]] == [2]
    assert data["research"][0]["waiting_days"] == 15
    assert any("#2" in a and "INCOMPLETE" in a for a in data["attention"])
    season("report", "weekly", "--check", code=3, env=LATER)


def test_an_update_clears_what_is_owed(season: Invoke) -> None:
    season("lead", "update", "1", "--note", "quote sent", "--at", "2026-11-16 10:00")
    assert report(season, "--week", "2026-11-18")["updates_owed"] == []
    season("config", "set", "followup.update_weeks", "1")
    owed = report(season, "--week", "2026-11-18", env=LATER)["updates_owed"]
    assert owed == [
        {"id": 1, "giver": "Ann Archer", "receiver": "Bob Baker", "weeks_without_update": 1}
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_shows_the_three_sections(season: Invoke, fmt: str) -> None:
    out = season("report", "weekly", "--week", "2026-11-18", "--format", fmt).stdout
    for title in ("Research queue", "Thanks due at the next meeting", "Updates owed"):
        assert title in out, (fmt, title)
    assert "Stuck Co" in out and "8 days" in out
    assert "$4,200.00" in out


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_sections(season: Invoke) -> None:
    def section(name: str | None) -> list[dict[str, str]]:
        args = ["--section", name] if name else []
        out = season("report", "weekly", "--week", "2026-11-18", "--format", "csv", *args).stdout
        return rows(out)

    assert [r["member"] for r in section(None)] == [r["member"] for r in section("members")]
    assert [r["id"] for r in section("leads")] == ["3"]
    marks = section("attendance")
    assert [(r["member"], r["status"]) for r in marks][0] == ("Ann Archer", "present")
    assert {r["meeting"] for r in marks} == {"2026-11-18"}
    assert section("sources")[0]["source"] == "past client"
    assert [(r["id"], r["waiting_days"]) for r in section("research")] == [("2", "8")]


def test_csv_section_bad_input(season: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = season(
        "report", "weekly", "--format", "csv", "--section", "visitors", "-o", str(target), code=2
    )
    line = one_error_line(result)
    assert "--section takes members, leads, attendance, sources, research" in line
    assert not target.exists()
    assert "--section goes with --format csv" in one_error_line(
        season("report", "weekly", "--section", "leads", code=2)
    )


def test_help_names_the_sections(cli: Invoke) -> None:
    out = cli("report", "weekly", "--help", env={"COLUMNS": "200"}).stdout
    assert "--section" in out and "research" in out and "attendance" in out
