"""Attendance in and out of a file: long rows ``date, member, status, substitute``, or the PALMS
matrix (a ``member`` column and one column per meeting date holding P, A, L, M or S)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from leadcli import meetings, members, parse
from leadcli.errors import BadInput, Conflict, LeadcliError
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
BATCH = 500


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
        run = _Run(conn, MemberNames(conn), Problems())
        count = 0
        for row in rows(self.source, self.columns, run.problems):
            count += 1
            if progress and count % TICK == 0:
                progress("read", self.source.position, self.source.size)
            try:
                if self.form == "long":
                    run.long_row(row, self.inputs)
                else:
                    run.matrix_row(row, self.dates)
            except LeadcliError as exc:
                run.problems.add(row.line, exc.message)
        run.flush()
        if progress:
            progress("read", self.source.position, self.source.size)
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
    """Marks checked row by row, written in batches of one meeting."""

    conn: sqlite3.Connection
    names: MemberNames
    problems: Problems
    tally: _Tally = field(default_factory=_Tally)
    seen: dict[tuple[dt.date, int], int] = field(default_factory=dict)
    rows_of: dict[int, int] = field(default_factory=dict)
    holidays: dict[dt.date, bool] = field(default_factory=dict)
    batch: list[tuple[int, meetings.Mark]] = field(default_factory=list)
    day: dt.date | None = None
    # The earliest meeting each member is recorded at: joined dates move back once, at the end.
    earliest: dict[int, dt.date] = field(default_factory=dict)

    def long_row(self, row: Row, inputs: Inputs) -> None:
        day = inputs.date(row.required("date"), "date")
        assert day is not None
        member = self.names.resolve(row.get("member"), "member")
        status = meetings.status(row.required("status"))
        substitute = inputs.text(row.get("substitute"), "substitute")
        if substitute and status != "substitute":
            raise BadInput(f"substitute {substitute!r} goes with status substitute, not {status}")
        self.add(row.line, day, meetings.Mark(member, status, substitute))

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
                self.add(row.line, day, meetings.Mark(member, meetings.status(cell)))
            except LeadcliError as exc:
                self.problems.add(row.line, f"{day}: {exc.message}")

    def add(self, line: int, day: dt.date, mark: meetings.Mark) -> None:
        """Check one mark as ``meetings.attend`` would; queue it for its meeting."""
        first = self.seen.setdefault((day, mark.member.id), line)
        if first != line:
            raise BadInput(f"{mark.member.name} at the meeting of {day} is already on line {first}")
        members.refuse_after_leaving(mark.member, day, "the meeting of")
        if self._holiday(day):
            raise Conflict(f"the meeting of {day} is a holiday; no attendance is taken")
        if day != self.day or len(self.batch) >= BATCH:
            self.flush()
            self.day = day
        self.batch.append((line, mark))

    def _holiday(self, day: dt.date) -> bool:
        if day not in self.holidays:
            meeting = meetings.get(self.conn, day)
            self.holidays[day] = bool(meeting and meeting.holiday)
        return self.holidays[day]

    def flush(self) -> None:
        if not self.batch or self.day is None:
            return
        batch, self.batch = self.batch, []
        try:
            result = meetings.attend(
                self.conn, self.day, [mark for _, mark in batch], backdate=False
            )
        except LeadcliError as exc:
            self.problems.add(batch[0][0], exc.message)
            return
        earliest = self.earliest
        for mark in result.marks:
            member_id = mark.member.id
            if self.day < earliest.get(member_id, dt.date.max):
                earliest[member_id] = self.day
        self.tally.marks += len(result.marks)
        self.tally.replaced += sum(m.previous is not None for m in result.marks)
        self.tally.meetings.add(self.day)
        self.tally.new_meetings += result.created_meeting


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
