"""The characters that could drive a terminal or make text read other than it is stored, in
one place for every input and output: C0 controls other than tab and line feed, DEL, the C1
controls (U+009B is a terminal's CSI), the bidi marks, embeddings, overrides and isolates, and
the line and paragraph separators (U+2028, U+2029).

No option takes them; a file written by another tool may hold them, and every view shows
them as escapes (``\\x1b``, ``\\u202e``), never raw.
"""

from __future__ import annotations

from leadcli import patterns

CONTROL = patterns.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]"
)


def visible(text: str) -> str:
    """``text`` with each of those characters written as its escape."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
