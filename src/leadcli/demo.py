"""A realistic sample group, deterministic for a seed: members, attendance, leads and outcomes.

Rows are written in bulk (one transaction), but every lead is checked by the same rules as
`lead add`, so verdicts, scores and statuses are what the commands would have stored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import heapq
import json
import random
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from typing import Any

from leadcli import clock, db, meetings, settings
from leadcli.demo_data import (
    ATTENDANCE_HABITS,
    COMPANY_KINDS,
    COMPANY_WORDS,
    FAR_TOWNS,
    FIRST_NAMES,
    INTENT_WEIGHTS,
    LAST_NAMES,
    NEEDS,
    REGIONS,
    SOURCES,
    STREETS,
    SUFFIXES,
    TITLES,
    TOWNS,
    TRADES,
)
from leadcli.demo_person import Person
from leadcli.errors import Conflict
from leadcli.lead_record import company_key

AREA_CODES = (
    "201",
    "202",
    "206",
    "212",
    "213",
    "214",
    "303",
    "305",
    "312",
    "313",
    "314",
    "317",
    "404",
    "412",
    "415",
    "503",
    "504",
    "512",
    "602",
    "612",
    "615",
    "617",
    "702",
    "704",
    "713",
    "720",
    "801",
    "804",
    "813",
    "919",
)
TYPE_WEIGHTS = (
    ("direct-referral", 45),
    ("specific-service", 25),
    ("member-need", 15),
    ("general-opportunity", 15),
)


# random.choices draws the same with these cumulative weights as with the weights themselves.
TYPES = tuple(kind for kind, _ in TYPE_WEIGHTS)
TYPE_CUM = list(accumulate(weight for _, weight in TYPE_WEIGHTS))
SOURCE_NAMES = [source[0] for source in SOURCES]
SOURCE_CUM = list(accumulate((30, 14, 12, 12, 10, 8, 8, 6)))
INTENTS = tuple(intent for intent, _ in INTENT_WEIGHTS)
INTENT_CUM = list(accumulate(weight for _, weight in INTENT_WEIGHTS))
VERDICT_FACTOR = {"HOT": 1.4, "WARM": 1.0, "COLD": 0.5}
TOWN_CODES = dict(TOWNS)


@dataclass
class Summary:
    members: int
    meetings: int
    leads: int


# Leads written at a time.
CHUNK = 2000


class Built:
    """The leads and events made so far, written as they come: leads a chunk at a time, events
    in order of time (and lead) once no lead still to be made can have an earlier one."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.count = 0
        self.leads: list[dict[str, Any]] = []
        self.events: list[tuple[Any, ...]] = []  # a heap of (at, lead id, sequence, row)
        self.sequence = 0

    def add(self, leads: list[dict[str, Any]]) -> None:
        self.leads.extend(leads)
        self.count += len(leads)
        if len(self.leads) >= CHUNK:
            self.flush_leads()

    def event(self, row: tuple[Any, ...]) -> None:
        self.sequence += 1
        heapq.heappush(self.events, (row[1], row[0], self.sequence, row))

    def flush_leads(self) -> None:
        if not self.leads:
            return
        for lead in self.leads:
            lead["company_key"] = company_key(lead["company"])
        columns = list(self.leads[0])
        row = itemgetter(*columns)
        self.conn.executemany(
            f"INSERT INTO leads ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [row(lead) for lead in self.leads],
        )
        self.leads = []

    def flush_events_before(self, day: dt.date | None) -> None:
        """Write the events of the days before ``day`` (all of them when None); their leads first."""
        limit = day.isoformat() if day else None
        rows = []
        while self.events and (limit is None or self.events[0][0] < limit):
            rows.append(heapq.heappop(self.events)[3])
        if rows:
            self.flush_leads()
            self.conn.executemany(
                "INSERT INTO lead_events (lead_id, at, kind, detail, note, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )

    def close(self) -> None:
        self.flush_leads()
        self.flush_events_before(None)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _phone(rng: random.Random) -> str:
    return f"+1{rng.choice(AREA_CODES)}5550{rng.randint(100, 199)}"


def _holiday(day: dt.date) -> bool:
    return (
        (day.month == 12 and day.day >= 24)
        or (day.month == 1 and day.day == 1)
        or (day.month == 7 and 1 <= day.day <= 7)
    )


def _people(rng: random.Random, count: int, first: dt.date, last: dt.date) -> list[Person]:
    names = [f"{first_name} {last_name}" for first_name in FIRST_NAMES for last_name in LAST_NAMES]
    rng.shuffle(names)
    trades = list(TRADES)
    rng.shuffle(trades)
    from leadcli.demo_travel import HUB

    trades.sort(key=lambda trade: trade[0] not in HUB)  # the trades leads travel between first
    people = []
    span = max((last - first).days, 1)
    for index in range(count):
        trade = trades[index % len(trades)]
        round_ = index // len(trades)
        category = (
            trade[0] if round_ == 0 else f"{trade[0]} ({REGIONS[(round_ - 1) % len(REGIONS)]})"
        )
        name = names[index % len(names)] + (
            "" if index < len(names) else f" {index // len(names) + 1}"
        )
        last_name = name.split()[1]
        habit = rng.choices(ATTENDANCE_HABITS, weights=[h[0] for h in ATTENDANCE_HABITS])[0]
        # Most joined when the group started; a quarter joined along the way.
        joined = (
            first
            if rng.random() < 0.75
            else first + dt.timedelta(days=rng.randint(0, span * 2 // 3))
        )
        people.append(
            Person(
                id=index + 1,
                name=name,
                trade=trade,
                category=category,
                business=f"{last_name} {trade[1]}",
                phone=_phone(rng),
                email=f"{name.split()[0].lower()}@{_slug(last_name + ' ' + trade[1])}.example",
                joined=joined,
                left_on=None,
                come=habit[1],
                late=habit[2],
                gives=rng.choice((3.6, 3.2, 2.8, 2.4, 1.6)),
                quality=rng.uniform(0.35, 0.95),
            )
        )
    return people


def _moment(day: dt.date, hour: float, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(7), tzinfo=tz) + dt.timedelta(hours=hour)


def build(
    conn: sqlite3.Connection, *, members: int, weeks: int, seed: int, preset: str = "networks"
) -> Summary:
    """Fill an empty group file with a sample group ending at the latest meeting day.

    ``preset`` sets the group's standards; ``bni`` also builds a chapter of every habit, with
    visitors, one-to-ones, CEUs and testimonials, spread over the four traffic lights."""
    if conn.execute("SELECT count(*) FROM members").fetchone()[0]:
        raise Conflict("the demo needs an empty file")
    rng = random.Random(seed)
    # The start of today: the same seed builds the same group all day long.
    now = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    tz = now.tzinfo
    assert tz is not None
    standards = settings.preset(preset)
    group = settings.Settings(standards)
    last = meetings.regular_day(group.meeting_weekday, now.date())
    days = [last - dt.timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    people = _people(rng, members, days[0], last)
    _turnover(rng, people, days)
    # The profiles and the qualification facts have their own random stream, so the rest of
    # the group is what the same seed built before.
    qualify_rng = random.Random(seed * 7907 + 3)
    _profiles(qualify_rng, people)
    chapter = None
    if preset == "bni":
        from leadcli import demo_chapter

        # Its own random stream: the other presets build the same group as before.
        chapter_rng = random.Random(seed * 7919 + 16)
        chapter = demo_chapter.shape(chapter_rng, people)
    marks = _attendance(rng, people, days)
    stamp = clock.stamp(_moment(days[0], -1, tz))
    if chapter is not None:
        demo_chapter.fill(chapter_rng, chapter, people, days, marks, stamp)
    name = "Riverside Power Team (demo)" if preset == "bni" else "Riverside Business Leads (demo)"
    with references_checked_once(conn), db.transaction(conn):
        settings.store(conn, {"group.name": name, **standards})
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('group.preset', ?)", [json.dumps(preset)]
        )
        conn.executemany(
            "INSERT INTO members (id, name, category, business, phone, email, joined, left_on, "
            "offers, areas, minimum_cents, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    p.id,
                    p.name,
                    p.category,
                    p.business,
                    p.phone,
                    p.email,
                    p.joined.isoformat(),
                    p.left_on.isoformat() if p.left_on else None,
                    json.dumps(list(p.offers)),
                    json.dumps(list(p.areas)),
                    p.minimum_cents,
                    stamp,
                )
                for p in people
            ],
        )
        conn.executemany(
            "INSERT INTO meetings (date, holiday, created_at) VALUES (?, ?, ?)",
            [(d.isoformat(), int(_holiday(d)), stamp) for d in days],
        )
        # Each meeting's attendance recorded three hours after it started.
        recorded = {d: (d.isoformat(), clock.stamp(_moment(d, 3, tz))) for d in days}
        conn.executemany(
            "INSERT INTO attendance (meeting, member_id, status, substitute, recorded_at) VALUES (?, ?, ?, ?, ?)",
            [
                (recorded[d][0], pid, status, sub, recorded[d][1])
                for (d, pid), (status, sub) in marks.items()
            ],
        )
        marks_by_day: dict[dt.date, dict[int, str]] = {}
        for (d, pid), (status, _) in marks.items():
            marks_by_day.setdefault(d, {})[pid] = status
        del marks
        built = Built(conn)
        judge = _Judge(group, people)
        from leadcli import demo_travel

        # Leads travel the room: spin-offs are made as the days go by, with their own random
        # stream, and written after the group's own leads.
        travel = demo_travel.SpinOffs(conn, seed=seed, now=clock.now(tz), index=judge.index)
        story = _Story(rng, people, now, travel.won)
        by_id = {p.id: p for p in people}
        for day in days:
            built.flush_events_before(day)
            fresh = _leads_of(rng, people, day, marks_by_day.get(day, {}), tz, built.count + 1)
            if (now.date() - day).days > RESEARCH_DAYS:
                for lead in fresh:
                    _researched(lead)
            for lead in fresh:
                _qualify(qualify_rng, lead, by_id, people)
            judge(fresh)
            for lead in fresh:
                story.follow(lead, built)
            built.add(fresh)
            travel.until(day)
        built.close()
        if chapter is not None:
            demo_chapter.insert(conn, chapter)
        check_references(conn)
    spun = demo_travel.build(conn, travel)
    return Summary(members=len(people), meetings=len(days), leads=built.count + spun)


@contextlib.contextmanager
def references_checked_once(conn: sqlite3.Connection) -> Iterator[None]:
    """Foreign keys not enforced row by row while the group is written (the work of a tenth of
    the build); ``check_references`` checks them all at once before the rows are committed."""
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or it does nothing
    try:
        yield
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")


def check_references(conn: sqlite3.Connection) -> None:
    """Refuse rows that refer to a row that is not there, as enforced foreign keys would have."""
    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken is not None:
        table, rowid, parent, _ = broken
        raise sqlite3.IntegrityError(
            f"FOREIGN KEY constraint failed: {table} row {rowid} refers to a missing {parent} row"
        )


def _turnover(rng: random.Random, people: list[Person], days: list[dt.date]) -> None:
    """A few members leave; their category is taken by a newcomer later."""
    if len(days) < 20:
        return
    for person in people:
        if rng.random() < 0.08 and person.joined < days[len(days) // 2]:
            left = rng.choice(days[len(days) // 2 : -4])
            person.left_on = left
            newcomer_day = left + dt.timedelta(weeks=rng.randint(2, 8))
            if newcomer_day <= days[-1]:
                person_id = len(people) + 1
                first, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                people.append(
                    Person(
                        id=person_id,
                        name=f"{first} {last_name}",
                        trade=person.trade,
                        category=person.category,
                        business=f"{last_name} {person.trade[1]}",
                        phone=_phone(rng),
                        email=f"{first.lower()}@{_slug(last_name + ' ' + person.trade[1])}.example",
                        joined=newcomer_day,
                        left_on=None,
                        come=0.93,
                        late=0.05,
                        gives=2.0,
                        quality=rng.uniform(0.4, 0.9),
                    )
                )


def _profiles(rng: random.Random, people: list[Person]) -> None:
    """What each member offers (their trade), where about half of them work (a few towns) and
    the smallest job half of them take (their trade's smallest deal); and whether their
    sweet-spot leads really convert better (four members in five)."""
    towns = [town for town, _ in TOWNS]
    for person in people:
        person.offers = (person.trade[0].lower(),)
        if rng.random() < 0.55:
            person.areas = tuple(sorted(rng.sample(towns, rng.randint(2, 4))))
        if rng.random() < 0.5:
            person.minimum_cents = person.trade[2] * 100
        person.sweet_converts = rng.random() >= 0.2


def _qualify(
    rng: random.Random, lead: dict[str, Any], by_id: dict[int, Person], people: list[Person]
) -> None:
    """The lead's qualification facts: where the prospect is, the deal's size, whether the
    contact decides and why they want it; now and then a lead names another member's trade
    (given to the wrong member), and some prospects are outside the receiver's towns."""
    giver, receiver = by_id[lead["giver_id"]], by_id.get(lead["receiver_id"] or 0)
    own_need = lead["type"] == "member-need"
    if receiver is not None and rng.random() < 0.05:
        trade = f"a {receiver.trade[0].lower()}"
        others = [p for p in people if p.active and p.trade[0] != receiver.trade[0]]
        if others and trade in lead["description"]:
            other = f"a {rng.choice(others).trade[0].lower()}"
            lead["description"] = lead["description"].replace(trade, other)
            if lead["need"]:
                lead["need"] = lead["need"].replace(trade, other)
    if not own_need and rng.random() < 0.6:
        if receiver is not None and receiver.areas and rng.random() < 0.85:
            town = rng.choice(receiver.areas)
            code = TOWN_CODES[town]
        else:
            town, code = rng.choice(FAR_TOWNS if rng.random() < 0.12 else TOWNS)
        lead["address"] = f"{rng.randint(10, 9999)} {rng.choice(STREETS)}, {town} {code}"
    if rng.random() < 0.7:
        low, high = (receiver or giver).trade[2:]
        lead["value_cents"] = int(rng.uniform(low * 0.4, high)) * 100
    if not own_need:
        roll = rng.random()
        lead["decision_maker"] = 1 if roll < 0.5 else 0 if roll < 0.65 else None
    intent = rng.choices(INTENTS, cum_weights=INTENT_CUM)[0]
    lead["intent"] = None if own_need and rng.random() < 0.7 else intent


def _attendance(
    rng: random.Random, people: list[Person], days: list[dt.date]
) -> dict[tuple[dt.date, int], tuple[str, str | None]]:
    marks: dict[tuple[dt.date, int], tuple[str, str | None]] = {}
    for index, day in enumerate(days):
        if _holiday(day):
            continue
        for person in people:
            if not person.on_roll(day):
                continue
            if person.medical_until and day <= person.medical_until:
                marks[day, person.id] = ("medical", None)
                continue
            if rng.random() < 0.004:
                person.medical_until = day + dt.timedelta(weeks=rng.randint(1, 4))
                marks[day, person.id] = ("medical", None)
                continue
            # Habits drift: someone who slips now and then has a bad stretch.
            come = person.come - (0.15 if (index // 13 + person.id) % 5 == 0 else 0.0)
            if rng.random() < come:
                marks[day, person.id] = ("late" if rng.random() < person.late else "present", None)
            elif rng.random() < 0.3:
                marks[day, person.id] = (
                    "substitute",
                    f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                )
            else:
                marks[day, person.id] = ("absent", None)
    # The secretary has not finished the latest meeting's attendance.
    latest = days[-1]
    recorded = [key for key in marks if key[0] == latest]
    if len(recorded) > 3:
        del marks[rng.choice(recorded)]
    return marks


def _leads_of(
    rng: random.Random,
    people: list[Person],
    day: dt.date,
    marks: dict[int, str],
    tz: dt.tzinfo,
    first_id: int,
) -> list[dict[str, Any]]:
    """The leads given at the meeting of ``day`` by the members who came."""
    made: list[dict[str, Any]] = []
    roll = [p for p in people if p.on_roll(day)]
    givers = [p for p in roll if marks.get(p.id, "absent") in ("present", "late")]
    stamp = clock.stamp(_moment(day, 2, tz))
    for giver in givers:
        count = sum(1 for _ in range(4) if rng.random() < giver.gives / 4)
        others: list[Person] | None = None
        for _ in range(count):
            kind = rng.choices(TYPES, cum_weights=TYPE_CUM)[0]
            if others is None:
                others = [p for p in roll if p.id != giver.id]
            if not others:
                continue
            receiver = None if kind == "general-opportunity" else rng.choice(others)
            made.append(_lead(rng, first_id + len(made), day, kind, giver, receiver, stamp))
    return made


RESEARCH_DAYS = 21  # the secretary has researched the leads older than three weeks


def _researched(lead: dict[str, Any]) -> None:
    """A lead as recorded once the secretary asked the giver what it lacked: whom to call, a
    phone and what the prospect needs (the giver's own record serves for a member need)."""
    if lead["type"] == "member-need":
        if len(lead["description"].split()) < 8:
            lead["description"] = f"I need {lead['need'] or 'a quote for work at my own office'}."
            lead["description"] += " Please call me this week to set up a time."
        return
    company = lead["company"]
    if lead["contact"] is None:
        lead["contact"] = f"{FIRST_NAMES[lead['id'] % len(FIRST_NAMES)]} {company.split()[1]}"
    if lead["phones"] == "[]":
        lead["phones"] = json.dumps([f"+1415555{lead['id'] % 10000:04d}"])
    if len(lead["description"].split()) < 8:
        lead["description"] = f"{company} {lead['need'] or 'asked for a quote'}; they want a call."


def _lead(
    rng: random.Random,
    lead_id: int,
    day: dt.date,
    kind: str,
    giver: Person,
    receiver: Person | None,
    stamp: str,
) -> dict[str, Any]:
    """A lead given at the meeting of ``day`` (``stamp``: when it was typed in)."""
    q = min(0.98, max(0.05, rng.gauss(giver.quality, 0.2)))
    trade = (receiver or giver).trade[0].lower()
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    line_of_work, suffix = rng.choice(COMPANY_KINDS), rng.choice(SUFFIXES)
    if line_of_work.endswith(" Co"):
        suffix = ""  # "Brewing Co", not "Brewing Co Co"
    company = f"{rng.choice(COMPANY_WORDS)} {last} {line_of_work}{suffix}"
    need = rng.choice(NEEDS).format(what=f"a {trade}")
    words = need.split()
    if q > 0.6:
        description = f"{first} {last} at {company} {need}. They asked for a call this week and have budget set aside."
    elif q > 0.3:
        description = f"{company} {' '.join(words[:8])}."
    else:
        description = rng.choice(
            ("Needs help.", "Might want a quote.", "Friend likes grilled chicken.")
        )
    member_need = kind == "member-need"
    slug = _slug(company)
    return {
        "id": lead_id,
        "date": day.isoformat(),
        "type": kind,
        "giver_id": giver.id,
        "receiver_id": receiver.id if receiver else None,
        "company": None if member_need else company,
        "contact": None if member_need or rng.random() > q + 0.3 else f"{first} {last}",
        "title": rng.choice(TITLES) if rng.random() < q else None,
        # json.dumps of no phone or of one (a phone needs no escapes).
        "phones": "[]" if member_need or rng.random() > q + 0.2 else f'["{_phone(rng)}"]',
        "email": None if member_need or rng.random() > q else f"{first.lower()}@{slug}.example",
        "website": None if member_need or rng.random() > q else f"https://{slug}.example",
        "address": None,
        "alt_contacts": "[]",
        "prospect_type": None,
        "value_cents": None,
        "decision_maker": None,
        "intent": None,
        "fit": None,
        "description": description,
        "need": need if q > 0.5 else None,
        "heard": _days_before(rng, day, q),
        "decision": _days_after(rng, day, q),
        "public": None
        if rng.random() > 0.9
        else int(rng.random() < 0.08 + (0.2 if q < 0.3 else 0)),
        "may_use_name": _fact(rng, q),
        "expecting_call": _fact(rng, q),
        "need_discussed": _fact(rng, q),
        "source": rng.choices(SOURCE_NAMES, cum_weights=SOURCE_CUM)[0],
        "parent_id": None,
        "notes": None,
        "status": "new",
        "verdict": None,
        "score": None,
        "amount_cents": None,
        "contacted_at": None,
        "closed_at": None,
        "created_at": stamp,
        "updated_at": stamp,
    }


def _fact(rng: random.Random, q: float) -> int | None:
    if rng.random() < 0.1:
        return None
    return int(rng.random() < q + 0.1)


def _days_before(rng: random.Random, day: dt.date, q: float) -> str | None:
    if rng.random() < 0.1:
        return None
    back = rng.randint(0, 6) if rng.random() < q + 0.2 else rng.randint(8, 40)
    return (day - dt.timedelta(days=back)).isoformat()


def _days_after(rng: random.Random, day: dt.date, q: float) -> str | None:
    if rng.random() < 0.2:
        return None
    ahead = (
        rng.randint(7, 85)
        if rng.random() < q + 0.1
        else rng.choice((rng.randint(100, 300), rng.randint(380, 500)))
    )
    return (day + dt.timedelta(days=ahead)).isoformat()


class _Judge:
    """Every lead checked with the rules, as `lead add` would have, against the leads of the
    90 days before it (the index moves with the days)."""

    def __init__(self, group: settings.Settings, people: list[Person]) -> None:
        from leadcli.rules import Context, GroupProfile, SlidingIndex, evaluator

        self.index = SlidingIndex()
        self.evaluate = evaluator(Context(group, self.index, GroupProfile.build(people)))

    def __call__(self, leads: list[dict[str, Any]]) -> None:
        from leadcli.rules import LeadFacts

        if not leads:
            return
        dates = {lead["date"] for lead in leads}
        day = {date: dt.date.fromisoformat(date) for date in dates}
        facts = [
            LeadFacts(
                id=lead["id"],
                date=day[lead["date"]],
                type=lead["type"],
                giver_id=lead["giver_id"],
                receiver_id=lead["receiver_id"],
                company=lead["company"],
                contact=lead["contact"],
                title=lead["title"],
                phones=() if lead["phones"] == "[]" else tuple(json.loads(lead["phones"])),
                email=lead["email"],
                website=lead["website"],
                address=lead["address"],
                description=lead["description"],
                need=lead["need"],
                heard=dt.date.fromisoformat(lead["heard"]) if lead["heard"] else None,
                decision=dt.date.fromisoformat(lead["decision"]) if lead["decision"] else None,
                public=None if lead["public"] is None else bool(lead["public"]),
                may_use_name=None if lead["may_use_name"] is None else bool(lead["may_use_name"]),
                expecting_call=None
                if lead["expecting_call"] is None
                else bool(lead["expecting_call"]),
                need_discussed=None
                if lead["need_discussed"] is None
                else bool(lead["need_discussed"]),
                giver_name="member",
                giver_phone="+14155550100",
                giver_email="member@demo.example",
                prospect_type=lead["prospect_type"],
                value_cents=lead["value_cents"],
                decision_maker=None
                if lead["decision_maker"] is None
                else bool(lead["decision_maker"]),
                intent=lead["intent"],
            )
            for lead in leads
        ]
        for fact in facts:
            self.index.add(fact.id, fact.date, fact.type, fact.phones, fact.email, fact.company)
        self.index.forget_before(facts[0].date)
        for lead, fact in zip(leads, facts, strict=True):
            check = self.evaluate(fact)
            lead["verdict"], lead["score"], lead["fit"] = check.verdict, check.score, check.fit
            lead["status"] = "research" if check.verdict == "INCOMPLETE" else "new"


class _Story:
    """What happens to each lead: follow-ups (mostly on time), the pipeline, wins with amounts,
    and spin-offs. Leads are followed in the order they are given."""

    def __init__(
        self,
        rng: random.Random,
        people: list[Person],
        now: dt.datetime,
        won: Callable[[dict[str, Any]], None],
    ) -> None:
        self.rng = rng
        self.won = won  # told of each lead won
        self.now = now
        self.trades = {p.id: p.trade for p in people}
        # How a lead's fit moves its chance: for most members a sweet-spot lead converts
        # better than a plain fit; for some their profile is wrong, and it converts worse.
        self.fit_factor = {
            p.id: {"sweet-spot": 1.6, "fit": 1.0, "off-target": 0.5}
            if p.sweet_converts
            else {"sweet-spot": 0.55, "fit": 1.15, "off-target": 0.5}
            for p in people
        }
        self.source_quality = {name: (early, late) for name, early, late in SOURCES}
        self.recent_wins: list[dict[str, Any]] = []  # the last 40 leads won
        # The day being followed: its date, when its leads were given and when they fell due.
        self.day: tuple[str, dt.date, dt.datetime, str, str] | None = None

    def _given(self, date: str) -> tuple[str, dt.date, dt.datetime, str, str]:
        if self.day is None or self.day[0] != date:
            day = dt.date.fromisoformat(date)
            given = _moment(day, 0, self.now.tzinfo)
            due = clock.stamp(given + dt.timedelta(hours=24))
            self.day = (date, day, given, clock.stamp(given), due)
        return self.day

    def follow(self, lead: dict[str, Any], built: Built) -> None:
        rng, now = self.rng, self.now
        recent_wins = self.recent_wins
        _, day, given, given_stamp, due = self._given(lead["date"])
        created = _detail(
            ("verdict", lead["verdict"]),
            ("score", lead["score"]),
            ("fit", lead["fit"]),
            ("status", lead["status"]),
        )
        built.event((lead["id"], given_stamp, "created", created, None, given_stamp))
        _maybe_spin_off(rng, lead, recent_wins, day)
        if lead["status"] == "research" or lead["receiver_id"] is None:
            return
        roll = rng.random()
        # One lead in twenty waits for its call; the secretary chases the older ones, so few
        # stay uncalled for long.
        if roll < (0.05 if (now.date() - day).days <= 21 else 0.004):
            return  # never called
        # Speed to lead varies: some call within the hour, most the same day, a few days later.
        hours = (
            rng.uniform(0.1, 1)
            if roll < 0.3
            else rng.uniform(1, 23)
            if roll < 0.8
            else rng.uniform(25, 72)
            if roll < 0.93
            else rng.uniform(73, 240)
        )
        contacted = given + dt.timedelta(hours=hours)
        if contacted > now:
            return
        contacted_stamp = clock.stamp(contacted)
        lead["contacted_at"] = contacted_stamp
        lead["status"] = "contacted"
        late = int((contacted - given - dt.timedelta(hours=24)).total_seconds() // 60)
        # json.dumps({"due": due, "minutes_late": late}), written out: a stamp needs no escapes.
        detail_text = f'{{"due": "{due}", "minutes_late": {late}}}'
        built.event((lead["id"], contacted_stamp, "contacted", detail_text, None, contacted_stamp))
        # A source's quality moves from its early to its late figure between ten and six months
        # ago, so the sources report sees the change against the half-year before.
        age = (now.date() - day).days
        t = min(1.0, max(0.0, (300 - age) / 118))
        early, late_q = self.source_quality[lead["source"]]
        # The sooner the call, the likelier the win (the speed-to-lead study).
        quick = 1.4 if hours <= 1 else 1.0 if hours <= 24 else 0.7 if hours <= 72 else 0.4
        chance = (early + (late_q - early) * t) * VERDICT_FACTOR[lead["verdict"]] * quick
        chance *= self.fit_factor[lead["receiver_id"]].get(lead["fit"], 1.0)
        moment, how = _advance(rng, lead, contacted, now, built.event)
        if how != "pending":
            closing = moment + dt.timedelta(
                days=rng.uniform(3, 25) if how == "through" else rng.uniform(20, 60)
            )
            if closing <= now:
                moment = closing
                won = how == "through" and rng.random() < min(0.95, chance * 1.8)
                if won:
                    low, high = self.trades[lead["receiver_id"]][2:]
                    cents = int(rng.uniform(low, high)) * 100
                    lead["amount_cents"] = cents
                    detail = json.dumps(
                        {"from": lead["status"], "to": "won", "amount": cents / 100}
                    )
                    recent_wins.append(lead)
                    del recent_wins[:-40]
                else:
                    detail = _detail(("from", lead["status"]), ("to", "lost"))
                lead["status"] = "won" if won else "lost"
                closed = lead["closed_at"] = clock.stamp(moment)
                built.event((lead["id"], closed, "status", detail, None, closed))
                lead["updated_at"] = closed
                if won:
                    self.won(lead)
                return
        lead["updated_at"] = clock.stamp(min(moment, now))


_DETAILS: dict[tuple[tuple[str, Any], ...], str] = {}


def _detail(*pairs: tuple[str, Any]) -> str:
    """``json.dumps`` of the dict of these pairs, remembered: the same few come back again and
    again. For strings, whole numbers and None (a float equal to a whole number would be taken
    for it)."""
    text = _DETAILS.get(pairs)
    if text is None:
        text = _DETAILS[pairs] = json.dumps(dict(pairs))
    return text


def _advance(
    rng: random.Random,
    lead: dict[str, Any],
    start: dt.datetime,
    now: dt.datetime,
    event: Any,
) -> tuple[dt.datetime, str]:
    """Appointment, then proposal: the last moment and "through", "stalled" or "pending"."""
    moment = start
    for step in ("appointment", "proposal"):
        if rng.random() > 0.75:
            return moment, "stalled"
        moment = moment + dt.timedelta(days=rng.uniform(2, 10))
        if moment > now:
            return moment, "pending"
        at = clock.stamp(moment)
        event((lead["id"], at, "status", _detail(("from", lead["status"]), ("to", step)), None, at))
        lead["status"] = step
    return moment, "through"


def _maybe_spin_off(
    rng: random.Random, lead: dict[str, Any], wins: list[dict[str, Any]], day: dt.date
) -> None:
    """Leads travel around the room: a member who closed one passes on another from it."""
    if not wins or rng.random() > 0.06:
        return
    cutoff = (day - dt.timedelta(days=120)).isoformat()
    candidates = [
        w
        for w in wins[-40:]
        if w["receiver_id"] == lead["giver_id"]
        and w["date"] >= cutoff
        and w["closed_at"]
        and w["closed_at"][:10] < lead["date"]
    ]
    if candidates:
        parent = rng.choice(candidates)
        lead["parent_id"] = parent["id"]
        lead["source"] = "past client"
        lead["notes"] = f"Came from lead #{parent['id']}"
