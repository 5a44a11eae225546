"""The queue: the filterable, sortable list of posts a reviewer works through.

Speed at 100,000 posts comes from the domain doing the work in SQL (`review.queue`): filter,
search and sort return an ordered list of row ids, and the model reads only the rows the view
shows, in blocks, into a small cache (Anki's browser does the same). A QSortFilterProxyModel
over 100,000 rows took 0.36 s per keystroke and 5-9 s to sort a text column; it is not used.

All post text is user data from HQ files: it is returned as plain strings and never rendered
as HTML (tooltips, which Qt would render as rich text, are escaped).
"""
from __future__ import annotations

import ctypes
import html
import sys
import time
from collections import OrderedDict
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QDateTime, QEvent, QItemSelectionModel,
                            QModelIndex, QObject, QPersistentModelIndex, QPoint, QSettings, QSize, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QHeaderView,
                               QLineEdit, QMenu, QTableView, QVBoxLayout, QWidget)

from review.desk import Desk
from review.errors import DeskBusy
from review.formats import PLATFORMS
from review.model import (APPROVED, AWAITING_SIGNOFF, CHANGES_REQUESTED, CONFLICT, EXPORTED,
                          IN_REVIEW, PENDING, REJECTED, STATES)
from review.queue import SORTS, QueueFilter
from ui.style import SEVERITY_COLOURS, STATE_COLOURS, text_font
from ui.textviews import plain_tooltip

BLOCK_ROWS = 200  # rows read per query when the view asks for a row not in the cache
CACHED_BLOCKS = 50  # at most 10,000 rows kept: scrolling through 100,000 stays small in memory
SEARCH_DELAY_MS = 250  # typing pauses shorter than this do not query
TOOLTIP_CHARS = 120
MIN_TEXT_WIDTH = 120  # the text column keeps at least this much; other columns give way first
ANY = None  # the data of every "All ..." combo entry


def _emit_result_is_unowned() -> bool:
    """PySide6 6.12.0 returns `True` from `SignalInstance.emit()` without taking a reference
    for the caller, so each emit from Python drops one reference to `True`; after ~1,700
    emits CPython 3.11 frees `True` and aborts ("bool_dealloc"). Detected, not assumed, so a
    fixed PySide6 needs no change here: hold eight results, see if `True` gained eight."""
    class Probe(QObject):
        fired = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    results = [probe.fired.emit() for _ in range(8)]
    unowned = sys.getrefcount(True) - before < len(results)
    if unowned:
        for result in results:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
    return unowned


EMIT_RESULT_UNOWNED = _emit_result_is_unowned()


def emit(signal, *args) -> None:
    """`signal.emit(*args)`, taking the reference to its result that PySide6 6.12.0 forgets."""
    result = signal.emit(*args)
    if EMIT_RESULT_UNOWNED:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


class Column(IntEnum):
    """The queue's columns, in the order of `review.queue.SORTS` (column i sorts by SORTS[i])."""
    STATE = 0
    PLATFORM = 1
    LANGUAGES = 2
    TEXT = 3
    PROBLEMS = 4
    REVIEWER = 5
    SCHEDULED = 6
    BATCH = 7
    ID = 8


assert len(Column) == len(SORTS)

# In a narrow queue these columns are hidden, first to last, until the text has MIN_TEXT_WIDTH;
# they come back when there is room. State and text always stay.
GIVE_WAY = (Column.BATCH, Column.SCHEDULED, Column.REVIEWER, Column.ID, Column.LANGUAGES,
            Column.PLATFORM, Column.PROBLEMS)


@dataclass(frozen=True)
class QueueRow:
    """One post as the queue shows it: display strings computed once, when its block is read."""
    rowid: int
    post_id: str
    state: str
    cells: tuple[Any, ...]  # one per Column
    text: str  # the first characters of the current text, as stored (tooltip)
    scheduled_at: str | None
    schedule_passed: bool = False  # approved after its time, or waiting for sign-off past it


