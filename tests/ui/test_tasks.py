"""The worker thread of a long task: it ends with its work, and a test that ends while one runs
does not abort the next one."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtWidgets import QWidget

from review import Desk
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]


def test_a_tasks_thread_ends_with_its_work_without_the_gui_thread(qtbot, tmp_path):
    """`wait()` on the GUI thread (the dashboard's, when the window closes) used to wait for a
    thread that only the GUI thread could stop: the window hung for good."""
    path = tmp_path / "desk.sqlite3"
    Desk(path).close()
    parent = QWidget()
    qtbot.addWidget(parent)
    runner, results, returned = TaskRunner(parent, str(path)), [], threading.Event()
    assert runner.start("Working", lambda desk, stop: returned.set() or 42, results.append, results.append)
    assert returned.wait(10)
    assert runner.thread.wait(5000)  # ended without an event of the GUI thread
    runner.wait()  # and so returns at once
    qtbot.waitUntil(lambda: results == [42])
    assert not runner.busy


ENDS_WHILE_A_TASK_RUNS = '''
import time
from PySide6.QtWidgets import QWidget
from review import Desk
from ui.tasks import TaskRunner

def test_ends_while_its_task_runs(qtbot, tmp_path):
    Desk(tmp_path / "d.sqlite3").close()
    window = QWidget()
    qtbot.addWidget(window)
    window.runner = TaskRunner(window, str(tmp_path / "d.sqlite3"))
    window.runner.start("Working", lambda desk, stop: time.sleep(2), print, print)

def test_next_shows_a_window(qtbot):  # QTest's wait deletes what the last test left
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(500)
'''


def run_pytest(test_file: Path, *options: str) -> subprocess.CompletedProcess:
    """-s: Qt's last words go to stderr; --basetemp: its temporary files stay in this test's."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    folder = test_file.parent
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-s",
                           "--no-qt-log", "--rootdir", str(folder), "--basetemp", str(folder / "tmp"),
                           *options, str(test_file)],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_a_test_that_ends_while_a_task_runs_no_longer_aborts_the_suite(tmp_path):
    """pytest-qt deletes a test's windows at teardown; a task's thread deleted while it runs
    aborted the next test with SIGABRT (once in seven full runs). The hook lets it finish."""
    test_file = tmp_path / "test_task_at_teardown.py"
    test_file.write_text(ENDS_WHILE_A_TASK_RUNS, encoding="utf-8")
    without = run_pytest(test_file)
    # SIGABRT from Qt ("QThread: Destroyed while thread is still running"); the dying process
    # sometimes takes a SIGSEGV on the way out instead.
    assert without.returncode in (-6, -11), without.stdout + without.stderr
    assert "QThread: Destroyed while thread" in without.stderr
    with_hook = run_pytest(test_file, "-p", "tests.ui.running_tasks")
    assert with_hook.returncode == 0, with_hook.stdout + with_hook.stderr
    assert "2 passed" in with_hook.stdout
