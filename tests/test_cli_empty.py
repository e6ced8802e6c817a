"""Empty and blank values are refused everywhere (exit 2, nothing written), read in one place;
only the options a command documents as clearing take ''."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import commandtree
from conftest import Invoke, one_error_line
from leadcli.commands._params import PlainParam

COMMANDS = list(commandtree.commands())
# A stand-in for each argument, so that only the empty value is wrong.
ARGUMENT = {"file": "x.csv", "path": "backup.db", "key": "group.name", "value": "x", "code": "R001"}


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def cases() -> list[tuple[str, list[str], str]]:
    """(command, its arguments with one value empty, the name the error names)."""
    found = []
    for command in COMMANDS:
        arguments = command.arguments()
        fillers = [ARGUMENT.get(a.name, "1") for a in arguments]
        for option in command.value_options():
            if option.name in command.clears():
                continue
            for empty in ("", "  "):
                name = commandtree.opt(option)
                found.append((command.name, [*command.path, *fillers, name, empty], name))
        for index, argument in enumerate(arguments):
            args = [*fillers[:index], "", *fillers[index + 1 :]]
            found.append((command.name, [*command.path, *args], str(argument.metavar)))
    return found


def test_every_value_is_read_by_the_plain_coercer() -> None:
    """No option or argument escapes the one place values are read."""
    for command in COMMANDS:
        for param in command.value_options() + command.arguments():
            assert isinstance(param._runtime_param, PlainParam), (command.name, param.name)


CASES = cases()


def test_every_empty_value_is_refused(group: Invoke, db_path: Path) -> None:
    cli = group
    cli("lead", "add", "--from", "Ann", "--type", "general-opportunity", "--company", "Acme")
    before = dump(db_path)
    for name, args, named in CASES:
        result = cli(*args, code=None)
        assert result.exit_code == 2, (name, args, result.stdout, result.stderr)
        line = one_error_line(result)
        assert f"{named} must not be empty" in line, (args, line)
    for root in commandtree.root_options():
        result = cli(commandtree.opt(root), "", "member", "list", code=2)
        assert "empty" in one_error_line(result)
    assert dump(db_path) == before
    assert len(CASES) > 150


@pytest.mark.parametrize(
    "args",
    [
        ("member", "attend", "Ann", "--status", ""),
        ("member", "quota", ""),
        ("lead", "list", "--status", ""),
        ("lead", "add", "--from", "Ann", "--type", "general-opportunity", "--heard", ""),
        ("lead", "add", "--from", "Ann", "--type", "general-opportunity", "--decision", " "),
        ("lead", "add", "--from", "Ann", "--type", "general-opportunity", "--parent", ""),
        ("lead", "edit", "1", "--from", ""),
        ("lead", "edit", "1", "--date", ""),
        ("member", "edit", "Ann", "--name", "  "),
    ],
)
def test_empty_values_found_refused(group: Invoke, db_path: Path, args: tuple[str, ...]) -> None:
    group("lead", "add", "--from", "Ann", "--type", "general-opportunity", "--company", "Acme")
    before = dump(db_path)
    one_error_line(group(*args, code=2))
    assert dump(db_path) == before


def test_lead_edit_and_member_edit_clear_with_empty(group: Invoke) -> None:
    cli = group
    cli(
        "lead", "add", "--from", "Ann", "--type", "general-opportunity", "--company", "Acme",
        "--phone", "415-555-0142", "--heard", "2026-11-16", "--source", "web",
    )  # fmt: skip
    cli("lead", "edit", "1", "--phone", "", "--heard", "", "--source", "", "--company", "")
    lead = json.loads(cli("lead", "show", "1", "--json").stdout)
    assert (lead["phones"], lead["heard"], lead["source"], lead["company"]) == (
        [],
        None,
        None,
        None,
    )
    cli("member", "edit", "Ann", "--phone", "", "--email", "")
    ann = json.loads(cli("member", "show", "Ann", "--json").stdout)
    assert (ann["phone"], ann["email"]) == (None, None)
