"""BNI's Member Traffic Lights (SPEC 5.2, ``standing.scheme = traffic-lights``).

Each member earns points over their own part of the standing window for seven components
(absences, referrals given, visitors invited, testimonials, arriving late, CEUs and business
closed from the leads they gave); the total gives a light: GREEN, AMBER, RED or GREY.

Each component's bands are a setting, written as the specification reads them:
``<0.5:0, <0.75:5, <1:10, <1.2:15, else:20`` ("below 0.5 a week, 0 points; below 0.75, 5 ..."),
or ``0:15, 1:10, 2:5, else:0`` ("no absence, 15 points; at most one, 10 ..."). A bare bound means
"at most"; ``<`` means "below". The bounds must increase; the last step is ``else``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from leadcli.bands import Band, parse_band

if TYPE_CHECKING:
    from leadcli.scorecard import Standing
    from leadcli.settings import Settings

LIGHTS = ("GREEN", "AMBER", "RED", "GREY")
# Lights that need attention (``member quota --check``, the weekly report).
ATTENTION = ("RED", "GREY")

# ---------------------------------------------------------------------------- components


@dataclass(frozen=True)
class Kind:
    name: str
    setting: str
    unit: str  # "week" (a rate per week), "count" or "money"
    more_is_better: bool
    label: str
    noun: str  # one unit of it, for the sentences
    verb: str


COMPONENTS = (
    Kind("absences", "traffic.absences", "count", False, "absences", "absence", ""),
    Kind("referrals", "traffic.referrals", "week", True, "referrals a week", "referral", "give"),
    Kind("visitors", "traffic.visitors", "week", True, "visitors a week", "visitor", "invite"),
    Kind(
        "testimonials",
        "traffic.testimonials",
        "week",
        True,
        "testimonials a week",
        "testimonial",
        "give",
    ),
    Kind("late", "traffic.late", "count", False, "times late", "late arrival", ""),
    Kind("ceus", "traffic.ceus", "count", True, "CEUs", "CEU", "earn"),
    Kind(
        "closed_business",
        "traffic.closed_business",
        "money",
        True,
        "closed business",
        "dollar",
        "close",
    ),
)


@dataclass(frozen=True)
class Component:
    kind: Kind
    count: float  # absences, referrals, ... ; dollars for closed business
    weeks: int
    points: int
    max_points: int

    @property
    def value(self) -> float:
        if self.kind.unit == "week":
            return self.count / self.weeks if self.weeks else 0.0
        return self.count

    def as_json(self) -> dict[str, Any]:
        value = self.value
        shown: float | int = round(value, 4) if self.kind.unit == "week" else round(value, 2)
        if self.kind.unit == "count":
            shown = int(value)
        return {
            "name": self.kind.name,
            "value": shown,
            "points": self.points,
            "max_points": self.max_points,
        }

    def show(self) -> str:
        if self.kind.unit == "week":
            return f"{self.value:.2f} ({self.count:g} in {self.weeks} weeks)"
        if self.kind.unit == "money":
            return f"${self.count:,.2f}"
        return f"{self.count:g}"


@dataclass
class Traffic:
    components: list[Component]
    light_bounds: tuple[int, int, int]

    @property
    def points(self) -> int:
        return sum(c.points for c in self.components)

    @property
    def max_points(self) -> int:
        return sum(c.max_points for c in self.components)

    @property
    def light(self) -> str:
        return light(self.points, self.light_bounds)

    def as_json(self) -> dict[str, Any]:
        return {
            "points": self.points,
            "light": self.light,
            "components": [c.as_json() for c in self.components],
        }


def light(points: int, bounds: tuple[int, int, int]) -> str:
    green, amber, red = bounds
    if points >= green:
        return "GREEN"
    if points >= amber:
        return "AMBER"
    if points >= red:
        return "RED"
    return "GREY"


def bands(settings: Settings) -> dict[str, Band]:
    return {kind.name: parse_band(settings.text(kind.setting)) for kind in COMPONENTS}


def light_bounds(settings: Settings) -> tuple[int, int, int]:
    return (
        settings.integer("traffic.green"),
        settings.integer("traffic.amber"),
        settings.integer("traffic.red"),
    )


# ---------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Activity:
    """What each member did between two days, read in a few queries."""

    referrals: dict[int, list[dt.date]]
    visitors: dict[int, list[dt.date]]
    testimonials: dict[int, list[tuple[dt.date, int]]]
    ceus: dict[int, list[tuple[dt.date, int]]]
    closed: dict[int, list[tuple[dt.date, int]]]


def read(conn: sqlite3.Connection, low: dt.date, high: dt.date, ids: str | None = None) -> Activity:
    """(``ids``: a JSON list of the members to read the leads of, else everyone.)"""
    from leadcli import activity, visitors
    from leadcli.lead_record import LIVE

    span = [low.isoformat(), high.isoformat()]
    # For named members, their leads alone: through the index of givers for the window's
    # referrals, and kept by lead id (from that index) for the leads closed in the window.
    named = [] if ids is None else [ids]
    mine = "" if ids is None else " AND giver_id IN (SELECT value FROM json_each(?))"
    theirs = (
        ""
        if ids is None
        else " AND +id IN (SELECT id FROM leads WHERE giver_id IN (SELECT value FROM json_each(?)))"
    )
    referrals: dict[int, list[dt.date]] = defaultdict(list)
    for giver, day in conn.execute(
        "SELECT giver_id, date FROM leads WHERE date BETWEEN ? AND ? AND verdict <> 'INCOMPLETE' "
        f"AND {LIVE}" + mine,
        span + named,
    ):
        referrals[giver].append(dt.date.fromisoformat(day))
    closed: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for giver, day, cents in conn.execute(
        "SELECT giver_id, substr(closed_at, 1, 10), amount_cents FROM leads "
        f"WHERE status = 'won' AND closed_at >= ? AND closed_at < ? AND {LIVE}" + theirs,
        [low.isoformat(), (high + dt.timedelta(days=1)).isoformat(), *named],
    ):
        closed[giver].append((dt.date.fromisoformat(day), cents or 0))
    return Activity(
        referrals=referrals,
        visitors=visitors.invited(conn, low, high),
        testimonials=activity.dated(conn, "testimonial", low, high),
        ceus=activity.dated(conn, "ceu", low, high),
        closed=closed,
    )


def _within(items: Sequence[Any], start: dt.date, end: dt.date) -> float:
    """How many dated items (or the sum of their amounts) fall between two days."""
    total = 0.0
    for item in items:
        day, amount = item if isinstance(item, tuple) else (item, 1)
        if start <= day <= end:
            total += amount
    return total


def score(standing: Standing, done: Activity, settings: Settings) -> Traffic:
    """The traffic light of one member over their own part of the window."""
    member, start, end = standing.member.id, standing.start, standing.end
    marks = standing.marks.values()
    counts = {
        "absences": float(sum(1 for s in marks if s == "absent")),
        "referrals": _within(done.referrals.get(member, ()), start, end),
        "visitors": _within(done.visitors.get(member, ()), start, end),
        "testimonials": _within(done.testimonials.get(member, ()), start, end),
        "late": float(sum(1 for s in marks if s == "late")),
        "ceus": _within(done.ceus.get(member, ()), start, end),
        "closed_business": _within(done.closed.get(member, ()), start, end) / 100,
    }
    found = bands(settings)
    weeks = len(standing.meetings)
    components = []
    for kind in COMPONENTS:
        band, count = found[kind.name], counts[kind.name]
        value = (count / weeks if weeks else 0.0) if kind.unit == "week" else count
        components.append(Component(kind, count, weeks, band.points(value), band.max_points))
    return Traffic(components, light_bounds(settings))


# ---------------------------------------------------------------------------- the chapter

CHAPTER_WEEKS = 4


@dataclass(frozen=True)
class Chapter:
    """How many members stand at each light now, and four weeks before."""

    as_of: dt.date
    before_as_of: dt.date
    now: dict[str, int]
    before: dict[str, int]

    @staticmethod
    def shares(counts: dict[str, int]) -> dict[str, float | None]:
        total = sum(counts.values())
        return {w: (counts[w] / total if total else None) for w in LIGHTS}

    def as_json(self) -> dict[str, Any]:
        def side(day: dt.date, counts: dict[str, int]) -> dict[str, Any]:
            shares = self.shares(counts)
            return {
                "as_of": day.isoformat(),
                "members": dict(counts),
                "shares": {w: None if v is None else round(v, 4) for w, v in shares.items()},
            }

        return side(self.as_of, self.now) | {"four_weeks_ago": side(self.before_as_of, self.before)}


def _tally(standings: Sequence[Standing]) -> dict[str, int]:
    counts = {w: 0 for w in LIGHTS}
    for s in standings:
        if s.traffic is not None:
            counts[s.traffic.light] += 1
    return counts


def chapter(
    standings: Sequence[Standing], then: Sequence[Standing], as_of: dt.date, before: dt.date
) -> Chapter:
    """The chapter's lights as of ``as_of`` (``standings``) against ``before`` (``then``: the
    members on the roll four weeks earlier)."""
    return Chapter(as_of, before, _tally(standings), _tally(then))
