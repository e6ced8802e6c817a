"""The lead event log: every change to a lead appended, never rewritten (SPEC 2)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from leadcli import clock


def log(
    conn: sqlite3.Connection,
    lead_id: int,
    at: dt.datetime,
    kind: str,
    detail: Mapping[str, Any] | None = None,
    note: str | None = None,
) -> None:
    """Append an event to a lead's history (never rewritten)."""
    conn.execute(
        "INSERT INTO lead_events (lead_id, at, kind, detail, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        [
            lead_id,
            clock.stamp(at),
            kind,
            json.dumps(dict(detail or {})),
            note,
            clock.stamp(clock.now(at.tzinfo)),
        ],
    )
