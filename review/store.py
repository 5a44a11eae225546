"""The only module that speaks SQL: schema, migrations, pragmas, backups, reads and writes.

Durability rules (see DESIGN.md, "Nothing lost"): WAL with synchronous=FULL, foreign keys on,
every write inside one `BEGIN IMMEDIATE ... COMMIT`, so a change is on disk when `write()` returns
and a second process waits (busy_timeout) instead of failing half-way.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timezone
from itertools import chain
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import DamagedDatabase, DeskBusy, NewerDatabase, ReviewError
from .formats.regular import read_regular
from .hints.memory import index_tokens
from .languages import primary
from .model import APPROVED, EXPORTED, Event, GlossaryEntry, MemoryUnit, PostState
from .texts import said

# json.dumps(value, ensure_ascii=False) without a new encoder for each of thousands of events.
_to_json = json.JSONEncoder(ensure_ascii=False).encode

BUSY_TIMEOUT_MS = 5000
BACKUPS_KEPT = 10

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
]

WORKFLOW_COLUMNS = ("state", "last_actor", "updated_at", "reason", "approved_by", "approved_at",
                    "signed_off_by", "head_event")
POST_COLUMNS = (
    "id", "batch", "external_id", "platform", "source_lang", "source_text", "target_lang",
    "draft_text", "current_text", "current_revision", "link", "media_note", "scheduled_at",
    "notes", "extra", "state", "last_actor", "updated_at", "reason", "approved_by",
    "approved_at", "signed_off_by", "head_event", "assignee",
)


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Rows:
    """Rows as dicts, and inserts from dicts: the two things this module took from
    sqlite-utils, whose import (with click and pluggy) cost 0.1-0.15 s of every start of the
    command line and the window (measured by bench/suite.py)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def query(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    def __getitem__(self, table: str) -> "_Table":
        return _Table(self.conn, table)


class _Table:
    def __init__(self, conn: sqlite3.Connection, name: str):
        self.conn, self.name = conn, name

    def insert(self, record: dict[str, Any], ignore: bool = False) -> None:
        columns = ", ".join(f'"{c}"' for c in record)  # our own column names, never user data
        marks = ", ".join("?" for _ in record)
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        self.conn.execute(f'{verb} INTO "{self.name}" ({columns}) VALUES ({marks})', tuple(record.values()))


class Store:
    """One SQLite file. Reads run anywhere; writes go through `write()`."""

    def __init__(self, path: str | os.PathLike, *, backups: bool = True):
        self.path = Path(path)
        self.backups_enabled = backups
        self.conn = _connect(self.path)
        self.db = _Rows(self.conn)
        self.conn.create_function("casefold", 1, lambda text: text.casefold() if text else text,
                                  deterministic=True)
        # When the last full check of the file was (UTC, ISO); None for ":memory:".
        self.checked_at: str | None = None
        self.check_skipped = False
        self._check_integrity()
        self._configure()
        self._migrate()

    def close(self) -> None:
        self.conn.close()
        if self.checked_at is not None:
            _stamp_intact(self.path, self.checked_at)

    # -- opening -------------------------------------------------------------------------------

    def _check_integrity(self) -> None:
        """`PRAGMA quick_check`, which reads the whole file (0.5 s for 500 MB), unless this file
        was checked today and is, to the nanosecond of its change time, as a clean close left
        it (see `_stamp_intact`)."""
        if str(self.path) == ":memory:":
            return
        self.checked_at = _trusted_check(self.path)
        if self.checked_at is not None:
            self.check_skipped = True
            return
        try:
            rows = self.conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as err:
            self.conn.close()
            if _is_storage_failure(err):  # the disk, not the file: no backup can help
                raise ReviewError(said("cannot-open", path=self.path, detail=err)) from None
            raise DamagedDatabase(_damaged_message(self.path, str(err))) from None
        if rows != [("ok",)]:
            self.conn.close()
            detail = "; ".join(r[0] for r in rows[:3])
            raise DamagedDatabase(_damaged_message(self.path, detail))
        self.checked_at = utc_now()

    def _configure(self) -> None:
        for pragma in ("synchronous=FULL", "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}"):
            self._busy_guard(lambda: self.conn.execute(f"PRAGMA {pragma}"))
        self._use_wal()

    def _use_wal(self) -> None:
        """Switching a new file to WAL needs it to itself, and SQLite does not wait for that
        (two programs creating the same database at once): so we wait, as for any write."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) and "busy" not in str(err):
                    raise
            if time.monotonic() > deadline:
                raise DeskBusy(said("busy", path=self.path))
            time.sleep(0.05)

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise NewerDatabase(said("newer-schema", path=self.path, version=version))
        while version < len(MIGRATIONS):
            with self.write():
                # Read again under the write lock: another program may have just migrated.
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if version < len(MIGRATIONS):
                    for statement in _statements(MIGRATIONS[version]):
                        self.conn.execute(statement)
                    version += 1
                    self.conn.execute(f"PRAGMA user_version = {version}")

    # -- transactions ----------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator["Store"]:
        """One durable transaction: everything inside is committed together or not at all."""
        self._busy_guard(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        try:
            yield self
        except sqlite3.Error as err:
            self._rollback()
            if _is_storage_failure(err):  # a full disk, an I/O error: nothing was stored
                raise ReviewError(said("cannot-save", path=self.path, detail=err)) from None
            raise
        except BaseException:
            self._rollback()
            raise
        try:
            self._busy_guard(lambda: self.conn.execute("COMMIT"))
        except sqlite3.Error as err:
            self._rollback()
            raise ReviewError(said("cannot-save", path=self.path, detail=err)) from None

    def _rollback(self) -> None:
        """SQLite has already rolled back after some failures (a full disk): never let the
        ROLLBACK's own complaint hide the error that matters."""
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _busy_guard(self, operation):
        try:
            return operation()
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise DeskBusy(said("busy", path=self.path)) from None
            raise

    # -- events -----------------------------------------------------------------------------------

    def append_events(self, events: Iterable[Event], origin: str | None = None) -> None:
        """`origin`: the package the events came from (None: made here). Events that share one
        payload object (an export's 10,000 `post.exported`) have it encoded once."""
        encoded: dict[int, str] = {}

        def payload_json(payload: dict[str, Any]) -> str:
            if id(payload) not in encoded:
                encoded[id(payload)] = _to_json(payload)
            return encoded[id(payload)]

        self.conn.executemany(
            "INSERT INTO events (id, kind, batch, post_id, actor, role, at, parent, payload, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(e.id, e.kind, e.batch, e.post_id, e.actor, e.role, e.at, e.parent,
              payload_json(e.payload), origin) for e in events],
        )

    def batch_events(self, batch: str, *, local_only: bool = False) -> list[Event]:
        """Every event of a batch (its posts' and its own), oldest first; `local_only`: only
        those made on this laptop, not brought by a package."""
        sql = ("SELECT id, kind, batch, post_id, actor, role, at, parent, payload FROM events "
               "WHERE batch = ?" + (" AND origin IS NULL" if local_only else "") + " ORDER BY seq")
        return [_event(row) for row in self.conn.execute(sql, (batch,))]

    def events_by_id(self, ids: list[str]) -> dict[str, Event]:
        found: dict[str, Event] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self.conn.execute(
                "SELECT id, kind, batch, post_id, actor, role, at, parent, payload FROM events "
                f"WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update((row[0], _event(row)) for row in rows)
        return found

    def known_event_ids(self, ids: list[str]) -> set[str]:
        """Which of these event ids are stored (without reading the events)."""
        found: set[str] = set()
        for chunk in _chunks(ids):
            found.update(r[0] for r in self.conn.execute(
                f"SELECT id FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def post_batches(self, post_ids: list[str]) -> dict[str, tuple[str, str]]:
        """post id -> (batch, external id) of the given posts that exist here."""
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(post_ids), 500):
            chunk = post_ids[start:start + 500]
            rows = self.conn.execute(
                f"SELECT id, batch, external_id FROM posts WHERE id IN ({','.join('?' * len(chunk))})",
                chunk)
            found.update((r[0], (r[1], r[2])) for r in rows)
        return found

    # -- packages (exchange.py) ---------------------------------------------------------------

    def record_package(self, record: dict[str, Any]) -> None:
        self.db["packages"].insert(record, ignore=True)

    def packages(self, *, batch: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
        where, params = [], []
        for column, value in (("batch", batch), ("kind", kind)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = "SELECT * FROM packages" + (" WHERE " + " AND ".join(where) if where else "")
        return list(self.db.query(sql + " ORDER BY imported_at, rowid", params))

    def batch_created_here(self, batch: str) -> bool:
        """Whether the batch was created on this desk (from a file), not brought by a package."""
        row = self.conn.execute("SELECT origin FROM events WHERE batch = ? AND kind = 'batch.created'"
                                " ORDER BY seq LIMIT 1", (batch,)).fetchone()
        return row is not None and row[0] is None

    def batch_creation(self, batch: str) -> str | None:
        """The id of the event that created the batch here, if it exists."""
        row = self.conn.execute("SELECT id FROM events WHERE batch = ? AND kind = 'batch.created'"
                                " ORDER BY seq LIMIT 1", (batch,)).fetchone()
        return row[0] if row else None

    def coordinator_key(self, batch: str) -> str | None:
        """The key that signed the first signed work package of `batch` imported here."""
        row = self.conn.execute(
            "SELECT signer FROM packages WHERE batch = ? AND kind = 'work' AND signer IS NOT NULL"
            " ORDER BY imported_at, rowid LIMIT 1", (batch,)).fetchone()
        return row[0] if row else None

    # -- a package arriving: its events staged in a temporary table (exchange.py) -------------
    # Staged outside the write lock and checked against what is stored inside it, so a large
    # package is never held in memory whole.

    def stage_reset(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.incoming")
        self.conn.execute(
            "CREATE TEMP TABLE incoming (id TEXT PRIMARY KEY, kind TEXT, batch TEXT, post_id TEXT,"
            " actor TEXT, role TEXT, at TEXT, parent TEXT, payload TEXT, line INTEGER,"
            " fresh INTEGER NOT NULL DEFAULT 0)")

    def stage_events(self, rows: list[tuple[Event, int]]) -> list[int]:
        """Stage (event, line) pairs; returns the lines whose event id was staged already."""
        sql = ("INSERT INTO incoming (id, kind, batch, post_id, actor, role, at, parent, payload,"
               " line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        values = [_event_row(event) + (line,) for event, line in rows]
        self.conn.execute("SAVEPOINT staging")
        try:
            self.conn.executemany(sql, values)
            return []
        except sqlite3.IntegrityError:  # an id twice: find the lines, one row at a time
            self.conn.execute("ROLLBACK TO staging")
            twice = []
            for row in values:
                try:
                    self.conn.execute(sql, row)
                except sqlite3.IntegrityError:
                    twice.append(row[-1])
            return twice
        finally:
            self.conn.execute("RELEASE staging")

    def staged_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM incoming").fetchone()[0]

    def mark_fresh(self) -> int:
        """Mark the staged events not stored yet (inside the write lock); returns how many."""
        self.conn.execute("UPDATE incoming SET fresh = (id NOT IN (SELECT id FROM main.events))")
        return self.conn.execute("SELECT count(*) FROM incoming WHERE fresh").fetchone()[0]

    def staged_known_pairs(self, after: str = "", limit: int = 2000) -> list[tuple[Event, Event, str | None, str | None]]:
        """(staged, stored, stored origin, signer of that origin's package) for the staged
        events already stored, in id order from `after`: compared in slices."""
        rows = self.conn.execute(
            f"SELECT {_EVENT_SELECT.replace('{t}', 'i')}, {_EVENT_SELECT.replace('{t}', 'e')},"
            " e.origin, p.signer FROM incoming i JOIN main.events e ON e.id = i.id"
            " LEFT JOIN main.packages p ON p.id = e.origin WHERE i.id > ? ORDER BY i.id LIMIT ?",
            (after, limit)).fetchall()
        return [(_event(r[:9]), _event(r[9:18]), r[18], r[19]) for r in rows]

    def staged_missing_parents(self, limit: int = 20) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT i.parent FROM incoming i WHERE i.fresh AND i.parent IS NOT NULL"
            " AND i.parent NOT IN (SELECT id FROM incoming)"
            " AND i.parent NOT IN (SELECT id FROM main.events) ORDER BY 1 LIMIT ?", (limit,))]

    def staged_posts_of_other_batches(self, batch: str, limit: int = 20) -> list[tuple[str, str]]:
        return self.conn.execute(
            "SELECT DISTINCT p.id, p.batch FROM incoming i JOIN main.posts p ON p.id = i.post_id"
            " WHERE i.fresh AND p.batch != ? ORDER BY 1 LIMIT ?", (batch, limit)).fetchall()

    def staged_posts_unknown(self, limit: int = 20) -> list[str]:
        """Posts the staged events are about that are neither stored nor imported by them."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT i.post_id FROM incoming i WHERE i.fresh AND i.post_id IS NOT NULL"
            " AND i.post_id NOT IN (SELECT id FROM main.posts)"
            " AND i.post_id NOT IN (SELECT post_id FROM incoming WHERE kind = 'post.imported')"
            " ORDER BY 1 LIMIT ?", (limit,))]

    def staged_external_ids(self) -> list[tuple[str, str, int]]:
        """(post id, external id, line) of the staged new posts."""
        return self.conn.execute(
            "SELECT post_id, json_extract(payload, '$.external_id'), line FROM incoming"
            " WHERE fresh AND kind = 'post.imported' ORDER BY line").fetchall()

    def staged_busiest_post(self) -> tuple[str, int] | None:
        return self.conn.execute(
            "SELECT post_id, count(*) FROM incoming WHERE fresh AND post_id IS NOT NULL"
            " GROUP BY post_id ORDER BY 2 DESC LIMIT 1").fetchone()

    def staged_fresh_posts(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT post_id FROM incoming WHERE fresh AND post_id IS NOT NULL ORDER BY 1")]

    def staged_fresh_ids(self, post_ids: list[str]) -> dict[str, int]:
        """id -> line in the package of the fresh staged events of these posts."""
        found: dict[str, int] = {}
        for chunk in _chunks(post_ids):
            found.update(self.conn.execute(
                f"SELECT id, line FROM incoming WHERE fresh AND post_id IN ({','.join('?' * len(chunk))})",
                chunk))
        return found

    def staged_batch_events(self) -> list[Event]:
        return [_event(r) for r in self.conn.execute(
            f"SELECT {_EVENT_SELECT.replace('{t}', 'incoming')} FROM incoming"
            " WHERE post_id IS NULL ORDER BY line")]

    def store_staged(self, origin: str) -> None:
        """Append the fresh staged events to the log, in the package's order."""
        self.conn.execute(
            "INSERT INTO main.events (id, kind, batch, post_id, actor, role, at, parent, payload,"
            " origin) SELECT id, kind, batch, post_id, actor, role, at, parent, payload, ?"
            " FROM incoming WHERE fresh ORDER BY line", (origin,))

    def stage_drop(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.incoming")

    def post_events(self, post_id: str) -> list[Event]:
        rows = self.conn.execute(
            "SELECT id, kind, batch, post_id, actor, role, at, parent, payload FROM events "
            "WHERE post_id = ? ORDER BY seq", (post_id,),
        )
        return [_event(row) for row in rows]

    def events_of_posts(self, post_ids: list[str],
                        known: dict[str, Event] | None = None) -> dict[str, list[Event]]:
        """The logs of many posts in a few queries (bulk work on thousands of posts).
        `known`: events the caller holds already (just stored), by id: used as they are
        rather than read again from their JSON."""
        known = known or {}
        logs: dict[str, list[Event]] = {post_id: [] for post_id in post_ids}
        for chunk in _chunks(post_ids):
            rows = self.conn.execute(
                "SELECT id, kind, batch, post_id, actor, role, at, parent, payload FROM events "
                f"WHERE post_id IN ({','.join('?' * len(chunk))}) ORDER BY seq", chunk)
            for row in rows:
                logs[row[3]].append(known.get(row[0]) or _event(row))
        return logs

    def posts_with_other_events(self, post_ids: list[str], kinds: Iterable[str]) -> set[str]:
        """Which of the posts have an event of a kind not in `kinds` (one query per 500)."""
        kinds = list(kinds)
        found: set[str] = set()
        for start in range(0, len(post_ids), 500):
            chunk = post_ids[start:start + 500]
            found.update(row[0] for row in self.conn.execute(
                f"SELECT DISTINCT post_id FROM events WHERE post_id IN ({','.join('?' * len(chunk))}) "
                f"AND kind NOT IN ({','.join('?' * len(kinds))})", chunk + kinds))
        return found

    def all_events(self) -> Iterator[Event]:
        rows = self.conn.execute(
            "SELECT id, kind, batch, post_id, actor, role, at, parent, payload FROM events ORDER BY seq"
        )
        return (_event(row) for row in rows)

    def event_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM events").fetchone()[0]

    # -- batches ----------------------------------------------------------------------------------

    def insert_batch(self, batch: dict[str, Any]) -> None:
        row = dict(batch, platforms=json.dumps(batch.get("platforms", [])))
        self.db["batches"].insert(row)

    def batch(self, name: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM batches WHERE name = ?", [name]))
        return _batch(rows[0]) if rows else None

    def holds_batches(self) -> bool:
        return self.conn.execute("SELECT 1 FROM batches LIMIT 1").fetchone() is not None

    def batches(self) -> list[dict[str, Any]]:
        """Every batch with its post count per state (read from the (batch, state) index)."""
        counts: dict[str, dict[str, int]] = {}
        for batch, state, count in self.conn.execute(
                "SELECT batch, state, count(*) FROM posts GROUP BY batch, state"):
            counts.setdefault(batch, {})[state] = count
        batches = []
        for row in self.db.query("SELECT * FROM batches ORDER BY created, name"):
            by_state = counts.get(row["name"], {})
            batches.append(dict(_batch(row), states=by_state, posts=sum(by_state.values()),
                                pending=by_state.get("pending", 0),
                                approved=by_state.get("approved", 0) + by_state.get("exported", 0)))
        return batches

    def state_counts(self, batch: str) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT state, count(*) FROM posts WHERE batch = ? GROUP BY state", (batch,))
        return dict(rows.fetchall())

    # -- posts ------------------------------------------------------------------------------------

    def existing_post_ids(self, candidates: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(candidates), 500):
            chunk = candidates[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM posts WHERE id IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def rowids_of(self, post_ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(post_ids), 500):
            chunk = post_ids[start:start + 500]
            found.update(self.conn.execute(
                f"SELECT id, rowid FROM posts WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    # -- the queue (filter, search and sort in SQL: fast at 100,000 posts) ---------------------

    QUEUE_SORTS = {
        "state": "state", "platform": "platform", "languages": "source_lang, target_lang",
        "text": "current_text", "problems": "problems", "reviewer": "last_actor",
        "scheduled": "scheduled_at", "batch": "batch", "external_id": "external_id",
    }

    def queue_rowids(self, conditions: dict[str, Any], sort: str = "batch",
                     descending: bool = False) -> list[int]:
        """Rowids of the posts matching `conditions`, in display order (see `_queue_where`)."""
        where, params = self._queue_where(conditions)
        direction = "DESC" if descending else "ASC"
        order = ", ".join(f"{c} {direction}" for c in self.QUEUE_SORTS[sort].split(", "))
        sql = f"SELECT rowid FROM posts {where} ORDER BY {order}, rowid {direction}"
        return [r[0] for r in self.conn.execute(sql, params)]

    def queue_state_counts(self, conditions: dict[str, Any]) -> dict[str, int]:
        where, params = self._queue_where({k: v for k, v in conditions.items() if k != "state"})
        rows = self.conn.execute(f"SELECT state, count(*) FROM posts {where} GROUP BY state", params)
        return dict(rows.fetchall())

    def queue_rows(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        """Display fields of the given posts, by rowid (the view asks for what it shows)."""
        rows: dict[int, dict[str, Any]] = {}
        for start in range(0, len(rowids), 500):
            chunk = rowids[start:start + 500]
            sql = ("SELECT rowid AS rowid, id, batch, external_id, state, platform, source_lang,"
                   " target_lang, substr(current_text, 1, 120) AS text, problems, last_actor,"
                   " assignee, scheduled_at FROM posts"
                   f" WHERE rowid IN ({','.join('?' * len(chunk))})")
            rows.update((r["rowid"], r) for r in self.db.query(sql, chunk))
        return rows

    def set_problem_counts(self, counts: dict[str, tuple[int, str]]) -> None:
        """post id -> (count, head event it was computed at); a post changed since keeps NULL."""
        self.conn.executemany("UPDATE posts SET problems = ? WHERE id = ? AND head_event = ?",
                              [(n, post_id, head) for post_id, (n, head) in counts.items()])

    def posts_without_problem_count(self, limit: int) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM posts WHERE problems IS NULL LIMIT ?", (limit,))]

    def _queue_where(self, c: dict[str, Any]) -> tuple[str, list[Any]]:
        """WHERE clause for the queue's filters: batch, state, source_lang, target_lang,
        platform, assignee (equalities), has_problems, and text (search)."""
        where, params = [], []
        for column in ("batch", "state", "source_lang", "target_lang", "platform", "assignee"):
            if c.get(column):
                where.append(f"{column} = ?")
                params.append(c[column])
        if c.get("has_problems"):
            where.append("problems > 0")
        # Control characters cannot be typed meaningfully and a NUL breaks SQLite's parser.
        text = "".join(ch for ch in (c.get("text") or "") if ch >= " ").strip()
        if text:
            search = self._search_sql(text)
            params.append(text if len(text) < 3 else '"' + text.replace('"', '""') + '"')
            if _could_be_an_id(text):  # a post's id or HQ's id finds the post, whatever its text
                search += (" UNION ALL SELECT rowid FROM posts WHERE id = ?"
                           " UNION ALL SELECT rowid FROM posts WHERE external_id = ? COLLATE NOCASE")
                params += [text, text]
            where.append("rowid IN (" + search + ")")
        return ("WHERE " + " AND ".join(where)) if where else "", params

    @staticmethod
    def _search_sql(text: str) -> str:
        # The trigram index finds any substring of three characters or more, in any script.
        # Shorter queries (a two-character Chinese word such as 政府) cannot use it, and LIKE on
        # a trigram table finds nothing for them: scan the stored text instead (~60 ms/100,000).
        if len(text) >= 3:
            return "SELECT rowid FROM posts_search WHERE posts_search MATCH ?"
        # The scan reads FTS5's own content table (posts_search_content: id, c0), a plain
        # table: a third faster than reading the same rows through the virtual table.
        if text.lower() == text.upper():  # no letter case (Chinese): skip lower-casing 100,000 texts
            return "SELECT id FROM posts_search_content WHERE instr(c0, ?) > 0"
        # SQLite's lower() folds ASCII only: "É" would not find "é". Python's casefold does.
        return "SELECT id FROM posts_search_content WHERE instr(casefold(c0), casefold(?)) > 0"

    def language_pairs(self, batch: str | None = None) -> list[tuple[str, str]]:
        if batch is not None:
            return self.conn.execute("SELECT DISTINCT source_lang, target_lang FROM posts "
                                     "WHERE batch = ? ORDER BY 1, 2", (batch,)).fetchall()
        return self.conn.execute(
            "SELECT DISTINCT source_lang, target_lang FROM posts ORDER BY 1, 2").fetchall()

    def post_ids_by_external(self, batch: str) -> dict[str, str]:
        rows = self.conn.execute("SELECT external_id, id FROM posts WHERE batch = ?", (batch,))
        return dict(rows.fetchall())

    def find_post_ids(self, key: str) -> list[str]:
        """Posts a user may mean by `key`: the id, else the external id, else an id prefix."""
        for sql, params in (
            ("SELECT id FROM posts WHERE id = ?", (key,)),
            ("SELECT id FROM posts WHERE external_id = ?", (key,)),
            # A prefix range uses the primary key index; four characters at least, like git.
            ("SELECT id FROM posts WHERE id >= ? AND id < ? AND length(?) >= 4",
             (key, key + "\U0010ffff", key)),
        ):
            ids = [r[0] for r in self.conn.execute(sql, params)]
            if ids:
                return ids
        return []

    def post_row(self, post_id: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM posts WHERE id = ?", [post_id]))
        return rows[0] if rows else None

    def post_rows(self, *, batch: str | None = None, states: Iterable[str] | None = None,
                  limit: int | None = None) -> list[dict[str, Any]]:
        where, params = [], []
        if batch is not None:
            where.append("batch = ?")
            params.append(batch)
        if states is not None:
            states = list(states)
            where.append(f"state IN ({','.join('?' * len(states))})")
            params.extend(states)
        sql = "SELECT * FROM posts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return list(self.db.query(sql, params))

    def materialise(self, posts: Iterable[PostState], *, withdraw: bool = True) -> None:
        """Write posts as their logs now say they are.

        `withdraw=False` skips looking for revisions and annotations that an undo took back:
        right for new posts and for events that cannot take anything back (faster in bulk).
        """
        posts = list(posts)
        self.conn.executemany(
            f"INSERT INTO posts ({', '.join(POST_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(POST_COLUMNS))}) "
            f"ON CONFLICT(id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in POST_COLUMNS if c != "id")
            # The cached problem count goes: the text or its dismissals may have changed.
            + ", problems = NULL",
            [post_values(p) for p in posts],
        )
        self._materialise_revisions(posts, withdraw)
        self._materialise_annotations(posts, withdraw)
        self._materialise_memory(posts)
        self._materialise_search(posts)

    def _materialise_revisions(self, posts: list[PostState], withdraw: bool) -> None:
        if withdraw:
            self._withdraw("revisions", "withdrawn = 1", posts, (r.id for p in posts for r in p.revisions))
        self.conn.executemany(
            "INSERT INTO revisions (id, post_id, number, kind, text, author, at, back_translation,"
            " withdrawn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(id) DO UPDATE SET"
            " number = excluded.number, back_translation = excluded.back_translation, withdrawn = 0",
            [(r.id, p.id, r.number, r.kind, r.text, r.author, r.at, r.back_translation)
             for p in posts for r in p.revisions],
        )

    def _materialise_annotations(self, posts: list[PostState], withdraw: bool) -> None:
        if withdraw:
            self._withdraw("annotations", "status = 'withdrawn'", posts,
                           (a for p in posts for a in p.annotations))
        self.conn.executemany(
            'INSERT INTO annotations (id, post_id, revision_id, start, "end", category, subcategory,'
            " severity, comment, author, at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET status = excluded.status",
            [(a.id, p.id, a.revision_id, a.start, a.end, a.category, a.subcategory, a.severity,
              a.comment, a.author, a.at, a.status) for p in posts for a in p.annotations.values()],
        )

    def _withdraw(self, table: str, assignment: str, posts: list[PostState], live_ids) -> None:
        """Mark rows whose creating event was undone; rows are kept, like the events."""
        live = set(live_ids)
        for chunk in _chunks([p.id for p in posts]):
            rows = self.conn.execute(
                f"SELECT id FROM {table} WHERE post_id IN ({','.join('?' * len(chunk))})", chunk)
            gone = [r[0] for r in rows if r[0] not in live]
            self.conn.executemany(f"UPDATE {table} SET {assignment} WHERE id = ?", [(i,) for i in gone])

    def update_workflow(self, rows: list[dict[str, Any]]) -> None:
        """Write only the workflow columns of posts (an export): rewriting their texts would
        touch every text index for nothing."""
        self.conn.executemany(
            "UPDATE posts SET " + ", ".join(f"{c} = ?" for c in WORKFLOW_COLUMNS) + " WHERE id = ?",
            [tuple(row[c] for c in WORKFLOW_COLUMNS) + (row["id"],) for row in rows])

    def _materialise_search(self, posts: list[PostState]) -> None:
        """The text the queue's search box looks in: source and every live revision. Only
        texts that changed are written again: a trigram index's delete and insert cost ~0.3 ms
        a post, and a decision or an assignment changes no text."""
        rowids = self.rowids_of([p.id for p in posts])
        wanted = {rowids[p.id]: "\n".join([p.source_text] + [r.text for r in p.revisions]) for p in posts}
        stored = self._search_texts(list(wanted))
        changed = [(rowid, text) for rowid, text in wanted.items() if stored.get(rowid) != text]
        self.conn.executemany("DELETE FROM posts_search WHERE rowid = ?",
                              [(rowid,) for rowid, _ in changed if rowid in stored])
        self.conn.executemany("INSERT INTO posts_search (rowid, text) VALUES (?, ?)", changed)

    def _search_texts(self, rowids: list[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for chunk in _chunks(rowids):
            found.update(self.conn.execute(
                f"SELECT rowid, text FROM posts_search WHERE rowid IN ({','.join('?' * len(chunk))})",
                chunk))
        return found

    def _materialise_memory(self, posts: list[PostState]) -> None:
        """Approved posts are memory units (source -> final text); others are not (any more).
        A post whose unit is already as it should be keeps it: assigning or re-deciding
        10,000 approved posts used to drop and re-index 10,000 identical units."""
        approved = {p.id: _post_unit(p) for p in posts if p.state in (APPROVED, EXPORTED)}
        stored = self._post_units(list(approved))
        stale = [p.id for p in posts if p.id not in approved or stored.get(p.id) != approved[p.id]]
        if stale:
            self._drop_post_units(stale)
        self._insert_units([(unit, post_id) for post_id, unit in approved.items()
                            if stored.get(post_id) != unit])

    def _post_units(self, post_ids: list[str]) -> dict[str, MemoryUnit]:
        """The memory unit stored for each of these posts that has one."""
        found: dict[str, MemoryUnit] = {}
        for chunk in _chunks(post_ids):
            rows = self.conn.execute(
                "SELECT post_id, source_lang, target_lang, source_text, target_text, origin, created "
                f"FROM tm_units WHERE post_id IN ({','.join('?' * len(chunk))})", chunk)
            found.update((row[0], MemoryUnit(*row[1:])) for row in rows)
        return found

    def _drop_post_units(self, post_ids: list[str]) -> None:
        """Remove these posts' memory units. The tokens taken off the counts are those the
        index holds for each unit (what was counted when it was added)."""
        rows = []
        for chunk in _chunks(post_ids):
            rows += self.conn.execute(
                "SELECT u.id, i.tokens FROM tm_units u LEFT JOIN tm_index i ON i.rowid = u.id "
                f"WHERE u.post_id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        if not rows:
            return
        removed = Counter(chain.from_iterable(set((tokens or "").split()) for _id, tokens in rows))
        # One statement for all: FTS5 pays a lot per statement (10,000 deletes in chunks of
        # 500 took 0.6-0.9 s, in one go 0.06 s).
        ids = sorted((r[0],) for r in rows)
        self.conn.executemany("DELETE FROM tm_index WHERE rowid = ?", ids)
        self.conn.executemany("DELETE FROM tm_units WHERE id = ?", ids)
        self._count_tokens({token: -count for token, count in removed.items()})
        self._memory_changed()

    # -- translation memory -------------------------------------------------------------------

    def tm_add_units(self, units: Iterable[MemoryUnit], *, from_file: bool = False) -> int:
        """Add units not already stored (same languages and texts); returns how many were new.

        A unit whose origin names an approved post ("post:ID": how a work package brings the
        approved posts of other batches) is stored as that post's unit, replacing the one
        stored before: the memory holds one unit per post, the coordinator's newest, as on the
        coordinator's desk, and the post's own hints leave it out. (When such a post is here
        and changes here, its history makes its unit again: `_materialise_memory`.)
        `from_file`: the origin is a file's name (TMX), whatever it says."""
        units = list(units)
        if not self.conn.in_transaction:
            with self.write():
                return self.tm_add_units(units, from_file=from_file)
        of_posts = {} if from_file else {u.post_id: u for u in units if u.post_id}
        plain = [(u, None) for u in units if from_file or not u.post_id]
        stored = self._post_units(list(of_posts))
        changed = [(u, post_id) for post_id, u in of_posts.items() if stored.get(post_id) != u]
        self._drop_post_units([post_id for _u, post_id in changed if post_id in stored])
        return self._insert_units(plain + changed)

    def _insert_units(self, units: list[tuple[MemoryUnit, str | None]]) -> int:
        """Insert (unit, post id) pairs, skipping those already stored, and index the new ones,
        in a few statements (a work package brings ~78,000 units: one statement and one
        token-count update per unit took 20-40 s). New units get ids above the largest, so
        they are read back by id; the caller's transaction (or ours) keeps others out."""
        if not units:
            return 0
        if not self.conn.in_transaction:
            with self.write():
                return self._insert_units(units)
        before = self.conn.execute("SELECT coalesce(max(id), 0) FROM tm_units").fetchone()[0]
        self.conn.executemany(
            "INSERT OR IGNORE INTO tm_units (source_lang, target_lang, source_text, target_text,"
            " origin, created, post_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(u.source_lang, u.target_lang, u.source_text, u.target_text, u.origin, u.created, post_id)
             for u, post_id in units])
        new = self.conn.execute("SELECT id, source_lang, target_lang, source_text FROM tm_units "
                                "WHERE id > ? ORDER BY id", (before,)).fetchall()
        if not new:
            return 0
        indexed = [(row[0], index_tokens(*row[1:])) for row in new]
        self.conn.executemany("INSERT INTO tm_index (rowid, tokens) VALUES (?, ?)", indexed)
        self._count_tokens(Counter(chain.from_iterable(set(tokens.split()) for _id, tokens in indexed)))
        self._memory_changed()
        return len(new)

    def _memory_changed(self) -> None:
        """Lets in-memory copies of the memory (the lookup's scan cache) see they are stale."""
        self.set_setting("tm_version", utc_now())

    def tm_token_counts(self, tokens: list[str]) -> dict[str, int]:
        """In how many units each token occurs (the prefilter picks the rarest). FTS5's own
        fts5vocab table answers this too, but scans: 2 ms a query against 0.05 ms here."""
        marks = ",".join("?" * len(tokens))
        rows = self.conn.execute(f"SELECT token, units FROM tm_tokens WHERE token IN ({marks})", tokens)
        return dict(rows.fetchall())

    def _count_tokens(self, changes: dict[str, int]) -> None:
        """Add `changes` (token -> units gained, negative when lost) to the token counts. One
        statement, the tokens handed over as one JSON object and written in key order, so the
        B-tree fills page after page: a work package's ~400,000 tokens took 2.4 s one row at
        a time in random order, 1.8 s sorted in Python, 0.6 s like this."""
        if not changes:
            return
        self.conn.execute(
            "INSERT INTO tm_tokens (token, units) SELECT key, value FROM json_each(?) "
            "WHERE true ORDER BY key "  # WHERE: SQLite's way to allow ON CONFLICT after a SELECT
            "ON CONFLICT(token) DO UPDATE SET units = units + excluded.units",
            (_to_json(changes),))

    def tm_units_with(self, token: str) -> list[int]:
        """Ids of the units whose indexed tokens include `token` (see hints/memory.py)."""
        query = '"' + token.replace('"', '""') + '"'
        return [r[0] for r in self.conn.execute(
            "SELECT rowid FROM tm_index WHERE tm_index MATCH ?", (query,))]

    def tm_units_of_pair(self, source_lang: str, target_lang: str) -> list[tuple]:
        """(id, source_text, target_text, origin, post_id) of every unit whose languages have
        these primary subtags."""
        src, tgt = primary(source_lang), primary(target_lang)
        return self.conn.execute(
            "SELECT id, source_text, target_text, origin, post_id FROM tm_units "
            "WHERE (lower(source_lang) = ? OR lower(source_lang) LIKE ? || '-%') "
            "AND (lower(target_lang) = ? OR lower(target_lang) LIKE ? || '-%')",
            (src, src, tgt, tgt)).fetchall()

    def tm_units_by_id(self, ids: list[int]) -> list[tuple]:
        """(id, source_text, target_text, origin, post_id) of the given units."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return self.conn.execute(
            f"SELECT id, source_text, target_text, origin, post_id FROM tm_units WHERE id IN ({marks})",
            ids).fetchall()

    def tm_units(self) -> list[MemoryUnit]:
        rows = self.conn.execute(
            "SELECT source_lang, target_lang, source_text, target_text, origin, created "
            "FROM tm_units ORDER BY id")
        return [MemoryUnit(*row) for row in rows]

    def tm_language_pairs(self) -> list[tuple[str, str]]:
        """The (source, target) language codes the memory's units have, as stored."""
        return self.conn.execute("SELECT DISTINCT source_lang, target_lang FROM tm_units "
                                 "ORDER BY 1, 2").fetchall()

    def tm_units_and_posts(self, pairs: list[tuple[str, str]]) -> list[tuple[MemoryUnit, str | None]]:
        """Every unit of these (source, target) codes with the post it was made from (None:
        imported from a file), in the order they were added."""
        if not pairs:
            return []
        wanted = " OR ".join("(source_lang = ? AND target_lang = ?)" for _ in pairs)
        rows = self.conn.execute(
            "SELECT source_lang, target_lang, source_text, target_text, origin, created, post_id "
            f"FROM tm_units WHERE {wanted} ORDER BY id", [code for pair in pairs for code in pair])
        return [(MemoryUnit(*row[:6]), row[6]) for row in rows]

    def tm_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM tm_units").fetchone()[0]

    # -- glossaries ---------------------------------------------------------------------------

    def replace_glossary(self, name: str, source_lang: str, target_lang: str, origin: str,
                         entries: list[GlossaryEntry], *, starter: bool = False) -> None:
        """Store a glossary under `name`, replacing one of that name (its entries too)."""
        self.conn.execute("DELETE FROM glossaries WHERE name = ?", (name,))
        self.conn.execute(
            "INSERT INTO glossaries (name, source_lang, target_lang, origin, created, starter) "
            "VALUES (?, ?, ?, ?, ?, ?)", (name, source_lang, target_lang, origin, utc_now(), int(starter)))
        self.conn.executemany(
            "INSERT INTO glossary_entries (glossary, term, translation, status, note, pos,"
            " case_sensitive, domain, region, dnt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(name, e.term, e.translation, e.status, e.note, e.pos, int(e.case_sensitive),
              e.domain, e.region, int(e.dnt)) for e in entries])
        self.set_setting("glossary_version", utc_now() + name)

    def glossaries(self) -> list[dict[str, Any]]:
        sql = ("SELECT g.*, count(e.id) AS entries FROM glossaries g LEFT JOIN glossary_entries e"
               " ON e.glossary = g.name GROUP BY g.name ORDER BY g.name")
        return list(self.db.query(sql))

    def glossary_entries(self, name: str) -> list[GlossaryEntry]:
        rows = self.conn.execute(
            "SELECT term, translation, status, note, pos, case_sensitive, domain, region, dnt "
            "FROM glossary_entries WHERE glossary = ? ORDER BY id", (name,))
        return [_entry(row) for row in rows]

    def all_glossary_entries(self) -> list[tuple[str, str, GlossaryEntry]]:
        """(source_lang, target_lang, entry) for every entry of every glossary, glossary by
        glossary in name order: where entries of several glossaries meet in one hint, their
        order is the same on every laptop that holds these glossaries (entry ids are not)."""
        rows = self.conn.execute(
            "SELECT g.source_lang, g.target_lang, e.term, e.translation, e.status, e.note, e.pos,"
            " e.case_sensitive, e.domain, e.region, e.dnt FROM glossary_entries e"
            " JOIN glossaries g ON g.name = e.glossary ORDER BY g.name, e.id")
        return [(row[0], row[1], _entry(row[2:])) for row in rows]

    def revisions(self, post_id: str, *, include_withdrawn: bool = False) -> list[dict[str, Any]]:
        sql = "SELECT * FROM revisions WHERE post_id = ?"
        if not include_withdrawn:
            sql += " AND withdrawn = 0"
        return list(self.db.query(sql + " ORDER BY number, rowid", [post_id]))

    def annotations(self, post_id: str) -> list[dict[str, Any]]:
        sql = "SELECT * FROM annotations WHERE post_id = ? AND status != 'withdrawn' ORDER BY at, rowid"
        return list(self.db.query(sql, [post_id]))

    # -- the review report: a batch's (or, with batch=None, the whole database's) figures -----

    def report_revisions(self, batch: str | None) -> list[dict[str, Any]]:
        """Live revisions of the posts, by post then number."""
        where, params = _batch_filter(batch)
        return list(self.db.query(
            "SELECT r.* FROM revisions r JOIN posts p ON p.id = r.post_id "
            f"WHERE r.withdrawn = 0 {where} ORDER BY p.rowid, r.number, r.rowid", params))

    def report_annotations(self, batch: str | None) -> list[dict[str, Any]]:
        """Annotations not undone nor deleted, by post then time."""
        where, params = _batch_filter(batch)
        return list(self.db.query(
            "SELECT a.* FROM annotations a JOIN posts p ON p.id = a.post_id "
            f"WHERE a.status NOT IN ('withdrawn', 'deleted') {where} "
            "ORDER BY p.rowid, a.at, a.rowid", params))

    def events_of_kinds(self, kinds: Iterable[str], batch: str | None = None) -> list[Event]:
        """Events of the given kinds, in log order (pass the undo kind too to tell live ones)."""
        kinds = list(kinds)
        sql = ("SELECT id, kind, batch, post_id, actor, role, at, parent, payload FROM events "
               f"WHERE kind IN ({','.join('?' * len(kinds))})")
        if batch is not None:
            sql += " AND batch = ?"
            kinds.append(batch)
        return [_event(row) for row in self.conn.execute(sql + " ORDER BY seq", kinds)]

    # -- unfinished rewrites ------------------------------------------------------------------

    def save_unfinished(self, post_id: str, author: str, text: str, back_translation: str | None) -> None:
        self.conn.execute(
            "INSERT INTO unfinished (post_id, author, text, back_translation, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(post_id, author) DO UPDATE SET text = excluded.text, "
            "back_translation = excluded.back_translation, at = excluded.at",
            (post_id, author, text, back_translation, utc_now()))

    def unfinished(self, post_id: str, author: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM unfinished WHERE post_id = ? AND author = ?",
                                  [post_id, author]))
        return rows[0] if rows else None

    def unfinished_posts(self, author: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT post_id FROM unfinished WHERE author = ? ORDER BY at", (author,))]

    def discard_unfinished(self, post_id: str, author: str) -> None:
        self.conn.execute("DELETE FROM unfinished WHERE post_id = ? AND author = ?", (post_id, author))

    # -- exports and settings -------------------------------------------------------------------

    def insert_export(self, record: dict[str, Any]) -> None:
        self.db["exports"].insert(record)

    def exports(self, batch: str | None = None) -> list[dict[str, Any]]:
        if batch is None:
            return list(self.db.query("SELECT * FROM exports ORDER BY at"))
        return list(self.db.query("SELECT * FROM exports WHERE batch = ? ORDER BY at", [batch]))

    def setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    # -- backups ----------------------------------------------------------------------------------

    @property
    def backup_dir(self) -> Path:
        return backup_folder(self.path)

    def backup(self, reason: str) -> Path | None:
        """Copy the database with SQLite's backup API (consistent even while others read)."""
        if not self.backups_enabled:
            return None
        return _backup(self.conn, self.path, reason)

    def backup_files(self) -> list[Path]:
        """This database's backups, oldest first (by the time in their names)."""
        return backups_in(self.path)

    def backup_daily(self) -> Path | None:
        """The first open of a day keeps a copy, so a bad day can be rolled back."""
        if not self.backups_enabled:
            return None
        return _daily_backup(self.conn, self.path)


# -- helpers ----------------------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, sqlite3 never does it behind us.
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as err:
        raise DamagedDatabase(said("cannot-open", path=path, detail=err)) from None


def is_damage(err: BaseException) -> bool:
    """A read that found the file damaged where `quick_check` could not see it (a changed byte
    inside a stored value): SQLITE_CORRUPT, SQLITE_NOTADB, or text that is no longer UTF-8."""
    if not isinstance(err, sqlite3.DatabaseError):
        return False
    code = (getattr(err, "sqlite_errorcode", 0) or 0) & 0xFF
    return code in (11, 26) or "Could not decode to UTF-8" in str(err)


def damage_found(path: Path, err: BaseException) -> DamagedDatabase:
    _DAMAGE_SEEN.add(Path(path).resolve())
    _stamp_path(Path(path)).unlink(missing_ok=True)
    return DamagedDatabase(_damaged_message(path, str(err).split(":")[0]))


# -- the record of a clean close (skips the full check of an unchanged file) -------------------------

_DAMAGE_SEEN: set[Path] = set()  # files found damaged while reading: never stamped intact again
_MAX_STAMP_BYTES = 64 * 1024  # a record is about 200 bytes


def _stamp_path(db_path: Path) -> Path:
    return Path(str(db_path) + "-checked")


def _file_state(db_path: Path) -> list:
    """What any change to the database leaves behind: the main file's and the WAL's device,
    inode, size, modification and status-change times. The change time (ctime) cannot be set
    back by copying or `touch`, so a file written by anything at all no longer matches."""
    state = []
    for path in (db_path, Path(str(db_path) + "-wal")):
        try:
            st = path.stat()
        except FileNotFoundError:
            state.append(None)
            continue
        state.append([st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns])
    return state


def _stamp_intact(db_path: Path, checked_at: str) -> None:
    """After a clean close, record the files' state and when they were last fully checked.
    A failure to record only costs the next open a full check."""
    if Path(db_path).resolve() in _DAMAGE_SEEN or not Path(db_path).exists():
        return
    stamp = _stamp_path(db_path)
    record = {"checked_at": checked_at, "files": _file_state(db_path)}
    temporary = stamp.with_name(stamp.name + ".tmp")
    try:
        temporary.write_text(json.dumps(record), encoding="utf-8")
        os.replace(temporary, stamp)
    except OSError:  # an older record no longer matches the files, or still rightly does
        temporary.unlink(missing_ok=True)


def _trusted_check(db_path: Path) -> str | None:
    """The time of the last full check, if it was today (UTC: the day of the daily backup, so
    the first open of a day always checks the whole file before copying it) and nothing has
    touched the files since a clean close recorded them; else None (check the whole file)."""
    try:  # a pipe, /dev/zero or a deep or huge JSON put there must not hang or break the open
        record = json.loads(read_regular(_stamp_path(db_path), _MAX_STAMP_BYTES))
        checked_at, files = str(record["checked_at"]), record["files"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    if not checked_at.startswith(utc_now()[:10]) or files != _file_state(db_path):
        return None
    return checked_at


def _is_storage_failure(err: sqlite3.Error) -> bool:
    """SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN (and their extended codes)."""
    return (getattr(err, "sqlite_errorcode", 0) or 0) & 0xFF in (10, 13, 14)


def _damaged_message(path: Path, detail: str) -> str:
    return said("damaged", path=path, detail=detail)


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def take_daily_backup(db_path: Path) -> Path | None:
    """The daily backup through a read-only connection of its own, for a worker thread while
    the window is in use (0.6 s for 144 MB, 2.8 s for 537 MB here: too long to wait for at
    the start). SQLite's backup copies one consistent snapshot; writers go on meanwhile."""
    try:
        conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        return _daily_backup(conn, Path(db_path))
    finally:
        conn.close()


def _daily_backup(conn: sqlite3.Connection, db_path: Path) -> Path | None:
    today = datetime.now(timezone.utc).strftime("%Y%m%d")
    if any(f"-{today}T" in p.name for p in backups_in(db_path)):
        return None
    try:
        if conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0:
            return None
        return _backup(conn, db_path, "daily")
    except (ReviewError, sqlite3.Error):
        return None  # reading and reviewing go on; imports make (and insist on) their own


def _backup(conn: sqlite3.Connection, db_path: Path, reason: str) -> Path:
    """A copy under a temporary name, renamed when whole: a copy cut short by a crash or a
    full disk never passes for a backup (nor stops the day's backup from being taken)."""
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{Path(db_path).stem}-{stamp}-{reason}.sqlite3"
    partial = target.with_name(target.name + ".partial")
    dest = sqlite3.connect(partial)
    try:
        conn.backup(dest)
        dest.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as err:  # a full disk: refuse the work it was meant to guard
        dest.close()
        partial.unlink(missing_ok=True)
        raise ReviewError(said("backup-failed", path=target, detail=err)) from None
    for old in backups_in(db_path)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    _remove_abandoned_copies(folder, Path(db_path).stem)
    return target


def _remove_abandoned_copies(folder: Path, stem: str) -> None:
    """Copies a crash cut short; an hour old, so none is still being written by anyone."""
    pattern = re.compile(re.escape(stem) + r"-\d{8}T\d{12}Z-[a-z-]+\.sqlite3\.partial")
    for partial in folder.iterdir():
        try:
            if pattern.fullmatch(partial.name) and time.time() - partial.stat().st_mtime > 3600:
                partial.unlink()
        except OSError:
            pass


def backups_in(db_path: Path) -> list[Path]:
    """The backups of the database at `db_path`, oldest first: `STEM-TIME-REASON.sqlite3`
    exactly, so `zw.sqlite3` never claims (or prunes) the backups of `zw-archive.sqlite3`."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(Path(db_path).stem) + r"-(\d{8}T\d{12}Z)-[a-z-]+\.sqlite3")
    found = [(m.group(1), p) for p in folder.iterdir() if (m := pattern.fullmatch(p.name))]
    return [p for _, p in sorted(found)]


def check_database_file(path: Path) -> None:
    """Refuse (DamagedDatabase) a file that is not an intact SQLite database; never writes to it."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True)
    except sqlite3.Error as err:
        raise DamagedDatabase(_damaged_message(path, str(err))) from None
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as err:
        rows = [(str(err),)]
    finally:
        conn.close()
    if rows != [("ok",)]:
        raise DamagedDatabase(_damaged_message(path, "; ".join(r[0] for r in rows[:3])))


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _batch_filter(batch: str | None) -> tuple[str, list[Any]]:
    """An `AND p.batch = ?` for queries joined to posts as `p`, or nothing for every batch."""
    return ("", []) if batch is None else ("AND p.batch = ?", [batch])


_EVENT_SELECT = ("{t}.id, {t}.kind, {t}.batch, {t}.post_id, {t}.actor, {t}.role, {t}.at, "
                 "{t}.parent, {t}.payload")


def _event(row) -> Event:
    return Event(*row[:8], payload=json.loads(row[8]))


def _event_row(event: Event) -> tuple:
    return (event.id, event.kind, event.batch, event.post_id, event.actor, event.role, event.at,
            event.parent, _to_json(event.payload))


def _entry(row) -> GlossaryEntry:
    term, translation, status, note, pos, case_sensitive, domain, region, dnt = row
    return GlossaryEntry(term, translation, status, note, pos, bool(case_sensitive), domain,
                         region, bool(dnt))


def _batch(row: dict[str, Any]) -> dict[str, Any]:
    return dict(row, platforms=json.loads(row["platforms"]), require_signoff=bool(row["require_signoff"]))


def _could_be_an_id(text: str) -> bool:
    """Whether a search may be an id (no spaces, not longer than ids are): only then is every
    post's id compared with it (a scan, ~5 ms at 100,000 posts)."""
    return len(text) <= 100 and not any(ch.isspace() for ch in text)


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    """`items` in slices small enough for one `IN (?, ...)` each."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _post_unit(post: PostState) -> MemoryUnit:
    """The memory unit an approved post stands for."""
    return MemoryUnit(post.source_lang, post.target_lang, post.source_text, post.current_text,
                      f"post:{post.id}", post.approved_at)


def post_values(post: PostState) -> tuple:
    values = {
        "id": post.id, "batch": post.batch, "external_id": post.external_id,
        "platform": post.platform, "source_lang": post.source_lang,
        "source_text": post.source_text, "target_lang": post.target_lang,
        "draft_text": post.draft.text, "current_text": post.current_text,
        "current_revision": post.current_revision.number, "link": post.link,
        "media_note": post.media_note, "scheduled_at": post.scheduled_at, "notes": post.notes,
        "extra": _to_json(post.extra), "state": post.state,
        "last_actor": post.last_actor, "updated_at": post.updated_at, "reason": post.reason,
        "approved_by": post.approved_by, "approved_at": post.approved_at,
        "signed_off_by": post.signed_off_by, "head_event": post.head, "assignee": post.assignee,
    }
    return tuple(values[c] for c in POST_COLUMNS)
