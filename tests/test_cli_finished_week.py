"""A finished week's report never changes: later edits, voids and contacts appear in later weeks."""

from __future__ import annotations

import json

import pytest

from conftest import Invoke
from leadkit import hot

AFTER = {"LEADCLI_NOW": "2026-11-27T10:00:00"}  # the week of 11-18 ended on 11-24
FORMATS = ("text", "markdown", "json", "csv", "html")


@pytest.fixture
def week(group: Invoke) -> Invoke:
    """The meeting of 11-18: two leads INCOMPLETE, one overdue, one won, recorded that week."""
    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-11-18")
    group(*hot())  # 1: HOT Ann -> Bob, not contacted: overdue
    group(*hot(company="Gap Co", phone=None, email=None))  # 2: INCOMPLETE
    group(*hot(**{"from": "Cat", "to": "Dan"}, company="Gap Two", phone=None, email=None))  # 3
    group(*hot(**{"from": "Dan", "to": "Cat"}, company="Won Co", phone="212-555-0133"))  # 4
    group("lead", "update", "4", "--status", "won", "--amount", "900", "--at", "2026-11-19 09:00")
    return group


def reports(cli: Invoke) -> dict[str, str]:
    return {
        fmt: cli("report", "weekly", "--week", "2026-11-18", "--format", fmt, env=AFTER).stdout
        for fmt in FORMATS
    }


def test_edits_voids_and_contacts_after_the_week_change_nothing(week: Invoke) -> None:
    """`report weekly --week 2026-11-18` run twice after the week, with changes between: the same bytes."""
    before = reports(week)
    data = json.loads(before["json"])
    assert data["leads"]["by_verdict"]["INCOMPLETE"] == 2
    assert [o["id"] for o in data["followups_overdue"]] == [1]
    assert data["thanks_due"][0]["amount"] == 900.0
    week("lead", "edit", "2", "--phone", "415-555-0177", env=AFTER)  # leaves research
    week("lead", "void", "3", "--reason", "typed twice", env=AFTER)
    week("lead", "contacted", "1", env=AFTER)
    week("lead", "update", "4", "--amount", "1200", env=AFTER)  # a correction
    week("lead", "edit", "4", "--company", "Renamed Co", env=AFTER)
    after = reports(week)
    for fmt in FORMATS:
        assert after[fmt] == before[fmt], fmt
    # The corrections do appear now, in the current week's report and in the lead itself.
    now = json.loads(week("report", "weekly", "--format", "json", env=AFTER).stdout)
    assert now["week"]["start"] == "2026-11-25"
    assert [w["id"] for w in now["research"]] == []
    shown = json.loads(week("lead", "show", "4", "--json", env=AFTER).stdout)
    assert shown["amount"] == 1200.0 and shown["company"] == "Renamed Co"


def test_a_week_still_running_shows_the_latest(week: Invoke) -> None:
    first = json.loads(week("report", "weekly", "--format", "json").stdout)
    week("lead", "edit", "2", "--phone", "415-555-0177")
    second = json.loads(week("report", "weekly", "--format", "json").stdout)
    assert first["leads"]["by_verdict"]["INCOMPLETE"] == 2
    assert second["leads"]["by_verdict"]["INCOMPLETE"] == 1


def test_quota_as_of_a_past_day_reads_the_leads_as_they_stood(week: Invoke) -> None:
    def bob() -> dict[str, object]:
        out = week("member", "quota", "Bob", "--as-of", "2026-11-24", "--json", env=AFTER).stdout
        return json.loads(out)

    before = bob()
    assert before["followups_overdue"] == 1
    week("lead", "contacted", "1", env=AFTER)
    assert bob() == before
    now = json.loads(week("member", "quota", "Bob", "--json", env=AFTER).stdout)
    assert now["followups_overdue"] == 0
