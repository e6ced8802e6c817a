"""What a member needs to do, most urgent first, in sentences they can act on (SPEC 5.2).

Overdue calls come first (by prospect and lead), then the absences left before the attendance
minimum, then the leads to reach the quota by the next meeting; a meeting leaving the window is
named only when its leaving changes the standing or a need.
"""

from __future__ import annotations

import datetime as dt
import math

from leadcli import clock, pipeline
from leadcli.record import replace
from leadcli.scorecard import Standing, tally
from leadcli.words import plural, the_next

EPSILON = 1e-9
CALLS_SHOWN = 3


def next_meeting(standing: Standing) -> dt.date:
    """The first regular meeting day after the as-of date."""
    weekday = standing.settings.meeting_weekday
    return clock.regular_day(weekday, standing.as_of) + dt.timedelta(days=7)


def first_kept(standing: Standing, upcoming: dt.date) -> dt.date:
    """The first day still in the window at the next meeting."""
    weeks = standing.settings.integer("attendance.window_weeks")
    return upcoming - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)


def needs(standing: Standing, moment: dt.datetime) -> list[str]:
    if standing.member.away(standing.as_of):  # left by then, or not yet back
        return []
    calls = _calls(standing, moment)
    if standing.is_new:
        seen = len(standing.meetings)
        return [
            *calls,
            f"new member: standing counts from your {_ordinal(standing.new_meetings)} meeting "
            f"({plural(seen, 'meeting')} so far)",
        ]
    upcoming = next_meeting(standing)
    return [
        *calls,
        *_attendance(standing),
        *_leads(standing, upcoming),
        *_leaving(standing, upcoming),
    ]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _calls(standing: Standing, moment: dt.datetime) -> list[str]:
    """The overdue calls, oldest due first: whom to call, which lead, since when."""
    overdue = sorted(
        standing.overdue, key=lambda lead: (pipeline.due(lead, standing.settings), lead.id)
    )
    lines = []
    for lead in overdue[:CALLS_SHOWN]:
        who = lead.contact or lead.company
        if not who:
            who = lead.giver if lead.type == "member-need" else lead.prospect
        due = pipeline.due(lead, standing.settings)
        lines.append(f"call {who} (lead #{lead.id}), due since {_since(due, moment)}")
    if len(overdue) > CALLS_SHOWN:
        lines.append(f"and {plural(len(overdue) - CALLS_SHOWN, 'more overdue call')}")
    return lines


def _since(due: dt.datetime, moment: dt.datetime) -> str:
    """A due moment as people say it: the time today, the weekday within a week, else the date."""
    days = (moment.date() - due.date()).days
    if days <= 0:
        return f"{due:%H:%M} today"
    if days < 7:
        return f"{due:%A}"
    return f"{due:%Y-%m-%d}"


def _leads(standing: Standing, upcoming: dt.date) -> list[str]:
    """Credits needed by the next meeting, counting the window as it will be then."""
    quota = standing.quota
    if quota <= 0:
        return []
    kept_from = first_kept(standing, upcoming)
    meetings_then = sum(1 for d in standing.meetings if d >= kept_from) + 1
    kept = sum(1 for d in standing.credit_days if d >= kept_from)
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
        return [f"attend {the_next(needed, 'meeting')} to get back to {percent}"]
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
    return clock.regular_day(standing.settings.meeting_weekday, leaves + dt.timedelta(days=6))


def _leaving(standing: Standing, upcoming: dt.date) -> list[str]:
    """The meetings leaving the window next week, named only when that changes something."""
    kept_from = first_kept(standing, upcoming)
    leaving = [d for d in standing.meetings if d < kept_from]
    if not leaving:
        return []
    after = _without(standing, kept_from)
    if after.standing == standing.standing and _attendance(after) == _attendance(standing):
        return []
    return [
        f"the meeting of {day} leaves your window next week ({_was(standing.marks.get(day))})"
        for day in leaving
    ]


def _without(standing: Standing, kept_from: dt.date) -> Standing:
    """The standing with the meetings before ``kept_from`` gone from the window."""
    marks = {d: s for d, s in standing.marks.items() if d >= kept_from}
    attended, counted, absences = tally(marks, standing.settings.number("attendance.late_weight"))
    return replace(
        standing,
        meetings=[d for d in standing.meetings if d >= kept_from],
        marks=marks,
        attended=attended,
        counted=counted,
        absences=absences,
        credit_days=[d for d in standing.credit_days if d >= kept_from],
        needs=[],
    )


def _was(status: str | None) -> str:
    return {
        "present": "you were there",
        "late": "you were late",
        "substitute": "you sent a substitute",
        "medical": "medical leave",
        "absent": "you were absent",
    }.get(status or "", "not recorded")
