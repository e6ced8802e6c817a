"""Shell completion: the callbacks options and arguments name (Typer's ``autocompletion=``).

Each callback is a few lines; what it completes from (the group file, the fixed words) lives in
``leadcli.completion``, imported only when the shell asks. An ordinary command never loads it.
"""

# No `from __future__ import annotations` here: Typer reads each callback's signature when a
# command is built, and real annotations are read at half the cost of strings.
import re
from pathlib import Path
from typing import Any

import typer


def _group_file(ctx: typer.Context) -> Path:
    """The group file the command line names: ``--db``, else ``LEADCLI_DB``, else the default."""
    from leadcli import db

    return db.resolve_path(ctx.find_root().params.get("db_path"))


def member(ctx: typer.Context, incomplete: str) -> list[str]:
    from leadcli import completion

    try:
        return completion.members(_group_file(ctx), incomplete)
    except Exception:
        return []


def category(ctx: typer.Context, incomplete: str) -> list[str]:
    from leadcli import completion

    try:
        return completion.categories(_group_file(ctx), incomplete)
    except Exception:
        return []


def _words(kind: str) -> Any:
    def complete(incomplete: str) -> list[str]:  # Typer passes the word typed so far
        from leadcli import completion

        return completion.words(kind, incomplete)

    complete.__name__ = kind.replace("-", "_")
    return complete


lead_type = _words("lead-type")
lead_status = _words("lead-status")
pipeline_status = _words("pipeline-status")
attendance_status = _words("attendance-status")
verdict = _words("verdict")
intent = _words("intent")
prospect = _words("prospect")
setting = _words("setting")
preset = _words("preset")
rule = _words("rule")
report_format = _words("report-format")
export_format = _words("export-format")
sources_by = _words("sources-by")


# Characters bash reads specially; a completed word escapes them, so that "Tom O'Brien" is
# inserted as one word: Tom\ O\'Brien.
_BASH_SPECIAL = re.compile(r"([^\w@%+=:,./-])")


def prepare_shells() -> None:
    """Complete for bash with words escaped as the shell reads them (Typer inserts them bare)."""
    from typer._click.shell_completion import add_completion_class
    from typer._completion_classes import BashComplete, completion_init

    class EscapingBashComplete(BashComplete):
        def format_completion(self, item: Any) -> str:
            return _BASH_SPECIAL.sub(r"\\\1", str(item.value))

    completion_init()
    add_completion_class(EscapingBashComplete, BashComplete.name)
