"""What an attack run does with processes: writers at once (no write may be lost), and kill -9
of an import, a backup and a demo at random moments (the file stays intact, all or nothing)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.faults

LEADCLI = [sys.executable, "-m", "leadcli"]


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LEADCLI, "--db", str(db), *args], capture_output=True, text=True)


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def intact(db: Path) -> bool:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "group.db"
    assert run("init", "--name", "Busy", db=db).returncode == 0
    writers, each = 3, 3
    script = (
        "import subprocess, sys\n"
        "w, n, db = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]\n"
        "bad = 0\n"
        "for i in range(n):\n"
        "    r = subprocess.run([sys.executable, '-m', 'leadcli', '--db', db, 'member', 'add',\n"
        "        f'W{w} M{i}', '--category', f'C{w}-{i}'], capture_output=True, text=True)\n"
        "    bad += r.returncode != 0\n"
        "sys.exit(bad)\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(w), str(each), str(db)])
        for w in range(writers)
    ]
    failed = sum(p.wait(timeout=120) for p in procs)
    assert failed == 0
    lost = writers * each - count(db, "members")
    assert lost == 0
    assert intact(db)


def _kill_at_random(args: list[str], rng: random.Random, most: float) -> int:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.05, most))
    proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=60)


@pytest.mark.parametrize("seed", range(2))
def test_kill_9_of_an_import_is_all_or_nothing(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    db = tmp_path / "group.db"
    assert run("init", db=db).returncode == 0
    rows = ["name,category,joined"] + [f"Person {i},Trade {i},2026-01-07" for i in range(1500)]
    csv = tmp_path / "members.csv"
    csv.write_text("\n".join(rows) + "\n")
    _kill_at_random([*LEADCLI, "--db", str(db), "import", "members", str(csv)], rng, 0.8)
    assert intact(db)
    assert count(db, "members") in (0, 1500)
    # The file is usable afterwards, and an import after it completes.
    if count(db, "members") == 0:
        done = run("import", "members", str(csv), db=db)
        assert done.returncode == 0, done.stderr
        assert count(db, "members") == 1500


@pytest.mark.parametrize("seed", range(2))
def test_kill_9_of_a_backup_and_a_demo_leaves_the_next_run_clean(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    source = tmp_path / "demo.db"
    _kill_at_random([*LEADCLI, "demo", "--db", str(source), "--weeks", "20"], rng, 0.8)
    assert not source.exists() or intact(source)
    if source.exists():
        source.unlink()
    made = run("demo", "--weeks", "10", db=source)  # the killed demo does not block this one
    assert made.returncode == 0, made.stderr
    leads = count(source, "leads")
    copy = tmp_path / "copy.db"
    _kill_at_random([*LEADCLI, "--db", str(source), "db", "backup", str(copy)], rng, 0.6)
    assert not copy.exists() or (intact(copy) and count(copy, "leads") == leads)
    again = run("db", "backup", str(copy), "--force", db=source)
    assert again.returncode == 0, again.stderr
    assert intact(copy) and count(copy, "leads") == leads
    hidden = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert hidden == [], "temporary files of killed runs were left"
    assert intact(source) and count(source, "leads") == leads


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_a_full_disk_is_said_and_leaves_nothing(tmp_path: Path) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)]).returncode:
        pytest.skip("mount is not permitted here")
    try:
        db = mount / "group.db"
        assert run("member", "add", "Ann", "--category", "Realtor", db=db).returncode == 0
        with open(mount / "filler", "wb") as filler:
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError:
                pass
        before = sorted(p.name for p in mount.iterdir())
        for args in (
            ("member", "add", "Bob", "--category", "Plumber"),
            ("db", "backup", str(mount / "copy.db")),
            ("export", "members", "--output", str(mount / "m.csv")),
        ):
            done = run(*args, db=db)
            assert done.returncode == 1, (args, done.stderr)
            assert "the disk is full" in done.stderr and len(done.stderr.splitlines()) == 1
        demo = subprocess.run(
            [*LEADCLI, "demo", "--db", str(mount / "demo.db"), "--weeks", "2"],
            capture_output=True,
            text=True,
        )
        assert demo.returncode == 1 and "the disk is full" in demo.stderr, demo.stderr
        assert run("member", "list", db=db).returncode == 0
        assert sorted(p.name for p in mount.iterdir()) == before
        (mount / "filler").unlink()
        assert count(db, "members") == 1 and intact(db)
    finally:
        subprocess.run(["umount", str(mount)])
