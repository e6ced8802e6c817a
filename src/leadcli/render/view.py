"""What the weekly report says, once, as plain rows and lines: every format renders this."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from leadcli import leads, pipeline, travel
from leadcli.checking import shortfalls
from leadcli.words import plural


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    numeric: set[str] = field(default_factory=set)
    # Column name -> "verdict" or "standing": the cell holds that word and is colored by it.
    styled: dict[str, str] = field(default_factory=dict)


@dataclass
class Section:
    title: str
    lines: list[str]
    table: Table | None = None
    empty: str = ""


@dataclass
class View:
    title: str
    subtitle: str
    attention: list[str]
    sections: list[Section]


def money(cents: int | float | None) -> str:
    if cents is None:
        return ""
    return f"${cents / 100:,.2f}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def build(weekly: Any) -> View:
    start, end = weekly.start, weekly.end
    subtitle = f"Meeting week {start:%a} {start} to {end:%a} {end}"
    if weekly.in_progress:
        subtitle += f" (in progress, as of {weekly.as_of})"
    return View(
        title=f"{weekly.group}: weekly report",
        subtitle=subtitle,
        attention=weekly.attention,
        sections=[
            _attendance(weekly),
            _leads(weekly),
            _followups(weekly),
            _closed(weekly),
            _members(weekly),
            *_chapter(weekly),
            _sources(weekly),
            research_section(weekly),
            _thanks(weekly),
            _owed(weekly),
            _openings(weekly),
            _travel(weekly),
        ],
    )


def _attendance(weekly: Any) -> Section:
    if weekly.holiday:
        return Section("Attendance", ["Holiday: no meeting this week."])
    summary = weekly.summary
    if summary is None or not weekly.recorded:
        day = summary.date if summary else weekly.start
        return Section(
            "Attendance",
            [
                f"No attendance recorded for the meeting of {day:%A} {day} "
                f"(record it with: leadcli member attend --date {day})"
            ],
        )
    counts = summary.counts
    parts = [
        f"{counts.get(s, 0)} {s}" for s in ("present", "late", "substitute", "medical", "absent")
    ]
    lines = [
        f"Meeting of {summary.date:%A} {summary.date}: {percent(summary.rate)} "
        f"({', '.join(parts)}, {summary.not_recorded} not recorded)"
    ]
    if weekly.absent:
        lines.append("Absent: " + ", ".join(weekly.absent))
    if weekly.not_recorded:
        lines.append("Not recorded: " + ", ".join(weekly.not_recorded))
    return Section("Attendance", lines)


def _leads(weekly: Any) -> Section:
    verdicts = Counter(check.verdict for _, check in weekly.leads)
    types = Counter(lead.type for lead, _ in weekly.leads)
    count = len(weekly.leads)
    lines = [f"{plural(count, 'lead')} given"]
    if count:
        lines[0] += ": " + ", ".join(f"{verdicts[v]} {v}" for v in leads.VERDICTS if verdicts[v])
        lines.append("By type: " + ", ".join(f"{types[t]} {t}" for t in leads.TYPES if types[t]))
    rows = [
        [
            f"#{lead.id}",
            check.verdict,
            str(check.score),
            leads.fit_label(check.fit),
            lead.type,
            f"{lead.giver} → {lead.receiver or 'the room'}",
            lead.prospect,
            " ".join(r.code for r in shortfalls(check)),
        ]
        for lead, check in weekly.leads
    ]
    table = Table(
        ["lead", "verdict", "score", "fit", "type", "from → to", "prospect", "to improve"],
        rows,
        numeric={"score"},
        styled={"verdict": "verdict"},
    )
    return Section("Leads", lines, table if rows else None)


def _followups(weekly: Any) -> Section:
    rows = [
        [
            f"#{lead.id}",
            lead.receiver or "",
            lead.prospect,
            lead.giver,
            f"{pipeline.due(lead, weekly.settings):%Y-%m-%d %H:%M}",
        ]
        for lead in weekly.overdue
    ]
    table = Table(["lead", "receiver", "prospect", "from", "due"], rows)
    return Section(
        "Follow-ups overdue",
        [],
        table if rows else None,
        empty="None: every lead was called in time.",
    )


def _closed(weekly: Any) -> Section:
    lines = [
        f"This week {money(weekly.closed_week_cents)}; year to date {money(weekly.closed_ytd_cents)}"
    ]
    rows = [
        [f"#{lead.id}", lead.receiver or "", lead.prospect, money(lead.amount_cents)]
        for lead in weekly.closed
    ]
    table = Table(["lead", "closed by", "prospect", "amount"], rows, numeric={"amount"})
    return Section("Closed business", lines, table if rows else None)


def standings_table(standings: Any) -> Table:
    """One row a member: attendance, leads a week, overdue follow-ups, closed business, standing."""
    if any(s.traffic is not None for s in standings):
        return traffic_table(standings)
    rows = []
    for s in standings:
        per_week = "-" if s.per_week is None else f"{s.per_week:.2f}"
        rows.append(
            [
                s.member.name,
                s.member.category,
                percent(s.rate),
                per_week,
                str(len(s.overdue)),
                money(s.closed_cents),
                s.standing,
                s.needs[0] if s.needs else "",
            ]
        )
    columns = [
        "member",
        "category",
        "attendance",
        "leads/week",
        "overdue",
        "closed",
        "standing",
        "next step",
    ]
    return Table(
        columns,
        rows,
        numeric={"attendance", "leads/week", "overdue", "closed"},
        styled={"standing": "standing"},
    )


def traffic_table(standings: Any) -> Table:
    """One row a member under traffic lights: the components that move most, points, light."""
    rows = []
    for s in standings:
        parts = {c.kind.name: c for c in s.traffic.components}
        rows.append(
            [
                s.member.name,
                s.member.category,
                f"{parts['absences'].count:g}",
                f"{parts['referrals'].value:.2f}",
                f"{parts['visitors'].value:.2f}",
                f"{parts['testimonials'].count:g}",
                f"{parts['ceus'].count:g}",
                money(parts["closed_business"].count * 100),
                str(s.traffic.points),
                s.standing,
                s.needs[0] if s.needs else "",
            ]
        )
    columns = [
        "member",
        "category",
        "absent",
        "referrals/week",
        "visitors/week",
        "testimonials",
        "CEUs",
        "closed",
        "traffic",
        "light",
        "next step",
    ]
    numeric = {"absent", "referrals/week", "visitors/week", "testimonials", "CEUs", "closed"}
    return Table(columns, rows, numeric=numeric | {"traffic"}, styled={"light": "standing"})


STANDING_WORDS = ("GREEN", "AMBER", "RED", "GREY", "NEW")


def standings_tally(standings: Any) -> str:
    tally = Counter(s.standing for s in standings)
    return ", ".join(f"{tally[w]} {w}" for w in STANDING_WORDS if tally[w])


def _members(weekly: Any) -> Section:
    line = standings_tally(weekly.standings)
    table = standings_table(weekly.standings)
    return Section(
        "Members",
        [line] if line else [],
        table if table.rows else None,
        empty="No members on the roll.",
    )


def _chapter(weekly: Any) -> list[Section]:
    """By traffic lights: the share of members at each light now against four weeks before."""
    chapter = getattr(weekly, "chapter", None)
    if chapter is None:
        return []
    now, before = chapter.shares(chapter.now), chapter.shares(chapter.before)
    rows = []
    for light in ("GREEN", "AMBER", "RED", "GREY"):
        change = ""
        if now[light] is not None and before[light] is not None:
            points = round((now[light] - before[light]) * 100)
            change = f"{points:+d} pts" if points else "same"
        rows.append(
            [
                light,
                str(chapter.now[light]),
                percent(now[light]),
                str(chapter.before[light]),
                percent(before[light]),
                change,
            ]
        )
    table = Table(
        ["light", "members", "share", "4 weeks ago", "then", "change"],
        rows,
        numeric={"members", "share", "4 weeks ago", "then"},
        styled={"light": "standing"},
    )
    line = f"Members per light as of {chapter.as_of}, against {chapter.before_as_of}"
    return [Section("Chapter traffic lights", [line], table)]


def _sources(weekly: Any) -> Section:
    report = weekly.sources
    lines = [report.heading]
    rows = []
    for row in report.rows:
        now, before = row.current, row.previous
        rows.append(
            [
                row.key,
                str(now.leads),
                str(now.won),
                str(now.lost),
                str(now.open),
                percent(now.conversion),
                money(now.amount_cents),
                percent(before.conversion),
                row.trend,
            ]
        )
    falling = [row.key for row in report.rows if row.trend == "falling"]
    if falling:
        lines.append("Converting far less than before: " + ", ".join(falling))
    table = Table(
        ["source", "leads", "won", "lost", "open", "conversion", "amount", "before", "trend"],
        rows,
        numeric={"leads", "won", "lost", "open", "conversion", "amount", "before"},
    )
    return Section("Lead sources", lines, table if rows else None, empty="No leads in the period.")


def research_table(weekly: Any) -> Table:
    rows = [
        [
            f"#{w.lead.id}",
            w.lead.date.isoformat(),
            plural(w.days, "day"),
            w.lead.giver,
            w.lead.receiver or "the room",
            w.lead.prospect,
        ]
        for w in weekly.research
    ]
    return Table(["lead", "given", "waiting", "ask (giver)", "for", "prospect"], rows)


def research_section(weekly: Any) -> Section:
    table = research_table(weekly)
    lines = [
        f"{plural(len(table.rows), 'INCOMPLETE lead')} "
        "of any week, oldest first: the giver is asked for what is missing"
    ]
    return Section(
        "Research queue",
        lines if table.rows else [],
        table if table.rows else None,
        empty="None: every lead is complete.",
    )


def _thanks(weekly: Any) -> Section:
    rows = [
        [
            f"#{t.lead.id}",
            t.lead.receiver or "",
            t.lead.giver,
            money(t.lead.amount_cents),
            t.lead.prospect,
        ]
        for t in weekly.thanks
    ]
    table = Table(["lead", "who thanks", "whom", "for", "prospect"], rows, numeric={"for"})
    return Section(
        "Thanks due at the next meeting",
        ["Leads won this meeting week: the receiver thanks the giver."] if rows else [],
        table if rows else None,
        empty="None: no lead was won this week.",
    )


def _owed(weekly: Any) -> Section:
    weeks = weekly.settings.integer("followup.update_weeks")
    rows = [
        [
            f"#{o.lead.id}",
            o.lead.receiver or "",
            o.lead.giver,
            o.lead.status,
            plural(o.weeks, "week"),
            o.lead.prospect,
        ]
        for o in weekly.owed
    ]
    table = Table(["lead", "receiver", "owes news to", "status", "no update for", "prospect"], rows)
    return Section(
        "Updates owed",
        [f"Open leads with no update for {plural(weeks, 'week')} or more."] if rows else [],
        table if rows else None,
        empty=f"None: every open lead had an update in the last {plural(weeks, 'week')}.",
    )


def _openings(weekly: Any) -> Section:
    rows = [
        [
            o.category,
            o.sphere or "",
            str(o.unmet_needs),
            str(len(o.applicants)),
            "; ".join(o.reasons),
        ]
        for o in weekly.openings
    ]
    table = Table(
        ["category", "sphere", "unmet", "applicants", "why"], rows, numeric={"unmet", "applicants"}
    )
    return Section(
        "Open categories",
        [],
        table if rows else None,
        empty="None: every contact sphere has two members or more, and nothing is wanted.",
    )


def _travel(weekly: Any) -> Section:
    lines = []
    for lead, stops in weekly.travels:
        where = ", ".join(travel.label(s) for s in stops)
        lines.append(
            f"#{lead.id} won by {lead.receiver} ({lead.prospect}): "
            + (f"may travel to {where}" if where else "no member follows from it yet")
        )
    empty = "" if lines else "No lead was won this week."
    return Section("Where this week's wins may travel", lines, empty=empty)
