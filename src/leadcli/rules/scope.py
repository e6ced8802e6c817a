"""What a description says of a lead's scope: who, what they need, how large, by when.

Read as a person skims a slip: a name or a business for who; a need or a plan (needs, wants,
is looking for, asked for a quote...) for what; a number, an amount or a measure for how
large; a month, a season, a weekday or "this week", "before", "by the end of" for when. The
lead's own fields count too: a contact or company is who, --need is what, --value is how
large and --decision is when. A member's own need has its who: the giver.
"""

from __future__ import annotations

import functools
import re

from leadcli import patterns
from leadcli.rules.caseless import Caseless
from leadcli.rules.facts import LeadFacts, given

QUESTIONS = ("who", "what", "how large", "by when")


@functools.cache
def _who() -> re.Pattern[str]:
    """Words that say who the prospect is (compiled when first needed: a contact or a
    company named on the lead answers first)."""
    return patterns.compile(
        r"\b(?:[A-Z][a-z]+(?:\s+[A-Z][a-z.]+)+|our|we|my|his|her|their|owner|homeowners?|family|"
        r"couple|company|office|practice|firm|shop|store|restaurant|clinic|school|church|"
        r"business|bakery|salon|agency|hospital|warehouse|landlord|tenant|client)\b"
    )


_WHAT = Caseless(
    r"\b(?:needs?|needed|needing|wants?|wanted|wanting|looking (?:at|for)|plans?|planning|"
    r"requires?|required|asked (?:for|about)|asking (?:for|about)|interested in|quotes?|"
    r"replac\w*|install\w*|buy\w*|purchas\w*|sell\w*|hir\w*|mov(?:e|es|ing)|expand\w*|"
    r"open\w*|build\w*|renovat\w*|remodel\w*|repair\w*|fix\w*|upgrad\w*|order\w*|"
    r"print\w*|refinanc\w*|lease|leasing|rent\w*)\b"
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|dozens?|couple|"
    "several|whole|entire|both"
)
_SIZE = Caseless(
    rf"\d|\$|\b(?:{_NUMBER_WORDS}|budget|square|sq|feet|acres?|bedrooms?|rooms?|floors?|"
    r"desks?|staff|employees|people|units|seats|guests)\b"
)
_MONTHS = (
    "january|february|march|april|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
# "May" with its capital only (a month, not the verb), searched apart.
_MAY = patterns.compile(r"\bMay\b")
_WHEN = Caseless(
    rf"\b(?:{_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"spring|summer|fall|autumn|winter|week|weeks|month|months|year|quarter|q[1-4]|today|"
    r"tomorrow|tonight|asap|soon|immediately|urgent\w*|deadline|before|by the end|within|"
    r"until|next|this)\b|\d{1,2}/\d{1,2}|\b20\d\d\b"
)


def answered(lead: LeadFacts) -> dict[str, bool]:
    """For each question of QUESTIONS, whether the lead answers it."""
    text = lead.description or ""
    lowered = text.lower()
    return {
        "who": lead.is_member_need
        or given(lead.contact)
        or given(lead.company)
        or bool(_who().search(text)),
        "what": given(lead.need) or _WHAT.span(text, lowered) is not None,
        "how large": lead.value_cents is not None or _SIZE.span(text, lowered) is not None,
        "by when": lead.decision is not None
        or _WHEN.span(text, lowered) is not None
        or _MAY.search(text) is not None,
    }
