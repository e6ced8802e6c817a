from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line, run_process


def dump(path: Path) -> list[list[object]]:
    with sqlite3.connect(path) as conn:
        tables = ("members", "meetings", "attendance", "leads", "lead_events", "settings")
        return [list(map(tuple, conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2"))) for t in tables]


def test_demo_builds_a_group_and_prints_its_report(
    cli: Invoke, tmp_path: Path, db_path: Path
) -> None:
    target = tmp_path / "demo.db"
    result = cli("demo", "--db", str(target), "--members", "12", "--weeks", "10", "--seed", "3")
    assert "weekly report" in result.stdout and "Attendance" in result.stdout
    assert f"Built a demo group in {target}" in result.stderr
    assert not db_path.exists(), "the demo must not touch the default file"
    members = json.loads(cli("--db", str(target), "member", "list", "--json").stdout)
    assert len({m["category"].casefold() for m in members if m["active"]}) == sum(
        m["active"] for m in members
    )
    leads = json.loads(cli("--db", str(target), "lead", "list", "--all", "--json").stdout)
    assert {lead["type"] for lead in leads} == {
        "direct-referral",
        "member-need",
        "specific-service",
        "general-opportunity",
    }
    assert {lead["verdict"] for lead in leads} == {"HOT", "WARM", "COLD", "INCOMPLETE"}
    assert any(lead["status"] == "won" and lead["amount"] for lead in leads)
    assert all(lead["status"] == "research" for lead in leads if lead["verdict"] == "INCOMPLETE")
    meetings = json.loads(cli("--db", str(target), "meeting", "list", "--json").stdout)
    assert len(meetings) == 10


def test_same_seed_same_group(cli: Invoke, tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    cli("demo", "--db", str(a), "--members", "10", "--weeks", "30", "--seed", "5")
    cli("demo", "--db", str(b), "--members", "10", "--weeks", "30", "--seed", "5")
    cli("demo", "--db", str(c), "--members", "10", "--weeks", "30", "--seed", "6")
    assert dump(a) == dump(b)
    assert dump(a) != dump(c)


def whole(path: Path) -> list[str]:
    """Every table of the file as SQL, but the times its schema steps were applied."""
    with sqlite3.connect(path) as conn:
        return [
            line
            for line in conn.iterdump()
            if not line.startswith('INSERT INTO "_sqlite_migrations"')
        ]


def test_same_seed_same_file_in_separate_processes(tmp_path: Path) -> None:
    """Nothing of a process (its hash seed, what it cached) reaches the group built."""
    built = []
    for name, hash_seed in (("a.db", "1"), ("b.db", "2")):
        path = tmp_path / name
        done = run_process(
            "demo", "--db", str(path), "--members", "12", "--weeks", "40", "--seed", "9",
            env={"PYTHONHASHSEED": hash_seed},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        built.append(whole(path))
    assert len(built[0]) > 1000
    assert built[0] == built[1]


def test_checks_in_the_demo_agree_with_the_rules(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    cli("demo", "--db", str(target), "--members", "10", "--weeks", "8")
    stored = {
        lead["id"]: (lead["verdict"], lead["score"])
        for lead in json.loads(cli("--db", str(target), "lead", "list", "--all", "--json").stdout)
    }
    checked = json.loads(
        cli("--db", str(target), "lead", "check", "--all", "--json", code=None).stdout
    )
    assert {c["id"]: (c["verdict"], c["score"]) for c in checked} == stored
    fits = {
        lead["id"]: lead["fit"]
        for lead in json.loads(cli("--db", str(target), "lead", "list", "--all", "--json").stdout)
    }
    assert {c["id"]: c["fit"] for c in checked} == fits


def test_demo_never_replaces_a_link(cli: Invoke, tmp_path: Path) -> None:
    link = tmp_path / "group.db"
    link.symlink_to(tmp_path / "elsewhere" / "group.db")
    line = one_error_line(cli("demo", "--db", str(link), "--weeks", "1", code=1))
    assert "is a link to" in line and "does not exist" in line
    assert link.is_symlink() and not (tmp_path / "elsewhere").exists()


def test_demo_never_overwrites(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "mine.db"
    target.write_text("precious")
    assert "exists" in one_error_line(cli("demo", "--db", str(target), code=1))
    assert target.read_text() == "precious"


def test_demo_without_a_path_uses_a_temp_dir(cli: Invoke, db_path: Path) -> None:
    result = cli("demo", "--members", "4", "--weeks", "2")
    assert "leadcli-demo-" in result.stderr and not db_path.exists()


def test_demo_bad_sizes(cli: Invoke) -> None:
    cli("demo", "--members", "1", code=2)
    cli("demo", "--weeks", "0", code=2)
    cli("demo", "--seed", "x", code=2)


def test_demo_says_how_to_run_leadcli_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from leadcli.commands import demo_output

    venv = tmp_path / ".venv" / "bin" / "leadcli"
    monkeypatch.setattr("sys.argv", [str(venv), "demo"])
    monkeypatch.setenv("PATH", str(tmp_path))
    assert demo_output._command() == str(venv)  # not on PATH: the path it was run by
    monkeypatch.setattr("sys.argv", ["/x/leadcli/__main__.py", "demo"])
    assert demo_output._command() == "leadcli"


def test_bni_demo_is_a_chapter_over_all_four_lights(cli: Invoke, tmp_path: Path) -> None:
    import json
    import sqlite3

    target = tmp_path / "bni.db"
    result = cli("demo", "--db", str(target), "--preset", "bni")
    assert "Chapter traffic lights" in result.stdout and "preset bni" in result.stderr
    assert cli("--db", str(target), "config", "get", "standing.scheme").stdout.strip() == (
        "traffic-lights"
    )
    everyone = json.loads(cli("--db", str(target), "member", "quota", "--json").stdout)
    assert {m["standing"] for m in everyone} == {"GREEN", "AMBER", "RED", "GREY"}
    assert all(m["standing"] == m["traffic"]["light"] for m in everyone)
    with sqlite3.connect(target) as conn:
        kinds = dict(conn.execute("SELECT kind, count(*) FROM activity GROUP BY kind").fetchall())
        visitors = conn.execute("SELECT count(*) FROM visitors").fetchone()[0]
    assert set(kinds) == {"one-to-one", "ceu", "testimonial"} and all(kinds.values())
    assert visitors > 0
    # What it built reads back through the commands.
    assert json.loads(cli("--db", str(target), "visitor", "list", "--json").stdout)
    assert "one-to-one" in cli("--db", str(target), "export", "activity").stdout
    cli("--db", str(target), "db", "check")


def test_demo_refuses_an_unknown_preset(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    assert "unknown preset" in one_error_line(
        cli("demo", "--db", str(target), "--preset", "rotary", code=2)
    )
    assert not target.exists()


def test_demo_members_have_profiles_and_sweet_spots_mostly_convert_better(
    cli: Invoke, tmp_path: Path
) -> None:
    # The demo as a user first sees it (its default size and seed).
    target = tmp_path / "demo.db"
    cli("demo", "--db", str(target))
    members = json.loads(cli("--db", str(target), "member", "list", "--json").stdout)
    shown = json.loads(cli("--db", str(target), "member", "show", "1", "--json").stdout)
    assert shown["offers"]
    with sqlite3.connect(target) as conn:
        profiles = conn.execute(
            "SELECT sum(offers != '[]'), sum(areas != '[]'), sum(minimum_cents IS NOT NULL) "
            "FROM members"
        ).fetchone()
        assert profiles[0] == len(members) and 0 < profiles[1] < len(members)
        assert 0 < profiles[2] < len(members)
        fits = dict(conn.execute("SELECT coalesce(fit, '-'), count(*) FROM leads GROUP BY 1"))
        assert set(fits) == {"sweet-spot", "fit", "off-target"}
        rows = conn.execute(
            "SELECT receiver_id, fit, avg(status = 'won'), count(*) FROM leads "
            "WHERE receiver_id IS NOT NULL AND status IN ('won', 'lost') GROUP BY 1, 2"
        ).fetchall()
    rate = {(r, fit): (won, n) for r, fit, won, n in rows}
    compared = [
        rate[(r, "sweet-spot")][0] > rate[(r, "fit")][0]
        for r in {r for r, _ in rate}
        if rate.get((r, "sweet-spot"), (0, 0))[1] >= 10 and rate.get((r, "fit"), (0, 0))[1] >= 10
    ]
    assert len(compared) >= 10
    assert sum(compared) > len(compared) / 2, "sweet-spot leads convert better for most members"
    assert not all(compared), "...but not for all of them"
    # What `report sources --by fit` shows of it: sweet spots convert best, off target worst.
    report = json.loads(
        cli("--db", str(target), "report", "sources", "--by", "fit", "--json").stdout
    )
    conversion = {row["key"]: row["conversion"] for row in report}
    assert conversion["sweet-spot"] > conversion["fit"] > conversion["off-target"]


def test_rows_that_refer_to_nothing_are_refused_before_the_demo_commits(tmp_path: Path) -> None:
    from leadcli import db, demo

    conn = db.connect(tmp_path / "refs.db")
    with (
        pytest.raises(sqlite3.IntegrityError, match="lead_events row 1 refers to a missing leads"),
        demo.references_checked_once(conn),
        db.transaction(conn),
    ):
        conn.execute(
            "INSERT INTO lead_events (lead_id, at, kind, recorded_at) VALUES (99, 'x', 'created', 'x')"
        )
        demo.check_references(conn)
    assert conn.execute("SELECT count(*) FROM lead_events").fetchone()[0] == 0
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.close()


def test_spin_offs_in_the_demo_agree_with_the_rules(cli: Invoke, tmp_path: Path) -> None:
    """Spin-offs are judged as they are made, before they are written: the same verdicts,
    scores and fits as the rules give them reading the file."""
    target = tmp_path / "demo.db"
    cli("demo", "--db", str(target), "--members", "14", "--weeks", "40")
    with sqlite3.connect(target) as conn:
        stored = {
            lead_id: (verdict, score, fit)
            for lead_id, verdict, score, fit in conn.execute(
                "SELECT id, verdict, score, fit FROM leads WHERE parent_id IS NOT NULL"
            )
        }
        after_the_rest = conn.execute(
            "SELECT count(*) FROM leads WHERE notes LIKE 'Came from lead #%' "
            "AND id > (SELECT max(id) FROM leads WHERE description NOT LIKE '% closed with %')"
        ).fetchone()[0]
    checked = json.loads(
        cli("--db", str(target), "lead", "check", "--all", "--json", code=None).stdout
    )
    assert after_the_rest >= 10  # the room's spin-offs, numbered after the group's leads
    assert {
        c["id"]: (c["verdict"], c["score"], c["fit"]) for c in checked if c["id"] in stored
    } == stored
