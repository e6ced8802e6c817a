"""The group file itself: a verified backup, integrity and schema checks, and what it holds.

Domain code only: no typer, no rich.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from leadcli import db, files
from leadcli.errors import BadInput, Conflict, LeadcliError
from leadcli.words import plural

SQLITE_MAGIC = b"SQLite format 3\x00"
# How many problems a check lists before counting the rest.
SHOWN = 10


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    replaced: bool


def _target_problem(target: Path, source: Path, force: bool) -> LeadcliError | None:
    directory = target.parent
    if not directory.is_dir():
        return BadInput(f"cannot back up to {target}: no such directory {directory}")
    if target.is_dir():
        return BadInput(f"cannot back up to {target}: it is a directory")
    if source.exists() and target.exists() and os.path.samefile(source, target):
        return BadInput(f"{target} is the group file itself; back up to another path")
    if not os.access(directory, os.W_OK | os.X_OK):
        return LeadcliError(
            f"cannot back up to {target}: the directory {directory} is not writable"
        )
    if target.exists() and not force:
        return Conflict(f"{target} already exists; use --force to replace it")
    wal = Path(f"{target}-wal")
    if target.exists() and wal.exists() and wal.stat().st_size > 0:
        return Conflict(
            f"{target} is in use (it has a write-ahead log, {wal.name}); close it first"
        )
    return None


def backup(
    conn: sqlite3.Connection, source: Path, target: Path, *, force: bool = False
) -> BackupResult:
    """Copy the open group file to ``target`` with SQLite's backup API, verified, mode 0600.

    The copy is written to a temporary file beside ``target``, checked with integrity_check,
    then renamed over it: ``target`` is either the old file or a complete verified copy.
    Safe while other processes read or write the group file (they are not blocked).
    """
    target = target.expanduser()
    problem = _target_problem(target, source, force)
    if problem is not None:
        raise problem
    replaced = target.exists()
    with files.temporary(target) as tmp:
        try:
            _copy(conn, tmp)
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, target)
            _sync_directory(target.parent)
        except OSError as exc:
            raise files.failure(exc, f"cannot back up to {target}", target.parent) from None
        except sqlite3.Error as exc:
            if db.is_disk_full(exc, target):
                raise files.failure(
                    OSError(errno.ENOSPC, "full"), f"cannot back up to {target}", target.parent
                ) from None
            raise
    return BackupResult(target, target.stat().st_size, replaced)


def _copy(conn: sqlite3.Connection, tmp: Path) -> None:
    copy = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.backup(copy)
        # One self-contained file: no write-ahead log needed beside it.
        copy.execute("PRAGMA journal_mode = DELETE")
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
    finally:
        copy.close()
    if problems != ["ok"]:
        raise LeadcliError(
            f"the copy failed its integrity check ({problems[0]}); nothing was written "
            "(run `leadcli db check`)"
        )


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass
class CheckResult:
    """One check of ``db check``: its name, whether it passed, and what it found."""

    name: str
    ok: bool
    summary: str
    details: list[str] = field(default_factory=list)


@dataclass
class Report:
    path: Path
    checks: list[CheckResult] = field(default_factory=list)
    damaged: str | None = None

    @property
    def ok(self) -> bool:
        return self.damaged is None and all(c.ok for c in self.checks)


@contextlib.contextmanager
def _raw(path: Path) -> Iterator[sqlite3.Connection]:
    """The file opened as it is, read-only: no migration, no change of journal mode, and
    nothing left beside it."""
    conn = db.open_read_only(path)
    try:
        yield conn
    finally:
        conn.close()


def check(path: Path) -> Report:
    """Integrity, foreign keys and the migrations recorded against the code's, without writing."""
    report = Report(path)
    if not path.is_file():
        raise LeadcliError(f"no group file at {path}")
    with open(path, "rb") as handle:
        start = handle.read(len(SQLITE_MAGIC))
    if start != SQLITE_MAGIC and start:
        report.damaged = f"{path} is not a SQLite database"
        return report
    try:
        with _raw(path) as conn:
            for name, run in (
                ("integrity", _integrity),
                ("foreign keys", _foreign_keys),
                ("schema", _schema),
            ):
                report.checks.append(_guarded(name, run, conn))
    except sqlite3.DatabaseError as exc:
        if db.is_busy(exc):
            raise db.busy_error() from None
        if not _is_damage(exc):
            raise LeadcliError(
                f"cannot read {path}: {exc}; the file is not known damaged"
            ) from None
        report.damaged = f"{path} is damaged: {exc}"
    return report


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Errors that say the file's content is bad, not that it could not be opened or read."""
    text = str(exc)
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _guarded(
    name: str, run: Callable[[sqlite3.Connection], CheckResult], conn: sqlite3.Connection
) -> CheckResult:
    """A check whose reading of the file fails reports the file as damaged."""
    try:
        return run(conn)
    except sqlite3.DatabaseError as exc:
        if db.is_busy(exc) or not _is_damage(exc):
            raise
        return CheckResult(name, False, f"cannot be read ({exc})")


