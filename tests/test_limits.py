"""Ids beyond SQLite's integer range name nothing; very long text is refused in one line."""

from __future__ import annotations

import pytest

from conftest import Invoke, one_error_line

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("lead", "show", HUGE), f"no lead #{HUGE}"),
        (("lead", "history", "#" + HUGE), f"no lead #{HUGE}"),
        (("lead", "check", HUGE), f"no lead #{HUGE}"),
        (("lead", "edit", HUGE, "--company", "X"), f"no lead #{HUGE}"),
        (
            ("lead", "add", "--from", "Ann", "--type", "general-opportunity", "--parent", HUGE),
            f"no lead #{HUGE}",
        ),
        (("member", "show", "#" + HUGE), f"no member #{HUGE}"),
        (("member", "show", HUGE), f"no member #{HUGE}, nor one named"),
    ],
)
def test_huge_ids_name_nothing(group: Invoke, args: tuple[str, ...], says: str) -> None:
    assert says in one_error_line(group(*args, code=1))


@pytest.mark.parametrize(
    "args",
    [
        ("member", "add", "x" * 50_001, "--category", "Quilts"),
        ("member", "show", "x" * 50_001),
        ("lead", "list", "--from", "x" * 50_001),
        ("lead", "add", "--from", "Ann", "--type", "general-opportunity", "--notes", "y" * 10_001),
    ],
)
def test_very_long_text_is_refused(group: Invoke, args: tuple[str, ...]) -> None:
    assert "is too long" in one_error_line(group(*args, code=2))


def test_long_text_within_the_limit_is_kept(group: Invoke) -> None:
    group("member", "add", "z" * 10_000, "--category", "Quilts")
    assert "z" * 10_000 in group("member", "list", "--json").stdout
