"""The demo's room: leads that travel it, needs nobody meets, visitors and applicants.

Built after the sample group, with the same domain functions the commands use: a won lead to an
attorney spins off a lead to the realtor (the house is sold), a realtor's to the mortgage broker,
the title company, the inspector and the trades, so `lead travel` and the report have real
patterns to show. A seed other than the default names the group differently, so that two demo
files (`demo --db lunch.db` and `demo --db breakfast.db --seed 8`) read as two groups side by
side in `category openings --also`.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import heapq
import json
import random
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from leadcli import categories, clock, leads, members, pipeline, settings, visitors
from leadcli.demo_data import FIRST_NAMES, LAST_NAMES
from leadcli.errors import Conflict, LeadcliError
from leadcli.members import Member

DEFAULT_SEED = 7

# The trades a sample group always has, so leads can travel between them; the rest are drawn.
HUB = (
    "Family Law Attorney",
    "Estate Planning Attorney",
    "Residential Realtor",
    "Mortgage Broker",
    "Title Company",
    "Home Inspector",
    "Plumber",
    "Electrician",
    "Kitchen Remodeler",
    "Financial Planner",
)

# Where a won lead goes next, by the kind of its receiver: (kind, weight, what the prospect needs).
FOLLOWS: dict[str, tuple[tuple[str, int, str], ...]] = {
    "attorney": (
        ("realtor", 6, "has to sell the family house as part of the settlement"),
        ("financial advisor", 3, "needs a plan for the money from the estate"),
        ("accountant", 2, "needs the estate's final tax return done"),
    ),
    "realtor": (
        ("mortgage", 6, "needs a mortgage pre-approval for the new house"),
        ("title", 4, "needs title insurance and escrow for the closing"),
        ("home inspection", 3, "needs an inspection before the offer expires"),
        ("moving", 3, "needs movers for the end of the month"),
        ("plumber", 2, "found a leaking water heater in the new house"),
        ("electrician", 2, "needs the panel upgraded before moving in"),
        ("remodeling", 2, "wants the kitchen redone before moving in"),
        ("painter", 2, "wants every room painted before moving in"),
        ("insurance", 2, "needs homeowners insurance for the new house"),
    ),
    "mortgage": (
        ("title", 4, "needs title insurance for the refinance"),
        ("insurance", 3, "needs homeowners insurance before the loan closes"),
        ("financial advisor", 1, "wants advice on paying the loan down"),
    ),
    "remodeling": (
        ("plumber", 3, "needs the kitchen re-plumbed for the remodel"),
        ("electrician", 3, "needs new circuits for the remodel"),
        ("painter", 2, "needs painting once the remodel is done"),
        ("flooring", 2, "wants new floors through the remodeled rooms"),
    ),
    "home inspection": (
        ("roofer", 2, "has roof damage the inspection found"),
        ("pest control", 2, "has termites the inspection found"),
    ),
    "financial advisor": (
        ("attorney", 2, "needs a will and a trust drawn up"),
        ("accountant", 2, "needs help with the taxes on the investments"),
    ),
}

# Demo categories the shipped vocabulary has no sphere for, put in one as a group would.
SPHERES = {
    "Property Manager": "home",
    "Solar Installer": "trades",
    "Pool Service": "trades",
    "Locksmith": "trades",
    "Security Systems": "trades",
    "Window Cleaning": "trades",
    "Commercial Lender": "money and law",
    "Payroll Services": "money and law",
    "Graphic Designer": "business services",
    "Copywriter": "business services",
    "Business Coach": "business services",
    "Bakery": "events",
    "Optometrist": "health",
}

# Needs that come up in a room, for categories a sample group may not hold.
WANTED = (
    ("Florist", "flowers for a client's wedding"),
    ("Caterer", "lunch for a 40-person open house"),
    ("Wedding Planner", "a planner for a June wedding"),
    ("Dentist", "a family dentist for a new neighbour"),
    ("Home Inspector", "an inspection before an offer"),
    ("Bookkeeper", "monthly books for a bakery"),
    ("Locksmith", "new locks after a move"),
    ("Moving Company", "movers for an office"),
    ("Notary", "a mobile notary for a closing"),
    ("Pool Service", "a pool opened for the season"),
    ("Veterinarian", "a vet for a new puppy"),
    ("Interior Designer", "help staging a house for sale"),
)

# Visitors bring a category: some taken (they wait), some open (they may join).
VISITOR_CATEGORIES = (
    "Plumber",
    "Residential Realtor",
    "Florist",
    "Caterer",
    "Mortgage Broker",
    "Dentist",
    "Interior Designer",
    "Photographer",
    "Bookkeeper",
    "Notary",
)


def build(conn: sqlite3.Connection, *, seed: int, now: dt.datetime) -> int:
    """Add the room to a freshly built demo group; returns the number of leads added."""
    from leadcli import db

    rng = random.Random(seed * 7919 + 13)
    today = now.date()
    with db.transaction(conn):
        if seed != DEFAULT_SEED:
            settings.store(conn, {"group.name": f"Lakeside Breakfast Club (demo, seed {seed})"})
        group = settings.load(conn)
        for category, sphere in SPHERES.items():
            if any(m.category == category for m in members.all_members(conn, include_left=False)):
                categories.set_sphere(conn, category, sphere, today)
        added = _spin_offs(conn, rng, group, now)
        _needs(conn, rng, today)
        _visitors(conn, rng, today)
    return added


def _meeting_days(conn: sqlite3.Connection) -> list[dt.date]:
    rows = conn.execute("SELECT date FROM meetings WHERE holiday = 0 ORDER BY date")
    return [dt.date.fromisoformat(r[0]) for r in rows]


def _spin_offs(
    conn: sqlite3.Connection, rng: random.Random, group: settings.Settings, now: dt.datetime
) -> int:
    """Won leads, oldest first, spin off leads along FOLLOWS; a spin-off won spins off in turn.

    Each spin-off is stored as `lead add`, `lead contacted` and `lead update --status` would
    have stored it (the same rows, checks and history), written a chunk at a time."""
    days = _meeting_days(conn)
    spun = _Spun(conn, group)
    # Categories do not change here: each member's kind, worked out once.
    kinds = {m.id: categories.kind(m.category) for m in spun.roster.values()}
    rows = conn.execute(
        "SELECT closed_at, id, receiver_id FROM leads "
        "WHERE status = 'won' AND receiver_id IS NOT NULL AND closed_at IS NOT NULL"
    )
    wins = [(dt.datetime.fromisoformat(closed), lead_id, to) for closed, lead_id, to in rows]
    heapq.heapify(wins)
    while wins:
        _, lead_id, receiver_id = heapq.heappop(wins)
        spin_off = spun.won.pop(lead_id, None)
        follows = FOLLOWS.get(kinds[receiver_id])
        if not follows or rng.random() > 0.7:
            continue
        parent = spin_off or leads.get(conn, lead_id)
        assert parent.closed_at is not None and parent.receiver_id is not None
        found = bisect.bisect_right(days, parent.closed_at.date())
        if found == len(days):
            continue
        day = days[found]
        chosen = {rng.choices(follows, [w for _, w, _ in follows])[0] for _ in range(2)}
        for kind, _, need in sorted(chosen):
            receiver = _member_of(spun.roster.values(), kinds, kind, day, parent)
            if receiver is None:
                continue
            try:
                child = _add_child(conn, rng, parent, receiver, day, need, group, now, spun)
            except LeadcliError:
                continue  # the member who closed it had left by then
            won_at = _follow_up(rng, child, group, now, spun)
            if won_at is not None:
                heapq.heappush(wins, (won_at, child.id, receiver.id))
    spun.flush()
    return spun.count


def _member_of(
    roster: Iterable[Member], kinds: dict[int, str], kind: str, day: dt.date, parent: leads.Lead
) -> Member | None:
    """The first member of that kind on the roll that day, not the parent's giver or receiver."""
    for m in roster:
        if (
            kinds[m.id] == kind
            and m.on_roll(day)
            and m.id not in (parent.receiver_id, parent.giver_id)
        ):
            return m
    return None


