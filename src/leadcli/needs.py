"""What a member needs to do, in sentences they can act on."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from leadcli import meetings, pipeline
from leadcli.words import plural

if TYPE_CHECKING:
    from leadcli.standing import Standing

EPSILON = 1e-9


def next_meeting(standing: Standing) -> dt.date:
    """The first regular meeting day after the as-of date."""
    weekday = standing.settings.meeting_weekday
    return meetings.regular_day(weekday, standing.as_of) + dt.timedelta(days=7)


def needs(standing: Standing, moment: dt.datetime) -> list[str]:
    if standing.member.left_on is not None and standing.member.left_on < standing.as_of:
        return []
    if not standing.counted:
        return ["no meeting counted yet: standing starts with your first meeting"]
    upcoming = next_meeting(standing)
    leads_needed, attendance_needed = _leads(standing, upcoming), _attendance(standing)
    # The first need is the one shown in tables: below the attendance minimum, that comes first.
    first, second = (
        (attendance_needed, leads_needed)
        if not standing.attendance_ok
        else (leads_needed, attendance_needed)
    )
    return [
        *first,
        *second,
        *_leaving(standing, upcoming),
        *_followups(standing),
    ]


def _leads(standing: Standing, upcoming: dt.date) -> list[str]:
    """Credits needed by the next meeting, counting the window as it will be then."""
    quota = standing.quota
    if quota <= 0:
        return []
    weeks = standing.settings.integer("attendance.window_weeks")
    first_kept = upcoming - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)
    meetings_then = sum(1 for d in standing.meetings if d >= first_kept) + 1
    kept = sum(1 for d in standing.credit_days if d >= first_kept)
    short = math.ceil(quota * meetings_then - kept - EPSILON)
    if short <= 0:
        return []
    # At or above the quota now, the leads keep it after the next meeting.
    keeping = standing.per_week is not None and standing.per_week >= quota - EPSILON
    verb = "stay at" if keeping else "reach"
    return [f"{plural(short, 'more lead')} by {upcoming} to {verb} {quota:.1f} a week"]


def _attendance(standing: Standing) -> list[str]:
    minimum, rate = standing.minimum, standing.rate
    if minimum <= 0 or rate is None:
        return []
    percent = f"{minimum:.0%}"
    if rate < minimum - EPSILON:
        if minimum >= 1:
            return [
                f"attend every meeting: you are below {percent} until your absences leave the window"
            ]
        needed = math.ceil(
            (minimum * standing.counted - standing.attended) / (1 - minimum) - EPSILON
        )
        return [f"attend the next {plural(needed, 'meeting')} to get back to {percent}"]
    spare = math.floor(standing.attended / minimum - standing.counted + EPSILON)
    relief = _next_absence_leaving(standing)
    before = f" before {relief}" if relief else ""
    if spare == 0:
        return [f"one more absence{before} drops you below {percent}"]
    if spare <= 2:
        return [f"{plural(spare + 1, 'more absence')}{before} drop you below {percent}"]
    return []


def _next_absence_leaving(standing: Standing) -> dt.date | None:
    """The first meeting at which one of the window's absences drops out of it."""
    weeks = standing.settings.integer("attendance.window_weeks")
    absences = [d for d, s in sorted(standing.marks.items()) if s in ("absent", "unrecorded")]
    if not absences:
        return None
    leaves = absences[0] + dt.timedelta(weeks=weeks)
    return meetings.regular_day(standing.settings.meeting_weekday, leaves + dt.timedelta(days=6))


def _leaving(standing: Standing, upcoming: dt.date) -> list[str]:
    weeks = standing.settings.integer("attendance.window_weeks")
    first_kept = upcoming - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)
    leaving = [d for d in standing.meetings if d < first_kept]
    return [
        f"the meeting of {day} leaves your window next week ({_was(standing.marks.get(day))})"
        for day in leaving
    ]


def _was(status: str | None) -> str:
    return {
        "present": "you were there",
        "late": "you were late",
        "substitute": "you sent a substitute",
        "medical": "medical leave",
        "absent": "you were absent",
    }.get(status or "", "not recorded")


def _followups(standing: Standing) -> list[str]:
    lines = []
    for lead in standing.overdue[:3]:
        due = pipeline.due(lead, standing.settings)
        lines.append(
            f"call {lead.prospect} (lead #{lead.id}): the follow-up was due {due:%Y-%m-%d %H:%M}"
        )
    if len(standing.overdue) > 3:
        lines.append(f"and {plural(len(standing.overdue) - 3, 'more overdue follow-up')}")
    return lines
