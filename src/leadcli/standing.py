"""Member standing against the group's standards (SPEC 5.2), for one member or all, set-based."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from leadcli import leads, members, pipeline
from leadcli.members import Member
from leadcli.settings import Settings

CREDIT = {"present": 1.0, "substitute": 1.0, "absent": 0.0}


@dataclass
class Standing:
    member: Member
    as_of: dt.date
    start: dt.date
    end: dt.date
    meetings: list[dt.date]
    marks: dict[dt.date, str]
    attended: float
    counted: int
    absences: int
    credit_days: list[dt.date]
    overdue: list[leads.Lead]
    closed_cents: int
    settings: Settings
    needs: list[str] = field(default_factory=list)
    # Set under ``standing.scheme = traffic-lights``: the points and the light (traffic.py).
    traffic: Any = None

    @property
    def credits(self) -> int:
        return len(self.credit_days)

    @property
    def rate(self) -> float | None:
        return self.attended / self.counted if self.counted else None

    @property
    def per_week(self) -> float | None:
        return self.credits / len(self.meetings) if self.meetings else None

    @property
    def minimum(self) -> float:
        return self.settings.number("attendance.minimum")

    @property
    def quota(self) -> float:
        return self.settings.number("quota.leads_per_week")

    @property
    def attendance_ok(self) -> bool:
        return self.rate is not None and self.rate >= self.minimum - 1e-9

    @property
    def leads_ok(self) -> bool:
        return self.per_week is not None and self.per_week >= self.quota - 1e-9

    @property
    def standing(self) -> str:
        if self.traffic is not None:
            return str(self.traffic.light)
        if not self.counted:
            return "NEW"
        assert self.rate is not None and self.per_week is not None
        if self.rate < self.minimum - 1e-9 or self.per_week < self.quota / 2 - 1e-9:
            return "RED"
        if self.attendance_ok and self.leads_ok and not self.overdue:
            return "GREEN"
        return "AMBER"

    def as_json(self) -> dict[str, Any]:
        data = self._as_json()
        if self.traffic is not None:
            data["traffic"] = self.traffic.as_json()
        return data

    def _as_json(self) -> dict[str, Any]:
        rate, per_week = self.rate, self.per_week
        return {
            "member": {
                "id": self.member.id,
                "name": self.member.name,
                "category": self.member.category,
            },
            "as_of": self.as_of.isoformat(),
            "window": {
                "start": self.start.isoformat(),
                "end": self.end.isoformat(),
                "meetings": len(self.meetings),
            },
            "attendance": {
                "rate": None if rate is None else round(rate, 4),
                "minimum": self.minimum,
                "attended": round(self.attended, 2),
                "counted": self.counted,
                "absences": self.absences,
                "ok": self.attendance_ok,
            },
            "leads": {
                "credits": self.credits,
                "per_week": None if per_week is None else round(per_week, 4),
                "quota": self.quota,
                "ok": self.leads_ok,
            },
            "followups_overdue": len(self.overdue),
            "closed_business": self.closed_cents / 100,
            "standing": self.standing,
            "needs": self.needs,
        }


def window_start(as_of: dt.date, settings: Settings) -> dt.date:
    """The first day of the standing window that ends on ``as_of``."""
    return (
        as_of
        - dt.timedelta(weeks=settings.integer("attendance.window_weeks"))
        + dt.timedelta(days=1)
    )


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
    marks: dict[int, dict[dt.date, str]] = defaultdict(dict)
    for r in conn.execute(
        "SELECT meeting, member_id, status FROM attendance WHERE meeting BETWEEN ? AND ?", span
    ):
        marks[r["member_id"]][dt.date.fromisoformat(r["meeting"])] = r["status"]
    given: dict[int, list[dt.date]] = defaultdict(list)
    for r in conn.execute(
        "SELECT giver_id, date FROM leads WHERE date BETWEEN ? AND ? AND verdict <> 'INCOMPLETE' "
        f"AND {leads.LIVE}",
        span,
    ):
        given[r[0]].append(dt.date.fromisoformat(r[1]))
    updates = _update_days(conn, low, as_of) if settings.flag("quota.count_updates") else {}
    received: dict[int, list[leads.Lead]] = defaultdict(list)
    for lead in leads.query(conn, leads.Filters(since=low, until=as_of)):
        if lead.receiver_id is not None:
            received[lead.receiver_id].append(lead)
    closed = _closed(conn, low, as_of)
    late_weight = settings.number("attendance.late_weight")
    result = []
    for member in roster:
        start = max(low, member.joined)
        end = min(as_of, member.left_on) if member.left_on else as_of
        days = [d for d in meeting_days if start <= d <= end]
        mine = {d: marks[member.id].get(d, "unrecorded") for d in days}
        weighted = [
            late_weight if s == "late" else CREDIT.get(s, 0.0)
            for s in mine.values()
            if s != "medical"
        ]
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
                attended=sum(weighted),
                counted=len(weighted),
                absences=sum(1 for s in mine.values() if s in ("absent", "unrecorded")),
                credit_days=sorted(credit_days),
                overdue=overdue,
                closed_cents=closed_cents,
                settings=settings,
            )
        )
    from leadcli import needs

    for standing in result:
        standing.needs = needs.needs(standing, moment)
    if settings.text("standing.scheme") == "traffic-lights":
        from leadcli import traffic

        traffic.apply(conn, settings, result)
    return result


def _update_days(conn: sqlite3.Connection, low: dt.date, high: dt.date) -> dict[int, list[dt.date]]:
    """Days on which each member logged an update on a lead they received."""
    kinds = ", ".join(f"'{k}'" for k in pipeline.UPDATE_KINDS)
    rows = conn.execute(
        "SELECT l.receiver_id, substr(e.at, 1, 10) FROM lead_events e JOIN leads l ON l.id = e.lead_id "
        f"WHERE e.at >= ? AND e.at < ? AND e.kind IN ({kinds}) AND l.receiver_id IS NOT NULL "
        f"AND {leads.LIVE}",
        [low.isoformat(), (high + dt.timedelta(days=1)).isoformat()],
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
    conn: sqlite3.Connection, low: dt.date, high: dt.date
) -> list[tuple[int, dt.date, int]]:
    """(receiver, day, cents) of the leads won between two days."""
    rows = conn.execute(
        "SELECT receiver_id, substr(closed_at, 1, 10), amount_cents FROM leads "
        "WHERE closed_at >= ? AND closed_at < ? AND status = 'won' AND receiver_id IS NOT NULL "
        f"AND {leads.LIVE}",
        [low.isoformat(), (high + dt.timedelta(days=1)).isoformat()],
    )
    return [(r[0], dt.date.fromisoformat(r[1]), r[2] or 0) for r in rows]
