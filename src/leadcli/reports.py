"""The weekly report (SPEC 5.3): every figure bounded by the meeting week and the standing window."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from leadcli import (
    categories,
    checking,
    leads,
    meetings,
    members,
    pipeline,
    queues,
    sources,
    standing,
    travel,
)
from leadcli.errors import BadInput, NotFound
from leadcli.settings import Settings
from leadcli.words import plural

TREND_MEETINGS = 12


@dataclass
class Weekly:
    group: str
    start: dt.date
    end: dt.date
    meeting: dt.date | None
    recorded: bool
    holiday: bool
    in_progress: bool
    as_of: dt.date
    summary: meetings.MeetingSummary | None
    absent: list[str]
    not_recorded: list[str]
    leads: list[tuple[leads.Lead, Any]]
    overdue: list[leads.Lead]
    closed: list[leads.Lead]
    closed_week_cents: int
    closed_ytd_cents: int
    standings: list[standing.Standing]
    sources: sources.SourceReport
    attendance_trend: list[tuple[dt.date, float | None]]
    lead_trend: list[tuple[dt.date, dict[str, int]]]
    settings: Settings
    research: list[queues.Waiting]
    thanks: list[queues.Thanks]
    owed: list[queues.Owed]
    # By traffic lights: the share of members at each light now and four weeks before.
    chapter: Any = None
    # The categories most worth recruiting, and where each lead won this week may travel next.
    openings: list[Any] = field(default_factory=list)
    travels: list[tuple[leads.Lead, list[Any]]] = field(default_factory=list)

    @property
    def attention(self) -> list[str]:
        """What needs the secretary: INCOMPLETE leads, attendance not recorded, overdue follow-ups, RED members."""
        reasons = []
        incomplete = sorted(
            {lead.id for lead, check in self.leads if check.verdict == "INCOMPLETE"}
            | {waiting.lead.id for waiting in self.research}
        )
        if incomplete:
            reasons.append(
                f"{plural(len(incomplete), 'INCOMPLETE lead')} "
                + ("needs" if len(incomplete) == 1 else "need")
                + " research: "
                + ", ".join(f"#{i}" for i in incomplete[:8])
                + (f" and {len(incomplete) - 8} more" if len(incomplete) > 8 else "")
            )
        if self.meeting is None and not self.holiday:
            reasons.append(f"no meeting recorded in the week of {self.start}")
        elif not self.recorded:
            reasons.append(f"no attendance recorded for the meeting of {self.meeting}")
        elif self.summary is not None and self.summary.not_recorded:
            reasons.append(
                f"attendance not recorded for {plural(self.summary.not_recorded, 'member')}"
            )
        if self.overdue:
            reasons.append(plural(len(self.overdue), "overdue follow-up"))
        from leadcli.traffic import ATTENTION  # RED, and by traffic lights GREY

        for light in ATTENTION:
            names = [s.member.name for s in self.standings if s.standing == light]
            if names:
                reasons.append(f"{plural(len(names), 'member')} {light}: " + ", ".join(names))
        return reasons

    def lead_item(self, lead: leads.Lead, check: Any) -> dict[str, Any]:
        return {
            "id": lead.id,
            "date": lead.date.isoformat(),
            "type": lead.type,
            "giver": lead.giver,
            "receiver": lead.receiver,
            "prospect": lead.prospect,
            "company": lead.company,
            "contact": lead.contact,
            "verdict": check.verdict,
            "score": check.score,
            "fit": check.fit,
            "status": lead.status,
            "failed": [r.code for r in checking.shortfalls(check)],
        }

    def overdue_item(self, lead: leads.Lead) -> dict[str, Any]:
        return {
            "id": lead.id,
            "date": lead.date.isoformat(),
            "receiver": lead.receiver,
            "giver": lead.giver,
            "prospect": lead.prospect,
            "due": pipeline.due(lead, self.settings).isoformat(),
        }

    def as_json(self) -> dict[str, Any]:
        counts = self.summary.counts if self.summary else {}
        rate = self.summary.rate if self.summary else None
        verdicts = Counter(check.verdict for _, check in self.leads)
        types = Counter(lead.type for lead, _ in self.leads)
        return {
            "group": self.group,
            "week": {
                "start": self.start.isoformat(),
                "end": self.end.isoformat(),
                "meeting": self.meeting.isoformat() if self.meeting else None,
                "recorded": self.recorded,
                "holiday": self.holiday,
                "in_progress": self.in_progress,
            },
            "attendance": {
                "rate": None if rate is None else round(rate, 4),
                **{
                    s: counts.get(s, 0)
                    for s in ("present", "late", "substitute", "medical", "absent")
                },
                "not_recorded": self.summary.not_recorded if self.summary else 0,
                "absent_names": self.absent,
                "not_recorded_names": self.not_recorded,
            },
            "leads": {
                "count": len(self.leads),
                "by_verdict": {v: verdicts.get(v, 0) for v in leads.VERDICTS},
                "by_type": {t: types.get(t, 0) for t in leads.TYPES},
                "items": [self.lead_item(lead, check) for lead, check in self.leads],
            },
            "followups_overdue": [self.overdue_item(lead) for lead in self.overdue],
            "closed_business": {
                "week": self.closed_week_cents / 100,
                "year_to_date": self.closed_ytd_cents / 100,
                "items": [
                    {
                        "id": lead.id,
                        "receiver": lead.receiver,
                        "prospect": lead.prospect,
                        "amount": lead.amount,
                    }
                    for lead in self.closed
                ],
            },
            "members": [s.as_json() for s in self.standings],
            "sources": [row.as_json() | {"trend": row.trend} for row in self.sources.rows],
            "research": [w.as_json() for w in self.research],
            "thanks_due": [t.as_json() for t in self.thanks],
            "updates_owed": [o.as_json() for o in self.owed],
            "attention": self.attention,
            "openings": [
                {
                    "category": o.category,
                    "unmet_needs": o.unmet_needs,
                    "applicants": len(o.applicants),
                    "sphere": o.sphere,
                    "reasons": list(o.reasons),
                }
                for o in self.openings
            ],
            "travel": [
                {
                    "id": lead.id,
                    "receiver": lead.receiver,
                    "prospect": lead.prospect,
                    "next": [
                        {
                            "member": s.member.name,
                            "category": s.member.category,
                            "spin_offs": s.spin_offs,
                        }
                        for s in stops
                    ],
                }
                for lead, stops in self.travels
            ],
        } | ({"traffic": self.chapter.as_json()} if self.chapter is not None else {})


def first_meeting(conn: sqlite3.Connection) -> dt.date:
    row = conn.execute("SELECT min(date) FROM meetings").fetchone()
    if not row[0]:
        raise NotFound(
            "no meeting is recorded yet (record one with `leadcli member attend` or `meeting add`)"
        )
    return dt.date.fromisoformat(row[0])


def default_week(conn: sqlite3.Connection, settings: Settings, today: dt.date) -> dt.date:
    """The latest regular meeting day on or before today, whether or not anything was recorded."""
    first = first_meeting(conn)
    day = meetings.regular_day(settings.meeting_weekday, today)
    return max(day, leads.week_of(first, settings)[0]) if first <= today else first


def week_note(
    conn: sqlite3.Connection, settings: Settings, day: dt.date, today: dt.date
) -> str | None:
    """Refuse a week before the group's first meeting or not begun yet; a note for a later day."""
    row = conn.execute("SELECT min(date) FROM meetings").fetchone()
    start = leads.week_of(day, settings)[0]
    first = dt.date.fromisoformat(row[0]) if row[0] else None
    if first is not None and start < leads.week_of(first, settings)[0]:
        raise BadInput(f"--week {day} is before the group's first meeting ({first})")
    if start > today:
        raise BadInput(f"--week {day} is after today ({today}): that meeting week has not begun")
    if day > today:
        return f"note: --week {day} is after today; the week so far is reported, as of now"
    return None


