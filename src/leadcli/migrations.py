"""The schema, one sqlite-utils migration per step. A released step is never edited: a fix is a new one.

Keep ``db.MIGRATIONS`` equal to the names of the steps (a test checks it): the database module
compares it with the steps recorded in the file, so an up-to-date file opens without importing
sqlite-utils at all.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("leadcli")


def _run(db: Database, *statements: str) -> None:
    for statement in statements:
        db.execute(statement)


@migrations()
def m001_create_settings(db: Database) -> None:
    _run(db, "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m002_create_members(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> ''),
            category TEXT NOT NULL CHECK (category <> ''),
            business TEXT,
            phone TEXT,
            email TEXT,
            joined TEXT NOT NULL,
            left_on TEXT,
            created_at TEXT NOT NULL
        )
        """,
        # One active member per category, whatever its case.
        """
        CREATE UNIQUE INDEX members_active_category
        ON members (category COLLATE NOCASE) WHERE left_on IS NULL
        """,
    )


@migrations()
def m003_create_meetings_and_attendance(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE meetings (
            date TEXT PRIMARY KEY,
            holiday INTEGER NOT NULL DEFAULT 0 CHECK (holiday IN (0, 1)),
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE attendance (
            meeting TEXT NOT NULL REFERENCES meetings (date),
            member_id INTEGER NOT NULL REFERENCES members (id),
            status TEXT NOT NULL
                CHECK (status IN ('present', 'absent', 'late', 'medical', 'substitute')),
            substitute TEXT,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (meeting, member_id)
        )
        """,
        "CREATE INDEX attendance_member ON attendance (member_id, meeting)",
    )


@migrations()
def m004_create_leads(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE leads (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL REFERENCES meetings (date),
            giver_id INTEGER NOT NULL REFERENCES members (id),
            receiver_id INTEGER REFERENCES members (id),
            type TEXT NOT NULL CHECK (type IN
                ('direct-referral', 'member-need', 'specific-service', 'general-opportunity')),
            company TEXT,
            contact TEXT,
            title TEXT,
            phones TEXT NOT NULL DEFAULT '[]',
            email TEXT,
            website TEXT,
            address TEXT,
            alt_contacts TEXT NOT NULL DEFAULT '[]',
            description TEXT,
            need TEXT,
            heard TEXT,
            decision TEXT,
            public INTEGER CHECK (public IN (0, 1)),
            may_use_name INTEGER CHECK (may_use_name IN (0, 1)),
            expecting_call INTEGER CHECK (expecting_call IN (0, 1)),
            need_discussed INTEGER CHECK (need_discussed IN (0, 1)),
            source TEXT,
            parent_id INTEGER REFERENCES leads (id),
            notes TEXT,
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN
                ('research', 'new', 'contacted', 'appointment', 'proposal', 'won', 'lost')),
            verdict TEXT CHECK (verdict IN ('HOT', 'WARM', 'COLD', 'INCOMPLETE')),
            score INTEGER,
            amount_cents INTEGER CHECK (amount_cents IS NULL OR amount_cents > 0),
            contacted_at TEXT,
            closed_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX leads_date ON leads (date)",
        "CREATE INDEX leads_giver ON leads (giver_id, date)",
        "CREATE INDEX leads_receiver ON leads (receiver_id, date)",
        "CREATE INDEX leads_parent ON leads (parent_id)",
        "CREATE INDEX leads_closed ON leads (closed_at) WHERE closed_at IS NOT NULL",
        """
        CREATE TABLE lead_events (
            id INTEGER PRIMARY KEY,
            lead_id INTEGER NOT NULL REFERENCES leads (id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}',
            note TEXT,
            recorded_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX lead_events_lead ON lead_events (lead_id, id)",
        "CREATE INDEX lead_events_at ON lead_events (at)",
        # The event log is append-only.
        """
        CREATE TRIGGER lead_events_no_update BEFORE UPDATE ON lead_events
        BEGIN SELECT RAISE(ABORT, 'the lead history is append-only'); END
        """,
        """
        CREATE TRIGGER lead_events_no_delete BEFORE DELETE ON lead_events
        BEGIN SELECT RAISE(ABORT, 'the lead history is append-only'); END
        """,
    )


@migrations()
def m005_create_activity(db: Database) -> None:
    _run(
        db,
        # One-to-ones (two members), CEUs (training credits) and testimonials. A row entered by
        # mistake is voided, never deleted: it stays on record and counts nowhere.
        """
        CREATE TABLE activity (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('one-to-one', 'ceu', 'testimonial')),
            member_id INTEGER NOT NULL REFERENCES members (id),
            other_id INTEGER REFERENCES members (id),
            date TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 1 CHECK (count > 0),
            void_reason TEXT,
            voided_at TEXT,
            created_at TEXT NOT NULL,
            CHECK ((kind = 'one-to-one') = (other_id IS NOT NULL)),
            CHECK (other_id IS NULL OR other_id <> member_id)
        )
        """,
        "CREATE INDEX activity_member ON activity (member_id, date)",
        "CREATE INDEX activity_other ON activity (other_id, date) WHERE other_id IS NOT NULL",
        "CREATE INDEX activity_date ON activity (date)",
    )


@migrations()
def m006_create_visitors(db: Database) -> None:
    _run(
        db,
        # Visitors to meetings and applicants waiting for a category, with the member who invited
        # them (the traffic lights count visitors invited).
        """
        CREATE TABLE visitors (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> ''),
            category TEXT,
            business TEXT,
            phone TEXT,
            email TEXT,
            invited_by INTEGER REFERENCES members (id),
            date TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX visitors_date ON visitors (date)",
        "CREATE INDEX visitors_invited_by ON visitors (invited_by, date)",
    )


@migrations()
def m007_add_lead_released_at(db: Database) -> None:
    """When a lead left research: its follow-up clock starts then, not at its meeting.

    Existing leads are re-derived from their history: the last event that moved the lead out of
    research (an edit, or a check after a settings change); a lead that never waited has none.
    """
    import json

    _run(db, "ALTER TABLE leads ADD COLUMN released_at TEXT")
    released: dict[int, str | None] = {}
    rows = db.execute(
        "SELECT lead_id, at, detail FROM lead_events "
        "WHERE kind IN ('created', 'edited', 'checked') ORDER BY id"
    ).fetchall()
    for lead_id, at, detail in rows:
        status = json.loads(detail).get("status")
        if isinstance(status, list) and len(status) == 2:
            if status[0] == "research" and status[1] != "research":
                released[lead_id] = at
            elif status[1] == "research":
                released[lead_id] = None
    for lead_id, at in released.items():
        if at is not None:
            db.execute(
                "UPDATE leads SET released_at = ? WHERE id = ? AND status <> 'research'",
                [at, lead_id],
            )


@migrations()
def m008_add_profiles_and_qualification(db: Database) -> None:
    _run(
        db,
        # A member's profile: what they offer, the areas they serve (JSON lists; empty: the
        # category's words, anywhere) and the smallest job worth taking.
        "ALTER TABLE members ADD COLUMN offers TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE members ADD COLUMN areas TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE members ADD COLUMN minimum_cents INTEGER "
        "CHECK (minimum_cents IS NULL OR minimum_cents > 0)",
        # Qualification facts of a lead; NULL is unknown (a prospect of unknown kind is a
        # business when a company is named). The fit is stored with the verdict.
        "ALTER TABLE leads ADD COLUMN prospect_type TEXT "
        "CHECK (prospect_type IN ('business', 'person'))",
        "ALTER TABLE leads ADD COLUMN value_cents INTEGER "
        "CHECK (value_cents IS NULL OR value_cents > 0)",
        "ALTER TABLE leads ADD COLUMN decision_maker INTEGER CHECK (decision_maker IN (0, 1))",
        "ALTER TABLE leads ADD COLUMN intent TEXT CHECK (intent IN "
        "('buying', 'exploring', 'gathering-info', 'price-shopping', 'rfp'))",
        "ALTER TABLE leads ADD COLUMN fit TEXT CHECK (fit IN ('sweet-spot', 'fit', 'off-target'))",
    )


@migrations()
def m009_add_lead_void(db: Database) -> None:
    """A lead entered by mistake is voided, never deleted: kept in its history, counted nowhere."""
    _run(
        db,
        "ALTER TABLE leads ADD COLUMN voided_at TEXT",
        "ALTER TABLE leads ADD COLUMN void_reason TEXT",
        "CREATE INDEX leads_voided ON leads (voided_at) WHERE voided_at IS NOT NULL",
    )


@migrations()
def m010_create_category_spheres_and_unmet_needs(db: Database) -> None:
    _run(
        db,
        # A category put in a contact sphere by hand; `kind` is the category as leadcli knows it
        # (the shipped vocabulary's name, else the name folded), so "Plumbing" and "plumber" agree.
        """
        CREATE TABLE category_spheres (
            kind TEXT PRIMARY KEY,
            category TEXT NOT NULL CHECK (category <> ''),
            sphere TEXT NOT NULL CHECK (sphere <> ''),
            set_at TEXT NOT NULL
        )
        """,
        # A lead for a category nobody in the group holds.
        """
        CREATE TABLE unmet_needs (
            id INTEGER PRIMARY KEY,
            category TEXT NOT NULL CHECK (category <> ''),
            date TEXT NOT NULL,
            member_id INTEGER REFERENCES members (id),
            note TEXT,
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX unmet_needs_date ON unmet_needs (date)",
    )


@migrations()
def m011_create_changes(db: Database) -> None:
    """The change log of the roster, meetings and attendance, as ``lead_events`` is for leads.

    Each write records the row as it stood before (NULL: the row is new) and when it was
    recorded, so a finished week is rebuilt as it stood (asof.py). Rows older than the log are
    read as they are: nothing to migrate.
    """
    _run(
        db,
        """
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            tbl TEXT NOT NULL CHECK (tbl IN ('members', 'meetings', 'attendance')),
            key TEXT NOT NULL,
            before TEXT
        )
        """,
        "CREATE INDEX changes_at ON changes (at)",
        # What was recorded after a moment, for the leads.
        "CREATE INDEX lead_events_recorded ON lead_events (recorded_at, lead_id)",
        """
        CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
        BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END
        """,
        """
        CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
        BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END
        """,
    )


@migrations()
def m012_add_member_earlier(db: Database) -> None:
    """The spells of membership before a member's return (``member rejoin``), oldest first, as
    JSON ``[["joined", "left"], ...]``: the days they were on the roll before ``joined``."""
    _run(db, "ALTER TABLE members ADD COLUMN earlier TEXT NOT NULL DEFAULT '[]'")


@migrations()
def m013_add_lead_company_key(db: Database) -> None:
    """Each lead's company name as the duplicate check compares it (``normalize_company``:
    case-folded, no punctuation, no "the" or legal suffix), so that the leads sharing a company
    with a week's leads are found in SQL rather than by reading every lead of their 90 days.

    NULL when not known: no company, a row written by another program, or a company changed
    without its key (the trigger below forgets the key then): such rows are compared by their
    company name instead, as before.
    """
    from leadcli.rules.duplicates import normalize_company

    _run(
        db,
        "ALTER TABLE leads ADD COLUMN company_key TEXT",
        """
        CREATE TRIGGER leads_company_key_stale AFTER UPDATE OF company ON leads
        WHEN NEW.company IS NOT OLD.company AND NEW.company_key IS OLD.company_key
            AND NEW.company_key IS NOT NULL
        BEGIN UPDATE leads SET company_key = NULL WHERE id = NEW.id; END
        """,
    )
    rows = db.execute("SELECT id, company FROM leads WHERE company IS NOT NULL").fetchall()
    db.conn.executemany(
        "UPDATE leads SET company_key = ? WHERE id = ?",
        [(normalize_company(company), lead_id) for lead_id, company in rows],
    )


@migrations()
def m014_create_lead_keys_index(db: Database) -> None:
    """What the duplicate check compares of the live leads, by day: the leads of a week's 90
    days that may share a phone, email or company with it are picked out of this index alone,
    not out of the wide rows of every lead of those days (``checking.duplicate_index``)."""
    _run(
        db,
        """
        CREATE INDEX leads_keys ON leads (date, company_key, email, phones, company, type)
        WHERE voided_at IS NULL
        """,
    )
