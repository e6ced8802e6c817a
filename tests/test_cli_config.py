from __future__ import annotations

import json

import pytest

from conftest import Invoke, one_error_line


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        (
            "networks",
            {
                "attendance.minimum": 0.75,
                "attendance.late_weight": 1.0,
                "quota.leads_per_week": 2.0,
                "attendance.window_weeks": 26,
            },
        ),
        ("bni", {"attendance.late_weight": 0.5, "quota.leads_per_week": 1.0}),
        ("letip", {"quota.leads_per_week": 1.0, "attendance.late_weight": 1.0}),
        ("leadsclub", {"attendance.window_weeks": 52, "quota.leads_per_week": 2.0}),
    ],
)
def test_presets(cli: Invoke, preset: str, expected: dict[str, object]) -> None:
    cli("init", "--name", "North Side", "--preset", preset)
    values = json.loads(cli("config", "show", "--json").stdout)
    assert values["group.name"] == "North Side"
    for key, value in expected.items():
        assert values[key] == value


def test_defaults_without_init(cli: Invoke) -> None:
    values = json.loads(cli("config", "show", "--json").stdout)
    assert values["group.meeting_day"] == "wednesday" and values["verdict.hot"] == 75
    assert cli("config", "get", "followup.hours").stdout == "24\n"


def test_init_twice_is_refused(cli: Invoke) -> None:
    cli("init")
    assert "already set up" in one_error_line(cli("init", "--preset", "bni", code=1))
    assert cli("config", "get", "quota.leads_per_week").stdout == "2.0\n"


def test_unknown_preset(cli: Invoke) -> None:
    assert "unknown preset 'rotary'" in one_error_line(cli("init", "--preset", "rotary", code=2))


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("attendance.minimum", "0.8", "0.8"),
        ("group.meeting_day", "Thu", "thursday"),
        ("group.meeting_time", "7:30", "07:30"),
        ("group.region", "gb", "GB"),
        ("group.date_order", "dmy", "DMY"),
        ("quota.count_updates", "no", "false"),
        ("followup.hours", "48", "48"),
        ("group.timezone", "America/Chicago", "America/Chicago"),
    ],
)
def test_set_and_get(cli: Invoke, key: str, value: str, shown: str) -> None:
    assert cli("config", "set", key, value).stdout == f"{key} = {shown}\n"
    assert cli("config", "get", key).stdout == f"{shown}\n"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("attendance.minimum", "1.5", "out of range"),
        ("attendance.minimum", "lots", "expected a number"),
        ("attendance.window_weeks", "2.5", "expected a whole number"),
        ("attendance.window_weeks", "0", "out of range"),
        ("group.meeting_day", "someday", "not a weekday"),
        ("group.meeting_time", "25:00", "invalid time"),
        ("group.region", "XX", "unknown phone region"),
        ("group.date_order", "MYD", "date order must be one of"),
        ("quota.count_updates", "maybe", "expected true or false"),
        ("verdict.warm", "80", "verdict.warm must not be above verdict.hot"),
        ("rules.far_days", "60", "rules.near_term_days must not be above rules.far_days"),
        ("rules.far_days", "0", "out of range"),
        ("group.timezone", "Mars/Olympus", "unknown time zone"),
        ("group.name", "Bad\x1bName", "control character"),
        ("nope.key", "1", "no setting 'nope.key'"),
    ],
)
def test_bad_settings_are_refused(cli: Invoke, key: str, value: str, message: str) -> None:
    before = cli("config", "show", "--json").stdout
    assert message in one_error_line(cli("config", "set", key, value, code=2))
    assert cli("config", "show", "--json").stdout == before


def test_get_unknown(cli: Invoke) -> None:
    assert "no setting" in one_error_line(cli("config", "get", "nope", code=2))


def test_slash_dates_follow_the_setting(group: Invoke) -> None:
    group("config", "set", "group.date_order", "DMY")
    assert "2026-11-04" in group("meeting", "add", "4/11/2026").stdout


def test_region_applies_to_phones(cli: Invoke) -> None:
    cli("config", "set", "group.region", "GB")
    cli("member", "add", "Gil", "--category", "Tailor", "--phone", "020 7946 0958")
    assert "020 7946 0958" in cli("member", "list").stdout
    assert json.loads(cli("member", "list", "--json").stdout)[0]["phone"] == "+442079460958"
