"""The weekly report on a group with one year of history against one with twenty.

    python benchmarks/bench_report.py [--runs 5]

Both groups have 60 members and about two leads a member a week (the large one about 125,000
leads). Prints the median time of building the report in one process and of the whole command,
at both sizes, and their ratio (aim: a ratio of at most 2, and under 0.5 s at the large size).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from _groups import group


def in_process(path: object, runs: int) -> float:
    from leadcli import clock, db, reports, settings
    from leadcli.render import renderer

    conn = db.connect(path)  # type: ignore[arg-type]
    group_settings = settings.load(conn)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        now = clock.now(group_settings.tz)
        weekly = reports.weekly(conn, group_settings, reports.default_week(conn, now.date()), now)
        renderer("json")(weekly)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def command(path: object, runs: int) -> float:
    env = dict(os.environ, NO_COLOR="1")
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "leadcli",
                "--db",
                str(path),
                "report",
                "weekly",
                "--format",
                "json",
            ],
            stdout=subprocess.DEVNULL,
            env=env,
            check=True,
        )
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    small, large = group(60, 52), group(60, 1040)
    import sqlite3

    for label, path in (("1 year", small), ("20 years", large)):
        leads = sqlite3.connect(path).execute("SELECT count(*) FROM leads").fetchone()[0]
        print(f"{label}: {leads:,} leads")
    results = {}
    for label, measure in (
        ("report built in process", in_process),
        ("`report weekly --format json`", command),
    ):
        a, b = measure(small, args.runs), measure(large, args.runs)
        results[label] = (a, b)
        print(f"{label}: 1 year {a * 1000:.0f} ms, 20 years {b * 1000:.0f} ms, ratio {b / a:.2f}")


if __name__ == "__main__":
    main()
