from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line

FORMULAS = ("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1:A2)")


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_member_export_csv(group: Invoke) -> None:
    out = group("export", "members").stdout
    assert (
        out.splitlines()[0]
        == "name,category,business,phone,email,joined,left,offers,area,minimum,earlier"
    )
    assert group("export", "members").stdout_bytes.count(b"\r\n") == 5
    ann = rows(out)[0]
    assert ann == {
        "name": "Ann Archer",
        "category": "Realtor",
        "business": "",
        "phone": "'+14155550101",
        "email": "ann@example.com",
        "joined": "2026-01-07",
        "left": "",
        "offers": "",
        "area": "",
        "minimum": "",
        "earlier": "",
    }


def test_member_export_json(group: Invoke) -> None:
    data = json.loads(group("export", "members", "--format", "json").stdout)
    assert list(data[0]) == [
        *("name", "category", "business", "phone", "email", "joined", "left"),
        *("offers", "area", "minimum", "earlier"),
    ]
    assert data[0]["phone"] == "+14155550101" and data[0]["left"] is None


def test_attendance_export_is_the_long_form(group: Invoke) -> None:
    group("member", "attend", "Ann", "Bob", "--date", "2026-11-18")
    group("member", "attend", "Dan", "--date", "2026-11-18", "--sub", "Sam Sub")
    out = group("export", "attendance").stdout
    assert out.splitlines() == [
        "date,member,status,substitute",
        "2026-11-18,Ann Archer,present,",
        "2026-11-18,Bob Baker,present,",
        "2026-11-18,Dan Dale,substitute,Sam Sub",
    ]


def test_lead_export_has_ids_yes_no_and_several_phones(group: Invoke) -> None:
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
        "Acme",
        "--phone",
        "415-555-0142",
        "--phone",
        "415-555-0143",
        "--may-use-name",
        "--not-public",
        "--date",
        "2026-11-18",
    )
    (lead,) = rows(group("export", "leads").stdout)
    assert lead["id"] == "1" and lead["from"] == "Ann Archer" and lead["to"] == "Bob Baker"
    assert lead["phone"] == "'+14155550142; +14155550143"
    assert (lead["public"], lead["may_use_name"], lead["expecting_call"]) == ("no", "yes", "")
    (data,) = json.loads(group("export", "leads", "-f", "json").stdout)
    assert data["phone"] == ["+14155550142", "+14155550143"] and data["public"] is False
    assert data["expecting_call"] is None and data["parent"] is None


