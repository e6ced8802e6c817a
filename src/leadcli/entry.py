"""The `leadcli` program: `leadcli --version` answers before anything else is loaded; every other
command goes to the Typer application in ``leadcli.cli``."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from leadcli import __version__

        sys.stdout.write(f"leadcli {__version__}\n")
        sys.exit(0)
    from leadcli.cli import main as run

    run()
