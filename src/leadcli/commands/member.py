"""`leadcli member`: the roster, attendance and standing."""

from __future__ import annotations

import datetime as dt
import sqlite3

import typer

from leadcli import console, db, meetings, members
from leadcli.commands import _common, _complete, _params
from leadcli.errors import BadInput, Conflict
from leadcli.words import plural

app = _common.group()

JSON = typer.Option(False, "--json", help="Print JSON.")


def _show_phone(ctx: typer.Context, value: str | None) -> str:
    if not value:
        return ""
    from leadcli import parse

    return parse.show_phone(value, _common.settings(ctx).text("group.region"))


OFFERS_HELP = "What they sell (repeatable; default: the words of their category)."
AREA_HELP = "A city, state, province or postal-code prefix they serve (repeatable; none: anywhere)."
MINIMUM_HELP = "The smallest job worth taking, in dollars."


def _profile(
    offers: list[str] | None, areas: list[str] | None, minimum: str | None, *, editing: bool
) -> dict[str, object]:
    """The profile options given, as stored: on edit, '' clears a list or the minimum."""
    from leadcli import areas as places
    from leadcli import parse

    values: dict[str, object] = {}
    if offers:
        cleaned = [_common.text(o, "--offers", multiline=False) for o in offers]
        if not editing and not all(cleaned):
            raise BadInput("--offers must not be empty")
        values["offers"] = tuple(dict.fromkeys(o for o in cleaned if o))
    if areas:
        if editing and all(not a.strip() for a in areas):
            values["areas"] = ()
        else:
            texts = [_common.text(a, "--area", multiline=False) or "" for a in areas]
            values["areas"] = tuple(dict.fromkeys(places.parse(t).text for t in texts))
    if minimum is not None:
        if editing and not minimum.strip():
            values["minimum_cents"] = None
        else:
            values["minimum_cents"] = parse.amount(minimum, "--minimum")
    return values


@app.command("add")
def add(
    ctx: typer.Context,
    name: str | None = typer.Argument(None, help="The member's name."),
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
    joined: str | None = typer.Option(None, "--joined", help="When they joined (default: today)."),
    offers: list[str] | None = typer.Option(None, "--offers", metavar="TEXT", help=OFFERS_HELP),
    area: list[str] | None = typer.Option(None, "--area", metavar="PLACE", help=AREA_HELP),
    minimum: str | None = typer.Option(None, "--minimum", metavar="AMOUNT", help=MINIMUM_HELP),
    as_json: bool = JSON,
) -> None:
    """Add a member to the roster, one per category. A category held by another active member is
    refused."""
    if name is None or category is None:
        if not _common.interactive():
            raise _common.missing(
                [n for n, v in (("NAME", name), ("--category", category)) if v is None]
            )
        conn = _common.conn(ctx)

        def named(answer: str) -> str:
            return _common.text(answer, "NAME", multiline=False) or ""

        def held(answer: str) -> str:
            read = _common.text(answer, "--category", multiline=False) or ""
            taken = members.holder(conn, read)
            if taken:
                raise Conflict(f"category {read!r} is held by {taken.label}")
            return read

        name = name if name is not None else str(_common.ask("Name", named))
        category = category if category is not None else str(_common.ask("Category", held))
    values = dict(
        name=_common.text(name, "NAME", multiline=False),
        category=_common.text(category, "--category", multiline=False),
        business=_common.text(business, "--business", multiline=False),
        phone=_common.phone(ctx, phone),
        email=_common.email(email),
        joined=_common.date(ctx, joined, "--joined") if joined is not None else _common.today(ctx),
    )
    for field in ("name", "category"):
        if not values[field]:
            raise BadInput(f"{'NAME' if field == 'name' else '--category'} must not be empty")
    values.update(_profile(offers, area, minimum, editing=False))
    conn = _common.conn(ctx)
    with db.transaction(conn):
        member = members.add(conn, **values)  # type: ignore[arg-type]
    _common.note_future(ctx, member.joined, "the joining day")
    if as_json:
        console.write_json(member.as_json())
        return
    console.say(f"Added member {member.label} ({member.category}), joined {member.joined}")


