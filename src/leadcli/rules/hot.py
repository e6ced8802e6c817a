"""H1xx: the points of a really hot lead (timely, private, described, reachable, pre-sold)."""

from __future__ import annotations

import datetime as dt

from leadcli.rules.base import (
    GIVEN,
    Context,
    Example,
    LeadFacts,
    Outcome,
    fail,
    given,
    ok,
    rule,
    warn,
    word_count,
)
from leadcli.rules.scope import answered
from leadcli.rules.when import decision_said
from leadcli.words import plural

_DAY = dt.timedelta(days=1)
_ROOM = "a general opportunity is for the whole room: there is no single prospect to "
# A member need: the giver is the prospect, so what a giver vouches for is met by nature.
_OWN = "a member need: the giver is the prospect, "
_OWN_NEED = {"member-need": _OWN + "so it is private by nature"}


def _join(words: list[str], last: str = "and") -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


@rule(
    "H101",
    "timely",
    points=2,
    passing=[{}, {"heard": GIVEN - 7 * _DAY}, {"heard": GIVEN + _DAY}],
    partial={"heard": GIVEN - 10 * _DAY},
    failing=[
        {"heard": GIVEN - 30 * _DAY},
        {"heard": None},
        Example({"heard": GIVEN - 40 * _DAY}, kind="member-need"),
    ],
    reads=("date", "heard"),
    threshold="days: `rules.timely_days` from hearing of it to giving it",
)
def timely(lead: LeadFacts, ctx: Context) -> Outcome:
    """The giver passed the lead on within `rules.timely_days` of hearing of it (default 7).

    Why it matters
        The earlier the better: a need known to one member today is known to every
        competitor next month. Two points within the limit, one point within twice it.

    Passes
        Ann heard on Monday that John Smith needs his new office wired and gives the lead
        at Wednesday's meeting.

    Fails
        "They opened shop last week", heard a month ago: stale news, and everyone who sells
        to new shops has called already (a specific need may still make it worth giving,
        without these points). Also fails when nobody recorded when the giver heard of it.
    """
    limit = ctx.timely_days
    if lead.heard is None:
        return fail(
            "when the giver heard of it is not recorded",
            "ask the giver when they first heard of it and record it with --heard DATE",
        )
    days = max(0, (lead.date - lead.heard).days)
    heard = f"heard of it {plural(days, 'day')} before it was given"
    if days <= limit:
        return ok(f"{heard} (within {limit})")
    if days <= 2 * limit:
        return warn(
            f"{heard}: more than {limit}, 1 of 2 points",
            "give leads at the first meeting after hearing of them; "
            "if the giver heard of it later, correct it with --heard DATE",
            points=1,
        )
    return fail(
        f"{heard}: stale (more than {2 * limit})",
        "give leads at the first meeting after hearing of them; old news is worth giving "
        "only with a specific need (--need TEXT); correct the date with --heard DATE if wrong",
    )


_PRESOLD = {"public": True, "expecting_call": True, "need_discussed": True}


@rule(
    "H102",
    "not-public",
    points=1,
    passing={},
    failing=[
        {"public": True, "expecting_call": None},
        {"public": None},
        Example({"public": True, "need_discussed": False}, kind="specific-service"),
        Example(_PRESOLD, kind="general-opportunity"),
    ],
    partial=[_PRESOLD, Example(_PRESOLD, kind="person prospect")],
    skips=_OWN_NEED,
    reads=("type", "public", "expecting_call", "need_discussed"),
)
def not_public(lead: LeadFacts, ctx: Context) -> Outcome:
    """The lead is not public knowledge; a public lead is capped at COLD whatever its score.

    Why it matters
        A lead read in the paper or on the internet is "out on the streets": every
        salesperson in town has it. What the group offers is what nobody else knows. Once
        the giver has spoken with the prospect, who now expects the call and has discussed
        the need (H106 and H107 pass), the private angle is found: the point is still lost
        to the news, but the cap is lifted. A member's own need is private by nature.

    Passes
        John Smith told Ann over dinner that he is opening a second office.

    Fails
        "I read in the paper that ABC Inc is planning to expand." Also fails, without the
        cap, when nobody recorded whether it is public.
    """
    if lead.public is False:
        return ok("not public: the giver heard of it privately")
    if lead.public:
        if lead.expecting_call and lead.need_discussed and lead.type != "general-opportunity":
            return warn(
                "public news, but the giver has since spoken with the prospect, who expects "
                "the call and discussed the need: the private angle is found, not capped",
                "call first: others read the same news (recorded with --public)",
            )
        return fail(
            "public knowledge (in the paper, online or out on the streets): capped at COLD",
            "find the private angle: the giver speaks with the prospect, who then expects "
            "the call (--expecting-call) and discusses the need (--need-discussed); "
            "if it is not public after all, record --not-public",
            cap="COLD",
        )
    return fail(
        "whether it is public is not recorded",
        "ask the giver where the news came from and record --not-public or --public",
    )


