"""`lead check`: the rules run on named leads, a meeting week, or every lead (streamed)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any

import typer

from leadcli import checking, console, db, lead_record
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
        _check_all(ctx, conn, rules, settings, seen, as_json)
        seen.store(ctx, conn)
    else:
        with db.snapshot(conn):
            found = _some(ctx, conn, lead_ids, week)
            checks = checking.check_many(conn, found, settings, rules)
        pairs = list(seen.watch(zip(found, checks, strict=True)))
        seen.store(ctx, conn)
        _write(pairs, as_json)


# Leads a process checks at least before a check of every lead is shared among processes.
SHARED_FROM = 5_000


class _Stale(Exception):
    """The file changed between the moment this process read it and the moment another did."""


def _check_all(
    ctx: typer.Context, conn: Any, rules: Any, settings: Any, seen: _Seen, as_json: bool
) -> None:
    """Every lead, in order of day, the days cut into parts checked at once on the cores at
    hand (``forking``), each part with the leads of the 90 days before it to compare with.

    A forked part reads the file on a connection of its own, in a snapshot of its own: it
    refuses (and the part is checked here) unless the file is as this process sees it. On a
    terminal it is checked here alone: the screen, not the rules, is what takes the time.
    """
    from leadcli import forking

    path = _common.state(ctx).path
    tally: dict[str, int] = {}
    opened = False
    with db.snapshot(conn):
        count = 1 if console.is_terminal(sys.stdout) else forking.jobs()
        spans: list[Any] = checking.parts(conn, count, SHARED_FROM) if count > 1 else []
        if len(spans) < 2:
            spans = [None]
        seen_as = checking.fingerprint(conn) if len(spans) > 1 else None

        def work(span: Any, forked: bool) -> tuple[bool, list[Any], dict[str, int], bool]:
            nonlocal opened
            part = _Seen(store=seen.keep)
            if forked:
                own = db.connect(path, migrate=False)
                own.execute("BEGIN")
                if checking.fingerprint(own) != seen_as:
                    raise _Stale
                source = own
            else:
                source = conn
            found = part.watch(checking.check_all(source, settings, rules, span=span))
            if as_json:
                wrote = console.write_json_items(
                    (result.json_text(lead.id) for lead, result in found),
                    opened=opened or forked,
                )
            else:
                wrote = _print_lines(found, part.tally)
            if not forked:
                opened = opened or wrote
            return part.incomplete, part.changed, part.tally, wrote

        for incomplete, changed, counts, wrote in forking.run_in_order(spans, work):
            seen.incomplete = seen.incomplete or incomplete
            seen.changed.extend(changed)
            for word, number in counts.items():
                tally[word] = tally.get(word, 0) + number
            opened = opened or wrote
    if as_json:
        console.end_json_list(opened)
    else:
        _print_total(tally)


def _some(
    ctx: typer.Context, conn: Any, lead_ids: list[str] | None, week: str | None
) -> list[lead_record.Lead]:
    """The leads named by id, or those of the meeting week."""
    if lead_ids:
        from leadcli.leads import lead_id

        ids = [lead_id(text) for text in lead_ids]
        found = lead_record.query(conn, lead_record.Filters(ids=ids))
        missing = sorted(set(ids) - {lead.id for lead in found})
        if missing:
            from leadcli.errors import NotFound

            raise NotFound(f"no lead {', '.join(f'#{i}' for i in missing)}")
        return found
    assert week is not None
    start, end = _common.week_of(ctx, week)
    return lead_record.query(conn, lead_record.Filters(since=start, until=end))


class _Stored:
    """What ``checking.store`` reads of a lead: its id, stored check, status and times."""

    __slots__ = ("id", "verdict", "score", "fit", "status", "updated_at", "released_at")

    def __init__(self, lead: lead_record.Lead) -> None:
        self.id = lead.id
        self.verdict = lead.verdict
        self.score = lead.score
        self.fit = lead.fit
        self.status = lead.status
        self.updated_at = lead.updated_at
        self.released_at = lead.released_at


class _Found:
    """What ``checking.store`` reads of a check."""

    __slots__ = ("verdict", "score", "fit")

    def __init__(self, verdict: str, score: int, fit: str | None) -> None:
        self.verdict, self.score, self.fit = verdict, score, fit


class _Seen:
    """What passes by: whether a lead is INCOMPLETE, and the checks whose verdict changed."""

    def __init__(self, *, store: bool) -> None:
        self.incomplete = False
        self.changed: list[tuple[Any, Any]] = []
        self.keep = store
        self.tally: dict[str, int] = {}  # leads of each verdict, as printed

    def watch(
        self, pairs: Iterable[tuple[lead_record.Lead, Any]]
    ) -> Iterator[tuple[lead_record.Lead, Any]]:
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
                    (_Stored(lead), _Found(result.verdict, result.score, result.fit))
                )
            yield lead, result

    def store(self, ctx: typer.Context, conn: Any) -> None:
        if self.changed:
            with db.transaction(conn):
                checking.store(conn, self.changed, _common.now(ctx))


def _write(pairs: Iterable[tuple[lead_record.Lead, Any]], as_json: bool) -> None:
    if as_json:
        console.write_json_texts(result.json_text(lead.id) for lead, result in pairs)
    else:
        _print_checks(pairs)


def _print_checks(pairs: Iterable[tuple[lead_record.Lead, Any]]) -> None:
    tally: dict[str, int] = {}
    _print_lines(pairs, tally)
    _print_total(tally)


def _print_lines(pairs: Iterable[tuple[lead_record.Lead, Any]], tally: dict[str, int]) -> bool:
    """Each lead's verdict and what it fell short on, counted in ``tally`` by verdict;
    whether any was printed."""

    def lines() -> Any:
        for lead, result in pairs:
            tally[result.verdict] = tally.get(result.verdict, 0) + 1
            yield [
                (f"#{lead.id:<5} ", ""),
                (result.verdict, console.VERDICT_STYLES.get(result.verdict, "")),
                (f" {result.score:>3}  ", ""),
                (
                    f"{lead_record.fit_label(result.fit)}  "
                    if lead_record.fit_label(result.fit)
                    else "",
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

    before = sum(tally.values())
    console.emit(lines())
    return sum(tally.values()) > before


def _print_total(tally: dict[str, int]) -> None:
    order = ("HOT", "WARM", "COLD", "INCOMPLETE")
    counts = ", ".join(f"{tally[v]} {v}" for v in order if tally.get(v))
    total = sum(tally.values())
    console.say(f"Checked {plural(total, 'lead')}" + (f": {counts}" if counts else ""))
