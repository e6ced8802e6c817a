"""R0xx: what a lead needs before it can be published to the group at all."""

from __future__ import annotations

from leadcli.rules.base import Context, LeadFacts, Outcome, fail, given, ok, rule, word_count
from leadcli.words import plural

_NO_CONTACT = {"contact": None, "title": None}
_MEMBER_NEED = {
    "type": "member-need",
    "company": None,
    "contact": None,
    "phones": (),
    "email": None,
}


@rule(
    "R001",
    "description-present",
    kind="required",
    passing={},
    failing=[{"description": "My friend likes grilled chicken."}, {"description": None}],
    reads=("description",),
    threshold="words, not facts: at least `rules.min_description_words` words, a count that "
    "tells a lead from a remark; H103 judges what the words say",
)
def description_present(lead: LeadFacts, ctx: Context) -> Outcome:
    """The lead is described in at least `rules.min_description_words` words (default 8).

    Why it matters
        A lead is a company or person with a specific need who expects a call. Until it is
        described, nobody in the room can tell whether it is one, let alone act on it.

    Passes
        "John Smith owns the dental practice on Main Street and is opening a second office
        in March; he needs it wired for phones and network."

    Fails
        "My friend likes grilled chicken." A member mentioning that a friend likes grilled
        chicken is not a lead: there is no need, nobody to call and nothing to sell.
    """
    needed = ctx.min_description_words
    words = word_count(lead.description)
    if words >= needed:
        return ok(f"described in {words} words")
    if not words:
        return fail(
            "the lead has no description",
            f"describe who the prospect is and what they need, in at least {needed} words, "
            "with --description TEXT",
        )
    return fail(
        f"the description has {plural(words, 'word')}; "
        f"at least {needed} are needed to tell whether it is a lead",
        "say who the prospect is and what they need with --description TEXT",
    )


@rule(
    "R002",
    "contact-name",
    kind="required",
    passing=[{}, _MEMBER_NEED],
    failing=[_NO_CONTACT, {**_MEMBER_NEED, "giver_name": None}],
    reads=("contact", "giver_name"),
)
def contact_name(lead: LeadFacts, ctx: Context) -> Outcome:
    """The lead names the person to call (for a member need, the giver is that person).

    Why it matters
        A receiver who has only a company name has to find the right person first: the
        lead is half a lead. The giver knows whom they spoke to; the name is asked for now.

    Passes
        "Call John Smith, he is expecting your call." A member who needs another member's
        service (a member need) is the contact: their own member record serves.

    Fails
        "ABC Plumbing is busy this spring, someone there might need a printer": no name.
    """
    if given(lead.contact):
        return ok("the contact is named")
    if lead.is_member_need and given(lead.giver_name):
        return ok("a member need: the giver is the contact")
    if lead.is_member_need:
        return fail(
            "no contact name, and the giver's member record has none",
            "record whom to call with --contact NAME",
        )
    who = "whoever takes it up" if lead.type == "general-opportunity" else "the receiver"
    return fail(
        f"no contact name: {who} would not know whom to ask for",
        "ask the giver whom to call and record the name with --contact NAME",
    )


@rule(
    "R003",
    "contact-reachable",
    kind="required",
    passing=[{}, {"email": None}, {"phones": ()}, _MEMBER_NEED],
    failing=[
        {"phones": (), "email": None},
        {**_MEMBER_NEED, "giver_phone": None, "giver_email": None},
    ],
    reads=("phones", "email", "giver_phone", "giver_email"),
)
def contact_reachable(lead: LeadFacts, ctx: Context) -> Outcome:
    """The contact can be reached: at least one phone or email (for a member need, the giver's).

    Why it matters
        A lead is someone who expects a call. Without a phone or an email the receiver
        cannot make it within 24 hours, and the lead goes cold while they search.

    Passes
        John Smith's office phone, or his email, or both. For a member need, the phone or
        email on the giver's member record.

    Fails
        "John Smith, you can find him somewhere downtown": no way to reach him.
    """
    if lead.phones or given(lead.email):
        return ok("a phone or email is given")
    if lead.is_member_need and (given(lead.giver_phone) or given(lead.giver_email)):
        return ok("a member need: the giver's member record has a phone or email")
    if lead.is_member_need:
        return fail(
            "neither the lead nor the giver's member record has a phone or email",
            "record one with --phone NUMBER or --email ADDRESS (or add it to the giver's "
            "member record with `member edit`)",
        )
    return fail(
        "no phone or email: the receiver cannot reach the contact",
        "ask the giver for a phone or email and record it with --phone NUMBER or --email ADDRESS",
    )


@rule(
    "R004",
    "receiver-named",
    kind="required",
    passing=[{}, {"type": "general-opportunity", "receiver_id": None}],
    failing=[
        {"receiver_id": None},
        {"receiver_id": 1},
        {"type": "general-opportunity", "receiver_id": 1},
    ],
    reads=("giver_id", "receiver_id"),
)
def receiver_named(lead: LeadFacts, ctx: Context) -> Outcome:
    """The lead names the member who receives it, who is not the giver.

    Why it matters
        A lead passed "to the room" is a lead nobody calls. Each lead goes to the one member
        whose category serves the need, so that one person owns the follow-up. Only a
        general opportunity ("ABC Inc is planning to expand") is for the whole room.

    Passes
        Ann gives Bob, the plumber, "call John Smith, he is expecting your call". A general
        opportunity with no receiver.

    Fails
        A direct referral with no receiver, or with the giver as their own receiver.
    """
    if lead.receiver_id is not None and lead.receiver_id == lead.giver_id:
        return fail(
            "the receiver is the giver: a member cannot pass a lead to themselves",
            "name the member who gets it with --to MEMBER",
        )
    if lead.receiver_id is not None:
        return ok("the receiver is named")
    if lead.type == "general-opportunity":
        return ok("a general opportunity is for the whole room: no receiver needed")
    return fail(
        f"no receiver: a {lead.type} lead goes to one member",
        "name the member who gets it with --to MEMBER "
        "(or give it to the whole room with --type general-opportunity)",
    )
