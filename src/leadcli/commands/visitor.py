"""`leadcli visitor`: visitors to meetings, and the applicants waiting for a category."""

from __future__ import annotations

import typer

from leadcli import console, db, members, visitors
from leadcli.commands import _common
from leadcli.errors import BadInput

app = _common.group()

JSON = typer.Option(False, "--json", help="Print JSON.")


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The visitor's name."),
    category: str | None = typer.Option(
        None, "--category", "-c", help="The category they would take (they apply for it)."
    ),
    business: str | None = typer.Option(None, "--business", help="Their business's name."),
    phone: str | None = typer.Option(None, "--phone", help="Their phone."),
    email: str | None = typer.Option(None, "--email", help="Their email."),
    invited_by: str | None = typer.Option(
        None, "--invited-by", metavar="MEMBER", help="The member who invited them."
    ),
    date: str | None = typer.Option(
        None, "--date", metavar="DATE", help="The meeting they visited (default: today)."
    ),
    as_json: bool = JSON,
) -> None:
    """Record a visitor; one naming a taken category waits for it."""
    values = dict(
        name=_common.text(name, "NAME", multiline=False),
        category=_common.text(category, "--category", multiline=False),
        business=_common.text(business, "--business", multiline=False),
        phone=_common.phone(ctx, phone),
        email=_common.email(email),
        day=_common.date(ctx, date, "--date") if date is not None else _common.today(ctx),
    )
    if not values["name"]:
        raise BadInput("NAME must not be empty")
    conn = _common.conn(ctx)
    with db.transaction(conn):
        inviter = members.resolve(conn, invited_by) if invited_by is not None else None
        visitor = visitors.add(conn, invited_by=inviter, **values)  # type: ignore[arg-type]
        standing = visitors.status(visitor, members.all_members(conn))
    _common.note_future(ctx, visitor.date, "the visit of")
    if as_json:
        console.write_json(visitor.as_json(standing))
        return
    about = f" ({visitor.category})" if visitor.category else ""
    by = f", invited by {visitor.invited_by}" if visitor.invited_by else ""
    console.say(f"Added visitor {visitor.label}{about}, {visitor.date:%A} {visitor.date}{by}")
    if standing.startswith("waiting"):
        console.say(
            f"{standing[len('waiting: ') :]}: {visitor.name} waits for it "
            "(category openings --also FILE shows where another group has it open)"
        )
    elif standing.startswith("may join"):
        console.say(f"{visitor.category} is open: {visitor.name} may join for it")


@app.command("list")
def list_(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Visitors by the day they came, with the category they wait for or may take."""
    conn = _common.conn(ctx)
    with db.snapshot(conn):
        found = visitors.all_visitors(conn)
        roster = members.all_members(conn)
    if as_json:
        console.write_json([v.as_json(visitors.status(v, roster)) for v in found])
        return
    grid = console.table("id", "date", "name", "category", "business", "invited by", "status")
    for v in found:
        console.row(
            grid,
            f"#{v.id}",
            v.date.isoformat(),
            v.name,
            v.category or "",
            v.business or "",
            v.invited_by or "",
            visitors.status(v, roster),
        )
    console.out().print(grid)
    waiting = sum(visitors.status(v, roster).startswith("waiting") for v in found)
    console.say(f"{len(found)} visitors, {waiting} waiting for a taken category")
