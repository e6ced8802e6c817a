from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line

DATA = Path(__file__).parent / "data"


def write(
    tmp_path: Path, text: str, name: str = "in.csv", *, bom: bool = False, crlf: bool = False
) -> Path:
    path = tmp_path / name
    body = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8"))
    return path


def count(db_path: Path, table: str, where: str = "") -> int:
    if not db_path.exists():
        return 0
    with sqlite3.connect(db_path) as conn:
        try:
            return conn.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def error_lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("Error: ")]


# Members


def test_excel_file_with_bom_crlf_and_quoted_line_breaks(cli: Invoke, db_path: Path) -> None:
    result = cli("import", "members", str(DATA / "members_excel.csv"))
    assert "Added 3 members from" in result.stdout
    assert result.stderr == "Note: columns not imported: Notes\n"
    rows = json.loads(cli("member", "list", "--json").stdout)
    eve = next(r for r in rows if r["name"] == "Eve Evans")
    assert eve["business"] == "Evans, Blooms & Co"
    assert eve["phone"] == "+14155550111"
    assert eve["joined"] == "2026-02-04"
    fay = next(r for r in rows if r["name"] == "Fay Ford")
    assert fay["email"] == "FAY@example.com" and fay["joined"] == "2026-03-04"
    assert [r["name"] for r in rows] == ["Eve Evans", "Fay Ford", "Gus Gray"]


def test_line_numbers_are_physical_lines(cli: Invoke, db_path: Path, tmp_path: Path) -> None:
    # The quoted note spans lines 2-4: the bad phone of the next row is on line 5.
    path = write(
        tmp_path,
        'name,category,notes,phone\nAnn,Realtor,"one\ntwo\nthree",\nBob,Plumber,,555-12\n',
        bom=True,
        crlf=True,
    )
    result = cli("import", "members", str(path), code=2)
    assert error_lines(result) == [
        "Error: line 5: invalid phone for phone: '555-12' (too short for a US number)",
        f"Error: {path}: 1 bad row; nothing was imported",
    ]
    assert count(db_path, "members") == 0


@pytest.mark.parametrize(
    "header",
    [
        "name,category,business,phone,email,joined",
        "Name,Category,Business,Phone,Email,Joined",
        " NAME , CATEGORY ,Business,PHONE,eMail,joined",
        "name;category;business;phone;email;joined",
        "name\tcategory\tbusiness\tphone\temail\tjoined",
    ],
)
def test_header_variants(cli: Invoke, tmp_path: Path, header: str) -> None:
    sep = ";" if ";" in header else "\t" if "\t" in header else ","
    row = sep.join(
        ["Ann Archer", "Realtor", "Archer Homes", "415-555-0101", "ann@example.com", "2026-01-07"]
    )
    path = write(tmp_path, f"{header}\n{row}\n")
    cli("import", "members", str(path))
    (ann,) = json.loads(cli("member", "list", "--json").stdout)
    assert (ann["category"], ann["business"], ann["phone"]) == (
        "Realtor",
        "Archer Homes",
        "+14155550101",
    )


