from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadcli import parse
from leadcli.errors import BadInput

TODAY = dt.date(2026, 11, 19)  # a Thursday


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2026-11-18", "MDY", dt.date(2026, 11, 18)),
        ("today", "MDY", TODAY),
        ("Yesterday", "MDY", dt.date(2026, 11, 18)),
        ("wednesday", "MDY", dt.date(2026, 11, 18)),
        ("wed", "MDY", dt.date(2026, 11, 18)),
        ("thu", "MDY", TODAY),  # today included
        ("friday", "MDY", dt.date(2026, 11, 13)),
        ("11/18/2026", "MDY", dt.date(2026, 11, 18)),
        ("3/4/2026", "MDY", dt.date(2026, 3, 4)),
        ("3/4/2026", "DMY", dt.date(2026, 4, 3)),
        ("2026/4/3", "YMD", dt.date(2026, 4, 3)),
        ("11/18/26", "MDY", dt.date(2026, 11, 18)),
        ("  2026-01-02 ", "MDY", dt.date(2026, 1, 2)),
    ],
)
def test_dates(text: str, order: str, expected: dt.date) -> None:
    assert parse.date(text, today=TODAY, order=order) == expected


@pytest.mark.parametrize(
    "text",
    [
        "next tuesday",
        "tomorrow",
        "Nov 18",
        "18 November 2026",
        "2026-11",
        "20261118",
        "",
        "11-18-2026",
        "1/2/3/4",
        "wedn",
    ],
)
def test_fuzzy_dates_are_refused(text: str) -> None:
    with pytest.raises(BadInput, match="invalid date") as info:
        parse.date(text, today=TODAY, field="--date")
    assert "YYYY-MM-DD" in info.value.message
    assert "--date" in info.value.message


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2/30/2026", "13/1/2026", "0/1/2026"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(BadInput, match="impossible date"):
        parse.date(text, today=TODAY)


def test_slash_dates_follow_the_group_order() -> None:
    with pytest.raises(BadInput):
        parse.date("18/11/2026", today=TODAY, order="MDY")
    assert parse.date("18/11/2026", today=TODAY, order="DMY") == dt.date(2026, 11, 18)


NOW = dt.datetime(2026, 11, 19, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-18 15:00", dt.datetime(2026, 11, 18, 15, 0)),
        ("2026-11-18T15:00", dt.datetime(2026, 11, 18, 15, 0)),
        ("yesterday 7:05", dt.datetime(2026, 11, 18, 7, 5)),
        ("wed 23:59", dt.datetime(2026, 11, 18, 23, 59)),
        ("2026-11-18", dt.datetime(2026, 11, 18, 0, 0)),
    ],
)
def test_moments(text: str, expected: dt.datetime) -> None:
    assert parse.moment(text, now=NOW) == expected.replace(tzinfo=NOW.tzinfo)


def test_moment_with_offset_is_converted_to_the_group_zone() -> None:
    got = parse.moment("2026-11-18T15:00+00:00", now=NOW)
    assert got == dt.datetime(2026, 11, 18, 7, 0, tzinfo=NOW.tzinfo)


def test_bare_date_as_end_of_day() -> None:
    assert parse.moment("2026-11-18", now=NOW, end_of_day=True).time() == dt.time(23, 59, 59)


