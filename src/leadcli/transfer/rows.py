"""Columns matched by name, rows read by column, and the bad rows of a file."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from leadcli.errors import BadInput
from leadcli.transfer.source import CsvFile, column_key
from leadcli.words import plural

# How many bad rows are reported one by one; the rest are counted.
SHOWN = 50

# progress(stage, done, total): "read" counts bytes of the file, "check" counts leads.
Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class Columns:
    """Where each known column sits in the file, and the columns that are not imported."""

    index: dict[str, int]
    ignored: tuple[str, ...]
    width: int
    # Positions of the columns the caller recognized itself (the dates of a PALMS matrix).
    extra: tuple[int, ...] = ()

    def __contains__(self, name: str) -> bool:
        return name in self.index


def match_columns(
    source: CsvFile,
    known: Sequence[str],
    required: Sequence[str],
    expected: str,
    extra: Callable[[str], bool] | None = None,
) -> tuple[Columns, list[str]]:
    """The known columns of the header (and the header's cells).

    A file without a header naming the ``required`` columns is refused, listing ``expected``.
    """
    names = {column_key(name): name for name in known}

    def recognized(cell: str) -> bool:
        return column_key(cell) in names or bool(extra and extra(cell))

    header = source.header(recognized)
    if header is None:
        raise BadInput(f"{source.name} is empty; expected a header row: {expected}")
    index: dict[str, int] = {}
    ignored: list[str] = []
    others: list[int] = []
    for position, cell in enumerate(header):
        key = names.get(column_key(cell))
        if key is not None:
            if key in index:
                raise BadInput(f"{source.name}: the column {key!r} appears twice in the header")
            index[key] = position
        elif extra and cell.strip() and extra(cell):
            others.append(position)
        elif cell.strip():
            ignored.append(cell.strip())
    if not index:
        raise BadInput(
            f"{source.name} has no recognizable header; expected the columns: {expected}"
        )
    lacking = [name for name in required if name not in index]
    if lacking:
        raise BadInput(
            f"{source.name}: the header lacks the "
            f"{'columns' if len(lacking) > 1 else 'column'} {', '.join(lacking)}; "
            f"expected: {expected}"
        )
    return Columns(index, tuple(ignored), len(header), tuple(others)), header


class Row:
    """One row of the file, read by column name."""

    __slots__ = ("cells", "columns", "line")

    def __init__(self, line: int, cells: list[str], columns: Columns) -> None:
        self.line = line
        self.cells = cells
        self.columns = columns
        if len(cells) > columns.width and any(c.strip() for c in cells[columns.width :]):
            raise BadInput(
                f"{len(cells)} cells but the header has {columns.width} columns "
                "(a comma in a value that is not quoted?)"
            )

    def get(self, name: str) -> str:
        position = self.columns.index.get(name)
        if position is None or position >= len(self.cells):
            return ""
        return self.cells[position]

    def required(self, name: str) -> str:
        value = self.get(name)
        if not value.strip():
            raise BadInput(f"{name} is empty")
        return value


def rows(source: CsvFile, columns: Columns, problems: Problems) -> Iterator[Row]:
    """The rows of ``source``; a row whose shape is wrong is recorded as a problem and skipped."""
    for line, cells in source.rows():
        try:
            yield Row(line, cells, columns)
        except BadInput as exc:
            problems.add(line, exc.message)


@dataclass
class Problems:
    """The bad rows of a file: the first ``SHOWN`` with their reason, and how many in all."""

    shown: list[tuple[int, str]] = field(default_factory=list)
    count: int = 0

    def add(self, line: int, message: str) -> None:
        self.count += 1
        if len(self.shown) < SHOWN:
            self.shown.append((line, message))

    def __bool__(self) -> bool:
        return self.count > 0

    def check(self, name: str) -> None:
        """Refuse the whole file when any row is bad."""
        if self.count:
            raise BadRows(name, self.shown, self.count)


class BadRows(BadInput):
    """Some rows of a file are bad: the file is refused and nothing is written."""

    def __init__(self, name: str, shown: list[tuple[int, str]], count: int) -> None:
        rows = "1 bad row" if count == 1 else f"{count} bad rows"
        super().__init__(f"{name}: {rows}; nothing was imported")
        self.shown = list(shown)
        self.more = count - len(shown)

    def lines(self) -> list[str]:
        """One line per bad row shown, then how many more there are."""
        out = [f"line {line}: {message}" for line, message in self.shown]
        if self.more:
            out.append(f"and {plural(self.more, 'more bad row')}")
        return out


@dataclass(frozen=True)
class Summary:
    """What an import wrote (or, in a dry run, would write)."""

    verb: str
    done: str
    what: str
    details: tuple[str, ...] = ()
    rows: int = 0

    def sentence(self, dry_run: bool) -> str:
        if dry_run:
            return f"would {self.verb} {self.what}"
        return f"{self.done} {self.what}"
