"""Leads: the record, its queries, and adding or editing one (each checked at once)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from leadcli import checking, clock, members, parse
from leadcli.checking import set_status, status_for
from leadcli.errors import BadInput, Conflict, NotFound
from leadcli.events import log, log_query
from leadcli.lead_record import CHUNK as CHUNK
from leadcli.lead_record import FIT_LABELS as FIT_LABELS
from leadcli.lead_record import LIVE as LIVE
from leadcli.lead_record import PROSPECTS as PROSPECTS
from leadcli.lead_record import SELECT as SELECT
from leadcli.lead_record import VOIDED as VOIDED
from leadcli.lead_record import Filters as Filters
from leadcli.lead_record import Lead as Lead
from leadcli.lead_record import chunks as chunks
from leadcli.lead_record import company_key
from leadcli.lead_record import count as count
from leadcli.lead_record import facts_maker as facts_maker
from leadcli.lead_record import fit_label as fit_label
from leadcli.lead_record import query as query
from leadcli.lead_record import select as select
from leadcli.lead_record import stream as stream
from leadcli.record import Record
from leadcli.settings import Settings

TYPES = ("direct-referral", "member-need", "specific-service", "general-opportunity")
STATUSES = ("research", "new", "contacted", "appointment", "proposal", "won", "lost")
VERDICTS = ("HOT", "WARM", "COLD", "INCOMPLETE")
FACTS = ("public", "may_use_name", "expecting_call", "need_discussed")
INTENTS = ("buying", "exploring", "gathering-info", "price-shopping", "rfp")
FITS = ("sweet-spot", "fit", "off-target")
# Qualification facts: who the prospect is, the deal's size, whether the contact decides, why.
QUALIFICATION = ("prospect_type", "value_cents", "decision_maker", "intent")
TEXT_FIELDS = (
    "company",
    "contact",
    "title",
    "email",
    "website",
    "address",
    "description",
    "need",
    "source",
    "notes",
)
DATE_FIELDS = ("date", "heard", "decision")
# The fields `lead add` and `lead edit` take, as stored.
INPUT_FIELDS = (
    "date",
    "type",
    "giver_id",
    "receiver_id",
    *TEXT_FIELDS,
    "phones",
    "alt_contacts",
    "heard",
    "decision",
    *FACTS,
    *QUALIFICATION,
    "parent_id",
)


def lead_type(text: str) -> str:
    """A lead type from its name or a unique prefix of it (``direct``, ``general``...)."""
    word = text.strip().lower()
    matches = [t for t in TYPES if t == word] or [t for t in TYPES if word and t.startswith(word)]
    if len(matches) != 1:
        raise BadInput(f"unknown lead type {text!r} (use {', '.join(TYPES)})")
    return matches[0]


def prospect(text: str) -> str:
    """``business`` or ``person`` (or a unique prefix)."""
    return _one_of(text, PROSPECTS, "--prospect", "prospect kind")


def intent(text: str) -> str:
    """Why the prospect wants it: buying, exploring, gathering-info, price-shopping or rfp."""
    return _one_of(text, INTENTS, "--intent", "intent")


def fit(text: str) -> str:
    return _one_of(text, FITS, "--fit", "fit")


def _one_of(text: str, words: Sequence[str], field: str, what: str) -> str:
    word = text.strip().lower().replace("_", "-").replace(" ", "-")
    matches = [w for w in words if w == word] or [w for w in words if word and w.startswith(word)]
    if len(matches) != 1:
        raise BadInput(f"{field}: unknown {what} {text!r} (use {', '.join(words)})")
    return matches[0]


def verdict(text: str) -> str:
    word = text.strip().upper()
    if word not in VERDICTS:
        raise BadInput(f"unknown verdict {text!r} (use {', '.join(VERDICTS)})")
    return word


def status(text: str) -> str:
    word = text.strip().lower()
    if word not in STATUSES:
        raise BadInput(f"unknown status {text!r} (use {', '.join(STATUSES)})")
    return word


def get(conn: sqlite3.Connection, lead_id: int) -> Lead:
    if not 0 <= lead_id <= parse.MAX_ID:
        raise NotFound(f"no lead #{lead_id}")
    found = select(conn, " WHERE l.id = ?", [lead_id])
    if not found:
        raise NotFound(f"no lead #{lead_id}")
    return found[0]


def refuse_void(lead: Lead) -> None:
    """A voided lead is kept as it was: nothing more is done with it."""
    if lead.voided_at is not None:
        raise Conflict(f"lead #{lead.id} is void ({lead.void_reason}); it cannot change")


def void(conn: sqlite3.Connection, lead_id: int, reason: str, now: dt.datetime) -> Lead:
    """Void a lead entered by mistake: it stays in its history and is counted nowhere.
    Call inside a transaction."""
    if not reason.strip():
        raise BadInput("--reason needs a reason (why the lead was a mistake)")
    lead = get(conn, lead_id)
    if lead.voided_at is not None:
        raise Conflict(f"lead #{lead_id} is void already, since {lead.voided_at:%Y-%m-%d %H:%M}")
    stamp = clock.stamp(now)
    conn.execute(
        "UPDATE leads SET voided_at = ?, void_reason = ?, updated_at = ? WHERE id = ?",
        [stamp, reason, stamp, lead_id],
    )
    log(conn, lead_id, now, "voided", {"status": lead.status, "verdict": lead.verdict}, reason)
    return get(conn, lead_id)


def lead_id(text: str) -> int:
    value = text.strip().removeprefix("#")
    if not (value.isdigit() and value.isascii()):
        raise BadInput(f"not a lead id: {text!r} (use a number such as 12 or #12)")
    number = int(value)
    if number > parse.MAX_ID:
        raise NotFound(f"no lead #{number}")
    return number


def children(conn: sqlite3.Connection, lead_id: int) -> list[Lead]:
    return select(conn, " WHERE l.parent_id = ? ORDER BY l.id", [lead_id])


def ancestors(conn: sqlite3.Connection, lead: Lead) -> list[Lead]:
    """The chain of parents, nearest first."""
    chain: list[Lead] = []
    seen = {lead.id}
    parent = lead.parent_id
    while parent is not None and parent not in seen:
        seen.add(parent)
        found = get(conn, parent)
        chain.append(found)
        parent = found.parent_id
    return chain


def default_date(conn: sqlite3.Connection, settings: Settings, today: dt.date) -> dt.date:
    """The meeting a lead without a date was given at: the same day `member attend` means."""
    from leadcli import meetings

    return meetings.default_day(conn, settings.meeting_weekday, today)


def _check_giver_not_receiver(values: Mapping[str, Any]) -> None:
    giver, receiver = values.get("giver_id"), values.get("receiver_id")
    if giver is not None and giver == receiver:
        raise BadInput(
            "--from and --to name the same member: a member cannot pass a lead to themselves"
        )


def _check_people(
    conn: sqlite3.Connection,
    values: Mapping[str, Any],
    known: Mapping[int, members.Member] | None = None,
) -> None:
    """Giver and receiver were in the group on the lead's day: not left, not away before a
    return (``known``: members at hand)."""
    day = values["date"]
    for role, who in (("giver_id", "giver"), ("receiver_id", "receiver")):
        member_id = values.get(role)
        if member_id is None:
            continue
        member = (known or {}).get(member_id) or members.get(conn, member_id)
        if member.left_on is not None and day > member.left_on:
            raise Conflict(f"the {who} {member.label} left on {member.left_on}, before {day}")
        problem = member.off_roll(day, "a lead of")
        if problem:
            raise Conflict(f"the {who} {problem}")


def _backdate_people(conn: sqlite3.Connection, values: Mapping[str, Any]) -> None:
    """A giver or receiver typed in after the lead's meeting was in the group by then."""
    for role in ("giver_id", "receiver_id"):
        member_id = values.get(role)
        if member_id is not None:
            members.backdate(conn, member_id, values["date"])


