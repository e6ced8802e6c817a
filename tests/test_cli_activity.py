"""One-to-ones, CEUs and testimonials: recorded, listed, voided, exported and imported."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line


def rows(db_path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT kind, member_id, other_id, date, count, voided_at IS NOT NULL FROM activity "
            "ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_each_kind_is_recorded_dated_and_echoed(group: Invoke, db_path: Path) -> None:
    out = group("member", "one-to-one", "Ann", "Bob", "--date", "2026-11-18").stdout
    assert "one-to-one of Ann Archer and Bob Baker on Wednesday 2026-11-18 (#1)" in out
    out = group("member", "ceu", "Cat", "--count", "3", "--date", "2026-11-10").stdout
    assert "3 CEUs for Cat Cole on Tuesday 2026-11-10 (#2)" in out
    out = group("member", "testimonial", "Dan").stdout
    assert "a testimonial by Dan Dale on Thursday 2026-11-19 (#3)" in out
    assert rows(db_path) == [
        ("one-to-one", 1, 2, "2026-11-18", 1, 0),
        ("ceu", 3, None, "2026-11-10", 3, 0),
        ("testimonial", 4, None, "2026-11-19", 1, 0),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["one-to-one", "Ann", "Ann Archer"], "needs two members"),
        (["one-to-one", "Ann"], "name the two members"),
        (["ceu", "Ann", "--count", "0"], "--count must be 1 or more, not 0"),
        (["ceu", "Ann", "--count", "-2"], "--count must be 1 or more, not -2"),
        (["ceu", "Ann", "--count", "101"], "--count 101 is more than one entry records"),
        (["ceu", "Ann", "--count", "9223372036854775807"], "is more than one entry records"),
        (["ceu", "Ann", "--count", "two"], "'two' is not a whole number"),
        (["testimonial", "Ann", "--date", "2026-01-06"], "joined on 2026-01-07"),
        (["one-to-one", "Ann", "Bob", "--date", "2025-12-31"], "joined on 2026-01-07"),
        (["testimonial", "Ann", "--date", "next week"], "--date"),
        (["ceu", "Nobody"], "no member named"),
    ],
)
def test_bad_activity_is_refused_and_nothing_written(
    group: Invoke, db_path: Path, args: list[str], message: str
) -> None:
    result = group("member", *args, code=None)
    assert result.exit_code in (1, 2)
    if "no member named" not in message:
        assert result.exit_code == 2
    assert message in one_error_line(result)
    assert rows(db_path) == []


def test_activity_after_leaving_is_refused(group: Invoke, db_path: Path) -> None:
    group("member", "leave", "Dan", "--on", "2026-11-01")
    result = group("member", "one-to-one", "Ann", "Dan", "--date", "2026-11-05", code=2)
    assert "left on 2026-11-01" in one_error_line(result)
    group("member", "testimonial", "Dan", "--date", "2026-11-01")
    assert len(rows(db_path)) == 1


def test_void_keeps_the_record_and_is_checked(group: Invoke, db_path: Path) -> None:
    group("member", "ceu", "Ann", "--date", "2026-11-18")
    group("member", "testimonial", "Ann", "--date", "2026-11-18")
    out = group("member", "ceu", "--void", "1", "--reason", "typed twice").stdout
    assert "Voided #1" in out and "typed twice" in out
    assert rows(db_path)[0][-1] == 1
    assert "already void" in one_error_line(group("member", "ceu", "--void", "1", code=1))
    assert "is a testimonial, not a CEU" in one_error_line(
        group("member", "ceu", "--void", "2", code=2)
    )
    assert "no activity #9" in one_error_line(group("member", "testimonial", "--void", "9", code=1))
    assert "alone" in one_error_line(group("member", "testimonial", "Ann", "--void", "2", code=2))
    assert rows(db_path)[1][-1] == 0


def test_member_show_lists_activity_with_void_marked(group: Invoke, cli_json) -> None:  # type: ignore[no-untyped-def]
    group("member", "one-to-one", "Ann", "Bob", "--date", "2026-11-18")
    group("member", "ceu", "Bob", "--count", "2", "--date", "2026-11-12")
    group("member", "one-to-one", "Bob", "Cat", "--date", "2026-11-11")
    group("member", "one-to-one", "--void", "3", "--reason", "[bold]wrong[/]")
    out = group("member", "show", "Bob").stdout
    assert "one-to-one with Ann Archer" in out
    assert "2 CEUs" in out
    assert "VOID: [bold]wrong[/]" in out
    data = cli_json("member", "show", "Ann")
    assert data["activity"] == [
        {
            "id": 1,
            "kind": "one-to-one",
            "date": "2026-11-18",
            "member": "Ann Archer",
            "with": "Bob Baker",
            "count": 1,
            "void": False,
            "void_reason": None,
        }
    ]
    assert [a["void"] for a in cli_json("member", "show", "Bob")["activity"]] == [
        False,
        False,
        True,
    ]


def test_export_then_import_round_trips(group: Invoke, tmp_path: Path, db_path: Path) -> None:
    group("member", "one-to-one", "Ann", "Bob", "--date", "2026-11-18")
    group("member", "ceu", "Cat", "--count", "2", "--date", "2026-11-12")
    group("member", "testimonial", "Dan", "--date", "2026-11-11")
    group("member", "testimonial", "Dan", "--date", "2026-11-12")
    group("member", "testimonial", "--void", "4")
    exported = group("export", "activity").stdout
    assert exported.splitlines() == [
        "date,kind,member,with,count",
        "2026-11-11,testimonial,Dan Dale,,1",
        "2026-11-12,ceu,Cat Cole,,2",
        "2026-11-18,one-to-one,Ann Archer,Bob Baker,1",
    ]
    members = tmp_path / "members.csv"
    members.write_text(group("export", "members").stdout)
    sheet = tmp_path / "activity.csv"
    sheet.write_text(exported)
    other = str(tmp_path / "other.db")
    group("--db", other, "import", "members", str(members))
    out = group("--db", other, "import", "activity", str(sheet)).stdout
    assert "1 one-to-one, 1 CEU, 1 testimonial" in out
    assert group("--db", other, "export", "activity").stdout == exported


def test_import_refuses_the_whole_file_on_a_bad_row(
    group: Invoke, tmp_path: Path, db_path: Path
) -> None:
    sheet = tmp_path / "activity.csv"
    sheet.write_text(
        "Date,Kind,Member,With,Count\n"
        "2026-11-18,1-2-1,Ann,Bob,\n"
        "2026-11-18,one-to-one,Ann,Ann,\n"
        "2026-11-18,ceu,Cat,,0\n"
        "2025-11-18,testimonial,Dan,,\n"
        "2026-11-18,party,Dan,,\n"
    )
    result = group("import", "activity", str(sheet), code=2)
    assert "line 3: a one-to-one needs two members" in result.stderr
    assert "line 4: count must be 1 or more, not 0" in result.stderr
    assert "line 5: #4 Dan Dale joined on 2026-01-07" in result.stderr
    assert "line 6: unknown activity 'party'" in result.stderr
    assert rows(db_path) == []


def test_the_palms_weekly_sheet(group: Invoke, tmp_path: Path) -> None:
    from leadkit import hot

    group("member", "attend", "Ann", "--date", "2026-11-18")
    group("member", "attend", "Bob", "--date", "2026-11-18", "--status", "late")
    group("member", "attend", "Cat", "--date", "2026-11-18", "--status", "absent")
    group("member", "attend", "Ann", "--date", "2026-11-11", "--status", "absent")
    group(*hot())  # Ann -> Bob, 2026-11-18
    group(
        *hot(
            date="2026-11-11",
            heard="2026-11-10",
            company="Old Co",
            phone="415-555-0177",
            email="o@o.example",
        )
    )
    group("visitor", "add", "Eve", "--invited-by", "Ann", "--date", "2026-11-18")
    group("member", "one-to-one", "Ann", "Bob", "--date", "2026-11-20")
    group("member", "ceu", "Cat", "--count", "2", "--date", "2026-11-19")
    group("member", "testimonial", "Dan", "--date", "2026-11-18")
    group("member", "testimonial", "Dan", "--date", "2026-11-17")  # the week before
    group("lead", "update", "1", "--status", "won", "--amount", "1200")
    out = group("export", "palms", "--week", "2026-11-18").stdout
    assert out.splitlines() == [
        "member,P,A,L,M,S,referrals_given,referrals_received,visitors,one_to_ones,testimonials,"
        "ceus,closed_business",
        "Ann Archer,1,,,,,1,0,1,1,0,0,1200.00",
        "Bob Baker,,,1,,,0,1,0,1,0,0,0.00",
        "Cat Cole,,1,,,,0,0,0,0,0,2,0.00",
        "Dan Dale,,,,,,0,0,0,0,1,0,0.00",
    ]
    data = json.loads(group("export", "palms", "--week", "2026-11-12", "--format", "json").stdout)
    assert data[0] == {
        "member": "Ann Archer", "P": None, "A": 1, "L": None, "M": None, "S": None,
        "referrals_given": 1, "referrals_received": 0, "visitors": 0, "one_to_ones": 0,
        "testimonials": 0, "ceus": 0, "closed_business": 0.0,
    }  # fmt: skip
    assert data[3]["testimonials"] == 1
    target = tmp_path / "palms.csv"
    result = group("export", "palms", "--output", str(target))
    assert "week of 2026-11-18 (4 members)" in result.stderr
    assert target.read_text().splitlines() == out.splitlines()
    assert "--week" in one_error_line(group("export", "palms", "--week", "someday", code=2))
    assert "--format" in one_error_line(group("export", "palms", "--format", "xml", code=2))
