"""Writing files that hold personal data: atomically, readable by their owner only.

A file is written as a hidden temporary file beside its target (``.NAME.PID.XXXX.tmp``), then
renamed over it. The temporary file is removed on any error or interruption; one left by a
process that was killed (kill -9, a power cut) is removed by the next run that writes there,
once no process of that id is running.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from leadcli.errors import BadInput, DiskFull, LeadcliError


def failure(exc: OSError, doing: str, directory: Path) -> LeadcliError:
    """An OSError as one line: a full disk said as such."""
    if exc.errno == errno.ENOSPC:
        return DiskFull(
            f"the disk is full ({directory.absolute()}); nothing was written; "
            "free some space and try again"
        )
    return LeadcliError(f"{doing}: {exc.strerror or exc}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def sweep(target: Path) -> None:
    """Remove the temporary files of ``target`` left by processes that no longer run."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.[^.]+\.tmp(-wal|-shm|-journal)?$")
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent if str(target.parent) else "."):
            found = pattern.match(entry.name)
            if found and not _alive(int(found.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


@contextlib.contextmanager
def temporary(target: Path) -> Iterator[Path]:
    """A new private (0600) temporary file beside ``target``, removed (with any SQLite files
    beside it) when the block ends, unless the block renamed it into place."""
    directory = target.parent if str(target.parent) else Path(".")
    sweep(target)
    # The name is chosen before the file is made, and the file made inside the block that
    # removes it: an interrupt at any moment, even as it is being created, leaves nothing.
    tmp = directory / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise failure(exc, f"cannot write {target}", directory) from None
        os.fchmod(fd, 0o600)  # whatever the umask
        os.close(fd)
        yield tmp
    finally:
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in ("-journal", "-wal", "-shm"))):
            with contextlib.suppress(OSError):
                leftover.unlink()


def write_private(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, mode 0600."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with private_file(path) as handle:
        handle.buffer.write(payload)


@contextlib.contextmanager
def private_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file to write ``path`` through as the block goes (no newline translation):
    a private temporary file until the block ends well, then renamed into place; on any error
    or interruption it is removed and ``path`` is left as it was."""
    path = path.expanduser()
    directory = path.parent if str(path.parent) else Path(".")
    # A path that cannot be written is bad input (exit 2), as with `db backup`.
    if not directory.is_dir():
        raise BadInput(f"cannot write {path}: no such directory {directory}")
    if path.is_dir():
        raise BadInput(f"cannot write {path}: it is a directory")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise BadInput(f"cannot write {path}: the directory {directory} is not writable")
    with temporary(path) as tmp:
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            raise failure(exc, f"cannot write {path}", directory) from None
