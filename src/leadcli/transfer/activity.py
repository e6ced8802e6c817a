"""One-to-ones, CEUs and testimonials in and out of a file: ``date, kind, member, with, count``.

Voided activity is not exported: it counts nowhere, and an import records only what counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from leadcli import activity
from leadcli.errors import BadInput, LeadcliError
from leadcli.transfer.rows import Columns, Problems, Progress, Summary, match_columns, rows
from leadcli.transfer.source import CsvFile
from leadcli.transfer.values import Inputs, MemberNames
from leadcli.words import plural

COLUMNS = ("date", "kind", "member", "with", "count")
REQUIRED = ("date", "kind", "member")
EXPECTED = "date, kind (one-to-one, ceu or testimonial), member, with (for a one-to-one), count"
TICK = 256


class ActivityImport:
    """An activity file whose header is read; ``apply`` records its rows (inside a transaction)."""

    kind = "activity"

    def __init__(self, source: CsvFile, inputs: Inputs) -> None:
        self.source = source
        self.inputs = inputs
        self.columns: Columns = match_columns(source, COLUMNS, REQUIRED, EXPECTED)[0]

    @property
    def ignored(self) -> tuple[str, ...]:
        return self.columns.ignored

    def apply(self, conn: sqlite3.Connection, progress: Progress | None = None) -> Summary:
        problems = Problems()
        names = MemberNames(conn)
        tally = {k: 0 for k in activity.KINDS}
        count = 0
        for row in rows(self.source, self.columns, problems):
            count += 1
            if progress and count % TICK == 0:
                progress("read", self.source.position, self.source.size)
            try:
                day = self.inputs.date(row.required("date"), "date")
                assert day is not None
                kind = activity.kind(row.required("kind"))
                member = names.resolve(row.get("member"), "member")
                other_cell = row.get("with")
                other = names.resolve(other_cell, "with") if other_cell.strip() else None
                how_many = _count(row.get("count"))
                activity.record(conn, kind, member, day, other=other, count=how_many)
                tally[kind] += 1
            except LeadcliError as exc:
                problems.add(row.line, exc.message)
        problems.check(self.source.name)
        parts = [plural(n, activity.NAMES[k]) for k, n in tally.items() if n]
        return Summary("record", "recorded", ", ".join(parts) or "no activity", (), count)


def _count(text: str) -> int:
    if not text.strip():
        return 1
    try:
        number = int(text.strip())
    except ValueError:
        raise BadInput(f"count must be a whole number, not {text.strip()!r}") from None
    return activity.check_count(number, "count")


def export_rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every activity that counts, oldest first."""
    for done in activity.everything(conn):
        yield {
            "date": done.date.isoformat(),
            "kind": done.kind,
            "member": done.member,
            "with": done.other,
            "count": done.count,
        }
