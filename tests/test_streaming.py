"""Exports and `lead check --all` stream from the cursor: their output is what building the whole
list in memory gave, byte for byte, whatever the chunk sizes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import NOW, Invoke, demo_history
from leadcli import checking, db, jsontext, leads, settings
from leadcli.record import replace
from leadcli.rules import Context, DuplicateIndex, LeadFacts, SlidingIndex, evaluate
from leadcli.transfer import attendance, members, writing
from leadcli.transfer import leads as lead_rows

MODULES = {"members": members, "attendance": attendance, "leads": lead_rows}


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_history(tmp_path_factory, "history")


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks and pieces small enough that every boundary is crossed many times."""
    monkeypatch.setattr(leads, "CHUNK", 7)
    monkeypatch.setattr(writing, "PIECE", 3)


def in_memory_export(path: Path, kind: str, fmt: str) -> str:
    """The export as it was made before it streamed: the whole list, then the whole text."""
    conn = db.connect(path)
    records = list(MODULES[kind].export_rows(conn))
    conn.close()
    if fmt == "json":
        return jsontext.dumps(records) + "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MODULES[kind].COLUMNS)
    for record in records:
        writer.writerow(writing.cell(record[c]) for c in MODULES[kind].COLUMNS)
    return out.getvalue()


@pytest.mark.parametrize("kind", sorted(MODULES))
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_streamed_export_equals_the_in_memory_one(
    cli: Invoke, history: Path, small_chunks: None, kind: str, fmt: str, tmp_path: Path
) -> None:
    expected = in_memory_export(history, kind, fmt)
    assert cli("--db", str(history), "export", kind, "-f", fmt).stdout_bytes == expected.encode()
    target = tmp_path / f"{kind}.{fmt}"
    cli("--db", str(history), "export", kind, "-f", fmt, "-o", str(target))
    assert target.read_bytes() == expected.encode()
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_an_export_that_fails_leaves_no_file(
    cli: Invoke, history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: object) -> Iterator[dict[str, object]]:
        yield dict.fromkeys(members.COLUMNS, "x")
        raise KeyboardInterrupt

    monkeypatch.setattr(members, "export_rows", broken)
    target = tmp_path / "members.csv"
    target.write_text("before\n")
    cli("--db", str(history), "export", "members", "-o", str(target), code=130)
    assert target.read_text() == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["members.csv"]


def in_memory_checks(path: Path) -> tuple[list[leads.Lead], list[object]]:
    """Every lead and its check, as `lead check --all` made them before it streamed."""
    conn = db.connect(path)
    found = leads.query(conn)
    checks = checking.check_many(conn, found, settings.load(conn))
    conn.close()
    return found, checks


def test_streamed_check_all_json_equals_the_in_memory_one(
    cli: Invoke, history: Path, small_chunks: None
) -> None:
    found, checks = in_memory_checks(history)
    assert any(c.results[-1].status == "warn" for c in checks), "the fixture has duplicates"
    encode = json.JSONEncoder(ensure_ascii=False).encode
    expected = "[\n" + ",\n".join(
        encode(c.as_json(lead.id)) for lead, c in zip(found, checks, strict=True)
    )
    result = cli("--db", str(history), "lead", "check", "--all", "--json", code=None)
    assert result.exit_code == (3 if any(c.verdict == "INCOMPLETE" for c in checks) else 0)
    assert result.stdout == expected + "\n]\n"


