"""Categories, contact spheres, unmet needs, visitors and openings (SPEC 4 and 5.4)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line
from leadcli import categories, db, visitors


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def lunch(group: Invoke) -> Invoke:
    """The conftest group (Realtor, Plumber, Accountant, Printer) with needs and visitors."""
    group("category", "want", "Bookkeeper", "--from", "Cat", "--date", "2026-11-18")
    group("category", "want", "bookkeeping", "--date", "2026-10-07")
    group("category", "want", "Florist", "--from", "Dan", "--date", "2026-11-11")
    group("category", "want", "Caterer", "--date", "2025-01-08")  # outside the 26-week window
    group("visitor", "add", "Pat Pipe", "-c", "Plumbing", "--invited-by", "Bob", "--date", "wed")
    group("visitor", "add", "Fay Fern", "-c", "Florist", "--invited-by", "Ann", "--date", "wed")
    group("visitor", "add", "Sam Seen", "--date", "2026-11-11")
    return group


def test_the_new_tables(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "t.db")
    cols = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in
            ("category_spheres", "unmet_needs", "visitors")}  # fmt: skip
    assert cols["category_spheres"] == ["kind", "category", "sphere", "set_at"]
    assert cols["unmet_needs"] == ["id", "category", "date", "member_id", "note", "created_at"]
    assert cols["visitors"] == [
        "id", "name", "category", "business", "phone", "email", "invited_by", "date", "created_at"
    ]  # fmt: skip


def test_kinds_join_the_names_of_one_category() -> None:
    assert categories.kind("Plumbing") == categories.kind("plumber") == "plumber"
    assert categories.kind("  Alpaca   Shearing ") == "alpaca shearing"
    assert categories.vocabulary_name("hvac") == "HVAC"
    assert categories.vocabulary_name("it services") == "IT services"


def test_category_list_json(lunch: Invoke) -> None:
    found = json.loads(lunch("category", "list", "--json").stdout)
    assert found == [
        {"category": "Accountant", "sphere": "money and law", "holder": "Cat Cole",
         "unmet_needs": 0, "applicants": 0},
        {"category": "Bookkeeper", "sphere": "money and law", "holder": None,
         "unmet_needs": 2, "applicants": 0},
        {"category": "Caterer", "sphere": "events", "holder": None,
         "unmet_needs": 1, "applicants": 0},
        {"category": "Florist", "sphere": "events", "holder": None,
         "unmet_needs": 1, "applicants": 1},
        {"category": "Plumber", "sphere": "trades", "holder": "Bob Baker",
         "unmet_needs": 0, "applicants": 1},
        {"category": "Printer", "sphere": "business services", "holder": "Dan Dale",
         "unmet_needs": 0, "applicants": 0},
        {"category": "Realtor", "sphere": "home", "holder": "Ann Archer",
         "unmet_needs": 0, "applicants": 0},
    ]  # fmt: skip
    table = lunch("category", "list").stdout
    assert "Pat Pipe" in table and "wanted" in table and "4 held, 3 open or wanted" in table


def test_a_member_who_left_leaves_an_open_category(group: Invoke) -> None:
    group("member", "leave", "Dan", "--on", "2026-11-18")
    found = {r["category"]: r for r in json.loads(group("category", "list", "--json").stdout)}
    assert found["Printer"]["holder"] is None
    assert "open (Dan Dale left)" in group("category", "list").stdout


def test_sphere_changes_the_map(lunch: Invoke, db_path: Path) -> None:
    out = lunch("category", "sphere", "florist", "  Weddings  AND Events ").stdout
    assert out == "Florist is now in the weddings and events sphere\n"
    lunch("category", "sphere", "Printer", "home")
    found = {
        r["category"]: r["sphere"] for r in json.loads(lunch("category", "list", "--json").stdout)
    }
    assert found["Florist"] == "weddings and events" and found["Printer"] == "home"
    assert rows(db_path, "category_spheres") == 2
    lunch("category", "sphere", "printer", "trades")  # a second choice replaces the first
    assert rows(db_path, "category_spheres") == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Alpaca shearing", "farm"], "nobody in the group holds or wants 'Alpaca shearing'"),
        (["Realtor", ""], "SPHERE must not be empty"),
        (["Realtor", "   "], "SPHERE must not be empty"),
        (["", "home"], "CATEGORY must not be empty"),
        (["Realtor", "ho\x1bme"], "SPHERE"),
    ],
)
def test_sphere_refuses_bad_input(
    lunch: Invoke, db_path: Path, args: list[str], message: str
) -> None:
    before = digest(db_path)
    line = one_error_line(lunch("category", "sphere", *args, code=2))
    assert message in line
    assert digest(db_path) == before


def test_want_records_and_refuses(lunch: Invoke, db_path: Path) -> None:
    out = lunch("category", "want", "Bookkeeper", "--note", "books for a bakery").stdout
    assert "Recorded an unmet need for Bookkeeper on Thursday 2026-11-19; wanted 3 times" in out
    before = digest(db_path)
    line = one_error_line(lunch("category", "want", "plumbing", code=1))
    assert "#2 Bob Baker holds 'Plumber'" in line
    for args, code in (
        (["Bookkeeper", "--from", "Zed"], 1),
        (["Bookkeeper", "--date", "someday"], 2),
        (["  "], 2),
        (["Book\x1bkeeper"], 2),
    ):
        one_error_line(lunch("category", "want", *args, code=code))
    assert digest(db_path) == before


def test_lead_add_to_a_category_points_to_want(group: Invoke) -> None:
    from leadkit import hot

    line = one_error_line(group(*hot(to="bookkeeper"), code=1))
    assert "nobody in the group holds 'bookkeeper'" in line
    assert "leadcli category want bookkeeper --from MEMBER" in line
    line = one_error_line(group(*hot(to="plumbing"), code=1))
    assert "#2 Bob Baker holds Plumber" in line
    assert "no member named 'Zed'" in one_error_line(group(*hot(to="Zed"), code=1))


def test_visitors_and_applicants(lunch: Invoke) -> None:
    found = json.loads(lunch("visitor", "list", "--json").stdout)
    assert [(v["id"], v["name"], v["category"], v["invited_by"], v["date"]) for v in found] == [
        (3, "Sam Seen", None, None, "2026-11-11"),
        (1, "Pat Pipe", "Plumbing", "Bob Baker", "2026-11-18"),
        (2, "Fay Fern", "Florist", "Ann Archer", "2026-11-18"),
    ]
    assert {"id", "name", "category", "business", "invited_by", "date"} <= set(found[0])
    assert found[1]["status"] == "waiting: Bob Baker holds Plumber"
    assert found[2]["status"] == "may join: Florist is open"
    table = lunch("visitor", "list").stdout
    assert "waiting: Bob Baker holds Plumber" in table and "1 waiting" in table
    out = lunch("visitor", "add", "Al Amp", "-c", "Realtor", "--phone", "415-555-0111").stdout
    assert "Ann Archer holds Realtor: Al Amp waits for it" in out
    lunch("member", "add", "Fay Fern", "-c", "Florist")
    found = {v["name"]: v["status"] for v in json.loads(lunch("visitor", "list", "--json").stdout)}
    assert found["Fay Fern"] == "joined"


def test_visitors_invited_between_days(lunch: Invoke, db_path: Path) -> None:
    lunch("visitor", "add", "Vic Old", "--invited-by", "Bob", "--date", "2026-06-03")
    conn = db.connect(db_path)
    found = visitors.invited(conn, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert found == {2: [dt.date(2026, 11, 18)], 1: [dt.date(2026, 11, 18)]}
    found = visitors.invited(conn, dt.date(2026, 1, 1), dt.date(2026, 11, 17))
    assert found == {2: [dt.date(2026, 6, 3)]}


def test_a_member_is_not_a_visitor(group: Invoke, db_path: Path) -> None:
    before = digest(db_path)
    line = one_error_line(group("visitor", "add", "ann archer", code=1))
    assert "#1 Ann Archer is a member, not a visitor" in line
    assert digest(db_path) == before


def test_markup_in_visitors_and_categories_is_literal(group: Invoke) -> None:
    group("visitor", "add", "[bold]Vi[/]", "-c", ":smile: [red]Jugglers")
    group("category", "want", "[red]Jugglers")
    assert "[bold]Vi[/]" in group("visitor", "list").stdout
    assert ":smile: [red]Jugglers" in group("category", "list").stdout


# -- openings -------------------------------------------------------------------------------


def test_openings_rank_unmet_needs_then_sphere_gaps_then_applicants(lunch: Invoke) -> None:
    found = json.loads(lunch("category", "openings", "--json").stdout)
    top = [(o["category"], o["unmet_needs"], o["applicants"]) for o in found[:3]]
    # Bookkeeper: 2 needs in the window; Florist: 1 need and an applicant; Caterer's need is
    # older than the window, but the events sphere has nobody: a gap like the rest.
    assert top == [("Bookkeeper", 2, 0), ("Florist", 1, 1), ("Attorney", 0, 0)]
    assert found[0] == {
        "category": "Bookkeeper",
        "sphere": "money and law",
        "group": "Downtown Leads",
        "unmet_needs": 2,
        "applicants": 0,
        "reasons": [
            "2 unmet needs in the last 26 weeks",
            "only Cat Cole (Accountant) serves the money and law sphere",
        ],
    }
    assert found[1]["reasons"] == [
        "1 unmet need in the last 26 weeks",
        "nobody serves the events sphere",
        "Fay Fern visited on 2026-11-18 and asked for it",
    ]
    names = [o["category"] for o in found]
    # Held categories are never openings; Plumbing's applicant waits for a held one.
    assert not {"Plumber", "Realtor", "Accountant", "Printer"} & set(names)
    assert names.count("Caterer") == 1 and names.index("Caterer") > names.index("Attorney")
    gaps = [o for o in found if o["unmet_needs"] == 0 and o["applicants"] == 0]
    assert [o["category"] for o in gaps] == sorted((o["category"] for o in gaps), key=str.casefold)


def test_openings_with_two_members_in_a_sphere_have_no_gap(group: Invoke) -> None:
    group("member", "add", "Eve Volt", "-c", "Electrician")
    found = json.loads(group("category", "openings", "--json").stdout)
    trades = [o for o in found if o["sphere"] == "trades"]
    assert trades == []
    text = group("category", "openings").stdout
    assert "more openings (--all shows them)" in text
    assert len(group("category", "openings", "--all").stdout.splitlines()) > len(text.splitlines())


@pytest.fixture
def breakfast(cli: Invoke, tmp_path: Path) -> Path:
    """A second group file, with an open Plumber seat and a wanted caterer."""
    path = tmp_path / "breakfast.db"
    other = ("--db", str(path))
    cli(*other, "init", "--name", "Breakfast Club")
    cli(*other, "member", "add", "Eve Volt", "-c", "Electrician")
    cli(*other, "member", "add", "Ray Roof", "-c", "Roofer")
    cli(*other, "member", "add", "Lou Loan", "-c", "Mortgage broker")
    cli(*other, "category", "want", "Caterer", "--date", "2026-11-11")
    cli(*other, "category", "want", "Caterer", "--date", "2026-11-18")
    cli(*other, "visitor", "add", "Gus Grill", "-c", "Caterer", "--date", "2026-11-18")
    return path


def test_openings_across_two_files(lunch: Invoke, breakfast: Path, db_path: Path) -> None:
    before = digest(breakfast)
    siblings = sorted(p.name for p in breakfast.parent.iterdir())
    found = json.loads(lunch("category", "openings", "--also", str(breakfast), "--json").stdout)
    assert digest(breakfast) == before
    assert sorted(p.name for p in breakfast.parent.iterdir()) == siblings
    top = [(o["category"], o["group"], o["unmet_needs"], o["applicants"]) for o in found[:5]]
    # Ties (no recent need, a sphere gap, one applicant) go to the group named first.
    assert top == [
        ("Caterer", "Breakfast Club", 2, 1),
        ("Bookkeeper", "Downtown Leads", 2, 0),
        ("Florist", "Downtown Leads", 1, 1),
        ("Caterer", "Downtown Leads", 0, 1),
        ("Florist", "Breakfast Club", 0, 1),
    ]
    # The visiting plumber waits at lunch (taken there) and may join at breakfast.
    plumber = [o for o in found if o["category"] in ("Plumber", "Plumbing")]
    assert [(o["group"], o["applicants"]) for o in plumber] == [("Breakfast Club", 1)]
    assert (
        "Pat Pipe visited Downtown Leads on 2026-11-18, where Bob Baker holds it"
        in (plumber[0]["reasons"])
    )
    # Breakfast's trades have two members: no gap there; the lunch group's trades have one.
    assert not any(o["group"] == "Breakfast Club" and o["category"] == "Painter" for o in found)
    assert any(o["group"] == "Downtown Leads" and o["category"] == "Painter" for o in found)
    text = lunch("category", "openings", "--also", str(breakfast)).stdout
    assert "Breakfast Club" in text and "group" in text
    assert digest(breakfast) == before


def test_also_reads_a_file_in_use_without_writing_it(
    lunch: Invoke, breakfast: Path, db_path: Path
) -> None:
    holder = db.connect(breakfast)  # another leadcli has it open: its log is beside it
    holder.execute("INSERT INTO settings (key, value) VALUES ('x.y', '1')")
    found = json.loads(lunch("category", "openings", "--also", str(breakfast), "--json").stdout)
    assert any(o["group"] == "Breakfast Club" for o in found)
    holder.close()


def test_also_refuses_bad_files(lunch: Invoke, breakfast: Path, db_path: Path) -> None:
    text = breakfast.parent / "notes.txt"
    text.write_text("not a database\n")
    plain = breakfast.parent / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    newer = breakfast.parent / "newer.db"
    newer.write_bytes(breakfast.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('leadcli', 'm999_from_the_future', 'x')"
        )
    conn.close()
    files = [breakfast, text, plain, newer, db_path]
    before = {p: digest(p) for p in files}
    cases = [
        (db_path, "is the group file in use"),
        (breakfast.parent / "group.db", "is the group file in use"),
        (breakfast.parent / "missing.db", "no such file"),
        (text, "is not a leadcli group file"),
        (plain, "is not a leadcli group file"),
        (newer, "written by a newer leadcli"),
    ]
    for path, message in cases:
        line = one_error_line(
            lunch("category", "openings", "--also", str(breakfast), "--also", str(path), code=2)
        )
        assert message in line
    assert {p: digest(p) for p in files} == before
    assert not (breakfast.parent / "missing.db").exists()


def test_also_refuses_before_creating_the_group_file(tmp_path: Path, cli: Invoke) -> None:
    fresh = tmp_path / "fresh.db"
    one_error_line(cli("--db", str(fresh), "category", "openings", "--also", "nope.db", code=2))
    assert not fresh.exists()


def test_also_reads_an_older_group_file_as_it_is(lunch: Invoke, breakfast: Path) -> None:
    with sqlite3.connect(breakfast) as conn:
        for table in ("unmet_needs", "category_spheres", "visitors"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute(
            "DELETE FROM _sqlite_migrations WHERE name LIKE '%visitors%' OR name LIKE '%unmet%'"
        )
    conn.close()
    before = digest(breakfast)
    found = json.loads(lunch("category", "openings", "--also", str(breakfast), "--json").stdout)
    assert digest(breakfast) == before
    breakfast_rows = [o for o in found if o["group"] == "Breakfast Club"]
    assert breakfast_rows and all(o["unmet_needs"] == 0 for o in breakfast_rows)
