"""`lead add --editor` and `--file`: slips typed as text, saved all or none."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line

SLIP = """\
type: direct-referral
from: Ann
to: Bob
prospect: business
company: Acme Plumbing Inc
contact: John Smith
title: Owner
phone: 415-555-0142
email: john@acme.example
description: John Smith is opening a second shop on Main Street in January and needs the whole building re-piped, a new water heater and a maintenance contract for both shops this winter.
heard: 2026-11-16
decision: 2026-12-15
public: no
may-use-name: yes
expecting-call: yes
need-discussed: yes
source: past client
"""

OPPORTUNITY = """\
# a general opportunity: no receiver
type: general-opportunity
from: Cat
company: Big Box Co
contact: Mary Major
phone: 415-555-0177
description: Big Box Co is moving its head office downtown next spring and will need movers, printers, signs and a realtor.
"""


def leads_in(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM leads").fetchone()[0]


def editor(tmp_path: Path, *answers: str, status: int = 0) -> str:
    """An editor script writing each answer in turn (the last one from then on)."""
    for index, answer in enumerate(answers):
        (tmp_path / f"answer{index}").write_text(answer)
    script = tmp_path / "editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f'dir="{tmp_path}"\n'
        'n=$(cat "$dir/count" 2>/dev/null || echo 0)\n'
        'cp "$1" "$dir/seen$n"\n'
        f'if [ -f "$dir/answer$n" ]; then cp "$dir/answer$n" "$1"; fi\n'
        'echo $((n + 1)) > "$dir/count"\n'
        f"exit {status}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_a_batch_from_a_file(group: Invoke, tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "slips.txt"
    path.write_text(SLIP + "---\n" + OPPORTUNITY)
    out = group("lead", "add", "--file", str(path)).stdout
    assert out.splitlines()[0] == "Saved 2 leads:"
    assert "#1 HOT" in out and "#2 " in out
    data = json.loads(group("lead", "show", "2", "--json").stdout)
    assert data["receiver"] is None and data["type"] == "general-opportunity"
    first = json.loads(group("lead", "show", "1", "--json").stdout)
    assert first["date"] == "2026-11-18" and first["may_use_name"] is True
    assert first["public"] is False and first["phones"] == ["+14155550142"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("phone: 555-12\n", "line 20: invalid phone for --phone"),
        ("heard: last month\n", "line 20: invalid date for --heard"),
        ("colour: blue\n", "line 20: unknown key 'colour'"),
        ("public: maybe\n", "line 20: public takes yes or no"),
    ],
)
def test_an_error_in_slip_17_of_40_names_the_slip_and_line(
    group: Invoke, tmp_path: Path, db_path: Path, bad: str, message: str
) -> None:
    slips = [
        OPPORTUNITY.replace("Big Box Co", f"Box {n}").replace("0177", f"01{n:02d}")
        for n in range(40)
    ]
    slips[16] = slips[16] + bad
    path = tmp_path / "slips.txt"
    path.write_text("---\n".join(slips))
    # slip 17 starts at line 16 * 8 + 1 = 129; its 8th line is the bad one
    result = group("lead", "add", "--file", str(path), code=2)
    line = one_error_line(result)
    assert "slip 17 of 40, line " in line and "nothing was saved" in line
    assert message.split(": ", 1)[1] in line
    assert leads_in(db_path) == 0


@pytest.mark.parametrize(
    ("slip", "message"),
    [
        ("type: direct-referral\nfrom: Zed\nto: Bob\n", "no member named 'Zed'"),
        ("type: direct-referral\nfrom: Ann\nto: Ann\n", "--from and --to name the same member"),
        ("type: direct-referral\nfrom: Ann\n", "to is missing"),
        ("from: Ann\nto: Bob\n", "type is missing"),
    ],
)
def test_bad_slips_write_nothing(
    group: Invoke, tmp_path: Path, db_path: Path, slip: str, message: str
) -> None:
    path = tmp_path / "slips.txt"
    path.write_text(SLIP + "---\n" + slip)
    assert message in one_error_line(group("lead", "add", "--file", str(path), code=2))
    assert leads_in(db_path) == 0


def test_the_editor_template_lists_members_and_saves(
    group: Invoke, tmp_path: Path, db_path: Path
) -> None:
    script = editor(tmp_path, SLIP + "---\n" + OPPORTUNITY)
    out = group("lead", "add", "--editor", env={"VISUAL": "", "EDITOR": script}).stdout
    assert "Saved 2 leads:" in out and leads_in(db_path) == 2
    seen = (tmp_path / "seen0").read_text()
    assert "#   #1 Ann Archer (Realtor)" in seen and "#   #4 Dan Dale (Printer)" in seen
    keys = [line.split(":")[0] for line in seen.splitlines() if not line.startswith("#")]
    assert keys[:5] == ["type", "from", "to", "prospect", "company"]
    assert keys.index("heard") < keys.index("public") < keys.index("value") < keys.index("parent")


def test_errors_are_written_back_and_the_editor_reopened(
    group: Invoke, tmp_path: Path, db_path: Path
) -> None:
    script = editor(tmp_path, SLIP.replace("415-555-0142", "555-12"), SLIP)
    result = group("lead", "add", "--editor", env={"VISUAL": script})
    assert "Saved 1 lead:" in result.stdout and leads_in(db_path) == 1
    second = (tmp_path / "seen1").read_text().splitlines()
    at = second.index("phone: 555-12")
    assert second[at + 1].startswith("# error: invalid phone for --phone")


def test_an_unchanged_or_empty_file_cancels(group: Invoke, tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "a").mkdir()
    unchanged = editor(tmp_path / "a")  # writes nothing: the template stays as it was
    result = group("lead", "add", "--editor", env={"VISUAL": unchanged})
    assert "nothing saved" in result.stderr and leads_in(db_path) == 0
    (tmp_path / "b").mkdir()
    empty = editor(tmp_path / "b", "")
    assert "nothing saved" in group("lead", "add", "--editor", env={"VISUAL": empty}).stderr
    assert leads_in(db_path) == 0


def test_no_editor_or_a_failing_one_is_bad_input(
    group: Invoke, tmp_path: Path, db_path: Path
) -> None:
    result = group("lead", "add", "--editor", env={"VISUAL": "", "EDITOR": ""}, code=2)
    assert "set $VISUAL or $EDITOR" in one_error_line(result)
    failing = editor(tmp_path, SLIP, status=3)
    result = group("lead", "add", "--editor", env={"VISUAL": failing}, code=2)
    assert "exited with status 3" in one_error_line(result)
    assert leads_in(db_path) == 0
    missing = tmp_path / "nowhere.txt"
    assert "cannot read --file" in one_error_line(
        group("lead", "add", "--file", str(missing), code=2)
    )
    assert os.environ.get("LEADCLI_DB")


def test_the_slip_table_drives_template_and_parser() -> None:
    from leadcli import slip

    text = slip.template([(1, "Ann Archer", "Realtor")], "Wednesday 2026-11-18")
    assert all(len(line) <= 80 for line in text.splitlines())
    keys = [line.split(":")[0] for line in text.splitlines() if not line.startswith("#")]
    assert keys == [f.key for f in slip.FIELDS]
    (one,) = slip.parse(
        text.replace("type: ", "type: direct").replace("phone: ", "phone: 1\nphone: 2")
    )
    assert one.values == {"type": "direct", "phone": ["1", "2"]}
    assert slip.parse(text) == []  # a blank template is no slip
