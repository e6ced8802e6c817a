"""Plain layout prints, character for character, what the rich console prints without color."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from tests.conftest import Invoke

from leadcli import console
from leadcli.render import plain, text

WORDS = st.sampled_from(
    [
        "Ann", "Lena Zimmerman", "→", "the room", "★ sweet spot", "$1,234.50", "#29661",
        "Extraordinarily-long-hyphenated-company-name-inc", "Café", "東京の会社", "[bold]x[/]",
        "a", "", "  ", "Zoe\nFerreira", "Q303", "2026-11-25", "Müller & Söhne GmbH", "😀",
    ]
)  # fmt: skip
CELL = st.lists(WORDS, max_size=5).map(" ".join)
HEADERS = ["lead", "name", "score", "prospect", "why", "amount"]


def rich_lines(*items: object, width: int) -> str:
    buffer = io.StringIO()
    target = Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=True,  # tables laid out as on a terminal, without color
        markup=False,
        emoji=False,
        highlight=False,
    )
    for item in items:
        target.print(item)
    return buffer.getvalue()


@settings(max_examples=150, deadline=None)
@given(
    count=st.integers(1, len(HEADERS)),
    rows=st.lists(st.lists(CELL, min_size=6, max_size=6), max_size=5),
    width=st.integers(24, 130),
    title=st.none() | CELL.filter(bool),
)
def test_a_table_is_laid_out_as_rich_lays_it_out(
    count: int, rows: list[list[str]], width: int, title: str | None
) -> None:
    headers = HEADERS[:count]
    rows = [row[:count] for row in rows]
    grid = console.table(*headers, numeric=["score", "amount"], title=title)
    for row in rows:
        console.row(grid, *row)
    ours = plain.Grid(
        headers,
        [[console.literal(cell) for cell in row] for row in rows],
        numeric={"score", "amount"},
        prose=console.PROSE_COLUMNS,
        title=title,
    )
    assert "".join(line + "\n" for line in ours.lines(width)) == rich_lines(grid, width=width)


@settings(max_examples=150, deadline=None)
@given(line=CELL, width=st.integers(10, 90))
def test_a_line_and_a_bullet_wrap_as_rich_wraps_them(line: str, width: int) -> None:
    assert "".join(f"{x}\n" for x in plain.printed(line, width)) == rich_lines(
        console.text(line), width=width
    )
    assert "".join(f"{x}\n" for x in plain.hanging(line, "  - ", width)) == rich_lines(
        console.hanging(line), width=width
    )


@given(title=CELL, width=st.integers(1, 90))
def test_a_rule_is_drawn_as_rich_draws_it(title: str, width: int) -> None:
    from rich.rule import Rule

    expected = rich_lines(Rule(title, align="left", characters="─"), width=width)
    assert plain.rule(title, width) + "\n" == expected


def weekly_report(path: Path) -> Any:
    from leadcli import clock, db, reports
    from leadcli import settings as group_settings

    conn = db.connect(path)
    found = group_settings.load(conn)
    now = clock.now(found.tz)
    return reports.weekly(conn, found, reports.default_week(conn, found, now.date()), now)


def test_the_weekly_report_is_the_same_text_as_rich_prints(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    cli("demo", "--db", str(target), "--members", "14", "--weeks", "30", "--seed", "4")
    report = weekly_report(target)
    for width in (50, 80, 100, 120, 200):
        expected = rich_lines(*text.renderables(report), width=width)
        assert text.render(report, color=False, width=width) == expected


def test_text_rich_would_lay_out_otherwise_goes_through_rich(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    cli("demo", "--db", str(target), "--members", "8", "--weeks", "6", "--seed", "4")
    report = dataclasses.replace(weekly_report(target), group="Tab\tClub [bold]東京\x1b[31m")
    assert "\t" in report.group
    for width in (80, 120):
        assert text.render(report, color=False, width=width) == rich_lines(
            *text.renderables(report), width=width
        )


def terminal(width: int, system: str = "standard", no_color: bool = False) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        color_system=system,  # type: ignore[arg-type]
        force_terminal=True,
        no_color=no_color or None,
        markup=False,
        emoji=False,
        highlight=False,
    )


def written(target: Console, *items: object) -> str:
    with target.capture() as captured:
        for item in items:
            target.print(item)
    return captured.get()


VERDICTS = st.sampled_from(["HOT", "WARM", "COLD", "INCOMPLETE", "VOID", "-", ""])


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(CELL, VERDICTS, CELL, CELL), max_size=5),
    width=st.integers(24, 130),
    system=st.sampled_from(["standard", "truecolor"]),
    no_color=st.booleans(),
)
def test_a_styled_table_is_written_as_rich_writes_it(
    rows: list[tuple[str, str, str, str]], width: int, system: str, no_color: bool
) -> None:
    from leadcli.render import ansi

    headers = ["lead", "verdict", "prospect", "score"]
    grid = console.table(*headers, numeric=["score"])
    for lead, word, prospect, score in rows:
        console.row(grid, lead, console.verdict(word) if word else "", prospect, score)
    target = terminal(width, system, no_color)
    expected = written(target, grid)
    ours = ansi.StyledGrid(
        headers,
        [
            [console.literal(c) for c in (lead, word or "-" if word else "", p, s)]
            for lead, word, p, s in rows
        ],
        numeric={"score"},
        prose=console.PROSE_COLUMNS,
        styles=[{}, console.VERDICT_STYLES, {}, {}],
    )
    writer = ansi.Writer(target)
    assert "".join(writer.line(*line) + "\n" for line in ours.styled_lines(width)) == expected


@settings(max_examples=100, deadline=None)
@given(
    line=CELL, style=st.sampled_from(["", "bold", "bold red", "green"]), width=st.integers(1, 90)
)
def test_a_styled_line_and_a_rule_are_written_as_rich_writes_them(
    line: str, style: str, width: int
) -> None:
    from rich.rule import Rule

    from leadcli.render import ansi

    target = terminal(width)
    writer = ansi.Writer(target)
    if width >= 10:
        ours = ansi.printed(ansi.styled(console.literal(line), style), width)
        assert "".join(writer.line(*x) + "\n" for x in ours) == written(
            target, console.text(line, style)
        )
    expected = written(target, Rule(line, align="left", characters="─"))
    assert writer.line(*ansi.rule(line, width)) + "\n" == expected


@pytest.mark.parametrize("system", ["standard", "256", "truecolor"])
def test_the_weekly_report_on_a_terminal_is_what_rich_writes(
    cli: Invoke, tmp_path: Path, system: str
) -> None:
    target = tmp_path / "demo.db"
    cli("demo", "--db", str(target), "--members", "14", "--weeks", "30", "--seed", "4")
    report = weekly_report(target)
    for width in (50, 80, 120):
        for no_color in (False, True):
            screen = terminal(width, system, no_color)
            expected = written(screen, *text.renderables(report))
            assert text.terminal_text(report, screen) == expected


def test_text_rich_would_lay_out_otherwise_goes_through_rich_on_a_terminal(
    cli: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "demo.db"
    cli("demo", "--db", str(target), "--members", "8", "--weeks", "6", "--seed", "4")
    report = dataclasses.replace(weekly_report(target), group="Tab\tClub [bold]東京\x1b[31m")
    screen = terminal(80)
    assert text.terminal_text(report, screen) == written(screen, *text.renderables(report))
