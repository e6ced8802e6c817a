"""Patterns laid out once and kept between runs (patterns.py): the same patterns as ``re``'s,
kept in the user cache directory, and any trouble with the file means compiling as ``re`` does."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Invoke, run_process
from leadcli import patterns
from leadkit import hot

# Words the rules' patterns look for, among others, so that the texts tried match them.
_WORDS = [
    "ASAP", "next", "week", "month", "in", "two", "weeks", "by", "the", "end", "of", "January",
    "Jan.", "12", "12/10", "2026", "spring", "Q1", "first", "quarter", "needs", "wants",
    "owner", "CEO", "just", "looking", "not", "May", "94110", "K1A 0B6", "Oakland,", "CA",
    "it's", "O\u2019Neil", "caf\u00e9", "$5,000", "5", "employees", "today", "\n", ".", "?",
    "\u202e", "\x1b[31m", "-", "_", "+1", "415", "Ann", "Archer", "@", "example.com",
]  # fmt: skip
_TEXTS = st.one_of(
    st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join),
    st.text(max_size=40),
)


@pytest.fixture(scope="module")
def used() -> list[tuple[str, int]]:
    """Every pattern leadcli compiles while it checks leads of every kind and reads areas."""
    from leadcli import areas, matching
    from leadcli.rules import qualification, scope, when

    for number in range(len(when._PATTERNS)):
        for caseless in (False, True):
            when._pattern(number, caseless)
    when._patterns(True)
    scope._who()
    for pattern in (scope._WHAT, scope._SIZE, scope._WHEN):
        pattern.span("Need 5 desks by May"), pattern.span("Need 5 desks by Ma\u00ff")
    qualification._denied()
    qualification._titles_pattern(("owner", "ceo"))
    areas.parse("94110"), matching.phrase("kitchen remodels")
    return sorted(patterns._compiled)


def test_layouts_are_the_patterns_re_compiles(used: list[tuple[str, int]]) -> None:
    assert len(used) > 30
    for pattern, flags in used:
        made = patterns._made(pattern, patterns._laid_out(pattern, flags))
        plain = re.compile(pattern, flags)
        assert made is not None, pattern
        assert (made.pattern, made.flags, made.groups, made.groupindex) == (
            plain.pattern,
            plain.flags,
            plain.groups,
            plain.groupindex,
        )


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXTS)
def test_laid_out_patterns_match_as_re_does(used: list[tuple[str, int]], text: str) -> None:
    for pattern, flags in used:
        made = patterns._made(pattern, patterns._laid_out(pattern, flags))
        plain = re.compile(pattern, flags)
        assert made is not None
        found = [(m.span(), m.groups()) for m in made.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in plain.finditer(text)], (pattern, text)


def _cache_file(home: Path) -> Path:
    file = patterns.path()
    assert file is not None
    return home / file.relative_to(patterns.directory().parent)


def _check_week(group_file: Path, cache: Path) -> tuple[int, str]:
    done = run_process(
        "--db", str(group_file), "lead", "check", "--week", "2026-11-18",
        env={"XDG_CACHE_HOME": str(cache)},
    )  # fmt: skip
    return done.returncode, done.stdout


@pytest.fixture
def week_file(group: Invoke, db_path: Path) -> Path:
    group(*hot())
    group(*hot(company="Bay Bakery", phone="415-555-0199", email=None, decision=None))
    return db_path


def test_a_run_keeps_its_patterns_and_the_next_reads_them(week_file: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _check_week(week_file, cache)
    kept = _cache_file(cache)
    assert kept.exists()
    layouts = patterns._load(kept)
    assert len(layouts) > 20
    written = kept.read_bytes()
    os.utime(kept, (0, 0))
    # The second run finds every pattern it needs: the file is neither written nor changed.
    assert _check_week(week_file, cache) == first
    assert kept.read_bytes() == written
    assert kept.stat().st_mtime == 0
    assert [p.name for p in kept.parent.iterdir()] == [kept.name]  # no temporary file left


def test_a_damaged_file_is_compiled_past_and_written_again(week_file: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = _check_week(week_file, tmp_path / "fresh")
    kept = _cache_file(cache)
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"\x00\x01 not a file of patterns")
    assert _check_week(week_file, cache) == expected
    assert len(patterns._load(kept)) > 20


def test_a_cache_directory_that_cannot_be_made_changes_nothing(
    week_file: Path, tmp_path: Path
) -> None:
    expected = _check_week(week_file, tmp_path / "fresh")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the directory would be")
    assert _check_week(week_file, blocked) == expected
    assert blocked.read_text() == "a file where the directory would be"


def test_an_entry_the_matcher_refuses_is_compiled_again() -> None:
    pattern = r"\b(?P<word>ke+p)\b"
    layout = patterns._laid_out(pattern, 0)
    assert layout is not None
    flags, code, groups, groupindex, indexgroup = layout
    damaged = (flags, [code[0] + 1000, *code[1:]], groups, groupindex, indexgroup)
    assert patterns._made(pattern, damaged) is None
    patterns._compiled.pop((pattern, 0), None)
    patterns._read()
    assert patterns._layouts is not None
    patterns._layouts[(pattern, 0)] = damaged
    try:
        found = patterns.compile(pattern)
        assert found.search("we keep it").group("word") == "keep"
    finally:
        patterns._layouts.pop((pattern, 0), None)
        patterns._added.pop((pattern, 0), None)
        patterns._compiled.pop((pattern, 0), None)


def test_a_bad_pattern_is_refused_as_re_refuses_it() -> None:
    with pytest.raises(re.error):
        patterns.compile(r"(unclosed")


def test_a_lazy_pattern_is_compiled_when_first_used() -> None:
    lazy = patterns.Lazy(r"^(\d+)-(\d+)$")
    assert lazy._compiled is None
    assert lazy.match("12-34").groups() == ("12", "34")
    assert lazy._compiled is not None


def test_the_cache_directory_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert patterns.directory() == tmp_path / "xdg" / "leadcli"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert patterns.directory() == tmp_path / "home" / ".cache" / "leadcli"


def test_no_home_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def nowhere() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(patterns, "directory", nowhere)
    assert patterns.path() is None
    patterns._keep()  # nothing to keep it in: no error
