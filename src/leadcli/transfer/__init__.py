"""Getting data in and out: members, attendance, leads and activity as CSV (import), CSV or JSON (export).

    with transfer.CsvFile(path) as source:
        job = transfer.prepare("members", source, inputs, settings)
        summary = transfer.run(conn, job, dry_run=False)

An import writes all its rows or none: every row goes through the parsers and checks of the
commands inside one transaction, every bad row is reported with its line, and one bad row
refuses the file. Export writes the same columns, formula-safe, so that export then import
into an empty group gives the same export.

Domain code only: no typer, no rich.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Protocol, TextIO

from leadcli import db
from leadcli.errors import BadInput
from leadcli.settings import Settings
from leadcli.transfer.rows import BadRows, Progress, Summary
from leadcli.transfer.source import CsvFile
from leadcli.transfer.values import Inputs

KINDS = ("members", "leads", "attendance", "activity")
# The page cache of an import (KiB): the pages its one transaction changes stay in memory until
# the commit (SQLite's 2 MiB would write them out and read them back as the import goes).
CACHE_KIB = 32 * 1024
FORMATS = ("csv", "json")

__all__ = [
    "FORMATS",
    "KINDS",
    "BadRows",
    "CsvFile",
    "Import",
    "Inputs",
    "Progress",
    "Summary",
    "export",
    "export_to",
    "prepare",
    "run",
]


class Import(Protocol):
    """A file whose header is read and matched, ready to be applied."""

    kind: str
    source: CsvFile

    @property
    def ignored(self) -> tuple[str, ...]: ...

    def apply(self, conn: sqlite3.Connection, progress: Progress | None = None) -> Summary: ...


def prepare(kind: str, source: CsvFile, inputs: Inputs, settings: Settings) -> Import:
    """Read the header of ``source`` as a ``kind`` file; refuse a file that is not one."""
    from leadcli.transfer import activity, attendance, leads, members

    if kind == "activity":
        return activity.ActivityImport(source, inputs)
    if kind == "members":
        return members.MembersImport(source, inputs)
    if kind == "attendance":
        return attendance.AttendanceImport(source, inputs)
    return leads.LeadsImport(source, inputs, settings)


class _DryRun(Exception):
    def __init__(self, summary: Summary) -> None:
        super().__init__("dry run")
        self.summary = summary


def run(
    conn: sqlite3.Connection,
    job: Import,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Apply ``job`` in one transaction; a dry run rolls it back and says what it would write."""
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        with db.transaction(conn):
            summary = job.apply(conn, progress)
            if dry_run:
                raise _DryRun(summary)
    except _DryRun as done:
        return done.summary
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")
    return summary


def export(conn: sqlite3.Connection, kind: str, fmt: str) -> tuple[str, int]:
    """Every record of ``kind`` as CSV or JSON text, and how many there are (``export_to``
    writes the same text as it goes, for files of any size)."""
    import io

    out = io.StringIO()
    count = export_to(conn, kind, fmt, out)
    return out.getvalue(), count


def export_to(conn: sqlite3.Connection, kind: str, fmt: str, out: TextIO) -> int:
    """Every record of ``kind`` written to ``out`` as CSV or JSON as it is read; returns how
    many there are. One snapshot: the file is as of one moment, however long it takes."""
    from leadcli.transfer import activity, attendance, leads, members, writing

    if fmt not in FORMATS:
        raise BadInput(f"--format takes {' or '.join(FORMATS)}, not {fmt!r}")
    module: Any = {
        "members": members,
        "attendance": attendance,
        "leads": leads,
        "activity": activity,
    }[kind]
    with db.snapshot(conn):
        records = module.export_rows(conn)
        if fmt == "json":
            return writing.write_json(records, out)
        return writing.write_csv(module.COLUMNS, records, out)
