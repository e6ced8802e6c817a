"""Visitors to meetings. A visitor who names a category applies for it: a free category they may
take by joining; a taken one they wait for (or find in another group: `category openings --also`).
A visitor has joined once a member bears their name."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from leadcli import clock, members
from leadcli.errors import Conflict
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

    @property
    def label(self) -> str:
        return f"#{self.id} {self.name}"

    def as_json(self, status: str) -> dict[str, object]:
        """The keys of SPEC 4 (``visitor list --json``), with phone, email and status."""
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "business": self.business,
            "invited_by": self.invited_by,
            "date": self.date.isoformat(),
            "phone": self.phone,
            "email": self.email,
            "status": status,
        }


SELECT = (
    "SELECT v.id, v.name, v.category, v.business, v.phone, v.email, v.invited_by, "
    "m.name AS inviter, v.date FROM visitors v LEFT JOIN members m ON m.id = v.invited_by"
)


def _visitor(row: sqlite3.Row) -> Visitor:
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


def all_visitors(conn: sqlite3.Connection) -> list[Visitor]:
    """Every visitor, by the day they came."""
    return [_visitor(r) for r in conn.execute(SELECT + " ORDER BY v.date, v.id")]


def get(conn: sqlite3.Connection, visitor_id: int) -> Visitor:
    return _visitor(conn.execute(SELECT + " WHERE v.id = ?", [visitor_id]).fetchone())


def invited(
    conn: sqlite3.Connection, member_id: int, since: dt.date, until: dt.date
) -> list[Visitor]:
    """The visitors a member invited who came between two days (both included)."""
    return [
        _visitor(r)
        for r in conn.execute(
            SELECT + " WHERE v.invited_by = ? AND v.date BETWEEN ? AND ? ORDER BY v.date, v.id",
            [member_id, since.isoformat(), until.isoformat()],
        )
    ]


def add(
    conn: sqlite3.Connection,
    *,
    name: str,
    category: str | None,
    business: str | None,
    phone: str | None,
    email: str | None,
    invited_by: Member | None,
    day: dt.date,
) -> Visitor:
    """Record a visitor; call inside a transaction."""
    wanted = name.casefold()
    for member in members.all_members(conn):
        if member.name.casefold() == wanted:
            raise Conflict(f"{member.label} is a member, not a visitor")
    if invited_by is not None:
        members.refuse_after_leaving(invited_by, day, "the visit of")
    cursor = conn.execute(
        "INSERT INTO visitors "
        "(name, category, business, phone, email, invited_by, date, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
