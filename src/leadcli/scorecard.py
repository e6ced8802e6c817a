"""A member's standing as figures (SPEC 5.2): the window, its meetings, credits and the verdict.

Below both the computing of standings (standing.py) and the needs read from them (needs.py).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from leadcli.members import Member
from leadcli.record import Record
from leadcli.settings import Settings

if TYPE_CHECKING:
    from leadcli.lead_record import Lead

CREDIT = {"present": 1.0, "substitute": 1.0, "absent": 0.0}


def tally(marks: dict[dt.date, str], late_weight: float) -> tuple[float, int, int]:
    """Attended (weighted), meetings counted (medical leave excluded) and absences of the marks."""
    weighted = [
        late_weight if s == "late" else CREDIT.get(s, 0.0) for s in marks.values() if s != "medical"
    ]
    absences = sum(1 for s in marks.values() if s in ("absent", "unrecorded"))
    return sum(weighted), len(weighted), absences


class Standing(Record):
    __slots__ = (
        "member",
        "as_of",
        "start",
        "end",
        "meetings",
        "marks",
        "attended",
        "counted",
        "absences",
        "credit_days",
        "overdue",
        "closed_cents",
        "settings",
        "needs",
        "traffic",
    )

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
    overdue: list[Lead]
    closed_cents: int
    settings: Settings
    needs: list[str]
    # Set under ``standing.scheme = traffic-lights``: the points and the light (traffic.py).
    traffic: Any

    def __init__(
        self,
        member: Member,
        as_of: dt.date,
        start: dt.date,
        end: dt.date,
        meetings: list[dt.date],
        marks: dict[dt.date, str],
        attended: float,
        counted: int,
        absences: int,
        credit_days: list[dt.date],
        overdue: list[Lead],
        closed_cents: int,
        settings: Settings,
        needs: list[str] | None = None,
        traffic: Any = None,
    ) -> None:
        self.member = member
        self.as_of = as_of
        self.start = start
        self.end = end
        self.meetings = meetings
        self.marks = marks
        self.attended = attended
        self.counted = counted
        self.absences = absences
        self.credit_days = credit_days
        self.overdue = overdue
        self.closed_cents = closed_cents
        self.settings = settings
        self.needs = [] if needs is None else needs
        self.traffic = traffic

    __hash__ = None  # type: ignore[assignment]  # filled in after it is made

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
    def new_meetings(self) -> int:
        return self.settings.integer("standing.new_meetings")

    @property
    def is_new(self) -> bool:
        """On the roll for fewer than ``standing.new_meetings`` meetings of the window (medical
        leave counts as a meeting on the roll: it does not make a member new again)."""
        return len(self.meetings) < self.new_meetings

    @property
    def standing(self) -> str:
        if self.traffic is not None:
            return str(self.traffic.light)
        if self.is_new:
            return "NEW"
        per_week = self.per_week or 0.0
        below = self.rate is not None and self.rate < self.minimum - 1e-9
        if below or per_week < self.quota / 2 - 1e-9:
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
