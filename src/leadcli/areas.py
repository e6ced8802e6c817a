"""The areas a member serves, and whether an address lies in them (Q302).

An area is a state or province (``Idaho``, ``ID``, ``Ontario``), a city (``Boise``, or
``Boise, ID``), or a postal-code prefix (ZIP digits ``837``; a Canadian prefix ``V6B``).
An address is read as a person reads one: its postal code, its state or province (by name,
or by code after a comma: ``Tampa, FL 33602``) and the city before it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from leadcli import patterns, vocabulary
from leadcli.errors import BadInput
from leadcli.record import Record

_ZIP_PREFIX = patterns.compile(r"^\d{1,5}$")
_CA_PREFIX = patterns.compile(r"^[A-Z]\d(?:[A-Z](?:\d(?:[A-Z]\d?)?)?)?$")
_NAME = patterns.compile(r"^[^\W\d_]+(?:[ .'\u2019-]+[^\W\d_]+)*\.?$")
_ZIP = patterns.compile(r"\b(\d{5})(?:-\d{4})?\b")
_CA_POSTAL = patterns.compile(r"\b([A-Z]\d[A-Z]) ?(\d[A-Z]\d)\b", re.IGNORECASE)
_WORDS = patterns.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


class Area(Record):
    """One area served: a region (state or province), a city (maybe in a region) or a prefix."""

    __slots__ = ("text", "kind", "region", "city", "prefix")

    text: str
    kind: str  # "region", "city" or "postal"
    region: str | None  # the state or province code
    city: str | None  # lower-case words
    prefix: str | None  # upper case, no spaces

    def __init__(
        self,
        text: str,
        kind: str,
        region: str | None = None,
        city: str | None = None,
        prefix: str | None = None,
    ) -> None:
        self.text = text
        self.kind = kind
        self.region = region
        self.city = city
        self.prefix = prefix


# Remembered: the members' profiles parse every member's areas on each check, and a group's
# members serve a handful of areas between them.
@lru_cache(maxsize=1024)
def parse(text: str, field: str = "--area") -> Area:
    """An area as typed; anything that is neither a place name nor a postal-code prefix is refused."""
    value = " ".join(text.split())
    if not value:
        raise BadInput(f"{field} must not be empty")
    compact = value.replace(" ", "").upper()
    if _ZIP_PREFIX.match(value):
        return Area(value, "postal", prefix=value)
    if _CA_PREFIX.match(compact) and any(c.isdigit() for c in compact):
        return Area(value, "postal", prefix=compact)
    place = vocabulary.place(value)
    if place is not None:
        return Area(value, "region", region=place.code)
    city, _, state = value.rpartition(",")
    if city:
        place = vocabulary.place(state)
        if place is None:
            raise BadInput(
                f"{field} {text!r}: {state.strip()!r} is not a US state or Canadian province"
            )
        if not _NAME.match(city.strip()):
            raise BadInput(f"{field} {text!r}: {city.strip()!r} is not a city name")
        return Area(value, "city", region=place.code, city=_words(city))
    if _NAME.match(value) and len(value) >= 2:
        return Area(value, "city", city=_words(value))
    raise BadInput(
        f"{field} {text!r} is neither a place name (a city, state or province) nor a postal-code "
        "prefix (such as 837 or V6B)"
    )


def _words(text: str) -> str:
    return " ".join(w.casefold() for w in _WORDS.findall(text))


class Location(Record):
    """What an address says of where it is."""

    __slots__ = ("words", "region", "postal")

    words: str  # lower-case words, space-separated, padded with spaces
    region: str | None
    postal: str | None  # upper case, no spaces

    def __init__(self, words: str, region: str | None, postal: str | None) -> None:
        self.words = words
        self.region = region
        self.postal = postal

    @property
    def known(self) -> bool:
        return self.region is not None or self.postal is not None


@lru_cache(maxsize=4096)
def locate(address: str) -> Location:
    """The region and postal code an address names, as far as it names them."""
    postal = _postal(address)
    region = _region(address)
    if region is None and postal is not None and postal[0].isalpha():
        region = _CANADIAN_FIRST_LETTER.get(postal[0])
    return Location(f" {_words(address)} ", region, postal)


@lru_cache(maxsize=4096)
def region_of(text: str) -> str | None:
    """The state or province a text names: ``locate(text).region``, without the rest."""
    region = _region(text)
    if region is None:
        postal = _postal(text)
        if postal is not None and postal[0].isalpha():
            region = _CANADIAN_FIRST_LETTER.get(postal[0])
    return region


def _postal(address: str) -> str | None:
    """The postal code an address names (upper case, no spaces), or None."""
    found = _CA_POSTAL.search(address)
    if found:
        return (found.group(1) + found.group(2)).upper()
    zips = _ZIP.findall(address)
    if zips and ("," in address or len(zips) == 1 and not address.strip().startswith(zips[0])):
        return zips[-1]
    return None


# The first letter of a Canadian postal code names its province (or a part of one).
_CANADIAN_FIRST_LETTER = {
    "A": "NL", "B": "NS", "C": "PE", "E": "NB", "G": "QC", "H": "QC", "J": "QC",
    "K": "ON", "L": "ON", "M": "ON", "N": "ON", "P": "ON", "R": "MB", "S": "SK",
    "T": "AB", "V": "BC", "X": "NT", "Y": "YT",
}  # fmt: skip


def _region(address: str) -> str | None:
    """The state or province an address names: a full name anywhere, or a code after a comma."""
    if address.isascii() and _names_none(address):
        return None
    # The words of each part between commas (no word holds a comma: together, the address's).
    parts = [_WORDS.findall(part) for part in address.split(",")]
    for part in reversed(parts[1:] or parts):
        # "FL 33602", "Florida", "Ontario M5V 2T6": the place, then maybe a postal code.
        words = list(part)
        while words and (any(c.isdigit() for c in words[-1]) or len(words[-1]) > 30):
            words.pop()
        for take in range(min(len(words), 3), 0, -1):
            chunk = " ".join(words[-take:])
            # Words of ASCII letters and digits are looked up as they are, in lower case.
            if chunk.isascii() and "'" not in chunk:
                place = vocabulary.place_named(chunk.lower())
            else:
                place = vocabulary.place(chunk)
            if place is not None and (take > 1 or len(chunk) > 2 or chunk.isupper()):
                return place.code
    words = " ".join(word for part in parts for word in part)
    # A name is found only where its first word is a word of the text: plain ASCII text is
    # looked up by its words first, and searched only for the names that may be in it.
    runs = set(_RUN.findall(words.lower())) if words.isascii() else None
    for code, name, first in _place_names():
        if (runs is None or first is None or first in runs) and _name_pattern(name).search(words):
            return code
    return None


_RUN = patterns.compile(r"\w+")
_ALNUM = patterns.compile(r"[A-Za-z0-9]+")


def _names_none(text: str) -> bool:
    """Whether plain ASCII text surely names no state or province: a name is read only when
    all its words are in the text, so when the longest of them is not, it is not read; a
    code counts only in capitals ("in", "or" and "me" are never read as one)."""
    anchors, codes = _place_anchors()
    # The runs of letters and digits (``_ALNUM``), cut by a byte table and a split: the text
    # is ASCII, so its bytes are its characters.
    cut = text.encode("ascii").translate(_ALNUM_BYTES)
    return codes.isdisjoint(cut.split()) and anchors.isdisjoint(cut.lower().split())


# ASCII letters and digits kept, any other byte a space.
_ALNUM_BYTES = bytes(c if c < 128 and chr(c).isalnum() else 32 for c in range(256))


@lru_cache(maxsize=1)
def _place_anchors() -> tuple[frozenset[bytes], frozenset[bytes]]:
    """The longest word (lower case) of every name of every place, and every code in capitals,
    as ASCII bytes."""
    anchors = set()
    for place in vocabulary.places():
        for name in place.all_names:
            words = _ALNUM.findall(name.lower())
            if words:
                anchors.add(max(words, key=len).encode("ascii"))
    codes = frozenset(p.code.upper().encode("ascii") for p in vocabulary.places())
    return frozenset(anchors), codes


@lru_cache(maxsize=1)
def _place_names() -> tuple[tuple[str, str, str | None], ...]:
    """Every name (over two letters) of every place, in order: its code, the name, and its
    first word in lower case (None when a plain ASCII text cannot be told by it)."""
    found = []
    for place in vocabulary.places():
        for name in place.all_names:
            if len(name) > 2:
                head = re.match(r"\w+", name)
                first = head.group().lower() if head and name.isascii() else None
                found.append((place.code, name, first))
    return tuple(found)


@lru_cache(maxsize=256)
def _name_pattern(name: str) -> re.Pattern[str]:
    """A place's name as a whole word, without case (compiled when first needed)."""
    return re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)


