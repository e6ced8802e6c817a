"""Import time of a large CSV file: 100,000 attendance rows, or members and 100,000 leads.

    python benchmarks/bench_import.py [--kind attendance|leads] [--rows N] [--members M] [--keep]

Writes the file(s) in a temporary directory, runs `leadcli import` in a new process against a
new group file, and prints the wall time, rows per second and the peak memory of the import.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST_MEETING = dt.date(2016, 1, 6)  # a Wednesday
LEAD_TYPES = ("direct-referral", "specific-service", "member-need", "general-opportunity")


def member_name(i: int) -> str:
    return f"Member {i:04d}"


def write_members(path: Path, count: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(["name", "category", "business", "phone", "email", "joined"])
        for i in range(count):
            phone = f"+1415555{i % 10000:04d}" if i < 10000 else ""
            out.writerow(
                [
                    member_name(i),
                    f"Trade {i}",
                    f"Business {i}",
                    phone,
                    f"m{i}@example.com",
                    FIRST_MEETING,
                ]
            )


def write_attendance(path: Path, rows: int, members: int) -> None:
    rng = random.Random(7)
    weeks = -(-rows // members)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(["date", "member", "status", "substitute"])
        written = 0
        for week in range(weeks):
            day = FIRST_MEETING + dt.timedelta(weeks=week)
            for i in range(members):
                if written == rows:
                    return
                status = rng.choices("PALMS", weights=(80, 8, 6, 3, 3))[0]
                out.writerow([day, member_name(i), status, "Sam Sub" if status == "S" else ""])
                written += 1


def write_leads(path: Path, rows: int, members: int) -> None:
    rng = random.Random(11)
    weeks = max(1, rows // (members * 2))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(
            ["from", "to", "type", "company", "contact", "title", "phone", "email", "description",
             "heard", "date", "public", "may_use_name", "expecting_call", "need_discussed", "source"]
        )  # fmt: skip
        for n in range(rows):
            day = FIRST_MEETING + dt.timedelta(weeks=rng.randrange(weeks))
            giver, receiver = rng.sample(range(members), 2)
            kind = rng.choice(LEAD_TYPES)
            out.writerow(
                [
                    member_name(giver),
                    "" if kind == "general-opportunity" else member_name(receiver),
                    kind,
                    f"Company {n}",
                    f"Contact {n}",
                    rng.choice(["Owner", "CFO", ""]),
                    f"+1212555{n % 10000:04d}" if rng.random() < 0.7 else "",
                    f"c{n}@company{n}.example" if rng.random() < 0.6 else "",
                    "needs a new office fit-out with cabling, desks and a move planned for spring",
                    day - dt.timedelta(days=rng.randrange(20)),
                    day,
                    rng.choice(["yes", "no", ""]),
                    rng.choice(["yes", "no", ""]),
                    rng.choice(["yes", "no", ""]),
                    rng.choice(["yes", "no", ""]),
                    rng.choice(["client", "mixer", "newspaper", "neighbour"]),
                ]
            )


def timed_import(kind: str, path: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds, CPU seconds and peak resident memory (MiB) of one `leadcli import` process."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "leadcli", "import", kind, str(path)],
            env=env,
            stdout=out,
            stderr=err,
            text=True,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code != 0:
            sys.exit(f"import {kind} failed ({code}): {err.read().strip()[:500]}")
        print(f"  {out.read().strip()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=("attendance", "leads"), default="attendance")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="Keep the files and the group file.")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="leadcli-bench-import-"))
    env = dict(
        os.environ,
        LEADCLI_DB=str(tmp / "bench.db"),
        NO_COLOR="1",
        LEADCLI_NOW="2026-11-19T10:00:00",
    )
    try:
        members, data = tmp / "members.csv", tmp / f"{args.kind}.csv"
        write_members(members, args.members)
        (write_attendance if args.kind == "attendance" else write_leads)(
            data, args.rows, args.members
        )
        size = data.stat().st_size / 1024 / 1024
        print(f"{args.kind}: {args.rows} rows ({size:.1f} MiB), {args.members} members")
        subprocess.run(
            [sys.executable, "-m", "leadcli", "init"], env=env, check=True, capture_output=True
        )
        seconds, _, _ = timed_import("members", members, env)
        print(f"import members: {seconds:.2f} s")
        seconds, cpu, peak = timed_import(args.kind, data, env)
        print(
            f"import {args.kind}: {seconds:.2f} s ({args.rows / seconds:,.0f} rows/s; "
            f"{cpu:.2f} s of CPU time, {args.rows / cpu:,.0f} rows/s), peak {peak:.0f} MiB"
        )
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
