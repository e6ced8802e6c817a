"""The first verdicts of the leads an import adds: each checked set-based, oldest first,
against the leads of its 90 days (old and new), and all recorded at the end (the leads are
not written while they are read).

Many new leads are cut by day into parts checked at once on the cores at hand (``forking``),
each with the leads of the 90 days before it to compare with: a forked part reads a copy in
memory of the file as the import's transaction sees it (another connection would not see the
new leads) and sends back its verdicts; a part that fails is checked here again. The verdicts
are the same either way, and recorded in the same order.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from leadcli import checking, db, forking, leads
from leadcli.lead_record import LIVE
from leadcli.settings import Settings
from leadcli.transfer.rows import Progress

# Verdicts staged at a time (and how often the progress bar moves).
CHUNK = 2000
# From this many new leads, their check is shared among the cores, unless the file is larger
# than IMAGE_PER_LEAD bytes a lead, or IMAGE_LIMIT bytes (each forked part reads a copy of it
# in memory; copying a lead's share takes about a tenth of the time sharing its check saves).
SHARED = 5_000
IMAGE_PER_LEAD = 4096
IMAGE_LIMIT = 256 * 1024 * 1024

Span = tuple[dt.date, dt.date]


def record(
    conn: sqlite3.Connection,
    settings: Settings,
    now: dt.datetime,
    *,
    new: tuple[int, int, Span],
    progress: Progress | None = None,
) -> Counter[str]:
    """Check the new leads (``new``: the first id, how many, their first and last day) and
    record their first verdicts; counts the verdicts."""
    first_id, added, days = new
    first = leads.FirstChecks(conn)
    # Not beside a progress bar, which runs in a thread of its own (a process is not forked
    # with a thread running).
    shared = progress is None and added >= SHARED
    spans = _parts(conn, first_id, forking.jobs()) if shared else []
    data = db.image(conn) if len(spans) > 1 and _small(conn, added) else None
    if data is None:
        verdicts = _gather(first, _verdicts(conn, settings, days, first_id), progress, 0, added)
    else:

        def work(span: Span, forked: bool) -> list[tuple[int, _Verdict]]:
            source = db.from_image(data) if forked else conn
            return list(_verdicts(source, settings, span, first_id))

        verdicts, done = Counter[str](), 0
        for part in forking.run_in_order(spans, work):
            verdicts += _gather(first, iter(part), progress, done, added)
            done += len(part)
    first.store(now)
    return Counter({word: verdicts[word] for word in leads.VERDICTS if verdicts[word]})


def _verdicts(
    conn: sqlite3.Connection, settings: Settings, span: Span, first_id: int
) -> Iterator[tuple[int, _Verdict]]:
    """The first verdict of each new lead of the days of ``span``, oldest first."""
    for lead, check in checking.check_all(conn, settings, span=span, from_id=first_id):
        yield lead.id, _Verdict(check.verdict, check.score, check.fit)


class _Verdict(NamedTuple):
    """What is recorded of a new lead's first check (and sent back by a forked part)."""

    verdict: str
    score: int
    fit: str | None


def _gather(
    first: leads.FirstChecks,
    found: Iterator[tuple[int, _Verdict]],
    progress: Progress | None,
    done: int,
    total: int,
) -> Counter[str]:
    """Stage verdicts a chunk at a time, saying how far the check has come; counts them."""
    verdicts: Counter[str] = Counter()
    while chunk := list(islice(found, CHUNK)):
        first.add(chunk)
        verdicts.update(verdict.verdict for _, verdict in chunk)
        done += len(chunk)
        if progress:
            progress("check", done, total)
    return verdicts


def _parts(conn: sqlite3.Connection, first_id: int, count: int) -> list[Span]:
    """The days of the new live leads (ids from ``first_id``) cut into at most ``count`` spans
    (first and last day) of about as many of them each."""
    days = [
        (dt.date.fromisoformat(day), number)
        for day, number in conn.execute(
            f"SELECT date, count(*) FROM leads WHERE id >= ? AND {LIVE} "
            "GROUP BY date ORDER BY date",
            [first_id],
        )
    ]
    total = sum(number for _, number in days)
    spans: list[Span] = []
    start: dt.date | None = None
    done = 0
    for day, number in days:
        start = start or day
        done += number
        if len(spans) < count - 1 and done >= total * (len(spans) + 1) / count:
            spans.append((start, day))
            start = None
    if start is not None:
        spans.append((start, days[-1][0]))
    return spans


def _small(conn: sqlite3.Connection, count: int) -> bool:
    """Whether the file is small enough to be copied in memory for forked parts: the copy
    takes less time than sharing the check of ``count`` leads saves (IMAGE_PER_LEAD bytes
    each, up to IMAGE_LIMIT)."""
    pages, size = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
    return pages * size <= min(IMAGE_LIMIT, count * IMAGE_PER_LEAD)
