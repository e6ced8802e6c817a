"""Leads: the record, its queries, and adding or editing one (each checked at once)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from leadcli import checking, clock, meetings, members, parse
from leadcli.checking import set_status, status_for
from leadcli.errors import BadInput, Conflict, NotFound
from leadcli.events import log, log_many
from leadcli.settings import Settings

TYPES = ("direct-referral", "member-need", "specific-service", "general-opportunity")
STATUSES = ("research", "new", "contacted", "appointment", "proposal", "won", "lost")
VERDICTS = ("HOT", "WARM", "COLD", "INCOMPLETE")
FACTS = ("public", "may_use_name", "expecting_call", "need_discussed")
PROSPECTS = ("business", "person")
INTENTS = ("buying", "exploring", "gathering-info", "price-shopping", "rfp")
FITS = ("sweet-spot", "fit", "off-target")
# The fit as shown beside the verdict: a plain fit says nothing.
FIT_LABELS = {"sweet-spot": "★ sweet spot", "fit": "", "off-target": "off target"}


def fit_label(fit: str | None) -> str:
    return FIT_LABELS.get(fit or "", "")


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
# The condition every count, queue and index of leads adds: a voided lead is counted nowhere.
# Unqualified, so that it reads the same in a query over ``leads`` alone or ``leads l`` joined.
LIVE = "voided_at IS NULL"
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


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _moment(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _fact(value: int | None) -> bool | None:
    return None if value is None else bool(value)


# Not frozen: a frozen dataclass sets each of these fields through object.__setattr__, ten times
# slower, and leads are built by the hundred thousand. Nothing changes a Lead once made.
@dataclass(slots=True)
class Lead:
    id: int
    date: dt.date
    type: str
    giver_id: int
    giver: str
    receiver_id: int | None
    receiver: str | None
    company: str | None
    contact: str | None
    title: str | None
    phones: tuple[str, ...]
    email: str | None
    website: str | None
    address: str | None
    alt_contacts: tuple[str, ...]
    description: str | None
    need: str | None
    heard: dt.date | None
    decision: dt.date | None
    public: bool | None
    may_use_name: bool | None
    expecting_call: bool | None
    need_discussed: bool | None
    prospect_type: str | None
    value_cents: int | None
    decision_maker: bool | None
    intent: str | None
    fit: str | None
    source: str | None
    parent_id: int | None
    notes: str | None
    status: str
    verdict: str | None
    score: int | None
    amount_cents: int | None
    contacted_at: dt.datetime | None
    closed_at: dt.datetime | None
    released_at: dt.datetime | None
    created_at: str
    updated_at: str
    voided_at: dt.datetime | None
    void_reason: str | None
    giver_phone: str | None = None
    giver_email: str | None = None

    @property
    def prospect(self) -> str:
        """Who the lead is about: company and contact, as far as known."""
        parts = [p for p in (self.company, self.contact) if p]
        if not parts and self.type == "member-need":
            return f"{self.giver} (member need)"
        return " / ".join(parts) or "(no prospect named)"

    @property
    def void(self) -> bool:
        return self.voided_at is not None

    @property
    def shown_verdict(self) -> str | None:
        """The verdict as lists show it: VOID for a lead entered by mistake."""
        return "VOID" if self.voided_at is not None else self.verdict

    @property
    def prospect_kind(self) -> str:
        """``business`` or ``person``: as recorded, else a business when a company is named."""
        if self.prospect_type in PROSPECTS:
            return self.prospect_type
        return "business" if self.company and not self.company.isspace() else "person"

    @property
    def amount(self) -> float | None:
        return None if self.amount_cents is None else self.amount_cents / 100

    def facts(self) -> Any:
        """What the rules see of this lead."""
        make, read = facts_maker()
        return make(*read(self))

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "type": self.type,
            "giver": self.giver,
            "receiver": self.receiver,
            "company": self.company,
            "contact": self.contact,
            "status": self.status,
            "verdict": self.verdict,
            "score": self.score,
            "amount": self.amount,
            "void": self.voided_at is not None,
            "void_reason": self.void_reason,
            "giver_id": self.giver_id,
            "receiver_id": self.receiver_id,
            "title": self.title,
            "phones": list(self.phones),
            "email": self.email,
            "website": self.website,
            "address": self.address,
            "alt_contacts": list(self.alt_contacts),
            "description": self.description,
            "need": self.need,
            "heard": self.heard.isoformat() if self.heard else None,
            "decision": self.decision.isoformat() if self.decision else None,
            "public": self.public,
            "may_use_name": self.may_use_name,
            "expecting_call": self.expecting_call,
            "need_discussed": self.need_discussed,
            "fit": self.fit,
            "prospect": self.prospect_kind,
            "value": None if self.value_cents is None else self.value_cents / 100,
            "decision_maker": self.decision_maker,
            "intent": self.intent,
            "source": self.source,
            "parent": self.parent_id,
            "notes": self.notes,
            "contacted_at": self.contacted_at.isoformat() if self.contacted_at else None,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "released_at": self.released_at.isoformat() if self.released_at else None,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@functools.cache
def facts_maker() -> tuple[Any, Any]:
    """The rules' LeadFacts class, and a getter reading its fields off a Lead in one call."""
    from leadcli.rules import LeadFacts

    names = [f.name for f in fields(LeadFacts)]
    return LeadFacts, operator.attrgetter(*("giver" if n == "giver_name" else n for n in names))


