"""Annotations: the popup that marks a span with an MQM category and severity, and the post's list.

Both only show and ask; the main window turns their answers and signals into domain calls
(`Desk.annotate`, `resolve_annotation`, `delete_annotation`), so undo and durability stay in one
place. User text (excerpts, comments) is always set as plain text.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QT_TRANSLATE_NOOP,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPalette, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from review.formats.placeholders import tokened
from review.model import CATEGORIES, PUNCTUATION_SUBCATEGORY, SEVERITIES, Annotation, PostState
from ui.dialogs import KeyButton, close_keys
from ui.style import ANNOTATION_COLOURS
from ui.textviews import plain_tooltip

# Common MQM subcategories, offered as the reviewer types (any other text is kept as typed).
SUBCATEGORY_SUGGESTIONS = (PUNCTUATION_SUBCATEGORY, "mistranslation", "omission", "addition",
                           "untranslated", "grammar", "spelling", "wrong term", "register",
                           "unidiomatic", "offensive", "length")

_CONTEXT = "Annotations"

# MQM categories as reviewers read them: a short name and one line saying when to use it.
# Marked with QT_TRANSLATE_NOOP so lupdate collects them; translated when shown.
_CATEGORY_TEXTS = {
    "accuracy": (
        QT_TRANSLATE_NOOP("Annotations", "Accuracy"),
        QT_TRANSLATE_NOOP("Annotations", "The meaning differs from the source: mistranslated, left out or added."),
    ),
    "fluency": (
        QT_TRANSLATE_NOOP("Annotations", "Fluency"),
        QT_TRANSLATE_NOOP("Annotations", "Grammar, spelling, punctuation or wording that does not read naturally."),
    ),
    "terminology": (
        QT_TRANSLATE_NOOP("Annotations", "Terminology"),
        QT_TRANSLATE_NOOP("Annotations", "A term not rendered the way the glossary or the field says."),
    ),
    "style": (
        QT_TRANSLATE_NOOP("Annotations", "Style"),
        QT_TRANSLATE_NOOP("Annotations", "Register or tone that does not suit the account or the platform."),
    ),
    "locale-convention": (
        QT_TRANSLATE_NOOP("Annotations", "Locale convention"),
        QT_TRANSLATE_NOOP("Annotations", "Dates, numbers, currency, names or addresses in a foreign format."),
    ),
    "audience-appropriateness": (
        QT_TRANSLATE_NOOP("Annotations", "Audience appropriateness (cultural)"),
        QT_TRANSLATE_NOOP("Annotations", "Reads wrongly to local readers: political, offensive or culturally out of place."),
    ),
    "design": (
        QT_TRANSLATE_NOOP("Annotations", "Design and length"),
        QT_TRANSLATE_NOOP("Annotations", "Too long for the platform, or a problem with links, hashtags, emoji or layout."),
    ),
    "other": (
        QT_TRANSLATE_NOOP("Annotations", "Other"),
        QT_TRANSLATE_NOOP("Annotations", "Anything else: say what in the comment."),
    ),
}
_SEVERITY_TEXTS = {
    "neutral": QT_TRANSLATE_NOOP("Annotations", "Neutral"),
    "minor": QT_TRANSLATE_NOOP("Annotations", "Minor"),
    "major": QT_TRANSLATE_NOOP("Annotations", "Major"),
    "critical": QT_TRANSLATE_NOOP("Annotations", "Critical"),
}
_STATUS_TEXTS = {
    "open": QT_TRANSLATE_NOOP("Annotations", "open"),
    "resolved": QT_TRANSLATE_NOOP("Annotations", "resolved"),
}
DEFAULT_SEVERITY = "minor"
EXCERPT_LIMIT = 160  # characters of the selected span the dialog shows before eliding


def _translate(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def category_name(key: str) -> str:
    """The translated display name of an MQM category key (the key itself if unknown)."""
    texts = _CATEGORY_TEXTS.get(key)
    return _translate(texts[0]) if texts else key


def category_description(key: str) -> str:
    texts = _CATEGORY_TEXTS.get(key)
    return _translate(texts[1]) if texts else ""


def severity_name(key: str) -> str:
    text = _SEVERITY_TEXTS.get(key)
    return _translate(text) if text else key


_ICONS: dict[tuple[str, int], QIcon] = {}


def severity_icon(severity: str, size: int = 12) -> QIcon:
    """A filled dot in the severity's colour, the same colour the review pane highlights with."""
    if (severity, size) not in _ICONS:
        _ICONS[severity, size] = _dot(severity, size)
    return _ICONS[severity, size]


