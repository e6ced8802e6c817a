"""A long job split over the machine's cores: its parts run at once, their output in order.

The first part runs in this process and writes to stdout as it goes. Each other part runs in
a forked process that writes to an unnamed temporary file in the temporary directory (as
``sort`` does: ``TMPDIR``; gone when closed, even after a ``kill -9``) and sends back a
small summary; once the parts before it are written, its file is
copied to stdout. A part whose process fails, for whatever reason, is done again here, so the
result is the same as doing every part here, one after the other: only sooner.

How many processes: ``LEADCLI_JOBS`` when set (1 keeps everything in this process), else
one for each core this process may run on.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

P = TypeVar("P")
S = TypeVar("S")

_COPY = 1 << 20  # characters copied at a time from a part's file


def jobs() -> int:
    """How many processes a long job may use: ``LEADCLI_JOBS`` (a whole number; 0 is 1),
    else the cores at hand (1 where processes cannot be forked)."""
    if not hasattr(os, "fork"):
        return 1
    raw = os.environ.get("LEADCLI_JOBS", "").strip()
    if raw.isdigit():  # anything else is passed over, as LEADCLI_BUSY_TIMEOUT_MS is
        return max(1, int(raw))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_in_order(parts: Sequence[P], work: Callable[[P, bool], S]) -> list[S]:
    """``work(part, forked)`` for every part, the first here and the others in forked
    processes at the same time; what each writes to stdout is written in the order of
    ``parts``. Returns what each returned (a forked part's result must pickle).

    ``forked`` says the part runs in a process of its own: it must open its own database
    connection (a connection is never used across a fork) and may refuse (raise) when what
    it reads differs from what this process saw; the part is then done here.
    """
    if len(parts) < 2:
        return [work(part, False) for part in parts]
    sys.stdout.flush()
    sys.stderr.flush()
    started: list[_Child | None] = []
    try:
        for part in parts[1:]:
            try:
                started.append(_start(part, work))
            except OSError:  # no process or no file to be had: the part is done here
                started.append(None)
        results = [work(parts[0], False)]
        for part, child in zip(parts[1:], started, strict=True):
            found = _FAILED if child is None else child.finish()
            if found is _FAILED:
                results.append(work(part, False))
            else:
                assert child is not None
                child.copy_to(sys.stdout)
                results.append(found)
        return results
    finally:
        for child in started:
            if child is not None:
                child.stop()


_FAILED: Any = object()


class _Child:
    """A forked part: its process, the pipe its summary comes by, and its output file."""

    def __init__(self, pid: int, summary: int, output: Any, encoding: tuple[str, str]) -> None:
        self.pid, self.summary, self.output = pid, summary, output
        self.encoding, self.errors = encoding
        self.done = False

    def finish(self) -> Any:
        """The part's result once its process ends, or _FAILED."""
        with open(self.summary, "rb", closefd=False) as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return _FAILED
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a broken summary: the part is done again here
            return _FAILED

    def copy_to(self, stream: Any) -> None:
        """The part's output onto ``stream``: as bytes, when the stream has them (the part
        encoded its text as the stream does), else as text."""
        self.output.seek(0)
        raw = getattr(stream, "buffer", None)
        if raw is not None:
            stream.flush()
            raw.flush()
            if not _sent(self.output, raw):
                shutil.copyfileobj(self.output, raw, _COPY)
            return
        text = io.TextIOWrapper(self.output, encoding=self.encoding, errors=self.errors)
        write = stream.write
        while chunk := text.read(_COPY):
            write(chunk)
        text.detach()

    def stop(self) -> None:
        """Ends the process if it still runs (this process was interrupted), and frees all."""
        if not self.done:
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.done = True
        for close in (lambda: os.close(self.summary), self.output.close):
            with contextlib.suppress(OSError):
                close()


def _sent(source: Any, target: Any) -> bool:
    """``source`` copied onto ``target`` by the kernel (``sendfile``), when both are files of
    the system; False when nothing was copied (then it is copied by reading and writing)."""
    try:
        out = target.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    size = os.fstat(source.fileno()).st_size
    sent = 0
    try:
        while sent < size:
            done = os.sendfile(out, source.fileno(), sent, size - sent)
            if done == 0:
                break
            sent += done
    except OSError:
        if sent:
            raise  # part written: the rest cannot be written another way without a gap
        return False
    return True


def _start(part: Any, work: Callable[[Any, bool], Any]) -> _Child:
    output = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _Child.stop
    # The part's text is encoded as stdout encodes it: its bytes are what stdout would write.
    encoding = (
        getattr(sys.stdout, "encoding", None) or "utf-8",
        getattr(sys.stdout, "errors", None) or "strict",
    )
    try:
        read, write = os.pipe()
    except OSError:
        output.close()
        raise
    try:
        pid = os.fork()
    except OSError:
        for close in (lambda: os.close(read), lambda: os.close(write), output.close):
            close()
        raise
    if pid:
        os.close(write)
        return _Child(pid, read, output, encoding)
    # The forked process: never returns, never runs this process's exit handlers.
    code = 1
    try:
        import signal

        # Interrupted with this process (one Ctrl-C reaches both), it ends at once, silently:
        # this process says what happened and removes what was left.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.close(read)
        sys.stdout = io.TextIOWrapper(output, encoding=encoding[0], errors=encoding[1])
        sys.stderr = io.StringIO()  # a failure is not reported here: the part is done again
        result = work(part, True)
        sys.stdout.flush()
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        with open(write, "wb", closefd=False) as pipe:
            pipe.write(data)
        code = 0
    except BaseException:  # noqa: BLE001, S110 - any failure: the part is done again
        pass
    finally:
        os._exit(code)
