"""The member profile (offers, areas, minimum) and a lead's qualification facts on the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke, one_error_line
from leadkit import hot


def rows(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


def test_member_profile_is_added_shown_and_edited(group: Invoke) -> None:
    group(
        "member",
        "add",
        "Eve Evans",
        "--category",
        "Remodeling",
        "--offers",
        "kitchens",
        "--offers",
        "bathrooms",
        "--area",
        "Boise, ID",
        "--area",
        "837",
        "--minimum",
        "$5,000",
    )
    shown = json.loads(group("member", "show", "Eve", "--json").stdout)
    assert shown["offers"] == ["kitchens", "bathrooms"]
    assert shown["areas"] == ["Boise, ID", "837"]
    assert shown["minimum"] == 5000.0
    text = group("member", "show", "Eve").stdout
    assert "kitchens; bathrooms" in text and "$5,000.00" in text
    group("member", "edit", "Eve", "--area", "Idaho", "--offers", "decks")
    shown = json.loads(group("member", "show", "Eve", "--json").stdout)
    assert (shown["areas"], shown["offers"]) == (["Idaho"], ["decks"])
    group("member", "edit", "Eve", "--area", "", "--minimum", "")
    shown = json.loads(group("member", "show", "Eve", "--json").stdout)
    assert (shown["areas"], shown["minimum"]) == ([], None)
    plain = group("member", "show", "Bob").stdout
    assert "(anywhere)" in plain and "(the words of the category)" in plain


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--area", "12ab!"], "neither a place name"),
        (["--area", "Boise, Xy"], "'Xy' is not a US state or Canadian province"),
        (["--area", "   "], "--area must not be empty"),
        (["--minimum", "-5"], "positive number"),
        (["--minimum", "12,5"], "invalid amount"),
        (["--offers", ""], "--offers must not be empty"),
    ],
)
def test_bad_profile_input_is_refused(
    group: Invoke, db_path: Path, args: list[str], message: str
) -> None:
    before = rows(db_path, "SELECT * FROM members")
    result = group("member", "add", "Eve Evans", "--category", "Remodeling", *args, code=2)
    assert message in one_error_line(result)
    if args[1].strip():  # on edit, '' clears a list
        assert message in one_error_line(group("member", "edit", "Bob", *args, code=2))
    assert rows(db_path, "SELECT * FROM members") == before


def test_lead_qualification_facts(group: Invoke) -> None:
    data = json.loads(
        group(
            *hot(value="12,500", intent="rfp", decision_maker=True, prospect="business"),
            "--json",
        ).stdout
    )
    assert (data["prospect"], data["value"], data["decision_maker"], data["intent"]) == (
        "business",
        12500.0,
        True,
        "rfp",
    )
    # By default the prospect is a business when a company is named, else a person.
    person = json.loads(group(*hot(company=None, intent=None), "--json").stdout)
    assert person["prospect"] == "person" and person["intent"] is None
    assert person["decision_maker"] is None and person["value"] is None
    group("lead", "edit", "1", "--intent", "", "--value", "", "--not-decision-maker")
    shown = json.loads(group("lead", "show", "1", "--json").stdout)
    assert (shown["intent"], shown["value"], shown["decision_maker"]) == (None, None, False)
    text = group("lead", "show", "1").stdout
    assert "contact decides" in text and "intent" in text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--intent", "maybe"], "unknown intent 'maybe'"),
        (["--prospect", "alien"], "unknown prospect kind 'alien'"),
        (["--value", "-3"], "positive number"),
        (["--value", "lots"], "invalid amount for --value"),
        (["--decision-maker", "--not-decision-maker"], "not both"),
    ],
)
def test_bad_lead_facts_are_refused(
    group: Invoke, db_path: Path, extra: list[str], message: str
) -> None:
    assert message in one_error_line(group(*hot(), *extra, code=2))
    assert rows(db_path, "SELECT count(*) FROM leads") == [(0,)]
    group(*hot())
    before = rows(db_path, "SELECT * FROM leads")
    assert message in one_error_line(group("lead", "edit", "1", *extra, code=2))
    assert rows(db_path, "SELECT * FROM leads") == before


def test_profile_and_facts_import_with_bad_rows_reported(
    group: Invoke, db_path: Path, tmp_path: Path
) -> None:
    good = tmp_path / "members.csv"
    good.write_text(
        "name,category,offers,area,minimum\nEve,Remodeling,kitchens; decks,Idaho; 837,5000\n"
    )
    group("import", "members", str(good))
    shown = json.loads(group("member", "show", "Eve", "--json").stdout)
    assert (shown["offers"], shown["areas"], shown["minimum"]) == (
        ["kitchens", "decks"],
        ["Idaho", "837"],
        5000.0,
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("name,category,area,minimum\nFay,Florist,12ab!,\nGus,Baker,,-4\n")
    result = group("import", "members", str(bad), code=2)
    assert "line 2" in result.stderr and "line 3" in result.stderr
    assert rows(db_path, "SELECT count(*) FROM members WHERE name IN ('Fay', 'Gus')") == [(0,)]
    leads_file = tmp_path / "leads.csv"
    leads_file.write_text(
        "from,to,type,date,description,prospect,value,decision_maker,intent\n"
        "Ann,Bob,direct,2026-11-18,A homeowner needs a new water heater this month,person,900,no,buying\n"
        "Ann,Bob,direct,2026-11-18,A homeowner needs a new water heater this month,alien,x,perhaps,maybe\n"
    )
    result = group("import", "leads", str(leads_file), code=2)
    assert "line 3" in result.stderr
    assert rows(db_path, "SELECT count(*) FROM leads") == [(0,)]


CARDS = (
    "John Smith owns Acme Plumbing and needs 500 business cards and 200 flyers for the opening "
    "of his second shop on Main Street in January, about 400 dollars, ordered this week."
)


def test_the_fit_is_shown_beside_the_verdict_everywhere(group: Invoke) -> None:
    added = group(*hot()).stdout
    assert "HOT  score 100/100, publishable  ★ sweet spot" in added
    off = group(*hot(description=CARDS, need="business cards and flyers")).stdout
    assert "COLD" in off and "off target" in off
    assert "which Dan Dale offers" in off and "--to 4" in off
    listed = group("lead", "list").stdout
    assert "★ sweet spot" in listed and "off target" in listed
    data = json.loads(group("lead", "list", "--json").stdout)
    assert [(x["fit"], x["verdict"]) for x in data] == [  # newest first
        ("off-target", "COLD"),
        ("sweet-spot", "HOT"),
    ]
    checked = group("lead", "check", "1", "2").stdout
    assert "★ sweet spot" in checked and "off target" in checked
    assert json.loads(group("lead", "check", "2", "--json").stdout)[0]["fit"] == "off-target"
    assert "★ sweet spot" in group("lead", "show", "1").stdout
    weekly = json.loads(
        group("report", "weekly", "--week", "2026-11-18", "--format", "json").stdout
    )
    assert [item["fit"] for item in weekly["leads"]["items"]] == ["sweet-spot", "off-target"]
    assert "★ sweet spot" in group("report", "weekly", "--week", "2026-11-18").stdout


def test_a_profile_change_reaches_the_stored_fit_on_the_next_check(group: Invoke) -> None:
    group(*hot(address="9 Bay Street, Tampa, FL 33602"))
    assert json.loads(group("lead", "show", "1", "--json").stdout)["fit"] == "sweet-spot"
    group("member", "edit", "Bob", "--area", "Idaho")
    group("lead", "check", "--all")
    shown = json.loads(group("lead", "show", "1", "--json").stdout)
    assert (shown["fit"], shown["verdict"]) == ("off-target", "COLD")
    history = group("lead", "history", "1").stdout
    assert "fit: sweet-spot → off-target" in history


def test_report_sources_by_fit_shows_whether_sweet_spot_leads_convert(group: Invoke) -> None:
    group(*hot(company="Acme One"))  # sweet spot
    group(*hot(company="Acme Two", date="2026-11-11", heard="2026-11-09"))  # the week before
    group(*hot(company="Acme Three", description=CARDS, need="business cards"))  # off target
    group(*hot(company="Acme Four", intent=None))  # a plain fit
    group("lead", "update", "1", "--status", "won", "--amount", "2500", "--at", "2026-11-19")
    group("lead", "update", "3", "--status", "lost", "--at", "2026-11-19")
    rows = json.loads(
        group("report", "sources", "--by", "fit", "--since", "2026-11-18", "--json").stdout
    )
    assert [r["key"] for r in rows] == ["sweet-spot", "fit", "off-target"]
    sweet = rows[0]
    assert (sweet["leads"], sweet["won"], sweet["amount"]) == (1, 1, 2500.0)
    assert sweet["previous"]["leads"] == 1  # the week before
    assert (rows[2]["lost"], rows[2]["conversion"]) == (1, 0.0)
    assert "sweet-spot" in group("report", "sources", "--by", "fit").stdout
    assert "--by takes" in one_error_line(group("report", "sources", "--by", "fits", code=2))
