"""W2xx: findings worth a look that neither block a lead nor cost it points."""

from __future__ import annotations

import datetime as dt
import functools

from leadcli.rules.base import GIVEN, Context, Example, LeadFacts, Outcome, ok, rule, skip, warn
from leadcli.rules.duplicates import describe
from leadcli.words import plural

_A_MONTH_BEFORE = GIVEN - dt.timedelta(days=30)
_UNRELATED = {
    "id": 2,
    "date": _A_MONTH_BEFORE,
    "company": "Harbor Print Shop",
    "phones": ("+14155550199",),
    "email": "orders@harborprint.example",
}


@functools.lru_cache(maxsize=8)
def _unshared(days: int) -> Outcome:
    return ok(f"no other lead of the last {plural(days, 'day')} shares its phone, email or company")


@rule(
    "W201",
    "possible-duplicate",
    kind="warning",
    passing=[
        Example({}, others=(_UNRELATED,)),
        Example({}, others=({"id": 2, "date": GIVEN - dt.timedelta(days=91)},)),
        Example({"id": 3, "parent_id": 2}, others=({"id": 2, "date": _A_MONTH_BEFORE},)),
    ],
    failing=[
        Example({"id": 3}, others=({"id": 2, "date": _A_MONTH_BEFORE},)),
        Example(
            {"id": 3, "company": "The Smith Family Dental Co., Inc.", "phones": (), "email": None},
            others=({"id": 2, "date": _A_MONTH_BEFORE},),
        ),
    ],
    reads=("id", "date", "company", "phones", "email", "parent_id"),
)
def possible_duplicate(lead: LeadFacts, ctx: Context) -> Outcome:
    """No other lead of the last 90 days shares this lead's phone, email or company name.

    Why it matters
        Two members may hear of the same prospect, or one lead may be given twice. Two
        receivers calling the same person look disorganized; a repeat is an update, and
        credit goes once. Company names are compared without case, punctuation, a leading
        "the" or legal suffixes: "ACME Plumbing, Inc." is "The Acme Plumbing Co".

    Passes
        John Smith's practice has not come up in the last three months; or it did, and this
        lead spun off from that one (--parent).

    Fails
        A month ago Cat gave "ABC Inc is planning to expand"; today Dan gives "Abc, Inc.
        needs movers". This is a warning: check the earlier lead before calling.
    """
    if ctx.duplicates is None:
        return skip("no other leads to compare with")
    # A spin-off shares its parent's prospect by design.
    matches = [m for m in ctx.duplicates.matches(lead) if m[0] != lead.parent_id]
    if not matches:
        return _unshared(ctx.duplicates.window_days)
    return warn(
        f"possibly the same prospect as {describe(matches)}",
        "compare with `lead show ID`; if this repeats an earlier lead, give an update on that "
        "one instead; if it spun off from it, record that with --parent ID",
    )
