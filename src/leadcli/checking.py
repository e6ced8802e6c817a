"""Checking leads against the rules, set-based: one query for the leads, one for their neighbours."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from leadcli import clock
from leadcli.lead_record import LIVE, Lead, chunks, facts_maker
from leadcli.settings import Settings

DUPLICATE_DAYS = 90


def spans(days: Sequence[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """The date ranges a duplicate of these days' leads can be in, overlapping ones merged."""
    merged: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        low = day - dt.timedelta(days=DUPLICATE_DAYS)
        if merged and low <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], day)
        else:
            merged.append((low, day))
    return merged


def duplicate_index(
    conn: sqlite3.Connection,
    ranges: Sequence[tuple[dt.date, dt.date]],
    leads: Sequence[Lead] | None = None,
) -> Any:
    """An index of the phones, emails and companies of the leads given in the date ranges
    (with ``leads``: only of those sharing a phone, email or company with one of them, which
    is all their checks look up)."""
    from leadcli.rules import SlidingIndex

    # Sliding only to keep each lead's keys as added: a lead judged against the index is
    # one of those added (``leads``), and its keys are not worked out again.
    index = SlidingIndex(window_days=DUPLICATE_DAYS)
    wanted = None if leads is None else _Wanted(leads)
    parse_date = dt.date.fromisoformat
    cursor = conn.cursor()
    cursor.row_factory = None
    for since, until in ranges:
        args = [since.isoformat(), until.isoformat()]
        if wanted is None:
            cursor.execute(NEIGHBOURS, args)
        else:
            cursor.execute(NEIGHBOURS + _MAY_SHARE, args + wanted.lists())
        for lead_id, day, kind, phones, email, company, key in cursor:
            if wanted is not None and not wanted.shares(phones, email, company, key):
                continue
            found = () if phones == "[]" else tuple(json.loads(phones))
            index.add(lead_id, parse_date(day), kind, found, email, company, key)
    return index


# The live leads of a range of days, as the duplicate check compares them (every column is in
# the index ``leads_keys``).
NEIGHBOURS = (
    "SELECT id, date, type, phones, email, company, company_key FROM leads "
    f"WHERE date BETWEEN ? AND ? AND {LIVE}"
)

# The rows that may share a phone, email or company with some leads (``_Wanted.lists``): a
# superset of those ``_Wanted.shares`` takes, found by SQLite without reading the others out.
# A row whose company key is not known (NULL), whose email is not plain ASCII (SQLite's lower()
# folds ASCII only) or whose phones are more than one (a list with a comma) is read for Python
# to judge.
_MAY_SHARE = """
 AND (company_key IN (SELECT value FROM json_each(?))
   OR company_key IS NULL AND company IS NOT NULL
   OR lower(email) IN (SELECT value FROM json_each(?))
   OR length(email) <> length(CAST(email AS BLOB))
   OR phones IN (SELECT value FROM json_each(?))
   OR instr(phones, ',') > 0)
"""


class _Wanted:
    """The phones, emails and company names of some leads: whether a row shares one."""

    def __init__(self, leads: Sequence[Lead]) -> None:
        from leadcli.rules import normalize_company

        # A stored list of one phone is '["+14155550101"]': its phone is the text inside.
        self.phones = {json.dumps(p) for lead in leads for p in lead.phones}
        self.emails = {lead.email.lower() for lead in leads if lead.email}
        self.companies = {
            lead._company_key if lead._company_key is not None else normalize_company(lead.company)
            for lead in leads
        } - {""}
        self.company_key = normalize_company

    def lists(self) -> list[str]:
        """The companies, emails and phones (as a stored list of one) as JSON, for _MAY_SHARE."""
        return [
            json.dumps(sorted(self.companies)),
            json.dumps(sorted(self.emails)),
            json.dumps(sorted(f"[{phone}]" for phone in self.phones)),
        ]

    def shares(
        self, phones: str, email: str | None, company: str | None, key: str | None = None
    ) -> bool:
        """Whether a row of the leads table (phones as stored; ``key``: its company key, None
        when not known) shares a phone, email or company."""
        if email and email.lower() in self.emails:
            return True
        if company and (key if key is not None else self.company_key(company)) in self.companies:
            return True
        if phones == "[]":
            return False
        if phones.count('"') == 2:  # one phone
            return phones[1:-1] in self.phones
        return any(json.dumps(p) in self.phones for p in json.loads(phones))


SEVERITY = {"R": 0, "H": 1, "Q": 2, "W": 3}


def status_for(verdict_word: str, current: str | None) -> str:
    """An INCOMPLETE lead waits in research; a fixed one starts the pipeline again at new."""
    if current in (None, "research", "new"):
        return "research" if verdict_word == "INCOMPLETE" else "new"
    return current


def release(
    old_status: str, new_status: str, released_at: dt.datetime | None, now: dt.datetime
) -> dt.datetime | None:
    """When the lead left research: now, on leaving it; none while it waits; unchanged otherwise."""
    if new_status == "research":
        return None
    if old_status == "research":
        return now
    return released_at


