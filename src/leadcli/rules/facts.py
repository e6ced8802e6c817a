"""What the rules see of a lead: its facts, its type and who the prospect is.

The lowest floor of the rules: it imports nothing of leadcli but ``record``, so the rule
modules, the duplicate index and the domain can all build on it without import circles.
"""

from __future__ import annotations

import datetime as dt

from leadcli.record import Record

LEAD_TYPES = ("direct-referral", "member-need", "specific-service", "general-opportunity")
PROSPECTS = ("business", "person")
INTENTS = ("buying", "exploring", "gathering-info", "price-shopping", "rfp")


def given(text: str | None) -> bool:
    """A text fact is given when it holds more than blanks."""
    return bool(text and not text.isspace())


class LeadFacts(Record):
    """What the rules see of a lead (phones and email already validated); never changed."""

    __slots__ = (
        "id",
        "date",
        "type",
        "giver_id",
        "receiver_id",
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
        "giver_name",
        "giver_phone",
        "giver_email",
        "parent_id",
        "prospect_type",
        "value_cents",
        "decision_maker",
        "intent",
    )

    id: int | None
    date: dt.date
    type: str
    giver_id: int
    receiver_id: int | None
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
    # The giver's member record: for a member-need lead the giver is the prospect.
    giver_name: str | None
    giver_phone: str | None
    giver_email: str | None
    parent_id: int | None  # the lead it spun off from
    # Who the prospect is (business or person; None: a business when a company is named),
    # the deal's estimated size, whether the contact decides, and why they want it.
    prospect_type: str | None
    value_cents: int | None
    decision_maker: bool | None
    intent: str | None

    def __init__(
        self,
        id: int | None,
        date: dt.date,
        type: str,
        giver_id: int = 0,
        receiver_id: int | None = None,
        company: str | None = None,
        contact: str | None = None,
        title: str | None = None,
        phones: tuple[str, ...] = (),
        email: str | None = None,
        website: str | None = None,
        address: str | None = None,
        alt_contacts: tuple[str, ...] = (),
        description: str | None = None,
        need: str | None = None,
        heard: dt.date | None = None,
        decision: dt.date | None = None,
        public: bool | None = None,
        may_use_name: bool | None = None,
        expecting_call: bool | None = None,
        need_discussed: bool | None = None,
        giver_name: str | None = None,
        giver_phone: str | None = None,
        giver_email: str | None = None,
        parent_id: int | None = None,
        prospect_type: str | None = None,
        value_cents: int | None = None,
        decision_maker: bool | None = None,
        intent: str | None = None,
    ) -> None:
        self.id = id
        self.date = date
        self.type = type
        self.giver_id = giver_id
        self.receiver_id = receiver_id
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
        self.giver_name = giver_name
        self.giver_phone = giver_phone
        self.giver_email = giver_email
        self.parent_id = parent_id
        self.prospect_type = prospect_type
        self.value_cents = value_cents
        self.decision_maker = decision_maker
        self.intent = intent

    @property
    def is_member_need(self) -> bool:
        return self.type == "member-need"

    @property
    def prospect_kind(self) -> str:
        """``business`` or ``person``: as recorded, else a business when a company is named."""
        if self.prospect_type in PROSPECTS:
            return self.prospect_type
        return "business" if given(self.company) else "person"
