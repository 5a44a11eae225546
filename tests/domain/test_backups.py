"""Automatic backups: listing them and putting one back without destroying anything."""
from __future__ import annotations

import os
import time

import pytest

from review import Desk
from review.backups import backups_of, newest_intact_backup, restore_backup
from review.errors import DamagedDatabase, NotFound, ReviewError
from tests.helpers import REVIEWER, sample_csv


def damage(path, offset=4096 * 2, size=4096) -> None:
    """Overwrite a b-tree page with noise: what a failing disk or a bad copy does."""
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(os.urandom(size))


@pytest.fixture
def desk_with_backups(tmp_path):
    path = tmp_path / "desk.sqlite3"
    with Desk(path) as desk:
        desk.import_batch(sample_csv(tmp_path, "a.csv", rows=3), batch="a")
        time.sleep(0.002)
        desk.import_batch(sample_csv(tmp_path, "b.csv", rows=5), batch="b")
        time.sleep(0.002)
        desk.store.backups.take("manual")
    return path


def test_backups_are_listed_newest_first(desk_with_backups):
    found = backups_of(desk_with_backups)
    assert [b.reason for b in found] == ["manual", "import", "import"]
    assert [b.number for b in found] == [1, 2, 3]
    assert found[0].taken_at > found[1].taken_at > found[2].taken_at
    assert all(b.size > 0 and b.path.exists() for b in found)


def test_restore_puts_the_backup_in_place_and_keeps_the_replaced_database(desk_with_backups):
    path = desk_with_backups
    with Desk(path) as desk:
        desk.import_batch(sample_csv(path.parent, "c.csv", rows=2), batch="c")
    before = path.read_bytes()
    done = restore_backup(path, 4)  # the oldest: taken before batch "a" was imported
    assert done.kept_aside.read_bytes() == before
    with Desk(path, backups=False) as desk:
        assert [b["name"] for b in desk.batches()] == []
    with Desk(done.kept_aside, backups=False) as desk:
        assert sorted(b["name"] for b in desk.batches()) == ["a", "b", "c"]


def test_a_damaged_database_is_refused_untouched_then_restored(desk_with_backups):
    path = desk_with_backups
    damage(path)
    damaged = path.read_bytes()
    with pytest.raises(DamagedDatabase, match="backup restore N"):
        Desk(path)
    assert path.read_bytes() == damaged
    backup = newest_intact_backup(path)
    assert backup.number == 1
    done = restore_backup(path, backup.number)
    assert done.kept_aside.read_bytes() == damaged
    with Desk(path) as desk:
        assert sorted(b["name"] for b in desk.batches()) == ["a", "b"]


def test_a_damaged_backup_is_skipped_and_never_restored(desk_with_backups):
    path = desk_with_backups
    newest = backups_of(path)[0]
    damage(newest.path)
    assert newest_intact_backup(path).number == 2
    before = path.read_bytes()
    with pytest.raises(DamagedDatabase):
        restore_backup(path, 1)
    assert path.read_bytes() == before


def test_unknown_backup_number_is_a_clear_error(desk_with_backups):
    with pytest.raises(NotFound, match=r"no backup 7 of .*\(3 backups\)"):
        restore_backup(desk_with_backups, 7)


def test_restore_is_refused_while_a_window_holds_the_database(desk_with_backups):
    path = desk_with_backups
    lock = path.with_name(path.name + ".lock")
    lock.write_text(f"{os.getppid()}\nreview-desk\nhost\n")  # a live process that is not us
    before = path.read_bytes()
    with pytest.raises(ReviewError, match="is open in a Review Desk window"):
        restore_backup(path, 1)
    assert path.read_bytes() == before
    lock.write_text("999999999\nreview-desk\nhost\n")  # a crashed window's lock: no process
    assert restore_backup(path, 1).kept_aside is not None


def test_another_databases_backups_are_neither_listed_nor_pruned(tmp_path):
    """`zw.sqlite3` and `zw-archive.sqlite3` share a folder: each keeps its own backups."""
    archive = tmp_path / "zw-archive.sqlite3"
    with Desk(archive) as desk:
        for n in range(12):
            desk.store.backups.take("manual")
    mine = tmp_path / "zw.sqlite3"
    with Desk(mine) as desk:
        desk.import_batch(sample_csv(tmp_path, "a.csv"), batch="a")
        made = desk.store.backups.take("manual")
    assert made.exists()
    assert [b.reason for b in backups_of(mine)] == ["manual", "import"]
    assert len(backups_of(archive)) == 10



def test_the_daily_backup_is_taken_once_a_day_through_its_own_connection(tmp_path):
    from review.store import take_daily_backup

    path = tmp_path / "desk.sqlite3"
    with Desk(path, backups=False) as desk:
        desk.import_batch(sample_csv(tmp_path, "a.csv", rows=3), batch="a")
    with Desk(path, daily_backup=False) as desk:  # as the window opens it
        assert backups_of(path) == []
        made = take_daily_backup(path)
        assert made is not None and take_daily_backup(path) is None  # once a day
        desk.decide(desk.posts()[0]["id"], REVIEWER, "approve")  # the desk stays writable
    assert [b.reason for b in backups_of(path)] == ["daily"]
    with Desk(made, backups=False) as copy:
        assert len(copy.posts()) == 3


def test_a_copy_cut_short_never_counts_as_a_backup(tmp_path, monkeypatch):
    import sqlite3

    from review.store import backups as store
    from review.store import take_daily_backup

    path = tmp_path / "desk.sqlite3"
    with Desk(path, backups=False) as desk:
        desk.import_batch(sample_csv(tmp_path, "a.csv", rows=3), batch="a")

    class FullDisk:
        def __init__(self, conn):
            self.conn = conn

        def execute(self, *args):
            return self.conn.execute(*args)

        def backup(self, dest):
            dest.execute("CREATE TABLE half (x)")  # something written before the disk filled
            raise sqlite3.OperationalError("database or disk is full")

    real_daily = store._daily_backup
    monkeypatch.setattr(store, "_daily_backup", lambda conn, db: real_daily(FullDisk(conn), db))
    assert take_daily_backup(path) is None
    assert backups_of(path) == [] and list((tmp_path / "backups").iterdir()) == []
    monkeypatch.undo()
    assert take_daily_backup(path) is not None  # the day's backup is still taken

    abandoned = tmp_path / "backups" / "desk-20260101T000000000000Z-daily.sqlite3.partial"
    abandoned.write_bytes(b"half a copy")
    os.utime(abandoned, (time.time() - 7200, time.time() - 7200))
    with Desk(path) as desk:
        desk.store.backups.take("manual")
    assert not abandoned.exists()
