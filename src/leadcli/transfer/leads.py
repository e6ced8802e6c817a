"""Leads in and out of a file: the ``lead add`` options as columns, one lead per row.

Each imported lead is validated as ``lead add`` validates it, stored, and then checked with the
others set-based, its verdict recorded as if it had been added by hand.

``parent`` links: when the file has an ``id`` column (an export does), ``parent`` names the
``id`` of another row of the same file, and the link is rebuilt between the new leads. Without
an ``id`` column, ``parent`` is the id of a lead already in the group, as ``lead add --parent``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from leadcli import checking, clock, leads, meetings, members, parse
from leadcli.errors import BadInput, LeadcliError
from leadcli.events import log
from leadcli.members import Member
from leadcli.settings import Settings
from leadcli.transfer.lead_checks import record as check_new_leads
from leadcli.transfer.rows import Problems, Progress, Row, Summary, match_columns, rows
from leadcli.transfer.source import CsvFile
from leadcli.transfer.values import Inputs, MemberNames, yes_no
from leadcli.words import plural

COLUMNS = (
    "id", "from", "to", "type", "company", "contact", "title", "phone", "email", "website",
    "address", "alt_contact", "description", "need", "heard", "date", "public", "may_use_name",
    "expecting_call", "need_discussed", "decision", "source", "parent", "notes",
    "prospect", "value", "decision_maker", "intent", "voided_at", "void_reason",
)  # fmt: skip
REQUIRED = ("from", "type", "date")
EXPECTED = ", ".join(c for c in COLUMNS if c != "id")
SINGLE_LINE = ("company", "contact", "title", "source")
MULTILINE = ("address", "description", "need", "notes")
TICK = 256
# New leads written at a time (and voided ones checked together).
CHUNK = 2000


@dataclass
class _Links:
    """Leads by their ``id`` in the file, and the parents named by file id."""

    new_ids: dict[int, tuple[int, int]] = field(default_factory=dict)  # file id -> (lead id, line)
    days: dict[int, dt.date] = field(default_factory=dict)  # file id -> the lead's date
    parents: dict[int, int] = field(default_factory=dict)  # file id -> file id of its parent
    pending: list[tuple[int, int, int, dt.date]] = field(
        default_factory=list
    )  # (line, lead id, file parent, the lead's date)


class LeadsImport:
    """A leads file whose header is read; ``apply`` adds and checks its rows (in a transaction)."""

    kind = "leads"

    def __init__(self, source: CsvFile, inputs: Inputs, settings: Settings) -> None:
        self.source = source
        self.inputs = inputs
        self.settings = settings
        self.columns = match_columns(source, COLUMNS, REQUIRED, EXPECTED)[0]
        self.with_ids = "id" in self.columns
        self._readers = self._field_readers()
        self._date = _remembered(partial(inputs.date, field="date"))
        self._type = _remembered(leads.lead_type)
        self._voids = "voided_at" in self.columns or "void_reason" in self.columns

    @property
    def ignored(self) -> tuple[str, ...]:
        return self.columns.ignored

    def apply(self, conn: sqlite3.Connection, progress: Progress | None = None) -> Summary:
        problems = Problems()
        names = MemberNames(conn)
        links = _Links()
        digests: dict[bytes, int] = {}
        batch = _Batch(conn, self.inputs.now)
        voids: list[tuple[int, str, str]] = []  # (lead id, voided at, reason)
        meetings_before = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
        count = 0
        for row in rows(self.source, self.columns, problems):
            count += 1
            if progress and count % TICK == 0:
                progress("read", self.source.position, self.source.size)
            try:
                values, file_id, file_parent, people = self._parse(row, names)
                void = self._void(row)
                _once(digests, _digest(values, file_id, void), row.line, "the same lead as line")
                if file_id is not None and file_id in links.new_ids:
                    raise BadInput(f"id {file_id} is already on line {links.new_ids[file_id][1]}")
                if values.get("parent_id") is not None:
                    batch.flush()  # the parent may be a lead of this file, not yet written
                leads.validate(conn, values, people)
            except LeadcliError as exc:
                problems.add(row.line, exc.message)
                continue
            lead_id = batch.add(values, row.line)
            if void is not None:
                voids.append((lead_id, *void))
            if file_id is not None:
                links.new_ids[file_id] = (lead_id, row.line)
                links.days[file_id] = values["date"]
                if file_parent is not None:
                    links.parents[file_id] = file_parent
            if file_parent is not None:
                links.pending.append((row.line, lead_id, file_parent, values["date"]))
        batch.flush()
        if progress:
            progress("read", self.source.position, self.source.size)
        _link_parents(conn, links, problems)
        problems.check(self.source.name)
        batch.backdate()
        _void(conn, voids)
        verdicts = self._check(conn, batch, progress)
        self._check_voided(conn, voids)
        made = conn.execute("SELECT count(*) FROM meetings").fetchone()[0] - meetings_before
        details = [", ".join(f"{n} {word}" for word, n in verdicts.items())] if verdicts else []
        if voids:
            details.append(f"{plural(len(voids), 'lead')} void, counted nowhere")
        if made:
            details.append(plural(made, "new meeting"))
        return Summary("add", "added", plural(batch.added, "lead"), tuple(details), count)

    def _parse(
        self, row: Row, names: MemberNames
    ) -> tuple[dict[str, Any], int | None, int | None, dict[int, Member]]:
        """The lead's values, its id and parent in the file, and the members it names."""
        cells = row.cells
        if len(cells) < self.columns.width:  # a short row: the cells it lacks are empty
            cells = [*cells, *[""] * (self.columns.width - len(cells))]
        at = self.columns.index
        giver = names.resolve(cells[at["from"]], "from")
        to = cells[at["to"]] if "to" in at else ""
        receiver = names.resolve(to, "to") if to.strip() else None
        people = {giver.id: giver, **({receiver.id: receiver} if receiver else {})}
        values: dict[str, Any] = {
            "date": self._date(row.required("date")),
            "type": self._type(row.required("type")),
            "giver_id": giver.id,
            "receiver_id": receiver.id if receiver else None,
        }
        for key, position, read, empty in self._readers:
            text = "" if position is None else cells[position]
            values[key] = read(text) if text else empty
        file_id = _id(cells[at["id"]], "id") if self.with_ids else None
        parent = _id(cells[at["parent"]], "parent") if "parent" in at else None
        if self.with_ids:
            return values, file_id, parent, people
        values["parent_id"] = parent
        return values, None, None, people

    def _field_readers(self) -> list[tuple[str, int | None, Callable[[str], Any], Any]]:
        """How the lead's other values are read, in the order they are checked (a row's first bad
        cell is the one reported): the value, its column's place in the file (None: not in
        the file), how a cell is read, and what an empty cell gives (read once)."""
        inputs = self.inputs
        readers: list[tuple[str, str, Callable[[str], Any]]] = [
            ("phones", "phone", _remembered(partial(inputs.phones, field="phone"))),
            ("email", "email", partial(inputs.email, field="email")),
            ("alt_contacts", "alt_contact", partial(inputs.texts, field="alt_contact")),
            ("heard", "heard", _remembered(partial(inputs.date, field="heard"))),
            ("decision", "decision", _remembered(partial(inputs.date, field="decision"))),
            *((key, key, partial(inputs.text, field=key)) for key in SINGLE_LINE),
            ("website", "website", lambda text: parse.website(text, field="website") or None),
            *((key, key, partial(inputs.text, field=key, multiline=True)) for key in MULTILINE),
            *((key, key, partial(yes_no, field=key)) for key in (*leads.FACTS, "decision_maker")),
            ("prospect_type", "prospect", partial(_blank_or, read=leads.prospect)),
            ("intent", "intent", partial(_blank_or, read=leads.intent)),
            ("value_cents", "value", partial(_blank_or, read=_value)),
        ]
        at = self.columns.index
        return [(key, at.get(column), read, read("")) for key, column, read in readers]

    def _void(self, row: Row) -> tuple[str, str] | None:
        """When and why the lead was voided (both, or neither), as stored."""
        if not self._voids:
            return None
        at, why = row.get("voided_at"), row.get("void_reason")
        if not at.strip() and not why.strip():
            return None
        if not at.strip():
            raise BadInput(
                "void_reason is given but voided_at is empty: give the moment the lead was "
                "voided (such as 2026-11-18T15:30), or leave both empty"
            )
        reason = self.inputs.text(why, "void_reason")
        if reason is None:
            raise BadInput(
                "voided_at is given but void_reason is empty: give why the lead was voided, "
                "or leave both empty"
            )
        now = self.inputs.now
        moment = parse.moment(at, now=now, order=self.inputs.order, field="voided_at")
        if moment > now:
            raise BadInput(
                f"voided_at {at.strip()} is in the future; give the moment the lead was voided"
            )
        return clock.stamp(moment), reason

    def _check_voided(self, conn: sqlite3.Connection, voids: list[tuple[int, str, str]]) -> None:
        """Voided leads are checked against the live leads, so they keep a verdict as when they
        were added, but count nowhere and no other lead is compared with them; their history
        says they were voided, and why."""
        now = self.inputs.now
        for start in range(0, len(voids), CHUNK):
            part = voids[start : start + CHUNK]
            ids = [lead_id for lead_id, _, _ in part]
            found = leads.select(
                conn, f" WHERE l.id IN ({', '.join('?' * len(ids))}) ORDER BY l.id", ids
            )
            checks = checking.check_many(conn, found, self.settings, live=False)
            pairs = [(lead.id, check) for lead, check in zip(found, checks, strict=True)]
            statuses = leads.record_first_checks(conn, pairs, now)
            for (lead_id, check), status, (_, _, reason) in zip(pairs, statuses, part, strict=True):
                log(
                    conn,
                    lead_id,
                    now,
                    "voided",
                    {"status": status, "verdict": check.verdict},
                    reason,
                )

    def _check(
        self, conn: sqlite3.Connection, batch: _Batch, progress: Progress | None
    ) -> Counter[str]:
        """Check the new leads and record their first verdicts; counts the verdicts."""
        if not batch.added:
            return Counter()
        assert batch.first_day is not None and batch.last_day is not None
        assert batch.first_id is not None
        return check_new_leads(
            conn,
            self.settings,
            self.inputs.now,
            new=(batch.first_id, batch.added, (batch.first_day, batch.last_day)),
            progress=progress,
        )


