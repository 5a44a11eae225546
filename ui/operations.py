"""One path for every user action: run the verb, push its undo step, show what went wrong, and
tell every view what changed (after Anki's CollectionOp, OpChanges and TaskManager).

- `Operations.run`: a short verb (a decision, a rewrite, an assignment) on the GUI thread, so a
  decision is shown the moment it is stored (a few ms).
- `Operations.run_long`: a long verb (imports, exports, packages, the report) on the one worker
  thread, with a progress dialog, Cancel and, where the verb reports it, real progress. One at a
  time: a second is refused while one runs (one writer, as Anki's task manager).
- `Operations.read`: a long read for a view (the dashboard's figures), queued on the same thread.
- `Operations.chore`: work for nobody in particular (the daily backup, the language warm-up),
  queued behind the rest; `Operations.shutdown` ends them all in one place.

Every verb commits before it returns, so a change is durable before `changed` tells the views;
each view looks at the `Changes` and decides for itself whether to draw again. The work of the
worker thread gets a Desk of its own on the same file (an SQLite connection belongs to one
thread at a time), opened and closed there.
"""
from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from review import Cancelled, Desk, ImportFailed, ReviewError

from .queue import emit

# The worker thread takes what waits in this order: a user's action, a view's read, a chore.
ACTION, READ, CHORE = 2, 1, 0
PROGRESS_EVERY_S = 0.1  # progress reports closer together than this are not sent on
DIALOG_AFTER_MS = 300  # quick work finishes before a dialog flickers up


@dataclass(frozen=True)
class Changes:
    """What an action changed, for the views to decide whether to draw again (Anki's OpChanges).

    `posts` changed one by one (their ids); `batches` are the batches those posts belong to and
    the batches changed as a whole (`whole_batches`: an import, a merge, an export may have
    changed any post of them); `added`: posts or batches were added, so lists query again."""

    posts: frozenset[str] = frozenset()
    batches: frozenset[str] = frozenset()
    whole_batches: bool = False
    added: bool = False
    glossaries: bool = False
    memory: bool = False
    settings: bool = False  # the profile: name, role, languages, interface language

    @classmethod
    def of_posts(cls, posts: Iterable) -> "Changes":
        """The posts (PostState) an action returned."""
        posts = list(posts)
        return cls(posts=frozenset(p.id for p in posts), batches=frozenset(p.batch for p in posts))

    @classmethod
    def of_batches(cls, names: Iterable[str], **other: bool) -> "Changes":
        return cls(batches=frozenset(names), whole_batches=True, **other)

    def __bool__(self) -> bool:
        return bool(self.posts or self.batches or self.added or self.glossaries or self.memory
                    or self.settings)

    def post_changed(self, post_id: str, batch: str) -> bool:
        return post_id in self.posts or (self.whole_batches and batch in self.batches)

    def batch_changed(self, batch: str | None) -> bool:
        """Whether the figures of `batch` (None: of every batch) may have changed."""
        if batch is None:
            return bool(self.batches or self.added)
        return batch in self.batches


class Job:
    """What long work gets besides its Desk: `should_stop()` (Cancel was pressed) and
    `progress(done, total)`, both safe to call from the worker thread."""

    def __init__(self, relay: "_Relay"):
        self._stop = threading.Event()
        self._relay = relay
        self._last_report = 0.0

    def should_stop(self) -> bool:
        return self._stop.is_set()

    def stop(self) -> None:
        self._stop.set()

    def progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_report >= PROGRESS_EVERY_S:
            self._last_report = now
            emit(self._relay.progressed, done, total)


class _Relay(QObject):
    """Made on the GUI thread and emitted from the worker: Qt queues each signal to the GUI
    thread, where the receivers (bound slots of GUI-thread objects) run."""

    progressed = Signal(int, int)
    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception


