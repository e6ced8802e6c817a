from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line, run_process
from leadcli import db


def names(cli: Invoke, db: Path) -> list[str]:
    return [m["name"] for m in json.loads(cli("--db", str(db), "member", "list", "--json").stdout)]


def test_backup_then_restore(group: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "backups" / "group-copy.db"
    target.parent.mkdir()
    result = group("db", "backup", str(target))
    assert result.stdout.startswith(f"Wrote {target}: a verified copy of")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(os.listdir(target.parent)) == ["group-copy.db"]
    assert names(group, target) == ["Ann Archer", "Bob Baker", "Cat Cole", "Dan Dale"]


def test_backup_while_another_connection_holds_a_write_transaction(
    group: Invoke, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEADCLI_BUSY_TIMEOUT_MS", "300")
    writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO members (name, category, joined, created_at) "
            "VALUES ('Uncommitted', 'Ghost', '2026-01-07', '2026-01-07T00:00:00+00:00')"
        )
        target = tmp_path / "copy.db"
        group("db", "backup", str(target))
        writer.execute("COMMIT")
    finally:
        writer.close()
    assert "Uncommitted" not in names(group, target)
    assert "Uncommitted" in names(group, db_path)
    assert group("--db", str(target), "db", "check").stdout.count(": ok") == 2


def test_backup_from_another_process_while_a_write_is_open(
    group: Invoke, db_path: Path, tmp_path: Path
) -> None:
    writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE members SET business = 'pending' WHERE id = 1")
        done = run_process(
            "db", "backup", str(tmp_path / "copy.db"), env={"LEADCLI_BUSY_TIMEOUT_MS": "300"}
        )
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert done.returncode == 0, done.stderr
    assert names(group, tmp_path / "copy.db")[0] == "Ann Archer"


def test_existing_target_is_refused_without_force(group: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_bytes(b"precious")
    result = group("db", "backup", str(target), code=1)
    assert "already exists; use --force" in one_error_line(result)
    assert target.read_bytes() == b"precious"
    assert [name for name in os.listdir(tmp_path) if not name.startswith("group.db")] == ["copy.db"]
    assert group("db", "backup", str(target), "--force").stdout.startswith(f"Replaced {target}")
    assert names(group, target)[0] == "Ann Archer"


def test_target_in_use_is_refused_even_with_force(group: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    group("db", "backup", str(target))
    Path(f"{target}-wal").write_bytes(b"x" * 32)
    result = group("db", "backup", str(target), "--force", code=1)
    assert "is in use" in one_error_line(result)


@pytest.mark.parametrize(
    ("where", "code", "reason"),
    [
        ("missing/copy.db", 2, "no such directory"),
        (".", 2, "it is a directory"),
        ("group.db", 2, "is the group file itself"),
    ],
)
def test_bad_targets(group: Invoke, tmp_path: Path, where: str, code: int, reason: str) -> None:
    before = sorted(os.listdir(tmp_path))
    result = group("db", "backup", str(tmp_path / where), "--force", code=code)
    assert reason in one_error_line(result)
    assert sorted(os.listdir(tmp_path)) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_directory(group: Invoke, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = group("db", "backup", str(locked / "copy.db"), code=1)
    finally:
        locked.chmod(0o700)
    assert "not writable" in one_error_line(result)
    assert os.listdir(locked) == []


def test_check_a_sound_file(group: Invoke) -> None:
    lines = group("db", "check").stdout.splitlines()
    assert lines[1:] == [
        "integrity: ok",
        "foreign keys: ok",
        f"schema: {db.SCHEMA_VERSION} of {db.SCHEMA_VERSION} migrations applied: up to date",
    ]


def corrupt_copy(group: Invoke, db_path: Path, tmp_path: Path) -> Path:
    """A backup of a group of 300 members, with three pages in its middle overwritten."""
    with sqlite3.connect(db_path) as conn:
        conn.executemany(
            "INSERT INTO members (name, category, joined, created_at) VALUES (?, ?, '2026-01-07', '')",
            [(f"Member {i:03d} " + "x" * 60, f"Trade {i}") for i in range(300)],
        )
    copy = tmp_path / "damaged.db"
    group("db", "backup", str(copy))
    size = copy.stat().st_size
    page = 4096
    assert size > 20 * page
    with open(copy, "r+b") as handle:
        handle.seek((size // page // 2) * page)
        handle.write(bytes(range(256)) * (3 * page // 256))
    return copy


def test_check_a_corrupted_copy(group: Invoke, db_path: Path, tmp_path: Path) -> None:
    copy = corrupt_copy(group, db_path, tmp_path)
    result = group("--db", str(copy), "db", "check", code=1)
    line = one_error_line(result)
    assert str(copy) in line and "damaged" in line


def test_check_a_corrupted_copy_in_a_new_process(
    group: Invoke, db_path: Path, tmp_path: Path
) -> None:
    copy = corrupt_copy(group, db_path, tmp_path)
    done = run_process("--db", str(copy), "db", "check")
    assert done.returncode == 1
    assert "damaged" in one_error_line(done)


def test_check_a_file_that_is_not_sqlite(cli: Invoke, tmp_path: Path) -> None:
    fake = tmp_path / "fake.db"
    fake.write_text("name,category\n" * 500)
    result = cli("--db", str(fake), "db", "check", code=1)
    assert "is not a SQLite database" in one_error_line(result)


def test_check_a_missing_file_creates_nothing(cli: Invoke, tmp_path: Path) -> None:
    result = cli("--db", str(tmp_path / "none.db"), "db", "check", code=1)
    assert "no group file at" in one_error_line(result)
    assert not (tmp_path / "none.db").exists()


def test_check_a_file_from_a_newer_leadcli(group: Invoke, db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "newer.db"
    group("db", "backup", str(copy))
    with sqlite3.connect(copy) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('leadcli', 'm099_from_the_future', '2030-01-01')"
        )
    result = group("--db", str(copy), "db", "check", code=1)
    assert "schema: 1 migration unknown" in result.stdout
    assert "has problems" in one_error_line(result)


def test_check_reports_broken_references(group: Invoke, tmp_path: Path) -> None:
    copy = tmp_path / "broken.db"
    group("member", "attend", "Ann", "--date", "2026-11-18")
    group("db", "backup", str(copy))
    with sqlite3.connect(copy) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM members WHERE id = 1")
    result = group("--db", str(copy), "db", "check", code=1)
    assert "foreign keys: 1 broken reference" in result.stdout
    assert "attendance row 1 points to a missing members" in result.stdout


def test_info(group: Invoke, db_path: Path) -> None:
    group("member", "attend", "Ann", "Bob", "--date", "2026-11-18")
    group("member", "leave", "Dan", "--on", "2026-11-19")
    group("lead", "add", "--from", "Ann", "--to", "Bob", "--type", "direct", "--company", "Acme")
    data = json.loads(group("db", "info", "--json").stdout)
    assert data == {
        "path": str(db_path),
        "size": db_path.stat().st_size,
        "schema_version": db.SCHEMA_VERSION,
        "members": {"active": 3, "all": 4},
        "meetings": 1,
        "attendance": 2,
        "leads": 1,
        "lead_events": 1,
    }
    text = group("db", "info").stdout
    assert "3 active, 4 in all" in text and f"{db.SCHEMA_VERSION} (up to date)" in text


def test_restored_backup_is_usable_after_moving(group: Invoke, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    group("db", "backup", str(copy))
    moved = tmp_path / "restored.db"
    shutil.move(copy, moved)
    group("--db", str(moved), "member", "add", "Eve", "--category", "Florist")
    assert "Eve" in names(group, moved)
