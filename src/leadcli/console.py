"""The only place that builds rich output: consoles, tables, verdict colors and escaping.

User text is always handed to rich as ``Text`` (never parsed as markup or emoji), and any
character that would drive the terminal is shown as an escape instead.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

# Wide enough that tables never fold a name when written to a pipe or a file.
PIPE_WIDTH = 200

VERDICT_STYLES = {
    "HOT": "bold green",
    "WARM": "bold yellow",
    "COLD": "bold blue",
    "INCOMPLETE": "bold red",
    "VOID": "dim",
}
STANDING_STYLES = {
    "GREEN": "green",
    "AMBER": "yellow",
    "RED": "bold red",
    "NEW": "cyan",
    "GREY": "bold white on grey37",
}
STATUS_STYLES = {"pass": "green", "fail": "red", "warn": "yellow", "skip": "dim"}


def literal(value: object) -> str:
    """``value`` as text with control and bidi characters shown as escapes."""
    from leadcli.controls import visible

    return visible("" if value is None else str(value))


def is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def make_console(stderr: bool = False, *, width: int | None = None) -> Console:
    """A console that colors only a terminal, honors NO_COLOR, and never parses markup."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    terminal = is_terminal(stream)
    return Console(
        file=stream,
        stderr=stderr,
        markup=False,
        emoji=False,
        highlight=False,
        force_terminal=terminal,
        no_color=not terminal or "NO_COLOR" in os.environ or None,
        color_system="auto" if terminal else None,
        width=width if width else (None if terminal else PIPE_WIDTH),
        soft_wrap=not terminal,  # a pipe gets whole lines, never wrapped or cut
    )


def out() -> Console:
    return make_console()


def text(value: object, style: str = "") -> Text:
    """User text as a rich Text, literally."""
    from rich.text import Text

    return Text(literal(value), style=style)


def table(*columns: str, title: str | None = None, numeric: Iterable[str] = ()) -> Table:
    from rich import box

    from leadcli.render.fitting import FittingTable

    # Two spaces between columns and none at the edges: what 80 columns can spare.
    grid = FittingTable(
        title=title,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        padding=(0, 1, 0, 0),
        pad_edge=False,
        show_edge=False,
    )
    right = set(numeric)
    for column in columns:
        prose = column in PROSE_COLUMNS
        grid.add_column(
            column,
            justify="right" if column in right else "left",
            overflow="fold",
            no_wrap=not prose,  # dates, money, codes, verdicts and keys are never broken
        )
    return grid


# Columns of words, which wrap when a table is too wide for the terminal; the others keep
# their width.
PROSE_COLUMNS = frozenset(
    {
        "name", "business", "email", "category", "prospect", "from → to", "next step", "why",
        "what to do", "detail", "note", "to improve", "value", "meaning", "receiver", "member",
        "from", "closed by", "checks", "substitute", "source", "key", "holder", "applicants",
    }
)  # fmt: skip


def print_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    numeric: Iterable[str] = (),
    styles: dict[str, dict[str, str]] | None = None,
) -> None:
    """A table on stdout, as ``table`` lays it out: styled by rich on a terminal (``styles``:
    a column's style for each word); to a pipe or a file, the same plain lines a table prints
    there, written without loading rich."""
    if not is_terminal(sys.stdout):
        from leadcli.render.plain import aligned

        right = set(numeric)
        lines = aligned(
            [str(c) for c in columns],
            [[literal(cell) for cell in line] for line in rows],
            [c in right for c in columns],
        )
        sys.stdout.write("".join(line + "\n" for line in lines))
        return
    shown = table(*columns, numeric=numeric)
    for line in rows:
        shown.add_row(
            *(
                text(cell, (styles or {}).get(column, {}).get(str(cell), ""))
                for column, cell in zip(columns, line, strict=True)
            )
        )
    out().print(shown)


def row(grid: Table, *cells: object) -> None:
    """Add a row; strings become literal Text, rich renderables pass through."""
    from rich.text import Text

    grid.add_row(*(cell if isinstance(cell, Text) else text(cell) for cell in cells))


def verdict(word: str | None) -> Text:
    return text(word or "-", VERDICT_STYLES.get(word or "", ""))


FIT_STYLES = {"sweet-spot": "bold green", "off-target": "magenta"}


def fit(word: str | None) -> Text:
    """A lead's fit as shown beside its verdict: "★ sweet spot", "off target" or nothing."""
    from leadcli.lead_record import fit_label

    return text(fit_label(word), FIT_STYLES.get(word or "", ""))


def standing(word: str) -> Text:
    return text(word, STANDING_STYLES.get(word, ""))


def hanging(value: object, first: str = "  - ", style: str = "") -> Any:
    """``first`` then ``value``, wrapped between words with each further line under the text,
    not at the margin (a bullet of the weekly report)."""
    from rich.text import Text

    class Hanging:
        def __rich_console__(self, console: Console, options: Any) -> Any:
            body = text(value, style)
            room = max(20, options.max_width - len(first))
            for number, line in enumerate(body.wrap(console, room)):
                yield Text(first if number == 0 else " " * len(first)) + line

    return Hanging()


def print_lines(lines: Sequence[object]) -> None:
    console = out()
    for line in lines:
        console.print(line if not isinstance(line, str) else text(line))


Segments = list[tuple[str, str]]


