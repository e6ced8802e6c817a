"""Members: one active member per category; leaving keeps their history."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

# The roster's change log (``changes``) is imported where a change is written: reading
# members, as every check does, needs none of it.
from leadcli import clock, parse
from leadcli.errors import Ambiguous, BadInput, Conflict, NotFound
from leadcli.record import Record, replace


class Member(Record):
    __slots__ = (
        "id",
        "name",
        "category",
        "business",
        "phone",
        "email",
        "joined",
        "left_on",
        "offers",
        "areas",
        "minimum_cents",
        "earlier",
    )

    id: int
    name: str
    category: str
    business: str | None
    phone: str | None
    email: str | None
    joined: dt.date
    left_on: dt.date | None
    # The profile: what they offer (none: the category's words), the areas they serve (none:
    # anywhere) and the smallest job worth taking.
    offers: tuple[str, ...]
    areas: tuple[str, ...]
    minimum_cents: int | None
    # The spells on the roll before a return (``rejoin``), oldest first: (joined, left) each.
    earlier: tuple[tuple[dt.date, dt.date], ...]

    def __init__(
        self,
        id: int,
        name: str,
        category: str,
        business: str | None,
        phone: str | None,
        email: str | None,
        joined: dt.date,
        left_on: dt.date | None,
        offers: tuple[str, ...] = (),
        areas: tuple[str, ...] = (),
        minimum_cents: int | None = None,
        earlier: tuple[tuple[dt.date, dt.date], ...] = (),
    ) -> None:
        self.id = id
        self.name = name
        self.category = category
        self.business = business
        self.phone = phone
        self.email = email
        self.joined = joined
        self.left_on = left_on
        self.offers = offers
        self.areas = areas
        self.minimum_cents = minimum_cents
        self.earlier = earlier

    @property
    def minimum(self) -> float | None:
        return None if self.minimum_cents is None else self.minimum_cents / 100

    def profile_json(self) -> dict[str, object]:
        """The profile keys ``member show --json`` adds (SPEC 4)."""
        return {"offers": list(self.offers), "areas": list(self.areas), "minimum": self.minimum}

    @property
    def active(self) -> bool:
        return self.left_on is None

    def on_roll(self, day: dt.date) -> bool:
        """Whether the member belonged to the group on ``day`` (joining and leaving days included),
        in their present spell or in one before they came back."""
        if self.joined <= day and (self.left_on is None or day <= self.left_on):
            return True
        return any(start <= day <= end for start, end in self.earlier)

    @property
    def first_joined(self) -> dt.date:
        """The day they first joined (``joined`` is the day of their latest return)."""
        return self.earlier[0][0] if self.earlier else self.joined

    def spell(self, day: dt.date) -> tuple[dt.date, dt.date | None]:
        """The spell on the roll that ``day`` falls in, or the last one begun by then (the present
        one when none has): its first and last day (None: still a member)."""
        if day < self.joined:
            for start, end in reversed(self.earlier):
                if start <= day:
                    return start, end
        return self.joined, self.left_on

    def away(self, day: dt.date) -> bool:
        """Whether the member was off the roll on ``day``: left by then, or between leaving and
        coming back (a day before they first joined is not counted as away)."""
        return self.off_roll(day, "the day") is not None

    def off_roll(self, day: dt.date, what: str) -> str | None:
        """Why nothing can be recorded for the member on ``day`` (None: it can): a day after they
        left, or one between leaving and coming back. A day before they first joined is not
        refused here: it moves their joined date back (``backdate``)."""
        if self.left_on is not None and day > self.left_on:
            return f"{self.label} left on {self.left_on}, before {what} {day}"
        if day >= self.joined or not self.earlier or day < self.earlier[0][0]:
            return None
        if self.on_roll(day):
            return None
        away = max(end for _, end in self.earlier if end < day)
        back = min([start for start, _ in self.earlier if start > day] + [self.joined])
        return (
            f"{self.label} left on {away} and came back on {back}: "
            f"nothing is recorded for them for {what} {day}"
        )

    @property
    def label(self) -> str:
        return f"#{self.id} {self.name}"

    def as_json(self) -> dict[str, object]:
        """The keys of SPEC 4 (``member list --json``); ``member show`` adds when they left."""
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "business": self.business,
            "phone": self.phone,
            "email": self.email,
            "joined": self.joined.isoformat(),
            "active": self.active,
        }


COLUMNS = (
    "id, name, category, business, phone, email, joined, left_on, offers, areas, minimum_cents, "
    "earlier"
)
PROFILE = ("offers", "areas", "minimum_cents")


def from_row(row: sqlite3.Row) -> Member:
    return Member(
        id=row["id"],
        name=row["name"],
        category=row["category"],
        business=row["business"],
        phone=row["phone"],
        email=row["email"],
        joined=dt.date.fromisoformat(row["joined"]),
        left_on=dt.date.fromisoformat(row["left_on"]) if row["left_on"] else None,
        offers=_list(row["offers"]),
        areas=_list(row["areas"]),
        minimum_cents=row["minimum_cents"],
        earlier=_spells(row["earlier"]),
    )


def _spells(text: str | None) -> tuple[tuple[dt.date, dt.date], ...]:
    # None: a row as the change log kept it before members had spells (a week rebuilt as it stood).
    if text is None or text == "[]":
        return ()
    return tuple(
        (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        for start, end in json.loads(text)
    )


def spells_json(spells: tuple[tuple[dt.date, dt.date], ...]) -> str:
    return json.dumps([[start.isoformat(), end.isoformat()] for start, end in spells])


def _list(text: str) -> tuple[str, ...]:
    return () if text == "[]" else tuple(json.loads(text))


def all_members(conn: sqlite3.Connection, *, include_left: bool = True) -> list[Member]:
    where = "" if include_left else " WHERE left_on IS NULL"
    rows = conn.execute(f"SELECT {COLUMNS} FROM members{where} ORDER BY name COLLATE NOCASE, id")
    return [from_row(r) for r in rows]


def get(conn: sqlite3.Connection, member_id: int) -> Member:
    if not 0 <= member_id <= parse.MAX_ID:
        raise NotFound(f"no member #{member_id}")
    row = conn.execute(f"SELECT {COLUMNS} FROM members WHERE id = ?", [member_id]).fetchone()
    if row is None:
        raise NotFound(f"no member #{member_id}")
    return from_row(row)


def resolve(conn: sqlite3.Connection, ref: str) -> Member:
    """The member named by an id (``3``, ``#3``) or a unique, case-insensitive name prefix.

    A name typed in full wins over longer names it is a prefix of.
    """
    key = parse.member_ref(ref)
    number: int | None = None
    if isinstance(key, int):
        if ref.strip().startswith("#"):
            return get(conn, key)
        try:
            return get(conn, key)
        except NotFound:
            number, key = key, ref.strip()  # a name made of digits
    wanted = key.casefold()
    everyone = _named_like(conn, key)
    exact = [m for m in everyone if m.name.casefold() == wanted]
    found = exact or [m for m in everyone if m.name.casefold().startswith(wanted)]
    if not found:
        what = f"#{number}, nor one named {key!r}" if number is not None else f"named {key!r}"
        raise NotFound(f"no member {what} (`leadcli member list` shows the roster)")
    if len(found) > 1:
        names = ", ".join(f"{m.label}{'' if m.active else ' (left)'}" for m in found[:8])
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        raise Ambiguous(
            f"{key!r} matches several members: {names}{more}; use more of the name or the id"
        )
    return found[0]


def _named_like(conn: sqlite3.Connection, prefix: str) -> list[Member]:
    """Members whose name may begin with ``prefix``, without case: those LIKE it (ASCII case
    folding) and every name with a character beyond ASCII (compared by the caller)."""
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM members WHERE name LIKE ? ESCAPE '\\' OR name GLOB '*[^ -~]*' "
        "ORDER BY name COLLATE NOCASE, id",
        [pattern],
    )
    return [from_row(r) for r in rows]


def holder(conn: sqlite3.Connection, category: str, *, besides: int | None = None) -> Member | None:
    """The active member holding ``category`` (compared without case), if any."""
    if category.isascii():
        # The partial unique index answers this in one look-up.
        row = conn.execute(
            f"SELECT {COLUMNS} FROM members WHERE left_on IS NULL AND category = ? COLLATE NOCASE "
            "AND id IS NOT ? LIMIT 1",
            [category, besides],
        ).fetchone()
        return from_row(row) if row else None
    wanted = category.casefold()
    for member in all_members(conn, include_left=False):
        if member.category.casefold() == wanted and member.id != besides:
            return member
    return None


def _check_category(conn: sqlite3.Connection, category: str, besides: int | None = None) -> None:
    taken = holder(conn, category, besides=besides)
    if taken:
        raise Conflict(
            f"category {category!r} is held by {taken.label}; one active member per category"
        )


def _check_name(conn: sqlite3.Connection, name: str, besides: int | None = None) -> None:
    """Names tell members apart on the command line: two alike could only be named by id."""
    wanted = name.casefold()
    for other in _named_like(conn, name):
        if other.name.casefold() == wanted and other.id != besides:
            if other.left_on is not None:
                raise Conflict(
                    f"a member named {name!r} already exists ({other.label}, who left on "
                    f"{other.left_on}); to bring them back: leadcli member rejoin {other.id}; "
                    "for someone else, a name that tells them apart (a middle initial)"
                )
            raise Conflict(
                f"a member named {name!r} already exists ({other.label}); "
                "give the new one a name that tells them apart (a middle initial)"
            )


def add(
    conn: sqlite3.Connection,
    *,
    name: str,
    category: str,
    business: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    joined: dt.date,
    offers: tuple[str, ...] = (),
    areas: tuple[str, ...] = (),
    minimum_cents: int | None = None,
    earlier: tuple[tuple[dt.date, dt.date], ...] = (),
) -> Member:
    """Add a member (``earlier``: their spells on the roll before a return, from a file);
    call inside a transaction."""
    _check_name(conn, name)
    _check_category(conn, category)
    cursor = conn.execute(
        "INSERT INTO members (name, category, business, phone, email, joined, created_at, "
        "offers, areas, minimum_cents, earlier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            name,
            category,
            business,
            phone,
            email,
            joined.isoformat(),
            clock.stamp(clock.now()),
            json.dumps(list(offers)),
            json.dumps(list(areas)),
            minimum_cents,
            spells_json(earlier),
        ],
    )
    assert cursor.lastrowid is not None
    from leadcli import changes

    changes.log(conn, "members", [cursor.lastrowid], None)
    return get(conn, cursor.lastrowid)


def edit(conn: sqlite3.Connection, member: Member, **fields: object) -> Member:
    """Change a member's fields; call inside a transaction."""
    updated = replace(member, **fields)  # type: ignore[arg-type]
    if updated.name.casefold() != member.name.casefold():
        _check_name(conn, updated.name, besides=member.id)
    if updated.category.casefold() != member.category.casefold() and updated.active:
        _check_category(conn, updated.category, besides=member.id)
    # Only the present spell: what they did before they came back is not moved.
    before_return = member.earlier[-1][1].isoformat() if member.earlier else ""
    if member.earlier and updated.joined.isoformat() <= before_return:
        raise BadInput(
            f"{member.label} came back after leaving on {before_return}; "
            f"their joined date is a day after it, not {updated.joined}"
        )
    first_meeting = conn.execute(
        "SELECT min(meeting) FROM attendance WHERE member_id = ? AND meeting > ?",
        [member.id, before_return],
    ).fetchone()[0]
    if first_meeting and updated.joined.isoformat() > first_meeting:
        raise Conflict(
            f"{member.label} has attendance recorded on {first_meeting}, before {updated.joined}"
        )
    if updated == member:
        return member
    from leadcli import changes

    changes.keep(conn, "members", [member.id])
    conn.execute(
        "UPDATE members SET name = ?, category = ?, business = ?, phone = ?, email = ?, joined = ?, "
        "offers = ?, areas = ?, minimum_cents = ? WHERE id = ?",
        [
            updated.name,
            updated.category,
            updated.business,
            updated.phone,
            updated.email,
            updated.joined.isoformat(),
            json.dumps(list(updated.offers)),
            json.dumps(list(updated.areas)),
            updated.minimum_cents,
            member.id,
        ],
    )
    return get(conn, member.id)


def backdate(conn: sqlite3.Connection, member_id: int, day: dt.date) -> None:
    """A member recorded at a meeting before the day they joined was in the group by then:
    their joined date moves back to that meeting (never forward). For a member who came back,
    a day of an earlier spell moves nothing, one before the first moves that spell's start, and
    one while they were away is refused. Call inside a transaction."""
    later = conn.execute(
        "SELECT 1 FROM members WHERE id = ? AND joined > ?", [member_id, day.isoformat()]
    ).fetchone()
    if not later:
        return
    member = get(conn, member_id)
    from leadcli import changes

    if member.earlier:
        refuse_after_leaving(member, day, "the day of")
        if member.on_roll(day):
            return
        moved = ((day, member.earlier[0][1]), *member.earlier[1:])
        changes.keep(conn, "members", [member_id])
        conn.execute("UPDATE members SET earlier = ? WHERE id = ?", [spells_json(moved), member_id])
        return
    changes.keep(conn, "members", [member_id])
    conn.execute("UPDATE members SET joined = ? WHERE id = ?", [day.isoformat(), member_id])


def refuse_after_leaving(member: Member, day: dt.date, what: str) -> None:
    """Nothing is recorded for a member at a meeting after the day they left, nor while they
    were away before coming back."""
    problem = member.off_roll(day, what)
    if problem:
        raise Conflict(problem)


def leave(conn: sqlite3.Connection, member: Member, on: dt.date) -> Member:
    """Record that a member left on ``on``; their history stays. Call inside a transaction."""
    if member.left_on is not None:
        raise Conflict(f"{member.label} already left on {member.left_on}")
    if on < member.joined:
        raise BadInput(f"{member.label} joined on {member.joined}, after {on}")
    later = conn.execute(
        "SELECT max(meeting) FROM attendance WHERE member_id = ? AND meeting > ?",
        [member.id, on.isoformat()],
    ).fetchone()[0]
    if later:
        raise Conflict(f"{member.label} has attendance recorded on {later}, after {on}")
    from leadcli import changes

    changes.keep(conn, "members", [member.id])
    conn.execute("UPDATE members SET left_on = ? WHERE id = ?", [on.isoformat(), member.id])
    return get(conn, member.id)


def rejoin(
    conn: sqlite3.Connection, member: Member, on: dt.date, category: str | None = None
) -> Member:
    """A member who left comes back on ``on``, in their old category unless another is given:
    their membership starts again that day (their standing is counted from it), and what they
    did before stays on record. Call inside a transaction."""
    if member.left_on is None:
        raise Conflict(f"{member.label} has not left the group; nothing to rejoin")
    if on <= member.left_on:
        raise BadInput(f"{member.label} left on {member.left_on}; a return comes after that day")
    category = member.category if category is None else category
    _check_category(conn, category, besides=member.id)
    earlier = (*member.earlier, (member.joined, member.left_on))
    from leadcli import changes

    changes.keep(conn, "members", [member.id])
    conn.execute(
        "UPDATE members SET left_on = NULL, joined = ?, category = ?, earlier = ? WHERE id = ?",
        [on.isoformat(), category, spells_json(earlier), member.id],
    )
    return get(conn, member.id)


def on_roll(conn: sqlite3.Connection, day: dt.date) -> list[Member]:
    """Members who belonged to the group on ``day``, by name."""
    return [m for m in all_members(conn) if m.on_roll(day)]
