"""The BNI side of the demo (``demo --preset bni``): members of every habit, so that the chapter
spreads over all four traffic lights, and the activity the lights count: visitors invited,
one-to-ones, CEUs and testimonials."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from leadcli.demo_data import FIRST_NAMES, LAST_NAMES, TRADES

if TYPE_CHECKING:
    from leadcli.demo_person import Person

# (share of the chapter, chance of coming, of being late, referrals a week, visitors a week,
#  testimonials a week, CEUs in six months): a member's habits go together.
TIERS = (
    (0.35, 0.99, 0.02, 1.3, 0.30, 0.12, 4),
    (0.30, 0.95, 0.04, 0.8, 0.15, 0.06, 2),
    (0.20, 0.88, 0.08, 0.5, 0.06, 0.03, 1),
    (0.15, 0.72, 0.15, 0.2, 0.00, 0.00, 0),
)
ONE_TO_ONES_A_WEEK = 0.5


@dataclass
class Habits:
    visitors: float
    testimonials: float
    ceus: int


@dataclass
class Chapter:
    habits: dict[int, Habits] = field(default_factory=dict)
    visitors: list[tuple[Any, ...]] = field(default_factory=list)
    activity: list[tuple[Any, ...]] = field(default_factory=list)


def shape(rng: random.Random, people: list[Person]) -> Chapter:
    """Give each member the habits of a tier, in the tiers' shares (every tier has someone)."""
    chapter = Chapter()
    order = list(people)
    rng.shuffle(order)
    bounds, total = [], 0.0
    for tier in TIERS:
        total += tier[0]
        bounds.append(round(total * len(order)))
    for index, person in enumerate(order):
        tier = next((t for t, bound in zip(TIERS, bounds, strict=True) if index < bound), TIERS[-1])
        _, come, late, gives, visitors, testimonials, ceus = tier
        person.come, person.late, person.gives = come, late, gives
        chapter.habits[person.id] = Habits(visitors, testimonials, ceus)
    return chapter


def fill(
    rng: random.Random,
    chapter: Chapter,
    people: list[Person],
    days: list[dt.date],
    marks: dict[tuple[dt.date, int], tuple[str, str | None]],
    stamp: str,
) -> None:
    """Visitors and testimonials at the meetings members came to; CEUs over their months;
    one-to-ones between members on the roll."""
    present = ("present", "late")
    held = [d for d in days if any(k[0] == d for k in marks)]
    for day in held:
        roll = [p for p in people if p.on_roll(day)]
        for person in roll:
            if marks.get((day, person.id), ("absent",))[0] not in present:
                continue
            habits = chapter.habits[person.id]
            if rng.random() < habits.visitors:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                category = rng.choice(TRADES)[0]
                chapter.visitors.append(
                    (name, category, None, None, None, person.id, day.isoformat(), stamp)
                )
            if rng.random() < habits.testimonials:
                chapter.activity.append(("testimonial", person.id, None, day.isoformat(), 1, stamp))
        for person in roll:
            if rng.random() < ONE_TO_ONES_A_WEEK / 2:
                others = [p for p in roll if p.id != person.id]
                if others:
                    other = rng.choice(others)
                    when = day + dt.timedelta(days=rng.randint(1, 5))
                    if person.on_roll(when) and other.on_roll(when) and when <= days[-1]:
                        chapter.activity.append(
                            ("one-to-one", person.id, other.id, when.isoformat(), 1, stamp)
                        )
    # CEUs: each member's count over the last six months, spread over their days on the roll.
    recent = [d for d in days if d > days[-1] - dt.timedelta(weeks=26)]
    for person in people:
        mine = [d for d in recent if person.on_roll(d)]
        remaining = chapter.habits[person.id].ceus
        while remaining > 0 and mine:
            count = min(remaining, rng.choice((1, 1, 2)))
            day = rng.choice(mine)
            chapter.activity.append(("ceu", person.id, None, day.isoformat(), count, stamp))
            remaining -= count


def insert(conn: sqlite3.Connection, chapter: Chapter) -> None:
    """Write the chapter's visitors and activity; call inside the demo's transaction."""
    conn.executemany(
        "INSERT INTO visitors (name, category, business, phone, email, invited_by, date, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        chapter.visitors,
    )
    conn.executemany(
        "INSERT INTO activity (kind, member_id, other_id, date, count, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        sorted(chapter.activity, key=lambda row: (row[3], row[0], row[1])),
    )
