"""The demo's room: leads that travel it, needs nobody meets, visitors and applicants.

Spin-offs are made along with the sample group's leads and stored as the commands would store
them; the rest is built after, with the same domain functions the commands use. A won lead to an
attorney spins off a lead to the realtor (the house is sold), a realtor's to the mortgage broker,
the title company, the inspector and the trades, so `lead travel` and the report have real
patterns to show. A seed other than the default names the group differently, so that two demo
files (`demo --db lunch.db` and `demo --db breakfast.db --seed 8`) read as two groups side by
side in `category openings --also`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import json
import random
import sqlite3
from dataclasses import dataclass
from typing import Any

from leadcli import categories, clock, leads, members, pipeline, settings, visitors
from leadcli.demo_data import FIRST_NAMES, LAST_NAMES
from leadcli.errors import Conflict, LeadcliError
from leadcli.lead_record import company_key
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


def build(conn: sqlite3.Connection, spin_offs: SpinOffs) -> int:
    """Add the room to a freshly built demo group (its spin-offs made along with it); returns
    the number of leads added."""
    from leadcli import db

    rng, today = spin_offs.rng, spin_offs.now.date()
    with db.transaction(conn):
        if spin_offs.seed != DEFAULT_SEED:
            name = f"Lakeside Breakfast Club (demo, seed {spin_offs.seed})"
            settings.store(conn, {"group.name": name})
        for category, sphere in SPHERES.items():
            if any(m.category == category for m in members.all_members(conn, include_left=False)):
                categories.set_sphere(conn, category, sphere, today)
        added = spin_offs.write(conn)
        _needs(conn, rng, today)
        _visitors(conn, rng, today)
    return added


def _meeting_days(conn: sqlite3.Connection) -> list[dt.date]:
    rows = conn.execute("SELECT date FROM meetings WHERE holiday = 0 ORDER BY date")
    return [dt.date.fromisoformat(r[0]) for r in rows]


# Spin-offs are numbered from here while the group's own leads are still being made, and take
# the ids after the last of those when they are written (in the same order).
FIRST_ID = 10**15


class SpinOffs:
    """Won leads, oldest first, spin off leads along FOLLOWS; a spin-off won spins off in turn.

    Made day by day as the sample group's leads are: a spin-off is given at the first meeting
    after its parent was won, and checked by the rules of `lead add` against the group's leads
    of its 90 days (the demo's own index of them, ``index``) and the spin-offs before it. Each
    is stored as `lead add`, `lead contacted` and `lead update --status` would have stored it
    (the same rows, checks and history), written once the group's leads are."""

    def __init__(
        self, conn: sqlite3.Connection, *, seed: int, now: dt.datetime, index: Any
    ) -> None:
        from leadcli import checking
        from leadcli.rules import Context, SlidingIndex, evaluator

        self.seed, self.now = seed, now
        self.rng = random.Random(seed * 7919 + 13)
        self.group = settings.load(conn)
        self.days = _meeting_days(conn)
        self.roster = {m.id: m for m in members.all_members(conn)}
        self.joined = {m.id: m.joined for m in self.roster.values()}
        # Categories do not change here: each member's kind, worked out once.
        self.kinds = {m.id: categories.kind(m.category) for m in self.roster.values()}
        self.own = SlidingIndex(checking.DUPLICATE_DAYS)
        both = _Both(index, self.own)
        self.judge = evaluator(Context(self.group, both, checking.group_profile(conn)))
        self.wins: list[tuple[dt.datetime, int, int]] = []  # a heap of (won at, id, receiver)
        self.parents: dict[int, _Parent] = {}  # the leads in the heap
        self.next_id = FIRST_ID
        self.made: list[_Child] = []

    def won(self, lead: dict[str, Any]) -> None:
        """A lead of the group won (a row as the demo writes it): its receiver may pass one on."""
        receiver_id = lead["receiver_id"]
        if receiver_id is None or lead["closed_at"] is None:
            return
        if not FOLLOWS.get(self.kinds[receiver_id]):
            return  # nothing follows from that kind of business
        giver, receiver = self.roster[lead["giver_id"]], self.roster[receiver_id]
        closed = dt.datetime.fromisoformat(lead["closed_at"])
        self.parents[lead["id"]] = _Parent(
            id=lead["id"],
            date=dt.date.fromisoformat(lead["date"]),
            type=lead["type"],
            giver_id=giver.id,
            giver=giver.name,
            giver_phone=giver.phone,
            giver_email=giver.email,
            receiver_id=receiver.id,
            receiver=receiver.name,
            company=lead["company"],
            contact=lead["contact"],
            title=lead["title"],
            phones=tuple(json.loads(lead["phones"])),
            email=lead["email"],
            closed_at=closed,
        )
        heapq.heappush(self.wins, (closed, lead["id"], receiver_id))

    def until(self, last: dt.date | None) -> None:
        """Make the spin-offs given up to the meeting of ``last`` (None: every one left); the
        group's leads up to that day are made and indexed."""
        rng, days, wins = self.rng, self.days, self.wins
        while wins:
            _, lead_id, receiver_id = wins[0]
            parent = self.parents[lead_id]
            found = bisect.bisect_right(days, parent.closed_at.date())
            if last is not None and (found == len(days) or days[found] > last):
                return  # given at a later meeting
            heapq.heappop(wins)
            del self.parents[lead_id]
            follows = FOLLOWS[self.kinds[receiver_id]]
            if rng.random() > 0.7 or found == len(days):
                continue
            day = days[found]
            chosen = {rng.choices(follows, [w for _, w, _ in follows])[0] for _ in range(2)}
            for kind, _, need in sorted(chosen):
                receiver = self._member_of(kind, day, parent)
                if receiver is None:
                    continue
                try:
                    child = _add_child(rng, parent, receiver, day, need, self)
                except LeadcliError:
                    continue  # the member who closed it had left by then
                _follow_up(rng, child, self)

    def _member_of(self, kind: str, day: dt.date, parent: _Parent) -> Member | None:
        """The first member of that kind on the roll that day, not the parent's giver or receiver."""
        for m in self.roster.values():
            if (
                self.kinds[m.id] == kind
                and m.on_roll(day)
                and m.id not in (parent.receiver_id, parent.giver_id)
            ):
                return m
        return None

    def check(self, lead: leads.Lead) -> Any:
        """The check `lead add` gives a new spin-off."""
        self.own.forget_before(lead.date)
        self.own.add(lead.id, lead.date, lead.type, lead.phones, lead.email, lead.company)
        return self.judge(lead.facts())

    def write(self, conn: sqlite3.Connection) -> int:
        """Store the spin-offs, numbered after the group's leads; returns how many."""
        self.until(None)
        last = conn.execute("SELECT coalesce(max(id), 0) FROM leads").fetchone()[0]

        def number(lead_id: int) -> int:
            return lead_id if lead_id < FIRST_ID else last + 1 + lead_id - FIRST_ID

        columns = ", ".join(ROW_COLUMNS)
        placeholders = ", ".join("?" * len(ROW_COLUMNS))
        for start in range(0, len(self.made), CHUNK):
            chunk = self.made[start : start + CHUNK]
            rows, events = [], []
            for child in chunk:
                row = child.row
                parent = number(row["parent_id"])
                row.update(
                    id=number(row["id"]), parent_id=parent, notes=f"Came from lead #{parent}"
                )
                rows.append(tuple(row[column] for column in ROW_COLUMNS))
                events.extend((row["id"], *event[1:]) for event in child.events)
            conn.executemany(f"INSERT INTO leads ({columns}) VALUES ({placeholders})", rows)
            conn.executemany(
                "INSERT INTO lead_events (lead_id, at, kind, detail, note, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                events,
            )
        return len(self.made)


class _Both:
    """The group's leads and the spin-offs, as one duplicate index (what the rules read)."""

    def __init__(self, first: Any, second: Any) -> None:
        self.first, self.second = first, second
        self.window_days = first.window_days

    def matches(self, lead: Any) -> list[tuple[int, str]]:
        from leadcli.rules.duplicates import FIELDS

        found = self.first.matches(lead) + self.second.matches(lead)
        return sorted(found, key=lambda match: (match[0], FIELDS.index(match[1])))


@dataclass(slots=True)
class _Parent:
    """What a spin-off takes from the lead it came from."""

    id: int
    date: dt.date
    type: str
    giver_id: int
    giver: str
    giver_phone: str | None
    giver_email: str | None
    receiver_id: int
    receiver: str
    company: str | None
    contact: str | None
    title: str | None
    phones: tuple[str, ...]
    email: str | None
    closed_at: dt.datetime


CHUNK = 2000
# A spin-off's row: the columns `lead add` writes, then those its check and pipeline set.
ROW_COLUMNS = (
    "id",
    "date",
    "type",
    "giver_id",
    "receiver_id",
    "company",
    "company_key",
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
    rng: random.Random,
    parent: _Parent,
    receiver: Member,
    day: dt.date,
    need: str,
    spun: SpinOffs,
) -> _Child:
    """A spin-off: the same prospect, passed on by the member who closed the parent; refused
    and checked as `lead add` would (written later, with the others)."""
    from leadcli import checking

    group, now = spun.group, spun.now
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
    # parent's (the other checks hold by construction). Both were on the roll by that day, so
    # no joined date moves back.
    giver = spun.roster[parent.receiver_id]
    for member in (giver, receiver):
        if member.left_on is not None and day > member.left_on:
            raise Conflict(f"{member.label} left on {member.left_on}, before {day}")
        assert spun.joined[member.id] <= day
    leads.check_spin_off_date(day, parent.date, f"lead #{parent.id}")
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
        notes=None,  # "Came from lead #ID", once numbered
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
    check = spun.check(lead)
    status = checking.status_for(check.verdict, None)
    lead.verdict, lead.score, lead.fit, lead.status = check.verdict, check.score, check.fit, status
    row = {
        "id": lead.id,
        "date": day.isoformat(),
        "type": lead.type,
        "giver_id": lead.giver_id,
        "receiver_id": lead.receiver_id,
        "company": lead.company,
        "company_key": company_key(lead.company),
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
        "notes": None,
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


def group_time(group: settings.Settings) -> dt.time:
    hour, minute = group.text("group.meeting_time").split(":")
    return dt.time(int(hour), int(minute))


def _follow_up(rng: random.Random, child: _Child, spun: SpinOffs) -> None:
    """Called within a few hours; most won within weeks, recorded as `lead contacted` and
    `lead update --status` would. A spin-off won may spin off in turn."""
    lead, row, group, now = child.lead, child.row, spun.group, spun.now
    given = dt.datetime.combine(lead.date, group_time(group), tzinfo=now.tzinfo)
    called = given + dt.timedelta(hours=rng.uniform(1, 20))
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
                if FOLLOWS.get(spun.kinds[lead.receiver_id]):
                    spun.parents[lead.id] = _Parent(
                        id=lead.id,
                        date=lead.date,
                        type=lead.type,
                        giver_id=lead.giver_id,
                        giver=lead.giver,
                        giver_phone=lead.giver_phone,
                        giver_email=lead.giver_email,
                        receiver_id=lead.receiver_id,
                        receiver=lead.receiver,
                        company=lead.company,
                        contact=lead.contact,
                        title=lead.title,
                        phones=lead.phones,
                        email=lead.email,
                        closed_at=dt.datetime.fromisoformat(closed_at),
                    )
                    heapq.heappush(spun.wins, (closed, lead.id, lead.receiver_id))
            child.events.append((lead.id, closed_at, "status", json.dumps(detail), None, closed_at))
    spun.made.append(child)


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
