"""Text laid out for a fixed width without color: the same characters a terminal shows, written
as plain strings.

Tables, rules and wrapped lines come out exactly as ``console`` lays them out with rich (the same
column widths, the same breaks between words, the same padding), at a small part of the cost:
no styles, no segments, and each width measured once. Text holding a tab is not handled here
(``handles`` says so); the caller then uses rich.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

# The narrowest a column of words may get before the table is printed as records instead.
READABLE = 18
INDENT = 4
SEPARATOR = "  ·  "
_TRAILING_SPACE = re.compile(r"\s+$")


def handles(text: str) -> bool:
    """Whether this module lays ``text`` out as rich does (it leaves tabs to rich)."""
    return "\t" not in text


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (wide characters take two)."""
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def sized(text: str, width: int) -> str:
    """``text`` cropped or padded with spaces to ``width`` cells."""
    if text.isascii() and text.isprintable():
        return text[:width] if len(text) >= width else text + " " * (width - len(text))
    from rich.cells import set_cell_size

    return set_cell_size(text, width)


def wrap(text: str, width: int, justify: str = "default", no_wrap: bool = False) -> list[str]:
    """The lines of ``text`` in ``width`` cells, broken between words (a word longer than the
    width is folded), then justified: "left" and "right" pad each line to the width."""
    lines = []
    for line in text.split("\n"):
        if no_wrap or cells(line) <= width:
            pieces = [line]
        else:
            from rich._wrap import divide_line

            offsets = divide_line(line, width, fold=True)
            bounds = [0, *offsets, len(line)]
            pieces = [strip_end(line[a:b], width) for a, b in zip(bounds, bounds[1:], strict=False)]
        for piece in pieces:
            if justify == "left":
                piece = truncate(piece, width, pad=True)
            elif justify == "right":
                piece = truncate(piece.rstrip(), width)
                piece = " " * (width - cells(piece)) + piece
            lines.append(truncate(piece, width))
    return lines


def strip_end(piece: str, width: int) -> str:
    """Whitespace beyond ``width`` characters dropped from the end of ``piece``."""
    if len(piece) > width:
        match = _TRAILING_SPACE.search(piece)
        if match is not None:
            return piece[: len(piece) - min(len(match.group()), len(piece) - width)]
    return piece


def truncate(piece: str, width: int, pad: bool = False) -> str:
    length = cells(piece)
    if length > width:
        return sized(piece, width)
    if pad and length < width:
        return piece + " " * (width - length)
    return piece


def printed(text: str, width: int) -> list[str]:
    """A line of text as a console of ``width`` columns prints it: wrapped between words."""
    return [_crop(line, width) for line in wrap(text, width)]


def padded(text: str, width: int, indent: int) -> list[str]:
    """Text indented by ``indent`` and wrapped within the rest of the width, each line padded
    with spaces to the full width (as a padded block prints)."""
    inner = width - indent
    return [" " * indent + sized(line, inner) for line in wrap(text, inner)]


def _crop(line: str, width: int) -> str:
    return sized(line, width) if cells(line) > width else line


def rule(title: str, width: int, character: str = "─") -> str:
    """``title`` then a line of ``character`` to the full width."""
    title = title.replace("\n", " ")
    if not title or width - 2 <= 0:
        return sized(character * width, width)
    if cells(title) > width - 2:
        title = sized(title, width - 3) + "…"
    head = title + " "
    return sized(head + character * (width - cells(head)), width)


def hanging(text: str, first: str, width: int) -> list[str]:
    """``first`` then ``text``, wrapped with each further line under the text."""
    room = max(20, width - len(first))
    lines = []
    for number, line in enumerate(wrap(text, room)):
        lines += printed((first if number == 0 else " " * len(first)) + line, width)
    return lines


def fitted_widths(
    headers: Sequence[str], columns: Sequence[Sequence[str]], no_wrap: Sequence[bool], room: int
) -> list[int] | None:
    """The width of each column's text when the columns fit ``room`` cells, else None.

    Each column starts at its widest cell; the widest column of words gives way first,
    never below a readable width or its longest word. Fixed columns never give way.
    """
    natural, floor = [], []
    for header, column, fixed in zip(headers, columns, no_wrap, strict=True):
        lines = [header, *column]
        widest = max((widest_line(line) for line in lines), default=0)
        natural.append(widest)
        if fixed:
            floor.append(widest)
        else:
            longest_word = max((_longest_word(line) for line in lines), default=0)
            floor.append(max(min(widest, READABLE), longest_word))
    if sum(floor) > room:
        return None
    widths = list(natural)
    excess = sum(widths) - room
    while excess > 0:
        index = max((i for i, w in enumerate(widths) if w > floor[i]), key=lambda i: widths[i])
        widths[index] -= 1
        excess -= 1
    return widths