class _Running(QObject):
    """One long verb or read, from its start to its result shown."""

    def __init__(self, ops: "Operations", dialog: QProgressDialog | None,
                 done: Callable[[Any], None], failed: Callable[[BaseException], None]):
        super().__init__(ops)
        self.ops, self.done, self.failed, self.dialog = ops, done, failed, dialog
        # A child: deleted with this object on the GUI thread, whichever thread drops the last
        # Python reference to it (the worker's function holds one until the pool lets it go).
        self.relay = _Relay(self)
        self.job = Job(self.relay)
        if self.dialog is not None:
            self.dialog.canceled.connect(self.job.stop)
            self.relay.progressed.connect(self._progressed)
        self.relay.finished.connect(self._finished)
        self.relay.failed.connect(self._failed)

    def work_on(self, db_path: str, work: Callable[[Desk, Job], Any]) -> Callable[[], None]:
        """The function the worker thread runs (it touches no widget)."""
        relay, job = self.relay, self.job

        def run() -> None:
            try:
                # The window's own Desk checked the file at the start and takes the daily
                # backup: a worker's Desk repeating the check cost 0.1-0.5 s a job.
                with Desk(db_path, daily_backup=False, checked=True) as desk:
                    result = work(desk, job)
            except BaseException as err:  # reported to the GUI thread, which shows it
                emit(relay.failed, err)
            else:
                emit(relay.finished, result)
        return run

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.dialog is not None and not self.job.should_stop():
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, total))

    @Slot(object)
    def _finished(self, result: Any) -> None:
        self._end()
        self.done(result)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._end()
        self.failed(error)

    def _end(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
        self.ops._ended(self)
        self.deleteLater()


class Operations(QObject):
    """The operation runner of one window (see the module's docstring)."""

    changed = Signal(object, object)  # Changes, the initiator (or None): after every change

    def __init__(self, parent: QWidget, desk: Desk, undo_stack=None,
                 show_error: Callable[[BaseException], None] | None = None,
                 show_status: Callable[[str], None] | None = None):
        super().__init__(parent)
        self.parent_widget, self.desk, self.undo_stack = parent, desk, undo_stack
        self._show_error = show_error or self._message
        self._show_status = show_status
        self.worker = QThreadPool(self)  # the one worker thread: one job at a time, in order
        self.worker.setMaxThreadCount(1)
        self._action: _Running | None = None
        self._running: set[_Running] = set()

    @property
    def busy(self) -> bool:
        """A long action runs or waits for the worker (the window does not close meanwhile)."""
        return self._action is not None

    # -- short verbs, on the GUI thread ------------------------------------------------------------

    def run(self, call: Callable[[], Any], changes: Callable[[Any], Changes] | Changes,
            undo: Callable[[Any], Any] | None = None, initiator: object = None) -> Any:
        """Run `call()` (one domain verb, committed when it returns); push `undo(result)` on the
        undo stack; tell the views `changes` (or `changes(result)`). A refusal is shown and
        None returned (every verb run here returns a value)."""
        try:
            result = call()
        except ReviewError as err:
            self.show_error(err)
            return None
        step = undo(result) if undo is not None and self.undo_stack is not None else None
        if step is not None:  # None: the verb changed nothing there is to take back
            self.undo_stack.push(step)
        self.broadcast(changes(result) if callable(changes) else changes, initiator)
        return result

    def broadcast(self, changes: Changes, initiator: object = None) -> None:
        """Tell every view what changed; `initiator` (a view that draws the change itself)
        may skip it (as Anki's `operation_did_execute`)."""
        if changes:
            emit(self.changed, changes, initiator)  # ui/queue.py: PySide6 6.12 and emit()

    def show_error(self, err: BaseException) -> None:
        self._show_error(err)

    # -- long verbs and reads, on the worker thread ----------------------------------------------

    def run_long(self, label: str, work: Callable[[Desk, Job], Any],
                 changes: Callable[[Any], Changes] | None = None,
                 done: Callable[[Any], None] | None = None,
                 failed: Callable[[BaseException], None] | None = None,
                 problems_title: str | None = None) -> bool:
        """Start `work(desk, job)` on the worker thread with a progress dialog and Cancel. When
        it returns: tell the views `changes(result)`, then `done(result)`. When it fails: a
        cancellation in the status bar, a refused file's problems in a list (`problems_title`),
        anything else as a message, or `failed(error)`. False if an action runs already (said
        in the status bar: one action at a time)."""
        if self._action is not None:
            if self._show_status is not None:
                self._show_status(self.tr("Another action is still running: try again when it has ended."))
            return False

        def finished(result: Any) -> None:
            if changes is not None:
                self.broadcast(changes(result))
            if done is not None:
                done(result)

        running = _Running(self, self._dialog(label, self.parent_widget), finished,
                           failed or (lambda err: self.show_failure(err, problems_title or label)))
        self._action = running
        self._start(running, work, ACTION)
        return True

    def read(self, label: str | None, work: Callable[[Desk, Job], Any], done: Callable[[Any], None],
             failed: Callable[[BaseException], None], dialog_parent: QWidget | None = None) -> Job:
        """A long read for a view (Anki's QueryOp): queued behind a running action, changes
        nothing, so nothing is broadcast. Returns its Job (to cancel it)."""
        dialog = None if label is None else self._dialog(label, dialog_parent or self.parent_widget)
        running = _Running(self, dialog, done, failed)
        self._start(running, work, READ)
        return running.job

    def chore(self, work: Callable[[], Any], after_ms: int = 0) -> None:
        """Background work with no Desk, no dialog and no result (the daily backup, loading the
        language detectors), behind any action or read, queued `after_ms` from now (not at all
        if the window has gone by then). A failure is printed, never shown."""
        if after_ms:
            timer = QTimer(self)  # a child: gone with the runner, and its chore with it
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: (self.chore(work), timer.deleteLater()))
            timer.start(after_ms)
            return

        def run() -> None:
            try:
                work()
            except Exception as err:  # a chore's failure stops nothing the user does
                print(f"review-desk: background work failed: {err!r}", file=sys.stderr)

        self.worker.start(run, CHORE)

    def _dialog(self, label: str, parent: QWidget) -> QProgressDialog:
        """Busy (no range) until the work reports progress; shown only if it takes a while."""
        dialog = QProgressDialog("", self.tr("Cancel"), 0, 0, parent)
        plain = QLabel(label, dialog)  # the label names a file: plain text, never HTML
        plain.setTextFormat(Qt.TextFormat.PlainText)
        dialog.setLabel(plain)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoReset(False)  # at 100 % the work still commits: it stays until it has
        dialog.setAutoClose(False)
        dialog.setMinimumDuration(DIALOG_AFTER_MS)
        return dialog

    def _start(self, running: _Running, work, priority: int) -> None:
        self._running.add(running)
        self.worker.start(running.work_on(str(self.desk.path), work), priority)

    def _ended(self, running: _Running) -> None:
        self._running.discard(running)
        if running is self._action:
            self._action = None

    def pending(self) -> bool:
        """Work runs or waits on the worker, or its result has not been shown yet."""
        return bool(self._running) or self.worker.activeThreadCount() > 0

    def wait(self) -> None:
        """Block until the worker is idle: what it ran has returned (its result is still
        delivered through the event loop)."""
        self.worker.waitForDone()

    def shutdown(self) -> None:
        """Before the window goes: what waits and has not started (a warm-up, a read) is
        dropped; a read that runs is told to stop; what else runs ends (a daily backup is a
        whole copy or none)."""
        self.worker.clear()
        for running in self._running:
            if running is not self._action:  # a read: stopped, its figures no longer wanted
                running.job.stop()
        self.worker.waitForDone()

    # -- failures ------------------------------------------------------------------------------

    def show_failure(self, err: BaseException, problems_title: str) -> None:
        from .dialogs import ProblemsDialog
        from .messages import error_lines, error_text

        if isinstance(err, Cancelled) and self._show_status is not None:
            self._show_status(error_text(err))
        elif isinstance(err, ImportFailed):
            ProblemsDialog(problems_title, error_lines(err), self.parent_widget).exec()
        else:
            self.show_error(err)

    def _message(self, err: BaseException) -> None:
        from .dialogs import message
        from .messages import error_text

        message(self.parent_widget, "warning", self.tr("Review Desk"), error_text(err))


def is_cancellation(err: BaseException) -> bool:
    return isinstance(err, Cancelled)
