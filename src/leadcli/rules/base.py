"""What every rule is made of: the facts it reads, the outcome it returns, and the registry.

A rule is a small pure function ``(lead, ctx) -> Outcome`` decorated with ``@rule``, which gives
it a stable code, a kebab-case name, its points, and examples. The registry refuses anything
malformed when the rule is defined, so a broken rule never reaches a user.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from leadcli import patterns
from leadcli.record import Record
from leadcli.rules.facts import LEAD_TYPES as LEAD_TYPES
from leadcli.rules.facts import PROSPECTS as PROSPECTS
from leadcli.rules.facts import LeadFacts as LeadFacts
from leadcli.rules.facts import given as given

if TYPE_CHECKING:
    from leadcli.rules.duplicates import DuplicateIndex
    from leadcli.rules.group import GroupProfile

KINDS = {"R": "required", "H": "points", "W": "warning", "Q": "qualification"}
STATUSES = ("pass", "fail", "warn", "skip")
VERDICTS = ("HOT", "WARM", "COLD", "INCOMPLETE")
SECTIONS = ("Why it matters", "Passes", "Fails")

RESULTS_KEPT = 1024  # distinct results remembered per rule
ENCODE = json.JSONEncoder(ensure_ascii=False).encode

_CODE = patterns.compile(r"^[RHWQ]\d{3}$")
_NAME = patterns.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Context(Record):
    """The group's settings, read once, the other leads a duplicate is looked for in, and the
    group's members with their profiles (for the qualification rules)."""

    __slots__ = (
        "settings",
        "duplicates",
        "group",
        "timely_days",
        "min_description_words",
        "complete_description_words",
        "near_term_days",
        "far_days",
        "decision_titles",
        "date_order",
        "hot",
        "warm",
    )

    settings: Mapping[str, Any]
    duplicates: DuplicateIndex | None
    group: GroupProfile | None
    # Read off the settings when made:
    timely_days: int
    min_description_words: int
    complete_description_words: int
    near_term_days: int
    far_days: int
    decision_titles: tuple[str, ...]
    date_order: str
    hot: float
    warm: float

    def __init__(
        self,
        settings: Mapping[str, Any],
        duplicates: DuplicateIndex | None = None,
        group: GroupProfile | None = None,
    ) -> None:
        self.settings = s = settings
        self.duplicates = duplicates
        self.group = group
        self.timely_days = int(s["rules.timely_days"])
        self.min_description_words = int(s["rules.min_description_words"])
        self.complete_description_words = int(s["rules.complete_description_words"])
        self.near_term_days = int(s["rules.near_term_days"])
        self.far_days = int(s["rules.far_days"])
        self.decision_titles = _titles(str(s["rules.decision_titles"]))
        self.date_order = str(s.get("group.date_order") or "MDY")
        self.hot = float(s["verdict.hot"])
        self.warm = float(s["verdict.warm"])


def _titles(text: str) -> tuple[str, ...]:
    from leadcli.matching import phrase

    return tuple(" ".join(phrase(t)) for t in text.split(",") if t.strip())


def word_count(text: str | None) -> int:
    return len(text.split()) if text else 0


class Outcome(NamedTuple):
    """What a rule function returns; the rule adds its code, name and points."""

    status: str
    points: int | None  # None: the rule's full points when passing, else 0
    message: str
    hint: str | None = None
    cap: str | None = None  # the best verdict the lead can reach, e.g. "COLD"


# Outcomes are made by the million: tuple.__new__ skips the NamedTuple's Python-level __new__.
_make = tuple.__new__


def ok(message: str) -> Outcome:
    """The rule passes with its full points."""
    return _make(Outcome, ("pass", None, message, None, None))


def fail(message: str, hint: str, *, cap: str | None = None) -> Outcome:
    """The rule fails: no points; ``cap`` limits the verdict whatever the score."""
    return _make(Outcome, ("fail", 0, message, hint, cap))


def warn(message: str, hint: str, *, points: int = 0) -> Outcome:
    """Partial credit (the points earned), or a warning rule's finding."""
    return _make(Outcome, ("warn", points, message, hint, None))


def skip(message: str) -> Outcome:
    """The rule does not apply to this lead: it neither earns nor costs points."""
    return _make(Outcome, ("skip", 0, message, None, None))


