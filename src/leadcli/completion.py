"""What the shell completes: member names and categories from the group file, and the fixed words.

Used only while the shell asks for completions (``_LEADCLI_COMPLETE`` set), never by an ordinary
command. The group file is opened read-only and never created; a completion that cannot read
it, or any other failure, offers nothing rather than an error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

# How long to wait for a file another process is writing: a shell must not hang on Tab.
_WAIT_SECONDS = 0.2


def _lead_types() -> Sequence[str]:
    from leadcli import leads

    return leads.TYPES


def _lead_statuses() -> Sequence[str]:
    from leadcli import leads

    return leads.STATUSES


def _pipeline_statuses() -> Sequence[str]:
    from leadcli import pipeline

    return pipeline.PIPELINE


def _attendance_statuses() -> Sequence[str]:
    from leadcli import meetings

    return meetings.STATUSES


def _verdicts() -> Sequence[str]:
    from leadcli import leads

    return leads.VERDICTS


def _intents() -> Sequence[str]:
    from leadcli import leads

    return leads.INTENTS


def _prospects() -> Sequence[str]:
    from leadcli import leads

    return leads.PROSPECTS


def _setting_keys() -> Sequence[str]:
    from leadcli import settings

    return list(settings.SETTINGS)


def _presets() -> Sequence[str]:
    from leadcli import settings

    return list(settings.PRESETS)


def _rule_codes() -> Sequence[str]:
    from leadcli import rules

    return [rule.code for rule in rules.all_rules()]


def _report_formats() -> Sequence[str]:
    from leadcli.render import FORMATS

    return list(FORMATS)


def _export_formats() -> Sequence[str]:
    from leadcli.transfer import FORMATS

    return FORMATS


def _sources_keys() -> Sequence[str]:
    from leadcli.sources import KEYS

    return list(KEYS)


# The fixed vocabularies, each read from the module that owns it.
WORDS: dict[str, Callable[[], Sequence[str]]] = {
    "lead-type": _lead_types,
    "lead-status": _lead_statuses,
    "pipeline-status": _pipeline_statuses,
    "attendance-status": _attendance_statuses,
    "verdict": _verdicts,
    "intent": _intents,
    "prospect": _prospects,
    "setting": _setting_keys,
    "preset": _presets,
    "rule": _rule_codes,
    "report-format": _report_formats,
    "export-format": _export_formats,
    "sources-by": _sources_keys,
}


def words(kind: str, incomplete: str) -> list[str]:
    """The words of ``kind`` that start with what is typed."""
    try:
        choices = WORDS[kind]()
    except Exception:
        return []
    return _starting(choices, incomplete)


def _starting(choices: Sequence[str], incomplete: str) -> list[str]:
    return [c for c in choices if c.startswith(incomplete)]


def _read(path: Path, sql: str) -> list[tuple[object, ...]]:
    """The rows of ``sql`` over the group file at ``path``; none when it cannot be read.

    The file is opened read-only (SQLite ``mode=ro``), which never creates it.
    """
    try:
        if not path.is_file():
            return []
        wal = path.with_name(path.name + "-wal")
        query = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        conn = sqlite3.connect(
            f"{path.absolute().as_uri()}?{query}",
            uri=True,
            timeout=_WAIT_SECONDS,
            isolation_level=None,
        )
        try:
            return [tuple(row) for row in conn.execute(sql)]
        finally:
            conn.close()
    except Exception:
        return []


def members(path: Path, incomplete: str) -> list[str]:
    """Names of the active members starting with what is typed; members who left when none do."""
    rows = _read(path, "SELECT name, left_on IS NULL FROM members ORDER BY name COLLATE NOCASE")
    everyone = [str(name) for name, _ in rows]
    active = [str(name) for name, here in rows if here]
    return _starting(active, incomplete) or _starting(everyone, incomplete)


def categories(path: Path, incomplete: str) -> list[str]:
    """Categories the group knows: held by a member, given a sphere, wanted or asked for."""
    sql = """
        SELECT category FROM members
        UNION SELECT category FROM category_spheres
        UNION SELECT category FROM unmet_needs
        UNION SELECT category FROM visitors WHERE category IS NOT NULL
    """
    known: dict[str, str] = {}
    for (name,) in _read(path, sql):
        known.setdefault(str(name).casefold(), str(name))
    return _starting(sorted(known.values(), key=str.casefold), incomplete)
