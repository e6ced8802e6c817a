"""A table written to a pipe or a file is the text rich would print, laid out without rich."""

from __future__ import annotations

import pytest

from leadcli import console

ROWS = [
    ["Ann Smith", "Plumbing", "88%", "2.20", "1", "$93,524.00", "AMBER", "call Ursula (lead #7)"],
    ["[bold]Bob[/]", "Bakery :smile:", "-", "-", "0", "$0.00", "NEW", ""],
    ["Cy \x1b[31mRed", "Roofing", "100%", "0.50", "12", "$1.00", "RED", "attend " * 40],
]
COLUMNS = [
    "member",
    "category",
    "attendance",
    "leads/week",
    "overdue",
    "closed",
    "standing",
    "next step",
]
NUMERIC = {"attendance", "leads/week", "overdue", "closed"}


def rich_text(columns: list[str], rows: list[list[str]]) -> str:
    grid = console.table(*columns, numeric=NUMERIC)
    for row in rows:
        console.row(grid, *row)
    return console.rendered(grid)


@pytest.mark.parametrize("rows", [ROWS, ROWS[:1], []])
def test_a_piped_table_is_what_rich_prints(capsys: pytest.CaptureFixture[str], rows: list) -> None:
    console.print_table(COLUMNS, rows, numeric=NUMERIC)
    printed = capsys.readouterr().out
    assert printed == rich_text(COLUMNS, rows)


def test_user_text_in_a_piped_table_is_shown_literally(capsys: pytest.CaptureFixture[str]) -> None:
    console.print_table(COLUMNS, ROWS, numeric=NUMERIC)
    printed = capsys.readouterr().out
    assert "[bold]Bob[/]" in printed
    assert ":smile:" in printed
    assert "\x1b" not in printed
