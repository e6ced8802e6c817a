"""The rules' fast paths give what the plain ways give: word pieces, phrase finding, places
named in a text, and times to come in a description."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Hashable

from hypothesis import given, settings
from hypothesis import strategies as st

from leadcli import areas, vocabulary
from leadcli.matching import _PIECES, Hit, TermIndex, _pieces, stem, tokens
from leadcli.rules import when

PIECES = st.sampled_from(
    ["Ann", "needs", "new", "Office", "office", "wiring", "business", "cards", "card", "Cat",
     "cat", "food", "it's", "'tis'", "a''b", "rock'n'roll", "é", "Émile", "3", "$400", "x_y"]
    + list(".!?:;\n,-\t\x00\x1c'\"()")
)  # fmt: skip
SEPARATORS = st.sampled_from(["", " ", "  ", "\n", ". "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(PIECES, SEPARATORS), max_size=14))
    return "".join(p + s for p, s in parts)


@given(texts())
def test_pieces_are_the_patterns(text: str) -> None:
    assert _pieces(text) == _PIECES.findall(text)


def _find_before(index: TermIndex, text: str) -> list[Hit]:
    """Finding phrases as it was done word by word, one token at a time."""
    found = [(t.stem, t.start, t.end, t.name_like) for t in tokens(text)]
    stems = [t[0] for t in found]
    hits: list[Hit] = []
    seen: set[tuple[Hashable, str]] = set()
    for i, (first, start, _, name_like) in enumerate(found):
        for phrase_stems, owner in index._by_first.get(first, ()):
            n = len(phrase_stems)
            if n == 1:
                if name_like:
                    continue
            elif tuple(stems[i : i + n]) != phrase_stems:
                continue
            words = text[start : found[i + n - 1][2]]
            key = (owner, words.casefold())
            if key not in seen:
                seen.add(key)
                hits.append(Hit(owner, words))
    return hits


INDEX = TermIndex()
INDEX.add("printer", ["card", "business card", "business cards printed"])
INDEX.add("pets", ["cat", "cat food"])
INDEX.add("builder", ["new office", "office", "it's"])
INDEX.add("other", ["new", "rock'n'roll", "Émile"])


@settings(max_examples=400)
@given(texts())
def test_phrases_are_found_as_before(text: str) -> None:
    assert INDEX.find(text) == _find_before(INDEX, text)


def test_a_phrase_runs_over_a_sentence_mark_as_before() -> None:
    text = "Ask for new. Office space; business\ncards printed: business. cards"
    assert INDEX.find(text) == _find_before(INDEX, text)
    assert [h.words for h in INDEX.find(text)][:2] == ["new. Office", "new"]


def _region_before(address: str) -> str | None:
    """The state or province a text names, every place's names searched one by one."""
    words = " ".join(areas._WORDS.findall(address))
    for place in vocabulary.places():
        for name in place.all_names:
            if len(name) > 2 and re.search(rf"\b{re.escape(name)}\b", words, re.IGNORECASE):
                return place.code
    return None


PLACE_WORDS = st.sampled_from(
    ["new", "New", "york", "York", "NEW YORK", "Texas", "texas's", "Québec", "QUÉBEC", "Boise",
     "washington", "DC", "Washington D.C.", "Virgin", "Islands", "Prince", "Edward", "Island",
     "o'hare", "in", "the", "office", "Newfoundland", "Labrador", "33602"]
)  # fmt: skip


@given(st.lists(PLACE_WORDS, max_size=8).map(" ".join))
def test_places_in_a_text_are_found_as_before(text: str) -> None:
    # A text without commas: the name search is all that reads it beyond its last words.
    parts = text.split()
    tail = None
    for take in range(min(len(parts), 3), 0, -1):
        chunk = " ".join(parts[-take:])
        place = vocabulary.place(chunk)
        if place is not None and (take > 1 or len(chunk) > 2 or chunk.isupper()):
            tail = place.code
            break
    expected = tail if tail is not None else _region_before(text)
    if tail is None and any(c.isdigit() for c in text):
        return  # digits at the end are passed over: not what this test is about
    assert areas._region(text) == expected
    assert areas.region_of(text) == areas.locate(text).region


