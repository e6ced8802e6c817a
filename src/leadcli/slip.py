"""The lead slip: its fields in slip order, and the text format of `lead add --editor` / `--file`.

One table (``FIELDS``) says which fields a slip has, in which order, under which key, which
stored field each sets and for which lead types; the template and the parser both read it, so a
field is added here once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from leadcli.errors import BadInput


@dataclass(frozen=True)
class Field:
    key: str  # as typed in a slip: the option's name without --
    stored: str  # the stored field it sets (as lead add's options)
    help: str  # the question, in the source's words
    kind: str = "text"  # text, fact (yes/no), list (repeatable)
    skip_types: tuple[str, ...] = ()  # lead types that do not ask for it
    question: str = ""  # as the guided slip asks it (else the help)

    @property
    def asked(self) -> str:
        return self.question or self.help


NO_RECEIVER = ("general-opportunity",)
MEMBER_NEED = ("member-need",)

# Slip order (SPEC 4.1).
FIELDS: tuple[Field, ...] = (
    Field(
        "type",
        "type",
        "direct-referral, member-need, specific-service or general-opportunity",
        question="Type of lead",
    ),
    Field("from", "giver_id", "the member giving the lead", question="From (the member giving it)"),
    Field(
        "to",
        "receiver_id",
        "the member receiving it",
        skip_types=NO_RECEIVER,
        question="To (the member receiving it)",
    ),
    Field(
        "prospect",
        "prospect_type",
        "business or person",
        skip_types=MEMBER_NEED,
        question="Is the prospect a business or a person?",
    ),
    Field(
        "company",
        "company",
        "the prospect's company",
        skip_types=MEMBER_NEED,
        question="The prospect's company",
    ),
    Field(
        "contact",
        "contact",
        "the person to call",
        skip_types=MEMBER_NEED,
        question="Contact (the person to call)",
    ),
    Field(
        "title",
        "title",
        "their title (a business only)",
        skip_types=MEMBER_NEED,
        question="The contact's title",
    ),
    Field(
        "phone",
        "phones",
        "a phone (one line each)",
        kind="list",
        skip_types=MEMBER_NEED,
        question="Phone",
    ),
    Field("email", "email", "their email", skip_types=MEMBER_NEED, question="Email"),
    Field("website", "website", "their website", skip_types=MEMBER_NEED, question="Website"),
    Field(
        "alt-contact",
        "alt_contacts",
        "another person to reach (one line each)",
        kind="list",
        skip_types=MEMBER_NEED,
        question="Another person to reach (name, phone)",
    ),
    Field(
        "address",
        "address",
        "their address",
        skip_types=MEMBER_NEED,
        question="Address (street, city or ZIP)",
    ),
    Field(
        "description",
        "description",
        "what the prospect wants, and its scope",
        question="What do they want, and how large is it?",
    ),
    Field(
        "need",
        "need",
        "the specific need discussed",
        question="The specific need, in the receiver's words",
    ),
    Field("heard", "heard", "when the giver heard of it", question="When did you hear of it?"),
    Field("decision", "decision", "when the prospect decides", question="When will they decide?"),
    Field(
        "public",
        "public",
        "Did you read about it in the paper or online?",
        kind="fact",
        skip_types=MEMBER_NEED,
    ),
    Field(
        "may-use-name",
        "may_use_name",
        "May the member use your name?",
        kind="fact",
        skip_types=MEMBER_NEED,
    ),
    Field(
        "expecting-call",
        "expecting_call",
        "Is the prospect expecting the call?",
        kind="fact",
        skip_types=MEMBER_NEED + NO_RECEIVER,
    ),
    Field(
        "need-discussed",
        "need_discussed",
        "Did you discuss the need and pre-sell the member?",
        kind="fact",
        question="Did you discuss the need with the prospect and pre-sell the member?",
        skip_types=MEMBER_NEED + NO_RECEIVER,
    ),
    Field(
        "decision-maker",
        "decision_maker",
        "Does the contact make the decision?",
        kind="fact",
        skip_types=MEMBER_NEED,
    ),
    Field(
        "intent",
        "intent",
        "buying, exploring, gathering-info, price-shopping or rfp",
        question="Are they buying, exploring, gathering-info, price-shopping or rfp?",
    ),
    Field(
        "value",
        "value_cents",
        "the deal's estimated size, in dollars",
        question="What is the deal worth, in dollars?",
    ),
    Field(
        "source",
        "source",
        "where the lead came from",
        question="Where did the lead come from (a client, a mixer...)?",
    ),
    Field(
        "parent",
        "parent_id",
        "the id of the lead this one came from",
        question="Did it come from an earlier lead? Its id",
    ),
    Field(
        "date",
        "date",
        "the meeting it was given at (empty: the latest meeting day)",
        question="Given at the meeting of",
    ),
    Field("notes", "notes", "anything else", question="Anything else"),
)
BY_KEY = {f.key: f for f in FIELDS}


@dataclass
class Slip:
    """One slip as typed: its values by key (lists for repeatable keys), and where each was."""

    number: int
    first_line: int
    values: dict[str, str | list[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.first_line)


class SlipError(BadInput):
    """A slip that does not parse: which slip, which line, and why."""

    def __init__(self, slip: int, line: int, message: str, key: str | None = None) -> None:
        self.slip, self.line, self.key, self.reason = slip, line, key, message
        super().__init__(f"slip {slip}, line {line}: {message}")


def fact(text: str, key: str) -> bool:
    word = text.strip().lower()
    if word in ("yes", "y", "true"):
        return True
    if word in ("no", "n", "false"):
        return False
    raise BadInput(f"{key} takes yes or no, not {text.strip()!r}")


def parse(text: str) -> list[Slip]:
    """Slips of the text: ``key: value`` lines, ``#`` help, ``---`` between slips; empty ones dropped."""
    slips: list[Slip] = []
    current = Slip(1, 1)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        if line == "---":
            if current.values or current.lines:
                slips.append(current)
            current = Slip(len(slips) + 1, number + 1)
            continue
        if not line:
            continue
        if not current.lines:
            current.first_line = number
        key, colon, value = raw.partition(":")
        key = key.strip().lower()
        if not colon or key not in BY_KEY:
            known = ", ".join(f.key for f in FIELDS)
            what = f"unknown key {key!r}" if colon else f"not a 'key: value' line: {line!r}"
            raise SlipError(current.number, number, f"{what} (keys: {known})")
        current.lines.setdefault(key, number)
        value = value.strip()
        if BY_KEY[key].kind == "list":
            found = current.values.setdefault(key, [])
            assert isinstance(found, list)
            if value:
                found.append(value)
            continue
        if key in current.values and current.values[key]:
            raise SlipError(current.number, number, f"{key} is given twice")
        if value:
            current.values[key] = value
    if current.values or current.lines:
        slips.append(current)
    for slip in slips:
        slip.values = {k: v for k, v in slip.values.items() if v}
    kept = [s for s in slips if s.values]
    for index, slip in enumerate(kept, 1):
        slip.number = index
    return kept


