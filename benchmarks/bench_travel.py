"""Where a lead travels and which categories are open, on a group of one year and of twenty.

    python benchmarks/bench_travel.py [--runs 5] [--weeks 52 1040]

Both groups have 60 members and about two leads a member a week. Prints the median time of
the ranking of `lead travel` for a won lead (the spin-off history read whole; `lead add` and
`lead update --status won` print the same ranking) and of `category openings`, in one process
(aim: under 0.1 s at every size).
"""

from __future__ import annotations

import argparse
import statistics
import time

from _groups import group


def median(runs: int, work: object) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--weeks", type=int, nargs="+", default=[52, 1040])
    args = parser.parse_args()
    from leadcli import categories, clock, db, leads, travel

    for weeks in args.weeks:
        conn = db.connect(group(60, weeks))
        won = leads.select(conn, " WHERE l.status = 'won' AND l.receiver_id IS NOT NULL LIMIT 1")[0]
        count = conn.execute("SELECT count(*) FROM leads").fetchone()[0]
        spun = conn.execute("SELECT count(*) FROM leads WHERE parent_id > 0").fetchone()[0]
        today = clock.today()
        ranking = median(args.runs, lambda conn=conn, won=won: travel.next_stops(conn, won))
        openings = median(
            args.runs,
            lambda conn=conn, today=today: categories.openings(
                [categories.read_group(conn, today)]
            ),
        )
        print(
            f"{weeks:>5} weeks, {count:>7} leads ({spun} spin-offs): "
            f"lead travel {ranking * 1000:.1f} ms, category openings {openings * 1000:.1f} ms"
        )
        conn.close()


if __name__ == "__main__":
    main()
