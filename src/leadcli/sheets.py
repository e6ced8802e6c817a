"""Spreadsheet safety: cells that a spreadsheet would run as a formula are neutralized."""

from __future__ import annotations

from typing import Any

from leadcli.controls import visible

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|")


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
