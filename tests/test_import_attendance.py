"""An attendance import leaves the group file exactly as recording its marks meeting by meeting
does (`meetings.attend`, joined dates moved once at the end): the same rows, the same change log,
in the same order; and a bad file leaves it untouched."""

from __future__ import annotations

import csv
import datetime as dt
import random
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke
from leadcli import db, meetings, members
from leadcli.transfer import attendance

TABLES = ("members", "meetings", "attendance", "changes")
NAMES = ("Ann Archer", "Bob Baker", "Cat Cole", "Dan Dale", "Eve Ezra")
SUBSTITUTES = ('Sü "the sub" \\ Ortiz 😀', "Sam Sub", "")


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables an import writes, with its rowid, in rowid order."""
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall() for t in TABLES
        }


@pytest.fixture
def copies(cli: Invoke, tmp_path: Path) -> list[Path]:
    """Two copies of a group of five that has recorded two meetings already (one a holiday),
    two of whom joined after meetings the files name."""
    cli("init")
    for name, category, joined in zip(
        NAMES,
        ("Realtor", "Plumber", "Lawyer", "Dentist", "Florist"),
        ("2024-01-03", "2024-01-03", "2025-03-05", "2024-01-03", "2025-06-04"),
        strict=True,
    ):
        cli("member", "add", name, "--category", category, "--joined", joined)
    cli("member", "attend", "Ann", "Bob", "--date", "2025-01-08")
    cli("member", "attend", "Dan", "--date", "2025-01-08", "--status", "substitute", "--sub", "Al")
    cli("meeting", "add", "2025-01-22", "--holiday")
    source = Path(db.resolve_path())
    paths = [tmp_path / "expected.db", tmp_path / "imported.db"]
    for path in paths:
        path.write_bytes(source.read_bytes())
    return paths


def marks(seed: int) -> list[tuple[dt.date, str, str, str]]:
    """Marks over thirty weeks, the days out of order and split (as files exported from other
    tools are), some replacing the marks recorded before."""
    rng = random.Random(seed)
    found = []
    for week in range(30):
        day = dt.date(2025, 1, 1) + dt.timedelta(weeks=week)
        if day == dt.date(2025, 1, 22):
            continue  # the holiday
        for name in NAMES:
            status = rng.choice(["present", "absent", "late", "medical", "substitute"])
            sub = rng.choice(SUBSTITUTES[:2]) if status == "substitute" else ""
            found.append((day, name, status, sub))
    rng.shuffle(found)
    found.sort(key=lambda m: m[0].toordinal() // 21)  # runs of days, not one day at a time
    return found


def recorded_one_meeting_at_a_time(path: Path, rows: list[tuple[dt.date, str, str, str]]) -> None:
    conn = db.connect(path)
    earliest: dict[int, dt.date] = {}
    with db.transaction(conn):
        run: list[meetings.Mark] = []
        for number, (day, name, status, sub) in enumerate(rows):
            run.append(meetings.Mark(members.resolve(conn, name), status, sub or None))
            if number + 1 == len(rows) or rows[number + 1][0] != day:
                meetings.attend(conn, day, run, backdate=False)
                for mark in run:
                    if day < earliest.get(mark.member.id, dt.date.max):
                        earliest[mark.member.id] = day
                run = []
        for member_id, day in earliest.items():
            members.backdate(conn, member_id, day)
    conn.close()


def write(path: Path, rows: list[tuple[dt.date, str, str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["date", "member", "status", "substitute"])
        out.writerows([day.isoformat(), name, status, sub] for day, name, status, sub in rows)


@pytest.mark.parametrize("chunk", [7, 5_000])
def test_a_long_file_gives_the_database_recording_each_meeting_gives(
    cli: Invoke, copies: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(attendance, "CHUNK", chunk)  # 7: many chunks, split within a meeting
    expected, imported = copies
    rows = marks(seed=5)
    file = tmp_path / "attendance.csv"
    write(file, rows)
    recorded_one_meeting_at_a_time(expected, rows)
    out = cli("--db", str(imported), "import", "attendance", str(file))
    assert dump(imported) == dump(expected)
    assert "145 attendance marks at 29 meetings" in out.stdout
    assert "28 new meetings; 3 earlier records replaced" in out.stdout
    joined = {row[2]: row[7] for row in dump(imported)["members"]}
    assert joined["Cat Cole"] == joined["Eve Ezra"] == "2025-01-01"


def test_a_matrix_gives_the_database_recording_each_meeting_gives(
    cli: Invoke, copies: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attendance, "CHUNK", 4)
    expected, imported = copies
    days = [dt.date(2025, 1, 8), dt.date(2024, 12, 25), dt.date(2025, 1, 15)]
    letters = {"Ann Archer": "PAL", "Bob Baker": "M P", "Dan Dale": "ALP", "Eve Ezra": "PPP"}
    file = tmp_path / "palms.csv"
    file.write_text(
        "member," + ",".join(d.strftime("%m/%d/%Y") for d in days) + "\n"
        + "".join(f"{name},{','.join(cells)}\n" for name, cells in letters.items())
    )  # fmt: skip
    words = {"P": "present", "A": "absent", "L": "late", "M": "medical"}
    rows = [
        (day, name, words[cells[i]], "")
        for name, cells in letters.items()
        for i, day in enumerate(days)
        if cells[i] != " "
    ]
    # A matrix is read a member a row: its marks come in that order.
    recorded_one_meeting_at_a_time(expected, rows)
    cli("--db", str(imported), "import", "attendance", str(file))
    assert dump(imported) == dump(expected)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("2025-01-22,Ann Archer,present,", "line 5: the meeting of 2025-01-22 is a holiday"),
        ("2025-02-05,Zed,present,", "line 5: member: no member named 'Zed'"),
        ("2025-02-05,Ann Archer,X,", "line 5: unknown attendance status 'X'"),
        ("2025-02-05,Ann Archer,present,Sam", "line 5: substitute 'Sam' goes with status"),
        ("2025-02-05,Bob Baker,late,", "line 5: Bob Baker at the meeting of 2025-02-05 is already"),
        (",Ann Archer,present,", "line 5: date is empty"),
    ],
)
def test_a_bad_row_after_marks_already_written_leaves_the_file_untouched(
    cli: Invoke,
    copies: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    line: str,
    message: str,
) -> None:
    monkeypatch.setattr(attendance, "CHUNK", 2)  # the good rows before it are written first
    _, path = copies
    before = dump(path)
    file = tmp_path / "attendance.csv"
    file.write_text(
        "date,member,status,substitute\n2025-02-05,Bob Baker,present,\n"
        "2025-02-05,Cat Cole,present,\n2025-02-12,Ann Archer,absent,\n" + line + "\n"
    )
    out = cli("--db", str(path), "import", "attendance", str(file), code=2)
    assert message in out.stderr
    assert "nothing was imported" in out.stderr
    assert dump(path) == before
