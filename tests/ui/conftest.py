"""UI test fixtures: message boxes never block a test; what they would have said is recorded."""
from __future__ import annotations

import atexit
import gc
import os
import shutil
import tempfile

import pytest

# Without a display the tests still run (scripts/test.sh sets this too).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Window layouts saved by tests go to a throwaway folder, never to the user's own settings;
# removed when the run ends (chromium, started by other tests of the run, writes there too).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="review-desk-test-config-")
atexit.register(shutil.rmtree, os.environ["XDG_CONFIG_HOME"], ignore_errors=True)
from PySide6.QtWidgets import QMessageBox

from tests.ui.running_tasks import pytest_runtest_teardown  # noqa: F401  (a hook: tasks end first)
from ui.app import collect_due_garbage, collect_garbage_on_the_gui_thread


@pytest.fixture(autouse=True, scope="session")
def garbage_collected_on_the_gui_thread(qapp):
    """As in the application (ui/app.py): the cycle collector never runs on a worker thread,
    where it would delete the widgets a test left in reference cycles (a segfault)."""
    timer = collect_garbage_on_the_gui_thread(qapp)
    yield
    timer.stop()
    gc.enable()


@pytest.fixture(autouse=True)
def garbage_collected_after_each_test(garbage_collected_on_the_gui_thread):
    yield
    collect_due_garbage()  # the event loop (and so the collector's timer) rarely runs in tests


@pytest.fixture
def sample_desk(tmp_path):
    """A desk holding the sample batches and the starter glossaries."""
    from review import Desk
    from review.termbases import import_starter_glossaries

    with Desk(tmp_path / "desk.sqlite3") as opened:
        opened.load_sample()
        import_starter_glossaries(opened)
        yield opened


@pytest.fixture(autouse=True)
def messages(monkeypatch):
    """Every QMessageBox.warning/critical/information/about, as (kind, text)."""
    shown: list[tuple[str, str]] = []
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda *args, _kind=kind: shown.append((_kind, args[2] if len(args) > 2 else ""))))
    kinds = {QMessageBox.Icon.Information: "information", QMessageBox.Icon.Warning: "warning",
             QMessageBox.Icon.Critical: "critical"}
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(
        (kinds.get(box.icon(), "other"), box.text())) or 0)
    return shown


def when_modal(action, timeout_ms: int = 10000) -> None:
    """Run `action(box)` once a modal dialog is open (polled every 50 ms: a loaded machine may
    take longer than any fixed delay to open it). A dialog still open after `timeout_ms` is
    closed, so a failing test fails instead of hanging the suite."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    clock = QElapsedTimer()
    clock.start()
    done = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if box is not None and box.isVisible() and not done:
            done.append(box)
            action(box)
        elif clock.elapsed() > timeout_ms:
            if box is not None:
                box.close()
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
