"""The schema of HQ's sync server (PostgreSQL), as versioned migrations like the laptop's
(schema.py): `review_desk.migrations` records which ran; an entry is never changed once
released, only followed by another.

Everything lives in the schema `review_desk`, owned by HQ's role (the role of `server init`'s
URL). Row-level security is on for every table: HQ's role owns them and so sees every row; an
office's login role (a member of the offices' group role, which holds the privileges) sees and
writes only the rows of the batches granted to it. The server decides, not the client:

- events: read where the batch is granted; insert only where the batch is granted, as itself
  (`pushed_by`), and, in a batch the office did not bring, only a reviewer's kinds of event
  (those a results package may carry); never updated or deleted (no privilege to).
- batches, grants, offices: read only one's own; a batch an office brings is claimed through
  `claim_batch`, which creates it and grants it to that office, or says whether a batch of
  that name is the office's.
- an event id is unique (a different event with a known id is refused by the index); a batch
  has one `batch.created` event.
- pushes are serialised (a statement trigger takes a transaction lock), so a sequence number
  seen by a reader is never followed by a smaller one committed later: a laptop pulls `seq >`
  the last one it saw.
"""
from __future__ import annotations

SCHEMA = "review_desk"
# What a pull takes of each column at most: more than any event Review Desk writes (its checks
# then refuse it), so a server that holds a huge value never sends it whole.
FIELD_CAP = 1_000
PAYLOAD_CAP = 4 << 20  # characters, as a package's longest line (bytes there)
REFERENCE_CAP = 16 << 20  # characters of one glossary (as JSON) a sync receives: ~80,000 entries

