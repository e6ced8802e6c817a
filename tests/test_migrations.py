from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from leadcli import db
from leadcli.migrations import migrations


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


STAMP = "2026-11-01T07:00:00+00:00"


def made_before(path: Path, step: str, phone: str | None = None) -> Any:
    """A group file as leadcli made it before the migration ``step`` (a name prefix such as
    ``m013_``), holding Ann (Printing, joined 2026-01-07) and the meeting of 2026-11-18: a
    sqlite_utils Database, still open."""
    from sqlite_utils import Database, Migrations

    before = Migrations("leadcli")
    before._migrations.extend(m for m in migrations._migrations if m.name < step)
    old = Database(path)
    before.apply(old)
    old.execute(
        "INSERT INTO members (name, category, phone, joined, created_at) "
        "VALUES ('Ann', 'Printing', ?, '2026-01-07', ?)",
        [phone, STAMP],
    )
    old.execute("INSERT INTO meetings (date, created_at) VALUES ('2026-11-18', ?)", [STAMP])
    return old


def test_schema_version_matches_the_steps() -> None:
    assert len(migrations._migrations) == db.SCHEMA_VERSION
    names = [m.name for m in migrations._migrations]
    assert names == sorted(names) and all(
        n.startswith(f"m{i:03d}_") for i, n in enumerate(names, 1)
    )


def test_resulting_schema(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "t.db")
    assert columns(conn, "settings") == ["key", "value"]
    assert columns(conn, "members") == [
        "id",
        "name",
        "category",
        "business",
        "phone",
        "email",
        "joined",
        "left_on",
        "created_at",
        "offers",
        "areas",
        "minimum_cents",
        "earlier",
    ]
    assert columns(conn, "meetings") == ["date", "holiday", "created_at"]
    assert columns(conn, "attendance") == [
        "meeting",
        "member_id",
        "status",
        "substitute",
        "recorded_at",
    ]
    assert {
        "id",
        "date",
        "giver_id",
        "receiver_id",
        "type",
        "phones",
        "status",
        "verdict",
        "score",
        "amount_cents",
        "contacted_at",
        "parent_id",
        "voided_at",
        "void_reason",
        "prospect_type",
        "value_cents",
        "decision_maker",
        "intent",
        "fit",
    } <= set(columns(conn, "leads"))
    assert columns(conn, "lead_events") == [
        "id",
        "lead_id",
        "at",
        "kind",
        "detail",
        "note",
        "recorded_at",
    ]
    assert columns(conn, "activity") == [
        "id",
        "kind",
        "member_id",
        "other_id",
        "date",
        "count",
        "void_reason",
        "voided_at",
        "created_at",
    ]
    assert columns(conn, "visitors") == [
        "id",
        "name",
        "category",
        "business",
        "phone",
        "email",
        "invited_by",
        "date",
        "created_at",
    ]
    fks = {(r["table"], r["from"]) for r in conn.execute("PRAGMA foreign_key_list(attendance)")}
    assert fks == {("meetings", "meeting"), ("members", "member_id")}
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == [m.name for m in migrations._migrations]


def test_migrating_twice_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    db.connect(path).close()
    conn = db.connect(path)
    assert (
        conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == db.SCHEMA_VERSION
    )


