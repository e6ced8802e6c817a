"""Inline SVG charts for the HTML report: plain dates and numbers in, one ``<svg>`` element out.

Every attribute value and text node passes through ``_tag``, which escapes it; the charts carry
no user text but the members' names of the traffic-light chart (escaped like everything else),
only dates, counts and rates formatted here. Colors are presentation attributes
so a chart looks right even where a mail client drops the page's stylesheet.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from html import escape

WIDTH, HEIGHT = 560, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 58, 34
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
LEGEND_Y = 22
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

INK, MUTED, GRID, WHITE = "#1f2328", "#59636e", "#d8dee4", "#ffffff"
LINE, BELOW = "#0969da", "#cf222e"
VERDICTS = ("HOT", "WARM", "COLD", "INCOMPLETE")
VERDICT_FILLS = {"HOT": "#2da44e", "WARM": "#d4a72c", "COLD": "#218bff", "INCOMPLETE": "#cf222e"}
DASH = "6 4"
LIGHTS = ("GREEN", "AMBER", "RED", "GREY")
LIGHT_FILLS = {"GREEN": "#2da44e", "AMBER": "#d4a72c", "RED": "#cf222e", "GREY": "#8c959f"}
NAME_W, ROW_H = 150, 20


def attendance_chart(trend: Sequence[tuple[dt.date, float | None]], minimum: float) -> str:
    """The attendance rate per meeting: a line with points, broken where a rate is missing."""
    rated = [(day, rate) for day, rate in trend if rate is not None]
    title = "Attendance rate"
    if trend:
        title += f" at the last {_count(len(trend), 'meeting')}"
    label = f"{title}; minimum {_percent(minimum)}"
    if rated:
        rates = [rate for _, rate in rated]
        label += f"; lowest {_percent(min(rates))}, highest {_percent(max(rates))}"
    parts = [_y_axis([(v / 100, f"{v}%", str(v)) for v in (0, 25, 50, 75, 100)])]
    y_min = _y(minimum)
    parts.append(
        _line(
            LEFT,
            y_min,
            WIDTH - RIGHT,
            y_min,
            BELOW,
            1.5,
            DASH,
            class_="minimum-line",
            data_value=f"{minimum:.4f}",
        )
    )
    parts.append(_attendance_legend(minimum))
    segments: list[list[str]] = [[]]
    marks = []
    for x, (day, rate) in zip(_columns(len(trend)), trend, strict=True):
        parts.append(_x_label(x, day))
        if rate is None:
            segments.append([])
            parts.append(_text("n/a", x, TOP + PLOT_H - 6, class_="gap"))
            continue
        y, low = _y(rate), rate < minimum
        segments[-1].append(f"{_num(x)},{_num(y)}")
        tip = _tag("title", f"{day:%Y-%m-%d}: {_percent(rate)}")
        marks.append(
            _point(
                x,
                y,
                BELOW if low else LINE,
                tip,
                class_="point below" if low else "point",
                data_date=f"{day:%Y-%m-%d}",
                data_rate=f"{rate:.4f}",
            )
        )
        marks.append(_text(_percent(rate), x, y - 10, fill=INK, class_="value"))
    for segment in segments:
        if len(segment) > 1:
            parts.append(
                _tag(
                    "polyline",
                    points=" ".join(segment),
                    class_="line",
                    fill="none",
                    stroke=LINE,
                    stroke_width=2.5,
                    stroke_linejoin="round",
                )
            )
    parts += marks
    if not rated:
        parts.append(_no_data())
    return _frame("attendance-chart", title, label, parts)


def leads_chart(trend: Sequence[tuple[dt.date, Mapping[str, int]]]) -> str:
    """Leads given per meeting week as bars stacked by verdict (HOT at the bottom)."""
    totals = [sum(counts.get(v, 0) for v in VERDICTS) for _, counts in trend]
    title = "Leads given per week by verdict"
    if trend:
        title += f", last {_count(len(trend), 'week')}"
    overall = {v: sum(counts.get(v, 0) for _, counts in trend) for v in VERDICTS}
    label = f"{title}: " + ", ".join(f"{overall[v]} {v}" for v in VERDICTS)
    top, tick = _nice_scale(max(totals, default=0))
    parts = [
        _verdict_legend(),
        _y_axis([(n / top, str(n), str(n)) for n in range(0, top + 1, tick)]),
    ]
    width = min(PLOT_W / max(len(trend), 1) * 0.62, 40)
    for x, (week, counts), total in zip(_columns(len(trend)), trend, totals, strict=True):
        parts.append(_x_label(x, week))
        base = 0
        for verdict in VERDICTS:
            count = counts.get(verdict, 0)
            if count <= 0:
                continue
            # Rounded as written, so that each bar ends exactly where the one above starts.
            low, high = round(_y(base / top), 2), round(_y((base + count) / top), 2)
            tip = _tag("title", f"week of {week:%Y-%m-%d}: {count} {verdict}")
            parts.append(
                _tag(
                    "rect",
                    tip,
                    raw=True,
                    class_=f"bar bar-{verdict.lower()}",
                    x=x - width / 2,
                    y=high,
                    width=width,
                    height=round(low - high, 2),
                    fill=VERDICT_FILLS[verdict],
                    stroke=WHITE,
                    stroke_width=1,
                    data_week=f"{week:%Y-%m-%d}",
                    data_verdict=verdict,
                    data_count=count,
                )
            )
            base += count
        if total:
            parts.append(_text(str(total), x, _y(total / top) - 6, fill=INK, class_="total"))
    if not any(totals):
        parts.append(_no_data())
    return _frame("leads-chart", title, label, parts)


def traffic_chart(
    rows: Sequence[tuple[str, int, str]], bounds: tuple[int, int, int], most: int
) -> str:
    """Each member's traffic-light points as a horizontal bar colored by their light, best first,
    with dashed lines where GREEN, AMBER and RED begin."""
    title = "Traffic lights: points per member"
    tally = {w: sum(1 for _, _, light in rows if light == w) for w in LIGHTS}
    label = f"{title}: " + ", ".join(f"{tally[w]} {w}" for w in LIGHTS)
    height = TOP + ROW_H * max(len(rows), 1) + BOTTOM
    left, width = LEFT + NAME_W, WIDTH - RIGHT - LEFT - NAME_W
    bottom = TOP + ROW_H * max(len(rows), 1)
    most = max(most, 1)

    def x_of(points: float) -> float:
        return left + width * min(points, most) / most

    keys = [
        (w, _tag("rect", x=0, y=LEGEND_Y - 11, width=13, height=13, rx=2, fill=LIGHT_FILLS[w]))
        for w in LIGHTS
    ]
    parts = [_legend(keys, key_width=13)]
    for word, bound in zip(("GREEN", "AMBER", "RED"), bounds, strict=True):
        x = x_of(bound)
        parts.append(
            _line(x, TOP - 6, x, bottom, LIGHT_FILLS[word], 1.5, DASH, class_="band-line",
                  data_light=word, data_value=bound)
        )  # fmt: skip
        parts.append(_text(str(bound), x, bottom + 16, class_="tick"))
    ordered = sorted(rows, key=lambda row: (-row[1], row[0].casefold()))
    for index, (name, points, light) in enumerate(ordered):
        y = TOP + ROW_H * index
        shown = name if len(name) <= 22 else name[:21] + "…"
        parts.append(_text(shown, left - 8, y + ROW_H - 6, fill=INK, anchor="end", class_="name"))
        tip = _tag("title", f"{name}: {points} points, {light}")
        parts.append(
            _tag(
                "rect",
                tip,
                raw=True,
                class_=f"bar bar-{light.lower()}",
                x=left,
                y=y + 3,
                width=max(x_of(points) - left, 1.0),
                height=ROW_H - 6,
                fill=LIGHT_FILLS[light],
                data_points=points,
                data_light=light,
            )
        )
        parts.append(
            _text(str(points), x_of(points) + 4, y + ROW_H - 6, fill=INK, anchor="start",
                  class_="value")
        )  # fmt: skip
    if not rows:
        parts.append(_no_data())
    axis = _line(left, bottom, WIDTH - RIGHT, bottom, MUTED, 1, class_="axis")
    return _frame("traffic-chart", title, label, [*parts, axis], height=height, axis=False)


def _frame(
    chart_id: str,
    title: str,
    label: str,
    parts: list[str],
    *,
    height: int = HEIGHT,
    axis: bool = True,
) -> str:
    head = _tag("title", title, id=f"{chart_id}-title")
    bottom = (
        [_line(LEFT, TOP + PLOT_H, WIDTH - RIGHT, TOP + PLOT_H, MUTED, 1, class_="axis")]
        if axis
        else []
    )
    body = "\n".join([head, *parts, *bottom])
    return _tag(
        "svg",
        f"\n{body}\n",
        raw=True,
        xmlns="http://www.w3.org/2000/svg",
        id=chart_id,
        class_="chart",
        viewBox=f"0 0 {WIDTH} {height}",
        width=WIDTH,
        height=height,
        role="img",
        aria_label=label,
        aria_labelledby=f"{chart_id}-title",
        font_family=FONT,
        font_size=13,
    )


def _columns(n: int) -> list[float]:
    """The x of the middle of each of ``n`` equal slots across the plot."""
    step = PLOT_W / max(n, 1)
    return [LEFT + step * (i + 0.5) for i in range(n)]


def _y(fraction: float) -> float:
    """The y of a fraction of the axis (0 at the bottom, 1 at the top)."""
    return TOP + PLOT_H - PLOT_H * fraction


def _y_axis(ticks: list[tuple[float, str, str]]) -> str:
    """Horizontal grid lines at ``(fraction of the axis, label, data-value)``."""
    lines = []
    for fraction, text, value in ticks:
        y = _y(fraction)
        lines.append(_line(LEFT, y, WIDTH - RIGHT, y, GRID, 1, class_="gridline", data_value=value))
        lines.append(_text(text, LEFT - 8, y + 4, anchor="end", class_="tick"))
    return "\n".join(lines)


def _attendance_legend(minimum: float) -> str:
    y = LEGEND_Y - 4
    return _legend(
        [
            ("rate", _line(0, y, 22, y, LINE, 2.5) + _point(11, y, LINE)),
            (f"minimum {_percent(minimum)}", _line(0, y, 22, y, BELOW, 1.5, DASH)),
            ("below the minimum", _point(11, y, BELOW)),
        ],
        key_width=22,
    )


def _verdict_legend() -> str:
    keys = [
        (v, _tag("rect", x=0, y=LEGEND_Y - 11, width=13, height=13, rx=2, fill=VERDICT_FILLS[v]))
        for v in VERDICTS
    ]
    return _legend(keys, key_width=13)


def _legend(keys: list[tuple[str, str]], *, key_width: float) -> str:
    """A row of (label, key drawn at x=0) items starting at the left edge of the plot."""
    items, x = [], float(LEFT)
    for label, key in keys:
        word = _text(label, key_width + 6, LEGEND_Y, fill=INK, anchor="start", size=13)
        items.append(
            _tag(
                "g",
                key + word,
                raw=True,
                class_="legend-item",
                data_label=label,
                transform=f"translate({_num(x)} 0)",
            )
        )
        x += key_width + 6 + 7.6 * len(label) + 20
    return _tag("g", "".join(items), raw=True, class_="legend")


def _x_label(x: float, day: dt.date) -> str:
    return _text(f"{day:%m-%d}", x, TOP + PLOT_H + 20, class_="x-label")


def _no_data() -> str:
    x, y = LEFT + PLOT_W / 2, TOP + PLOT_H / 2
    panel = _tag("rect", x=x - 60, y=y - 16, width=120, height=32, rx=4, fill=WHITE)
    return panel + _text("no data", x, y + 6, size=16, class_="no-data")


def _nice_scale(highest: int) -> tuple[int, int]:
    """A round top for the y axis at or above ``highest`` and a tick step giving at most 5 ticks."""
    if highest <= 0:
        return 4, 1
    for magnitude in (10**k for k in range(10)):
        for base in (1, 2, 5):
            step = base * magnitude
            if math.ceil(highest / step) <= 5:
                return step * math.ceil(highest / step), step
    return highest, highest


def _count(n: int, noun: str) -> str:
    return noun if n == 1 else f"{n} {noun}s"


def _percent(rate: float) -> str:
    return f"{rate:.0%}"


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text(
    content: str,
    x: float,
    y: float,
    *,
    fill: str = MUTED,
    anchor: str = "middle",
    size: int = 12,
    **attrs: object,
) -> str:
    return _tag("text", content, x=x, y=y, fill=fill, font_size=size, text_anchor=anchor, **attrs)


def _line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    stroke: str,
    width: float,
    dash: str | None = None,
    **attrs: object,
) -> str:
    if dash:
        attrs["stroke_dasharray"] = dash
    return _tag("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, stroke_width=width, **attrs)


def _point(x: float, y: float, fill: str, tip: str = "", **attrs: object) -> str:
    return _tag(
        "circle",
        tip,
        raw=True,
        cx=x,
        cy=y,
        r=4.5,
        fill=fill,
        stroke=WHITE,
        stroke_width=1.5,
        **attrs,
    )


def _tag(name: str, content: str = "", *, raw: bool = False, **attrs: object) -> str:
    """One element, every value escaped; ``class_`` is ``class``, other ``_`` become ``-``."""
    rendered = []
    for key, value in attrs.items():
        attr = "class" if key == "class_" else key.replace("_", "-")
        text = _num(value) if isinstance(value, float) else str(value)
        rendered.append(f' {attr}="{escape(text, quote=True)}"')
    inner = content if raw else escape(content, quote=False)
    if not inner:
        return f"<{name}{''.join(rendered)}/>"
    return f"<{name}{''.join(rendered)}>{inner}</{name}>"
