"""The weekly report as one self-contained HTML page: inline CSS and SVG charts, no scripts.

The page reads on a phone (tables scroll sideways inside their own box), in a mail client and on
paper. It is rendered by Jinja2 with autoescaping on, so every name, prospect and note a member
typed appears as text, never as markup. The same report renders to the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leadcli.console import literal
from leadcli.render import svg, view

TEMPLATES = Path(__file__).with_name("templates")
# Words that are colored, and the CSS class of each; any other cell gets no class.
TAGS = {
    "verdict": {"HOT": "hot", "WARM": "warm", "COLD": "cold", "INCOMPLETE": "incomplete"},
    "standing": {"GREEN": "green", "AMBER": "amber", "RED": "red", "NEW": "new", "GREY": "grey"},
}
# A text column whose longest cell passes this many characters wraps rather than widen the table.
WRAP_AT = 24


@dataclass(frozen=True)
class Column:
    name: str
    numeric: bool
    wrap: bool


@dataclass(frozen=True)
class Cell:
    text: str
    tag: str  # a CSS class from TAGS, or ""


@dataclass(frozen=True)
class Grid:
    columns: list[Column]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Chart:
    caption: str
    svg: Any  # markupsafe.Markup: built and escaped by render.svg


def render(weekly: Any, color: bool = False, width: int = 100) -> str:
    """The report as an HTML document; ``color`` and ``width`` only matter to terminal formats."""
    import jinja2
    from markupsafe import Markup

    def finalize(value: Any) -> Any:
        # Control and bidi characters are shown as escapes, as on a terminal; Markup is ours.
        if isinstance(value, str) and not isinstance(value, Markup):
            return literal(value)
        return value

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    page = view.build(weekly)
    return env.get_template("weekly.html.j2").render(
        page=page,
        sections=[
            (section, _grid(section.table) if section.table else None) for section in page.sections
        ],
        charts=_charts(weekly, Markup),
    )


def _charts(weekly: Any, markup: Any) -> list[Chart]:
    minimum = weekly.settings.number("attendance.minimum")
    scored = [s for s in weekly.standings if s.traffic is not None]
    lights = []
    if scored:
        bounds = scored[0].traffic.light_bounds
        rows = [(literal(s.member.name), s.traffic.points, s.traffic.light) for s in scored]
        lights.append(
            Chart(
                f"Traffic-light points per member, colored by light: GREEN from {bounds[0]}, "
                f"AMBER from {bounds[1]}, RED from {bounds[2]}, else GREY.",
                markup(svg.traffic_chart(rows, bounds, scored[0].traffic.max_points)),
            )
        )
    return [
        Chart(
            f"Attendance rate per meeting; the dashed line is the {minimum:.0%} minimum.",
            markup(svg.attendance_chart(weekly.attendance_trend, minimum)),
        ),
        Chart(
            "Leads given per meeting week, by verdict.",
            markup(svg.leads_chart(weekly.lead_trend)),
        ),
        *lights,
    ]


def _grid(table: view.Table) -> Grid:
    columns = []
    for i, name in enumerate(table.columns):
        numeric = name in table.numeric
        longest = max((len(row[i]) for row in table.rows), default=0)
        wrap = not numeric and name not in table.styled and longest > WRAP_AT
        columns.append(Column(name, numeric, wrap))
    rows = []
    for row in table.rows:
        cells = []
        for name, text in zip(table.columns, row, strict=True):
            tags = TAGS.get(table.styled.get(name, ""), {})
            cells.append(Cell(text, tags.get(text, "")))
        rows.append(cells)
    return Grid(columns, rows)
