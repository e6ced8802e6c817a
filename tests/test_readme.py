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


def crontab_lines() -> list[str]:
    """The commands of the README's crontab lines, without their schedule."""
    found = []
    for line in code_lines():
        match = re.match(r"^(\d+ ){2}\* \* \d\s+(.+)$", line)
        if match:
            found.append(match.group(2))
    return found


def test_the_crontab_lines_run_as_written(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    lines = crontab_lines()
    assert len(lines) == 3
    home = tmp_path / "home"
    (home / "reports").mkdir(parents=True)
    shims = tmp_path / "bin"
    shims.mkdir()
    mail = shims / "mail"
    mail.write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/mail.args\ncat > {tmp_path}/mail.body\n')
    mail.chmod(0o755)
    bindir = Path(sys.executable).parent
    env = dict(os.environ, HOME=str(home), PATH=f"{shims}:{bindir}:/usr/bin:/bin")
    env.pop("LEADCLI_DB", None)
    subprocess.run(
        [str(bindir / "leadcli"), "demo", "--db", str(home / "leads.db"), "--members", "6",
         "--weeks", "4"],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    runs = [
        subprocess.run(["bash", "-c", line], env=env, capture_output=True, text=True)
        for line in lines
    ]
    # The demo group has news: the first line prints the report for cron to mail.
    assert runs[0].stdout.startswith("# Riverside Business Leads (demo): weekly report")
    assert (tmp_path / "mail.args").read_text().split()[-1] == "secretary@example.com"
    assert (tmp_path / "mail.body").read_text() == runs[0].stdout
    assert runs[1].stdout == runs[1].stderr == ""
    written = list((home / "reports").iterdir())
    assert len(written) == 1 and re.fullmatch(r"week-\d{4}-\d\d-\d\d\.html", written[0].name)
    assert written[0].read_text().startswith("<!DOCTYPE html>")