class Result(Record):
    """One rule's judgement of one lead."""

    __slots__ = (
        "code",
        "name",
        "status",
        "points",
        "max_points",
        "message",
        "hint",
        "cap",
        "_json",
    )

    code: str
    name: str
    status: str
    points: int
    max_points: int
    message: str
    hint: str | None
    cap: str | None  # not part of the JSON: evaluate() applies it to the verdict
    # The JSON text of the result, made once: results are shared by many checks.
    _json: str | None

    def __init__(
        self,
        code: str,
        name: str,
        status: str,
        points: int,
        max_points: int,
        message: str,
        hint: str | None = None,
        cap: str | None = None,
    ) -> None:
        self.code = code
        self.name = name
        self.status = status
        self.points = points
        self.max_points = max_points
        self.message = message
        self.hint = hint
        self.cap = cap
        self._json = None

    def json_text(self) -> str:
        """``as_json`` encoded as ``json.dumps`` would (no ASCII escaping), made once."""
        text = self._json
        if text is None:
            self._json = text = ENCODE(self.as_json())
        return text

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "status": self.status,
            "points": self.points,
            "max_points": self.max_points,
            "message": self.message,
            "hint": self.hint,
        }


class Example(Record):
    """A lead a rule is shown on: overrides of a baseline HOT lead of ``rules.examples``.

    ``kind`` names the baseline (a lead type, or "person prospect"); ``others`` are leads
    already recorded (overrides too), for rules that compare leads.
    """

    __slots__ = ("overrides", "others", "kind")

    overrides: Mapping[str, Any]
    others: tuple[Mapping[str, Any], ...]
    kind: str

    def __init__(
        self,
        overrides: Mapping[str, Any],
        others: tuple[Mapping[str, Any], ...] = (),
        kind: str = "direct-referral",
    ) -> None:
        self.overrides = overrides
        self.others = others
        self.kind = kind


# The day the baseline leads of the examples are given (a Wednesday meeting): here, so that the
# rule modules date their examples without loading ``rules.examples``.
GIVEN = dt.date(2026, 11, 18)

ExampleSpec = Mapping[str, Any] | Example | Sequence[Mapping[str, Any] | Example] | None
RuleFunction = Callable[[LeadFacts, Context], Outcome]


class Rule(Record):
    """A registered rule; calling it judges one lead."""

    __slots__ = (
        "code",
        "name",
        "kind",
        "points",
        "function",
        "doc",
        "passing",
        "failing",
        "partial",
        "skips",
        "reads",
        "threshold",
        "_results",
    )

    code: str
    name: str
    kind: str
    points: int
    function: RuleFunction
    doc: str
    passing: tuple[Example, ...]
    failing: tuple[Example, ...]
    partial: tuple[Example, ...]
    # Lead types and prospect kinds the rule does not apply to, each with the reason why.
    skips: Mapping[str, str]
    # The facts of a lead the rule reads (beyond its type and prospect).
    reads: tuple[str, ...]
    # What its threshold is made of, said plainly ("words: ...", "facts: ..."), if it has one.
    threshold: str
    # Results are values: the same outcome gives the same Result, made once.
    _results: dict[Outcome, Result]

    def __init__(
        self,
        code: str,
        name: str,
        kind: str,
        points: int,
        function: RuleFunction,
        doc: str,
        passing: tuple[Example, ...],
        failing: tuple[Example, ...],
        partial: tuple[Example, ...] = (),
        skips: Mapping[str, str] | None = None,
        reads: tuple[str, ...] = (),
        threshold: str = "",
    ) -> None:
        self.code = code
        self.name = name
        self.kind = kind
        self.points = points
        self.function = function
        self.doc = doc
        self.passing = passing
        self.failing = failing
        self.partial = partial
        self.skips = {} if skips is None else skips
        self.reads = reads
        self.threshold = threshold
        self._results = {}

    def __call__(self, lead: LeadFacts, ctx: Context) -> Result:
        skips = self.skips
        reason = skips and (skips.get(lead.type) or skips.get(lead.prospect_kind))
        outcome = skip(reason) if reason else self.function(lead, ctx)
        result = self._results.get(outcome)
        if result is None:
            result = self.result(outcome)
        return result

    def result(self, outcome: Outcome) -> Result:
        """The result of an outcome, remembered (up to RESULTS_KEPT of them)."""
        found = self._results.get(outcome)
        if found is not None:
            return found
        status, points, message, hint, cap = outcome
        made = Result(
            self.code,
            self.name,
            status,
            self.points if points is None else points,
            self.points,
            message,
            hint,
            cap,
        )
        if len(self._results) < RESULTS_KEPT:
            self._results[outcome] = made
        return made

    def applies_to(self, lead_type: str, prospect: str = "business") -> bool:
        """Whether the rule judges a lead of this type and prospect kind (or skips it)."""
        return lead_type not in self.skips and prospect not in self.skips

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0].strip()

    @property
    def failing_status(self) -> str:
        """What a failing example yields: a warning rule warns, the others fail."""
        return "warn" if self.kind == "warning" else "fail"

    @property
    def examples(self) -> tuple[tuple[str, Example], ...]:
        """Every example with the status it must yield."""
        return (
            *(("pass", e) for e in self.passing),
            *((self.failing_status, e) for e in self.failing),
            *(("warn", e) for e in self.partial),
        )


