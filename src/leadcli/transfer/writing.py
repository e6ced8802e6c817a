"""Records written as CSV (every cell formula-safe) or JSON (a list of objects), as they come.

Both write to an open text stream in pieces, so an export of any size holds a few hundred
records at a time; the text is the same as encoding the whole list at once.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from leadcli.jsontext import escape as _escape
from leadcli.sheets import safe_cell
from leadcli.transfer.cells import join_list
from leadcli.transfer.values import show_yes_no

# Records gathered before a piece is written out.
PIECE = 500
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def cell(value: Any) -> Any:
    """A value as a CSV cell: yes/no for facts, several values in one cell
    (``cells.join_list``), blank for none."""
    if isinstance(value, bool) or value is None:
        return show_yes_no(value)
    if isinstance(value, (list, tuple)):
        return safe_cell(join_list(str(v) for v in value))
    return safe_cell(value)


def to_csv(columns: Sequence[str], records: Iterable[Mapping[str, Any]]) -> str:
    """The CSV text of the records (``write_csv`` to a string)."""
    out = io.StringIO()
    write_csv(columns, records, out)
    return out.getvalue()


def to_json(records: Iterable[Mapping[str, Any]]) -> str:
    """The JSON text of the records (``write_json`` to a string)."""
    out = io.StringIO()
    write_json(records, out)
    return out.getvalue()


def write_csv(columns: Sequence[str], records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """The header and a row per record (CRLF line ends); returns how many records."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for record in records:
        writer.writerow([cell(record[c]) for c in columns])
        count += 1
        if count % PIECE == 0:
            out.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    out.write(buffer.getvalue())
    return count


def write_json(records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """The records as ``json.dumps(list, ensure_ascii=False, indent=2)`` writes them, then a
    line end; returns how many records."""
    pieces: list[str] = []
    count = 0
    for record in records:
        pieces.append(indented(record, 1))
        count += 1
        if count % PIECE == 0:
            out.write(("[\n  " if count == PIECE else ",\n  ") + ",\n  ".join(pieces))
            pieces.clear()
    if pieces:
        out.write(("[\n  " if count <= PIECE else ",\n  ") + ",\n  ".join(pieces))
    out.write("\n]\n" if count else "[]\n")
    return count


def indented(value: Any, level: int = 0) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it when it sits
    ``level`` deep; scalars go through the C encoder (the indenting one is pure Python)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + "  " * (level + 1)
        deeper = level + 1
        items = [f"{_string(_key(k))}: {indented(v, deeper)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + "  " * level + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = "\n" + "  " * (level + 1)
        deeper = level + 1
        items = [indented(v, deeper) for v in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + "  " * level + "]"
    return _scalar(value)


_encode_string = json.encoder.encode_basestring  # the C function when the C encoder is there


def _string(text: str) -> str:
    """A JSON string, with what could drive a terminal written as \\u escapes (jsontext)."""
    return _escape(_encode_string(text))


_WORDS = {None: "null", True: "true", False: "false"}


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is None or value is True or value is False:
        return _WORDS[value]
    if type(value) is int:
        return int.__repr__(value)
    return _ENCODE(value)


def _key(key: Any) -> str:
    """A mapping key as JSON writes it (keys are strings; numbers and the like are spelt)."""
    if isinstance(key, str):
        return key
    return _scalar(key) if key is None or isinstance(key, bool) else json.dumps(key)
