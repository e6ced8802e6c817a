"""A spin-off (a lead with a parent) is dated at its parent's meeting or later: every way in
refuses one dated before, in one line, exit 2, with nothing written."""

from __future__ import annotations

import contextlib
import csv
import io
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line

BEFORE = "is before 2026-11-18, the date of its parent"


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


@pytest.fixture
def parent(group: Invoke) -> Invoke:
    """Lead #1 given on 2026-11-18, and lead #2, its spin-off, on 2026-11-18 too."""
    group("lead", "add", "--from", "Ann", "--to", "Bob", "--type", "general",
          "--company", "Acme", "--date", "2026-11-18")  # fmt: skip
    group("lead", "add", "--from", "Bob", "--to", "Cat", "--type", "general",
          "--company", "Beta", "--date", "2026-11-18", "--parent", "1")  # fmt: skip
    return group


def refused(cli: Invoke, db_path: Path, *args: str) -> str:
    before = dump(db_path)
    line = one_error_line(cli(*args, code=2))
    assert dump(db_path) == before
    return line


def test_lead_add_refuses_a_spin_off_dated_before_its_parent(parent: Invoke, db_path: Path) -> None:
    line = refused(
        parent, db_path, "lead", "add", "--from", "Cat", "--to", "Dan", "--type", "general",
        "--company", "Gamma", "--date", "2024-01-03", "--parent", "1",
    )  # fmt: skip
    assert line == (
        "Error: the date 2024-01-03 is before 2026-11-18, the date of its parent lead #1; "
        "a spin-off is dated 2026-11-18 or later"
    )
    # The same day, or later, is a spin-off as it should be.
    parent("lead", "add", "--from", "Cat", "--to", "Dan", "--type", "general",
           "--company", "Gamma", "--date", "2026-11-18", "--parent", "1")  # fmt: skip


def test_lead_edit_refuses_a_child_moved_before_its_parent(parent: Invoke, db_path: Path) -> None:
    assert BEFORE in refused(parent, db_path, "lead", "edit", "2", "--date", "2026-11-11")


def test_lead_edit_refuses_a_parent_moved_after_its_spin_off(parent: Invoke, db_path: Path) -> None:
    line = refused(parent, db_path, "lead", "edit", "1", "--date", "2026-11-25")
    assert line == (
        "Error: the date 2026-11-25 is after 2026-11-18, the date of its spin-off lead #2; "
        "date lead #1 2026-11-18 or earlier"
    )
    parent("lead", "edit", "1", "--date", "2026-11-11")  # earlier is fine


def test_lead_edit_refuses_a_later_parent(parent: Invoke, db_path: Path) -> None:
    parent("lead", "add", "--from", "Cat", "--to", "Dan", "--type", "general",
           "--company", "Gamma", "--date", "2026-11-11")  # fmt: skip
    assert BEFORE in refused(parent, db_path, "lead", "edit", "3", "--parent", "1")


SLIP = """\
type: general-opportunity
from: Cat
company: Gamma
date: 2026-11-04
parent: 1
"""


def test_slips_refuse_a_spin_off_dated_before_its_parent(
    parent: Invoke, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "slips.txt"
    path.write_text("type: general-opportunity\nfrom: Dan\ncompany: Delta\n---\n" + SLIP)
    line = refused(parent, db_path, "lead", "add", "--file", str(path))
    assert BEFORE in line


def _leads_file(path: Path, rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue())
    return path


def test_import_refuses_a_spin_off_dated_before_a_lead_of_the_group(
    parent: Invoke, db_path: Path, tmp_path: Path
) -> None:
    path = _leads_file(
        tmp_path / "leads.csv",
        [
            {
                "from": "Cat",
                "type": "general",
                "company": "Gamma",
                "date": "2026-11-04",
                "parent": "1",
            }
        ],
    )
    stderr = parent("import", "leads", str(path), code=2).stderr
    assert f"line 2: the date 2026-11-04 {BEFORE} lead #1" in stderr


def test_import_refuses_a_spin_off_dated_before_its_parent_in_the_file(
    group: Invoke, db_path: Path, tmp_path: Path
) -> None:
    path = _leads_file(
        tmp_path / "leads.csv",
        [
            {"id": "7", "from": "Ann", "type": "general", "company": "A", "date": "2026-11-18",
             "parent": ""},
            {"id": "8", "from": "Bob", "type": "general", "company": "B", "date": "2026-11-04",
             "parent": "7"},
        ],
    )  # fmt: skip
    before = dump(db_path)
    result = group("import", "leads", str(path), code=2)
    assert f"line 3: the date 2026-11-04 {BEFORE} (id 7 in this file)" in result.stderr
    assert "nothing was imported" in result.stderr
    assert dump(db_path) == before
