"""The vocabularies that ship with leadcli: business categories with their words and contact
spheres (data/categories.toml), and the US states and Canadian provinces (data/places.toml).
Each file is read through its JSON twin beside it (data/categories.json, data/places.json),
the same data, which loads in a fraction of the time; a test keeps the twins in step.

Loaded once, on first use. Matching text against them is the job of the rules that read them;
this module only reads the files and answers plain look-ups.
"""

from __future__ import annotations

import functools
from pathlib import Path

from leadcli import patterns
from leadcli.record import Record


class Category(Record):
    """A known business category: its name, other names for it, its sphere and its words."""

    __slots__ = ("name", "names", "sphere", "words")

    name: str
    names: tuple[str, ...]
    sphere: str | None
    words: tuple[str, ...]

    def __init__(
        self, name: str, names: tuple[str, ...], sphere: str | None, words: tuple[str, ...]
    ) -> None:
        self.name = name
        self.names = names
        self.sphere = sphere
        self.words = words

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.names)


class Place(Record):
    """A state or province: its postal code, name, other spellings and country (US or CA)."""

    __slots__ = ("code", "name", "country", "also")

    code: str
    name: str
    country: str
    also: tuple[str, ...]

    def __init__(self, code: str, name: str, country: str, also: tuple[str, ...] = ()) -> None:
        self.code = code
        self.name = name
        self.country = country
        self.also = also

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.also)


def _load(name: str) -> dict[str, list[dict[str, object]]]:
    """The data of ``name`` (a TOML file of the package's data), read from its JSON twin."""
    import json

    with open(data_file(name).with_suffix(".json"), encoding="utf-8") as handle:
        return json.load(handle)


def data_file(name: str) -> Path:
    """A file of the package's data. The files ship inside the package, beside this module
    (read without importlib.resources, which costs a command more to import than the files
    take to read)."""
    return Path(__file__).with_name("data") / name


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


@functools.cache
def categories() -> tuple[Category, ...]:
    """Every known category, in the file's order."""
    return tuple(
        Category(
            name=str(entry["name"]),
            names=_strings(entry.get("names")),
            sphere=str(entry["sphere"]) if entry.get("sphere") else None,
            words=_strings(entry.get("words")),
        )
        for entry in _load("categories.toml")["category"]
    )


@functools.cache
def places() -> tuple[Place, ...]:
    """Every known state and province."""
    return tuple(
        Place(
            code=str(entry["code"]),
            name=str(entry["name"]),
            country=str(entry["country"]),
            also=_strings(entry.get("also")),
        )
        for entry in _load("places.toml")["place"]
    )


_WORD = patterns.compile(r"[a-z0-9&]+")


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


@functools.cache
def _aliases() -> tuple[tuple[str, Category], ...]:
    """Every name of every known category, in its words, with the category (file order)."""
    return tuple(
        (key, category)
        for category in categories()
        for alias in category.all_names
        if (key := _words(alias))
    )


@functools.lru_cache(maxsize=1024)
def category_for(name: str) -> Category | None:
    """The known category a group's category name is (its name or one of its other names within
    the group's wording, as whole words: "Estate lawyer" is an attorney); None when unknown.
    The longest matching name wins, so "home inspector" is not taken for "insurance"."""
    words = _words(name).split(" ")
    aliases = _alias_index()
    best: tuple[int, int, Category] | None = None  # length, -order, category
    # Each run of the name's words that is a known name (names are a few words long).
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            run = " ".join(words[start:end])
            found = aliases.get(run)
            if found is not None and (best is None or (len(run), -found[0]) > best[:2]):
                best = (len(run), -found[0], found[1])
    return best[2] if best else None


@functools.cache
def _alias_index() -> dict[str, tuple[int, Category]]:
    """Each name (in its words) with its first place in ``_aliases`` and its category."""
    index: dict[str, tuple[int, Category]] = {}
    for order, (key, category) in enumerate(_aliases()):
        index.setdefault(key, (order, category))
    return index


def sphere_of(name: str) -> str | None:
    """The default contact sphere of a group's category name, or None."""
    found = category_for(name)
    return found.sphere if found else None


@functools.cache
def _place_index() -> dict[str, Place]:
    index: dict[str, Place] = {}
    for place in places():
        index[place.code.lower()] = place
        for spelling in place.all_names:
            index[_words(spelling)] = place
    return index


def place_named(words: str) -> Place | None:
    """The state or province named by ``words`` already as ``place`` reads them: lower case
    letters and digits, one space between words."""
    return _place_index().get(words)


def place(text: str) -> Place | None:
    """The state or province named by ``text`` (a code such as "ID" or a name), or None."""
    return _place_index().get(_words(text))
