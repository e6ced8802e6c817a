"""A listing written to a pipe or a file is plain lines: the header, then one line per record,
the columns aligned, never wrapped, cut or padded, with no rule and no color."""

from __future__ import annotations

import pytest

from conftest import Invoke
from leadcli import console

LONG = (
    "Schmidt Tree Care and Landscaping and Stump Grinding and Hedge Trimming and Firewood "
    "Delivery Services of the Greater Riverside Metropolitan Area LLC"
)


def test_member_list_is_a_plain_line_per_member(group: Invoke) -> None:
    group("member", "edit", "Bob", "--business", LONG)
    lines = group("member", "list").stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "name", "category"]
    records = [line for line in lines[1:] if line.startswith("#")]
    assert len(records) == 4
    bob = next(line for line in records if "Bob Baker" in line)
    assert LONG in bob and len(bob) > 200  # one line, not wrapped at any width
    assert not any(line.endswith(" ") for line in lines)
    assert not any("─" in line for line in lines)
    assert "\x1b" not in "\n".join(lines)
    # The columns line up: each name starts where the header's "name" does.
    at = lines[0].index("name")
    assert all(line[at - 2 : at] == "  " and line[at] != " " for line in records)


def test_numbers_stay_right_aligned_in_a_pipe(group: Invoke) -> None:
    group("member", "attend", "Ann", "Bob", "--date", "2026-01-07")
    lines = group("meeting", "list").stdout.splitlines()
    header, row = lines[0], lines[1]
    end = header.index("present") + len("present")
    assert row[end - 1] == "2" and row[end : end + 2] == "  "


def test_category_list_in_a_pipe(group: Invoke) -> None:
    group("member", "leave", "Dan", "--on", "2026-02-04")
    group("category", "want", "Dentist", "--from", "Ann")
    lines = group("category", "list").stdout.splitlines()
    assert lines[0].split() == ["category", "sphere", "holder", "unmet", "applicants"]
    text = "\n".join(lines)
    assert "open (Dan Dale left)" in text
    dentist = next(line for line in lines if line.startswith("Dentist"))
    assert dentist.split()[-2:] == ["wanted", "1"]
    assert lines[-1] == "3 held, 2 open or wanted"


def test_long_messages_are_whole_lines_in_a_pipe(group: Invoke) -> None:
    group("member", "edit", "Bob", "--business", LONG)
    shown = group("member", "show", "Bob").stdout.splitlines()
    assert any(line.endswith(LONG) for line in shown)


def test_member_quota_in_a_pipe(group: Invoke) -> None:
    group("member", "attend", "Ann", "Bob", "--date", "2026-01-07")
    lines = group("member", "quota").stdout.splitlines()
    assert lines[1].split()[:3] == ["member", "category", "attendance"]
    assert not any(line.endswith(" ") or "─" in line for line in lines)


def test_both_ways_of_printing_a_table_write_the_same_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    columns = ("member", "score", "note")
    rows = [["Ann Archer", "7", "a note\nover two lines"], ["Bob", "12", ""]]
    console.print_table(columns, rows, numeric=["score"])
    direct = capsys.readouterr().out
    grid = console.table(*columns, numeric=["score"])
    for row in rows:
        console.row(grid, *row)
    console.out().print(grid)
    assert (
        capsys.readouterr().out
        == direct
        == (
            "member      score  note\nAnn Archer      7  a note over two lines\nBob            12\n"
        )
    )
