"""`leadcli import`: members, leads or attendance from a CSV file, all rows or none."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from leadcli import console
from leadcli.commands import _common

if TYPE_CHECKING:
    from leadcli.transfer import Progress

app = _common.group()

FILE = typer.Argument(
    ..., metavar="FILE", help="A CSV file: UTF-8 (with or without BOM), a header row."
)
DRY_RUN = typer.Option(
    False, "--dry-run", help="Check every row and say what would be written; write nothing."
)


@app.command("members")
def members_(ctx: typer.Context, file: Path = FILE, dry_run: bool = DRY_RUN) -> None:
    """Add members from CSV. Columns: name, category, business, phone, email, joined (and left)."""
    _import(ctx, "members", file, dry_run)


@app.command("attendance")
def attendance(ctx: typer.Context, file: Path = FILE, dry_run: bool = DRY_RUN) -> None:
    """Record attendance from CSV, as rows or a PALMS matrix. Rows: date, member, status (and
    substitute).

    The PALMS matrix has a member column and one column per meeting date holding
    P, A, L, M or S (blank: not recorded).
    """
    _import(ctx, "attendance", file, dry_run)


@app.command("leads")
def leads_(ctx: typer.Context, file: Path = FILE, dry_run: bool = DRY_RUN) -> None:
    """Add leads from CSV, each checked against the rules. The `lead add` options are the
    columns."""
    _import(ctx, "leads", file, dry_run)


@app.command("activity")
def activity(ctx: typer.Context, file: Path = FILE, dry_run: bool = DRY_RUN) -> None:
    """Record one-to-ones, CEUs and testimonials from CSV. Columns: date, kind, member, with,
    count."""
    _import(ctx, "activity", file, dry_run)


def _import(ctx: typer.Context, kind: str, path: Path, dry_run: bool) -> None:
    from leadcli import transfer

    with transfer.CsvFile(path) as source:
        settings = _common.settings(ctx)
        inputs = transfer.Inputs.of(settings, _common.now(ctx))
        job = transfer.prepare(kind, source, inputs, settings)
        if job.ignored:
            console.note(f"Note: columns not imported: {', '.join(job.ignored)}")
        with _progress() as progress:
            try:
                summary = transfer.run(_common.conn(ctx), job, dry_run=dry_run, progress=progress)
            except transfer.BadRows as exc:
                for line in exc.lines():
                    console.error(line)
                raise
    details = f" ({'; '.join(summary.details)})" if summary.details else ""
    if dry_run:
        console.say(f"Dry run of {path}: {summary.sentence(True)}{details}; nothing was written")
    else:
        sentence = summary.sentence(False)
        console.say(f"{sentence[0].upper()}{sentence[1:]} from {path}{details}")


# A progress bar appears once an import has run this long (a short one never flashes one).
SHOW_AFTER = 2.0


@contextlib.contextmanager
def _progress() -> Iterator[Progress | None]:
    """A progress bar on stderr, only when stderr is a terminal and the import takes a while."""
    if not console.is_terminal(sys.stderr):
        yield None
        return
    import time

    started = time.monotonic()
    bar: Any = None
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int | None) -> None:
        nonlocal bar
        if bar is None:
            if time.monotonic() - started < SHOW_AFTER:
                return
            bar = _bar()
            bar.start()
        if stage not in tasks:
            tasks[stage] = bar.add_task("reading" if stage == "read" else "checking", total=total)
        bar.update(tasks[stage], completed=done, total=total)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()


def _bar() -> Any:
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%", markup=False),
        TimeRemainingColumn(),
        console=console.make_console(stderr=True),
        transient=True,
    )
