"""The weekly report for a terminal (colored only there) or a plain-text mail."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from leadcli import console
from leadcli.render import plain, view

ansi_line = tuple[str, list[tuple[int, int, str]]]

STYLES = {"verdict": console.VERDICT_STYLES, "standing": console.STANDING_STYLES}


def renderables(weekly: Any) -> list[Any]:
    from rich.rule import Rule

    page = view.build(weekly)
    items: list[Any] = [console.text(page.title, "bold"), console.text(page.subtitle), ""]
    if page.attention:
        items.append(console.text("Needs attention:", "bold red"))
        items += [console.hanging(a) for a in page.attention]
    else:
        items.append(console.text("Nothing needs the secretary's attention.", "green"))
    for section in page.sections:
        items += ["", Rule(section.title, align="left", characters="─")]
        items += [console.text(line) for line in section.lines]
        if section.table:
            items.append(table(section.table))
        elif section.empty:
            items.append(console.text(section.empty))
    return items


def table(data: view.Table) -> Any:
    """A view table as a rich table, the verdict and standing words colored."""
    grid = console.table(*data.columns, numeric=data.numeric)
    for row in data.rows:
        cells = []
        for column, cell in zip(data.columns, row, strict=True):
            styles = STYLES.get(data.styled.get(column, ""), {})
            cells.append(console.text(cell, styles.get(cell, "")))
        grid.add_row(*cells)
    return grid


def render(weekly: Any, color: bool = False, width: int = 100) -> str:
    """The report as a string (for a file or a pipe); ``color`` keeps ANSI styles."""
    if not color:
        page = view.build(weekly)
        if _plain_handles(page):
            return "".join(line + "\n" for line in plain_lines(page, width))
    from rich.console import Console

    buffer = io.StringIO()
    target = Console(
        file=buffer,
        width=width,
        markup=False,
        emoji=False,
        highlight=False,
        color_system="standard" if color else None,
        force_terminal=True,  # laid out as a terminal shows it, tables and all
        no_color=not color,
    )
    for item in renderables(weekly):
        target.print(item)
    return buffer.getvalue()


def terminal_text(weekly: Any, target: Any) -> str:
    """The report as ``renderables`` prints on the terminal console ``target``, styles and all,
    laid out without rich's tables."""
    page = view.build(weekly)
    if not _plain_handles(page):
        with target.capture() as captured:
            for item in renderables(weekly):
                target.print(item)
        return str(captured.get())
    from leadcli.render import ansi

    width = target.width
    writer = ansi.Writer(target)
    return "".join(writer.line(*line) + "\n" for line in _terminal_lines(page, width))


def _terminal_lines(page: view.View, width: int) -> Iterator[ansi_line]:
    from leadcli.render import ansi

    literal = console.literal
    yield from ansi.printed(ansi.styled(literal(page.title), "bold"), width)
    yield from ansi.printed(ansi.styled(literal(page.subtitle), ""), width)
    yield "", []
    if page.attention:
        yield from ansi.printed(ansi.styled("Needs attention:", "bold red"), width)
        for item in page.attention:
            yield from ((line, []) for line in plain.hanging(literal(item), "  - ", width))
    else:
        note = "Nothing needs the secretary's attention."
        yield from ansi.printed(ansi.styled(note, "green"), width)
    for section in page.sections:
        yield "", []
        yield ansi.rule(section.title, width)
        for line in section.lines:
            yield from ansi.printed(ansi.styled(literal(line), ""), width)
        if section.table:
            data = section.table
            grid = ansi.StyledGrid(
                [literal(c) for c in data.columns],
                [[literal(cell) for cell in row] for row in data.rows],
                numeric={literal(c) for c in data.numeric},
                prose=console.PROSE_COLUMNS,
                styles=[STYLES.get(data.styled.get(c, ""), {}) for c in data.columns],
            )
            yield from grid.styled_lines(width)
        elif section.empty:
            yield from ansi.printed(ansi.styled(literal(section.empty), ""), width)


def _plain_handles(page: view.View) -> bool:
    texts = [page.title, page.subtitle, *page.attention]
    for section in page.sections:
        texts += [section.title, section.empty, *section.lines]
        if section.table:
            texts += section.table.columns
            texts += (cell for row in section.table.rows for cell in row)
    return all(plain.handles(text) for text in texts)


def plain_lines(page: view.View, width: int) -> Iterator[str]:
    """The report as ``renderables`` prints it without color, line by line, laid out without rich."""
    literal = console.literal
    yield from plain.printed(literal(page.title), width)
    yield from plain.printed(literal(page.subtitle), width)
    yield ""
    if page.attention:
        yield from plain.printed("Needs attention:", width)
        for item in page.attention:
            yield from plain.hanging(literal(item), "  - ", width)
    else:
        yield from plain.printed("Nothing needs the secretary's attention.", width)
    for section in page.sections:
        yield ""
        yield plain.rule(section.title, width)
        for line in section.lines:
            yield from plain.printed(literal(line), width)
        if section.table:
            data = section.table
            grid = plain.Grid(
                [literal(c) for c in data.columns],
                [[literal(cell) for cell in row] for row in data.rows],
                numeric={literal(c) for c in data.numeric},
                prose=console.PROSE_COLUMNS,
            )
            yield from grid.lines(width)
        elif section.empty:
            yield from plain.printed(literal(section.empty), width)
