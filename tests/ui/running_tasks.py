"""A pytest plugin: before pytest-qt closes a test's windows, let their running tasks finish.

A test may end while an import, export or dashboard read still runs on the worker thread (it
waited for the data in the database, which is written before the result reaches the window).
pytest-qt then closes the window (the window refuses: an action runs) and deletes it anyway;
the runner's thread pool then waits for the work in its destructor, and the result is never
shown. This hook lets the result arrive first, so the window closes as it would in use.
tests/ui/conftest.py loads it; tests/ui/test_operations.py shows both.
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
    """Process events until no window's operation runner has work running or a result still on
    its way: the work returns, and its result is delivered to the window as in use, so the
    window can close normally."""
    from PySide6.QtWidgets import QApplication

    from ui.operations import Operations

    app = QApplication.instance()
    if app is None:
        return
    deadline = time.monotonic() + SETTLE_SECONDS
    while busy := [ops for widget in app.topLevelWidgets()
                   for ops in widget.findChildren(Operations) if ops.pending()]:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(busy)} runner(s) still working {SETTLE_SECONDS} s after the test")
        for ops in busy:
            ops.wait()
        app.processEvents()