class _Batch:
    """New leads gathered and written a chunk at a time; their meetings made as they come, and
    the joined dates of the members they name moved back once each, at the end."""

    def __init__(self, conn: sqlite3.Connection, now: dt.datetime) -> None:
        self.conn = conn
        self.now = now
        self.rows: list[dict[str, Any]] = []
        self.lines: list[int] = []
        self.first_id: int | None = None
        self.next_id = 0
        self.added = 0
        self.first_day: dt.date | None = None
        self.last_day: dt.date | None = None
        self.meetings: set[dt.date] = set()
        self.earliest: dict[int, dt.date] = {}

    def add(self, values: dict[str, Any], line: int) -> int:
        """Queue a validated lead; returns the id it will have."""
        if self.first_id is None:
            self.first_id = self.next_id = self.conn.execute(
                "SELECT coalesce(max(id), 0) + 1 FROM leads"
            ).fetchone()[0]
        day = values["date"]
        if day not in self.meetings:
            meetings.ensure(self.conn, day)
            self.meetings.add(day)
        for role in ("giver_id", "receiver_id"):
            member_id = values.get(role)
            if member_id is not None and day < self.earliest.get(member_id, dt.date.max):
                self.earliest[member_id] = day
        self.first_day = min(day, self.first_day or day)
        self.last_day = max(day, self.last_day or day)
        self.rows.append(values)
        self.lines.append(line)
        lead_id = self.next_id
        self.next_id += 1
        self.added += 1
        if len(self.rows) == CHUNK:
            self.flush()
        return lead_id

    def flush(self) -> None:
        if not self.rows:
            return
        rows, lines = self.rows, self.lines
        self.rows, self.lines = [], []
        try:
            ids = leads.insert_many(self.conn, rows, self.now)
        except sqlite3.IntegrityError as exc:
            raise BadInput(
                f"line {lines[0]} and the {len(lines) - 1} after it: refused by the group file: {exc}"
            ) from None
        assert ids[0] == self.next_id - len(rows), "the lead ids moved during the import"

    def backdate(self) -> None:
        """Members named before the day they joined were in the group by then."""
        for member_id, day in self.earliest.items():
            members.backdate(self.conn, member_id, day)


