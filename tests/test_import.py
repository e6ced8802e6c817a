"""The import and export library (reading CSV as spreadsheets write it, cells, whole imports),
and lead imports end to end."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke
from leadcli import db, transfer
from leadcli.errors import BadInput
from leadcli.settings import Settings
from leadcli.transfer import rows as rows_module
from leadcli.transfer import writing
from leadcli.transfer.leads import _in_cycle
from leadcli.transfer.source import CsvFile, column_key
from leadcli.transfer.values import Inputs, yes_no
from test_cli_import import DATA, count, error_lines, write

NOW = dt.datetime(2026, 11, 19, 10, 0, tzinfo=dt.UTC)


def known(*names: str):  # type: ignore[no-untyped-def]
    return lambda cell: column_key(cell) in names


def read(path: Path, *names: str) -> tuple[list[str] | None, list[tuple[int, list[str]]]]:
    with CsvFile(path) as source:
        header = source.header(known(*names))
        return header, list(source.rows()) if header is not None else []


@pytest.mark.parametrize(
    "name",
    ["Alt Contact", "alt_contact", "alt-contact", " ALT  CONTACT ", "Alt_-Contact", "AltContact"],
)
def test_column_names_match_loosely(name: str) -> None:
    assert column_key(name) == column_key("alt_contact")


def test_column_names_match_nothing_else() -> None:
    assert column_key("E-mail") == column_key("email")
    assert column_key("joined date") != column_key("joined")
    assert column_key("alt contacts") != column_key("alt_contact")


def test_bom_crlf_and_quoted_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b'\xef\xbb\xbfName,Notes\r\nAnn,"a, b\r\nc"\r\n\r\nBob,"say ""hi"""\r\n')
    header, rows = read(path, "name", "notes")
    assert header == ["Name", "Notes"]
    assert rows == [(2, ["Ann", "a, b\nc"]), (5, ["Bob", 'say "hi"'])]


def test_leading_blank_lines_and_a_semicolon_header(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("\n\nname;category\nAnn;Realtor\n")
    with CsvFile(path) as source:
        assert source.header(known("name", "category")) == ["name", "category"]
        assert source.delimiter == ";"
        assert list(source.rows()) == [(4, ["Ann", "Realtor"])]


def test_formula_safe_cells_are_restored(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("name\n'=1+1\n'+1\n'plain\n")
    assert [cells for _, cells in read(path, "name")[1]] == [["=1+1"], ["+1"], ["'plain"]]


def test_a_latin1_byte_deep_in_the_file_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"name\n" + b"Ann\n" * 2000 + b"Caf\xe9\n")
    with CsvFile(path) as source:
        source.header(known("name"))
        seen = []
        with pytest.raises(BadInput, match=r"not UTF-8 text: line 2002 has the byte 0xE9"):
            for line, _ in source.rows():
                seen.append(line)
    assert len(seen) == 2000


def test_rows_are_streamed_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("name,category\n" + "".join(f"Member {i},Trade {i}\n" for i in range(5000)))
    size = path.stat().st_size
    with CsvFile(path) as source:
        source.header(known("name", "category"))
        rows = source.rows()
        assert next(rows) == (2, ["Member 0", "Trade 0"])
        assert source.position < size // 2
        assert sum(1 for _ in rows) == 4999
        assert source.position == size


def test_yes_no() -> None:
    assert [
        yes_no(t, "public") for t in ("yes", "TRUE", "y", "1", "No", "false", "N", "0", "", " ")
    ] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        None,
        None,
    ]
    with pytest.raises(BadInput, match="invalid yes/no for public: 'perhaps'"):
        yes_no("perhaps", "public")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (["+14155550101", "+14155550102"], "'+14155550101; +14155550102"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        (7, 7),
        ("plain", "plain"),
    ],
)
def test_export_cells(value: object, cell: object) -> None:
    assert writing.cell(value) == cell


def test_csv_and_json_writers() -> None:
    records = [{"a": "=1", "b": None}, {"a": "x\ny", "b": True}]
    out = io.StringIO()
    assert writing.write_csv(("a", "b"), iter(records), out) == 2
    assert out.getvalue() == 'a,b\r\n\'=1,\r\n"x\ny",yes\r\n'
    out = io.StringIO()
    assert writing.write_json(iter(records), out) == 2
    assert json.loads(out.getvalue()) == records


def test_problems_keep_the_first_fifty() -> None:
    problems = rows_module.Problems()
    for line in range(2, 75):
        problems.add(line, "bad")
    with pytest.raises(rows_module.BadRows) as caught:
        problems.check("f.csv")
    lines = caught.value.lines()
    assert len(lines) == 51 and lines[0] == "line 2: bad" and lines[-1] == "and 23 more bad rows"
    assert caught.value.message == "f.csv: 73 bad rows; nothing was imported"
    assert caught.value.exit_code == 2


def test_parent_cycles() -> None:
    assert _in_cycle({1: 2, 2: 1}, 2)
    assert _in_cycle({3: 3}, 3)
    assert not _in_cycle({1: 2, 2: 5}, 2)