def _examples(spec: ExampleSpec) -> tuple[Example, ...]:
    if spec is None:
        return ()
    if isinstance(spec, Example | Mapping):
        spec = [spec]
    return tuple(e if isinstance(e, Example) else Example(dict(e)) for e in spec)


def _problems(rule: Rule) -> Iterator[str]:
    if not _CODE.match(rule.code):
        yield f"code {rule.code!r} is not a letter R, H, W or Q and three digits"
    elif KINDS[rule.code[0]] != rule.kind:
        yield f"code {rule.code} is for a {KINDS[rule.code[0]]} rule, not a {rule.kind} one"
    if not _NAME.match(rule.name):
        yield f"name {rule.name!r} is not kebab-case"
    if rule.kind == "points" and rule.points < 1:
        yield "a points rule earns at least 1 point"
    if rule.kind != "points" and rule.points != 0:
        yield f"a {rule.kind} rule earns no points"
    if not rule.doc:
        yield "it has no docstring"
    else:
        missing = [s for s in SECTIONS if not _has_section(rule.doc, s)]
        if missing:
            yield f"its docstring lacks {', '.join(repr(s) for s in missing)}"
    if not rule.passing or not rule.failing:
        yield "it needs a passing and a failing example"
    strange = sorted(set(rule.skips) - set(LEAD_TYPES) - set(PROSPECTS))
    if strange:
        yield f"it skips {', '.join(strange)}, which is no lead type or prospect kind"
    unknown = sorted(set(rule.reads) - set(LeadFacts._fields))
    if unknown:
        yield f"it reads {', '.join(unknown)}, which is no fact of a lead"


def _has_section(doc: str, title: str) -> bool:
    """Whether a line of ``doc`` starts with the word(s) ``title``."""
    size = len(title)
    for line in doc.split("\n"):
        if line.startswith(title):
            after = line[size : size + 1]
            if not after or not (after.isalnum() or after == "_"):
                return True
    return False


class Registry:
    """The rules by code; refuses duplicates and malformed rules when they are registered."""

    def __init__(self) -> None:
        self._by_code: dict[str, Rule] = {}
        self._names: set[str] = set()

    def register(self, new: Rule) -> Rule:
        problems = list(_problems(new))
        if new.code in self._by_code:
            problems.append(f"code {new.code} is taken by {self._by_code[new.code].name}")
        if new.name in self._names:
            problems.append(f"name {new.name!r} is taken")
        if problems:
            raise ValueError(f"rule {new.code} {new.name}: {'; '.join(problems)}")
        self._by_code[new.code] = new
        self._names.add(new.name)
        return new

    def rule(
        self,
        code: str,
        name: str,
        *,
        kind: str = "points",
        points: int = 0,
        passing: ExampleSpec = None,
        failing: ExampleSpec = None,
        partial: ExampleSpec = None,
        skips: Mapping[str, str] | None = None,
        reads: Sequence[str] = (),
        threshold: str = "",
    ) -> Callable[[RuleFunction], Rule]:
        """Register the decorated function as a rule."""

        def decorate(function: RuleFunction) -> Rule:
            return self.register(
                Rule(
                    code=code,
                    name=name,
                    kind=kind,
                    points=points,
                    function=function,
                    doc=inspect.cleandoc(function.__doc__ or ""),
                    passing=_examples(passing),
                    failing=_examples(failing),
                    partial=_examples(partial),
                    skips=dict(skips or {}),
                    reads=tuple(reads),
                    threshold=threshold,
                )
            )

        return decorate

    def get(self, code: str) -> Rule | None:
        return self._by_code.get(code.strip().upper())

    def all(self) -> list[Rule]:
        return sorted(self._by_code.values(), key=lambda r: r.code)


REGISTRY = Registry()
rule = REGISTRY.rule
