"""Members in and out of a file: ``name, category, business, phone, email, joined, left``."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from leadcli import areas as places
from leadcli import changes, clock, members, parse
from leadcli.errors import BadInput, LeadcliError
from leadcli.transfer.rows import (
    Columns,
    Problems,
    Progress,
    Row,
    Summary,
    match_columns,
    rows,
)
from leadcli.transfer.source import CsvFile
from leadcli.transfer.values import Inputs
from leadcli.words import plural

COLUMNS = (
    "name", "category", "business", "phone", "email", "joined", "left", "offers", "area", "minimum",
    "earlier",
)  # fmt: skip
REQUIRED = ("name", "category")
EXPECTED = (
    "name, category, business, phone, email, joined (and left, for members who left; "
    "offers, area, minimum for their profile; earlier for spells before a return)"
)
TICK = 256


class MembersImport:
    """A members file whose header is read; ``apply`` adds its rows (call inside a transaction)."""

    kind = "members"

    def __init__(self, source: CsvFile, inputs: Inputs) -> None:
        self.source = source
        self.inputs = inputs
        self.columns: Columns = match_columns(source, COLUMNS, REQUIRED, EXPECTED)[0]

    @property
    def ignored(self) -> tuple[str, ...]:
        return self.columns.ignored

    def apply(self, conn: sqlite3.Connection, progress: Progress | None = None) -> Summary:
        problems = Problems()
        taken = {m.name.casefold(): m for m in members.all_members(conn)}
        names: dict[str, int] = {}
        categories: dict[str, int] = {}
        added = gone = count = 0
        for row in rows(self.source, self.columns, problems):
            count += 1
            if progress and count % TICK == 0:
                progress("read", self.source.position, self.source.size)
            try:
                values, left_on = self._parse(row)
                name, category = values["name"], values["category"]
                _once(names, name.casefold(), row.line, f"the member {name!r} is already on line")
                if name.casefold() in taken:
                    raise BadInput(
                        f"a member named {name!r} already exists ({taken[name.casefold()].label})"
                    )
                if left_on is None:
                    _once(
                        categories,
                        category.casefold(),
                        row.line,
                        f"category {category!r} is also on line",
                    )
                    members.add(conn, **values)
                else:
                    _add_former(conn, values, left_on, self.inputs)
                    gone += 1
                added += 1
            except LeadcliError as exc:
                problems.add(row.line, exc.message)
            except sqlite3.IntegrityError as exc:
                problems.add(row.line, f"refused by the group file: {exc}")
        if progress:
            progress("read", self.source.position, self.source.size)
        problems.check(self.source.name)
        details = (f"{gone} of them left the group",) if gone else ()
        return Summary("add", "added", plural(added, "member"), details, count)

    def _parse(self, row: Row) -> tuple[dict[str, Any], dt.date | None]:
        get, inputs = row.get, self.inputs
        values = {
            "name": inputs.text(row.required("name"), "name"),
            "category": inputs.text(row.required("category"), "category"),
            "business": inputs.text(get("business"), "business"),
            "phone": inputs.phone(get("phone"), "phone"),
            "email": inputs.email(get("email"), "email"),
            "joined": inputs.date(get("joined"), "joined") or inputs.today,
            "offers": inputs.texts(get("offers"), "offers"),
            "areas": tuple(
                dict.fromkeys(
                    places.parse(a, "area").text for a in inputs.texts(get("area"), "area")
                )
            ),
            "minimum_cents": parse.amount(get("minimum"), "minimum")
            if get("minimum").strip()
            else None,
        }
        left_on = inputs.date(get("left"), "left")
        earlier = tuple(_spell(text, inputs) for text in inputs.texts(get("earlier"), "earlier"))
        _check_spells(earlier, values["joined"])
        if earlier:
            values["earlier"] = earlier
        return values, left_on


SPELL = " to "


def _spell(text: str, inputs: Inputs) -> tuple[dt.date, dt.date]:
    """``2025-01-07 to 2025-03-04``: a spell on the roll before a return, both days included."""
    start, found, end = text.partition(SPELL)
    if not found or not start.strip() or not end.strip():
        raise BadInput(
            f"invalid spell for earlier: {text!r} (use FIRST to LAST, e.g. 2025-01-07 to 2025-03-04)"
        )
    first, last = inputs.date(start, "earlier"), inputs.date(end, "earlier")
    assert first is not None and last is not None
    if last < first:
        raise BadInput(f"earlier spell {text!r} ends before it begins")
    return first, last


def _check_spells(spells: tuple[tuple[dt.date, dt.date], ...], joined: dt.date) -> None:
    """Spells in order, each ending before the next begins, the last before ``joined``."""
    if not spells:
        return
    starts = [start for start, _ in spells[1:]] + [joined]
    for (start, end), after in zip(spells, starts, strict=True):
        if end >= after:
            raise BadInput(
                f"earlier spell {start} to {end} must end before the next begins ({after})"
            )


def _once(seen: dict[str, int], key: str, line: int, message: str) -> None:
    first = seen.setdefault(key, line)
    if first != line:
        raise BadInput(f"{message} {first}")


def _add_former(
    conn: sqlite3.Connection, values: dict[str, Any], left_on: dt.date, inputs: Inputs
) -> None:
    """A member who already left: kept for their history; their category stays free."""
    if left_on < values["joined"]:
        raise BadInput(f"left {left_on} is before joined {values['joined']}")
    if left_on > inputs.today:
        raise BadInput(f"left {left_on} is in the future")
    cursor = conn.execute(
        "INSERT INTO members (name, category, business, phone, email, joined, left_on, created_at, "
        "offers, areas, minimum_cents, earlier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            values["name"],
            values["category"],
            values["business"],
            values["phone"],
            values["email"],
            values["joined"].isoformat(),
            left_on.isoformat(),
            clock.stamp(clock.now()),
            json.dumps(list(values["offers"])),
            json.dumps(list(values["areas"])),
            values["minimum_cents"],
            members.spells_json(values.get("earlier", ())),
        ],
    )
    changes.log(conn, "members", [cursor.lastrowid], None)


def export_rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every member, in the order they were added."""
    for row in conn.execute(f"SELECT {members.COLUMNS} FROM members ORDER BY id"):
        m = members.from_row(row)
        yield {
            "name": m.name,
            "category": m.category,
            "business": m.business,
            "phone": m.phone,
            "email": m.email,
            "joined": m.joined.isoformat(),
            "left": m.left_on.isoformat() if m.left_on else None,
            "offers": list(m.offers),
            "area": list(m.areas),
            "minimum": f"{m.minimum_cents / 100:.2f}" if m.minimum_cents is not None else None,
            "earlier": [f"{start}{SPELL}{end}" for start, end in m.earlier],
        }
