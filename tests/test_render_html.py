"""The HTML weekly report: one self-contained page, escaped user text, and two inline SVG charts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import Invoke, run_process

HOSTILE = "<script>alert(1)</script>"
MARKUP = "[bold]x[/]"
QUOTES = "\"&'<>"
HOSTILE_COMPANY = "Acme <img src=x onerror=alert(2)> & Sons"
WEEK = "2026-11-18"
DESCRIPTION = (
    "John Smith owns Acme Plumbing and is opening a second shop on Main Street in January; he "
    "needs the whole building re-piped, a new water heater and a maintenance contract for both "
    "shops, and asked for a quote this week."
)


def lead(giver: str, receiver: str, day: str, company: str, *, hot: bool = True) -> list[str]:
    """`lead add` arguments: a lead passing every rule, or (hot=False) one too thin to publish."""
    args = ["lead", "add", "--from", giver, "--to", receiver, "--type", "direct-referral"]
    args += ["--company", company, "--contact", "John Smith", "--date", day]
    if not hot:
        return args + ["--phone", "415-555-0142", "--description", "Needs a plumber."]
    return args + [
        "--title", "Owner", "--phone", "415-555-0142", "--email", "john@acme.example",
        "--description", DESCRIPTION, "--need", "Re-piping before January", "--heard", day,
        "--not-public", "--may-use-name", "--expecting-call", "--need-discussed",
        "--decision", "2026-12-15", "--source", "past client",
    ]  # fmt: skip


def build_group(cli: Invoke) -> None:
    """Six members (two with hostile names), four meetings and leads over two weeks.

    Attendance: 10-28 everyone (100%); 11-04 everyone on medical leave (no rate: a gap);
    11-11 three of six (50%); 11-18 three present, one absent, two medical (3 / 4 = 75%).
    """
    cli("member", "add", HOSTILE, "--category", QUOTES, "--joined", "2026-01-07")
    cli("member", "add", MARKUP, "--category", "Florist", "--joined", "2026-01-07")
    everyone = ["Ann", "Bob", "Cat", "Dan", "<scr", "[bold"]
    cli("member", "attend", *everyone, "--date", "2026-10-28")
    cli("member", "attend", *everyone, "--date", "2026-11-04", "--status", "medical")
    cli("member", "attend", "Ann", "Bob", "Cat", "--date", "2026-11-11", "--others", "absent")
    cli("member", "attend", "Ann", "Bob", "<scr", "--date", WEEK)
    cli("member", "attend", "Cat", "Dan", "--date", WEEK, "--status", "medical")
    cli("member", "attend", "[bold", "--date", WEEK, "--status", "absent")
    cli(*lead("Ann", "Bob", "2026-11-11", "Acme Plumbing Inc"))
    cli(*lead("Bob", "Cat", "2026-11-11", "Bay Roofing", hot=False))
    cli(*lead("Ann", "<scr", WEEK, HOSTILE_COMPANY))
    cli(*lead("<scr", "Ann", WEEK, "Coastal Dental"))
    cli(*lead("Cat", "[bold", WEEK, "Delta Foods", hot=False))


def weekly_html(cli: Invoke, path: Path) -> str:
    cli("report", "weekly", "--week", WEEK, "--format", "html", "--output", str(path))
    return path.read_text(encoding="utf-8")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = field(repr=False)
    children: list[Element] = field(default_factory=list, repr=False)
    text: list[str] = field(default_factory=list, repr=False)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def all_text(self) -> str:
        return "".join(self.text) + "".join(child.all_text() for child in self.children)

    def walk(self) -> list[Element]:
        found = [self]
        for child in self.children:
            found += child.walk()
        return found

    def find(self, tag: str = "", cls: str = "", **attrs: str) -> list[Element]:
        return [
            e
            for e in self.walk()[1:]
            if (not tag or e.tag == tag)
            and (not cls or cls in e.classes)
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def one(self, tag: str = "", cls: str = "", **attrs: str) -> Element:
        found = self.find(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={cls!r} {attrs}>, found {len(found)}"
        return found[0]


VOID = {"meta", "link", "br", "hr", "img", "input", "source", "wbr", "area", "base", "col"}


class Tree(HTMLParser):
    """A minimal DOM from the stdlib parser (character references decoded into text)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.text.append(data)


def parse(html: str) -> Element:
    return Tree(html).root


