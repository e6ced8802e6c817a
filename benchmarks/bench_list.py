"""`lead list --all` piped, on about 100,000 leads: time and peak memory, against `--limit 50`.

    python benchmarks/bench_list.py [--weeks 830]

A piped listing streams from the cursor: its peak memory should stay near that of listing 50.
Each command runs in its own process (the peak is read per child with wait4).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from _groups import group


def run(path: str, *args: str) -> tuple[float, float, int]:
    """Seconds, peak resident MB and bytes written of one `leadcli lead list` run."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "leadcli", "--db", path, "lead", "list", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_COLOR="1"),
    )
    assert child.stdout is not None
    written = 0
    while chunk := child.stdout.read(1 << 16):
        written += len(chunk)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    assert os.waitstatus_to_exitcode(status) == 0
    return seconds, usage.ru_maxrss / 1024, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--weeks", type=int, default=830, help="weeks of a 60-member demo (830: ~100,000 leads)"
    )
    args = parser.parse_args()
    path = str(group(60, args.weeks))
    import sqlite3

    count = sqlite3.connect(path).execute("SELECT count(*) FROM leads").fetchone()[0]
    print(f"leads: {count:,}")
    for label, extra in (
        ("--limit 50", []),
        ("--all", ["--all"]),
        ("--all --json", ["--all", "--json"]),
    ):
        seconds, peak, written = run(path, *extra)
        print(
            f"lead list {label:<13} piped: {seconds:6.2f} s, peak memory {peak:6.1f} MB, "
            f"{written / 1e6:6.1f} MB written"
        )


if __name__ == "__main__":
    main()