def weekly(conn: sqlite3.Connection, settings: Settings, day: dt.date, now: dt.datetime) -> Weekly:
    """The report for the meeting week containing ``day``, as of the end of that week (or now, if
    sooner): a finished week's leads are read as they stood then (asof.py)."""
    start, end = leads.week_of(day, settings)
    week_over = dt.datetime.combine(end, dt.time(23, 59, 59), tzinfo=now.tzinfo)
    if week_over > now:
        return _weekly(conn, settings, day, now)
    from leadcli import asof

    with asof.as_of(conn, week_over):
        return _weekly(conn, settings, day, now)


def _weekly(conn: sqlite3.Connection, settings: Settings, day: dt.date, now: dt.datetime) -> Weekly:
    start, end = leads.week_of(day, settings)
    week_over = dt.datetime.combine(end, dt.time(23, 59, 59), tzinfo=now.tzinfo)
    in_progress = week_over > now
    moment = now.replace(second=0, microsecond=0) if in_progress else week_over
    as_of = moment.date()
    held = meetings.summaries(conn, since=start, until=end)
    regular = [m for m in held if not m.holiday]
    summary = regular[0] if regular else None
    holiday = bool(held) and not regular
    absent, not_recorded = _names(conn, summary)
    week_leads = leads.query(conn, leads.Filters(since=start, until=end))
    checks = checking.check_many(conn, week_leads, settings)
    standings = standing.standings(conn, settings, as_of, moment)
    overdue = sorted(
        {lead.id: lead for s in standings for lead in s.overdue}.values(), key=lambda lead: lead.id
    )
    closed = _won(conn, start, end)
    ytd = _won(conn, dt.date(end.year, 1, 1), end)
    chapter = None
    if settings.text("standing.scheme") == "traffic-lights":
        from leadcli import traffic

        before = as_of - dt.timedelta(weeks=traffic.CHAPTER_WEEKS)
        earlier = moment - dt.timedelta(weeks=traffic.CHAPTER_WEEKS)
        then = standing.standings(conn, settings, before, earlier)
        chapter = traffic.chapter(standings, then, as_of, before)
    return Weekly(
        group=settings.text("group.name"),
        start=start,
        end=end,
        meeting=summary.date if summary else None,
        recorded=holiday or (summary is not None and sum(summary.counts.values()) > 0),
        holiday=holiday,
        in_progress=in_progress,
        as_of=as_of,
        summary=summary,
        absent=absent,
        not_recorded=not_recorded,
        leads=list(zip(week_leads, checks, strict=True)),
        overdue=overdue,
        closed=closed,
        closed_week_cents=sum(lead.amount_cents or 0 for lead in closed),
        closed_ytd_cents=sum(lead.amount_cents or 0 for lead in ytd),
        standings=standings,
        sources=sources.report(conn, "source", *sources.period(end, settings), settings),
        attendance_trend=_attendance_trend(conn, end),
        lead_trend=_lead_trend(conn, start),
        settings=settings,
        research=queues.research(conn, as_of),
        thanks=queues.thanks_due(closed),
        owed=queues.updates_owed(conn, settings, moment),
        chapter=chapter,
        openings=_openings(conn, as_of),
        travels=_travels(conn, closed),
    )


