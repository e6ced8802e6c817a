"""Setting up a group: presets applied once, at `init`."""

from __future__ import annotations

import json
import sqlite3

from leadcli import parse, settings
from leadcli.errors import Conflict

PRESET_KEY = "group.preset"


def init_values(name: str | None, preset: str) -> dict[str, settings.Value]:
    values = settings.preset(preset)
    if name is not None:
        values["group.name"] = parse.clean(name, "--name", multiline=False, required=True)
    values.setdefault("group.name", settings.SETTINGS["group.name"].default)
    return values | {PRESET_KEY: preset}


def preset_of(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", [PRESET_KEY]).fetchone()
    return json.loads(row[0]) if row else None


def init(conn: sqlite3.Connection, values: dict[str, settings.Value]) -> None:
    """Store a preset's standards; refused when the group was set up already. In a transaction."""
    existing = preset_of(conn)
    if existing is not None:
        name = settings.load(conn).text("group.name")
        raise Conflict(
            f"this file is already set up as {name!r} (preset {existing}); "
            "change its settings with `leadcli config set`"
        )
    preset = values.pop(PRESET_KEY)
    settings.store(conn, values)
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)", [PRESET_KEY, json.dumps(preset)]
    )
