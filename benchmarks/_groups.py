"""Sample groups for the benchmarks, built once with `leadcli demo` and kept under benchmarks/out/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def group(members: int, weeks: int, seed: int = 7) -> Path:
    """The path of a demo group of that size, built if it is not there yet."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"demo-{members}x{weeks}-s{seed}.db"
    if not path.exists():
        print(f"building {path.name} ...", file=sys.stderr, flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "leadcli",
                "demo",
                "--db",
                str(path),
                "--members",
                str(members),
                "--weeks",
                str(weeks),
                "--seed",
                str(seed),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(os.environ, NO_COLOR="1"),
        )
    # A group kept from an older leadcli is brought to the current schema now, not by the
    # first command measured.
    subprocess.run(
        [sys.executable, "-m", "leadcli", "--db", str(path), "config", "show"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_COLOR="1"),
    )
    return path
