"""The lead event log: every change to a lead appended, never rewritten (SPEC 2)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping, Sequence
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
    log_many(conn, at, kind, [(lead_id, detail)], note)


def log_many(
    conn: sqlite3.Connection,
    at: dt.datetime,
    kind: str,
    details: Sequence[tuple[int, Mapping[str, Any] | None]],
    note: str | None = None,
) -> None:
    """Append an event of the same moment and kind to the history of each lead, in order."""
    stamp, recorded = clock.stamp(at), clock.stamp(clock.now(at.tzinfo))
    conn.executemany(
        "INSERT INTO lead_events (lead_id, at, kind, detail, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (lead_id, stamp, kind, json.dumps(dict(detail or {})), note, recorded)
            for lead_id, detail in details
        ],
    )


def log_query(conn: sqlite3.Connection, at: dt.datetime, kind: str, table: str, order: str) -> None:
    """``log_many`` for the leads of ``table`` (its columns ``id`` and ``detail``, JSON text),
    in the ``order`` given: the events are written without passing through Python."""
    stamp, recorded = clock.stamp(at), clock.stamp(clock.now(at.tzinfo))
    conn.execute(
        "INSERT INTO lead_events (lead_id, at, kind, detail, note, recorded_at) "
        f"SELECT id, ?, ?, detail, NULL, ? FROM {table} ORDER BY {order}",
        [stamp, kind, recorded],
    )
