"""Meetings and attendance (PALMS: present, absent, late, medical, substitute)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from leadcli import changes, clock, members
from leadcli.clock import regular_day as regular_day
from leadcli.errors import BadInput, Conflict, NotFound
from leadcli.members import Member

STATUSES = ("present", "absent", "late", "medical", "substitute")
LETTERS = {"P": "present", "A": "absent", "L": "late", "M": "medical", "S": "substitute"}


def status(text: str) -> str:
    """A PALMS status from its name, a prefix of it, or its letter."""
    word = text.strip().lower()
    if word.upper() in LETTERS:
        return LETTERS[word.upper()]
    matches = [s for s in STATUSES if word and s.startswith(word)]
    if len(matches) != 1:
        raise BadInput(f"unknown attendance status {text!r} (use {', '.join(STATUSES)})")
    return matches[0]


@dataclass(frozen=True)
class Meeting:
    date: dt.date
    holiday: bool


@dataclass(frozen=True)
class MeetingSummary:
    date: dt.date
    holiday: bool
    counts: dict[str, int]
    not_recorded: int
    roll: int

    @property
    def rate(self) -> float | None:
        """Head count: (present + late + substitute) / (members on the roll - medical)."""
        if self.holiday:
            return None
        base = self.roll - self.counts.get("medical", 0)
        if base <= 0:
            return None
        came = self.counts.get("present", 0) + self.counts.get("late", 0)
        return (came + self.counts.get("substitute", 0)) / base

    def as_json(self) -> dict[str, object]:
        rate = self.rate
        return {
            "date": self.date.isoformat(),
            "holiday": self.holiday,
            **{
                s: self.counts.get(s, 0)
                for s in ("present", "late", "substitute", "medical", "absent")
            },
            "not_recorded": self.not_recorded,
            "rate": None if rate is None else round(rate, 4),
        }


def default_day(conn: sqlite3.Connection, weekday: int, today: dt.date) -> dt.date:
    """The meeting a date left out means: the latest regular meeting day on or before today,
    recorded or not, stepping back past any marked a holiday."""
    day = regular_day(weekday, today)
    holidays = {
        row[0]
        for row in conn.execute(
            "SELECT date FROM meetings WHERE holiday = 1 AND date <= ?", [day.isoformat()]
        )
    }
    while day.isoformat() in holidays:
        day -= dt.timedelta(days=7)
    return day


def get(conn: sqlite3.Connection, day: dt.date) -> Meeting | None:
    row = conn.execute(
        "SELECT date, holiday FROM meetings WHERE date = ?", [day.isoformat()]
    ).fetchone()
    return Meeting(day, bool(row["holiday"])) if row else None


def ensure(conn: sqlite3.Connection, day: dt.date) -> bool:
    """Create the meeting of ``day`` if it is not recorded; True when it was created."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO meetings (date, holiday, created_at) VALUES (?, 0, ?)",
        [day.isoformat(), clock.stamp(clock.now())],
    )
    if cursor.rowcount == 1:
        changes.log(conn, "meetings", [day.isoformat()], None)
    return cursor.rowcount == 1


def add(conn: sqlite3.Connection, day: dt.date, holiday: bool | None) -> tuple[Meeting, bool]:
    """Record a meeting (or change whether it is a holiday); call inside a transaction."""
    created = ensure(conn, day)
    if holiday is not None:
        if (
            holiday
            and conn.execute(
                "SELECT 1 FROM attendance WHERE meeting = ? AND status <> 'absent' LIMIT 1",
                [day.isoformat()],
            ).fetchone()
        ):
            raise Conflict(f"the meeting of {day} has attendance recorded; it cannot be a holiday")
        if not created and get(conn, day) != Meeting(day, holiday):
            changes.keep(conn, "meetings", [day.isoformat()])
        conn.execute(
            "UPDATE meetings SET holiday = ? WHERE date = ?", [int(holiday), day.isoformat()]
        )
    meeting = get(conn, day)
    assert meeting is not None
    return meeting, created


def latest(conn: sqlite3.Connection, on_or_before: dt.date) -> dt.date | None:
    row = conn.execute(
        "SELECT max(date) FROM meetings WHERE date <= ?", [on_or_before.isoformat()]
    ).fetchone()
    return dt.date.fromisoformat(row[0]) if row[0] else None


