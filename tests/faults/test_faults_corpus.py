"""A generated corpus of bad input over every command and option: each is refused with exit 2
or 1, one line on stderr, no traceback, and the group file unchanged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import commandtree
from conftest import Invoke

pytestmark = pytest.mark.faults

COMMANDS = [c for c in commandtree.commands() if c.path[0] not in ("demo",)]
ARGUMENT = {"file": "x.csv", "path": "backup.db", "key": "group.name", "value": "x", "code": "R001"}

# Every value below holds a character no field, date, amount, phone or id takes.
CONTROLS = st.sampled_from(["\x1b", "\x07", "\x00", "\u202e", "\u009b", "\x7f", "\r"])
MARKUP = st.sampled_from(
    ["[bold]", "[/]", "&amp;", "<i>", "%s", "{0}", "\\", "'; DROP TABLE leads;--"]
)
DATES = st.sampled_from(["2026-02-30", "13/45/2026", "2026-11-18T99:00", "0000-00-00", "1e3"])
AMOUNTS = st.sampled_from(["-5", "1e3", "12,50", "$", "1,2,3", "9" * 30])
PHONES = st.sampled_from(["12", "+999", "555-CALL-NOW", "0" * 40])
IDS = st.sampled_from(["#-1", "1.5", "9" * 25, "0x10", "#"])


@st.composite
def bad_value(draw: st.DrawFn) -> str:
    """A value of one of the kinds options take, spoiled by a control character."""
    base = draw(st.one_of(DATES, AMOUNTS, PHONES, IDS, MARKUP, st.text(max_size=8)))
    control = draw(CONTROLS)
    where = draw(st.integers(0, len(base)))
    return base[:where] + control + base[where:]


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def targets() -> list[tuple[tuple[str, ...], list[str], int | None]]:
    """(command path, its argument fillers, the index of the value to spoil: an argument's
    position, or None for an option)."""
    found = []
    for command in COMMANDS:
        arguments = command.arguments()
        fillers = [ARGUMENT.get(a.name, "1") for a in arguments]
        for option in command.value_options():
            if option.name in ("output", "db"):
                continue
            found.append((command.path, [*fillers, commandtree.opt(option)], None))
        for index, argument in enumerate(arguments):
            if argument.name in ("file", "path"):
                continue
            found.append((command.path, fillers, index))
    return found


TARGETS = targets()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(target=st.sampled_from(TARGETS), value=bad_value())
def test_bad_input_is_refused_without_a_trace(group: Invoke, db_path: Path, target, value) -> None:  # type: ignore[no-untyped-def]
    path, args, index = target
    if index is None:
        argv = [*path, *args, value]
    else:
        argv = [*path, *args[:index], value, *args[index + 1 :]]
    before = dump(db_path)
    result = group(*argv, code=None)
    assert result.exit_code in (1, 2), (argv, result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), (argv, result.stderr)
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr, argv
    assert dump(db_path) == before, argv
