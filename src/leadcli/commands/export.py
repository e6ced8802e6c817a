"""`leadcli export`: members, leads or attendance as CSV or JSON, the columns import reads."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from leadcli import console, files
from leadcli.commands import _common, _complete
from leadcli.errors import BadInput
from leadcli.words import plural

app = _common.group()

FORMAT = typer.Option(
    "csv",
    "--format",
    "-f",
    metavar="FORMAT",
    help="csv (default) or json.",
    autocompletion=_complete.export_format,
)
OUTPUT = typer.Option(
    None,
    "--output",
    "-o",
    metavar="FILE",
    help="Write to FILE (atomically, mode 0600) instead of stdout.",
)
NOUNS = {
    "members": "members",
    "attendance": "attendance records",
    "leads": "leads",
    "activity": "activity records",
}


@app.command("members")
def members_(ctx: typer.Context, fmt: str = FORMAT, output: Path | None = OUTPUT) -> None:
    """Members: name, category, business, phone, email, joined, left."""
    _export(ctx, "members", fmt, output)


@app.command("attendance")
def attendance(ctx: typer.Context, fmt: str = FORMAT, output: Path | None = OUTPUT) -> None:
    """Attendance, one row per member and meeting. Columns: date, member, status, substitute."""
    _export(ctx, "attendance", fmt, output)


@app.command("leads")
def leads_(ctx: typer.Context, fmt: str = FORMAT, output: Path | None = OUTPUT) -> None:
    """Leads, with the `lead add` options as columns. The id comes first; parent is an id."""
    _export(ctx, "leads", fmt, output)


@app.command("activity")
def activity(ctx: typer.Context, fmt: str = FORMAT, output: Path | None = OUTPUT) -> None:
    """One-to-ones, CEUs and testimonials (void ones left out). Columns: date, kind, member,
    with, count."""
    _export(ctx, "activity", fmt, output)


@app.command("palms")
def palms(
    ctx: typer.Context,
    week: str | None = typer.Option(
        None, "--week", metavar="DATE", help="A day of the meeting week (default: the latest)."
    ),
    fmt: str = FORMAT,
    output: Path | None = OUTPUT,
) -> None:
    """The PALMS weekly sheet, a row per member. Each row has P, A, L, M, S and the week's
    referrals given and received, visitors, one-to-ones, testimonials, CEUs and closed business."""
    from leadcli import db, meetings
    from leadcli.transfer import palms as sheet
    from leadcli.transfer import writing

    if fmt not in ("csv", "json"):
        raise BadInput(f"--format takes csv or json, not {fmt!r}")
    conn, settings = _common.conn(ctx), _common.settings(ctx)
    day = (
        _common.date(ctx, week, "--week")
        if week is not None
        else meetings.default_day(conn, settings.meeting_weekday, _common.today(ctx))
    )
    with db.snapshot(conn):
        rows = list(sheet.sheet(conn, settings, day))
    if fmt == "json":
        text = writing.to_json(rows)
    else:
        money = [row | {"closed_business": f"{row['closed_business']:.2f}"} for row in rows]
        text = writing.to_csv(sheet.COLUMNS, money)
    if output is None:
        sys.stdout.write(text)
        return
    files.write_private(output, text)
    console.note(
        f"Wrote the PALMS sheet of the week of {day} ({plural(len(rows), 'member')}) to {output}"
    )


def _export(ctx: typer.Context, kind: str, fmt: str, output: Path | None) -> None:
    from leadcli import transfer

    if fmt not in transfer.FORMATS:
        raise BadInput(f"--format takes csv or json, not {fmt!r}")
    conn = _common.conn(ctx)
    if output is None:
        transfer.export_to(conn, kind, fmt, sys.stdout)
        return
    with files.private_file(output) as handle:
        count = transfer.export_to(conn, kind, fmt, handle)
    console.note(f"Wrote {count} {NOUNS[kind]} to {output}")