_SCOPE_HINT = (
    "say who the prospect is, what they need, how large and by when with --description TEXT"
)


@rule(
    "H103",
    "complete-description",
    points=1,
    passing=[
        {},
        Example({}, kind="member-need"),
        Example(
            {
                "description": "Our office needs 500 business cards for the open house on December 12."
            },
            kind="member-need",
        ),
        {"description": "John Smith needs his new office wired, twelve desks, by March."},
    ],
    failing=[
        {
            "description": "John Smith is opening a second office and needs it wired.",
            "value_cents": None,
            "decision": None,
        },
        {
            "description": "John Smith mentioned his office over lunch; nice man, call him.",
            "need": None,
        },
        Example(
            {
                "description": "Our office needs business cards.",
                "decision": None,
                "value_cents": None,
            },
            kind="member-need",
        ),
    ],
    reads=("description", "contact", "company", "need", "value_cents", "decision"),
    threshold="facts, not words: who, what, how large and by when (a description of "
    "`rules.complete_description_words` words may miss one of them)",
)
def complete_description(lead: LeadFacts, ctx: Context) -> Outcome:
    """The description says who, what they need, how large and by when.

    Why it matters
        Anyone in the room should understand the scope: who, what they need, how large and
        by when. The receiver prepares the call from it; other members spot spin-offs in it.
        The lead's fields count too (a contact or company is who, --need what, --value how
        large, --decision when). The threshold is facts, not words: a description of at
        least `rules.complete_description_words` words (default 25) that misses only one of
        the four also passes, as a long account usually says it in other words.

    Passes
        "John Smith needs his new office wired, twelve desks, by March." A member's own
        need: "Our office needs 500 business cards for the open house on December 12."

    Fails
        "John Smith is opening a second office and needs it wired." True, but not how large
        nor by when: not enough to quote from.
    """
    found = answered(lead)
    missing = [q for q, yes in found.items() if not yes]
    if not missing:
        return ok("the description says who, what, how large and by when")
    needed = ctx.complete_description_words
    words = word_count(lead.description)
    said = _join(missing, "or")
    if len(missing) == 1 and words >= needed:
        return ok(f"described in {words} words (complete at {needed}), though not clearly {said}")
    return fail(f"the description does not say {said}", _SCOPE_HINT)


_CONTACT_OPTIONS = {
    "name": "--contact NAME",
    "title": "--title TITLE",
    "phone": "--phone NUMBER",
    "email": "--email ADDRESS",
}


