"""The bands of a points scale, written as the specification reads them (traffic lights' settings):
``<0.5:0, <0.75:5, <1:10, <1.2:15, else:20`` ("below 0.5 a week, 0 points; below 0.75, 5 ..."),
or ``0:15, 1:10, 2:5, else:0`` ("none, 15 points; at most one, 10 ..."). A bare bound means
"at most"; ``<`` means "below". The bounds must increase; the last step is ``else``.

Settings read and check them here without loading the traffic lights themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from leadcli.errors import BadInput


@dataclass(frozen=True)
class Step:
    below: bool  # True: value < bound; False: value <= bound
    bound: float | None  # None: every other value ("else")
    points: int

    def holds(self, value: float) -> bool:
        if self.bound is None:
            return True
        return value < self.bound if self.below else value <= self.bound

    @property
    def text(self) -> str:
        if self.bound is None:
            return f"else:{self.points}"
        return f"{'<' if self.below else ''}{self.bound:g}:{self.points}"


@dataclass(frozen=True)
class Band:
    steps: tuple[Step, ...]

    def points(self, value: float) -> int:
        for step in self.steps:
            if step.holds(value):
                return step.points
        raise AssertionError("a band ends with else")

    @property
    def max_points(self) -> int:
        return max(step.points for step in self.steps)

    @property
    def text(self) -> str:
        return ", ".join(step.text for step in self.steps)


_STEP = re.compile(r"^\s*(<)?\s*(\d+(?:\.\d+)?|\.\d+)\s*:\s*(\d+)\s*$")
_ELSE = re.compile(r"^\s*else\s*:\s*(\d+)\s*$", re.IGNORECASE)
MAX_POINTS = 100


def parse_band(text: str) -> Band:
    """A band from its setting text, or BadInput saying what is wrong."""
    form = "steps such as '<0.5:0, <0.75:5, else:10' (bounds increasing, ending with else)"
    parts = [p for p in text.replace(";", ",").split(",")]
    if len(parts) < 2:
        raise BadInput(f"expected {form}, not {text!r}")
    steps: list[Step] = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        match = _ELSE.match(part) if last else _STEP.match(part)
        if match is None:
            wanted = "else:POINTS" if last else "BOUND:POINTS or <BOUND:POINTS"
            raise BadInput(f"step {part.strip()!r} is not {wanted}; expected {form}")
        if last:
            steps.append(Step(False, None, int(match.group(1))))
        else:
            steps.append(Step(bool(match.group(1)), float(match.group(2)), int(match.group(3))))
    for step in steps:
        if step.points > MAX_POINTS:
            raise BadInput(f"{step.points} points is more than {MAX_POINTS} in {text!r}")
    bounds = [s.bound for s in steps if s.bound is not None]
    for before, after in zip(bounds, bounds[1:], strict=False):
        if after <= before:
            raise BadInput(
                f"the bounds must increase, but {after:g} follows {before:g} in {text!r}"
            )
    return Band(tuple(steps))
