"""Visitors to meetings and applicants waiting for a category, and who invited them.

A visitor who names a category applies for it: a free category they may take by joining; a taken
one they wait for (or find in another group: `category openings --also`). A visitor has joined
once a member bears their name."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from leadcli import clock, members
from leadcli.errors import BadInput, Conflict, NotFound
from leadcli.members import Member


@dataclass(frozen=True)
class Visitor:
    id: int
    name: str
    category: str | None
    business: str | None
    phone: str | None
    email: str | None
    invited_by_id: int | None
    invited_by: str | None
    date: dt.date

    def as_json(self, status: str | None = None) -> dict[str, object]:
        """The keys of SPEC 4 (``visitor list --json``), and where the visitor stands if given."""
        found: dict[str, object] = {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "business": self.business,
            "invited_by": self.invited_by,
            "date": self.date.isoformat(),
        }
        if status is not None:
            found["status"] = status
        return found


SELECT = (
    "SELECT v.id, v.name, v.category, v.business, v.phone, v.email, v.invited_by, "
    "m.name AS inviter, v.date FROM visitors v LEFT JOIN members m ON m.id = v.invited_by"
)


def _from_row(row: sqlite3.Row) -> Visitor:
    return Visitor(
        id=row["id"],
        name=row["name"],
        category=row["category"],
        business=row["business"],
        phone=row["phone"],
        email=row["email"],
        invited_by_id=row["invited_by"],
        invited_by=row["inviter"],
        date=dt.date.fromisoformat(row["date"]),
    )


def get(conn: sqlite3.Connection, visitor_id: int) -> Visitor:
    row = conn.execute(f"{SELECT} WHERE v.id = ?", [visitor_id]).fetchone()
    if row is None:
        raise NotFound(f"no visitor #{visitor_id}")
    return _from_row(row)


def all_visitors(conn: sqlite3.Connection) -> list[Visitor]:
    """Every visitor, by the day they came."""
    return [_from_row(r) for r in conn.execute(f"{SELECT} ORDER BY v.date, v.id")]


def check_inviter(inviter: Member, day: dt.date) -> None:
    """A visitor is invited by a member on the roll the day they came (else BadInput)."""
    if day < inviter.first_joined:
        raise BadInput(
            f"--invited-by {inviter.label} joined on {inviter.first_joined}, after {day}"
        )
    if inviter.left_on is not None and day > inviter.left_on:
        raise BadInput(f"--invited-by {inviter.label} left on {inviter.left_on}, before {day}")
    problem = inviter.off_roll(day, "a visit on")
    if problem:
        raise BadInput(f"--invited-by {problem}")


def add(
    conn: sqlite3.Connection,
    *,
    name: str,
    day: dt.date,
    category: str | None = None,
    business: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    invited_by: Member | None = None,
) -> Visitor:
    """Record a visitor; call inside a transaction."""
    if not name:
        raise BadInput("NAME must not be empty")
    for member in members.all_members(conn):
        if member.name.casefold() == name.casefold():
            raise Conflict(f"{member.label} is a member, not a visitor")
    if invited_by is not None:
        check_inviter(invited_by, day)
    cursor = conn.execute(
        "INSERT INTO visitors (name, category, business, phone, email, invited_by, date, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            name,
            category,
            business,
            phone,
            email,
            invited_by.id if invited_by else None,
            day.isoformat(),
            clock.stamp(clock.now()),
        ],
    )
    assert cursor.lastrowid is not None
    return get(conn, cursor.lastrowid)


def invited(conn: sqlite3.Connection, low: dt.date, high: dt.date) -> dict[int, list[dt.date]]:
    """The days of the visitors each member invited between two days (both included)."""
    found: dict[int, list[dt.date]] = defaultdict(list)
    rows = conn.execute(
        "SELECT invited_by, date FROM visitors WHERE invited_by IS NOT NULL "
        "AND date BETWEEN ? AND ?",
        [low.isoformat(), high.isoformat()],
    )
    for member_id, day in rows:
        found[member_id].append(dt.date.fromisoformat(day))
    return found


def status(visitor: Visitor, roster: list[Member]) -> str:
    """Where a visitor stands (``roster``: every member, those who left included): joined,
    waiting for a taken category, or free to take it."""
    from leadcli import categories

    if any(m.name.casefold() == visitor.name.casefold() for m in roster):
        return "joined"
    if not visitor.category:
        return "visited"
    wanted = categories.kind(visitor.category)
    holder = next((m for m in roster if m.active and categories.kind(m.category) == wanted), None)
    if holder:
        return f"waiting: {holder.name} holds {holder.category}"
    return f"may join: {visitor.category} is open"