OPENINGS_SHOWN = 5
TRAVEL_SHOWN = 3


def _travels(conn: sqlite3.Connection, won: list[leads.Lead]) -> list[tuple[leads.Lead, list[Any]]]:
    """Where each lead won this week may travel next (the first few members)."""
    if not won:
        return []
    counts = travel.history(conn)
    return [(lead, travel.next_stops(conn, lead, counts)[:TRAVEL_SHOWN]) for lead in won]


def _openings(conn: sqlite3.Connection, as_of: dt.date) -> list[Any]:
    """The top open categories as the group stood at the end of the report's day."""
    return categories.openings([categories.read_group(conn, as_of, as_of=True)])[:OPENINGS_SHOWN]


def _names(
    conn: sqlite3.Connection, summary: meetings.MeetingSummary | None
) -> tuple[list[str], list[str]]:
    if summary is None:
        return [], []
    day = summary.date
    marks = meetings.recorded(conn, day)
    roll = members.on_roll(conn, day)
    absent = [m.name for m in roll if marks.get(m.id) == "absent"]
    missing = [m.name for m in roll if m.id not in marks]
    return absent, missing


def _won(conn: sqlite3.Connection, low: dt.date, high: dt.date) -> list[leads.Lead]:
    return leads.select(
        conn,
        " WHERE l.closed_at >= ? AND l.closed_at < ? AND l.status = 'won' "
        f"AND {leads.LIVE} ORDER BY l.closed_at, l.id",
        [low.isoformat(), (high + dt.timedelta(days=1)).isoformat()],
    )


def _attendance_trend(conn: sqlite3.Connection, end: dt.date) -> list[tuple[dt.date, float | None]]:
    """The head-count rate of the last twelve regular meetings up to ``end``."""
    rows = conn.execute(
        "SELECT date FROM meetings WHERE holiday = 0 AND date <= ? ORDER BY date DESC LIMIT ?",
        [end.isoformat(), TREND_MEETINGS],
    ).fetchall()
    if not rows:
        return []
    first = dt.date.fromisoformat(rows[-1][0])
    return [
        (s.date, s.rate) for s in meetings.summaries(conn, since=first, until=end) if not s.holiday
    ]


def _lead_trend(conn: sqlite3.Connection, start: dt.date) -> list[tuple[dt.date, dict[str, int]]]:
    """Leads per meeting week by verdict, for the twelve weeks ending with this one."""
    first = start - dt.timedelta(weeks=TREND_MEETINGS - 1)
    weeks = [first + dt.timedelta(weeks=i) for i in range(TREND_MEETINGS)]
    counts = {w: {v: 0 for v in leads.VERDICTS} for w in weeks}
    rows = conn.execute(
        "SELECT date, verdict, count(*) FROM leads WHERE date BETWEEN ? AND ? "
        f"AND {leads.LIVE} GROUP BY date, verdict",
        [first.isoformat(), (start + dt.timedelta(days=6)).isoformat()],
    )
    for day, verdict, n in rows:
        offset = (dt.date.fromisoformat(day) - first).days // 7
        if verdict in leads.VERDICTS:
            counts[weeks[offset]][verdict] += n
    return [(w, counts[w]) for w in weeks]
