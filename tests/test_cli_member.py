from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line


def count(db_path: Path, table: str) -> int:
    """Rows in a table; 0 when the command never got as far as creating it."""
    if not db_path.exists():
        return 0
    with sqlite3.connect(db_path) as conn:
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def test_add_prints_the_record_and_json(cli: Invoke) -> None:
    result = cli(
        "member",
        "add",
        "Ann Archer",
        "--category",
        "Realtor",
        "--phone",
        "(415) 555-2671",
        "--email",
        "Ann@Example.COM",
        "--business",
        "Archer Homes",
        "--joined",
        "2026-01-07",
        "--json",
    )
    data = json.loads(result.stdout)
    assert data == {
        "id": 1,
        "name": "Ann Archer",
        "category": "Realtor",
        "business": "Archer Homes",
        "phone": "+14155552671",
        "email": "Ann@example.com",
        "joined": "2026-01-07",
        "active": True,
    }
    shown = cli("member", "add", "Bob Baker", "--category", "Plumber").stdout
    assert "Added member #2 Bob Baker (Plumber), joined 2026-11-19" in shown


def test_names_tell_members_apart(group: Invoke, db_path: Path) -> None:
    line = one_error_line(group("member", "add", "ANN ARCHER", "--category", "Baker", code=1))
    assert "a member named 'ANN ARCHER' already exists (#1 Ann Archer)" in line
    line = one_error_line(group("member", "edit", "Bob", "--name", "ann archer", code=1))
    assert "already exists (#1 Ann Archer)" in line
    group("member", "edit", "Ann", "--name", "Ann ARCHER")  # a member's own name, recased
    group("member", "add", "Ann Archer-Lee", "--category", "Baker")
    assert json.loads(group("member", "show", "ann archer", "--json").stdout)["id"] == 1


def test_list_json_keys(group: Invoke) -> None:
    rows = json.loads(group("member", "list", "--json").stdout)
    assert [r["name"] for r in rows] == ["Ann Archer", "Bob Baker", "Cat Cole", "Dan Dale"]
    for key in ("id", "name", "category", "business", "phone", "email", "joined", "active"):
        assert key in rows[0]


def test_list_table_shows_phone_in_national_format(group: Invoke) -> None:
    out = group("member", "list").stdout
    assert "(415) 555-0101" in out and "4 active members" in out


def test_markup_in_names_is_printed_literally(cli: Invoke) -> None:
    name = "[bold]Zed[/] :x:"
    cli("member", "add", name, "--category", "[red]Magician[/red]", "--business", ":smile: [/]")
    out = cli("member", "list").stdout
    assert name in out and "[red]Magician[/red]" in out and ":smile: [/]" in out
    assert name in cli("member", "show", "1").stdout
    assert "\x1b" not in out


def test_taken_category_is_refused_whatever_its_case(group: Invoke, db_path: Path) -> None:
    result = group("member", "add", "Eve", "--category", "realtor", code=1)
    assert "held by #1 Ann Archer" in one_error_line(result)
    assert count(db_path, "members") == 4


def test_category_is_free_again_after_leaving(group: Invoke) -> None:
    out = group("member", "leave", "Ann", "--on", "2026-11-01").stdout
    assert "left on 2026-11-01" in out
    group("member", "add", "Eve Evans", "--category", "REALTOR")
    rows = json.loads(group("member", "list", "--json").stdout)
    assert {r["name"]: r["active"] for r in rows}["Ann Archer"] is False
    active = json.loads(group("member", "list", "--active", "--json").stdout)
    assert "Ann Archer" not in [r["name"] for r in active]
    assert json.loads(group("member", "show", "Ann", "--json").stdout)["left"] == "2026-11-01"


def test_leave_twice_and_future_leave_are_refused(group: Invoke) -> None:
    group("member", "leave", "Ann")
    assert "already left" in one_error_line(group("member", "leave", "Ann", code=1))
    assert "future" in one_error_line(group("member", "leave", "Bob", "--on", "2026-12-25", code=2))


def file_dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_member_who_left_can_rejoin(group: Invoke, db_path: Path) -> None:
    group("member", "attend", "Bob", "--date", "2026-02-04")
    group("member", "leave", "Bob", "--on", "2026-03-04")
    line = one_error_line(group("member", "add", "Bob Baker", "--category", "Plumber", code=1))
    assert "who left on 2026-03-04" in line and "leadcli member rejoin 2" in line
    out = group("member", "rejoin", "Bob", "--on", "2026-06-03").stdout
    assert "#2 Bob Baker rejoined on 2026-06-03 in category 'Plumber'" in out
    shown = json.loads(group("member", "show", "Bob", "--json").stdout)
    assert (shown["joined"], shown["left"]) == ("2026-06-03", None)
    # What he did before he left stays on record.
    assert count(db_path, "attendance") == 1
    assert "Bob Baker" in [
        r["name"] for r in json.loads(group("member", "list", "--active", "--json").stdout)
    ]


