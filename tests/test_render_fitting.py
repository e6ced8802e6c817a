"""Tables too wide for the terminal become records; cells of dates, money and codes never break."""

from __future__ import annotations

import io

from rich.console import Console

from leadcli import console


def render(width: int) -> str:
    grid = console.table("member", "category", "attendance", "closed", "standing", "next step")
    console.row(
        grid,
        "Bianca Larsen",
        "Mold Remediation",
        "100%",
        "$81,599.00",
        "AMBER",
        "call Acme Zimmerman Family Practice Inc / Ursula Zimmerman (lead #860): overdue",
    )
    console.row(grid, "Bob Ito", "Copywriter", "80%", "$13,540.00", "RED", "")
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, markup=False).print(grid)
    return buffer.getvalue()


def test_a_wide_terminal_gets_the_table() -> None:
    out = render(200)
    assert "member" in out.splitlines()[1] and "$81,599.00" in out


def test_a_narrow_terminal_gets_records() -> None:
    lines = [line.rstrip() for line in render(60).splitlines()]
    assert lines[0] == "Bianca Larsen  Mold Remediation"
    assert lines[1] == "    attendance 100%  ·  closed $81,599.00  ·  standing AMBER"
    assert lines[2].startswith("    next step: call Acme Zimmerman")
    assert "Bob Ito  Copywriter" in lines
    assert all(len(line) <= 60 for line in lines)


def test_at_any_width_no_fixed_cell_is_broken() -> None:
    for width in range(40, 140, 7):
        out = render(width)
        for cell in ("$81,599.00", "$13,540.00", "AMBER", "100%"):
            assert cell in out, (width, cell)
