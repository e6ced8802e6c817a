"""Q3xx: is the lead one the receiver can and should take? Niche, area, authority, money, need.

These rules earn no points: they judge the lead against its receiver's profile. A lead the
receiver cannot serve (Q301 or Q302 fails) or with no genuine need now (Q305 fails) is not a
lead for them, and is capped at COLD. Together they give the lead its fit (``check.fit``).
"""

from __future__ import annotations

import functools
import re

from leadcli import areas, patterns, vocabulary
from leadcli.matching import Hit, phrase
from leadcli.rules.base import (
    Context,
    Example,
    LeadFacts,
    Outcome,
    fail,
    given,
    ok,
    rule,
    skip,
    warn,
)
from leadcli.rules.caseless import Caseless
from leadcli.rules.group import GroupProfile, Profile

_ROOM = "a general opportunity is for the whole room: there is no single receiver "
_NO_RECEIVER = {"general-opportunity": _ROOM + "whose profile to judge it by"}


def _join(words: list[str], last: str = "and") -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def _quoted(hits: list[Hit]) -> str:
    return _join(list(dict.fromkeys(f'"{h.words}"' for h in hits)))


def _receiver(lead: LeadFacts, ctx: Context) -> tuple[GroupProfile, Profile] | str:
    """The group and the receiver's profile, or why the rule cannot judge."""
    if ctx.group is None:
        return "the group's members are not known here"
    if lead.receiver_id is None or lead.receiver_id not in ctx.group.profiles:
        return "no receiver named"
    return ctx.group, ctx.group.profiles[lead.receiver_id]


@functools.lru_cache(maxsize=8)
def _titles_pattern(titles: tuple[str, ...]) -> re.Pattern[str] | None:
    """Any of the titles, as whole words (None when there are none)."""
    words = [re.escape(t) for t in titles if t]
    return patterns.compile(rf"\b(?:{'|'.join(words)})\b") if words else None


def _text(lead: LeadFacts) -> str:
    return "\n".join(t for t in (lead.need, lead.description) if given(t))


@rule(
    "Q301",
    "offers-it",
    kind="qualification",
    passing=[
        {},
        {"description": "John Smith's new office needs rewiring before March, about twelve desks."},
        Example({}, kind="person prospect"),
        Example({}, kind="member-need"),
    ],
    failing=[
        {"need": None, "description": "Acme needs 500 business cards and flyers for its launch."},
        {"need": None, "description": "Acme needs a bookkeeper to catch up on last year's books."},
        Example(
            {"need": None, "description": "Maria Lopez wants her lawn and garden redone."},
            kind="person prospect",
        ),
    ],
    partial=[
        {"need": None, "description": "John Smith may need something for his new office soon."},
        Example(
            {"need": None, "description": "Maria Lopez wants a new deck built behind her house."},
            kind="person prospect",
        ),
    ],
    skips=_NO_RECEIVER,
    reads=("receiver_id", "giver_id", "description", "need"),
)
def offers_it(lead: LeadFacts, ctx: Context) -> Outcome:
    """The lead asks for something the receiver offers (their --offers, else their category's words).

    Why it matters
        The receiver's niche: a lead for what they do not sell wastes their call and the
        prospect's time. A lead that names only what another member offers belongs to that
        member; one that names a category nobody in the group holds is an unmet need, and
        tells the group whom to recruit. Either is capped at COLD for this receiver. Words
        are matched as a person would: "remodel" matches "remodeling", "card" matches "cards".

    Passes
        To Bob, the electrician: "John Smith's new office needs rewiring before March."

    Fails
        To Bob, the electrician: "Acme needs 500 business cards" (what Dan, the printer,
        offers), or "Acme needs a bookkeeper" when nobody in the group is one. Warns when
        the lead names nothing the group's offers or the known categories recognise.
    """
    found = _receiver(lead, ctx)
    if isinstance(found, str):
        return skip(found)
    group, receiver = found
    hits = group.find(_text(lead))
    own = [h for h in hits if h.owner == ("member", receiver.id)]
    if own:
        return ok(f"names {_quoted(own)}, which {receiver.name} offers")
    if not receiver.knows_offers:
        return warn(
            f"what {receiver.name} offers is not known (the category {receiver.category!r} "
            "is not in the vocabulary)",
            f"record what they sell with `leadcli member edit {receiver.id} --offers TEXT`",
        )
    others: dict[int, list[Hit]] = {}
    unmet: dict[str, list[Hit]] = {}
    near: list[Hit] = []
    for hit in hits:
        kind, key = hit.owner  # type: ignore[misc]
        if kind == "member" and key not in (receiver.id, lead.giver_id):
            others.setdefault(key, []).append(hit)
        elif kind == "category":
            holder = group.holders.get(key)
            if holder is None:
                unmet.setdefault(key, []).append(hit)
            elif holder.id == receiver.id:
                near.append(hit)
    if near:
        return warn(
            f"names {_quoted(near)}, of {receiver.name}'s category, which their offers "
            f"({_join(list(receiver.offers))}) do not list",
            f"check with {receiver.name}; if they do it, add it with "
            f"`leadcli member edit {receiver.id} --offers TEXT`",
        )
    if others or unmet:
        parts = [
            f"{_quoted(h)}, which {group.profiles[m].name} offers" for m, h in others.items()
        ] + [f"{_quoted(h)} ({c}), which nobody in the group offers" for c, h in unmet.items()]
        hints = [
            f"give it to {group.profiles[m].name} with --to {group.profiles[m].id}" for m in others
        ] + [f"record the unmet need with `leadcli category want {c!r}`" for c in unmet]
        return fail(
            f"names {_join(parts)}, not what {receiver.name} offers: off target, capped at COLD",
            "; ".join(hints) + " (or say what the prospect needs with --need TEXT)",
            cap="COLD",
        )
    return warn(
        f"names nothing {receiver.name} offers, nor anything the group recognises",
        "say what the prospect needs in the receiver's words with --need TEXT",
    )