DESCRIPTIONS = st.sampled_from(
    ["He decides by December 12.", "ASAP", "a.s.a.p.", "In two weeks", "within 30 days",
     "next spring", "Next Fall", "by the end of the month", "Christmas", "year-end", "Q3",
     "first quarter", "12/10", "10/12/2026", "2026/12/10", "end of Jan.", "March 3rd, 2027",
     "3 March", "in early May", "a year or two from now", "two weeks from now", "Ünïcode",
     "next quarter", "tomorrow", "URGENT", "the holidays", "sometime", "Sept. 9"]
)  # fmt: skip


@given(st.lists(DESCRIPTIONS, max_size=4).map(" ".join), st.sampled_from(["MDY", "DMY", "YMD"]))
def test_times_to_come_are_read_as_before(text: str, order: str) -> None:
    day = dt.date(2026, 11, 18)
    scan, each = when._patterns(True)
    found = []
    if text and scan.search(text):
        for kind, pattern in each:
            for m in pattern.finditer(text):
                date = when._dated(kind, m, day, order)
                if date is not None and date >= day:
                    found.append(when.Said(date, " ".join(m.group().split())))
    assert when.decision_said(text, day, order) == min(found, default=None)


def test_stem_of_a_mark_is_the_mark() -> None:
    assert [stem(m) for m in ".!?:;\n"] == list(".!?:;\n")


@settings(max_examples=300)
@given(st.from_regex(r"\+1[2-9][0-9]{9}", fullmatch=True), st.sampled_from(["US", "CA", "GB"]))
def test_a_north_american_number_is_read_as_phonenumbers_reads_it(text: str, region: str) -> None:
    import phonenumbers

    from leadcli import parse

    number = phonenumbers.parse(text, region)
    if phonenumbers.is_valid_number(number):
        expected = (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), "")
    else:
        expected = (None, parse._why_invalid(number, region))
    assert parse._phone.__wrapped__(text, region) == expected


@given(st.text(st.characters(max_codepoint=0x7F), max_size=12), st.booleans())
def test_plain_text_is_refused_as_before(text: str, multiline: bool) -> None:
    from leadcli import parse
    from leadcli.errors import BadInput

    pattern = parse._REFUSED if multiline else parse._REFUSED_ONE_LINE
    refused = pattern.search(text) is not None
    try:
        parse.clean(text, "f", multiline=multiline)
    except BadInput as exc:
        assert refused and "contains" in exc.message
    else:
        assert not refused


def test_a_batch_is_judged_as_each_lead_alone() -> None:
    """Judging a batch a rule at a time gives each lead the check it gets on its own: every
    rule's example, on its own and among the others (duplicates among them too)."""
    from leadcli.rules import Context, DuplicateIndex, all_rules, batch_evaluator, evaluator
    from leadcli.rules.examples import baseline_lead, example_group
    from leadcli.settings import Settings

    leads = []
    for rule in all_rules():
        for _, example in rule.examples:
            lead = baseline_lead(example.kind, **example.overrides)
            lead.id = len(leads) + 1
            leads.append(lead)
    ctx = Context(Settings(), DuplicateIndex.build(leads), example_group())
    one, batch = evaluator(ctx), batch_evaluator(ctx)
    expected = [one(lead) for lead in leads]
    assert batch(leads) == expected
    assert batch(leads[::-1]) == expected[::-1]
    assert batch([]) == []
    assert len({c.verdict for c in expected}) == 4


@given(st.lists(st.text(max_size=20), max_size=3))
def test_a_stored_list_reads_back_as_json_reads_it(items: list[str]) -> None:
    from leadcli.lead_record import _tuple

    for text in (json.dumps(items), json.dumps(items, ensure_ascii=False)):
        assert _tuple(text) == tuple(json.loads(text))
