"""The schema, as the migrations that build it one version at a time. `PRAGMA user_version`
records where a file is; an entry is never changed once released, only followed by another."""
from __future__ import annotations

# Each entry moves the schema one version up; `PRAGMA user_version` records where a file is.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE batches (
        name TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'HQ',
        platforms TEXT NOT NULL DEFAULT '[]',
        due TEXT,
        require_signoff INTEGER NOT NULL DEFAULT 0,
        timezone TEXT NOT NULL DEFAULT 'UTC'
    );
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        batch TEXT NOT NULL REFERENCES batches(name),
        post_id TEXT,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        at TEXT NOT NULL,
        parent TEXT,
        payload TEXT NOT NULL
    );
    CREATE INDEX events_post ON events(post_id, seq);
    CREATE INDEX events_batch ON events(batch, seq);
    CREATE TABLE posts (
        id TEXT PRIMARY KEY,
        batch TEXT NOT NULL REFERENCES batches(name),
        external_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        source_lang TEXT NOT NULL,
        source_text TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        draft_text TEXT NOT NULL,
        current_text TEXT NOT NULL,
        current_revision INTEGER NOT NULL,
        link TEXT,
        media_note TEXT,
        scheduled_at TEXT,
        notes TEXT,
        extra TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL,
        assignee TEXT,
        last_actor TEXT,
        updated_at TEXT,
        reason TEXT,
        approved_by TEXT,
        approved_at TEXT,
        signed_off_by TEXT,
        head_event TEXT NOT NULL,
        UNIQUE (batch, external_id)
    );
    CREATE INDEX posts_batch_state ON posts(batch, state);
    CREATE INDEX posts_state ON posts(state);
    CREATE TABLE revisions (
        id TEXT PRIMARY KEY,
        post_id TEXT NOT NULL REFERENCES posts(id),
        number INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        back_translation TEXT,
        withdrawn INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX revisions_post ON revisions(post_id, number);
    CREATE TABLE annotations (
        id TEXT PRIMARY KEY,
        post_id TEXT NOT NULL REFERENCES posts(id),
        revision_id TEXT NOT NULL REFERENCES revisions(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        category TEXT NOT NULL,
        subcategory TEXT,
        severity TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open'
    );
    CREATE INDEX annotations_post ON annotations(post_id);
    CREATE TABLE exports (
        id TEXT PRIMARY KEY,
        batch TEXT NOT NULL REFERENCES batches(name),
        format TEXT NOT NULL,
        file_name TEXT NOT NULL,
        count INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        again INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: glossaries and the translation memory (with its prefilter index, see hints/memory.py).
    """
    CREATE TABLE glossaries (
        name TEXT PRIMARY KEY,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        starter INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE glossary_entries (
        id INTEGER PRIMARY KEY,
        glossary TEXT NOT NULL REFERENCES glossaries(name) ON DELETE CASCADE,
        term TEXT NOT NULL,
        translation TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        pos TEXT,
        case_sensitive INTEGER NOT NULL DEFAULT 0,
        domain TEXT,
        region TEXT,
        dnt INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX glossary_entries_glossary ON glossary_entries(glossary);
    CREATE TABLE tm_units (
        id INTEGER PRIMARY KEY,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        source_text TEXT NOT NULL,
        target_text TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT '',
        created TEXT,
        post_id TEXT UNIQUE
    );
    CREATE UNIQUE INDEX tm_units_pair ON tm_units(source_lang, target_lang, source_text, target_text)
        WHERE post_id IS NULL;
    CREATE INDEX tm_units_langs ON tm_units(source_lang, target_lang);
    CREATE VIRTUAL TABLE tm_index USING fts5(tokens, tokenize = 'unicode61 remove_diacritics 0');
    CREATE TABLE tm_tokens (token TEXT PRIMARY KEY, units INTEGER NOT NULL) WITHOUT ROWID
    """,
    # 3: the queue: text search over every revision, and each post's open problems (a cache
    # filled as hints are computed; NULL until then).
    """
    ALTER TABLE posts ADD COLUMN problems INTEGER;
    CREATE INDEX posts_problems ON posts(problems);
    CREATE INDEX posts_scheduled ON posts(scheduled_at);
    CREATE INDEX posts_langs ON posts(source_lang, target_lang);
    CREATE VIRTUAL TABLE posts_search USING fts5(text, tokenize = 'trigram');
    INSERT INTO posts_search (rowid, text)
        SELECT p.rowid, p.source_text || char(10) || group_concat(r.text, char(10))
        FROM posts p JOIN revisions r ON r.post_id = p.id GROUP BY p.rowid
    """,
    # 4: unfinished rewrites: what a reviewer is typing, saved as they type, offered back after
    # a crash. Not events: typing is not a decision, and it is gone once the rewrite is saved.
    """
    CREATE TABLE unfinished (
        post_id TEXT NOT NULL REFERENCES posts(id),
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        back_translation TEXT,
        at TEXT NOT NULL,
        PRIMARY KEY (post_id, author)
    )
    """,
    # 5: sorting the queue by text or batch over 100,000 posts without a temporary sort.
    """
    CREATE INDEX posts_text ON posts(current_text);
    CREATE INDEX posts_batch ON posts(batch)
    """,
    # 6: review packages between laptops (exchange.py): which packages were imported, and which
    # events came from one (origin: the package id; NULL: made on this laptop).
    """
    CREATE TABLE packages (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        batch TEXT NOT NULL REFERENCES batches(name),
        creator TEXT NOT NULL,
        creator_role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        events_added INTEGER NOT NULL
    );
    ALTER TABLE events ADD COLUMN origin TEXT;
    CREATE INDEX events_batch_origin ON events(batch, origin)
    """,
    # 7: signed packages (signing.py): the key that signed each imported package; a work
    # package's secret, with which this laptop proves in its results that it received it; the
    # work package a results package answers.
    """
    ALTER TABLE packages ADD COLUMN signer TEXT;
    ALTER TABLE packages ADD COLUMN enrolment TEXT;
    ALTER TABLE packages ADD COLUMN base_package TEXT
    """,
    # 8: what a post's cached problem count was computed from (its texts, languages, platform
    # and dismissals): a write that changes none of them keeps the count.
    """
    ALTER TABLE posts ADD COLUMN problems_basis TEXT
    """,
    # 9: a CAT file's inline codes (placeholder -> original markup) and other tools' notes,
    # written back on export; a TMX segment's inline codes (its <seg> as the file had it).
    """
    ALTER TABLE posts ADD COLUMN codes TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE posts ADD COLUMN tool_notes TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE tm_units ADD COLUMN source_seg TEXT;
    ALTER TABLE tm_units ADD COLUMN target_seg TEXT
    """,
    # 10: sync with HQ's server (review/sync): per server and batch, the last event of this
    # desk sent (its seq here) and the last event received (its seq on the server); and each
    # sync that ended, for the status bar and `sync --status`.
    """
    CREATE TABLE sync_marks (
        server TEXT NOT NULL,
        batch TEXT NOT NULL,
        pushed_seq INTEGER NOT NULL DEFAULT 0,
        pulled_seq INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (server, batch)
    );
    CREATE TABLE syncs (
        id INTEGER PRIMARY KEY,
        server TEXT NOT NULL,
        url TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        pushed INTEGER NOT NULL,
        pulled INTEGER NOT NULL
    )
    """,
    # 11 (issue 17): when a post was signed off (an approval that became publishable after the
    # post's scheduled time is `schedule-passed`; posts signed off before get their latest
    # sign-off event's time, which is what a replay gives them); the pictures HQ sent with
    # posts, each stored once by its SHA-256, and each post's list of them (JSON, as its
    # import event records it).
    """
    ALTER TABLE posts ADD COLUMN signed_off_at TEXT;
    UPDATE posts SET signed_off_at = (SELECT max(at) FROM events
        WHERE events.post_id = posts.id AND events.kind = 'post.signed_off')
    WHERE signed_off_by IS NOT NULL;
    ALTER TABLE posts ADD COLUMN media TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE annotations ADD COLUMN picture TEXT;
    CREATE TABLE media (
        sha256 TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        width INTEGER,
        height INTEGER,
        bytes INTEGER NOT NULL,
        data BLOB NOT NULL
    ) WITHOUT ROWID
    """,
    # 12 (issue 14): the XLIFF files HQ's batches came in, whole, zlib-compressed, keyed by the
    # SHA-256 of their bytes (what the `batch.file_imported` event records), so an XLIFF export
    # fills the original document instead of building a new one (review/xliff_documents.py).
    """
    CREATE TABLE xliff_documents (
        sha256 TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        data BLOB NOT NULL
    ) WITHOUT ROWID
    """,
]


def statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