def _dot(severity: str, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(ANNOTATION_COLOURS.get(severity, "#8a8a8a")))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def elide_middle(text: str, limit: int) -> str:
    """`text` cut in the middle when longer than `limit` characters: start and end stay readable."""
    if len(text) <= limit:
        return text
    head = (limit * 2) // 3
    tail = limit - head - 1
    return text[:head].rstrip() + " … " + text[-tail:].lstrip()


def one_line(text: str) -> str:
    return " ".join(text.split())


# -- the popup ---------------------------------------------------------------------------------


class AnnotationDialog(QDialog):
    """Category, severity and comment for one selected span. Keyboard-first: type to pick a
    category, 1-4 for severity, Tab to the comment, Ctrl+Enter to save."""

    def __init__(self, parent: QWidget | None, excerpt: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Annotate"))
        self.setMinimumWidth(400)
        self.excerpt = excerpt
        self.setObjectName("annotation_dialog")
        self._build(excerpt)
        self._add_shortcuts()
        close_keys(self)
        self.category.setFocus()

    # building

    def _build(self, excerpt: str) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Category:"), self._category_box())
        self.category_hint = QLabel()
        self.category_hint.setWordWrap(True)
        self.category_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form.addRow("", self.category_hint)
        self.subcategory = QLineEdit()
        self.subcategory.setPlaceholderText(self.tr("optional, e.g. mistranslation"))
        # Stored values, not interface words: "punctuation" makes a minor error weigh 0.1 MQM
        # points (review/mqm.py), so it is offered as typed.
        suggestions = QCompleter(list(SUBCATEGORY_SUGGESTIONS), self.subcategory)
        suggestions.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.subcategory.setCompleter(suggestions)
        form.addRow(self.tr("&Subcategory:"), self.subcategory)
        form.addRow(self.tr("Severity:"), self._severity_row())
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)  # Tab leaves the comment, as in any form
        self.comment.setPlaceholderText(self.tr("What is wrong, and what to say instead. HQ reads this."))
        self.comment.setFixedHeight(self.comment.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(self.tr("C&omment:"), self.comment)

        layout = QVBoxLayout(self)
        layout.addWidget(self._excerpt_label(excerpt))
        layout.addLayout(form)
        layout.addWidget(self._buttons())
        self._show_category_hint()

    def _excerpt_label(self, excerpt: str) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText("“" + elide_middle(excerpt, EXCERPT_LIMIT) + "”")
        label.setWordWrap(True)
        label.setFrameShape(QFrame.Shape.StyledPanel)
        label.setMargin(6)
        label.setObjectName("excerpt")
        return label

    def _category_box(self) -> QComboBox:
        self.category = QComboBox()
        for key in CATEGORIES:
            self.category.addItem(category_name(key), key)
            self.category.setItemData(self.category.count() - 1, category_description(key),
                                      Qt.ItemDataRole.ToolTipRole)
        self.category.currentIndexChanged.connect(self._show_category_hint)
        return self.category

    def _severity_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.severity_group = QButtonGroup(self)
        self.severity_buttons: dict[str, QRadioButton] = {}
        for number, key in enumerate(SEVERITIES, start=1):
            # "&1" shows the key that selects it and makes Alt+1 work as well as 1.
            button = QRadioButton(f"&{number} {severity_name(key)}")
            button.setIcon(severity_icon(key))
            button.setToolTip(self.tr("Press {key}").format(key=number))
            self.severity_group.addButton(button, number)
            self.severity_buttons[key] = button
            layout.addWidget(button)
        layout.addStretch()
        self.severity_buttons[DEFAULT_SEVERITY].setChecked(True)
        return row

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Annotate"))
        ok.setToolTip(self.tr("Save the annotation ({key})").format(key=_native("Ctrl+Return")))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        return box

    def _add_shortcuts(self) -> None:
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        # Plain digits pick the severity; text fields claim digits first (ShortcutOverride),
        # so typing "12 wells" in the comment still types.
        for number, key in enumerate(SEVERITIES, start=1):
            QShortcut(QKeySequence(str(number)), self,
                      activated=self.severity_buttons[key].click)

    def _show_category_hint(self) -> None:
        key = self.category.currentData()
        self.category_hint.setText(category_description(key))
        self.category.setToolTip(category_description(key))

    # reading

    def severity(self) -> str:
        return next(key for key, button in self.severity_buttons.items() if button.isChecked())

    def values(self) -> dict[str, Any]:
        """What the reviewer chose: the keys `Desk.annotate` takes."""
        return {
            "category": self.category.currentData(),
            "subcategory": self.subcategory.text().strip() or None,
            "severity": self.severity(),
            "comment": self.comment.toPlainText().strip(),
        }

    @classmethod
    def ask(cls, parent: QWidget | None, excerpt: str) -> dict[str, Any] | None:
        """Show the popup modally; the chosen values, or None when cancelled."""
        dialog = cls(parent, excerpt)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


# -- the list of a post's annotations ------------------------------------------------------------


class AnnotationModel(QAbstractTableModel):
    """The live (not deleted) annotations of one post, in reading order."""

    # What the reviewer reads first comes first: in a narrow pane the later columns scroll away,
    # and every row's tooltip says all of it.
    COLUMNS = (
        QT_TRANSLATE_NOOP("Annotations", "Severity"),
        QT_TRANSLATE_NOOP("Annotations", "Excerpt"),
        QT_TRANSLATE_NOOP("Annotations", "Comment"),
        QT_TRANSLATE_NOOP("Annotations", "Category"),
        QT_TRANSLATE_NOOP("Annotations", "Rev"),
        QT_TRANSLATE_NOOP("Annotations", "Status"),
    )
    SEVERITY, EXCERPT, COMMENT, CATEGORY, REVISION, STATUS = range(6)
    EXCERPT_SHOWN = 40  # characters of the excerpt in the row; the tooltip has all of it

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[Annotation, int | None, str]] = []  # annotation, rev number, excerpt

    def set_post(self, post: PostState | None) -> None:
        self.beginResetModel()
        self._rows = _annotation_rows(post) if post else []
        self.endResetModel()

    def annotation_at(self, row: int) -> Annotation | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, annotation_id: str) -> int | None:
        return next((i for i, (a, _, _) in enumerate(self._rows) if a.id == annotation_id), None)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return _translate(self.COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        annotation, number, excerpt = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.column(), annotation, number, excerpt)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(annotation, number, excerpt)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.SEVERITY:
            return severity_icon(annotation.severity)
        if role == Qt.ItemDataRole.ForegroundRole and annotation.status == "resolved":
            # Resolved ones stay visible for HQ but step back.
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.UserRole:
            return annotation.id
        return None

    def _display(self, column: int, a: Annotation, number: int | None, excerpt: str) -> str:
        if column == self.SEVERITY:
            return severity_name(a.severity)
        if column == self.CATEGORY:
            return category_name(a.category) + (f" / {a.subcategory}" if a.subcategory else "")
        if column == self.REVISION:
            if number is None:  # its rewrite was undone
                return "—"
            return QCoreApplication.translate("Annotations", "rev {n}").format(n=number)
        if column == self.STATUS:
            return _translate(_STATUS_TEXTS.get(a.status, a.status))
        if column == self.EXCERPT:
            return elide_middle(one_line(excerpt), self.EXCERPT_SHOWN)
        return one_line(a.comment)

    def _tooltip(self, a: Annotation, number: int | None, excerpt: str) -> str:
        """Everything about the row, whichever cell is hovered (escaped: it holds user text)."""
        columns = (self.SEVERITY, self.CATEGORY, self.REVISION, self.STATUS)
        lines = [" · ".join(self._display(c, a, number, excerpt) for c in columns)]
        if excerpt:
            lines.append(f"“{excerpt}”")
        if a.comment:
            lines.append(QCoreApplication.translate("Annotations", "{author}: {comment}").format(
                author=a.author, comment=a.comment))
        return plain_tooltip("\n".join(lines))