@app.command("list")
def list_(
    ctx: typer.Context,
    active: bool = typer.Option(False, "--active", help="Only members who have not left."),
    as_json: bool = JSON,
) -> None:
    """The roster, members who left included (marked)."""
    roster = members.all_members(_common.conn(ctx), include_left=not active)
    if as_json:
        console.write_json([m.as_json() for m in roster])
        return
    grid = console.table("id", "name", "category", "business", "phone", "email", "joined", "left")
    for m in roster:
        style = "" if m.active else "dim"
        cells = (
            f"#{m.id}",
            m.name,
            m.category,
            m.business or "",
            _show_phone(ctx, m.phone),
            m.email or "",
            m.joined.isoformat(),
            m.left_on.isoformat() if m.left_on else "",
        )
        grid.add_row(*(console.text(c, style) for c in cells))
    console.out().print(grid)
    console.say(plural(sum(m.active for m in roster), "active member"))


@app.command("show")
def show(
    ctx: typer.Context,
    member: str = typer.Argument(
        ..., help="Id, #id or a unique name prefix.", autocompletion=_complete.member
    ),
    as_json: bool = JSON,
) -> None:
    """One member's record, attendance and activity. It shows recent attendance, one-to-ones,
    CEUs and testimonials."""
    from leadcli import activity

    conn = _common.conn(ctx)
    found = members.resolve(conn, member)
    history = conn.execute(
        "SELECT a.meeting, a.status, a.substitute FROM attendance a JOIN meetings m "
        "ON m.date = a.meeting WHERE a.member_id = ? ORDER BY a.meeting DESC LIMIT 12",
        [found.id],
    ).fetchall()
    done = activity.of_member(conn, found.id, limit=12)
    if as_json:
        data = found.as_json() | {"left": found.left_on.isoformat() if found.left_on else None}
        data["attendance"] = [
            {"date": r["meeting"], "status": r["status"], "substitute": r["substitute"]}
            for r in history
        ]
        data["activity"] = [a.as_json() for a in done]
        console.write_json(data | found.profile_json())
        return
    out = console.out()
    grid = console.table("field", "value")
    for label, value in (
        ("id", f"#{found.id}"),
        ("name", found.name),
        ("category", found.category),
        ("business", found.business or ""),
        ("phone", _show_phone(ctx, found.phone)),
        ("email", found.email or ""),
        ("joined", found.joined.isoformat()),
        ("left", found.left_on.isoformat() if found.left_on else "(active)"),
        *(
            [("earlier", "; ".join(f"{a} to {b}" for a, b in found.earlier))]
            if found.earlier
            else []
        ),
        ("offers", "; ".join(found.offers) or "(the words of the category)"),
        ("areas", "; ".join(found.areas) or "(anywhere)"),
        ("minimum job", f"${found.minimum:,.2f}" if found.minimum is not None else "(none)"),
    ):
        console.row(grid, label, value)
    out.print(grid)
    if history:
        marks = console.table("meeting", "status", "substitute", title="Recent attendance")
        for r in history:
            console.row(marks, r["meeting"], r["status"], r["substitute"] or "")
        out.print(marks)
    if done:
        grid = console.table("id", "date", "activity", "note", title="Recent activity")
        for a in done:
            style = "dim" if a.void else ""
            note = f"VOID{': ' + a.void_reason if a.void_reason else ''}" if a.void else ""
            cells = (f"#{a.id}", a.date.isoformat(), a.describe(found.id), note)
            grid.add_row(*(console.text(c, style) for c in cells))
        out.print(grid)