def test_extra_columns_are_named_in_a_note(cli: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Category,Shoe size,Favourite colour\nAnn,Realtor,9,blue\n")
    result = cli("import", "members", str(path))
    assert result.stderr == "Note: columns not imported: Shoe size, Favourite colour\n"


def test_one_bad_row_refuses_the_whole_file(group: Invoke, db_path: Path, tmp_path: Path) -> None:
    lines = ["name,category,phone"] + [
        f"Member {i},Trade {i},415-555-01{i:02d}" for i in range(2, 12)
    ]
    lines[6] = "Member 6,Trade 6,555-12"
    path = write(tmp_path, "\n".join(lines) + "\n")
    result = group("import", "members", str(path), code=2)
    assert (
        error_lines(result)[0]
        == "Error: line 7: invalid phone for phone: '555-12' (too short for a US number)"
    )
    assert result.stdout == ""
    assert count(db_path, "members") == 4


BAD_MEMBER_ROWS = [
    ("Eve,Florist,555-12,,", "invalid phone for phone: '555-12'"),
    ("Eve,Florist,,not-an-email,", "invalid email for email: 'not-an-email'"),
    ("Eve,Florist,,,31/31/2026", "impossible date for joined: '31/31/2026'"),
    ("Eve,Florist,,,2026-02-30", "impossible date for joined: '2026-02-30'"),
    ("Eve,Florist,,,next week", "invalid date for joined: 'next week'"),
    ("Eve,realtor,,,", "category 'realtor' is held by #1 Ann Archer"),
    ("Eve\x1b[31m,Florist,,,", "name contains the control character U+001B"),
    ("Eve\u202eevE,Florist,,,", "name contains the control character U+202E"),
    (",Florist,,,", "name is empty"),
    ("Eve,,,,", "category is empty"),
    ("ann archer,Florist,,,", "a member named 'ann archer' already exists (#1 Ann Archer)"),
    ("Eve,Florist,,,,surplus", "6 cells but the header has 5 columns"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_MEMBER_ROWS)
def test_every_kind_of_bad_member_row(
    group: Invoke, db_path: Path, tmp_path: Path, row: str, reason: str
) -> None:
    path = write(tmp_path, f"name,category,phone,email,joined\nZoe Zane,Baker,,,\n{row}\n")
    result = group("import", "members", str(path), code=2)
    first = error_lines(result)[0]
    assert first.startswith("Error: line 3: ") and reason in first, first
    assert count(db_path, "members") == 4


def test_duplicates_within_the_file(cli: Invoke, db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "name,category\nAnn,Realtor\nBob,Plumber\nANN,Florist\nCat,plumber\n")
    result = cli("import", "members", str(path), code=2)
    assert error_lines(result)[:2] == [
        "Error: line 4: the member 'ANN' is already on line 2",
        "Error: line 5: category 'plumber' is also on line 3",
    ]
    assert count(db_path, "members") == 0


def test_members_who_left_keep_their_category_free(cli: Invoke, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "name,category,joined,left\nOld Olga,Realtor,2025-01-01,2025-06-30\nAnn,Realtor,2026-01-07,\n",
    )
    cli("import", "members", str(path))
    rows = {r["name"]: r for r in json.loads(cli("member", "list", "--json").stdout)}
    assert not rows["Old Olga"]["active"] and rows["Ann"]["active"]
    assert json.loads(cli("member", "show", "Old", "--json").stdout)["left"] == "2025-06-30"
    bad = write(tmp_path, "name,category,joined,left\nZed,Baker,2026-01-07,2025-01-01\n", "bad.csv")
    assert (
        "left 2025-01-01 is before joined 2026-01-07"
        in error_lines(cli("import", "members", str(bad), code=2))[0]
    )


def test_at_most_fifty_bad_rows_are_listed(cli: Invoke, tmp_path: Path) -> None:
    rows = "".join(f"M{i},T{i},bad\n" for i in range(60))
    path = write(tmp_path, "name,category,phone\n" + rows)
    lines = error_lines(cli("import", "members", str(path), code=2))
    assert len(lines) == 52
    assert lines[49] == "Error: line 51: invalid phone for phone: 'bad' (not a phone number)"
    assert lines[50] == "Error: and 10 more bad rows"
    assert lines[51] == f"Error: {path}: 60 bad rows; nothing was imported"


def test_dry_run_writes_nothing(cli: Invoke, db_path: Path) -> None:
    result = cli("import", "members", str(DATA / "members_excel.csv"), "--dry-run")
    assert "would add 3 members" in result.stdout and "nothing was written" in result.stdout
    assert count(db_path, "members") == 0
    bad = cli("import", "members", str(DATA / "attendance_palms.csv"), "--dry-run", code=2)
    assert "no recognizable header; expected the columns: name, category" in one_error_line(bad)


def test_header_only_imports_nothing(cli: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "name,category\n\n\n")
    assert "Added 0 members" in cli("import", "members", str(path)).stdout


# Bad files


def test_missing_file(cli: Invoke, tmp_path: Path, db_path: Path) -> None:
    result = cli("import", "members", str(tmp_path / "nope.csv"), code=2)
    assert "no such file" in one_error_line(result)
    assert not db_path.exists()


def test_a_directory(cli: Invoke, tmp_path: Path) -> None:
    assert "is a directory" in one_error_line(cli("import", "members", str(tmp_path), code=2))


def test_a_path_through_a_file(cli: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "name,category\n") / "inside.csv"
    assert "cannot read" in one_error_line(cli("import", "members", str(path), code=2))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(cli: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "name,category\nAnn,Realtor\n")
    path.chmod(0)
    assert "permission denied" in one_error_line(cli("import", "members", str(path), code=2))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty; expected a header row: name, category"),
        (b"\n  \n", "is empty; expected a header row"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8 text: it looks like a PNG image"),
        (b"PK\x03\x04\x14\x00", "looks like a zip archive (an .xlsx or .ods workbook?)"),
        (b"\xff\xfen\x00a\x00m\x00e\x00", "looks like UTF-16 text"),
        (
            b"name,category\nAnn,Realtor\nCaf\xe9,Baker\n",
            "not UTF-8 text: line 3 has the byte 0xE9",
        ),
        (b"name,category\nAnn\x00,Realtor\n", "not UTF-8 text: line 2 holds a NUL byte"),
        (b'[{"name": "Ann", "category": "Realtor"}]', "looks like a JSON document, not CSV"),
        (b"hello,world\n1,2\n", "no recognizable header; expected the columns: name, category"),
        (b"name,business\nAnn,Homes\n", "the header lacks the column category"),
        (b"name,category,Name\nAnn,Realtor,Ann\n", "the column 'name' appears twice"),
        (
            b'name,category\nAnn,"Realtor\nBob,Plumber\n',
            "not valid CSV: line 3: unexpected end of data",
        ),
    ],
)
def test_bad_files(cli: Invoke, db_path: Path, tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    result = cli("import", "members", str(path), code=2)
    assert reason in one_error_line(result)
    assert count(db_path, "members") == 0


# Attendance


def test_long_form_attendance(group: Invoke, db_path: Path, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Date,Member,Status,Substitute\n2026-11-18,Ann,present,\n2026-11-18,Bob Baker,S,Sam Sub\n"
        "11/11/2026,#3,late,\n2026-11-11,dan,a,\n",
    )
    out = group("import", "attendance", str(path)).stdout
    assert "Recorded 4 attendance marks at 2 meetings" in out and "2 new meetings" in out
    meetings = json.loads(group("meeting", "list", "--json").stdout)
    by_day = {m["date"]: m for m in meetings}
    assert by_day["2026-11-18"]["present"] == 1 and by_day["2026-11-18"]["substitute"] == 1
    assert by_day["2026-11-11"]["late"] == 1 and by_day["2026-11-11"]["absent"] == 1


def test_palms_matrix(group: Invoke, db_path: Path) -> None:
    result = group("import", "attendance", str(DATA / "attendance_palms.csv"))
    assert "Recorded 10 attendance marks at 3 meetings" in result.stdout
    assert result.stderr == "Note: columns not imported: Total\n"
    by_day = {m["date"]: m for m in json.loads(group("meeting", "list", "--json").stdout)}
    assert (
        by_day["2026-11-04"]["present"],
        by_day["2026-11-04"]["absent"],
        by_day["2026-11-04"]["substitute"],
    ) == (2, 1, 1)
    assert by_day["2026-11-11"]["not_recorded"] == 1 and by_day["2026-11-11"]["absent"] == 1
    assert (
        by_day["2026-11-18"]["late"],
        by_day["2026-11-18"]["medical"],
        by_day["2026-11-18"]["not_recorded"],
    ) == (1, 1, 1)


def test_palms_headers_as_spreadsheets_write_dates(group: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, 'Member,Wed 11/4/2026,11-Nov-2026,"Nov 18, 2026"\nAnn,P,A,L\n')
    assert (
        "Recorded 3 attendance marks at 3 meetings"
        in group("import", "attendance", str(path)).stdout
    )
    dates = [m["date"] for m in json.loads(group("meeting", "list", "--json").stdout)]
    assert sorted(dates) == ["2026-11-04", "2026-11-11", "2026-11-18"]


def test_palms_headers_that_are_not_dates(group: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "Member,Wed,18.11.2026\nAnn,P,P\n")
    line = error_lines(group("import", "attendance", str(path), code=2))[0]
    assert "no column reads as a date: 'Wed', '18.11.2026'" in line


def test_palms_dates_follow_the_group_date_order(group: Invoke, tmp_path: Path) -> None:
    group("config", "set", "group.date_order", "DMY")
    path = write(tmp_path, "member,18/11/2026\nAnn,P\n")
    group("import", "attendance", str(path))
    assert [m["date"] for m in json.loads(group("meeting", "list", "--json").stdout)] == [
        "2026-11-18"
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("member,2026-11-18\nAnn,X\n", "line 2: 2026-11-18: unknown attendance status 'X'"),
        ("member,2026-11-18\nZed,P\n", "line 2: member: no member named 'Zed'"),
        ("member,2026-11-18\nAnn,P\nann archer,A\n", "line 3: Ann Archer is already on line 2"),
        (
            "member,2026-11-18,11/18/2026\nAnn,P,P\n",
            "'2026-11-18' and '11/18/2026' are the same meeting",
        ),
        ("member,Total\nAnn,3\n", "no recognizable header"),
        ("date,member,status\n2026-11-18,Ann,maybe\n", "line 2: unknown attendance status 'maybe'"),
        (
            "date,member,status\n2026-11-31,Ann,P\n",
            "line 2: impossible date for date: '2026-11-31'",
        ),
        (
            "date,member,status\n2026-11-18,Ann,P\n2026-11-18,Ann,A\n",
            "line 3: Ann Archer at the meeting of 2026-11-18 is already on line 2",
        ),
        ("date,member,status\n2026-11-18,,P\n", "line 2: member is empty"),
        (
            "date,member,status,substitute\n2026-11-18,Ann,P,Sam\n",
            "line 2: substitute 'Sam' goes with status substitute",
        ),
        ("date,member\n2026-11-18,Ann\n", "the header lacks the column status"),
    ],
)
def test_bad_attendance(
    group: Invoke, db_path: Path, tmp_path: Path, text: str, reason: str
) -> None:
    path = write(tmp_path, text)
    result = group("import", "attendance", str(path), code=2)
    assert reason in error_lines(result)[0], result.stderr
    assert count(db_path, "attendance") == 0 and count(db_path, "meetings") == 0


def test_an_ambiguous_member_is_a_bad_row(group: Invoke, db_path: Path, tmp_path: Path) -> None:
    group("member", "add", "Anna Bell", "--category", "Baker", "--joined", "2026-01-07")
    path = write(tmp_path, "date,member,status\n2026-11-18,Ann,P\n")
    result = group("import", "attendance", str(path), code=2)
    assert "line 2: member: 'Ann' matches several members" in error_lines(result)[0]
    assert count(db_path, "attendance") == 0


def test_attendance_before_joining_moves_the_joined_date_back(
    group: Invoke, tmp_path: Path
) -> None:
    # A roster imported without join dates, then the PALMS sheet of the weeks before.
    path = write(tmp_path, "member,2025-12-24,2025-12-31\nAnn,P,P\nBob,,L\n")
    group("import", "attendance", str(path), "--dry-run")
    assert json.loads(group("member", "show", "Ann", "--json").stdout)["joined"] == "2026-01-07"
    group("import", "attendance", str(path))
    joined = {m["name"]: m["joined"] for m in json.loads(group("member", "list", "--json").stdout)}
    assert (joined["Ann Archer"], joined["Bob Baker"]) == ("2025-12-24", "2025-12-31")


def test_attendance_after_leaving_is_a_bad_row(
    group: Invoke, db_path: Path, tmp_path: Path
) -> None:
    group("member", "leave", "Dan", "--on", "2026-11-01")
    path = write(tmp_path, "member,2026-11-18\nAnn,P\nDan,P\n")
    result = group("import", "attendance", str(path), code=2)
    assert "line 3: 2026-11-18: #4 Dan Dale left on 2026-11-01" in error_lines(result)[0]
    assert count(db_path, "attendance") == 0


def test_attendance_at_a_holiday_is_a_bad_row(group: Invoke, db_path: Path, tmp_path: Path) -> None:
    group("meeting", "add", "2026-11-25", "--holiday")
    path = write(tmp_path, "date,member,status\n2026-11-18,Ann,P\n2026-11-25,Bob,P\n")
    result = group("import", "attendance", str(path), code=2)
    assert "line 3: the meeting of 2026-11-25 is a holiday" in error_lines(result)[0]
    assert count(db_path, "attendance") == 0 and count(db_path, "meetings") == 1


def test_a_few_thousand_rows_stream_through(group: Invoke, db_path: Path, tmp_path: Path) -> None:
    names = ["Ann", "Bob", "Cat", "Dan"]
    start = dt.date(2026, 1, 7)
    rows = [
        f"{start + dt.timedelta(weeks=w)},{name},{'PALMS'[(w + i) % 5]}"
        for w in range(800)
        for i, name in enumerate(names)
    ]
    lines = ["date,member,status", *rows]
    path = write(tmp_path, "\n".join(lines) + "\n")
    out = group("import", "attendance", str(path)).stdout
    assert f"Recorded {len(rows)} attendance marks at 800 meetings" in out
    bad = write(tmp_path, "\n".join([*lines, "2026-11-18,Ann,nope"]) + "\n", "bad.csv")
    result = group("import", "attendance", str(bad), code=2)
    assert error_lines(result)[0].startswith(f"Error: line {len(lines) + 1}: ")


def test_help_names_the_three_kinds(cli: Invoke) -> None:
    out = cli("import", "--help").stdout
    assert "members" in out and "leads" in out and "attendance" in out
