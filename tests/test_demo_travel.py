"""The demo's room: spin-offs along real patterns, unmet needs, visitors, a second group."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import Invoke
from leadcli import categories, demo_travel


def test_spin_offs_follow_the_patterns(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "lunch.db"
    cli("demo", "--db", str(target), "--members", "14", "--weeks", "40")
    with sqlite3.connect(target) as conn:
        pairs = conn.execute(
            "SELECT pm.category, cm.category, c.notes FROM leads c "
            "JOIN leads p ON p.id = c.parent_id "
            "JOIN members pm ON pm.id = p.receiver_id JOIN members cm ON cm.id = c.receiver_id "
            "WHERE c.source = 'past client' AND c.type = 'direct-referral'"
        ).fetchall()
        patterned = [
            (a, b)
            for a, b, _ in pairs
            if categories.kind(b)
            in {k for k, _, _ in demo_travel.FOLLOWS.get(categories.kind(a), ())}
        ]
        assert len(patterned) >= 10
        kinds = {(categories.kind(a), categories.kind(b)) for a, b in patterned}
        assert ("attorney", "realtor") in kinds and ("realtor", "mortgage") in kinds
        realtor_lead = conn.execute(
            "SELECT l.id FROM leads l JOIN members m ON m.id = l.receiver_id "
            "WHERE m.category = 'Residential Realtor' AND l.status = 'won' LIMIT 1"
        ).fetchone()[0]
        needs = conn.execute("SELECT count(*) FROM unmet_needs").fetchone()[0]
        waiting = conn.execute(
            "SELECT count(*) FROM visitors WHERE category IS NOT NULL"
        ).fetchone()
    stops = json.loads(
        cli("--db", str(target), "lead", "travel", str(realtor_lead), "--json").stdout
    )
    assert stops[0]["spin_offs"] >= 3
    assert categories.kind(stops[0]["category"]) in {
        k for k, _, _ in demo_travel.FOLLOWS["realtor"]
    }
    assert needs >= 3 and waiting[0] >= 3


def test_a_second_demo_group_for_also(cli: Invoke, tmp_path: Path) -> None:
    lunch, breakfast = tmp_path / "lunch.db", tmp_path / "breakfast.db"
    cli("demo", "--db", str(lunch), "--members", "12", "--weeks", "12")
    cli("demo", "--db", str(breakfast), "--members", "12", "--weeks", "12", "--seed", "8")
    found = json.loads(
        cli("--db", str(lunch), "category", "openings", "--also", str(breakfast), "--json").stdout
    )
    groups = {o["group"] for o in found}
    assert groups == {
        "Riverside Business Leads (demo)",
        "Lakeside Breakfast Club (demo, seed 8)",
    }
    listed = json.loads(cli("--db", str(lunch), "visitor", "list", "--json").stdout)
    assert any(v["status"].startswith("waiting") for v in listed) or any(
        v["status"].startswith("may join") for v in listed
    )
