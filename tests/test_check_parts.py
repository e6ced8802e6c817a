"""`lead check --all` shared among processes: the same output, exit code and stored verdicts as
one process checking every lead, whatever happens to the other processes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from conftest import Invoke, demo_history
from leadcli import checking, db, forking, settings
from leadcli.commands import lead_check


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_history(tmp_path_factory, "parts")


@pytest.fixture
def group(history: Path, tmp_path: Path) -> Path:
    """A copy of the history this test may change."""
    copy = tmp_path / "copy.db"
    shutil.copy(history, copy)
    return copy


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts of a hundred leads or more, among three processes."""
    monkeypatch.setattr(lead_check, "SHARED_FROM", 100)
    monkeypatch.setenv("LEADCLI_JOBS", "3")


def check_all(cli: Invoke, path: Path, *args: str, jobs: str) -> tuple[int, bytes]:
    result = cli(
        "--db", str(path), "lead", "check", "--all", *args, code=None, env={"LEADCLI_JOBS": jobs}
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout_bytes


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.mark.parametrize("args", [(), ("--json",), ("--select", "H", "--json")])
def test_parts_print_what_one_process_prints(
    cli: Invoke,
    group: Path,
    shared: None,
    args: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alone = check_all(cli, group, *args, jobs="1")
    parted = []
    real = forking.run_in_order

    def spy(parts: list[object], work: object) -> object:
        parted.append(len(parts))
        return real(parts, work)  # type: ignore[arg-type]

    monkeypatch.setattr(forking, "run_in_order", spy)
    assert check_all(cli, group, *args, jobs="3") == alone
    assert parted == [3]
    assert alone[0] == (0 if "--select" in args else 3)  # some leads are INCOMPLETE
    with sqlite3.connect(group) as conn:
        (live,) = conn.execute("SELECT count(*) FROM leads WHERE voided_at IS NULL").fetchone()
    if "--json" in args:
        assert alone[1].count(b'"verdict"') == live
    else:
        assert (
            f"Checked {live:,} leads".encode() in alone[1]
            or f"Checked {live} leads".encode() in alone[1]
        )


def test_parts_store_the_verdicts_one_process_stores(
    cli: Invoke, history: Path, tmp_path: Path, shared: None
) -> None:
    """After a change of settings, every changed verdict is stored, whichever process found it."""
    stored = []
    for jobs in ("1", "3"):
        path = tmp_path / f"jobs-{jobs}.db"
        shutil.copy(history, path)
        cli("--db", str(path), "config", "set", "rules.complete_description_words", "12")
        check_all(cli, path, "--json", jobs=jobs)
        stored.append(dump(path))
    assert stored[0] == stored[1]
    with sqlite3.connect(tmp_path / "jobs-3.db") as conn:
        (checked,) = conn.execute("SELECT count(*) FROM lead_events WHERE kind = 'checked'")
    assert checked[0] > 100


def test_a_part_that_reads_another_moment_is_checked_here(
    cli: Invoke, group: Path, shared: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A forked process that finds the file changed since this one read it refuses its part."""
    alone = check_all(cli, group, "--json", jobs="1")
    here = os.getpid()
    seen = checking.fingerprint

    def moving(conn: sqlite3.Connection) -> object:
        return (seen(conn), os.getpid() == here)

    monkeypatch.setattr(checking, "fingerprint", moving)
    assert check_all(cli, group, "--json", jobs="3") == alone


def test_a_part_whose_process_dies_is_checked_here(
    cli: Invoke, group: Path, shared: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = check_all(cli, group, jobs="1")
    here = os.getpid()
    real = checking.check_all

    def dying(*args: object, **kwargs: object) -> object:
        if os.getpid() != here:
            os._exit(9)
        return real(*args, **kwargs)

    monkeypatch.setattr(checking, "check_all", dying)
    assert check_all(cli, group, jobs="3") == alone


def test_the_parts_cover_every_day_once(history: Path) -> None:
    conn = db.connect(history)
    days = [
        dt.date.fromisoformat(d)
        for (d,) in conn.execute("SELECT date FROM leads WHERE voided_at IS NULL ORDER BY date")
    ]
    for count in (1, 2, 3, 7):
        spans = checking.parts(conn, count, 10)
        assert len(spans) == count
        assert spans[0][0] == days[0] and spans[-1][1] == days[-1]
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert start == end + dt.timedelta(days=1)
        sizes = [sum(first <= d <= last for d in days) for first, last in spans]
        assert min(sizes) > 0.5 * len(days) / count
    assert len(checking.parts(conn, 4, len(days))) == 1  # too few to share
    conn.close()


def test_no_leads_no_parts(db_path: Path, cli: Invoke) -> None:
    cli("init")
    conn = db.connect(db_path)
    assert checking.parts(conn, 4, 1) == []
    conn.close()


def test_run_in_order_writes_each_part_in_turn(capfd: pytest.CaptureFixture[str]) -> None:
    """Forked parts' output comes after the first part's, in the order of the parts; a part
    that fails in its process is done here."""
    here = os.getpid()

    def work(part: int, forked: bool) -> int:
        assert forked == (os.getpid() != here)
        if part == 2 and forked:
            raise RuntimeError("refused")
        sys.stdout.write(f"part {part} {'away' if forked else 'here'}\n")
        return part * 10

    assert forking.run_in_order([0, 1, 2, 3], work) == [0, 10, 20, 30]
    sys.stdout.flush()
    assert capfd.readouterr().out == "part 0 here\npart 1 away\npart 2 here\npart 3 away\n"


def test_jobs_reads_leadcli_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEADCLI_JOBS", "1")
    assert forking.jobs() == 1
    monkeypatch.setenv("LEADCLI_JOBS", "5")
    assert forking.jobs() == 5
    monkeypatch.setenv("LEADCLI_JOBS", "0")
    assert forking.jobs() == 1
    monkeypatch.delenv("LEADCLI_JOBS")
    cores = forking.jobs()
    assert cores >= 1
    for passed_over in ("many", "-2", "1.5", ""):
        monkeypatch.setenv("LEADCLI_JOBS", passed_over)
        assert forking.jobs() == cores


def test_a_check_reads_stored_company_keys_as_the_names_they_stand_for(
    cli: Invoke, group: Path
) -> None:
    """Leads compared by their stored company key are compared as by their company names."""
    keyed = check_all(cli, group, "--json", jobs="1")
    with sqlite3.connect(group) as conn:
        (duplicates,) = conn.execute(
            "SELECT count(*) FROM leads WHERE company_key IN "
            "(SELECT company_key FROM leads GROUP BY company_key HAVING count(*) > 1)"
        ).fetchone()
        conn.execute("UPDATE leads SET company_key = NULL")
    assert duplicates > 10
    assert check_all(cli, group, "--json", jobs="1") == keyed


def test_a_part_no_process_can_be_made_for_is_checked_here(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the system refuses a process (or a file for its output), its part is done here."""
    real = os.fork
    made = []

    def refusing() -> int:
        if made:
            raise OSError(11, "Resource temporarily unavailable")
        made.append(1)
        return real()

    monkeypatch.setattr(os, "fork", refusing)

    def work(part: int, forked: bool) -> int:
        sys.stdout.write(f"part {part} {'away' if forked else 'here'}\n")
        return part

    assert forking.run_in_order([0, 1, 2], work) == [0, 1, 2]
    sys.stdout.flush()
    assert capfd.readouterr().out == "part 0 here\npart 1 away\npart 2 here\n"


def test_a_scan_collects_garbage_less_often_and_then_as_before(history: Path) -> None:
    import gc

    conn = db.connect(history)
    before = gc.get_threshold()
    scan = checking.check_all(conn, settings.load(conn))
    next(scan)
    assert gc.get_threshold()[0] == checking.SCAN_COLLECTION
    for _ in scan:
        pass
    assert gc.get_threshold() == before
    scan = checking.check_all(conn, settings.load(conn))
    next(scan)
    scan.close()  # a scan left part-way sets it back too
    assert gc.get_threshold() == before
    conn.close()
