"""Small dialogs: profile, reasons, the list of import problems, export, preferences, shortcuts."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QFileInfo, Qt
from PySide6.QtGui import QAbstractFileIconProvider, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFileIconProvider,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from review.formats import PLATFORMS, platform_name
from review.formats.export_formats import FORMATS as EXPORT_FORMATS
from review.model import COORDINATOR, REVIEWER

from .i18n import INTERFACE_LANGUAGES


class NameOnlyIcons(QFileIconProvider):
    """File icons and types from names alone. Qt's own provider reads the first bytes of each
    file it lists to guess its type, the open database among them; closing that read drops
    every POSIX lock this process holds on the file (SQLite's documented hazard), so the next
    `review-desk` command to close took the window for gone and deleted the WAL under it: a
    damaged database (issue 14, a coordinator importing HQ's newer file from the database's
    folder while using the command line)."""

    def icon(self, what):
        if isinstance(what, QFileInfo):
            kind = QAbstractFileIconProvider.IconType.Folder if what.isDir() else QAbstractFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        return QCoreApplication.translate("FileRow", "Folder") if info.isDir() else info.suffix()


def file_dialog(parent: QWidget | None, title: str, filters: str, *, save_as: str | None = None) -> QFileDialog:
    """A file dialog that never reads the files it lists (NameOnlyIcons): Qt's own, since a
    desktop's native dialog would guess types from content as well. `save_as`: a file to write,
    with this name offered; else an existing file to open."""
    dialog = QFileDialog(parent, title, save_as or "", filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setIconProvider(NameOnlyIcons())
    if save_as is None:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return dialog


def choose_file(parent: QWidget | None, title: str, filters: str, *, save_as: str | None = None) -> str:
    """The file chosen in a `file_dialog`, or "" when cancelled."""
    dialog = file_dialog(parent, title, filters, save_as=save_as)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def open_at_width(dialog: QWidget, width: int) -> None:
    """Size `dialog` `width` pixels wide and as tall as its content needs at that width. Qt
    sizes a window from its layout's minimum, which ignores that a word-wrapped label needs
    more lines when narrower: resize(width, 0) squeezed the label and every row under it to a
    few pixels (seen at 1024x700 on X11 and offscreen alike)."""
    dialog.ensurePolished()
    layout = dialog.layout()
    height = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    dialog.resize(width, max(height, layout.totalMinimumSize().height()))


def plain_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A label that never interprets user text as HTML."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


CLOSE_KEYS = ("Ctrl+W",)  # with Escape: every window but the main one closes with these


def close_keys(window: QWidget) -> None:
    """Ctrl+W closes `window` (a dialog is cancelled); a window that is not a dialog closes with
    Escape as well (a dialog already does)."""
    close = window.reject if isinstance(window, QDialog) else window.close
    keys = list(CLOSE_KEYS) + ([] if isinstance(window, QDialog) else ["Escape"])
    for key in keys:
        QShortcut(QKeySequence(key), window, activated=close)


class KeyButton(QPushButton):
    """A push button that answers Enter as well as Space (outside a dialog, Qt's buttons answer
    only Space), for buttons reached with Tab in the main window."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            self.click()
            event.accept()
            return
        super().keyPressEvent(event)


def submit_keys(dialog: QDialog, submit) -> None:
    """Ctrl+Enter submits a dialog whose multi-line field takes Enter as a new line."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, activated=submit)


def message(parent: QWidget | None, kind: str, title: str, text: str) -> None:
    """A message box that shows `text` as plain text (QMessageBox's static functions guess,
    and render a batch named "<b>x</b>" in bold). kind: information, warning or critical."""
    icons = {"information": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning,
             "critical": QMessageBox.Icon.Critical}
    box = QMessageBox(icons[kind], title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("message_box")
    box.setTextFormat(Qt.TextFormat.PlainText)
    close_keys(box)
    box.exec()


def path_row(browse) -> tuple[QLineEdit, QHBoxLayout]:
    """A file name box with a Choose… button beside it that calls `browse`."""
    path = QLineEdit()
    button = QPushButton(QCoreApplication.translate("FileRow", "Choose…"))
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(path)
    row.addWidget(button)
    return path, row


def batch_combo(desk, selected: str | None = None, everything: bool = False) -> QComboBox:
    """Every batch by name (user data: a combo box shows plain text); with `everything`, a first
    entry whose data is None, its text set by the dialog that shows it."""
    box = QComboBox()
    if everything:
        box.addItem("", None)
    for batch in desk.batches():
        box.addItem(batch["name"], batch["name"])
    if selected:
        box.setCurrentIndex(max(box.findData(selected), 0))
    return box


def ask(parent: QWidget | None, title: str, text: str, yes_text: str, no_text: str) -> bool:
    """A plain-text question with two named answers; True for the first."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no_text, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    close_keys(box)
    box.exec()
    return box.clickedButton() is yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text (None: cancelled); Escape and Ctrl+W cancel."""
    from PySide6.QtWidgets import QInputDialog

    dialog = QInputDialog(parent)
    dialog.setObjectName("text_dialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    close_keys(dialog)
    try:
        return dialog.textValue() if dialog.exec() else None
    finally:
        dialog.deleteLater()


def ask_approval(parent: QWidget | None, external_id: str, findings: list[str]) -> bool:
    """Approve a post despite open errors? Keeping it unapproved is the default (Enter) and
    what Escape and Ctrl+W do; True only when the reviewer chose "Approve anyway"."""
    title = QCoreApplication.translate("Approval", "Approve despite errors?")
    text = QCoreApplication.translate(
        "Approval", "The checks found open errors in post %1:").replace("%1", external_id)
    text += "\n\n" + "\n".join(f"• {finding}" for finding in findings) + "\n\n" + \
        QCoreApplication.translate("Approval", "Fix them, or dismiss a finding that does not apply "
                                   "(say why). Approving anyway records these findings with the "
                                   "approval, for HQ to see.")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("approval_gate")
    box.setTextFormat(Qt.TextFormat.PlainText)
    keep = box.addButton(QCoreApplication.translate("Approval", "&Keep unapproved"),
                         QMessageBox.ButtonRole.RejectRole)
    anyway = box.addButton(QCoreApplication.translate("Approval", "&Approve anyway"),
                           QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("keep_unapproved")
    anyway.setObjectName("approve_anyway")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    close_keys(box)
    box.exec()
    return box.clickedButton() is anyway


def buttons(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    if ok_text:
        box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    close_keys(dialog)
    return box


class ProfileDialog(QDialog):
    """Who uses this laptop: asked once, on the first start (and editable in Preferences)."""

    def __init__(self, parent: QWidget | None = None, profile: dict | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Review Desk"))
        profile = profile or {}
        self.name = QLineEdit(profile.get("name", ""))
        self.name.setPlaceholderText(self.tr("Your name, as colleagues and HQ know you"))
        self.role = QComboBox()
        self.role.addItem(self.tr("Reviewer"), REVIEWER)
        self.role.addItem(self.tr("Coordinator"), COORDINATOR)
        self.role.setCurrentIndex(max(self.role.findData(profile.get("role", REVIEWER)), 0))
        self.languages = QLineEdit(", ".join(profile.get("languages", [])))
        self.languages.setPlaceholderText(self.tr("e.g. en, sn, nd"))
        self.interface = QComboBox()
        for code, name in INTERFACE_LANGUAGES.items():
            self.interface.addItem(name, code)
        self.interface.setCurrentIndex(max(self.interface.findData(profile.get("interface", "en")), 0))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Languages you review"), self.languages)
        form.addRow(self.tr("Interface language"), self.interface)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr(
            "Review Desk keeps your name on every decision, rewrite and note, so HQ knows who "
            "to ask. Roles are a workflow aid on a shared laptop, not a password.")))
        layout.addLayout(form)
        self.button_box = buttons(self, self.tr("Start reviewing"))
        layout.addWidget(self.button_box)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def values(self) -> dict:
        languages = [x.strip() for x in self.languages.text().replace(";", ",").split(",") if x.strip()]
        return {"name": self.name.text().strip(), "role": self.role.currentData(),
                "languages": languages, "interface": self.interface.currentData()}


class ReasonDialog(QDialog):
    """Asks why (reject, request changes, reopen, dismiss a check): HQ reads the answer.
    Enter makes a new line; Ctrl+Enter submits; Escape or Ctrl+W cancels. `subject`: what the
    reason is about (the finding being dismissed), shown above the prompt."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None, subject: str = ""):
        super().__init__(parent)
        self.setObjectName("reason_dialog")
        self.setWindowTitle(title)
        self.text = QPlainTextEdit()
        self.text.setObjectName("reason_text")
        self.text.setTabChangesFocus(True)
        keys = QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)
        self.text.setPlaceholderText(self.tr("%1 saves; Enter starts a new line").replace("%1", keys))
        layout = QVBoxLayout(self)
        if subject:
            self.subject = plain_label(subject)
            self.subject.setObjectName("reason_subject")
            self.subject.setFrameShape(QFrame.Shape.StyledPanel)
            self.subject.setMargin(6)
            layout.addWidget(self.subject)
        layout.addWidget(plain_label(prompt))
        layout.addWidget(self.text)
        self.button_box = buttons(self)
        layout.addWidget(self.button_box)
        submit_keys(self, self._submit)
        self.text.textChanged.connect(self._update_ok)
        self._update_ok()
        self.text.setFocus()
        self.resize(440, 220 if subject else 200)

    def _update_ok(self) -> None:
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason()))

    def _submit(self) -> None:
        if self.reason():
            self.accept()

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    @classmethod
    def ask(cls, parent: QWidget, title: str, prompt: str, subject: str = "") -> str | None:
        dialog = cls(title, prompt, parent, subject)
        try:
            return dialog.reason() if dialog.exec() else None
        finally:
            dialog.deleteLater()


