"""The follow-up clock and the pipeline, through the CLI."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import Invoke, one_error_line
from leadkit import hot


@pytest.fixture
def passed(group: Invoke) -> Invoke:
    """Lead #1, from Ann to Bob, given at the meeting of 2026-11-18 (due 2026-11-19 07:00)."""
    group(*hot())
    return group


def show(cli: Invoke, lead_id: str = "1") -> dict[str, Any]:
    return json.loads(cli("lead", "show", lead_id, "--json").stdout)


def history(cli: Invoke, lead_id: str = "1") -> list[dict[str, Any]]:
    return json.loads(cli("lead", "history", lead_id, "--json").stdout)


def test_contacted_on_time_and_late(passed: Invoke) -> None:
    out = passed("lead", "contacted", "1", "--at", "2026-11-18 16:30").stdout
    assert "on time, 14 h 30 min before the deadline" in out
    data = show(passed)
    assert data["status"] == "contacted" and data["contacted_at"].startswith("2026-11-18T16:30")
    assert history(passed)[-1]["detail"]["minutes_late"] == -870
    passed(*hot(company="Other Co", phone="212-555-0100", email="o@other.example"))
    out = passed("lead", "contacted", "2", "--at", "2026-11-19 09:15").stdout
    assert "2 h 15 min late" in out
    shown = passed("lead", "history", "2").stdout
    assert "due 2026-11-19 07:00; 2 h 15 min late" in shown
    assert "on time (14 h 30 min early)" in passed("lead", "history", "1").stdout


def test_contact_twice_or_before_given_is_refused(passed: Invoke) -> None:
    assert "before lead #1 was given" in one_error_line(
        passed("lead", "contacted", "1", "--at", "2026-11-18 06:59", code=2)
    )
    assert "in the future" in one_error_line(
        passed("lead", "contacted", "1", "--at", "2026-11-20", code=2)
    )
    passed("lead", "contacted", "1", "--at", "2026-11-18 08:00")
    assert "contacted already" in one_error_line(passed("lead", "contacted", "1", code=1))


def test_full_pipeline_to_won_with_a_correction(passed: Invoke) -> None:
    passed("lead", "contacted", "1", "--at", "2026-11-18 09:00")
    passed(
        "lead",
        "update",
        "1",
        "--status",
        "appointment",
        "--at",
        "2026-11-18 12:00",
        "--note",
        "Site visit Friday",
    )
    passed("lead", "update", "1", "--status", "proposal", "--at", "2026-11-18 18:00")
    out = passed(
        "lead", "update", "1", "--status", "won", "--amount", "$12,400", "--at", "2026-11-19 08:00"
    ).stdout
    assert "proposal → won" in out and "$12,400.00" in out
    assert show(passed)["amount"] == 12400.0 and show(passed)["status"] == "won"
    out = passed("lead", "update", "1", "--amount", "12,150.50", "--status", "won").stdout
    assert "amount corrected $12,400.00 → $12,150.50" in out
    kinds = [(e["kind"], e["detail"]) for e in history(passed)]
    assert kinds[-1] == ("amount", {"amount": [12400.0, 12150.5]})
    assert [k for k, _ in kinds] == ["created", "contacted", "status", "status", "status", "amount"]
    assert history(passed)[2]["note"] == "Site visit Friday"
    shown = passed("lead", "history", "1").stdout
    assert "Site visit Friday" in shown and "amount: $12,400.00 → $12,150.50" in shown


def test_won_needs_a_positive_amount(passed: Invoke) -> None:
    assert "needs the amount" in one_error_line(
        passed("lead", "update", "1", "--status", "won", code=2)
    )
    for bad in ("-5", "0", "lots", "1.234"):
        passed("lead", "update", "1", "--status", "won", "--amount", bad, code=2)
    assert show(passed)["status"] == "new"


def test_amount_goes_with_won(passed: Invoke) -> None:
    assert "--amount is the closed business" in one_error_line(
        passed("lead", "update", "1", "--status", "proposal", "--amount", "500", code=2)
    )


def test_no_way_back(passed: Invoke) -> None:
    passed("lead", "update", "1", "--status", "proposal")
    assert "cannot move back" in one_error_line(
        passed("lead", "update", "1", "--status", "contacted", code=1)
    )
    passed("lead", "update", "1", "--status", "lost", "--note", "Went with a cousin")
    assert "closed (lost)" in one_error_line(
        passed("lead", "update", "1", "--status", "won", "--amount", "5", code=1)
    )


def test_skipping_ahead_counts_as_contact(passed: Invoke) -> None:
    passed("lead", "update", "1", "--status", "appointment", "--at", "2026-11-18 10:00")
    assert show(passed)["contacted_at"].startswith("2026-11-18T10:00")


def test_a_note_alone_is_an_update(passed: Invoke) -> None:
    passed("lead", "update", "1", "--note", "Left a voicemail")
    assert history(passed)[-1]["note"] == "Left a voicemail"
    assert "give a new --status" in one_error_line(
        passed("lead", "update", "1", "--status", "new", code=2)
    )


def test_research_leads_cannot_be_worked(group: Invoke) -> None:
    group(*hot(description="Short."))
    assert "INCOMPLETE" in one_error_line(
        group("lead", "update", "1", "--status", "contacted", code=1)
    )
    assert "INCOMPLETE" in one_error_line(group("lead", "contacted", "1", code=1))


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["lead", "update", "1", "--status", "pending"], 2, "unknown status 'pending'"),
        (["lead", "update", "1", "--status", "research"], 2, "unknown status 'research'"),
        (["lead", "update", "9", "--status", "lost"], 1, "no lead #9"),
        (["lead", "update", "x", "--status", "lost"], 2, "not a lead id"),
        (
            ["lead", "update", "1", "--status", "lost", "--at", "yesterday 25:00"],
            2,
            "invalid moment",
        ),
        (
            ["lead", "update", "1", "--status", "lost", "--note", "bad\x07bell"],
            2,
            "control character",
        ),
        (["lead", "contacted", "1", "--at", "tomorrow"], 2, "invalid moment"),
    ],
)
def test_bad_pipeline_input(passed: Invoke, args: list[str], code: int, message: str) -> None:
    before = passed("lead", "history", "1", "--json").stdout
    assert message in one_error_line(passed(*args, code=code))
    assert passed("lead", "history", "1", "--json").stdout == before


def test_show_tells_the_follow_up(passed: Invoke) -> None:
    out = passed("lead", "show", "1", env={"LEADCLI_NOW": "2026-11-19T07:01:00"}).stdout
    assert "OVERDUE since 2026-11-19 07:00" in out
    out = passed("lead", "show", "1", env={"LEADCLI_NOW": "2026-11-19T06:00:00"}).stdout
    assert "due by 2026-11-19 07:00" in out
