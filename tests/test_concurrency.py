"""A dozen leadcli processes at once: the secretary writing while cron reads and members check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def patient(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing may be lost however long a writer waits. A shared, loaded machine can keep one
    waiting past the default 5 s (the command then stops with exit 75, as documented), which is
    not what these tests are about."""
    monkeypatch.setenv("LEADCLI_BUSY_TIMEOUT_MS", "60000")


def spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "leadcli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def finish(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{proc.args} exited {proc.returncode}: {err}"


def test_a_dozen_writers_on_a_new_file_lose_nothing(db_path: Path) -> None:
    assert not db_path.exists()
    writers = [
        spawn(
            "member",
            "add",
            f"Member {i:02d}",
            "--category",
            f"Trade {i:02d}",
            "--joined",
            "2026-01-07",
        )
        for i in range(12)
    ]
    finish(writers)
    listed = json.loads(
        subprocess.run(
            [sys.executable, "-m", "leadcli", "member", "list", "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert sorted(m["name"] for m in listed) == [f"Member {i:02d}" for i in range(12)]


def test_writers_and_readers_together(db_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "leadcli", "init"], check=True, capture_output=True)
    for i in range(12):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "leadcli",
                "member",
                "add",
                f"M{i:02d}",
                "--category",
                f"C{i:02d}",
                "--joined",
                "2026-01-07",
            ],
            check=True,
            capture_output=True,
        )
    procs = []
    for i in range(12):
        procs.append(
            spawn(
                "member",
                "attend",
                f"#{i + 1}",
                "--date",
                "2026-11-18",
                "--status",
                "late" if i % 2 else "present",
            )
        )
        if i % 3 == 0:
            procs.append(spawn("meeting", "list", "--json"))
            procs.append(spawn("member", "list", "--json"))
    finish(procs)
    rows = json.loads(
        subprocess.run(
            [sys.executable, "-m", "leadcli", "meeting", "list", "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert rows[0]["present"] == 6 and rows[0]["late"] == 6 and rows[0]["not_recorded"] == 0


def test_one_category_race_has_exactly_one_winner(db_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "leadcli", "init"], check=True, capture_output=True)
    procs = [spawn("member", "add", f"Realtor {i}", "--category", "Realtor") for i in range(8)]
    codes = []
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        codes.append(proc.returncode)
        if proc.returncode:
            assert "held by" in err
    assert sorted(codes) == [0] + [1] * 7


def test_leads_while_cron_reports_and_members_check(db_path: Path) -> None:
    from leadkit import hot

    def run(*args: str) -> None:
        subprocess.run([sys.executable, "-m", "leadcli", *args], check=True, capture_output=True)

    run("init")
    for i in range(4):
        run("member", "add", f"M{i}", "--category", f"C{i}", "--joined", "2026-01-07")
    run("member", "attend", "#1", "#2", "#3", "#4", "--date", "2026-11-18")
    procs = []
    for i in range(12):
        args = hot(
            **{"from": f"#{i % 4 + 1}", "to": f"#{(i + 1) % 4 + 1}"},
            company=f"Prospect {i}",
            phone=None,
            email=f"p{i}@prospect.example",
        )
        procs.append(spawn(*args[0:]))
        if i % 4 == 0:
            procs.append(spawn("report", "weekly", "--format", "json"))
            procs.append(spawn("member", "quota", "--json"))
    finish(procs)
    leads = json.loads(
        subprocess.run(
            [sys.executable, "-m", "leadcli", "lead", "list", "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert sorted(lead["company"] for lead in leads) == sorted(f"Prospect {i}" for i in range(12))
    assert len({lead["id"] for lead in leads}) == 12
