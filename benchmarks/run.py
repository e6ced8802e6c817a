"""Every performance figure of leadcli against its target, in one run, printed as a table.

    python benchmarks/run.py [--runs N] [--skip-demo]

Builds the sample groups once (60 members over 1, 5 and 20 years, kept under benchmarks/out/),
then measures each figure paired with its baseline in this one process: start-up against
`python -c "import typer"` in interleaved runs, the 20-year group against the 1-year one,
throughput against its target. Each line says whether the figure is within its target.
Figures are printed, never asserted: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _groups import group
from bench_import import write_attendance, write_leads, write_members

HERE = Path(__file__).resolve().parent
ENV = dict(os.environ, NO_COLOR="1")
ENV.pop("LEADCLI_NOW", None)


def leadcli() -> list[str]:
    """The installed `leadcli` program beside this Python, else `python -m leadcli`."""
    script = Path(sys.executable).with_name("leadcli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "leadcli"]


@dataclass
class Run:
    seconds: float  # wall time
    cpu: float  # user and system time of the process
    peak_mib: float
    code: int


def run(args: list[str], env: dict[str, str] | None = None) -> Run:
    """One process to completion: wall time and its own peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)


def paired(cases: dict[str, list[str]], runs: int) -> dict[str, list[Run]]:
    """Each case run ``runs`` times, interleaved, so a noisy moment hits every case alike."""
    found: dict[str, list[Run]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, args in cases.items():
            found[name].append(run(args))
    return found


def median(runs: list[Run], what: Callable[[Run], float] = lambda r: r.seconds) -> float:
    return statistics.median(what(r) for r in runs)


@dataclass
class Figure:
    name: str
    target: str
    ratio: float
    limit: float
    detail: str
    at_least: bool = False  # a throughput: the ratio must reach the limit

    @property
    def within(self) -> bool:
        return self.ratio >= self.limit if self.at_least else self.ratio <= self.limit


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def a_member(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT name FROM members ORDER BY id LIMIT 1").fetchone()[0])


def last_meeting(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT max(date) FROM meetings").fetchone()[0])


def streaming(small: Path, large: Path, runs: int) -> list[Figure]:
    """Commands that read the whole history: memory flat, time in step with the rows."""
    figures = []
    commands = {
        "export leads": (["export", "leads"], "leads"),
        "export leads --format json": (["export", "leads", "--format", "json"], "leads"),
        "export attendance": (["export", "attendance"], "attendance"),
        "export attendance --format json": (["export", "attendance", "-f", "json"], "attendance"),
        "lead check --all --json": (["lead", "check", "--all", "--json"], "leads"),
        "lead check --all": (["lead", "check", "--all"], "leads"),
        "lead list --all --json": (["lead", "list", "--all", "--json"], "leads"),
        "lead list --all (piped)": (["lead", "list", "--all"], "leads"),
    }
    for name, (args, table) in commands.items():
        found = paired(
            {
                "1y": [*leadcli(), "--db", str(small), *args],
                "20y": [*leadcli(), "--db", str(large), *args],
            },
            runs,
        )
        rows = count(large, table) / count(small, table)
        memory = median(found["20y"], lambda r: r.peak_mib) / median(
            found["1y"], lambda r: r.peak_mib
        )
        figures.append(
            Figure(
                f"`{name}` peak memory, 20 y ÷ 1 y",
                "≤ 1.5",
                memory,
                1.5,
                f"{median(found['1y'], lambda r: r.peak_mib):.0f} → "
                f"{median(found['20y'], lambda r: r.peak_mib):.0f} MiB",
            )
        )
        seconds = median(found["20y"]) / median(found["1y"])
        figures.append(
            Figure(
                f"`{name}` time, 20 y ÷ 1 y, ÷ rows ratio ({rows:.1f})",
                "≤ 1.2",
                seconds / rows,
                1.2,
                f"{median(found['1y']):.2f} → {median(found['20y']):.2f} s",
            )
        )
    # The default listing is bounded: the newest 50, whatever the history.
    found = paired(
        {
            "1y": [*leadcli(), "--db", str(small), "lead", "list"],
            "20y": [*leadcli(), "--db", str(large), "lead", "list"],
        },
        max(7, runs * 4),  # a tenth of a second each: more pairs, for a steady median
    )
    figures.append(
        Figure(
            "`lead list` (the newest 50) time, 20 y ÷ 1 y",
            "≤ 1.2",
            median(found["20y"]) / median(found["1y"]),
            1.2,
            f"{median(found['1y']) * 1000:.0f} → {median(found['20y']) * 1000:.0f} ms, "
            f"{median(found['1y'], lambda r: r.peak_mib):.0f} → "
            f"{median(found['20y'], lambda r: r.peak_mib):.0f} MiB",
        )
    )
    return figures


def rules(large: Path, runs: int) -> list[Figure]:
    leads = count(large, "leads")
    check = [*leadcli(), "--db", str(large), "lead", "check", "--all", "--json"]
    found = paired({"check": check}, runs)
    # The same on one core (LEADCLI_JOBS=1), for comparison: the figure is the default's.
    alone = [run(check, dict(ENV, LEADCLI_JOBS="1")) for _ in range(runs)]
    per_second = leads / median(found["check"])
    return [
        Figure(
            "`lead check --all --json`, 20 y: leads/s ÷ 25,000",
            "≥ 1.0",
            per_second / 25_000,
            1.0,
            f"{leads:,} leads, {per_second:,.0f}/s on {jobs()} cores "
            f"({leads / median(found['check'], lambda r: r.cpu):,.0f}/s of CPU time); "
            f"{leads / median(alone):,.0f}/s on one",
            at_least=True,
        )
    ]


def jobs() -> int:
    """The processes `lead check --all` shares a long history among here."""
    from leadcli import forking

    return forking.jobs()


def compile_bytecode() -> None:
    """Compile leadcli's modules once, as an installation does, so that start-up is measured
    as a user meets it (an editable install, run with PYTHONDONTWRITEBYTECODE set, would
    otherwise compile every module it imports on every run)."""
    import leadcli

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(leadcli.__file__).parent)],
        check=True,
        stdout=subprocess.DEVNULL,
        env={k: v for k, v in ENV.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )


def startup(large: Path, runs: int) -> list[Figure]:
    compile_bytecode()
    week = last_meeting(large)
    cases = {
        "typer": [sys.executable, "-c", "import typer"],
        "--version": [*leadcli(), "--version"],
        "--help": [*leadcli(), "--help"],
        "member quota NAME": [*leadcli(), "--db", str(large), "member", "quota", a_member(large)],
        "lead check --week": [*leadcli(), "--db", str(large), "lead", "check", "--week", week],
    }
    # Start-up is a few milliseconds against a noisy machine: many pairs (a few seconds).
    found = paired(cases, max(runs * 10, 20))
    figures = []
    for name, limit in (
        ("--version", 1.1),
        ("--help", 1.1),
        ("member quota NAME", 1.3),
        ("lead check --week", 1.3),
    ):
        ratios = [a.seconds / b.seconds for a, b in zip(found[name], found["typer"], strict=True)]
        figures.append(
            Figure(
                f"`leadcli {name}` (20 y) ÷ `python -c 'import typer'`",
                f"≤ {limit}",
                statistics.median(ratios),
                limit,
                f"{median(found[name]) * 1000:.0f} ms against {median(found['typer']) * 1000:.0f} ms",
            )
        )
    report = paired(
        {
            "json": [*leadcli(), "--db", str(large), "report", "weekly", "--format", "json"],
            "text": [*leadcli(), "--db", str(large), "report", "weekly"],
        },
        runs * 2,
    )
    ratios = [a.seconds / b.seconds for a, b in zip(report["text"], report["json"], strict=True)]
    figures.append(
        Figure(
            "`report weekly` text ÷ `--format json` (20 y)",
            "≤ 2.0",
            statistics.median(ratios),
            2.0,
            f"{median(report['text']) * 1000:.0f} ms against {median(report['json']) * 1000:.0f} ms",
        )
    )
    return figures


def finished_weeks(large: Path, runs: int) -> list[Figure]:
    """A finished week is rebuilt as it stood: an old week costs what the last one does."""
    with sqlite3.connect(large) as conn:
        days = [
            r[0] for r in conn.execute("SELECT date FROM meetings WHERE holiday = 0 ORDER BY date")
        ]
    weeks = {"last": days[-2], "middle": days[len(days) // 2], "first year": days[10]}
    found = paired(
        {
            name: [*leadcli(), "--db", str(large), "report", "weekly", "--week", day, "--json"]
            for name, day in weeks.items()
        },
        runs * 2,
    )
    figures = []
    for name in ("middle", "first year"):
        ratios = [a.seconds / b.seconds for a, b in zip(found[name], found["last"], strict=True)]
        figures.append(
            Figure(
                f"`report weekly --week` {name} ÷ the last finished week (20 y)",
                "≤ 1.2",
                statistics.median(ratios),
                1.2,
                f"{weeks[name]} {median(found[name]) * 1000:.0f} ms against {weeks['last']} "
                f"{median(found['last']) * 1000:.0f} ms",
            )
        )
    return figures


def imports(runs: int) -> list[Figure]:
    tmp = Path(tempfile.mkdtemp(prefix="leadcli-bench-import-"))
    figures = []
    try:
        members, leads, attendance = tmp / "members.csv", tmp / "leads.csv", tmp / "attendance.csv"
        write_members(members, 200)
        write_leads(leads, 30_000, 200)
        write_attendance(attendance, 100_000, 200)
        for kind, path, rows, target in (
            ("leads", leads, 30_000, 10_000),
            ("attendance", attendance, 100_000, 50_000),
        ):
            samples, alone = [], []
            # Leads are checked on every core; the same on one core (LEADCLI_JOBS=1) is shown
            # for comparison: the figure is the default's.
            for number, cores in [(n, c) for n in range(runs) for c in ("all", "one")]:
                if cores == "one" and kind != "leads":
                    continue
                env = dict(ENV, LEADCLI_DB=str(tmp / f"{kind}-{number}-{cores}.db"))
                if cores == "one":
                    env["LEADCLI_JOBS"] = "1"
                for step in (["init"], ["import", "members", str(members)]):
                    subprocess.run([*leadcli(), *step], env=env, check=True, capture_output=True)
                done = run([*leadcli(), "import", kind, str(path)], env)
                if done.code != 0:
                    sys.exit(f"import {kind} failed with exit code {done.code}")
                (samples if cores == "all" else alone).append(done)
            per_second = rows / median(samples)
            on_one = f"; {rows / median(alone):,.0f} rows/s on one core" if alone else ""
            figures.append(
                Figure(
                    f"`import {kind}` ({rows:,} rows): rows/s ÷ {target:,}",
                    "≥ 1.0",
                    per_second / target,
                    1.0,
                    f"{per_second:,.0f} rows/s ({rows / median(samples, lambda r: r.cpu):,.0f} "
                    f"of CPU time), peak {median(samples, lambda r: r.peak_mib):.0f} MiB{on_one}",
                    at_least=True,
                )
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return figures


def demo() -> list[Figure]:
    tmp = Path(tempfile.mkdtemp(prefix="leadcli-bench-demo-"))
    try:
        args = ["demo", "--db", str(tmp / "demo.db"), "--members", "60", "--weeks", "1040"]
        done = run([*leadcli(), *args])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [
        Figure("`demo --members 60 --weeks 1040`: seconds ÷ 25", "≤ 1.0", done.seconds / 25, 1.0,
               f"{done.seconds:.1f} s ({done.cpu:.1f} s of CPU time)"),
        Figure("`demo --members 60 --weeks 1040`: peak MiB ÷ 150", "≤ 1.0", done.peak_mib / 150, 1.0,
               f"{done.peak_mib:.0f} MiB"),
    ]  # fmt: skip


def table(figures: list[Figure]) -> str:
    width = max(len(f.name) for f in figures)
    lines = [
        f"| {'figure':{width}} | target | ratio | within? | measured |",
        f"|{'-' * (width + 2)}|--------|------:|---------|----------|",
    ]
    for f in figures:
        mark = "within" if f.within else "BEYOND"
        lines.append(
            f"| {f.name:{width}} | {f.target:6} | {f.ratio:5.2f} | {mark:7} | {f.detail} |"
        )
    return "\n".join(lines)


MEASURES = ("start-up", "finished weeks", "streaming", "rules", "import", "demo")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measured command")
    parser.add_argument("--skip-demo", action="store_true", help="do not time building the demo")
    parser.add_argument(
        "--only",
        action="append",
        choices=MEASURES,
        help="measure only these (repeatable; default: all)",
    )
    args = parser.parse_args()
    small, middle, large = group(60, 52), group(60, 260), group(60, 1040)
    print(
        f"groups: 1 y {count(small, 'leads'):,} leads, 5 y {count(middle, 'leads'):,}, "
        f"20 y {count(large, 'leads'):,} ({os.cpu_count()} cores)",
        file=sys.stderr,
    )
    figures = []
    for label, measure in (
        ("start-up", lambda: startup(large, args.runs)),
        ("finished weeks", lambda: finished_weeks(large, args.runs)),
        ("streaming", lambda: streaming(small, large, args.runs)),
        ("rules", lambda: rules(large, args.runs)),
        ("import", lambda: imports(args.runs)),
        ("demo", (lambda: []) if args.skip_demo else demo),
    ):
        if args.only and label not in args.only:
            continue
        print(f"measuring {label} ...", file=sys.stderr, flush=True)
        figures.extend(measure())
    print(table(figures))
    beyond = sum(not f.within for f in figures)
    load = os.getloadavg()[0]
    print(
        f"\n{len(figures) - beyond} of {len(figures)} figures within target (load average {load:.1f})"
    )


if __name__ == "__main__":
    main()