@pytest.fixture
def report(group: Invoke, tmp_path: Path) -> tuple[str, Element]:
    build_group(group)
    html = weekly_html(group, tmp_path / "weekly.html")
    return html, parse(html)


def test_one_self_contained_page_without_scripts(report: tuple[str, Element]) -> None:
    html, doc = report
    assert html.startswith("<!DOCTYPE html>")
    assert doc.one("html").attrs["lang"] == "en"
    assert doc.one("meta", name="viewport")
    assert not doc.find("script") and not doc.find("link") and not doc.find("img")
    assert not doc.find("iframe") and not doc.find("object") and not doc.find("embed")
    for element in doc.walk():
        assert not {"src", "href", "srcset", "background"} & element.attrs.keys(), element.tag
        assert not [a for a in element.attrs if a.startswith("on")], (element.tag, element.attrs)
        assert "javascript:" not in " ".join(element.attrs.values()).lower()
    style = " ".join(s.all_text() for s in doc.find("style"))
    assert "system-ui" in style and "@media print" in style
    assert "@import" not in html and not re.search(r"url\s*\(", html, re.I)
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", html, re.I)
    assert not re.search(r"rel\s*=\s*[\"']?stylesheet", html, re.I)


def test_every_section_of_the_report_is_there(report: tuple[str, Element], group: Invoke) -> None:
    _, doc = report
    data = json.loads(group("report", "weekly", "--week", WEEK, "--format", "json").stdout)
    assert doc.one("h1").all_text() == "Downtown Leads: weekly report"
    assert "Meeting week Wed 2026-11-18 to Tue 2026-11-24" in doc.one("p", "subtitle").all_text()
    attention = doc.one("section", "attention")
    assert [li.all_text() for li in attention.find("li")] == data["attention"]
    titles = [h.all_text() for h in doc.find("h2")]
    for title in (
        "Attendance",
        "Leads",
        "Follow-ups overdue",
        "Closed business",
        "Members",
        "Lead sources",
    ):
        assert title in titles
    for table in doc.find("table"):
        assert table.parent is not None and "table-wrap" in table.parent.classes
    members = {row.find("td")[0].all_text() for row in doc.find("tr") if row.find("td")}
    assert {"Ann Archer", "Bob Baker", HOSTILE, MARKUP} <= members


def test_verdicts_and_standings_are_colored_words(
    report: tuple[str, Element], group: Invoke
) -> None:
    _, doc = report
    data = json.loads(group("report", "weekly", "--week", WEEK, "--format", "json").stdout)
    tags = Counter(span.all_text() for span in doc.find("span", "tag"))
    for item in data["leads"]["items"]:
        assert doc.find("span", f"tag-{item['verdict'].lower()}")
    assert sum(tags[v] for v in ("HOT", "WARM", "COLD", "INCOMPLETE")) == data["leads"]["count"]
    standings = Counter(m["standing"] for m in data["members"])
    for word, n in standings.items():
        assert tags[word] == n
        assert {s.all_text() for s in doc.find("span", f"tag-{word.lower()}")} == {word}


def test_user_text_is_escaped(report: tuple[str, Element]) -> None:
    html, doc = report
    assert HOSTILE not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&amp;&#39;&lt;&gt;" in html
    texts = [e.all_text() for e in doc.find("td")]
    assert HOSTILE in texts and QUOTES in texts and MARKUP in texts
    assert any(HOSTILE_COMPANY in t for t in texts)
    assert "[bold]x[/]" in html  # shown as typed, never interpreted


def points(doc: Element) -> list[Element]:
    return doc.one("svg", id="attendance-chart").find("circle", "point")


def test_attendance_chart(report: tuple[str, Element]) -> None:
    _, doc = report
    chart = doc.one("svg", id="attendance-chart")
    assert chart.attrs["role"] == "img" and "minimum 75%" in chart.attrs["aria-label"]
    assert chart.one("title", id="attendance-chart-title").all_text().startswith("Attendance rate")
    labels = [t.all_text() for t in chart.find("text", "x-label")]
    assert labels == ["10-28", "11-04", "11-11", "11-18"]
    drawn = {p.attrs["data-date"]: float(p.attrs["data-rate"]) for p in points(doc)}
    assert drawn == {"2026-10-28": 1.0, "2026-11-11": 0.5, "2026-11-18": 0.75}
    assert len(chart.find("text", "gap")) == 1  # 11-04: everyone on medical leave, no rate
    assert [p.attrs["data-date"] for p in chart.find("circle", "below")] == ["2026-11-11"]
    # The line breaks at the gap: only 11-11 to 11-18 is joined.
    assert len(chart.find("polyline", "line")) == 1
    assert chart.one("polyline", "line").attrs["points"].count(",") == 2
    assert not chart.find(cls="no-data")


