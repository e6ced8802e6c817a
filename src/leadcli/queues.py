"""What waits on someone, as of a moment (SPEC 5.3): the research queue, thanks due at the next
meeting, and updates owed on open leads."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from leadcli import clock, leads, pipeline
from leadcli.settings import Settings

OPEN = ("new", "contacted", "appointment", "proposal")


@dataclass(frozen=True)
class Waiting:
    """An INCOMPLETE lead waiting in research, and for how many days."""

    lead: leads.Lead
    days: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.lead.id,
            "date": self.lead.date.isoformat(),
            "giver": self.lead.giver,
            "waiting_days": self.days,
        }


@dataclass(frozen=True)
class Thanks:
    """A lead won: its receiver thanks its giver at the next meeting."""

    lead: leads.Lead

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.lead.id,
            "giver": self.lead.giver,
            "receiver": self.lead.receiver,
            "amount": self.lead.amount,
        }


@dataclass(frozen=True)
class Owed:
    """An open lead received with no update for weeks: the receiver owes the giver news."""

    lead: leads.Lead
    since: dt.datetime
    weeks: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.lead.id,
            "giver": self.lead.giver,
            "receiver": self.lead.receiver,
            "weeks_without_update": self.weeks,
        }


def research(conn: sqlite3.Connection, as_of: dt.date) -> list[Waiting]:
    """Every INCOMPLETE lead of any week up to ``as_of``, oldest first."""
    found = leads.select(
        conn,
        f" WHERE l.date <= ? AND l.status = 'research' AND {leads.LIVE} ORDER BY l.date, l.id",
        [as_of.isoformat()],
    )
    return [Waiting(lead, (as_of - lead.date).days) for lead in found]


def thanks_due(closed: Sequence[leads.Lead]) -> list[Thanks]:
    """The won leads with a giver to thank (all of them but a receiver's own)."""
    return [Thanks(lead) for lead in closed if lead.status == "won"]


def updates_owed(conn: sqlite3.Connection, settings: Settings, moment: dt.datetime) -> list[Owed]:
    """Open leads received with no update (status, contact, amount, note) for
    ``followup.update_weeks`` weeks at ``moment``; the clock starts when the lead could be worked."""
    weeks = settings.integer("followup.update_weeks")
    open_leads = leads.select(
        conn,
        f" WHERE l.date <= ? AND l.receiver_id IS NOT NULL AND {leads.LIVE} "
        f"AND l.status IN ({', '.join('?' * len(OPEN))}) ORDER BY l.date, l.id",
        [moment.date().isoformat(), *OPEN],
    )
    if not open_leads:
        return []
    latest = _latest_updates(conn, [lead.id for lead in open_leads], moment)
    owed = []
    for lead in open_leads:
        since = max(
            pipeline.clock_starts(lead, settings),
            latest.get(lead.id, dt.datetime.min.replace(tzinfo=moment.tzinfo)),
        )
        quiet = int((moment - since) / dt.timedelta(weeks=1))
        if quiet >= weeks:
            owed.append(Owed(lead, since, quiet))
    return owed


def _latest_updates(
    conn: sqlite3.Connection, ids: Sequence[int], moment: dt.datetime
) -> dict[int, dt.datetime]:
    kinds = ", ".join(f"'{k}'" for k in pipeline.UPDATE_KINDS)
    rows = conn.execute(
        "SELECT lead_id, max(at) FROM lead_events "
        f"WHERE lead_id IN (SELECT value FROM json_each(?)) AND kind IN ({kinds}) AND at <= ? "
        "GROUP BY lead_id",
        [json.dumps(list(ids)), clock.stamp(moment)],
    )
    return {lead_id: dt.datetime.fromisoformat(at) for lead_id, at in rows}
