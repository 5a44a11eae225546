"""View > Dashboard: the review report's figures and charts, for the whole database or one batch;
and File > Report…, which writes the report itself.

The dashboard draws the report's own SVG charts with QtSvg (PySide6-Essentials has no Qt
Charts): one implementation, so the window and the HTML file HQ receives always show the same
figures. Chart words are translated through `ReportData.charts(say=...)`; reviewer names and
batch names are user data and appear as plain text only.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QScrollArea, QTableView, QVBoxLayout, QWidget)

from review.report import ReportData

from .annotations import category_name, severity_name
from .dialogs import (batch_combo, buttons, choose_file, close_keys, message, open_at_width, path_row,
                      plain_label)
from .messages import error_text
from .style import text_font
from .operations import Changes, Operations, is_cancellation

ALL = None  # the data of the "All batches" entry
REFRESH_AFTER_CHANGES_MS = 1000  # figures read again a second after the last change heard


def batch_chooser(desk, selected: str | None = None) -> QComboBox:
    """"All batches" (data ALL, its text set by the widget that shows it) and every batch."""
    return batch_combo(desk, selected, everything=True)


class ReviewerModel(QAbstractTableModel):
    """Per-reviewer figures: one row per person who decided, rewrote or annotated."""

    KINDS = ("approved", "changes requested", "rejected", "signed off")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_reviewers(self, reviewers: list) -> None:
        self.beginResetModel()
        self._rows = list(reviewers)
        self.endResetModel()

    def headers(self) -> list[str]:
        return [self.tr("Reviewer"), self.tr("Posts decided"), self.tr("Approved"),
                self.tr("Changes requested"), self.tr("Rejected"), self.tr("Signed off"),
                self.tr("Rewrites"), self.tr("Annotations")]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 8

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = [r.name, r.decided, *(r.decisions[k] for k in self.KINDS), r.rewrites, r.annotations]
            return values[column] if column == 0 else str(values[column])
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < 8:
            return self.headers()[section]
        return None


class Dashboard(QWidget):
    """A window of its own: figures, charts and reviewers of the chosen batch (or of all). It
    hears every change the window's actions make (`ops`), and reads its figures again when its
    batch changed while it is shown."""

    shown = Signal(object)  # the ReportData now on screen

    def __init__(self, desk, batch: str | None = None, parent: QWidget | None = None,
                 ops: Operations | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.desk = desk
        self.data: ReportData | None = None
        # Alone (without the main window, in tests), it has a runner of its own.
        self.ops = ops or Operations(self, desk)
        self.ops.changed.connect(self.changes_heard)
        self._reading = False
        self._again = False
        self._heard = QTimer(self)
        self._heard.setSingleShot(True)
        self._heard.setInterval(REFRESH_AFTER_CHANGES_MS)
        self._heard.timeout.connect(self._refresh_quietly)  # a bound method: no cycle through Qt
        self.setObjectName("dashboard")
        self.batch = batch_chooser(desk, batch)
        self.refresh_button = QPushButton()
        self.figures = {key: QLabel() for key in ("posts", "decided", "quality", "per_100",
                                                    "errors", "rewrites")}
        self.charts = {key: QSvgWidget() for key in ("errors", "reviewers", "days")}
        self.reviewers = ReviewerModel(self)
        self.table = QTableView()
        self.table.setModel(self.reviewers)
        self._build()
        self.batch.currentIndexChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        close_keys(self)  # Escape and Ctrl+W close it, as every window but the main one
        self.retranslate()
        self.refresh()
        self.resize(1180, 860)

    def _build(self) -> None:
        top = QHBoxLayout()
        self.batch_label = QLabel()
        self.batch_label.setBuddy(self.batch)
        top.addWidget(self.batch_label)
        top.addWidget(self.batch, 1)
        top.addWidget(self.refresh_button)
        self.figure_titles = {key: QLabel() for key in self.figures}
        grid = QGridLayout()
        big = text_font()
        big.setPointSize(big.pointSize() + 6 if big.pointSize() > 0 else 16)
        big.setBold(True)
        for column, key in enumerate(self.figures):
            self.figures[key].setFont(big)
            grid.addWidget(self.figures[key], 0, column)
            grid.addWidget(self.figure_titles[key], 1, column)
        charts = QGridLayout()
        charts.addWidget(self.charts["errors"], 0, 0, Qt.AlignmentFlag.AlignTop)
        charts.addWidget(self.charts["reviewers"], 0, 1, Qt.AlignmentFlag.AlignTop)
        charts.addWidget(self.charts["days"], 1, 0, Qt.AlignmentFlag.AlignTop)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(160)
        charts.addWidget(self.table, 2, 0, 1, 2)  # full width: eight columns need the room
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.addLayout(grid)
        body.addLayout(charts)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Dashboard"))
        self.batch_label.setText(self.tr("&Batch:"))
        self.batch.setItemText(0, self.tr("All batches"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the figures again (F5)"))
        titles = {"posts": self.tr("posts"), "decided": self.tr("decided (scored)"),
                  "quality": self.tr("MQM quality"), "per_100": self.tr("points per 100 words/characters"),
                  "errors": self.tr("errors counted"), "rewrites": self.tr("rewrites")}
        for key, label in self.figure_titles.items():
            label.setText(titles[key])

    def chosen_batch(self) -> str | None:
        return self.batch.currentData()

    def choose_batch(self, name: str | None) -> None:
        self.batch.setCurrentIndex(max(self.batch.findData(name), 0))

    def refresh(self, quiet: bool = False) -> None:
        """Read the figures again on the worker thread (10,000 posts take about 0.3 s, the whole
        of a 100,000-post database some seconds) and show them when they come. `quiet`: after
        the reviewer's own actions, with no progress dialog over the dashboard."""
        if self._reading:  # the batch changed while reading: read again once this is done
            self._again = True
            return
        self._refill_batches()
        batch = self.chosen_batch()
        self._reading = True
        self.ops.read(None if quiet else self.tr("Reading the figures…"),
                      lambda desk, job: desk.report_figures(batch, job.should_stop), self.show_data,
                      self._failed, self)

    def _refresh_quietly(self) -> None:
        self.refresh(quiet=True)

    def changes_heard(self, changes: Changes, _initiator: object = None) -> None:
        """Read again if an action changed the batch shown (while hidden, it reads when shown)."""
        if not self.isVisible():
            return
        if changes.batch_changed(self.chosen_batch()):
            self._heard.start()  # once actions pause: not a whole read after every decision
        elif changes.added:
            self._refill_batches()  # a batch more to choose from; the figures shown stay right

    def _refill_batches(self) -> None:
        """List the batches as they are now (one may have been imported since the window was
        opened), keeping the one chosen (or "All batches" if it is gone)."""
        names = [b["name"] for b in self.desk.batches()]
        if names == [self.batch.itemData(i) for i in range(1, self.batch.count())]:
            return
        chosen = self.chosen_batch()
        self.batch.blockSignals(True)  # the caller reads the figures of the batch chosen now
        try:
            while self.batch.count() > 1:
                self.batch.removeItem(1)
            for name in names:
                self.batch.addItem(name, name)
            self.batch.setCurrentIndex(max(self.batch.findData(chosen), 0))
        finally:
            self.batch.blockSignals(False)

    def show_data(self, data: ReportData) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.refresh()
            return
        self.data = data
        self._show_figures(data)
        for key, svg in data.charts(width=540, say=self.say).items():
            widget = self.charts[key]
            widget.load(QByteArray(svg.encode("utf-8")))
            widget.setFixedSize(widget.renderer().defaultSize())
        self.reviewers.set_reviewers(data.reviewers)
        self.shown.emit(data)

    def _failed(self, err: BaseException) -> None:
        self._reading = self._again = False
        if not is_cancellation(err):
            message(self, "warning", self.tr("Dashboard"), error_text(err))

    def wait(self) -> None:
        """Let a running read finish (before the application quits under it)."""
        self.ops.wait()

    def _show_figures(self, data: ReportData) -> None:
        score = data.score
        values = {"posts": str(len(data.posts)), "decided": str(len(data.scored)),
                  "quality": f"{score.quality:.1f}" if score else "–",
                  "per_100": f"{score.per_100:.2f}" if score else "–",
                  "errors": str(data.counted_errors), "rewrites": str(data.rewrites)}
        for key, value in values.items():
            self.figures[key].setText(value)

    def say(self, text: str) -> str:
        """The chart words in the interface's language (see ReportData.charts)."""
        words = {
            "Errors by category and severity (scored posts)":
                self.tr("Errors by category and severity (scored posts)"),
            "Decisions by reviewer": self.tr("Decisions by reviewer"),
            "Decisions per day": self.tr("Decisions per day"),
            "no decisions yet": self.tr("no decisions yet"),
            "no errors annotated on decided posts": self.tr("no errors annotated on decided posts"),
            "approved": self.tr("approved"), "changes requested": self.tr("changes requested"),
            "rejected": self.tr("rejected"), "signed off": self.tr("signed off"),
            "reopened": self.tr("reopened"),
        }
        if text in words:
            return words[text]
        translated = severity_name(text)
        if translated != text:
            return translated
        return category_name(text)


