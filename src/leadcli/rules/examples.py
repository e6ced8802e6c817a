"""The baseline leads the rules' examples start from, one of each kind, and how an example is run.

Each baseline is a complete HOT lead of its kind: a direct referral to a business ("call John
Smith, he is expecting your call"), one to a person (a homeowner), a member's own need, a
specific service and a general opportunity. An example overrides only the facts it is about,
so it reads as the point it makes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from leadcli.rules.base import GIVEN, Context, Example, LeadFacts, Result, Rule
from leadcli.rules.duplicates import DuplicateIndex
from leadcli.rules.group import GroupProfile

_DAY = dt.timedelta(days=1)

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
    "address": "12 Main Street, Springfield, IL 62701",
    "alt_contacts": ("Mary Smith, office manager",),
    "description": (
        "John Smith owns the dental practice on Main Street and is opening a second office "
        "in March. He needs the new office wired for phones and network, about twelve desks, "
        "and wants a quote before the end of the month."
    ),
    "need": "network and phone wiring for a twelve-desk office",
    "heard": GIVEN - 2 * _DAY,
    "decision": GIVEN + 30 * _DAY,
    "public": False,
    "may_use_name": True,
    "expecting_call": True,
    "need_discussed": True,
    "giver_name": "Ann Archer",
    "giver_phone": "+14155550101",
    "giver_email": "ann@example.com",
    "value_cents": 600_000,
    "intent": "buying",
}


@dataclass(frozen=True)
class _Member:
    id: int
    name: str
    category: str
    offers: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    minimum_cents: int | None = None
    active: bool = True


# The group the examples are given in: Ann gives; Bob wires, in Illinois, from $1,000; Eve
# remodels kitchens and bathrooms around Springfield, from $10,000; Dan prints; Ivy does IT;
# Cat keeps accounts. Nobody is a bookkeeper.
MEMBERS = (
    _Member(1, "Ann Archer", "Realtor"),
    _Member(2, "Bob Baker", "Electrician", areas=("Illinois",), minimum_cents=100_000),
    _Member(
        3,
        "Eve Evans",
        "Remodeling",
        offers=("kitchen remodel", "bathroom remodel", "kitchens", "bathrooms"),
        areas=("Springfield, IL", "627"),
        minimum_cents=1_000_000,
    ),
    _Member(4, "Dan Dale", "Printer"),
    _Member(5, "Ivy Ito", "IT services"),
    _Member(6, "Cat Cole", "Accountant"),
)

_UNRECORDED = dict.fromkeys(("public", "may_use_name", "expecting_call", "need_discussed"))

# Every kind of lead the rules know, as overrides of BASELINE, with the line that shows it.
KINDS: dict[str, tuple[str, dict[str, Any]]] = {
    "direct-referral": (
        "Call John Smith, owner of Smith Family Dental: he is expecting your call.",
        {},
    ),
    "person prospect": (
        "Call Maria Lopez about her kitchen: she is expecting your call (a homeowner).",
        {
            "prospect_type": "person",
            "company": None,
            "contact": "Maria Lopez",
            "title": None,
            "website": None,
            "email": "maria.lopez@example.com",
            "receiver_id": 3,
            "address": "48 Elm Street, Springfield, IL 62704",
            "value_cents": 3_000_000,
            "alt_contacts": (),
            "description": (
                "Maria Lopez owns the house at 48 Elm Street and wants her kitchen remodeled "
                "before spring: new cabinets, counters and flooring, about $30,000. She wants "
                "two quotes this month and decides in January."
            ),
            "need": "a kitchen remodel",
        },
    ),
    "member-need": (
        "Our office needs 500 business cards for the open house (Ann's own need).",
        {
            "type": "member-need",
            "receiver_id": 4,
            "value_cents": 40_000,
            "company": None,
            "contact": None,
            "title": None,
            "phones": (),
            "email": None,
            "website": None,
            "address": None,
            "alt_contacts": (),
            "description": (
                "Our office needs 500 business cards and 200 flyers printed for the open "
                "house on December 12; budget about $400, and the artwork is ready to send "
                "this week."
            ),
            "need": "business cards and flyers",
            "decision": GIVEN + 10 * _DAY,
            **_UNRECORDED,
        },
    ),
    "specific-service": (
        "Harbor Logistics is looking at new phone systems for its warehouse.",
        {
            "type": "specific-service",
            "receiver_id": 5,
            "company": "Harbor Logistics",
            "contact": "Dana Reyes",
            "title": "Operations director",
            "email": "dana@harborlogistics.example",
            "description": (
                "Harbor Logistics is looking at a new phone system for its warehouse and "
                "office, about forty handsets; Dana Reyes runs operations and wants proposals "
                "by the middle of December."
            ),
            "need": "a phone system for forty handsets",
        },
    ),
    "general-opportunity": (
        "ABC Inc is planning to move its offices: for the whole room.",
        {
            "type": "general-opportunity",
            "receiver_id": None,
            "company": "ABC Inc",
            "contact": "Lee Park",
            "title": "Office manager",
            "email": "lee@abc.example",
            "description": (
                "ABC Inc is planning to move its forty staff to a larger office downtown by "
                "March: it will need movers, furniture, wiring, signs and new printing, and "
                "Lee Park is gathering names this month."
            ),
            "need": "an office move for forty staff",
            "expecting_call": None,
            "need_discussed": None,
            "decision_maker": True,
            "intent": "exploring",
        },
    ),
}


def baseline_lead(kind: str = "direct-referral", **overrides: Any) -> LeadFacts:
    """The baseline HOT lead of ``kind`` with some facts changed."""
    return LeadFacts(**(BASELINE | KINDS[kind][1] | overrides))


def kind_of(lead: LeadFacts) -> str:
    """The name of the kind a lead is, as ``rules explain`` lists them."""
    if lead.type == "direct-referral" and lead.prospect_kind == "person":
        return "person prospect"
    return lead.type


def example_context(example: Example, settings: Mapping[str, Any] | None = None) -> Context:
    """A context holding the example's other leads (and the lead itself) in a duplicate index."""
    if settings is None:
        from leadcli.settings import Settings

        settings = Settings()
    leads = [
        baseline_lead(example.kind, **example.overrides),
        *(baseline_lead(example.kind, **o) for o in example.others),
    ]
    return Context(settings, DuplicateIndex.build(leads), example_group())


@functools.cache
def example_group() -> GroupProfile:
    """The profiles of MEMBERS."""
    return GroupProfile.build(MEMBERS)


def run_example(rule: Rule, example: Example, settings: Mapping[str, Any] | None = None) -> Result:
    """What ``rule`` makes of its example (default settings unless given)."""
    return rule(
        baseline_lead(example.kind, **example.overrides), example_context(example, settings)
    )


def applicability(
    rule: Rule, settings: Mapping[str, Any] | None = None
) -> list[tuple[str, str, Result]]:
    """For each kind of lead: its name, the line that shows it, and what ``rule`` makes of it."""
    shown = []
    for kind, (line, _) in KINDS.items():
        example = Example({}, kind=kind)
        shown.append((kind, line, run_example(rule, example, settings)))
    return shown
