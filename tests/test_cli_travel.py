"""Where a lead travels next: the group's spin-off history first, then the contact sphere."""

from __future__ import annotations

import json

import pytest

from conftest import Invoke, one_error_line
from leadkit import hot

ROOM = [
    ("Al Law", "Estate attorney"),
    ("Rita Home", "Realtor"),
    ("Mo Lend", "Mortgage broker"),
    ("Tia Deed", "Title company"),
    ("Pete Pipe", "Plumber"),
    ("Eve Volt", "Electrician"),
    ("Pam Print", "Printer"),
    ("Ivy Look", "Home inspector"),
    ("Ina Cover", "Insurance agent"),
]

# (giver, receiver, parent): the parent's receiver category → the child's receiver category.
HISTORY = [
    ("Pam", "Al", None),  # 1
    ("Al", "Rita", "1"),  # 2  attorney → realtor
    ("Al", "Rita", "1"),  # 3  attorney → realtor
    ("Rita", "Mo", "2"),  # 4  realtor → mortgage
    ("Rita", "Mo", "3"),  # 5  realtor → mortgage
    ("Rita", "Mo", "2"),  # 6  realtor → mortgage
    ("Rita", "Tia", "2"),  # 7  realtor → title
    ("Rita", "Pete", "3"),  # 8  realtor → plumber
    ("Mo", "Pete", "2"),  # 9  realtor → plumber (the parent went to the realtor)
    ("Mo", "Tia", "4"),  # 10 mortgage → title
]


def add(cli: Invoke, giver: str, receiver: str, parent: str | None) -> str:
    return cli(*hot(**{"from": giver, "to": receiver, "parent": parent})).stdout


@pytest.fixture
def room(cli: Invoke) -> Invoke:
    cli("init", "--name", "Downtown Leads")
    for name, category in ROOM:
        cli("member", "add", name, "--category", category, "--joined", "2026-01-07")
    for giver, receiver, parent in HISTORY:
        add(cli, giver, receiver, parent)
    return cli


def test_ranked_by_spin_offs_then_sphere_then_name(room: Invoke) -> None:
    out = add(room, "Al", "Rita", None)  # lead 11: attorney → realtor
    assert (
        "May travel next: Mo Lend (Mortgage broker, 3 spin-offs), "
        "Pete Pipe (Plumber, 2 spin-offs), Tia Deed (Title company, 1 spin-off)\n" in out
    )
    found = json.loads(room("lead", "travel", "11", "--json").stdout)
    assert [(s["member"], s["category"], s["sphere"], s["spin_offs"]) for s in found] == [
        ("Mo Lend", "Mortgage broker", "home", 3),
        ("Pete Pipe", "Plumber", "trades", 2),
        ("Tia Deed", "Title company", "home", 1),
        ("Ina Cover", "Insurance agent", "home", 0),
        ("Ivy Look", "Home inspector", "home", 0),
    ]
    assert found[0]["reason"] == (
        "Leads to Realtor have spun off 3 leads to Mortgage broker in this group; "
        "both serve the home sphere."
    )
    assert found[1]["reason"] == "Leads to Realtor have spun off 2 leads to Plumber in this group."
    assert found[3]["reason"] == "Insurance agent serves the home sphere, as Realtor does."
    table = room("lead", "travel", "#11").stdout
    assert table.index("Mo Lend") < table.index("Pete Pipe") < table.index("Ivy Look")


def test_the_receiver_and_the_giver_are_not_stops(room: Invoke) -> None:
    # lead 4 went Rita → Mo: from mortgage, the history knows only title (once).
    found = json.loads(room("lead", "travel", "4", "--json").stdout)
    assert [(s["member"], s["spin_offs"]) for s in found] == [
        ("Tia Deed", 1),
        ("Ina Cover", 0),
        ("Ivy Look", 0),
    ]


def test_with_no_history_the_sphere_alone_speaks(room: Invoke) -> None:
    found = json.loads(room("lead", "travel", "8", "--json").stdout)  # to the plumber
    assert [(s["member"], s["spin_offs"], s["sphere"]) for s in found] == [
        ("Eve Volt", 0, "trades")
    ]
    room("category", "sphere", "Printer", "trades")
    add(room, "Al", "Pete", None)  # lead 11
    found = json.loads(room("lead", "travel", "11", "--json").stdout)
    assert [s["member"] for s in found] == ["Eve Volt", "Pam Print"]


def test_won_prints_where_it_may_travel(room: Invoke) -> None:
    room("lead", "contacted", "2", "--at", "2026-11-18 12:00")
    out = room("lead", "update", "2", "--status", "won", "--amount", "9000").stdout
    assert out.splitlines()[-1] == (
        "May travel next: Mo Lend (Mortgage broker, 3 spin-offs), "
        "Pete Pipe (Plumber, 2 spin-offs), Tia Deed (Title company, 1 spin-off)"
    )
    out = room("lead", "update", "3", "--status", "proposal").stdout
    assert "May travel next" not in out


def test_a_general_opportunity_travels_nowhere_in_particular(room: Invoke) -> None:
    room(*hot(**{"from": "Al", "type": "general-opportunity", "to": None}, expecting_call=None))
    assert json.loads(room("lead", "travel", "11", "--json").stdout) == []
    assert "general opportunity" in room("lead", "travel", "11").stdout


def test_bad_ids(room: Invoke) -> None:
    assert "no lead #99" in one_error_line(room("lead", "travel", "99", code=1))
    assert "not a lead id" in one_error_line(room("lead", "travel", "eleven", code=2))


def test_a_lonely_receiver(cli: Invoke) -> None:
    cli("member", "add", "Ann", "-c", "Alpaca shearing")
    cli("member", "add", "Bob", "-c", "Plumber")
    cli(*hot(**{"from": "Bob", "to": "Ann"}))
    assert "No member has had a lead spun off" in cli("lead", "travel", "1").stdout
