"""Lead quality by outcome: per source, giver or type, this period against the one before."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from leadcli import leads
from leadcli.errors import BadInput

KEYS = {
    "source": "coalesce(nullif(l.source, ''), '(no source)')",
    "giver": "g.name",
    "type": "l.type",
}
OPEN = ("research", "new", "contacted", "appointment", "proposal")


def key_kind(text: str) -> str:
    word = text.strip().lower()
    if word not in KEYS:
        raise BadInput(f"--by takes source, giver or type, not {text!r}")
    return word


@dataclass
class Outcome:
    leads: int = 0
    won: int = 0
    lost: int = 0
    open: int = 0
    amount_cents: int = 0

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
        """ "falling" when a key that converted well before converts at half that rate or less now."""
        now, before = self.current.conversion, self.previous.conversion
        if before is None or self.previous.leads < 2:
            return "new" if now is not None and before is None else "steady"
        if now is None:
            return "quiet"
        if before >= 0.1 and now <= before / 2:
            return "falling"
        if now >= 0.1 and now >= before * 2 and self.current.leads >= 2:
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


def report(conn: sqlite3.Connection, by: str, since: dt.date, until: dt.date) -> SourceReport:
    """Outcomes of the leads given in [since, until] and in the period of the same length before."""
    if since > until:
        raise BadInput(f"--since {since} is after {until}")
    length = (until - since).days + 1
    previous_since = since - dt.timedelta(days=length)
    rows: dict[str, SourceRow] = defaultdict(lambda: SourceRow(""))
    query = (
        f"SELECT {KEYS[by]} AS key, l.date >= ? AS current, l.status, l.amount_cents "
        "FROM leads l JOIN members g ON g.id = l.giver_id WHERE l.date BETWEEN ? AND ? "
        f"AND {leads.LIVE}"
    )
    for r in conn.execute(
        query, [since.isoformat(), previous_since.isoformat(), until.isoformat()]
    ):
        row = rows[r["key"]]
        row.key = r["key"]
        outcome = row.current if r["current"] else row.previous
        outcome.leads += 1
        if r["status"] == "won":
            outcome.won += 1
            outcome.amount_cents += r["amount_cents"] or 0
        elif r["status"] == "lost":
            outcome.lost += 1
        else:
            outcome.open += 1
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