@rule(
    "H104",
    "full-contact",
    points=2,
    passing=[{}, Example({}, kind="person prospect")],
    partial=[{"title": None}, Example({"email": None}, kind="person prospect")],
    failing=[
        {"title": None, "email": None},
        Example({"phones": (), "email": None}, kind="person prospect"),
        Example({"contact": None, "title": None}, kind="specific-service"),
    ],
    skips={"member-need": _OWN + "whose member record holds their name, phone and email"},
    reads=("prospect_type", "company", "contact", "title", "phones", "email"),
)
def full_contact(lead: LeadFacts, ctx: Context) -> Outcome:
    """The contact's name, title, phone and email are all given (1 point for three of them).

    Why it matters
        Full contact information lets the receiver call the right person the same day and
        follow up by email; a title tells them whether that person decides. A person (a
        homeowner, a family) has no title: their full contact is name, phone and email
        (1 point for two of them). A member's own need is skipped: the giver's member
        record holds their name, phone and email.

    Passes
        "John Smith, practice owner, 415-555-0123, john@smithdental.example." For a
        homeowner: "Maria Lopez, 415-555-0188, maria.lopez@example.com."

    Fails
        "John Smith, 415-555-0123": no title, no email. (Three of the four earn 1 point.)
    """
    person = lead.prospect_kind == "person"
    have = (
        ("name", given(lead.contact)),
        ("title", person or given(lead.title)),
        ("phone", bool(lead.phones)),
        ("email", given(lead.email)),
    )
    missing = [what for what, present in have if not present]
    asked = "name, phone and email" if person else "name, title, phone and email"
    if not missing:
        return ok(f"{asked} are all given" + (" (a person has no title)" if person else ""))
    options = _join([_CONTACT_OPTIONS[m] for m in missing])
    hint = (
        f"ask the giver for the contact's {_join(missing)} and record "
        f"{'it' if len(missing) == 1 else 'them'} with {options}"
    )
    if len(missing) == 1:
        return warn(f"no {missing[0]} for the contact: 1 of 2 points", hint, points=1)
    return fail(f"no {_join(missing, 'or')} for the contact", hint)


@rule(
    "H105",
    "may-use-name",
    points=1,
    passing={},
    failing=[{"may_use_name": False}, {"may_use_name": None}],
    skips={"member-need": _OWN + "who is the one to mention"},
    reads=("may_use_name",),
)
def may_use_name(lead: LeadFacts, ctx: Context) -> Outcome:
    """The receiver may say the giver sent them.

    Why it matters
        "Ann Archer suggested I call" opens the door: the prospect takes a call from a
        friend's friend. Without it the receiver makes a cold call.

    Passes
        "Call John Smith and tell him I sent you."

    Fails
        "Call John Smith, but don't say it came from me." Also fails when not recorded.
        Skipped for a member's own need: the giver is the one the receiver calls.
    """
    if lead.may_use_name:
        return ok("the receiver may use the giver's name")
    if lead.may_use_name is False:
        return fail(
            "the giver's name may not be used: the receiver calls cold",
            "ask the giver whether their name may open the door; if so, record --may-use-name",
        )
    return fail(
        "whether the giver's name may be used is not recorded",
        "ask the giver and record --may-use-name if they agree",
    )


@rule(
    "H106",
    "expecting-call",
    points=2,
    passing={},
    failing=[
        {"expecting_call": False},
        {"expecting_call": None},
        Example({"expecting_call": None}, kind="person prospect"),
    ],
    skips={
        "member-need": _OWN + "who expects the call by nature",
        "general-opportunity": _ROOM + "expect a call",
    },
    reads=("expecting_call",),
)
def expecting_call(lead: LeadFacts, ctx: Context) -> Outcome:
    """The prospect expects the receiver's call (skipped for a general opportunity).

    Why it matters
        A lead is someone who expects a call from a member. An expected call is a warm
        conversation; an unexpected one is a sales pitch. Skipped for a member's own need
        (the giver expects the call by nature) and for a general opportunity.

    Passes
        "Call John Smith, he is expecting your call."

    Fails
        "Try John Smith, he doesn't know about you yet." Also fails when not recorded.
    """
    if lead.expecting_call:
        return ok("the prospect expects the call")
    if lead.expecting_call is False:
        return fail(
            "the prospect is not expecting the call",
            "ask the giver to tell the prospect to expect the call, then record --expecting-call",
        )
    return fail(
        "whether the prospect expects the call is not recorded",
        "ask the giver and record --expecting-call if the prospect expects it",
    )