def summaries(
    conn: sqlite3.Connection,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    roster: Sequence[Member] | None = None,
) -> list[MeetingSummary]:
    """Counts per status, members not recorded, and the head-count rate, per meeting."""
    low = since.isoformat() if since else "0000-00-00"
    high = until.isoformat() if until else "9999-99-99"
    meetings = conn.execute(
        "SELECT date, holiday FROM meetings WHERE date BETWEEN ? AND ? ORDER BY date", [low, high]
    ).fetchall()
    counts: dict[str, Counter[str]] = {}
    recorded: dict[str, set[int]] = {}
    for row in conn.execute(
        "SELECT meeting, member_id, status FROM attendance WHERE meeting BETWEEN ? AND ?",
        [low, high],
    ):
        counts.setdefault(row["meeting"], Counter())[row["status"]] += 1
        recorded.setdefault(row["meeting"], set()).add(row["member_id"])
    everyone = list(roster) if roster is not None else members.all_members(conn)
    result = []
    for row in meetings:
        day = dt.date.fromisoformat(row["date"])
        roll = {m.id for m in everyone if m.on_roll(day)}
        missing = 0 if row["holiday"] else len(roll - recorded.get(row["date"], set()))
        result.append(
            MeetingSummary(
                day, bool(row["holiday"]), dict(counts.get(row["date"], {})), missing, len(roll)
            )
        )
    return result


@dataclass(frozen=True)
class Mark:
    member: Member
    status: str
    substitute: str | None = None
    previous: str | None = None


@dataclass
class AttendResult:
    date: dt.date
    created_meeting: bool
    marks: list[Mark] = field(default_factory=list)
    marked_absent: list[Member] = field(default_factory=list)
    joined_later: list[Member] = field(default_factory=list)


def recorded(conn: sqlite3.Connection, day: dt.date) -> dict[int, str]:
    rows = conn.execute(
        "SELECT member_id, status FROM attendance WHERE meeting = ?", [day.isoformat()]
    )
    return {r["member_id"]: r["status"] for r in rows}


def substitutes(conn: sqlite3.Connection, day: dt.date) -> dict[int, str]:
    """The names of the substitutes recorded at the meeting of ``day``, by member."""
    rows = conn.execute(
        "SELECT member_id, substitute FROM attendance WHERE meeting = ? AND substitute IS NOT NULL",
        [day.isoformat()],
    )
    return {r["member_id"]: r["substitute"] for r in rows}


def attend(
    conn: sqlite3.Connection,
    day: dt.date,
    marks: Iterable[Mark],
    *,
    others_absent: bool = False,
    backdate: bool = True,
) -> AttendResult:
    """Record attendance at the meeting of ``day``; a new record replaces an old one.

    Call inside a transaction: every mark is written, or none. The joined date of a member
    recorded before it moves back to ``day``, unless ``backdate`` is False (an import moves
    each member's once, at the end).
    """
    marks = list(marks)
    seen: set[int] = set()
    for mark in marks:
        if mark.member.id in seen:
            raise BadInput(f"{mark.member.label} is named twice")
        seen.add(mark.member.id)
        members.refuse_after_leaving(mark.member, day, "the meeting of")
        if mark.substitute and mark.status != "substitute":
            raise BadInput("--sub goes with status substitute")
    meeting = get(conn, day)
    if meeting and meeting.holiday:
        raise Conflict(f"the meeting of {day} is a holiday; no attendance is taken")
    created = ensure(conn, day)
    before = recorded(conn, day)
    stamp = clock.stamp(clock.now())
    result = AttendResult(day, created)
    iso = day.isoformat()
    if backdate:
        for mark in marks:
            members.backdate(conn, mark.member.id, day)
    # The meeting's marks as they stand, logged before the ones that change (one statement).
    cursor = conn.execute("SELECT * FROM main.attendance WHERE meeting = ?", [iso])
    names = [d[0] for d in cursor.description]
    stored = {row[names.index("member_id")]: dict(zip(names, row, strict=True)) for row in cursor}
    logged = []
    for mark in marks:
        row = stored.get(mark.member.id)
        if row is None or (row["status"], row["substitute"]) != (mark.status, mark.substitute):
            logged.append(([iso, mark.member.id], row))
    changes.log_many(conn, "attendance", logged)
    conn.executemany(
        "INSERT INTO attendance (meeting, member_id, status, substitute, recorded_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting, member_id) DO UPDATE SET "
        "status = excluded.status, substitute = excluded.substitute, "
        "recorded_at = excluded.recorded_at",
        [(iso, mark.member.id, mark.status, mark.substitute, stamp) for mark in marks],
    )
    result.marks.extend(
        Mark(mark.member, mark.status, mark.substitute, before.get(mark.member.id))
        for mark in marks
    )
    if others_absent:
        for member in members.all_members(conn):
            if member.id in seen or member.id in before:
                continue
            if not member.on_roll(day):
                if day < member.first_joined and member.active:
                    result.joined_later.append(member)  # typed in after it: absent only if named
                continue
            changes.log(conn, "attendance", [iso, member.id], None)
            conn.execute(
                "INSERT INTO attendance (meeting, member_id, status, recorded_at) "
                "VALUES (?, ?, 'absent', ?)",
                [iso, member.id, stamp],
            )
            result.marked_absent.append(member)
    return result


def require(conn: sqlite3.Connection, day: dt.date) -> Meeting:
    meeting = get(conn, day)
    if meeting is None:
        raise NotFound(f"no meeting on {day}")
    return meeting
