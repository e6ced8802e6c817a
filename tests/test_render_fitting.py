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
    assert out.splitlines()[0].split()[:2] == ["member", "category"] and "$81,599.00" in out


def test_a_narrow_terminal_gets_records() -> None:
    lines = [line.rstrip() for line in render(60).splitlines()]
    assert lines[0] == "Bianca Larsen  Mold Remediation"
    assert lines[1] == "    attendance 100%  ·  closed $81,599.00  ·  standing AMBER"
    assert lines[2].startswith("    next step call Acme Zimmerman")
    assert "Bob Ito  Copywriter" in lines
    assert all(len(line) <= 60 for line in lines)


def test_at_any_width_no_fixed_cell_is_broken() -> None:
    for width in range(40, 140, 7):
        out = render(width)
        for cell in ("$81,599.00", "$13,540.00", "AMBER", "100%"):
            assert cell in out, (width, cell)


def test_records_put_each_field_on_the_same_line_in_every_record() -> None:
    grid = console.table("id", "name", "category", "business", "phone", "email", "joined")
    console.row(grid, "#1", "Ann", "Florist", "", "415-555-0101", "ann@example.com", "2026-01-07")
    console.row(
        grid,
        "#2",
        "Bob",
        "Estate Planning Attorney",
        "Baker & Baker Estate Law",
        "415-555-0102",
        "bob@baker-and-baker-estate-law.example",
        "2026-01-07",
    )
    buffer = io.StringIO()
    Console(file=buffer, width=60, color_system=None, markup=False).print(grid)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    # category and business are too wide to share a line; business and phone fit one, as do
    # neither email nor joined with the other: four lines, the same for both records.
    assert lines == [
        "#1  Ann",
        "    category Florist",
        "    phone 415-555-0101",  # no business: its line keeps its place without it
        "    email ann@example.com",
        "    joined 2026-01-07",
        "#2  Bob",
        "    category Estate Planning Attorney",
        "    business Baker & Baker Estate Law  ·  phone 415-555-0102",
        "    email bob@baker-and-baker-estate-law.example",
        "    joined 2026-01-07",
        "",
    ]


def test_a_table_that_fits_gives_words_room_and_never_splits_one() -> None:
    grid = console.table("lead", "prospect", "due")
    console.row(grid, "#1097", "Crescent Jensen Restaurant Group Incorporated / Aaron", "07:00")
    buffer = io.StringIO()
    Console(file=buffer, width=40, color_system=None, markup=False).print(grid)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    assert all(len(line) <= 40 for line in lines)
    words = " ".join(" ".join(line.split()) for line in lines[2:]).split()
    assert "Incorporated" in words and "Restaurant" in words
