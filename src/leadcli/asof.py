"""The leads as they stood at a past moment, rebuilt from the event log (SPEC 5.3).

A finished week's report is as of the end of that week: an edit, a void, a check, a contact, a
status or an amount logged after that moment is undone here, newest first, so a report already
sent never changes. Within ``as_of(conn, cutoff)`` a temporary ``leads`` table holding that state
shadows the stored one (SQLite reads the temp schema first for a name it holds), so every query of
the report reads through it unchanged; outside it nothing is different. A lead's creation is never
undone: a lead belongs to the week of its meeting, whenever it was typed in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from leadcli import clock

INDEXES = (
    "CREATE INDEX temp.asof_leads_date ON leads (date)",
    "CREATE INDEX temp.asof_leads_giver ON leads (giver_id, date)",
    "CREATE INDEX temp.asof_leads_receiver ON leads (receiver_id, date)",
    "CREATE INDEX temp.asof_leads_parent ON leads (parent_id)",
    "CREATE INDEX temp.asof_leads_closed ON leads (closed_at)",
)
JSON_FIELDS = ("phones", "alt_contacts")


@contextlib.contextmanager
def as_of(conn: sqlite3.Connection, cutoff: dt.datetime) -> Iterator[None]:
    """Inside, ``leads`` holds every lead as it stood at ``cutoff``."""
    # "+id": ordered after the search, so that the search goes through the index of times
    # (ordered by id, SQLite would rather read the whole log backwards).
    later = conn.execute(
        "SELECT lead_id, at, kind, detail FROM lead_events WHERE at > ? AND kind <> 'created' "
        "ORDER BY +id DESC",
        [clock.stamp(cutoff)],
    ).fetchall()
    if not later:
        yield
        return
    columns = {row[1] for row in conn.execute("PRAGMA main.table_info(leads)")}
    conn.execute("CREATE TEMP TABLE leads AS SELECT * FROM main.leads")
    try:
        for statement in INDEXES:
            conn.execute(statement)
        for lead_id, at, kind, detail in later:
            changes = _undo(kind, json.loads(detail), at, columns)
            if changes:
                assignments = ", ".join(f"{k} = ?" for k in changes)
                conn.execute(
                    f"UPDATE temp.leads SET {assignments} WHERE id = ?",
                    [*changes.values(), lead_id],
                )
            if kind == "contacted":
                conn.execute(
                    "UPDATE temp.leads SET status = 'new' WHERE id = ? AND status = 'contacted'",
                    [lead_id],
                )
            if kind == "status":
                conn.execute(
                    "UPDATE temp.leads SET contacted_at = NULL WHERE id = ? AND contacted_at = ?",
                    [lead_id, at],
                )
        yield
    finally:
        conn.execute("DROP TABLE temp.leads")


def _undo(kind: str, detail: dict[str, Any], at: str, columns: set[str]) -> dict[str, Any]:
    """The column values an event's change had replaced."""
    before: dict[str, Any] = {}
    if kind == "contacted":
        before["contacted_at"] = None
    elif kind == "voided" and "voided_at" in columns:
        before["voided_at"] = None
        if "void_reason" in columns:
            before["void_reason"] = None
    elif kind == "status":
        if "from" in detail and "to" in detail:
            before["status"] = detail["from"]
            if detail["to"] in ("won", "lost"):
                before["closed_at"] = None
        _amount(detail, before)
    elif kind == "amount":
        _amount(detail, before)
    for field, value in (detail.get("changes") or {}).items():
        if field in columns:
            before[field] = _stored(field, value[0])
    for field in ("verdict", "score", "status", "released_at"):
        value = detail.get(field)
        if kind in ("edited", "checked") and isinstance(value, list) and len(value) == 2:
            before[field] = value[0]
    return before


def _amount(detail: dict[str, Any], before: dict[str, Any]) -> None:
    amount = detail.get("amount")
    if isinstance(amount, list) and len(amount) == 2:
        before["amount_cents"] = round(amount[0] * 100)
    elif amount is not None:
        before["amount_cents"] = None


def _stored(field: str, value: Any) -> Any:
    if field in JSON_FIELDS:
        return json.dumps(list(value or ()))
    if isinstance(value, bool):
        return int(value)
    return value
