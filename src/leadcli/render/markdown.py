"""The weekly report as Markdown: pipe tables that render in a mail client or a chat."""

from __future__ import annotations

import re
from typing import Any

from leadcli.render import view

# With brackets escaped no link or image can form, so "(", ")" and "!" stay as typed, and user
# text never starts a line here, so "#" and "+" do too: a mail reader shows "Leads (demo)" and
# "#12", not "Leads \(demo\)" and "\#12".
# "&" too, so that "&amp;" typed by a user stays "&amp;", not "&".
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")


def escape(text: str) -> str:
    """User text shown literally: Markdown's special characters escaped, lines joined."""
    from leadcli.controls import visible

    return _SPECIAL.sub(r"\\\1", " ".join(visible(str(text)).split()))


def _table(table: view.Table) -> list[str]:
    head = "| " + " | ".join(escape(c) for c in table.columns) + " |"
    rule = "|" + "|".join("---:" if c in table.numeric else "---" for c in table.columns) + "|"
    body = ["| " + " | ".join(escape(cell) or " " for cell in row) + " |" for row in table.rows]
    return [head, rule, *body]


def render(weekly: Any, color: bool = False, width: int = 100) -> str:
    page = view.build(weekly)
    lines = [f"# {escape(page.title)}", "", f"_{escape(page.subtitle)}_", ""]
    if page.attention:
        lines += ["**Needs attention:**", ""] + [f"- {escape(a)}" for a in page.attention] + [""]
    else:
        lines += ["Nothing needs the secretary's attention.", ""]
    for section in page.sections:
        lines += [f"## {escape(section.title)}", ""]
        for line in section.lines:
            lines += [escape(line), ""]
        if section.table:
            lines += _table(section.table) + [""]
        elif section.empty:
            lines += [escape(section.empty), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
