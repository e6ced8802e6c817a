"""Open the group file: where it lives, its permissions, pragmas, migrations and transactions."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from leadcli.errors import Busy, DiskFull, LeadcliError, ReadOnly, SchemaTooNew

# The names of the steps in migrations.py, in order: an up-to-date file is checked without
# importing them (or sqlite-utils); a test keeps the two equal.
MIGRATIONS = (
    "m001_create_settings",
    "m002_create_members",
    "m003_create_meetings_and_attendance",
    "m004_create_leads",
    "m005_create_activity",
    "m006_create_visitors",
    "m007_add_lead_released_at",
    "m008_add_profiles_and_qualification",
    "m009_add_lead_void",
    "m010_create_category_spheres_and_unmet_needs",
    "m011_create_changes",
    "m012_add_member_earlier",
    "m013_add_lead_company_key",
    "m014_create_lead_keys_index",
)
SCHEMA_VERSION = len(MIGRATIONS)
MIGRATION_SET = "leadcli"
DEFAULT_BUSY_MS = 5000
# The group file this process opened last, named by errors that arise after it was opened.
last_opened: Path | None = None


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


def make_directories(directory: Path) -> list[Path]:
    """Create ``directory`` and any missing parents, each readable by its owner only (0700)
    whatever the umask: they hold personal contact data. Returns those it made."""
    missing: list[Path] = []
    here = directory
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    made: list[Path] = []
    for new in reversed(missing):
        try:
            os.mkdir(new, 0o700)
        except FileExistsError:
            continue
        made.append(new)
        os.chmod(new, 0o700)
    return made


def _create_file(path: Path) -> list[Path]:
    """Create an empty file readable by its owner only (it holds personal contact data);
    returns what this call made: the file, after the directories made for it."""
    if path.exists():
        return []
    made: list[Path] = []
    try:
        made = make_directories(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return made
    except OSError as exc:
        _remove_made(made)
        if exc.errno == errno.ENOSPC:
            raise DiskFull(disk_full_message(path.parent)) from None
        raise LeadcliError(f"cannot create {path}: {exc.strerror}") from None
    os.close(fd)
    return [*made, path]


def _remove_made(made: list[Path]) -> None:
    """Remove what a failed first open made: the file if nothing was written to it (with any
    SQLite files beside it), then the directories made for it, if still empty."""
    for made_path in reversed(made):
        with contextlib.suppress(OSError):
            if made_path.is_dir():
                made_path.rmdir()
            elif made_path.stat().st_size == 0:
                made_path.unlink()
                for side in side_files(made_path):
                    side.unlink(missing_ok=True)
            else:
                return


class Connection(sqlite3.Connection):
    """A connection to the group file; ``read_only`` says why it cannot be written, if so."""

    read_only: str | None = None
    path: Path | None = None


def side_files(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def read_only_reason(path: Path) -> str | None:
    """Why this process cannot write the file at ``path``, and what to do (None when it can)."""
    directory = path.parent
    try:
        if os.statvfs(directory).f_flag & os.ST_RDONLY:
            return f"{path} is on a read-only file system; copy it somewhere writable to change it"
    except OSError:
        pass
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is read-only; make it writable (chmod u+w {path}) to change it"
    if not os.access(directory, os.W_OK | os.X_OK):
        return (
            f"the directory {directory} is read-only (SQLite writes a journal beside the "
            f"file); make it writable (chmod u+w {directory}) or move the file to change it"
        )
    return None


def refused_write(reason: str) -> ReadOnly:
    what, _, fix = reason.partition("; ")
    return ReadOnly(f"{what}; nothing was written; {fix}")


def connect(path: Path, *, migrate: bool = True) -> Connection:
    """A connection with leadcli's pragmas, the schema brought up to date.

    A file this process cannot write (a read-only file, directory or file system) is opened
    read-only, leaving nothing beside it; a command that would write to it is refused.
    """
    global last_opened
    last_opened = path
    made = _create_file(path)
    try:
        return _connect(path, migrate=migrate)
    except BaseException:
        _remove_made(made)
        raise


def _connect(path: Path, *, migrate: bool) -> Connection:
    reason = read_only_reason(path)
    if reason is not None:
        return _connect_read_only(path, reason)
    timeout = busy_timeout_ms()
    existed = [side.exists() for side in side_files(path)]
    try:
        conn = sqlite3.connect(
            path, timeout=timeout / 1000, isolation_level=None, factory=Connection
        )
    except sqlite3.OperationalError as exc:
        raise LeadcliError(f"cannot open {path}: {exc}") from None
    assert isinstance(conn, Connection)
    conn.path = path
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {timeout}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        applied = _check_migrations(conn, path)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        if migrate and len(applied) < SCHEMA_VERSION:
            _migrate(conn, path)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error) and is_disk_full(exc, path):
            _remove_new_side_files(path, existed)
            if existed[0] or path.stat().st_size == 0:
                raise DiskFull(disk_full_message(path.parent)) from None
            # Nothing waits in a write-ahead log: the file can still be read as it is.
            return _connect_read_only(path, disk_full_message(path.parent, done=False))
        raise
    return conn


def open_read_only(path: Path, reason: str = "it is only read") -> Connection:
    """The file opened read-only and as it is (no migration). With no write-ahead log beside
    it (no other process is writing), it is opened immutable, so that SQLite makes no -wal or
    -shm file either: nothing is left beside a file that was only read."""
    wal = side_files(path)[0]
    query = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    uri = f"{path.absolute().as_uri()}?{query}"
    timeout = busy_timeout_ms()
    try:
        conn = sqlite3.connect(
            uri, uri=True, timeout=timeout / 1000, isolation_level=None, factory=Connection
        )
    except sqlite3.OperationalError as exc:
        raise LeadcliError(f"cannot open {path}: {exc}; {reason}") from None
    assert isinstance(conn, Connection)
    conn.path = path
    conn.read_only = reason
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {timeout}")
    return conn


def _connect_read_only(path: Path, reason: str) -> Connection:
    conn = open_read_only(path, reason)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        applied = _check_migrations(conn, path)
        if len(applied) < SCHEMA_VERSION:
            raise ReadOnly(
                f"{path} needs its schema brought up to date by this leadcli, and it cannot "
                f"be written: {reason}"
            )
    except sqlite3.OperationalError as exc:
        conn.close()
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise
        raise LeadcliError(f"cannot read {path}: {exc}; {reason}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _too_new(path: Path) -> str:
    return f"{path} was written by a newer leadcli (upgrade leadcli to use it); nothing was changed"


def known_migrations() -> tuple[str, ...]:
    """The names of the steps in migrations.py, oldest first."""
    return MIGRATIONS


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """The names of the steps recorded in the file, oldest first."""
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? "
            "ORDER BY applied_at, rowid",
            [MIGRATION_SET],
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise
    return [row[0] for row in rows]


def _check_migrations(conn: sqlite3.Connection, path: Path) -> list[str]:
    """The steps recorded in the file; a step this leadcli does not know (a newer leadcli's,
    or one renamed) refuses the file, whatever their count."""
    applied = applied_migrations(conn)
    known = set(known_migrations())
    unknown = [name for name in applied if name not in known]
    if unknown or len(applied) > SCHEMA_VERSION:
        shown = ", ".join(unknown[:3]) + (" ..." if len(unknown) > 3 else "")
        steps = f" or a different one (schema steps it does not know: {shown})" if unknown else ""
        raise SchemaTooNew(
            f"{path} was written by a newer leadcli{steps}; upgrade leadcli to use it; "
            "nothing was changed"
        )
    return applied


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    from sqlite_utils import Database

    from leadcli.migrations import migrations

    with transaction(conn):
        db = Database(conn, recursive_triggers=False, execute_plugins=False)
        known = {m.name for m in migrations._migrations}
        if any(m.name not in known for m in migrations.applied(db)):
            raise SchemaTooNew(_too_new(path))
        try:
            migrations.apply(db)
        except sqlite3.OperationalError as exc:
            if is_disk_full(exc, path) or is_busy(exc):
                raise
            raise LeadcliError(
                f"{path} cannot be brought up to date: a schema step failed ({exc}), so its "
                "tables do not match the steps recorded in it; nothing was changed; restore "
                "it from a backup"
            ) from None


def is_disk_full(exc: BaseException, path: Path | None = None) -> bool:
    """A write that failed for lack of space (SQLite says "full", or an I/O error on a full disk)."""
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    text = str(exc)
    if "full" in text:
        return True
    if "disk I/O error" in text and path is not None:
        return free_bytes(path.parent) == 0
    return False


def free_bytes(directory: Path) -> int | None:
    try:
        found = os.statvfs(directory)
    except OSError:
        return None
    return found.f_bavail * found.f_frsize


def disk_full_message(directory: Path, *, done: bool = True) -> str:
    where = directory.absolute()
    if done:
        return f"the disk is full ({where}); nothing was written; free some space and try again"
    return f"the disk is full ({where}); free some space and try again"


def _remove_new_side_files(path: Path, existed: list[bool]) -> None:
    """Remove the -wal and -shm files a failed open made (never those that were there)."""
    for side, was in zip(side_files(path), existed, strict=True):
        if not was:
            with contextlib.suppress(OSError):
                side.unlink()


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` read-modify-write: all of it is written, or none."""
    reason = getattr(conn, "read_only", None)
    if reason:
        raise refused_write(reason)
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


def image(conn: sqlite3.Connection) -> bytearray | None:
    """The group file as ``conn`` sees it, its changes not yet committed included, as bytes
    ``from_image`` opens in memory: what a forked process reads in place of the file (another
    connection to the file would not see those changes). None when this SQLite cannot."""
    if not hasattr(conn, "serialize"):
        return None
    data = bytearray(conn.serialize())
    # Bytes 18 and 19 of the header say the file uses a write-ahead log, which a database in
    # memory cannot have: they say a rollback journal instead.
    data[18:20] = b"\x01\x01"
    return data


def from_image(data: bytearray) -> Connection:
    """A connection to a copy in memory of ``image``'s bytes, read as the file is read."""
    conn = sqlite3.connect(":memory:", isolation_level=None, factory=Connection)
    assert isinstance(conn, Connection)
    conn.row_factory = sqlite3.Row
    conn.deserialize(data)
    conn.read_only = "it is a copy in memory of the group file"
    return conn


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
        applied = applied_migrations(conn)
        if not applied:
            raise BadInput(f"{shown} is not a leadcli group file")
        known = set(known_migrations())
        if len(applied) > SCHEMA_VERSION or any(name not in known for name in applied):
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
