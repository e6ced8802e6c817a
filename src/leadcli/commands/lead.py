"""`leadcli lead`: record leads, check them against the rules, follow them through the pipeline."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import typer

from leadcli import categories, console, db, leads, meetings, members
from leadcli.commands import _common, _complete, _leads, _params, lead_travel
from leadcli.errors import BadInput

app = _common.group()

JSON = typer.Option(False, "--json", help="Print JSON.")
DATE_HELP = "YYYY-MM-DD, today, yesterday, a weekday or a slash date."

# Lead fields, shared by `lead add` and `lead edit`.
GIVER = typer.Option(
    None,
    "--from",
    metavar="MEMBER",
    help="The member giving the lead.",
    autocompletion=_complete.member,
)
RECEIVER = typer.Option(
    None,
    "--to",
    metavar="MEMBER",
    help="The member receiving it (none for general-opportunity).",
    autocompletion=_complete.member,
)
TYPE = typer.Option(
    None,
    "--type",
    metavar="TYPE",
    help="direct-referral, member-need, specific-service or general-opportunity.",
    autocompletion=_complete.lead_type,
)
COMPANY = typer.Option(None, "--company", metavar="TEXT", help="The prospect's company.")
CONTACT = typer.Option(None, "--contact", metavar="NAME", help="The person to call.")
TITLE = typer.Option(None, "--title", metavar="TEXT", help="Their title.")
PHONE = typer.Option(None, "--phone", metavar="PHONE", help="A phone (repeatable).")
EMAIL = typer.Option(None, "--email", metavar="EMAIL", help="Their email.")
WEBSITE = typer.Option(None, "--website", metavar="URL", help="Their website.")
ADDRESS = typer.Option(None, "--address", metavar="TEXT", help="Their address.")
ALT = typer.Option(
    None, "--alt-contact", metavar="TEXT", help="Another person to reach (repeatable)."
)
DESCRIPTION = typer.Option(
    None, "--description", metavar="TEXT", help="What the prospect wants, and its scope."
)
NEED = typer.Option(None, "--need", metavar="TEXT", help="The specific need discussed.")
HEARD = typer.Option(
    None, "--heard", metavar="DATE", help="When the giver learned of it. " + DATE_HELP
)
DATE = typer.Option(
    None,
    "--date",
    metavar="DATE",
    help="The meeting it was given at (default: the latest regular meeting day on or before "
    "today, recorded or not, skipping holidays). " + DATE_HELP,
)
NEW_DATE = typer.Option(None, "--date", metavar="DATE", help="The meeting it was given at.")
PUBLIC = typer.Option(None, "--public/--not-public", help="Read in the news or out on the streets?")
MAY_USE = typer.Option(
    None, "--may-use-name/--may-not-use-name", help="May the receiver use the giver's name?"
)
EXPECTING = typer.Option(
    None, "--expecting-call/--not-expecting-call", help="Does the prospect expect the call?"
)
DISCUSSED = typer.Option(
    None,
    "--need-discussed/--need-not-discussed",
    help="Did the giver discuss the need and pre-sell the member?",
)
DECISION = typer.Option(
    None, "--decision", metavar="DATE", help="When the prospect expects to decide. " + DATE_HELP
)
SOURCE = typer.Option(
    None, "--source", metavar="TEXT", help="Where the lead came from (a client, a mixer...)."
)
PARENT = typer.Option(None, "--parent", metavar="ID", help="The lead this one came from.")
NOTES = typer.Option(None, "--notes", metavar="TEXT", help="Anything else.")
PROSPECT = typer.Option(
    None,
    "--prospect",
    metavar="KIND",
    help="business or person (default: business when --company is given, else person).",
    autocompletion=_complete.prospect,
)
VALUE = typer.Option(
    None, "--value", metavar="AMOUNT", help="The deal's estimated size, in dollars."
)
# Two flags rather than a pair, so that giving both is refused instead of the last one winning.
DECISION_MAKER = typer.Option(False, "--decision-maker", help="The contact can decide.")
NOT_DECISION_MAKER = typer.Option(
    False, "--not-decision-maker", help="The contact cannot decide alone."
)


def _decides(yes: bool, no: bool) -> bool | None:
    if yes and no:
        raise BadInput("give --decision-maker or --not-decision-maker, not both")
    return True if yes else False if no else None


INTENT = typer.Option(
    None,
    "--intent",
    metavar="INTENT",
    help="buying, exploring, gathering-info, price-shopping or rfp.",
    autocompletion=_complete.intent,
)


def _parse(ctx: typer.Context, conn: sqlite3.Connection, raw: dict[str, Any]) -> dict[str, Any]:
    """Options as typed, turned into stored values; only the options given appear."""
    values: dict[str, Any] = {}
    for key in ("giver_id", "receiver_id"):
        if raw.get(key) is not None:
            text = raw[key]
            if key == "receiver_id":
                values[key] = categories.receiver(conn, text).id if text.strip() else None
            else:
                values[key] = members.resolve(conn, text).id
    if raw.get("type") is not None:
        values["type"] = leads.lead_type(raw["type"])
    for key in leads.TEXT_FIELDS:
        if raw.get(key) is not None and key not in ("email", "website"):
            values[key] = _common.text(
                raw[key], "--" + key, multiline=key in ("description", "need", "notes", "address")
            )
    if raw.get("email") is not None:
        values["email"] = _common.email(raw["email"])
    if raw.get("website") is not None:
        from leadcli import parse

        values["website"] = parse.website(raw["website"]) or None
    if raw.get("phones"):
        values["phones"] = tuple(p for p in (_common.phone(ctx, t) for t in raw["phones"]) if p)
    if raw.get("alt_contacts"):
        alts = (_common.text(t, "--alt-contact", multiline=False) for t in raw["alt_contacts"])
        values["alt_contacts"] = tuple(a for a in alts if a)
    for key in leads.DATE_FIELDS:
        if raw.get(key) is not None:
            values[key] = (
                _common.date(ctx, raw[key], "--" + key)
                if raw[key].strip() or key == "date"
                else None
            )
    for key in leads.FACTS:
        if raw.get(key) is not None:
            values[key] = raw[key]
    if raw.get("parent_id") is not None:
        values["parent_id"] = leads.lead_id(raw["parent_id"]) if raw["parent_id"].strip() else None
    values.update(_qualification(raw))
    return values


def _qualification(raw: dict[str, Any]) -> dict[str, Any]:
    """--prospect, --value, --decision-maker and --intent as stored ('' clears on edit)."""
    from leadcli import parse

    values: dict[str, Any] = {}
    readers = {
        "prospect_type": leads.prospect,
        "value_cents": lambda text: parse.amount(text, "--value"),
        "intent": leads.intent,
    }
    for key, read in readers.items():
        text = raw.get(key)
        if text is not None:
            values[key] = read(text) if text.strip() else None
    if raw.get("decision_maker") is not None:
        values["decision_maker"] = raw["decision_maker"]
    return values


# Option parameter -> stored field, where the names differ.
RENAMED = {
    "giver": "giver_id",
    "receiver": "receiver_id",
    "type_": "type",
    "phone": "phones",
    "alt_contact": "alt_contacts",
    "parent": "parent_id",
    "prospect": "prospect_type",
    "value": "value_cents",
}


# A field as the option that sets it: "receiver_id" is --to.
_OPTIONS = {
    "giver_id": "--from",
    "receiver_id": "--to",
    "phones": "--phone",
    "alt_contacts": "--alt-contact",
    "prospect_type": "--prospect",
    "value_cents": "--value",
}


def _option(field: str) -> str:
    return _OPTIONS.get(field, "--" + field.removesuffix("_id").replace("_", "-"))


def _raw(params: dict[str, Any]) -> dict[str, Any]:
    """The lead fields among a command's parameters, as typed."""
    wanted = set(leads.INPUT_FIELDS)
    named = {RENAMED.get(name, name): value for name, value in params.items()}
    return {name: value for name, value in named.items() if name in wanted}


