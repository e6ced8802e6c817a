"""Running rules on a lead: the results, the score and the verdict (SPEC 5.1)."""

from __future__ import annotations

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
            f'"verdict": {ENCODE(self.verdict)}, "score": {int(self.score)}, '
            f'"publishable": {"true" if self.publishable else "false"}, '
            f'"fit": {"null" if self.fit is None else ENCODE(self.fit)}, '
            f'"results": [{", ".join([r._json or r.json_text() for r in self.results])}]}}'
        )


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


def fit_of(results: Sequence[Result]) -> str | None:
    """The lead's fit to its receiver (SPEC 5.1) from the Q rules' results.

    ``off-target`` when Q301, Q302 or Q304 fails; ``sweet-spot`` when Q301 and Q305 pass,
    Q303 passes (or is skipped: a person, a member's own need, decides for themselves) and
    nothing fails; ``fit`` otherwise; None when no Q rule was run.
    """
    q = {r.code: r.status for r in results if r.code[0] == "Q"}
    if not q:
        return None
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


def run(lead: LeadFacts, ctx: Context, rules: Sequence[Rule]) -> Check:
    """Run ``rules`` (in code order) on ``lead``, one rule call at a time (``checker`` does the
    same for many leads, faster)."""
    results = [rule(lead, ctx) for rule in rules]
    return _added_up(results, [(rule.points, rule.kind == "required") for rule in rules], ctx)


def _added_up(results: Sequence[Result], tally: Sequence[tuple[int, bool]], ctx: Context) -> Check:
    """A lead's results (one a rule, in the order of ``tally``: each rule's points and whether it
    is required) added up to its score, verdict and fit."""
    earned = possible = 0
    publishable = True
    cap: str | None = None
    for result, (rule_points, required) in zip(results, tally):  # noqa: B905
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
    return Check(word, points, publishable, tuple(results), fit_of(results))


def _plan(rules: Sequence[Rule]) -> list[tuple[Rule, Any, Any, Any]]:
    """Each rule's call laid out once (``Rule.__call__``: the skips, then the function)."""
    return [(rule, rule.function, rule._results, rule.skips) for rule in rules]


def checker(ctx: Context, rules: Sequence[Rule]) -> Callable[[LeadFacts], Check]:
    """``run`` for one lead after another in ``ctx``: the rules are laid out once, and each
    rule's call (``Rule.__call__``: the skips, then the function) is made inline."""
    plan = _plan(rules)
    tally = [(rule.points, rule.kind == "required") for rule in rules]

    def check(lead: LeadFacts) -> Check:
        results: list[Result] = []
        append = results.append
        lead_type, prospect = lead.type, lead.prospect_kind
        for rule, function, known, skips in plan:
            reason = skips and (skips.get(lead_type) or skips.get(prospect))
            outcome = skip(reason) if reason else function(lead, ctx)
            result = known.get(outcome)
            if result is None:
                result = rule.result(outcome)
            append(result)
        return _added_up(results, tally, ctx)

    return check


def batch_checker(
    ctx: Context, rules: Sequence[Rule]
) -> Callable[[Sequence[LeadFacts]], list[Check]]:
    """``checker`` for a batch of leads at a time: each rule judges every lead of the batch
    before the next rule starts (a rule's code and patterns stay at hand: about a fifth
    sooner), then each lead's results are added up as ``checker`` adds them."""
    plan = _plan(rules)
    tally = [(rule.points, rule.kind == "required") for rule in rules]

    def check_batch(leads: Sequence[LeadFacts]) -> list[Check]:
        kinds = [(lead.type, lead.prospect_kind) for lead in leads]
        columns: list[list[Result]] = []
        for rule, function, known, skips in plan:
            column: list[Result] = []
            append = column.append
            for lead, (lead_type, prospect) in zip(leads, kinds):  # noqa: B905
                reason = skips and (skips.get(lead_type) or skips.get(prospect))
                outcome = skip(reason) if reason else function(lead, ctx)
                result = known.get(outcome)
                if result is None:
                    result = rule.result(outcome)
                append(result)
            columns.append(column)
        return [_added_up(results, tally, ctx) for results in zip(*columns)]  # noqa: B905

    return check_batch
