"""The weekly report as JSON (SPEC 5.3)."""

from __future__ import annotations

from typing import Any


def render(weekly: Any, color: bool = False, width: int = 100) -> str:
    from leadcli import jsontext

    return jsontext.dumps(weekly.as_json()) + "\n"
