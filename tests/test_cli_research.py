"""`lead research`: the queue of INCOMPLETE leads, oldest first, with what to ask whom."""

from __future__ import annotations

import json

from conftest import Invoke
from leadkit import hot


def test_the_queue_oldest_first_with_questions_for_the_giver(group: Invoke) -> None:
    group(*hot())  # complete: not in the queue
    group(
        *hot(**{"from": "Bob"}, to="Cat", contact=None, phone=None, email=None, date="2026-11-18")
    )
    group(*hot(to="Dan", description="needs a roof", date="2026-11-04", heard=None))
    group("lead", "void", "2", "--reason", "typed twice")
    group(*hot(**{"from": "Cat"}, to="Dan", contact=None, date="2026-11-11", heard=None))
    data = json.loads(group("lead", "research", "--json").stdout)
    assert [item["id"] for item in data] == [3, 4]
    first, second = data
    assert set(first) == {"id", "date", "giver", "waiting_days", "missing", "ask"}
    assert (first["date"], first["giver"], first["waiting_days"]) == (
        "2026-11-04",
        "Ann Archer",
        15,
    )
    assert first["missing"] == ["R001"]
    assert first["ask"][0].startswith("What does Acme Plumbing Inc need")
    assert second["missing"] == ["R002"] and second["giver"] == "Cat Cole"
    assert second["ask"] == ["Whom should Dan Dale call at Acme Plumbing Inc?"]
    text = group("lead", "research").stdout
    assert "#3     2026-11-04  waiting 15 days  ask Ann Archer" in text
    assert "(--contact NAME)" in text
    assert text.splitlines()[-1].startswith("2 leads wait in research")


def test_fixing_a_lead_clears_it_from_the_queue(group: Invoke) -> None:
    group(*hot(contact=None))
    assert len(json.loads(group("lead", "research", "--json").stdout)) == 1
    group("lead", "edit", "1", "--contact", "John Smith")
    assert json.loads(group("lead", "research", "--json").stdout) == []
    assert "The research queue is empty" in group("lead", "research").stdout
