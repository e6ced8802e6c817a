"""The guided slip: `lead add` on a terminal with values missing.

It asks the slip's fields in slip order (``slip.FIELDS``), only those the lead type and the
prospect need, each answer read by the same parser as the options and asked again at once when
refused. Then it shows the slip, its live verdict and what would raise it, and asks
``[s]ave, [e]dit a field, [c]ancel``. Nothing is written here: the caller saves the values.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from typing import Any

import typer

from leadcli import checking, console, leads, members, parse, slip
from leadcli.commands import _common
from leadcli.errors import BadInput

Parser = Callable[[typer.Context, sqlite3.Connection, dict[str, Any]], dict[str, Any]]

REQUIRED = ("type", "from", "to")
# Asked of a business prospect only: a person has no title or website, and decides alone.
BUSINESS_ONLY = ("title", "website", "decision-maker")
# The summary packs the fields of a group into as few lines as fit; a group starts a line.
GROUPS = (
    ("type", "from", "to"),
    ("prospect", "company", "contact", "title"),
    ("phone", "email", "website"),
    ("alt-contact",),
    ("address",),
    ("description",),
    ("need",),
    ("heard", "decision"),
    ("public", "may-use-name", "expecting-call", "need-discussed", "decision-maker"),
    ("intent", "value", "source", "parent", "date", "notes"),
)
GROUP_OF = {key: number for number, keys in enumerate(GROUPS) for key in keys}
NUMBER = {item.key: number for number, item in enumerate(slip.FIELDS, 1)}
MORE = {"phone": "Another phone", "alt-contact": "One more person to reach"}
NEGATED = {"may-not-use-name": "may-use-name", "need-not-discussed": "need-discussed"}
CHOICES = "[s]ave, [e]dit a field, [c]ancel"
TYPE_LEGEND = ", ".join(f"{n} {t}" for n, t in enumerate(leads.TYPES, 1))


def fill(
    ctx: typer.Context, conn: sqlite3.Connection, values: dict[str, Any], read: Parser
) -> dict[str, Any] | None:
    """The values of ``lead add``'s options completed on the slip; None when cancelled."""
    return Guide(ctx, conn, values, read).run()


