"""Tables that stay readable in a narrow terminal.

A table whose fixed columns (dates, money, codes, verdicts) and a readable width for each column
of words do not fit the terminal is printed a record a row instead: the first two cells on a
line, then "column value" pairs, and long text on lines of its own, indented.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

# The narrowest a column of words may get before the table is printed as records instead.
READABLE = 18
LONG_TEXT = 32


class FittingTable(Table):
    """A rich Table that falls back to records when it would break its cells apart."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self._fits(options.max_width):
            yield from super().__rich_console__(console, options)
            return
        if self.title:
            yield Text(str(self.title), style="bold")
        yield from self._records(options.max_width)

    def _fits(self, width: int) -> bool:
        needed = 0
        for column in self.columns:
            cells = [_plain(c) for c in column.cells]
            natural = max([len(column.header or ""), *(_widest_line(c) for c in cells)], default=0)
            needed += (natural if column.no_wrap else min(natural, READABLE)) + 2
        return needed <= width

    def _records(self, width: int) -> Iterator[Any]:
        columns = self.columns
        for row in zip(*(column.cells for column in columns), strict=True):
            cells = [_as_text(cell) for cell in row]
            head = Text()
            for cell in cells[:2]:
                if cell.plain:
                    if head.plain:
                        head.append("  ")
                    head.append_text(cell)
            yield head
            segments, long = [], []
            for column, cell in zip(columns[2:], cells[2:], strict=True):
                if not cell.plain.strip():
                    continue
                if len(cell.plain) > LONG_TEXT or "\n" in cell.plain:
                    long.append((str(column.header), cell))
                    continue
                segment = Text(f"{column.header} ", style="dim")
                segment.append_text(cell)
                segments.append(segment)
            for line in _pack(segments, width - 4):
                yield Padding(line, (0, 0, 0, 4))
            for header, cell in long:
                line = Text()
                line.append(f"{header}: ", style="dim")
                line.append_text(cell)
                yield Padding(line, (0, 0, 0, 4))
        if self.row_count:
            yield Text("")


def _pack(segments: list[Text], width: int) -> Iterator[Text]:
    """Segments on as few lines as fit ``width``, broken only between segments."""
    line = Text()
    for segment in segments:
        if line.plain and len(line.plain) + 5 + len(segment.plain) > width:
            yield line
            line = Text()
        if line.plain:
            line.append("  ·  ", style="dim")
        line.append_text(segment)
    if line.plain:
        yield line


def _as_text(cell: Any) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(str(cell))


def _plain(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def _widest_line(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.splitlines()), default=0)
