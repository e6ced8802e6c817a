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

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

# The narrowest a column of words may get before the table is printed as records instead.
READABLE = 18
INDENT = 4
SEPARATOR = "  ·  "


class FittingTable(Table):
    """A rich Table that falls back to records when it would break its cells apart."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
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

    def widths(self, width: int) -> list[int] | None:
        """The width of each column's text when the table fits ``width``, else None.

        Each column starts at its widest cell; the widest column of words gives way first,
        never below a readable width or its longest word. Fixed columns never give way.
        """
        natural, floor = [], []
        for column in self.columns:
            lines = [str(column.header or ""), *(_plain(c) for c in column.cells)]
            widest = max((_widest_line(line) for line in lines), default=0)
            natural.append(widest)
            if column.no_wrap:
                floor.append(widest)
            else:
                longest_word = max((_longest_word(line) for line in lines), default=0)
                floor.append(max(min(widest, READABLE), longest_word))
        padding = sum(self._get_padding_width(i) for i in range(len(self.columns)))
        room = width - self._extra_width - padding
        if sum(floor) > room:
            return None
        widths = list(natural)
        excess = sum(widths) - room
        while excess > 0:
            index = max((i for i, w in enumerate(widths) if w > floor[i]), key=lambda i: widths[i])
            widths[index] -= 1
            excess -= 1
        return widths

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
    """Which fields share a line, the same for every record: in column order, as many on a
    line as fit when each holds its longest value; a field that fits no shared line is alone."""
    sizes = []
    for index, header in enumerate(headers):
        widest = max((_widest_line(row[index].plain) for row in rows), default=0)
        multiline = any("\n" in row[index].plain for row in rows)
        sizes.append(width + 1 if multiline else cell_len(header) + 1 + widest)
    lines: list[list[int]] = []
    used = 0
    for index, size in enumerate(sizes):
        if lines and size <= width and used and used + len(SEPARATOR) + size <= width:
            lines[-1].append(index)
            used += len(SEPARATOR) + size
            continue
        lines.append([index])
        used = size if size <= width else 0  # a long field keeps its line to itself
    return lines


def _as_text(cell: Any) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(str(cell))


def _plain(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def _widest_line(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)
