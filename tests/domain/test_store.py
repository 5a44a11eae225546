"""Storage: pragmas on every connection, integrity check on open, migrations, backups, busy."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from review import DamagedDatabase, Desk, DeskBusy
from review.errors import NewerDatabase, NotOurDatabase
from review.store import MIGRATIONS, Store
from tests.helpers import REVIEWER


def test_pragmas_for_durability(tmp_path):
    store = Store(tmp_path / "d.sqlite3")
    pragma = lambda name: store.conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 5000
    assert pragma("user_version") == len(MIGRATIONS)
    store.close()


def test_migrations_apply_once(tmp_path):
    Store(tmp_path / "d.sqlite3").close()
    store = Store(tmp_path / "d.sqlite3")  # opening again must not re-run migration 1
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    store.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "d.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    with pytest.raises(NewerDatabase, match="newer Review Desk"):  # intact: no backup offered
        Store(path)


def test_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"this is a letter, not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(NotOurDatabase, match="is not a Review Desk database") as refused:
        Desk(path)  # issue 15: not "damaged", with advice to restore a backup
    assert not isinstance(refused.value, DamagedDatabase)
    assert path.read_bytes() == before


def test_damaged_pages_are_detected_on_open(desk, batch, tmp_path):
    path = desk.path
    desk.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    desk.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data) - 1, page):  # scribble over every b-tree page header
        data[offset:offset + 8] = b"\x07" * 8
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase):
        Desk(path)


def test_foreign_keys_hold(desk, batch):
    with pytest.raises(sqlite3.IntegrityError):
        with desk.store.write():
            desk.store.conn.execute(
                "INSERT INTO revisions (id, post_id, number, kind, text, author, at) "
                "VALUES ('r', 'no-such-post', 0, 'draft', 't', 'a', 'now')")


def test_failed_write_rolls_back_everything(desk, batch):
    count = desk.store.events.count()
    with pytest.raises(RuntimeError):
        with desk.store.write():
            desk.store.settings.set("x", "y")
            raise RuntimeError("boom")
    assert desk.store.settings.get("x") is None and desk.store.events.count() == count


def test_backups_before_import_and_rotation(tmp_path):
    from review.importing import import_drafts
    from tests.helpers import draft

    with Desk(tmp_path / "d.sqlite3") as desk:
        for n in range(12):
            import_drafts(desk, [draft(f"P-{n}")], "b")
        backups = desk.store.backups.files()
        assert len(backups) == 10, "only the last 10 backups are kept"
        assert all("-import" in p.name for p in backups)
        with sqlite3.connect(backups[-1]) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert copy.execute("SELECT count(*) FROM posts").fetchone()[0] == 11


def test_daily_backup_on_first_open_of_the_day(tmp_path, batch, desk):
    path = desk.path
    for old in desk.store.backups.files():
        old.unlink()
    desk.close()
    with Desk(path) as reopened:
        assert [p.name.split("-")[-1] for p in reopened.store.backups.files()] == ["daily.sqlite3"]
    with Desk(path) as again:
        assert len(again.store.backups.files()) == 1, "one daily backup per day"


def test_second_writer_gets_a_clear_busy_error(desk, batch):
    """Another process holds the write lock for longer than busy_timeout: a clear message."""
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys, time
        conn = sqlite3.connect({str(desk.path)!r}, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        time.sleep(8)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(DeskBusy, match="busy"):
            desk.decide(batch["ZW-001"], REVIEWER, "approve")
        assert desk.post(batch["ZW-001"]).state == "pending"
    finally:
        holder.kill()
        holder.wait()
    assert desk.decide(batch["ZW-001"], REVIEWER, "approve").state == "approved"


def test_domain_imports_no_qt():
    code = ("import sys, review, review.cli, review.importing, review.exporting; "
            "print([m for m in sys.modules if m.startswith(('PySide', 'PyQt', 'shiboken'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_events_sharing_one_payload_object_are_stored_each_with_it(tmp_path):
    """append_events encodes a payload shared by many events once; each event keeps its own."""
    from tests.helpers import COORD

    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.load_sample()
        rows = desk.posts()[:3]
        ids = [row["id"] for row in rows]
        shared = {"export_id": "e1", "format": "csv", "file": "zw.csv"}
        events = [desk.make_event("post.exported", row["batch"], COORD, post_id=row["id"],
                                  parent=row["head_event"], payload=payload)
                  for row, payload in zip(rows, (shared, {"n": 2}, shared))]
        with desk.store.write():
            desk.store.events.append(events)
        stored = desk.store.events.of_posts(ids)
        assert [stored[i][-1].payload for i in ids] == [shared, {"n": 2}, shared]
