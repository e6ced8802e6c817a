"""The change log of the roster, meetings and attendance (SPEC 5.3).

Before a write changes a member, a meeting or an attendance mark, the row as it stood is logged
(none: the row is new) with the moment it was recorded. A finished week's report undoes, newest
first, what was recorded after the week (asof.py): what was known at the end of the week is what
the week shows. The log is append-only; rows older than the log are read as they are.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from leadcli import clock

KEYS: dict[str, tuple[str, ...]] = {
    "members": ("id",),
    "meetings": ("date",),
    "attendance": ("meeting", "member_id"),
}


def keep(conn: sqlite3.Connection, table: str, key: Sequence[Any]) -> None:
    """Log the row of ``table`` with ``key`` as it stands now, before it is changed or made."""
    where = " AND ".join(f"{column} = ?" for column in KEYS[table])
    cursor = conn.execute(f"SELECT * FROM main.{table} WHERE {where}", list(key))
    row = cursor.fetchone()
    before = (
        None if row is None else dict(zip([d[0] for d in cursor.description], row, strict=True))
    )
    log(conn, table, key, before)


def log(
    conn: sqlite3.Connection, table: str, key: Sequence[Any], before: dict[str, Any] | None
) -> None:
    """Log that the row with ``key`` was ``before`` (None: it did not exist) until now."""
    log_many(conn, table, [(key, before)])


def log_many(
    conn: sqlite3.Connection,
    table: str,
    rows: Sequence[tuple[Sequence[Any], dict[str, Any] | None]],
) -> None:
    """``log`` for many rows of ``table`` (key, row before), in one statement."""
    if not rows:
        return
    stamp = clock.stamp(clock.now())
    conn.executemany(
        "INSERT INTO changes (at, tbl, key, before) VALUES (?, ?, ?, ?)",
        [
            (stamp, table, json.dumps(list(key)), None if before is None else json.dumps(before))
            for key, before in rows
        ],
    )


Change = tuple[str, "dict[str, Any] | None"]


def since(
    conn: sqlite3.Connection, moment: dt.datetime
) -> dict[str, dict[tuple[Any, ...], list[Change]]]:
    """Per table and row, each change recorded after ``moment``, oldest first: when, and the row
    before it (the first is the row as it stood at ``moment``; None: not recorded yet)."""
    found: dict[str, dict[tuple[Any, ...], list[Change]]] = {t: {} for t in KEYS}
    # Stamps carry the offset of the zone they were made in: compared as moments, not as text.
    rows = conn.execute(
        "SELECT tbl, key, at, before FROM main.changes WHERE at >= ? ORDER BY id",
        [(moment - dt.timedelta(days=1)).date().isoformat()],
    )
    for table, key, at, before in rows:
        if dt.datetime.fromisoformat(at) <= moment:
            continue
        found[table].setdefault(tuple(json.loads(key)), []).append(
            (at, None if before is None else json.loads(before))
        )
    return found
