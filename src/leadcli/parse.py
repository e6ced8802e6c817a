"""Every value a user types passes through here: dates, moments, phones, emails, text, money.

Heavy libraries (dateutil, phonenumbers, email_validator) are imported inside the function
that needs them, so a command that parses no such value never pays for them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from leadcli.errors import BadInput
from leadcli.patterns import Lazy

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DATE_ORDERS = ("MDY", "DMY", "YMD")

_ISO_DATE = Lazy(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_SLASH_DATE = Lazy(r"^(\d{1,4})/(\d{1,2})/(\d{1,4})$", re.ASCII)
_TIME = Lazy(r"^([01]?\d|2[0-3]):([0-5]\d)$", re.ASCII)
_ISO_MOMENT = Lazy(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$", re.ASCII
)
# Bidirectional overrides, isolates and marks: they make text read differently than it is stored.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def date_forms(order: str = "MDY") -> str:
    slash = {"MDY": "M/D/YYYY", "DMY": "D/M/YYYY", "YMD": "YYYY/M/D"}[order]
    return f"YYYY-MM-DD, today, yesterday, a weekday name (mon..sun) or {slash}"


def weekday(text: str) -> int:
    """Monday=0 for a weekday name or its three-letter form."""
    word = text.strip().lower()
    for index, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            return index
    raise BadInput(f"not a weekday: {text!r} (use monday..sunday or mon..sun)")


YEARS = (1900, 2999)  # dates beyond are typing slips, and the calendar arithmetic ends near them


def _in_range(day: dt.date, text: str, field: str) -> dt.date:
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise BadInput(f"date out of range for {field}: {text!r} (years {YEARS[0]} to {YEARS[1]})")
    return day


def date(text: str, *, today: dt.date, order: str = "MDY", field: str = "date") -> dt.date:
    """A calendar date in one of the accepted forms, ASCII digits only; anything else is refused."""
    return _in_range(_date(text, today=today, order=order, field=field), text, field)


def _date(text: str, *, today: dt.date, order: str, field: str) -> dt.date:
    value = text.strip()
    lowered = value.lower()
    try:
        if match := _ISO_DATE.match(value):
            return dt.date(*map(int, match.groups()))
        if lowered == "today":
            return today
        if lowered == "yesterday":
            return today - dt.timedelta(days=1)
        if lowered in WEEKDAYS or lowered in {w[:3] for w in WEEKDAYS}:
            return _most_recent(today, weekday(lowered))
        if match := _SLASH_DATE.match(value):
            return _slash_date(match.groups(), order)
    except ValueError:
        raise BadInput(f"impossible date for {field}: {text!r}") from None
    raise BadInput(f"invalid date for {field}: {text!r} (use {date_forms(order)})")


# What spreadsheets write for a date cell besides the forms above; a month named is never ambiguous.
_SHEET_FORMS = (
    "%d-%b-%Y",  # 18-Nov-2026
    "%d-%b-%y",  # 18-Nov-26
    "%d %b %Y",  # 18 Nov 2026
    "%d %B %Y",  # 18 November 2026
    "%b %d %Y",  # Nov 18 2026
    "%b %d, %Y",  # Nov 18, 2026
    "%B %d %Y",  # November 18 2026
    "%B %d, %Y",  # November 18, 2026
)
_SHEET_WEEKDAY = Lazy(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?=\S)", re.IGNORECASE)
_SHEET_MIDNIGHT = Lazy(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?$")


def sheet_date(text: str, *, today: dt.date, order: str = "MDY", field: str = "date") -> dt.date:
    """A date as a spreadsheet writes it: an accepted form (see ``date``), or one with the month
    named (``18-Nov-2026``, ``Nov 18, 2026``), perhaps after a weekday (``Wed 11/18/2026``), or
    an ISO date at midnight (``2026-11-18 00:00:00``). Nothing else: never fuzzy."""
    value = text.strip()
    if match := _SHEET_MIDNIGHT.match(value):
        value = match.group(1)
    rest = _SHEET_WEEKDAY.sub("", value)
    try:
        return date(rest, today=today, order=order, field=field)
    except BadInput:
        named = " ".join(rest.replace(".", " ").split()).replace(" ,", ",")
        for form in _SHEET_FORMS:
            try:
                return _in_range(dt.datetime.strptime(named, form).date(), text, field)
            except ValueError:
                continue
        raise


def _most_recent(today: dt.date, day: int) -> dt.date:
    from dateutil.relativedelta import relativedelta
    from dateutil.relativedelta import weekday as rd_weekday

    return today + relativedelta(weekday=rd_weekday(day)(-1))


def _slash_date(parts: tuple[str, ...], order: str) -> dt.date:
    a, b, c = parts
    if order == "YMD":
        year, month, day = a, b, c
    elif order == "DMY":
        day, month, year = a, b, c
    else:
        month, day, year = a, b, c
    if len(year) not in (2, 4) or len(month) > 2 or len(day) > 2:
        raise ValueError("malformed")
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    return dt.date(full_year, int(month), int(day))


def time_of_day(text: str, field: str = "time") -> dt.time:
    match = _TIME.match(text.strip())
    if not match:
        raise BadInput(f"invalid time for {field}: {text!r} (use 24-hour HH:MM)")
    return dt.time(int(match.group(1)), int(match.group(2)))


def moment(
    text: str,
    *,
    now: dt.datetime,
    order: str = "MDY",
    field: str = "--at",
    end_of_day: bool = False,
) -> dt.datetime:
    """A date in any accepted form, optionally followed by ``HH:MM``, or an ISO 8601 date-time.

    Naive values are in the zone of ``now``. A bare date means its start, or its last second
    when ``end_of_day`` is set.
    """
    value = " ".join(text.split())
    tz = now.tzinfo
    if _ISO_MOMENT.match(value):
        from dateutil.parser import isoparse

        try:
            parsed = isoparse(value)
        except ValueError:
            raise BadInput(f"impossible moment for {field}: {text!r}") from None
        _in_range(parsed.date(), text, field)
        return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed.astimezone(tz)
    day_part, _, time_part = value.rpartition(" ")
    if day_part and _TIME.match(time_part):
        day = date(day_part, today=now.date(), order=order, field=field)
        clock = time_of_day(time_part, field)
        return dt.datetime.combine(day, clock, tzinfo=tz)
    try:
        day = date(value, today=now.date(), order=order, field=field)
    except BadInput as exc:
        if "impossible" in exc.message or "out of range" in exc.message:
            raise
        raise BadInput(
            f"invalid moment for {field}: {text!r} (use a date, optionally followed by HH:MM, "
            "or YYYY-MM-DDTHH:MM)"
        ) from None
    clock = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0)
    return dt.datetime.combine(day, clock, tzinfo=tz)


def phone(text: str, *, region: str = "US", field: str = "--phone") -> str:
    """A valid phone number for the group's region, as E.164."""
    value = clean(text, field, multiline=False)
    e164, problem = _phone(value, region)
    if e164 is not None:
        return e164
    if problem == "extension":
        return _extension(value, region, field)
    raise BadInput(f"invalid phone for {field}: {value!r} ({problem})")


