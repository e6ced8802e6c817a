"""What an attack run does with processes: writers at once while others read (no write may be
lost), kill -9 of an import, a backup and a demo at random moments while they work (the file
stays intact, all or nothing, and the next run is clean), and a full disk (said as such)."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.faults

LEADCLI = [sys.executable, "-m", "leadcli"]


@pytest.fixture(autouse=True)
def patient(monkeypatch: pytest.MonkeyPatch) -> None:
    """A loaded machine may keep a writer waiting past the default 5 s (exit 75, as documented);
    here writers wait, so what is counted is lost writes, not busy timeouts."""
    monkeypatch.setenv("LEADCLI_BUSY_TIMEOUT_MS", "120000")


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LEADCLI, "--db", str(db), *args], capture_output=True, text=True)


def query(db: Path, sql: str) -> object:
    """One value, read with a connection closed at once (an open one would keep a mount busy)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchone()[0]


def count(db: Path, table: str) -> int:
    return int(query(db, f"SELECT count(*) FROM {table}"))  # type: ignore[call-overload]


def intact(db: Path) -> bool:
    return query(db, "PRAGMA integrity_check") == "ok"


# --------------------------------------------------------------------------- writers at once

WRITER = """
import subprocess, sys
w, n, db = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
bad = 0
for i in range(n):
    r = subprocess.run([sys.executable, '-m', 'leadcli', '--db', db, 'member', 'add',
        f'W{w} M{i}', '--category', f'C{w}-{i}'], capture_output=True, text=True)
    if r.returncode:
        bad += 1
        sys.stderr.write(r.stderr)
sys.exit(bad)
"""

READER = """
import subprocess, sys
db, n = sys.argv[1], int(sys.argv[2])
bad = 0
for i in range(n):
    for args in (['report'], ['member', 'quota'], ['member', 'list', '--json']):
        r = subprocess.run([sys.executable, '-m', 'leadcli', '--db', db, *args],
            capture_output=True, text=True)
        if r.returncode not in (0, 3) or 'Traceback' in r.stderr:
            bad += 1
            sys.stderr.write(r.stderr)
sys.exit(bad)
"""


def test_concurrent_writers_lose_nothing_while_others_read(tmp_path: Path) -> None:
    db = tmp_path / "group.db"
    assert run("init", "--name", "Busy", db=db).returncode == 0
    writers, each = 4, 3
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(w), str(each), str(db)])
        for w in range(writers)
    ]
    procs += [subprocess.Popen([sys.executable, "-c", READER, str(db), "1"]) for _ in range(2)]
    failed = sum(p.wait(timeout=300) for p in procs)
    assert failed == 0
    lost = writers * each - count(db, "members")
    assert lost == 0
    assert intact(db)


# --------------------------------------------------------------------------- kill -9


def has_open(pid: int, where: Path) -> bool:
    """Whether the process has a file under ``where`` open (it has begun its work there)."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        with contextlib.suppress(OSError):
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(str(where)):
                return True
    return False


def kill_at_random(args: list[str], rng: random.Random, most: float, where: Path) -> int:
    """Start the command, wait until it has a file under ``where`` open (on systems without
    /proc, a moment), then kill -9 it a random time later: at 0, as it opens its file."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if Path("/proc/self/fd").is_dir():
        while proc.poll() is None and not has_open(proc.pid, where):
            time.sleep(0.002)
    else:  # pragma: no cover
        time.sleep(0.3)
    time.sleep(rng.uniform(0, most))
    proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=60)


@pytest.mark.parametrize("seed", range(3))
def test_kill_9_of_an_import_is_all_or_nothing(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    place = tmp_path / "data"
    place.mkdir()
    db = place / "group.db"
    assert run("init", db=db).returncode == 0
    rows = ["name,category,joined"] + [f"Person {i},Trade {i},2026-01-07" for i in range(1500)]
    csv = tmp_path / "members.csv"
    csv.write_text("\n".join(rows) + "\n")
    kill_at_random([*LEADCLI, "--db", str(db), "import", "members", str(csv)], rng, 1.0, place)
    assert intact(db)
    assert count(db, "members") in (0, 1500)
    # The file is usable afterwards, and an import after it completes.
    if count(db, "members") == 0:
        done = run("import", "members", str(csv), db=db)
        assert done.returncode == 0, done.stderr
        assert count(db, "members") == 1500
    assert sorted(p.name for p in place.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("seed", range(3))
def test_kill_9_of_a_backup_and_a_demo_leaves_the_next_run_clean(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    source = tmp_path / "demo.db"
    kill_at_random([*LEADCLI, "demo", "--db", str(source), "--weeks", "20"], rng, 0.6, tmp_path)
    assert not source.exists() or intact(source)
    if source.exists():
        source.unlink()
    made = run("demo", "--weeks", "10", db=source)  # the killed demo does not block this one
    assert made.returncode == 0, made.stderr
    leads = count(source, "leads")
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    copy = shelf / "copy.db"
    kill_at_random([*LEADCLI, "--db", str(source), "db", "backup", str(copy)], rng, 0.3, shelf)
    assert not copy.exists() or (intact(copy) and count(copy, "leads") == leads)
    again = run("db", "backup", str(copy), "--force", db=source)
    assert again.returncode == 0, again.stderr
    assert intact(copy) and count(copy, "leads") == leads
    for place in (tmp_path, shelf):
        hidden = [p.name for p in place.iterdir() if p.name.startswith(".")]
        assert hidden == [], "temporary files of killed runs were left"
    assert intact(source) and count(source, "leads") == leads


# --------------------------------------------------------------------------- a full disk


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs, unmounted after the test whatever happens (lazily if still busy)."""
    if not sys.platform.startswith("linux") or not shutil.which("mount"):
        pytest.skip("a full disk is made with a small tmpfs, which needs Linux and mount(8)")
    if os.geteuid() != 0:
        pytest.skip("a full disk is made by mounting a small tmpfs, which needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if made.returncode:
        reason = made.stderr.strip() or f"mount exited {made.returncode}"
        pytest.skip(f"mounting a small tmpfs is not permitted here ({reason})")
    try:
        yield mount
    finally:
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True)
        assert not os.path.ismount(mount)


def test_a_full_disk_is_said_and_leaves_nothing(small_disk: Path) -> None:
    mount = small_disk
    db = mount / "group.db"
    assert run("member", "add", "Ann", "--category", "Realtor", db=db).returncode == 0
    with open(mount / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 65536)
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
