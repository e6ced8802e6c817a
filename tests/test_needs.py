"""What members read first: overdue calls, then absences, then leads; NEW until four meetings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import Invoke
from leadkit import hot
from test_standing import MEETINGS, attend, give, quota, season  # noqa: F401


def calls_to_bob(cli: Invoke) -> None:
    for index, contact in enumerate(("John Smith", "Mary Jones")):
        cli(
            *hot(
                contact=contact,
                company=f"Prospect {index}",
                phone=None,
                email=f"p{index}@example.com",
                date=MEETINGS[-1],
                heard=MEETINGS[-1],
            )
        )


def test_overdue_calls_come_first_by_prospect_and_lead(season: Invoke) -> None:  # noqa: F811
    """A member with 2 overdue calls reads the calls first, not a meeting leaving the window."""
    attend(season, ["absent"] + ["present"] * 7, member="Bob")
    calls_to_bob(season)
    data = quota(season, "Bob", env={"LEADCLI_NOW": "2026-11-21T10:00:00"})
    assert data["followups_overdue"] == 2
    assert data["needs"][:2] == [
        "call John Smith (lead #1), due since Thursday",
        "call Mary Jones (lead #2), due since Thursday",
    ]
    # then the absences, then the leads
    rest = data["needs"][2:]
    absences = next(i for i, n in enumerate(rest) if "absence" in n)
    leads = next(i for i, n in enumerate(rest) if "more lead" in n)
    assert absences < leads
    today = quota(season, "Bob", env={"LEADCLI_NOW": "2026-11-19T10:00:00"})
    assert today["needs"][0] == "call John Smith (lead #1), due since 07:00 today"
    week_on = quota(season, "Bob", env={"LEADCLI_NOW": "2026-11-27T10:00:00"})
    assert week_on["needs"][0] == "call John Smith (lead #1), due since 2026-11-19"


def test_a_meeting_leaving_is_named_only_when_it_changes_something(
    season: Invoke,  # noqa: F811
) -> None:
    attend(season, ["present"] * 8)
    give(season, MEETINGS)
    assert not any("leaves your window" in n for n in quota(season)["needs"])
    # An absence leaving changes the absences left before the minimum: it is named.
    attend(season, ["absent"] + ["present"] * 7, member="Bob")
    give(season, MEETINGS, giver="Bob", receiver="Ann")
    needs = quota(season, "Bob")["needs"]
    assert "the meeting of 2026-09-30 leaves your window next week (you were absent)" in needs


def test_a_present_meeting_leaving_that_changes_the_standing_is_named(
    season: Invoke,  # noqa: F811
) -> None:
    """At the quota only thanks to the credit of the meeting leaving: the note says so."""
    attend(season, ["present"] * 8)
    give(season, [MEETINGS[0], MEETINGS[0], *MEETINGS[2:]])
    data = quota(season)
    assert data["standing"] == "GREEN"
    assert (
        "the meeting of 2026-09-30 leaves your window next week (you were there)" in data["needs"]
    )


def test_new_until_four_meetings_of_the_window(cli: Invoke) -> None:
    """After the first evening, brand-new members are NEW, not RED."""
    cli("init", "--name", "First Evening")
    for name, category in (
        ("Ann Archer", "Realtor"),
        ("Bob Baker", "Plumber"),
        ("Cat Cole", "Lawyer"),
        ("Dan Dale", "Dentist"),
        ("Eve Ewing", "Florist"),
    ):
        cli("member", "add", name, "--category", category)
    cli("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-11-18")
    cli("member", "attend", "Eve", "--date", "2026-11-18", "--status", "absent")
    cli(*hot())
    rows = json.loads(cli("member", "quota", "--json").stdout)
    assert [r["standing"] for r in rows] == ["NEW"] * 5
    report = json.loads(cli("report", "weekly", "--format", "json").stdout)
    assert [m["standing"] for m in report["members"]] == ["NEW"] * 5
    assert "RED" not in " ".join(report["attention"])
    cli("config", "set", "standing.new_meetings", "1")
    rows = json.loads(cli("member", "quota", "--json").stdout)
    assert "RED" in [r["standing"] for r in rows]


def test_medical_leave_does_not_make_a_member_new_again(season: Invoke) -> None:  # noqa: F811
    attend(season, ["present"] * 4 + ["medical"] * 4)
    give(season, MEETINGS)
    assert quota(season)["standing"] == "GREEN"
    attend(season, ["medical"] * 8, member="Bob")
    give(season, MEETINGS, giver="Bob", receiver="Ann")
    data = quota(season, "Bob")
    assert data["standing"] != "NEW" and data["attendance"]["counted"] == 0


def test_the_demo_members_read_what_matters_first(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    cli("demo", "--db", str(target), "--members", "24", "--seed", "1")
    rows: list[dict[str, Any]] = json.loads(
        cli("--db", str(target), "member", "quota", "--json").stdout
    )
    assert len(rows) == 24
    firsts = [r["needs"][0] for r in rows if r["needs"]]
    assert sum("(you were there)" in n for n in firsts) < 3
    for row in rows:
        if row["followups_overdue"]:
            assert row["needs"][0].startswith("call "), row["needs"]


def test_a_member_need_call_names_the_member(season: Invoke) -> None:  # noqa: F811
    attend(season, ["present"] * 8, member="Bob")
    season(
        "lead", "add", "--from", "Ann", "--to", "Bob", "--type", "member-need", "--date",
        MEETINGS[-1], "--description", "Ann needs her kitchen sink re-piped before the holidays",
        "--email", "ann@example.com",
    )  # fmt: skip
    assert json.loads(season("lead", "show", "1", "--json").stdout)["status"] == "new"
    data = quota(season, "Bob", env={"LEADCLI_NOW": "2026-11-21T10:00:00"})
    assert data["needs"][0] == "call Ann Archer (lead #1), due since Thursday"