def test_an_up_to_date_file_opens_without_sqlite_utils(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "t.db"
    db.connect(path).close()
    code = (
        "import sys; from pathlib import Path; from leadcli import db; "
        f"db.connect(Path({str(path)!r})); print('sqlite_utils' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_event_log_is_append_only(tmp_path: Path) -> None:
    import pytest

    conn = db.connect(tmp_path / "t.db")
    conn.execute(
        "INSERT INTO members (name, category, joined, created_at) VALUES ('A', 'B', '2026-01-01', 'x')"
    )
    conn.execute("INSERT INTO meetings (date, created_at) VALUES ('2026-01-07', 'x')")
    conn.execute(
        "INSERT INTO leads (date, giver_id, type, created_at, updated_at) "
        "VALUES ('2026-01-07', 1, 'general-opportunity', 'x', 'x')"
    )
    conn.execute(
        "INSERT INTO lead_events (lead_id, at, kind, recorded_at) VALUES (1, 'x', 'created', 'x')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE lead_events SET kind = 'edited'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM lead_events")


def test_category_unique_among_active_members(tmp_path: Path) -> None:
    import pytest

    conn = db.connect(tmp_path / "t.db")
    insert = "INSERT INTO members (name, category, joined, left_on, created_at) VALUES (?, ?, '2026-01-01', ?, 'x')"
    conn.execute(insert, ["A", "Realtor", "2026-02-01"])
    conn.execute(insert, ["B", "realtor", None])
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(insert, ["C", "REALTOR", None])


def test_profiles_and_qualification_arrive_unknown_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = made_before(path, "m008_", phone="+14155550101")
    old.execute(
        "INSERT INTO leads (date, giver_id, type, company, description, verdict, score, "
        "created_at, updated_at) VALUES ('2026-11-18', 1, 'member-need', 'Acme', 'x', 'HOT', 80, ?, ?)",
        [STAMP, STAMP],
    )
    old.conn.commit()
    old.conn.close()
    conn = db.connect(path)
    member = dict(conn.execute("SELECT * FROM members").fetchone())
    assert (member["name"], member["phone"]) == ("Ann", "+14155550101")
    assert (member["offers"], member["areas"], member["minimum_cents"]) == ("[]", "[]", None)
    lead = dict(conn.execute("SELECT * FROM leads").fetchone())
    assert (lead["company"], lead["verdict"], lead["score"]) == ("Acme", "HOT", 80)
    for column in ("prospect_type", "value_cents", "decision_maker", "intent", "fit"):
        assert lead[column] is None


def test_the_change_log_arrives_empty_and_keeps_every_row(tmp_path: Path) -> None:
    """A file made before the change log: its roster and attendance stay, read as they are."""
    import pytest

    path = tmp_path / "old.db"
    old = made_before(path, "m011_")
    old.execute(
        "INSERT INTO attendance (meeting, member_id, status, recorded_at) "
        "VALUES ('2026-11-18', 1, 'late', ?)",
        [STAMP],
    )
    old.conn.commit()
    old.conn.close()
    conn = db.connect(path)
    assert [tuple(r) for r in conn.execute("SELECT name, joined FROM members")] == [
        ("Ann", "2026-01-07")
    ]
    assert [tuple(r) for r in conn.execute("SELECT status FROM attendance")] == [("late",)]
    assert conn.execute("SELECT count(*) FROM changes").fetchone()[0] == 0
    assert columns(conn, "changes") == ["id", "at", "tbl", "key", "before"]
    conn.execute("INSERT INTO changes (at, tbl, key, before) VALUES ('x', 'members', '[1]', NULL)")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE changes SET at = 'y'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM changes")


def test_company_keys_arrive_for_every_lead_with_a_company(tmp_path: Path) -> None:
    """A file made before the company key: each lead's is filled in, the rest unchanged."""
    from leadcli.rules import normalize_company

    path = tmp_path / "old.db"
    old = made_before(path, "m013_")
    for company in ("The Acme Plumbing Co., Inc.", "O\u2019Brien & Sons", None, "Inc."):
        old.execute(
            "INSERT INTO leads (date, giver_id, type, company, verdict, created_at, updated_at) "
            "VALUES ('2026-11-18', 1, 'general-opportunity', ?, 'WARM', ?, ?)",
            [company, STAMP, STAMP],
        )
    old.conn.commit()
    old.conn.close()
    conn = db.connect(path)
    rows = [tuple(r) for r in conn.execute("SELECT company, company_key, verdict FROM leads")]
    assert rows == [
        ("The Acme Plumbing Co., Inc.", "acme plumbing", "WARM"),
        ("O\u2019Brien & Sons", normalize_company("O\u2019Brien & Sons"), "WARM"),
        (None, None, "WARM"),
        ("Inc.", "", "WARM"),
    ]


def test_a_company_changed_without_its_key_forgets_the_key(tmp_path: Path) -> None:
    """Another program changing a company leaves no stale key: the key becomes unknown."""
    conn = db.connect(tmp_path / "t.db")
    conn.execute(
        "INSERT INTO members (name, category, joined, created_at) "
        "VALUES ('Ann', 'Printing', '2026-01-07', ?)",
        [STAMP],
    )
    conn.execute("INSERT INTO meetings (date, created_at) VALUES ('2026-11-18', ?)", [STAMP])
    conn.execute(
        "INSERT INTO leads (date, giver_id, type, company, company_key, created_at, updated_at) "
        "VALUES ('2026-11-18', 1, 'general-opportunity', 'Acme', 'acme', ?, ?)",
        [STAMP, STAMP],
    )
    conn.execute("UPDATE leads SET notes = 'x'")
    assert conn.execute("SELECT company_key FROM leads").fetchone()[0] == "acme"
    conn.execute("UPDATE leads SET company = 'Apex'")
    assert conn.execute("SELECT company_key FROM leads").fetchone()[0] is None
    conn.execute("UPDATE leads SET company = 'Zenith Ltd', company_key = 'zenith'")
    assert conn.execute("SELECT company_key FROM leads").fetchone()[0] == "zenith"
