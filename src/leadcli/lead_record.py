"""A lead as stored and read back: the record, the condition of a live lead, and reading leads
from the database by the thousand.

The floor under ``leads`` (adding and editing) and ``checking`` (judging): both read leads
through it, so neither needs the other to do so.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from leadcli.record import Record

PROSPECTS = ("business", "person")
# The condition every count, queue and index of leads adds: a voided lead is counted nowhere.
# Unqualified, so that it reads the same in a query over ``leads`` alone or ``leads l`` joined.
LIVE = "voided_at IS NULL"


# Leads are built by the hundred thousand: a Record (not frozen: setting each field through
# object.__setattr__ would be ten times slower). Nothing changes a Lead once made.
class Lead(Record):
    __slots__ = (
        "id",
        "date",
        "type",
        "giver_id",
        "giver",
        "receiver_id",
        "receiver",
        "company",
        "contact",
        "title",
        "phones",
        "email",
        "website",
        "address",
        "alt_contacts",
        "description",
        "need",
        "heard",
        "decision",
        "public",
        "may_use_name",
        "expecting_call",
        "need_discussed",
        "prospect_type",
        "value_cents",
        "decision_maker",
        "intent",
        "fit",
        "source",
        "parent_id",
        "notes",
        "status",
        "verdict",
        "score",
        "amount_cents",
        "contacted_at",
        "closed_at",
        "released_at",
        "created_at",
        "updated_at",
        "voided_at",
        "void_reason",
        "giver_phone",
        "giver_email",
        "_company_key",  # the stored company_key, when read with it (None: not known)
    )

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
    giver_phone: str | None
    giver_email: str | None

    def __init__(
        self,
        id: int,
        date: dt.date,
        type: str,
        giver_id: int,
        giver: str,
        receiver_id: int | None,
        receiver: str | None,
        company: str | None,
        contact: str | None,
        title: str | None,
        phones: tuple[str, ...],
        email: str | None,
        website: str | None,
        address: str | None,
        alt_contacts: tuple[str, ...],
        description: str | None,
        need: str | None,
        heard: dt.date | None,
        decision: dt.date | None,
        public: bool | None,
        may_use_name: bool | None,
        expecting_call: bool | None,
        need_discussed: bool | None,
        prospect_type: str | None,
        value_cents: int | None,
        decision_maker: bool | None,
        intent: str | None,
        fit: str | None,
        source: str | None,
        parent_id: int | None,
        notes: str | None,
        status: str,
        verdict: str | None,
        score: int | None,
        amount_cents: int | None,
        contacted_at: dt.datetime | None,
        closed_at: dt.datetime | None,
        released_at: dt.datetime | None,
        created_at: str,
        updated_at: str,
        voided_at: dt.datetime | None,
        void_reason: str | None,
        giver_phone: str | None = None,
        giver_email: str | None = None,
    ) -> None:
        self.id = id
        self.date = date
        self.type = type
        self.giver_id = giver_id
        self.giver = giver
        self.receiver_id = receiver_id
        self.receiver = receiver
        self.company = company
        self.contact = contact
        self.title = title
        self.phones = phones
        self.email = email
        self.website = website
        self.address = address
        self.alt_contacts = alt_contacts
        self.description = description
        self.need = need
        self.heard = heard
        self.decision = decision
        self.public = public
        self.may_use_name = may_use_name
        self.expecting_call = expecting_call
        self.need_discussed = need_discussed
        self.prospect_type = prospect_type
        self.value_cents = value_cents
        self.decision_maker = decision_maker
        self.intent = intent
        self.fit = fit
        self.source = source
        self.parent_id = parent_id
        self.notes = notes
        self.status = status
        self.verdict = verdict
        self.score = score
        self.amount_cents = amount_cents
        self.contacted_at = contacted_at
        self.closed_at = closed_at
        self.released_at = released_at
        self.created_at = created_at
        self.updated_at = updated_at
        self.voided_at = voided_at
        self.void_reason = void_reason
        self.giver_phone = giver_phone
        self.giver_email = giver_email
        self._company_key: str | None = None

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


def company_key(company: str | None) -> str | None:
    """The company as the duplicate check compares it, stored beside it in ``company_key``
    (None: no company)."""
    if company is None:
        return None
    from leadcli.rules import normalize_company

    return normalize_company(company)


@functools.cache
def facts_maker() -> tuple[Any, Any]:
    """The rules' LeadFacts class, and a getter reading its fields off a Lead in one call."""
    from leadcli.rules import LeadFacts

    names = LeadFacts._fields
    return LeadFacts, operator.attrgetter(*("giver" if n == "giver_name" else n for n in names))