class Guide:
    def __init__(
        self, ctx: typer.Context, conn: sqlite3.Connection, values: dict[str, Any], read: Parser
    ) -> None:
        self.ctx, self.conn, self.read_options = ctx, conn, read
        self.typed = ""  # the last answer read
        self.values = dict(values)
        self.settings = _common.settings(ctx)
        self.meeting = values.get("date") or leads.default_date(
            conn, self.settings, _common.today(ctx)
        )
        # Fields given as options, or asked already, are not asked again (but by [e]dit).
        self.done = {item.key for item in slip.FIELDS if item.stored in values}

    def run(self) -> dict[str, Any] | None:
        console.say(f"A new lead slip, for the meeting of {self.meeting:%A} {self.meeting}.")
        console.say("Enter skips a question; Ctrl-C stops and saves nothing.")
        self.ask_open()
        while True:
            self.show()
            choice = _common.ask(CHOICES, _choice, blank="answer s, e or c")
            if choice == "save":
                return self.complete()
            if choice == "cancel":
                return None
            item = _common.ask("Which field (number or name)", self.field_named)
            assert isinstance(item, slip.Field)
            self.ask(item, editing=True)
            self.drop_unfit()
            self.ask_open()

    # Which fields the slip asks.

    def prospect(self) -> str:
        chosen = self.values.get("prospect_type")
        return chosen or ("business" if self.values.get("company") else "person")

    def applies(self, item: slip.Field) -> bool:
        if self.values.get("type") in item.skip_types:
            return False
        if item.key in BUSINESS_ONLY and self.prospect() == "person":
            return False
        return not (item.key == "company" and self.values.get("prospect_type") == "person")

    def ask_open(self) -> None:
        """Ask every field that applies and was neither given nor asked yet, in slip order."""
        for item in slip.FIELDS:
            needed = item.key in REQUIRED and self.values.get(item.stored) is None
            if (needed or item.key not in self.done) and self.applies(item):
                self.ask(item)

    def drop_unfit(self) -> None:
        """After an edit (the type, or a business become a person): the values of the fields
        the slip no longer takes are dropped, and asked again should it take them again."""
        kind = self.values.get("type")
        for item in slip.FIELDS:
            if self.applies(item) or self.values.get(item.stored) in (None, ()):
                continue
            whose = f"a {kind}" if kind in item.skip_types else "a person"
            console.note(f"{item.key} ({self.shown(item)}) dropped: {whose} does not take it")
            del self.values[item.stored]
            self.done.discard(item.key)

    # Asking one field.

    def label(self, item: slip.Field) -> str:
        if item.key == "type":
            console.say(TYPE_LEGEND)
            return "Type (1-4)"
        if item.kind == "fact":
            return f"{item.asked} (y/n)"
        if item.key == "prospect":
            return f"{item.asked} (b/p)"
        return item.asked

    def ask(self, item: slip.Field, *, editing: bool = False) -> None:
        self.done.add(item.key)
        current = self.shown(item) if editing else ""
        default = current or (str(self.meeting) if item.key == "date" else None)
        optional = item.key not in REQUIRED

        def read(answer: str) -> dict[str, Any]:
            return {} if editing and answer == current else self.read(item, answer)

        found = _common.ask(
            self.label(item),
            read,
            default=default,
            optional=optional,
            clearable=editing and optional,
        )
        if found is None:
            if editing and optional:
                self.values.pop(item.stored, None)
            return
        assert isinstance(found, dict)
        if item.kind == "list" and found:
            found = {item.stored: self.more(item, found[item.stored])}
        self.values.update(found)
        day = found.get(item.stored)
        if item.stored in leads.DATE_FIELDS and day is not None and self.typed != str(day):
            console.say(f"  that is {day:%A} {day}")  # "tue" or 11/17/2026, as understood

    def more(self, item: slip.Field, first: tuple[str, ...]) -> tuple[str, ...]:
        """The further phones (or people to reach) of a list field, until Enter."""
        found = list(first)
        while True:
            extra = _common.ask(MORE[item.key], lambda a: self.read(item, a), optional=True)
            if extra is None:
                return tuple(found)
            assert isinstance(extra, dict)
            found += extra[item.stored]

    def read(self, item: slip.Field, answer: str) -> dict[str, Any]:
        """An answer read as its option would be, and checked against the rest of the slip."""
        self.typed = answer
        typed: Any = [answer] if item.kind == "list" else answer
        if item.kind == "fact":
            typed = _yes_no(answer)
        elif item.key == "type" and answer in {str(n) for n in range(1, len(leads.TYPES) + 1)}:
            typed = leads.TYPES[int(answer) - 1]
        found = self.read_options(self.ctx, self.conn, {item.stored: typed})
        merged = self.values | found
        merged.setdefault("date", self.meeting)
        if merged.get("type") and merged.get("giver_id") is not None:
            leads.validate(self.conn, merged)
        return found

    def field_named(self, answer: str) -> slip.Field:
        """A field of this slip by its number or (a unique start of) its name."""
        open_ = [item for item in slip.FIELDS if self.applies(item)]
        word = answer.strip().lower().lstrip("#")
        if word.isdigit():
            found = [item for item in open_ if NUMBER[item.key] == int(word)]
        else:
            found = [i for i in open_ if i.key == word] or [
                i for i in open_ if i.key.startswith(word)
            ]
        if len(found) != 1:
            raise BadInput(f"no field {answer!r} on this slip (give its number or its name)")
        return found[0]

    # The slip as it stands.

    def complete(self) -> dict[str, Any]:
        return self.values | {"date": self.values.get("date") or self.meeting}

    def shown(self, item: slip.Field) -> str:
        value = self.values.get(item.stored)
        if value is None or value == ():
            return ""
        if item.stored in ("giver_id", "receiver_id"):
            return members.get(self.conn, value).name
        if item.stored == "phones":
            region = self.settings.text("group.region")
            return ", ".join(parse.show_phone(p, region) for p in value)
        if item.stored == "alt_contacts":
            return "; ".join(value)
        if isinstance(value, bool):
            return "yes" if value else "no"
        if item.stored == "value_cents":
            return f"${value / 100:,.2f}"
        if item.stored == "parent_id":
            return f"#{value}"
        return " ".join(str(value).split())

    def show(self) -> None:
        width, height = shutil.get_terminal_size((80, 24))
        width = max(40, min(width, 100)) - 1
        lines = self.summary(width)
        check = checking.preview(self.conn, self.complete(), self.settings)
        verdict: list[tuple[str, str]] = [("Verdict now: ", "")]
        verdict.append((check.verdict, console.VERDICT_STYLES.get(check.verdict, "")))
        if check.verdict == "INCOMPLETE":
            verdict.append((" (needs research before it is published)", ""))
        else:
            verdict.append((f" {check.score}/100", ""))
        if check.fit in ("sweet-spot", "off-target"):
            verdict.append((f"  {leads.fit_label(check.fit)}", ""))
        lines.append(verdict)
        room = max(2, height - len(lines) - 3)
        lines += self.raisers(check, width, room)
        console.styled(lines)

    def summary(self, width: int) -> list[list[tuple[str, str]]]:
        """The slip's given fields, numbered, packed into as few lines as fit; then the rest."""
        packed: list[str] = []
        blank = []
        group = None
        for item in slip.FIELDS:
            if not self.applies(item):
                continue
            shown = self.shown(item) or (str(self.meeting) if item.key == "date" else "")
            if not shown:
                blank.append(f"{NUMBER[item.key]} {item.key}")
                continue
            cell = _cut(f"{NUMBER[item.key]:>2} {item.key}: {shown}", width)
            same = GROUP_OF[item.key] == group
            group = GROUP_OF[item.key]
            if same and len(packed[-1]) + 3 + len(cell.lstrip()) <= width:
                packed[-1] += "   " + cell.lstrip()
            else:
                packed.append(cell)
        lines = [[("── The slip " + "─" * max(0, width - 12), "dim")]]
        lines += [[(line, "")] for line in packed]
        if blank:
            import textwrap

            wrapped = textwrap.wrap(
                "Not given: " + ", ".join(blank), width, max_lines=2, placeholder=" …"
            )
            lines += [[(line, "dim")] for line in wrapped]
        return lines

    def raisers(self, check: Any, width: int, room: int) -> list[list[tuple[str, str]]]:
        """What would raise the verdict, a line per rule that fell short, as many as fit."""
        failed = checking.shortfalls(check)
        if not failed:
            return [[("Every rule passed.", "")]]
        lines: list[list[tuple[str, str]]] = [[("What would raise it (edit the field):", "")]]
        shown = failed if len(failed) <= room else failed[: room - 1]
        for result in shown:
            fields = self.fields_of(result.hint or "")
            points = f" {result.points}/{result.max_points}" if result.max_points else ""
            style = console.STATUS_STYLES.get(result.status, "")
            head = f"  {result.code}{points}"
            tail = _cut(f"{head}{' → ' + fields if fields else ''} — {result.message}", width)
            lines.append([(head, style), (tail[len(head) :], "")])
        if len(shown) < len(failed):
            rest = " ".join(r.code for r in failed[len(shown) :])
            lines.append([(_cut(f"  … and {rest} (lead check after saving)", width), "dim")])
        return lines

    def fields_of(self, hint: str) -> str:
        """The slip fields a rule's hint names by their options (--not-public is public)."""
        keys = []
        for option in re.findall(r"--([a-z][a-z-]*)", hint):
            key = NEGATED.get(option, option.removeprefix("not-"))
            if key in NUMBER and key not in keys and self.applies(slip.BY_KEY[key]):
                keys.append(key)
        return ", ".join(f"{NUMBER[k]} {k}" for k in keys)


def _yes_no(answer: str) -> bool:
    word = answer.strip().lower()
    if word in ("y", "yes"):
        return True
    if word in ("n", "no"):
        return False
    raise BadInput(f"answer y(es) or n(o), not {answer.strip()!r}")


def _choice(answer: str) -> str:
    word = answer.strip().lower()
    for choice in ("save", "edit", "cancel"):
        if word and choice.startswith(word):
            return choice
    raise BadInput(f"answer s (save), e (edit a field) or c (cancel), not {answer.strip()!r}")


def _cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters, cut with an ellipsis."""
    flat = console.literal(" ".join(text.split()) if "\n" in text else text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"
