"""Reading a CSV file as spreadsheets write it, one row at a time.

UTF-8 with or without a byte-order mark, CRLF or LF line ends, quoted fields holding commas or
line breaks. The file is decoded one physical line at a time, so a byte that is not UTF-8 is
reported with its line, and a file of any size is streamed, never read whole.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

from leadcli.errors import BadInput
from leadcli.sheets import unsafe_cell

BOM = b"\xef\xbb\xbf"
MAX_LINE = 1 << 20
DELIMITERS = (",", ";", "\t")
# The first bytes of files that are sometimes handed over instead of a CSV export.
MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (an .xlsx or .ods workbook?)"),
    (b"\xd0\xcf\x11\xe0", "an Excel .xls workbook"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"\xff\xfe", "UTF-16 text"),
    (b"\xfe\xff", "UTF-16 text"),
)
SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8'"
_SEPARATORS = re.compile(r"[\s_-]+")


def column_key(name: str) -> str:
    """A header cell as compared: case, spaces, ``_`` and ``-`` alike, and optional.

    ``Alt Contact``, ``alt_contact``, ``alt-contact`` and ``AltContact`` are the same column,
    and so are ``E-mail`` and ``email``.
    """
    return _SEPARATORS.sub("", name.strip().casefold())


class CsvFile:
    """An open CSV file: its header, then its rows with the physical line each starts on."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)
        self.size: int | None = None
        self.position = 0
        self.delimiter = ","
        self._handle = _open(path)
        try:
            stat = os.fstat(self._handle.fileno())
            self.size = stat.st_size or None
            _refuse_binary(self.name, self._handle.peek(32)[:32])
        except BaseException:
            self._handle.close()
            raise
        self._lines = self._decoded_lines()
        self._reader: Iterator[list[str]] | None = None
        self._line_num = 0
        self.header_line = 0

    def __enter__(self) -> CsvFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._handle.close()

    def _decoded_lines(self) -> Iterator[str]:
        readline = self._handle.readline
        number = 0
        while True:
            raw = readline(MAX_LINE)
            if not raw:
                return
            number += 1
            self.position += len(raw)
            if number == 1 and raw.startswith(BOM):
                raw = raw[len(BOM) :]
            if len(raw) >= MAX_LINE and not raw.endswith(b"\n"):
                raise BadInput(
                    f"{self.name}: line {number} is longer than 1 MiB; is it a CSV file?"
                )
            if b"\x00" in raw:
                raise BadInput(
                    f"{self.name} is not UTF-8 text: line {number} holds a NUL byte; {SAVE_AS}"
                )
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                byte = raw[exc.start]
                raise BadInput(
                    f"{self.name} is not UTF-8 text: line {number} has the byte "
                    f"0x{byte:02X}; {SAVE_AS}"
                ) from None

    def header(self, known: Callable[[str], bool]) -> list[str] | None:
        """The first non-blank row, split on the delimiter that gives most ``known`` columns.

        None when the file holds no such row (it is empty, or blank).
        """
        number = 0
        for text in self._lines:
            number += 1
            if text.strip():
                break
        else:
            return None
        stripped = text.lstrip()
        if stripped.startswith(("{", "[")):
            raise BadInput(
                f"{self.name} looks like a JSON document, not CSV; import takes CSV files"
            )
        self.delimiter = max(DELIMITERS, key=lambda d: _known_count(text, d, known))
        self._reader = csv.reader(
            itertools.chain([text], self._lines), delimiter=self.delimiter, strict=True
        )
        self._line_num = number - 1
        cells = self._next()
        self.header_line = number
        return [] if cells is None else cells

    def _next(self) -> list[str] | None:
        assert self._reader is not None
        try:
            cells = next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            line = self._line_num + self._reader.line_num  # type: ignore[attr-defined]
            hint = " (a quote that is never closed?)" if "end of data" in str(exc) else ""
            raise BadInput(f"{self.name} is not valid CSV: line {line}: {exc}{hint}") from None
        return cells

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Each non-blank row after the header: the line it starts on, and its cells as typed.

        Line breaks inside a cell become ``\\n``; a cell this tool made formula-safe is restored.
        """
        assert self._reader is not None, "read the header first"
        reader = self._reader
        start = self.header_line + 1
        while True:
            cells = self._next()
            if cells is None:
                return
            line, start = start, self._line_num + reader.line_num + 1  # type: ignore[attr-defined]
            # The cells joined, each after a NUL (a file holds none): one look finds whether any
            # cell needs more than taking as it is.
            joined = "\0" + "\0".join(cells)
            if not joined.replace("\0", "").strip():
                continue
            if "\r" in joined or "\0'" in joined:
                cells = [unsafe_cell(cell.replace("\r\n", "\n")) for cell in cells]
            yield line, cells


def _known_count(line: str, delimiter: str, known: Callable[[str], bool]) -> int:
    try:
        cells = next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return 0
    if len(cells) < 2 and delimiter != ",":
        return 0
    return sum(known(cell) for cell in cells)


def _open(path: Path) -> io.BufferedReader:
    try:
        if path.is_dir():
            raise BadInput(f"{path} is a directory, not a CSV file")
        return open(path, "rb")  # noqa: SIM115  (closed by CsvFile.close)
    except FileNotFoundError:
        raise BadInput(f"cannot read {path}: no such file") from None
    except PermissionError:
        raise BadInput(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror or exc}") from None


def _refuse_binary(name: str, start: bytes) -> None:
    for magic, what in MAGIC:
        if start.startswith(magic):
            raise BadInput(f"{name} is not UTF-8 text: it looks like {what}; {SAVE_AS}")
