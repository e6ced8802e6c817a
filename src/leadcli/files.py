"""Writing files that hold personal data: atomically, readable by their owner only."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from leadcli.errors import BadInput, LeadcliError


def write_private(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, mode 0600."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with private_file(path) as handle:
        handle.buffer.write(payload)


@contextlib.contextmanager
def private_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file to write ``path`` through (no newline translation): it is a temporary
    file of mode 0600 until the block ends well, then renamed into place; on any error it is
    removed and ``path`` is left as it was."""
    path = path.expanduser()
    directory = path.parent if str(path.parent) else Path(".")
    # A path that cannot be written is bad input (exit 2), as with `db backup`.
    if not directory.is_dir():
        raise BadInput(f"cannot write {path}: no such directory {directory}")
    if path.is_dir():
        raise BadInput(f"cannot write {path}: it is a directory")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise BadInput(f"cannot write {path}: the directory {directory} is not writable")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise LeadcliError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            os.fchmod(handle.fileno(), 0o600)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise LeadcliError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
