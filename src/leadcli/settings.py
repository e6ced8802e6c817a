"""Group settings (SPEC section 6): their types, ranges, defaults and the four presets."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from leadcli import parse
from leadcli.errors import BadInput
from leadcli.record import Record

Value = str | int | float | bool


class Setting(Record):
    __slots__ = ("key", "default", "help", "convert")

    key: str
    default: Value
    help: str
    convert: Callable[[str], Value]

    def __init__(
        self, key: str, default: Value, help: str, convert: Callable[[str], Value]
    ) -> None:
        self.key = key
        self.default = default
        self.help = help
        self.convert = convert


def _text(value: str) -> str:
    return parse.clean(value, "group.name", multiline=False, required=True)


def _weekday(value: str) -> str:
    return parse.WEEKDAYS[parse.weekday(value)]


def _time(value: str) -> str:
    return parse.time_of_day(value, "group.meeting_time").strftime("%H:%M")


def _region(value: str) -> str:
    import phonenumbers

    code = value.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise BadInput(f"unknown phone region {value!r} (use a two-letter code such as US or GB)")
    return code


def _date_order(value: str) -> str:
    order = value.strip().upper()
    if order not in parse.DATE_ORDERS:
        raise BadInput(f"date order must be one of {', '.join(parse.DATE_ORDERS)}, not {value!r}")
    return order


def _timezone(value: str) -> str:
    from leadcli import clock

    name = value.strip()
    clock.zone(name)
    return name


def _number(low: float, high: float, *, integer: bool = False) -> Callable[[str], Value]:
    def convert(value: str) -> Value:
        try:
            number: float = int(value) if integer else float(value)
        except ValueError:
            kind = "a whole number" if integer else "a number"
            raise BadInput(f"expected {kind}, not {value!r}") from None
        if not low <= number <= high:
            raise BadInput(f"{value} is out of range ({low:g} to {high:g})")
        return number

    return convert


def _words(value: str) -> str:
    """A comma-separated list of words, as stored: ``owner, founder, ceo``."""
    words = [w.strip().lower() for w in value.split(",")]
    if not all(words) or any(not parse.clean(w, "words", multiline=False) for w in words):
        raise BadInput(f"expected words separated by commas, not {value!r}")
    return ", ".join(dict.fromkeys(words))


def _scheme(value: str) -> str:
    word = value.strip().lower()
    if word not in SCHEMES:
        raise BadInput(f"expected {' or '.join(SCHEMES)}, not {value!r}")
    return word


def _band(value: str) -> str:
    from leadcli.bands import parse_band

    return parse_band(value).text


SCHEMES = ("networks", "traffic-lights")
# The traffic lights' bands (SPEC 5.2); kept here so that reading settings imports nothing more.
TRAFFIC_BANDS = (
    ("traffic.absences", "0:15, 1:10, 2:5, else:0", "points by absences in the window"),
    (
        "traffic.referrals",
        "<0.5:0, <0.75:5, <1:10, <1.2:15, else:20",
        "points by referrals given a week",
    ),
    (
        "traffic.visitors",
        "<0.083:0, <0.167:5, <0.25:10, <0.5:15, else:20",
        "points by visitors invited a week",
    ),
    ("traffic.testimonials", "0:0, <0.075:5, else:10", "points by testimonials a week"),
    ("traffic.late", "1:5, else:0", "points by times late in the window"),
    ("traffic.ceus", "0:0, 1:5, 2:10, else:15", "points by CEUs (training) in the window"),
    (
        "traffic.closed_business",
        "<1000:0, <2500:5, <5000:10, else:15",
        "points by dollars closed from leads given",
    ),
)


def _boolean(value: str) -> bool:
    word = value.strip().lower()
    if word in ("true", "yes", "on", "1"):
        return True
    if word in ("false", "no", "off", "0"):
        return False
    raise BadInput(f"expected true or false, not {value!r}")


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("group.name", "Leads group", "the group's name, printed on reports", _text),
        Setting("group.meeting_day", "wednesday", "the regular meeting weekday", _weekday),
        Setting("group.meeting_time", "07:00", "when the meeting starts (24-hour HH:MM)", _time),
        Setting("group.timezone", "", "IANA time zone; empty for the system's", _timezone),
        Setting("group.region", "US", "phone region for numbers typed without +", _region),
        Setting("group.date_order", "MDY", "order of slash dates: MDY, DMY or YMD", _date_order),
        Setting("attendance.minimum", 0.75, "minimum attendance rate (0 to 1)", _number(0, 1)),
        Setting(
            "attendance.window_weeks",
            26,
            "weeks of meetings that count for standing",
            _number(1, 520, integer=True),
        ),
        Setting(
            "attendance.late_weight", 1.0, "what a late arrival counts for (0 to 1)", _number(0, 1)
        ),
        Setting("quota.leads_per_week", 2.0, "lead credits expected per meeting", _number(0, 50)),
        Setting("quota.count_updates", True, "a week with a lead update earns a credit", _boolean),
        Setting(
            "followup.hours",
            24,
            "hours after the meeting to contact a lead",
            _number(1, 720, integer=True),
        ),
        Setting(
            "followup.update_weeks",
            3,
            "weeks without an update before an open lead received is owed one",
            _number(1, 52, integer=True),
        ),
        Setting(
            "standing.new_meetings",
            4,
            "meetings on the roll before a member's standing counts (NEW until then)",
            _number(1, 52, integer=True),
        ),
        Setting(
            "rules.timely_days",
            7,
            "days from hearing to giving for a timely lead",
            _number(1, 365, integer=True),
        ),
        Setting(
            "rules.min_description_words",
            8,
            "words a description needs to be publishable",
            _number(1, 500, integer=True),
        ),
        Setting(
            "rules.complete_description_words",
            25,
            "words of a complete description",
            _number(1, 1000, integer=True),
        ),
        Setting(
            "rules.near_term_days",
            90,
            "days to the decision for a near-term lead",
            _number(1, 365, integer=True),
        ),
        Setting(
            "rules.far_days",
            180,
            "days to the decision beyond which it is the next year: capped at COLD",
            _number(1, 3650, integer=True),
        ),
        Setting(
            "rules.decision_titles",
            "owner, founder, president, ceo, principal, partner, director",
            "titles of a contact who decides (Q303), separated by commas",
            _words,
        ),
        Setting("verdict.hot", 75, "score for HOT (0 to 100)", _number(0, 100, integer=True)),
        Setting("verdict.warm", 40, "score for WARM (0 to 100)", _number(0, 100, integer=True)),
        Setting(
            "standing.scheme",
            "networks",
            "how standing is judged: networks or traffic-lights",
            _scheme,
        ),
        *(Setting(key, default, help, _band) for key, default, help in TRAFFIC_BANDS),
        Setting(
            "traffic.green", 70, "traffic-light points for GREEN", _number(0, 200, integer=True)
        ),
        Setting(
            "traffic.amber", 50, "traffic-light points for AMBER", _number(0, 200, integer=True)
        ),
        Setting(
            "traffic.red",
            30,
            "traffic-light points for RED (below: GREY)",
            _number(0, 200, integer=True),
        ),
    )
}

PRESETS: dict[str, dict[str, Value]] = {
    # NetWorks! style: the defaults above.
    "networks": {},
    # BNI: 3 absences allowed in six months, a late arrival is half an attendance,
    # one referral a week.
    "bni": {
        "attendance.minimum": 0.88,
        "attendance.late_weight": 0.5,
        "quota.leads_per_week": 1.0,
        "standing.scheme": "traffic-lights",
    },
    # LeTip: one tip a week.
    "letip": {"quota.leads_per_week": 1.0},
    # Leads Club: attendance judged over a year.
    "leadsclub": {"attendance.window_weeks": 52},
}


class Settings(Mapping[str, Value]):
    """The group's settings: stored values over the defaults."""

    def __init__(self, stored: Mapping[str, Value] | None = None) -> None:
        self._values: dict[str, Value] = {k: s.default for k, s in SETTINGS.items()}
        self._values.update(stored or {})

    def __getitem__(self, key: str) -> Value:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def text(self, key: str) -> str:
        return str(self._values[key])

    def integer(self, key: str) -> int:
        return int(self._values[key])

    def number(self, key: str) -> float:
        return float(self._values[key])

    def flag(self, key: str) -> bool:
        return bool(self._values[key])

    @property
    def meeting_weekday(self) -> int:
        return parse.WEEKDAYS.index(self.text("group.meeting_day"))

    @property
    def tz(self) -> Any:
        from leadcli import clock

        return clock.zone(self.text("group.timezone"))


