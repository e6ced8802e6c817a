from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line


def statuses(db_path: Path, day: str) -> dict[str, str]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT m.name, a.status FROM attendance a JOIN members m ON m.id = a.member_id WHERE meeting = ?",
            [day],
        )
        return dict(rows.fetchall())


def test_every_palms_status(group: Invoke, db_path: Path) -> None:
    group("member", "attend", "Ann", "--date", "2026-11-18")
    group("member", "attend", "Bob", "--date", "2026-11-18", "--status", "late")
    group("member", "attend", "Cat", "--date", "2026-11-18", "--status", "M")
    out = group("member", "attend", "Dan", "--date", "2026-11-18", "--sub", "Sam Sub").stdout
    assert "Dan Dale: substitute (Sam Sub)" in out
    assert statuses(db_path, "2026-11-18") == {
        "Ann Archer": "present",
        "Bob Baker": "late",
        "Cat Cole": "medical",
        "Dan Dale": "substitute",
    }
    group("member", "attend", "Ann", "--date", "2026-11-11", "--status", "absent")
    assert statuses(db_path, "2026-11-11") == {"Ann Archer": "absent"}


def test_default_date_is_the_latest_regular_meeting_day(group: Invoke) -> None:
    out = group("member", "attend", "Ann").stdout
    assert "Meeting of Wednesday 2026-11-18 (new meeting):" in out


def test_rerecording_replaces(group: Invoke, db_path: Path) -> None:
    group("member", "attend", "Ann", "--date", "wed")
    out = group("member", "attend", "Ann", "--date", "wed", "--status", "late").stdout
    assert "(was present)" in out
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == 1
    assert statuses(db_path, "2026-11-18") == {"Ann Archer": "late"}


def test_others_absent(group: Invoke, db_path: Path) -> None:
    group("member", "attend", "Ann", "Bob", "--date", "2026-11-18")
    out = group(
        "member", "attend", "Cat", "--date", "2026-11-18", "--status", "late", "--others", "absent"
    ).stdout
    assert "absent: Dan Dale" in out
    assert statuses(db_path, "2026-11-18") == {
        "Ann Archer": "present",
        "Bob Baker": "present",
        "Cat Cole": "late",
        "Dan Dale": "absent",
    }
    rows = json.loads(group("meeting", "list", "--json").stdout)
    assert rows == [
        {
            "date": "2026-11-18",
            "holiday": False,
            "present": 2,
            "late": 1,
            "substitute": 0,
            "medical": 0,
            "absent": 1,
            "not_recorded": 0,
            "rate": 0.75,
        }
    ]


def test_others_only_takes_absent(group: Invoke) -> None:
    assert "--others takes only 'absent'" in one_error_line(
        group("member", "attend", "--others", "present", code=2)
    )


def test_unknown_member_writes_nothing(group: Invoke, db_path: Path) -> None:
    result = group("member", "attend", "Ann", "Zoe", "--date", "2026-11-18", code=1)
    assert "no member named 'Zoe'" in one_error_line(result)
    assert statuses(db_path, "2026-11-18") == {}
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["Ann", "--status", "sleeping"], 2, "unknown attendance status 'sleeping'"),
        (["Ann", "--status", "late", "--sub", "Sam"], 2, "--sub goes with --status substitute"),
        (["Ann", "--date", "someday"], 2, "invalid date for --date"),
        (["Ann", "--date", "2026-11-31"], 2, "impossible date"),
        (["Ann", "Ann", "--date", "2026-11-18"], 2, "named twice"),
        (["A", "--date", "2026-11-18"], 1, "matches several members"),
        (["Ann", "--sub", "Sam\x1bX"], 2, "control character"),
        (["Ann", "--date", ""], 2, "--date must not be empty"),
        (["Ann", "--date", "9999-12-31"], 2, "date out of range for --date"),
        (["Ann", "--sub", ""], 2, "--sub must not be empty"),
    ],
)
def test_bad_attendance(
    group: Invoke, db_path: Path, args: list[str], code: int, message: str
) -> None:
    group("member", "add", "Al Ames", "--category", "Baker", "--joined", "2026-01-07")
    result = group("member", "attend", *args, code=code)
    assert message in one_error_line(result)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == 0


