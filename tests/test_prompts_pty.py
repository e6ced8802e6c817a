"""Prompts behave alike, seen through a pseudo-terminal: Enter keeps the value in [brackets],
blank and whitespace answers are judged at once and asked again, Ctrl-C writes nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke
from ptykit import Talk, dump, rows, spawn


def attendance(db: Path, day: str) -> dict[str, tuple[str, str | None]]:
    found = rows(
        db,
        "SELECT m.name, a.status, a.substitute FROM attendance a "
        "JOIN members m ON m.id = a.member_id WHERE a.meeting = ?",
        day,
    )
    return {r["name"]: (r["status"], r["substitute"]) for r in found}


def run(db: Path, answers: dict[str, str | list[str]], *args: str) -> tuple[Talk, int]:
    talk = Talk(spawn(db, *args))
    talk.answer(answers)
    return talk, talk.finish()


def test_enter_keeps_a_substitutes_name_in_member_attend(group: Invoke, db_path: Path) -> None:
    first = {"Dan Dale": "s", "substitute's name": ["   ", "Sam Sub"], "Bob Baker": "late"}
    talk, status = run(db_path, first, "member", "attend", "--date", "2026-11-18")
    assert status == 0, talk.screen
    assert "an answer is needed here; try again" in talk.flat  # the blank name, at once
    assert attendance(db_path, "2026-11-18")["Dan Dale"] == ("substitute", "Sam Sub")
    # Again: Enter everywhere keeps what is recorded, the substitute's name included.
    talk, status = run(db_path, {}, "member", "attend", "--date", "2026-11-18")
    assert status == 0, talk.screen
    assert "Dan Dale [s]:" in talk.prompts
    assert "substitute's name [Sam Sub]:" in talk.prompts
    assert "Bob Baker [l]:" in talk.prompts
    assert attendance(db_path, "2026-11-18") == {
        "Ann Archer": ("present", None),
        "Bob Baker": ("late", None),
        "Cat Cole": ("present", None),
        "Dan Dale": ("substitute", "Sam Sub"),
    }


def test_a_bad_status_is_asked_again(group: Invoke, db_path: Path) -> None:
    talk, status = run(
        db_path, {"Ann Archer": ["bogus", "a"]}, "member", "attend", "--date", "2026-11-18"
    )
    assert status == 0, talk.screen
    assert "unknown attendance status 'bogus'" in talk.flat
    assert attendance(db_path, "2026-11-18")["Ann Archer"] == ("absent", None)


def test_ctrl_c_in_member_attend_writes_nothing(group: Invoke, db_path: Path) -> None:
    before = dump(db_path)
    talk = Talk(spawn(db_path, "member", "attend", "--date", "2026-11-18"))
    while (label := talk.next_prompt()) is not None:
        if "Cat Cole" in label:
            talk.interrupt()
            break
        talk.say("p")
    assert talk.finish() == 130
    assert "interrupted; nothing was written" in talk.flat
    assert dump(db_path) == before


def test_whitespace_name_or_category_in_member_add_is_asked_again(
    cli: Invoke, db_path: Path
) -> None:
    cli("init", "--name", "Downtown Leads")
    cli("member", "add", "Ann Archer", "--category", "Realtor")
    answers = {"Name": ["   ", "Fay Fox"], "Category": ["  ", "realtor", "Florist"]}
    talk, status = run(db_path, answers, "member", "add")
    assert status == 0, talk.screen
    assert talk.prompts.count("Name:") == 2
    assert talk.prompts.count("Category:") == 3
    assert "an answer is needed here; try again" in talk.flat
    assert "category 'realtor' is held by #1 Ann Archer; try again" in talk.flat
    added = rows(db_path, "SELECT name, category FROM members WHERE id = 2")
    assert tuple(added[0]) == ("Fay Fox", "Florist")


def test_long_messages_wrap_between_words_on_a_terminal(group: Invoke, db_path: Path) -> None:
    talk = Talk(spawn(db_path, "lead", "add", "--from", "Ann", "--type", "direct"))
    assert talk.next_prompt() == "To (the member receiving it):"
    talk.say("Ann")
    assert talk.next_prompt() == "To (the member receiving it):"  # asked again, with the reason
    talk.interrupt()
    assert talk.finish() == 130
    lines = talk.screen.splitlines()
    assert all(len(line) < 80 for line in lines), lines
    assert "a member cannot pass a lead to themselves; try again" in talk.flat
    first = next(i for i, line in enumerate(lines) if line.startswith("--from and --to"))
    # The reason goes on on the next line, indented, from a word's start.
    assert lines[first + 1].startswith("  ") and lines[first + 1].strip()[0].isalpha(), lines
    assert f"{lines[first]} {lines[first + 1].strip()}" in talk.flat