def test_output_file_is_private(group: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "members.csv"
    result = group("export", "members", "--output", str(target))
    assert result.stdout == "" and "Wrote 4 members to" in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("name,category")


def test_bad_format_and_bad_output(group: Invoke, tmp_path: Path) -> None:
    assert "--format takes csv or json" in one_error_line(
        group("export", "members", "-f", "xml", code=2)
    )
    result = group("export", "members", "-o", str(tmp_path / "missing" / "m.csv"), code=2)
    assert "no such directory" in one_error_line(result)
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_cells_are_neutralized_on_export_and_restored_on_import(
    cli: Invoke, tmp_path: Path, formula: str
) -> None:
    cli("member", "add", "Ann", "--category", "Realtor", "--business", formula)
    out = cli("export", "members").stdout
    assert rows(out)[0]["business"] == "'" + formula
    path = tmp_path / "m.csv"
    path.write_text(out)
    fresh = tmp_path / "fresh.db"
    cli("--db", str(fresh), "import", "members", str(path))
    (ann,) = json.loads(cli("--db", str(fresh), "member", "list", "--json").stdout)
    assert ann["business"] == formula


def build_group(cli: Invoke) -> None:
    """A group with a bit of everything an export must carry."""
    cli("init", "--name", "Round Trip")
    cli(
        "member",
        "add",
        "Ann Archer",
        "--category",
        "Realtor",
        "--joined",
        "2026-01-07",
        "--phone",
        "415-555-0101",
        "--email",
        "ann@example.com",
        "--business",
        '=HYPERLINK("x")',
    )
    cli(
        "member",
        "add",
        "Bob Baker",
        "--category",
        "Plumber",
        "--joined",
        "2026-01-07",
        "--business",
        'Bob\'s, "Pipes"',
    )
    cli(
        "member",
        "add",
        "Zoë Żak",
        "--category",
        "Florist",
        "--joined",
        "2026-02-04",
        "--phone",
        "+44 20 7946 0958",
    )
    cli("member", "add", "Old Olga", "--category", "Caterer", "--joined", "2026-01-07")
    cli("member", "attend", "Old Olga", "--date", "2026-01-14")
    cli("member", "leave", "Old Olga", "--on", "2026-03-01")
    cli(
        "member",
        "add",
        "Cal Cook",
        "--category",
        "Caterer",
        "--joined",
        "2026-03-04",
        "--offers",
        "weddings",
        "--offers",
        "office lunches",
        "--area",
        "Boise, ID",
        "--area",
        "837",
        "--minimum",
        "750",
    )
    cli("member", "attend", "Ann", "Bob", "--date", "2026-11-11")
    cli("member", "attend", "Zoë", "--date", "2026-11-11", "--status", "medical")
    cli("member", "attend", "Cal", "--date", "2026-11-11", "--sub", "@Sam Sub")
    cli("member", "attend", "Ann", "--date", "2026-11-18", "--status", "late")
    cli("member", "attend", "Bob", "--date", "2026-11-18", "--status", "absent")
    cli(
        "lead",
        "add",
        "--from",
        "Ann",
        "--to",
        "Bob",
        "--type",
        "direct",
        "--company",
        "Acme, Inc.",
        "--contact",
        "John Smith",
        "--title",
        "-CFO",
        "--phone",
        "415-555-0142",
        "--phone",
        "415-555-0143",
        "--email",
        "john@acme.example",
        "--website",
        "acme.example",
        "--address",
        "1 Main St\nSpringfield",
        "--alt-contact",
        "Jane Roe",
        "--alt-contact",
        "+1 ops desk",
        "--description",
        "Acme is replumbing its new office before the move in March, about twenty fixtures in all\nand a new water heater.",
        "--need",
        "a quote",
        "--heard",
        "2026-11-16",
        "--date",
        "2026-11-18",
        "--not-public",
        "--may-use-name",
        "--expecting-call",
        "--need-discussed",
        "--decision",
        "2026-12-15",
        "--source",
        "client",
        "--notes",
        "=1+1 [bold]x[/]",
        "--value",
        "12,500",
        "--decision-maker",
        "--intent",
        "buying",
    )
    cli(
        "lead",
        "add",
        "--from",
        "Bob",
        "--to",
        "Ann",
        "--type",
        "specific",
        "--company",
        "Beta",
        "--date",
        "2026-11-18",
        "--parent",
        "1",
        "--public",
        "--prospect",
        "person",
        "--intent",
        "rfp",
        "--not-decision-maker",
    )
    cli(
        "lead",
        "add",
        "--from",
        "Cal",
        "--type",
        "general-opportunity",
        "--company",
        "Gamma",
        "--description",
        "Gamma is planning to expand",
        "--date",
        "2026-11-18",
    )


def test_round_trip_into_a_fresh_file(cli: Invoke, tmp_path: Path) -> None:
    build_group(cli)
    exports = {kind: cli("export", kind).stdout for kind in ("members", "attendance", "leads")}
    for kind, text in exports.items():
        (tmp_path / f"{kind}.csv").write_text(text, newline="")
    fresh = tmp_path / "fresh.db"
    for kind in ("members", "attendance", "leads"):
        cli("--db", str(fresh), "import", kind, str(tmp_path / f"{kind}.csv"))
    again = {kind: cli("--db", str(fresh), "export", kind).stdout for kind in exports}
    assert again == exports
    old = json.loads(cli("lead", "list", "--json").stdout)
    new = json.loads(cli("--db", str(fresh), "lead", "list", "--json").stdout)
    assert [(x["verdict"], x["score"]) for x in new] == [(x["verdict"], x["score"]) for x in old]
    jsons = {kind: cli("export", kind, "-f", "json").stdout for kind in exports}
    assert jsons == {
        kind: cli("--db", str(fresh), "export", kind, "-f", "json").stdout for kind in exports
    }


def test_round_trip_keeps_parent_links_into_a_group_with_leads(cli: Invoke, tmp_path: Path) -> None:
    build_group(cli)
    path = tmp_path / "leads.csv"
    path.write_text(cli("export", "leads").stdout, newline="")
    cli("import", "leads", str(path))
    leads = json.loads(cli("export", "leads", "-f", "json").stdout)
    copies = leads[3:]
    assert [x["company"] for x in copies] == ["Acme, Inc.", "Beta", "Gamma"]
    assert copies[1]["parent"] == copies[0]["id"] == 4
