"""`member quota`: where a member stands against the group's standards, and what to do about it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

import typer

from leadcli import console, db, members
from leadcli.commands import _common, _complete
from leadcli.errors import EXIT_ATTENTION, NotFound
from leadcli.words import plural

if TYPE_CHECKING:
    from leadcli.standing import Standing


def register(app: typer.Typer) -> None:
    app.command("quota")(quota)


def quota(
    ctx: typer.Context,
    member: str | None = typer.Argument(
        None,
        metavar="MEMBER",
        help="One member (default: everyone on the roll).",
        autocompletion=_complete.member,
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE", help="Standing as of this day (default: now)."
    ),
    check: bool = typer.Option(
        False, "--check", help="Exit 3 if any standing shown is RED (or GREY, by traffic lights)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Each member's standing: GREEN, AMBER, RED or NEW. It weighs attendance, lead credits,
    overdue follow-ups and closed business.

    Under traffic lights (standing.scheme = traffic-lights), each component's points and the
    light: GREEN, AMBER, RED or GREY.
    """
    conn = _common.conn(ctx)
    now = _common.now(ctx)
    day = _common.date(ctx, as_of, "--as-of") if as_of is not None else now.date()
    if day > now.date():
        console.note(f"note: --as-of {day} is after today; only what is recorded now is counted")
    moment = (
        now
        if day == now.date()
        else dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=now.tzinfo)
    )
    settings = _common.settings(ctx)
    from leadcli import asof, standing

    with db.snapshot(conn):
        named = members.resolve(conn, member) if member else None
        if moment >= now:
            found = standing.standings(conn, settings, day, moment, [named] if named else None)
        else:
            with asof.as_of(conn, moment):
                found = standing.standings(conn, settings, day, moment, _then(conn, named))
    if as_json:
        data = [s.as_json() for s in found]
        console.write_json(data[0] if member else data)
    elif member:
        _print_one(found[0])
    else:
        _print_all(found, day)
    if check:
        from leadcli.traffic import ATTENTION

        if any(s.standing in ATTENTION for s in found):
            raise typer.Exit(EXIT_ATTENTION)


def _then(conn: sqlite3.Connection, member: members.Member | None) -> list[members.Member] | None:
    """The member named (by their name now) as they stood then; an error if not on record yet."""
    if member is None:
        return None
    try:
        return [members.get(conn, member.id)]
    except NotFound as exc:
        raise NotFound(f"{member.label} was not on record yet then") from exc


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _mark(ok: bool, counted: bool = True) -> tuple[str, str]:
    if not counted:
        return ("not counted yet", "cyan")
    return ("ok", "green") if ok else ("below", "red")


def _print_one(s: Standing) -> None:
    word = s.standing
    per_week = "-" if s.per_week is None else f"{s.per_week:.2f}"
    head: list[console.Segments] = [
        [
            (f"{s.member.name} (#{s.member.id}, {s.member.category}), as of {s.as_of}: ", ""),
            (word, console.STANDING_STYLES.get(word, "")),
        ],
        [(f"Window {s.start} to {s.end}: {plural(len(s.meetings), 'meeting')}", "")],
    ]
    if s.traffic is not None:
        console.styled(head)
        _print_traffic(s)
        return
    lines: list[console.Segments] = [
        *head,
        [
            (
                f"Attendance {_percent(s.rate)} ({s.attended:g} of {s.counted} counted, "
                f"{plural(s.absences, 'absence')}); minimum {s.minimum:.0%}: ",
                "",
            ),
            _mark(s.attendance_ok, word != "NEW"),
        ],
        [
            (f"Leads {per_week} a week ({plural(s.credits, 'credit')}); quota {s.quota:g}: ", ""),
            _mark(s.leads_ok, word != "NEW"),
        ],
        [(f"Follow-ups overdue: {len(s.overdue)}", "")],
        [(f"Closed business in the window: ${s.closed_cents / 100:,.2f}", "")],
    ]
    if s.needs:
        lines.append([("To do:", "")])
        lines.extend([[(f"  - {need}", "")] for need in s.needs])
    console.styled(lines)


def _print_traffic(s: Standing) -> None:
    console.print_table(
        ("component", "value", "points", "of"),
        [[c.kind.label, c.show(), str(c.points), str(c.max_points)] for c in s.traffic.components],
        numeric=("points", "of"),
    )
    light = s.traffic.light
    bounds = s.traffic.light_bounds
    console.styled(
        [
            [
                (
                    f"Traffic light: {s.traffic.points} of "
                    f"{plural(s.traffic.max_points, 'point')}, ",
                    "",
                ),
                (light, console.STANDING_STYLES.get(light, "")),
                (f" (GREEN from {bounds[0]}, AMBER from {bounds[1]}, RED from {bounds[2]})", ""),
            ]
        ]
    )
    if s.needs:
        console.say("What moves you up (and what would drop you):")
        for need in s.needs:
            console.say(f"  - {need}")


def _print_all(found: list[Standing], day: dt.date) -> None:
    from leadcli.render import text, view

    console.say(f"Standing as of {day}")
    data = view.standings_table(found)
    styles = {column: text.STYLES[kind] for column, kind in data.styled.items()}
    console.print_table(data.columns, data.rows, numeric=data.numeric, styles=styles)
    console.say(view.standings_tally(found) or "No members on the roll.")
