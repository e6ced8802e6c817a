"""The group as the qualification rules see it: each member's profile, and who offers what.

Built once per check from the members (by ``checking``, or by hand in tests): the rules never
query the database. What a member offers is their ``--offers``, else the words of their
category in the shipped vocabulary (and the category's own name). Every category of the
vocabulary is indexed too, so that a lead naming a category nobody holds is recognised.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import Any

from leadcli import areas, vocabulary
from leadcli.matching import Hit, TermIndex
from leadcli.record import Record


class Profile(Record):
    """One member's profile: what they offer, where, and the smallest job worth taking."""

    __slots__ = ("id", "name", "category", "offers", "areas", "minimum_cents", "active", "known")

    id: int
    name: str
    category: str
    offers: tuple[str, ...]
    areas: tuple[areas.Area, ...]
    minimum_cents: int | None
    active: bool
    known: vocabulary.Category | None  # their category in the vocabulary

    def __init__(
        self,
        id: int,
        name: str,
        category: str,
        offers: tuple[str, ...] = (),
        areas: tuple[areas.Area, ...] = (),
        minimum_cents: int | None = None,
        active: bool = True,
        known: vocabulary.Category | None = None,
    ) -> None:
        self.id = id
        self.name = name
        self.category = category
        self.offers = offers
        self.areas = areas
        self.minimum_cents = minimum_cents
        self.active = active
        self.known = known

    @property
    def terms(self) -> tuple[str, ...]:
        """What a lead may name to be for them."""
        if self.offers:
            return self.offers
        words = (*self.known.all_names, *self.known.words) if self.known else ()
        return (self.category, *words)

    @property
    def knows_offers(self) -> bool:
        """Whether what they offer is known: listed, or their category is in the vocabulary."""
        return bool(self.offers) or self.known is not None


class GroupProfile(Record):
    """Every member's profile, the holders of the known categories, and an index of terms."""

    __slots__ = ("profiles", "holders", "index")

    profiles: dict[int, Profile]
    holders: dict[str, Profile]  # vocabulary name -> active holder
    index: TermIndex

    def __init__(
        self,
        profiles: dict[int, Profile] | None = None,
        holders: dict[str, Profile] | None = None,
        index: TermIndex | None = None,
    ) -> None:
        self.profiles = {} if profiles is None else profiles
        self.holders = {} if holders is None else holders
        self.index = TermIndex() if index is None else index

    __hash__ = None  # type: ignore[assignment]  # built up as members are read

    @classmethod
    def build(cls, members: Iterable[Any]) -> GroupProfile:
        """From members (``members.Member`` or alike: id, name, category, offers, areas...)."""
        group = cls()
        for member in members:
            profile = Profile(
                id=member.id,
                name=member.name,
                category=member.category,
                offers=tuple(member.offers),
                areas=tuple(areas.parse(a) for a in member.areas),
                minimum_cents=member.minimum_cents,
                active=member.active,
                known=vocabulary.category_for(member.category),
            )
            group.profiles[profile.id] = profile
            if profile.active:
                group.index.add(("member", profile.id), profile.terms)
                if profile.known is not None:
                    group.holders.setdefault(profile.known.name, profile)
        group.index.extend(_categories_index())
        return group

    def find(self, text: str) -> list[Hit]:
        return self.index.find(text)


@functools.cache
def _categories_index() -> TermIndex:
    """The terms of every known category, indexed once: read already stemmed from
    ``data/category_terms.json``, which is ``index_categories()`` written out (a test keeps
    the two equal): stemming every category's words at each start takes twice as long."""
    with open(vocabulary.data_file("category_terms.json"), encoding="utf-8") as handle:
        found = json.load(handle)
    return TermIndex(
        {
            first: [(tuple(stems), ("category", name)) for stems, name in entries]
            for first, entries in found
        }
    )


def index_categories() -> TermIndex:
    """The terms of every known category (its names and words), stemmed and indexed."""
    index = TermIndex()
    for category in vocabulary.categories():
        index.add(("category", category.name), (*category.all_names, *category.words))
    return index


def category_terms_data(index: TermIndex) -> list[Any]:
    """``index`` as ``data/category_terms.json`` holds it: each first stem with its phrases
    (stems and category), in order."""
    return [
        [first, [[list(stems), owner[1]] for stems, owner in entries]]  # type: ignore[index]
        for first, entries in index._by_first.items()
    ]