def set_status(
    conn: sqlite3.Connection,
    lead: Lead,
    check: Any,
    new_status: str,
    now: dt.datetime,
    detail: dict[str, Any],
    guard: str = "",
    guard_args: Sequence[Any] = (),
) -> bool:
    """Store a lead's verdict, score, fit and status (and when it left research); notes the moves in
    ``detail``. Returns whether the row was written (``guard`` narrows the update)."""
    released = release(lead.status, new_status, lead.released_at, now)
    cursor = conn.execute(
        "UPDATE leads SET verdict = ?, score = ?, fit = ?, status = ?, released_at = ? WHERE id = ?"
        + guard,
        [
            check.verdict,
            check.score,
            check.fit,
            new_status,
            clock.stamp(released) if released else None,
            lead.id,
            *guard_args,
        ],
    )
    if cursor.rowcount != 1:
        return False
    if new_status != lead.status:
        detail["status"] = [lead.status, new_status]
    if released != lead.released_at:
        detail["released_at"] = [
            clock.stamp(lead.released_at) if lead.released_at else None,
            clock.stamp(released) if released else None,
        ]
    return True


def shortfalls(check: Any) -> list[Any]:
    """The results a lead fell short on (failed or warned), required rules first."""
    failed = [r for r in check.results if r.status in ("fail", "warn")]
    return sorted(failed, key=lambda r: (SEVERITY.get(r.code[0], 4), r.code))


def check_many(
    conn: sqlite3.Connection,
    leads: Sequence[Lead],
    settings: Settings,
    rules: Sequence[Any] | None = None,
    *,
    live: bool = True,
) -> list[Any]:
    """The check of each lead, in order, against the live leads of their days (``live=False``
    says the leads are voided ones, which those leads never see: judged the same way)."""
    from leadcli.rules import Context, batch_evaluator

    if not leads:
        return []
    group = group_profile(conn)
    facts = [lead.facts() for lead in leads]
    ranges = spans([lead.date for lead in leads])
    # The leads of the ranges that share a phone, email or company with one of these, read in
    # one pass (when these are all the leads of their days, the same as indexing them).
    index = duplicate_index(conn, ranges, leads)
    return batch_evaluator(Context(settings, index, group), rules)(facts)


def check_all(
    conn: sqlite3.Connection,
    settings: Settings,
    rules: Sequence[Any] | None = None,
    *,
    span: tuple[dt.date, dt.date] | None = None,
    from_id: int | None = None,
) -> Iterator[tuple[Lead, Any]]:
    """Every lead (but those voided) with its check, oldest first, read from the cursor a chunk
    at a time.

    The duplicate index moves with the scan and holds the leads of the last
    ``DUPLICATE_DAYS`` days only: memory stays that of a chunk and a window, however long the
    history. A lead is judged once every lead of its day has been read (a duplicate may be
    given the same day). Read inside a snapshot for a consistent view.

    ``span`` (first and last day) judges the leads given then, compared with those of the
    ``DUPLICATE_DAYS`` before too; ``from_id`` judges only the leads of that id or above (the
    others are only compared with).
    """
    from leadcli.rules import Context, SlidingIndex, batch_evaluator

    index = SlidingIndex(DUPLICATE_DAYS)
    judge = batch_evaluator(Context(settings, index, group_profile(conn)), rules)
    add = index.add
    where, args = f" WHERE l.{LIVE}", []
    if span is not None:
        low = span[0] - dt.timedelta(days=DUPLICATE_DAYS)
        where += " AND l.date BETWEEN ? AND ?"
        args = [low.isoformat(), span[1].isoformat()]
    where += " ORDER BY l.date, l.id"
    first = None if span is None else span[0]
    waiting: list[Lead] = []
    with _few_collections():
        for chunk in chunks(conn, where, args):
            for lead in chunk:
                add(
                    lead.id,
                    lead.date,
                    lead.type,
                    lead.phones,
                    lead.email,
                    lead.company,
                    lead._company_key,
                )
            pending = waiting + chunk
            last_day = chunk[-1].date
            cut = len(pending)
            while cut and pending[cut - 1].date == last_day:
                cut -= 1
            waiting = pending[cut:]
            yield from _judged(pending[:cut], index, judge, from_id, first)
        yield from _judged(waiting, index, judge, from_id, first)


# Objects made between two collections of the youngest ones during a scan (Python's default:
# 700). A scan makes leads, facts and results by the hundred thousand, none of them in cycles:
# collecting among them every 700 costs about a twentieth of the scan.
SCAN_COLLECTION = 50_000


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """The garbage collector looks at new objects less often while a scan runs."""
    youngest, *older = gc.get_threshold()
    gc.set_threshold(max(youngest, SCAN_COLLECTION), *older)
    try:
        yield
    finally:
        gc.set_threshold(youngest, *older)


