"""Counts and spans in messages: ``plural(2, "lead")`` is ``2 leads``."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an ``s`` unless the count is one (every noun used here takes one)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def duration(minutes: int) -> str:
    """A span of minutes as people say it: ``45 min``, ``2 h 15 min``, ``3 days 4 h``."""
    hours, mins = divmod(abs(minutes), 60)
    if hours >= 48:
        return f"{hours // 24} days {hours % 24} h"
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"
