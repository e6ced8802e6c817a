"""The weekly report's open categories, and where this week's wins may travel."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import Invoke
from leadkit import hot


@pytest.fixture
def room(group: Invoke) -> Invoke:
    """Realtor (Ann), Plumber (Bob), Accountant (Cat), Printer (Dan) and a mortgage broker;
    a spin-off history realtor → mortgage, needs and an applicant; lead 3 won this week."""
    group("member", "add", "Mo Lend", "-c", "Mortgage broker", "--joined", "2026-01-07")
    group("member", "attend", "Ann", "Bob", "Cat", "Dan", "Mo", "--date", "2026-11-11")
    group(*hot(**{"from": "Cat", "to": "Ann"}, date="2026-11-11", heard="2026-11-10"))  # 1
    group(*hot(**{"from": "Ann", "to": "Mo", "parent": "1"}, date="2026-11-11", heard="2026-11-10"))
    group(*hot(**{"from": "Cat", "to": "Ann"}))  # 3, given 11-18
    group("lead", "update", "3", "--status", "won", "--amount", "12000", "--at", "2026-11-19 09:00")
    group("category", "want", "Bookkeeper", "--from", "Cat", "--date", "2026-11-04")
    group("category", "want", "Bookkeeper", "--from", "Dan", "--date", "2026-11-18")
    group("category", "want", "Florist", "--date", "2026-11-18")
    group("visitor", "add", "Fay Fern", "-c", "Florist", "--date", "2026-11-18")
    return group


def report(cli: Invoke, *args: str) -> Any:
    return json.loads(cli("report", "weekly", "--format", "json", *args).stdout)


def test_the_top_openings(room: Invoke) -> None:
    openings = report(room)["openings"]
    assert [(o["category"], o["unmet_needs"], o["applicants"]) for o in openings] == [
        ("Bookkeeper", 2, 0),
        ("Florist", 1, 1),
        ("Attorney", 0, 0),
        ("Banker", 0, 0),
        ("Caterer", 0, 0),
    ]
    assert openings[0]["reasons"][0] == "2 unmet needs in the last 26 weeks"


def test_a_past_week_sees_the_group_as_it_was(room: Invoke) -> None:
    openings = report(room, "--week", "2026-11-11")["openings"]
    assert [(o["category"], o["unmet_needs"], o["applicants"]) for o in openings[:2]] == [
        ("Bookkeeper", 1, 0),
        ("Attorney", 0, 0),
    ]


def test_where_the_wins_may_travel(room: Invoke) -> None:
    data = report(room)
    assert data["travel"] == [
        {
            "id": 3,
            "receiver": "Ann Archer",
            "prospect": data["travel"][0]["prospect"],
            "next": [{"member": "Mo Lend", "category": "Mortgage broker", "spin_offs": 1}],
        }
    ]
    assert report(room, "--week", "2026-11-11")["travel"] == []


@pytest.mark.parametrize("form", ["text", "markdown", "html"])
def test_every_format_shows_both(room: Invoke, form: str) -> None:
    out = room("report", "weekly", "--format", form).stdout
    assert "Open categories" in out and "Bookkeeper" in out
    assert "won by Ann Archer" in out and "Mo Lend (Mortgage broker, 1 spin-off)" in out
