"""Categories and contact spheres (SPEC 5.4): who holds each category, which sphere it serves,
the unmet needs that want it, the visitors waiting for it, and the openings worth recruiting.

A category is known by its *kind*: the shipped vocabulary's name when leadcli knows it
("Plumbing" and "Plumber" are both the kind ``plumber``), else its name folded. Two names of one
kind are one category: a group holding "Plumber" does not want "Plumbing".
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from leadcli import clock, vocabulary
from leadcli.errors import BadInput, Conflict
from leadcli.members import Member
from leadcli.record import replace
from leadcli.words import plural


def fold(name: str) -> str:
    return " ".join(name.split()).casefold()


@functools.lru_cache(maxsize=4096)
def kind(name: str) -> str:
    """The category a name is, as leadcli knows it (names repeat: remembered)."""
    known = vocabulary.category_for(name)
    return known.name if known else fold(name)


ACRONYMS = {"hvac": "HVAC", "it": "IT"}


def vocabulary_name(name: str) -> str:
    """A shipped category's name as a group would write it: "home inspection" → "Home inspection",
    "hvac" → "HVAC"."""
    words = [ACRONYMS.get(word, word) for word in name.split()]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def rows(conn: sqlite3.Connection, sql: str, args: Sequence[object] = ()) -> list[sqlite3.Row]:
    """Rows of a query; none when the file predates the table (an older group file read as is)."""
    try:
        return conn.execute(sql, list(args)).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise


# -- contact spheres -------------------------------------------------------------------------


@dataclass(frozen=True)
class Spheres:
    """The sphere of each category: the group's own choices over the shipped map."""

    chosen: dict[str, str] = field(default_factory=dict)

    def of(self, name: str) -> str | None:
        return self.chosen.get(kind(name)) or vocabulary.sphere_of(name)

    def known(self) -> set[str]:
        shipped = {c.sphere for c in vocabulary.categories() if c.sphere}
        return shipped | set(self.chosen.values())


def load_spheres(conn: sqlite3.Connection) -> Spheres:
    return Spheres({r["kind"]: r["sphere"] for r in rows(conn, "SELECT * FROM category_spheres")})


def sphere_name(text: str) -> str:
    """A sphere as typed, tidied: spaces collapsed, lower case (spheres read "money and law")."""
    name = " ".join(text.split()).lower()
    if not name:
        raise BadInput("SPHERE must not be empty (name a contact sphere such as 'home')")
    return name


# -- what a group holds, wants and is asked for ---------------------------------------------


@dataclass(frozen=True)
class Need:
    category: str
    date: dt.date


@dataclass(frozen=True)
class Applicant:
    """A visitor who named a category and has not joined (no member has their name)."""

    name: str
    category: str
    date: dt.date
    group: str


@dataclass
class Group:
    """One group file as the category commands see it, read in one snapshot."""

    name: str
    today: dt.date
    window_weeks: int
    active: list[Member]
    left: list[Member]
    needs: list[Need]
    applicants: list[Applicant]
    spheres: Spheres

    @property
    def window_start(self) -> dt.date:
        """Unmet needs after this day count as recent (the standing window)."""
        return self.today - dt.timedelta(weeks=self.window_weeks)

    def holder(self, name: str) -> Member | None:
        wanted = kind(name)
        return next((m for m in self.active if kind(m.category) == wanted), None)

    def sphere_members(self) -> dict[str, list[Member]]:
        found: dict[str, list[Member]] = defaultdict(list)
        for member in self.active:
            sphere = self.spheres.of(member.category)
            if sphere:
                found[sphere].append(member)
        return found


def read_group(conn: sqlite3.Connection, today: dt.date, *, as_of: bool = False) -> Group:
    """Everything the category commands need from one file (read only). With ``as_of``, the
    group as it stood at the end of ``today`` (for a past week's report): its roster that day,
    the needs and visitors recorded by then."""
    from leadcli import members, settings

    group = settings.load(conn)
    everyone = members.all_members(conn)
    if as_of:
        everyone = [m for m in everyone if m.first_joined <= today]
        everyone = [
            replace(m, left_on=None) if m.left_on and m.left_on > today else m for m in everyone
        ]
    joined = {fold(m.name) for m in everyone}
    name = group.text("group.name")
    needs = [
        Need(r["category"], dt.date.fromisoformat(r["date"]))
        for r in rows(conn, "SELECT category, date FROM unmet_needs ORDER BY id")
        if not as_of or r["date"] <= today.isoformat()
    ]
    applicants = [
        Applicant(r["name"], r["category"], dt.date.fromisoformat(r["date"]), name)
        for r in rows(
            conn,
            "SELECT name, category, date FROM visitors WHERE category IS NOT NULL ORDER BY date, id",
        )
        if fold(r["name"]) not in joined and (not as_of or r["date"] <= today.isoformat())
    ]
    return Group(
        name=name,
        today=today,
        window_weeks=group.integer("attendance.window_weeks"),
        active=[m for m in everyone if m.active],
        left=[m for m in everyone if not m.active],
        needs=needs,
        applicants=applicants,
        spheres=load_spheres(conn),
    )


