"""Attendance in and out of a file: long rows ``date, member, status, substitute``, or the PALMS
matrix (a ``member`` column and one column per meeting date holding P, A, L, M or S)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from leadcli import clock, meetings, members, parse
from leadcli.errors import BadInput, Conflict, LeadcliError
from leadcli.members import Member
from leadcli.transfer.rows import (
    Columns,
    Problems,
    Progress,
    Row,
    Summary,
    match_columns,
    rows,
)
from leadcli.transfer.source import CsvFile
from leadcli.transfer.values import Inputs, MemberNames
from leadcli.words import plural

COLUMNS = ("date", "member", "status", "substitute")
EXPECTED = (
    "date, member, status (and substitute), or a PALMS matrix: member and one column per "
    "meeting date holding P, A, L, M or S"
)
TICK = 256
# Marks held before they are written: memory stays flat however long the file.
CHUNK = 5_000


@dataclass
class _Tally:
    marks: int = 0
    replaced: int = 0
    meetings: set[dt.date] = field(default_factory=set)
    new_meetings: int = 0

    def summary(self, rows: int) -> Summary:
        details = []
        if self.new_meetings:
            details.append(plural(self.new_meetings, "new meeting"))
        if self.replaced:
            details.append(f"{plural(self.replaced, 'earlier record')} replaced")
        what = f"{plural(self.marks, 'attendance mark')} at {plural(len(self.meetings), 'meeting')}"
        return Summary("record", "recorded", what, tuple(details), rows)


class AttendanceImport:
    """An attendance file whose header is read; ``apply`` records it (call inside a transaction)."""

    kind = "attendance"

    def __init__(self, source: CsvFile, inputs: Inputs) -> None:
        self.source = source
        self.inputs = inputs
        self.dates: dict[int, dt.date] = {}
        columns, header = match_columns(
            source,
            COLUMNS,
            ("member",),
            EXPECTED,
            extra=lambda cell: _as_date(cell, inputs) is not None,
        )
        named = {"date", "status"} & columns.index.keys()
        dated = tuple(header[p].strip() for p in columns.extra)
        if named:
            lacking = {"date", "status"} - named
            if lacking:
                raise BadInput(
                    f"{source.name}: the header lacks the column {lacking.pop()}; "
                    f"expected: {EXPECTED}"
                )
            self.form = "long"
            self.columns = Columns(columns.index, columns.ignored + dated, columns.width)
            return
        self.form = "matrix"
        seen: dict[dt.date, str] = {}
        for position in columns.extra:
            day = _as_date(header[position], inputs)
            assert day is not None
            if day in seen:
                raise BadInput(
                    f"{source.name}: the columns {seen[day]!r} and {header[position].strip()!r} "
                    f"are the same meeting ({day})"
                )
            seen[day] = header[position].strip()
            self.dates[position] = day
        if not self.dates:
            others = [c.strip() for c in columns.ignored if c.strip()][:4]
            found = (
                f" (no column reads as a date: {', '.join(map(repr, others))})" if others else ""
            )
            raise BadInput(
                f"{source.name} has no recognizable header{found}; expected the columns: {EXPECTED}"
            )
        ignored = columns.ignored + tuple(
            header[p].strip() for n, p in columns.index.items() if n != "member"
        )
        self.columns = Columns({"member": columns.index["member"]}, ignored, columns.width)

    @property
    def ignored(self) -> tuple[str, ...]:
        return self.columns.ignored

    def apply(self, conn: sqlite3.Connection, progress: Progress | None = None) -> Summary:
        run = _Run(conn, MemberNames(conn), Problems(), self.inputs)
        count = 0
        long = self.form == "long"
        for row in rows(self.source, self.columns, run.problems):
            count += 1
            if progress and count % TICK == 0:
                progress("read", self.source.position, self.source.size)
            try:
                if long:
                    run.long_row(row)
                else:
                    run.matrix_row(row, self.dates)
            except LeadcliError as exc:
                run.problems.add(row.line, exc.message)
        if progress:
            progress("read", self.source.position, self.source.size)
        run.write()
        run.problems.check(self.source.name)
        for member_id, day in run.earliest.items():
            members.backdate(conn, member_id, day)
        return run.tally.summary(count)


_RELATIVE = {"today", "yesterday", *parse.WEEKDAYS, *(w[:3] for w in parse.WEEKDAYS)}


def _as_date(text: str, inputs: Inputs) -> dt.date | None:
    """A header cell naming a meeting; a word like "Wed" or "today" does not (a file's meaning
    does not change with the day it is read)."""
    if text.strip().lower() in _RELATIVE:
        return None
    try:
        return inputs.date(text.strip(), "a date column")
    except BadInput:
        return None


@dataclass
class _Run:
    """Marks checked row by row as ``meetings.attend`` checks them, then written all at once, in
    the order recording them meeting by meeting writes them: each new meeting, the marks that
    change (logged first), the marks."""

    conn: sqlite3.Connection
    names: MemberNames
    problems: Problems
    inputs: Inputs
    tally: _Tally = field(default_factory=_Tally)
    seen: dict[tuple[dt.date, int], int] = field(default_factory=dict)
    rows_of: dict[int, int] = field(default_factory=dict)
    # (meeting, member, status, substitute), in the file's order.
    marks: list[tuple[dt.date, Member, str, str | None]] = field(default_factory=list)
    # The earliest meeting each member is recorded at: joined dates move back once, at the end.
    earliest: dict[int, dt.date] = field(default_factory=dict)
    # The meetings recorded (before the file, or made by it), each with whether it is a
    # holiday, and their marks before the file.
    _meetings: dict[str, bool] | None = None
    _holidays: set[dt.date] | None = None
    _stored_at: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    _isos: dict[dt.date, str] = field(default_factory=dict)
    # Cells read once: a file gives the same few dates, names and statuses again and again.
    _dates: dict[str, dt.date] = field(default_factory=dict)
    _statuses: dict[str, str] = field(default_factory=dict)
    _substitutes: dict[str, str | None] = field(default_factory=dict)

    def long_row(self, row: Row) -> None:
        text = row.required("date")
        day = self._dates.get(text)
        if day is None:
            day = self.inputs.date(text, "date")
            assert day is not None
            self._dates[text] = day
        member = self.names.resolve(row.get("member"), "member")
        text = row.required("status")
        status = self._statuses.get(text)
        if status is None:
            status = self._statuses[text] = meetings.status(text)
        text = row.get("substitute")
        if text in self._substitutes:
            substitute = self._substitutes[text]
        else:
            substitute = self._substitutes[text] = self.inputs.text(text, "substitute")
        if substitute and status != "substitute":
            raise BadInput(f"substitute {substitute!r} goes with status substitute, not {status}")
        self.add(row.line, day, member, status, substitute)

    def matrix_row(self, row: Row, dates: dict[int, dt.date]) -> None:
        member = self.names.resolve(row.get("member"), "member")
        first = self.rows_of.setdefault(member.id, row.line)
        if first != row.line:
            raise BadInput(f"{member.name} is already on line {first}")
        for position, day in dates.items():
            cell = row.cells[position].strip() if position < len(row.cells) else ""
            if not cell:
                continue
            try:
                self.add(row.line, day, member, meetings.status(cell), None)
            except LeadcliError as exc:
                self.problems.add(row.line, f"{day}: {exc.message}")

    def add(
        self, line: int, day: dt.date, member: Member, status: str, substitute: str | None
    ) -> None:
        """Check one mark as ``meetings.attend`` would; keep it for the end."""
        first = self.seen.setdefault((day, member.id), line)
        if first != line:
            raise BadInput(f"{member.name} at the meeting of {day} is already on line {first}")
        members.refuse_after_leaving(member, day, "the meeting of")
        if self._holiday(day):
            raise Conflict(f"the meeting of {day} is a holiday; no attendance is taken")
        self.marks.append((day, member, status, substitute))
        if len(self.marks) >= CHUNK:
            self.write()

    def _known(self) -> dict[str, bool]:
        if self._meetings is None:
            self._meetings = {
                r[0]: bool(r[1]) for r in self.conn.execute("SELECT date, holiday FROM meetings")
            }
        return self._meetings

    def _holiday(self, day: dt.date) -> bool:
        if self._holidays is None:
            self._holidays = {dt.date.fromisoformat(d) for d, h in self._known().items() if h}
        return day in self._holidays

    def _stored(self, iso: str) -> dict[int, dict[str, Any]]:
        """The marks recorded at a meeting before the file, by member."""
        cursor = self.conn.execute("SELECT * FROM main.attendance WHERE meeting = ?", [iso])
        names = [d[0] for d in cursor.description]
        at = names.index("member_id")
        return {row[at]: dict(zip(names, row, strict=True)) for row in cursor}

    def write(self) -> None:
        """The marks held, in three statements (call inside a transaction). A file found bad
        is refused after: the transaction then writes nothing."""
        if not self.marks:
            return
        stamp = clock.stamp(clock.now())
        known, stored, isos = self._known(), self._stored_at, self._isos
        new_meetings: list[tuple[str, str]] = []
        logged: list[tuple[str, str, str | None]] = []  # table, key, row before
        written: list[tuple[str, int, str, str | None]] = []
        earliest, tally = self.earliest, self.tally
        marks, self.marks = self.marks, []
        for day, member, status, substitute in marks:
            iso = isos.get(day)
            if iso is None:
                iso = isos[day] = day.isoformat()
                if iso in known:
                    stored[iso] = self._stored(iso)
                else:
                    known[iso] = False
                    stored[iso] = {}
                    new_meetings.append((iso, stamp))
                    logged.append(("meetings", f'["{iso}"]', None))
                    tally.new_meetings += 1
                tally.meetings.add(day)
            before = stored[iso].get(member.id)
            if before is None:
                # json.dumps([iso, id]) for an ISO date and a number, written out.
                logged.append(("attendance", f'["{iso}", {member.id}]', None))
            else:
                tally.replaced += 1
                if (before["status"], before["substitute"]) != (status, substitute):
                    key = json.dumps([iso, member.id])
                    logged.append(("attendance", key, json.dumps(before)))
            written.append((iso, member.id, status, substitute))
            if day < earliest.get(member.id, dt.date.max):
                earliest[member.id] = day
        # The rows go to SQLite as one JSON list each: the same rows, in the same order, as a
        # statement a row would write, at a fraction of the cost.
        conn = self.conn
        conn.executemany(
            "INSERT INTO meetings (date, holiday, created_at) VALUES (?, 0, ?)", new_meetings
        )
        conn.execute(
            "INSERT INTO changes (at, tbl, key, before) SELECT ?, json_extract(value, '$[0]'), "
            "json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?) "
            "ORDER BY key",
            [stamp, json.dumps(logged, ensure_ascii=False)],
        )
        conn.execute(
            "INSERT INTO attendance (meeting, member_id, status, substitute, recorded_at) "
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            "json_extract(value, '$[2]'), json_extract(value, '$[3]'), ? FROM json_each(?) "
            "WHERE true ORDER BY key ON CONFLICT (meeting, member_id) DO UPDATE SET "
            "status = excluded.status, substitute = excluded.substitute, "
            "recorded_at = excluded.recorded_at",
            [stamp, json.dumps(written, ensure_ascii=False)],
        )
        tally.marks += len(written)


def export_rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every attendance record, by meeting and member name."""
    for row in conn.execute(
        "SELECT a.meeting, m.name, a.status, a.substitute FROM attendance a "
        "JOIN members m ON m.id = a.member_id ORDER BY a.meeting, m.name COLLATE NOCASE, m.id"
    ):
        yield {
            "date": row["meeting"],
            "member": row["name"],
            "status": row["status"],
            "substitute": row["substitute"],
        }