def state_icon(state: str, size: int = 12) -> QIcon:
    """A filled circle in the state's colour, painted at 1x and 2x for high-DPI screens."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STATE_COLOURS.get(state, "#8a8a8a")))
        margin = 2 * scale
        painter.drawEllipse(margin, margin, (size - 4) * scale, (size - 4) * scale)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def local_time(iso: str | None) -> str:
    """An ISO time from the batch, shown in this computer's time zone, unambiguous in any locale."""
    if not iso:
        return ""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    return moment.toLocalTime().toString("yyyy-MM-dd HH:mm")


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def language_pairs(desk: Desk) -> list[tuple[str, str]]:
    """The distinct (source, target) language pairs of all posts, in order."""
    return desk.language_pairs()


class QueueModel(QAbstractTableModel):
    """The posts matching a `QueueFilter`, in SQL order; rows read lazily, in blocks."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._desk: Desk | None = None
        self._filter = QueueFilter()
        self._sort = "batch"
        self._descending = False
        self._rowids: list[int] = []
        self._blocks: OrderedDict[int, dict[int, QueueRow]] = OrderedDict()
        self._icons: dict[str, QIcon] = {}  # painted on first use: needs a QGuiApplication
        self.retranslate()

    # -- labels (translated) ---------------------------------------------------------------------

    def retranslate(self) -> None:
        self._state_labels = {
            PENDING: self.tr("Pending"), IN_REVIEW: self.tr("In review"),
            APPROVED: self.tr("Approved"), AWAITING_SIGNOFF: self.tr("Awaiting sign-off"),
            CHANGES_REQUESTED: self.tr("Changes requested"), REJECTED: self.tr("Rejected"),
            EXPORTED: self.tr("Exported"), CONFLICT: self.tr("Conflict"),
        }
        self._platform_labels = {"x": "X", "facebook": "Facebook", "youtube": "YouTube",
                                 "linkedin": "LinkedIn", "other": self.tr("Other")}
        self._headers = (self.tr("State"), self.tr("Platform"), self.tr("Languages"),
                         self.tr("Text"), self.tr("Problems"), self.tr("Reviewer"),
                         self.tr("Scheduled"), self.tr("Batch"), self.tr("ID"))
        self._blocks.clear()
        if self._rowids:
            emit(self.headerDataChanged, Qt.Orientation.Horizontal, 0, len(Column) - 1)
            self._all_changed()

    def state_label(self, state: str) -> str:
        return self._state_labels.get(state, state)

    def platform_label(self, platform: str) -> str:
        return self._platform_labels.get(platform, platform)

    # -- what is listed --------------------------------------------------------------------------

    def set_desk(self, desk: Desk | None, queue_filter: QueueFilter | None = None) -> None:
        self._desk = desk
        self._filter = queue_filter or self._filter
        self.refresh()

    def set_filter(self, queue_filter: QueueFilter) -> None:
        self._filter = queue_filter
        self.refresh()

    def queue_filter(self) -> QueueFilter:
        return self._filter

    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORTS):
            return
        self._sort = SORTS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def refresh(self) -> None:
        """Query the row ids again. A layout change, not a reset: persistent indexes (the
        view's selection and current row) follow their post, so the current post stays
        selected if it is still listed."""
        rowids = [] if self._desk is None else self._desk.queue_rowids(
            self._filter, self._sort, self._descending)
        emit(self.layoutAboutToBeChanged)
        self._move_persistent_indexes(rowids)
        self._rowids = rowids
        self._blocks.clear()
        emit(self.layoutChanged)

    def redraw(self, columns: tuple[Column, ...] = tuple(Column)) -> None:
        """Read the shown rows again without re-running the query (after a decision or when
        problem counts were filled): a post that no longer matches stays until `refresh`."""
        self._blocks.clear()
        self._all_changed(min(columns), max(columns))

    def _all_changed(self, first: int = 0, last: int = len(Column) - 1) -> None:
        if self._rowids:
            emit(self.dataChanged, self.index(0, first), self.index(len(self._rowids) - 1, last))

    def _move_persistent_indexes(self, new_rowids: list[int]) -> None:
        """Point the view's persistent indexes (selection, current row) at their post's new row."""
        old = self.persistentIndexList()
        moved = [self._moved_index(index, new_rowids) for index in old]
        if old:
            self.changePersistentIndexList(old, moved)

    def _moved_index(self, index: QModelIndex, new_rowids: list[int]) -> QModelIndex:
        if not 0 <= index.row() < len(self._rowids):
            return QModelIndex()
        try:  # list.index: a C loop, ~0.5 ms at 100,000 rows; the view holds few indexes
            return self.createIndex(new_rowids.index(self._rowids[index.row()]), index.column())
        except ValueError:
            return QModelIndex()

    # -- rows ------------------------------------------------------------------------------------

    def post_id(self, row: int) -> str | None:
        record = self.record(row)
        return record.post_id if record else None

    def row_of(self, post_id: str) -> int:
        """The row showing `post_id`, or -1 if it is not listed."""
        if self._desk is None or not post_id:
            return -1
        rowid = self._desk.queue_rowid(post_id)
        try:
            return self._rowids.index(rowid)
        except ValueError:
            return -1

    def record(self, row: int) -> QueueRow | None:
        if not 0 <= row < len(self._rowids):
            return None
        number = row // BLOCK_ROWS
        block = self._blocks.get(number)
        if block is None:
            block = self._read_block(number)
        else:
            self._blocks.move_to_end(number)
        return block.get(self._rowids[row])  # None if the post vanished since the query

    def _read_block(self, number: int) -> dict[int, QueueRow]:
        rowids = self._rowids[number * BLOCK_ROWS:(number + 1) * BLOCK_ROWS]
        block = {rowid: self._queue_row(row) for rowid, row in self._desk.queue_rows(rowids).items()}
        self._blocks[number] = block
        while len(self._blocks) > CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    def _queue_row(self, row: dict[str, Any]) -> QueueRow:
        cells = (
            self.state_label(row["state"]),
            self.platform_label(row["platform"]),
            f"{row['source_lang']} → {row['target_lang']}",
            one_line(row["text"]),
            row["problems"],  # None until the filler has computed it: shown empty
            row["last_actor"] or "",
            ("⚠ " if row["schedule_passed"] else "") + local_time(row["scheduled_at"]),
            row["batch"],
            row["external_id"],
        )
        return QueueRow(row["rowid"], row["id"], row["state"], cells, row["text"] or "",
                        row["scheduled_at"], row["schedule_passed"])

    # -- QAbstractTableModel ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rowids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(Column)):
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.record(index.row())
        if record is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return record.cells[column]
        if role == Qt.ItemDataRole.DecorationRole and column == Column.STATE:
            return self._state_icon(record.state)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.PROBLEMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.PROBLEMS and record.cells[column]:
            return QColor(SEVERITY_COLOURS["warning"])
        if role == Qt.ItemDataRole.ForegroundRole and record.schedule_passed and \
                column in (Column.STATE, Column.SCHEDULED):
            return QColor(SEVERITY_COLOURS["error"])
        if role == Qt.ItemDataRole.UserRole:
            return record.post_id
        return None

    def _state_icon(self, state: str) -> QIcon:
        if state not in self._icons:
            self._icons[state] = state_icon(state)
        return self._icons[state]

    @staticmethod
    def _tooltip(record: QueueRow, column: int) -> str | None:
        # Qt renders a tooltip as rich text when it "looks like" HTML: escape, so a post
        # containing <b> or <img> shows those characters and never loads or formats anything.
        if column == Column.TEXT and record.text:
            escaped = html.escape(record.text[:TOOLTIP_CHARS]).replace("\n", "<br>")
            return f"<p>{escaped}</p>"
        late = QCoreApplication.translate(
            "QueueModel", "Schedule passed: approved after its scheduled time, or waiting for "
                          "sign-off past it. Do not publish it as planned.")
        if column == Column.SCHEDULED and record.scheduled_at:
            time = html.escape(record.scheduled_at)
            return f"{time}<br>{html.escape(late)}" if record.schedule_passed else time
        if column == Column.STATE and record.schedule_passed:
            return html.escape(late)
        return None


class ProblemCountFiller(QObject):
    """Computes missing problem counts in the background, slice by slice, on the GUI thread:
    idle work, not an operation (it changes what the queue shows, not what anyone did).

    Why not on the operation runner's worker thread: the work is pure Python (the checks), and a
    second thread holds the interpreter lock against the GUI thread, where slices between
    events do not. Measured with bench/gui_filler.py (10,000 posts, Ctrl+J to the next post
    shown while the counts fill): 12.7 ms median, 16.8 ms at the 90th percentile with these
    slices; 27.3 ms and 106 ms with the same work on a second thread; 11.1 and 13.4 ms with no
    filling. At 100,000 posts the medians are 13.9, 25.5 and 13.6 ms. The thread fills faster
    (1,854 against 1,555 counts a second at 10,000), which does not pay for a slower next post.
    A slice of ~30 ms between events keeps typing and scrolling responsive while counts fill in.
    """

    progressed = Signal()  # some counts were written (at most once a second)
    finished = Signal()  # no post is left without a count

    SLICE_SECONDS = 0.03
    MAX_POSTS = 200
    PAUSE_MS = 10  # between slices, so queued input events are handled first
    BUSY_RETRY_MS = 5000  # another program is writing: try again later, quietly

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._desk: Desk | None = None
        self._posts_per_slice = 20  # adapted to the machine after each slice
        self._last_progress = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._slice)

    def start(self, desk: Desk | None, delay_ms: int = 300) -> None:
        """(Re)start filling; the first slice waits `delay_ms` so the window paints first."""
        self._desk = desk
        if desk is not None:
            self._timer.start(delay_ms)

    def stop(self) -> None:
        self._timer.stop()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def _slice(self) -> None:
        if self._desk is None:
            return
        started = time.perf_counter()
        try:
            filled = self._desk.fill_problem_counts(limit=self._posts_per_slice)
        except DeskBusy:
            self._timer.start(self.BUSY_RETRY_MS)
            return
        if not filled:
            emit(self.finished)
            return
        self._adapt(filled, time.perf_counter() - started)
        if time.monotonic() - self._last_progress > 1.0:
            self._last_progress = time.monotonic()
            emit(self.progressed)
        self._timer.start(self.PAUSE_MS)

    def _adapt(self, filled: int, seconds: float) -> None:
        per_post = max(seconds / filled, 1e-5)
        self._posts_per_slice = max(1, min(self.MAX_POSTS, int(self.SLICE_SECONDS / per_post)))


class SearchBox(QLineEdit):
    """The queue's search field. Enter or Down: done searching (`accepted`); Escape: clear and
    leave (`escaped`). Ctrl+Z and Ctrl+Shift+Z are not its own: they take back review actions
    (a search typed is not work to undo, and an undone search would bring back an old filter)."""

    accepted = Signal()
    escaped = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()  # not claimed: the window's Undo / Redo actions get the key
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        key, plain = event.key(), not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            emit(self.accepted)
        elif plain and key == Qt.Key.Key_Escape:
            emit(self.escaped)
        else:
            super().keyPressEvent(event)


class QueueWidget(QWidget):
    """Filter bar over the queue table. Tell it the desk with `set_desk`; it says which post
    is current (`current_post_changed`) and how many posts each state has (`counts_changed`)."""

    current_post_changed = Signal(object)  # post id (str) or None
    counts_changed = Signal(dict)  # state -> posts, under every filter but the state one
    search_done = Signal(bool)  # Enter, Down or Escape in the search box: whether a post is shown
    post_chosen = Signal()  # Enter (or a double click) on a post of the list: go and work on it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk: Desk | None = None
        self._me = ""
        self._current_id: str | None = None
        self._counts: dict[str, int] = {}
        self._widths: dict[int, int] = {}  # each column's width when shown (the user may drag it)
        self._user_hidden: set[int] = set()  # hidden from the header's menu
        self._auto_hidden: set[int] = set()  # hidden for want of room (see _fit_columns)
        self._fitting = False
        self.model = QueueModel(self)
        self.filler = ProblemCountFiller(self)
        self.filler.progressed.connect(lambda: self.model.redraw((Column.PROBLEMS,)))
        self.filler.finished.connect(self._problems_filled)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        # Counts run the filter's query a second time (a search costs as much again): they are
        # sent just after the rows are painted, and several quick changes send them once.
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self._emit_counts)
        self._build_filters()
        self._build_view()
        self._lay_out()
        self.retranslate_ui()
        self._set_column_widths()  # once: a language change keeps the widths the user chose
        self.view.viewport().installEventFilter(self)
        self.view.horizontalHeader().sectionResized.connect(self._remember_width)

    # -- building --------------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search_box = SearchBox(self)
        self.search_box.setObjectName("queue_search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(lambda _: self._search_timer.start())
        self.search_box.accepted.connect(self._search_accepted)
        self.search_box.escaped.connect(self._search_escaped)
        self.batch_combo, self.state_combo, self.language_combo, self.platform_combo = (
            self._combo(), self._combo(), self._combo(), self._combo())
        self.problems_check = QCheckBox(self)
        self.mine_check = QCheckBox(self)
        for name, widget in (("filter_batch", self.batch_combo), ("filter_state", self.state_combo),
                             ("filter_languages", self.language_combo),
                             ("filter_platform", self.platform_combo),
                             ("filter_problems", self.problems_check), ("filter_mine", self.mine_check)):
            widget.setObjectName(name)
        for check in (self.problems_check, self.mine_check):
            check.toggled.connect(self._apply_filter)

    def _combo(self) -> QComboBox:
        combo = QComboBox(self)
        # Long batch names must not widen the queue pane: the combo elides, the popup shows all.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(self._apply_filter)
        return combo

    def _build_view(self) -> None:
        view = self.view = QTableView(self)
        view.setObjectName("queue_view")
        view.setModel(self.model)
        # Arrows move through the posts; Tab leaves the list (Qt's default steps cell by cell).
        view.setTabKeyNavigation(False)
        view.activated.connect(lambda _index: emit(self.post_chosen))
        view.setFont(text_font())
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setShowGrid(False)
        view.setIconSize(QSize(12, 12))
        rows = view.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never measures rows, so 100,000 rows cost nothing.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
        columns = view.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setSectionsMovable(True)
        # The text is what a reviewer scans: it takes the width the other columns leave.
        columns.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
        columns.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        columns.customContextMenuRequested.connect(self._column_menu)
        columns.setSortIndicator(SORTS.index("batch"), Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        # After a sort or a filter the current post may sit elsewhere: keep it in sight.
        self.model.layoutChanged.connect(lambda: view.scrollTo(view.currentIndex()))

    def _lay_out(self) -> None:
        combos = QGridLayout()  # two by two: a queue 250 px wide still shows every filter
        for n, combo in enumerate((self.batch_combo, self.state_combo, self.language_combo,
                                   self.platform_combo)):
            combos.addWidget(combo, n // 2, n % 2)
        checks = QHBoxLayout()
        checks.addWidget(self.problems_check)
        checks.addWidget(self.mine_check)
        checks.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addLayout(combos)
        layout.addLayout(checks)
        layout.addWidget(self.view)

    def _set_column_widths(self) -> None:
        """Widths from the font, not from the data: measuring contents would read every row."""
        metrics = self.view.fontMetrics()
        widest = {
            Column.STATE: max(metrics.horizontalAdvance(self.model.state_label(s)) for s in STATES) + 30,
            Column.PLATFORM: metrics.horizontalAdvance("LinkedIn") + 16,
            Column.LANGUAGES: metrics.horizontalAdvance("zh-CN → en") + 16,
            Column.TEXT: metrics.averageCharWidth() * 40,
            Column.PROBLEMS: metrics.horizontalAdvance(self.model.headerData(
                Column.PROBLEMS, Qt.Orientation.Horizontal)) + 24,
            Column.REVIEWER: metrics.averageCharWidth() * 12,
            Column.SCHEDULED: metrics.horizontalAdvance("2026-12-31 23:59") + 16,
            Column.BATCH: metrics.horizontalAdvance("chengdu-hitech-zone") + 16,
            Column.ID: metrics.horizontalAdvance("ZW-00000") + 16,
        }
        for column, width in widest.items():
            self.view.setColumnWidth(column, width)
            self._widths[column] = width

    def _remember_width(self, column: int, _old: int, new: int) -> None:
        if new > 0 and column != Column.TEXT and not self._fitting:
            self._widths[column] = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            if self.view.currentIndex().isValid():  # the post shown stays in sight
                self.view.scrollTo(self.view.currentIndex())
        return False

    def _fit_columns(self) -> None:
        """Hide the columns of GIVE_WAY, first to last, until the text column has
        MIN_TEXT_WIDTH; show them again when the queue is wider."""
        self._fitting = True  # the widths set here are not the user's
        try:
            self._fit_columns_now()
        finally:
            self._fitting = False

    def _fit_columns_now(self) -> None:
        room = self.view.viewport().width()
        shown = [c for c in Column if c != Column.TEXT and c not in self._user_hidden]
        hidden: set[int] = set()
        for column in GIVE_WAY:
            if sum(self._widths.get(c, 0) for c in shown if c not in hidden) + MIN_TEXT_WIDTH <= room:
                break
            if column in shown:
                hidden.add(column)
        header = self.view.horizontalHeader()
        for column in shown:
            if header.isSectionHidden(column) != (column in hidden):
                header.setSectionHidden(column, column in hidden)
        self._auto_hidden = hidden
        if Column.STATE in shown:  # narrower still: its words are cut ("Changes req…"), its dot stays
            state = self._widths.get(Column.STATE, 0)
            others = sum(self._widths.get(c, 0) for c in shown if c not in hidden and c != Column.STATE)
            header.resizeSection(Column.STATE, max(40, min(state, room - others - MIN_TEXT_WIDTH)))

    def hidden_for_room(self) -> set[int]:
        """The columns hidden now because the queue is too narrow for them."""
        return set(self._auto_hidden)

    def _column_menu(self, position: QPoint) -> None:
        """Right-click on the header: show or hide columns (a narrow queue pane keeps the text
        readable by hiding batch or ID). Hidden columns are saved with the header state; the
        columns hidden for want of room come back by themselves when there is room."""
        header = self.view.horizontalHeader()
        menu = QMenu(self)
        for col in Column:
            if col == Column.TEXT:
                continue
            action = menu.addAction(self.model.headerData(col, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(col not in self._user_hidden)
            action.toggled.connect(lambda shown, c=col: self._choose_column(c, shown))
        menu.exec(header.mapToGlobal(position))

    # -- translation -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.search_box.setPlaceholderText(self.tr("Search source, draft and rewrites"))
        self.search_box.setToolTip(self.tr("Search the source text, the HQ draft and every rewrite"))
        self.problems_check.setText(self.tr("Has problems"))
        self.mine_check.setText(self.tr("Assigned to me"))
        self.batch_combo.setToolTip(self.tr("Batch"))
        self.state_combo.setToolTip(self.tr("State"))
        self.language_combo.setToolTip(self.tr("Language pair"))
        self.platform_combo.setToolTip(self.tr("Platform"))
        self.model.retranslate()
        self._fill_combos()

    def _fill_combos(self) -> None:
        batches = self._desk.batches() if self._desk else []
        pairs = language_pairs(self._desk) if self._desk else []
        self._fill(self.batch_combo, self.tr("All batches"),
                   [(b["name"], b["name"], b.get("title") or None) for b in batches])
        self._fill(self.state_combo, self.tr("All states"),
                   [(self.model.state_label(s), s, None) for s in STATES])
        self._fill(self.language_combo, self.tr("All languages"),
                   [(f"{s} → {t}", f"{s} {t}", None) for s, t in pairs])
        self._fill(self.platform_combo, self.tr("All platforms"),
                   [(self.model.platform_label(p), p, None) for p in PLATFORMS])

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, Any, str | None]]) -> None:
        """Replace a combo's entries, keeping the chosen one if it is still offered."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, ANY)
        for text, data, tooltip in items:
            combo.addItem(text, data)
            if tooltip:
                combo.setItemData(combo.count() - 1, plain_tooltip(tooltip), Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not ANY else 0)
        combo.blockSignals(False)

    # -- public API ------------------------------------------------------------------------------

    def set_desk(self, desk: Desk | None, me: str = "") -> None:
        """Show the queue of `desk`; `me` is the reviewer's name ("Assigned to me")."""
        self.filler.stop()
        self._desk, self._me = desk, me
        self.model.set_desk(None)  # the old desk's rows must not be read from the new one
        self._fill_combos()
        self.model.set_desk(desk, self.filter())
        self._rows_changed()
        self.filler.start(desk)

    def filter(self) -> QueueFilter:
        """The filter the bar shows now."""
        pair = (self.language_combo.currentData() or " ").split(" ")  # "source target"
        return QueueFilter(
            batch=self.batch_combo.currentData(),
            state=self.state_combo.currentData(),
            source_lang=pair[0] or None, target_lang=pair[1] or None,
            platform=self.platform_combo.currentData(),
            has_problems=self.problems_check.isChecked(),
            assignee=(self._me or None) if self.mine_check.isChecked() else None,
            text=self.search_box.text().strip(),
        )

    def refresh(self) -> None:
        """Read everything again (after an import, a merge or decisions): batch and language
        lists, the rows and the counts. The current post stays selected if still listed."""
        if self._desk is None:
            return
        self._fill_combos()
        self.model.set_filter(self.filter())
        self._rows_changed()
        self.filler.start(self._desk, delay_ms=100)  # edited posts lost their counts

    def redraw(self) -> None:
        """Cheaper than `refresh` after a decision: re-read shown rows and counts, keep the rows
        listed (a post just approved does not vanish under the reviewer's eyes)."""
        self.model.redraw()
        self._counts_timer.start()
        self.filler.start(self._desk, delay_ms=100)

    def changes_heard(self, changes, _initiator: object = None) -> None:
        """After an action: posts or batches added (or a new name for "Assigned to me"): query
        again; posts changed, or a glossary (whose findings the problem counts hold): read the
        rows shown again and count what needs counting, keeping every row listed (a post just
        approved does not vanish under the reviewer's eyes). The memory changes no row."""
        if self._desk is None:
            return
        if changes.settings:
            self._me = (self._desk.profile() or {}).get("name", self._me)
        if changes.added or (changes.settings and self.mine_check.isChecked()):
            self.refresh()
        elif changes.posts or changes.batches or changes.glossaries:
            self.redraw()

    def current_post_id(self) -> str | None:
        return self._current_id

    def select_post(self, post_id: str) -> bool:
        return self._select_row(self.model.row_of(post_id))

    def select_next(self) -> bool:
        row = self.view.currentIndex().row()
        return self._select_row(0 if row < 0 else row + 1)

    def select_previous(self) -> bool:
        row = self.view.currentIndex().row()
        return self._select_row(self.model.rowCount() - 1 if row < 0 else row - 1)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def focus_list(self) -> None:
        """The keyboard to the list, on the current post (the first, if none is current)."""
        if not self.view.currentIndex().isValid():
            self.select_next()
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_chain(self) -> list[QWidget]:
        """The queue's widgets in Tab order: search, filters, then the list."""
        return [self.search_box, self.batch_combo, self.state_combo, self.language_combo,
                self.platform_combo, self.problems_check, self.mine_check, self.view]

    def _search_accepted(self) -> None:
        """Enter or Down in the search box: the first post found is shown (with nothing typed,
        the post shown stays)."""
        self._apply_filter()
        if not self.search_box.text().strip():
            emit(self.search_done, self._current_id is not None or self.select_next())
            return
        emit(self.search_done, self._select_row(0))

    def _search_escaped(self) -> None:
        """Escape in the search box: no search any more; the current post stays shown."""
        self.search_box.clear()
        self._apply_filter()
        emit(self.search_done, self._current_id is not None or self.select_next())

    def state_counts(self) -> dict[str, int]:
        """Posts per state under the current filter (but the state one)."""
        if self._counts_timer.isActive():  # asked for before they were sent: send them now
            self._counts_timer.stop()
            self._emit_counts()
        return dict(self._counts)

    def _choose_column(self, column: int, shown: bool) -> None:
        (self._user_hidden.discard if shown else self._user_hidden.add)(column)
        self.view.horizontalHeader().setSectionHidden(column, not shown)
        self._fit_columns()

    def save_state(self, settings: QSettings) -> None:
        """The header as the user left it: a column hidden only for want of room is saved shown."""
        header = self.view.horizontalHeader()
        for column in self._auto_hidden:
            header.setSectionHidden(column, False)
        settings.setValue("queue/header", header.saveState())
        for column in self._auto_hidden:
            header.setSectionHidden(column, True)

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("queue/header")
        if state:
            # Restoring the sort indicator makes the view call model.sort: one query.
            header = self.view.horizontalHeader()
            header.restoreState(state)
            self._user_hidden = {c for c in Column if header.isSectionHidden(c)}
            self._widths.update({c: header.sectionSize(c) for c in Column
                                 if c not in self._user_hidden and header.sectionSize(c) > 0})
            self._fit_columns()

    # -- internals -------------------------------------------------------------------------------

    def _select_row(self, row: int) -> bool:
        if not 0 <= row < self.model.rowCount():
            return False
        index = self.model.index(row, Column.STATE)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)
        return True

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        if self._desk is None:
            return
        queue_filter = self.filter()
        if queue_filter != self.model.queue_filter():
            self.model.set_filter(queue_filter)
            self._rows_changed()

    def _rows_changed(self) -> None:
        """After the row set changed: say so if the current post is gone, and send counts."""
        self._current_row_changed(self.view.currentIndex())
        self._counts_timer.start()

    def _emit_counts(self) -> None:
        queue_filter = self.model.queue_filter()
        self._counts = self._desk.queue_state_counts(queue_filter) if self._desk else {}
        emit(self.counts_changed, dict(self._counts))

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        post_id = self.model.post_id(current.row()) if current.isValid() else None
        if post_id != self._current_id:
            self._current_id = post_id
            emit(self.current_post_changed, post_id)

    def _problems_filled(self) -> None:
        if self.problems_check.isChecked():
            self.model.refresh()  # posts found to have problems join the filtered list
            self._rows_changed()
        else:
            self.model.redraw((Column.PROBLEMS,))

    def closeEvent(self, event) -> None:
        self.filler.stop()
        super().closeEvent(event)
