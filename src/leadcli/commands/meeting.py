"""`leadcli meeting`: the group's meetings and their attendance rates."""

from __future__ import annotations

import typer

from leadcli import console, db, meetings
from leadcli.commands import _common

app = _common.group()


@app.command("add")
def add(
    ctx: typer.Context,
    date: str = typer.Argument(..., help="The meeting's date."),
    holiday: bool | None = typer.Option(
        None, "--holiday/--no-holiday", help="A holiday: the meeting counts for nobody."
    ),
) -> None:
    """Record a meeting (or mark a recorded one as a holiday)."""
    day = _common.date(ctx, date, "DATE")
    conn = _common.conn(ctx)
    with db.transaction(conn):
        meeting, created = meetings.add(conn, day, holiday)
    kind = "holiday" if meeting.holiday else "meeting"
    verb = "Added" if created else "Updated" if holiday is not None else "Already recorded:"
    console.say(f"{verb} {kind} of {day:%A} {day}")
    _common.note_off_day(ctx, day)


@app.command("list")
def list_(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--since", help="Only meetings on or after this date."),
    last: int | None = typer.Option(None, "--last", min=1, help="Only the last N meetings."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Meetings with attendance counts and the head-count rate. The counts are per status, with
    the members not recorded."""
    conn = _common.conn(ctx)
    start = _common.optional_date(ctx, since, "--since")
    with db.snapshot(conn):
        rows = meetings.summaries(conn, since=start)
    if last:
        rows = rows[-last:]
    if as_json:
        console.write_json([r.as_json() for r in rows])
        return
    if not rows:
        console.say("No meetings recorded.")
        return
    columns = ("date", "day", "present", "late", "sub", "medical", "absent", "not recorded", "rate")
    grid = console.table(*columns, numeric=columns[2:])
    for r in rows:
        rate = r.rate
        if r.holiday:
            console.row(grid, r.date.isoformat(), f"{r.date:%a}", *[""] * 6, "holiday")
            continue
        c = r.counts
        console.row(
            grid,
            r.date.isoformat(),
            f"{r.date:%a}",
            *(str(c.get(s, 0)) for s in ("present", "late", "substitute", "medical", "absent")),
            console.text(str(r.not_recorded), "bold red" if r.not_recorded else ""),
            "-" if rate is None else f"{rate:.0%}",
        )
    console.out().print(grid)
