"""Tables that stay readable in a narrow terminal.

A table is printed as a table when every fixed cell (dates, money, codes, verdicts) keeps its
width and every column of words gets at least a readable width and its longest word: the columns
of words wrap between words, never inside one. Otherwise it is printed a record a row: the
first two cells on a line, then the other fields as "column value", always in the same order and
on the same lines for every record (a field too long for a shared line has a line of its own,
wrapped between words).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from leadcli.render.plain import INDENT, SEPARATOR, aligned, fitted_widths, record_layout
from leadcli.render.plain import cells as cell_width


class FittingTable(Table):
    """A rich Table that falls back to records when it would break its cells apart."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not console.is_terminal:
            lines = self.plain_lines()
            # A pipe's console neither wraps nor cuts (no_wrap): every line goes out whole.
            if options.no_wrap or all(cell_width(line) <= options.max_width for line in lines):
                for line in lines:
                    yield Segment(line)
                    yield Segment.line()
                return
        widths = self.widths(options.max_width)
        if widths is not None:
            saved = [column.width for column in self.columns]
            for column, width in zip(self.columns, widths, strict=True):
                column.width = width
            try:
                yield from super().__rich_console__(console, options)
            finally:
                for column, width in zip(self.columns, saved, strict=True):
                    column.width = width
            return
        if self.title:
            yield Text(str(self.title), style="bold")
        yield from self._records(options.max_width)

    def plain_lines(self) -> list[str]:
        """The table for a pipe or a file (``plain.aligned``)."""
        return aligned(
            [str(column.header or "") for column in self.columns],
            [
                [_plain(c) for c in row]
                for row in zip(*(c.cells for c in self.columns), strict=True)
            ],
            [column.justify == "right" for column in self.columns],
            str(self.title) if self.title else None,
        )

    def widths(self, width: int) -> list[int] | None:
        """The width of each column's text when the table fits ``width``, else None
        (``plain.fitted_widths``)."""
        padding = sum(self._get_padding_width(i) for i in range(len(self.columns)))
        return fitted_widths(
            [str(column.header or "") for column in self.columns],
            [[_plain(c) for c in column.cells] for column in self.columns],
            [bool(column.no_wrap) for column in self.columns],
            width - self._extra_width - padding,
        )

    def _records(self, width: int) -> Iterator[Any]:
        columns = self.columns
        headers = [str(column.header or "") for column in columns[2:]]
        rows = [
            [_as_text(cell) for cell in row]
            for row in zip(*(column.cells for column in columns), strict=True)
        ]
        lines = _layout(headers, [row[2:] for row in rows], width - INDENT)
        for cells in rows:
            head = Text()
            for cell in cells[:2]:
                if cell.plain:
                    if head.plain:
                        head.append("  ")
                    head.append_text(cell)
            yield head
            for fields in lines:
                line = Text()
                for index in fields:
                    cell = cells[2 + index]
                    if not cell.plain.strip():
                        continue
                    if line.plain:
                        line.append(SEPARATOR, style="dim")
                    line.append(f"{headers[index]} ", style="dim")
                    line.append_text(cell)
                if line.plain:
                    yield Padding(line, (0, 0, 0, INDENT))
        if self.row_count:
            yield Text("")


def _layout(headers: list[str], rows: list[list[Text]], width: int) -> list[list[int]]:
    return record_layout(headers, [[cell.plain for cell in row] for row in rows], width)


def _as_text(cell: Any) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(str(cell))


def _plain(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)
