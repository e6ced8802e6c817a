"""`lead travel`: where a lead may travel next, and the one line `lead add` and `lead update` print."""

from __future__ import annotations

import sqlite3

import typer

from leadcli import console, db, leads, travel
from leadcli.commands import _common


def register(app: typer.Typer) -> None:
    app.command("travel")(travel_)


def travel_(
    ctx: typer.Context,
    lead_id: str = typer.Argument(..., metavar="ID", help="The lead's id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The members this lead may travel to next, best first. Each comes with its reason: the
    group's own spin-off history from the receiver's category to theirs, then the receiver's
    sphere."""
    number = leads.lead_id(lead_id)
    conn = _common.conn(ctx)
    with db.snapshot(conn):
        lead = leads.get(conn, number)
        stops = travel.next_stops(conn, lead)
    if as_json:
        console.write_json([s.as_json() for s in stops])
        return
    if lead.receiver_id is None:
        console.say(f"Lead #{lead.id} is a general opportunity, for the whole room.")
        return
    if not stops:
        console.say(
            f"No member has had a lead spun off a {lead.receiver} lead yet, and no other member"
            " shares their contact sphere (leadcli category sphere CATEGORY SPHERE sets one)."
        )
        return
    grid = console.table("member", "category", "sphere", "spin-offs", "why", numeric=["spin-offs"])
    for s in stops:
        console.row(
            grid, s.member.name, s.member.category, s.sphere or "", str(s.spin_offs), s.reason
        )
    console.out().print(grid)


def say_next(conn: sqlite3.Connection, lead: leads.Lead) -> None:
    """The top three stops on one line (nothing when there are none)."""
    line = travel.one_line(travel.next_stops(conn, lead))
    if line:
        console.say(line)
