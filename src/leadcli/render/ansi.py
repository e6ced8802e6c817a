"""The weekly report as a terminal shows it, in color, without rich's layout machinery.

``plain`` lays the report out; this module adds rich's styles to the same lines, cut where rich
cuts them (each styled run written as its own escape sequence, as rich's console writes it), so
the bytes on the terminal are the ones rich would write. Styles are rich's own (parsed,
combined and written by rich.style); only the layout is done here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from leadcli.render import plain

# A line: its text and its styled runs (start, end, style name), in the order rich adds them.
Span = tuple[int, int, str]
Line = tuple[str, list[Span]]


class Writer:
    """Lines with styled runs written as the console ``target`` writes them."""

    def __init__(self, target: Any) -> None:
        from rich.color import ColorSystem

        self.console = target
        systems = {
            "standard": ColorSystem.STANDARD,
            "256": ColorSystem.EIGHT_BIT,
            "truecolor": ColorSystem.TRUECOLOR,
            "windows": ColorSystem.WINDOWS,
        }
        self.system = systems.get(target.color_system or "")
        self.no_color = bool(target.no_color and self.system)
        self.legacy_windows = target.legacy_windows
        self._styles: dict[str, Any] = {}
        self._combined: dict[tuple[str, ...], Any] = {}

    def _style(self, names: tuple[str, ...]) -> Any:
        found = self._combined.get(names)
        if found is None:
            from rich.style import Style

            parts = []
            for name in names:
                style = self._styles.get(name)
                if style is None:
                    style = self._styles[name] = self.console.get_style(name, default=Style.null())
                parts.append(style)
            found = Style.combine([Style.null(), *parts])
            if self.no_color:
                found = found.without_color
            self._combined[names] = found
        return found

    def line(self, text: str, spans: Sequence[Span]) -> str:
        """One line as rich's ``Text.render`` cuts it and its console writes it."""
        if not spans:
            return text
        events = [(0, False, 0)]
        events += [(start, False, number) for number, (start, _, _) in enumerate(spans, 1)]
        events += [(end, True, number) for number, (_, end, _) in enumerate(spans, 1)]
        events.append((len(text), True, 0))
        events.sort(key=lambda event: (event[0], event[1]))
        stack: list[int] = []
        out = []
        for (offset, leaving, number), (following, _, _) in zip(events, events[1:], strict=False):
            if leaving:
                stack.remove(number)
            else:
                stack.append(number)
            if following > offset:
                piece = text[offset:following]
                names = tuple(spans[n - 1][2] for n in sorted(stack) if n)
                style = self._style(names) if names else None
                if style:
                    out.append(
                        style.render(
                            piece, color_system=self.system, legacy_windows=self.legacy_windows
                        )
                    )
                else:
                    out.append(piece)
        return "".join(out)


def styled(text: str, style: str) -> Line:
    return text, [(0, len(text), style)] if style else []


def wrap(line: Line, width: int) -> list[Line]:
    """A styled line as rich prints it in ``width`` cells: broken between words, each piece
    keeping its part of every run (``plain.wrap`` for text with styles)."""
    text, spans = line
    pieces = []
    for start, end in _pieces(text, width):
        piece = text[start:end]
        kept = []
        for span_start, span_end, style in spans:
            new_start, new_end = max(0, span_start - start), min(span_end - start, end - start)
            if new_end > new_start:
                kept.append((new_start, new_end, style))
        cropped = plain.strip_end(piece, width)
        cropped = plain.truncate(cropped, width)
        if len(cropped) < len(piece):
            kept = _trim(kept, len(cropped))
        pieces.append((cropped, kept))
    return pieces


def _pieces(text: str, width: int) -> list[tuple[int, int]]:
    if plain.cells(text) <= width:
        return [(0, len(text))]
    from rich._wrap import divide_line

    bounds = [0, *divide_line(text, width, fold=True), len(text)]
    return list(zip(bounds, bounds[1:], strict=False))


def _trim(spans: list[Span], length: int) -> list[Span]:
    """Spans cut at ``length``, as rich trims them when a text is cropped."""
    return [
        span if span[1] < length else (span[0], length, span[2])
        for span in spans
        if span[0] < length
    ]


def printed(line: Line, width: int) -> list[Line]:
    """A styled text as ``console.print`` prints it: wrapped line by line, cut at the width."""
    out = []
    for text, spans in _lines(line, width):
        cropped = _crop(text, width)
        out.append((cropped, _trim(spans, len(cropped)) if len(cropped) < len(text) else spans))
    return out


def _crop(text: str, width: int) -> str:
    return plain.sized(text, width) if plain.cells(text) > width else text