def judge(address: str, areas: tuple[Area, ...]) -> tuple[str, Area | None]:
    """``in`` (with the area it lies in), ``out`` (outside every area) or ``unknown``."""
    where = locate(address)
    verdicts = [(_judge_one(where, area), area) for area in areas]
    for verdict, area in verdicts:
        if verdict == "in":
            return "in", area
    if verdicts and all(v == "out" for v, _ in verdicts):
        return "out", None
    return "unknown", None


def _judge_one(where: Location, area: Area) -> str:
    if area.kind == "postal":
        assert area.prefix is not None
        if where.postal is None:
            return "unknown" if where.region is None else _postal_region(area, where)
        return "in" if where.postal.startswith(area.prefix) else "out"
    if area.kind == "region":
        if where.region is None:
            return "unknown"
        return "in" if where.region == area.region else "out"
    # A city: named in the address (in the same region, if both are known).
    named = f" {area.city} " in where.words
    if area.region and where.region and area.region != where.region:
        return "out"
    if named:
        return "in"
    return "out" if where.known else "unknown"


def _postal_region(area: Area, where: Location) -> str:
    """A Canadian prefix names its province by its first letter; a ZIP prefix says nothing."""
    assert area.prefix is not None
    province = _CANADIAN_FIRST_LETTER.get(area.prefix[0]) if area.prefix[0].isalpha() else None
    if province is not None and where.region is not None and province != where.region:
        return "out"
    return "unknown"
