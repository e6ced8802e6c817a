"""The group as it stood at a past moment: what was known then is what a finished week shows (SPEC 5.3).

Inside ``as_of(conn, cutoff)``, temporary views shadow the stored tables of the same names (SQLite
reads the temp schema first), so every query of the report and of the standing reads the past
unchanged. A change recorded after the cutoff is left out, whatever moment it names:

- an edit, a void, a check, a contact, a status or an amount recorded later is undone from the
  lead history (``lead_events``), newest first, and the history itself ends at the cutoff (a
  contact recorded later with ``--at`` inside the week counts from when it was recorded);
- members, meetings and attendance are rebuilt from the change log (changes.py): a mark
  corrected, a member edited, back-dated or leaving later are undone, and so are members added
  later and marks added later to a meeting already recorded;
- a one-to-one, CEU or testimonial voided later is not void.

Records typed in for the first time after their week still belong to it: a lead typed in late
(from the slips of its meeting), a meeting whose attendance was typed in only after its week, the
roster typed in when the group starts using leadcli (no member was on record at the cutoff).

Only the rows changed after the cutoff are rebuilt (a temp table per table), and the views read
every other row straight from the stored table through its indexes: the cost follows what changed
since the moment, or the leads dated before it, whichever is smaller, never the whole history.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from leadcli import changes, clock

JSON_FIELDS = ("phones", "alt_contacts")
# Changed leads are found from the smaller side: the events after the moment, or the leads before it.
PROBE = 5000


@contextlib.contextmanager
def as_of(conn: sqlite3.Connection, cutoff: dt.datetime) -> Iterator[None]:
    """Inside, the tables read as they stood at ``cutoff``."""
    stamp = clock.stamp(cutoff)
    made: list[str] = []
    ended = False
    try:
        _leads(conn, stamp, cutoff.date(), made)
        for table, history in changes.since(conn, cutoff).items():
            rows = _as_recorded(conn, table, history)
            if rows:
                _rebuild(conn, table, changes.KEYS[table], rows, made)
        _voids(conn, "activity", stamp, made)
        yield
        ended = True
    finally:
        for name in reversed(made):
            try:
                conn.execute(f"DROP {name}")
            except sqlite3.OperationalError:
                # A failure inside left a query open on a view ("table is locked"): the error
                # that ended the block is the one to report, not this one.
                if ended:
                    raise


def _as_recorded(
    conn: sqlite3.Connection, table: str, history: dict[tuple[Any, ...], list[changes.Change]]
) -> dict[tuple[Any, ...], dict[str, Any] | None]:
    """Each changed row as the week shows it (None: not there).

    A row that stood at the moment is put back as it stood. A row first recorded later belongs to
    the week when nothing of its kind was recorded by the moment (the roster typed in when the
    group starts, a meeting typed in only after its week), as it stood at the end of the day it
    was typed in. Otherwise (a member added later, a mark added to a meeting already recorded,
    or on a later day than the first) it is not there.
    """
    late = {key: steps[0][0][:10] for key, steps in history.items() if steps[0][1] is None}
    welcome: set[tuple[Any, ...]] = set()
    if table == "meetings":
        welcome = set(late)
    elif table == "members" and late:
        count = conn.execute("SELECT count(*) FROM main.members").fetchone()[0]
        if count == len(late):
            welcome = _first_day(late)
    elif table == "attendance" and late:
        days = sorted({key[0] for key in late})
        marks = dict(
            conn.execute(
                "SELECT meeting, count(*) FROM main.attendance "
                "WHERE meeting IN (SELECT value FROM json_each(?)) GROUP BY meeting",
                [json.dumps(days)],
            ).fetchall()
        )
        for day in days:
            typed = {key: on for key, on in late.items() if key[0] == day}
            if marks.get(day, 0) == len(typed):
                welcome |= _first_day(typed)
    rows: dict[tuple[Any, ...], dict[str, Any] | None] = {}
    for key, steps in history.items():
        if key not in welcome:
            rows[key] = steps[0][1]
            continue
        typed = steps[0][0][:10]
        later = [before for at, before in steps[1:] if at[:10] > typed]
        if later:
            rows[key] = later[0]  # as it stood at the end of the day it was typed in
    return rows


def _first_day(typed: dict[tuple[Any, ...], str]) -> set[tuple[Any, ...]]:
    """The rows typed in on the first day any of them was."""
    first = min(typed.values())
    return {key for key, day in typed.items() if day == first}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]


def _rebuild(
    conn: sqlite3.Connection,
    table: str,
    key: Sequence[str],
    rows: dict[tuple[Any, ...], dict[str, Any] | None],
    made: list[str],
) -> None:
    """Shadow ``table`` with ``rows`` (None: absent then) in place of the stored ones of those keys."""
    columns = _columns(conn, table)
    listed = ", ".join(columns)
    keys = ", ".join(key)
    conn.execute(f"CREATE TEMP TABLE asof_{table} AS SELECT {listed} FROM main.{table} WHERE 0")
    made.append(f"TABLE temp.asof_{table}")
    conn.execute(f"CREATE TEMP TABLE asof_{table}_keys AS SELECT {keys} FROM main.{table} WHERE 0")
    made.append(f"TABLE temp.asof_{table}_keys")
    conn.executemany(
        f"INSERT INTO temp.asof_{table}_keys VALUES ({', '.join('?' * len(key))})", list(rows)
    )
    conn.execute(f"CREATE UNIQUE INDEX temp.asof_{table}_key ON asof_{table}_keys ({keys})")
    kept = [row for row in rows.values() if row is not None]
    if kept:
        conn.executemany(
            f"INSERT INTO temp.asof_{table} VALUES ({', '.join('?' * len(columns))})",
            [[row.get(c) for c in columns] for row in kept],
        )
    match = key[0] if len(key) == 1 else f"({keys})"
    conn.execute(
        f"CREATE TEMP VIEW {table} AS SELECT {listed} FROM main.{table} "
        f"WHERE {match} NOT IN (SELECT {keys} FROM temp.asof_{table}_keys) "
        f"UNION ALL SELECT {listed} FROM temp.asof_{table}"
    )
    made.append(f"VIEW temp.{table}")


def _voids(conn: sqlite3.Connection, table: str, stamp: str, made: list[str]) -> None:
    """Shadow ``table`` with the voids recorded after ``stamp`` undone."""
    if not conn.execute(
        f"SELECT 1 FROM main.{table} WHERE voided_at > ? LIMIT 1", [stamp]
    ).fetchone():
        return
    quoted = _quoted(stamp)
    shown = [
        f"CASE WHEN voided_at > {quoted} THEN NULL ELSE {c} END AS {c}"
        if c in ("voided_at", "void_reason")
        else c
        for c in _columns(conn, table)
    ]
    conn.execute(f"CREATE TEMP VIEW {table} AS SELECT {', '.join(shown)} FROM main.{table}")
    made.append(f"VIEW temp.{table}")


def _quoted(stamp: str) -> str:
    return "'" + stamp.replace("'", "''") + "'"


def _leads(conn: sqlite3.Connection, stamp: str, day: dt.date, made: list[str]) -> None:
    """Shadow ``leads`` and ``lead_events`` with what was recorded by ``stamp``."""
    if not conn.execute(
        "SELECT 1 FROM main.lead_events WHERE recorded_at > ? AND kind <> 'created' LIMIT 1",
        [stamp],
    ).fetchone():
        return
    conn.execute(
        "CREATE TEMP VIEW lead_events AS SELECT * FROM main.lead_events "
        f"WHERE recorded_at <= {_quoted(stamp)} OR kind = 'created'"
    )
    made.append("VIEW temp.lead_events")
    changed = _changed(conn, stamp, day)
    columns = set(_columns(conn, "leads"))
    rows: dict[tuple[Any, ...], dict[str, Any] | None] = {}
    for start in range(0, len(changed), 500):
        chunk = json.dumps(changed[start : start + 500])
        cursor = conn.execute(
            "SELECT * FROM main.leads WHERE id IN (SELECT value FROM json_each(?))", [chunk]
        )
        names = [d[0] for d in cursor.description]
        for values in cursor:
            lead = dict(zip(names, values, strict=True))
            rows[(lead["id"],)] = lead
        later = conn.execute(
            "SELECT lead_id, at, kind, detail FROM main.lead_events "
            "WHERE lead_id IN (SELECT value FROM json_each(?)) AND recorded_at > ? "
            "AND kind <> 'created' ORDER BY id DESC",
            [chunk, stamp],
        )
        for lead_id, at, kind, detail in later:
            lead = rows.get((lead_id,))
            if lead is not None:
                _undo(lead, kind, json.loads(detail), at, columns)
    _rebuild(conn, "leads", ("id",), rows, made)


def _changed(conn: sqlite3.Connection, stamp: str, day: dt.date) -> list[int]:
    """The leads with a change recorded after ``stamp`` (of those dated after ``day``, which no
    query of the moment reads, only those found on the way)."""
    found = conn.execute(
        "SELECT lead_id FROM main.lead_events WHERE recorded_at > ? AND kind <> 'created' LIMIT ?",
        [stamp, PROBE + 1],
    ).fetchall()
    if len(found) <= PROBE:
        return sorted({row[0] for row in found})
    if _fewer_events(conn, stamp, day):
        # Those events, then their leads dated up to the moment.
        rows = conn.execute(
            "SELECT DISTINCT e.lead_id FROM main.lead_events e INDEXED BY lead_events_recorded "
            "CROSS JOIN main.leads l ON l.id = e.lead_id "
            "WHERE e.recorded_at > ? AND e.kind <> 'created' AND l.date <= ?",
            [stamp, day.isoformat()],
        )
        return sorted(row[0] for row in rows)
    # Much was recorded since: look up the history of each lead dated up to the moment instead.
    rows = conn.execute(
        "SELECT DISTINCT lead_id FROM main.lead_events WHERE recorded_at > ? "
        "AND lead_id IN (SELECT id FROM main.leads WHERE date <= ?) AND kind <> 'created'",
        [stamp, day.isoformat()],
    )
    return [row[0] for row in rows]


# Up to this many events recorded since are counted (in their index) to choose the side.
NEAR = 50_000


def _fewer_events(conn: sqlite3.Connection, stamp: str, day: dt.date) -> bool:
    """Whether fewer than ``NEAR`` events were recorded after ``stamp``, and fewer than four
    times the leads dated up to ``day`` (reading an event costs about a quarter of looking up
    a lead's history). Counted in their indexes, never more than ``NEAR`` of either."""
    since = _count(conn, "SELECT 1 FROM main.lead_events WHERE recorded_at > ?", [stamp], NEAR)
    if since >= NEAR:
        return False
    quarter = since // 4
    leads = _count(conn, "SELECT 1 FROM main.leads WHERE date <= ?", [day.isoformat()], quarter + 1)
    return leads > quarter


def _count(conn: sqlite3.Connection, query: str, args: Sequence[Any], most: int) -> int:
    """How many rows ``query`` gives, counting up to ``most``."""
    row = conn.execute(f"SELECT count(*) FROM ({query} LIMIT ?)", [*args, most]).fetchone()
    return int(row[0])


def _undo(
    lead: dict[str, Any], kind: str, detail: dict[str, Any], at: str, columns: set[str]
) -> None:
    """Put back the column values an event's change had replaced."""
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
    if "company" in before and "company_key" in columns:
        before["company_key"] = None  # not known: compared by the company name
    lead.update(before)
    if kind == "contacted" and lead.get("status") == "contacted":
        lead["status"] = "new"
    if kind == "status" and lead.get("contacted_at") == at:
        lead["contacted_at"] = None


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
