"""The hot-lead rules: a catalogue of small rules with stable codes, and the verdict they give.

    from leadcli.rules import Context, evaluate
    check = evaluate(lead.facts(), Context(settings, duplicates))

Codes: R = required before publication, H = points of a hot lead, W = warnings,
Q = qualification against the receiver's profile (no points; caps and the fit).
Domain code only: no typer, no rich, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from leadcli.errors import BadInput, NotFound
from leadcli.rules import hot, qualification, required, warnings  # noqa: F401  (registers)
from leadcli.rules.base import (
    REGISTRY,
    Context,
    Example,
    LeadFacts,
    Outcome,
    Registry,
    Result,
    Rule,
    rule,
)
from leadcli.rules.check import Check, batch_checker, checker, run
from leadcli.rules.duplicates import DuplicateIndex, SlidingIndex, normalize_company
from leadcli.rules.group import GroupProfile

__all__ = [
    "Check",
    "Context",
    "DuplicateIndex",
    "Example",
    "GroupProfile",
    "LeadFacts",
    "Outcome",
    "Registry",
    "Result",
    "Rule",
    "SlidingIndex",
    "all_rules",
    "batch_evaluator",
    "evaluate",
    "evaluator",
    "get_rule",
    "normalize_company",
    "rule",
    "select_rules",
]

_ALL: tuple[Rule, ...] = tuple(REGISTRY.all())


def all_rules() -> list[Rule]:
    """Every rule, sorted by code."""
    return list(_ALL)


def get_rule(code: str) -> Rule:
    """The rule with this code (any case); NotFound otherwise."""
    found = REGISTRY.get(code)
    if found is None:
        raise NotFound(f"no rule {code.strip()!r} (see `leadcli rules list`)")
    return found


def _codes(items: Sequence[str] | None, option: str) -> set[str]:
    """The codes named by ``items``: codes or prefixes ("H1", "R", "ALL"), comma-separated."""
    codes: set[str] = set()
    for item in items or ():
        for part in item.split(","):
            token = part.strip().upper()
            if not token:
                continue
            found = [r.code for r in _ALL if token == "ALL" or r.code.startswith(token)]
            if not found:
                raise BadInput(
                    f"{option}: no rule code starts with {part.strip()!r} "
                    "(see `leadcli rules list`)"
                )
            codes.update(found)
    return codes


def select_rules(select: Sequence[str] | None, ignore: Sequence[str] | None = None) -> list[Rule]:
    """The rules chosen by ``select`` (all when empty) less those in ``ignore``, by code."""
    chosen = _codes(select, "--select") or {r.code for r in _ALL}
    chosen -= _codes(ignore, "--ignore")
    return [r for r in _ALL if r.code in chosen]


def evaluate(lead: LeadFacts, ctx: Context, rules: Sequence[Rule] | None = None) -> Check:
    """Judge ``lead`` by ``rules`` (default: all): results in code order, score and verdict."""
    if rules is None:
        return run(lead, ctx, _ALL)
    return run(lead, ctx, sorted(rules, key=lambda r: r.code))


def batch_evaluator(
    ctx: Context, rules: Sequence[Rule] | None = None
) -> Callable[[Sequence[LeadFacts]], list[Check]]:
    """``evaluator`` for a batch of leads at a time: their checks, in order."""
    return batch_checker(ctx, _ALL if rules is None else sorted(rules, key=lambda r: r.code))


def evaluator(ctx: Context, rules: Sequence[Rule] | None = None) -> Callable[[LeadFacts], Check]:
    """``evaluate`` for many leads in one context: the rules are laid out once."""
    return checker(ctx, _ALL if rules is None else sorted(rules, key=lambda r: r.code))
