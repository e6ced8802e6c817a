"""Counting words in messages: ``plural(2, "lead")`` is ``2 leads``."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an ``s`` unless the count is one (every noun used here takes one)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