@rule(
    "H107",
    "need-discussed",
    points=2,
    passing={},
    failing=[
        {"need_discussed": False},
        {"need_discussed": None},
        Example({"need_discussed": False}, kind="specific-service"),
    ],
    skips={
        "member-need": _OWN + "who knows their own need",
        "general-opportunity": _ROOM + "discuss a need with",
    },
    reads=("need_discussed",),
)
def need_discussed(lead: LeadFacts, ctx: Context) -> Outcome:
    """The giver discussed the specific need with the prospect and pre-sold the receiver.

    Why it matters
        A prospect who has told the giver what they need, and heard why the receiver is the
        one to meet it, is half sold before the call. Skipped for a member's own need (they
        know it) and for a general opportunity.

    Passes
        "John needs his new office wired; I told him Bob did ours and did it well."

    Fails
        "John Smith might need something, you could ask him." Also fails when not recorded.
    """
    if lead.need_discussed:
        return ok("the giver discussed the need and pre-sold the receiver")
    if lead.need_discussed is False:
        return fail(
            "the giver did not discuss the specific need with the prospect",
            "ask the giver to talk the need through with the prospect and recommend the "
            "receiver, then record --need-discussed (and the need with --need TEXT)",
        )
    return fail(
        "whether the need was discussed is not recorded",
        "ask the giver and record --need-discussed if they talked it through",
    )


_UNDATED = (
    "John Smith owns the dental practice on Main Street and needs his office wired for "
    "phones and network, about twelve desks."
)


@rule(
    "H108",
    "near-term",
    points=1,
    passing=[
        {},
        {"decision": GIVEN},
        {"decision": GIVEN + 90 * _DAY},
        Example({"decision": GIVEN + 14 * _DAY}, kind="member-need"),
        {"decision": None, "description": _UNDATED + " He will choose by December 12."},
        Example(
            {"decision": None, "description": "Our server crashed; we need a new one ASAP."},
            kind="member-need",
        ),
    ],
    failing=[
        {"decision": None, "description": _UNDATED},
        {"decision": GIVEN + 91 * _DAY},
        {"decision": GIVEN + 181 * _DAY},
        {"decision": GIVEN + 400 * _DAY},
        {"decision": GIVEN - _DAY},
        {"decision": None, "description": _UNDATED + " He means to start next fall."},
        Example(
            {"decision": None, "description": "Our office needs 500 business cards."},
            kind="member-need",
        ),
    ],
    reads=("date", "decision", "description"),
    threshold="days: `rules.near_term_days` to the decision; beyond `rules.far_days`, capped",
)
def near_term(lead: LeadFacts, ctx: Context) -> Outcome:
    """The prospect decides within `rules.near_term_days` of the lead (default 90).

    Why it matters
        A lead is a legitimate, near-term need: "in the near future, not the next year".
        A decision beyond `rules.far_days` (default 180: "next fall", a year away) is not
        a lead yet, and is capped at COLD whatever its score. Without --decision, the
        description is read for a time to come ("by December 12", "in two weeks", "ASAP",
        "next spring", "in a couple of years"): a month or season at its first day, the
        earliest such time if it names several; anything that may be past or is vague
        ("in October" said in November, "next year", "at some point") is not read.

    Passes
        John Smith wants quotes this month and will choose by the end of December.

    Fails
        "ABC Inc might move in a couple of years" (capped at COLD). Also fails when the
        decision date is unknown or already passed.
    """
    limit = ctx.near_term_days
    decision, source = lead.decision, ""
    if decision is None:
        said = decision_said(lead.description or "", lead.date, ctx.date_order)
        if said is None:
            return fail(
                "when the prospect will decide is not recorded",
                "ask the giver when the prospect expects to decide and record it with "
                "--decision DATE",
            )
        decision, source = said.date, f'the description says "{said.words}" ({said.date}): '
    days = (decision - lead.date).days
    if days < 0:
        return fail(
            f"the decision date already passed ({plural(-days, 'day')} before the lead was given)",
            "check the date with the giver and correct it with --decision DATE",
        )
    if days <= limit:
        return ok(f"{source}the decision is {plural(days, 'day')} away (within {limit})")
    if days > ctx.far_days:
        return fail(
            f"{source}the decision is {days} days away, beyond {ctx.far_days}: the next year, "
            "not the near future; not a lead yet, capped at COLD",
            "give it again when the decision is near, or correct it with --decision DATE",
            cap="COLD",
        )
    return fail(
        f"{source}the decision is {days} days away, beyond the {limit} days of a near-term lead",
        "give it closer to the decision, or record an earlier date with --decision DATE",
    )