class _Spun:
    """The spin-offs made so far: their rows and history, written a chunk at a time, and the
    leads they are checked against (``_Window``)."""

    def __init__(self, conn: sqlite3.Connection, group: settings.Settings) -> None:
        self.conn = conn
        self.roster = {m.id: m for m in members.all_members(conn)}
        self.joined = {m.id: m.joined for m in self.roster.values()}
        self.window = _Window(conn, group, self.flush)
        self.next_id = self.window.last_id + 1
        self.count = 0
        self.rows: list[tuple[Any, ...]] = []
        self.events: list[tuple[Any, ...]] = []
        self.won: dict[int, leads.Lead] = {}  # spin-offs won, until they are parents

    def add(self, row: dict[str, Any], events: list[tuple[Any, ...]]) -> None:
        """A spin-off's row as it ends up, and its history."""
        self.rows.append(tuple(row[column] for column in ROW_COLUMNS))
        self.events.extend(events)
        self.count += 1
        if len(self.rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            placeholders = ", ".join("?" * len(ROW_COLUMNS))
            self.conn.executemany(
                f"INSERT INTO leads ({', '.join(ROW_COLUMNS)}) VALUES ({placeholders})", self.rows
            )
            self.rows = []
        if self.events:
            self.conn.executemany(
                "INSERT INTO lead_events (lead_id, at, kind, detail, note, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                self.events,
            )
            self.events = []


CHUNK = 2000
# A spin-off's row: the columns `lead add` writes, then those its check and pipeline set.
ROW_COLUMNS = (
    "id",
    "date",
    "type",
    "giver_id",
    "receiver_id",
    "company",
    "contact",
    "title",
    "phones",
    "email",
    "description",
    "need",
    "heard",
    "decision",
    "public",
    "may_use_name",
    "expecting_call",
    "need_discussed",
    "source",
    "parent_id",
    "notes",
    "status",
    "created_at",
    "updated_at",
    "verdict",
    "score",
    "fit",
    "contacted_at",
    "closed_at",
    "amount_cents",
)


def _add_child(
    conn: sqlite3.Connection,
    rng: random.Random,
    parent: leads.Lead,
    receiver: Member,
    day: dt.date,
    need: str,
    group: settings.Settings,
    now: dt.datetime,
    spun: _Spun,
) -> _Child:
    """A spin-off: the same prospect, passed on by the member who closed the parent; refused,
    stored and checked as `lead add` would (not written yet: ``spun`` writes it)."""
    from leadcli import checking

    assert parent.receiver_id is not None and parent.receiver is not None
    # A member's own need: the member who gave it is the client the spin-off is about.
    own = parent.type == "member-need"
    contact = parent.contact or (parent.giver if own else None)
    phones = parent.phones or ((parent.giver_phone,) if own and parent.giver_phone else ())
    email = parent.email or (parent.giver_email if own else None)
    who = contact or parent.company or "The client"
    description = (
        f"{who} closed with {parent.receiver} last month and {need}. "
        f"They know {receiver.name} is expecting the call and want a quote this month."
    )
    heard = day - dt.timedelta(days=rng.randint(1, 6))
    decision = day + dt.timedelta(days=rng.randint(14, 60))
    need_discussed = rng.random() < 0.8
    given = dt.datetime.combine(day, group_time(group), tzinfo=now.tzinfo)
    at = min(given, now)
    # What `lead add` refuses: a giver or receiver who had left by then, a date before the
    # parent's (the other checks hold by construction).
    giver = spun.roster[parent.receiver_id]
    for member in (giver, receiver):
        if member.left_on is not None and day > member.left_on:
            raise Conflict(f"{member.label} left on {member.left_on}, before {day}")
    leads.check_spin_off_date(day, parent.date, f"lead #{parent.id}")
    for member in (giver, receiver):
        if spun.joined[member.id] > day:  # typed in at its meeting: they were in the group
            with clock.set_to(at):
                members.backdate(conn, member.id, day)
            spun.joined[member.id] = day
    stamp = clock.stamp(at)
    lead = leads.Lead(
        id=spun.next_id,
        date=day,
        type="direct-referral",
        giver_id=giver.id,
        giver=giver.name,
        receiver_id=receiver.id,
        receiver=receiver.name,
        company=parent.company,
        contact=contact,
        title=parent.title,
        phones=tuple(phones),
        email=email,
        website=None,
        address=None,
        alt_contacts=(),
        description=description,
        need=need[0].upper() + need[1:],
        heard=heard,
        decision=decision,
        public=False,
        may_use_name=True,
        expecting_call=True,
        need_discussed=need_discussed,
        prospect_type=None,
        value_cents=None,
        decision_maker=None,
        intent=None,
        fit=None,
        source="past client",
        parent_id=parent.id,
        notes=f"Came from lead #{parent.id}",
        status="new",
        verdict=None,
        score=None,
        amount_cents=None,
        contacted_at=None,
        closed_at=None,
        released_at=None,
        created_at=stamp,
        updated_at=stamp,
        voided_at=None,
        void_reason=None,
        giver_phone=giver.phone,
        giver_email=giver.email,
    )
    spun.next_id += 1
    check = spun.window.check(lead)
    status = checking.status_for(check.verdict, None)
    lead.verdict, lead.score, lead.fit, lead.status = check.verdict, check.score, check.fit, status
    row = {
        "id": lead.id,
        "date": day.isoformat(),
        "type": lead.type,
        "giver_id": lead.giver_id,
        "receiver_id": lead.receiver_id,
        "company": lead.company,
        "contact": lead.contact,
        "title": lead.title,
        "phones": json.dumps(list(lead.phones)),
        "email": lead.email,
        "description": lead.description,
        "need": lead.need,
        "heard": heard.isoformat(),
        "decision": decision.isoformat(),
        "public": 0,
        "may_use_name": 1,
        "expecting_call": 1,
        "need_discussed": int(need_discussed),
        "source": lead.source,
        "parent_id": lead.parent_id,
        "notes": lead.notes,
        "status": status,
        "created_at": stamp,
        "updated_at": stamp,
        "verdict": check.verdict,
        "score": check.score,
        "fit": check.fit,
        "contacted_at": None,
        "closed_at": None,
        "amount_cents": None,
    }
    detail = {"verdict": check.verdict, "score": check.score, "fit": check.fit, "status": status}
    created = (lead.id, stamp, "created", json.dumps(detail), None, stamp)
    return _Child(lead, row, [created])


@dataclass
class _Child:
    """A spin-off being made: the lead as read back, its row as it will be written, its history."""

    lead: leads.Lead
    row: dict[str, Any]
    events: list[tuple[Any, ...]]

    @property
    def id(self) -> int:
        return self.lead.id


class _Window:
    """The rules of `lead add`, with the leads a spin-off is compared with kept at hand: the
    group's leads of the days up to the spin-off's (read a stretch of days at a time, as the
    spin-offs' days move forward) and the spin-offs added so far. ``checking.check_one`` would
    read the 90 days before each spin-off again."""

    def __init__(
        self, conn: sqlite3.Connection, group: settings.Settings, flush: Callable[[], None]
    ) -> None:
        from leadcli import checking
        from leadcli.rules import Context, SlidingIndex, evaluator

        self.conn, self.group, self.flush = conn, group, flush
        self.index = SlidingIndex(checking.DUPLICATE_DAYS)
        self.judge = evaluator(Context(group, self.index, checking.group_profile(conn)))
        # The leads there were before the first spin-off; those added since are indexed here.
        self.last_id = conn.execute("SELECT coalesce(max(id), 0) FROM leads").fetchone()[0]
        self.read_to: dt.date | None = None
        self.dates: dict[str, dt.date] = {}
        self.wanted = _Wanted(conn)

    def check(self, lead: leads.Lead) -> Any:
        """The check of a new spin-off, its days in order (else read from the file, as `lead add`
        does, once the spin-offs before it are written)."""
        from leadcli import checking

        if self.read_to is not None and lead.date < self.read_to:
            self.index.add(lead.id, lead.date, lead.type, lead.phones, lead.email, lead.company)
            self.flush()
            return checking.check_one(self.conn, lead, self.group)
        since = self.read_to or lead.date - dt.timedelta(days=checking.DUPLICATE_DAYS)
        rows = self.conn.execute(
            "SELECT id, date, type, phones, email, company FROM leads "
            "WHERE date BETWEEN ? AND ? AND id <= ? AND voided_at IS NULL ORDER BY date, id",
            [since.isoformat(), lead.date.isoformat(), self.last_id],
        )
        add, read, dates = self.index.add, self.read_to and self.read_to.isoformat(), self.dates
        shares = self.wanted.shares
        for lead_id, day, kind, phones, email, company in rows:
            if day == read or not shares(phones, email, company):
                continue  # that day's leads are in already, or no spin-off can match it
            date = dates.get(day)
            if date is None:
                date = dates[day] = dt.date.fromisoformat(day)
            add(
                lead_id,
                date,
                kind,
                () if phones == "[]" else tuple(json.loads(phones)),
                email,
                company,
            )
        self.read_to = lead.date
        self.index.forget_before(lead.date)
        self.index.add(lead.id, lead.date, lead.type, lead.phones, lead.email, lead.company)
        return self.judge(lead.facts())


class _Wanted:
    """The phones, emails and company names a spin-off can have: those of the leads won (a
    spin-off takes its parent's, or for a member's own need the member's), so the leads that
    share none of them need not be indexed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        from leadcli.rules import normalize_company

        self.normalize = normalize_company
        self.phones: set[str] = set()
        self.emails: set[str] = set()
        self.companies: set[str] = set()
        rows = conn.execute(
            "SELECT l.type, l.company, l.phones, l.email, g.phone, g.email FROM leads l "
            "JOIN members g ON g.id = l.giver_id WHERE l.status = 'won' AND l.receiver_id IS NOT NULL"
        )
        for kind, company, phones, email, giver_phone, giver_email in rows:
            self.phones.update(json.loads(phones))
            if email:
                self.emails.add(email.lower())
            if kind == "member-need":
                if giver_phone:
                    self.phones.add(giver_phone)
                if giver_email:
                    self.emails.add(giver_email.lower())
            self.companies.add(normalize_company(company))
        self.companies.discard("")

    def shares(self, phones: str, email: str | None, company: str | None) -> bool:
        """Whether a row of the leads table (phones as stored) has one of them."""
        if email and email.lower() in self.emails:
            return True
        if phones != "[]" and not self.phones.isdisjoint(json.loads(phones)):
            return True
        return bool(company) and self.normalize(company) in self.companies


def group_time(group: settings.Settings) -> dt.time:
    hour, minute = group.text("group.meeting_time").split(":")
    return dt.time(int(hour), int(minute))


def _follow_up(
    rng: random.Random,
    child: _Child,
    group: settings.Settings,
    now: dt.datetime,
    spun: _Spun,
) -> dt.datetime | None:
    """Called within a few hours; most won within weeks, recorded as `lead contacted` and
    `lead update --status` would. Returns when it was won, if it was."""
    lead, row = child.lead, child.row
    given = dt.datetime.combine(lead.date, group_time(group), tzinfo=now.tzinfo)
    called = given + dt.timedelta(hours=rng.uniform(1, 20))
    won_at = None
    # `lead contacted` refuses a moment before the lead was given.
    if called <= now and lead.status != "research" and called >= pipeline.given_at(lead, group):
        contacted_at = clock.stamp(called)
        row.update(contacted_at=contacted_at, status="contacted", updated_at=contacted_at)
        due = pipeline.due(lead, group)
        late = int((dt.datetime.fromisoformat(contacted_at) - due).total_seconds() // 60)
        detail: dict[str, Any] = {"due": clock.stamp(due), "minutes_late": late}
        child.events.append(
            (lead.id, contacted_at, "contacted", json.dumps(detail), None, contacted_at)
        )
        closed = called + dt.timedelta(days=rng.uniform(7, 35))
        if closed <= now:
            won = rng.random() < 0.7
            closed_at = clock.stamp(closed)
            row.update(status="won" if won else "lost", closed_at=closed_at, updated_at=closed_at)
            detail = {"from": "contacted", "to": row["status"]}
            if won:
                row["amount_cents"] = cents = rng.randint(8, 120) * 10000
                detail["amount"] = cents / 100
                won_at = closed
                spun.won[lead.id] = dataclasses.replace(
                    lead, status="won", closed_at=dt.datetime.fromisoformat(closed_at)
                )
            child.events.append((lead.id, closed_at, "status", json.dumps(detail), None, closed_at))
    spun.add(row, child.events)
    return won_at


def _needs(conn: sqlite3.Connection, rng: random.Random, today: dt.date) -> None:
    """Needs nobody in the room could take, over the last twenty weeks."""
    active = members.all_members(conn, include_left=False)
    held = {categories.kind(m.category) for m in active}
    open_ = [(c, what) for c, what in WANTED if categories.kind(c) not in held]
    for category, what in rng.sample(open_, min(5, len(open_))):
        for _ in range(rng.choice((1, 1, 2, 3, 4))):
            day = today - dt.timedelta(weeks=rng.randint(0, 19), days=rng.randint(0, 6))
            giver = rng.choice(active)
            if giver.joined > day:
                continue
            categories.want(conn, category, member=giver, day=day, note=f"a client wanted {what}")


def _visitors(conn: sqlite3.Connection, rng: random.Random, today: dt.date) -> None:
    """Visitors over the last twelve weeks, each invited by a member on the roll that day."""
    active = members.all_members(conn, include_left=False)
    meetings = [d for d in _meeting_days(conn) if (today - d).days <= 84]
    for category in rng.sample(VISITOR_CATEGORIES, 6):
        day = rng.choice(meetings) if meetings else today
        inviters = [m for m in active if m.joined <= day]
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        try:
            visitors.add(
                conn,
                name=name,
                day=day,
                category=category,
                business=f"{name.split()[1]} {category}",
                invited_by=rng.choice(inviters) if inviters else None,
            )
        except LeadcliError:
            continue  # a visitor who shares a member's name is left out