@pytest.fixture
def conn(tmp_path: Path):  # type: ignore[no-untyped-def]
    connection = db.connect(tmp_path / "lib.db")
    yield connection
    connection.close()


def members_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "m.csv"
    path.write_text(text)
    return path


def test_run_and_dry_run(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = members_file(tmp_path, "name,category\nAnn,Realtor\nBob,Plumber\n")
    inputs = Inputs(NOW)
    with CsvFile(path) as source:
        job = transfer.prepare("members", source, inputs, Settings())
        summary = transfer.run(conn, job, dry_run=True)
    assert summary.sentence(True) == "would add 2 members"
    assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 0
    assert not conn.in_transaction
    with CsvFile(path) as source:
        summary = transfer.run(conn, transfer.prepare("members", source, inputs, Settings()))
    assert summary.sentence(False) == "added 2 members"
    assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 2


def test_a_bad_row_rolls_everything_back(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = members_file(tmp_path, "name,category,email\nAnn,Realtor,\nBob,Plumber,bob@\n")
    with CsvFile(path) as source, pytest.raises(transfer.BadRows) as caught:
        transfer.run(conn, transfer.prepare("members", source, Inputs(NOW), Settings()))
    assert caught.value.lines() == ["line 3: invalid email for email: 'bob@'"]
    assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 0
    assert not conn.in_transaction


def test_export_of_an_empty_group(conn) -> None:  # type: ignore[no-untyped-def]
    text, count = transfer.export(conn, "leads", "csv")
    assert count == 0 and text.startswith("id,from,to,type,")
    assert transfer.export(conn, "attendance", "json") == ("[]\n", 0)


def test_the_domain_imports_no_typer_or_rich() -> None:
    probe = (
        "import sys, leadcli.transfer, leadcli.backup\n"
        "from leadcli.transfer import attendance, leads, members, rows, source, values, writing\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'click'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# Leads, end to end: checked and stored as `lead add` would


def test_excel_leads_are_checked_and_stored(group: Invoke, db_path: Path) -> None:
    result = group("import", "leads", str(DATA / "leads_excel.csv"))
    assert "Added 2 leads from" in result.stdout
    leads = json.loads(group("lead", "list", "--json").stdout)
    first = next(x for x in leads if x["company"] == "Harbor Dental")
    assert first["giver"] == "Ann Archer" and first["receiver"] == "Bob Baker"
    assert first["verdict"] in ("HOT", "WARM") and first["status"] == "new"
    shown = json.loads(group("lead", "show", str(first["id"]), "--json").stdout)
    assert shown["phones"] == ["+14155550142", "+14155550143"]
    assert shown["alt_contacts"] == ["Mia Park", "Office manager"]
    assert shown["address"] == "12 Pier St\nSan Francisco"
    assert (shown["public"], shown["may_use_name"], shown["expecting_call"]) == (False, True, True)
    second = next(x for x in leads if x["company"] == "Bayview Logistics")
    assert second["receiver"] is None and second["type"] == "general-opportunity"
    assert count(db_path, "lead_events", "WHERE kind = 'created'") == 2


def test_yes_no_cells(group: Invoke, tmp_path: Path) -> None:
    header = "from,to,type,date,company,public,may_use_name,expecting_call,need_discussed"
    rows = [
        "Ann,Bob,direct,2026-11-18,A1,TRUE,Y,1,yes",
        "Ann,Bob,direct,2026-11-18,A2,false,n,0,No",
        "Ann,Bob,direct,2026-11-18,A3,,,,",
    ]
    group("import", "leads", str(write(tmp_path, "\n".join([header, *rows]) + "\n")))
    facts = {
        x["company"]: (x["public"], x["may_use_name"], x["expecting_call"], x["need_discussed"])
        for x in json.loads(group("lead", "list", "--json").stdout)
    }
    assert facts == {
        "A1": (True, True, True, True),
        "A2": (False, False, False, False),
        "A3": (None, None, None, None),
    }


LEAD_HEADER = "from,to,type,date,company,phone,email,heard,public,parent"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Zed,Bob,direct,2026-11-18,Acme,,,,,", "from: no member named 'Zed'"),
        ("Ann,Bob,sideways,2026-11-18,Acme,,,,,", "unknown lead type 'sideways'"),
        ("Ann,Bob,direct,,Acme,,,,,", "date is empty"),
        ("Ann,Bob,direct,2026-11-18,Acme,555-12,,,,", "invalid phone for phone: '555-12'"),
        ("Ann,Bob,direct,2026-11-18,Acme,415-555-0101; 12,,,,", "invalid phone for phone: '12'"),
        ("Ann,Bob,direct,2026-11-18,Acme,,a@b@c,,,", "invalid email for email: 'a@b@c'"),
        (
            "Ann,Bob,direct,2026-11-18,Acme,,,2026-11-20,,",
            "--heard 2026-11-20 is after the meeting",
        ),
        ("Ann,Bob,direct,2026-11-18,Acme,,,,maybe,", "invalid yes/no for public: 'maybe'"),
        ("Ann,Bob,direct,2026-11-18,Acme,,,,,99", "no lead #99"),
        ("Ann,Bob,direct,2026-11-18,Acme,,,,,x", "invalid parent: 'x'"),
        (
            "Ann,Bob,direct,2026-11-18,Ac\x07me,,,,,",
            "company contains the control character U+0007",
        ),
    ],
)
def test_every_kind_of_bad_lead_row(
    group: Invoke, db_path: Path, tmp_path: Path, row: str, reason: str
) -> None:
    path = write(tmp_path, f"{LEAD_HEADER}\nAnn,Bob,direct,2026-11-18,Good Co,,,,,\n{row}\n")
    result = group("import", "leads", str(path), code=2)
    first = error_lines(result)[0]
    assert first.startswith("Error: line 3: ") and reason in first, first
    assert (
        count(db_path, "leads") == 0
        and count(db_path, "lead_events") == 0
        and count(db_path, "meetings") == 0
    )


def test_a_sentence_in_the_website_column_is_refused(
    group: Invoke, db_path: Path, tmp_path: Path
) -> None:
    text = "from,to,type,date,company,website\nAnn,Bob,direct,2026-11-18,Acme,acme.example\n"
    path = write(tmp_path, text + "Ann,Bob,direct,2026-11-18,Bolt,call them at noon\n")
    result = group("import", "leads", str(path), code=2)
    assert error_lines(result)[0].startswith("Error: line 3: invalid website for website")
    assert count(db_path, "leads") == 0


def test_identical_lead_rows_are_refused(group: Invoke, tmp_path: Path) -> None:
    row = "Ann,Bob,direct,2026-11-18,Acme,415-555-0199,,,,"
    path = write(tmp_path, f"{LEAD_HEADER}\n{row}\nAnn,Bob,direct,2026-11-18,Other,,,,,\n{row}\n")
    assert (
        "line 4: the same lead as line 2"
        in error_lines(group("import", "leads", str(path), code=2))[0]
    )


def test_parent_without_id_column_is_a_lead_of_the_group(group: Invoke, tmp_path: Path) -> None:
    group(
        "lead",
        "add",
        "--from",
        "Ann",
        "--to",
        "Bob",
        "--type",
        "direct",
        "--company",
        "Root",
        "--date",
        "2026-11-18",
    )
    path = write(tmp_path, f"{LEAD_HEADER}\nCat,Dan,direct,2026-11-18,Spin,,,,,1\n")
    group("import", "leads", str(path))
    spin = json.loads(group("lead", "show", "2", "--json").stdout)
    assert spin["parent"] == 1


def test_parent_with_id_column_names_a_row_of_the_file(group: Invoke, tmp_path: Path) -> None:
    group(
        "lead",
        "add",
        "--from",
        "Ann",
        "--to",
        "Bob",
        "--type",
        "direct",
        "--company",
        "Old",
        "--date",
        "2026-11-18",
    )
    header = "id,from,to,type,date,company,parent"
    path = write(
        tmp_path,
        f"{header}\n40,Cat,Dan,direct,2026-11-18,Child,41\n41,Ann,Bob,direct,2026-11-11,Parent,\n",
    )
    group("import", "leads", str(path))
    by_company = {x["company"]: x for x in json.loads(group("lead", "list", "--json").stdout)}
    child = json.loads(group("lead", "show", str(by_company["Child"]["id"]), "--json").stdout)
    assert child["parent"] == by_company["Parent"]["id"] == 3


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        (
            "1,Ann,Bob,direct,2026-11-18,A,7\n",
            "line 2: parent 7 is not the id of a lead in this file",
        ),
        (
            "1,Ann,Bob,direct,2026-11-18,A,2\n2,Ann,Bob,direct,2026-11-18,B,1\n",
            "line 2: parent 2 makes a cycle",
        ),
        (
            "1,Ann,Bob,direct,2026-11-18,A,\n1,Ann,Bob,direct,2026-11-18,B,\n",
            "line 3: id 1 is already on line 2",
        ),
    ],
)
def test_bad_parent_links(
    group: Invoke, db_path: Path, tmp_path: Path, rows: str, reason: str
) -> None:
    path = write(tmp_path, "id,from,to,type,date,company,parent\n" + rows)
    assert reason in error_lines(group("import", "leads", str(path), code=2))[0]
    assert count(db_path, "leads") == 0


def test_lead_dry_run_reports_verdicts_and_writes_nothing(group: Invoke, db_path: Path) -> None:
    out = group("import", "leads", str(DATA / "leads_excel.csv"), "--dry-run").stdout
    assert "would add 2 leads" in out and "new meeting" in out
    assert count(db_path, "leads") == 0 and count(db_path, "meetings") == 0


def test_no_progress_bar_without_a_terminal(group: Invoke) -> None:
    result = group("import", "leads", str(DATA / "leads_excel.csv"))
    assert "\x1b" not in result.stderr and "%" not in result.stderr