def template(members: Sequence[tuple[int, str, str]], meeting: str) -> str:
    """A blank slip with help: the group's members listed, the fields in slip order."""
    head = [
        f"# Lead slips for the meeting of {meeting}: one 'key: value' line",
        "# per field; an empty value is left out; yes/no questions take yes or no.",
        "# Separate slips with a line '---'. All are saved together, or none.",
        "# Leave the file unchanged or empty to cancel.",
        "#",
        "# Members (by name, a unique start of it, or #id):",
        *(f"#   #{i} {name} ({category})" for i, name, category in members),
        "#",
    ]
    body = []
    for item in FIELDS:
        body.append(f"# {item.help}")
        if item.skip_types:
            body[-1] += f" (not for {' or '.join(t.split('-')[0] for t in item.skip_types)})"
        body.append(f"{item.key}: ")
    return "\n".join([*head, *body]) + "\n"


def annotate(text: str, errors: Sequence[SlipError]) -> str:
    """The text with each error written as '# error:' lines under the line it is about."""
    header = [
        "# error: the slips were not saved; fix the lines marked below and save again",
        "# (or empty the file to cancel).",
    ]
    by_line: dict[int, list[str]] = {}
    for error in errors:
        by_line.setdefault(error.line, []).append(error.reason)
    out = list(header)
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("# error:") or line.startswith("# (or empty the file"):
            continue
        out.append(line)
        out.extend(f"# error: {reason}" for reason in by_line.get(number, []))
    return "\n".join(out) + "\n"


def stripped(text: str) -> str:
    """The text without help lines and blank lines: what decides whether it is unchanged."""
    return "\n".join(
        line.rstrip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
