"""Records written as CSV (every cell formula-safe) or JSON (a list of objects)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from leadcli.sheets import safe_cell
from leadcli.transfer.cells import join_list
from leadcli.transfer.values import show_yes_no


def cell(value: Any) -> Any:
    """A value as a CSV cell: yes/no for facts, several values in one cell
    (``cells.join_list``), blank for none."""
    if isinstance(value, bool) or value is None:
        return show_yes_no(value)
    if isinstance(value, (list, tuple)):
        return safe_cell(join_list(str(v) for v in value))
    return safe_cell(value)


def to_csv(columns: Sequence[str], records: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(cell(record[c]) for c in columns)
    return out.getvalue()


def to_json(records: Sequence[Mapping[str, Any]]) -> str:
    from leadcli import jsontext

    return jsontext.dumps(list(records)) + "\n"
