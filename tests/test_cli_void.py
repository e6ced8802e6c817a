"""`lead void`: a lead entered by mistake stays in its history and counts nowhere."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import Invoke, one_error_line
from leadkit import hot


def data(cli: Invoke, *args: str) -> object:
    return json.loads(cli(*args, "--json").stdout)


def test_void_keeps_the_lead_and_counts_it_nowhere(group: Invoke, db_path: Path) -> None:
    group(*hot())
    group(*hot(company="Other Co", phone="415-555-0177", email="x@other.example"))
    quota_before = data(group, "member", "quota", "Ann", "--as-of", "2026-11-19")
    out = group("lead", "void", "1", "--reason", "typed twice").stdout
    assert out.startswith("Voided lead #1 (direct-referral, Ann Archer → Bob Baker")
    # gone from the lists, the quota, the weekly report and the sources
    assert [lead["id"] for lead in data(group, "lead", "list")] == [2]
    voided = data(group, "lead", "list", "--void")
    assert [(lead["id"], lead["void"]) for lead in voided] == [(1, True)]
    quota = data(group, "member", "quota", "Ann", "--as-of", "2026-11-19")
    assert quota["leads"]["credits"] == quota_before["leads"]["credits"] - 1  # type: ignore[index]
    weekly = json.loads(
        group("report", "weekly", "--week", "2026-11-18", "--format", "json").stdout
    )
    assert weekly["leads"]["count"] == 1  # type: ignore[index]
    sources = data(group, "report", "sources", "--since", "2026-11-01")
    assert sum(row["leads"] for row in sources) == 1  # type: ignore[union-attr]
    # kept, shown as VOID, with its reason in the history
    show = group("lead", "show", "1").stdout
    assert "VOID — typed twice; counted nowhere" in show and "OVERDUE" not in show
    assert "VOID" in group("lead", "list", "--void").stdout
    events = data(group, "lead", "history", "1")
    assert [e["kind"] for e in events] == ["created", "voided"]  # type: ignore[index]
    assert events[-1]["note"] == "typed twice"  # type: ignore[index]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM leads").fetchone()[0] == 2


def test_a_voided_lead_is_no_duplicate(group: Invoke) -> None:
    group(*hot())
    group("lead", "void", "1", "--reason", "wrong receiver")
    result = data(group, *hot(to="Cat"))
    w201 = [r for r in result["check"]["results"] if r["code"] == "W201"]  # type: ignore[index]
    assert w201[0]["status"] == "pass"


def test_a_voided_lead_cannot_change(group: Invoke) -> None:
    group(*hot())
    group("lead", "void", "#1", "--reason", "mistake")
    for args in (
        ("lead", "edit", "1", "--contact", "Jim"),
        ("lead", "contacted", "1"),
        ("lead", "update", "1", "--status", "lost"),
    ):
        assert "lead #1 is void (mistake)" in one_error_line(group(*args, code=1))


def test_bad_voids_are_refused_and_write_nothing(group: Invoke) -> None:
    group(*hot())
    group("lead", "void", "1", "--reason", "mistake")
    assert "is void already" in one_error_line(group("lead", "void", "1", "--reason", "x", code=1))
    assert "no lead #9" in one_error_line(group("lead", "void", "9", "--reason", "x", code=1))
    assert "not a lead id" in one_error_line(group("lead", "void", "one", "--reason", "x", code=2))
    group(*hot(company="B", phone="415-555-0177", email="b@b.example"))
    assert "--reason must not be empty" in one_error_line(
        group("lead", "void", "2", "--reason", "  ", code=2)
    )
    assert one_error_line(group("lead", "void", "2", code=2))
    assert [e["kind"] for e in data(group, "lead", "history", "2")] == ["created"]  # type: ignore[index]
