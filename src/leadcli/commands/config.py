"""`leadcli config`: the group's settings."""

from __future__ import annotations

import typer

from leadcli import console, db, settings
from leadcli.commands import _common, _complete

app = _common.group()


@app.command("show")
def show(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Every setting with its value."""
    values = _common.settings(ctx)
    if as_json:
        console.write_json(dict(values))
        return
    grid = console.table("setting", "value", "meaning")
    for key, setting in settings.SETTINGS.items():
        console.row(grid, key, settings.show(values[key]), setting.help)
    console.out().print(grid)


@app.command("get")
def get(
    ctx: typer.Context,
    key: str = typer.Argument(
        ..., help="A setting, e.g. attendance.minimum.", autocompletion=_complete.setting
    ),
) -> None:
    """Print one setting's value."""
    values = _common.settings(ctx)
    if key not in settings.SETTINGS:
        settings.validate(key, "")
    console.say(settings.show(values[key]))


@app.command("set")
def set_(
    ctx: typer.Context,
    key: str = typer.Argument(
        ..., help="A setting, e.g. attendance.minimum.", autocompletion=_complete.setting
    ),
    value: str = typer.Argument(..., help="Its new value."),
) -> None:
    """Change one setting (its type and range are checked)."""
    typed = settings.validate(key, value)
    conn = _common.conn(ctx)
    with db.transaction(conn):
        settings.store(conn, {key: typed})
    console.say(f"{key} = {settings.show(typed)}")
