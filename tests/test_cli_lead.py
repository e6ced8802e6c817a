from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line
from leadkit import hot


def lead_count(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        try:
            return conn.execute("SELECT count(*) FROM leads").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def add_json(cli: Invoke, *args: str, code: int = 0) -> dict:  # type: ignore[type-arg]
    return json.loads(cli(*args, "--json", code=code).stdout)


def test_a_hot_direct_referral(group: Invoke) -> None:
    data = add_json(group, *hot())
    assert data["id"] == 1 and data["verdict"] == "HOT" and data["score"] == 100
    assert (
        data["status"] == "new"
        and data["giver"] == "Ann Archer"
        and data["receiver"] == "Bob Baker"
    )
    assert data["phones"] == ["+14155550142"] and data["email"] == "john@acme.example"
    for key in (
        "id",
        "date",
        "type",
        "giver",
        "receiver",
        "company",
        "contact",
        "status",
        "verdict",
        "score",
        "amount",
    ):
        assert key in data
    check = data["check"]
    assert check["publishable"] is True and check["verdict"] == "HOT"
    assert {r["code"] for r in check["results"]} >= {"R001", "R004", "H101", "H108", "W201"}
    assert all(r["status"] in ("pass", "skip") for r in check["results"])


def test_human_output_names_verdict_and_failed_rules(group: Invoke) -> None:
    out = group(*hot(heard="2026-10-01", may_use_name=None)).stdout
    assert "Saved lead #1" in out and "meeting of Wednesday 2026-11-18" in out
    assert "WARM" in out or "HOT" in out
    assert "H101" in out and "timely" in out and "H105" in out and "--heard" in out


def test_incomplete_goes_to_research_and_edit_fixes_it(group: Invoke) -> None:
    data = add_json(group, *hot(description="Needs a plumber."))
    assert data["verdict"] == "INCOMPLETE" and data["status"] == "research"
    assert any(r["code"] == "R001" and r["status"] == "fail" for r in data["check"]["results"])
    out = group(
        "lead",
        "edit",
        "1",
        "--description",
        "John Smith at Acme needs the whole building re-piped before January.",
    ).stdout
    assert "research → new" in out
    shown = json.loads(group("lead", "show", "1", "--json").stdout)
    assert shown["status"] == "new" and shown["verdict"] != "INCOMPLETE"
    kinds = [e["kind"] for e in json.loads(group("lead", "history", "1", "--json").stdout)]
    assert kinds == ["created", "edited"]


def test_to_equal_to_from_is_refused(group: Invoke, db_path: Path) -> None:
    result = group(*hot(to="Ann"), code=2)
    assert "--from and --to name the same member" in one_error_line(result)
    assert lead_count(db_path) == 0
    group(*hot())
    result = group("lead", "edit", "1", "--to", "Ann Archer", code=2)
    assert "--from and --to name the same member" in one_error_line(result)
    assert json.loads(group("lead", "show", "1", "--json").stdout)["receiver"] == "Bob Baker"


def test_general_opportunity_needs_no_receiver(group: Invoke) -> None:
    data = add_json(
        group, *hot(type="general-opportunity", to=None, expecting_call=None, need_discussed=None)
    )
    assert data["receiver"] is None
    results = {r["code"]: r["status"] for r in data["check"]["results"]}
    assert results["H106"] == "skip" and results["H107"] == "skip" and results["R004"] == "pass"


def test_member_need_uses_the_givers_record(group: Invoke) -> None:
    data = add_json(
        group,
        *hot(type="member-need", company=None, contact=None, phone=None, email=None, title=None),
    )
    results = {r["code"]: r["status"] for r in data["check"]["results"]}
    assert results["R002"] == "pass" and results["R003"] == "pass"


def test_type_prefixes(group: Invoke) -> None:
    assert add_json(group, *hot(type="specific"))["type"] == "specific-service"


def test_repeatable_phones_and_alternate_contacts(group: Invoke) -> None:
    args = hot() + [
        "--phone",
        "(212) 555-0199",
        "--alt-contact",
        "Mary Smith, office manager",
        "--alt-contact",
        "Joe",
    ]
    data = add_json(group, *args)
    assert data["phones"] == ["+14155550142", "+12125550199"]
    assert data["alt_contacts"] == ["Mary Smith, office manager", "Joe"]


def test_default_date_is_the_latest_meeting_day_recorded_or_not(group: Invoke) -> None:
    group("member", "attend", "Ann", "--date", "2026-11-11")
    data = add_json(group, *hot(date=None, heard="2026-11-09"))
    assert data["date"] == "2026-11-18"


def test_leads_and_attendance_default_to_the_same_meeting(group: Invoke) -> None:
    group("meeting", "add", "2026-11-18", "--holiday")
    lead = add_json(group, *hot(date=None, heard="2026-11-09"))
    attended = group("member", "attend", "Ann").stdout
    assert lead["date"] == "2026-11-11"
    assert "Meeting of Wednesday 2026-11-11" in attended


def test_default_date_without_meetings_is_the_regular_day(group: Invoke) -> None:
    assert add_json(group, *hot(date=None))["date"] == "2026-11-18"


@pytest.mark.parametrize(
    ("overrides", "extra", "code", "message"),
    [
        ({}, ["--phone", "555-12"], 2, "invalid phone for --phone: '555-12'"),
        ({"email": "john@"}, [], 2, "invalid email for --email"),
        ({}, ["--website", "call Mia about the heater"], 2, "invalid website for --website"),
        ({}, ["--website", "mia@hilldental.com"], 2, "invalid website for --website"),
        ({}, ["--website", "https://"], 2, "invalid website for --website"),
        ({"from": "Zed"}, [], 1, "no member named 'Zed'"),
        ({"to": "#99"}, [], 1, "no member #99"),
        ({"type": "gossip"}, [], 2, "unknown lead type 'gossip'"),
        ({"date": "2026-02-30"}, [], 2, "impossible date for --date"),
        ({"heard": "last month"}, [], 2, "invalid date for --heard"),
        ({"decision": "soon"}, [], 2, "invalid date for --decision"),
        ({"heard": "2026-11-19"}, [], 2, "is after the meeting of 2026-11-18"),
        ({"contact": "John\x1b[2JSmith"}, [], 2, "--contact contains the control character U+001B"),
        ({"notes": "evil\u202etxt"}, [], 2, "U+202E"),
        ({"parent": "7"}, [], 1, "no lead #7"),
        ({"parent": "seven"}, [], 2, "not a lead id"),
    ],
)
def test_refused_input_writes_nothing(
    group: Invoke,
    db_path: Path,
    overrides: dict,
    extra: list[str],
    code: int,
    message: str,  # type: ignore[type-arg]
) -> None:
    result = group(*hot(**overrides), *extra, code=code)
    assert message in one_error_line(result)
    assert result.stdout == "" and lead_count(db_path) == 0


def test_a_lead_before_joining_moves_the_joined_date_back(group: Invoke) -> None:
    result = group(*hot(date="2025-12-31", heard=None))
    assert "Saved lead #1" in result.stdout
    assert "note: Ann Archer joined 2026-01-07; the joined date is now 2025-12-31" in result.stderr
    assert "note: Bob Baker joined 2026-01-07; the joined date is now 2025-12-31" in result.stderr
    joined = {m["name"]: m["joined"] for m in json.loads(group("member", "list", "--json").stdout)}
    assert joined["Ann Archer"] == joined["Bob Baker"] == "2025-12-31"
    group("lead", "edit", "1", "--date", "2025-12-24")
    assert json.loads(group("member", "show", "Ann", "--json").stdout)["joined"] == "2025-12-24"


def test_a_lead_after_leaving_is_refused(group: Invoke, db_path: Path) -> None:
    group("member", "leave", "Bob", "--on", "2026-11-01")
    line = one_error_line(group(*hot(), code=1))
    assert "the receiver #2 Bob Baker left on 2026-11-01, before 2026-11-18" in line
    assert lead_count(db_path) == 0


def test_ambiguous_member(group: Invoke) -> None:
    group("member", "add", "Annie Ames", "--category", "Baker", "--joined", "2026-01-07")
    line = one_error_line(group(*hot(**{"from": "Ann"[:2]}), code=1))
    assert "matches several members" in line and "#1 Ann Archer" in line


def test_missing_required_values_without_a_terminal(group: Invoke, db_path: Path) -> None:
    line = one_error_line(group("lead", "add", "--company", "Acme", code=2))
    assert "missing --from, --type, --to" in line
    assert lead_count(db_path) == 0


def test_prompts_for_required_values_on_a_terminal(
    group: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leadcli.commands import _common

    monkeypatch.setattr(_common, "interactive", lambda: True)
    args = [
        a for a in hot() if a not in ("--from", "Ann", "--to", "Bob", "--type", "direct-referral")
    ]
    # The guided slip asks the type, giver and receiver, then the fields not given (Enter skips
    # them; at the last question Enter is refused until s saves).
    group(*args, input="direct\nAnn\nBob\n" + "\n" * 40 + "s\n")
    data = json.loads(group("lead", "show", "1", "--json").stdout)
    assert (
        data["giver"] == "Ann Archer"
        and data["receiver"] == "Bob Baker"
        and data["type"] == "direct-referral"
    )


def test_a_bad_answer_is_asked_again(group: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from leadcli.commands import _common

    monkeypatch.setattr(_common, "interactive", lambda: True)
    args = [
        a for a in hot() if a not in ("--from", "Ann", "--to", "Bob", "--type", "direct-referral")
    ]
    result = group(*args, input="direct referal\ndirect\nZed\nAnn\nBob\n" + "\n" * 40 + "s\n")
    assert (
        "no member named 'Zed' (`leadcli member list` shows the roster); try again" in result.stderr
    )
    assert "unknown lead type 'direct referal'" in result.stderr
    assert json.loads(group("lead", "show", "1", "--json").stdout)["receiver"] == "Bob Baker"


def test_markup_is_literal_everywhere(group: Invoke) -> None:
    hostile = "[bold]Acme[/] :smile: [/]"
    group(
        *hot(company=hostile, contact="[red]John[/red]", description="Needs [link=x]help[/link].")
    )
    for args in (["lead", "show", "1"], ["lead", "list"], ["lead", "check", "1"]):
        out = group(*args, code=None).stdout
        assert hostile in out, args
    assert "[red]John[/red]" in group("lead", "show", "1").stdout
    assert "[link=x]help[/link]" in group("lead", "show", "1").stdout


def test_duplicates_name_the_other_lead(group: Invoke) -> None:
    group(*hot())
    data = add_json(
        group, *hot(company="ACME plumbing, LLC", phone="212-555-0199", email="x@y.example")
    )
    w201 = [r for r in data["check"]["results"] if r["code"] == "W201"][0]
    assert w201["status"] == "warn" and "#1" in w201["message"]


def test_list_filters(group: Invoke) -> None:
    group(*hot())
    group(*hot(**{"from": "Cat", "to": "Dan"}, date="2026-11-11", heard="2026-11-10"))
    group(*hot(description="Too short."))

    def ids(*args: str) -> list[int]:
        return [r["id"] for r in json.loads(group("lead", "list", *args, "--json").stdout)]

    assert ids() == [3, 1, 2]  # newest first
    assert ids("--week", "2026-11-20") == [3, 1]
    assert ids("--from", "Cat") == [2]
    assert ids("--to", "Bob") == [3, 1]
    assert ids("--verdict", "incomplete") == [3]
    assert ids("--status", "research") == [3]
    assert "unknown verdict" in one_error_line(group("lead", "list", "--verdict", "TEPID", code=2))
    assert "unknown status" in one_error_line(group("lead", "list", "--status", "maybe", code=2))


def test_show_parent_and_spin_offs(group: Invoke) -> None:
    group(*hot())
    group(
        *hot(
            **{"from": "Bob", "to": "Cat"},
            company="Acme Realty",
            parent="1",
            phone="212-555-0100",
            email="r@acme-realty.example",
        )
    )
    data = json.loads(group("lead", "show", "2", "--json").stdout)
    assert data["parent"] == 1 and data["parents"] == [1]
    assert json.loads(group("lead", "show", "1", "--json").stdout)["spin_offs"] == [2]
    out = group("lead", "show", "1").stdout
    assert "Spin-offs: #2" in out
    assert "Came from: #1" in group("lead", "show", "2").stdout


def test_parent_cycle_is_refused(group: Invoke) -> None:
    group(*hot())
    group(*hot(parent="1", company="Other Co", phone="212-555-0100", email="o@other.example"))
    assert "cycle" in one_error_line(group("lead", "edit", "1", "--parent", "2", code=1))
    assert "its own parent" in one_error_line(group("lead", "edit", "1", "--parent", "1", code=1))


def test_edit_refuses_bad_input_and_changes_nothing(group: Invoke) -> None:
    group(*hot())
    before = group("lead", "show", "1", "--json").stdout
    assert "invalid phone" in one_error_line(group("lead", "edit", "1", "--phone", "123", code=2))
    assert "nothing to change" in one_error_line(group("lead", "edit", "1", code=2))
    assert "no lead #9" in one_error_line(group("lead", "edit", "9", "--title", "CEO", code=1))
    assert group("lead", "show", "1", "--json").stdout == before


def test_edit_clears_a_field_with_an_empty_value(group: Invoke) -> None:
    group(*hot())
    group("lead", "edit", "1", "--email", "", "--phone", "")
    data = json.loads(group("lead", "show", "1", "--json").stdout)
    assert data["email"] is None and data["phones"] == []


def test_history_is_append_only_and_complete(group: Invoke) -> None:
    group(*hot())
    group("lead", "edit", "1", "--title", "CEO")
    events = json.loads(group("lead", "history", "1", "--json").stdout)
    assert [e["kind"] for e in events] == ["created", "edited"]
    assert events[1]["detail"]["changes"] == {"title": ["Owner", "CEO"]}
    assert "title: Owner → CEO" in group("lead", "history", "1").stdout


def test_history_shows_phones_as_everywhere_else(group: Invoke) -> None:
    group(*hot(phone="415-555-0142"))
    group("lead", "edit", "1", "--phone", "(212) 555-0100")
    events = json.loads(group("lead", "history", "1", "--json").stdout)
    assert events[1]["detail"]["changes"]["phones"] == [["+14155550142"], ["+12125550100"]]
    assert "phone: (415) 555-0142 → (212) 555-0100" in group("lead", "history", "1").stdout


def test_history_says_fields_as_the_options_people_type(group: Invoke) -> None:
    group(*hot())
    group(
        "lead", "edit", "1", "--value", "4500", "--prospect", "person", "--to", "Cat",
        "--may-not-use-name", "--not-decision-maker",
    )  # fmt: skip
    events = json.loads(group("lead", "history", "1", "--json").stdout)
    changes = events[1]["detail"]["changes"]
    assert changes["value_cents"] == [None, 450_000]  # JSON keeps the stored fields
    shown = " ".join(group("lead", "history", "1").stdout.split())
    for said in (
        "value: - → $4,500.00",
        "prospect: - → person",
        "to: Bob Baker → Cat Cole",
        "may-use-name: yes → no",
        "decision-maker: - → no",
    ):
        assert said in shown
    for raw in ("value_cents", "prospect_type", "receiver_id", "may_use_name", "450000"):
        assert raw not in shown


def test_add_echoes_the_dates_it_resolved(group: Invoke) -> None:
    # LEADCLI_NOW is Thursday 2026-11-19: "mon" is 2026-11-16.
    out = group(*hot(heard="mon", decision="12/15/2026")).stdout
    assert "Heard of it Monday 2026-11-16; decision expected Tuesday 2026-12-15." in out


def test_a_meeting_still_to_come_is_noted(group: Invoke) -> None:
    result = group(*hot(date="11/25/26", heard=None))
    assert "Given at the meeting of Wednesday 2026-11-25." in result.stdout
    assert "note: the meeting of 2026-11-25 is in the future" in result.stderr
    assert "in the future" not in group(*hot(company="Other Co")).stderr


def test_a_spin_off_is_no_duplicate_of_its_parent(group: Invoke) -> None:
    group(*hot())
    child = json.loads(group(*hot(parent="1"), "--json").stdout)["check"]["results"]
    assert {r["code"]: r["status"] for r in child}["W201"] == "pass"
    twin = json.loads(group(*hot(), "--json").stdout)["check"]["results"]
    assert {r["code"]: r["message"] for r in twin}["W201"].startswith(
        "possibly the same prospect as #1"
    )


def test_a_lead_given_on_a_holiday_is_noted(group: Invoke) -> None:
    group("meeting", "add", "2026-11-11", "--holiday")
    result = group(*hot(date="2026-11-11", heard=None))
    assert "note: the meeting of 2026-11-11 is marked a holiday" in result.stderr


def test_edit_names_the_options_changed_and_the_dates_understood(group: Invoke) -> None:
    group(*hot())
    out = group("lead", "edit", "1", "--to", "Cat", "--heard", "tue", "--alt-contact", "Mo").stdout
    assert out.splitlines()[0] == "Updated lead #1: --alt-contact, --heard, --to"
    assert out.splitlines()[1] == "Heard of it Tuesday 2026-11-17."
