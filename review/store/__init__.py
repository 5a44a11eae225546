"""The only package that speaks SQL. `Store` is one SQLite file: its connection and
transactions, and a part for each kind of record (like Anki's collection and its managers):

    store.events      the event log                      (events.py)
    store.posts       posts as their logs say they are   (posts.py: the projections)
    store.queue       the queue's filter, search, sort   (queue.py)
    store.batches     batches                            (batches.py)
    store.memory      translation memory and its index   (memory.py)
    store.glossaries  glossaries                         (glossaries.py)
    store.packages    packages imported                  (packages.py)
    store.documents   XLIFF files kept whole for export  (documents.py)
    store.staging     a package's events being checked   (staging.py)
    store.syncs       how far syncs with HQ's server got (syncs.py; the server: server.py)
    store.settings, .unfinished, .exports, .reports      (records.py)
    store.backups     copies of the file                 (backups.py)

Durability rules (see DESIGN.md, "Nothing lost"): WAL with synchronous=FULL, foreign keys on,
every write inside one `BEGIN IMMEDIATE ... COMMIT`, so a change is on disk when `write()`
returns and a second process waits (busy_timeout) instead of failing half-way. Schema and
migrations: schema.py; opening and integrity: integrity.py.
"""
from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import DamagedDatabase, DeskBusy, NewerDatabase, NotOurDatabase, ReviewError
from ..texts import said
from .backups import BACKUPS_KEPT, Backups, backup_folder, backups_in, take_daily_backup
from .batches import Batches
from .documents import Documents
from .events import Events
from .glossaries import Glossaries
from .integrity import (
    BUSY_TIMEOUT_MS,
    check_database_file,
    connect,
    damage_found,
    damaged_message,
    is_damage,
    is_storage_failure,
    quick_check_problems,
    refuse_foreign_file,
    refuse_other_programs_database,
    stamp_intact,
    stamp_path,
    trusted_check,
)
from .media import Media
from .memory import Memory
from .packages import Packages
from .posts import COLUMNS as POST_COLUMNS
from .posts import WORKFLOW_COLUMNS, Posts, post_values
from .queue import Queue
from .records import Exports, Reports, Settings, Unfinished
from .schema import MIGRATIONS, statements
from .sql import Rows, utc_now
from .staging import Staging
from .syncs import Syncs

__all__ = ["BACKUPS_KEPT", "BUSY_TIMEOUT_MS", "MIGRATIONS", "POST_COLUMNS", "WORKFLOW_COLUMNS",
           "Store", "backup_folder", "backups_in", "check_database_file", "damage_found",
           "is_damage", "post_values", "take_daily_backup", "utc_now"]


class Store:
    """One SQLite file. Reads run anywhere; writes go through `write()`."""

    def __init__(self, path: str | os.PathLike, *, backups: bool = True, checked: bool = False):
        self.path = Path(path)
        self.backups_enabled = backups
        # Beside our marks, a torn header is damage. Never when another Store of this process
        # has the file open (`checked`): closing a read of it would drop that one's locks.
        if str(self.path) != ":memory:" and not checked and not (
                backups_in(self.path) or stamp_path(self.path).exists()):
            refuse_foreign_file(self.path)
        self.conn = connect(self.path)
        self.db = Rows(self.conn)
        self.conn.create_function("casefold", 1, lambda text: text.casefold() if text else text,
                                  deterministic=True)
        # When the last full check of the file was (UTC, ISO); None for ":memory:".
        self.checked_at: str | None = None
        self.check_skipped = checked
        if not checked:
            self._check_integrity()
        if str(self.path) != ":memory:":
            try:
                refuse_other_programs_database(self.conn, self.path)
            except NotOurDatabase:
                self.conn.close()
                raise
        self._configure()
        self._migrate()
        self.events, self.posts, self.queue = Events(self), Posts(self), Queue(self)
        self.batches, self.memory, self.glossaries = Batches(self), Memory(self), Glossaries(self)
        self.packages, self.staging, self.syncs = Packages(self), Staging(self), Syncs(self)
        self.settings, self.unfinished = Settings(self), Unfinished(self)
        self.exports, self.reports, self.backups = Exports(self), Reports(self), Backups(self)
        self.media, self.documents = Media(self), Documents(self)

    def close(self) -> None:
        self.conn.close()
        if self.checked_at is not None:
            stamp_intact(self.path, self.checked_at)

    # -- opening -------------------------------------------------------------------------------

    def _check_integrity(self) -> None:
        """`PRAGMA quick_check`, which reads the whole file (0.5 s for 500 MB), unless this file
        was checked today and is, to the nanosecond of its change time, as a clean close left
        it (see integrity.stamp_intact)."""
        if str(self.path) == ":memory:":
            return
        self.checked_at = trusted_check(self.path)
        if self.checked_at is not None:
            self.check_skipped = True
            return
        try:
            problems = quick_check_problems(self.conn)
        except sqlite3.DatabaseError as err:
            self.conn.close()
            if is_storage_failure(err):  # the disk, not the file: no backup can help
                raise ReviewError(said("cannot-open", path=self.path, detail=err)) from None
            raise DamagedDatabase(damaged_message(self.path, str(err))) from None
        if problems:
            self.conn.close()
            raise DamagedDatabase(damaged_message(self.path, problems))
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
                    for statement in statements(MIGRATIONS[version]):
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
            if is_storage_failure(err):  # a full disk, an I/O error: nothing was stored
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