def test_streamed_check_all_text_equals_the_in_memory_one(
    cli: Invoke, history: Path, small_chunks: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from leadcli.commands.lead_check import _print_checks

    found, checks = in_memory_checks(history)
    _print_checks(list(zip(found, checks, strict=True)))
    expected = capsys.readouterr().out
    result = cli("--db", str(history), "lead", "check", "--all", code=None)
    assert result.stdout == expected
    assert expected.endswith(f"Checked {len(found)} leads: " + expected.rsplit(": ", 1)[1])


def test_check_all_stores_the_verdicts_a_new_setting_gives(
    cli: Invoke, history: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(history.read_bytes())
    cli("--db", str(copy), "config", "set", "verdict.hot", "55")
    found, checks = in_memory_checks(copy)
    assert any(
        (lead.verdict, lead.score) != (c.verdict, c.score)
        for lead, c in zip(found, checks, strict=True)
    )
    cli("--db", str(copy), "lead", "check", "--all", "--json", code=None)
    stored = {lead.id: (lead.verdict, lead.score) for lead in in_memory_checks(copy)[0]}
    assert stored == {lead.id: (c.verdict, c.score) for lead, c in zip(found, checks, strict=True)}


def test_the_sliding_index_finds_what_the_whole_index_finds(
    cli: Invoke, db_path: Path, small_chunks: None
) -> None:
    """Leads sharing phones and companies over months, several a day: every duplicate found
    against the leads of all time is found by the scan that forgets what is out of reach."""
    cli("init")
    cli("member", "add", "Ann Archer", "--category", "Realtor", "--joined", "2025-01-01")
    cli("member", "add", "Bob Baker", "--category", "Plumber", "--joined", "2025-01-01")
    conn = db.connect(db_path)
    start = dt.date(2025, 1, 8)
    with db.transaction(conn):
        for n in range(120):
            day = start + dt.timedelta(weeks=n // 3)
            leads.insert(
                conn,
                {
                    "date": day,
                    "type": "direct-referral",
                    "giver_id": 1 + n % 2,
                    "receiver_id": 2 - n % 2,
                    "company": f"Acme {n % 5} Inc",
                    "phones": (f"+1415555{n % 7:04d}",),
                    "description": "x",
                },
                dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            )
    found, checks = in_memory_checks(db_path)
    streamed = list(checking.check_all(conn, settings.load(conn)))
    assert [lead.id for lead, _ in streamed] == [lead.id for lead in found]
    assert [c for _, c in streamed] == checks
    assert sum(c.results[-1].status == "warn" for c in checks) > 60


def test_the_sliding_index_forgets_what_is_out_of_reach() -> None:
    index = SlidingIndex(window_days=90)
    first = dt.date(2025, 1, 1)
    for n in range(200):
        index.add(n + 1, first + dt.timedelta(days=n), "direct-referral", ("+14155550100",))
        index.forget_before(first + dt.timedelta(days=n))
    assert len(index._queue) == 91  # days 109 to 199
    lead = LeadFacts(id=200, date=first + dt.timedelta(days=199), type="direct-referral")
    lead.phones = ("+14155550100",)
    assert [other for other, _ in index.matches(lead)] == list(range(110, 200))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(st.lists(st.dictionaries(st.text(max_size=8), json_values, max_size=6), max_size=7))
def test_json_written_in_pieces_is_json_dumps(records: list[dict[str, object]]) -> None:
    out = io.StringIO()
    previous = writing.PIECE
    writing.PIECE = 2
    try:
        assert writing.write_json(iter(records), out) == len(records)
    finally:
        writing.PIECE = previous
    assert out.getvalue() == jsontext.dumps(records) + "\n"


@given(json_values)
def test_indented_is_json_dumps(value: object) -> None:
    assert writing.indented(value) == jsontext.dumps(value)


def test_a_check_as_json_text_is_its_json(history: Path) -> None:
    conn = db.connect(history)
    found = leads.query(conn)[:300]
    group = settings.load(conn)
    index = DuplicateIndex.build([lead.facts() for lead in found])
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for lead in found:
        check = evaluate(lead.facts(), Context(group, index))
        assert check.json_text(lead.id) == encode(check.as_json(lead.id))
    assert check.json_text(None) == encode(check.as_json(None))
    for fit in ("sweet-spot", "fit", "off-target"):
        fitted = replace(check, fit=fit)
        assert fitted.json_text(7) == encode(fitted.as_json(7))
    assert os.environ["LEADCLI_NOW"] == NOW


def test_the_inline_checker_judges_as_one_rule_call_at_a_time(history: Path) -> None:
    """``checker`` makes each rule's call inline; ``run`` calls the rules: the same checks, on
    every rule's examples (every lead type and prospect kind) and on a group's leads."""
    from leadcli.rules import all_rules, evaluator
    from leadcli.rules.check import run
    from leadcli.rules.examples import KINDS, baseline_lead, example_context

    for rule in all_rules():
        for _, example in rule.examples:
            lead = baseline_lead(example.kind, **example.overrides)
            context = example_context(example)
            assert evaluator(context)(lead) == run(lead, context, all_rules())
    for kind in KINDS:
        lead = baseline_lead(kind)
        context = Context(settings.Settings(), DuplicateIndex.build([lead]))
        assert evaluator(context)(lead) == run(lead, context, all_rules())
    conn = db.connect(history)
    found = [lead.facts() for lead in leads.query(conn)]
    context = Context(settings.load(conn), DuplicateIndex.build(found))
    judge = evaluator(context)
    assert [judge(lead) for lead in found] == [run(lead, context, all_rules()) for lead in found]