@app.command("add")
def add(
    ctx: typer.Context,
    giver: str | None = GIVER,
    receiver: str | None = RECEIVER,
    type_: str | None = TYPE,
    company: str | None = COMPANY,
    contact: str | None = CONTACT,
    title: str | None = TITLE,
    phone: list[str] | None = PHONE,
    email: str | None = EMAIL,
    website: str | None = WEBSITE,
    address: str | None = ADDRESS,
    alt_contact: list[str] | None = ALT,
    description: str | None = DESCRIPTION,
    need: str | None = NEED,
    heard: str | None = HEARD,
    date: str | None = DATE,
    public: bool | None = PUBLIC,
    may_use_name: bool | None = MAY_USE,
    expecting_call: bool | None = EXPECTING,
    need_discussed: bool | None = DISCUSSED,
    decision: str | None = DECISION,
    source: str | None = SOURCE,
    parent: str | None = PARENT,
    notes: str | None = NOTES,
    prospect: str | None = PROSPECT,
    value: str | None = VALUE,
    decision_maker: bool = DECISION_MAKER,
    not_decision_maker: bool = NOT_DECISION_MAKER,
    intent: str | None = INTENT,
    editor: bool = typer.Option(
        False, "--editor", help="Type one or more slips in $VISUAL or $EDITOR (saved all or none)."
    ),
    file: Path | None = typer.Option(
        None, "--file", metavar="PATH", help="Read slips typed elsewhere, in the --editor format."
    ),
    as_json: bool = JSON,
) -> None:
    """Record a lead, check it, and print its verdict and what to fix.

    On a terminal, without --from, --type or --to, the guided slip asks the fields in slip
    order (only those the lead type needs; Enter skips one, a bad answer is asked again), shows
    the slip with its verdict and what would raise it, then asks [s]ave, [e]dit a field,
    [c]ancel. Nothing is written before save. Without a terminal, they are required.
    """
    decides = _decides(decision_maker, not_decision_maker)
    if editor or file is not None:
        _slips(ctx, _raw(locals()) | {"decision_maker": decides}, file, as_json)
        return
    conn = _common.conn(ctx)
    values = _parse(ctx, conn, _raw(locals()) | {"decision_maker": decides})
    missing = _missing(values)
    if missing:
        if not _common.interactive():
            raise _common.missing(missing)
        import contextlib
        import sys

        from leadcli.commands import lead_guided

        # With --json the questions go to stderr, so stdout holds the JSON alone.
        talk = contextlib.redirect_stdout(sys.stderr) if as_json else contextlib.nullcontext()
        with talk:
            guided = lead_guided.fill(ctx, conn, values, _parse)
        if guided is None:
            console.note("Cancelled; nothing was written.")
            return
        values = guided
    settings = _common.settings(ctx)
    now = _common.now(ctx)
    if "date" not in values:
        values["date"] = leads.default_date(conn, settings, now.date())
    moved = _backdated(conn, values)
    with db.transaction(conn):
        lead, check = leads.add(conn, values, settings, now)
    for line in moved:
        console.note(line)
    if as_json:
        console.write_json(lead.as_json() | {"check": check.as_json(lead.id)})
        return
    console.say(f"Saved lead #{lead.id}: {_leads.summary(lead)}")
    console.say(f"Given at the meeting of {lead.date:%A} {lead.date}.")
    _leads.say_dates(lead, ("heard", "decision"))
    _leads.print_check(lead, check, brief=True, reviewed=bool(missing))
    lead_travel.say_next(conn, lead)
    _common.note_off_day(ctx, lead.date)
    _common.note_future(ctx, lead.date, "the meeting of")
    held = meetings.get(conn, lead.date)
    if held is not None and held.holiday:
        console.note(f"note: the meeting of {lead.date} is marked a holiday")