SELECT = """
SELECT l.*, g.name AS giver, g.phone AS giver_phone, g.email AS giver_email, r.name AS receiver
FROM leads l JOIN members g ON g.id = l.giver_id LEFT JOIN members r ON r.id = l.receiver_id
"""


def _tuple(text: str) -> tuple[str, ...]:
    return () if text == "[]" else tuple(json.loads(text))


# How stored values become a Lead's, by field; the other fields are taken as stored.
CONVERTERS: dict[str, Any] = {
    "date": dt.date.fromisoformat,
    "phones": _tuple,
    "alt_contacts": _tuple,
    "heard": _date,
    "decision": _date,
    "public": _fact,
    "may_use_name": _fact,
    "expecting_call": _fact,
    "need_discussed": _fact,
    "decision_maker": _fact,
    "contacted_at": _moment,
    "closed_at": _moment,
    "released_at": _moment,
    "voided_at": _moment,
}


def _maker(names: Sequence[str]) -> Any:
    """A function building a Lead from a row of SELECT, by position (rows come by the thousand).

    The function is written out for the columns at hand, one argument per field of Lead."""
    at = {name: index for index, name in enumerate(names)}
    scope: dict[str, Any] = {"Lead": Lead}
    arguments = []
    for number, name in enumerate(f.name for f in fields(Lead)):
        convert = CONVERTERS.get(name)
        if convert is None:
            arguments.append(f"row[{at[name]}]")
        else:
            scope[f"convert{number}"] = convert
            arguments.append(f"convert{number}(row[{at[name]}])")
    exec(f"def make(row):\n    return Lead({', '.join(arguments)})\n", scope)  # noqa: S102
    return scope["make"]


def select(conn: sqlite3.Connection, where: str = "", args: Sequence[Any] = ()) -> list[Lead]:
    """Leads of ``SELECT`` + ``where``, built by position."""
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(SELECT + where, list(args))
    make = _maker([d[0] for d in cursor.description])
    return [make(row) for row in cursor]


# Leads read at a time when a scan streams them.
CHUNK = 1000


def chunks(
    conn: sqlite3.Connection, where: str = "", args: Sequence[Any] = (), size: int | None = None
) -> Iterator[list[Lead]]:
    """Leads of ``SELECT`` + ``where``, ``size`` at a time, read from the cursor as they are used:
    a scan of every lead holds one chunk. Read inside a snapshot for a consistent view."""
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(SELECT + where, list(args))
    make = _maker([d[0] for d in cursor.description])
    while rows := cursor.fetchmany(size or CHUNK):
        yield [make(row) for row in rows]


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


@dataclass(frozen=True)
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    giver_id: int | None = None
    receiver_id: int | None = None
    status: str | None = None
    verdict: str | None = None
    ids: Sequence[int] | None = None
    # False: live leads only; True: voided leads only; None: both.
    void: bool | None = False


