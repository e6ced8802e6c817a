"""What every command shares: the open group file, its settings, dates, and prompting rules."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from leadcli import clock, db, parse
from leadcli.errors import BadInput
from leadcli.settings import Settings

T = TypeVar("T")


class State:
    """Per-invocation state, kept on the Typer context."""

    __slots__ = ("db_option", "_conn", "_settings")

    def __init__(self, db_option: Path | None = None) -> None:
        self.db_option = db_option
        self._conn: sqlite3.Connection | None = None
        self._settings: Settings | None = None

    @property
    def path(self) -> Path:
        return db.resolve_path(self.db_option)

    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = db.connect(self.path)
        return self._conn

    def settings(self) -> Settings:
        if self._settings is None:
            from leadcli import settings

            self._settings = settings.load(self.conn())
        return self._settings

    def forget_settings(self) -> None:
        self._settings = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def group() -> typer.Typer:
    """A command group (its help text lives in cli.GROUPS)."""
    return typer.Typer(
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def conn(ctx: typer.Context) -> sqlite3.Connection:
    return state(ctx).conn()


def settings(ctx: typer.Context) -> Settings:
    return state(ctx).settings()


def now(ctx: typer.Context) -> dt.datetime:
    return clock.now(settings(ctx).tz)


def today(ctx: typer.Context) -> dt.date:
    return now(ctx).date()


def past_day(ctx: typer.Context, text: str | None, field: str, event: str) -> dt.date:
    """The day ``field`` names (default: today); a day still to come is refused, as no
    ``event`` has happened on it yet."""
    day = date(ctx, text, field) if text is not None else today(ctx)
    if day > today(ctx):
        raise BadInput(f"{field} {day} is in the future; record {event} on or after the day")
    return day


def date(ctx: typer.Context, text: str, field: str) -> dt.date:
    return parse.date(
        text, today=today(ctx), order=settings(ctx).text("group.date_order"), field=field
    )


def week_of(ctx: typer.Context, text: str) -> tuple[dt.date, dt.date]:
    """The meeting week containing the day typed (``--week``), said on stderr."""
    from leadcli import console

    start, end = clock.meeting_week(settings(ctx).meeting_weekday, date(ctx, text, "--week"))
    console.note(f"Meeting week {start:%a} {start} to {end:%a} {end}")
    return start, end


def optional_date(ctx: typer.Context, text: str | None, field: str) -> dt.date | None:
    return None if text is None else date(ctx, text, field)


def moment(ctx: typer.Context, text: str | None, field: str = "--at", **kw: Any) -> dt.datetime:
    if text is None:
        return now(ctx)
    return parse.moment(
        text, now=now(ctx), order=settings(ctx).text("group.date_order"), field=field, **kw
    )


def phone(ctx: typer.Context, text: str | None, field: str = "--phone") -> str | None:
    if text is None or not text.strip():
        return None
    return parse.phone(text, region=settings(ctx).text("group.region"), field=field)


def email(text: str | None, field: str = "--email") -> str | None:
    if text is None or not text.strip():
        return None
    return parse.email(text, field=field)


def text(value: str | None, field: str, *, multiline: bool = True) -> str | None:
    if value is None:
        return None
    cleaned = parse.clean(value, field, multiline=multiline)
    return cleaned or None


def note_off_day(ctx: typer.Context, day: dt.date) -> None:
    """Say so when a meeting day is not the group's regular meeting weekday."""
    group = settings(ctx)
    if day.weekday() != group.meeting_weekday:
        from leadcli import console

        regular = group.text("group.meeting_day").capitalize()
        console.note(f"note: {day} is a {day:%A}; the group meets on {regular}s")


def note_future(ctx: typer.Context, day: dt.date, what: str) -> None:
    """Say so when a day that is usually past is still to come (a slip such as 11/18/99)."""
    if day > today(ctx):
        from leadcli import console

        console.note(f"note: {what} {day} is in the future")


def backdated(people: list[Any], day: dt.date) -> list[str]:
    """Notes for the members recorded at the meeting of ``day`` who were typed in after it:
    recording them moves their joined date back to that meeting."""
    return [
        f"note: {m.name} {'first joined' if m.earlier else 'joined'} {m.first_joined}; "
        f"the {'first joined' if m.earlier else 'joined'} date is now {day}, the meeting recorded"
        for m in people
        if day < m.first_joined
    ]


# The one prompt every command asks through, so that all behave alike.
CLEAR = "-"


def ask(
    label: str,
    read: Callable[[str], T] | None = None,
    *,
    default: str | None = None,
    optional: bool = False,
    clearable: bool = False,
    blank: str = "an answer is needed here",
) -> T | str | None:
    """Ask until the answer reads: ``read(answer)`` (the answer itself without ``read``).

    The answer is judged at once, blank and whitespace included, and a refused one is asked
    again with its reason in one line. Enter takes ``default`` (shown as ``[default]``) when
    there is one; else it skips an ``optional`` question (None) and is refused for the others.
    A ``clearable`` question takes ``-`` to clear the value (None). ``blank`` says why a blank
    answer is refused. Ctrl-D ends the run as Ctrl-C does: nothing written.
    """
    from leadcli import console
    from leadcli.errors import LeadcliError

    shown = f" [{console.literal(default)}]" if default else ""
    label = console.literal(label)
    prompt = f"{label}{shown} " if label.endswith("?") else f"{label}{shown}: "
    while True:
        try:
            answer = input(prompt).strip()
        except EOFError:
            sys.stdout.write("\n")
            raise typer.Abort() from None
        except BaseException:  # Ctrl-C: the message that follows starts a line of its own
            sys.stdout.write("\n")
            sys.stdout.flush()
            raise
        if clearable and answer == CLEAR:
            return None
        if not answer:
            if default:
                answer = default
            elif optional:
                return None
            else:
                console.note(f"{blank}; try again")
                continue
        try:
            return read(answer) if read is not None else answer
        except LeadcliError as exc:
            console.note(f"{exc.message}; try again")


def interactive() -> bool:
    """Prompts are allowed only with a terminal on stdin."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def missing(names: list[str]) -> BadInput:
    return BadInput(f"missing {', '.join(names)} (no terminal to ask on)")
