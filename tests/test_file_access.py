"""The group file when it cannot be written (read-only file, directory or file system), when the
disk is full, when its schema is unknown, and the directories and temporary files made for it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line
from leadcli import db, files


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch, db_path: Path):  # type: ignore[no-untyped-def]
    """Make this process see ``what`` ("file" or "directory") as not writable, as a user
    other than root would see a 0400 file or a 0555 directory."""

    def make(what: str) -> None:
        target = db_path if what == "file" else db_path.parent
        real = os.access

        def access(path: object, mode: int, *args: object, **kw: object) -> bool:
            if Path(str(path)) == target and mode & os.W_OK:
                return False
            return real(path, mode, *args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "access", access)

    return make


@pytest.mark.parametrize("what", ["file", "directory"])
def test_a_read_only_group_is_read_and_never_written(
    group: Invoke, db_path: Path, read_only, what: str
) -> None:
    group("lead", "add", "--from", "Ann", "--type", "general-opportunity", "--company", "Acme")
    before = fingerprint(db_path)
    assert not beside(db_path)
    read_only(what)
    assert "Ann Archer" in group("member", "list").stdout
    group("lead", "list")
    group("report", "weekly")
    checked = group("db", "check")
    assert "integrity: ok" in checked.stdout
    line = one_error_line(group("member", "add", "Zed", "--category", "Zoo", code=1))
    assert "nothing was written" in line and "chmod u+w" in line
    assert ("is read-only" if what == "file" else "directory") in line
    assert fingerprint(db_path) == before
    assert not beside(db_path), "reading a read-only file left files beside it"


def test_unknown_migration_at_the_same_count_refuses_the_file(cli: Invoke, db_path: Path) -> None:
    cli("member", "add", "Ann", "--category", "Realtor")
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(
        "UPDATE _sqlite_migrations SET name = 'm002_renamed' WHERE name = 'm002_create_members'"
    )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = fingerprint(db_path)
    line = one_error_line(cli("member", "add", "Bob", "--category", "Plumber", code=1))
    assert "m002_renamed" in line and "newer leadcli" in line
    assert fingerprint(db_path) == before
    checked = cli("db", "check", code=1)
    assert "unknown to this leadcli" in checked.stdout


def test_a_step_missing_that_cannot_be_applied_again_refuses_the_file(
    cli: Invoke, db_path: Path
) -> None:
    cli("member", "add", "Ann", "--category", "Realtor")
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_create_activity'")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = fingerprint(db_path)
    checked = cli("db", "check", code=1)
    assert "cannot be applied (table activity already exists)" in checked.stdout
    assert "m005_create_activity" in checked.stdout
    for args in (("member", "list"), ("member", "add", "Bob", "--category", "Plumber")):
        line = one_error_line(cli(*args, code=1))
        assert "a schema step failed" in line and "restore it from a backup" in line
    assert fingerprint(db_path) == before


def last_step() -> str:
    return db.known_migrations()[-1]


def test_db_check_says_when_the_steps_left_cannot_be_applied(cli: Invoke, db_path: Path) -> None:
    """The last step's record removed, its tables still there: every command would fail to
    bring the file up to date, and db check says so instead of calling the file fine."""
    cli("member", "add", "Ann", "--category", "Realtor")
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [last_step()])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = fingerprint(db_path)
    checked = cli("db", "check", code=1)
    assert "cannot be applied" in checked.stdout and last_step() in checked.stdout
    one_error_line(cli("member", "list", code=1))
    assert fingerprint(db_path) == before


def test_db_check_of_an_older_file_says_the_steps_left_are_applied_on_next_use(
    cli: Invoke, db_path: Path
) -> None:
    from sqlite_utils import Database

    from leadcli.migrations import migrations

    conn = sqlite3.connect(db_path, isolation_level=None)
    migrations.apply(Database(conn), stop_before=last_step())
    conn.close()
    before = fingerprint(db_path)
    checked = cli("db", "check")
    assert "the rest are applied on next use" in checked.stdout
    assert fingerprint(db_path) == before
    cli("member", "add", "Ann", "--category", "Realtor")
    assert "up to date" in cli("db", "check").stdout


def test_known_steps_are_the_steps_migrations_defines() -> None:
    from leadcli.migrations import migrations

    assert db.known_migrations() == tuple(m.name for m in migrations._migrations)


def test_directories_made_for_the_file_are_private_whatever_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "deeper" / "x.db"
    code = "import os, sys; os.umask(0); from leadcli.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "--db", str(target), "member", "list"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    for directory in (tmp_path / "sub", tmp_path / "sub" / "deeper"):
        assert directory.stat().st_mode & 0o777 == 0o700, directory
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failed_first_open_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new" / "x.db"
    target.parent.mkdir()
    target.write_bytes(b"")
    os.chmod(target, 0o600)
    # A file that is not a database: the open fails, and the file (not made by it) stays.
    target.write_bytes(b"not a database at all" * 10)
    with pytest.raises(sqlite3.DatabaseError):
        db.connect(target)
    assert target.exists()
    other = tmp_path / "made" / "deeper" / "y.db"
    db.connect(other).close()
    assert other.exists()


def test_disk_full_is_said_as_such() -> None:
    from leadcli.cli import _failure

    assert db.is_disk_full(sqlite3.OperationalError("database or disk is full"))
    assert db.is_disk_full(OSError(28, "No space left on device"))
    assert not db.is_disk_full(sqlite3.OperationalError("no such table: x"))
    assert _failure(OSError(28, "No space left on device", "/x/y")) == 1


def test_temporary_files_of_dead_processes_are_swept(tmp_path: Path, cli: Invoke) -> None:
    target = tmp_path / "copy.db"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)
    stale = tmp_path / f".copy.db.{pid}.abc123.tmp"
    stale.write_bytes(b"x" * 100)
    mine = tmp_path / f".copy.db.{os.getpid()}.def456.tmp"
    mine.write_bytes(b"y")
    other = tmp_path / ".copy.db.notapid.tmp"
    other.write_bytes(b"z")
    cli("member", "add", "Ann", "--category", "Realtor")
    cli("db", "backup", str(target))
    assert not stale.exists()
    assert mine.exists() and other.exists()
    files.sweep(target)
    assert mine.exists()
