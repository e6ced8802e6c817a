"""The ``leadcli`` command: Ctrl-C is handled from the first moment, before anything heavy loads.

The handlers are installed when this module is imported, before the command line is parsed or
any library is imported: an interrupt (Ctrl-C, or a termination signal) at any moment ends the
run with one line on stderr and exit 130 (128 + the signal for others), and any transaction
in progress is rolled back on the way out.
"""

import signal
import sys

from leadcli.errors import EXIT_INTERRUPTED, Interrupted


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


# A signal ignored when leadcli starts (a background job, nohup) stays ignored.
for _signal in (signal.SIGINT, signal.SIGTERM):
    if signal.getsignal(_signal) is not signal.SIG_IGN:
        signal.signal(_signal, _interrupt)


def _stop(signum: int) -> None:
    # A second Ctrl-C while saying so does not interrupt the message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        sys.stderr.write("Error: interrupted; nothing was written\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    code = EXIT_INTERRUPTED if signum == signal.SIGINT else 128 + signum
    sys.exit(code)


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # answered before Typer and the rest are loaded
        from leadcli import __version__

        sys.stdout.write(f"leadcli {__version__}\n")
        sys.exit(0)
    try:
        from leadcli.cli import main as run

        run()
    except Interrupted as stop:
        _stop(stop.signum)
    except KeyboardInterrupt:
        _stop(signal.SIGINT)