# Each entry moves the schema one version up; {group} is the offices' group role.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE offices (
        name text PRIMARY KEY,
        role_name name NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE batches (
        name text PRIMARY KEY,
        owner name NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE grants (
        role_name name NOT NULL,
        batch text NOT NULL REFERENCES batches(name),
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (role_name, batch)
    );
    CREATE TABLE events (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE CHECK (id ~ '^[0-9a-f]{{32}}$'),
        kind text NOT NULL,
        batch text NOT NULL REFERENCES batches(name),
        post_id text,
        actor text NOT NULL,
        role text NOT NULL,
        at text NOT NULL,
        parent text,
        payload text NOT NULL,
        pushed_by name NOT NULL DEFAULT current_user,
        pushed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX events_batch_seq ON events (batch, seq);
    CREATE UNIQUE INDEX events_one_creation ON events (batch) WHERE kind = 'batch.created';

    CREATE FUNCTION serialise_pushes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock(7262846573);
        RETURN NULL;
    END $$;
    CREATE TRIGGER events_in_commit_order BEFORE INSERT ON events
        FOR EACH STATEMENT EXECUTE FUNCTION serialise_pushes();

    CREATE FUNCTION claim_batch(wanted text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = review_desk, pg_temp AS $$
    DECLARE
        hq name := (SELECT value FROM meta WHERE key = 'hq_role');
    BEGIN
        INSERT INTO batches (name, owner) VALUES (wanted, session_user) ON CONFLICT DO NOTHING;
        IF FOUND THEN
            IF session_user <> hq THEN
                INSERT INTO grants (role_name, batch) VALUES (session_user, wanted);
            END IF;
            RETURN 'claimed';
        END IF;
        IF session_user = hq
           OR EXISTS (SELECT 1 FROM grants WHERE role_name = session_user AND batch = wanted) THEN
            RETURN 'granted';
        END IF;
        RETURN 'refused';
    END $$;
    REVOKE ALL ON FUNCTION claim_batch(text) FROM PUBLIC;

    ALTER TABLE meta ENABLE ROW LEVEL SECURITY;
    ALTER TABLE offices ENABLE ROW LEVEL SECURITY;
    ALTER TABLE batches ENABLE ROW LEVEL SECURITY;
    ALTER TABLE grants ENABLE ROW LEVEL SECURITY;
    ALTER TABLE events ENABLE ROW LEVEL SECURITY;
    CREATE POLICY anyone_reads ON meta FOR SELECT USING (true);
    CREATE POLICY own_office ON offices FOR SELECT USING (role_name = current_user);
    CREATE POLICY own_grants ON grants FOR SELECT USING (role_name = current_user);
    CREATE POLICY granted_batches ON batches FOR SELECT
        USING (name IN (SELECT batch FROM grants WHERE role_name = current_user));
    CREATE POLICY granted_events ON events FOR SELECT
        USING (batch IN (SELECT batch FROM grants WHERE role_name = current_user));
    CREATE POLICY granted_pushes ON events FOR INSERT WITH CHECK (
        pushed_by = current_user
        AND batch IN (SELECT batch FROM grants WHERE role_name = current_user)
        AND (kind IN ('post.opened', 'post.rewritten', 'post.glossed', 'post.annotated',
                      'annotation.resolved', 'annotation.deleted', 'post.approved',
                      'post.rejected', 'post.changes_requested', 'post.reopened',
                      'check.dismissed', 'event.undone')
             OR batch IN (SELECT name FROM batches WHERE owner = current_user)));

    GRANT USAGE ON SCHEMA review_desk TO {group};
    GRANT SELECT ON meta, offices, batches, grants TO {group};
    GRANT SELECT, INSERT ON events TO {group};
    GRANT USAGE ON SEQUENCE events_seq_seq TO {group};
    GRANT EXECUTE ON FUNCTION claim_batch(text) TO {group}
    """,
    # 2: what feeds the hints (issue 11's rule through sync): the language pairs of each batch's
    # posts, and the glossaries and memory units HQ's desk holds for them. HQ writes them; an
    # office reads those of the pairs of its granted batches (languages by primary subtag, as
    # hints/sources.py compares them). `seq` (one sequence, in HQ's serialised writes) tells a
    # laptop what changed since it last read.
    """
    CREATE TABLE batch_pairs (
        batch text NOT NULL REFERENCES batches(name),
        source_primary text NOT NULL,
        target_primary text NOT NULL,
        PRIMARY KEY (batch, source_primary, target_primary)
    );
    CREATE SEQUENCE reference_seq;
    CREATE TABLE glossaries (
        name text PRIMARY KEY,
        source_lang text NOT NULL,
        target_lang text NOT NULL,
        source_primary text NOT NULL,
        target_primary text NOT NULL,
        body text NOT NULL,
        seq bigint NOT NULL
    );
    CREATE TABLE memory_units (
        key text PRIMARY KEY,
        source_primary text NOT NULL,
        target_primary text NOT NULL,
        body text NOT NULL,
        seq bigint NOT NULL
    );
    CREATE INDEX glossaries_seq ON glossaries (seq);
    CREATE INDEX memory_units_seq ON memory_units (seq);

    ALTER TABLE batch_pairs ENABLE ROW LEVEL SECURITY;
    ALTER TABLE glossaries ENABLE ROW LEVEL SECURITY;
    ALTER TABLE memory_units ENABLE ROW LEVEL SECURITY;
    CREATE POLICY granted_pairs ON batch_pairs FOR SELECT
        USING (batch IN (SELECT batch FROM grants WHERE role_name = current_user));
    CREATE POLICY granted_targets ON glossaries FOR SELECT
        USING (target_primary IN (SELECT target_primary FROM batch_pairs));
    CREATE POLICY granted_pairs_units ON memory_units FOR SELECT
        USING ((source_primary, target_primary) IN (SELECT source_primary, target_primary FROM batch_pairs));
    GRANT SELECT ON batch_pairs, glossaries, memory_units TO {group};

    -- Events HQ took off the server (`server quarantine`): kept for HQ to look at, readable by
    -- no office (row-level security on, no policy, no privilege), and refused if sent again.
    CREATE TABLE quarantined_events (
        LIKE events,
        quarantined_by name NOT NULL DEFAULT current_user,
        quarantined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id)
    );
    ALTER TABLE quarantined_events ENABLE ROW LEVEL SECURITY;
    -- One check of a push's rows, once per statement: no quarantined id, and every batch known.
    -- The batch's foreign key checked it row by row: 0.29 of 1.17 s inserting 100,000 events.
    CREATE FUNCTION check_pushed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = review_desk, pg_temp AS $$
    DECLARE
        quarantined text := (SELECT a.id FROM added a JOIN quarantined_events q ON q.id = a.id LIMIT 1);
        unknown text := (SELECT a.batch FROM added a WHERE NOT EXISTS
                         (SELECT 1 FROM batches b WHERE b.name = a.batch) LIMIT 1);
    BEGIN
        IF quarantined IS NOT NULL THEN
            RAISE EXCEPTION 'review-desk: HQ quarantined the event %', quarantined;
        END IF;
        IF unknown IS NOT NULL THEN
            RAISE EXCEPTION 'review-desk: no batch % on the server', unknown
                USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
    END $$;
    REVOKE ALL ON FUNCTION check_pushed() FROM PUBLIC;
    CREATE TRIGGER events_checked AFTER INSERT ON events REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION check_pushed();
    ALTER TABLE events DROP CONSTRAINT events_batch_fkey
    """,
]

# The kinds of event an office may push into a batch it did not bring (as in the migration).
OFFICE_KINDS_IN_OTHERS_BATCHES = frozenset({
    "post.opened", "post.rewritten", "post.glossed", "post.annotated", "annotation.resolved",
    "annotation.deleted", "post.approved", "post.rejected", "post.changes_requested",
    "post.reopened", "check.dismissed", "event.undone"})


def statements(script: str) -> list[str]:
    """The statements of a migration: split on `;` outside $$-quoted function bodies."""
    found, current, quoted = [], [], False
    for piece in script.split("$$"):
        if quoted:
            current.append("$$" + piece + "$$")
        else:
            parts = piece.split(";")
            current.append(parts[0])
            for part in parts[1:]:
                found.append("".join(current))
                current = [part]
        quoted = not quoted
    found.append("".join(current))
    return [s.strip() for s in found if s.strip()]
