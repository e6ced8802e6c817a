"""The current moment in the group's time zone.

``LEADCLI_NOW`` (an ISO 8601 date-time) pins "now" for reproducible runs and tests;
``group.timezone`` (an IANA name, empty for the system's zone) sets the zone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator

from leadcli.errors import BadInput


def zone(name: str = "") -> dt.tzinfo:
    """The tzinfo for an IANA zone name, or the system's local zone when empty."""
    if not name:
        local = dt.datetime.now().astimezone().tzinfo
        assert local is not None
        return local
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise BadInput(f"unknown time zone {name!r}") from exc


# A moment the process has set as now (a history written as it happened: the demo).
_set: dt.datetime | None = None


@contextlib.contextmanager
def set_to(moment: dt.datetime) -> Iterator[None]:
    """Inside, now is ``moment`` (aware): what is recorded there is recorded then."""
    global _set
    before, _set = _set, moment
    try:
        yield
    finally:
        _set = before


def now(tz: dt.tzinfo | None = None) -> dt.datetime:
    """The current moment, aware, in ``tz`` (the system zone when None)."""
    if _set is not None:
        return _set.astimezone(tz) if tz else _set
    pinned = os.environ.get("LEADCLI_NOW")
    if pinned:
        try:
            moment = dt.datetime.fromisoformat(pinned)
        except ValueError as exc:
            raise BadInput(f"LEADCLI_NOW is not an ISO 8601 date-time: {pinned!r}") from exc
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz or zone())
        return moment.astimezone(tz) if tz else moment
    return dt.datetime.now(tz or zone())


def today(tz: dt.tzinfo | None = None) -> dt.date:
    return now(tz).date()


def stamp(moment: dt.datetime) -> str:
    """A moment as stored: ISO 8601 with offset, to the second."""
    return moment.replace(microsecond=0).isoformat()


def regular_day(settings_weekday: int, today: dt.date) -> dt.date:
    """The most recent regular meeting day (weekday ``settings_weekday``), today included."""
    return today - dt.timedelta(days=(today.weekday() - settings_weekday) % 7)


def meeting_week(settings_weekday: int, day: dt.date) -> tuple[dt.date, dt.date]:
    """The meeting week containing ``day``: seven days from a regular meeting day."""
    start = regular_day(settings_weekday, day)
    return start, start + dt.timedelta(days=6)
