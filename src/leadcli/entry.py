"""The ``leadcli`` command: Ctrl-C is handled from the first moment, before anything heavy loads.

The handlers are installed when this module is imported, before the command line is parsed or
any library is imported: an interrupt (Ctrl-C, or a termination signal) at any moment ends the
run with one line on stderr and exit 130 (128 + the signal for others). Before the command
starts, nothing is open and the run ends at once; once it runs, the interrupt is raised so that
any transaction in progress is rolled back on the way out. Only the interpreter's own start-up
comes before this module.

Once the command is done, the process ends with its exit code without the interpreter freeing
every module and object one by one (a few milliseconds for nothing: the system takes the memory
back at once), after any exit handler a library registered and after the output is flushed.
"""

# The C module under `signal`: `signal` itself imports `enum`, which is slower to load than all of
# this module, and an interrupt during that import would still find Python's own handler.
import _signal as signal
import atexit
import gc
import os
import sys

_MESSAGE = "Error: interrupted; nothing was written\n"
_running = False  # whether main() is there to catch the interrupt and roll back


class Interrupted(BaseException):
    """Ctrl-C or a termination signal: not an Exception, so nothing on the way out swallows it,
    and every transaction in progress is rolled back."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _code(signum: int) -> int:
    return 130 if signum == signal.SIGINT else 128 + signum


def _quiet() -> None:
    """A second Ctrl-C while stopping does not interrupt the stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _interrupt(signum: int, frame: object) -> None:
    if not _running:  # still starting: nothing is open or written, so end here
        _quiet()
        try:
            os.write(2, _MESSAGE.encode())
        finally:
            os._exit(_code(signum))
    raise Interrupted(signum)


# A signal ignored when leadcli starts (a background job, nohup) stays ignored.
for _signal in (signal.SIGINT, signal.SIGTERM):
    if signal.getsignal(_signal) != signal.SIG_IGN:
        signal.signal(_signal, _interrupt)


def _stop(signum: int) -> None:
    _quiet()
    try:
        sys.stderr.write(_MESSAGE)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    sys.exit(_code(signum))


# The exit code the command ended with (None: it has not ended, or not by an exit code).
_exit_code: int | None = None


def _end() -> None:
    """The last exit handler (registered first): the process ends here with the command's code,
    once ``main`` ended with one."""
    if _exit_code is None:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # the interpreter's own ending reports it, as it would
    os._exit(_exit_code)


# Registered as this module loads, before anything leadcli loads: the last handler to run.
atexit.register(_end)


def main() -> None:
    global _running, _exit_code
    # Loading the modules makes no garbage, only objects that live as long as the process: the
    # collector, which would walk them all again and again as they are made, is off until the
    # command starts (the root callback in cli.py freezes them and turns it back on).
    gc.disable()
    try:
        _running = True
        if sys.argv[1:] == ["--version"]:  # answered before Typer and the rest are loaded
            from leadcli import __version__

            sys.stdout.write(f"leadcli {__version__}\n")
            sys.exit(0)
        from leadcli.cli import main as run

        run()
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            _exit_code = done.code or 0
        raise
    except Interrupted as stop:
        _stop(stop.signum)
    except KeyboardInterrupt:
        _stop(signal.SIGINT)
    finally:
        # The command is done (or stopping): an interrupt now changes nothing.
        _quiet()
        gc.freeze()  # what is left is freed with the process
        gc.enable()