def _listed(problems: list[str]) -> list[str]:
    shown = problems[:SHOWN]
    if len(problems) > SHOWN:
        shown.append(f"and {len(problems) - SHOWN} more")
    return shown


def _integrity(conn: sqlite3.Connection) -> CheckResult:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if problems == ["ok"]:
        return CheckResult("integrity", True, "ok")
    count = len(problems)
    return CheckResult("integrity", False, plural(count, "problem"), _listed(problems))


def _foreign_keys(conn: sqlite3.Connection) -> CheckResult:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return CheckResult("foreign keys", True, "ok")
    problems = [
        f"{table} row {rowid} points to a missing {parent}" for table, rowid, parent, _ in rows
    ]
    count = len(rows)
    return CheckResult(
        "foreign keys",
        False,
        plural(count, "broken reference"),
        _listed(problems),
    )


applied_migrations = db.applied_migrations


def _schema(conn: sqlite3.Connection) -> CheckResult:
    known = list(db.known_migrations())
    applied = applied_migrations(conn)
    unknown = [name for name in applied if name not in known]
    if unknown:
        return CheckResult(
            "schema",
            False,
            f"{plural(len(unknown), 'migration')} unknown to this leadcli (written by a newer "
            "or a different one?)",
            _listed(unknown),
        )
    done = len(set(applied))
    summary = f"{done} of {len(known)} migrations applied"
    if len(known) != db.SCHEMA_VERSION:
        return CheckResult("schema", False, f"{summary}; the code expects {db.SCHEMA_VERSION}")
    if done < len(known):
        pending = [name for name in known if name not in applied]
        failed = _trial_migration(conn)
        if failed:
            return CheckResult(
                "schema",
                False,
                f"{summary}; the rest cannot be applied ({failed}): its tables do not match "
                "the steps recorded in it",
                pending,
            )
        return CheckResult("schema", True, f"{summary}; the rest are applied on next use", pending)
    return CheckResult("schema", True, f"{summary}: up to date")


def _trial_migration(conn: sqlite3.Connection) -> str | None:
    """Why the steps not yet applied would fail on this file, tried on a copy in memory (the
    file itself is only read); None when they would succeed."""
    from sqlite_utils import Database

    from leadcli.migrations import migrations

    trial = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(trial)
        migrations.apply(Database(trial, recursive_triggers=False, execute_plugins=False))
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        trial.close()
    return None


@dataclass(frozen=True)
class Info:
    path: Path
    size: int
    schema_version: int
    members_active: int
    members_all: int
    meetings: int
    attendance: int
    leads: int
    lead_events: int

    def as_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "size": self.size,
            "schema_version": self.schema_version,
            "members": {"active": self.members_active, "all": self.members_all},
            "meetings": self.meetings,
            "attendance": self.attendance,
            "leads": self.leads,
            "lead_events": self.lead_events,
        }


def info(conn: sqlite3.Connection, path: Path) -> Info:
    """What the open group file holds."""
    with db.snapshot(conn):
        count = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("members", "meetings", "attendance", "leads", "lead_events")
        }
        active = conn.execute("SELECT count(*) FROM members WHERE left_on IS NULL").fetchone()[0]
        version = len(applied_migrations(conn))
    return Info(
        path=path,
        size=path.stat().st_size if path.exists() else 0,
        schema_version=version,
        members_active=active,
        members_all=count["members"],
        meetings=count["meetings"],
        attendance=count["attendance"],
        leads=count["leads"],
        lead_events=count["lead_events"],
    )