@pytest.mark.parametrize(
    "text", ["2026-11-18 25:00", "soon", "2026-11-18 7pm", "2026-11-31T10:00", "2026-11-18T10:61"]
)
def test_bad_moments(text: str) -> None:
    with pytest.raises(BadInput):
        parse.moment(text, now=NOW)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(415) 555-2671", "+14155552671"),
        ("415.555.2671", "+14155552671"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_phones(text: str, expected: str) -> None:
    assert parse.phone(text) == expected


@pytest.mark.parametrize(
    "text", ["123", "555-1234", "phone", "+1 000 000 0000", "415-555-26712", "415-555-2671 ext. 12"]
)
def test_bad_phones_name_the_field_and_value(text: str) -> None:
    with pytest.raises(BadInput) as info:
        parse.phone(text, field="--phone")
    assert "--phone" in info.value.message and repr(text) in info.value.message


def test_phone_in_the_group_region() -> None:
    assert parse.phone("020 7946 0958", region="GB") == "+442079460958"
    assert parse.show_phone("+442079460958", "GB") == "020 7946 0958"
    assert parse.show_phone("+442079460958", "US") == "+44 20 7946 0958"
    assert parse.show_phone("+14155552671", "US") == "(415) 555-2671"


def test_emails_are_normalized() -> None:
    assert parse.email("  Ann.Archer@EXAMPLE.com ") == "Ann.Archer@example.com"


@pytest.mark.parametrize(
    "text", ["ann", "ann@", "@example.com", "ann@@example.com", "ann example@x.com"]
)
def test_bad_emails(text: str) -> None:
    with pytest.raises(BadInput, match="invalid email for --email"):
        parse.email(text)


@pytest.mark.parametrize(
    "char", ["\x1b", "\x00", "\x07", "\x85", "\u202e", "\u2066", "\r", "\u2028"]
)
def test_control_and_bidi_characters_are_refused(char: str) -> None:
    with pytest.raises(BadInput, match="--notes contains"):
        parse.clean(f"hello{char}world", "--notes")


def test_newline_and_tab_are_text() -> None:
    assert parse.clean(" a\tb\nc ", "--notes") == "a\tb\nc"
    with pytest.raises(BadInput, match="line break"):
        parse.clean("a\nb", "--name", multiline=False)


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1250", 125000),
        ("$1,250.50", 125050),
        ("1,250", 125000),
        ("$ 12,345,678.9", 1234567890),
        ("0.01", 1),
        ("99.9", 9990),
        (".5", 50),
    ],
)
def test_amounts(text: str, cents: int) -> None:
    assert parse.amount(text) == cents


@pytest.mark.parametrize(
    "text",
    [
        "-5",
        "0",
        "abc",
        "1.234",
        "nan",
        "inf",
        "$",
        "1e400",
        "1e3",
        "12,50",  # a decimal comma is not guessed at
        "1,2,3",
        ",5",
        "1,,000",
        "1_000",
        "\u0661\u0662\u0663",  # digits beyond ASCII
        "\uff11\uff12",
    ],
)
def test_bad_amounts(text: str) -> None:
    with pytest.raises(BadInput):
        parse.amount(text)


@pytest.mark.parametrize(
    ("text", "expected"), [("3", 3), ("#3", 3), ("Ann", "Ann"), (" ann ", "ann")]
)
def test_member_refs(text: str, expected: int | str) -> None:
    assert parse.member_ref(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "#x", "#"])
def test_bad_member_refs(text: str) -> None:
    with pytest.raises(BadInput):
        parse.member_ref(text)


@given(st.text(max_size=40))
def test_date_parsing_never_crashes(text: str) -> None:
    try:
        result = parse.date(text, today=TODAY)
    except BadInput:
        return
    assert isinstance(result, dt.date)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_iso_and_slash_round_trip(day: dt.date) -> None:
    assert parse.date(day.isoformat(), today=TODAY) == day
    assert parse.date(f"{day.month}/{day.day}/{day.year}", today=TODAY) == day
    assert parse.date(f"{day.day}/{day.month}/{day.year}", today=TODAY, order="DMY") == day


@given(st.text(max_size=40))
def test_clean_never_lets_control_characters_through(text: str) -> None:
    try:
        cleaned = parse.clean(text, "--notes")
    except BadInput:
        return
    assert not any(ord(c) < 32 and c not in "\n\t" for c in cleaned)
    assert not any(0x7F <= ord(c) <= 0x9F for c in cleaned)