def widest_line(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)
    return max((cells(line) for line in text.splitlines()), default=0)


def _longest_word(text: str) -> int:
    return max((cells(word) for word in text.split()), default=0)


def record_layout(headers: list[str], rows: Sequence[Sequence[str]], width: int) -> list[list[int]]:
    """Which fields share a line, the same for every record: in column order, as many on a
    line as fit when each holds its longest value; a field that fits no shared line is alone."""
    sizes = []
    for index, header in enumerate(headers):
        widest = max((widest_line(row[index]) for row in rows), default=0)
        multiline = any("\n" in row[index] for row in rows)
        sizes.append(width + 1 if multiline else cells(header) + 1 + widest)
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


def aligned(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[bool],
    title: str | None = None,
) -> list[str]:
    """A table for a pipe or a file: the title, the header, then one plain line per row, the
    columns aligned two spaces apart (``right``: to the right), nothing wrapped, no trailing
    space; a line break in a cell is written as a space."""
    columns = [
        [header, *(row[index].replace("\n", " ") for row in rows)]
        for index, header in enumerate(headers)
    ]
    widths = [max(cells(cell) for cell in column) for column in columns]
    lines = [title] if title else []
    for row in zip(*columns, strict=True):
        parts = []
        for cell, width, to_right in zip(row, widths, right, strict=True):
            pad = " " * (width - cells(cell))
            parts.append(pad + cell if to_right else cell + pad)
        lines.append("  ".join(parts).rstrip())
    return lines


class Grid:
    """A table as ``console.table`` prints it (two spaces between columns, a rule under the
    header, numeric columns to the right, columns of words wrapped), or a record a row when it
    does not fit."""

    def __init__(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        numeric: set[str] | frozenset[str] = frozenset(),
        prose: set[str] | frozenset[str] = frozenset(),
        title: str | None = None,
    ) -> None:
        self.headers = list(headers)
        self.rows = rows
        self.right = [h in numeric for h in self.headers]
        self.no_wrap = [h not in prose for h in self.headers]
        self.title = title

    def handled(self) -> bool:
        return all(handles(cell) for row in self.rows for cell in row) and all(
            handles(h) for h in self.headers
        )

    def lines(self, width: int) -> Iterator[str]:
        count = len(self.headers)
        columns = [[row[i] for row in self.rows] for i in range(count)]
        # Each column but the last has one space of padding, and one more divides it from the next.
        room = width - 2 * (count - 1)
        widths = fitted_widths(self.headers, columns, self.no_wrap, room)
        if widths is None:
            yield from self._records(width)
            return
        total = sum(widths) + 2 * (count - 1)
        if self.title:
            yield from (_crop(line, width) for line in wrap(self.title, total, "left"))
        yield from self._row(self.headers, widths, bottom=True)
        yield "─" * total
        for row in self.rows:
            yield from self._row(row, widths)

    def _row(self, cells_: Sequence[str], widths: list[int], bottom: bool = False) -> list[str]:
        last = len(widths) - 1
        blocks = []
        for index, (cell, width) in enumerate(zip(cells_, widths, strict=True)):
            justify = "right" if self.right[index] else "left"
            lines = wrap(cell, width, justify, self.no_wrap[index])
            blocks.append([line if index == last else line + " " for line in lines])
        height = max(len(block) for block in blocks)
        out = []
        for number in range(height):
            parts = []
            for index, block in enumerate(blocks):
                gap = height - len(block)
                at = number - gap if bottom else number
                if 0 <= at < len(block):
                    parts.append(block[at])
                else:
                    parts.append(" " * (widths[index] + (index != last)))
            out.append(" ".join(parts))
        return out

    def _records(self, width: int) -> Iterator[str]:
        if self.title:
            yield from printed(self.title, width)
        headers = self.headers[2:]
        layout = record_layout(headers, [row[2:] for row in self.rows], width - INDENT)
        for row in self.rows:
            yield from printed("  ".join(cell for cell in row[:2] if cell), width)
            for fields in layout:
                parts = []
                for index in fields:
                    value = row[2 + index]
                    if value.strip():
                        parts.append(f"{headers[index]} {value}")
                if parts:
                    yield from padded(SEPARATOR.join(parts), width, INDENT)
        if self.rows:
            yield ""