def test_rejoin_in_a_category_taken_meanwhile_needs_a_new_one(group: Invoke, db_path: Path) -> None:
    group("member", "leave", "Bob", "--on", "2026-03-04")
    group("member", "add", "Eve Evans", "--category", "Plumber", "--joined", "2026-04-01")
    before = file_dump(db_path)
    line = one_error_line(group("member", "rejoin", "Bob", "--on", "2026-06-03", code=1))
    assert "held by #5 Eve Evans" in line
    assert file_dump(db_path) == before
    group("member", "rejoin", "Bob", "--on", "2026-06-03", "--category", "Electrician")
    assert json.loads(group("member", "show", "Bob", "--json").stdout)["category"] == "Electrician"


def _away_and_back(group: Invoke) -> None:
    """Bob attends in February, leaves on 2026-03-04 and comes back on 2026-06-03."""
    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-02-04")
    group("member", "leave", "Bob", "--on", "2026-03-04")


def test_a_return_leaves_the_weeks_before_it_as_they_were(group: Invoke, tmp_path: Path) -> None:
    _away_and_back(group)
    week = ("--week", "2026-02-04")
    report = group("report", "weekly", *week, "--json").stdout
    palms = group("export", "palms", *week).stdout
    quota = group("member", "quota", "--as-of", "2026-02-10", "--json").stdout
    group("member", "rejoin", "Bob", "--on", "2026-06-03")
    assert json.loads(group("report", "weekly", *week, "--json").stdout) == json.loads(report)
    assert json.loads(report)["attendance"]["rate"] == 1.0
    assert group("export", "palms", *week).stdout == palms
    assert group("member", "quota", "--as-of", "2026-02-10", "--json").stdout == quota
    # His standing now counts from his return; the earlier spell is shown.
    shown = group("member", "show", "Bob").stdout
    assert "2026-06-03" in shown and "2026-01-07 to 2026-03-04" in shown


@pytest.mark.parametrize("form", ["csv", "json"])
def test_a_return_survives_export_and_import(
    group: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    _away_and_back(group)
    group("member", "rejoin", "Bob", "--on", "2026-06-03")
    group("member", "leave", "Bob", "--on", "2026-07-01")
    group("member", "rejoin", "Bob", "--on", "2026-08-05")
    kinds = ("members", "attendance")
    first = {k: group("export", k).stdout for k in kinds}
    shown = {k: group("export", k, "--format", "json").stdout for k in kinds}
    assert json.loads(shown["members"])[1]["earlier"] == [
        "2026-01-07 to 2026-03-04",
        "2026-06-03 to 2026-07-01",
    ]
    for kind in kinds:
        (tmp_path / f"{kind}.csv").write_text(first[kind], encoding="utf-8")
    monkeypatch.setenv("LEADCLI_DB", str(tmp_path / "fresh.db"))
    for kind in kinds:
        group("import", kind, str(tmp_path / f"{kind}.csv"))
    if form == "csv":
        assert {k: group("export", k).stdout for k in kinds} == first
    else:
        assert {k: group("export", k, "--format", "json").stdout for k in kinds} == shown


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2026-01-07", "invalid spell for earlier"),
        ("2026-01-07 to", "invalid spell for earlier"),
        ("2026-03-04 to 2026-01-07", "ends before it begins"),
        ("2026-01-07 to 2026-06-03", "must end before the next begins (2026-06-03)"),
        ("2026-02-07 to 2026-03-04; 2026-01-07 to 2026-01-20", "must end before the next begins"),
        ("2026-01-07 to 2026-13-04", "impossible date for earlier"),
    ],
)
def test_bad_earlier_spells_are_refused(
    cli: Invoke, db_path: Path, tmp_path: Path, cell: str, message: str
) -> None:
    sheet = tmp_path / "members.csv"
    sheet.write_text(f'name,category,joined,earlier\nBob,Plumber,2026-06-03,"{cell}"\n')
    result = cli("import", "members", str(sheet), code=2)
    assert message in result.stderr
    assert count(db_path, "members") == 0


