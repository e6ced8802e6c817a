"""The HTML report in a real browser: headless Chromium keeps the charts in the DOM and paints them.

Skips when no Chromium is installed (CI installs one with .ci/install-chromium).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest

from conftest import Invoke
from test_render_html import build_group, parse, weekly_html

pytestmark = pytest.mark.browser

TIMEOUT = 60
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium")
# Fills the charts are drawn with (render/svg.py): a HOT bar and the attendance line.
HOT_GREEN = (0x2D, 0xA4, 0x4E)
LINE_BLUE = (0x09, 0x69, 0xDA)


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture
def chromium() -> str:
    found = find_chromium()
    if found is None:
        pytest.skip(
            "no Chromium (chromium, chromium-browser, google-chrome); see .ci/install-chromium"
        )
    return found


@pytest.fixture
def report_file(group: Invoke, tmp_path: Path) -> Path:
    build_group(group)
    path = tmp_path / "weekly.html"
    weekly_html(group, path)
    return path


def headless(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}", *args,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)


def test_charts_survive_in_the_dom(chromium: str, report_file: Path, tmp_path: Path) -> None:
    done = headless(chromium, tmp_path / "profile", "--dump-dom", report_file.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = parse(done.stdout)
    source = parse(report_file.read_text(encoding="utf-8"))
    for chart_id, shape, cls in (
        ("attendance-chart", "circle", "point"),
        ("leads-chart", "rect", "bar"),
    ):
        drawn = dom.one("svg", id=chart_id).find(shape, cls)
        assert drawn, f"no {shape}.{cls} in #{chart_id} after loading"
        assert len(drawn) == len(source.one("svg", id=chart_id).find(shape, cls))
    assert dom.one("svg", id="attendance-chart").one("line", "minimum-line")
    assert not dom.find("script")


def test_screenshot_paints_the_charts(chromium: str, report_file: Path, tmp_path: Path) -> None:
    shot = tmp_path / "weekly.png"
    done = headless(
        chromium,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1200,2200",
        report_file.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 20_000
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == (1200, 2200)
    green = near(pixels, width, HOT_GREEN)
    blue = near(pixels, width, LINE_BLUE)
    assert len(green) > 100, "no HOT bar was painted"
    assert len(blue) > 20, "the attendance line was not painted"
    # The chart band (from the top of the line chart to the bottom of the bars) is a picture,
    # not a blank: many colors, and neither the page background nor one fill dominates.
    top = min(y for _, y in blue + green)
    bottom = max(y for _, y in blue + green)
    band = [pixels[y][x] for y in range(top, bottom + 1, 2) for x in range(0, width, 2)]
    counts = Counter(band)
    assert len(counts) > 50
    assert counts.most_common(1)[0][1] < 0.9 * len(band)


def near(
    pixels: list[list[tuple[int, int, int]]], width: int, color: tuple[int, int, int]
) -> list[tuple[int, int]]:
    """Where a pixel within a small tolerance of ``color`` is (sampled every other pixel)."""
    found = []
    for y in range(0, len(pixels), 2):
        row = pixels[y]
        for x in range(0, width, 2):
            if all(abs(a - b) <= 6 for a, b in zip(row[x], color, strict=True)):
                found.append((x, y))
    return found


def read_png(data: bytes) -> tuple[int, int, list[list[tuple[int, int, int]]]]:
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG into rows of (r, g, b) pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color_type in (2, 6) and interlace == 0, (
                depth,
                color_type,
                interlace,
            )
            channels = 3 if color_type == 2 else 4
        elif kind == b"IDAT":
            chunks += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(chunks)
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        line = unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels
        )
        rows.append([tuple(line[x : x + 3]) for x in range(0, stride, channels)])
        previous = line
    return width, height, rows  # type: ignore[return-value]


def unfilter(kind: int, line: bytearray, above: bytearray, bpp: int) -> bytearray:
    """Undo one scanline's PNG filter (None, Sub, Up, Average, Paeth)."""
    if kind == 0:
        return line
    if kind == 2:
        return bytearray((a + b) & 0xFF for a, b in zip(line, above, strict=True))
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = above[i]
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            corner = above[i - bpp] if i >= bpp else 0
            guess = left + up - corner
            da, db, dc = abs(guess - left), abs(guess - up), abs(guess - corner)
            pick = left if da <= db and da <= dc else up if db <= dc else corner
            line[i] = (line[i] + pick) & 0xFF
        else:
            raise AssertionError(f"bad PNG filter {kind}")
    return line


def test_png_reader_round_trip() -> None:
    """The decoder itself, on a tiny image written with every filter type."""
    pixels = [[(x * 40, y * 60, (x + y) * 20) for x in range(5)] for y in range(5)]
    rows = b""
    for y, row in enumerate(pixels):
        flat = bytes(v for p in row for v in p)
        above = bytes(v for p in pixels[y - 1] for v in p) if y else bytes(len(flat))
        kind = y % 5
        rows += bytes([kind]) + filtered(kind, flat, above, 3)
    header = struct.pack(">IIBBBBB", 5, 5, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    assert read_png(png) == (5, 5, pixels)


def filtered(kind: int, line: bytes, above: bytes, bpp: int) -> bytes:
    out = bytearray()
    for i, value in enumerate(line):
        left = line[i - bpp] if i >= bpp else 0
        corner = above[i - bpp] if i >= bpp else 0
        guess = left + above[i] - corner
        da, db, dc = abs(guess - left), abs(guess - above[i]), abs(guess - corner)
        paeth = left if da <= db and da <= dc else above[i] if db <= dc else corner
        predictor = [0, left, above[i], (left + above[i]) // 2, paeth][kind]
        out.append((value - predictor) & 0xFF)
    return bytes(out)


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
