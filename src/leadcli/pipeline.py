"""After a lead is passed: the follow-up clock, the pipeline to won or lost, closed business."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, Any

from leadcli import clock, parse
from leadcli.errors import BadInput, Conflict
from leadcli.settings import Settings

if TYPE_CHECKING:
    from leadcli.lead_record import Lead

OPEN = ("new", "contacted", "appointment", "proposal")
CLOSED = ("won", "lost")
PIPELINE = (*OPEN, *CLOSED)
# Events a receiver logs on a lead: each week with one earns a quota credit.
UPDATE_KINDS = ("status", "contacted", "amount")


def pipeline_status(text: str) -> str:
    word = text.strip().lower()
    if word not in PIPELINE:
        raise BadInput(f"unknown status {text!r} (use {', '.join(PIPELINE)})")
    return word


def given_at(lead: Lead, settings: Settings) -> dt.datetime:
    """The moment the lead was passed: its meeting's day at the meeting time."""
    start = parse.time_of_day(settings.text("group.meeting_time"))
    return dt.datetime.combine(lead.date, start, tzinfo=settings.tz)


def clock_starts(lead: Lead, settings: Settings) -> dt.datetime:
    """When the receiver can act on the lead: its meeting, or the moment it left research if later."""
    given = given_at(lead, settings)
    if lead.released_at is not None and lead.released_at > given:
        return lead.released_at
    return given


def due(lead: Lead, settings: Settings) -> dt.datetime:
    """When the receiver must have made first contact."""
    return clock_starts(lead, settings) + dt.timedelta(hours=settings.integer("followup.hours"))


def minutes_late(lead: Lead, settings: Settings) -> int | None:
    """How late (positive) or early (negative) the first contact was; None when there was none."""
    if lead.contacted_at is None:
        return None
    return int((lead.contacted_at - due(lead, settings)).total_seconds() // 60)


def is_overdue(lead: Lead, settings: Settings, moment: dt.datetime) -> bool:
    """Received, not contacted, and past due at ``moment``."""
    if lead.receiver_id is None or lead.status in ("research", *CLOSED) or lead.voided_at:
        return False
    if lead.contacted_at is not None and lead.contacted_at <= moment:
        return False
    return moment > due(lead, settings)


def _check_moment(lead: Lead, at: dt.datetime, settings: Settings, now: dt.datetime) -> None:
    start = given_at(lead, settings)
    if at < start:
        raise BadInput(
            f"--at {at:%Y-%m-%d %H:%M} is before lead #{lead.id} was given ({start:%Y-%m-%d %H:%M})"
        )
    if at > now + dt.timedelta(minutes=1):
        raise BadInput(f"--at {at:%Y-%m-%d %H:%M} is in the future")


def _workable(conn: sqlite3.Connection, lead: Lead, settings: Settings) -> None:
    """A lead waiting in research cannot be worked: say what it lacks and how to fix it."""
    from leadcli import leads

    leads.refuse_void(lead)
    if lead.status != "research":
        return
    from leadcli import checking

    check = checking.check_one(conn, lead, settings)
    lacking = [
        r.message for r in checking.shortfalls(check) if r.status == "fail" and r.code[0] == "R"
    ]
    what = f" ({'; '.join(lacking)})" if lacking else ""
    raise Conflict(
        f"lead #{lead.id} is INCOMPLETE and waits in research{what}; "
        f"fix it with `leadcli lead edit {lead.id}` first"
    )


def contacted(
    conn: sqlite3.Connection, lead: Lead, at: dt.datetime, settings: Settings, now: dt.datetime
) -> Lead:
    """Record the receiver's first contact, stopping the follow-up clock. In a transaction."""
    from leadcli import leads

    _workable(conn, lead, settings)
    if lead.receiver_id is None:
        raise Conflict(f"lead #{lead.id} is a general opportunity with no receiver to follow it up")
    if lead.contacted_at is not None:
        raise Conflict(
            f"lead #{lead.id} was contacted already, at {lead.contacted_at:%Y-%m-%d %H:%M}"
        )
    _check_moment(lead, at, settings, now)
    status = "contacted" if lead.status == "new" else lead.status
    conn.execute(
        "UPDATE leads SET contacted_at = ?, status = ?, updated_at = ? WHERE id = ?",
        [clock.stamp(at), status, clock.stamp(now), lead.id],
    )
    updated = leads.get(conn, lead.id)
    late = minutes_late(updated, settings)
    leads.log(
        conn,
        lead.id,
        at,
        "contacted",
        {"due": clock.stamp(due(lead, settings)), "minutes_late": late},
    )
    return updated


def update(
    conn: sqlite3.Connection,
    lead: Lead,
    *,
    status: str | None,
    amount_cents: int | None,
    note: str | None,
    at: dt.datetime,
    settings: Settings,
    now: dt.datetime,
) -> tuple[Lead, dict[str, Any]]:
    """Move a lead along the pipeline, record or correct its amount. In a transaction."""
    from leadcli import leads

    _workable(conn, lead, settings)
    _check_moment(lead, at, settings, now)
    target = status or lead.status
    detail: dict[str, Any] = {}
    if lead.status in CLOSED and target != lead.status:
        raise Conflict(f"lead #{lead.id} is closed ({lead.status}); it cannot move to {target}")
    if lead.status in OPEN and target in OPEN and OPEN.index(target) < OPEN.index(lead.status):
        raise Conflict(f"lead #{lead.id} is at {lead.status}; it cannot move back to {target}")
    if amount_cents is not None and target != "won":
        raise BadInput("--amount is the closed business of a won lead (give --status won)")
    if target == "won" and amount_cents is None and lead.amount_cents is None:
        raise BadInput("a won lead needs the amount of closed business (--amount)")
    changes: dict[str, Any] = {}
    if target != lead.status:
        detail["from"], detail["to"] = lead.status, target
        changes["status"] = target
        if target in CLOSED:
            changes["closed_at"] = clock.stamp(at)
        if lead.contacted_at is None and target != "lost":
            changes["contacted_at"] = clock.stamp(at)
    if amount_cents is not None and amount_cents != lead.amount_cents:
        changes["amount_cents"] = amount_cents
        if lead.amount_cents is not None:
            detail["amount"] = [lead.amount_cents / 100, amount_cents / 100]
        else:
            detail["amount"] = amount_cents / 100
    if not changes and not note:
        raise BadInput(
            f"lead #{lead.id} is {lead.status} already; give a new --status, an --amount or a --note"
        )
    if changes:
        assignments = ", ".join(f"{k} = ?" for k in changes)
        conn.execute(
            f"UPDATE leads SET {assignments}, updated_at = ? WHERE id = ?",
            [*changes.values(), clock.stamp(now), lead.id],
        )
    kind = "amount" if "amount" in detail and "to" not in detail else "status"
    if "to" not in detail and "amount" not in detail:
        detail["status"] = lead.status  # a note on where things stand
    leads.log(conn, lead.id, at, kind, detail, note)
    return leads.get(conn, lead.id), detail