def _where(filters: Filters) -> tuple[str, list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if filters.void is not None:
        where.append(LIVE if not filters.void else f"NOT ({LIVE})")
    if filters.since:
        where.append("l.date >= ?")
        args.append(filters.since.isoformat())
    if filters.until:
        where.append("l.date <= ?")
        args.append(filters.until.isoformat())
    for column, value in (
        ("l.giver_id", filters.giver_id),
        ("l.receiver_id", filters.receiver_id),
        ("l.status", filters.status),
        ("l.verdict", filters.verdict),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    if filters.ids is not None:
        ids = list(dict.fromkeys(filters.ids))
        where.append("l.id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(ids))
    return (" WHERE " + " AND ".join(where) if where else ""), args


def query(conn: sqlite3.Connection, filters: Filters = Filters()) -> list[Lead]:
    """Leads matching every filter given, oldest first."""
    where, args = _where(filters)
    return select(conn, where + " ORDER BY l.date, l.id", args)


def stream(
    conn: sqlite3.Connection, filters: Filters = Filters(), *, limit: int | None = None
) -> Iterator[Lead]:
    """Leads matching the filters, newest first, built one at a time from the cursor."""
    where, args = _where(filters)
    sql = SELECT + where + " ORDER BY l.date DESC, l.id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(sql, args)
    make = _maker([d[0] for d in cursor.description])
    for row in cursor:
        yield make(row)


def count(conn: sqlite3.Connection, filters: Filters = Filters()) -> int:
    where, args = _where(filters)
    return conn.execute(f"SELECT count(*) FROM leads l{where}", args).fetchone()[0]


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
    """Giver and receiver had not left the group by the lead's day (``known``: members at hand)."""
    day = values["date"]
    for role, who in (("giver_id", "giver"), ("receiver_id", "receiver")):
        member_id = values.get(role)
        if member_id is None:
            continue
        member = (known or {}).get(member_id) or members.get(conn, member_id)
        if member.left_on is not None and day > member.left_on:
            raise Conflict(f"the {who} {member.label} left on {member.left_on}, before {day}")


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


def _row_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Python values as stored."""
    stored: dict[str, Any] = {}
    for key, value in values.items():
        if key in ("phones", "alt_contacts"):
            stored[key] = json.dumps(list(value or ()))
        elif isinstance(value, dt.date):
            stored[key] = value.isoformat()
        elif isinstance(value, bool):
            stored[key] = int(value)
        else:
            stored[key] = value
    return stored


def validate(
    conn: sqlite3.Connection,
    values: Mapping[str, Any],
    known: Mapping[int, members.Member] | None = None,
) -> None:
    """Refuse a new lead whose dates, members or parent do not hold together (``known``: the
    members at hand, by id, so that an import does not read them again for every row)."""
    unknown = set(values) - set(INPUT_FIELDS)
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
    stamp = clock.stamp(now)
    stored = [_row_values(values) for values in rows]
    columns = ["id", *stored[0], "status", "created_at", "updated_at"]
    conn.executemany(
        f"INSERT INTO leads ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [
            (lead_id, *row.values(), "new", stamp, stamp)
            for lead_id, row in zip(ids, stored, strict=True)
        ],
    )
    return ids


def record_first_check(conn: sqlite3.Connection, lead_id: int, check: Any, now: dt.datetime) -> str:
    """Store a new lead's verdict and status and log its creation; returns the status."""
    return record_first_checks(conn, [(lead_id, check)], now)[0]


def record_first_checks(
    conn: sqlite3.Connection, checked: Sequence[tuple[int, Any]], now: dt.datetime
) -> list[str]:
    """``record_first_check`` for many new leads, in two statements; returns their statuses."""
    statuses = [status_for(check.verdict, None) for _, check in checked]
    conn.executemany(
        "UPDATE leads SET verdict = ?, score = ?, fit = ?, status = ? WHERE id = ?",
        [
            (check.verdict, check.score, check.fit, status, lead_id)
            for (lead_id, check), status in zip(checked, statuses, strict=True)
        ],
    )
    log_many(
        conn,
        now,
        "created",
        [
            (
                lead_id,
                {
                    "verdict": check.verdict,
                    "score": check.score,
                    "fit": check.fit,
                    "status": status,
                },
            )
            for (lead_id, check), status in zip(checked, statuses, strict=True)
        ],
    )
    return statuses


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
    current = {f.name: getattr(lead, f.name) for f in fields(lead) if f.name in INPUT_FIELDS}
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


@dataclass(frozen=True)
class Event:
    id: int
    lead_id: int
    at: dt.datetime
    kind: str
    detail: dict[str, Any]
    note: str | None

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
    start = meetings.regular_day(settings.meeting_weekday, day)
    return start, start + dt.timedelta(days=6)