@functools.lru_cache(maxsize=32768)
def _phone(value: str, region: str) -> tuple[str | None, str]:
    """The E.164 form of a number, or why it is refused; each text is parsed once (a file
    repeats the same numbers)."""
    import phonenumbers

    if _E164_NANP.fullmatch(value):
        # "+14155550123" as stored and exported: parsing it finds country code 1 and these ten
        # digits (no national prefix, no extension), whatever the region; only its validity is
        # asked of phonenumbers.
        number = phonenumbers.PhoneNumber(country_code=1, national_number=int(value[2:]))
        if not phonenumbers.is_valid_number(number):
            return None, _why_invalid(number, region)
        return value, ""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None, "not a phone number"
    if not phonenumbers.is_valid_number(number):
        return None, _why_invalid(number, region)
    if number.extension:
        return None, "extension"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), ""


_E164_NANP = Lazy(r"\+1[2-9][0-9]{9}")


def _extension(value: str, region: str, field: str) -> str:
    import phonenumbers

    extension = phonenumbers.parse(value, region).extension
    raise BadInput(
        f"phone for {field} has an extension ({extension}), which E.164 cannot keep: "
        f"give {value!r} without it and put the extension in the notes"
    )


def _why_invalid(number: Any, region: str) -> str:
    import phonenumbers
    from phonenumbers import ValidationResult

    reason = phonenumbers.is_possible_number_with_reason(number)
    where = f"a {region} number" if number.country_code == _country_code(region) else "its country"
    return {
        ValidationResult.TOO_SHORT: f"too short for {where}",
        ValidationResult.TOO_LONG: f"too long for {where}",
        ValidationResult.INVALID_COUNTRY_CODE: "no such country code",
    }.get(reason, "not a number in use")


