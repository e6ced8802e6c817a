"""The weekly report as JSON (SPEC 5.3)."""

from __future__ import annotations

import json
from typing import Any


def render(weekly: Any, color: bool = False, width: int = 100) -> str:
    return json.dumps(weekly.as_json(), ensure_ascii=False, indent=2) + "\n"
