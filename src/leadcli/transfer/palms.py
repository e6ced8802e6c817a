"""The PALMS-style weekly sheet: one row a member on the roll, for one meeting week, with their
attendance mark (P, A, L, M, S) and the counts BNI's weekly report carries: referrals given and
received, visitors, one-to-ones, testimonials, CEUs and business closed from the leads they gave.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from typing import Any

from leadcli import activity, leads, members, visitors
from leadcli.settings import Settings

COLUMNS = (
    "member",
    "P",
    "A",
    "L",
    "M",
    "S",
    "referrals_given",
    "referrals_received",
    "visitors",
    "one_to_ones",
    "testimonials",
    "ceus",
    "closed_business",
)
LETTERS = {"present": "P", "absent": "A", "late": "L", "medical": "M", "substitute": "S"}


def _count(rows: dict[int, list[tuple[dt.date, int]]]) -> Counter[int]:
    return Counter({member: sum(n for _, n in items) for member, items in rows.items()})


def sheet(conn: sqlite3.Connection, settings: Settings, day: dt.date) -> Iterator[dict[str, Any]]:
    """The sheet of the meeting week containing ``day``, by member name."""
    start, end = leads.week_of(day, settings)
    span = [start.isoformat(), end.isoformat()]
    marks: dict[int, str] = {}
    for member_id, status in conn.execute(
        "SELECT a.member_id, a.status FROM attendance a JOIN meetings m ON m.date = a.meeting "
        "WHERE a.meeting BETWEEN ? AND ? AND m.holiday = 0 ORDER BY a.meeting",
        span,
    ):
        marks.setdefault(member_id, status)
    given: Counter[int] = Counter()
    received: Counter[int] = Counter()
    for giver, receiver in conn.execute(
        "SELECT giver_id, receiver_id FROM leads WHERE date BETWEEN ? AND ? "
        f"AND verdict <> 'INCOMPLETE' AND {leads.LIVE}",
        span,
    ):
        given[giver] += 1
        if receiver is not None:
            received[receiver] += 1
    closed: Counter[int] = Counter()
    for giver, cents in conn.execute(
        "SELECT giver_id, amount_cents FROM leads WHERE status = 'won' "
        f"AND closed_at >= ? AND closed_at < ? AND {leads.LIVE}",
        [start.isoformat(), (end + dt.timedelta(days=1)).isoformat()],
    ):
        closed[giver] += cents or 0
    invited = Counter({m: len(days) for m, days in visitors.invited(conn, start, end).items()})
    counts = {
        kind: _count(activity.dated(conn, kind, start, end))
        for kind in ("one-to-one", "testimonial", "ceu")
    }
    for member in members.all_members(conn):
        if not (member.on_roll(start) or member.on_roll(end)):
            continue
        letter = LETTERS.get(marks.get(member.id, ""), "")
        yield {
            "member": member.name,
            **{column: (1 if column == letter else None) for column in "PALMS"},
            "referrals_given": given[member.id],
            "referrals_received": received[member.id],
            "visitors": invited[member.id],
            "one_to_ones": counts["one-to-one"][member.id],
            "testimonials": counts["testimonial"][member.id],
            "ceus": counts["ceu"][member.id],
            "closed_business": closed[member.id] / 100,
        }
