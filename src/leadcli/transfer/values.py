"""Cells turned into stored values, through the same parsers as the commands' options."""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from dataclasses import dataclass, field

from leadcli import members, parse
from leadcli.errors import BadInput, LeadcliError
from leadcli.members import Member
from leadcli.settings import Settings
from leadcli.transfer.cells import split_list

YES = frozenset({"yes", "true", "y", "1"})
NO = frozenset({"no", "false", "n", "0"})
# The words as most files spell them, read without trimming or folding.
_TYPED = {word: True for word in YES} | {word: False for word in NO}


@dataclass(frozen=True)
class Inputs:
    """How the group reads what people type: its date order, phone region, and today."""

    now: dt.datetime
    order: str = "MDY"
    region: str = "US"

    @classmethod
    def of(cls, settings: Settings, now: dt.datetime) -> Inputs:
        return cls(now, settings.text("group.date_order"), settings.text("group.region"))

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def date(self, text: str, field: str) -> dt.date | None:
        if not text.strip():
            return None
        return _sheet_date(text, self.today, self.order, field)

    def phone(self, text: str, field: str) -> str | None:
        if not text.strip():
            return None
        return parse.phone(text, region=self.region, field=field)

    def phones(self, text: str, field: str) -> tuple[str, ...]:
        found = (self.phone(part, field) for part in split_list(text))
        return tuple(p for p in found if p)

    def email(self, text: str, field: str) -> str | None:
        if not text.strip():
            return None
        return parse.email(text, field=field)

    def text(self, text: str, field: str, *, multiline: bool = False) -> str | None:
        return parse.clean(text, field, multiline=multiline) or None

    def texts(self, text: str, field: str) -> tuple[str, ...]:
        found = (self.text(part, field) for part in split_list(text))
        return tuple(t for t in found if t)


@functools.lru_cache(maxsize=4096)
def _sheet_date(text: str, today: dt.date, order: str, field: str) -> dt.date:
    """A date cell read once: a file gives the same few meeting dates again and again."""
    return parse.sheet_date(text, today=today, order=order, field=field)


def yes_no(text: str, field: str) -> bool | None:
    """yes/no, true/false, y/n or 1/0; blank is unknown."""
    known = _TYPED.get(text)
    if known is not None:
        return known
    word = text.strip().casefold()
    if not word:
        return None
    if word in YES:
        return True
    if word in NO:
        return False
    raise BadInput(f"invalid yes/no for {field}: {text!r} (use yes, no, or leave it blank)")


def show_yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


@dataclass
class MemberNames:
    """Members by the names a file uses, each resolved once (a file names the same few often)."""

    conn: sqlite3.Connection
    _found: dict[str, Member | LeadcliError] = field(default_factory=dict)
    _full: dict[str, list[Member]] | None = None

    def resolve(self, text: str, field: str) -> Member:
        key = text.strip()
        if not key:
            raise BadInput(f"{field} is empty")
        found = self._found.get(key)
        if found is None:
            try:
                found = self._by_full_name(key) or members.resolve(self.conn, key)
            except LeadcliError as exc:
                found = exc
            self._found[key] = found
        if isinstance(found, LeadcliError):
            raise BadInput(f"{field}: {found.message}")
        return found

    def _by_full_name(self, key: str) -> Member | None:
        """The one member whose whole name this is, from the roster read once: a file names
        members in full, and a look-up by prefix reads the whole roster each time. A whole
        name wins over an id it looks like (an export names a member called "12" or "#7" so)."""
        if self._full is None:
            self._full = {}
            for member in members.all_members(self.conn):
                self._full.setdefault(member.name.casefold(), []).append(member)
        same = self._full.get(key.casefold(), [])
        return same[0] if len(same) == 1 else None
