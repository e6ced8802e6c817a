"""`lead list`, `lead show`, `lead history` and `lead check`."""

from __future__ import annotations

import sys
from typing import Any

import typer

from leadcli import checking, console, db, leads, members
from leadcli.commands import _common, _complete, _leads
from leadcli.errors import BadInput
from leadcli.words import plural

JSON = typer.Option(False, "--json", help="Print JSON.")
LIST_LIMIT = 50
TABLE_ROWS = 500  # more rows than this print as plain lines, even on a terminal


def register(app: typer.Typer) -> None:
    app.command("list")(list_)
    app.command("show")(show)
    app.command("history")(history)
    from leadcli.commands import lead_check

    app.command("check")(lead_check.check)


def list_(
    ctx: typer.Context,
    week: str | None = typer.Option(
        None, "--week", metavar="DATE", help="Only the meeting week containing DATE."
    ),
    giver: str | None = typer.Option(
        None,
        "--from",
        metavar="MEMBER",
        help="Only leads this member gave.",
        autocompletion=_complete.member,
    ),
    receiver: str | None = typer.Option(
        None,
        "--to",
        metavar="MEMBER",
        help="Only leads this member received.",
        autocompletion=_complete.member,
    ),
    status: str | None = typer.Option(
        None,
        "--status",
        help="Only leads with this pipeline status.",
        autocompletion=_complete.lead_status,
    ),
    verdict: str | None = typer.Option(
        None,
        "--verdict",
        help="Only HOT, WARM, COLD or INCOMPLETE leads.",
        autocompletion=_complete.verdict,
    ),
    since: str | None = typer.Option(
        None, "--since", metavar="DATE", help="Only leads given on or after DATE."
    ),
    void: bool = typer.Option(
        False, "--void", help="Only the leads voided as mistakes (shown as VOID)."
    ),
    limit: int | None = typer.Option(
        None, "--limit", metavar="N", help=f"The N most recent (default {LIST_LIMIT})."
    ),
    all_: bool = typer.Option(False, "--all", help="Every lead that matches."),
    no_pager: bool = typer.Option(False, "--no-pager", help="Never page the output."),
    as_json: bool = JSON,
) -> None:
    """Leads, newest first, with a footer. The 50 most recent unless --limit or --all."""
    if limit is not None and limit < 1:
        raise BadInput(f"--limit must be 1 or more, not {limit}")
    if limit is not None and all_:
        raise BadInput("give --limit N or --all, not both")
    conn = _common.conn(ctx)
    filters = _filters(ctx, conn, week=week, giver=giver, receiver=receiver, since=since)
    filters = leads.Filters(
        **filters,
        status=leads.status(status) if status else None,
        verdict=leads.verdict(verdict) if verdict else None,
        void=void,
    )
    cap = None if all_ else (limit or LIST_LIMIT)
    with db.snapshot(conn):
        total = leads.count(conn, filters)
        found = leads.stream(conn, filters, limit=cap)
        shown = total if cap is None else min(cap, total)
        footer = _footer(shown, total, cap)
        if as_json:
            console.write_json_list(lead.as_json() for lead in found)
            console.note(footer)
        elif not console.is_terminal(sys.stdout):
            write = sys.stdout.write
            for lead in found:
                write(console.literal(_plain(lead)) + "\n")
            console.note(footer)
        elif shown > TABLE_ROWS:
            lines = [console.literal(_plain(lead)) for lead in found]
            console.page("\n".join([*lines, footer]) + "\n", enabled=not no_pager)
        else:
            grid = _table(found)
            console.page(console.rendered(grid) + footer + "\n", enabled=not no_pager)


def _footer(shown: int, total: int, cap: int | None) -> str:
    if shown < total:
        return f"{shown} most recent of {total:,} leads (--limit N for more, --all for every one)"
    return plural(total, "lead")


def _plain(lead: leads.Lead) -> str:
    """A lead in one plain line: for a pipe, grep and a pager."""
    score = "" if lead.score is None else str(lead.score)
    fields = [
        f"#{lead.id}",
        lead.date.isoformat(),
        lead.type,
        f"{lead.giver} → {lead.receiver or 'the room'}",
        lead.prospect,
        f"{lead.shown_verdict or '-'} {score}".strip(),
        "" if lead.voided_at else leads.fit_label(lead.fit),
        lead.status,
        _dollars(lead.amount_cents),
    ]
    return "  ".join(f for f in fields if f).replace("\n", " ")


