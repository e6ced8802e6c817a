"""Running rules on a lead: the results, the score and the verdict (SPEC 5.1)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from leadcli.record import Record
from leadcli.rules.base import ENCODE, Context, LeadFacts, Result, Rule, skip

# Verdicts a lead can be capped at, best first.
_RANK = {"HOT": 0, "WARM": 1, "COLD": 2}


# Made for every lead judged (a Record: quick to make); nothing changes a Check once made.
class Check(Record):
    """The judgement of one lead."""

    __slots__ = ("verdict", "score", "publishable", "results", "fit")

    verdict: str
    score: int
    publishable: bool
    results: tuple[Result, ...]
    fit: str | None  # sweet-spot, fit or off-target; None when no Q rule was run

    def __init__(
        self,
        verdict: str,
        score: int,
        publishable: bool,
        results: tuple[Result, ...],
        fit: str | None = None,
    ) -> None:
        self.verdict = verdict
        self.score = score
        self.publishable = publishable
        self.results = results
        self.fit = fit

    @property
    def failed(self) -> tuple[Result, ...]:
        """The results that call for something to be done: failures and warnings."""
        return tuple(r for r in self.results if r.status in ("fail", "warn"))

    def as_json(self, lead_id: int | None) -> dict[str, Any]:
        return {
            "id": lead_id,
            "verdict": self.verdict,
            "score": self.score,
            "publishable": self.publishable,
            "fit": self.fit,
            "results": [r.as_json() for r in self.results],
        }

    def json_text(self, lead_id: int | None) -> str:
        """``as_json(lead_id)`` encoded as ``json.dumps`` would, from each result's text."""
        return (
            f'{{"id": {"null" if lead_id is None else int(lead_id)}, '
            f'"verdict": {_encoded(self.verdict)}, "score": {int(self.score)}, '
            f'"publishable": {"true" if self.publishable else "false"}, '
            f'"fit": {"null" if self.fit is None else _encoded(self.fit)}, '
            f'"results": [{", ".join([r._json or r.json_text() for r in self.results])}]}}'
        )


@functools.lru_cache(maxsize=16)
def _encoded(word: str) -> str:
    """A verdict or fit as JSON (a handful of words, each encoded once)."""
    return ENCODE(word)


def score(earned: int, possible: int) -> int:
    """round(100 × earned ÷ possible), halves rounded up; 0 when nothing was possible."""
    if possible <= 0:
        return 0
    return (200 * earned + possible) // (2 * possible)


def verdict(score: int, ctx: Context, *, publishable: bool = True, cap: str | None = None) -> str:
    if not publishable:
        return "INCOMPLETE"
    word = "HOT" if score >= ctx.hot else "WARM" if score >= ctx.warm else "COLD"
    if cap is not None and _RANK[cap] > _RANK[word]:
        return cap
    return word


_OFF_TARGET = ("Q301", "Q302", "Q304")


def run(lead: LeadFacts, ctx: Context, rules: Sequence[Rule]) -> Check:
    """Run ``rules`` (in code order) on ``lead``, one rule call at a time (``checker`` does the
    same for many leads, faster)."""
    results = [rule(lead, ctx) for rule in rules]
    return _Tally(rules).added_up(results, ctx)


class _Tally:
    """How the results of ``rules`` (one a rule, in their order) add up: each rule's points
    and whether it is required, and where the Q rules' results are (for the fit)."""

    __slots__ = ("weights", "q_at")

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.weights = [(rule.points, rule.kind == "required") for rule in rules]
        self.q_at = tuple((k, rule.code) for k, rule in enumerate(rules) if rule.code[0] == "Q")

    def added_up(self, results: Sequence[Result], ctx: Context) -> Check:
        """A lead's results added up to its score, verdict and fit."""
        earned = possible = 0
        publishable = True
        cap: str | None = None
        for result, (rule_points, required) in zip(results, self.weights):  # noqa: B905
            status = result.status
            if status == "skip":
                continue
            if rule_points:
                earned += result.points
                possible += rule_points
            elif required and status == "fail":
                publishable = False
            if result.cap is not None and (cap is None or _RANK[result.cap] > _RANK[cap]):
                cap = result.cap
        points = score(earned, possible)
        word = verdict(points, ctx, publishable=publishable, cap=cap)
        q_at = self.q_at
        fit = _fit({code: results[k].status for k, code in q_at}) if q_at else None
        return Check(word, points, publishable, tuple(results), fit)


def _fit(q: dict[str, str]) -> str:
    """The lead's fit to its receiver (SPEC 5.1) from the Q rules' statuses by code (one or more).

    ``off-target`` when Q301, Q302 or Q304 fails; ``sweet-spot`` when Q301 and Q305 pass,
    Q303 passes (or is skipped: a person, a member's own need, decides for themselves) and
    nothing fails; ``fit`` otherwise (a check without Q rules has no fit).
    """
    if any(q.get(code) == "fail" for code in _OFF_TARGET):
        return "off-target"
    if (
        q.get("Q301") == "pass"
        and q.get("Q303") in ("pass", "skip")
        and q.get("Q305") == "pass"
        and "fail" not in q.values()
    ):
        return "sweet-spot"
    return "fit"


def checker(ctx: Context, rules: Sequence[Rule]) -> Callable[[LeadFacts], Check]:
    """``run`` for one lead after another in ``ctx``: the rules are laid out once."""
    check_batch = batch_checker(ctx, rules)
    return lambda lead: check_batch((lead,))[0]


def batch_checker(
    ctx: Context, rules: Sequence[Rule]
) -> Callable[[Sequence[LeadFacts]], list[Check]]:
    """``run`` for a batch of leads at a time: each rule judges every lead of the batch
    before the next rule starts (a rule's code and patterns stay at hand: about a fifth
    sooner), then each lead's results are added up as ``run`` adds them.

    Each rule's call is made inline (``Rule.__call__``): a lead of a type or prospect the rule
    skips gets the rule's skip result, found once for each kind of lead.
    """
    tally = _Tally(rules)
    kinds: dict[tuple[str, str], int] = {}  # a number for each (type, prospect) met
    skipped: list[list[Result | None]] = [[] for _ in rules]  # by rule, by that number
    plan = [(rule, rule.function, rule._results, column) for rule, column in zip(rules, skipped)]  # noqa: B905

    def kind_of(key: tuple[str, str]) -> int:
        number = kinds[key] = len(kinds)
        for rule, column in zip(rules, skipped):  # noqa: B905
            reason = rule.skips and (rule.skips.get(key[0]) or rule.skips.get(key[1]))
            column.append(rule.result(skip(reason)) if reason else None)
        return number

    def check_batch(leads: Sequence[LeadFacts]) -> list[Check]:
        numbers = [
            kinds.get(key) if key in kinds else kind_of(key)
            for key in [(lead.type, lead.prospect_kind) for lead in leads]
        ]
        columns: list[list[Result]] = []
        for rule, function, known, skips in plan:
            column: list[Result] = []
            append = column.append
            for lead, number in zip(leads, numbers):  # noqa: B905
                result = skips[number]
                if result is None:
                    outcome = function(lead, ctx)
                    result = known.get(outcome)
                    if result is None:
                        result = rule.result(outcome)
                append(result)
            columns.append(column)
        added_up = tally.added_up
        return [added_up(results, ctx) for results in zip(*columns)]  # noqa: B905

    return check_batch