class ProblemsDialog(QDialog):
    """Every problem of a refused file (FILE:LINE: column: what), with Copy."""

    def __init__(self, title: str, lines: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.lines = lines
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # long sentences, read whole
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText("\n".join(self.lines)))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Nothing was imported. Fix these problems in the "
                                             "file and import it again:")))
        layout.addWidget(self.text)
        layout.addWidget(close)
        close_keys(self)
        self.resize(760, 360)


class ExportDialog(QDialog):
    """Choose what goes out (batch, format, file) and see how many posts will be exported."""

    def __init__(self, desk, parent: QWidget | None = None, batch: str | None = None):
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("Export approved posts"))
        self.batch = batch_combo(desk, batch)
        self.format = QComboBox()
        for code, spec in EXPORT_FORMATS.items():
            self.format.addItem(f"{spec.label} (*.{spec.extension})", code)
        self.platform = platform_choice(self.tr("All platforms"))
        self.language = QComboBox()
        self.language.setObjectName("export_target_lang")
        self.hq_file = QComboBox()  # XLIFF: which of HQ's files kept here goes back, filled
        self.hq_file.setObjectName("export_hq_file")
        self.again = QCheckBox(self.tr("Also posts exported before (export again)"))
        self.path, row = path_row(self._browse)
        self.summary = plain_label("")
        form = QFormLayout()
        form.addRow(self.tr("Batch"), self.batch)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("Target language"), self.language)
        form.addRow(self.tr("HQ's file"), self.hq_file)
        form.addRow("", self.again)
        form.addRow(self.tr("File"), row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        self.button_box = buttons(self, self.tr("Export"))
        layout.addWidget(self.button_box)
        self.batch.currentIndexChanged.connect(self._fill_languages)
        self._fill_languages()
        for signal in (self.batch.currentIndexChanged, self.format.currentIndexChanged,
                       self.platform.currentIndexChanged, self.language.currentIndexChanged,
                       self.hq_file.currentIndexChanged, self.again.toggled,
                       self.path.textChanged):
            signal.connect(self._update)
        self._update()
        open_at_width(self, 520)

    def _fill_languages(self) -> None:
        """The batch's target languages: a batch of several goes out as one XLIFF 2.0 file each."""
        self.language.clear()
        self.language.addItem(self.tr("All languages"), None)
        batch = self.batch.currentData()
        for lang in self.desk.target_languages(batch) if batch else ():
            self.language.addItem(lang, lang)
        self.hq_file.clear()  # a batch whose posts came from several files exports one at a time
        self.hq_file.addItem(self.tr("The one its posts came from"), None)
        for name in self.desk.xliff_files(batch) if batch else ():
            self.hq_file.addItem(name, name)
        version = self.desk.xliff_version(batch) if batch else None
        if version:  # a batch that came as XLIFF goes back into HQ's file first of all
            self.format.setCurrentIndex(next(i for i in range(self.format.count()) if
                                             EXPORT_FORMATS[self.format.itemData(i)].xliff == version))

    def _browse(self) -> None:
        spec = EXPORT_FORMATS[self.format.currentData()]
        label = f"{spec.label} (*.{spec.extension})"
        name = choose_file(self, self.tr("Export to"), label,
                           save_as=f"{self.batch.currentData()}-approved.{spec.extension}")
        if name:
            self.path.setText(name)

    def count(self) -> tuple[int, int]:
        states = self.desk.batch_state_counts(self.batch.currentData()) if self.batch.count() else {}
        return states.get("approved", 0), states.get("exported", 0)

    def _update(self) -> None:
        approved, exported = self.count()
        going = approved + (exported if self.again.isChecked() else 0)
        text = self.tr("%n post(s) will be exported.", "", going)
        if exported and not self.again.isChecked():
            text += " " + self.tr("%n post(s) went out before and are left out.", "", exported)
        if self.platform.currentData():
            text += " " + self.tr("Only posts for %1.").replace("%1", self.platform.currentText())
        if self.language.currentData():
            text += " " + self.tr("Only posts into %1.").replace("%1", self.language.currentText())
        xliff = EXPORT_FORMATS[self.format.currentData()].xliff is not None
        self.hq_file.setEnabled(xliff and self.hq_file.count() > 1)
        if xliff and self.hq_file.currentData():
            text += " " + self.tr("Only posts from %1, written back into it.").replace(
                "%1", self.hq_file.currentText())
        path = self.path.text().strip()
        if path:
            text += "\n" + self.tr("A manifest (what went out, SHA-256) is written beside it: %1"
                                   ).replace("%1", path + ".manifest.json")
        self.summary.setText(text)
        ok = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(going > 0 and bool(self.path.text().strip()))

    def values(self) -> dict:
        return {"batch": self.batch.currentData(), "format": self.format.currentData(),
                "again": self.again.isChecked(), "path": self.path.text().strip(),
                "platform": self.platform.currentData(), "target_lang": self.language.currentData(),
                "from_file": self.hq_file.currentData() if self.hq_file.isEnabled() else None}


def platform_choice(none_label: str) -> QComboBox:
    """A combo box of the platforms, with `none_label` (data None) first."""
    combo = QComboBox()
    combo.addItem(none_label, None)
    for platform in PLATFORMS:
        combo.addItem(platform_name(platform), platform)  # "X", "YouTube", as they write it
    return combo


class XliffImportDialog(QDialog):
    """What an XLIFF file cannot say: the posts' platform, and the target language when the
    file leaves it out. Units that carry a platform (files Review Desk wrote) keep theirs."""

    def __init__(self, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import XLIFF"))
        self.platform = platform_choice(self.tr("Choose a platform…"))
        self.target_lang = QLineEdit()
        self.target_lang.setPlaceholderText(self.tr("only if the file does not say, e.g. sn"))
        form = QFormLayout()
        form.addRow(self.tr("Platform of the posts"), self.platform)
        form.addRow(self.tr("Target language"), self.target_lang)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr(
            "%1 is an XLIFF file. XLIFF does not say which platform a post is for: choose it "
            "(posts exported by Review Desk keep their own).").replace("%1", file_name)))
        layout.addLayout(form)
        self.button_box = buttons(self, self.tr("Import"))
        layout.addWidget(self.button_box)
        self.platform.currentIndexChanged.connect(self._update_ok)
        self._update_ok()
        open_at_width(self, 460)

    def _update_ok(self) -> None:
        ok = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.platform.currentData() is not None)

    def values(self) -> dict:
        return {"platform": self.platform.currentData(),
                "target_lang": self.target_lang.text().strip() or None}


