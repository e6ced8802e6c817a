"""Cells: several values in one CSV cell, and formula-safe text, give back exactly what was
written; every field of every exportable table (members with their profiles, leads with their
qualification, parent and void, attendance, activity) survives export then import, and the
exports, CSV and JSON, are the same again."""

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

from leadcli import activity, db, leads, meetings, members, parse, transfer
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


# --------------------------------------------------------------------------- a whole group

PHONES = ("+15125550147", "+14155552671", "+12125550100")
EMAILS = ("ann@example.com", "o'neil+leads@example.org")
AREAS = ("Austin, TX", "787", "Texas", "M5V", "Toronto, ON")
DAY0 = dt.date(2026, 1, 7)
LEFT = dt.date(2026, 11, 18)
# Names a file could take for something else: ids, a prefix of another name.
ODD_NAMES = ("12", "#7", "2", "1", "Ann", "Ann Archer", "#")


def days(low: int = 0, high: int = 300) -> st.SearchStrategy[dt.date]:
    return st.integers(low, high).map(lambda n: DAY0 + dt.timedelta(days=n))


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


member_specs = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.one_of(st.sampled_from(ODD_NAMES), plain()),
            "category": plain(),
            "business": maybe(plain()),
            "phone": maybe(st.sampled_from(PHONES)),
            "email": maybe(st.sampled_from(EMAILS)),
            "joined": st.integers(0, 120).map(lambda n: DAY0 - dt.timedelta(days=n)),
            "offers": st.lists(plain(), max_size=3, unique=True).map(tuple),
            "areas": st.lists(st.sampled_from(AREAS), max_size=3, unique=True).map(tuple),
            "minimum_cents": maybe(st.integers(1, 10**9)),
        }
    ),
    min_size=2,
    max_size=4,
    unique_by=(lambda m: m["name"].casefold(), lambda m: m["category"].casefold()),
)

lead_specs = st.lists(
    st.fixed_dictionaries(
        {
            "giver": st.integers(0, 3),
            "receiver": maybe(st.integers(0, 3)),
            "type": st.sampled_from(leads.TYPES),
            "date": days(),
            "heard_before": maybe(st.integers(0, 30)),
            "decision": maybe(days(0, 400)),
            **{key: maybe(plain()) for key in lead_columns.SINGLE_LINE},
            "email": maybe(st.sampled_from(EMAILS)),
            **{key: maybe(plain(multiline=True)) for key in lead_columns.MULTILINE},
            "phones": st.lists(st.sampled_from(PHONES), max_size=2, unique=True).map(tuple),
            "alt_contacts": st.lists(plain(), max_size=3).map(tuple),
            **{key: maybe(st.booleans()) for key in (*leads.FACTS, "decision_maker")},
            "prospect_type": maybe(st.sampled_from(leads.PROSPECTS)),
            "value_cents": maybe(st.integers(1, 10**10)),
            "intent": maybe(st.sampled_from(leads.INTENTS)),
            "parent": maybe(st.integers(0, 10)),
            "void": maybe(plain()),
        }
    ),
    max_size=6,
)

marks = st.lists(
    st.tuples(days(), st.integers(0, 3), st.sampled_from(meetings.STATUSES), plain()),
    max_size=5,
)
doings = st.lists(
    st.tuples(
        days(),
        st.sampled_from(activity.KINDS),
        st.integers(0, 3),
        st.integers(1, 3),
        st.integers(1, 5),
    ),
    max_size=4,
)


def _build(conn: Any, people: list[dict[str, Any]], lead_list: list[dict[str, Any]],
           mark_list: list[Any], doing_list: list[Any], leaver: int | None) -> None:  # fmt: skip
    """A group made through the domain, as the commands make one."""
    settings = group_settings.load(conn)
    with db.transaction(conn):
        made = [members.add(conn, **person) for person in people]
        for day, who, status, substitute in mark_list:
            member = made[who % len(made)]
            mark = meetings.Mark(member, status, substitute if status == "substitute" else None)
            meetings.attend(conn, day, [mark])
        for day, kind, who, other, count in doing_list:
            member = made[who % len(made)]
            partner = made[(who + other) % len(made)] if kind == "one-to-one" else None
            if partner is not None and partner.id == member.id:
                continue
            activity.record(conn, kind, member, day, other=partner,
                            count=count if kind == "ceu" else 1)  # fmt: skip
        added: list[tuple[int, dt.date]] = []
        voids: list[tuple[int, str]] = []
        for spec in lead_list:
            spec = dict(spec)
            giver = made[spec.pop("giver") % len(made)]
            receiver_at = spec.pop("receiver")
            receiver = None if receiver_at is None else made[receiver_at % len(made)]
            if receiver is not None and receiver.id == giver.id:
                receiver = None
            parent_at, void = spec.pop("parent"), spec.pop("void")
            parent = added[parent_at % len(added)] if parent_at is not None and added else None
            day = max(spec["date"], parent[1]) if parent else spec["date"]
            before = spec.pop("heard_before")
            values = {
                **spec,
                "date": day,
                "heard": None if before is None else day - dt.timedelta(days=before),
                "giver_id": giver.id,
                "receiver_id": receiver.id if receiver else None,
                "parent_id": parent[0] if parent else None,
            }
            lead, _ = leads.add(conn, values, settings, NOW)
            added.append((lead.id, day))
            if void is not None:
                voids.append((lead.id, void))
        for lead_id, reason in voids:
            leads.void(conn, lead_id, reason, NOW)
        if leaver is not None:
            member = members.get(conn, made[leaver % len(made)].id)
            members.leave(conn, member, LEFT)


def _exports(conn: Any) -> dict[tuple[str, str], str]:
    return {
        (kind, fmt): transfer.export(conn, kind, fmt)[0]
        for kind in transfer.KINDS
        for fmt in transfer.FORMATS
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=member_specs,
    lead_list=lead_specs,
    mark_list=marks,
    doing_list=doings,
    leaver=maybe(st.integers(0, 3)),
)
def test_every_field_of_every_table_survives_a_round_trip(
    empty_group: Path,
    people: list[dict[str, Any]],
    lead_list: list[dict[str, Any]],
    mark_list: list[Any],
    doing_list: list[Any],
    leaver: int | None,
) -> None:
    """Members with their profiles, leads with every field (prospect, value, decision maker,
    intent, parent, void), attendance and activity: export as CSV, import into an empty group
    in that order, and every export, CSV and JSON, is the same again."""
    where = Path(tempfile.mkdtemp())
    try:
        source = _fresh(empty_group, where, "a.db")
        _build(source, people, lead_list, mark_list, doing_list, leaver)
        before = _exports(source)
        target = _fresh(empty_group, where, "b.db")
        for kind in ("members", "attendance", "leads", "activity"):
            path = where / f"{kind}.csv"
            path.write_text(before[kind, "csv"], encoding="utf-8", newline="")
            with transfer.CsvFile(path) as file:
                job = transfer.prepare(kind, file, Inputs(NOW), group_settings.load(target))
                try:
                    transfer.run(target, job)
                except transfer.BadRows as refused:
                    pytest.fail(f"{kind}: {refused.lines()}\n{before[kind, 'csv']}")
        assert _exports(target) == before
        voided = [
            json.loads(before["leads", "json"])[i] for i, s in enumerate(lead_list) if s["void"]
        ]
        assert all(v["voided_at"] and v["void_reason"] for v in voided)
    finally:
        shutil.rmtree(where, ignore_errors=True)