def _remembered(read: Callable[[str], Any]) -> Callable[[str], Any]:
    """``read``, each text read once (a file gives the same dates, types and phone numbers
    again and again); a text it refuses is read again each time, to be refused again."""
    seen: dict[str, Any] = {}

    def remembered(text: str) -> Any:
        try:
            return seen[text]
        except KeyError:
            value = seen[text] = read(text)
            return value

    return remembered


def _blank_or(text: str, read: Any) -> Any:
    return read(text) if text.strip() else None


def _value(text: str) -> int:
    return parse.amount(text, "value")


def _id(text: str, column: str) -> int | None:
    if not text.strip():
        return None
    try:
        return leads.lead_id(text)
    except BadInput:
        raise BadInput(f"invalid {column}: {text!r} (use a lead id such as 12)") from None


def _once(seen: dict[bytes, int], key: bytes, line: int, message: str) -> None:
    first = seen.setdefault(key, line)
    if first != line:
        raise BadInput(f"{message} {first}")


def _digest(values: dict[str, Any], file_id: int | None, void: tuple[str, str] | None) -> bytes:
    """A lead's values in a few bytes (the values of every row come in the same order)."""
    text = repr((file_id, void, *values.values()))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _link_parents(conn: sqlite3.Connection, links: _Links, problems: Problems) -> None:
    """Point each lead at its parent's new id; a parent not in the file, or a cycle, is refused."""
    for line, lead_id, file_parent, day in links.pending:
        found = links.new_ids.get(file_parent)
        if found is None:
            problems.add(line, f"parent {file_parent} is not the id of a lead in this file")
            continue
        if _in_cycle(links.parents, file_parent):
            problems.add(line, f"parent {file_parent} makes a cycle of parents")
            continue
        try:
            leads.check_spin_off_date(
                day, links.days[file_parent], f"(id {file_parent} in this file)"
            )
        except BadInput as exc:
            problems.add(line, exc.message)
            continue
        conn.execute("UPDATE leads SET parent_id = ? WHERE id = ?", [found[0], lead_id])