@pytest.mark.parametrize(
    "args",
    [
        ["member", "attend", "Bob", "--date", "2026-04-01"],
        ["member", "attend", "Bob", "--date", "2026-03-11", "--status", "absent"],
        ["member", "testimonial", "Bob", "--date", "2026-04-01"],
        ["member", "one-to-one", "Ann", "Bob", "--date", "2026-04-01"],
        ["lead", "add", "--from", "Bob", "--to", "Ann", "--type", "direct-referral",
         "--contact", "Zoe", "--phone", "415-555-0199", "--date", "2026-04-01"],
        ["lead", "add", "--from", "Ann", "--to", "Bob", "--type", "direct-referral",
         "--contact", "Zoe", "--phone", "415-555-0199", "--date", "2026-04-01"],
    ],
)  # fmt: skip
def test_nothing_is_recorded_while_a_member_was_away(
    group: Invoke, db_path: Path, args: list[str]
) -> None:
    _away_and_back(group)
    group("member", "rejoin", "Bob", "--on", "2026-06-03")
    before = file_dump(db_path)
    result = group(*args, code=None)
    assert result.exit_code in (1, 2)
    assert "left on 2026-03-04 and came back on 2026-06-03" in one_error_line(result)
    assert file_dump(db_path) == before


@pytest.mark.parametrize(
    "rows",
    [
        ["Bob Baker,Ann Archer,Zed,2026-02-04", "Bob Baker,Ann Archer,Zoe,2026-04-01"],
        ["Ann Archer,Bob Baker,Zoe,2026-04-01", "Bob Baker,Ann Archer,Zed,2026-02-04"],
    ],
)
def test_an_imported_lead_while_away_is_refused(
    group: Invoke, db_path: Path, tmp_path: Path, rows: list[str]
) -> None:
    _away_and_back(group)
    group("member", "rejoin", "Bob", "--on", "2026-06-03")
    before = file_dump(db_path)
    sheet = tmp_path / "leads.csv"
    lines = [
        f"{r.rsplit(',', 1)[0]},415-555-0199,direct-referral,{r.rsplit(',', 1)[1]}" for r in rows
    ]
    sheet.write_text("from,to,contact,phone,type,date\n" + "\n".join(lines) + "\n")
    result = group("import", "leads", str(sheet), code=None)
    assert result.exit_code in (1, 2)
    assert "came back on 2026-06-03" in result.stderr
    assert file_dump(db_path) == before


def test_an_imported_mark_while_away_is_refused(
    group: Invoke, db_path: Path, tmp_path: Path
) -> None:
    _away_and_back(group)
    group("member", "rejoin", "Bob", "--on", "2026-06-03")
    before = file_dump(db_path)
    sheet = tmp_path / "marks.csv"
    sheet.write_text("date,member,status\n2026-04-01,Bob Baker,present\n")
    result = group("import", "attendance", str(sheet), code=2)
    assert "came back on 2026-06-03" in result.stderr
    assert file_dump(db_path) == before


def test_a_week_rebuilt_from_rows_logged_before_spells_were_kept(
    group: Invoke, db_path: Path
) -> None:
    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-02-04")
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute("SELECT * FROM members WHERE id = 2").fetchone()
        names = [d[0] for d in conn.execute("SELECT * FROM members").description]
        before = {n: v for n, v in zip(names, row, strict=True) if n != "earlier"}
        with conn:
            conn.execute(
                "INSERT INTO changes (at, tbl, key, before) VALUES (?, 'members', '[2]', ?)",
                ["2026-11-20T09:00:00-08:00", json.dumps(before)],
            )
    finally:
        conn.close()
    data = json.loads(group("report", "weekly", "--week", "2026-02-04", "--json").stdout)
    assert data["attendance"]["present"] == 4


