"""A member of the sample group, as the demo imagines them: how often they come, how many
leads they give and how good those are, and the profile they serve by."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class Person:
    id: int
    name: str
    trade: tuple[str, str, int, int]
    category: str
    business: str
    phone: str
    email: str
    joined: dt.date
    left_on: dt.date | None
    come: float
    late: float
    gives: float
    quality: float
    medical_until: dt.date | None = None
    # Their profile (`member add --offers --area --minimum`), and whether their sweet-spot
    # leads really convert better than their other leads (for most members, not all).
    offers: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    minimum_cents: int | None = None
    sweet_converts: bool = True

    @property
    def active(self) -> bool:
        return self.left_on is None

    def on_roll(self, day: dt.date) -> bool:
        return self.joined <= day and (self.left_on is None or day <= self.left_on)
