"""At an 80-column terminal every listing fits or stacks, no word is split, and every command's
summary in `--help` is a whole sentence on one line."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import commandtree

WIDTH = 80
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def on_terminal(db: Path, *args: str, width: int = WIDTH) -> list[str]:
    """What `leadcli --db DB ARGS` shows on an 80x24 terminal (no pager, no color)."""
    pexpect = pytest.importorskip("pexpect")
    env = dict(
        os.environ,
        LEADCLI_DB=str(db),
        NO_COLOR="1",
        PAGER="cat",
        TERM="xterm",
        COLUMNS=str(width),
        LINES="24",
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "leadcli", *args],
        env=env,
        dimensions=(24, width),
        encoding="utf-8",
        timeout=120,
    )
    output = child.read()
    child.close()
    assert child.exitstatus in (0, 3), (args, output[-2000:])
    return [ANSI.sub("", line) for line in output.replace("\r\n", "\n").split("\n")]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    env = dict(os.environ, LEADCLI_NOW="2026-11-19T10:00:00")
    built = subprocess.run(
        [sys.executable, "-m", "leadcli", "demo", "--db", str(path), "--weeks", "16"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert built.returncode == 0, built.stderr
    return path


@pytest.fixture(scope="module")
def lone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A group of one member whose business and email are long."""
    path = tmp_path_factory.mktemp("lone") / "lone.db"
    env = dict(os.environ, LEADCLI_DB=str(path), LEADCLI_NOW="2026-11-19T10:00:00")
    for args in (
        ["init", "--name", "Lone"],
        [
            "member",
            "add",
            "Fatima Goldberg",
            "--category",
            "Residential Real Estate Agent",
            "--business",
            "Goldberg Bookkeeping and Business Services of the Greater Riverside Area",
            "--email",
            "fatima.goldberg@goldberg-bookkeeping-and-business-services.example",
            "--phone",
            "214-555-0156",
        ],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "leadcli", *args], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
    return path


def data_words(db: Path) -> set[str]:
    """Every word of the names and text in the group file."""
    conn = sqlite3.connect(db)
    queries = [
        "SELECT name, category, business, email FROM members",
        "SELECT company, contact, source, description FROM leads",
        "SELECT name, category, business FROM visitors",
        "SELECT category FROM category_spheres",
    ]
    words: set[str] = set()
    for query in queries:
        for row in conn.execute(query):
            for value in row:
                words.update(_words(str(value or "")))
    conn.close()
    return {w for w in words if len(w) > 2}


def _words(text: str) -> list[str]:
    return [w.strip(",.;:()/") for w in text.split()]


def split_words(lines: list[str], words: set[str]) -> list[str]:
    """Words of the data broken across two lines: a line ending in "busines", the next
    starting with "s"."""
    found = []
    for above, below in zip(lines, lines[1:], strict=False):
        if not above.strip() or not below.strip() or above.endswith(" "):
            continue
        last, first = _words(above)[-1], _words(below)[0]
        joined = last + first
        if last and first and last not in words and joined in words:
            found.append(f"{above!r} / {below!r}")
    return found


