"""What moves a member up the traffic lights: the cheapest next points, and what would cost
them a light, as sentences they can act on (the traffic lights' "needs")."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from leadcli.traffic import Band, Component, Kind, bands, light, read, score
from leadcli.words import plural

if TYPE_CHECKING:
    import sqlite3

    from leadcli.scorecard import Standing
    from leadcli.settings import Settings


MOST_ACTIONS = 12  # beyond this many visitors or referrals, a step up is not "next"


def moves(standing: Standing, settings: Settings) -> list[str]:
    """The cheapest next points, and what would cost a light, as sentences."""
    traffic = standing.traffic
    if traffic is None:
        return []
    if standing.member.away(standing.as_of):  # left by then, or not yet back
        return []
    found = bands(settings)
    bounds = traffic.light_bounds
    total, now = traffic.points, traffic.light
    upcoming = _next_meeting(standing, settings)
    risks: list[tuple[bool, str]] = []
    ups: list[tuple[int, int, str]] = []
    for component in traffic.components:
        kind, band = component.kind, found[component.kind.name]
        if kind.more_is_better:
            step = _step_up(component, band)
            if step is None:
                continue
            actions, gain, what = step
            after = total + gain
            # Closing business is less in a member's hands than a CEU or a visitor: it ranks
            # as if it took one action more.
            cost = actions + (1 if kind.unit == "money" else 0)
            ups.append((cost, -gain, _up_sentence(what, upcoming, gain, after, now, bounds)))
        else:
            loss = component.points - band.points(component.count + 1)
            if loss <= 0:
                continue
            after = total - loss
            changes = light(after, bounds) != now
            risks.append((changes, _risk_sentence(kind, loss, after, now, bounds)))
    ups.sort()
    urgent = [text for changes, text in risks if changes]
    later = [text for changes, text in risks if not changes]
    return [*urgent, *(text for _, _, text in ups), *later]


def _next_meeting(standing: Standing, settings: Settings) -> dt.date:
    from leadcli import clock

    return clock.regular_day(settings.meeting_weekday, standing.as_of) + dt.timedelta(days=7)


def _step_up(component: Component, band: Band) -> tuple[int, int, str] | None:
    """(actions, points gained, what to do) for the smallest step up, counting the next meeting
    in the weeks of a weekly rate; None at the top of the band or beyond reach."""
    kind, current = component.kind, component.points
    if kind.unit == "money":
        value = component.count
        for step in band.steps:
            if step.bound is None or step.bound < value:
                continue
            target = step.bound if step.below else step.bound + 0.01
            if target > value and band.points(target) > current:
                gap = math.ceil((target - value) * 100) / 100
                gain = band.points(value + gap) - current
                return 1, gain, f"${gap:,.2f} more closed business from leads you gave"
        return None
    for actions in range(1, MOST_ACTIONS + 1):
        count = component.count + actions
        value = count / (component.weeks + 1) if kind.unit == "week" else count
        gain = band.points(value) - current
        if gain > 0:
            more = "one more " + kind.noun if actions == 1 else plural(actions, f"more {kind.noun}")
            verb = f"{kind.verb} " if kind.verb else ""
            return actions, gain, f"{verb}{more}"
    return None


def _up_sentence(
    what: str, upcoming: dt.date, gain: int, after: int, now: str, bounds: tuple[int, int, int]
) -> str:
    becomes = light(after, bounds)
    if becomes != now:
        return f"{what} by {upcoming}: +{plural(gain, 'point')}, {after} and {becomes}"
    return f"{what} by {upcoming}: +{plural(gain, 'point')}, {after} (still {now})"


def _risk_sentence(
    kind: Kind, loss: int, after: int, now: str, bounds: tuple[int, int, int]
) -> str:
    what = "one more absence" if kind.name == "absences" else "arriving late once more"
    becomes = light(after, bounds)
    if becomes != now:
        return f"{what} drops you to {becomes} ({plural(after, 'point')})"
    return f"{what} costs {plural(loss, 'point')} ({after}, still {now})"


def apply(
    conn: sqlite3.Connection,
    settings: Settings,
    standings: Sequence[Standing],
    ids: str | None = None,
) -> None:
    """Score every standing by traffic lights; their needs become what moves them up. (``ids``:
    the members of ``standings`` as a JSON list, when they are not everyone on the roll.)"""
    if not standings:
        return
    low = min(s.start for s in standings)
    high = max(s.end for s in standings)
    done = read(conn, low, high, ids)
    for standing in standings:
        standing.traffic = score(standing, done, settings)
        standing.needs = moves(standing, settings)
