"""What the lead commands share in print: a lead in one line, its dates as understood, its check."""

from __future__ import annotations

from typing import Any

from leadcli import checking, console, leads
from leadcli.words import plural


def say_dates(lead: leads.Lead, fields: Any) -> None:
    """The heard and decision dates as understood ("mon" is Monday 2026-11-16)."""
    labels = {"heard": "heard of it", "decision": "decision expected"}
    dates = [
        f"{labels[f]} {day:%A} {day}"
        for f in ("heard", "decision")
        if f in fields and (day := getattr(lead, f)) is not None
    ]
    if dates:
        line = "; ".join(dates) + "."
        console.say(line[0].upper() + line[1:])


def summary(lead: leads.Lead) -> str:
    to = f" → {lead.receiver}" if lead.receiver else " → the whole room"
    return f"{lead.type}, {lead.giver}{to}: {lead.prospect}"


def print_check(
    lead: leads.Lead, check: Any, *, brief: bool = False, reviewed: bool = False
) -> None:
    """The verdict, then the rules that fell short: a table, or (``brief``) a line each, or
    (``reviewed``: they were just shown on the slip before it was saved) their count."""
    out = console.out()
    if lead.voided_at is not None:
        line = console.verdict("VOID")
        line.append(console.literal(f" — {lead.void_reason}; counted nowhere"))
        out.print(line)
        return
    line = console.text("")
    line.append_text(console.verdict(check.verdict))
    if check.verdict == "INCOMPLETE":
        line.append(" — needs research before publication", style="red")
        line.append(f" (score {check.score}, status {lead.status})")
    else:
        line.append(f"  score {check.score}/100, publishable")
    if check.fit in ("sweet-spot", "off-target"):
        line.append("  ")
        line.append_text(console.fit(check.fit))
    out.print(line)
    failed = checking.shortfalls(check)
    if not failed:
        console.say("Every rule passed.")
        return
    if reviewed:
        unmet = plural(len(failed), "rule")
        console.say(
            f"{unmet} not met, as the slip showed; the reasons: leadcli lead check {lead.id}"
        )
        return
    if brief:
        console.emit(_brief(failed))
        if lead.status not in ("won", "lost"):
            console.say(
                f"How to fix each: leadcli lead check {lead.id}; "
                f"then leadcli lead edit {lead.id} --OPTION VALUE"
            )
        return
    grid = console.table("code", "rule", "result", "points", "why", "what to do")
    for result in failed:
        points = f"{result.points}/{result.max_points}" if result.max_points else "-"
        grid.add_row(
            console.text(result.code),
            console.text(result.name),
            console.text(result.status, console.STATUS_STYLES.get(result.status, "")),
            console.text(points),
            console.text(result.message),
            console.text(result.hint or ""),
        )
    out.print(grid)
    if lead.status not in ("won", "lost"):
        console.say(f"Fix or complete it with: leadcli lead edit {lead.id} --OPTION VALUE")


def _brief(failed: list[Any]) -> Any:
    """A line per rule: code, name, result, reason, and the options that would fix it."""
    import re

    for result in failed:
        points = f"{result.points}/{result.max_points}" if result.max_points else result.status
        options = list(dict.fromkeys(re.findall(r"--[a-z][a-z-]*(?: #?\d+\b)?", result.hint or "")))
        yield [
            (f"  {result.code} {result.name} ", ""),
            (points, console.STATUS_STYLES.get(result.status, "")),
            (f": {result.message}", ""),
            (f" ({', '.join(options)})" if options else "", "dim"),
        ]