# -- changes ---------------------------------------------------------------------------------


def set_sphere(conn: sqlite3.Connection, category: str, sphere: str, today: dt.date) -> str:
    """Put a category the group holds, wants or is asked for in a sphere; call in a transaction.
    Returns the category as the group writes it."""
    name = " ".join(category.split())
    wanted = sphere_name(sphere)
    if not name:
        raise BadInput("CATEGORY must not be empty")
    group = read_group(conn, today)
    known = _names_of(group).get(kind(name))
    if known is None:
        raise BadInput(
            f"nobody in the group holds or wants {name!r} "
            "(`leadcli category list` shows the categories; `category want` records a need)"
        )
    conn.execute(
        "INSERT INTO category_spheres (kind, category, sphere, set_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(kind) DO UPDATE SET category = excluded.category, "
        "sphere = excluded.sphere, set_at = excluded.set_at",
        [kind(name), known, wanted, clock.stamp(clock.now())],
    )
    return known


def want(
    conn: sqlite3.Connection,
    category: str,
    *,
    member: Member | None,
    day: dt.date,
    note: str | None,
) -> int:
    """Record an unmet need: a lead for a category nobody holds. Call inside a transaction."""
    name = " ".join(category.split())
    if not name:
        raise BadInput("CATEGORY must not be empty")
    from leadcli import members

    for held in members.all_members(conn, include_left=False):
        if kind(held.category) == kind(name):
            raise Conflict(
                f"{held.label} holds {held.category!r}: pass the lead to them "
                f"(leadcli lead add --to {held.id} ...)"
            )
    cursor = conn.execute(
        "INSERT INTO unmet_needs (category, date, member_id, note, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [name, day.isoformat(), member.id if member else None, note, clock.stamp(clock.now())],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def unmet_count(conn: sqlite3.Connection, category: str) -> int:
    wanted = kind(category)
    return sum(
        kind(r["category"]) == wanted for r in rows(conn, "SELECT category FROM unmet_needs")
    )


def receiver(conn: sqlite3.Connection, text: str) -> Member:
    """The member ``--to`` names; when it names a category instead, the error says who holds
    it, or, when nobody does, how to record the unmet need."""
    from leadcli import members
    from leadcli.errors import NotFound

    try:
        return members.resolve(conn, text)
    except NotFound as exc:
        name = " ".join(text.split())
        wanted = kind(name)
        held = [m for m in members.all_members(conn) if kind(m.category) == wanted]
        holder = next((m for m in held if m.active), None)
        if holder is not None:
            raise NotFound(f"{exc.message}; {holder.label} holds {holder.category}") from None
        if held or vocabulary.category_for(name) or wanted in _asked_for(conn):
            raise NotFound(
                f"nobody in the group holds {name!r}: record the unmet need with "
                f"`leadcli category want {_quoted(name)} --from MEMBER`"
            ) from None
        raise


def _asked_for(conn: sqlite3.Connection) -> set[str]:
    """The kinds named by unmet needs and visitors."""
    found = rows(conn, "SELECT category FROM unmet_needs")
    found += rows(conn, "SELECT category FROM visitors WHERE category IS NOT NULL")
    return {kind(r[0]) for r in found}


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


# -- category list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryRow:
    category: str
    sphere: str | None
    holder: Member | None
    unmet_needs: int
    applicants: tuple[str, ...]
    left_by: str | None = None

    @property
    def state(self) -> str:
        if self.holder:
            return "held"
        return "wanted" if self.unmet_needs else "open"

    def as_json(self) -> dict[str, object]:
        return {
            "category": self.category,
            "sphere": self.sphere,
            "holder": self.holder.name if self.holder else None,
            "unmet_needs": self.unmet_needs,
            "applicants": len(self.applicants),
        }


def _names_of(group: Group) -> dict[str, str]:
    """Every kind the group holds, held once, wants or is asked for, with the name it writes."""
    names: dict[str, str] = {}
    ordered: Iterable[str] = (
        *(m.category for m in group.active),
        *(
            m.category
            for m in sorted(group.left, key=lambda m: m.left_on or m.joined, reverse=True)
        ),
        *(n.category for n in group.needs),
        *(a.category for a in group.applicants),
    )
    for name in ordered:
        names.setdefault(kind(name), name)
    return names


def listing(group: Group) -> list[CategoryRow]:
    """Every category held, open (held once, or asked for by a visitor) or wanted, by name."""
    needs: dict[str, int] = defaultdict(int)
    for need in group.needs:
        needs[kind(need.category)] += 1
    waiting: dict[str, list[str]] = defaultdict(list)
    for applicant in group.applicants:
        waiting[kind(applicant.category)].append(applicant.name)
    left: dict[str, str] = {}
    for member in group.left:
        left.setdefault(kind(member.category), member.name)
    found = [
        CategoryRow(
            category=name,
            sphere=group.spheres.of(name),
            holder=group.holder(name),
            unmet_needs=needs[key],
            applicants=tuple(waiting[key]),
            left_by=left.get(key),
        )
        for key, name in _names_of(group).items()
    ]
    return sorted(found, key=lambda r: (fold(r.category), r.category))


# -- openings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opening:
    category: str
    sphere: str | None
    group: str
    unmet_needs: int
    applicants: tuple[Applicant, ...]
    sphere_gap: bool
    reasons: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "category": self.category,
            "sphere": self.sphere,
            "group": self.group,
            "unmet_needs": self.unmet_needs,
            "applicants": len(self.applicants),
            "reasons": list(self.reasons),
        }


