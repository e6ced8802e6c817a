"""Regular expressions laid out once, not on every run, as Python keeps a module's bytecode.

Python's ``re`` compiles a pattern in Python code the first time a process uses it: it parses
the pattern, then lays out the code its matcher (``_sre``) runs. For the patterns the rules
read descriptions with, that is a few milliseconds of every ``lead check``, half what the rules
then take on a week's leads. Here the laid-out code of each pattern is kept in
a file of the user cache directory (``~/.cache/leadcli`` on Linux, ``$XDG_CACHE_HOME`` when
set): a pattern found there is handed to the matcher as it is, one not there is compiled as
``re`` compiles it and added to the file when the command ends.

The file is one per Python version and matcher format, with a checksum; the matcher checks
the code it is given, and any trouble (no file, a damaged one, a directory that cannot be
written, a Python without ``_sre``) means compiling as ``re`` does: the same pattern, the same
matches. Only patterns of leadcli's source and of the group's settings come here (never one
built from the text of a lead), so the file stays small.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import zlib
from pathlib import Path
from typing import Any

# What the matcher is given for a pattern: flags, code, groups, group index, index group.
_Layout = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_layouts: dict[tuple[str, int], _Layout] | None = None  # read on first use
_added: dict[tuple[str, int], _Layout] = {}  # laid out by this process, to keep
_compiled: dict[tuple[str, int], re.Pattern[str]] = {}

# Entries beyond this in the file: it is started afresh (patterns of an older leadcli go).
_MOST = 1_000


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - as re.compile
    """``re.compile(pattern, flags)``, its code laid out by an earlier run when one did."""
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is not None:
        return found
    layouts = _layouts if _layouts is not None else _read()
    layout = layouts.get(key)
    found = _made(pattern, layout) if layout is not None else None
    if found is None:
        layout = _laid_out(pattern, key[1])
        found = _made(pattern, layout) if layout is not None else None
        if found is None:
            found = re.compile(pattern, flags)
        else:
            _add(key, layout)  # type: ignore[arg-type]
    _compiled[key] = found
    return found


def _add(key: tuple[str, int], layout: _Layout) -> None:
    """Keep a layout for the next runs (the file is written as the process ends)."""
    if not _added:
        import atexit

        atexit.register(_keep)
    _added[key] = layout


class Lazy:
    """A pattern compiled (through ``compile``) on its first use: a command pays only for the
    patterns it uses. Stands for the compiled pattern (``search``, ``sub``, ...)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = compile(*self._args)
        return getattr(self._compiled, name)


def directory() -> Path:
    """The user cache directory of leadcli (as platformdirs names it on Linux and macOS;
    platformdirs itself takes longer to load than the patterns it would save)."""
    if sys.platform == "win32":
        from platformdirs import user_cache_path

        return user_cache_path("leadcli", appauthor=False)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "leadcli"
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "leadcli"


def path() -> Path | None:
    """The file of laid-out patterns for this Python (None: this Python has no ``_sre``, or
    there is no home directory to keep it in)."""
    try:
        import _sre

        folder = directory()
    except (ImportError, RuntimeError, KeyError, OSError):
        return None
    tag = sys.implementation.cache_tag or sys.implementation.name
    return folder / f"patterns-{tag}-{sys.hexversion:x}-{_sre.MAGIC}.marshal"


def _read() -> dict[tuple[str, int], _Layout]:
    global _layouts
    _layouts = {}
    file = path()
    if file is not None:
        _layouts = _load(file)
    return _layouts


def _load(file: Path) -> dict[tuple[str, int], _Layout]:
    """The layouts kept in ``file``; none when there is no file or it is damaged (its
    checksum, the first four bytes, is not that of the rest)."""
    try:
        data = file.read_bytes()
        if int.from_bytes(data[:4], "little") != zlib.crc32(data[4:]):
            return {}
        found = marshal.loads(data[4:])
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}


def _dump(layouts: dict[tuple[str, int], _Layout]) -> bytes:
    data = marshal.dumps(layouts)
    return zlib.crc32(data).to_bytes(4, "little") + data


def _laid_out(pattern: str, flags: int) -> _Layout | None:
    """What ``re`` hands the matcher for ``pattern`` (as ``re._compiler.compile`` lays it
    out), or None when this Python's ``re`` is not laid out so."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        return (
            int(flags | parsed.state.flags),
            [int(c) for c in code],
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - any other Python's re: compiled as it compiles
        return None


def _made(pattern: str, layout: Any) -> re.Pattern[str] | None:
    """The compiled pattern of a layout, or None when the matcher refuses it (damaged)."""
    try:
        import _sre

        flags, code, groups, groupindex, indexgroup = layout
        return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - a damaged entry is compiled again
        return None


def _keep() -> None:
    """Add the patterns laid out by this process to the file (with those another process
    added meanwhile), written whole under a new name and moved into place."""
    file = path()
    if file is None or not _added:
        return
    try:
        kept = _load(file)
        if len(kept) + len(_added) > _MOST:
            kept = {}
        kept.update(_added)
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_name(f".{file.name}.{os.getpid()}")
        try:
            temporary.write_bytes(_dump(kept))
            os.replace(temporary, file)
        finally:
            if temporary.exists():
                temporary.unlink()
    except (OSError, ValueError):
        pass  # a cache: a run that cannot keep it compiles again next time
    _added.clear()