def _check_dates(values: Mapping[str, Any]) -> None:
    heard = values.get("heard")
    if heard and heard > values["date"]:
        raise BadInput(
            f"--heard {heard} is after the meeting of {values['date']} the lead was given at"
        )


def _check_parent(
    conn: sqlite3.Connection, parent_id: int | None, own_id: int | None, day: dt.date
) -> None:
    if parent_id is None:
        return
    if parent_id == own_id:
        raise Conflict(f"lead #{own_id} cannot be its own parent")
    parent = get(conn, parent_id)
    if own_id is not None and any(a.id == own_id for a in [parent, *ancestors(conn, parent)]):
        raise Conflict(
            f"lead #{parent_id} came from lead #{own_id}; making it the parent would make a cycle"
        )
    check_spin_off_date(day, parent.date, f"lead #{parent_id}")


def check_spin_off_date(day: dt.date, parent_day: dt.date, parent: str) -> None:
    """A spin-off comes from its parent: it is given at the parent's meeting or later."""
    if day < parent_day:
        raise BadInput(
            f"the date {day} is before {parent_day}, the date of its parent {parent}; "
            f"a spin-off is dated {parent_day} or later"
        )


def _check_children(conn: sqlite3.Connection, lead_id: int, day: dt.date) -> None:
    """A lead moved to a later date than one of its spin-offs would come after it."""
    row = conn.execute(
        "SELECT id, date FROM leads WHERE parent_id = ? AND date < ? ORDER BY date, id LIMIT 1",
        [lead_id, day.isoformat()],
    ).fetchone()
    if row is not None:
        raise BadInput(
            f"the date {day} is after {row[1]}, the date of its spin-off lead #{row[0]}; "
            f"date lead #{lead_id} {row[1]} or earlier"
        )


