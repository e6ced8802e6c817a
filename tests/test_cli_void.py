"""`lead void`: a lead entered by mistake stays in its history and counts nowhere."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

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


def _round_trip(cli: Invoke, tmp_path: Path) -> Path:
    """Export members and leads as CSV and import them into a new file; returns it."""
    fresh = tmp_path / "fresh.db"
    for kind in ("members", "leads"):
        path = tmp_path / f"{kind}.csv"
        path.write_text(cli("export", kind).stdout, newline="")
        cli("--db", str(fresh), "import", kind, str(path))
    return fresh


def test_a_voided_lead_stays_void_through_export_and_import(group: Invoke, tmp_path: Path) -> None:
    group(*hot())
    group(*hot(company="Other Co", phone="415-555-0177", email="x@other.example"))
    group("lead", "void", "1", "--reason", "typed twice; Smith & Co")
    exported = json.loads(group("export", "leads", "-f", "json").stdout)
    assert exported[0]["voided_at"] == "2026-11-19T10:00:00+00:00"
    assert exported[0]["void_reason"] == "typed twice; Smith & Co"
    assert exported[1]["voided_at"] is None and exported[1]["void_reason"] is None
    fresh = _round_trip(group, tmp_path)
    again = ("--db", str(fresh))
    assert [lead["id"] for lead in data(group, *again, "lead", "list")] == [2]
    assert [lead["id"] for lead in data(group, *again, "lead", "list", "--void")] == [1]
    events = data(group, *again, "lead", "history", "1")
    assert [(e["kind"], e["note"]) for e in events] == [  # type: ignore[index]
        ("created", None),
        ("voided", "typed twice; Smith & Co"),
    ]
    for fmt in ("csv", "json"):
        assert (
            group(*again, "export", "leads", "-f", fmt).stdout
            == group("export", "leads", "-f", fmt).stdout
        )
    # The voided lead counts nowhere in the new file either.
    quota = data(group, *again, "member", "quota", "Ann", "--as-of", "2026-11-19")
    assert (
        quota["leads"]["credits"]
        == data(  # type: ignore[index]
            group, "member", "quota", "Ann", "--as-of", "2026-11-19"
        )["leads"]["credits"]
    )  # type: ignore[index]


@pytest.mark.parametrize(
    ("voided_at", "reason", "message"),
    [
        ("2026-11-19T10:00", "", "line 2: voided_at is given but void_reason is empty"),
        ("", "typed twice", "line 2: void_reason is given but voided_at is empty"),
        ("last week", "typed twice", "line 2: invalid moment for voided_at: 'last week'"),
        ("2026-12-01", "typed twice", "line 2: voided_at 2026-12-01 is in the future"),
    ],
)
def test_a_void_half_given_is_a_bad_row(
    group: Invoke, tmp_path: Path, db_path: Path, voided_at: str, reason: str, message: str
) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        "from,type,company,date,voided_at,void_reason\n"
        f"Ann,general,Acme,2026-11-18,{voided_at},{reason}\n"
    )
    with sqlite3.connect(db_path) as conn:
        before = list(conn.iterdump())
    result = group("import", "leads", str(path), code=2)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(db_path) as conn:
        assert list(conn.iterdump()) == before
