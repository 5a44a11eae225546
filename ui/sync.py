"""File > Sync now and File > Sync automatically: syncing with HQ's server on the worker thread
(ui/operations.py: progress and Cancel), and the status bar's "last sync, events waiting".

The automatic sync (off by default; the choice is kept in the database) tries every few
minutes when no other action runs; a server it cannot reach is said in the status bar, not in a
dialog, and tried again later."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit

from .messages import error_text
from .operations import Changes
from .times import event_time

AUTOMATIC_EVERY_MS = 5 * 60 * 1000


class SyncControl(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window, self.ops = window, window.ops
        self.label = QLabel()
        self.label.setObjectName("status_sync")
        window.statusBar().addPermanentWidget(self.label)
        actions = window.actions
        actions.sync_auto.setCheckable(True)
        actions.sync_auto.setChecked(self.window.desk.sync_status().automatic)
        actions.sync_now.triggered.connect(self.sync_now)
        actions.sync_auto.toggled.connect(self.set_automatic)
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOMATIC_EVERY_MS)
        self.timer.timeout.connect(self.sync_quietly)
        if actions.sync_auto.isChecked():
            self.timer.start()
        self.ops.changed.connect(lambda *_: self.show_status())
        self.show_status()

    def show_status(self) -> None:
        """"Last sync 14:05 · 3 events waiting" once a server is known; nothing before."""
        status = self.window.desk.sync_status()
        if status.server is None:
            self.label.setText("")
            return
        last = event_time(status.last_sync) if status.last_sync else self.tr("never")
        self.label.setText(self.tr("Last sync %1").replace("%1", last) + " · " +
                           self.tr("%n event(s) waiting", "", status.waiting))
        self.label.setToolTip(status.server)  # the URL without its password

    def sync_now(self) -> None:
        server = self.window.desk.sync_status().server
        if server is None:
            server = self._ask_server()
            if not server:
                return
        self._start(server, quiet=False)

    def sync_quietly(self) -> None:
        """The automatic sync: only a desk that synced before, and only when nothing runs."""
        if self.window.desk.sync_status().server is None or self.ops.busy:
            return
        self._start(None, quiet=True)

    def set_automatic(self, on: bool) -> None:
        self.ops.run(lambda: self.window.desk.set_automatic_sync(on), Changes())
        self.timer.start() if on else self.timer.stop()

    def _ask_server(self) -> str | None:
        text, ok = QInputDialog.getText(
            self.window, self.tr("Sync now"),
            self.tr("The server's address, as HQ gave it (postgresql://…). Its password is kept "
                    "in a file only you can read, not in the database."),
            QLineEdit.EchoMode.PasswordEchoOnEdit)
        return text.strip() if ok and text.strip() else None

    def _start(self, server: str | None, quiet: bool) -> None:
        def work(desk, job):
            return desk.sync(server, progress=job.progress, should_stop=job.should_stop)

        failed = self._failed_quietly if quiet else None
        self.ops.run_long(self.tr("Syncing with the server…"), work,
                          lambda done: Changes.of_batches(done.changed_batches, added=bool(done.pulled)),
                          self._synced, failed, self.tr("The sync was not complete"))

    def _synced(self, done) -> None:
        text = self.tr("Synced: %1 sent, %2 received").replace("%1", str(done.pushed)).replace(
            "%2", str(done.pulled))
        if done.held_back:
            text += " " + self.tr("Not sent (the server holds the batch for others; ask HQ to "
                                  "grant it): %1").replace("%1", ", ".join(done.held_back))
        if done.conflicts:
            text += " " + self.tr("%n post(s) in conflict: Review > Resolve conflict…", "",
                                  len(done.conflicts))
        self.window.statusBar().showMessage(text, 10000)
        if done.problems:
            self.window.tell("warning", self.tr("The sync was not complete"), "\n".join(done.problems))
        self.show_status()

    def _failed_quietly(self, err: BaseException) -> None:
        self.window.statusBar().showMessage(
            self.tr("Automatic sync: %1").replace("%1", error_text(err)), 10000)
        self.show_status()
