from __future__ import annotations

import json
from pathlib import Path

from conftest import Invoke, one_error_line
from leadcli.rules import all_rules


def test_rules_list(cli: Invoke) -> None:
    out = cli("rules", "list").stdout
    for rule in all_rules():
        assert rule.code in out and rule.name in out
    line = next(x for x in out.splitlines() if "R001" in x)
    assert "description-present" in line and "required" in line
    assert "warning" in next(x for x in out.splitlines() if "W201" in x)
    assert " 2 " in next(x for x in out.splitlines() if "H106" in x)
    assert "18 rules; a lead can earn 12 points" in out
    assert "qualification" in next(x for x in out.splitlines() if "Q301" in x)


def test_rules_list_json(cli: Invoke) -> None:
    data = json.loads(cli("rules", "list", "--json").stdout)
    codes = [r["code"] for r in data]
    assert codes == [
        *("R001", "R002", "R003", "R004"),
        *(f"H10{i}" for i in range(1, 9)),
        *(f"Q30{i}" for i in range(1, 6)),
        "W201",
    ]
    assert data[4] == {
        "code": "H101",
        "name": "timely",
        "kind": "points",
        "points": 2,
        "summary": all_rules()[0].summary,
        "skipped_for": [],
    }
    h106 = next(r for r in data if r["code"] == "H106")
    assert h106["skipped_for"] == ["general-opportunity", "member-need"]
    assert {r["kind"] for r in data if r["code"].startswith("R")} == {"required"}


def test_rules_explain(cli: Invoke) -> None:
    out = cli("rules", "explain", "h106").stdout
    lines = out.splitlines()
    assert lines[0] == "H106 expecting-call (2 points)"
    for section in ("Why it matters", "Passes", "Fails"):
        assert section in lines
    assert "he is expecting your call" in out
    assert cli("rules", "explain", "R001").stdout.startswith(
        "R001 description-present (required)\n"
    )


def test_rules_explain_says_which_leads_a_rule_applies_to(cli: Invoke) -> None:
    out = cli("rules", "explain", "H104").stdout
    applies = out[out.index("Applies to") :]
    assert "member-need: skipped" in applies
    assert "the giver is the prospect" in applies
    assert "person prospect: applies" in applies
    assert "pass: name, phone and email are all given (a person has no title)" in applies
    assert "e.g. Call Maria Lopez" in applies
    room = cli("rules", "explain", "H107").stdout
    assert "general-opportunity: skipped" in room and "for the whole room" in room


def test_rules_explain_unknown_code(cli: Invoke) -> None:
    result = cli("rules", "explain", "X999", code=1)
    assert "X999" in one_error_line(result)
    assert result.stdout == ""


def test_rules_need_no_group_file(cli: Invoke, db_path: Path) -> None:
    cli("rules", "list")
    assert not db_path.exists()


def test_rules_explain_says_where_a_threshold_is_words_rather_than_facts(cli: Invoke) -> None:
    h103 = cli("rules", "explain", "H103").stdout
    assert "Threshold\n    facts, not words: who, what, how large and by when" in h103
    r001 = cli("rules", "explain", "R001").stdout
    assert "Threshold\n    words, not facts" in r001
    assert all(len(line) <= 88 for line in h103.splitlines() if line.startswith("    facts"))
