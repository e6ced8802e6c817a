"""The activity BNI's traffic lights count besides attendance and leads: one-to-ones between two
members, CEUs (training credits) and testimonials. Each is dated; one entered by mistake is voided,
kept on record and counted nowhere."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from leadcli import clock
from leadcli.errors import BadInput, Conflict, NotFound
from leadcli.members import Member
from leadcli.words import plural

KINDS = ("one-to-one", "ceu", "testimonial")
NAMES = {"one-to-one": "one-to-one", "ceu": "CEU", "testimonial": "testimonial"}


def kind(text: str) -> str:
    word = text.strip().lower().replace("_", "-").replace(" ", "-")
    aliases = {"1-2-1": "one-to-one", "121": "one-to-one", "one-to-ones": "one-to-one"}
    word = aliases.get(word, word.removesuffix("s") if word.endswith("s") else word)
    if word not in KINDS:
        raise BadInput(f"unknown activity {text!r} (use {', '.join(KINDS)})")
    return word


@dataclass(frozen=True)
class Activity:
    id: int
    kind: str
    member_id: int
    member: str
    other_id: int | None
    other: str | None
    date: dt.date
    count: int
    void_reason: str | None
    voided_at: str | None

    @property
    def void(self) -> bool:
        return self.voided_at is not None

    @property
    def label(self) -> str:
        return f"#{self.id}"

    def describe(self, member_id: int | None = None) -> str:
        """The activity in words, from the side of ``member_id`` when given."""
        if self.kind == "one-to-one":
            if member_id == self.other_id:
                return f"one-to-one with {self.member}"
            if member_id == self.member_id:
                return f"one-to-one with {self.other}"
            return f"one-to-one of {self.member} and {self.other}"
        if self.kind == "ceu":
            return plural(self.count, "CEU")
        return "testimonial"

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "member": self.member,
            "with": self.other,
            "count": self.count,
            "void": self.void,
            "void_reason": self.void_reason,
        }


SELECT = (
    "SELECT a.id, a.kind, a.member_id, m.name AS member, a.other_id, o.name AS other, a.date, "
    "a.count, a.void_reason, a.voided_at FROM activity a JOIN members m ON m.id = a.member_id "
    "LEFT JOIN members o ON o.id = a.other_id"
)


def _from_row(row: sqlite3.Row) -> Activity:
    return Activity(
        id=row["id"],
        kind=row["kind"],
        member_id=row["member_id"],
        member=row["member"],
        other_id=row["other_id"],
        other=row["other"],
        date=dt.date.fromisoformat(row["date"]),
        count=row["count"],
        void_reason=row["void_reason"],
        voided_at=row["voided_at"],
    )


def get(conn: sqlite3.Connection, activity_id: int) -> Activity:
    row = conn.execute(f"{SELECT} WHERE a.id = ?", [activity_id]).fetchone()
    if row is None:
        raise NotFound(f"no activity #{activity_id}")
    return _from_row(row)


def of_member(conn: sqlite3.Connection, member_id: int, limit: int | None = None) -> list[Activity]:
    """A member's activity (one-to-ones on either side), newest first, voided ones included."""
    sql = f"{SELECT} WHERE a.member_id = ? OR a.other_id = ? ORDER BY a.date DESC, a.id DESC"
    args: list[object] = [member_id, member_id]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    return [_from_row(r) for r in conn.execute(sql, args)]


def everything(conn: sqlite3.Connection, *, include_void: bool = False) -> list[Activity]:
    where = "" if include_void else " WHERE a.voided_at IS NULL"
    return [_from_row(r) for r in conn.execute(f"{SELECT}{where} ORDER BY a.date, a.id")]


# The most CEUs one entry records: a larger figure is a slip of the keyboard, not a week's study.
MAX_COUNT = 100


def check_count(count: int, field: str = "--count") -> int:
    if count < 1:
        raise BadInput(f"{field} must be 1 or more, not {count}")
    if count > MAX_COUNT:
        raise BadInput(
            f"{field} {count:,} is more than one entry records (at most {MAX_COUNT});"
            " record larger figures as several entries"
        )
    return count


def _check_on_roll(member: Member, day: dt.date, what: str) -> None:
    if day < member.first_joined:
        raise BadInput(f"{member.label} joined on {member.first_joined}, after the {what} of {day}")
    problem = member.off_roll(day, f"the {what} of")
    if problem:
        raise BadInput(problem)


def validate(
    kind_: str, member: Member, day: dt.date, other: Member | None = None, count: int = 1
) -> None:
    """Refuse what cannot be recorded (BadInput): nothing is read or written."""
    what = NAMES[kind_]
    if kind_ == "one-to-one":
        if other is None:
            raise BadInput("a one-to-one needs two members")
        if other.id == member.id:
            raise BadInput(f"a one-to-one needs two members; {member.label} was named twice")
    elif other is not None:
        raise BadInput(f"a {what} is one member's; name only one")
    if kind_ == "ceu":
        check_count(count)
    elif count != 1:
        raise BadInput(f"only CEUs have a count, not a {what}")
    _check_on_roll(member, day, what)
    if other is not None:
        _check_on_roll(other, day, what)


def record(
    conn: sqlite3.Connection,
    kind_: str,
    member: Member,
    day: dt.date,
    *,
    other: Member | None = None,
    count: int = 1,
) -> Activity:
    """Record one activity; call inside a transaction."""
    validate(kind_, member, day, other, count)
    cursor = conn.execute(
        "INSERT INTO activity (kind, member_id, other_id, date, count, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            kind_,
            member.id,
            other.id if other else None,
            day.isoformat(),
            count,
            clock.stamp(clock.now()),
        ],
    )
    assert cursor.lastrowid is not None
    return get(conn, cursor.lastrowid)


def void(
    conn: sqlite3.Connection, activity_id: int, kind_: str, reason: str | None, now: dt.datetime
) -> Activity:
    """Void an activity entered by mistake: it stays on record, counted nowhere. In a transaction."""
    found = get(conn, activity_id)
    if found.kind != kind_:
        raise BadInput(f"activity #{activity_id} is a {NAMES[found.kind]}, not a {NAMES[kind_]}")
    if found.void:
        raise Conflict(f"activity #{activity_id} is already void")
    conn.execute(
        "UPDATE activity SET voided_at = ?, void_reason = ? WHERE id = ?",
        [clock.stamp(now), reason, activity_id],
    )
    return get(conn, activity_id)


def dated(
    conn: sqlite3.Connection, kind_: str, low: dt.date, high: dt.date
) -> dict[int, list[tuple[dt.date, int]]]:
    """(date, count) of each member's activity of one kind between two days, void ones left out.
    A one-to-one counts for both of its members."""
    found: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    rows = conn.execute(
        "SELECT member_id, other_id, date, count FROM activity "
        "WHERE kind = ? AND date BETWEEN ? AND ? AND voided_at IS NULL",
        [kind_, low.isoformat(), high.isoformat()],
    )
    for member_id, other_id, day, count in rows:
        found[member_id].append((dt.date.fromisoformat(day), count))
        if other_id is not None:
            found[other_id].append((dt.date.fromisoformat(day), count))
    return found
