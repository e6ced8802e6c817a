"""Start-up time of leadcli commands against `python -c "import typer"`, measured in one run.

    python benchmarks/startup.py [--runs N]

Prints the median wall time of each command and its ratio to the typer baseline (aim: <= 1.3).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="leadcli-bench-"))
    env = dict(os.environ, LEADCLI_DB=str(tmp / "bench.db"), NO_COLOR="1")
    leadcli = [sys.executable, "-m", "leadcli"]
    subprocess.run([*leadcli, "init"], env=env, check=True, capture_output=True)
    for i in range(20):
        subprocess.run(
            [
                *leadcli,
                "member",
                "add",
                f"Member {i}",
                "--category",
                f"Trade {i}",
                "--joined",
                "2026-01-07",
            ],
            env=env,
            check=True,
            capture_output=True,
        )
    cases = {
        "python -c 'import typer'": [sys.executable, "-c", "import typer"],
        "leadcli --version": [*leadcli, "--version"],
        "leadcli --help": [*leadcli, "--help"],
        "leadcli member list --json": [*leadcli, "member", "list", "--json"],
        "leadcli member list": [*leadcli, "member", "list"],
        "leadcli meeting list --json": [*leadcli, "meeting", "list", "--json"],
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):  # interleaved, so a noisy moment hits every case alike
        for name, cmd in cases.items():
            times[name].append(timed(cmd, env))
    base = statistics.median(times["python -c 'import typer'"])
    print(f"{'command':32} {'median ms':>10} {'ratio':>7}")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:32} {median * 1000:10.1f} {median / base:7.2f}")


if __name__ == "__main__":
    main()
