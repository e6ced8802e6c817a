"""Lead quality by outcome: per source, giver, type, speed of first contact or fit, this period
against the one before.

A key (``--by``) is either a column of the lead (SQL, fast) or a function of the lead and the
settings (for what is derived, such as the speed of first contact); a new key is one more entry
in KEYS.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from leadcli import leads, pipeline
from leadcli.errors import BadInput
from leadcli.settings import Settings
from leadcli.words import plural

OPEN = ("research", "new", "contacted", "appointment", "proposal")
# "falling" or "rising" only when both periods closed this many leads (won or lost) of the key.
MIN_CLOSED = 5

SPEED = ("within 1 hour", "within followup.hours", "within 3 days", "later", "never")


def speed(lead: leads.Lead, settings: Settings) -> str | None:
    """How soon after its clock started the lead was first contacted; None for a lead nobody
    could call (no receiver, or still in research)."""
    if lead.receiver_id is None or lead.status == "research":
        return None
    if lead.contacted_at is None:
        return "never"
    waited = lead.contacted_at - pipeline.clock_starts(lead, settings)
    if waited <= dt.timedelta(hours=1):
        return "within 1 hour"
    hours = settings.integer("followup.hours")
    if waited <= dt.timedelta(hours=hours):
        return f"within {plural(hours, 'hour')}"
    if waited <= dt.timedelta(days=3):
        return "within 3 days"
    return "later"


@dataclass(frozen=True)
class Key:
    """One way of grouping leads: a SQL expression over ``l`` (the lead) and ``g`` (the giver),
    or a function of the lead; ``ordered`` rows keep the function's order instead of by dollars."""

    sql: str | None = None
    of: Callable[[leads.Lead, Settings], str | None] | None = None
    ordered: bool = False
    order: tuple[str, ...] = ()  # the order of an ``ordered`` SQL key's values


KEYS: dict[str, Key] = {
    "source": Key(sql="coalesce(nullif(l.source, ''), '(no source)')"),
    "giver": Key(sql="g.name"),
    "type": Key(sql="l.type"),
    "speed": Key(of=speed, ordered=True),
    # The lead's fit to its receiver: do sweet-spot leads really convert better?
    "fit": Key(
        sql="coalesce(l.fit, '(not judged)')",
        ordered=True,
        order=(*leads.FITS, "(not judged)"),
    ),
}


def key_kind(text: str) -> str:
    word = text.strip().lower()
    if word not in KEYS:
        names = list(KEYS)
        raise BadInput(f"--by takes {', '.join(names[:-1])} or {names[-1]}, not {text!r}")
    return word