@given(st.integers(min_value=2000000000, max_value=9999999999))
def test_north_american_display_matches_phonenumbers(digits: int) -> None:
    import phonenumbers

    e164 = f"+1{digits}"
    number = phonenumbers.parse(e164, None)
    if not phonenumbers.is_valid_number(number):
        return
    for region in ("US", "CA"):
        if phonenumbers.region_code_for_number(number) == region:
            expected = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            assert parse.show_phone(e164, region) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-18",
        "11/18/2026",
        "11/18/26",
        "18-Nov-2026",
        "18-Nov-26",
        "18 Nov 2026",
        "18 November 2026",
        "Nov 18, 2026",
        "Nov. 18, 2026",
        "November 18 2026",
        "Wed 11/18/2026",
        "Wednesday, November 18, 2026",
        "2026-11-18 00:00:00",
        "2026-11-18T00:00",
        "Wed",  # the forms of `date` still hold
    ],
)
def test_sheet_dates(text: str) -> None:
    assert parse.sheet_date(text, today=TODAY) == dt.date(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Nov 31, 2026", "invalid date"),
        ("18.11.2026", "invalid date"),
        ("2026-11-18 09:30", "invalid date"),
        ("next wednesday", "invalid date"),
        ("2026-02-30", "impossible date"),
    ],
)
def test_sheet_dates_refused(text: str, word: str) -> None:
    with pytest.raises(BadInput, match=word):
        parse.sheet_date(text, today=TODAY)


def _refused_by_category(text: str, multiline: bool) -> bool:
    import unicodedata

    return any(
        not (c == "\t" or (c == "\n" and multiline))
        and (unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") or c in parse._BIDI or c == "\r")
        for c in text
    )


@given(st.text(), st.booleans())
def test_clean_refuses_exactly_the_control_bidi_and_separator_characters(
    text: str, multiline: bool
) -> None:
    try:
        parse.clean(text, "f", multiline=multiline)
        refused = False
    except BadInput:
        refused = True
    assert refused == _refused_by_category(text, multiline)


@pytest.mark.parametrize(
    "char", ["\x00", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\u202e", "\r"]
)
def test_clean_refuses_each_kind(char: str) -> None:
    with pytest.raises(BadInput, match="contains"):
        parse.clean(f"a{char}b", "f")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0001-01-01", "date out of range"),
        ("9999-12-31", "date out of range"),
        ("1/1/1899", "date out of range"),
        ("\uff12\uff10\uff12\uff16-\uff11\uff11-\uff11\uff18", "invalid (date|moment)"),
        ("\u0662\u0660\u0662\u0666-11-18", "invalid (date|moment)"),
    ],
)
def test_dates_beyond_the_calendar_or_ascii_are_refused(text: str, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        parse.date(text, today=TODAY)
    with pytest.raises(BadInput, match=message):
        parse.moment(text, now=NOW)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("415-555-012", "too short for a US number"),
        ("415-555-01234", "too long for a US number"),
        ("+1 000 000 0000", "not a number in use"),
        ("phone", "not a phone number"),
    ],
)
def test_bad_phones_say_why(text: str, why: str) -> None:
    with pytest.raises(BadInput, match=why):
        parse.phone(text)


@pytest.mark.parametrize(
    "text",
    ["example.com", "www.hill-dental.example/shop?x=1", "https://a.example", "HTTP://A.EXAMPLE:8080/",
     "bäckerei.example", ""],
)  # fmt: skip
def test_websites_are_kept_as_typed(text: str) -> None:
    assert parse.website(f" {text} ") == text


@pytest.mark.parametrize(
    "text",
    ["Hill Dental", "a sentence about the heater", "mia@hill.example", "https://", "localhost",
     "example.", "http://exa mple.com", "-bad.example", "1.2.3.4"],
)  # fmt: skip
def test_bad_websites(text: str) -> None:
    with pytest.raises(BadInput, match="invalid website for --website"):
        parse.website(text)
