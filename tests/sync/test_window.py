"""File > Sync now in the real window: on the worker thread, the status bar's last sync and
events waiting, the automatic sync's choice kept; Cancel leaves nothing half-done."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

import psycopg  # noqa: E402
from PySide6.QtWidgets import QInputDialog  # noqa: E402

from review import Desk  # noqa: E402
from review.sync import admin  # noqa: E402
from tests.sync.support import BATCH, hq_desk, state_of  # noqa: E402
from tests.ui.conftest import messages  # noqa: E402,F401  (message boxes never block)
from tests.ui.test_main_window import open_window  # noqa: E402


def test_sync_now_asks_the_server_once_then_shows_the_last_sync_and_what_waits(qtbot, tmp_path, hq_url, monkeypatch):
    (tmp_path / "hq").mkdir()
    hq, ids = hq_desk(tmp_path / "hq", hq_url)
    office = admin.add_office(hq_url, "harare").url
    admin.grant(hq_url, "harare", BATCH)
    (tmp_path / "laptop").mkdir()
    window = open_window(qtbot, tmp_path / "laptop", role="reviewer", name="Tendai")
    assert window.sync.label.text() == ""  # no server yet: nothing to say
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda *args: (asked.append(args[2]), (office, True))[1]))
    window.actions.sync_now.trigger()
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20000)
    assert len(asked) == 1
    assert window.desk.post(ids["ZW-1"]).state == "pending"
    with psycopg.connect(hq_url) as conn:  # the sample batches of the first start stay here
        assert [r[0] for r in conn.execute("SELECT name FROM review_desk.batches")] == [BATCH]
    qtbot.waitUntil(lambda: window.queue.model.rowCount() >= 3, timeout=5000)
    assert "0 events waiting" in window.sync.label.text()
    assert "Last sync" in window.sync.label.text()
    window.open_post(ids["ZW-1"])
    window.decide("approve")
    assert "waiting" in window.sync.label.text() and "0 events" not in window.sync.label.text()
    window.actions.sync_now.trigger()  # the server is known now: not asked again
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20000)
    assert len(asked) == 1
    assert "0 events waiting" in window.sync.label.text()
    hq.sync()
    assert hq.post(ids["ZW-1"]).state == "approved"
    assert not window.actions.sync_auto.isChecked()  # off by default
    window.actions.sync_auto.setChecked(True)
    assert window.sync.timer.isActive()
    assert window.desk.sync_status().automatic
    window.sync.sync_quietly()  # what the timer does
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20000)
    assert set(state_of(hq)["events"]) <= set(state_of(window.desk)["events"])
    hq.close()


def test_cancel_leaves_nothing_half_done(qtbot, tmp_path, hq_url):
    (tmp_path / "hq").mkdir()
    hq, _ = hq_desk(tmp_path / "hq", hq_url, posts=3000)
    office = admin.add_office(hq_url, "gweru").url
    admin.grant(hq_url, "gweru", BATCH)
    (tmp_path / "laptop").mkdir()
    window = open_window(qtbot, tmp_path / "laptop", role="reviewer", name="Rudo")
    window.sync._start(office, quiet=False)
    window.ops._action.job.stop()  # Cancel, as the progress dialog's button does
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20000)
    if BATCH in {b["name"] for b in window.desk.batches()}:  # all of the batch or none of it
        assert len(window.desk.posts(batch=BATCH)) == 3000
    assert "cancelled" in window.statusBar().currentMessage() or window.desk.sync_status().last_sync
    with Desk(tmp_path / "check.sqlite3", daily_backup=False) as other:
        other.sync(office)
        assert len(other.posts()) == 3000
    hq.close()
