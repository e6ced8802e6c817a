"""`lead void`: take back a lead entered by mistake (kept in its history, counted nowhere)."""

from __future__ import annotations

import typer

from leadcli import console, db, leads
from leadcli.commands import _common, _leads


def register(app: typer.Typer) -> None:
    app.command("void")(void)


def void(
    ctx: typer.Context,
    lead_id: str = typer.Argument(..., metavar="ID", help="The lead's id."),
    reason: str = typer.Option(
        ..., "--reason", metavar="TEXT", help="Why it was a mistake (kept in its history)."
    ),
) -> None:
    """Void a lead entered by mistake: it counts nowhere. It stays in its history, shown as
    VOID."""
    number = leads.lead_id(lead_id)
    why = _common.text(reason, "--reason", multiline=False) or ""
    conn = _common.conn(ctx)
    with db.transaction(conn):
        lead = leads.void(conn, number, why, _common.now(ctx))
    console.say(f"Voided lead #{lead.id} ({_leads.summary(lead)}): {why}")
    console.say(
        "It stays in `leadcli lead history` and `lead list --void`; "
        "it counts for no quota, report or source."
    )