def _country_code(region: str) -> int:
    import phonenumbers

    return phonenumbers.country_code_for_region(region)


# North American numbers print as "(415) 555-2671" without loading phonenumbers' metadata.
_NANP = Lazy(r"^\+1(\d{3})(\d{3})(\d{4})$")
_NANP_REGIONS = {"US", "CA"}


def show_phone(e164: str, region: str = "US") -> str:
    """A stored phone in national format (international when it is from another region)."""
    match = _NANP.match(e164)
    if match and region in _NANP_REGIONS and match.group(1) not in _NON_GEOGRAPHIC_US_CA:
        return "({}) {}-{}".format(*match.groups())
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# Area codes of +1 that belong to other NANP countries print through phonenumbers instead.
_NON_GEOGRAPHIC_US_CA: set[str] = {
    "242",
    "246",
    "264",
    "268",
    "284",
    "340",
    "345",
    "441",
    "473",
    "649",
    "658",
    "664",
    "670",
    "671",
    "684",
    "721",
    "758",
    "767",
    "784",
    "787",
    "809",
    "829",
    "849",
    "868",
    "869",
    "876",
    "939",
}


def email(text: str, *, field: str = "--email") -> str:
    """A syntactically valid email address, normalized; no DNS look-up."""
    value = clean(text, field, multiline=False)
    plain = plain_email(value)
    if plain is not None:
        return plain
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise BadInput(f"invalid email for {field}: {value!r}") from None


# A web address's host: two or more labels of letters, digits and inner hyphens (after IDNA),
# the last beginning with a letter.
_HOST = Lazy(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z](?:[a-z0-9-]*[a-z0-9])?(?::[0-9]{1,5})?",
    re.ASCII | re.IGNORECASE,
)


def website(text: str, *, field: str = "--website") -> str:
    """A web address as typed (``example.com``, ``www.example.com/shop``, ``https://...``);
    a sentence, a name or an email address is refused. '' stays ''."""
    value = clean(text, field, multiline=False)
    if not value:
        return value
    rest = re.sub(r"^https?://", "", value, flags=re.IGNORECASE)
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    try:
        ascii_host = host.encode("idna").decode("ascii") if host else ""
    except UnicodeError:
        ascii_host = ""
    if any(c.isspace() for c in value) or not _HOST.fullmatch(ascii_host):
        raise BadInput(
            f"invalid website for {field}: {value!r} (a web address, e.g. example.com"
            " or https://example.com/page)"
        )
    return value


# A plain address: a lower-case ASCII local part of letters, digits and . _ + - (no leading,
# trailing or doubled dot), and a lower-case domain of two or more labels of letters, digits and
# inner hyphens, ending in a letter. email-validator accepts each such address unchanged,
# unless it is too long or its domain is reserved (those go to it); anything else goes to it too.
_PLAIN_EMAIL = Lazy(
    r"[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z](?:[a-z0-9-]*[a-z])?",
    re.ASCII,
)
_RESERVED_DOMAINS = ("arpa", "invalid", "local", "localhost", "onion", "test")


