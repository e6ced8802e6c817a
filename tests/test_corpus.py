"""The hand-labelled corpus (tests/corpus/leads.toml) through `lead add --json`: each verdict and
fit must give the label a secretary gave the lead (hot, publishable, research, not-a-lead).

    python tests/test_corpus.py      # prints every lead's label beside the tool's, and the tally
"""

from __future__ import annotations

import json
import shutil
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

CORPUS = Path(__file__).parent / "corpus" / "leads.toml"
LABELS = ("hot", "publishable", "research", "not-a-lead")
NOW = "2026-11-19T10:00:00"
NEGATIVE = {
    "public": "--not-public",
    "may_use_name": "--may-not-use-name",
    "expecting_call": "--not-expecting-call",
    "need_discussed": "--need-not-discussed",
    "decision_maker": "--not-decision-maker",
}

_DATA = tomllib.loads(CORPUS.read_text(encoding="utf-8"))
MEMBERS: list[dict[str, Any]] = _DATA["member"]
LEADS: list[dict[str, Any]] = _DATA["lead"]


def options(values: dict[str, Any]) -> list[str]:
    """Command-line options from a table: true/false give a yes/no flag, a list repeats."""
    args: list[str] = []
    for key, value in values.items():
        flag = "--" + key.replace("_", "-")
        if isinstance(value, bool):
            args.append(flag if value else NEGATIVE[key])
        elif isinstance(value, list):
            for item in value:
                args += [flag, str(item)]
        else:
            args += [flag, str(value)]
    return args


def label_of(check: dict[str, Any]) -> str:
    """The label a verdict and fit give (SPEC 5.1): INCOMPLETE is research; COLD or off target
    is not a lead (for this receiver); HOT is hot; WARM is publishable."""
    if check["verdict"] == "INCOMPLETE":
        return "research"
    if check["verdict"] == "COLD" or check["fit"] == "off-target":
        return "not-a-lead"
    return "hot" if check["verdict"] == "HOT" else "publishable"


def _run(runner: CliRunner, db: Path, *args: str) -> str:
    from leadcli.cli import app

    result = runner.invoke(app, list(args), env={"LEADCLI_DB": str(db), "LEADCLI_NOW": NOW})
    if result.exit_code != 0:
        raise AssertionError(f"leadcli {' '.join(args)} exited {result.exit_code}: {result.stderr}")
    return result.stdout


def build_group(db: Path) -> None:
    """The corpus's group: its members with their profiles."""
    runner = CliRunner()
    _run(runner, db, "init")
    for member in MEMBERS:
        values = {k: v for k, v in member.items() if k != "name"}
        values.setdefault("joined", "2026-01-07")
        values["area"] = values.pop("areas", [])
        _run(runner, db, "member", "add", member["name"], *options(values))


def judge(db: Path, lead: dict[str, Any]) -> dict[str, Any]:
    """The check `lead add --json` prints for a corpus lead."""
    out = _run(CliRunner(), db, *["lead", "add", *options(lead["args"]), "--json"])
    return json.loads(out)["check"]


def explain(check: dict[str, Any]) -> str:
    lines = [f"{check['verdict']} {check['score']} fit={check['fit']}"]
    lines += [
        f"  {r['code']} {r['status']}: {r['message']}"
        for r in check["results"]
        if r["status"] in ("fail", "warn")
    ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def group_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "group.db"
    build_group(path)
    return path


def test_the_corpus_is_well_formed() -> None:
    ids = [lead["id"] for lead in LEADS]
    assert len(ids) == len(set(ids)) and len(ids) >= 50
    assert {lead["label"] for lead in LEADS} == set(LABELS)
    assert all(lead["why"].strip() for lead in LEADS)
    kinds = {lead["args"]["type"] for lead in LEADS}
    assert kinds == {"direct-referral", "member-need", "specific-service", "general-opportunity"}


def _case(lead: dict[str, Any]) -> Any:
    """A lead as a test case; a disputed one is expected to disagree, strictly."""
    marks = (
        [pytest.mark.xfail(reason=f"disputed: {lead['disputed']}", strict=True)]
        if "disputed" in lead
        else []
    )
    return pytest.param(lead, id=lead["id"], marks=marks)


@pytest.mark.parametrize("lead", [_case(lead) for lead in LEADS])
def test_the_tool_gives_the_secretarys_label(
    lead: dict[str, Any], group_file: Path, db_path: Path
) -> None:
    shutil.copyfile(group_file, db_path)
    check = judge(db_path, lead)
    got = label_of(check)
    assert got == lead["label"], (
        f"{lead['id']}: labelled {lead['label']} ({lead['why']}), the tool says {got}:\n"
        + explain(check)
    )


def main() -> int:
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.db"
        os.environ["LEADCLI_NOW"] = NOW
        build_group(template)
        agree = 0
        for lead in LEADS:
            db = Path(tmp) / f"{lead['id']}.db"
            shutil.copyfile(template, db)
            check = judge(db, lead)
            got = label_of(check)
            agree += got == lead["label"]
            mark = "  " if got == lead["label"] else "? " if "disputed" in lead else "✗ "
            print(f"{mark}{lead['id']:4} {lead['label']:12} {got:12} {explain(check)}")
        print(f"{agree} of {len(LEADS)} agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