def _annotation_rows(post: PostState) -> list[tuple[Annotation, int | None, str]]:
    """(annotation, revision number, annotated text) for each live annotation, by revision and place."""
    revisions = {r.id: r for r in post.revisions}
    rows = []
    for annotation in post.annotations.values():
        if annotation.status == "deleted":
            continue
        revision = revisions.get(annotation.revision_id)  # gone if its rewrite was undone
        excerpt = tokened(revision.text[annotation.start:annotation.end], post.codes) \
            if revision else ""
        if annotation.picture:  # a picture marked as a whole: its name stands for the text
            excerpt = f"[{annotation.picture}]"
        rows.append((annotation, revision.number if revision else None, excerpt))
    rows.sort(key=lambda r: (r[1] if r[1] is not None else -1, r[0].start, r[0].at))
    return rows


class AnnotationList(QWidget):
    """A post's annotations; clicking one asks the review pane to select its span."""

    annotation_selected = Signal(str)
    resolve_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._post: PostState | None = None
        self.model = AnnotationModel(self)
        self.view = self._make_view()
        self.setObjectName("annotation_list")
        self.view.setObjectName("annotation_view")
        self.resolve_button = KeyButton()
        self.delete_button = KeyButton()
        self.resolve_button.setObjectName("resolve_annotation")
        self.delete_button.setObjectName("delete_annotation")
        self.resolve_button.clicked.connect(self._request_resolve)
        self.delete_button.clicked.connect(self._request_delete)
        self._add_actions()
        self._lay_out()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text; called again when the interface language changes."""
        self.resolve_button.setText(self.tr("&Resolve"))
        self.resolve_button.setToolTip(self.tr("Mark the selected annotation as dealt with"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected annotation ({key})").format(
            key=_native("Del")))
        self.resolve_action.setText(self.tr("Resolve"))
        self.delete_action.setText(self.tr("Delete"))
        self.show_post(self._post)  # category, severity and column names are translated when shown

    def _make_view(self) -> QTreeView:
        view = QTreeView()
        view.setModel(self.model)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = view.header()
        header.setStretchLastSection(True)
        for column in (AnnotationModel.SEVERITY, AnnotationModel.CATEGORY,
                       AnnotationModel.REVISION, AnnotationModel.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(AnnotationModel.EXCERPT, 120)
        header.resizeSection(AnnotationModel.COMMENT, 180)
        view.clicked.connect(self._emit_selected)
        view.activated.connect(self._emit_selected)
        view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        return view

    def _add_actions(self) -> None:
        self.resolve_action = QAction(self.view)
        self.resolve_action.triggered.connect(self._request_resolve)
        self.delete_action = QAction(self.view)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self._request_delete)
        self.view.addActions([self.resolve_action, self.delete_action])

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.resolve_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    # public API

    def show_post(self, post: PostState | None) -> None:
        """Show `post`'s annotations, keeping the selection when the same one is still there."""
        keep = self.selected_annotation()
        self._post = post
        self.model.set_post(post)
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()

    def selected_annotation(self) -> str | None:
        annotation = self._current()
        return annotation.id if annotation else None

    # behaviour

    def _current(self) -> Annotation | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.annotation_at(index.row())

    def _emit_selected(self, index: QModelIndex | QPersistentModelIndex) -> None:
        annotation = self.model.annotation_at(index.row())
        if annotation:
            self.annotation_selected.emit(annotation.id)

    def _request_resolve(self) -> None:
        annotation = self._current()
        if annotation and annotation.status == "open":
            self.resolve_requested.emit(annotation.id)

    def _request_delete(self) -> None:
        annotation = self._current()
        if annotation:
            self.delete_requested.emit(annotation.id)

    def _update_buttons(self) -> None:
        annotation = self._current()
        can_resolve = annotation is not None and annotation.status == "open"
        self.resolve_button.setEnabled(can_resolve)
        self.resolve_action.setEnabled(can_resolve)
        self.delete_button.setEnabled(annotation is not None)
        self.delete_action.setEnabled(annotation is not None)
