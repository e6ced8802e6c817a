"""`lead research`: the queue of INCOMPLETE leads, oldest first, with what to ask and whom."""

from __future__ import annotations

from collections.abc import Iterator

import typer

from leadcli import console, db, research
from leadcli.commands import _common
from leadcli.words import plural


def register(app: typer.Typer) -> None:
    app.command("research")(research_queue)


def research_queue(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The research queue: every INCOMPLETE lead, oldest first. Each says what to ask the giver."""
    conn = _common.conn(ctx)
    with db.snapshot(conn):
        items = research.queue(conn, _common.settings(ctx), _common.today(ctx))
    if as_json:
        console.write_json_list(item.as_json() for item in items)
        return
    if not items:
        console.say("The research queue is empty: every lead is complete enough to publish.")
        return
    console.emit(_lines(items))
    console.say(
        f"{plural(len(items), 'lead')} wait in research; record each answer with "
        "`leadcli lead edit ID --OPTION VALUE`."
    )


def _lines(items: list[research.Item]) -> Iterator[console.Segments]:
    for item in items:
        lead = item.lead
        to = lead.receiver or "the room"
        waited = (
            "given today"
            if not item.waiting_days
            else f"waiting {plural(item.waiting_days, 'day')}"
        )
        yield [
            (f"#{lead.id:<5} ", "bold"),
            (f"{lead.date}  {waited}  ", ""),
            (f"ask {lead.giver}", "bold"),
        ]
        yield [(f"       {lead.type}: {lead.prospect} → {to}", "")]
        for question, option in zip(item.ask, item.options, strict=True):
            yield [(f"       - {question}", ""), (f"  ({option})" if option else "", "dim")]
