"""`leadcli report`: the weekly report and lead quality by source."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from leadcli import console, db, files, leads, reports, sources
from leadcli.commands import _common, _complete
from leadcli.errors import EXIT_ATTENTION, BadInput

app = _common.group()

PIPE_WIDTH = 120


@app.command("weekly")
def weekly(
    ctx: typer.Context,
    week: str | None = typer.Option(
        None,
        "--week",
        metavar="DATE",
        help="A day of the meeting week (default: the week of the latest regular meeting day, recorded or not).",
    ),
    fmt: str = typer.Option(
        "text",
        "--format",
        "-f",
        metavar="FORMAT",
        help="text, markdown, json, csv or html.",
        autocompletion=_complete.report_format,
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (the same as --format json)."),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE (atomically, mode 0600)."
    ),
    check: bool = typer.Option(
        False, "--check", help="Exit 3 when something needs the secretary's attention."
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="With --check: print nothing when nothing needs attention."
    ),
    no_pager: bool = typer.Option(False, "--no-pager", help="Never page the text report."),
    section: str | None = typer.Option(
        None,
        "--section",
        metavar="SECTION",
        help="With --format csv, the table to write: members (default: each member's standing), "
        "leads (the week's leads), attendance (each member's mark at the meeting), sources "
        "or research (the research queue).",
    ),
) -> None:
    """The weekly report of a meeting week. The week's attendance, leads, overdue follow-ups,
    closed business, standings, sources, the research queue, thanks due and updates owed."""
    from leadcli.render import FORMATS, renderer

    if as_json:
        if fmt not in ("text", "json"):
            raise BadInput(f"--json goes without --format {fmt}")
        fmt = "json"
    if fmt not in FORMATS:
        raise BadInput(f"--format takes {', '.join(FORMATS)}, not {fmt!r}")
    options = {"section": _section(section, fmt)} if section is not None else {}
    if quiet and not check:
        raise BadInput("--quiet goes with --check")
    conn = _common.conn(ctx)
    settings = _common.settings(ctx)
    now = _common.now(ctx)
    with db.snapshot(conn):
        if week is None:
            day = reports.default_week(conn, settings, now.date())
        else:
            day = _common.date(ctx, week, "--week")
            note = reports.week_note(conn, settings, day, now.date())
            if note:
                console.note(note)
        report = reports.weekly(conn, settings, day, now)
    attention = bool(report.attention)
    if output is not None:
        files.write_private(output, renderer(fmt)(report, color=False, width=100, **options))
        if not (quiet and not attention):
            console.note(f"Wrote the {fmt} report for the week of {report.start} to {output}")
    elif not (quiet and not attention):
        if fmt == "text" and console.is_terminal(sys.stdout):
            from leadcli.render.text import terminal_text

            console.page(terminal_text(report, console.out()), enabled=not no_pager)
        else:
            sys.stdout.write(renderer(fmt)(report, color=False, width=PIPE_WIDTH, **options))
    if check and attention:
        raise typer.Exit(EXIT_ATTENTION)


def _section(name: str, fmt: str) -> str:
    from leadcli.render.csvfile import SECTIONS

    if fmt != "csv":
        raise BadInput("--section goes with --format csv")
    word = name.strip().lower()
    if word not in SECTIONS:
        raise BadInput(f"--section takes {', '.join(SECTIONS)}, not {name!r}")
    return word


@app.command("sources")
def sources_(
    ctx: typer.Context,
    since: str | None = typer.Option(
        None,
        "--since",
        metavar="DATE",
        help="Start of the period (default: the standing window); it ends with the current "
        "meeting week, as in the weekly report.",
    ),
    by: str = typer.Option(
        "source",
        "--by",
        metavar="KEY",
        autocompletion=_complete.sources_by,
        help="source, giver, type, speed (how soon the first contact came: within 1 hour, "
        "within followup.hours, within 3 days, later, never) or fit (sweet-spot, fit, "
        "off-target).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Lead quality per source, against the period before. Leads, wins, losses, conversion and
    dollars per source."""
    key = sources.key_kind(by)
    settings = _common.settings(ctx)
    start = _common.date(ctx, since, "--since") if since is not None else None
    until = leads.week_of(_common.today(ctx), settings)[1]
    conn = _common.conn(ctx)
    with db.snapshot(conn):
        result = sources.report(conn, key, *sources.period(until, settings, start), settings)
    if as_json:
        console.write_json([row.as_json() for row in result.rows])
        return
    _print_sources(result)


def _print_sources(result: sources.SourceReport) -> None:
    """Every figure when the table fits; on a narrow terminal, leads and conversion beside the
    period before, the amount and the trend (won, lost and open are in --json)."""
    console.say(result.heading)
    out = console.out()
    grid = _sources_table(result, compact=False)
    if console.is_terminal(sys.stdout) and grid.widths(out.width) is None:
        compact = _sources_table(result, compact=True)
        if compact.widths(out.width) is not None:
            grid = compact
    out.print(grid)
    if not result.rows:
        console.say("No leads in either period.")


def _sources_table(result: sources.SourceReport, *, compact: bool) -> Any:
    from leadcli.render.view import money, percent

    trend_styles = {"falling": "bold red", "rising": "green"}
    if compact:
        columns = (result.by, "leads", "before", "conversion", "before", "amount", "trend")
    else:
        columns = (
            result.by,
            "leads",
            "won",
            "lost",
            "open",
            "conversion",
            "amount",
            "leads before",
            "conversion before",
            "trend",
        )
    grid = console.table(*columns, numeric=columns[1:-1])
    for row in result.rows:
        now, before = row.current, row.previous
        if compact:
            figures = [
                str(now.leads),
                str(before.leads),
                percent(now.conversion),
                percent(before.conversion),
                money(now.amount_cents),
            ]
        else:
            figures = [
                *(str(v) for v in (now.leads, now.won, now.lost, now.open)),
                percent(now.conversion),
                money(now.amount_cents),
                str(before.leads),
                percent(before.conversion),
            ]
        grid.add_row(
            console.text(row.key),
            *(console.text(figure) for figure in figures),
            console.text(row.trend, trend_styles.get(row.trend, "")),
        )
    return grid