class GlossaryImportDialog(QDialog):
    """What a glossary file may not say: its name here, and its two languages (a CSV glossary
    never says them; a TBX file does, but one with more than two languages needs a choice)."""

    def __init__(self, file_name: str, stem: str, pairs: list[tuple[str, str]], needs_languages: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import glossary"))
        self.needs_languages = needs_languages
        self.name = QLineEdit(stem)
        self.source = language_choice(sorted({s for s, _ in pairs}), needs_languages)
        self.target = language_choice(sorted({t for _, t in pairs}), needs_languages)
        form = QFormLayout()
        form.addRow(self.tr("Glossary name"), self.name)
        form.addRow(self.tr("Source language"), self.source)
        form.addRow(self.tr("Target language"), self.target)
        layout = QVBoxLayout(self)
        explanation = self.tr(
            "%1 is a CSV glossary, which does not say its languages: give them (language "
            "tags such as zh-CN, en, sn).") if needs_languages else self.tr(
            "%1 is a TBX glossary. Leave the languages empty to take the two in the file; a "
            "file with more languages needs them.")
        layout.addWidget(plain_label(explanation.replace("%1", file_name)))
        layout.addLayout(form)
        self.button_box = buttons(self, self.tr("Import"))
        layout.addWidget(self.button_box)
        for edited in (self.name.textChanged, self.source.currentTextChanged, self.target.currentTextChanged):
            edited.connect(self._update_ok)
        self._update_ok()
        open_at_width(self, 480)

    def _update_ok(self) -> None:
        values = self.values()
        ok = bool(values["name"]) and (not self.needs_languages or bool(values["source"] and values["target"]))
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> dict:
        return {"name": self.name.text().strip(),
                "source": self.source.currentText().strip() or None,
                "target": self.target.currentText().strip() or None}


def language_choice(known: list[str], preselect: bool) -> QComboBox:
    """An editable list of the languages the desk's posts use; any other tag can be typed."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(([] if preselect else [""]) + known)
    combo.setCurrentIndex(0 if combo.count() else -1)
    return combo


class PreferencesDialog(ProfileDialog):
    """The profile, editable later: name, role, languages and the interface language."""

    def __init__(self, profile: dict, parent: QWidget | None = None):
        super().__init__(parent, profile)
        self.setWindowTitle(self.tr("Preferences"))
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))


class ShortcutsDialog(QDialog):
    """Every key: each action with its shortcut, as the menus show them, then the keys that
    belong to a place (the queue, the search box, the rewrite, dialogs, buttons)."""

    def __init__(self, actions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [(a.iconText(), a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
                for a in actions if not a.shortcut().isEmpty()]
        rows += [(what, _native_keys(keys)) for keys, what in self.place_keys()]
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcuts_table")
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        for i, (text, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(text))
            self.table.setItem(i, 1, QTableWidgetItem(keys))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.setColumnWidth(0, 330)
        self.table.resizeRowsToContents()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr(
            "When a post is shown the keyboard is in its rewrite: typing rewrites. Alt+1, Alt+2 "
            "and Alt+3 go to the queue, the rewrite and the hints; Tab and Shift+Tab go round "
            "the window.")))
        layout.addWidget(self.table)
        layout.addWidget(close)
        close_keys(self)
        self.resize(560, 600)

    def place_keys(self) -> list[tuple[str, str]]:
        """(keys, what they do) for keys that are not menu actions."""
        return [
            ("Tab / Shift+Tab", self.tr("Next / previous part of the window (the queue, the rewrite, "
                                        "its back-translation, the hints' buttons, source, draft, search)")),
            ("Up / Down / PgUp / PgDown / Home / End",
             self.tr("In the queue: move through the posts (each is shown; the keyboard stays in the queue)")),
            ("Return", self.tr("In the queue: go to the rewrite of the post shown")),
            ("Return / Down", self.tr("In the search box: show the first post found and go to its rewrite")),
            ("Escape", self.tr("In the search box: clear the search and go back to the rewrite")),
            ("Ctrl+Z / Ctrl+Shift+Z", self.tr("In the rewrite or its back-translation: undo / redo typing "
                                              "(elsewhere: the last review action)")),
            ("Shift+Left / Shift+Right", self.tr("In the source, draft or rewrite: select text to annotate (Ctrl+M)")),
            ("Return / Space", self.tr("On a button (Dismiss…, Insert, Keep this version): press it")),
            ("Ctrl+Return", self.tr("In a dialog with a text box (reason, dismiss, annotation): save it")),
            ("Return", self.tr("In such a text box: a new line")),
            ("Escape / Ctrl+W", self.tr("Cancel a dialog; close any window but the main one "
                                        "(dashboard, shortcuts, conflicts, report, problems)")),
            ("1 / 2 / 3 / 4", self.tr("In the annotation dialog: the severity (neutral, minor, major, critical)")),
            ("F5", self.tr("In the dashboard: read the figures again")),
            ("Alt+F / Alt+E / Alt+R / Alt+V / Alt+H", self.tr("Open the File, Edit, Review, View or Help menu")),
        ]


def _native_keys(keys: str) -> str:
    """"Ctrl+Z / Ctrl+Shift+Z" as this platform writes each key sequence."""
    return " / ".join(QKeySequence(part.strip()).toString(QKeySequence.SequenceFormat.NativeText)
                      or part.strip() for part in keys.split("/"))
