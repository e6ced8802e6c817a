"""`leadcli visitor`: visitors to meetings and applicants waiting for a category."""

from __future__ import annotations

import typer

from leadcli import console, db, members
from leadcli.commands import _common, _complete
from leadcli.errors import BadInput, NotFound
from leadcli.words import plural

app = _common.group()

JSON = typer.Option(False, "--json", help="Print JSON.")


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The visitor's name."),
    category: str | None = typer.Option(
        None,
        "--category",
        "-c",
        help="Their category (industry).",
        autocompletion=_complete.category,
    ),
    business: str | None = typer.Option(None, "--business", help="Their business's name."),
    phone: str | None = typer.Option(None, "--phone", help="Their phone."),
    email: str | None = typer.Option(None, "--email", help="Their email."),
    invited_by: str | None = typer.Option(
        None,
        "--invited-by",
        metavar="MEMBER",
        help="The member who invited them.",
        autocompletion=_complete.member,
    ),
    date: str | None = typer.Option(
        None,
        "--date",
        metavar="DATE",
        help="The meeting they visited (default: the latest regular meeting day).",
    ),
    as_json: bool = JSON,
) -> None:
    """Record a visitor and the member who invited them. One naming a taken category waits for
    it."""
    from leadcli import meetings, visitors

    values = dict(
        name=_common.text(name, "NAME", multiline=False) or "",
        category=_common.text(category, "--category", multiline=False),
        business=_common.text(business, "--business", multiline=False),
        phone=_common.phone(ctx, phone),
        email=_common.email(email),
    )
    if not values["name"]:
        raise BadInput("NAME must not be empty")
    conn = _common.conn(ctx)
    settings = _common.settings(ctx)
    day = (
        _common.date(ctx, date, "--date")
        if date is not None
        else meetings.default_day(conn, settings.meeting_weekday, _common.today(ctx))
    )
    with db.transaction(conn):
        inviter = None
        if invited_by is not None:
            try:
                inviter = members.resolve(conn, invited_by)
            except NotFound as exc:
                raise BadInput(f"--invited-by: {exc.message}") from None
        visitor = visitors.add(conn, day=day, invited_by=inviter, **values)  # type: ignore[arg-type]
        standing = visitors.status(visitor, members.all_members(conn))
    if as_json:
        console.write_json(visitor.as_json(standing))
        return
    by = f", invited by {visitor.invited_by}" if visitor.invited_by else ""
    console.say(
        f"Added visitor #{visitor.id} {visitor.name} on {visitor.date:%A} {visitor.date}{by}"
    )
    if standing.startswith("waiting: "):
        console.say(
            f"{standing.removeprefix('waiting: ')}: {visitor.name} waits for it "
            "(category openings --also FILE shows where another group has it open)"
        )
    elif standing.startswith("may join: "):
        console.say(f"{visitor.category} is open: {visitor.name} may join for it")
    _common.note_future(ctx, day, "the visit of")


@app.command("list")
def list_(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Every visitor by day, with who invited them. Each says where they stand."""
    from leadcli import visitors

    conn = _common.conn(ctx)
    with db.snapshot(conn):
        found = visitors.all_visitors(conn)
        roster = members.all_members(conn)
    standing = {v.id: visitors.status(v, roster) for v in found}
    if as_json:
        console.write_json([v.as_json(standing[v.id]) for v in found])
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
            standing[v.id],
        )
    console.out().print(grid)
    waiting = sum(s.startswith("waiting") for s in standing.values())
    console.say(
        plural(len(found), "visitor")
        + (f", {waiting} waiting for a taken category" if waiting else "")
    )
