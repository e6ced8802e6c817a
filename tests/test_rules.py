"""The hot-lead rules: every rule's own examples, the registry, scoring, verdicts and duplicates."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadcli.errors import BadInput, NotFound
from leadcli.record import replace
from leadcli.rules import (
    Check,
    Context,
    DuplicateIndex,
    Example,
    LeadFacts,
    Registry,
    Rule,
    all_rules,
    evaluate,
    get_rule,
    normalize_company,
    select_rules,
)
from leadcli.rules.base import LEAD_TYPES, SECTIONS, STATUSES, VERDICTS, Outcome, ok
from leadcli.rules.check import score, verdict
from leadcli.rules.examples import (
    GIVEN,
    KINDS,
    baseline_lead,
    example_group,
    kind_of,
    run_example,
)
from leadcli.settings import Settings

DAY = dt.timedelta(days=1)
SHORT = "John Smith is opening a second office and needs it wired."  # 11 words


def ctx(**settings: Any) -> Context:
    stored = {k.replace("_", ".", 1): v for k, v in settings.items()}
    return Context(Settings(stored), group=example_group())


def check(rules: list[Rule] | None = None, context: Context | None = None, **facts: Any) -> Check:
    return evaluate(baseline_lead(**facts), context or ctx(), rules)


def statuses(result: Check) -> dict[str, str]:
    return {r.code: r.status for r in result.results}


def judged(result: Check) -> tuple[str, int, bool]:
    return result.verdict, result.score, result.publishable


# --- every rule's examples -------------------------------------------------------------------

EXAMPLES = [
    pytest.param(rule, expected, example, id=f"{rule.code}-{example.kind}-{expected}-{i}")
    for rule in all_rules()
    for i, (expected, example) in enumerate(rule.examples)
]
KIND_NAMES = list(KINDS)


@pytest.mark.parametrize(("rule", "expected", "example"), EXAMPLES)
def test_rule_examples(rule: Rule, expected: str, example: Example) -> None:
    result = run_example(rule, example)
    assert result.status == expected, result
    assert (result.code, result.name, result.max_points) == (rule.code, rule.name, rule.points)
    assert 0 <= result.points <= result.max_points
    if expected == "pass":
        assert result.points == rule.points
    else:
        assert result.message and result.hint, "a finding says why and what to do"
        assert "--" in result.hint or "`" in result.hint, "the hint names the option to use"


@pytest.mark.parametrize("kind", KIND_NAMES)
@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_passes_or_skips_each_kind_of_lead_as_declared(rule: Rule, kind: str) -> None:
    # Each kind's baseline is a complete HOT lead of that kind: a rule that applies passes it.
    lead = baseline_lead(kind)
    result = rule(lead, Context(Settings(), DuplicateIndex.build([lead]), example_group()))
    assert kind_of(lead) == kind
    applies = rule.applies_to(lead.type, lead.prospect_kind)
    declared = set(rule.skips.values())
    if applies:  # it passes, or skips for want of a fact this lead lacks
        assert result.status == "pass" or (
            result.status == "skip" and result.message not in declared
        ), result
    else:
        assert result.status == "skip"
        assert result.message == (rule.skips.get(lead.type) or rule.skips[lead.prospect_kind])


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_each_kind_of_lead_has_a_baseline_that_is_hot(kind: str) -> None:
    lead = baseline_lead(kind)
    result = evaluate(lead, Context(Settings(), DuplicateIndex.build([lead]), example_group()))
    assert judged(result) == ("HOT", 100, True)
    assert {r.status for r in result.results} <= {"pass", "skip"}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_is_documented_with_examples(rule: Rule) -> None:
    for section in SECTIONS:
        assert f"\n{section}\n" in rule.doc, f"{rule.code} lacks {section!r}"
    assert rule.summary and not rule.summary.startswith(SECTIONS)
    assert rule.passing and rule.failing


def test_the_catalogue() -> None:
    rules = all_rules()
    codes = [r.code for r in rules]
    assert codes == sorted(codes)
    assert codes == [
        *(f"H10{i}" for i in range(1, 9)),
        *(f"Q30{i}" for i in range(1, 6)),
        *("R001", "R002", "R003", "R004", "W201"),
    ]
    assert {r.kind for r in rules if r.code.startswith("Q")} == {"qualification"}
    assert sum(r.points for r in rules) == 12
    assert {r.kind for r in rules if r.code.startswith("R")} == {"required"}
    assert get_rule(" h106 ").name == "expecting-call"
    with pytest.raises(NotFound, match="X999"):
        get_rule("X999")


def test_the_baseline_is_hot_and_clean() -> None:
    lead = baseline_lead()
    result = evaluate(lead, Context(Settings(), DuplicateIndex.build([lead]), example_group()))
    assert judged(result) == ("HOT", 100, True)
    assert set(statuses(result).values()) == {"pass"}
    assert result.fit == "sweet-spot"


def test_rules_are_domain_code() -> None:
    probe = "import sys, leadcli.rules; print(sorted({m.split('.')[0] for m in sys.modules}))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    for banned in ("typer", "rich", "click", "sqlite3", "sqlite_utils"):
        assert f"'{banned}'" not in run.stdout


# --- the registry refuses malformed rules ---------------------------------------------------

DOC = "Checks a thing.\n\nWhy it matters\n    Because.\n\nPasses\n    Good.\n\nFails\n    Bad.\n"


def _function(doc: str | None = DOC) -> Callable[[LeadFacts, Context], Outcome]:
    def function(lead: LeadFacts, ctx: Context) -> Outcome:
        return ok("fine")

    function.__doc__ = doc
    return function


def _register(registry: Registry, code: str = "H901", name: str = "a-thing", **kw: Any) -> Rule:
    options: dict[str, Any] = {"points": 1, "passing": {}, "failing": {"public": True}}
    options.update(kw)
    doc = options.pop("doc", DOC)
    return registry.rule(code, name, **options)(_function(doc))


def test_registry_accepts_a_wellformed_rule() -> None:
    registry = Registry()
    made = _register(registry)
    assert registry.all() == [made]
    assert made.summary == "Checks a thing."
    assert made(baseline_lead(), ctx()).points == 1


@pytest.mark.parametrize(
    ("kw", "problem"),
    [
        ({"code": "H1"}, "not a letter"),
        ({"code": "X101"}, "not a letter"),
        ({"code": "h901"}, "not a letter"),
        ({"code": "R901"}, "required rule"),
        ({"code": "W901", "kind": "points"}, "warning rule"),
        ({"code": "R901", "kind": "required"}, "earns no points"),
        ({"name": "A-Thing"}, "kebab-case"),
        ({"name": "a_thing"}, "kebab-case"),
        ({"name": "thing-"}, "kebab-case"),
        ({"points": 0}, "at least 1 point"),
        ({"doc": None}, "no docstring"),
        ({"doc": "Checks a thing.\n\nWhy it matters\n    Because.\n"}, "'Passes', 'Fails'"),
        ({"passing": None}, "passing and a failing example"),
        ({"failing": []}, "passing and a failing example"),
    ],
)
def test_registry_refuses_a_malformed_rule(kw: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        _register(Registry(), **kw)


def test_registry_refuses_a_reused_code_or_name() -> None:
    registry = Registry()
    _register(registry)
    with pytest.raises(ValueError, match="H901 is taken"):
        _register(registry, name="another-thing")
    with pytest.raises(ValueError, match="'a-thing' is taken"):
        _register(registry, code="H902")
    assert len(registry.all()) == 1


# --- scores and verdicts ------------------------------------------------------------------


def test_score_rounds_half_up() -> None:
    cases = {(9, 12): 75, (12, 12): 100, (0, 12): 0, (1, 8): 13, (3, 8): 38, (5, 8): 63}
    cases |= {(2, 3): 67, (1, 3): 33, (0, 0): 0}
    assert {case: score(*case) for case in cases} == cases


def test_verdict_boundaries_with_default_settings() -> None:
    words = {points: verdict(points, ctx()) for points in (100, 75, 74, 40, 39, 0)}
    assert words == {100: "HOT", 75: "HOT", 74: "WARM", 40: "WARM", 39: "COLD", 0: "COLD"}


def test_nine_of_twelve_points_is_hot_at_75() -> None:
    # H104 without a title (1 of 2), H105 refused, H108 too far: 12 - 3 = 9 points.
    facts = {"title": None, "may_use_name": False, "decision": GIVEN + 100 * DAY}
    result = check(**facts)
    assert (result.score, result.verdict) == (75, "HOT")
    assert [r.code for r in result.failed if r.code[0] == "H"] == ["H104", "H105", "H108"]
    assert check(context=ctx(verdict_hot=76), **facts).verdict == "WARM"


def test_forty_is_warm_and_below_is_cold() -> None:
    # Without H105 and H108 a lead can earn 10 points; this one earns only H106 and H107: 4.
    rules = select_rules(None, ["H105", "H108"])
    facts = {
        "heard": None,
        "public": None,
        "description": SHORT,
        "title": None,
        "email": None,
        "decision": None,
        "value_cents": None,
    }
    result = check(rules, **facts)
    assert (result.score, result.verdict) == (40, "WARM")
    assert check(rules, context=ctx(verdict_warm=41), **facts).verdict == "COLD"


def test_partial_credit_counts() -> None:
    result = check(heard=GIVEN - 10 * DAY, title=None)
    partial = [(r.code, r.status, r.points) for r in result.failed if r.code[0] == "H"]
    assert partial == [("H101", "warn", 1), ("H104", "warn", 1)]
    assert result.score == 83  # 10 / 12


def test_general_opportunity_skips_the_call_rules() -> None:
    room = {"type": "general-opportunity", "receiver_id": None}
    result = check(**room, expecting_call=False, need_discussed=None)
    assert statuses(result)["H106"] == statuses(result)["H107"] == "skip"
    assert judged(result) == ("HOT", 100, True)
    half = check(**room, heard=None, title=None, decision=GIVEN + 100 * DAY)
    assert half.score == 50  # 4 of the 8 points left


def test_no_point_rule_checked_scores_zero() -> None:
    result = check(select_rules(["R", "W"], None))
    assert judged(result) == ("COLD", 0, True)


def test_a_public_lead_is_capped_at_cold() -> None:
    result = check(public=True, need_discussed=None)
    assert (result.score, result.verdict) == (75, "COLD")
    assert "capped at COLD" in result.failed[0].message
    assert "cap" not in result.failed[0].as_json()
    # The cap comes from H102: without it the same lead scores 82 and stays HOT.
    uncapped = check(select_rules(None, ["H102"]), public=True, need_discussed=None)
    assert (uncapped.score, uncapped.verdict) == (82, "HOT")
    # Unknown is no cap, only a lost point.
    assert check(public=None).verdict == "HOT"


def test_the_cap_lifts_once_the_giver_has_presold_the_prospect() -> None:
    # News read in the paper, since turned into a call the prospect expects (H106, H107 pass).
    result = check(public=True, expecting_call=True, need_discussed=True)
    assert (result.score, result.verdict) == (92, "HOT")
    assert statuses(result)["H102"] == "warn"
    assert "not capped" in result.failed[0].message
    # Only when both pass: expecting the call without the need discussed is still capped.
    assert check(public=True, need_discussed=False).verdict == "COLD"
    # A general opportunity has nobody to pre-sell: the cap stays.
    room = check(type="general-opportunity", receiver_id=None, public=True)
    assert room.verdict == "COLD"


def test_a_decision_beyond_far_days_is_the_next_year_capped_at_cold() -> None:
    near = check(decision=GIVEN + 180 * DAY)
    assert (near.score, near.verdict) == (92, "HOT")  # one point lost, no cap
    far = check(decision=GIVEN + 181 * DAY)  # "next fall"
    assert (far.score, far.verdict) == (92, "COLD")
    assert "next year" in far.failed[0].message
    assert check(context=ctx(rules_far_days=365), decision=GIVEN + 300 * DAY).verdict == "HOT"


def test_a_failed_required_rule_makes_it_incomplete_whatever_the_score() -> None:
    result = check(receiver_id=None)
    assert judged(result) == ("INCOMPLETE", 100, False)
    assert [r.code for r in result.failed] == ["R004"]
    assert check(description=None).verdict == "INCOMPLETE"


def test_member_need_uses_the_givers_record() -> None:
    result = evaluate(baseline_lead("member-need"), ctx())
    assert (result.verdict, result.score) == ("HOT", 100)
    bare = evaluate(
        baseline_lead("member-need", giver_name=None, giver_phone=None, giver_email=None), ctx()
    )
    assert bare.verdict == "INCOMPLETE"
    assert {"R002", "R003"} <= {r.code for r in bare.failed}


def test_a_member_need_is_judged_on_its_description_timeliness_and_nearness() -> None:
    # The giver is the prospect: private, expecting the call and pre-sold by nature.
    result = evaluate(baseline_lead("member-need"), ctx())
    skipped = {code for code, status in statuses(result).items() if status == "skip"}
    assert {c for c in skipped if c[0] == "H"} == {"H102", "H104", "H105", "H106", "H107"}
    assert {r.max_points for r in result.results if r.status != "skip"} == {0, 1, 2}
    late = evaluate(baseline_lead("member-need", decision=GIVEN + 100 * DAY), ctx())
    assert (late.score, late.verdict) == (75, "HOT")  # 3 of 4 points
    stale = evaluate(baseline_lead("member-need", decision=GIVEN + 100 * DAY, heard=None), ctx())
    assert (stale.score, stale.verdict) == (25, "COLD")


def test_a_person_is_not_asked_for_a_title() -> None:
    home = evaluate(baseline_lead("person prospect"), ctx())
    assert judged(home) == ("HOT", 100, True)
    assert "title" not in home.results[3].message.replace("has no title", "")
    partial = evaluate(baseline_lead("person prospect", email=None), ctx())
    assert [(r.code, r.status, r.points) for r in partial.failed] == [("H104", "warn", 1)]
    # A person with a company named is still a person when recorded so.
    assert evaluate(baseline_lead("person prospect", company="Lopez Family"), ctx()).score == 100


def test_thresholds_come_from_the_settings() -> None:
    lead = {"heard": GIVEN - 5 * DAY, "decision": GIVEN + 60 * DAY}
    assert statuses(check(**lead))["H101"] == statuses(check(**lead))["H108"] == "pass"
    strict = check(context=ctx(rules_timely_days=2, rules_near_term_days=30), **lead)
    assert (statuses(strict)["H101"], statuses(strict)["H108"]) == ("fail", "fail")
    wordy = check(context=ctx(rules_min_description_words=50, rules_complete_description_words=60))
    assert (statuses(wordy)["R001"], wordy.verdict) == ("fail", "INCOMPLETE")


def test_check_as_json() -> None:
    data = check(public=None).as_json(7)
    assert list(data) == ["id", "verdict", "score", "publishable", "fit", "results"]
    assert data["id"] == 7 and data["score"] == 92
    assert [r["code"] for r in data["results"]] == [r.code for r in all_rules()]
    assert " ".join(data["results"][0]) == "code name status points max_points message hint"
    assert data["results"][-1]["status"] == "skip"  # no duplicate index in this context


def test_evaluate_orders_results_by_code() -> None:
    result = check([get_rule("W201"), get_rule("H101"), get_rule("R001")])
    assert [r.code for r in result.results] == ["H101", "R001", "W201"]


# --- selecting rules ----------------------------------------------------------------------


def codes(rules: list[Rule]) -> list[str]:
    return [r.code for r in rules]


SELECTIONS = [
    (None, None, 18),
    ([], [], 18),
    (["ALL"], None, 18),
    (["all"], ["W"], 17),
    (["Q"], None, 5),
    (["H1"], None, 8),
    (["R"], None, 4),
    (["h101,H102", "r001"], None, 3),
    (["H", "R001"], ["H106, H107"], 7),
    (None, ["H", "R", "Q"], 1),
    (["H101"], ["H"], 0),
]


@pytest.mark.parametrize(("select", "ignore", "expected"), SELECTIONS)
def test_select_rules(select: list[str] | None, ignore: list[str] | None, expected: int) -> None:
    chosen = select_rules(select, ignore)
    assert len(chosen) == expected
    assert codes(chosen) == sorted(codes(chosen))


def test_select_rules_refuses_an_unknown_code() -> None:
    for select, ignore, bad in [
        (["X999"], None, "X999"),
        (["H1,q1"], None, "q1"),
        (None, ["H9"], "H9"),
    ]:
        with pytest.raises(BadInput, match=f"'{bad}'"):
            select_rules(select, ignore)


# --- duplicates ---------------------------------------------------------------------------


ACME = """ACME Plumbing, Inc.
acme plumbing
The Acme Plumbing Co
Acme Plumbing Co., Inc.
  ACME   plumbing L.L.C.