def _table(found: Any) -> Any:
    grid = console.table(
        "id",
        "date",
        "type",
        "from → to",
        "prospect",
        "verdict",
        "score",
        "fit",
        "status",
        "amount",
        numeric=("score", "amount"),
    )
    for lead in found:
        grid.add_row(
            console.text(f"#{lead.id}"),
            console.text(lead.date.isoformat()),
            console.text(lead.type),
            console.text(f"{lead.giver} → {lead.receiver or 'the room'}"),
            console.text(lead.prospect),
            console.verdict(lead.shown_verdict),
            console.text("" if lead.score is None else str(lead.score)),
            console.fit(lead.fit),
            console.text(lead.status),
            console.text(_dollars(lead.amount_cents)),
        )
    return grid


def _dollars(cents: int | None) -> str:
    return "" if cents is None else f"${cents / 100:,.2f}"


def _filters(ctx: typer.Context, conn: Any, **given: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if given.get("week") is not None:
        out["since"], out["until"] = _common.week_of(ctx, given["week"])
    if given.get("since") is not None:
        out["since"] = _common.date(ctx, given["since"], "--since")
    if given.get("giver") is not None:
        out["giver_id"] = members.resolve(conn, given["giver"]).id
    if given.get("receiver") is not None:
        out["receiver_id"] = members.resolve(conn, given["receiver"]).id
    return out


def show(
    ctx: typer.Context,
    lead_id: str = typer.Argument(..., metavar="ID", help="The lead's id."),
    as_json: bool = JSON,
) -> None:
    """Every field of a lead, with its verdict. It shows the rules it fails, and where it came
    from and led to."""
    conn = _common.conn(ctx)
    with db.snapshot(conn):
        lead = leads.get(conn, leads.lead_id(lead_id))
        result = checking.check_one(conn, lead, _common.settings(ctx))
        parents = leads.ancestors(conn, lead)
        spin_offs = leads.children(conn, lead.id)
    if as_json:
        console.write_json(
            lead.as_json()
            | {
                "check": result.as_json(lead.id),
                "parents": [p.id for p in parents],
                "spin_offs": [c.id for c in spin_offs],
            }
        )
        return
    from leadcli.commands.lead_pipeline import followup_line

    region = _common.settings(ctx).text("group.region")
    grid = console.table("field", "value", title=f"Lead #{lead.id}")
    for label, value in _fields(lead, region):
        grid.add_row(console.text(label), console.text(value))
    out = console.out()
    out.print(grid)
    follow = followup_line(ctx, lead)
    if follow:
        console.say(follow)
    if parents:
        chain = " ← ".join(f"#{p.id} {p.prospect}" for p in parents)
        console.say(f"Came from: {chain}")
    if spin_offs:
        console.say(
            "Spin-offs: "
            + "; ".join(
                f"#{c.id} {c.prospect} ({c.giver} → {c.receiver or 'the room'})" for c in spin_offs
            )
        )
    _leads.print_check(lead, result)


def _fact(value: bool | None) -> str:
    return "unknown" if value is None else "yes" if value else "no"


def _fields(lead: leads.Lead, region: str) -> list[tuple[str, str]]:
    from leadcli import parse

    phones = ", ".join(parse.show_phone(p, region) for p in lead.phones)
    return [
        ("date", f"{lead.date} ({lead.date:%A})"),
        ("type", lead.type),
        ("from", lead.giver),
        ("to", lead.receiver or "(the whole room)"),
        ("company", lead.company or ""),
        ("contact", lead.contact or ""),
        ("title", lead.title or ""),
        ("phones", phones),
        ("email", lead.email or ""),
        ("website", lead.website or ""),
        ("address", lead.address or ""),
        ("alternate contacts", "; ".join(lead.alt_contacts)),
        ("description", lead.description or ""),
        ("need", lead.need or ""),
        ("heard", lead.heard.isoformat() if lead.heard else "unknown"),
        ("decision", lead.decision.isoformat() if lead.decision else "unknown"),
        ("public", _fact(lead.public)),
        ("may use giver's name", _fact(lead.may_use_name)),
        ("expecting the call", _fact(lead.expecting_call)),
        ("need discussed", _fact(lead.need_discussed)),
        ("prospect", lead.prospect_kind + ("" if lead.prospect_type else " (from the company)")),
        ("value", _dollars(lead.value_cents) or "unknown"),
        ("contact decides", _fact(lead.decision_maker)),
        ("intent", lead.intent or "unknown"),
        ("source", lead.source or ""),
        ("parent", f"#{lead.parent_id}" if lead.parent_id else ""),
        ("notes", lead.notes or ""),
        ("status", lead.status),
        ("amount", _dollars(lead.amount_cents)),
        *(
            [("void", f"{lead.voided_at:%Y-%m-%d %H:%M}: {lead.void_reason}")]
            if lead.voided_at
            else []
        ),
    ]


def history(
    ctx: typer.Context,
    lead_id: str = typer.Argument(..., metavar="ID", help="The lead's id."),
    as_json: bool = JSON,
) -> None:
    """Every change to a lead, oldest first (the log is append-only)."""
    events = leads.history(_common.conn(ctx), leads.lead_id(lead_id))
    if as_json:
        console.write_json([e.as_json() for e in events])
        return
    conn = _common.conn(ctx)
    region = _common.settings(ctx).text("group.region")
    names = {m.id: m.name for m in members.all_members(conn)}
    grid = console.table("when", "event", "detail", "note")
    for event in events:
        console.row(
            grid,
            f"{event.at:%Y-%m-%d %H:%M}",
            event.kind,
            describe(event.detail, region, names),
            event.note or "",
        )
    console.out().print(grid)


# A changed field as people know it: the option of `lead add` that sets it.
_FIELD_NAMES = {
    "giver_id": "from",
    "receiver_id": "to",
    "phones": "phone",
    "alt_contacts": "alt-contact",
    "may_use_name": "may-use-name",
    "expecting_call": "expecting-call",
    "need_discussed": "need-discussed",
    "parent_id": "parent",
    "prospect_type": "prospect",
    "value_cents": "value",
    "decision_maker": "decision-maker",
}


def _field_value(field: str, value: Any, region: str, names: dict[int, str]) -> str:
    """A changed field's value as `lead show` says it: money, yes/no, names, phones."""
    if value is None:
        return "-"
    if field == "phones":
        return _short(_phones(value, region))
    if field == "value_cents" and isinstance(value, int):
        return _dollars(value)
    if field in ("giver_id", "receiver_id") and isinstance(value, int):
        return names.get(value, f"member #{value}")
    if field == "parent_id" and isinstance(value, int):
        return f"#{value}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _short(value)


def describe(
    detail: dict[str, Any], region: str = "US", names: dict[int, str] | None = None
) -> str:
    """An event's detail in one line: fields by their option names, money as money, yes/no,
    members by name, phones in national format, as everywhere else."""
    parts = []
    for key, value in detail.items():
        if key == "changes":
            for field, (old, new) in value.items():
                old, new = (_field_value(field, v, region, names or {}) for v in (old, new))
                parts.append(f"{_FIELD_NAMES.get(field, field)}: {old} → {new}")
        elif key == "minutes_late" and isinstance(value, int):
            from leadcli.words import duration

            late = f"{duration(value)} late" if value > 0 else f"on time ({duration(-value)} early)"
            parts.append(late)
        elif key == "released_at" and isinstance(value, list) and len(value) == 2:
            if value[1]:
                parts.append(
                    f"left research {value[1][:16].replace('T', ' ')}: the follow-up clock starts"
                )
            else:
                parts.append("back in research: no follow-up clock")
        elif key == "due" and isinstance(value, str):
            parts.append(f"due {value[:16].replace('T', ' ')}")
        elif key == "amount":
            amounts = value if isinstance(value, list) else [value]
            parts.append("amount: " + " → ".join(_dollars_of(a) for a in amounts))
        elif isinstance(value, list) and len(value) == 2:
            parts.append(f"{key}: {_short(value[0])} → {_short(value[1])}")
        else:
            parts.append(f"{key}: {_short(value)}")
    return "; ".join(parts)


def _dollars_of(value: Any) -> str:
    return f"${value:,.2f}" if isinstance(value, int | float) else _short(value)


def _phones(numbers: Any, region: str) -> Any:
    from leadcli import parse

    return [parse.show_phone(n, region) for n in numbers] if isinstance(numbers, list) else numbers


def _short(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "-"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