def period(
    until: dt.date, settings: Settings, since: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The one period both `report sources` and the weekly report use: the standing window
    ending ``until`` (the last day of a meeting week), unless ``since`` is named."""
    from leadcli.scorecard import window_start

    start = since if since is not None else window_start(until, settings)
    if start > until:
        raise BadInput(f"--since {start} is after {until}")
    return start, until


@dataclass
class Outcome:
    leads: int = 0
    won: int = 0
    lost: int = 0
    open: int = 0
    amount_cents: int = 0

    @property
    def closed(self) -> int:
        return self.won + self.lost

    @property
    def conversion(self) -> float | None:
        """Share of the leads that became business."""
        return self.won / self.leads if self.leads else None

    def as_json(self) -> dict[str, Any]:
        conversion = self.conversion
        return {
            "leads": self.leads,
            "won": self.won,
            "lost": self.lost,
            "open": self.open,
            "conversion": None if conversion is None else round(conversion, 4),
            "amount": self.amount_cents / 100,
        }


@dataclass
class SourceRow:
    key: str
    current: Outcome = field(default_factory=Outcome)
    previous: Outcome = field(default_factory=Outcome)

    @property
    def trend(self) -> str:
        """ "falling" when the key converts at half its earlier rate or less, "rising" at twice or
        more; both only when each period closed ``MIN_CLOSED`` leads (won or lost), judged on the
        closed leads: open leads have no outcome yet."""
        now, before = self.current, self.previous
        if not before.leads:
            return "new" if now.leads else "steady"
        if not now.leads:
            return "quiet"
        if now.closed < MIN_CLOSED or before.closed < MIN_CLOSED:
            return "steady"
        rate_now, rate_before = now.won / now.closed, before.won / before.closed
        if rate_before >= 0.1 and rate_now <= rate_before / 2:
            return "falling"
        if rate_now >= 0.1 and rate_now >= rate_before * 2:
            return "rising"
        return "steady"

    def as_json(self) -> dict[str, Any]:
        """The keys of SPEC 4 (``report sources --json``)."""
        return {"key": self.key, **self.current.as_json(), "previous": self.previous.as_json()}


@dataclass
class SourceReport:
    by: str
    since: dt.date
    until: dt.date
    previous_since: dt.date
    rows: list[SourceRow]

    @property
    def heading(self) -> str:
        """The period in words, the same in `report sources` and in the weekly report."""
        days = (self.until - self.since).days + 1
        before = self.since - dt.timedelta(days=1)
        return (
            f"Leads given {self.since} to {self.until} ({plural(days, 'day')}), "
            f"against {self.previous_since} to {before}"
        )


def report(
    conn: sqlite3.Connection, by: str, since: dt.date, until: dt.date, settings: Settings
) -> SourceReport:
    """Outcomes of the leads given in [since, until] and in the period of the same length before."""
    if since > until:
        raise BadInput(f"--since {since} is after {until}")
    length = (until - since).days + 1
    previous_since = since - dt.timedelta(days=length)
    key = KEYS[by]
    rows: dict[str, SourceRow] = defaultdict(lambda: SourceRow(""))
    for name, current, status, cents in _outcomes(
        conn, key, since, previous_since, until, settings
    ):
        row = rows[name]
        row.key = name
        outcome = row.current if current else row.previous
        outcome.leads += 1
        if status == "won":
            outcome.won += 1
            outcome.amount_cents += cents or 0
        elif status == "lost":
            outcome.lost += 1
        else:
            outcome.open += 1
    if key.ordered:
        order = {name: index for index, name in enumerate(_order(key, settings))}
        ordered = sorted(rows.values(), key=lambda row: order.get(row.key, len(order)))
    else:
        ordered = sorted(
            rows.values(),
            key=lambda row: (
                -row.current.amount_cents,
                -row.current.won,
                -row.current.leads,
                row.key.casefold(),
            ),
        )
    return SourceReport(by, since, until, previous_since, ordered)


def _order(key: Key, settings: Settings) -> list[str]:
    if key.of is speed:
        hours = settings.integer("followup.hours")
        return [s.replace("followup.hours", plural(hours, "hour")) for s in SPEED]
    return list(key.order)


def _outcomes(
    conn: sqlite3.Connection,
    key: Key,
    since: dt.date,
    previous_since: dt.date,
    until: dt.date,
    settings: Settings,
) -> list[tuple[str, bool, str, int | None]]:
    """(key, in the current period, status, amount in cents) of each live lead of both periods."""
    if key.sql is not None:
        query = (
            f"SELECT {key.sql} AS key, l.date >= ? AS current, l.status, l.amount_cents "
            "FROM leads l JOIN members g ON g.id = l.giver_id WHERE l.date BETWEEN ? AND ? "
            f"AND {leads.LIVE}"
        )
        args = [since.isoformat(), previous_since.isoformat(), until.isoformat()]
        return [
            (r["key"], bool(r["current"]), r["status"], r["amount_cents"])
            for r in conn.execute(query, args)
        ]
    assert key.of is not None
    found = []
    for lead in leads.query(conn, leads.Filters(since=previous_since, until=until)):
        name = key.of(lead, settings)
        if name is not None:
            found.append((name, lead.date >= since, lead.status, lead.amount_cents))
    return found
