"""Writing files that hold personal data: atomically, readable by their owner only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from leadcli.errors import BadInput, LeadcliError


def write_private(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, mode 0600."""
    path = path.expanduser()
    directory = path.parent if str(path.parent) else Path(".")
    # A path that cannot be written is bad input (exit 2), as with `db backup`.
    if not directory.is_dir():
        raise BadInput(f"cannot write {path}: no such directory {directory}")
    if path.is_dir():
        raise BadInput(f"cannot write {path}: it is a directory")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise BadInput(f"cannot write {path}: the directory {directory} is not writable")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise LeadcliError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise LeadcliError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
