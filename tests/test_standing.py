"""Member standing at every boundary of SPEC 5.2, through `member quota --json`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import Invoke, one_error_line
from leadkit import hot

MEETINGS = [
    "2026-09-30",
    "2026-10-07",
    "2026-10-14",
    "2026-10-21",
    "2026-10-28",
    "2026-11-04",
    "2026-11-11",
    "2026-11-18",
]


@pytest.fixture
def season(cli: Invoke) -> Invoke:
    """An eight-week window, a quota of one lead a week, two members since January."""
    cli("init", "--name", "Boundary Club")
    cli("config", "set", "attendance.window_weeks", "8")
    cli("config", "set", "quota.leads_per_week", "1")
    cli("member", "add", "Ann Archer", "--category", "Realtor", "--joined", "2026-01-07")
    cli("member", "add", "Bob Baker", "--category", "Plumber", "--joined", "2026-01-07")
    return cli


def quota(
    cli: Invoke, member: str = "Ann", *extra: str, env: dict[str, str] | None = None
) -> dict[str, Any]:
    return json.loads(cli("member", "quota", member, "--json", *extra, env=env).stdout)


def attend(
    cli: Invoke, statuses: list[str], member: str = "Ann", days: list[str] = MEETINGS
) -> None:
    for day, status in zip(days, statuses, strict=True):
        cli("member", "attend", member, "--date", day, "--status", status)


def give(cli: Invoke, days: list[str], giver: str = "Ann", receiver: str = "Bob") -> None:
    for index, day in enumerate(days):
        cli(
            *hot(
                **{"from": giver, "to": receiver},
                date=day,
                heard=day,
                company=f"Prospect {index} {day}",
                phone=None,
                email=f"p{index}@{day}.example",
                decision="2026-12-20",
            )
        )


def test_exactly_75_percent_is_enough(season: Invoke) -> None:
    attend(season, ["present"] * 6 + ["absent"] * 2)
    give(season, MEETINGS)
    data = quota(season)
    assert data["window"] == {"start": "2026-09-25", "end": "2026-11-19", "meetings": 8}
    assert data["attendance"] == {
        "rate": 0.75,
        "minimum": 0.75,
        "attended": 6,
        "counted": 8,
        "absences": 2,
        "ok": True,
    }
    assert data["leads"] == {"credits": 8, "per_week": 1.0, "quota": 1.0, "ok": True}
    assert data["standing"] == "GREEN"


def test_just_under_75_percent_is_red(season: Invoke) -> None:
    season("config", "set", "attendance.late_weight", "0.9")
    attend(season, ["present"] * 5 + ["late"] + ["absent"] * 2)
    give(season, MEETINGS)
    data = quota(season)
    assert data["attendance"]["rate"] == round(5.9 / 8, 4) and data["attendance"]["ok"] is False
    assert data["standing"] == "RED"
    assert "to get back to 75%" in data["needs"][0]  # the first need is the urgent one


def test_quota_exactly_met_and_just_missed(season: Invoke) -> None:
    attend(season, ["present"] * 8)
    give(season, MEETINGS[:7])
    data = quota(season)
    assert (
        data["leads"]["credits"] == 7
        and data["leads"]["ok"] is False
        and data["standing"] == "AMBER"
    )
    # The lead of 09-30 leaves the window at the next meeting, which adds a week: two short then.
    assert "2 more leads by 2026-11-25 to reach 1.0 a week" in data["needs"]
    give(season, MEETINGS[7:], receiver="Bob")
    data = quota(season)
    assert (
        data["leads"]["per_week"] == 1.0
        and data["leads"]["ok"] is True
        and data["standing"] == "GREEN"
    )
    # At the quota now, the lead of 09-30 leaving the window costs it: one to stay there.
    assert "1 more lead by 2026-11-25 to stay at 1.0 a week" in data["needs"]


def test_a_new_member_is_not_below_anything(season: Invoke) -> None:
    out = season("member", "quota", "Bob").stdout  # no meeting recorded yet
    assert "NEW" in out and "below" not in out and out.count("not counted yet") == 2


def test_half_the_quota_is_the_red_line(season: Invoke) -> None:
    attend(season, ["present"] * 8)
    give(season, MEETINGS[:4])
    assert quota(season)["standing"] == "AMBER"  # exactly half: not below it
    season("config", "set", "quota.leads_per_week", "1.01")
    assert quota(season)["standing"] == "RED"


def test_incomplete_leads_earn_no_credit(season: Invoke) -> None:
    attend(season, ["present"] * 8)
    season(*hot(description="Too short.", date=MEETINGS[-1], heard=MEETINGS[-1]))
    assert quota(season)["leads"]["credits"] == 0


def test_lead_updates_earn_one_credit_a_week(season: Invoke) -> None:
    attend(season, ["present"] * 8, member="Bob")
    give(season, [MEETINGS[-2]])
    season("lead", "contacted", "1", "--at", "2026-11-11 15:00")
    season("lead", "update", "1", "--status", "appointment", "--at", "2026-11-13 09:00")
    season("lead", "update", "1", "--status", "proposal", "--at", "2026-11-18 12:00")
    data = quota(season, "Bob")
    assert data["leads"]["credits"] == 2  # the week of 11-11 and the week of 11-18
    season("config", "set", "quota.count_updates", "false")
    assert quota(season, "Bob")["leads"]["credits"] == 0


def test_member_who_joined_mid_window(season: Invoke) -> None:
    season("member", "add", "Cat Cole", "--category", "Accountant", "--joined", "2026-11-10")
    attend(season, ["present", "absent"], member="Cat", days=MEETINGS[-2:])
    data = quota(season, "Cat")
    assert data["window"] == {"start": "2026-11-10", "end": "2026-11-19", "meetings": 2}
    assert data["attendance"]["rate"] == 0.5 and data["standing"] == "NEW"
    assert "standing counts from your 4th meeting (2 meetings so far)" in data["needs"][-1]
    attend(season, ["absent", "absent"], member="Cat", days=["2026-11-25", "2026-12-02"])
    later = quota(season, "Cat", env={"LEADCLI_NOW": "2026-12-03T10:00:00"})
    assert later["window"]["meetings"] == 4 and later["standing"] == "RED"


def test_member_who_left(season: Invoke) -> None:
    attend(season, ["present"] * 6, days=MEETINGS[:6])
    season("member", "leave", "Ann", "--on", "2026-11-05")
    data = quota(season)
    assert data["window"]["end"] == "2026-11-05" and data["window"]["meetings"] == 6
    assert data["attendance"]["rate"] == 1.0
    names = [
        row["member"]["name"] for row in json.loads(season("member", "quota", "--json").stdout)
    ]
    assert names == ["Bob Baker"]


def test_holidays_count_for_nobody(season: Invoke) -> None:
    attend(season, ["present"] * 6 + ["absent"], days=MEETINGS[:7])
    season("meeting", "add", MEETINGS[7], "--holiday")
    data = quota(season)
    assert data["window"]["meetings"] == 7 and data["attendance"]["counted"] == 7
    assert data["attendance"]["rate"] == round(6 / 7, 4)


def test_medical_leave_is_excluded(season: Invoke) -> None:
    attend(season, ["medical"] * 2 + ["present"] * 5 + ["absent"])
    data = quota(season)
    assert data["attendance"]["counted"] == 6 and data["attendance"]["attended"] == 5
    assert data["window"]["meetings"] == 8


def test_late_weight_half_under_the_bni_preset(cli: Invoke) -> None:
    cli("init", "--preset", "bni")
    cli("config", "set", "attendance.window_weeks", "8")
    cli("member", "add", "Ann Archer", "--category", "Realtor", "--joined", "2026-01-07")
    attend(cli, ["late"] * 2 + ["present"] * 6)
    data = quota(cli)
    assert data["attendance"]["attended"] == 7 and data["attendance"]["rate"] == 0.875
    assert data["attendance"]["minimum"] == 0.88 and data["attendance"]["ok"] is False


def test_unrecorded_meetings_count_as_absences(season: Invoke) -> None:
    attend(season, ["present"] * 7, days=MEETINGS[:7])
    season("member", "attend", "Bob", "--date", MEETINGS[7])
    data = quota(season)
    assert data["attendance"]["absences"] == 1 and data["attendance"]["counted"] == 8


@pytest.mark.parametrize(
    ("now", "overdue"), [("2026-11-19T07:01:00", 1), ("2026-11-19T06:59:00", 0)]
)
def test_overdue_follow_up_by_the_minute(season: Invoke, now: str, overdue: int) -> None:
    attend(season, ["present"] * 8, member="Bob")
    give(season, [MEETINGS[-1]])
    data = quota(season, "Bob", env={"LEADCLI_NOW": now})
    assert data["followups_overdue"] == overdue
    if overdue:
        assert data["standing"] == "AMBER" or data["standing"] == "RED"
        assert any("lead #1" in need for need in data["needs"])


def test_a_contact_just_in_time_is_not_overdue(season: Invoke) -> None:
    give(season, [MEETINGS[-1]])
    season("lead", "contacted", "1", "--at", "2026-11-19 06:59")
    assert (
        quota(season, "Bob", env={"LEADCLI_NOW": "2026-11-19T09:00:00"})["followups_overdue"] == 0
    )


def test_new_member_with_no_meeting_counted(season: Invoke) -> None:
    season("member", "add", "Nan New", "--category", "Florist", "--joined", "2026-11-19")
    data = quota(season, "Nan")
    assert data["standing"] == "NEW" and data["attendance"]["rate"] is None


def test_closed_business_in_the_window(season: Invoke) -> None:
    give(season, [MEETINGS[-2]])
    season(
        "lead",
        "update",
        "1",
        "--status",
        "won",
        "--amount",
        "$1,250.50",
        "--at",
        "2026-11-15 10:00",
    )
    assert quota(season, "Bob")["closed_business"] == 1250.5


def test_needs_name_absences_left_and_meetings_leaving(season: Invoke) -> None:
    attend(season, ["absent"] + ["present"] * 7)
    give(season, MEETINGS)
    data = quota(season)
    assert (
        "the meeting of 2026-09-30 leaves your window next week (you were absent)" in data["needs"]
    )
    assert "2 more absences before 2026-11-25 drop you below 75%" in data["needs"]


def test_all_members_table_and_check(season: Invoke) -> None:
    attend(season, ["present"] * 8)
    attend(season, ["absent"] * 8, member="Bob")
    give(season, MEETINGS)
    rows = json.loads(season("member", "quota", "--json").stdout)
    assert [r["standing"] for r in rows] == ["GREEN", "RED"]
    result = season("member", "quota", "--check", code=3)
    assert "Bob Baker" in result.stdout and "RED" in result.stdout
    season("member", "quota", "Ann", "--check", code=0)


def test_as_of(season: Invoke) -> None:
    attend(season, ["present"] * 8)
    assert quota(season, "Ann", "--as-of", "2026-10-14")["window"]["meetings"] == 3
    result = season("member", "quota", "Ann", "--as-of", "2026-12-25")
    assert "after today" in result.stderr
    assert "invalid date for --as-of" in one_error_line(
        season("member", "quota", "--as-of", "someday", code=2)
    )
    assert "no member named 'Zed'" in one_error_line(season("member", "quota", "Zed", code=1))
