"""`lead update` and `lead contacted`: the pipeline and the follow-up clock."""

from __future__ import annotations

import typer

from leadcli import console, db, leads, parse, pipeline
from leadcli.commands import _common, _complete
from leadcli.settings import Settings
from leadcli.words import duration


def register(app: typer.Typer) -> None:
    app.command("update")(update)
    app.command("contacted")(contacted)


def update(
    ctx: typer.Context,
    lead_id: str = typer.Argument(..., metavar="ID", help="The lead's id."),
    status: str | None = typer.Option(
        None,
        "--status",
        help="new, contacted, appointment, proposal, won or lost.",
        autocompletion=_complete.pipeline_status,
    ),
    amount: str | None = typer.Option(
        None,
        "--amount",
        metavar="DOLLARS",
        help="Closed business of a won lead; later, a correction.",
    ),
    note: str | None = typer.Option(None, "--note", metavar="TEXT", help="What happened."),
    at: str | None = typer.Option(
        None, "--at", metavar="WHEN", help="When it happened (default: now)."
    ),
) -> None:
    """Move a lead along the pipeline. The steps: new → contacted → appointment → proposal → won
    / lost."""
    number = leads.lead_id(lead_id)
    chosen = pipeline.pipeline_status(status) if status else None
    cents = parse.amount(amount) if amount is not None else None
    text = _common.text(note, "--note")
    moment = _common.moment(ctx, at)
    settings = _common.settings(ctx)
    conn = _common.conn(ctx)
    with db.transaction(conn):
        lead = leads.get(conn, number)
        updated, detail = pipeline.update(
            conn,
            lead,
            status=chosen,
            amount_cents=cents,
            note=text,
            at=moment,
            settings=settings,
            now=_common.now(ctx),
        )
    parts = []
    if "to" in detail:
        parts.append(f"{detail['from']} → {detail['to']}")
    if "amount" in detail:
        amount_detail = detail["amount"]
        if isinstance(amount_detail, list):
            parts.append(f"amount corrected ${amount_detail[0]:,.2f} → ${amount_detail[1]:,.2f}")
        else:
            parts.append(f"closed business ${amount_detail:,.2f}")
    if text and not parts:
        parts.append(f"note added ({updated.status})")
    console.say(
        f"Lead #{updated.id} ({updated.prospect}) at {moment:%Y-%m-%d %H:%M}: {'; '.join(parts)}"
    )
    if chosen == "won":
        from leadcli.commands import lead_travel

        lead_travel.say_next(conn, updated)


def contacted(
    ctx: typer.Context,
    lead_id: str = typer.Argument(..., metavar="ID", help="The lead's id."),
    at: str | None = typer.Option(
        None, "--at", metavar="WHEN", help="When the prospect was reached (default: now)."
    ),
) -> None:
    """Record the receiver's first contact with the prospect. It stops the follow-up clock."""
    number = leads.lead_id(lead_id)
    moment = _common.moment(ctx, at)
    settings = _common.settings(ctx)
    conn = _common.conn(ctx)
    with db.transaction(conn):
        updated = pipeline.contacted(
            conn, leads.get(conn, number), moment, settings, _common.now(ctx)
        )
    console.say(
        f"Lead #{updated.id} ({updated.prospect}) contacted at {moment:%Y-%m-%d %H:%M}: {timing(updated, settings)}"
    )


def timing(lead: leads.Lead, settings: Settings) -> str:
    late = pipeline.minutes_late(lead, settings)
    if late is None:
        return "not contacted"
    due = pipeline.due(lead, settings)
    if late > 0:
        return f"{duration(late)} late (due {due:%Y-%m-%d %H:%M})"
    return f"on time, {duration(-late)} before the deadline ({due:%Y-%m-%d %H:%M})"


def followup_line(ctx: typer.Context, lead: leads.Lead) -> str:
    """How the follow-up stands, for `lead show`."""
    settings = _common.settings(ctx)
    if lead.receiver_id is None or lead.status == "research" or lead.voided_at is not None:
        return ""
    if lead.contacted_at is not None:
        return f"Follow-up: contacted {lead.contacted_at:%Y-%m-%d %H:%M}, {timing(lead, settings)}"
    due = pipeline.due(lead, settings)
    if pipeline.is_overdue(lead, settings, _common.now(ctx)):
        return f"Follow-up: OVERDUE since {due:%Y-%m-%d %H:%M}"
    return f"Follow-up: due by {due:%Y-%m-%d %H:%M}"