def test_left_member_cannot_attend_after_leaving(group: Invoke) -> None:
    group("member", "leave", "Dan", "--on", "2026-11-01")
    assert "left on 2026-11-01" in one_error_line(
        group("member", "attend", "Dan", "--date", "2026-11-18", code=1)
    )
    group("member", "attend", "Dan", "--date", "2026-10-28")


def test_attending_before_joining_moves_the_joined_date_back(group: Invoke) -> None:
    # The roster is often typed in after the meeting it attended.
    result = group("member", "attend", "Ann", "Bob", "--date", "2025-12-31")
    assert "Ann Archer: present" in result.stdout
    assert result.stderr.splitlines() == [
        f"note: {name} joined 2026-01-07; the joined date is now 2025-12-31, the meeting recorded"
        for name in ("Ann Archer", "Bob Baker")
    ]
    joined = {m["name"]: m["joined"] for m in json.loads(group("member", "list", "--json").stdout)}
    assert joined["Ann Archer"] == joined["Bob Baker"] == "2025-12-31"
    assert joined["Cat Cole"] == "2026-01-07"
    # A later meeting never moves it forward, and says nothing.
    later = group("member", "attend", "Ann", "--date", "2026-01-14")
    assert "note" not in later.stderr
    assert json.loads(group("member", "show", "Ann", "--json").stdout)["joined"] == "2025-12-31"
    quota = json.loads(group("member", "quota", "Ann", "--as-of", "2026-01-14", "--json").stdout)
    assert quota["window"]["start"] == "2025-12-31" and quota["attendance"]["counted"] == 2


def test_others_absent_leaves_members_who_joined_later_alone(group: Invoke, db_path: Path) -> None:
    group("member", "leave", "Dan", "--on", "2026-01-07")
    result = group("member", "attend", "Ann", "--date", "2025-12-31", "--others", "absent")
    assert statuses(db_path, "2025-12-31") == {"Ann Archer": "present"}
    assert (
        "note: not marked absent, as they joined after 2025-12-31: Bob Baker, Cat Cole "
        in result.stderr
    )
    # A member who left after the meeting was on its roll: marked absent.
    group("member", "attend", "Ann", "Bob", "--date", "2026-01-07")
    result = group("member", "attend", "--date", "2026-01-07", "--others", "absent")
    assert "absent: Cat Cole, Dan Dale" in result.stdout and result.stderr == ""


def test_no_names_and_no_terminal_is_an_error(group: Invoke) -> None:
    assert "missing member names" in one_error_line(group("member", "attend", code=2))


def test_prompt_per_member_on_a_terminal(
    group: Invoke, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leadcli.commands import _common

    monkeypatch.setattr(_common, "interactive", lambda: True)
    result = group(
        "member", "attend", "--date", "2026-11-18", input="p\nlate\nbogus\nm\ns\nSam Sub\n"
    )
    assert "unknown attendance status 'bogus'" in result.stderr
    assert statuses(db_path, "2026-11-18") == {
        "Ann Archer": "present",
        "Bob Baker": "late",
        "Cat Cole": "medical",
        "Dan Dale": "substitute",
    }


def test_prompt_interrupted_writes_nothing(
    group: Invoke, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leadcli.commands import _common

    monkeypatch.setattr(_common, "interactive", lambda: True)
    group("member", "attend", "--date", "2026-11-18", input="p\n", code=130)
    assert statuses(db_path, "2026-11-18") == {}


def test_holiday_takes_no_attendance(group: Invoke) -> None:
    group("meeting", "add", "2026-11-25", "--holiday")
    assert "is a holiday" in one_error_line(
        group("member", "attend", "Ann", "--date", "2026-11-25", code=1)
    )


def test_a_two_digit_year_slip_is_noted(group: Invoke) -> None:
    result = group("member", "attend", "Ann", "--date", "11/18/99")
    assert "Meeting of Wednesday 2099-11-18" in result.stdout
    assert "note: the meeting of 2099-11-18 is in the future" in result.stderr
    added = group("member", "add", "Zed Zane", "--category", "Zoo", "--joined", "11/18/99")
    assert "note: the joining day 2099-11-18 is in the future" in added.stderr
