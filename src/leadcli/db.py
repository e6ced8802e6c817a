"""Open the group file: where it lives, its permissions, pragmas, migrations and transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from leadcli.errors import Busy, LeadcliError, SchemaTooNew

# The number of steps in migrations.py; a test keeps the two equal.
SCHEMA_VERSION = 10
MIGRATION_SET = "leadcli"
DEFAULT_BUSY_MS = 5000


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("leadcli", appauthor=False) / "leads.db"


def resolve_path(option: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` over ``LEADCLI_DB`` over the platform's user data directory."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("LEADCLI_DB")
    if env:
        return Path(env).expanduser()
    return default_path()


def busy_timeout_ms() -> int:
    raw = os.environ.get("LEADCLI_BUSY_TIMEOUT_MS", "")
    return int(raw) if raw.isdigit() else DEFAULT_BUSY_MS


def _create_file(path: Path) -> None:
    """Create an empty file readable by its owner only (it holds personal contact data)."""
    if path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise LeadcliError(f"cannot create {path}: {exc.strerror}") from None
    os.close(fd)


def connect(path: Path, *, migrate: bool = True) -> sqlite3.Connection:
    """A connection with leadcli's pragmas, the schema brought up to date."""
    _create_file(path)
    timeout = busy_timeout_ms()
    try:
        conn = sqlite3.connect(path, timeout=timeout / 1000, isolation_level=None)
    except sqlite3.OperationalError as exc:
        raise LeadcliError(f"cannot open {path}: {exc}") from None
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {timeout}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    try:
        applied = _applied_count(conn)
        if applied > SCHEMA_VERSION:
            raise SchemaTooNew(_too_new(path))
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        if migrate and applied < SCHEMA_VERSION:
            _migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _too_new(path: Path) -> str:
    return f"{path} was written by a newer leadcli (upgrade leadcli to use it); nothing was changed"


def _applied_count(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute(
            "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        ).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return 0
        raise
    return int(row[0])


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    from sqlite_utils import Database

    from leadcli.migrations import migrations

    with transaction(conn):
        db = Database(conn, recursive_triggers=False, execute_plugins=False)
        known = {m.name for m in migrations._migrations}
        if any(m.name not in known for m in migrations.applied(db)):
            raise SchemaTooNew(_too_new(path))
        migrations.apply(db)


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` read-modify-write: all of it is written, or none."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction: every query inside sees the same state of the file."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def is_busy(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and (
        "locked" in str(exc) or "busy" in str(exc)
    )


def busy_error() -> Busy:
    return Busy("the database stayed busy past the timeout (another leadcli is writing); try again")


def connect_read_only(
    path: Path, *, besides: Path | None = None, option: str = "FILE"
) -> sqlite3.Connection:
    """Another group file, opened read-only (SQLite ``mode=ro``): never migrated, never written.

    Refused with BadInput when it is missing, not a leadcli group, the file ``besides`` (the group
    file in use), or written by a newer leadcli.
    """
    from leadcli.errors import BadInput

    shown = f"{option} {path}"
    if not path.is_file():
        raise BadInput(f"{shown}: no such file")
    if besides is not None and besides.exists() and path.samefile(besides):
        raise BadInput(f"{shown} is the group file in use (--db); name another group's file")
    # With no write-ahead log beside it the file holds every change: read it as immutable, so
    # SQLite creates no -wal or -shm file beside another group's file. With a log (a leadcli is
    # using that file now), read it through the log, still read-only.
    wal = path.with_name(path.name + "-wal")
    uri = path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")
    conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms() / 1000, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"_sqlite_migrations", "settings", "members"} <= tables:
            raise BadInput(f"{shown} is not a leadcli group file")
        applied = _applied_count(conn)
        if applied == 0:
            raise BadInput(f"{shown} is not a leadcli group file")
        if applied > SCHEMA_VERSION:
            raise BadInput(f"{shown} was written by a newer leadcli (upgrade leadcli to read it)")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if is_busy(exc):
            raise busy_error() from None
        raise BadInput(f"{shown} is not a leadcli group file (not a SQLite database)") from None
    except BaseException:
        conn.close()
        raise
    return conn