@rule(
    "Q302",
    "in-area",
    kind="qualification",
    passing=[{}, {"address": "9 Elm St, Chicago, Illinois 60601"}],
    failing=[
        {"address": "100 Bay Street, Tampa, Florida"},
        Example({"address": "7 Oak Lane, Peoria, IL 61602"}, kind="person prospect"),
        {"address": None, "description": "My cousin in Tampa, Florida needs her new salon wired."},
    ],
    partial={"address": "12 Main Street"},
    skips=_NO_RECEIVER,
    reads=("receiver_id", "address", "description"),
)
def in_area(lead: LeadFacts, ctx: Context) -> Outcome:
    """The prospect is in an area the receiver serves (their --area; none means anywhere).

    Why it matters
        A licence, a service area, a drive: a realtor licensed in Idaho cannot sell a house
        in Tampa, Florida. A lead outside the receiver's area is not a lead for them, and is
        capped at COLD. Areas are cities, states, provinces or postal-code prefixes; the
        address is read for its city, state or province and postal code (and without an
        address, the description for a state or province). Skipped when the receiver has no
        area, or nothing says where the prospect is.

    Passes
        To Bob, who serves Illinois: "12 Main Street, Springfield, IL 62701".

    Fails
        To Bob, who serves Illinois: "100 Bay Street, Tampa, Florida". Warns when the address
        does not say its city, state or postal code.
    """
    found = _receiver(lead, ctx)
    if isinstance(found, str):
        return skip(found)
    _, receiver = found
    if not receiver.areas:
        return skip(f"{receiver.name} serves anywhere (no --area)")
    served = _join([a.text for a in receiver.areas], "or")
    if given(lead.address):
        where, source = lead.address or "", f"the address ({lead.address})"
    else:
        region = areas.region_of(lead.description or "")
        place = vocabulary.place(region) if region else None
        if place is None:
            return skip("no address to place the prospect")
        where, source = place.code, f"the description (in {place.name})"
    verdict, area = areas.judge(where, receiver.areas)
    if verdict == "in":
        assert area is not None
        return ok(f"{source} lies in {area.text}, which {receiver.name} serves")
    if verdict == "out":
        return fail(
            f"{source} is outside {receiver.name}'s area ({served}): "
            "not a lead for them, capped at COLD",
            "give it to a member who serves there, or correct the address with --address TEXT",
            cap="COLD",
        )
    return warn(
        f"cannot tell whether {source} lies in {receiver.name}'s area ({served})",
        "record the city and state (or postal code) with --address TEXT",
    )


@rule(
    "Q303",
    "decision-maker",
    kind="qualification",
    passing=[{}, {"title": "Office manager", "decision_maker": True}, {"title": "CEO"}],
    failing=[
        {"decision_maker": False},
        Example({"decision_maker": False}, kind="specific-service"),
    ],
    partial=[{"title": "Office manager"}, {"title": None}],
    skips={
        "member-need": "a member need: the giver is the prospect and decides",
        "person": "a person decides for themselves",
    },
    reads=("decision_maker", "title"),
)
def decision_maker(lead: LeadFacts, ctx: Context) -> Outcome:
    """The contact can decide: --decision-maker, or a title that decides (`rules.decision_titles`).

    Why it matters
        Authority: a call to someone who must ask their boss is a call that has to be made
        twice. Owners, founders, presidents, CEOs, principals, partners and directors decide
        (the setting lists the titles). Skipped for a member's own need and for a person,
        who decide for themselves.

    Passes
        "John Smith, practice owner"; or an office manager recorded with --decision-maker.

    Fails
        The contact cannot decide alone (--not-decision-maker). Warns when nobody knows:
        no deciding title, and the fact not recorded.
    """
    if lead.decision_maker:
        return ok("the contact decides")
    if lead.decision_maker is False:
        return fail(
            "the contact cannot decide alone",
            "ask the giver who decides and add them with --alt-contact TEXT",
        )
    title = " ".join(phrase(lead.title or ""))
    deciding = _titles_pattern(ctx.decision_titles)
    if deciding is not None and deciding.search(title):
        return ok(f"the contact's title ({lead.title}) decides")
    said = f"the title {lead.title!r} does not say" if given(lead.title) else "nothing says"
    return warn(
        f"{said} whether the contact decides",
        "ask the giver and record --decision-maker or --not-decision-maker",
    )


