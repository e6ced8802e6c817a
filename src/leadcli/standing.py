"""Member standing against the group's standards (SPEC 5.2), for one member or all, set-based."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence

from leadcli import lead_record, members, needs, pipeline
from leadcli.lead_record import LIVE, Lead
from leadcli.members import Member
from leadcli.scorecard import Standing, tally, window_start
from leadcli.settings import Settings

__all__ = ["Standing", "standings", "window_start"]


def standings(
    conn: sqlite3.Connection,
    settings: Settings,
    as_of: dt.date,
    moment: dt.datetime,
    only: Sequence[Member] | None = None,
) -> list[Standing]:
    """The standing of each member on the roll on ``as_of`` (or of ``only``), in a few queries."""
    roster = (
        list(only)
        if only is not None
        else [m for m in members.all_members(conn) if m.on_roll(as_of)]
    )
    if not roster:
        return []
    low = window_start(as_of, settings)
    span = [low.isoformat(), as_of.isoformat()]
    meeting_days = [
        dt.date.fromisoformat(r[0])
        for r in conn.execute(
            "SELECT date FROM meetings WHERE holiday = 0 AND date BETWEEN ? AND ? ORDER BY date",
            span,
        )
    ]
    # For named members, each query reads their rows alone (through the member indexes).
    ids = None if only is None else json.dumps(sorted({m.id for m in roster}))
    mine_only = "" if ids is None else " AND {} IN (SELECT value FROM json_each(?))"
    extra = [] if ids is None else [ids]
    marks: dict[int, dict[dt.date, str]] = defaultdict(dict)
    for r in conn.execute(
        "SELECT meeting, member_id, status FROM attendance WHERE meeting BETWEEN ? AND ?"
        + mine_only.format("member_id"),
        span + extra,
    ):
        marks[r["member_id"]][dt.date.fromisoformat(r["meeting"])] = r["status"]
    given: dict[int, list[dt.date]] = defaultdict(list)
    for r in conn.execute(
        "SELECT giver_id, date FROM leads WHERE date BETWEEN ? AND ? AND verdict <> 'INCOMPLETE' "
        f"AND {LIVE}" + mine_only.format("giver_id"),
        span + extra,
    ):
        given[r[0]].append(dt.date.fromisoformat(r[1]))
    updates = _update_days(conn, low, as_of, ids) if settings.flag("quota.count_updates") else {}
    # The leads that can be overdue: received, neither in research nor closed.
    received: dict[int, list[Lead]] = defaultdict(list)
    for lead in lead_record.select(
        conn,
        f" WHERE l.date BETWEEN ? AND ? AND l.receiver_id IS NOT NULL AND l.{LIVE}"
        f" AND l.status NOT IN ({_SETTLED})"
        + mine_only.format("l.receiver_id")
        + " ORDER BY l.date, l.id",
        span + extra,
    ):
        received[lead.receiver_id].append(lead)  # type: ignore[index]
    closed = _closed(conn, low, as_of, ids)
    late_weight = settings.number("attendance.late_weight")
    result = []
    for member in roster:
        # The spell on the roll as of the day: standing counts from its start (a return).
        joined, left_on = member.spell(as_of)
        start = max(low, joined)
        end = min(as_of, left_on) if left_on else as_of
        days = [d for d in meeting_days if start <= d <= end]
        mine = {d: marks[member.id].get(d, "unrecorded") for d in days}
        attended, counted, absences = tally(mine, late_weight)
        credit_days = [d for d in given[member.id] if start <= d <= end]
        credit_days += _weeks_with(updates.get(member.id, ()), days)
        overdue = [
            lead
            for lead in received[member.id]
            if start <= lead.date <= end and pipeline.is_overdue(lead, settings, moment)
        ]
        closed_cents = sum(c for r, day, c in closed if r == member.id and start <= day <= end)
        result.append(
            Standing(
                member=member,
                as_of=as_of,
                start=start,
                end=end,
                meetings=days,
                marks=mine,
                attended=attended,
                counted=counted,
                absences=absences,
                credit_days=sorted(credit_days),
                overdue=overdue,
                closed_cents=closed_cents,
                settings=settings,
            )
        )
    for standing in result:
        standing.needs = needs.needs(standing, moment)
    if settings.text("standing.scheme") == "traffic-lights":
        from leadcli import traffic_moves

        traffic_moves.apply(conn, settings, result, ids)
    return result


# Leads that are never overdue (pipeline.is_overdue).
_SETTLED = ", ".join(f"'{status}'" for status in ("research", *pipeline.CLOSED))
# The leads received by the members named (a JSON list of ids): read from the index of receivers
# alone, so that a window's rows are kept or dropped by their lead's id, before any row is read.
_THEIRS = "SELECT id FROM leads WHERE receiver_id IN (SELECT value FROM json_each(?))"
_NAMED = " AND {} IN (SELECT value FROM json_each(?))"


def _update_days(
    conn: sqlite3.Connection, low: dt.date, high: dt.date, ids: str | None = None
) -> dict[int, list[dt.date]]:
    """Days on which each member (each of ``ids``, a JSON list, when given) logged an update on
    a lead they received."""
    kinds = ", ".join(f"'{k}'" for k in pipeline.UPDATE_KINDS)
    # CROSS JOIN: the window's events first (through their index of times), then their leads;
    # through a member's received leads instead, the work would grow with their whole history.
    # For named members, an event is kept by its lead's id (``+``: not through the index of
    # events by lead) before its lead is read.
    only = "" if ids is None else f" AND +e.lead_id IN ({_THEIRS})" + _NAMED.format("l.receiver_id")
    rows = conn.execute(
        "SELECT l.receiver_id, substr(e.at, 1, 10) FROM lead_events e "
        "CROSS JOIN leads l ON l.id = e.lead_id "
        f"WHERE e.at >= ? AND e.at < ? AND e.kind IN ({kinds}) AND l.receiver_id IS NOT NULL "
        f"AND {LIVE}" + only,
        [low.isoformat(), (high + dt.timedelta(days=1)).isoformat(), *([ids, ids] if ids else [])],
    )
    days: dict[int, list[dt.date]] = defaultdict(list)
    for receiver, day in rows:
        days[receiver].append(dt.date.fromisoformat(day))
    return days


def _weeks_with(days: Sequence[dt.date], meetings: Sequence[dt.date]) -> list[dt.date]:
    """The meetings of the window whose week (up to the next meeting) holds one of ``days``."""
    weeks = []
    for index, start in enumerate(meetings):
        stop = meetings[index + 1] if index + 1 < len(meetings) else start + dt.timedelta(days=7)
        if any(start <= d < stop for d in days):
            weeks.append(start)
    return weeks


def _closed(
    conn: sqlite3.Connection, low: dt.date, high: dt.date, ids: str | None = None
) -> list[tuple[int, dt.date, int]]:
    """(receiver, day, cents) of the leads won between two days (by the members of ``ids``, a
    JSON list, when given): through the index of closing times, the window's rows alone."""
    only = "" if ids is None else f" AND +id IN ({_THEIRS})" + _NAMED.format("+receiver_id")
    rows = conn.execute(
        "SELECT receiver_id, substr(closed_at, 1, 10), amount_cents FROM leads "
        "WHERE closed_at >= ? AND closed_at < ? AND status = 'won' AND receiver_id IS NOT NULL "
        f"AND {LIVE}" + only,
        [low.isoformat(), (high + dt.timedelta(days=1)).isoformat(), *([ids, ids] if ids else [])],
    )
    return [(r[0], dt.date.fromisoformat(r[1]), r[2] or 0) for r in rows]