def _log_member_change(db_path: Path, member_id: int, at: str, drop: str = "") -> None:
    """A change of the member logged at ``at`` (the row before it: as it stands, less ``drop``)."""
    conn = sqlite3.connect(db_path)
    try:
        cursor = conn.execute("SELECT * FROM members WHERE id = ?", [member_id])
        names = [d[0] for d in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
        row.pop(drop, None)
        with conn:
            conn.execute(
                "INSERT INTO changes (at, tbl, key, before) VALUES (?, 'members', ?, ?)",
                [at, json.dumps([member_id]), json.dumps(row)],
            )
    finally:
        conn.close()


def test_a_failure_while_a_week_is_rebuilt_is_reported_as_itself(
    group: Invoke, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not as "the database stayed busy" (exit 75), which would send the user to try again."""
    from leadcli import members

    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "--date", "2026-02-04")
    _log_member_change(db_path, 2, "2026-11-20T09:00:00-08:00")
    real = members.from_row

    def broken(row: sqlite3.Row) -> members.Member:
        if row["name"] == "Bob Baker":
            raise ValueError("a row that cannot be read")
        return real(row)

    monkeypatch.setattr(members, "from_row", broken)
    result = group("report", "weekly", "--week", "2026-02-04", "--json", code=None)
    assert result.exit_code != 75 and "busy" not in result.stderr
    assert "ValueError" in result.stderr


def test_a_member_who_came_back_keeps_their_return(group: Invoke, db_path: Path) -> None:
    _away_and_back(group)
    group("member", "rejoin", "Bob", "--on", "2026-06-03")
    # Their record can still be changed, but not their return moved into the time away.
    group("member", "edit", "Bob", "--business", "Baker Pipes")
    one_error_line(group("member", "edit", "Bob", "--joined", "2026-03-01", code=2))
    # A mark corrected in the first spell, or one before it, moves nothing of the return.
    result = group("member", "attend", "Bob", "--date", "2026-02-11", "--status", "absent")
    assert "joined date" not in result.stderr
    group("member", "attend", "Bob", "--date", "2025-12-31")
    shown = json.loads(group("member", "show", "Bob", "--json").stdout)
    assert (shown["joined"], shown["left"]) == ("2026-06-03", None)
    assert "2025-12-31 to 2026-03-04" in group("member", "show", "Bob").stdout
    group("member", "leave", "Bob", "--on", "2026-07-01")
    group("member", "rejoin", "Bob", "--on", "2026-08-05")
    shown_text = group("member", "show", "Bob").stdout
    assert "2025-12-31 to 2026-03-04; 2026-06-03 to 2026-07-01" in shown_text
    assert one_error_line(group("member", "attend", "Bob", "--date", "2026-07-08", code=1))


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["Ann"], 1, "#1 Ann Archer has not left the group"),
        (["Bob", "--on", "2026-03-04"], 2, "a return comes after that day"),
        (["Bob", "--on", "2026-02-01"], 2, "a return comes after that day"),
        (["Bob", "--on", "2027-01-06"], 2, "is in the future"),
        (["Bob", "--on", "soon"], 2, "invalid date for --on"),
        (["Bob", "--category", ""], 2, "--category must not be empty"),
        (["Bob", "--category", b"Pl\x1bumber".decode("unicode_escape")], 2, "U+001B"),
        (["Zed"], 1, "Zed"),
    ],
)
def test_rejoin_refuses_bad_input_and_writes_nothing(
    group: Invoke, db_path: Path, args: list[str], code: int, message: str
) -> None:
    group("member", "leave", "Bob", "--on", "2026-03-04")
    before = file_dump(db_path)
    assert message in one_error_line(group("member", "rejoin", *args, code=code))
    assert file_dump(db_path) == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--phone", "555-1234"], 2, "invalid phone for --phone: '555-1234'"),
        (["--email", "bob@"], 2, "invalid email for --email: 'bob@'"),
        (["--joined", "last week"], 2, "invalid date for --joined"),
        (["--joined", "2026-02-29"], 2, "impossible date for --joined"),
        (["--business", "Bad\x1b[31mCo"], 2, "--business contains the control character U+001B"),
        (["--business", "evil\u202ecorp"], 2, "U+202E"),
    ],
)
def test_bad_input_writes_nothing(
    cli: Invoke, db_path: Path, args: list[str], code: int, message: str
) -> None:
    result = cli("member", "add", "Bob", "--category", "Plumber", *args, code=code)
    assert message in one_error_line(result)
    assert result.stdout == ""
    assert count(db_path, "members") == 0


def test_missing_values_without_a_terminal(cli: Invoke, db_path: Path) -> None:
    result = cli("member", "add", code=2)
    assert "missing NAME, --category" in one_error_line(result)
    result = cli("member", "add", "Bob", code=2)
    assert "missing --category" in one_error_line(result)
    assert count(db_path, "members") == 0


def test_prompts_on_a_terminal(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from leadcli.commands import _common

    monkeypatch.setattr(_common, "interactive", lambda: True)
    cli("member", "add", input="Fay Fox\nFlorist\n")
    assert "Fay Fox" in cli("member", "list").stdout
    result = cli("member", "add", input="Gus Gray\nflorist\nBaker\n")
    assert "category 'florist' is held by #1 Fay Fox; try again" in result.stderr
    assert "Added member #2 Gus Gray (Baker)" in result.stdout


def test_empty_name_is_refused(cli: Invoke) -> None:
    assert "NAME must not be empty" in one_error_line(
        cli("member", "add", "  ", "--category", "X", code=2)
    )


def test_references_by_id_prefix_and_ambiguity(group: Invoke) -> None:
    group("member", "add", "Annabel Ames", "--category", "Baker")
    assert "Ann Archer" in group("member", "show", "ann archer").stdout
    assert "Ann Archer" in group("member", "show", "#1").stdout
    assert "Ann Archer" in group("member", "show", "1").stdout
    line = one_error_line(group("member", "show", "an", code=1))
    assert (
        "matches several members" in line and "#1 Ann Archer" in line and "#5 Annabel Ames" in line
    )
    # A name typed in full wins over a longer name it begins.
    assert "Ann Archer" in group("member", "show", "Ann Archer").stdout
    assert "no member named 'Zoe'" in one_error_line(group("member", "show", "Zoe", code=1))
    assert "no member #99" in one_error_line(group("member", "show", "#99", code=1))


def test_edit(group: Invoke, db_path: Path) -> None:
    group("member", "edit", "Bob", "--phone", "212-555-0142", "--business", "Baker Pipes")
    data = json.loads(group("member", "show", "Bob", "--json").stdout)
    assert data["phone"] == "+12125550142" and data["business"] == "Baker Pipes"
    group("member", "edit", "Bob", "--business", "")
    assert json.loads(group("member", "show", "Bob", "--json").stdout)["business"] is None
    assert "held by #1" in one_error_line(
        group("member", "edit", "Bob", "--category", "REALTOR", code=1)
    )
    assert "nothing to change" in one_error_line(group("member", "edit", "Bob", code=2))
    assert "invalid email" in one_error_line(group("member", "edit", "Bob", "--email", "x", code=2))


def test_edit_keeps_joined_before_recorded_attendance(group: Invoke) -> None:
    group("member", "attend", "Bob", "--date", "2026-11-18")
    line = one_error_line(group("member", "edit", "Bob", "--joined", "2026-11-19", code=1))
    assert "attendance recorded on 2026-11-18" in line


def test_a_name_made_of_digits(cli: Invoke) -> None:
    cli("member", "add", "Ann", "--category", "Realtor")
    cli("member", "add", "2024", "--category", "Baker")
    cli("member", "add", "7", "--category", "Florist")
    assert "2024" in cli("member", "show", "2024").stdout  # no member #2024: the name
    assert "Ann" in cli("member", "show", "1").stdout  # an id first
    assert "no member #7" in one_error_line(cli("member", "show", "#7", code=1))


def test_references_with_wildcards_and_accents(cli: Invoke) -> None:
    cli("member", "add", "100% Pat", "--category", "Baker")
    cli("member", "add", "Jo_Ann", "--category", "Florist")
    cli("member", "add", "Joann", "--category", "Tailor")
    cli("member", "add", "Élodie Émond", "--category", "Chef")
    cli("member", "add", "STRAßE Max", "--category", "Mason")
    assert "100% Pat" in cli("member", "show", "100%").stdout
    assert "Jo_Ann" in cli("member", "show", "jo_").stdout  # "_" is no wildcard
    assert "Joann" in cli("member", "show", "joa").stdout
    assert "Élodie" in cli("member", "show", "élodie").stdout
    assert "STRAßE" in cli("member", "show", "strasse").stdout
    assert "no member named '%'" in one_error_line(cli("member", "show", "%", code=1))


@pytest.mark.parametrize("ref", ["5", "99999999999999999999999"])
def test_a_number_that_is_no_member_says_so(cli: Invoke, ref: str) -> None:
    """A bare number names a member by id, else by a name of digits: the error says both."""
    cli("member", "add", "Ann", "--category", "Plumber")
    for command in (["show"], ["rejoin"], ["leave"], ["quota"]):
        message = one_error_line(cli("member", *command, ref, code=1))
        assert f"no member #{ref}, nor one named '{ref}'" in message


def test_a_day_between_spells_reads_as_a_day_after_leaving(group: Invoke) -> None:
    """As of a day Bob was away, his standing asks nothing of him, before his return and after."""
    _away_and_back(group)
    asked = ("member", "quota", "Bob", "--as-of", "2026-04-01")
    away = group(*asked).stdout, group(*asked, "--json").stdout
    assert "To do" not in away[0]
    group("member", "rejoin", "Bob", "--on", "2026-06-03")
    assert (group(*asked).stdout, group(*asked, "--json").stdout) == away
    assert "To do" in group("member", "quota", "Bob", "--as-of", "2026-06-10").stdout
