"""Reading when the prospect decides from a description (H108 without --decision)."""

from __future__ import annotations

import datetime as dt

import pytest

from leadcli.rules.when import decision_said

GIVEN = dt.date(2026, 11, 18)  # a Wednesday in the fall


@pytest.mark.parametrize(
    ("text", "words", "date"),
    [
        ("He will choose by December 12.", "December 12", "2026-12-12"),
        ("Open house on Dec. 12, 2026, cards needed.", "Dec. 12, 2026", "2026-12-12"),
        ("She decides on the 15th of January.", "15th of January", "2027-01-15"),
        ("Catering for 25 on 12/10.", "12/10", "2026-12-10"),
        ("Catering for 25 on 12/10/2026.", "12/10/2026", "2026-12-10"),
        ("Needs it replaced ASAP.", "ASAP", "2026-11-18"),
        ("Needs it as soon as possible.", "as soon as possible", "2026-11-18"),
        ("Wants to meet within two weeks.", "within two weeks", "2026-12-02"),
        ("Start in 3 weeks.", "in 3 weeks", "2026-12-09"),
        ("Opening next month on Divisadero.", "next month", "2026-12-01"),
        ("Quotes by the end of the month.", "by the end of the month", "2026-11-30"),
        ("Done by the end of January.", "end of January", "2027-01-31"),
        ("A family room added in the spring.", "in the spring", "2027-03-01"),
        ("They want to sell next fall.", "next fall", "2027-09-01"),
        ("This fall, before the rains.", "This fall", "2026-11-18"),
        ("Move in about two years.", "in about two years", "2028-11-17"),
        ("Might refinance in a couple of years.", "in a couple of years", "2028-11-17"),
        ("Before the filing deadline in March.", "in March", "2027-03-01"),
        ("Proposals next quarter.", "next quarter", "2027-01-01"),
        ("Needs a caterer before Christmas.", "Christmas", "2026-12-25"),
        # Of several times, the earliest: the decision comes before the work.
        ("Moving by April; vendors chosen by January 15.", "January 15", "2027-01-15"),
    ],
)
def test_a_time_to_come_is_read(text: str, words: str, date: str) -> None:
    said = decision_said(text, GIVEN)
    assert said is not None
    assert (said.words, said.date.isoformat()) == (words, date)


@pytest.mark.parametrize(
    "text",
    [
        "Her husband died in October.",  # a month just past
        "Fresh Mart opened last month on Irving Street.",
        "They plan to move next year.",  # in November, could be January or a year on
        "May need some help at some point.",
        "Call him Monday about the wiring.",  # a weekday is a call, not a decision
        "Jan's office needs new desks.",  # a name, not January
        "They may want two quotes.",
        "",
    ],
)
def test_the_past_and_the_vague_are_not_read(text: str) -> None:
    assert decision_said(text, GIVEN) is None


def test_slash_dates_follow_the_group_order() -> None:
    said = decision_said("Lunch on 10/12.", GIVEN, "DMY")
    assert said is not None and said.date == dt.date(2026, 12, 10)
    assert decision_said("Lunch on 12/10.", GIVEN, "YMD") is None
