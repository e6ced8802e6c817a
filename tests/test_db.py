from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line, run_process
from leadcli import db


def test_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEADCLI_DB", str(tmp_path / "env.db"))
    assert db.resolve_path(tmp_path / "opt.db") == tmp_path / "opt.db"
    assert db.resolve_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("LEADCLI_DB")
    default = db.resolve_path(None)
    assert default.name == "leads.db" and "leadcli" in str(default)


def test_default_path_is_used_without_option_or_env(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEADCLI_DB")
    cli("member", "add", "Ann", "--category", "Realtor")
    assert db.default_path().exists()
    assert str(db.default_path()).startswith(str(tmp_path))


def test_db_option_wins(cli: Invoke, tmp_path: Path, db_path: Path) -> None:
    other = tmp_path / "sub" / "other.db"
    cli("--db", str(other), "member", "add", "Ann", "--category", "Realtor")
    assert other.exists() and not db_path.exists()


def test_new_file_is_private_and_configured(cli: Invoke, db_path: Path) -> None:
    cli("member", "list")
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    conn = db.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_newer_schema_is_refused_untouched(cli: Invoke, db_path: Path) -> None:
    cli("member", "add", "Ann", "--category", "Realtor")
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('leadcli', 'm999_from_the_future', '2030-01-01')"
    )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()

    def fingerprint() -> str:
        wal = db_path.with_name(db_path.name + "-wal")
        data = db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        return hashlib.sha256(data).hexdigest()

    before = fingerprint()
    result = cli("member", "add", "Bob", "--category", "Plumber", code=1)
    assert "written by a newer leadcli" in one_error_line(result)
    assert fingerprint() == before


def test_a_file_that_is_not_a_database(cli: Invoke, db_path: Path) -> None:
    db_path.write_text("name,category\nAnn,Realtor\n")
    result = cli("member", "list", code=1)
    assert "not a SQLite database" in one_error_line(result)
    assert db_path.read_text() == "name,category\nAnn,Realtor\n"


def test_busy_past_the_timeout_exits_75(cli: Invoke, db_path: Path) -> None:
    cli("member", "list")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_process(
            "member", "add", "Ann", "--category", "Realtor", env={"LEADCLI_BUSY_TIMEOUT_MS": "200"}
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 75, result.stderr
    assert "busy" in one_error_line(result)
    assert "Ann" not in run_process("member", "list").stdout


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "t.db")
    with pytest.raises(RuntimeError), db.transaction(conn):
        conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        raise RuntimeError("boom")
    assert conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_debug_shows_a_traceback(cli: Invoke, db_path: Path) -> None:
    db_path.write_text("not a database")
    result = run_process("member", "list", env={"LEADCLI_DEBUG": "1"})
    assert result.returncode != 0 and "Traceback" in result.stderr
