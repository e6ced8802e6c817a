"""BNI traffic lights (SPEC 5.2): points at every band boundary, a chapter scored through the
command line against points computed by hand, the bands as settings, and what moves a member up."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Invoke, one_error_line
from leadcli import bands, traffic
from leadcli.errors import BadInput
from leadcli.settings import Settings

# Each row: component, value, the points SPEC 5.2 gives it (worked out by hand from its table).
BOUNDARIES = [
    # absences 0 -> 15, 1 -> 10, 2 -> 5, more -> 0
    ("absences", 0, 15),
    ("absences", 1, 10),
    ("absences", 2, 5),
    ("absences", 3, 0),
    ("absences", 9, 0),
    # referrals a week < 0.5 -> 0, < 0.75 -> 5, < 1 -> 10, < 1.2 -> 15, else 20
    ("referrals", 0, 0),
    ("referrals", 0.49, 0),
    ("referrals", 0.5, 5),
    ("referrals", 0.74, 5),
    ("referrals", 0.75, 10),
    ("referrals", 0.99, 10),
    ("referrals", 1, 15),
    ("referrals", 1.19, 15),
    ("referrals", 1.2, 20),
    ("referrals", 3, 20),
    # visitors a week < 0.083 -> 0, < 0.167 -> 5, < 0.25 -> 10, < 0.5 -> 15, else 20
    ("visitors", 0, 0),
    ("visitors", 0.082, 0),
    ("visitors", 0.083, 5),
    ("visitors", 0.166, 5),
    ("visitors", 0.167, 10),
    ("visitors", 0.249, 10),
    ("visitors", 0.25, 15),
    ("visitors", 0.499, 15),
    ("visitors", 0.5, 20),
    # testimonials a week 0 -> 0, < 0.075 -> 5, else 10
    ("testimonials", 0, 0),
    ("testimonials", 0.001, 5),
    ("testimonials", 0.074, 5),
    ("testimonials", 0.075, 10),
    ("testimonials", 1, 10),
    # late more than once -> 0, else 5
    ("late", 0, 5),
    ("late", 1, 5),
    ("late", 2, 0),
    # CEUs 0, 1, 2, 3+ -> 0, 5, 10, 15
    ("ceus", 0, 0),
    ("ceus", 1, 5),
    ("ceus", 2, 10),
    ("ceus", 3, 15),
    ("ceus", 7, 15),
    # closed business < $1,000 -> 0, < $2,500 -> 5, < $5,000 -> 10, else 15
    ("closed_business", 0, 0),
    ("closed_business", 999.99, 0),
    ("closed_business", 1000, 5),
    ("closed_business", 2499.99, 5),
    ("closed_business", 2500, 10),
    ("closed_business", 4999.99, 10),
    ("closed_business", 5000, 15),
]


@pytest.mark.parametrize(("name", "value", "points"), BOUNDARIES)
def test_default_bands_at_every_boundary(name: str, value: float, points: int) -> None:
    assert traffic.bands(Settings())[name].points(value) == points


def test_rates_made_of_counts_land_on_the_boundary() -> None:
    """13 referrals in 26 weeks is exactly 0.5 a week, 3 testimonials in 40 exactly 0.075."""
    bands = traffic.bands(Settings())
    assert bands["referrals"].points(13 / 26) == 5
    assert bands["referrals"].points(12 / 26) == 0
    assert bands["referrals"].points(6 / 5) == 20
    assert bands["testimonials"].points(3 / 40) == 10
    assert bands["testimonials"].points(2 / 40) == 5


@pytest.mark.parametrize(
    ("points", "light"),
    [(100, "GREEN"), (70, "GREEN"), (69, "AMBER"), (50, "AMBER"), (49, "RED"), (30, "RED"),
     (29, "GREY"), (0, "GREY")],
)  # fmt: skip
def test_lights(points: int, light: str) -> None:
    assert traffic.light(points, (70, 50, 30)) == light


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<1:0, <0.5:5, else:10", "must increase, but 0.5 follows 1"),
        ("<1:0, <1:5, else:10", "must increase, but 1 follows 1"),
        ("<1:0, <2:5", "is not else:POINTS"),
        ("else:3", "expected steps"),
        ("<one:0, else:3", "is not BOUND:POINTS"),
        ("<-1:0, else:3", "is not BOUND:POINTS"),
        ("<1:500, else:3", "more than 100"),
    ],
)
def test_bad_bands(text: str, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        bands.parse_band(text)


def test_band_text_is_normalized() -> None:
    assert bands.parse_band(" < .5 : 0 ;  <0.75:5,ELSE : 10").text == "<0.5:0, <0.75:5, else:10"


# --------------------------------------------------------------------------- a chapter

# 26 Wednesdays: the window of 2026-11-19 is 2026-05-22 to 2026-11-19.
MEETINGS = [dt.date(2026, 5, 27) + dt.timedelta(weeks=i) for i in range(26)]
DAN_JOINED = dt.date(2026, 10, 21)  # the last five meetings are his
LEAD = "{giver},{receiver},direct-referral,Company {n},Contact {n},415-555-{phone:04d},{text},{day}"
TEXT = "Needs a full quote for new work at the office this month please call"


def _attendance(path: Path) -> None:
    statuses: dict[str, dict[dt.date, str]] = {
        "Ann": {},
        "Bob": {MEETINGS[3]: "absent", MEETINGS[9]: "late", MEETINGS[10]: "substitute"},
        "Cat": {MEETINGS[1]: "absent", MEETINGS[2]: "absent", MEETINGS[4]: "late",
                MEETINGS[5]: "late", MEETINGS[6]: "medical"},
        "Dan": {MEETINGS[21]: "absent", MEETINGS[22]: "absent", MEETINGS[23]: "absent"},
    }  # fmt: skip
    lines = ["date,member,status"]
    for day in MEETINGS:
        for name, marks in statuses.items():
            if name == "Dan" and day < DAN_JOINED:
                continue
            lines.append(f"{day},{name},{marks.get(day, 'present')}")
    path.write_text("\n".join(lines) + "\n")


def _leads(path: Path) -> None:
    rows: list[tuple[str, str, dt.date]] = [
        # The first three are won later: ids 1, 2 and 3.
        ("Ann", "Bob", MEETINGS[20]),
        ("Bob", "Cat", MEETINGS[20]),
        ("Dan", "Ann", MEETINGS[23]),
    ]
    rows += [("Ann", "Cat", day) for day in MEETINGS[:25]]  # Ann: 26 in all, 1.0 a week
    rows += [("Bob", "Ann", day) for day in MEETINGS[:12]]  # Bob: 13, 0.5 a week
    rows += [("Cat", "Ann", day) for day in MEETINGS[:12]]  # Cat: 12, 0.46 a week
    rows += [("Dan", "Bob", day) for day in MEETINGS[21:]]  # Dan: 6 in his 5 weeks, 1.2
    lines = ["from,to,type,company,contact,phone,description,date"]
    for n, (giver, receiver, day) in enumerate(rows, 1):
        lines.append(
            LEAD.format(giver=giver, receiver=receiver, n=n, phone=100 + n, text=TEXT, day=day)
        )
    path.write_text("\n".join(lines) + "\n")


@pytest.fixture
def chapter(cli: Invoke, tmp_path: Path) -> Invoke:
    cli("init", "--name", "Power of One", "--preset", "bni")
    for name, category in (("Ann", "Realtor"), ("Bob", "Plumber"), ("Cat", "Accountant")):
        cli("member", "add", name, "--category", category, "--joined", "2026-01-07")
    cli("member", "add", "Dan", "--category", "Printer", "--joined", str(DAN_JOINED))
    _attendance(tmp_path / "attendance.csv")
    cli("import", "attendance", str(tmp_path / "attendance.csv"))
    _leads(tmp_path / "leads.csv")
    cli("import", "leads", str(tmp_path / "leads.csv"))
    for lead, amount in (("1", "1000"), ("2", "999.99"), ("3", "2500")):
        cli("lead", "update", lead, "--status", "won", "--amount", amount, "--at", "2026-11-18")
    # A won lead given before the window counts nowhere.
    for n in range(13):  # Ann: 13 visitors, 0.5 a week
        cli("visitor", "add", f"Guest {n}", "--invited-by", "Ann", "--date", str(MEETINGS[n * 2]))
    for day in (MEETINGS[0], MEETINGS[5]):  # Bob: 2 visitors, 0.077 a week
        cli("visitor", "add", f"Bob's guest {day}", "--invited-by", "Bob", "--date", str(day))
    cli("visitor", "add", "Dan's guest", "--invited-by", "Dan", "--date", str(MEETINGS[24]))
    cli("visitor", "add", "Old guest", "--invited-by", "Cat", "--date", "2026-05-20")
    for day in (MEETINGS[3], MEETINGS[10]):  # Ann: 2 testimonials, 0.077 a week
        cli("member", "testimonial", "Ann", "--date", str(day))
    cli("member", "testimonial", "Bob", "--date", str(MEETINGS[7]))
    cli("member", "testimonial", "Cat", "--date", str(MEETINGS[7]))
    cli("member", "testimonial", "--void", "4")  # Cat's, voided: counts nowhere
    cli("member", "ceu", "Ann", "--count", "2", "--date", str(MEETINGS[1]))
    cli("member", "ceu", "Ann", "--date", str(MEETINGS[2]))
    cli("member", "ceu", "Bob", "--date", str(MEETINGS[2]))
    cli("member", "ceu", "Dan", "--count", "2", "--date", str(MEETINGS[24]))
    cli("member", "ceu", "Cat", "--count", "3", "--date", "2026-05-20")  # before the window
    cli("member", "one-to-one", "Ann", "Cat", "--date", str(MEETINGS[4]))
    return cli


def components(data: dict[str, Any]) -> dict[str, tuple[Any, int]]:
    return {c["name"]: (c["value"], c["points"]) for c in data["traffic"]["components"]}


# Worked out by hand from SPEC 5.2 for the chapter above.
EXPECTED = {
    "Ann": (
        {"absences": (0, 15), "referrals": (1.0, 15), "visitors": (0.5, 20),
         "testimonials": (0.0769, 10), "late": (0, 5), "ceus": (3, 15),
         "closed_business": (1000.0, 5)},
        85, "GREEN",
    ),
    "Bob": (
        {"absences": (1, 10), "referrals": (0.5, 5), "visitors": (0.0769, 0),
         "testimonials": (0.0385, 5), "late": (1, 5), "ceus": (1, 5),
         "closed_business": (999.99, 0)},
        30, "RED",
    ),
    "Cat": (
        {"absences": (2, 5), "referrals": (0.4615, 0), "visitors": (0.0, 0),
         "testimonials": (0.0, 0), "late": (2, 0), "ceus": (0, 0),
         "closed_business": (0.0, 0)},
        5, "GREY",
    ),
    # Joined mid-window: scored over his own five weeks.
    "Dan": (
        {"absences": (3, 0), "referrals": (1.2, 20), "visitors": (0.2, 10),
         "testimonials": (0.0, 0), "late": (0, 5), "ceus": (2, 10),
         "closed_business": (2500.0, 10)},
        55, "AMBER",
    ),
}  # fmt: skip


def test_the_chapter_scores_as_computed_by_hand(chapter: Invoke) -> None:
    everyone = json.loads(chapter("member", "quota", "--json").stdout)
    assert [m["member"]["name"] for m in everyone] == ["Ann", "Bob", "Cat", "Dan"]
    for data in everyone:
        parts, points, light = EXPECTED[data["member"]["name"]]
        assert components(data) == parts, data["member"]["name"]
        assert data["traffic"]["points"] == points
        assert data["traffic"]["light"] == light
        assert data["standing"] == light
        assert [c["max_points"] for c in data["traffic"]["components"]] == [
            15, 20, 20, 10, 5, 15, 15
        ]  # fmt: skip
    dan = json.loads(chapter("member", "quota", "Dan", "--json").stdout)
    assert dan["window"] == {"start": "2026-10-21", "end": "2026-11-19", "meetings": 5}


def test_check_exits_3_on_red_or_grey_only(chapter: Invoke) -> None:
    chapter("member", "quota", "Ann", "--check")
    chapter("member", "quota", "Dan", "--check")
    chapter("member", "quota", "Bob", "--check", code=3)
    chapter("member", "quota", "Cat", "--check", code=3)
    chapter("member", "quota", "--check", code=3)


def test_one_member_reads_as_a_table_with_what_moves_them_up(chapter: Invoke) -> None:
    out = chapter("member", "quota", "Bob").stdout
    assert "Bob (#2, Plumber), as of 2026-11-19: RED" in out
    assert "Traffic light: 30 of 100 points, RED" in out
    assert "0.50 (13 in 26 weeks)" in out
    assert "$999.99" in out
    data = json.loads(chapter("member", "quota", "Bob", "--json").stdout)
    needs = data["needs"]
    # One more absence costs 5 points: 25, below RED.
    assert needs[0] == "one more absence drops you to GREY (25 points)"
    assert "arriving late once more drops you to GREY (25 points)" in needs
    # A cent more closed business reaches $1,000: 5 points.
    assert (
        "$0.01 more closed business from leads you gave by 2026-11-25: +5 points, 35 (still RED)"
        in needs
    )
    # 1 more visitor: 3 in 27 weeks = 0.111 a week, 5 points.
    assert "invite one more visitor by 2026-11-25: +5 points, 35 (still RED)" in needs
    # 20 referrals in 27 weeks = 0.74 (5 points), 21 in 27 = 0.78 (10 points): 8 more.
    assert "give 8 more referrals by 2026-11-25: +5 points, 35 (still RED)" in needs


def test_a_move_that_changes_the_light_says_so(chapter: Invoke) -> None:
    data = json.loads(chapter("member", "quota", "Dan", "--json").stdout)
    # Dan has 55 (AMBER): a testimonial (1 in 6 weeks) gives 10 points and 65; CEU one more 15.
    assert "give one more testimonial by 2026-11-25: +10 points, 65 (still AMBER)" in data["needs"]
    ann = json.loads(chapter("member", "quota", "Ann", "--json").stdout)
    # 32 referrals in 27 weeks is 1.19 a week, 33 is 1.22: 7 more for 20 points.
    assert "give 7 more referrals by 2026-11-25: +5 points, 90 (still GREEN)" in ann["needs"]
    # Arriving late once is free; an absence is not, but keeps Ann GREEN: said last.
    assert ann["needs"][-1] == "one more absence costs 5 points (80, still GREEN)"
    assert not any("late" in need for need in ann["needs"])


def test_voided_activity_and_unknown_data_count_nowhere(chapter: Invoke) -> None:
    chapter("member", "ceu", "--void", "6")  # Ann's single CEU: 2 left, 10 points
    ann = json.loads(chapter("member", "quota", "Ann", "--json").stdout)
    assert components(ann)["ceus"] == (2, 10)
    assert ann["traffic"]["points"] == 80


def test_void_leads_count_nowhere(chapter: Invoke) -> None:
    chapter("lead", "void", "1", "--reason", "entered twice")  # Ann's won lead, $1,000
    ann = json.loads(chapter("member", "quota", "Ann", "--json").stdout)
    # 25 referrals in 26 weeks (0.96, 10 points) and no closed business.
    assert components(ann)["referrals"] == (0.9615, 10)
    assert components(ann)["closed_business"] == (0.0, 0)
    assert ann["traffic"]["points"] == 75


def test_networks_groups_have_no_traffic(group: Invoke) -> None:
    group("member", "attend", "Ann", "--date", "2026-11-18")
    data = json.loads(group("member", "quota", "Ann", "--json").stdout)
    assert "traffic" not in data
    group("config", "set", "standing.scheme", "traffic-lights")
    data = json.loads(group("member", "quota", "Ann", "--json").stdout)
    assert data["traffic"]["points"] == 20 and data["standing"] == "GREY"


# --------------------------------------------------------------------------- settings


def test_the_bni_preset_sets_traffic_lights(cli: Invoke) -> None:
    cli("init", "--preset", "bni")
    assert cli("config", "get", "standing.scheme").stdout.strip() == "traffic-lights"
    assert cli("config", "get", "traffic.referrals").stdout.strip() == (
        "<0.5:0, <0.75:5, <1:10, <1.2:15, else:20"
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("traffic.referrals", "<1:0, <0.75:5, else:20", "the bounds must increase"),
        ("traffic.absences", "0:15, 0:10, else:0", "the bounds must increase"),
        ("traffic.ceus", "1:5, 2:10", "is not else:POINTS"),
        ("traffic.green", "40", "traffic.green (40) must be above traffic.amber (50)"),
        ("traffic.red", "50", "must be above traffic.amber (50), and that above traffic.red (50)"),
        ("standing.scheme", "stars", "expected networks or traffic-lights"),
    ],
)
def test_bad_settings_are_refused(cli: Invoke, key: str, value: str, message: str) -> None:
    cli("init", "--preset", "bni")
    before = cli("config", "show", "--json").stdout
    assert message in one_error_line(cli("config", "set", key, value, code=2))
    assert cli("config", "show", "--json").stdout == before


def test_changed_bands_change_the_points(chapter: Invoke) -> None:
    chapter("config", "set", "traffic.referrals", "<0.4:0, else:20")
    chapter("config", "set", "traffic.green", "90")
    cat = json.loads(chapter("member", "quota", "Cat", "--json").stdout)
    assert components(cat)["referrals"] == (0.4615, 20)
    ann = json.loads(chapter("member", "quota", "Ann", "--json").stdout)
    assert ann["traffic"]["points"] == 90 and ann["traffic"]["light"] == "GREEN"


# --------------------------------------------------------------------------- the weekly report


def test_the_weekly_report_has_a_traffic_column_and_the_chapter_view(chapter: Invoke) -> None:
    data = json.loads(chapter("report", "weekly", "--format", "json").stdout)
    lights = {m["member"]["name"]: (m["traffic"]["points"], m["standing"]) for m in data["members"]}
    assert lights == {
        "Ann": (85, "GREEN"),
        "Bob": (30, "RED"),
        "Cat": (5, "GREY"),
        "Dan": (55, "AMBER"),
    }
    # Four weeks before (2026-10-22), worked out by hand: Ann 80 GREEN; Bob 35 RED; Cat 10 GREY;
    # Dan, one meeting old, absent at it, with one referral: 10 + 15 + 5 = 30 RED.
    assert data["traffic"] == {
        "as_of": "2026-11-19",
        "members": {"GREEN": 1, "AMBER": 1, "RED": 1, "GREY": 1},
        "shares": {"GREEN": 0.25, "AMBER": 0.25, "RED": 0.25, "GREY": 0.25},
        "four_weeks_ago": {
            "as_of": "2026-10-22",
            "members": {"GREEN": 1, "AMBER": 0, "RED": 2, "GREY": 1},
            "shares": {"GREEN": 0.25, "AMBER": 0.0, "RED": 0.5, "GREY": 0.25},
        },
    }
    assert "1 member RED: Bob" in data["attention"] and "1 member GREY: Cat" in data["attention"]
    chapter("report", "weekly", "--check", "--quiet", code=3)
    text = chapter("report", "weekly", "--format", "markdown").stdout
    assert "Chapter traffic lights" in text
    assert (
        "| member | category | absent | referrals/week | visitors/week | testimonials | CEUs | closed | traffic | light | next step |"
        in text
    )
    assert "| Cat | Accountant | 2 | 0.46 | 0.00 | 0 | 0 | $0.00 | 5 | GREY |" in text
    assert "| AMBER | 1 | 25% | 0 | 0% | +25 pts |" in text
    csv_text = chapter("report", "weekly", "--format", "csv").stdout
    assert csv_text.splitlines()[0].endswith(",traffic_points")
    assert csv_text.splitlines()[1].startswith("Ann,Realtor,GREEN,") and csv_text.splitlines()[
        1
    ].endswith(",85")


def test_the_html_chart_colors_each_member_by_light(chapter: Invoke, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    page = tmp_path / "weekly.html"
    chapter("report", "weekly", "--format", "html", "--output", str(page))
    html = page.read_text()
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" id="traffic-chart"')
    svg = ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])
    ns = "{http://www.w3.org/2000/svg}"
    bars = [
        (r.get("data-points"), r.get("data-light"), r.get("fill"))
        for r in svg.iter(f"{ns}rect")
        if "bar" in (r.get("class") or "")
    ]
    assert bars == [
        ("85", "GREEN", "#2da44e"),
        ("55", "AMBER", "#d4a72c"),
        ("30", "RED", "#cf222e"),
        ("5", "GREY", "#8c959f"),
    ]
    names = [t.text for t in svg.iter(f"{ns}text") if t.get("class") == "name"]
    assert names == ["Ann", "Dan", "Bob", "Cat"]
    assert 'class="tag tag-grey">GREY<' in html


def test_networks_reports_have_no_traffic(group: Invoke) -> None:
    group("member", "attend", "Ann", "--date", "2026-11-18")
    data = json.loads(group("report", "weekly", "--format", "json").stdout)
    assert "traffic" not in data and "traffic" not in data["members"][0]
    assert 'id="traffic-chart"' not in group("report", "weekly", "--format", "html").stdout