def openings(groups: Sequence[Group]) -> list[Opening]:
    """Open categories worth recruiting in every group given, best first: by unmet needs in the
    window, then a sphere with fewer than two members, then applicants waiting (from any of the
    groups: a visitor whose category is taken at lunch may join at breakfast)."""
    pool = [a for g in groups for a in g.applicants]
    by_group = [o for index, g in enumerate(groups) for o in _openings(g, index, pool, groups)]
    by_group.sort(key=lambda p: p[0])
    return [opening for _, opening in by_group]


def _openings(
    group: Group, index: int, pool: list[Applicant], groups: Sequence[Group]
) -> list[tuple[tuple[object, ...], Opening]]:
    spheres = group.sphere_members()
    gaps = {s for s in group.spheres.known() if len(spheres.get(s, [])) < 2}
    recent: dict[str, int] = defaultdict(int)
    for need in group.needs:
        if group.window_start < need.date <= group.today:
            recent[kind(need.category)] += 1
    names = _names_of(group)
    for category in vocabulary.categories():
        if category.sphere in gaps:
            names.setdefault(category.name, vocabulary_name(category.name))
    for applicant in pool:
        names.setdefault(kind(applicant.category), applicant.category)
    held = {kind(m.category) for m in group.active}
    found = []
    for key, name in names.items():
        if key in held:
            continue
        sphere = group.spheres.of(name)
        waiting = tuple(a for a in pool if kind(a.category) == key)
        gap = sphere in gaps if sphere else False
        if not (recent[key] or waiting or gap):
            continue
        reasons = []
        if recent[key]:
            reasons.append(
                f"{plural(recent[key], 'unmet need')} in the last {group.window_weeks} weeks"
            )
        if gap and sphere:
            reasons.append(_gap_reason(sphere, spheres.get(sphere, [])))
        reasons.extend(_applicant_reason(a, group, groups) for a in waiting)
        opening = Opening(name, sphere, group.name, recent[key], waiting, gap, tuple(reasons))
        rank = (-recent[key], not gap, -len(waiting), index, fold(name))
        found.append((rank, opening))
    return found


def _gap_reason(sphere: str, serving: list[Member]) -> str:
    if not serving:
        return f"nobody serves the {sphere} sphere"
    only = serving[0]
    return f"only {only.name} ({only.category}) serves the {sphere} sphere"


def _applicant_reason(applicant: Applicant, group: Group, groups: Sequence[Group]) -> str:
    if any(a is applicant for a in group.applicants):
        return f"{applicant.name} visited on {applicant.date} and asked for it"
    home = next((g for g in groups if any(a is applicant for a in g.applicants)), None)
    holder = home.holder(applicant.category) if home else None
    where = f", where {holder.name} holds it" if holder else ""
    return f"{applicant.name} visited {applicant.group} on {applicant.date}{where}"
