"""`member one-to-one`, `member ceu`, `member testimonial`: the activity traffic lights count."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from leadcli import console, db, members
from leadcli.commands import _common, _complete
from leadcli.errors import BadInput

if TYPE_CHECKING:
    from leadcli.activity import Activity

DATE = typer.Option(None, "--date", metavar="DATE", help="When it happened (default: today).")
VOID = typer.Option(
    None,
    "--void",
    metavar="ID",
    help="Void the activity with this id (entered by mistake): kept on record, counted nowhere.",
)
REASON = typer.Option(None, "--reason", metavar="TEXT", help="Why it is voided (with --void).")
JSON = typer.Option(False, "--json", help="Print the record as JSON.")


def register(app: typer.Typer) -> None:
    app.command("one-to-one")(one_to_one)
    app.command("ceu")(ceu)
    app.command("testimonial")(testimonial)


def one_to_one(
    ctx: typer.Context,
    first: str | None = typer.Argument(
        None, metavar="M1", help="One member.", autocompletion=_complete.member
    ),
    second: str | None = typer.Argument(
        None, metavar="M2", help="The other member.", autocompletion=_complete.member
    ),
    date: str | None = DATE,
    void: int | None = VOID,
    reason: str | None = REASON,
    as_json: bool = JSON,
) -> None:
    """Record a one-to-one meeting between two members."""
    if void is not None:
        _void(ctx, "one-to-one", void, reason, [first, second], as_json)
        return
    if first is None or second is None:
        raise BadInput("name the two members of the one-to-one (M1 M2)")
    _record(ctx, "one-to-one", first, date, other=second, as_json=as_json)


def ceu(
    ctx: typer.Context,
    member: str | None = typer.Argument(
        None, metavar="M", help="The member trained.", autocompletion=_complete.member
    ),
    date: str | None = DATE,
    count: int = typer.Option(1, "--count", "-n", metavar="N", help="CEUs earned (default 1)."),
    void: int | None = VOID,
    reason: str | None = REASON,
    as_json: bool = JSON,
) -> None:
    """Record CEUs (training credits) a member earned."""
    if void is not None:
        _void(ctx, "ceu", void, reason, [member], as_json)
        return
    if member is None:
        raise BadInput("name the member who earned the CEUs (M)")
    _record(ctx, "ceu", member, date, count=count, as_json=as_json)


def testimonial(
    ctx: typer.Context,
    member: str | None = typer.Argument(
        None, metavar="M", help="The member who gave it.", autocompletion=_complete.member
    ),
    date: str | None = DATE,
    void: int | None = VOID,
    reason: str | None = REASON,
    as_json: bool = JSON,
) -> None:
    """Record a testimonial a member gave at a meeting."""
    if void is not None:
        _void(ctx, "testimonial", void, reason, [member], as_json)
        return
    if member is None:
        raise BadInput("name the member who gave the testimonial (M)")
    _record(ctx, "testimonial", member, date, as_json=as_json)


def _record(
    ctx: typer.Context,
    kind: str,
    member: str,
    date: str | None,
    *,
    other: str | None = None,
    count: int = 1,
    as_json: bool,
) -> None:
    from leadcli import activity

    if kind == "ceu":
        activity.check_count(count)
    day = _common.date(ctx, date, "--date") if date is not None else _common.today(ctx)
    conn = _common.conn(ctx)
    with db.transaction(conn):
        found = members.resolve(conn, member)
        partner = members.resolve(conn, other) if other is not None else None
        done = activity.record(conn, kind, found, day, other=partner, count=count)
    if as_json:
        console.write_json(done.as_json())
    else:
        console.say(f"Recorded {_headline(done)} on {done.date:%A} {done.date} (#{done.id})")
    _common.note_future(ctx, day, f"the {activity.NAMES[kind]} of")


def _void(
    ctx: typer.Context,
    kind: str,
    activity_id: int,
    reason: str | None,
    names: list[str | None],
    as_json: bool,
) -> None:
    from leadcli import activity

    if any(n is not None for n in names):
        raise BadInput("--void takes the activity's id alone; leave out the member names")
    why = _common.text(reason, "--reason", multiline=False)
    conn = _common.conn(ctx)
    with db.transaction(conn):
        done = activity.void(conn, activity_id, kind, why, _common.now(ctx))
    if as_json:
        console.write_json(done.as_json())
        return
    because = f" ({why})" if why else ""
    console.say(
        f"Voided #{done.id}, {_headline(done)} on {done.date}{because}: "
        "it stays on record and counts nowhere"
    )


def _headline(done: Activity) -> str:
    if done.kind == "one-to-one":
        return f"a one-to-one of {done.member} and {done.other}"
    if done.kind == "ceu":
        return f"{done.describe()} for {done.member}"
    return f"a testimonial by {done.member}"