def load(conn: sqlite3.Connection) -> Settings:
    rows = conn.execute("SELECT key, value FROM settings").fetchall()
    return Settings({key: json.loads(value) for key, value in rows if key in SETTINGS})


def validate(key: str, raw: str) -> Value:
    """The typed value of ``raw`` for ``key``, or a BadInput naming the key."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise BadInput(f"no setting {key!r} (see `leadcli config show`)")
    try:
        return setting.convert(raw)
    except BadInput as exc:
        raise BadInput(f"{key}: {exc.message}") from None


def check_consistent(values: Mapping[str, Value]) -> None:
    if float(values["verdict.warm"]) > float(values["verdict.hot"]):
        raise BadInput("verdict.warm must not be above verdict.hot")
    green, amber, red = (float(values[f"traffic.{w}"]) for w in ("green", "amber", "red"))
    if not green > amber > red:
        raise BadInput(
            f"traffic.green ({green:g}) must be above traffic.amber ({amber:g}), "
            f"and that above traffic.red ({red:g})"
        )
    if int(values["rules.near_term_days"]) > int(values["rules.far_days"]):
        raise BadInput("rules.near_term_days must not be above rules.far_days")
    if int(values["rules.min_description_words"]) > int(values["rules.complete_description_words"]):
        raise BadInput(
            "rules.min_description_words must not be above rules.complete_description_words"
        )


def store(conn: sqlite3.Connection, values: Mapping[str, Value]) -> None:
    """Write settings; call inside a transaction."""
    merged = dict(load(conn))
    merged.update(values)
    check_consistent(merged)
    conn.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [(key, json.dumps(value)) for key, value in values.items()],
    )


def preset(name: str) -> dict[str, Value]:
    if name not in PRESETS:
        raise BadInput(f"unknown preset {name!r} (use {', '.join(PRESETS)})")
    return dict(PRESETS[name])


def show(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