COMMANDS = [
    ["meeting", "list"],
    ["member", "list"],
    ["report", "sources"],
    ["report", "sources", "--by", "giver"],
    ["lead", "list"],
    ["lead", "check", "--week", "2026-11-18"],
    ["member", "quota"],
    ["report", "weekly", "--week", "2026-11-18"],
    ["category", "list"],
    ["visitor", "list"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_listings_fit_80_columns_without_splitting_a_word(demo: Path, args: list[str]) -> None:
    lines = on_terminal(demo, *args)
    assert sum(1 for line in lines if line.strip()) > 3, lines
    wide = [line for line in lines if len(line) > WIDTH]
    assert not wide, wide[:3]
    assert not split_words(lines, data_words(demo))


def test_one_member_with_long_fields_stacks_without_splitting_a_word(lone: Path) -> None:
    lines = on_terminal(lone, "member", "list")
    assert all(len(line) <= WIDTH for line in lines), lines
    text = "\n".join(lines)
    assert "Goldberg Bookkeeping and Business Services" in " ".join(text.split())
    assert "fatima.goldberg@goldberg-bookkeeping-and-business-services.example" in text
    assert not split_words(lines, data_words(lone))
    assert "1 active member" in text and "1 active members" not in text


def test_records_keep_their_fields_in_one_order_on_the_same_lines(demo: Path) -> None:
    lines = on_terminal(demo, "member", "list")
    records, current = [], []
    for line in lines:
        if line.startswith("#"):
            current = []
            records.append(current)
        elif line.startswith("    ") and records:
            current.append(re.findall(r"(?:^|·  )([a-z][a-z →/]*?) ", line.strip()))
    assert len(records) > 10
    layouts = {tuple(tuple(fields) for fields in r) for r in records if len(r) == len(records[0])}
    # Every record whose fields are all filled in shows them on the same lines, in one order.
    assert len(layouts) == 1, layouts
    order = [name for line in records[0] for name in line]
    assert order == [n for n in ("category", "business", "phone", "email", "joined") if n in order]


def test_a_table_that_fits_keeps_its_headers_and_dates_whole(demo: Path) -> None:
    lines = on_terminal(demo, "meeting", "list")
    header = lines[0].split()
    assert header == [
        "date",
        "day",
        "present",
        "late",
        "sub",
        "medical",
        "absent",
        "not",
        "recorded",
        "rate",
    ]
    assert all(re.match(r"\d{4}-\d{2}-\d{2}  ", line) for line in lines[2:] if line.strip())


def test_messages_wrap_between_words_on_a_terminal(demo: Path) -> None:
    lines = on_terminal(demo, "report", "sources")
    at = next(i for i, line in enumerate(lines) if line.startswith("Leads given"))
    first, second = lines[at], lines[at + 1]
    assert len(first) <= WIDTH and first.endswith(" to")  # broken between words
    assert re.match(r"\s*\d{4}-\d{2}-\d{2}$", second)  # a date is never cut


def help_rows(path: list[str]) -> list[tuple[str, list[str]]]:
    """The "Commands:" list of `leadcli PATH --help` at 80 columns: (name, summary lines)."""
    from typer.testing import CliRunner

    from leadcli.cli import app

    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=WIDTH)
    assert result.exit_code == 0, result.output
    section = result.stdout.split("Commands:\n", 1)[1]
    rows: list[tuple[str, list[str]]] = []
    for line in section.splitlines():
        if not line.strip():
            break
        assert len(line) <= WIDTH, line
        match = re.match(r"^  (\S+)\s+(.*)$", line)
        if match:
            rows.append((match.group(1), [match.group(2)]))
        else:
            rows[-1][1].append(line.strip())
    return rows


def test_every_command_summary_is_a_whole_sentence_on_one_line() -> None:
    from leadcli.cli import GROUPS

    groups = sorted({c.path[0] for c in commandtree.commands()} | set(GROUPS))
    seen = 0
    for path in [[], *([g] for g in groups)]:
        for name, summary in help_rows(path):
            seen += 1
            where = f"leadcli {' '.join(path)} --help: {name}"
            assert len(summary) == 1, f"{where}: the summary takes {len(summary)} lines"
            assert not summary[0].endswith("..."), f"{where}: cut to {summary[0]!r}"
            assert summary[0].endswith("."), f"{where}: {summary[0]!r} is not a sentence"
    assert seen >= len(list(commandtree.commands())) + len(GROUPS)


@pytest.mark.parametrize(
    ("args", "header"),
    [
        (["category", "list"], ["category", "sphere", "holder", "unmet", "applicants"]),
        (["report", "sources"], ["source", "leads", "before", "conversion", "before", "amount"]),
        (["report", "sources", "--by", "giver"], ["giver", "leads", "before", "conversion"]),
    ],
    ids=" ".join,
)
def test_category_list_and_sources_fit_as_tables(
    demo: Path, args: list[str], header: list[str]
) -> None:
    lines = on_terminal(demo, *args)
    at = next(i for i, line in enumerate(lines) if line.split()[: len(header)] == header)
    assert set(lines[at + 1].strip()) == {"─"}  # the rule under the header: a table
    assert len([line for line in lines[at + 2 :] if line.strip()]) >= 3
    assert not [line for line in lines if line.startswith("    ")]  # no record stacked


def test_sources_show_every_figure_when_the_terminal_is_wide(demo: Path) -> None:
    lines = on_terminal(demo, "report", "sources", width=130)
    header = next(line for line in lines if line.startswith("source"))
    assert header.split() == [
        "source", "leads", "won", "lost", "open", "conversion", "amount", "leads", "before",
        "conversion", "before", "trend",
    ]  # fmt: skip