def _backdated(conn: sqlite3.Connection, values: dict[str, Any]) -> list[str]:
    ids = [values.get(k) for k in ("giver_id", "receiver_id")]
    people = [members.get(conn, i) for i in ids if isinstance(i, int)]
    return _common.backdated(people, values["date"])


def _missing(values: dict[str, Any]) -> list[str]:
    """The options a lead cannot do without that are not given: --from, --type, and (but for a
    general opportunity) --to."""
    needs_receiver = values.get("type") != "general-opportunity"
    return [
        option
        for option, key, needed in (
            ("--from", "giver_id", True),
            ("--type", "type", True),
            ("--to", "receiver_id", needs_receiver),
        )
        if needed and values.get(key) is None
    ]


def _slips(ctx: typer.Context, raw: dict[str, Any], file: Path | None, as_json: bool) -> None:
    """`lead add --editor` / `--file`: the fields go in the slips."""
    from leadcli.commands import lead_slip

    given = sorted(_option(k) for k, v in raw.items() if v not in (None, [], ()))
    if given:
        raise BadInput(
            f"with --editor or --file the fields go in the slips, not {', '.join(given)}"
        )
    if file is not None:
        saved = lead_slip.from_file(ctx, file, _parse)
    else:
        saved = lead_slip.from_editor(ctx, _parse)
    if saved is None:
        console.note("nothing saved (the slips were left unchanged or empty)")
        return
    lead_slip.report(saved, as_json)


