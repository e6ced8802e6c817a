"""`leadcli category`: who holds each category, its contact sphere, unmet needs and openings."""

from __future__ import annotations

from pathlib import Path

import typer

from leadcli import categories, console, db
from leadcli.commands import _common, _complete
from leadcli.words import plural

app = _common.group()

JSON = typer.Option(False, "--json", help="Print JSON.")
SHOWN = 12


@app.command("list")
def list_(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Every category held, open or wanted. Each with its holder, contact sphere, unmet needs
    and applicants."""
    conn = _common.conn(ctx)
    with db.snapshot(conn):
        found = categories.listing(categories.read_group(conn, _common.today(ctx)))
    if as_json:
        console.write_json([row.as_json() for row in found])
        return
    # A category nobody holds says why in the holder's place: open (and who left it) or wanted.
    grid = console.table("category", "sphere", "holder", "unmet", "applicants", numeric=["unmet"])
    for row in found:
        if row.holder:
            holder = row.holder.name
        elif row.left_by and row.state == "open":
            holder = f"open ({row.left_by} left)"
        else:
            holder = row.state
        console.row(
            grid,
            row.category,
            row.sphere or "",
            holder,
            str(row.unmet_needs),
            ", ".join(row.applicants),
        )
    console.out().print(grid)
    held = sum(1 for row in found if row.holder)
    console.say(f"{held} held, {len(found) - held} open or wanted")


@app.command("sphere")
def sphere(
    ctx: typer.Context,
    category: str = typer.Argument(
        ...,
        help="A category the group holds, wants or is asked for.",
        autocompletion=_complete.category,
    ),
    sphere_name: str = typer.Argument(..., metavar="SPHERE", help="The contact sphere, e.g. home."),
) -> None:
    """Put a category in a contact sphere. Categories leadcli knows start in the preset one."""
    name = _common.text(category, "CATEGORY", multiline=False) or ""
    chosen = categories.sphere_name(_common.text(sphere_name, "SPHERE", multiline=False) or "")
    conn = _common.conn(ctx)
    with db.transaction(conn):
        shown = categories.set_sphere(conn, name, chosen, _common.today(ctx))
    console.say(f"{shown} is now in the {chosen} sphere")


@app.command("want")
def want(
    ctx: typer.Context,
    category: str = typer.Argument(
        ..., help="The category nobody in the group holds.", autocompletion=_complete.category
    ),
    giver: str | None = typer.Option(
        None,
        "--from",
        metavar="MEMBER",
        help="The member who had the lead.",
        autocompletion=_complete.member,
    ),
    date: str | None = typer.Option(
        None, "--date", metavar="DATE", help="When it came up (default: today)."
    ),
    note: str | None = typer.Option(None, "--note", metavar="TEXT", help="What was wanted."),
) -> None:
    """Record an unmet need: a category nobody in the group holds."""
    from leadcli import members

    name = _common.text(category, "CATEGORY", multiline=False) or ""
    text = _common.text(note, "--note")
    day = _common.date(ctx, date, "--date") if date is not None else _common.today(ctx)
    conn = _common.conn(ctx)
    with db.transaction(conn):
        member = members.resolve(conn, giver) if giver is not None else None
        if member is not None:
            members.refuse_after_leaving(member, day, "the need of")
        categories.want(conn, name, member=member, day=day, note=text)
        total = categories.unmet_count(conn, name)
    _common.note_future(ctx, day, "the day")
    by = f" from {member.name}" if member else ""
    console.say(
        f"Recorded an unmet need for {name}{by} on {day:%A} {day}; "
        f"wanted {'once' if total == 1 else f'{total} times'} so far"
    )
    console.say("leadcli category openings ranks the categories worth recruiting")


@app.command("openings")
def openings(
    ctx: typer.Context,
    also: list[Path] | None = typer.Option(
        None,
        "--also",
        metavar="FILE",
        help="Another group file to read as well (read-only; repeatable).",
    ),
    show_all: bool = typer.Option(False, "--all", help="Every opening, not only the first 12."),
    as_json: bool = JSON,
) -> None:
    """Open categories worth recruiting, best first. Ranked by unmet needs in the window,
    contact spheres with fewer than two members and applicants waiting; --also shows other
    groups' openings too."""
    state = _common.state(ctx)
    others = [
        db.connect_read_only(path, besides=state.path, option="--also") for path in also or []
    ]
    try:
        today = _common.today(ctx)
        conn = _common.conn(ctx)
        with db.snapshot(conn):
            groups = [categories.read_group(conn, today)]
        for other in others:
            with db.snapshot(other):
                groups.append(categories.read_group(other, today))
    finally:
        for other in others:
            other.close()
    found = categories.openings(groups)
    if as_json:
        console.write_json([o.as_json() for o in found])
        return
    columns = ["category", "sphere", *(["group"] if others else []), "unmet", "applicants", "why"]
    grid = console.table(*columns, numeric=["unmet", "applicants"])
    shown = found if show_all else found[:SHOWN]
    for o in shown:
        cells = [o.category, o.sphere or "", *([o.group] if others else [])]
        cells += [str(o.unmet_needs), str(len(o.applicants)), "; ".join(o.reasons)]
        console.row(grid, *cells)
    console.out().print(grid)
    if len(shown) < len(found):
        console.say(f"{plural(len(found) - len(shown), 'more opening')} (--all shows them)")
    if not found:
        console.say("No openings: every sphere has two members or more, and nothing is wanted.")