def emit(lines: Iterable[Segments]) -> None:
    """Many lines of (text, style) segments: styled on a terminal, plain and fast elsewhere."""
    if is_terminal(sys.stdout):
        from rich.text import Text

        console = out()
        for segments in lines:
            line = text("")
            for part, style in segments:
                line.append(literal(part), style)
            # Wrapped lines hang under the text they continue, not at the left margin.
            indent = len(line.plain) - len(line.plain.lstrip(" "))
            hang = indent + 2 if indent else 7
            body = line[indent:]
            for number, part in enumerate(body.wrap(console, max(20, console.width - hang))):
                console.print(Text(" " * (indent if number == 0 else hang)) + part)
        return
    # Plain: a few hundred lines at a time, made visible in one pass (a line feed is no
    # control character to show), as they come.
    write = sys.stdout.write
    batch: list[str] = []
    try:
        for segments in lines:
            batch.append("".join([part for part, _ in segments]))
            if len(batch) >= _BATCH:
                write(literal("\n".join(batch)) + "\n")
                batch = []
    finally:  # what came before a failure is written, as it would be line by line
        if batch:
            write(literal("\n".join(batch)) + "\n")


_BATCH = 256


def styled(lines: Iterable[Segments]) -> None:
    """Lines of (text, style) segments, each printed as one rich line on a terminal (wrapped
    to it); plain text elsewhere, without loading rich."""
    if is_terminal(sys.stdout):
        console = out()
        for segments in lines:
            line = text("")
            for part, style in segments:
                line.append(literal(part), style)
            console.print(line)
        return
    write = sys.stdout.write
    for segments in lines:
        write(literal("".join(part for part, _ in segments)) + "\n")


def _fitted(text: str, stream: Any) -> str:
    """A line too long for the terminal it goes to, wrapped between words (never mid-word);
    unchanged when it fits or does not go to a terminal."""
    if "\n" in text or len(text) < 80 or not is_terminal(stream):
        return text
    import shutil
    import textwrap

    width = shutil.get_terminal_size((80, 24)).columns
    if len(text) < width:
        return text
    indent = " " * (len(text) - len(text.lstrip(" ")) + 2)
    return textwrap.fill(
        text,
        width=max(40, width - 1),
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def say(message: str) -> None:
    """One plain line on stdout (wrapped between words on a terminal)."""
    sys.stdout.write(_fitted(literal(message), sys.stdout) + "\n")


def note(message: str) -> None:
    """One plain line on stderr that is not an error (a resolved date, a warning); wrapped
    between words on a terminal."""
    sys.stderr.write(_fitted(literal(message), sys.stderr) + "\n")


def error(message: str) -> None:
    """One line on stderr: the error, literally."""
    flat = " ".join(literal(message).splitlines())
    sys.stderr.write(f"Error: {flat}\n")


def write_json(data: Any) -> None:
    """JSON straight to stdout, never through a console (it would wrap long lines)."""
    from leadcli import jsontext

    sys.stdout.write(jsontext.dumps(data) + "\n")


def write_json_list(items: Iterable[Any]) -> None:
    """A JSON list written an item a line, so a list of a hundred thousand never sits in memory whole."""
    write_json_texts(map(json.JSONEncoder(ensure_ascii=False).encode, items))


def write_json_texts(texts: Iterable[str]) -> None:
    """A JSON list of items already encoded, written an item a line as they come."""
    end_json_list(write_json_items(texts, opened=False))


def write_json_items(texts: Iterable[str], *, opened: bool) -> bool:
    """Items of a JSON list written by parts: ``opened`` says an item was written before.
    Returns whether one has been now."""
    from leadcli.jsontext import escape

    write = sys.stdout.write
    for text in texts:
        write((",\n" if opened else "[\n") + escape(text))
        opened = True
    return opened


def end_json_list(opened: bool) -> None:
    """The end of a JSON list written by ``write_json_items``."""
    sys.stdout.write("\n]\n" if opened else "[]\n")


def pager_command() -> str | None:
    """The pager, as git chooses it: $PAGER, else ``less -FRX``; an empty $PAGER or cat is none."""
    import shutil

    command = os.environ.get("PAGER")
    if command is None:
        return "less -FRX" if shutil.which("less") else None
    return None if command.strip() in ("", "cat") else command


def page(text: str, *, enabled: bool = True) -> None:
    """``text`` on stdout; through the pager when on a terminal and longer than the screen."""
    import shutil
    import subprocess

    height = shutil.get_terminal_size().lines
    command = pager_command() if enabled and is_terminal(sys.stdout) else None
    if command is None or text.count("\n") < height - 1:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        with subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env) as pager:
            assert pager.stdin is not None
            try:
                pager.stdin.write(text.encode())
                pager.stdin.close()
            except BrokenPipeError:
                pass  # the reader quit the pager early
    except OSError:
        sys.stdout.write(text)


class _Screen(io.StringIO):
    """Output held for the pager: written as it would be to the terminal it stands for."""

    def isatty(self) -> bool:
        return True


@contextlib.contextmanager
def paged(*, enabled: bool = True) -> Iterator[None]:
    """Everything written to stdout inside goes through the pager at the end, as ``page`` does,
    when stdout is a terminal; else it is written as it comes. On an error, what was held is
    written before the error is said."""
    if not enabled or not is_terminal(sys.stdout) or pager_command() is None:
        yield
        return
    real, held = sys.stdout, _Screen()
    sys.stdout = held
    try:
        yield
    except BaseException:
        sys.stdout = real
        real.write(held.getvalue())
        raise
    sys.stdout = real
    page(held.getvalue())


def rendered(*renderables: object) -> str:
    """What ``out().print`` would write, as text (styled for the terminal it is on)."""
    console = out()
    with console.capture() as captured:
        for item in renderables:
            console.print(item)
    return captured.get()
