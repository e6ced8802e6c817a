"""`leadcli init` and `leadcli demo`."""

from __future__ import annotations

from pathlib import Path

import typer

from leadcli import console, db
from leadcli.commands import _common, _complete
from leadcli.words import plural

# Each command on its own, for the root to load when it is named (see cli.COMMANDS).
init_app = _common.group()
demo_app = _common.group()


def init(
    ctx: typer.Context,
    name: str | None = typer.Option(None, "--name", help="The group's name."),
    preset: str = typer.Option(
        "networks",
        "--preset",
        help="Standards to start from: networks, bni, letip or leadsclub.",
        autocompletion=_complete.preset,
    ),
) -> None:
    """Create the group file and set its standards from a preset."""
    from leadcli import groups

    values = groups.init_values(name, preset)
    state = _common.state(ctx)
    conn = state.conn()
    with db.transaction(conn):
        groups.init(conn, values)
    state.forget_settings()
    console.say(f"Created group {values['group.name']!r} (preset {preset}) in {state.path}")
    settings = state.settings()
    console.say(
        f"Standards: attendance {settings.number('attendance.minimum'):.0%} over "
        f"{plural(settings.integer('attendance.window_weeks'), 'week')}, "
        f"{settings.number('quota.leads_per_week'):g} lead credits a week, "
        f"follow-up within {plural(settings.integer('followup.hours'), 'hour')}; "
        f"meetings on {settings.text('group.meeting_day').capitalize()} at "
        f"{settings.text('group.meeting_time')}"
    )
    if not settings.text("group.timezone"):
        from leadcli import clock

        here = clock.zone().tzname(None) or "the system's"
        console.say(
            f"Times are in this computer's time zone ({here}); to fix one, "
            "leadcli config set group.timezone America/Los_Angeles (for example)"
        )


def demo(
    ctx: typer.Context,
    db_path: Path | None = typer.Option(
        None, "--db", metavar="PATH", help="Where to build it (default: a new file in a temp dir)."
    ),
    members: int = typer.Option(24, "--members", min=2, max=500, help="How many members."),
    weeks: int = typer.Option(52, "--weeks", min=1, max=2000, help="How many weeks of meetings."),
    seed: int = typer.Option(7, "--seed", help="Random seed: the same seed builds the same group."),
    preset: str = typer.Option(
        "networks",
        "--preset",
        help="Standards: networks, bni (a chapter by traffic lights), letip or leadsclub.",
        autocompletion=_complete.preset,
    ),
) -> None:
    """Build a realistic sample group and print its weekly report."""
    from leadcli.commands import demo_output

    demo_output.run(ctx, db_path, members=members, weeks=weeks, seed=seed, preset=preset)


init_app.command("init")(init)
demo_app.command("demo")(demo)
