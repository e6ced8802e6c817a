"""The import's fast paths give what the slow ones gave: the same database as adding the leads one
at a time, and the same email addresses as email-validator."""

from __future__ import annotations

import csv
import datetime as dt
import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import Invoke
from leadcli import checking, clock, db, leads, meetings, parse, transfer
from leadcli import settings as group_settings
from leadcli.errors import LeadcliError

TABLES = ("members", "meetings", "attendance", "leads", "lead_events")


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}


def one_at_a_time(path: Path, file: Path) -> None:
    """The import as it was: each row validated and stored as `lead add` does, then the new
    leads checked in date order and their first verdicts recorded one by one."""
    conn = db.connect(path)
    group = group_settings.load(conn)
    now = clock.now(group.tz)
    with transfer.CsvFile(file) as source, db.transaction(conn):
        job = transfer.prepare("leads", source, transfer.Inputs.of(group, now), group)
        from leadcli.transfer.rows import Problems, rows
        from leadcli.transfer.values import MemberNames

        names, new = MemberNames(conn), []
        for row in rows(source, job.columns, Problems()):
            values = job._parse(row, names)[0]
            leads.validate(conn, values)
            new.append((values["date"], leads.insert(conn, values, now)))
        ids = [lead_id for _, lead_id in sorted(new)]
        for start in range(0, len(ids), 500):
            found = leads.query(conn, leads.Filters(ids=ids[start : start + 500]))
            for lead, check in zip(found, checking.check_many(conn, found, group), strict=True):
                leads.record_first_check(conn, lead.id, check, now)
    conn.close()


def write_leads(path: Path, rows: int, seed: int, first: dt.date) -> None:
    """Leads over a year and a half that share phones, emails and companies now and then."""
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["from", "to", "type", "company", "contact", "title", "phone", "email",
             "description", "heard", "date", "public", "may_use_name", "expecting_call",
             "need_discussed", "decision", "source"]
        )  # fmt: skip
        for n in range(rows):
            day = first + dt.timedelta(weeks=rng.randrange(80))
            giver, receiver = rng.sample(["Ann Archer", "Bob Baker", "Cat Cole", "Dan Dale"], 2)
            kind = rng.choice(leads.TYPES)
            out.writerow(
                [
                    giver,
                    "" if kind == "general-opportunity" else receiver,
                    kind,
                    f"The Acme {rng.randrange(40)} Co., Inc." if rng.random() < 0.8 else "",
                    f"Contact {n}",
                    rng.choice(["Owner", ""]),
                    rng.choice(["", f"(415) 555-{rng.randrange(60):04d}", "+1 212 555 0101"]),
                    rng.choice(["", f"c{rng.randrange(50)}@Company.example", "x@y.example"]),
                    "needs a new office fit-out with cabling, desks and a move in spring "
                    * rng.randrange(3),
                    (day - dt.timedelta(days=rng.randrange(20))).isoformat(),
                    f"{day:%m/%d/%Y}",
                    rng.choice(["yes", "no", ""]),
                    rng.choice(["yes", "no", ""]),
                    rng.choice(["y", "n", ""]),
                    rng.choice(["true", "false", ""]),
                    (day + dt.timedelta(days=rng.randrange(200))).isoformat(),
                    rng.choice(["client", "mixer"]),
                ]
            )


@pytest.fixture
def roster(cli: Invoke, tmp_path: Path) -> list[Path]:
    """Two copies of a group of four (two typed in after their first meeting in the file),
    which already holds a few leads."""
    cli("init")
    cli("member", "add", "Ann Archer", "--category", "Realtor", "--joined", "2024-01-03")
    cli("member", "add", "Bob Baker", "--category", "Plumber", "--joined", "2024-01-03")
    cli("member", "add", "Cat Cole", "--category", "Lawyer", "--joined", "2025-03-05")
    cli("member", "add", "Dan Dale", "--category", "Dentist")
    for day in ("2025-02-05", "2025-02-12"):
        cli(
            "lead", "add", "--from", "Ann", "--to", "Bob", "--type", "direct", "--date", day,
            "--company", "Acme 3 Co", "--phone", "(415) 555-0003", "--description", "x",
        )  # fmt: skip
    source = Path(db.resolve_path())
    copies = [tmp_path / "slow.db", tmp_path / "fast.db"]
    for copy in copies:
        copy.write_bytes(source.read_bytes())
    return copies


