"""Build the sample group and print what a secretary would look at."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer

from leadcli import console, db
from leadcli.commands import _common
from leadcli.errors import Conflict


def run(ctx: typer.Context, db_path: Path | None, *, members: int, weeks: int, seed: int) -> None:
    from leadcli import demo

    state = _common.state(ctx)
    target = db_path or state.db_option
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="leadcli-demo-")) / "demo.db"
    target = target.expanduser()
    if target.exists() and target.stat().st_size > 0:
        raise Conflict(f"{target} exists; the demo builds a new file (name another path)")
    state.db_option = target
    conn = state.conn()
    summary = demo.build(conn, members=members, weeks=weeks, seed=seed)
    state.forget_settings()
    console.note(
        f"Built a demo group in {target}: {summary.members} members, {summary.meetings} meetings, "
        f"{summary.leads} leads (seed {seed})."
    )
    console.note(f"Explore it with: leadcli --db {target} member list")
    from leadcli.commands import meeting

    meeting.list_(ctx, since=None, last=6, as_json=False)
    del db
