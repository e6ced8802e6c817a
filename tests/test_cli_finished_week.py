"""A finished week's report never changes: later edits, voids and contacts appear in later weeks."""

from __future__ import annotations

import datetime as dt
import difflib
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


AT_11 = {"LEADCLI_NOW": "2026-11-11T20:00:00"}
AT_18 = {"LEADCLI_NOW": "2026-11-18T20:00:00"}


@pytest.fixture
def season(group: Invoke) -> Invoke:
    """Two meetings recorded in their own weeks: 11-11 (Dan not recorded) and 11-18 (all four)."""
    group("member", "attend", "Ann", "Bob", "Cat", "--date", "2026-11-11", env=AT_11)
    group(
        *hot(date="2026-11-11", heard="2026-11-09", company="Early Co"), env=AT_11
    )  # 1: Ann -> Bob
    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-11-18", env=AT_18)
    group(*hot(**{"from": "Cat", "to": "Dan"}, company="Late Co"), env=AT_18)  # 2: overdue
    group(*hot(**{"from": "Dan", "to": "Ann"}, company="Third Co"), env=AT_18)  # 3
    return group


def snapshot(cli: Invoke) -> dict[str, str]:
    """Every format of the report of the week of 11-18, and everyone's quota as of its last day."""
    shots = reports(cli)
    shots["csv-sections"] = "".join(
        cli(
            "report",
            "weekly",
            "--week",
            "2026-11-18",
            "--format",
            "csv",
            "--section",
            name,
            env=AFTER,
        ).stdout
        for name in ("members", "leads", "attendance", "sources", "research")
    )
    shots["week-11"] = cli("report", "weekly", "--week", "2026-11-11", "--json", env=AFTER).stdout
    for args in (("--json",), ()):
        shots[f"quota{args}"] = cli(
            "member", "quota", "--as-of", "2026-11-24", *args, env=AFTER
        ).stdout
    shots["quota-bob"] = cli(
        "member", "quota", "Bob", "--as-of", "2026-11-20", "--json", env=AFTER
    ).stdout
    return shots


def test_attendance_roster_and_late_contacts_after_the_week_change_nothing(season: Invoke) -> None:
    """Corrected marks, members marked absent, a departure, edits of the roster, a member added
    with an earlier joining day and a contact dated back into the week, all recorded after the
    week: the finished week reads byte for byte the same, and the present shows every change."""
    before = snapshot(season)
    data = json.loads(before["json"])
    assert data["attendance"]["present"] == 4 and data["attendance"]["absent"] == 0
    assert [o["id"] for o in data["followups_overdue"]] == [1, 2, 3]
    assert json.loads(before["week-11"])["attendance"]["not_recorded_names"] == ["Dan Dale"]
    season("member", "attend", "Bob", "--status", "absent", "--date", "2026-11-18", env=AFTER)
    season("member", "attend", "Ann", "--status", "late", "--date", "2026-11-18", env=AFTER)
    season("member", "attend", "--others", "absent", "--date", "2026-11-11", env=AFTER)
    season("member", "leave", "Dan", "--on", "2026-11-19", env=AFTER)
    season("member", "edit", "Cat", "--joined", "2026-11-11", "--name", "Cathy Cole", env=AFTER)
    season("member", "edit", "Bob", "--category", "Electrician", env=AFTER)
    season("member", "add", "Eve Eng", "--category", "Plumber", "--joined", "2026-11-04", env=AFTER)
    season("lead", "contacted", "2", "--at", "2026-11-19 09:00", env=AFTER)
    season("lead", "contacted", "3", env=AFTER)
    season("lead", "void", "1", "--reason", "typed twice", env=AFTER)
    after = snapshot(season)
    for name, text in before.items():
        assert after[name] == text, (
            name
            + "\n"
            + "\n".join(
                difflib.unified_diff(text.splitlines(), after[name].splitlines(), lineterm="")
            )
        )
    # Now, everything shows: the week running at AFTER reads the group as it is.
    now = json.loads(season("member", "quota", "--json", env=AFTER).stdout)
    names = {m["member"]["name"]: m for m in now}
    assert "Dan Dale" not in names and "Eve Eng" in names and "Cathy Cole" in names
    assert names["Bob Baker"]["member"]["category"] == "Electrician"
    assert names["Bob Baker"]["attendance"]["absences"] == 1
    week_11 = json.loads(
        season("member", "quota", "Cathy", "--as-of", "2026-11-30", "--json", env=AFTER).stdout
    )
    assert week_11["window"]["start"] == "2026-11-11"


