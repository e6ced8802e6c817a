"""Cells: several values in one CSV cell, and formula-safe text, give back exactly what was
written; every text field survives export then import, in CSV and in JSON."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadcli import db, leads, members, parse, transfer
from leadcli import settings as group_settings
from leadcli.sheets import FORMULA_STARTS, safe_cell, unsafe_cell
from leadcli.transfer import leads as lead_columns
from leadcli.transfer.cells import join_list, split_list
from leadcli.transfer.values import Inputs

NOW = dt.datetime(2026, 11, 19, 10, 0, tzinfo=dt.UTC)
# Pieces that have broken cells: separators, the escape, quotes, formula starts, markup.
TRICKY = (
    ";", "; ", "\\", "\\;", "'", "''", "'=", "=", "+", "-", "@", "|", '"', ",", "\t", " ",
    "&amp;", "[bold]", "<i>", "%", "DROP TABLE leads;--",
)  # fmt: skip


BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def plain(multiline: bool = False) -> st.SearchStrategy[str]:
    """Text a user can store in a field: what ``parse.clean`` accepts, as it keeps it."""
    pieces = st.one_of(
        st.sampled_from(TRICKY + (("\n", "\n\n") if multiline else ())),
        st.text(
            st.characters(
                codec="utf-8",
                exclude_categories=("Cs", "Cc", "Zl", "Zp"),
                exclude_characters=BIDI,
            ),
            min_size=1,
            max_size=6,
        ),
    )
    return (
        st.lists(pieces, min_size=1, max_size=6)
        .map(lambda parts: parse.clean("".join(parts), "x", multiline=multiline))
        .filter(bool)
    )


@given(st.lists(plain(), max_size=5))
def test_a_list_cell_gives_back_its_values(values: list[str]) -> None:
    assert split_list(join_list(values)) == values


@given(
    st.lists(
        st.one_of(
            st.sampled_from(("'", "=", "+", "-", "@", "|", "\t", "a")),
            st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))),
        ),
        max_size=6,
    ).map("".join)
)
def test_a_safe_cell_gives_back_any_text(text: str) -> None:
    cell = safe_cell(text)
    assert unsafe_cell(cell) == text
    assert not str(cell).startswith(FORMULA_STARTS)


@pytest.mark.parametrize(
    ("cell", "values"),
    [
        ("a; b", ["a", "b"]),
        ("a;b;;  c ;", ["a", "b", "c"]),
        ("", []),
        (" ; ", []),
        ("C:\\files; D:\\x", ["C:\\files", "D:\\x"]),
        ("trailing\\", ["trailing\\"]),
        ("Smith\\; Jones & Co", ["Smith; Jones & Co"]),
        ("a\\\\; b", ["a\\", "b"]),
        ("'\\; DROP TABLE leads\\;--", ["'; DROP TABLE leads;--"]),
    ],
)
def test_cells_as_typed_and_as_older_exports_wrote_them(cell: str, values: list[str]) -> None:
    assert split_list(cell) == values


def test_the_written_form_is_plain() -> None:
    assert join_list(["Smith; Jones & Co", "Ann"]) == "Smith\\; Jones & Co; Ann"
    assert join_list(["a\\b"]) == "a\\\\b"
    assert safe_cell("'=1+1") == "''=1+1"
    assert safe_cell("'quoted'") == "'quoted'"


# One migrated, empty group file, copied for each example.
@pytest.fixture(scope="module")
def empty_group(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "group.db"
    db.connect(path).close()
    return path


def _fresh(empty: Path, where: Path, name: str) -> Any:
    path = where / name
    shutil.copy(empty, path)
    return db.connect(path)


def _csv_round_trip(empty: Path, kinds: tuple[str, ...], source: Any) -> tuple[str, str, Any]:
    """Export ``kinds`` from ``source`` as CSV, import them into a new file in that order, and
    export the last kind again."""
    where = Path(tempfile.mkdtemp())
    try:
        target = _fresh(empty, where, "b.db")
        for kind in kinds:
            first, _ = transfer.export(source, kind, "csv")
            (where / "x.csv").write_text(first, encoding="utf-8", newline="")
            with transfer.CsvFile(where / "x.csv") as file:
                job = transfer.prepare(kind, file, Inputs(NOW), group_settings.load(target))
                transfer.run(target, job)
        second, _ = transfer.export(target, kinds[-1], "csv")
        return first, second, target
    finally:
        shutil.rmtree(where, ignore_errors=True)


member_texts = st.fixed_dictionaries({"name": plain(), "category": plain(), "business": plain()})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=member_texts)
def test_every_member_text_field_survives_both_formats(
    empty_group: Path, values: dict[str, str]
) -> None:
    where = Path(tempfile.mkdtemp())
    try:
        conn = _fresh(empty_group, where, "a.db")
        with db.transaction(conn):
            members.add(conn, joined=dt.date(2026, 1, 5), **values)
        (exported,) = json.loads(transfer.export(conn, "members", "json")[0])
        assert {k: exported[k] for k in values} == values
        first, second, target = _csv_round_trip(empty_group, ("members",), conn)
        assert second == first
        (back,) = members.all_members(target)
        assert {k: getattr(back, k) for k in values} == values
    finally:
        shutil.rmtree(where, ignore_errors=True)


lead_texts = st.fixed_dictionaries(
    {
        **{key: plain() for key in lead_columns.SINGLE_LINE},
        **{key: plain(multiline=True) for key in lead_columns.MULTILINE},
        "alt_contacts": st.lists(plain(), min_size=1, max_size=3).map(tuple),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=lead_texts)
def test_every_lead_text_field_survives_both_formats(
    empty_group: Path, values: dict[str, Any]
) -> None:
    where = Path(tempfile.mkdtemp())
    try:
        conn = _fresh(empty_group, where, "a.db")
        with db.transaction(conn):
            giver = members.add(conn, name="Ann", category="Realtor", joined=dt.date(2026, 1, 5))
            lead = {
                "date": dt.date(2026, 11, 18),
                "type": "general-opportunity",
                "giver_id": giver.id,
                "phones": ("+15125550147", "+14155552671"),
                **values,
            }
            leads.insert(conn, lead, NOW)
        (exported,) = json.loads(transfer.export(conn, "leads", "json")[0])
        expected = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
        expected["alt_contact"] = expected.pop("alt_contacts")
        assert {k: exported[k] for k in expected} == expected
        first, second, target = _csv_round_trip(empty_group, ("members", "leads"), conn)
        assert second == first
        (back,) = leads.select(target)
        assert {k: getattr(back, k) for k in values} == values
    finally:
        shutil.rmtree(where, ignore_errors=True)


def test_an_alternate_contact_with_a_semicolon_is_one_contact(cli: Any, tmp_path: Path) -> None:
    cli("member", "add", "Ann", "--category", "Realtor")
    cli(
        "lead", "add", "--from", "Ann", "--type", "general", "--company", "Acme",
        "--alt-contact", "Smith; Jones & Co", "--alt-contact", "'; DROP TABLE leads;--",
    )  # fmt: skip
    out = tmp_path / "leads.csv"
    cli("export", "leads", "--output", str(out))
    fresh = tmp_path / "fresh.db"
    cli("--db", str(fresh), "member", "add", "Ann", "--category", "Realtor")
    cli("--db", str(fresh), "import", "leads", str(out))
    (lead,) = json.loads(cli("--db", str(fresh), "lead", "list", "--json").stdout)
    shown = json.loads(cli("--db", str(fresh), "lead", "show", str(lead["id"]), "--json").stdout)
    assert shown["alt_contacts"] == ["Smith; Jones & Co", "'; DROP TABLE leads;--"]