@app.command("edit")
@_params.empty_clears(
    "receiver", "company", "contact", "title", "phone", "email", "website", "address",
    "alt_contact", "description", "need", "heard", "decision", "source", "parent", "notes",
    "prospect", "value", "intent",
)  # fmt: skip
def edit(
    ctx: typer.Context,
    lead_id: str = typer.Argument(..., metavar="ID", help="The lead's id."),
    giver: str | None = GIVER,
    receiver: str | None = RECEIVER,
    type_: str | None = TYPE,
    company: str | None = COMPANY,
    contact: str | None = CONTACT,
    title: str | None = TITLE,
    phone: list[str] | None = PHONE,
    email: str | None = EMAIL,
    website: str | None = WEBSITE,
    address: str | None = ADDRESS,
    alt_contact: list[str] | None = ALT,
    description: str | None = DESCRIPTION,
    need: str | None = NEED,
    heard: str | None = HEARD,
    date: str | None = NEW_DATE,
    public: bool | None = PUBLIC,
    may_use_name: bool | None = MAY_USE,
    expecting_call: bool | None = EXPECTING,
    need_discussed: bool | None = DISCUSSED,
    decision: str | None = DECISION,
    source: str | None = SOURCE,
    parent: str | None = PARENT,
    notes: str | None = NOTES,
    prospect: str | None = PROSPECT,
    value: str | None = VALUE,
    decision_maker: bool = DECISION_MAKER,
    not_decision_maker: bool = NOT_DECISION_MAKER,
    intent: str | None = INTENT,
    as_json: bool = JSON,
) -> None:
    """Change a lead's fields ('' clears one) and check it again.

    --phone and --alt-contact replace the whole list. A lead that was INCOMPLETE and now
    passes every required rule leaves research and starts the pipeline at new.
    """
    conn = _common.conn(ctx)
    number = leads.lead_id(lead_id)
    decides = _decides(decision_maker, not_decision_maker)
    raw = _raw(locals()) | {"decision_maker": decides}
    if raw["phones"] is not None and all(not p.strip() for p in raw["phones"]):
        raw["phones"], clear_phones = None, True
    else:
        clear_phones = False
    if raw["alt_contacts"] is not None and all(not a.strip() for a in raw["alt_contacts"]):
        raw["alt_contacts"], clear_alts = None, True
    else:
        clear_alts = False
    values = _parse(ctx, conn, raw)
    if clear_phones:
        values["phones"] = ()
    if clear_alts:
        values["alt_contacts"] = ()
    if not values:
        raise BadInput("nothing to change (give the fields to change, e.g. --contact or --phone)")
    settings = _common.settings(ctx)
    with db.transaction(conn):
        lead = leads.get(conn, number)
        updated, check, diff = leads.edit(conn, lead, values, settings, _common.now(ctx))
    if as_json:
        console.write_json(updated.as_json() | {"check": check.as_json(updated.id)})
        return
    changed = ", ".join(sorted(_option(field) for field in diff)) or "nothing (same values)"
    console.say(f"Updated lead #{updated.id}: {changed}")
    _leads.say_dates(updated, diff)
    if lead.status != updated.status:
        console.say(f"Status: {lead.status} → {updated.status}")
    _leads.print_check(updated, check, brief=True)


def _mount() -> None:
    from leadcli.commands import lead_pipeline, lead_research, lead_view, lead_void

    lead_view.register(app)
    lead_pipeline.register(app)
    lead_void.register(app)
    lead_research.register(app)
    lead_travel.register(app)


_mount()