def test_a_meeting_typed_in_after_its_week_belongs_to_it(season: Invoke) -> None:
    """A meeting nobody recorded in its week shows once it is typed in: it was never reported
    as anything but not recorded, and the week of its meeting is where it belongs."""
    season("meeting", "add", "2026-11-04", env=AT_11)
    empty = json.loads(
        season("report", "weekly", "--week", "2026-11-04", "--json", env=AFTER).stdout
    )
    assert empty["week"]["recorded"] is False
    season("member", "attend", "Ann", "Bob", "--date", "2026-11-04", env=AFTER)
    season("member", "attend", "--others", "absent", "--date", "2026-11-04", env=AFTER)
    typed = json.loads(
        season("report", "weekly", "--week", "2026-11-04", "--json", env=AFTER).stdout
    )
    assert typed["week"]["recorded"] is True
    assert (typed["attendance"]["present"], typed["attendance"]["absent"]) == (2, 2)


def test_quota_as_of_names_a_member_by_their_name_now(season: Invoke) -> None:
    season("member", "edit", "Bob", "--name", "Robert Baker", env=AFTER)
    then = season("member", "quota", "Robert", "--as-of", "2026-11-24", "--json", env=AFTER)
    assert json.loads(then.stdout)["member"]["name"] == "Bob Baker"
    season("member", "add", "Eve Eng", "--category", "Florist", "--joined", "2026-11-04", env=AFTER)
    refused = season("member", "quota", "Eve", "--as-of", "2026-11-24", code=1, env=AFTER)
    assert "was not on record yet" in refused.stderr


def test_json_flag_is_the_json_format(season: Invoke) -> None:
    flag = season("report", "weekly", "--week", "2026-11-18", "--json", env=AFTER).stdout
    named = season("report", "weekly", "--week", "2026-11-18", "--format", "json", env=AFTER)
    assert flag == named.stdout
    refused = season("report", "weekly", "--json", "--format", "csv", code=2)
    assert refused.stderr.startswith("Error: --json goes without --format csv")


def test_the_rebuild_reads_the_same_from_either_side(
    season: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changed leads found from the few events after the week, from many events after it, or
    from the leads dated up to it (as in a long history), give the same report."""
    from leadcli import asof

    season("lead", "contacted", "2", "--at", "2026-11-19 09:00", env=AFTER)
    season("lead", "edit", "3", "--company", "Renamed Co", env=AFTER)
    from_events = snapshot(season)
    monkeypatch.setattr(asof, "PROBE", 0)
    assert snapshot(season) == from_events
    monkeypatch.setattr(asof, "NEAR", 0)
    assert snapshot(season) == from_events
    assert "Renamed Co" not in from_events["json"]


def test_changed_leads_are_the_same_from_either_side(
    season: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leadcli import asof, clock, db, settings

    season("lead", "contacted", "2", "--at", "2026-11-19 09:00", env=AFTER)
    season("lead", "edit", "3", "--company", "Renamed Co", env=AFTER)
    conn = db.connect(db.resolve_path(None))
    day = dt.date(2026, 11, 18)
    stamp = clock.stamp(dt.datetime(2026, 11, 18, 23, 59, 59, tzinfo=settings.load(conn).tz))
    monkeypatch.setattr(asof, "PROBE", 0)
    monkeypatch.setattr(asof, "_fewer_events", lambda *args: True)
    from_events = asof._changed(conn, stamp, day)
    monkeypatch.setattr(asof, "_fewer_events", lambda *args: False)
    assert asof._changed(conn, stamp, day) == from_events
    assert from_events
    conn.close()
