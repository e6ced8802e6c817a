"""The baseline lead the rules' examples start from, and how an example is run.

The baseline is a complete HOT direct referral ("call John Smith, he is expecting your call");
each example overrides only the facts it is about, so the example reads as the point it makes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from leadcli.rules.base import Context, Example, LeadFacts, Result, Rule
from leadcli.rules.duplicates import DuplicateIndex

GIVEN = dt.date(2026, 11, 18)  # a Wednesday meeting

BASELINE: dict[str, Any] = {
    "id": 1,
    "date": GIVEN,
    "type": "direct-referral",
    "giver_id": 1,
    "receiver_id": 2,
    "company": "Smith Family Dental",
    "contact": "John Smith",
    "title": "Practice owner",
    "phones": ("+14155550123",),
    "email": "john@smithdental.example",
    "website": "https://smithdental.example",
    "address": "12 Main Street",
    "alt_contacts": ("Mary Smith, office manager",),
    "description": (
        "John Smith owns the dental practice on Main Street and is opening a second office "
        "in March. He needs the new office wired for phones and network, about twelve desks, "
        "and wants a quote before the end of the month."
    ),
    "need": "network and phone wiring for a twelve-desk office",
    "heard": GIVEN - dt.timedelta(days=2),
    "decision": GIVEN + dt.timedelta(days=30),
    "public": False,
    "may_use_name": True,
    "expecting_call": True,
    "need_discussed": True,
    "giver_name": "Ann Archer",
    "giver_phone": "+14155550101",
    "giver_email": "ann@example.com",
}


def baseline_lead(**overrides: Any) -> LeadFacts:
    """The baseline HOT direct referral with some facts changed."""
    return LeadFacts(**(BASELINE | overrides))


def example_context(example: Example, settings: Mapping[str, Any] | None = None) -> Context:
    """A context holding the example's other leads (and the lead itself) in a duplicate index."""
    if settings is None:
        from leadcli.settings import Settings

        settings = Settings()
    leads = [baseline_lead(**example.overrides), *(baseline_lead(**o) for o in example.others)]
    return Context(settings, DuplicateIndex.build(leads))


def run_example(rule: Rule, example: Example, settings: Mapping[str, Any] | None = None) -> Result:
    """What ``rule`` makes of its example (default settings unless given)."""
    return rule(baseline_lead(**example.overrides), example_context(example, settings))
