"""`lead add --editor` and `--file`: many slips typed as text, saved together or not at all."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from leadcli import console, db, leads, members, slip
from leadcli.commands import _common, _leads
from leadcli.errors import BadInput, LeadcliError
from leadcli.words import plural

Parser = Callable[[typer.Context, sqlite3.Connection, dict[str, Any]], dict[str, Any]]


def _raw(item: slip.Slip, key: str) -> dict[str, Any]:
    spec = slip.BY_KEY[key]
    value = item.values[key]
    if spec.kind == "fact":
        assert isinstance(value, str)
        return {spec.stored: slip.fact(value, key)}
    return {spec.stored: value}


def values_of(
    ctx: typer.Context, conn: sqlite3.Connection, item: slip.Slip, parse: Parser
) -> tuple[dict[str, Any], list[slip.SlipError]]:
    """A slip's stored values, and an error for each field that does not read."""
    values: dict[str, Any] = {}
    errors = []
    for key in item.values:
        try:
            values.update(parse(ctx, conn, _raw(item, key)))
        except LeadcliError as exc:
            errors.append(slip.SlipError(item.number, item.line_of(key), exc.message, key))
    kind = values.get("type")
    needed = ["type", "from"] + ([] if kind == "general-opportunity" else ["to"])
    for key in needed:
        if key not in item.values:
            errors.append(slip.SlipError(item.number, item.line_of(key), f"{key} is missing", key))
    return values, errors


def save(
    ctx: typer.Context, conn: sqlite3.Connection, slips: list[slip.Slip], parse: Parser
) -> list[tuple[leads.Lead, Any]]:
    """Every slip read and checked, then saved in one transaction; SlipErrors when any fails."""
    settings = _common.settings(ctx)
    now = _common.now(ctx)
    ready, errors = [], []
    for item in slips:
        values, found = values_of(ctx, conn, item, parse)
        errors += found
        ready.append((item, values))
    if errors:
        raise _Errors(errors)
    saved = []
    with db.transaction(conn):
        for item, values in ready:
            values.setdefault("date", leads.default_date(conn, settings, now.date()))
            try:
                saved.append(leads.add(conn, values, settings, now))
            except LeadcliError as exc:
                key = "to" if "--to" in exc.message else None
                line = item.line_of(key) if key else item.first_line
                raise _Errors([slip.SlipError(item.number, line, exc.message, key)]) from None
    return saved


class _Errors(BadInput):
    def __init__(self, errors: list[slip.SlipError]) -> None:
        self.errors = errors
        super().__init__(errors[0].message)


def from_file(ctx: typer.Context, path: Path, parse: Parser) -> list[tuple[leads.Lead, Any]]:
    """Slips read from a file typed elsewhere: the first error names its slip and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read --file {path}: {exc.__class__.__name__}") from None
    conn = _common.conn(ctx)
    total = 1 + sum(1 for line in text.splitlines() if line.strip() == "---")
    try:
        slips = slip.parse(text)
        if not slips:
            raise BadInput(f"--file {path} holds no slip")
        return save(ctx, conn, slips, parse)
    except (_Errors, slip.SlipError) as failed:
        first = failed.errors[0] if isinstance(failed, _Errors) else failed
        raise BadInput(
            f"slip {first.slip} of {max(total, first.slip)}, line {first.line}: {first.reason} "
            "(nothing was saved)"
        ) from None


def from_editor(ctx: typer.Context, parse: Parser) -> list[tuple[leads.Lead, Any]] | None:
    """The slip template in $VISUAL/$EDITOR until it parses; None when cancelled."""
    editor = (os.environ.get("VISUAL") or os.environ.get("EDITOR") or "").strip()
    if not editor:
        raise BadInput("no editor: set $VISUAL or $EDITOR (or read slips with --file PATH)")
    conn = _common.conn(ctx)
    settings = _common.settings(ctx)
    day = leads.default_date(conn, settings, _common.today(ctx))
    roster = [(m.id, m.name, m.category) for m in members.all_members(conn) if m.active]
    blank = slip.template(roster, f"{day:%A} {day}")
    text = blank
    while True:
        edited = _edit(editor, text)
        if not slip.stripped(edited) or slip.stripped(edited) == slip.stripped(blank):
            return None
        try:
            slips = slip.parse(edited)
            return save(ctx, conn, slips, parse)
        except _Errors as failed:
            text = slip.annotate(edited, failed.errors)
        except slip.SlipError as failed:
            text = slip.annotate(edited, [failed])
        count = text.count("\n# error: ")
        console.note(f"{plural(count, 'error')} marked; reopening the editor")


def _edit(editor: str, text: str) -> str:
    handle, name = tempfile.mkstemp(prefix="leadcli-", suffix=".slip")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            done = subprocess.run(["sh", "-c", editor + ' "$@"', editor, str(path)], check=False)
        except OSError as exc:
            raise BadInput(f"the editor {editor!r} could not run: {exc.strerror}") from None
        if done.returncode != 0:
            raise BadInput(
                f"the editor {editor!r} exited with status {done.returncode}; nothing was saved"
            )
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)


def report(saved: list[tuple[leads.Lead, Any]], as_json: bool) -> None:
    if as_json:
        console.write_json([lead.as_json() | {"check": c.as_json(lead.id)} for lead, c in saved])
        return
    console.say(f"Saved {plural(len(saved), 'lead')}:")
    for lead, check in saved:
        console.say(f"  #{lead.id} {check.verdict} {check.score}  {_leads.summary(lead)}")
    waiting = sum(1 for _, c in saved if c.verdict == "INCOMPLETE")
    if waiting:
        console.say(f"{waiting} INCOMPLETE: see `leadcli lead research` for what to ask.")