def rule(title: str, width: int, character: str = "─") -> Line:
    """``plain.rule`` with rich's styles: the title as rule text, the line as a rule line."""
    title = title.replace("\n", " ")
    if not title or width - 2 <= 0:
        text = plain.sized(character * width, width)
        return text, [(0, len(text), "rule.line")]
    if plain.cells(title) > width - 2:
        title = plain.sized(title, width - 3) + "…"
    head = title + " "
    text = head + character * (width - plain.cells(head))
    spans = [(0, len(title), "rule.text"), (len(head), len(text), "rule.line")]
    cropped = plain.sized(text, width)
    return cropped, _trim(spans, len(cropped)) if len(cropped) < len(text) else spans


class StyledGrid(plain.Grid):
    """``plain.Grid`` with each cell's style: the header bold, a styled column's words colored."""

    def __init__(self, *args: Any, styles: Sequence[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.styles = styles

    def styled_lines(self, width: int) -> Iterator[Line]:
        count = len(self.headers)
        columns = [[row[i] for row in self.rows] for i in range(count)]
        widths = plain.fitted_widths(self.headers, columns, self.no_wrap, width - 2 * (count - 1))
        if widths is None:
            yield from self._styled_records(width)
            return
        total = sum(widths) + 2 * (count - 1)
        if self.title:
            for line in plain.wrap(self.title, total, "left"):
                yield styled(_crop(line, width), "table.title")
        yield from self._styled_row(self.headers, widths, header=True)
        yield "─" * total, []
        for row in self.rows:
            yield from self._styled_row(row, widths)

    def _styled_row(
        self, cells: Sequence[str], widths: list[int], header: bool = False
    ) -> list[Line]:
        last = len(widths) - 1
        blocks = []
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            justify = "right" if self.right[index] else "left"
            style = "table.header" if header else self.styles[index].get(cell, "")
            lines = plain.wrap(cell, width, justify, self.no_wrap[index])
            blocks.append((lines, style))
        height = max(len(lines) for lines, _ in blocks)
        out = []
        for number in range(height):
            text, spans = "", []
            for index, (lines, style) in enumerate(blocks):
                if index:
                    text += " "
                pad = 0 if index == last else 1
                at = number - (height - len(lines)) if header else number
                start = len(text)
                if 0 <= at < len(lines):
                    text += lines[at]
                    if style:
                        spans.append((start, len(text), style))
                    if pad:
                        text += " "
                        if header:
                            spans.append((len(text) - 1, len(text), style))
                else:
                    text += " " * (widths[index] + pad)
                    if header and style:
                        spans.append((start, len(text), style))
            out.append((text, spans))
        return out

    def _styled_records(self, width: int) -> Iterator[Line]:
        if self.title:
            yield from printed(styled(self.title, "bold"), width)
        headers = self.headers[2:]
        layout = plain.record_layout(headers, [row[2:] for row in self.rows], width - plain.INDENT)
        for row in self.rows:
            text, spans = "", []
            for index in (0, 1):
                cell = row[index]
                if cell:
                    if text:
                        text += "  "
                    spans += _run(len(text), cell, self.styles[index].get(cell, ""))
                    text += cell
            yield from printed((text, spans), width)
            for fields in layout:
                text, spans = "", []
                for index in fields:
                    value = row[2 + index]
                    if not value.strip():
                        continue
                    if text:
                        spans.append((len(text), len(text) + len(plain.SEPARATOR), "dim"))
                        text += plain.SEPARATOR
                    label = f"{headers[index]} "
                    spans.append((len(text), len(text) + len(label), "dim"))
                    text += label
                    spans += _run(len(text), value, self.styles[2 + index].get(value, ""))
                    text += value
                if text:
                    inner = width - plain.INDENT
                    for piece, kept in _lines((text, spans), inner):
                        padded = plain.sized(piece, inner)
                        yield (
                            " " * plain.INDENT + padded,
                            [(a + plain.INDENT, b + plain.INDENT, s) for a, b, s in kept],
                        )
        if self.rows:
            yield "", []


def _run(at: int, text: str, style: str) -> list[Span]:
    return [(at, at + len(text), style)] if style else []


def _lines(line: Line, width: int) -> list[Line]:
    """A styled text that may hold line breaks, wrapped line by line."""
    text, spans = line
    out: list[Line] = []
    start = 0
    for part in text.split("\n"):
        end = start + len(part)
        kept = [
            (max(a, start) - start, min(b, end) - start, s)
            for a, b, s in spans
            if min(b, end) > max(a, start)
        ]
        out += wrap((part, kept), width)
        start = end + 1
    return out
