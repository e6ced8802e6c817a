"""The guided slip: `lead add` on a terminal with values missing, driven through a pseudo-terminal
of 80x24: the questions it asks for each lead type, answers refused and asked again, the slip and
its verdict before saving, edit, cancel and Ctrl-C (nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from ptykit import COLUMNS, ROWS, Talk, dump, rows, spawn

DESCRIPTION = (
    "John Smith is opening a second shop on Main Street in January and needs the whole "
    "building re-piped, a new water heater and a maintenance contract for both shops."
)

# Each lead type's slip, answered by what each question asks.
DIRECT = {
    "Type (": "1",
    "From (": "Ann",
    "To (": "Bob",
    "business or a person": "b",
    "company": "Acme Plumbing Inc",
    "Contact (": "John Smith",
    "title": "Owner",
    "Phone": "415-555-0142",
    "Email": "john@acme.example",
    "Address": "Springfield, IL",
    "What do they want": DESCRIPTION,
    "specific need": "re-piping and a water heater",
    "hear of it": "mon",
    "decide?": "12/15/2026",
    "paper or online": "n",
    "use your name": "y",
    "expecting the call": "y",
    "discuss the need": "y",
    "make the decision": "y",
    "buying, exploring": "buying",
    "worth": "12000",
    "lead come from": "past client",
    "[s]ave": "s",
}
NEED = {
    "Type (": "member-need",
    "From (": "Ann",  # a member need: the giver is the prospect, reached by her own phone
    "To (": "Bob",
    "What do they want": "Ann is re-plumbing the kitchen of her own house in January, sink and all",
    "hear of it": "mon",
    "decide?": "2/1/2027",
    "[s]ave": "s",
}
SERVICE = {
    "Type (": "3",
    "From (": "Dan",
    "To (": "Cat",
    "business or a person": "p",
    "Contact (": "Mary Major",
    "Phone": "415-555-0177",
    "What do they want": "Mary Major needs her estate and two rental properties planned before March",
    "[s]ave": "s",
}
OPPORTUNITY = {
    "Type (": "4",
    "From (": "Bob",
    "company": "Big Box Co",
    "Contact (": "Pat Post",
    "Email": "pat@bigbox.example",
    "What do they want": "Big Box Co is moving its head office downtown in the spring, needs everything",
    "[s]ave": "s",
}


def guided(db: Path, answers: dict[str, str | list[str]], *args: str) -> tuple[Talk, int]:
    talk = Talk(spawn(db, "lead", "add", *args))
    talk.answer(answers)
    return talk, talk.finish()


def lead(db: Path, lead_id: int = 1) -> dict[str, object]:
    found = rows(db, "SELECT * FROM leads WHERE id = ?", lead_id)
    assert found, "no lead saved"
    return dict(found[0])


def test_a_direct_referral_asks_every_field_in_slip_order(group: Invoke, db_path: Path) -> None:
    talk, status = guided(db_path, DIRECT)
    assert status == 0, talk.screen
    saved = lead(db_path)
    assert (saved["type"], saved["company"], saved["contact"], saved["title"]) == (
        "direct-referral",
        "Acme Plumbing Inc",
        "John Smith",
        "Owner",
    )
    assert json.loads(str(saved["phones"])) == ["+14155550142"]
    assert (saved["heard"], saved["decision"], saved["public"], saved["expecting_call"]) == (
        "2026-11-16",
        "2026-12-15",
        0,
        1,
    )
    assert (saved["value_cents"], saved["intent"], saved["source"]) == (
        1200000,
        "buying",
        "past client",
    )
    assert saved["verdict"] == "HOT"
    # Slip order: type, giver, receiver, the prospect, contact, title, phones, email, ...
    order = ["Type (", "From (", "To (", "business or a person", "company", "Contact (", "title"]
    order += ["Phone", "Email", "What do they want", "hear of it", "decide?", "paper or online"]
    order += ["expecting the call", "worth", "lead come from", "earlier lead", "[s]ave"]
    seen = [next(i for i, p in enumerate(talk.prompts) if key in p) for key in order]
    assert seen == sorted(seen), talk.prompts
    # Saved: it prints what `lead add` prints.
    assert "Saved lead #1: direct-referral, Ann Archer → Bob Baker" in talk.flat
    assert "HOT" in talk.screen.split("Saved lead #1")[1]


def test_a_member_need_asks_no_contact_questions(group: Invoke, db_path: Path) -> None:
    talk, status = guided(db_path, NEED)
    assert status == 0, talk.screen
    for absent in ("Contact (", "Phone", "Email", "title", "paper or online", "expecting the call"):
        assert not any(absent in p for p in talk.prompts), (absent, talk.prompts)
    saved = lead(db_path)
    assert (saved["type"], saved["giver_id"], saved["receiver_id"]) == ("member-need", 1, 2)
    assert saved["verdict"] != "INCOMPLETE"


def test_a_person_prospect_is_not_asked_a_title_or_website(group: Invoke, db_path: Path) -> None:
    talk, status = guided(db_path, SERVICE)
    assert status == 0, talk.screen
    for absent in ("title", "Website", "company", "make the decision"):
        assert not any(absent in p for p in talk.prompts), (absent, talk.prompts)
    saved = lead(db_path)
    assert (saved["type"], saved["prospect_type"], saved["contact"]) == (
        "specific-service",
        "person",
        "Mary Major",
    )


def test_after_saving_the_unmet_rules_are_counted_not_listed_again(
    group: Invoke, db_path: Path
) -> None:
    talk, status = guided(db_path, SERVICE)  # a thin slip: several rules unmet
    assert status == 0, talk.screen
    after = talk.flat.split("Saved lead #1")[1]
    assert "not met, as the slip showed; the reasons: leadcli lead check 1" in after
    assert "How to fix each" not in after


def test_a_general_opportunity_has_no_receiver(group: Invoke, db_path: Path) -> None:
    talk, status = guided(db_path, OPPORTUNITY)
    assert status == 0, talk.screen
    assert not any("To (" in p for p in talk.prompts)
    assert not any("expecting the call" in p or "discuss the need" in p for p in talk.prompts)
    saved = lead(db_path)
    assert (saved["type"], saved["receiver_id"], saved["email"]) == (
        "general-opportunity",
        None,
        "pat@bigbox.example",
    )
    assert "→ the whole room" in talk.flat


def test_the_slip_and_its_verdict_fit_the_screen_before_saving(
    group: Invoke, db_path: Path
) -> None:
    # A thin slip: INCOMPLETE, with many rules to raise it.
    talk, status = guided(
        db_path,
        {"Type (": "1", "From (": "Ann", "To (": "Bob", "Contact (": "Jo", "[s]ave": "c"},
    )
    assert status == 0, talk.screen
    last = talk.screen.split("── The slip")[-1]
    block = ("── The slip" + last).split("[s]ave, [e]dit a field, [c]ancel")[0].splitlines()
    assert len(block) + 1 <= ROWS, block
    assert all(len(line) <= COLUMNS for line in block), block
    assert "Verdict now: INCOMPLETE" in last
    assert "What would raise it" in last
    assert "R003 → 8 phone, 9 email" in last  # the rule, and the fields that would pass it


def test_the_verdict_shown_is_the_verdict_saved(group: Invoke, db_path: Path) -> None:
    answers = dict(DIRECT) | {"use your name": "n", "title": "", "worth": ""}
    talk, status = guided(db_path, answers)
    assert status == 0, talk.screen
    saved = lead(db_path)
    assert f"Verdict now: {saved['verdict']} {saved['score']}/100" in talk.flat


def test_edit_a_field_then_save(group: Invoke, db_path: Path) -> None:
    answers = dict(DIRECT) | {
        "[s]ave": ["e", "s"],
        "Which field": "contact",
        "Contact (": ["John Smith", "Jane Doe"],
    }
    talk, status = guided(db_path, answers)
    assert status == 0, talk.screen
    assert "Contact (the person to call) [John Smith]:" in talk.prompts
    assert lead(db_path)["contact"] == "Jane Doe"
    assert talk.screen.count("Verdict now:") == 2  # shown again after the edit


def test_edit_by_number_and_enter_keeps_the_value(group: Invoke, db_path: Path) -> None:
    answers = dict(DIRECT) | {"[s]ave": ["e", "e", "s"], "Which field": ["6", "99", "email"]}
    answers["Email"] = ["john@acme.example", "not-an-email", "jo@acme.example"]
    talk, status = guided(db_path, answers)
    assert status == 0, talk.screen
    assert "no field '99' on this slip" in talk.flat
    assert "--email" in talk.screen.split("not-an-email")[1]  # the reason, then asked again
    saved = lead(db_path)
    assert (saved["contact"], saved["email"]) == ("John Smith", "jo@acme.example")


def test_cancel_writes_nothing(group: Invoke, db_path: Path) -> None:
    before = dump(db_path)
    talk, status = guided(db_path, dict(DIRECT) | {"[s]ave": "c"})
    assert status == 0, talk.screen
    assert "Cancelled; nothing was written." in talk.flat
    assert dump(db_path) == before


@pytest.mark.parametrize("at", ["Type (", "To (", "hear of it", "[s]ave"])
def test_ctrl_c_at_a_prompt_exits_130_and_writes_nothing(
    group: Invoke, db_path: Path, at: str
) -> None:
    before = dump(db_path)
    talk = Talk(spawn(db_path, "lead", "add"))
    answers = dict(DIRECT)
    while (label := talk.next_prompt()) is not None:
        if at in label:
            talk.interrupt()
            break
        talk.say(Talk.pick(answers, label))
    assert talk.finish() == 130
    assert "interrupted; nothing was written" in talk.flat
    assert dump(db_path) == before


def test_an_unknown_member_is_asked_again(group: Invoke, db_path: Path) -> None:
    answers = dict(DIRECT) | {"From (": ["Zed", "Ann"], "To (": ["Ann", "Bob"]}
    talk, status = guided(db_path, answers)
    assert status == 0, talk.screen
    assert "no member named 'Zed'" in talk.flat
    assert "a member cannot pass a lead to themselves" in talk.flat
    assert sum("From (" in p for p in talk.prompts) == 2
    assert sum("To (" in p for p in talk.prompts) == 2
    saved = lead(db_path)
    assert (saved["giver_id"], saved["receiver_id"]) == (1, 2)


def test_a_bad_phone_or_date_is_asked_again_with_the_reason(group: Invoke, db_path: Path) -> None:
    answers = dict(DIRECT) | {
        "Phone": ["555", "415-555-0142"],
        "hear of it": ["last week", "tomorrow", "mon"],
        "paper or online": ["maybe", "n"],
    }
    talk, status = guided(db_path, answers)
    assert status == 0, talk.screen
    screen = talk.flat
    assert "invalid phone for --phone: '555'" in screen
    assert "invalid date for --heard: 'last week'" in screen
    assert "answer y(es) or n(o), not 'maybe'" in screen
    assert sum("hear of it" in p for p in talk.prompts) == 3
    assert lead(db_path)["heard"] == "2026-11-16"


def test_options_given_are_not_asked_again(group: Invoke, db_path: Path) -> None:
    talk, status = guided(
        db_path,
        {"To (": "Bob", "[s]ave": "s"},
        "--from",
        "Ann",
        "--type",
        "direct",
        "--contact",
        "John Smith",
    )
    assert status == 0, talk.screen
    for given in ("From (", "Type (", "Contact ("):
        assert not any(given in p for p in talk.prompts), (given, talk.prompts)
    saved = lead(db_path)
    assert (saved["giver_id"], saved["contact"], saved["status"]) == (1, "John Smith", "research")


def test_a_bad_option_is_refused_before_any_question(group: Invoke, db_path: Path) -> None:
    talk = Talk(spawn(db_path, "lead", "add", "--phone", "555"))
    assert talk.next_prompt() is None
    assert talk.finish() == 2
    assert "invalid phone for --phone" in talk.flat


def test_a_new_type_drops_what_it_does_not_take_and_asks_what_it_needs(
    group: Invoke, db_path: Path
) -> None:
    answers = dict(DIRECT) | {
        "[s]ave": ["e", "e", "s"],
        "Which field": ["type", "type"],
        "Type (": ["1", "4", "direct"],
        "To (": ["Bob", "Cat"],
    }
    talk, status = guided(db_path, answers)
    assert status == 0, talk.screen
    assert "to (Bob Baker) dropped: a general-opportunity does not take it" in talk.flat
    assert "expecting-call (yes) dropped" in talk.flat
    # Asked again once the type takes them again.
    assert sum("To (" in p for p in talk.prompts) == 2
    assert sum("expecting the call" in p for p in talk.prompts) == 2
    saved = lead(db_path)
    assert (saved["type"], saved["receiver_id"], saved["expecting_call"]) == (
        "direct-referral",
        3,
        1,
    )


def test_a_date_is_said_as_understood_and_a_field_cleared_with_a_dash(
    group: Invoke, db_path: Path
) -> None:
    answers = dict(DIRECT) | {
        "hear of it": "tue",
        "[s]ave": ["e", "s"],
        "Which field": "title",
        "title": ["Owner", "-"],
    }
    talk, status = guided(db_path, answers)
    assert status == 0, talk.screen
    assert "that is Tuesday 2026-11-17" in talk.flat
    assert "The contact's title [Owner]:" in talk.prompts
    saved = lead(db_path)
    assert (saved["heard"], saved["title"]) == ("2026-11-17", None)


def test_ctrl_d_at_a_prompt_writes_nothing(group: Invoke, db_path: Path) -> None:
    before = dump(db_path)
    talk = Talk(spawn(db_path, "lead", "add"))
    assert talk.next_prompt() == "Type (1-4):"
    talk.child.sendeof()
    assert talk.finish() == 130
    assert "interrupted; nothing was written" in talk.flat
    assert dump(db_path) == before


def test_a_business_become_a_person_drops_the_title(group: Invoke, db_path: Path) -> None:
    answers = dict(DIRECT) | {
        "[s]ave": ["e", "s"],
        "Which field": "prospect",
        "business or a person": ["b", "p"],
    }
    talk, status = guided(db_path, answers)
    assert status == 0, talk.screen
    assert "title (Owner) dropped: a person does not take it" in talk.flat
    saved = lead(db_path)
    assert (saved["prospect_type"], saved["title"], saved["company"]) == ("person", None, None)


def test_with_json_the_questions_go_to_stderr_and_stdout_is_json(
    group: Invoke, db_path: Path, tmp_path: Path
) -> None:
    import os
    import shlex
    import sys

    import pexpect

    out = tmp_path / "out.json"
    command = shlex.join([sys.executable, "-m", "leadcli", "--db", str(db_path), "lead", "add"])
    child = pexpect.spawn(
        "bash",
        ["-c", f"{command} --json > {shlex.quote(str(out))}"],
        env=dict(os.environ) | {"TERM": "xterm"},
        dimensions=(ROWS, COLUMNS),
        encoding="utf-8",
        timeout=120,
    )
    talk = Talk(child)
    talk.answer(OPPORTUNITY)
    assert talk.finish() == 0, talk.screen
    assert "From (" in talk.screen  # asked on the terminal
    saved = json.loads(out.read_text())
    assert (saved["type"], saved["company"]) == ("general-opportunity", "Big Box Co")
