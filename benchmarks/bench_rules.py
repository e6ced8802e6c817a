"""Throughput of the hot-lead rules: 100,000 leads in memory, indexed for duplicates and checked.

    python benchmarks/bench_rules.py [--leads N] [--seed S] [--runs R]

Prints the time to build the duplicate index and the leads checked per second, one at a time
(``evaluator``) and a batch of 1,000 at a time (``batch_evaluator``, as `lead check` and imports
judge them), each the best of R runs, in CPU time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections import Counter

from leadcli.rules import (
    Context,
    DuplicateIndex,
    LeadFacts,
    batch_evaluator,
    evaluator,
    normalize_company,
)
from leadcli.rules.base import LEAD_TYPES
from leadcli.settings import Settings

START = dt.date(2024, 1, 3)
SAMPLE = (
    "The owner is opening a second office in March and needs it wired for phones and network; "
    "the new lease also means signs, a website, insurance, payroll and a kitchen remodel."
)
WORDS = SAMPLE.replace(",", "").replace(";", "").replace(".", "").split()
SUFFIXES = ("", " Inc", " Co.", ", LLC", " Ltd", " Corporation")
MAYBE = (True, False, None)


def make_leads(count: int, seed: int) -> list[LeadFacts]:
    """``count`` varied leads over about four years; some share a phone, email or company."""
    rng = random.Random(seed)
    companies = [
        f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}" for i in range(count // 5)
    ]
    leads = []
    for i in range(1, count + 1):
        date = START + dt.timedelta(days=rng.randrange(1460))
        kind = rng.choice(LEAD_TYPES)
        company = rng.choice(companies) + rng.choice(SUFFIXES) if rng.random() < 0.9 else None
        giver = rng.randrange(1, 40)
        leads.append(
            LeadFacts(
                id=i,
                date=date,
                type=kind,
                giver_id=giver,
                receiver_id=None if kind == "general-opportunity" else rng.randrange(1, 40),
                company=company,
                contact=f"Contact {i}" if rng.random() < 0.9 else None,
                title="Owner" if rng.random() < 0.6 else None,
                phones=(f"+1415555{rng.randrange(10_000):04d}",) if rng.random() < 0.8 else (),
                email=f"person{rng.randrange(count)}@example.com" if rng.random() < 0.7 else None,
                description=" ".join(rng.choices(WORDS, k=rng.randrange(0, 45))),
                heard=date - dt.timedelta(days=rng.randrange(40)) if rng.random() < 0.8 else None,
                decision=date + dt.timedelta(days=rng.randrange(-10, 500))
                if rng.random() < 0.7
                else None,
                public=rng.choice(MAYBE),
                may_use_name=rng.choice(MAYBE),
                expecting_call=rng.choice(MAYBE),
                need_discussed=rng.choice(MAYBE),
                giver_name=f"Member {giver}",
                giver_phone="+14155550101",
                giver_email=None,
            )
        )
    return leads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    leads = make_leads(args.leads, args.seed)

    built = checked = batched = float("inf")
    clock = time.process_time
    for _ in range(args.runs):
        normalize_company.cache_clear()
        started = clock()
        index = DuplicateIndex.build(leads)
        built = min(built, clock() - started)

        ctx = Context(Settings(), index)
        judge = evaluator(ctx)
        started = clock()
        checks = [judge(lead) for lead in leads]
        checked = min(checked, clock() - started)

        judge_batch = batch_evaluator(ctx)
        started = clock()
        batches = [c for i in range(0, len(leads), 1000) for c in judge_batch(leads[i : i + 1000])]
        batched = min(batched, clock() - started)
        assert batches == checks, "a batch is judged as each lead alone"

    verdicts = Counter(c.verdict for c in checks)
    duplicates = sum(1 for c in checks if c.results[-1].status == "warn")
    print(f"duplicate index of {len(leads):,} leads built in {built:.3f} s ({len(index):,} keys)")
    print(f"verdicts: {dict(sorted(verdicts.items()))}; possible duplicates: {duplicates:,}")
    print(
        f"checked in {checked:.3f} s one at a time, {batched:.3f} s in batches (best of {args.runs})"
    )
    print(
        f"leads checked per second of CPU time: {len(leads) / checked:,.0f} one at a time, "
        f"{len(leads) / batched:,.0f} in batches"
    )


if __name__ == "__main__":
    main()
