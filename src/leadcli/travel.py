"""Where a lead travels next (SPEC 5.4): the other members ranked by the group's own spin-off
history, then by contact sphere.

A spin-off is a lead with a parent. The history counts, for each pair of categories, how often a
lead to the first spun off a lead to the second (the receivers' categories, as leadcli knows them:
"Mortgage broker" and "mortgage" alike). A lead to a realtor ranks first the members whose
category the group's realtor leads have fed most; then the members of the realtor's sphere.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass

from leadcli import categories, members
from leadcli.leads import Lead
from leadcli.members import Member
from leadcli.words import plural


@dataclass(frozen=True)
class Stop:
    """A member a lead may travel to, and why."""

    member: Member
    sphere: str | None
    spin_offs: int
    same_sphere: bool
    reason: str

    def as_json(self) -> dict[str, object]:
        return {
            "member": self.member.name,
            "category": self.member.category,
            "sphere": self.sphere,
            "spin_offs": self.spin_offs,
            "reason": self.reason,
        }


def history(conn: sqlite3.Connection) -> Counter[tuple[str, str]]:
    """Spin-offs counted by (kind of the parent's receiver, kind of the child's receiver); a lead
    voided as entered by mistake counts nowhere, as a parent or as a spin-off."""
    pairs = conn.execute(
        "SELECT pm.category, cm.category FROM leads c "
        "JOIN leads p ON p.id = c.parent_id "
        "JOIN members pm ON pm.id = p.receiver_id "
        "JOIN members cm ON cm.id = c.receiver_id "
        "WHERE c.parent_id > 0 AND c.voided_at IS NULL AND p.voided_at IS NULL"  # by index
    )
    kinds: dict[str, str] = {}

    def kind(name: str) -> str:
        if name not in kinds:
            kinds[name] = categories.kind(name)
        return kinds[name]

    return Counter((kind(a), kind(b)) for a, b in pairs)


def next_stops(
    conn: sqlite3.Connection, lead: Lead, counts: Counter[tuple[str, str]] | None = None
) -> list[Stop]:
    """The active members this lead may travel to, best first: most spin-offs from the
    receiver's category to theirs, then the receiver's sphere, then by name. The receiver and
    the giver (who knows the prospect already) are not among them; a general opportunity, with
    no receiver, travels nowhere in particular: none. ``counts``: the history, if already read."""
    if lead.receiver_id is None:
        return []
    receiver = members.get(conn, lead.receiver_id)
    spheres = categories.load_spheres(conn)
    source = categories.kind(receiver.category)
    home = spheres.of(receiver.category)
    counts = history(conn) if counts is None else counts
    found = []
    for member in members.all_members(conn, include_left=False):
        if member.id in (receiver.id, lead.giver_id):
            continue
        sphere = spheres.of(member.category)
        count = counts[(source, categories.kind(member.category))]
        same = home is not None and sphere == home
        if count or same:
            reason = _reason(receiver, member, count, home if same else None)
            found.append(Stop(member, sphere, count, same, reason))
    found.sort(key=lambda s: (-s.spin_offs, not s.same_sphere, s.member.name.casefold()))
    return found


def _reason(receiver: Member, member: Member, count: int, sphere: str | None) -> str:
    if count:
        said = (
            f"Leads to {receiver.category} have spun off "
            f"{plural(count, 'lead')} to {member.category} in this group"
        )
        return said + (f"; both serve the {sphere} sphere." if sphere else ".")
    return f"{member.category} serves the {sphere} sphere, as {receiver.category} does."


def label(stop: Stop) -> str:
    """A stop in a few words: "Mo Lend (Mortgage broker, 3 spin-offs)"."""
    why = plural(stop.spin_offs, "spin-off") if stop.spin_offs else f"{stop.sphere} sphere"
    return f"{stop.member.name} ({stop.member.category}, {why})"


def one_line(stops: list[Stop], limit: int = 3) -> str:
    """The first few stops on one line, for `lead add` and `lead update --status won`."""
    if not stops:
        return ""
    return "May travel next: " + ", ".join(label(s) for s in stops[:limit])
