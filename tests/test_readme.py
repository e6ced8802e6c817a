"""The README stays true: its set-up commands, CI's command, and a line for every command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def code_lines() -> list[str]:
    return [
        line.strip() for line in README.splitlines() if line.startswith("    ") and line.strip()
    ]


def test_the_two_setup_commands_come_first() -> None:
    first, second = code_lines()[:2]
    assert first.endswith("leadcli demo") and "pip install -e ." in first
    assert "pytest" in second and "'.[test]'" in second


def test_ci_runs_the_readme_test_command() -> None:
    second = code_lines()[1]
    assert second in (ROOT / ".ci" / "run").read_text()


def test_every_command_is_in_the_reference() -> None:
    from typer.main import get_command

    from leadcli.cli import GROUPS, app, load_group

    root = get_command(app)
    rows = [line for line in README.splitlines() if line.startswith("| `leadcli")]
    names = [name for name in root.commands] + list(GROUPS)
    for name in names:
        subcommands = list(getattr(load_group(name), "commands", {})) if name in GROUPS else [""]
        for sub in subcommands:
            pattern = re.compile(
                rf"\b{re.escape(name)}\b.*\b{re.escape(sub)}\b" if sub else rf"`leadcli {name}\b"
            )
            assert any(pattern.search(row) for row in rows), (
                f"README has no row for `leadcli {name} {sub}`"
            )
