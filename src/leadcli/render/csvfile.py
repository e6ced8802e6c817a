"""The weekly report's member table as CSV, formula-safe."""

from __future__ import annotations

import csv
import io
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
)


def render(weekly: Any, color: bool = False, width: int = 100) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for s in weekly.standings:
        data = s.as_json()
        writer.writerow(
            safe_cell(v)
            for v in (
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
            )
        )
    return out.getvalue()
