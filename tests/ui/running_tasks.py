"""A pytest plugin: before pytest-qt closes a test's windows, let their running tasks finish.

A test may end while an import, export or dashboard read still runs on a worker thread (it
waited for the data in the database, which is written before the result reaches the window).
pytest-qt then closes the window (the window refuses: a task runs) and deletes it anyway; the
task's QThread, deleted while it runs, aborts the process with SIGABRT during the next test's
event loop ("QThread: Destroyed while thread is still running"). tests/ui/conftest.py loads
this hook; tests/ui/test_tasks.py shows the abort without it.
"""
from __future__ import annotations

import time

import pytest

SETTLE_SECONDS = 30


@pytest.hookimpl(hookwrapper=True, tryfirst=True)  # before pytest-qt's own teardown
def pytest_runtest_teardown(item):
    finish_running_tasks()
    yield


def finish_running_tasks() -> None:
    """Process events until no window's TaskRunner is busy: the work returns, and its result is
    delivered to the window as in use, so the window can close normally."""
    from PySide6.QtWidgets import QApplication

    from ui.tasks import TaskRunner

    app = QApplication.instance()
    if app is None:
        return
    deadline = time.monotonic() + SETTLE_SECONDS
    while busy := [runner for widget in app.topLevelWidgets()
                   for runner in widget.findChildren(TaskRunner) if runner.busy]:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(busy)} task(s) still running {SETTLE_SECONDS} s after the test")
        for runner in busy:
            runner.wait()
        app.processEvents()