@app.command("edit")
@_params.empty_clears("business", "phone", "email", "offers", "area", "minimum")
def edit(
    ctx: typer.Context,
    member: str = typer.Argument(
        ..., help="Id, #id or a unique name prefix.", autocompletion=_complete.member
    ),
    name: str | None = typer.Option(None, "--name", help="A new name."),
    category: str | None = typer.Option(
        None, "--category", "-c", help="A new category.", autocompletion=_complete.category
    ),
    business: str | None = typer.Option(
        None, "--business", help="A new business name ('' clears)."
    ),
    phone: str | None = typer.Option(None, "--phone", help="A new phone ('' clears)."),
    email: str | None = typer.Option(None, "--email", help="A new email ('' clears)."),
    joined: str | None = typer.Option(None, "--joined", help="A corrected joining date."),
    offers: list[str] | None = typer.Option(
        None, "--offers", metavar="TEXT", help="What they sell (repeatable; replaces; '' clears)."
    ),
    area: list[str] | None = typer.Option(
        None, "--area", metavar="PLACE", help="Areas served (repeatable; replaces; '' clears)."
    ),
    minimum: str | None = typer.Option(
        None, "--minimum", metavar="AMOUNT", help="The smallest job worth taking ('' clears)."
    ),
    as_json: bool = JSON,
) -> None:
    """Change a member's record."""
    changes: dict[str, object] = {}
    for field, value in (("name", name), ("category", category)):
        if value is not None:
            cleaned = _common.text(value, f"--{field}", multiline=False)
            if not cleaned:
                raise BadInput(f"--{field} must not be empty")
            changes[field] = cleaned
    if business is not None:
        changes["business"] = _common.text(business, "--business", multiline=False)
    if phone is not None:
        changes["phone"] = _common.phone(ctx, phone)
    if email is not None:
        changes["email"] = _common.email(email)
    if joined is not None:
        changes["joined"] = _common.date(ctx, joined, "--joined")
    changes.update(_profile(offers, area, minimum, editing=True))
    if not changes:
        raise BadInput(
            "nothing to change (give --name, --category, --business, --phone, --email, --joined, "
            "--offers, --area or --minimum)"
        )
    conn = _common.conn(ctx)
    with db.transaction(conn):
        updated = members.edit(conn, members.resolve(conn, member), **changes)
    if as_json:
        console.write_json(updated.as_json() | updated.profile_json())
        return
    console.say(
        f"Updated {updated.label}: {', '.join(sorted(c.removesuffix('_cents') for c in changes))}"
    )


@app.command("leave")
def leave(
    ctx: typer.Context,
    member: str = typer.Argument(
        ..., help="Id, #id or a unique name prefix.", autocompletion=_complete.member
    ),
    on: str | None = typer.Option(None, "--on", help="The day they left (default: today)."),
) -> None:
    """Record that a member left; their history stays on record. Their attendance and leads are
    kept."""
    day = _common.past_day(ctx, on, "--on", "a departure")
    conn = _common.conn(ctx)
    with db.transaction(conn):
        left = members.leave(conn, members.resolve(conn, member), day)
    console.say(f"{left.label} left on {left.left_on}; category {left.category!r} is free")


@app.command("rejoin")
def rejoin(
    ctx: typer.Context,
    member: str = typer.Argument(
        ..., help="Id, #id or a unique name prefix.", autocompletion=_complete.member
    ),
    on: str | None = typer.Option(None, "--on", help="The day they came back (default: today)."),
    category: str | None = typer.Option(
        None,
        "--category",
        "-c",
        help="A new category (default: their old one).",
        autocompletion=_complete.category,
    ),
) -> None:
    """Bring back a member who left. Their standing counts from the day they return; their
    earlier attendance and leads stay on record."""
    day = _common.past_day(ctx, on, "--on", "a return")
    if category is not None:
        category = _common.text(category, "--category", multiline=False)
    conn = _common.conn(ctx)
    with db.transaction(conn):
        back = members.rejoin(conn, members.resolve(conn, member), day, category)
    console.say(
        f"{back.label} rejoined on {back.joined} in category {back.category!r}; "
        "their standing counts from that day"
    )


STATUS_HELP = "present (default), absent, late, medical or substitute."