_LISTS = frozenset({"phones", "alt_contacts"})


def _row_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Python values as stored."""
    stored: dict[str, Any] = {}
    for key, value in values.items():
        if key in _LISTS:
            stored[key] = json.dumps(list(value)) if value else "[]"
        elif value is None or type(value) is str or type(value) is int:
            stored[key] = value  # as it is (a bool, an int's subtype, is not one of them)
        elif isinstance(value, dt.date):
            stored[key] = value.isoformat()
        elif isinstance(value, bool):
            stored[key] = int(value)
        else:
            stored[key] = value
    if "company" in stored:
        stored["company_key"] = company_key(stored["company"])
    return stored


_INPUT_FIELDS = frozenset(INPUT_FIELDS)


def validate(
    conn: sqlite3.Connection,
    values: Mapping[str, Any],
    known: Mapping[int, members.Member] | None = None,
) -> None:
    """Refuse a new lead whose dates, members or parent do not hold together (``known``: the
    members at hand, by id, so that an import does not read them again for every row)."""
    unknown = values.keys() - _INPUT_FIELDS
    if unknown:
        raise BadInput(f"unknown lead fields: {', '.join(sorted(unknown))}")
    for key in ("date", "type", "giver_id"):
        if values.get(key) is None:
            raise BadInput(f"a lead needs its {key.removesuffix('_id')}")
    _check_giver_not_receiver(values)
    _check_dates(values)
    _check_people(conn, values, known)
    _check_parent(conn, values.get("parent_id"), None, values["date"])


def insert(conn: sqlite3.Connection, values: Mapping[str, Any], now: dt.datetime) -> int:
    """Store a validated lead, not yet checked; returns its id. Call inside a transaction."""
    from leadcli import meetings

    meetings.ensure(conn, values["date"])
    _backdate_people(conn, values)
    stamp = clock.stamp(now)
    row = _row_values(values)
    columns = [*row, "status", "created_at", "updated_at"]
    cursor = conn.execute(
        f"INSERT INTO leads ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [*row.values(), "new", stamp, stamp],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_many(
    conn: sqlite3.Connection, rows: Sequence[Mapping[str, Any]], now: dt.datetime
) -> list[int]:
    """Store validated leads, not yet checked, in one statement; returns their ids, in order.

    Unlike ``insert``, the caller makes sure their meetings exist and moves joined dates back.
    Call inside a transaction (the ids follow the largest one, as ``insert``'s would)."""
    if not rows:
        return []
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM leads").fetchone()[0]
    ids = list(range(first, first + len(rows)))
    # Column by column, as ``_row_values`` stores them; a column NULL in every row is left
    # out when NULL is its default (a NULL bound costs about as much as a value).
    null_default = {row[1] for row in conn.execute("PRAGMA table_info(leads)") if row[4] is None}
    columns: dict[str, list[Any]] = {"id": ids}
    for key in rows[0]:
        stored = _column_values(key, [values[key] for values in rows])
        if stored is None and key not in null_default:
            stored = [None] * len(rows)
        if stored is not None:
            columns[key] = stored
    if "company" in columns:
        columns["company_key"] = [company_key(company) for company in columns["company"]]
    stamp = clock.stamp(now)
    columns["status"] = ["new"] * len(rows)
    columns["created_at"] = columns["updated_at"] = [stamp] * len(rows)
    # Staged in a temporary table (untyped: each value reaches the leads table as given) and
    # copied in one statement: a row inserted on its own costs twice as much in SQLite.
    names = ", ".join(columns)
    conn.execute("DROP TABLE IF EXISTS temp.new_leads")
    conn.execute(f"CREATE TEMP TABLE new_leads ({names})")
    try:
        conn.executemany(
            f"INSERT INTO temp.new_leads VALUES ({', '.join('?' * len(columns))})",
            zip(*columns.values(), strict=True),
        )
        conn.execute(f"INSERT INTO main.leads ({names}) SELECT {names} FROM temp.new_leads")
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.new_leads")
    return ids


def _column_values(key: str, values: list[Any]) -> list[Any] | None:
    """One column's values as ``_row_values`` stores them; None when every one is NULL."""
    if key in _LISTS:
        return [json.dumps(list(value)) if value else "[]" for value in values]
    kinds = set(map(type, values))
    if kinds <= _AS_IS:
        return None if kinds <= {type(None)} else values
    if kinds <= {type(None), dt.date}:
        return [None if value is None else value.isoformat() for value in values]
    if kinds <= {type(None), bool}:
        return [None if value is None else int(value) for value in values]
    return [_row_values({key: value})[key] for value in values]


_AS_IS = frozenset({type(None), str, int})


def record_first_check(conn: sqlite3.Connection, lead_id: int, check: Any, now: dt.datetime) -> str:
    """Store a new lead's verdict and status and log its creation; returns the status."""
    return record_first_checks(conn, [(lead_id, check)], now)[0]


def record_first_checks(
    conn: sqlite3.Connection, checked: Sequence[tuple[int, Any]], now: dt.datetime
) -> list[str]:
    """``record_first_check`` for many new leads, in a few statements; returns their statuses."""
    first = FirstChecks(conn)
    statuses = first.add(checked)
    first.store(now)
    return statuses


class FirstChecks:
    """The first verdicts of new leads, gathered as they are judged and then stored together:
    staged in a temporary table, from which one statement stores them and one logs them (in
    the order they came). One at a time on a connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.details: dict[tuple[Any, ...], str] = {}  # the same few verdicts, each written once
        # Untyped columns: each value reaches the leads table as it was given.
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS first_checks "
            "(seq INTEGER PRIMARY KEY, id, verdict, score, fit, status, detail)"
        )
        conn.execute("DELETE FROM temp.first_checks")

    def add(self, checked: Sequence[tuple[int, Any]]) -> list[str]:
        """Stage the checks of these leads (by id); returns their statuses."""
        statuses = [status_for(check.verdict, None) for _, check in checked]
        details = self.details
        staged = []
        for (lead_id, check), status in zip(checked, statuses, strict=True):
            key = (check.verdict, check.score, check.fit, status)
            detail = details.get(key)
            if detail is None:
                detail = details[key] = json.dumps(
                    {"verdict": key[0], "score": key[1], "fit": key[2], "status": status}
                )
            staged.append((lead_id, *key, detail))
        self.conn.executemany(
            "INSERT INTO temp.first_checks (id, verdict, score, fit, status, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            staged,
        )
        return statuses

    def store(self, now: dt.datetime) -> None:
        """Store the staged verdicts and statuses and log each lead's creation."""
        self.conn.execute(
            "UPDATE main.leads SET verdict = c.verdict, score = c.score, fit = c.fit, "
            "status = c.status FROM temp.first_checks AS c WHERE main.leads.id = c.id"
        )
        log_query(self.conn, now, "created", "temp.first_checks", "seq")
        self.conn.execute("DELETE FROM temp.first_checks")


def add(
    conn: sqlite3.Connection, values: dict[str, Any], settings: Settings, now: dt.datetime
) -> tuple[Lead, Any]:
    """Store a lead and its check; call inside a transaction. ``values`` hold INPUT_FIELDS."""
    validate(conn, values)
    new_id = insert(conn, values, now)
    check = checking.check_one(conn, get(conn, new_id), settings)
    record_first_check(conn, new_id, check, now)
    return get(conn, new_id), check


def edit(
    conn: sqlite3.Connection,
    lead: Lead,
    changes: dict[str, Any],
    settings: Settings,
    now: dt.datetime,
) -> tuple[Lead, Any, dict[str, tuple[Any, Any]]]:
    """Change a lead's fields and check it again; call inside a transaction."""
    refuse_void(lead)
    current = {name: getattr(lead, name) for name in lead._fields if name in INPUT_FIELDS}
    merged = current | changes
    _check_giver_not_receiver(merged)
    _check_dates(merged)
    if "giver_id" in changes or "receiver_id" in changes or "date" in changes:
        _check_people(conn, merged)
        _backdate_people(conn, merged)
    if "parent_id" in changes or "date" in changes:
        _check_parent(conn, merged["parent_id"], lead.id, merged["date"])
    if "date" in changes:
        _check_children(conn, lead.id, merged["date"])
    if "date" in changes:
        from leadcli import meetings

        meetings.ensure(conn, merged["date"])
    diff = {k: (current[k], v) for k, v in changes.items() if current[k] != v}
    if diff:
        row = _row_values({k: merged[k] for k in diff})
        assignments = ", ".join(f"{k} = ?" for k in row)
        conn.execute(
            f"UPDATE leads SET {assignments}, updated_at = ? WHERE id = ?",
            [*row.values(), clock.stamp(now), lead.id],
        )
    updated = get(conn, lead.id)
    check = checking.check_one(conn, updated, settings)
    new_status = status_for(check.verdict, updated.status)
    detail: dict[str, Any] = {
        "changes": {k: [_jsonable(a), _jsonable(b)] for k, (a, b) in diff.items()}
    }
    if (lead.verdict, lead.score) != (check.verdict, check.score):
        detail["verdict"] = [lead.verdict, check.verdict]
        detail["score"] = [lead.score, check.score]
    if lead.fit != check.fit:
        detail["fit"] = [lead.fit, check.fit]
    set_status(conn, updated, check, new_status, now, detail)
    if diff or len(detail) > 1:
        log(conn, lead.id, now, "edited", detail)
    return get(conn, lead.id), check, diff


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


class Event(Record):
    __slots__ = ("id", "lead_id", "at", "kind", "detail", "note")

    id: int
    lead_id: int
    at: dt.datetime
    kind: str
    detail: dict[str, Any]
    note: str | None

    def __init__(
        self,
        id: int,
        lead_id: int,
        at: dt.datetime,
        kind: str,
        detail: dict[str, Any],
        note: str | None,
    ) -> None:
        self.id = id
        self.lead_id = lead_id
        self.at = at
        self.kind = kind
        self.detail = detail
        self.note = note

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "lead": self.lead_id,
            "at": self.at.isoformat(),
            "kind": self.kind,
            "detail": self.detail,
            "note": self.note,
        }


def history(conn: sqlite3.Connection, lead_id: int) -> list[Event]:
    get(conn, lead_id)
    rows = conn.execute(
        "SELECT id, lead_id, at, kind, detail, note FROM lead_events WHERE lead_id = ? ORDER BY id",
        [lead_id],
    )
    return [
        Event(
            r["id"],
            r["lead_id"],
            dt.datetime.fromisoformat(r["at"]),
            r["kind"],
            json.loads(r["detail"]),
            r["note"],
        )
        for r in rows
    ]


def week_of(day: dt.date, settings: Settings) -> tuple[dt.date, dt.date]:
    """The meeting week containing ``day``: seven days from a regular meeting day."""
    return clock.meeting_week(settings.meeting_weekday, day)
