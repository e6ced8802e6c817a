"""The research queue: every INCOMPLETE lead, oldest first, with what to ask the giver."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from leadcli import checking, leads
from leadcli.leads import Lead
from leadcli.settings import Settings

# What to ask the giver for each required rule that fails, in the giver's terms, and the
# option that records the answer.
QUESTIONS: dict[str, tuple[Callable[[Lead, Settings], str], str]] = {
    "R001": (
        lambda lead, s: (
            f"What does {_who(lead)} need, how large is it and by when "
            f"(in at least {s.integer('rules.min_description_words')} words)?"
        ),
        "--description TEXT",
    ),
    "R002": (
        lambda lead, s: f"Whom should {lead.receiver or 'the member'} call at {_who(lead)}?",
        "--contact NAME",
    ),
    "R003": (
        lambda lead, s: f"What is the phone number or email of {lead.contact or 'the contact'}?",
        "--phone NUMBER or --email ADDRESS",
    ),
    "R004": (lambda lead, s: "Which member is the lead for?", "--to MEMBER"),
}


def _who(lead: Lead) -> str:
    return lead.company or lead.contact or "the prospect"


@dataclass(frozen=True)
class Item:
    lead: Lead
    waiting_days: int
    missing: list[str]
    ask: list[str]
    options: list[str]  # the option recording each answer, beside ``ask``

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.lead.id,
            "date": self.lead.date.isoformat(),
            "giver": self.lead.giver,
            "waiting_days": self.waiting_days,
            "missing": self.missing,
            "ask": self.ask,
        }


def queue(conn: sqlite3.Connection, settings: Settings, today: dt.date) -> list[Item]:
    """Every live INCOMPLETE lead, oldest first, with the questions that would complete it."""
    waiting = leads.query(conn, leads.Filters(verdict="INCOMPLETE"))
    items = []
    for lead, check in zip(waiting, checking.check_many(conn, waiting, settings), strict=True):
        failed = [r for r in check.results if r.status == "fail" and r.code.startswith("R")]
        ask, options = [], []
        for result in failed:
            question = QUESTIONS.get(result.code)
            if question is None:
                ask.append(result.hint or result.message)
                options.append("")
                continue
            ask.append(question[0](lead, settings))
            options.append(question[1])
        items.append(
            Item(
                lead=lead,
                waiting_days=max(0, (today - lead.date).days),
                missing=[r.code for r in failed],
                ask=ask,
                options=options,
            )
        )
    return items
