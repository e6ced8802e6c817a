"""Which week the report shows, and a regular meeting nobody typed in."""

from __future__ import annotations

import json
from typing import Any

from conftest import Invoke, one_error_line, run_process
from leadkit import hot

TUESDAY_DEC_8 = {"LEADCLI_NOW": "2026-12-08T19:30:00"}


def recorded_season(group: Invoke) -> Invoke:
    """Meetings of 11-18 and 11-25 recorded; the meeting of 12-02 never typed in."""
    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-11-18")
    group(*hot())
    group(
        "member",
        "attend",
        "Ann",
        "Bob",
        "Cat",
        "Dan",
        "--date",
        "2026-11-25",
        env={"LEADCLI_NOW": "2026-11-25T09:00:00"},
    )
    return group


def report(cli: Invoke, *args: str, code: int = 0, env: dict[str, str] | None = None) -> Any:
    return json.loads(cli("report", "weekly", "--format", "json", *args, code=code, env=env).stdout)


def test_the_default_week_is_the_latest_regular_meeting_day_even_unrecorded(
    group: Invoke,
) -> None:
    """With nothing recorded for 12-02, Tuesday's run reports the week of 12-02, not 11-25 again."""
    cli = recorded_season(group)
    data = report(cli, "--check", code=3, env=TUESDAY_DEC_8)
    assert data["week"]["start"] == "2026-12-02" and data["week"]["end"] == "2026-12-08"
    assert data["week"]["recorded"] is False
    assert any("2026-12-02" in reason for reason in data["attention"])
    text = cli("report", "weekly", code=0, env=TUESDAY_DEC_8).stdout
    assert "No attendance recorded for the meeting of Wednesday 2026-12-02" in text


def test_a_meeting_with_leads_but_no_attendance_is_not_recorded(group: Invoke) -> None:
    group(*hot(date="2026-11-18"))
    data = report(group, "--check", code=3)
    assert data["week"]["meeting"] == "2026-11-18" and data["week"]["recorded"] is False
    assert "no attendance recorded for the meeting of 2026-11-18" in data["attention"]


def test_a_recorded_meeting_says_so(group: Invoke) -> None:
    cli = recorded_season(group)
    data = report(cli, env={"LEADCLI_NOW": "2026-11-26T10:00:00"})
    assert data["week"]["start"] == "2026-11-25" and data["week"]["recorded"] is True


def test_cron_catches_the_meeting_never_typed_in(group: Invoke) -> None:
    """The README's first crontab command, run with no terminal, prints the report to mail."""
    cli = recorded_season(group)
    cli("config", "set", "quota.leads_per_week", "0")
    cli("lead", "contacted", "1", "--at", "2026-11-18 09:00")
    quiet = run_process(
        "report", "weekly", "--format", "markdown", "--check", "--quiet",
        env={"LEADCLI_NOW": "2026-12-01T19:30:00"},
    )  # fmt: skip
    assert quiet.returncode == 0 and quiet.stdout == ""
    result = run_process(
        "report", "weekly", "--format", "markdown", "--check", "--quiet", env=TUESDAY_DEC_8
    )
    assert result.returncode == 3
    assert "no meeting recorded in the week of 2026-12-02" in result.stdout


def test_week_before_the_first_meeting_or_not_begun_is_refused(group: Invoke) -> None:
    cli = recorded_season(group)
    before = one_error_line(cli("report", "weekly", "--week", "2026-11-10", code=2))
    assert "before the group's first meeting (2026-11-18)" in before
    later = one_error_line(cli("report", "weekly", "--week", "2026-12-30", code=2))
    assert "after today" in later and "has not begun" in later


def test_a_later_day_of_the_current_week_is_noted(group: Invoke) -> None:
    cli = recorded_season(group)
    result = cli("report", "weekly", "--week", "2026-11-23", "--format", "json")
    assert "after today" in result.stderr
    assert json.loads(result.stdout)["week"]["start"] == "2026-11-18"