def _void(conn: sqlite3.Connection, voids: list[tuple[int, str, str]]) -> None:
    """Mark the voided leads of the file as voided, as they were (logged as such)."""
    if not voids:
        return
    conn.executemany(
        "UPDATE leads SET voided_at = ?, void_reason = ? WHERE id = ?",
        [(at, reason, lead_id) for lead_id, at, reason in voids],
    )


def _in_cycle(parents: dict[int, int], start: int) -> bool:
    seen = {start}
    node = parents.get(start)
    while node is not None:
        if node in seen:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def export_rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every lead, oldest first, with its id and its parent's id."""
    for chunk in leads.chunks(conn, " ORDER BY l.id"):
        yield from map(_record, chunk)


def _record(lead: leads.Lead) -> dict[str, Any]:
    """A lead as a row of the file."""
    return {
        "id": lead.id,
        "from": lead.giver,
        "to": lead.receiver,
        "type": lead.type,
        "company": lead.company,
        "contact": lead.contact,
        "title": lead.title,
        "phone": list(lead.phones),
        "email": lead.email,
        "website": lead.website,
        "address": lead.address,
        "alt_contact": list(lead.alt_contacts),
        "description": lead.description,
        "need": lead.need,
        "heard": _iso(lead.heard),
        "date": lead.date.isoformat(),
        "public": lead.public,
        "may_use_name": lead.may_use_name,
        "expecting_call": lead.expecting_call,
        "need_discussed": lead.need_discussed,
        "decision": _iso(lead.decision),
        "source": lead.source,
        "parent": lead.parent_id,
        "notes": lead.notes,
        "prospect": lead.prospect_type,
        "value": f"{lead.value_cents / 100:.2f}" if lead.value_cents is not None else None,
        "decision_maker": lead.decision_maker,
        "intent": lead.intent,
        "voided_at": clock.stamp(lead.voided_at) if lead.voided_at else None,
        "void_reason": lead.void_reason,
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
