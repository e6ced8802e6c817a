"""Checking is set-based: the number of queries does not grow with the number of leads."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke
from leadkit import hot


def statements_to_check_all(db_path: Path) -> int:
    from leadcli import checking, db, leads, settings

    conn = db.connect(db_path)
    group = settings.load(conn)
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    found = leads.query(conn)
    checking.check_many(conn, found, group)
    conn.set_trace_callback(None)
    return len(seen)


def test_queries_do_not_grow_with_leads(group: Invoke, db_path: Path) -> None:
    for i in range(3):
        group(*hot(company=f"Co {i}", phone=None, email=f"a{i}@co.example"))
    few = statements_to_check_all(db_path)
    for i in range(3, 30):
        group(*hot(company=f"Co {i}", phone=None, email=f"a{i}@co.example"))
    many = statements_to_check_all(db_path)
    assert few == many <= 3


def test_stored_verdicts_follow_a_change_of_settings(group: Invoke) -> None:
    import json

    group(*hot(may_use_name=None, need_discussed=None))  # 9 of 12 points: 75, HOT
    assert json.loads(group("lead", "show", "1", "--json").stdout)["verdict"] == "HOT"
    group("config", "set", "verdict.hot", "80")
    out = group("lead", "check", "--all").stdout
    assert "WARM" in out
    assert json.loads(group("lead", "show", "1", "--json").stdout)["verdict"] == "WARM"
    events = json.loads(group("lead", "history", "1", "--json").stdout)
    assert events[-1]["kind"] == "checked" and events[-1]["detail"]["verdict"] == ["HOT", "WARM"]


def test_select_and_ignore_report_without_storing(group: Invoke) -> None:
    import json

    group(*hot(description="Too short."))
    data = json.loads(group("lead", "check", "1", "--select", "H1", "--json").stdout)
    assert {r["code"][0] for r in data[0]["results"]} == {"H"}
    assert data[0]["verdict"] != "INCOMPLETE"
    assert json.loads(group("lead", "show", "1", "--json").stdout)["verdict"] == "INCOMPLETE"
    data = json.loads(group("lead", "check", "1", "--ignore", "R001,W", "--json").stdout)
    assert "R001" not in {r["code"] for r in data[0]["results"]}
    group("lead", "check", "1", "--select", "X9", code=2)


def test_check_needs_one_way_to_choose(group: Invoke) -> None:
    group("lead", "check")  # the current meeting week
    group(*hot())
    group("lead", "check", "1", "--all", code=2)
    group("lead", "check", "1", "7", code=1)
    group("lead", "check", "--week", "2026-11-18")
    group("lead", "check", "--week", "soon", code=2)


def test_spans_merge_overlapping_windows() -> None:
    import datetime as dt

    from leadcli.checking import spans

    d = dt.date
    assert spans([d(2026, 1, 1)]) == [(d(2025, 10, 3), d(2026, 1, 1))]
    assert spans([d(2026, 1, 8), d(2026, 1, 1), d(2026, 1, 1)]) == [(d(2025, 10, 3), d(2026, 1, 8))]
    far = spans([d(2020, 1, 1), d(2026, 1, 1)])
    assert len(far) == 2 and far[1] == (d(2025, 10, 3), d(2026, 1, 1))


def test_checking_reads_leads_without_importing_the_leads_module() -> None:
    """``leads`` checks what it adds through ``checking``; ``checking`` reads leads through the
    floor beneath both (``lead_record``), not back through ``leads``, even inside a function."""
    import ast
    from pathlib import Path

    import leadcli

    for name in ("checking", "lead_record"):
        tree = ast.parse((Path(leadcli.__file__).parent / f"{name}.py").read_text())
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)} | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        assert "leadcli.leads" not in imported, name
        assert not any(
            isinstance(node, ast.ImportFrom)
            and node.module == "leadcli"
            and any(a.name == "leads" for a in node.names)
            for node in ast.walk(tree)
        ), name


def test_the_leads_a_week_may_share_are_found_in_sql_as_in_python(
    group: Invoke, db_path: Path
) -> None:
    """The week's neighbours are picked out by SQLite (stored company keys, emails, phones);
    rows it cannot judge (no key, an email beyond ASCII, several phones) go to Python: the
    duplicates found are those of reading every lead of the 90 days."""
    import datetime as dt

    from leadcli import checking, db, leads

    group(*hot())
    group(*hot(company="Zenith Ltd", phone="415-555-0177", email="kate@zenith.example"))
    conn = db.connect(db_path)
    stamp = "2026-11-12T10:00:00+00:00"
    conn.execute("INSERT INTO meetings (date, created_at) VALUES ('2026-11-11', ?)", [stamp])

    def earlier(company: str | None, email: str | None, phones: str = "[]") -> int:
        cursor = conn.execute(
            "INSERT INTO leads (date, giver_id, type, company, email, phones, created_at, "
            "updated_at) VALUES ('2026-11-11', 2, 'general-opportunity', ?, ?, ?, ?, ?)",
            [company, email, phones, stamp, stamp],
        )
        return int(cursor.lastrowid or 0)

    expected = {
        earlier("The Acme Plumbing Co.", None),  # written without its key
        earlier(None, "JOHN@ACME.EXAMPLE"),
        earlier(None, "\u212aATE@zenith.example"),  # the Kelvin sign folds to k
        earlier(None, None, '["+14155550100", "+14155550177"]'),
        earlier(None, None, '["+14155550142"]'),
    }
    changed = earlier("Nobody", None)
    conn.execute("UPDATE leads SET company_key = 'nobody' WHERE id = ?", [changed])
    conn.execute("UPDATE leads SET company = 'zenith' WHERE id = ?", [changed])  # key forgotten
    expected.add(changed)
    unrelated = {earlier("Apex Ltd", "kate@apex.example", '["+14155550111"]')}
    week = leads.query(conn, leads.Filters(since=dt.date(2026, 11, 18)))
    ranges = checking.spans([lead.date for lead in week])
    picked = checking.duplicate_index(conn, ranges, week)
    every = checking.duplicate_index(conn, ranges)
    found = set()
    for lead in week:
        facts = lead.facts()
        assert picked.matches(facts) == every.matches(facts)
        found |= {other for other, _ in picked.matches(facts)}
    assert found == expected and not found & unrelated


def test_the_leads_a_week_may_share_are_read_from_their_index(group: Invoke, db_path: Path) -> None:
    """The 90 days' leads are compared in the index ``leads_keys`` (migration m014), not in
    their rows: the query plan says so."""
    from leadcli import checking, db

    group(*hot())
    conn = db.connect(db_path)
    query = "EXPLAIN QUERY PLAN " + checking.NEIGHBOURS + checking._MAY_SHARE
    plan = " ".join(
        row[3] for row in conn.execute(query, ["2026-08-20", "2026-11-18"] + ["[]"] * 3)
    )
    assert "USING INDEX leads_keys" in plan, plan


def test_a_week_read_as_it_stood_compares_companies_as_they_stood(
    group: Invoke, db_path: Path
) -> None:
    """A company changed after the week is read back as it was then, and its stored key, which
    says the new company, is not used: the lead is compared by the company it had."""
    import datetime as dt

    from leadcli import asof, checking, db, leads

    group(*hot(date="2026-11-04", heard="2026-11-03", phone=None, email="a@one.example"))
    group(*hot(date="2026-11-11", heard="2026-11-10", phone=None, email="b@two.example"))
    group("lead", "edit", "1", "--company", "Zenith Ltd")
    conn = db.connect(db_path)
    with asof.as_of(conn, dt.datetime(2026, 11, 17, 23, 59, 59, tzinfo=dt.UTC)):
        week = leads.query(conn, leads.Filters(since=dt.date(2026, 11, 11)))
        assert [lead.company for lead in week] == ["Acme Plumbing Inc"]
        index = checking.duplicate_index(conn, checking.spans([week[0].date]), week)
        assert index.matches(week[0].facts()) == [(1, "company")]
    week = leads.query(conn, leads.Filters(since=dt.date(2026, 11, 11)))
    index = checking.duplicate_index(conn, checking.spans([week[0].date]), week)
    assert index.matches(week[0].facts()) == []
