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
