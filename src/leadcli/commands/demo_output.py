"""Build the sample group, then print its weekly report."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

import typer

from leadcli import console, db, files, reports
from leadcli.commands import _common
from leadcli.errors import Conflict


def run(
    ctx: typer.Context,
    db_path: Path | None,
    *,
    members: int,
    weeks: int,
    seed: int,
    preset: str = "networks",
) -> None:
    """Never writes into the user's default file: only a path named with --db, else a temp dir."""
    from leadcli import demo, settings

    settings.preset(preset)  # an unknown preset is refused before anything is created
    state = _common.state(ctx)
    target = db_path or state.db_option
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="leadcli-demo-")) / "demo.db"
    target = target.expanduser()
    if target.exists() and target.stat().st_size > 0:
        raise Conflict(f"{target} exists; the demo builds a new file (name another path)")
    if target.is_symlink():
        # Renaming the built file into place would replace the link, not make what it names.
        raise Conflict(
            f"{target} is a link to {os.readlink(target)}, which does not exist; "
            "the demo builds a new file (name another path)"
        )
    # Built in a temporary file beside the target and renamed into place when complete: an
    # interrupted demo leaves nothing that blocks the next one.
    made = db.make_directories(target.parent)
    try:
        with files.temporary(target) as building:
            building.unlink()
            state.db_option = building
            summary = demo.build(
                state.conn(), members=members, weeks=weeks, seed=seed, preset=preset
            )
            state.close()
            os.replace(building, target)
    except BaseException:
        for directory in reversed(made):
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise
    state.db_option = target
    state.forget_settings()
    conn = state.conn()
    now = _common.now(ctx)
    with db.snapshot(conn):
        report = reports.weekly(
            conn, state.settings(), reports.default_week(conn, state.settings(), now.date()), now
        )
    if console.is_terminal(sys.stdout):
        from leadcli.render.text import renderables

        out = console.out()
        for item in renderables(report):
            out.print(item)
    else:
        from leadcli.render.text import render

        sys.stdout.write(render(report, width=120))
    console.note(
        f"Built a demo group in {target}: {summary.members} members, {summary.meetings} meetings, "
        f"{summary.leads} leads (seed {seed}"
        + (f", preset {preset})." if preset != "networks" else ").")
    )
    console.note(
        f"Try: {_command()} --db {target} member quota   "
        "(or lead list, lead check --week wed, report sources)"
    )


def _command() -> str:
    """How to run leadcli again: its name when it is on PATH, else the path it was run by."""
    import shutil
    from pathlib import Path

    ran = Path(sys.argv[0])
    found = shutil.which("leadcli")
    if ran.name == "leadcli" and (found is None or Path(found).resolve() != ran.resolve()):
        return str(ran)
    return "leadcli"
