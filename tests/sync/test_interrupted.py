"""A sync killed at any moment, or cut off by a dropped connection, leaves both sides
consistent, and the next sync completes it."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from review import Desk
from review.importing import import_drafts
from review.sync import admin
from review.sync.connection import ServerError
from tests.helpers import COORD, draft
from tests.sync.support import BATCH, hq_desk, reviewer, state_of

ROOT = Path(__file__).resolve().parents[2]
POSTS = 10_000


def server_ids(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM review_desk.events")]


def laptop_with_work(folder: Path, hq_url: str) -> tuple[Path, str]:
    """An office laptop, never synced, with a batch of its own to send (POSTS posts) while
    HQ's batch (POSTS posts) waits on the server for it."""
    office = admin.add_office(hq_url, "harare").url
    admin.grant(hq_url, "harare", BATCH)
    path = folder / "laptop.sqlite3"
    with Desk(path, daily_backup=False) as laptop:
        import_drafts(laptop, [draft(f"HR-{n}") for n in range(POSTS)], "harare-local", actor=COORD)
    return path, office


@pytest.mark.slow
def test_a_sync_killed_at_any_moment_is_completed_by_the_next(tmp_path, hq_url):
    hq, _ = hq_desk(tmp_path, hq_url, posts=POSTS)
    path, office = laptop_with_work(tmp_path, hq_url)
    command = [sys.executable, str(ROOT / "main.py"), "--db", str(path), "sync", "--server", office]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    killed = 0
    for delay in (0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 1.5, 1.8):
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=60)
        killed += child.returncode == -signal.SIGKILL
        ids = server_ids(hq_url)
        assert len(ids) == len(set(ids))
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert killed >= 3, "the kills came after the syncs had finished: nothing was tested"
    with Desk(path, daily_backup=False) as laptop:
        laptop.sync()
        hq.sync()
        assert state_of(laptop) == state_of(hq)
        assert len(laptop.posts()) == 2 * POSTS
        again = laptop.sync()
        assert (again.pushed, again.pulled) == (0, 0)
    ids = server_ids(hq_url)
    assert len(ids) == len(set(ids)) == hq.store.events.count()
    hq.close()


def test_a_connection_cut_mid_transfer_is_named_and_the_next_sync_completes(tmp_path, hq_url, cluster):
    hq, ids = hq_desk(tmp_path, hq_url, posts=300)
    added = admin.add_office(hq_url, "gweru")
    office = added.url
    admin.grant(hq_url, "gweru", BATCH)
    laptop = Desk(tmp_path / "laptop.sqlite3", daily_backup=False)
    import_drafts(laptop, [draft(f"GW-{n}") for n in range(50)], "gweru-local", actor=COORD)
    calls = []

    def cut(done: int, total: int) -> None:
        calls.append((done, total))
        if len(calls) == 2:  # after the push, while receiving HQ's batch
            with cluster.admin() as conn:
                cut_off = conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                       " WHERE usename = %s", (added.role,)).fetchone()[0]
            assert cut_off == 1
    with pytest.raises(ServerError) as err:
        laptop.sync(office, progress=cut)
    assert err.value.args[0].name == "sync-server-failed"
    password = office.split("@")[0].rsplit(":", 1)[1]
    assert password not in str(err.value)
    assert laptop.batches() and {b["name"] for b in laptop.batches()} == {"gweru-local"}
    done = laptop.sync()
    assert done.pulled > 0
    hq.sync()
    assert state_of(laptop) == state_of(hq)
    laptop.decide(ids["ZW-1"], reviewer("Rudo"), "approve")
    laptop.sync()
    hq.sync()
    assert hq.post(ids["ZW-1"]).state == "approved"
    laptop.close()
    hq.close()