SELECT = """
SELECT l.*, g.name AS giver, g.phone AS giver_phone, g.email AS giver_email, r.name AS receiver
FROM leads l JOIN members g ON g.id = l.giver_id LEFT JOIN members r ON r.id = l.receiver_id
"""


def _tuple(text: str) -> tuple[str, ...]:
    if text == "[]":
        return ()
    if text[:2] == '["' and text[-2:] == '"]' and text.count('"') == 2 and "\\" not in text:
        return (text[2:-2],)  # one plain string, as stored: '["+14155550101"]'
    return tuple(json.loads(text))


# How stored values become a Lead's, by field, written into the function that builds a Lead
# (``{v}`` is the stored value); the other fields are taken as stored.
CONVERTERS: dict[str, str] = {
    "date": "_day({v})",
    "phones": "(() if {v} == '[]' else _tuple({v}))",
    "alt_contacts": "(() if {v} == '[]' else _tuple({v}))",
    **dict.fromkeys(("heard", "decision"), "(_day({v}) if {v} else None)"),
    **dict.fromkeys(
        ("public", "may_use_name", "expecting_call", "need_discussed", "decision_maker"),
        "(None if {v} is None else bool({v}))",
    ),
    **dict.fromkeys(
        ("contacted_at", "closed_at", "released_at", "voided_at"), "(_moment({v}) if {v} else None)"
    ),
}


def _maker(names: Sequence[str]) -> Any:
    """A function building a Lead from a row of SELECT, by position (rows come by the thousand).

    The function is written out for the columns at hand, one argument per field of Lead, once
    for each set of columns."""
    return _made(tuple(names))


@functools.lru_cache(maxsize=16)
def _made(names: tuple[str, ...]) -> Any:
    at = {name: index for index, name in enumerate(names)}
    scope: dict[str, Any] = {
        "Lead": Lead,
        "_day": dt.date.fromisoformat,
        "_moment": dt.datetime.fromisoformat,
        "_tuple": _tuple,
    }
    arguments = []
    for name in Lead._fields:
        value = f"row[{at[name]}]"
        convert = CONVERTERS.get(name)
        arguments.append(value if convert is None else convert.format(v=value))
    body = f"    return Lead({', '.join(arguments)})\n"
    if "company_key" in at:  # kept with the lead: the duplicate check reads it
        body = (
            f"    lead = Lead({', '.join(arguments)})\n"
            f"    lead._company_key = row[{at['company_key']}]\n    return lead\n"
        )
    exec(f"def make(row):\n{body}", scope)  # noqa: S102
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


# The fit as shown beside the verdict: a plain fit says nothing.
FIT_LABELS = {"sweet-spot": "★ sweet spot", "fit": "", "off-target": "off target"}


def fit_label(fit: str | None) -> str:
    return FIT_LABELS.get(fit or "", "")


class Filters(Record):
    __slots__ = ("since", "until", "giver_id", "receiver_id", "status", "verdict", "ids", "void")

    since: dt.date | None
    until: dt.date | None
    giver_id: int | None
    receiver_id: int | None
    status: str | None
    verdict: str | None
    ids: Sequence[int] | None
    # False: live leads only; True: voided leads only; None: both.
    void: bool | None

    def __init__(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        giver_id: int | None = None,
        receiver_id: int | None = None,
        status: str | None = None,
        verdict: str | None = None,
        ids: Sequence[int] | None = None,
        void: bool | None = False,
    ) -> None:
        self.since = since
        self.until = until
        self.giver_id = giver_id
        self.receiver_id = receiver_id
        self.status = status
        self.verdict = verdict
        self.ids = ids
        self.void = void


# The opposite of LIVE, written so that SQLite finds the voided leads by their partial index.
VOIDED = "voided_at IS NOT NULL"


def conditions(filters: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause of the leads ``filters`` choose (empty: every lead), and its arguments."""
    where: list[str] = []
    args: list[Any] = []
    if filters.void is not None:
        where.append(LIVE if not filters.void else VOIDED)
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
    where, args = conditions(filters)
    return select(conn, where + " ORDER BY l.date, l.id", args)


def stream(
    conn: sqlite3.Connection, filters: Filters = Filters(), *, limit: int | None = None
) -> Iterator[Lead]:
    """Leads matching the filters, newest first, built one at a time from the cursor."""
    where, args = conditions(filters)
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
    if filters == Filters():
        # Every live lead: all of them less the voided few, each counted from an index. Counted
        # as "not voided", SQLite reads every row of the table, and the cost grows with the years.
        return conn.execute(
            f"SELECT (SELECT count(*) FROM leads) - (SELECT count(*) FROM leads WHERE {VOIDED})"
        ).fetchone()[0]
    where, args = conditions(filters)
    return conn.execute(f"SELECT count(*) FROM leads l{where}", args).fetchone()[0]