def plain_email(value: str) -> str | None:
    """``value`` when it is a plain address that email-validator would keep as it is, else None
    (then ask email-validator). Skipping it for such addresses saves most of an import's time."""
    if len(value) > 254 or not _PLAIN_EMAIL.fullmatch(value):
        return None
    local, _, domain = value.partition("@")
    if len(local) > 64 or len(domain) > 253 or "--" in domain:
        return None
    if any(len(label) > 63 for label in domain.split(".")):
        return None
    top = domain.rsplit(".", 1)[1]
    if top in _RESERVED_DOMAINS:
        return None
    return value


# Refused in text: control characters (Unicode category Cc, U+0000-001F and U+007F-009F) but tab
# and, where allowed, newline; carriage returns; surrogates (Cs); line and paragraph separators
# (Zl, Zp); bidi controls.
_BIDI_CLASS = "".join(sorted(_BIDI))
_REFUSED = Lazy(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_BIDI_CLASS}]")
_REFUSED_ONE_LINE = Lazy(f"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_BIDI_CLASS}]")


# The largest id SQLite stores (a signed 64-bit integer): a larger one names nothing.
MAX_ID = 2**63 - 1
# The longest text a field takes, in characters (a long description is a few thousand).
MAX_TEXT = 10_000


def clean(text: str, field: str, *, multiline: bool = True, required: bool = False) -> str:
    """Text with surrounding space removed; control, bidi and separator characters refused,
    and so is text longer than ``MAX_TEXT`` characters."""
    if len(text) > MAX_TEXT and len(text.strip()) > MAX_TEXT:
        raise BadInput(
            f"{field} is too long ({len(text.strip()):,} characters; at most {MAX_TEXT:,})"
        )
    # Printable ASCII (most text) holds none of them: only other text is searched.
    found = (
        None
        if text.isascii() and text.isprintable()
        else (_REFUSED if multiline else _REFUSED_ONE_LINE).search(text)
    )
    if found:
        char = found.group()
        where = "a line break" if char in "\n\r" else f"the control character U+{ord(char):04X}"
        raise BadInput(f"{field} contains {where}; type plain text")
    value = text.strip()
    if required and not value:
        raise BadInput(f"{field} must not be empty")
    return value


_AMOUNT = Lazy(r"^\$?\s*(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,2})?$|^\$?\s*\.[0-9]{1,2}$")


def amount(text: str, field: str = "--amount") -> int:
    """A positive dollar amount as integer cents: ``1250``, ``1250.5``, ``1,250.50``, ``$1,250``.

    Commas only as thousands separators, at most two decimals, ASCII digits: anything else
    (``12,50``, ``1e3``, ``1,2,3``) is refused rather than guessed at."""
    value = text.strip()
    if not _AMOUNT.match(value):
        if value.startswith("-"):
            raise BadInput(f"{field} must be a positive number of dollars, not {text!r}")
        if re.match(r"^\$?[0-9,]*\.[0-9]{3,}$", value):
            raise BadInput(f"{field} has more than two decimal places: {text!r}")
        raise BadInput(
            f"invalid amount for {field}: {text!r} (use dollars, e.g. 1250, 1,250.50 or $1250)"
        )
    from decimal import Decimal

    number = Decimal(value.lstrip("$").strip().replace(",", ""))
    if number <= 0:
        raise BadInput(f"{field} must be a positive number of dollars, not {text!r}")
    if number >= 10**11:
        raise BadInput(f"{field} is too large: {text!r}")
    return int(number * 100)


def member_ref(text: str) -> int | str:
    """A member reference: an id (``3`` or ``#3``) or a name prefix."""
    value = clean(text, "member", multiline=False, required=True)
    digits = value[1:] if value.startswith("#") else value
    if digits.isdigit() and digits.isascii():
        return int(digits)
    if value.startswith("#"):
        raise BadInput(f"invalid member id: {text!r}")
    return value
