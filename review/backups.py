"""Automatic backups: which there are, and putting one back in place of the database.

The store keeps a copy before every import and at the first open of each day (the last 10).
Restoring never destroys anything: the database being replaced (with its WAL and shared-memory
files) is renamed aside first, then the backup, checked first, is copied into place.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .errors import DamagedDatabase, NotFound, ReviewError
from .formats.atomic import sync_folder
from .store import backups_in, check_database_file
from .texts import said

_SIDE_FILES = ("", "-wal", "-shm")  # SQLite's files of one database in WAL mode


@dataclass(frozen=True)
class Backup:
    number: int  # 1 is the newest
    path: Path
    taken_at: datetime  # UTC
    reason: str  # import, daily, manual, before-restore
    size: int


@dataclass(frozen=True)
class Restored:
    backup: Backup
    kept_aside: Path | None  # where the replaced database now is (None: there was none)


def backups_of(db_path: str | os.PathLike) -> list[Backup]:
    """The database's backups, newest first."""
    db_path = Path(db_path)
    found = []
    for path in reversed(backups_in(db_path)):
        stamp, _, reason = path.stem[len(db_path.stem) + 1:].partition("-")
        taken = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=timezone.utc)
        found.append(Backup(len(found) + 1, path, taken, reason, path.stat().st_size))
    return found


def newest_intact_backup(db_path: str | os.PathLike) -> Backup | None:
    for backup in backups_of(db_path):
        try:
            check_database_file(backup.path)
        except DamagedDatabase:
            continue
        return backup
    return None


def restore_backup(db_path: str | os.PathLike, number: int) -> Restored:
    """Put backup `number` (see `backups_of`) in place of the database, keeping the old one."""
    db_path = Path(db_path)
    backups = backups_of(db_path)
    chosen = next((b for b in backups if b.number == number), None)
    if chosen is None:
        raise NotFound(said("no-backup", number=number, count=len(backups), path=db_path))
    _refuse_if_open(db_path)
    check_database_file(chosen.path)
    # The copy first, the swap after: a full disk fails before anything is moved.
    copy = db_path.with_name(f".{db_path.name}.restoring")
    try:
        with open(chosen.path, "rb") as source, open(copy, "wb") as out:
            shutil.copyfileobj(source, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
    except OSError as err:
        copy.unlink(missing_ok=True)
        raise ReviewError(said("cannot-restore", path=db_path, detail=err.strerror or err)) from None
    kept = _move_aside(db_path)
    os.replace(copy, db_path)
    sync_folder(db_path.parent)
    return Restored(chosen, kept)


def _move_aside(db_path: Path) -> Path | None:
    if not db_path.exists():
        return None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
    for suffix in _SIDE_FILES:
        current = Path(f"{db_path}{suffix}")
        if current.exists():
            os.replace(current, f"{aside}{suffix}")
    return aside


def _refuse_if_open(db_path: Path) -> None:
    """A Review Desk window holds `DB.lock` (Qt's QLockFile: the first line is its process id)."""
    lock = Path(f"{db_path}.lock")
    try:
        pid = int(lock.read_text(encoding="utf-8", errors="replace").split()[0])
    except (OSError, ValueError, IndexError):
        return
    if pid != os.getpid() and _alive(pid):
        raise ReviewError(said("restore-while-open", path=db_path, pid=pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
