"""Several values in one CSV cell (phones, alternate contacts, any list column), written so
that reading gives back exactly the values written.

    join_list(["Smith; Jones & Co", "Ann"]) == "Smith\\; Jones & Co; Ann"
    split_list("Smith\\; Jones & Co; Ann") == ["Smith; Jones & Co", "Ann"]

Values are joined by ``"; "``; a ``;`` or ``\\`` inside a value is written after a backslash.
Reading splits on each ``;`` not after a backslash, trims the values and drops empty ones. A
backslash before any other character is kept as typed, so a cell written before values were
escaped (``a; b``, ``C:\\files``) reads as it always did.

Pure functions over text: the caller makes the whole cell formula-safe (``sheets.safe_cell``)
after joining, and restores it (``sheets.unsafe_cell``) before splitting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SEPARATOR = ";"
ESCAPE = "\\"
_TOKENS = re.compile(r"\\[\\;]|;|[^\\;]+|\\")


def join_list(values: Iterable[str]) -> str:
    """One cell holding ``values`` in order; ``split_list`` gives them back."""
    return f"{SEPARATOR} ".join(
        str(v).replace(ESCAPE, ESCAPE * 2).replace(SEPARATOR, ESCAPE + SEPARATOR) for v in values
    )


def split_list(text: str) -> list[str]:
    """The values of a cell written by ``join_list`` (or typed as ``a; b``), trimmed, none empty."""
    if ESCAPE not in text:
        parts = text.split(SEPARATOR)
    else:
        parts, current = [], []
        for token in _TOKENS.findall(text):
            if token == SEPARATOR:
                parts.append("".join(current))
                current = []
            elif len(token) == 2 and token[0] == ESCAPE:
                current.append(token[1])
            else:
                current.append(token)
        parts.append("".join(current))
    return [s for s in (part.strip() for part in parts) if s]
