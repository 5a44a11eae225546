"""Long work off the GUI thread, with a progress dialog and Cancel (see Orange3's concurrent.py).

A task is a plain function `work(desk, should_stop) -> result` from the domain. It runs on a
worker thread with its *own* Desk on the same database file (an SQLite connection belongs to one
thread at a time), so the GUI's connection is never shared. `should_stop()` is the cooperative
cancel flag: the domain checks it before committing, and a cancelled import rolls back whole.
Starting a task while one runs is refused (one writer at a time, like Anki's task manager).
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from review import Cancelled, Desk


class _Worker(QObject):
    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception

    def __init__(self, db_path: str, work: Callable[[Desk, Callable[[], bool]], Any]):
        super().__init__()
        self.db_path, self.work = db_path, work
        self.cancel_flag = threading.Event()

    def run(self) -> None:
        try:
            with Desk(self.db_path) as desk:
                result = self.work(desk, self.cancel_flag.is_set)
        except BaseException as err:  # reported to the GUI thread, which shows it
            self.failed.emit(err)
        else:
            self.finished.emit(result)
        finally:
            # The thread ends with its work, not when the GUI thread gets round to it: so
            # `TaskRunner.wait()` on the GUI thread cannot wait for itself.
            QThread.currentThread().quit()


class TaskRunner(QObject):
    """Runs one task at a time for a window; reports through callbacks on the GUI thread."""

    def __init__(self, parent: QWidget, db_path: str):
        super().__init__(parent)
        self.parent_widget, self.db_path = parent, db_path
        self.thread: QThread | None = None
        self.worker: _Worker | None = None
        self.dialog: QProgressDialog | None = None
        self.callbacks: tuple[Callable, Callable] | None = None

    @property
    def busy(self) -> bool:
        return self.thread is not None

    def start(self, label: str, work: Callable[[Desk, Callable[[], bool]], Any],
              on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> bool:
        if self.busy:
            return False
        self.dialog = QProgressDialog(self.tr("Working…"), self.tr("Cancel"), 0, 0, self.parent_widget)
        plain = QLabel(label, self.dialog)  # the label names a file: plain text, never HTML
        plain.setTextFormat(Qt.TextFormat.PlainText)
        self.dialog.setLabel(plain)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # quick work finishes before a dialog flickers up
        self.callbacks = (on_done, on_error)
        self.thread, self.worker = QThread(self), _Worker(self.db_path, work)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.dialog.canceled.connect(self.worker.cancel_flag.set)
        # Bound slots of an object living in the GUI thread: Qt queues the calls to it, so
        # the callbacks (which touch widgets) never run on the worker thread.
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.thread.start()
        return True

    def wait(self) -> None:
        """Block until the running task's work has returned (before its window goes: a QThread
        destroyed while it runs aborts the process). Its result still arrives as usual."""
        if self.thread is not None:
            self.thread.wait()

    @Slot(object)
    def _finished(self, result: Any) -> None:
        self._end()[0](result)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._end()[1](error)

    def _end(self) -> tuple[Callable, Callable]:
        self.dialog.reset()
        self.dialog.deleteLater()
        self.thread.quit()
        self.thread.wait()
        callbacks = self.callbacks
        self.thread = self.worker = self.dialog = self.callbacks = None
        return callbacks


def is_cancellation(err: BaseException) -> bool:
    return isinstance(err, Cancelled)