class ReportDialog(QDialog):
    """File > Report…: which batch (or all), and where the HTML file goes."""

    def __init__(self, desk, parent: QWidget | None = None, batch: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Write review report"))
        self.batch = batch_chooser(desk, batch)
        self.batch.setItemText(0, self.tr("All batches"))
        self.path, row = path_row(self._browse)
        form = QFormLayout()
        form.addRow(self.tr("Batch"), self.batch)
        form.addRow(self.tr("File"), row)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr(
            "One HTML file for HQ: decisions, MQM scores, annotations, rewrites and charts. "
            "It needs no network and no other file.")))
        layout.addLayout(form)
        self.button_box = buttons(self, self.tr("Write report"))
        layout.addWidget(self.button_box)
        self.path.textChanged.connect(self._update)
        self._update()
        open_at_width(self, 520)

    def _browse(self) -> None:
        stem = self.batch.currentData() or "all-batches"
        name = choose_file(self, self.tr("Write report to"), self.tr("Web pages (*.html)"),
                           save_as=f"{stem}-report.html")
        if name:
            self.path.setText(name)

    def _update(self) -> None:
        ok = self.button_box.button(self.button_box.StandardButton.Ok)
        ok.setEnabled(bool(self.path.text().strip()))

    def values(self) -> dict:
        return {"batch": self.batch.currentData(), "path": Path(self.path.text().strip())}
