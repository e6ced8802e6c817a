"""The weekly report in every format, for people and for cron, and lead sources."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from conftest import Invoke, one_error_line, run_process
from leadkit import hot


@pytest.fixture
def season(group: Invoke) -> Invoke:
    """Two weeks: the meeting of 11-11 fully recorded, the meeting of 11-18 with one member missing."""
    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-11-11")
    group("member", "attend", "Ann", "--date", "2026-11-18")
    group("member", "attend", "Bob", "--date", "2026-11-18", "--status", "late")
    group("member", "attend", "Cat", "--date", "2026-11-18", "--status", "absent")
    group(
        *hot(
            date="2026-11-11",
            heard="2026-11-10",
            company="Early Co",
            phone="212-555-0100",
            email="e@early.example",
        )
    )
    group("lead", "update", "1", "--status", "won", "--amount", "2500", "--at", "2026-11-12 10:00")
    group(*hot())  # 2: HOT, Ann → Bob, given 11-18
    group(
        *hot(
            **{"from": "Bob", "to": "Cat"},
            description="Short one.",
            company="Tiny Co",
            phone=None,
            email="t@tiny.example",
        )
    )
    group("lead", "update", "2", "--status", "won", "--amount", "9000", "--at", "2026-11-19 09:00")
    return group


def weekly(cli: Invoke, *args: str, code: int = 0, env: dict[str, str] | None = None) -> Any:
    return cli("report", "weekly", *args, code=code, env=env)


def test_json_shape(season: Invoke) -> None:
    data = json.loads(weekly(season, "--format", "json").stdout)
    assert set(data) >= {
        "group",
        "week",
        "attendance",
        "leads",
        "followups_overdue",
        "closed_business",
        "members",
        "sources",
    }
    assert data["group"] == "Downtown Leads"
    assert data["week"]["start"] == "2026-11-18" and data["week"]["end"] == "2026-11-24"
    assert data["week"]["meeting"] == "2026-11-18"
    attendance = data["attendance"]
    assert {
        k: attendance[k]
        for k in ("present", "late", "substitute", "medical", "absent", "not_recorded")
    } == {
        "present": 1,
        "late": 1,
        "substitute": 0,
        "medical": 0,
        "absent": 1,
        "not_recorded": 1,
    }
    assert attendance["rate"] == 0.5
    leads = data["leads"]
    assert (
        leads["count"] == 2
        and leads["by_verdict"]["HOT"] == 1
        and leads["by_verdict"]["INCOMPLETE"] == 1
    )
    assert leads["by_type"]["direct-referral"] == 2
    assert [i["id"] for i in leads["items"]] == [2, 3]
    assert (
        leads["items"][0]["giver"] == "Ann Archer" and leads["items"][0]["receiver"] == "Bob Baker"
    )
    assert (
        data["closed_business"]["week"] == 9000.0
        and data["closed_business"]["year_to_date"] == 11500.0
    )
    assert [m["member"]["name"] for m in data["members"]] == [
        "Ann Archer",
        "Bob Baker",
        "Cat Cole",
        "Dan Dale",
    ]
    assert data["sources"][0]["key"] == "past client"


def test_overdue_follow_ups_are_listed(season: Invoke) -> None:
    season(*hot(company="Late Co", phone="212-555-0111", email="l@late.example"))
    data = json.loads(
        weekly(season, "--format", "json", env={"LEADCLI_NOW": "2026-11-20T09:00:00"}).stdout
    )
    assert 4 in [f["id"] for f in data["followups_overdue"]]


def test_the_same_week_gives_the_same_report(season: Invoke) -> None:
    first = weekly(
        season,
        "--week",
        "2026-11-11",
        "--format",
        "json",
        env={"LEADCLI_NOW": "2026-11-19T10:00:00"},
    ).stdout
    later = weekly(
        season,
        "--week",
        "2026-11-11",
        "--format",
        "json",
        env={"LEADCLI_NOW": "2026-11-26T18:30:00"},
    ).stdout
    assert first == later
    for fmt in ("text", "markdown", "csv"):
        a = weekly(season, "--week", "2026-11-11", "--format", fmt).stdout
        b = weekly(
            season,
            "--week",
            "2026-11-11",
            "--format",
            fmt,
            env={"LEADCLI_NOW": "2026-12-01T08:00:00"},
        ).stdout
        assert a == b, fmt


def test_check_exits_3_and_names_what_needs_attention(season: Invoke) -> None:
    result = weekly(season, "--check", code=3)
    assert "INCOMPLETE" in result.stdout and "not recorded" in result.stdout
    data = json.loads(weekly(season, "--check", "--format", "json", code=3).stdout)
    assert any("INCOMPLETE" in a for a in data["attention"])
    assert "1 INCOMPLETE lead needs research: #3" in data["attention"]
    assert "attendance not recorded for 1 member" in data["attention"]


def test_quiet_check_prints_nothing_when_all_is_well(group: Invoke) -> None:
    group("config", "set", "quota.leads_per_week", "0")
    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-11-11")
    result = weekly(group, "--week", "2026-11-11", "--check", "--quiet")
    assert result.stdout == "" and result.stderr == ""
    result = weekly(group, "--week", "2026-11-18", "--check", "--quiet", code=3)
    assert "no meeting recorded" in result.stdout


def test_quiet_needs_check(season: Invoke) -> None:
    assert "--quiet goes with --check" in one_error_line(weekly(season, "--quiet", code=2))


def test_output_file_is_private_and_atomic(season: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "week.md"
    target.write_text("old")
    weekly(season, "--format", "markdown", "--output", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text() == weekly(season, "--format", "markdown").stdout
    assert target.read_text().startswith("# Downtown Leads: weekly report")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".week")] == []


def test_output_into_a_missing_directory(season: Invoke, tmp_path: Path) -> None:
    line = one_error_line(weekly(season, "--output", str(tmp_path / "nope" / "r.txt"), code=2))
    assert "no such directory" in line
    (tmp_path / "dir").mkdir()
    line = one_error_line(weekly(season, "--output", str(tmp_path / "dir"), code=2))
    assert "it is a directory" in line


def test_markdown_tables_and_escaping(season: Invoke) -> None:
    season("member", "edit", "Dan", "--name", "Dan *the* | Man [x](y)")
    md = weekly(season, "--format", "markdown").stdout
    assert "| lead | verdict | score |" in md
    assert "Dan \\*the\\* \\| Man \\[x\\](y)" in md
    assert "## Members" in md and "## Lead sources" in md


def test_csv_is_the_member_table_and_formula_safe(season: Invoke) -> None:
    season("member", "edit", "Dan", "--name", '=HYPERLINK("http://x")')
    rows = list(csv.DictReader(io.StringIO(weekly(season, "--format", "csv").stdout)))
    assert '\'=HYPERLINK("http://x")' in [r["member"] for r in rows]
    assert rows[0]["standing"] in ("GREEN", "AMBER", "RED", "NEW")
    assert set(rows[0]) >= {
        "member",
        "category",
        "attendance_rate",
        "leads_per_week",
        "closed_business",
        "needs",
    }


def test_text_in_a_pipe_has_no_color_and_no_cut_names(season: Invoke) -> None:
    long_name = "Bartholomew Maximilian Fitzgerald-Montgomery the Third of Riverside"
    season("member", "edit", "Dan", "--name", long_name)
    result = run_process("report", "weekly")
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert long_name in result.stdout
    assert "Downtown Leads: weekly report" in result.stdout


def test_bad_input(season: Invoke, cli: Invoke) -> None:
    assert "--format takes" in one_error_line(weekly(season, "--format", "pdf", code=2))
    assert "invalid date for --week" in one_error_line(
        weekly(season, "--week", "last week", code=2)
    )


def test_no_meeting_yet(cli: Invoke) -> None:
    assert "no meeting is recorded yet" in one_error_line(weekly(cli, code=1))


def test_report_queries_use_indexes(season: Invoke, db_path: Path) -> None:
    """EXPLAIN QUERY PLAN: no full scan of leads, attendance or lead events."""
    from leadcli import clock, db, reports, settings

    conn = db.connect(db_path)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    group = settings.load(conn)
    reports.weekly(conn, group, reports.default_week(conn, group, clock.today()), clock.now())
    conn.set_trace_callback(None)
    big_tables = {"leads", "l", "attendance", "lead_events", "e", "a"}
    checked = 0
    for sql in dict.fromkeys(statements):
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql):
            detail = row[3]
            match = re.match(r"SCAN (\w+)", detail)
            assert not (match and match.group(1) in big_tables), f"{detail}: {sql}"
            checked += 1
    assert checked > 5


def test_sources(season: Invoke) -> None:
    rows = json.loads(season("report", "sources", "--json").stdout)
    assert rows[0]["key"] == "past client"
    assert (
        rows[0]["leads"] == 3
        and rows[0]["won"] == 2
        and rows[0]["open"] == 1
        and rows[0]["amount"] == 11500.0
    )
    assert rows[0]["conversion"] == round(2 / 3, 4)
    assert set(rows[0]["previous"]) >= {"leads", "won", "lost", "open", "conversion", "amount"}
    by_giver = {
        r["key"]: r
        for r in json.loads(season("report", "sources", "--by", "giver", "--json").stdout)
    }
    assert by_giver["Ann Archer"]["leads"] == 2 and by_giver["Bob Baker"]["leads"] == 1
    by_type = json.loads(season("report", "sources", "--by", "type", "--json").stdout)
    assert by_type[0]["key"] == "direct-referral"
    assert "past client" in season("report", "sources").stdout


def test_sources_compare_with_the_period_before(group: Invoke) -> None:
    for day in (
        "2026-10-14",
        "2026-10-21",
        "2026-11-11",
        "2026-11-18",
    ):
        group(
            *hot(
                date=day,
                heard=day,
                company=f"Co {day}",
                phone=None,
                email=f"x@{day}.example",
                source="mixer",
            )
        )
    group("lead", "update", "1", "--status", "won", "--amount", "100", "--at", "2026-10-20 10:00")
    group("lead", "update", "2", "--status", "won", "--amount", "100", "--at", "2026-10-22 10:00")
    group("lead", "update", "3", "--status", "lost", "--at", "2026-11-12 10:00")
    group("lead", "update", "4", "--status", "lost", "--at", "2026-11-19 08:00")
    rows = json.loads(group("report", "sources", "--since", "2026-10-29", "--json").stdout)
    mixer = rows[0]
    assert mixer["key"] == "mixer" and mixer["leads"] == 2 and mixer["conversion"] == 0.0
    assert mixer["previous"]["leads"] == 2 and mixer["previous"]["conversion"] == 1.0
    assert set(mixer) == {"key", "leads", "won", "lost", "open", "conversion", "amount", "previous"}
    # Two closed leads a period are too few to call a trend.
    out = group("report", "sources", "--since", "2026-10-29").stdout
    assert "falling" not in out and "steady" in out


def test_sources_bad_input(season: Invoke) -> None:
    assert "--by takes source, giver, type, speed or fit" in one_error_line(
        season("report", "sources", "--by", "color", code=2)
    )
    assert "invalid date for --since" in one_error_line(
        season("report", "sources", "--since", "then", code=2)
    )
    assert "is after" in one_error_line(
        season("report", "sources", "--since", "2027-01-01", code=2)
    )