def _judged(
    ready: list[Lead], index: Any, judge: Any, from_id: int | None, first: dt.date | None
) -> Iterator[tuple[Lead, Any]]:
    """The checks of leads of days fully indexed (those of ``first`` or later, of ``from_id``
    or above), the index first rid of older leads (it does not change while they are judged:
    they are judged together, a rule at a time)."""
    if ready:
        index.forget_before(ready[0].date)
        make_facts, read_facts = facts_maker()
        chosen = ready
        if first is not None and ready[0].date < first:
            chosen = [lead for lead in chosen if lead.date >= first]
        if from_id is not None:
            chosen = [lead for lead in chosen if lead.id >= from_id]
        if chosen:
            checks = judge([make_facts(*read_facts(lead)) for lead in chosen])
            yield from zip(chosen, checks)  # noqa: B905 - a check for each lead


def parts(conn: sqlite3.Connection, count: int, smallest: int) -> list[tuple[dt.date, dt.date]]:
    """The days of the live leads cut into at most ``count`` spans (first and last day) of
    about as many leads each, none of fewer than about ``smallest``; one span (or none, when
    there are no leads) when they are too few to share."""
    total = conn.execute(f"SELECT count(*) FROM leads WHERE {LIVE}").fetchone()[0]
    if not total:
        return []
    count = max(1, min(count, total // max(1, smallest)))
    first, last = conn.execute(f"SELECT min(date), max(date) FROM leads WHERE {LIVE}").fetchone()
    starts = [first]
    for k in range(1, count):
        (day,) = conn.execute(
            f"SELECT date FROM leads WHERE {LIVE} ORDER BY date LIMIT 1 OFFSET ?",
            [total * k // count],
        ).fetchone()
        if day > starts[-1]:
            starts.append(day)
    days = [dt.date.fromisoformat(d) for d in (*starts, last)]
    ends = [d - dt.timedelta(days=1) for d in days[1:-1]] + [days[-1]]
    return list(zip(days[:-1], ends, strict=True))


def fingerprint(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """What a check of every lead reads, in brief: it changes whenever a lead is added,
    changed or voided (each change is an event), a member or a setting changes."""
    return (
        *conn.execute(
            "SELECT (SELECT max(id) FROM leads), (SELECT max(id) FROM lead_events)"
        ).fetchone(),
        tuple(conn.execute("SELECT * FROM members ORDER BY id")),
        tuple(conn.execute("SELECT key, value FROM settings ORDER BY key")),
    )


def group_profile(conn: sqlite3.Connection) -> Any:
    """Every member's profile, as the qualification rules see them (one query; the profile is
    built again only when what it reads of the members changed since the last time)."""
    from leadcli import members
    from leadcli.rules import GroupProfile

    roster = members.all_members(conn)
    key = tuple(
        (m.id, m.name, m.category, m.offers, m.areas, m.minimum_cents, m.active) for m in roster
    )
    if _PROFILE and _PROFILE[0] == key:
        return _PROFILE[1]
    profile = GroupProfile.build(roster)
    _PROFILE[:] = [key, profile]
    return profile


# The last group profile built, with what it was built from (rules never change a profile).
_PROFILE: list[Any] = []


def check_one(
    conn: sqlite3.Connection, lead: Lead, settings: Settings, rules: Sequence[Any] | None = None
) -> Any:
    return check_many(conn, [lead], settings, rules)[0]


def store(conn: sqlite3.Connection, pairs: Sequence[tuple[Lead, Any]], now: dt.datetime) -> int:
    """Record checks whose verdict, score or fit changed (a setting or a profile changed, a
    duplicate appeared).

    Call inside a transaction; returns how many leads changed.
    Checks are computed outside the write lock; a lead changed since it was read is left alone
    (whoever changed it checked it).
    """
    from leadcli.events import log  # only when a verdict changed: a check mostly stores none

    changed = 0
    for lead, check in pairs:
        if (lead.verdict, lead.score, lead.fit) == (check.verdict, check.score, check.fit):
            continue
        new_status = status_for(check.verdict, lead.status)
        detail: dict[str, Any] = {
            "verdict": [lead.verdict, check.verdict],
            "score": [lead.score, check.score],
        }
        if lead.fit != check.fit:
            detail["fit"] = [lead.fit, check.fit]
        written = set_status(
            conn,
            lead,
            check,
            new_status,
            now,
            detail,
            " AND verdict IS ? AND score IS ? AND status = ? AND updated_at = ?",
            [lead.verdict, lead.score, lead.status, lead.updated_at],
        )
        if not written:
            continue
        log(conn, lead.id, now, "checked", detail)
        changed += 1
    return changed


def preview(conn: sqlite3.Connection, values: dict[str, Any], settings: Settings) -> Any:
    """The check a new lead of these values (as `leads.add` takes them) would get if saved now.

    Nothing is written: the verdict shown before a lead is saved."""
    from leadcli import members
    from leadcli.rules import Context, LeadFacts, evaluator

    giver = members.get(conn, values["giver_id"])
    known = set(LeadFacts._fields) - {"id"}
    facts = LeadFacts(
        id=None,
        giver_name=giver.name,
        giver_phone=giver.phone,
        giver_email=giver.email,
        **{key: value for key, value in values.items() if key in known},
    )
    index = duplicate_index(conn, spans([facts.date]))
    return evaluator(Context(settings, index, group_profile(conn)))(facts)