@rule(
    "Q304",
    "worth-it",
    kind="qualification",
    passing=[{}, {"value_cents": 100_000}],
    failing=[{"value_cents": 40_000}, Example({"value_cents": 900_000}, kind="person prospect")],
    skips=_NO_RECEIVER,
    reads=("receiver_id", "value_cents"),
)
def worth_it(lead: LeadFacts, ctx: Context) -> Outcome:
    """The job (--value) is at least the receiver's smallest job worth taking (--minimum).

    Why it matters
        Money: a remodeler whose smallest job is $10,000 does not take a $900 repair, and
        the lead is better sent to someone it suits. Skipped when the value or the minimum
        is unknown.

    Passes
        A $6,000 wiring job to Bob, whose minimum is $1,000.

    Fails
        A $400 job to Bob, whose minimum is $1,000: off target.
    """
    found = _receiver(lead, ctx)
    if isinstance(found, str):
        return skip(found)
    _, receiver = found
    if lead.value_cents is None:
        return skip("the job's size is not recorded (--value)")
    if receiver.minimum_cents is None:
        return skip(f"{receiver.name} takes jobs of any size (no --minimum)")
    value, least = _dollars(lead.value_cents), _dollars(receiver.minimum_cents)
    if lead.value_cents >= receiver.minimum_cents:
        return ok(f"the job ({value}) is at least {receiver.name}'s minimum ({least})")
    return fail(
        f"the job ({value}) is below {receiver.name}'s minimum ({least}): off target",
        "give it to a member it suits, or correct its size with --value AMOUNT",
    )


def _dollars(cents: int) -> str:
    return f"${cents / 100:,.0f}" if cents % 100 == 0 else f"${cents / 100:,.2f}"


# Words of a prospect with no genuine need now, each with the intent it shows. Comparing
# quotes by choice is how people buy; quotes, bids or estimates that a board, a policy or the
# bylaws require are a request for proposals.
_COMPARED = r"(?:two|three|four|five|2|3|4|5|several|multiple|competing)\s+(?:sealed\s+|competing\s+|written\s+|formal\s+)?(?:quotes|bids|estimates|proposals|tenders)"
_NOT_BUYING = (
    (r"just (?:gathering|collecting|getting) (?:some )?(?:information|info)\b", "gathering-info"),
    (r"(?:gathering|collecting) (?:some )?(?:information|info)\b", "gathering-info"),
    (r"just (?:looking|browsing|curious)", "gathering-info"),
    (r"send (?:them |him |her )?(?:some |the )?(?:information|info|brochures?)\b", "gathering-info"),
    (r"stay in touch", "gathering-info"),
    (r"price[- ]shopping|(?:shopping|calling) (?:around|for (?:the )?(?:lowest|cheapest|best) price)", "price-shopping"),
    (r"(?:lowest|cheapest) (?:price|bid|quote)", "price-shopping"),
    (rf"\b(?:requir\w*|must|has to|have to|had to|obliged to|bound to|board|bylaws|policy|procurement)\b[^.;]{{0,40}}\b{_COMPARED}\b", "rfp"),
    (rf"\b{_COMPARED}\b[^.;]{{0,20}}\b(?:are |is )?(?:required|mandatory)\b", "rfp"),
    (r"\brfps?\b|\brfqs?\b|requests? for (?:a )?(?:proposals?|quotes?|quotations?)|sealed bids?|\bout (?:to|for) (?:bid|tender)\b|public tender", "rfp"),
)  # fmt: skip
# For each of _NOT_BUYING, in order: words one of which is in any text it matches (in lower
# case); plain ASCII text with none of them is not searched for it.
_NOT_BUYING_NEEDS = (
    ("info",),
    ("info",),
    ("just ",),
    ("send ",),
    ("stay in touch",),
    ("shopping", "calling"),
    ("lowest", "cheapest"),
    ("quotes", "bids", "estimates", "proposals", "tenders"),
    ("quotes", "bids", "estimates", "proposals", "tenders"),
    ("rfp", "rfq", "request", "sealed bid", "out to ", "out for ", "public tender"),
)
_NOT_BUYING_WORDS = frozenset(word for needs in _NOT_BUYING_NEEDS for word in needs)
_NOT_BUYING_RE = [
    (Caseless(p), intent, needs)
    for (p, intent), needs in zip(_NOT_BUYING, _NOT_BUYING_NEEDS, strict=True)
]
# "Not just gathering information", "no longer price shopping": the words are denied.


