"""`leadcli db`: back up the group file, check it, and say what it holds."""

from __future__ import annotations

from pathlib import Path

import typer

from leadcli import console
from leadcli.commands import _common
from leadcli.errors import LeadcliError

app = _common.group()


@app.command("backup")
def backup_(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="PATH", help="Where to write the copy."),
    force: bool = typer.Option(False, "--force", help="Replace PATH if it exists."),
) -> None:
    """Copy the group file to PATH, verified. It uses the SQLite backup API; the copy has mode
    0600.

    Safe while other leadcli processes read or write the file. The copy is written beside
    PATH and renamed into place once its integrity check passes.
    """
    from leadcli import backup

    state = _common.state(ctx)
    result = backup.backup(state.conn(), state.path, path, force=force)
    verb = "Replaced" if result.replaced else "Wrote"
    console.say(f"{verb} {result.path}: a verified copy of {state.path} ({result.size} bytes)")


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Check the group file's integrity and schema. Integrity, foreign keys, and migrations
    recorded against this leadcli's.

    Exits 1 when any check finds a problem. The file is only read.
    """
    from leadcli import backup

    path = _common.state(ctx).path
    report = backup.check(path)
    console.say(f"Checking {path}")
    for result in report.checks:
        console.say(f"{result.name}: {result.summary}")
        for detail in result.details:
            console.say(f"  {detail}")
    if report.damaged:
        raise LeadcliError(f"{report.damaged}; restore it from a backup")
    failed = {r.name: r for r in report.checks if not r.ok}
    if "integrity" in failed:
        found = failed["integrity"].summary
        raise LeadcliError(f"{path} is damaged (integrity: {found}); restore it from a backup")
    if failed:
        found = "; ".join(f"{r.name}: {r.summary}" for r in failed.values())
        raise LeadcliError(f"{path} has problems ({found})")


@app.command("info")
def info(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """The file's path, size, schema version and record counts."""
    from leadcli import backup, db

    state = _common.state(ctx)
    found = backup.info(state.conn(), state.path)
    if as_json:
        console.write_json(found.as_json())
        return
    latest = " (up to date)" if found.schema_version == db.SCHEMA_VERSION else ""
    grid = console.table("field", "value")
    for label, value in (
        ("path", str(found.path)),
        ("size", f"{found.size} bytes"),
        ("schema version", f"{found.schema_version}{latest}"),
        ("members", f"{found.members_active} active, {found.members_all} in all"),
        ("meetings", str(found.meetings)),
        ("attendance", f"{found.attendance} records"),
        ("leads", str(found.leads)),
        ("lead events", str(found.lead_events)),
    ):
        console.row(grid, label, value)
    console.out().print(grid)
