"""One member's standing reads that member's rows: the same few queries however long the history."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import NOW
from leadcli import clock, db, demo, members, settings, standing


def statements(path: Path, everyone: bool = False) -> tuple[int, list[str]]:
    """How many SQL statements one member's standing (or everyone's) issues, and the standing."""
    conn = db.connect(path)
    group = settings.load(conn)
    now = clock.now(group.tz)
    only = None if everyone else [members.resolve(conn, "1")]
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    found = standing.standings(conn, group, now.date(), now, only)
    conn.set_trace_callback(None)
    conn.close()
    return len(seen), [s.standing for s in found]


@pytest.fixture(scope="module")
def histories(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The same group after half a year and after four years."""
    paths = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LEADCLI_NOW", NOW)
        for weeks in (26, 208):
            path = tmp_path_factory.mktemp(f"w{weeks}") / "group.db"
            conn = db.connect(path)
            demo.build(conn, members=12, weeks=weeks, seed=4)
            conn.close()
            paths.append(path)
    return paths


def test_one_members_standing_issues_the_same_queries_whatever_the_history(
    histories: list[Path],
) -> None:
    short, long = (statements(path) for path in histories)
    assert short[0] == long[0] <= 12


def test_one_members_standing_is_their_line_of_everyones(histories: list[Path]) -> None:
    for path in histories:
        conn = db.connect(path)
        group = settings.load(conn)
        now = clock.now(group.tz)
        everyone = {s.member.id: s for s in standing.standings(conn, group, now.date(), now)}
        for member_id in list(everyone)[:5]:
            member = members.get(conn, member_id)
            (one,) = standing.standings(conn, group, now.date(), now, [member])
            assert one.as_json() == everyone[member_id].as_json()
            assert one.overdue == everyone[member_id].overdue
        conn.close()
    assert dt.date.fromisoformat(NOW[:10])


# A table read through an index by the member alone, row by row, grows with their history;
# a covering index of theirs (ids only) or a window's range does not.
_BY_MEMBER_ALONE = re.compile(r"^SEARCH \w+ USING INDEX \w+ \(\w+=\?\)")


@pytest.mark.parametrize("scheme", ["networks", "traffic-lights"])
def test_one_members_standing_reads_no_table_through_their_whole_history(
    histories: list[Path], scheme: str
) -> None:
    conn = db.connect(histories[1])
    group = settings.Settings({**settings.load(conn), "standing.scheme": scheme})
    now = clock.now(group.tz)
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    standing.standings(conn, group, now.date(), now, [members.resolve(conn, "1")])
    conn.set_trace_callback(None)
    for statement in seen:
        plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + statement)]
        for step in plan:
            assert not step.startswith("SCAN") or "json_each" in step, (statement, plan)
            assert not _BY_MEMBER_ALONE.match(step), (statement, plan)
    conn.close()