def axis(chart: Element) -> tuple[float, float]:
    """The y of the 0 line and of the top grid line of a chart."""
    lines = chart.find("line", "gridline")
    ys = {line.attrs["data-value"]: float(line.attrs["y1"]) for line in lines}
    return ys["0"], ys[max(ys, key=float)]


def test_minimum_line_sits_at_75_percent(report: tuple[str, Element]) -> None:
    _, doc = report
    chart = doc.one("svg", id="attendance-chart")
    zero, full = axis(chart)
    assert full < zero  # SVG y grows downwards
    line = chart.one("line", "minimum-line")
    assert line.attrs["stroke-dasharray"]
    assert (
        float(line.attrs["y1"])
        == float(line.attrs["y2"])
        == pytest.approx(zero + 0.75 * (full - zero))
    )
    on_minimum = chart.one("circle", data_date="2026-11-18")
    assert float(on_minimum.attrs["cy"]) == pytest.approx(float(line.attrs["y1"]))
    top = chart.one("circle", data_date="2026-10-28")
    assert float(top.attrs["cy"]) == pytest.approx(full)


def test_minimum_line_follows_the_setting(group: Invoke, tmp_path: Path) -> None:
    build_group(group)
    group("config", "set", "attendance.minimum", "0.9")
    chart = parse(weekly_html(group, tmp_path / "r.html")).one("svg", id="attendance-chart")
    zero, full = axis(chart)
    assert float(chart.one("line", "minimum-line").attrs["y1"]) == pytest.approx(
        zero + 0.9 * (full - zero)
    )
    assert len(chart.find("circle", "below")) == 2


def test_leads_chart_stacks_verdicts_per_week(report: tuple[str, Element], group: Invoke) -> None:
    _, doc = report
    given = json.loads(group("lead", "list", "--json").stdout)
    expected = Counter((item["date"], item["verdict"]) for item in given)
    chart = doc.one("svg", id="leads-chart")
    bars = chart.find("rect", "bar")
    drawn = {
        (b.attrs["data-week"], b.attrs["data-verdict"]): int(b.attrs["data-count"]) for b in bars
    }
    assert drawn == dict(expected)
    assert len(bars) == len(expected)
    assert len(chart.find("text", "x-label")) == 12
    legend = [g.attrs["data-label"] for g in chart.find("g", "legend-item")]
    assert legend == ["HOT", "WARM", "COLD", "INCOMPLETE"]
    # Stacked: within a week each bar starts where the one below it ends.
    week = [b for b in bars if b.attrs["data-week"] == WEEK]
    for lower, upper in zip(week, week[1:], strict=False):
        assert float(upper.attrs["y"]) + float(upper.attrs["height"]) == pytest.approx(
            float(lower.attrs["y"])
        )
    zero, _ = axis(chart)
    assert float(week[0].attrs["y"]) + float(week[0].attrs["height"]) == pytest.approx(zero)


def test_empty_group_draws_empty_charts(cli: Invoke, tmp_path: Path) -> None:
    cli("init", "--name", "New Group")
    doc = parse(weekly_html(cli, tmp_path / "empty.html"))
    for chart_id in ("attendance-chart", "leads-chart"):
        chart = doc.one("svg", id=chart_id)
        assert chart.one("text", "no-data").all_text() == "no data"
        assert chart.one("title", id=f"{chart_id}-title") and chart.attrs["aria-label"]
    assert not doc.find("circle", "point") and not doc.find("rect", "bar")


def test_output_is_deterministic(group: Invoke, tmp_path: Path) -> None:
    build_group(group)
    first = weekly_html(group, tmp_path / "a.html")
    assert weekly_html(group, tmp_path / "b.html") == first
    for seed in ("1", "2"):  # new processes, other hash orders
        out = tmp_path / f"seed{seed}.html"
        args = ("report", "weekly", "--week", WEEK, "--format", "html", "--output", str(out))
        done = run_process(*args, env={"PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        assert out.read_text(encoding="utf-8") == first


def test_rendering_waits_to_import_jinja() -> None:
    code = "import sys, leadcli.render.html; print('jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
