"""`lead check --all` on about 100,000 leads: leads checked per second, end to end and by phase.

    python benchmarks/bench_check.py [--weeks 830]

Phases are timed in one process; the end-to-end figure runs the command as a user would. A raw
sqlite3 read of the same rows is printed for scale.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time

from _groups import group


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--weeks", type=int, default=830, help="weeks of a 60-member demo (830: ~100,000 leads)"
    )
    args = parser.parse_args()
    path = group(60, args.weeks)

    from leadcli import checking, db, leads, settings

    conn = db.connect(path)
    count = conn.execute("SELECT count(*) FROM leads").fetchone()[0]
    start = time.perf_counter()
    raw = sqlite3.connect(path).execute("SELECT * FROM leads").fetchall()
    raw_s = time.perf_counter() - start
    start = time.perf_counter()
    found = leads.query(conn)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    checks = checking.check_many(conn, found, settings.load(conn))
    check_s = time.perf_counter() - start
    assert len(checks) == count == len(raw)
    env = dict(os.environ, NO_COLOR="1")
    timings = {}
    for label, extra in (("text", []), ("json", ["--json"])):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "leadcli", "--db", str(path), "lead", "check", "--all", *extra],
            stdout=subprocess.DEVNULL,
            env=env,
            check=False,
        )
        timings[label] = time.perf_counter() - start
    print(f"leads: {count:,}")
    print(f"raw sqlite3 read of the rows: {raw_s:.2f} s")
    print(
        f"load as leads: {load_s:.2f} s ({count / load_s:,.0f}/s, {load_s / raw_s:.1f}x the raw read)"
    )
    print(
        f"check (duplicate index + every rule): {check_s:.2f} s ({count / check_s:,.0f} leads checked per second)"
    )
    for label, seconds in timings.items():
        print(
            f"`lead check --all` ({label} to a pipe), end to end: {seconds:.2f} s ({count / seconds:,.0f}/s)"
        )


if __name__ == "__main__":
    main()
