"""Counts and spans in messages, said as people say them: every count in a message goes
through ``plural`` (``plural(1, "lead")`` is ``1 lead``, ``plural(2, "lead")`` is ``2 leads``)."""

from __future__ import annotations


def plural(count: int | float, noun: str, many: str | None = None) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one.

    The plural adds ``s`` to the last word (``more absence`` → ``more absences``), or is
    ``many`` when the noun has its own (``plural(2, "category", "categories")``).
    """
    return f"{count} " + (noun if count == 1 else many or f"{noun}s")


def the_next(count: int, noun: str) -> str:
    """``the next meeting`` for one, ``the next 3 meetings`` for more."""
    return f"the next {noun}" if count == 1 else f"the next {plural(count, noun)}"


def duration(minutes: int) -> str:
    """A span of minutes as people say it: ``45 min``, ``2 h 15 min``, ``3 days 4 h``."""
    hours, mins = divmod(abs(minutes), 60)
    if hours >= 48:
        return f"{hours // 24} days {hours % 24} h"
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"