def test_an_import_gives_the_database_adding_one_lead_at_a_time_gives(
    cli: Invoke, roster: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leadcli.transfer import lead_checks
    from leadcli.transfer import leads as lead_import

    monkeypatch.setattr(lead_import, "CHUNK", 37)  # many chunks, split within a day
    monkeypatch.setattr(lead_checks, "CHUNK", 37)
    monkeypatch.setattr(leads, "CHUNK", 11)
    file = tmp_path / "leads.csv"
    write_leads(file, 400, seed=3, first=dt.date(2025, 1, 1))
    slow, fast = roster
    one_at_a_time(slow, file)
    cli("--db", str(fast), "import", "leads", str(file))
    expected, found = dump(slow), dump(fast)
    assert found == expected
    assert len(found["leads"]) == 402 and len(found["lead_events"]) == 402
    joined = {m[1]: m[6] for m in found["members"]}
    assert joined["Cat Cole"] < "2025-03-05" and joined["Dan Dale"] < "2026-01-01"


@pytest.mark.parametrize("forked_part", ["checked there", "failing there", "not made"])
def test_an_import_checked_in_parts_on_the_cores_gives_the_database_of_one_check(
    cli: Invoke,
    roster: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    forked_part: str,
) -> None:
    """The new leads cut by day into parts, each checked in a process of its own on a copy of
    the file as the import sees it (or, when that fails, here), give the verdicts and the
    history one check of them all gives; a file too large to copy for so few leads is checked
    here alone."""
    from leadcli import forking
    from leadcli.transfer import lead_checks

    file = tmp_path / "leads.csv"
    write_leads(file, 400, seed=5, first=dt.date(2025, 1, 1))
    slow, fast = roster
    monkeypatch.setenv("LEADCLI_JOBS", "1")
    cli("--db", str(slow), "import", "leads", str(file))
    parts: list[int] = []
    run_in_order = forking.run_in_order
    monkeypatch.setattr(
        forking,
        "run_in_order",
        lambda spans, work: parts.append(len(spans)) or run_in_order(spans, work),
    )
    monkeypatch.setattr(lead_checks, "SHARED", 10)
    monkeypatch.setenv("LEADCLI_JOBS", "3")
    if forked_part == "failing there":
        monkeypatch.setattr(db, "from_image", lambda data: 1 / 0)
    if forked_part == "not made":
        monkeypatch.setattr(lead_checks, "IMAGE_PER_LEAD", 100)
    cli("--db", str(fast), "import", "leads", str(file))
    assert parts == ([] if forked_part == "not made" else [3])
    assert dump(fast) == dump(slow)
    assert len(dump(fast)["lead_events"]) == 402


def test_a_parent_named_by_id_may_be_a_lead_of_the_same_file(
    cli: Invoke, roster: list[Path], tmp_path: Path
) -> None:
    file = tmp_path / "leads.csv"
    file.write_text(
        "from,to,type,company,date,parent\n"
        "Ann,Bob,direct-referral,Acme 1,2025-02-05,\n"
        "Bob,Cat,direct-referral,Acme 1,2025-02-12,3\n"
        "Bob,Cat,direct-referral,Acme 1,2025-02-12,99\n"
    )
    result = cli("--db", str(roster[1]), "import", "leads", str(file), code=2)
    assert "line 4: no lead #99" in result.stderr
    assert "line 3" not in result.stderr


def test_leads_stored_together_are_stored_as_one_at_a_time(cli: Invoke, roster: list[Path]) -> None:
    """Column by column (a column empty in every row left to its default) gives the rows that
    ``insert`` gives, whatever kind of value a field holds."""
    now = dt.datetime(2026, 11, 19, 10, 0, tzinfo=dt.UTC)
    rows = [
        {"date": dt.date(2025, 2, 5), "type": "direct-referral", "giver_id": 1,
         "receiver_id": 2, "company": "Acme", "phones": ("+14155550101", "+12125550101"),
         "alt_contacts": [], "heard": None, "public": True, "may_use_name": None,
         "decision_maker": False, "value_cents": 12_50, "notes": None, "parent_id": None},
        {"date": dt.date(2025, 2, 12), "type": "general-opportunity", "giver_id": 2,
         "receiver_id": None, "company": None, "phones": (), "alt_contacts": ["Bea (assistant)"],
         "heard": dt.date(2025, 2, 1), "public": None, "may_use_name": False,
         "decision_maker": None, "value_cents": None, "notes": None, "parent_id": 1},
        {"date": dt.date(2025, 2, 12), "type": "member-need", "giver_id": 3,
         "receiver_id": None, "company": "Über Café", "phones": None, "alt_contacts": None,
         "heard": None, "public": False, "may_use_name": True, "decision_maker": True,
         "value_cents": 99, "notes": None, "parent_id": None},
    ]  # fmt: skip
    stored = []
    for path, together in zip(roster, (False, True), strict=True):
        conn = db.connect(path)
        with db.transaction(conn):
            for day in {row["date"] for row in rows}:
                meetings.ensure(conn, day)
            if together:
                ids = leads.insert_many(conn, rows, now)
            else:
                ids = [leads.insert(conn, row, now) for row in rows]
            stored.append(
                conn.execute(
                    f"SELECT * FROM leads WHERE id IN ({', '.join('?' * len(ids))}) ORDER BY id",
                    ids,
                ).fetchall()
            )
        conn.close()
    assert [tuple(row) for row in stored[1]] == [tuple(row) for row in stored[0]]
    assert stored[1][0]["phones"] == '["+14155550101", "+12125550101"]'
    assert stored[1][2]["alt_contacts"] == "[]" and stored[1][1]["parent_id"] == 1


def test_leads_the_group_file_refuses_are_stored_none_of_them(roster: list[Path]) -> None:
    now = dt.datetime(2026, 11, 19, 10, 0, tzinfo=dt.UTC)
    good = {"date": dt.date(2025, 2, 5), "type": "direct-referral", "giver_id": 1}
    conn = db.connect(roster[1])
    with db.transaction(conn):
        meetings.ensure(conn, good["date"])
        before = conn.execute("SELECT count(*) FROM leads").fetchone()[0]
        with pytest.raises(sqlite3.IntegrityError):
            leads.insert_many(conn, [good, {**good, "giver_id": 999}], now)
        assert conn.execute("SELECT count(*) FROM leads").fetchone()[0] == before
        assert leads.insert_many(conn, [good], now) == [before + 1]
    conn.close()


# --- email addresses --------------------------------------------------------------------------

LOCAL = st.text(alphabet="abcxyzABC019._+-!#'", min_size=1, max_size=12)
LABEL = st.text(alphabet="abcxyzAB019-", min_size=1, max_size=10)
DOMAIN = st.lists(LABEL, min_size=1, max_size=4).map(".".join)
TOP = st.sampled_from(["com", "example", "test", "local", "co", "c0m", "x-y", "io", "COM", "a1"])
ADDRESS = st.builds(lambda a, b, c: f"{a}@{b}.{c}", LOCAL, DOMAIN, TOP)


def validator(value: str) -> str | None:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


@settings(max_examples=400)
@given(st.one_of(ADDRESS, st.text(max_size=30), st.from_regex(r"[a-z0-9.]{1,70}@[a-z0-9.-]{1,70}")))
@example("ann@archer.example")
@example("a..b@x.com")
@example(".a@x.com")
@example("a@x-.com")
@example("a@ab--cd.com")
@example("a@xn--p1ai.com")
@example("a@x.test")
@example("a@x.123")
@example("a" * 65 + "@x.com")
@example("a@" + "x" * 64 + ".com")
@example("info@x.com")
def test_the_plain_email_path_agrees_with_email_validator(value: str) -> None:
    plain = parse.plain_email(value)
    if plain is not None:
        assert validator(value) == plain
    try:
        typed = parse.email(value)
    except LeadcliError:
        typed = None
    if value.strip() == value and all(c.isprintable() for c in value):
        assert typed == validator(value)


def test_plain_addresses_take_the_fast_path() -> None:
    for value in ("ann@archer.example", "j.smith+leads@smith-dental.co.uk", "x_1@a.io"):
        assert parse.plain_email(value) == value
    for value in ("Ann@archer.example", "ann@Archer.example", "ann@archer.test", "ann@x"):
        assert parse.plain_email(value) is None


def test_an_attendance_import_gives_the_database_recording_each_mark_gives(
    cli: Invoke, roster: list[Path], tmp_path: Path
) -> None:
    """Marks recorded meeting by meeting with the joined dates moved once at the end leave the
    group as recording each mark alone (moving the joined date each time) does."""
    from leadcli import meetings, members

    file = tmp_path / "attendance.csv"
    rng = random.Random(9)
    rows = ["date,member,status,substitute"]
    for week in range(30):
        day = dt.date(2025, 1, 1) + dt.timedelta(weeks=week)
        for name in ("Ann Archer", "Bob Baker", "Cat Cole", "Dan Dale"):
            status = rng.choice(["present", "absent", "late", "medical", "substitute"])
            rows.append(f"{day},{name},{status},{'Sam Sub' if status == 'substitute' else ''}")
    file.write_text("\n".join(rows) + "\n")
    slow, fast = roster
    conn = db.connect(slow)
    with db.transaction(conn):
        for line in rows[1:]:
            day, name, status, sub = line.split(",")
            member = members.resolve(conn, name)
            mark = meetings.Mark(member, status, sub or None)
            meetings.attend(conn, dt.date.fromisoformat(day), [mark])
    conn.close()
    cli("--db", str(fast), "import", "attendance", str(file))
    assert dump(fast) == dump(slow)
    joined = {m[1]: m[6] for m in dump(fast)["members"]}
    assert joined["Cat Cole"] == joined["Dan Dale"] == "2025-01-01"


def test_a_progress_bar_shows_on_a_terminal_once_an_import_takes_a_while(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from leadcli import console
    from leadcli.commands import imports

    monkeypatch.setattr(console, "is_terminal", lambda stream: True)
    monkeypatch.setattr(imports, "SHOW_AFTER", 3600.0)
    with imports._progress() as update:
        assert update is not None
        update("read", 10, 100)
    assert capsys.readouterr().err == ""  # a quick import shows nothing
    monkeypatch.setattr(imports, "SHOW_AFTER", 0.0)
    with imports._progress() as update:
        assert update is not None
        update("read", 50, 100)
        update("check", 1, 2)
    shown = capsys.readouterr().err
    assert "reading" in shown and "checking" in shown and "%" in shown
    monkeypatch.setattr(console, "is_terminal", lambda stream: False)
    with imports._progress() as update:
        assert update is None
