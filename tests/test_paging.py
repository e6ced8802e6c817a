"""`lead check` and `report weekly` on a terminal go through the pager when longer than the
screen (as `lead list` and git do); --no-pager and a pipe print straight out."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Invoke
from ptykit import Talk, spawn

# A pager that marks every line it shows, so a test can tell paged output from plain.
PAGER = {"PAGER": "sed s/^/PAGED:/"}


@pytest.fixture
def long_week(group: Invoke) -> Invoke:
    """A meeting week of ten thin leads: each INCOMPLETE with several rules to fix."""
    for n in range(10):
        group("lead", "add", "--from", "Ann", "--to", "Bob", "--type", "direct-referral",
              "--contact", f"Prospect {n}", "--date", "2026-11-18")  # fmt: skip
    return group


def screen(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[str, int]:
    talk = Talk(spawn(db, *args, env=env))
    status = talk.finish()
    return talk.screen, status


COMMANDS = [(("lead", "check"), 3), (("report", "weekly", "--check"), 3), (("report", "weekly"), 0)]


@pytest.mark.parametrize(("command", "code"), COMMANDS)
def test_long_output_on_a_terminal_goes_through_the_pager(
    long_week: Invoke, db_path: Path, command: tuple[str, ...], code: int
) -> None:
    shown, status = screen(db_path, *command, env=PAGER)
    lines = [line for line in shown.splitlines() if line.strip()]
    paged = [line for line in lines if line.startswith("PAGED:")]
    assert len(paged) > 24
    # Only notes on stderr ("Meeting week ...") pass by the pager.
    assert [line for line in lines if "Prospect" in line and line not in paged] == []
    assert status == code  # INCOMPLETE leads still need attention, pager or not


@pytest.mark.parametrize(("command", "code"), COMMANDS)
def test_no_pager_prints_straight_out(
    long_week: Invoke, db_path: Path, command: tuple[str, ...], code: int
) -> None:
    shown, status = screen(db_path, *command, "--no-pager", env=PAGER)
    assert "PAGED:" not in shown and "Prospect 9" in shown
    assert status == code


def test_a_pipe_is_never_paged(long_week: Invoke) -> None:
    result = long_week("lead", "check", code=3, env=PAGER)
    assert "PAGED:" not in result.stdout and "Prospect 9" in result.stdout
    result = long_week("report", "weekly", code=None, env=PAGER)
    assert "PAGED:" not in result.stdout


def test_a_short_check_is_not_paged(group: Invoke, db_path: Path) -> None:
    group("lead", "add", "--from", "Ann", "--to", "Bob", "--type", "direct-referral",
          "--contact", "Only One", "--date", "2026-11-18")  # fmt: skip
    shown, _ = screen(db_path, "lead", "check", "1", "--select", "R002", env=PAGER)
    assert "PAGED:" not in shown and "Only One" in shown