Acme Plumbing & Co.
Acme Plumbing Corporation
acme plumbing GmbH
Acme Plumbing, Ltd.
ACME PLUMBING LLP"""


@pytest.mark.parametrize("name", ACME.splitlines())
def test_normalize_company(name: str) -> None:
    assert normalize_company(name) == "acme plumbing"


NORMALIZED = """O'Brien’s Bakery = obriens bakery
Smith-Jones Dental P.C. = smith jones dental
Café Überland GmbH = café überland
Theater Company = theater
Incorporated Designs = incorporated designs
Company Inc =
The ="""


@pytest.mark.parametrize("case", NORMALIZED.splitlines())
def test_normalize_company_edges(case: str) -> None:
    name, expected = case.split(" =")
    assert normalize_company(name) == expected.strip()
    assert normalize_company("") == normalize_company(None) == ""


def lead(id: int, days_before: int, **facts: Any) -> LeadFacts:
    other = {"company": None, "phones": (), "email": None}
    return baseline_lead(id=id, date=GIVEN - days_before * DAY, **(other | facts))


PHONE = ("+14155550123",)


def test_duplicate_window() -> None:
    index = DuplicateIndex.build(
        [
            lead(1, 0, phones=PHONE),  # itself
            lead(2, 90, phones=PHONE),  # 90 days before: included
            lead(3, 91, phones=PHONE),  # 91 days before: excluded
            lead(4, -1, phones=PHONE),  # a later lead: not matched
            lead(5, 0, phones=PHONE),  # the same day: included
            lead(6, 10, phones=("+14155550999",)),
        ]
    )
    assert index.matches(lead(1, 0, phones=PHONE)) == [(2, "phone"), (5, "phone")]
    # Seen from the day after, lead 2 is 91 days old.
    assert index.matches(lead(4, -1, phones=PHONE)) == [(1, "phone"), (5, "phone")]


def test_duplicate_keys() -> None:
    index = DuplicateIndex.build(
        [
            lead(1, 30, email="Orders@Acme.example"),
            lead(2, 20, company="The Acme Plumbing Co"),
            lead(3, 10, type="member-need", company="Acme Plumbing", phones=PHONE),
            lead(4, 5, company="Inc."),
        ]
    )
    me = lead(9, 0, email="orders@acme.example", company="ACME Plumbing, Inc.", phones=PHONE)
    assert index.matches(me) == [(1, "email"), (2, "company"), (3, "phone")]
    # A member need is matched on phone and email only, and an empty company matches nothing.
    assert index.matches(lead(9, 0, type="member-need", company="Acme Plumbing")) == []
    assert index.matches(lead(9, 0, company="Co., Inc.")) == []


def test_duplicate_warning_names_the_other_leads() -> None:
    others = [lead(12, 30, phones=PHONE, email="a@acme.example"), lead(15, 40, company="Acme")]
    me = lead(20, 0, phones=PHONE, email="A@acme.example", company="ACME, Inc.")
    result = evaluate(me, Context(Settings(), DuplicateIndex.build([*others, me])))
    w201 = result.results[-1]
    assert w201.status == "warn" and w201.points == 0
    assert w201.message.endswith(" as #12 (same phone and email), #15 (same company)")
    assert result.verdict == "HOT"  # a warning costs nothing


def test_duplicate_index_added_out_of_order() -> None:
    index = DuplicateIndex()
    for i, days in enumerate([5, 100, 1, 50, 20]):
        index.add(i + 1, GIVEN - days * DAY, "direct-referral", email="x@example.com")
    assert [m[0] for m in index.matches(lead(99, 0, email="x@example.com"))] == [1, 3, 4, 5]


# --- properties ---------------------------------------------------------------------------

_text = st.none() | st.text(max_size=200)
_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
_flag = st.none() | st.booleans()

leads = st.builds(
    LeadFacts,
    id=st.none() | st.integers(1, 50),
    date=_dates,
    type=st.sampled_from(LEAD_TYPES) | st.text(max_size=20),
    giver_id=st.integers(1, 5),
    receiver_id=st.none() | st.integers(1, 5),
    phones=st.lists(st.sampled_from(["+14155550123", "+442071838750"]), max_size=2).map(tuple),
    email=st.none() | st.sampled_from(["a@example.com", "B@example.com"]),
    giver_phone=st.none() | st.just("+14155550101"),
    giver_email=st.none() | st.just("g@example.com"),
    **dict.fromkeys(["company", "contact", "title", "description", "giver_name"], _text),
    **dict.fromkeys(["heard", "decision"], st.none() | _dates),
    **dict.fromkeys(["public", "may_use_name", "expecting_call", "need_discussed"], _flag),
)
thresholds = st.tuples(st.integers(0, 100), st.integers(0, 100)).map(sorted)


@given(
    lead=leads,
    others=st.lists(leads, max_size=5),
    limits=thresholds,
    subset=st.sets(st.sampled_from(codes(all_rules()))),
)
def test_evaluate_is_total_and_consistent(
    lead: LeadFacts, others: list[LeadFacts], limits: list[int], subset: set[str]
) -> None:
    warm, hot = limits
    settings = Settings({"verdict.warm": warm, "verdict.hot": hot})
    context = Context(settings, DuplicateIndex.build([lead, *others]))
    for rules in (None, [get_rule(c) for c in sorted(subset)]):
        result = evaluate(lead, context, rules)
        assert 0 <= result.score <= 100
        assert all(r.status in STATUSES for r in result.results)
        assert result.verdict in VERDICTS
        assert all(0 <= r.points <= r.max_points for r in result.results)
        assert all(r.message for r in result.results)
        assert all(r.hint for r in result.failed)
        required_failed = any(r.code.startswith("R") and r.status == "fail" for r in result.results)
        assert result.publishable is not required_failed
        capped = any(r.cap for r in result.results)
        if required_failed:
            assert result.verdict == "INCOMPLETE"
        elif result.score >= hot and not capped:
            assert result.verdict == "HOT"
        elif result.score >= warm and not capped:
            assert result.verdict == "WARM"
        else:
            assert result.verdict == "COLD"


# Facts a rule may read, each with values to try; a skipped rule's facts must not move the score.
_VARIED: dict[str, Any] = {
    "company": st.none() | st.sampled_from(["", "ABC Inc", "Lopez Family"]),
    "contact": st.none() | st.sampled_from(["", "John Smith"]),
    "title": st.none() | st.sampled_from(["", "Owner", "Office manager"]),
    "phones": st.sampled_from([(), ("+14155550123",)]),
    "email": st.none() | st.just("a@example.com"),
    "website": st.none() | st.just("https://a.example"),
    "address": st.none() | st.sampled_from(["12 Main Street", "Tampa, Florida"]),
    "description": _text,
    "heard": st.none() | _dates,
    "decision": st.none() | _dates,
    "public": _flag,
    "may_use_name": _flag,
    "expecting_call": _flag,
    "need_discussed": _flag,
    "prospect_type": st.none() | st.sampled_from(["business", "person"]),
    "value_cents": st.none() | st.integers(0, 10**8),
    "decision_maker": _flag,
    "intent": st.none() | st.sampled_from(["buying", "gathering-info", "rfp"]),
}


@given(lead=leads, changes=st.fixed_dictionaries({}, optional=_VARIED))
def test_a_fact_only_skipped_rules_read_never_changes_the_score(
    lead: LeadFacts, changes: dict[str, Any]
) -> None:
    context = Context(Settings())
    scoring = [r for r in all_rules() if r.points]
    read = {
        fact
        for r in scoring
        if r.applies_to(lead.type, lead.prospect_kind)
        for fact in (*r.reads, "type")
    }
    unread = {k: v for k, v in changes.items() if k not in read}
    changed = replace(lead, **unread)
    assert evaluate(changed, context).score == evaluate(lead, context).score


def test_skipped_facts_of_a_member_need_never_change_its_score() -> None:
    need = baseline_lead("member-need", description=SHORT)
    context = ctx()
    before = evaluate(need, context).score
    for changes in (
        {"public": True},
        {"public": False},
        {"may_use_name": True},
        {"expecting_call": True, "need_discussed": True},
        {"title": "Owner", "email": "x@example.com"},
    ):
        assert evaluate(replace(need, **changes), context).score == before


# --- the fit --------------------------------------------------------------------------------


def fit(kind: str = "direct-referral", rules: list[Rule] | None = None, **facts: Any) -> Check:
    return evaluate(baseline_lead(kind, **facts), ctx(), rules)


OTHER_MEMBERS_JOB = "Acme needs 500 business cards and flyers for its launch in December."
VAGUE = "John Smith may need something for his new office soon, a friend says."
NOBODYS_JOB = "Acme needs a bookkeeper to catch up on last year's books by January."


@pytest.mark.parametrize(
    ("kind", "facts", "expected", "verdict"),
    [
        ("direct-referral", {}, "sweet-spot", "HOT"),
        # One Q rule failing.
        ("direct-referral", {"need": None, "description": OTHER_MEMBERS_JOB}, "off-target", "COLD"),
        ("direct-referral", {"need": None, "description": NOBODYS_JOB}, "off-target", "COLD"),
        ("direct-referral", {"address": "100 Bay Street, Tampa, Florida"}, "off-target", "COLD"),
        ("direct-referral", {"value_cents": 40_000}, "off-target", "HOT"),
        ("direct-referral", {"decision_maker": False}, "fit", "HOT"),
        ("direct-referral", {"intent": "rfp"}, "fit", "COLD"),
        # Skipped: a person and a member decide for themselves; no receiver, no niche.
        ("person prospect", {}, "sweet-spot", "HOT"),
        ("member-need", {}, "sweet-spot", "HOT"),
        ("direct-referral", {"value_cents": None, "address": None}, "sweet-spot", "HOT"),
        ("general-opportunity", {}, "fit", "HOT"),
        # Unknown.
        ("direct-referral", {"intent": None}, "fit", "HOT"),
        ("direct-referral", {"title": None}, "fit", "HOT"),
        ("direct-referral", {"address": "12 Main Street"}, "sweet-spot", "HOT"),
        ("direct-referral", {"need": None, "description": VAGUE}, "fit", "HOT"),
    ],
)
def test_the_fit_at_each_boundary(
    kind: str, facts: dict[str, Any], expected: str, verdict: str
) -> None:
    result = fit(kind, **facts)
    assert (result.fit, result.verdict) == (expected, verdict), result.failed


def test_no_qualification_rule_run_means_no_fit() -> None:
    assert fit(rules=select_rules(["H", "R"])).fit is None
    assert fit(rules=select_rules(["Q305"])).fit == "fit"  # Q301 not run: no sweet spot


def test_offers_it_names_the_member_who_offers_it() -> None:
    result = fit(need=None, description=OTHER_MEMBERS_JOB)
    q301 = next(r for r in result.results if r.code == "Q301")
    assert '"business cards" and "flyers", which Dan Dale offers' in q301.message
    assert "--to 4" in (q301.hint or "")
    unmet = next(r for r in fit(need=None, description=NOBODYS_JOB).results if r.code == "Q301")
    assert "(bookkeeper), which nobody in the group offers" in unmet.message
    assert "`leadcli category want 'bookkeeper'`" in (unmet.hint or "")


@pytest.mark.parametrize(
    "text",
    [
        "Eve should call Maria: she wants her kitchen remodeled in the spring.",
        "Maria is remodeling two BATHROOMS and wants a quote.",
        "Kitchen remodels are what Maria needs, two of them.",
    ],
)
def test_offers_are_matched_as_a_person_would(text: str) -> None:
    result = fit("person prospect", need=None, description=text)
    assert next(r for r in result.results if r.code == "Q301").status == "pass"


def test_a_name_is_not_an_offer() -> None:
    # "Cat" is a member's name, not a cat: nothing the vet would be named for.
    result = fit(need=None, description="Ask Cat Cole about John's new office wiring.")
    assert next(r for r in result.results if r.code == "Q301").status == "pass"


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("100 Bay Street, Tampa, Florida", "fail"),
        ("9 Elm St, Chicago, IL 60601", "pass"),
        ("9 Elm St, Chicago, Illinois", "pass"),
        ("55 King St W, Toronto, ON M5K 1A2", "fail"),
        ("12 Main Street", "warn"),
    ],
)
def test_in_area_knows_states_and_provinces(address: str, status: str) -> None:
    result = fit(address=address)
    assert next(r for r in result.results if r.code == "Q302").status == status


def test_in_area_knows_cities_and_postal_prefixes() -> None:
    # Eve serves Springfield, IL and the 627 ZIP prefix.
    for address, status in (
        ("48 Elm Street, Springfield, IL 62704", "pass"),
        ("7 Oak Lane, Peoria, IL 61602", "fail"),
        ("7 Oak Lane, Chatham 62707", "pass"),
        ("7 Oak Lane, Springfield, MO 65801", "fail"),
    ):
        result = fit("person prospect", address=address)
        assert next(r for r in result.results if r.code == "Q302").status == status, address


@pytest.mark.parametrize(
    ("titles", "title", "status"),
    [
        (None, "Managing Partner", "pass"),
        (None, "Co-owner", "pass"),
        (None, "Office manager", "warn"),
        ("owner, office manager", "Office Manager", "pass"),
    ],
)
def test_decision_titles_come_from_the_settings(
    titles: str | None, title: str, status: str
) -> None:
    context = ctx(rules_decision_titles=titles) if titles else ctx()
    result = evaluate(baseline_lead(title=title), context)
    assert next(r for r in result.results if r.code == "Q303").status == status


# --- completeness: who, what, how large, by when ---------------------------------------------

ISSUE_NEED = (
    "Our office needs 500 business cards and 200 flyers for the open house on December 12, "
    "budget about $400"
)


@pytest.mark.parametrize(
    ("description", "missing"),
    [
        (ISSUE_NEED, []),
        ("John Smith needs his new office wired, twelve desks, by March.", []),
        ("John Smith is opening a second office and needs it wired.", ["how large", "by when"]),
        ("Needs it wired, about twelve desks, before the end of the month.", ["who"]),
        (
            "John Smith mentioned his office over lunch; nice man, call him.",
            ["what", "how large", "by when"],
        ),
        ("The Lopez family wants a kitchen remodel, about $30,000, this spring.", []),
        ("He may need something, maybe.", ["who", "how large", "by when"]),
    ],
)
def test_the_scope_a_description_says(description: str, missing: list[str]) -> None:
    from leadcli.rules.scope import answered

    lead = baseline_lead(
        description=description,
        contact=None,
        company=None,
        need=None,
        value_cents=None,
        decision=None,
    )
    assert [q for q, yes in answered(lead).items() if not yes] == missing


def test_a_members_complete_and_timely_need_is_hot() -> None:
    # Given the day after the member heard of it; when they decide is not recorded, but the
    # description says it: the open house on December 12.
    need = baseline_lead(
        "member-need", description=ISSUE_NEED, heard=GIVEN - DAY, decision=None, value_cents=None
    )
    result = evaluate(need, ctx())
    assert (result.verdict, result.score) == ("HOT", 100)
    assert next(r for r in result.results if r.code == "H103").status == "pass"
    h108 = next(r for r in result.results if r.code == "H108")
    assert h108.message.startswith('the description says "December 12" (2026-12-12)')
    recorded = evaluate(replace(need, decision=GIVEN + 24 * DAY), ctx())
    assert (recorded.verdict, recorded.score) == ("HOT", 100)


def test_a_long_account_may_miss_one_of_the_four() -> None:
    long = " ".join(["John Smith owns the bakery on Main Street and is a fine man."] * 3)
    result = check(description=long + " He needs new ovens.", value_cents=None, decision=None)
    h103 = next(r for r in result.results if r.code == "H103")
    assert h103.status == "fail"  # misses how large and by when
    result = check(description=long + " He needs two new ovens.", decision=None)
    h103 = next(r for r in result.results if r.code == "H103")
    assert h103.status == "pass" and "though not clearly by when" in h103.message