@app.command("attend")
def attend(
    ctx: typer.Context,
    names: list[str] | None = typer.Argument(
        None, help="Members (id, #id or name prefix).", autocompletion=_complete.member
    ),
    date: str | None = typer.Option(
        None,
        "--date",
        help="The meeting (default: the latest regular meeting day on or before today, recorded or not, skipping holidays).",
    ),
    status: str | None = typer.Option(
        None, "--status", "-s", help=STATUS_HELP, autocompletion=_complete.attendance_status
    ),
    sub: str | None = typer.Option(
        None, "--sub", help="Who substituted (implies --status substitute)."
    ),
    others: str | None = typer.Option(
        None, "--others", metavar="absent", help="Mark every other member with no record absent."
    ),
) -> None:
    """Record attendance at a meeting. A new record replaces the old one."""
    conn = _common.conn(ctx)
    settings = _common.settings(ctx)
    day = (
        _common.date(ctx, date, "--date")
        if date is not None
        else meetings.default_day(conn, settings.meeting_weekday, _common.today(ctx))
    )
    if others is not None and others.strip().lower() != "absent":
        raise BadInput(f"--others takes only 'absent', not {others!r}")
    chosen = meetings.status(status) if status else ("substitute" if sub else "present")
    substitute = _common.text(sub, "--sub", multiline=False)
    if substitute and chosen != "substitute":
        raise BadInput("--sub goes with --status substitute")
    refs = list(names or [])
    if refs:
        marks = [meetings.Mark(members.resolve(conn, ref), chosen, substitute) for ref in refs]
    elif others is not None:
        marks = []
    elif _common.interactive():
        marks = _prompt_marks(conn, day)
    else:
        raise _common.missing(["member names (or --others absent)"])
    moved = _common.backdated([m.member for m in marks], day)
    with db.transaction(conn):
        result = meetings.attend(conn, day, marks, others_absent=others is not None)
    _report_attendance(result)
    for line in moved:
        console.note(line)
    _common.note_off_day(ctx, day)
    _common.note_future(ctx, day, "the meeting of")


def _prompt_marks(conn: sqlite3.Connection, day: dt.date) -> list[meetings.Mark]:
    # Members typed in after the meeting are asked about too: the roster is often entered late.
    roll = [m for m in members.all_members(conn) if m.off_roll(day, "the meeting of") is None]
    before = meetings.recorded(conn, day)
    subs = meetings.substitutes(conn, day)
    console.say(f"Attendance for the meeting of {day:%A} {day} ({plural(len(roll), 'member')}).")
    console.say(
        "Answer p(resent), a(bsent), l(ate), m(edical) or s(ubstitute); Enter keeps the value "
        "in [brackets]."
    )

    def named(answer: str) -> str:
        return _common.text(answer, "the substitute's name", multiline=False) or ""

    marks = []
    for member in roll:
        default = before.get(member.id, "present")
        chosen = str(_common.ask(member.name, meetings.status, default=default[0]))
        substitute = None
        if chosen == "substitute":
            substitute = str(_common.ask("  substitute's name", named, default=subs.get(member.id)))
        marks.append(meetings.Mark(member, chosen, substitute))
    return marks


def _report_attendance(result: meetings.AttendResult) -> None:
    day = result.date
    made = " (new meeting)" if result.created_meeting else ""
    console.say(f"Meeting of {day:%A} {day}{made}:")
    for mark in result.marks:
        was = f" (was {mark.previous})" if mark.previous and mark.previous != mark.status else ""
        sub = f" ({mark.substitute})" if mark.substitute else ""
        console.say(f"  {mark.member.name}: {mark.status}{sub}{was}")
    if result.marked_absent:
        names = ", ".join(m.name for m in result.marked_absent)
        console.say(f"  absent: {names}")
    elif not result.marks:
        console.say("  everyone on the roll already has a record; nothing marked")
    if result.joined_later:
        names = ", ".join(m.name for m in result.joined_later)
        console.note(
            f"note: not marked absent, as they joined after {day}: {names} "
            "(name them to record them there; their joined date then moves back)"
        )


def _mount() -> None:
    from leadcli.commands import member_activity, member_quota

    member_quota.register(app)
    member_activity.register(app)


_mount()
