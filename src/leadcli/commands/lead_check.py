"""`lead check`: the rules run on named leads, a meeting week, or every lead (streamed)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import typer

from leadcli import checking, console, db, leads
from leadcli.commands import _common
from leadcli.errors import EXIT_ATTENTION, BadInput
from leadcli.words import plural

JSON = typer.Option(False, "--json", help="Print JSON.")


def check(
    ctx: typer.Context,
    lead_ids: list[str] | None = typer.Argument(None, metavar="ID", help="Leads to check."),
    all_: bool = typer.Option(False, "--all", help="Check every lead."),
    week: str | None = typer.Option(
        None, "--week", metavar="DATE", help="Check the leads of the meeting week containing DATE."
    ),
    select: list[str] | None = typer.Option(
        None,
        "--select",
        metavar="CODES",
        help="Only these rules (codes or prefixes, comma-separated).",
    ),
    ignore: list[str] | None = typer.Option(
        None, "--ignore", metavar="CODES", help="Leave these rules out."
    ),
    as_json: bool = JSON,
    no_pager: bool = typer.Option(False, "--no-pager", help="Never page the output."),
) -> None:
    """Run the rules on leads: a verdict per lead. Every failed rule comes with its reason and
    hint.

    With no ids, --all or --week: the leads of the current meeting week.

    Exits 3 when any lead checked is INCOMPLETE. A full check (no --select or --ignore)
    also stores the verdicts, so a change of settings reaches every lead.
    """
    conn = _common.conn(ctx)
    chosen = [x for x in (bool(lead_ids), all_, week is not None) if x]
    if len(chosen) > 1:
        raise BadInput("name lead ids, or give --all or --week (one of them)")
    if not chosen:
        week = "today"  # the current meeting week
    rules = None
    if select or ignore:
        from leadcli.rules import select_rules

        rules = select_rules(select, ignore)
    settings = _common.settings(ctx)
    seen = _Seen(store=rules is None)
    # On a terminal, a long check goes through the pager (git's way); --all streams as it checks.
    with console.paged(enabled=not (no_pager or as_json or all_)):
        _run(ctx, conn, lead_ids, week, all_, rules, settings, seen, as_json)
    if seen.incomplete:
        raise typer.Exit(EXIT_ATTENTION)


def _run(
    ctx: typer.Context,
    conn: Any,
    lead_ids: list[str] | None,
    week: str | None,
    all_: bool,
    rules: Any,
    settings: Any,
    seen: _Seen,
    as_json: bool,
) -> None:
    if all_:
        # Every lead, written as it is checked; the verdicts that changed are stored after.
        with db.snapshot(conn):
            _write(seen.watch(checking.check_all(conn, settings, rules)), as_json)
        seen.store(ctx, conn)
    else:
        with db.snapshot(conn):
            found = _some(ctx, conn, lead_ids, week)
            checks = checking.check_many(conn, found, settings, rules)
        pairs = list(seen.watch(zip(found, checks, strict=True)))
        seen.store(ctx, conn)
        _write(pairs, as_json)


def _some(
    ctx: typer.Context, conn: Any, lead_ids: list[str] | None, week: str | None
) -> list[leads.Lead]:
    """The leads named by id, or those of the meeting week."""
    if lead_ids:
        ids = [leads.lead_id(text) for text in lead_ids]
        found = leads.query(conn, leads.Filters(ids=ids))
        missing = sorted(set(ids) - {lead.id for lead in found})
        if missing:
            from leadcli.errors import NotFound

            raise NotFound(f"no lead {', '.join(f'#{i}' for i in missing)}")
        return found
    from leadcli.commands._leads import week_of

    assert week is not None
    start, end = week_of(ctx, week)
    return leads.query(conn, leads.Filters(since=start, until=end))


class _Stored(NamedTuple):
    """What ``checking.store`` reads of a lead: its id, stored check, status and times."""

    id: int
    verdict: str | None
    score: int | None
    fit: str | None
    status: str
    updated_at: str
    released_at: Any

    @classmethod
    def of(cls, lead: leads.Lead) -> _Stored:
        return cls(
            lead.id,
            lead.verdict,
            lead.score,
            lead.fit,
            lead.status,
            lead.updated_at,
            lead.released_at,
        )


class _Found(NamedTuple):
    """What ``checking.store`` reads of a check."""

    verdict: str
    score: int
    fit: str | None


class _Seen:
    """What passes by: whether a lead is INCOMPLETE, and the checks whose verdict changed."""

    def __init__(self, *, store: bool) -> None:
        self.incomplete = False
        self.changed: list[tuple[Any, Any]] = []
        self.keep = store

    def watch(self, pairs: Iterable[tuple[leads.Lead, Any]]) -> Iterator[tuple[leads.Lead, Any]]:
        for lead, result in pairs:
            if result.verdict == "INCOMPLETE":
                self.incomplete = True
            if self.keep and (lead.verdict, lead.score, lead.fit) != (
                result.verdict,
                result.score,
                result.fit,
            ):
                # What storing needs, and no more: after a change of settings every lead of
                # twenty years may be here.
                self.changed.append(
                    (_Stored.of(lead), _Found(result.verdict, result.score, result.fit))
                )
            yield lead, result

    def store(self, ctx: typer.Context, conn: Any) -> None:
        if self.changed:
            with db.transaction(conn):
                checking.store(conn, self.changed, _common.now(ctx))


def _write(pairs: Iterable[tuple[leads.Lead, Any]], as_json: bool) -> None:
    if as_json:
        console.write_json_texts(result.json_text(lead.id) for lead, result in pairs)
    else:
        _print_checks(pairs)


def _print_checks(pairs: Iterable[tuple[leads.Lead, Any]]) -> None:
    tally: dict[str, int] = {}

    def lines() -> Any:
        for lead, result in pairs:
            tally[result.verdict] = tally.get(result.verdict, 0) + 1
            yield [
                (f"#{lead.id:<5} ", ""),
                (result.verdict, console.VERDICT_STYLES.get(result.verdict, "")),
                (f" {result.score:>3}  ", ""),
                (
                    f"{leads.fit_label(result.fit)}  " if leads.fit_label(result.fit) else "",
                    console.FIT_STYLES.get(result.fit or "", ""),
                ),
                (
                    f"{lead.prospect} ({lead.giver} → {lead.receiver or 'the room'}, {lead.date})",
                    "",
                ),
            ]
            for r in checking.shortfalls(result):
                points = f" {r.points}/{r.max_points}" if r.max_points else ""
                yield [
                    (f"       {r.code} {r.name} ", ""),
                    (f"{r.status}{points}", console.STATUS_STYLES.get(r.status, "")),
                    (f": {r.message}", ""),
                    (f" → {r.hint}" if r.hint else "", "dim"),
                ]

    console.emit(lines())
    order = ("HOT", "WARM", "COLD", "INCOMPLETE")
    counts = ", ".join(f"{tally[v]} {v}" for v in order if tally.get(v))
    total = sum(tally.values())
    console.say(f"Checked {plural(total, 'lead')}" + (f": {counts}" if counts else ""))
