"""Spreadsheet safety: cells that a spreadsheet would run as a formula are neutralized."""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|")
# Characters that would drive a terminal or reorder text (controls other than tab and line
# feed, DEL, C1 controls, bidi marks, line and paragraph separators). None can be typed into a
# field; a file written by another tool may hold them, and they are written as escapes.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]"
)


def visible(text: str) -> str:
    """``text`` with each control or bidi character written as its escape (``\\x1b``)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def safe_cell(value: Any) -> Any:
    """A cell value a spreadsheet shows as text: a leading ', before =, +, -, @, |, tab or CR.

    Text already starting with ' before one of those gets one more, so that ``unsafe_cell``
    gives back any text exactly. Control and bidi characters (which no field takes) are
    written as escapes. Numbers stay numbers (a negative number is not a formula).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = visible(str(value))
    if text.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def unsafe_cell(text: str) -> str:
    """Undo ``safe_cell`` on text read back from a file this tool wrote."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text
