"""What the rules see of a lead: its facts, its type and who the prospect is.

The lowest floor of the rules: it imports nothing of leadcli, so the rule modules, the
duplicate index and the domain can all build on it without import circles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LEAD_TYPES = ("direct-referral", "member-need", "specific-service", "general-opportunity")
PROSPECTS = ("business", "person")
INTENTS = ("buying", "exploring", "gathering-info", "price-shopping", "rfp")


def given(text: str | None) -> bool:
    """A text fact is given when it holds more than blanks."""
    return bool(text and not text.isspace())


@dataclass(slots=True)  # not frozen: made once per lead checked, and frozen ones are slow to make
class LeadFacts:
    """What the rules see of a lead (phones and email already validated); never changed."""

    id: int | None
    date: dt.date
    type: str
    giver_id: int = 0
    receiver_id: int | None = None
    company: str | None = None
    contact: str | None = None
    title: str | None = None
    phones: tuple[str, ...] = ()
    email: str | None = None
    website: str | None = None
    address: str | None = None
    alt_contacts: tuple[str, ...] = ()
    description: str | None = None
    need: str | None = None
    heard: dt.date | None = None
    decision: dt.date | None = None
    public: bool | None = None
    may_use_name: bool | None = None
    expecting_call: bool | None = None
    need_discussed: bool | None = None
    # The giver's member record: for a member-need lead the giver is the prospect.
    giver_name: str | None = None
    giver_phone: str | None = None
    giver_email: str | None = None
    parent_id: int | None = None  # the lead it spun off from
    # Who the prospect is (business or person; None: a business when a company is named),
    # the deal's estimated size, whether the contact decides, and why they want it.
    prospect_type: str | None = None
    value_cents: int | None = None
    decision_maker: bool | None = None
    intent: str | None = None

    @property
    def is_member_need(self) -> bool:
        return self.type == "member-need"

    @property
    def prospect_kind(self) -> str:
        """``business`` or ``person``: as recorded, else a business when a company is named."""
        if self.prospect_type in PROSPECTS:
            return self.prospect_type
        return "business" if given(self.company) else "person"
