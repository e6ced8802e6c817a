from __future__ import annotations

import json

from conftest import Invoke, one_error_line


def test_add_and_list(group: Invoke) -> None:
    assert "Added meeting of Wednesday 2026-11-11" in group("meeting", "add", "2026-11-11").stdout
    assert (
        "Already recorded: meeting of Wednesday 2026-11-11"
        in group("meeting", "add", "11/11/2026").stdout
    )
    assert "Updated holiday" in group("meeting", "add", "2026-11-11", "--holiday").stdout
    rows = json.loads(group("meeting", "list", "--json").stdout)
    assert rows == [
        {
            "date": "2026-11-11",
            "holiday": True,
            "present": 0,
            "late": 0,
            "substitute": 0,
            "medical": 0,
            "absent": 0,
            "not_recorded": 0,
            "rate": None,
        }
    ]
    assert "holiday" in group("meeting", "list").stdout


def test_off_day_meeting_is_noted(group: Invoke) -> None:
    result = group("meeting", "add", "2026-11-12")
    assert "2026-11-12 is a Thursday; the group meets on Wednesdays" in result.stderr


def test_not_recorded_and_rate_with_medical(group: Invoke) -> None:
    group("member", "attend", "Ann", "--date", "2026-11-18")
    group("member", "attend", "Bob", "--date", "2026-11-18", "--status", "medical")
    row = json.loads(group("meeting", "list", "--json").stdout)[0]
    assert row["not_recorded"] == 2 and row["medical"] == 1 and row["present"] == 1
    assert row["rate"] == round(1 / 3, 4)
    out = group("meeting", "list").stdout
    assert "33%" in out


def test_roll_counts_only_members_of_that_day(group: Invoke) -> None:
    group("member", "add", "New Nan", "--category", "Florist", "--joined", "2026-11-19")
    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-11-18")
    assert json.loads(group("meeting", "list", "--json").stdout)[0]["rate"] == 1.0


def test_filters(group: Invoke) -> None:
    for day in ("2026-10-28", "2026-11-04", "2026-11-11"):
        group("meeting", "add", day)
    assert [
        r["date"]
        for r in json.loads(group("meeting", "list", "--since", "2026-11-01", "--json").stdout)
    ] == [
        "2026-11-04",
        "2026-11-11",
    ]
    assert [
        r["date"] for r in json.loads(group("meeting", "list", "--last", "1", "--json").stdout)
    ] == ["2026-11-11"]


def test_holiday_refused_once_attendance_is_taken(group: Invoke) -> None:
    group("member", "attend", "Ann", "--date", "2026-11-18")
    assert "has attendance recorded" in one_error_line(
        group("meeting", "add", "2026-11-18", "--holiday", code=1)
    )


def test_bad_dates(group: Invoke) -> None:
    assert "invalid date for DATE" in one_error_line(group("meeting", "add", "the 18th", code=2))
    assert "impossible date" in one_error_line(group("meeting", "add", "2026-02-30", code=2))
    assert "invalid date for --since" in one_error_line(
        group("meeting", "list", "--since", "soon", code=2)
    )
    assert "--last" in one_error_line(group("meeting", "list", "--last", "0", code=2))


def test_no_meetings_is_said_without_an_empty_table(group: Invoke) -> None:
    assert group("meeting", "list").stdout == "No meetings recorded.\n"
    assert json.loads(group("meeting", "list", "--json").stdout) == []
