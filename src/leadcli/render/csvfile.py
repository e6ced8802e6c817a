"""The weekly report as CSV, one table a file (``--section``), formula-safe.

Sections: members (the default: each member's standing), leads (the week's leads), attendance
(each member's mark at the week's meeting), sources (lead sources by outcome) and research (the
research queue).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from leadcli.sheets import safe_cell
from leadcli.transfer.cells import join_list

COLUMNS = (
    "member",
    "category",
    "standing",
    "attendance_rate",
    "attended",
    "counted",
    "absences",
    "lead_credits",
    "leads_per_week",
    "quota",
    "followups_overdue",
    "closed_business",
    "needs",
    "traffic_points",
)


def render(weekly: Any, color: bool = False, width: int = 100, section: str = "members") -> str:
    columns, rows = SECTIONS[section](weekly)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(safe_cell(v) for v in row)
    return out.getvalue()


Rows = tuple[Sequence[str], Iterable[Sequence[Any]]]


def members(weekly: Any) -> Rows:
    return COLUMNS, (_member_row(s) for s in weekly.standings)


def _member_row(s: Any) -> Sequence[Any]:
    data = s.as_json()
    return (
        s.member.name,
        s.member.category,
        data["standing"],
        data["attendance"]["rate"],
        data["attendance"]["attended"],
        data["attendance"]["counted"],
        data["attendance"]["absences"],
        data["leads"]["credits"],
        data["leads"]["per_week"],
        data["leads"]["quota"],
        data["followups_overdue"],
        f"{data['closed_business']:.2f}",
        join_list(data["needs"]),
        data["traffic"]["points"] if "traffic" in data else "",
    )


def leads(weekly: Any) -> Rows:
    columns = (
        "id", "date", "type", "giver", "receiver", "company", "contact", "prospect",
        "verdict", "score", "status", "failed",
    )  # fmt: skip
    return columns, (
        (
            item["id"],
            item["date"],
            item["type"],
            item["giver"],
            item["receiver"] or "",
            item["company"] or "",
            item["contact"] or "",
            item["prospect"],
            item["verdict"],
            item["score"],
            item["status"],
            " ".join(item["failed"]),
        )
        for item in (weekly.lead_item(lead, check) for lead, check in weekly.leads)
    )


def attendance(weekly: Any) -> Rows:
    """Each member on the roll and their mark at the week's meeting (none on a holiday)."""
    day = weekly.meeting
    if day is None or weekly.holiday:
        return ("meeting", "member", "status"), ()
    rows = []
    for s in weekly.standings:
        if s.member.on_roll(day):
            status = s.marks.get(day, "unrecorded")
            rows.append((day.isoformat(), s.member.name, _mark_word(status)))
    return ("meeting", "member", "status"), rows


def _mark_word(status: str) -> str:
    return "not recorded" if status == "unrecorded" else status


def sources(weekly: Any) -> Rows:
    columns = (
        "source", "leads", "won", "lost", "open", "conversion", "amount",
        "previous_leads", "previous_won", "previous_lost", "previous_open",
        "previous_conversion", "previous_amount", "trend",
    )  # fmt: skip
    rows = []
    for row in weekly.sources.rows:
        now, before = row.current.as_json(), row.previous.as_json()
        keys = ("leads", "won", "lost", "open", "conversion")
        rows.append(
            (
                row.key,
                *(now[k] for k in keys),
                f"{now['amount']:.2f}",
                *(before[k] for k in keys),
                f"{before['amount']:.2f}",
                row.trend,
            )
        )
    return columns, rows


def research(weekly: Any) -> Rows:
    columns = ("id", "date", "giver", "receiver", "prospect", "waiting_days")
    return columns, (
        (
            w.lead.id,
            w.lead.date.isoformat(),
            w.lead.giver,
            w.lead.receiver or "",
            w.lead.prospect,
            w.days,
        )
        for w in weekly.research
    )


SECTIONS: dict[str, Callable[[Any], Rows]] = {
    "members": members,
    "leads": leads,
    "attendance": attendance,
    "sources": sources,
    "research": research,
}