@functools.lru_cache(maxsize=1)
def _denied() -> re.Pattern[str]:
    """Words that deny what follows them (compiled when first needed)."""
    return patterns.compile(
        r"\b(?:not|no longer|never|isn't|aren't|wasn't|is not|are not|done|past|beyond|finished)"
        r"\s+(?:\w+\s+)?$",
        re.IGNORECASE,
    )


def _not_buying(text: str) -> tuple[str, str] | None:
    """The intent the words of ``text`` show, and the words, unless they are denied."""
    lowered = text.lower()
    # In plain ASCII text, only the patterns whose words are in it are searched for.
    present = {w for w in _NOT_BUYING_WORDS if w in lowered} if text.isascii() else None
    for pattern, intent, needs in _NOT_BUYING_RE:
        if present is not None and present.isdisjoint(needs):
            continue
        for start, end in pattern.spans(text, lowered):
            if not _denied().search(text[max(0, start - 30) : start]):
                return intent, text[start:end]
    return None


_WHY = {
    "gathering-info": "just gathering information",
    "price-shopping": "price shopping",
    "rfp": "bound to a request for proposals or bids",
}


@rule(
    "Q305",
    "genuine-need",
    kind="qualification",
    passing=[{}, {"intent": "exploring"}, Example({"intent": None}, kind="member-need")],
    failing=[
        {"intent": "gathering-info"},
        {"intent": "price-shopping"},
        {"intent": "rfp"},
        {
            "intent": None,
            "need": None,
            "description": "John Smith is just gathering information about wiring for now.",
        },
        Example(
            {"intent": None, "description": "The board requires three quotes before it decides."},
            kind="specific-service",
        ),
        Example(
            {
                "intent": None,
                "need": None,
                "description": "The owners' policy says she must collect three estimates first.",
            },
            kind="specific-service",
        ),
        Example(
            {
                "intent": None,
                "need": None,
                "description": "The city is putting its wiring contract out to bid in January.",
            },
            kind="specific-service",
        ),
    ],
    partial=[
        {"intent": None},
        Example({"intent": None}, kind="specific-service"),
        {
            "intent": None,
            "need": None,
            "description": "John Smith got three quotes for the wiring, none called back; "
            "he wants Bob.",
        },
        {
            "intent": None,
            "need": None,
            "description": "John Smith is not just gathering information: he wants it wired now.",
        },
    ],
    reads=("intent", "description", "need"),
)
def genuine_need(lead: LeadFacts, ctx: Context) -> Outcome:
    """The prospect means to buy now (--intent buying or exploring).

    Why it matters
        Need: "send me the information and stay in touch" is not a need. A prospect just
        gathering information, shopping for the lowest price or bound to a required request
        for proposals (three quotes for the board) is not a lead yet, and is capped at COLD.
        When the intent is not recorded, the description is read for those words, unless
        it denies them ("not just gathering information"). Comparing quotes by choice is
        how people buy: only quotes, bids or estimates that a board, a policy or the bylaws
        require count as a request for proposals.

    Passes
        John Smith is buying: he wants the office wired before March.

    Fails
        "They are just gathering information", "the board requires three quotes", "she must
        collect three estimates", "putting the contract out to bid", an RFP.
        Warns when nothing says whether the prospect means to buy (as for "he got three
        quotes, none called back; he wants Bob"); a member's own need passes unless its
        words say otherwise: the member brought it to the room to buy.
    """
    intent = lead.intent
    said = ""
    if intent is None:
        found = _not_buying(_text(lead))
        if found is not None:
            intent, said = found[0], f' ("{found[1]}")'
    if intent in ("buying", "exploring"):
        return ok(f"the prospect is {intent}")
    if intent is None and lead.is_member_need:
        return ok("a member's own need: the member brought it to the room to buy")
    if intent in _WHY:
        return fail(
            f"the prospect is {_WHY[intent]}{said}: no genuine need now, capped at COLD",
            "give it when they mean to buy; if they do now, record --intent buying",
            cap="COLD",
        )
    return warn(
        "whether the prospect means to buy now is not recorded",
        "ask the giver and record --intent buying (or exploring, gathering-info, "
        "price-shopping, rfp)",
    )
