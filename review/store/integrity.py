"""Opening a database file, and telling an intact one from a damaged one.

A file is checked with `PRAGMA quick_check` when it is opened, unless a clean close today
recorded it exactly as it is now (`NAME-checked`: device, inode, size, modification and change
times of the file and its WAL); a file found damaged while reading is never recorded intact.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from ..errors import DamagedDatabase, NotOurDatabase
from ..formats.regular import read_regular
from ..texts import said
from .sql import utc_now

BUSY_TIMEOUT_MS = 5000
_DAMAGE_SEEN: set[Path] = set()  # files found damaged while reading: never stamped intact again
_MAX_STAMP_BYTES = 64 * 1024  # a record is about 200 bytes


SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file


def refuse_foreign_file(path: Path) -> None:
    """A file that is there and is no SQLite database at all (a CSV, a document, a typo in
    --db naming another file) is "not a Review Desk database", not a damaged one. The caller
    asks only about a file Review Desk left no marks beside (backups, the record of a clean
    close): one of ours whose first page was torn is damaged, and said so."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return  # a new database, or what connect() says of it
    except OSError:
        return
    if head and head != SQLITE_HEADER:  # an empty file is a new database to SQLite
        raise NotOurDatabase(said("not-a-database", path=path))


def refuse_other_programs_database(conn: sqlite3.Connection, path: Path) -> None:
    """A SQLite file of another program (tables, none of ours, never migrated by us) is not
    taken over: Review Desk would add its tables to it."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0 and tables and "events" not in tables:
        raise NotOurDatabase(said("not-a-review-desk-database", path=path,
                                  tables=", ".join(sorted(tables)[:5])))


def connect(path: Path) -> sqlite3.Connection:
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, sqlite3 never does it behind us.
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as err:
        raise DamagedDatabase(said("cannot-open", path=path, detail=err)) from None


def quick_check_problems(conn: sqlite3.Connection) -> str | None:
    """What `PRAGMA quick_check` found wrong (its first lines), or None for an intact file.
    A storage failure (a disk, not the file) is raised as it is."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    return None if rows == [("ok",)] else "; ".join(r[0] for r in rows[:3])


def is_damage(err: BaseException) -> bool:
    """A read that found the file damaged where `quick_check` could not see it (a changed byte
    inside a stored value): SQLITE_CORRUPT, SQLITE_NOTADB, or text that is no longer UTF-8."""
    if not isinstance(err, sqlite3.DatabaseError):
        return False
    code = (getattr(err, "sqlite_errorcode", 0) or 0) & 0xFF
    return code in (11, 26) or "Could not decode to UTF-8" in str(err)


def damage_found(path: Path, err: BaseException) -> DamagedDatabase:
    _DAMAGE_SEEN.add(Path(path).resolve())
    stamp_path(Path(path)).unlink(missing_ok=True)
    return DamagedDatabase(damaged_message(path, str(err).split(":")[0]))


def is_storage_failure(err: sqlite3.Error) -> bool:
    """SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN (and their extended codes)."""
    return (getattr(err, "sqlite_errorcode", 0) or 0) & 0xFF in (10, 13, 14)


def damaged_message(path: Path, detail: str) -> str:
    return said("damaged", path=path, detail=detail)


def check_database_file(path: Path) -> None:
    """Refuse (DamagedDatabase) a file that is not an intact SQLite database; never writes to it."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True)
    except sqlite3.Error as err:
        raise DamagedDatabase(damaged_message(path, str(err))) from None
    try:
        problems = quick_check_problems(conn)
    except sqlite3.DatabaseError as err:
        problems = str(err)
    finally:
        conn.close()
    if problems:
        raise DamagedDatabase(damaged_message(path, problems))


# -- the record of a clean close (skips the full check of an unchanged file) -------------------------


def stamp_path(db_path: Path) -> Path:
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


def stamp_intact(db_path: Path, checked_at: str) -> None:
    """After a clean close, record the files' state and when they were last fully checked.
    A failure to record only costs the next open a full check."""
    if Path(db_path).resolve() in _DAMAGE_SEEN or not Path(db_path).exists():
        return
    stamp = stamp_path(db_path)
    record = {"checked_at": checked_at, "files": _file_state(db_path)}
    temporary = stamp.with_name(stamp.name + ".tmp")
    try:
        temporary.write_text(json.dumps(record), encoding="utf-8")
        os.replace(temporary, stamp)
    except OSError:  # an older record no longer matches the files, or still rightly does
        temporary.unlink(missing_ok=True)


def trusted_check(db_path: Path) -> str | None:
    """The time of the last full check, if it was today (UTC: the day of the daily backup, so
    the first open of a day always checks the whole file before copying it) and nothing has
    touched the files since a clean close recorded them; else None (check the whole file)."""
    try:  # a pipe, /dev/zero or a deep or huge JSON put there must not hang or break the open
        record = json.loads(read_regular(stamp_path(db_path), _MAX_STAMP_BYTES))
        checked_at, files = str(record["checked_at"]), record["files"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    if not checked_at.startswith(utc_now()[:10]) or files != _file_state(db_path):
        return None
    return checked_at
