"""JSON as leadcli writes it: UTF-8 text, with every character that could drive a terminal or
make text read differently than it is stored written as a ``\\u`` escape.

``json`` escapes the C0 controls; DEL, the C1 controls (U+0080 to U+009F, such as U+009B, a
terminal's CSI), the bidirectional marks and overrides (U+202E) and the line and paragraph
separators are escaped here too. These characters can only be inside strings, where an escape
means the same character to any JSON reader.
"""

from __future__ import annotations

import json
import re
from typing import Any

_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")


def escape(text: str) -> str:
    """JSON text with the unsafe characters escaped."""
    if text.isascii() and "\x7f" not in text:
        return text  # nothing to escape: the one unsafe ASCII character is DEL
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(data: Any, *, indent: int | None = 2) -> str:
    return escape(json.dumps(data, ensure_ascii=False, indent=indent))
