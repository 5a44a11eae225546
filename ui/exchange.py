"""Review packages in the window: the dialog that makes one (send a batch to a reviewer, return
my work) and the conflicts view (each version side by side, "Keep this version" per side).

Thin: the dialogs collect what the user wants; the main window runs it through `Desk`.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from review import ReviewError
from review.formats.placeholders import tokened

from .dialogs import (KeyButton, batch_combo, buttons, choose_file, close_keys, open_at_width, path_row,
                      plain_label)
from .messages import error_text
from .times import event_time


class PackageDialog(QDialog):
    """Which batch goes into a package, for whom (work packages), and where the file goes."""

    def __init__(self, desk, kind: str, who: str, parent: QWidget | None = None,
                 batch: str | None = None):
        super().__init__(parent)
        self.desk, self.kind, self.who = desk, kind, who
        self.setWindowTitle(self.tr("Send batch to reviewer") if kind == "work" else self.tr("Return my work"))
        self.batch = batch_combo(desk, batch)
        self.reviewer = QLineEdit()
        self.reviewer.setPlaceholderText(self.tr("The reviewer's name, as in their profile"))
        self.split = QLineEdit()
        self.split.setObjectName("split_reviewers")
        self.split.setPlaceholderText(self.tr("Optional: names separated by commas, e.g. Tendai, Nomsa"))
        self.path, row = path_row(self._browse)
        form = QFormLayout()
        form.addRow(self.tr("Batch"), self.batch)
        if kind == "work":
            form.addRow(self.tr("Reviewer"), self.reviewer)
            form.addRow(self.tr("First share the batch between"), self.split)
        form.addRow(self.tr("File"), row)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(
            self.tr("The package holds the batch's posts that are the reviewer's or nobody's, "
                    "their history, and the glossaries and memory they need; the open posts that "
                    "are nobody's are assigned to the reviewer. To share the batch between "
                    "reviewers first (each language pair with one reviewer where it can, then "
                    "evenly), name them all below, then send each one their package.")
            if kind == "work" else
            self.tr("The package holds what you did on this laptop for the batch. Send it to "
                    "your coordinator.")))
        layout.addLayout(form)
        self.key = plain_label(self.tr(
            "This desk signs the package with its key %1. Whoever imports it sees that key: tell "
            "it to them (by phone, say), so they can check the package comes from you.").replace(
            "%1", self._key_text()))
        self.key.setObjectName("packageKey")
        layout.addWidget(self.key)
        self.button_box = buttons(self, self.tr("Save package"))
        layout.addWidget(self.button_box)
        for signal in (self.reviewer.textChanged, self.split.textChanged, self.path.textChanged):
            signal.connect(self._update)
        self._update()
        open_at_width(self, 520)

    def _key_text(self) -> str:
        """The desk's key, made and stored on first use: a busy or read-only database is said
        here, and again when the package is made, never an internal error."""
        try:
            return self.desk.package_key()
        except ReviewError as err:
            return error_text(err)

    def _browse(self) -> None:
        who = self.reviewer.text().strip() if self.kind == "work" else self.who
        name = choose_file(self, self.tr("Save package"), self.tr("Review packages (*.rdpack)"),
                           save_as=self.desk.default_package_name(
                               self.batch.currentData() or "batch", self.kind, who or "reviewer"))
        if name:
            self.path.setText(name if name.endswith(".rdpack") else name + ".rdpack")

    def _update(self) -> None:
        ok = bool(self.batch.count() and self.path.text().strip())
        if self.kind == "work":
            reviewer, split = self.reviewer.text().strip(), self.split_names()
            # a split is for two or more, among them the reviewer this package is for
            ok = ok and bool(reviewer) and (not split or (len(split) > 1 and reviewer in split))
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def split_names(self) -> list[str]:
        return list(dict.fromkeys(n.strip() for n in self.split.text().split(",") if n.strip()))

    def values(self) -> dict:
        return {"batch": self.batch.currentData(), "reviewer": self.reviewer.text().strip() or None,
                "path": self.path.text().strip(), "split": self.split_names()}


class VersionPanel(QFrame):
    """One version of a post in conflict: decision, who and when, text, annotations."""

    keep = Signal(str)  # the event id that keeps this version

    def __init__(self, branch, state_name, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        post = branch.post
        layout = QVBoxLayout(self)
        self.decision = plain_label(self.tr("%1 by %2").replace("%1", state_name(post.state))
                                    .replace("%2", post.last_actor or ""))
        font = self.decision.font()
        font.setBold(True)
        self.decision.setFont(font)
        layout.addWidget(self.decision)
        layout.addWidget(plain_label(self.tr("At %1").replace("%1", event_time(post.updated_at))))
        if post.reason:
            layout.addWidget(plain_label(self.tr("Reason: %1").replace("%1", post.reason)))
        # plain text (post text is never HTML), inline codes as the review pane's numbered tokens
        self.text = QPlainTextEdit(tokened(post.current_text, post.codes))
        self.text.setReadOnly(True)
        layout.addWidget(plain_label(self.tr("Text (revision %1)").replace(
            "%1", str(post.current_revision.number))))
        layout.addWidget(self.text, 1)
        if post.current_revision.back_translation:
            layout.addWidget(plain_label(self.tr("Back-translation: %1").replace(
                "%1", post.current_revision.back_translation)))
        notes = [a for a in post.annotations.values() if a.status != "deleted"]
        layout.addWidget(plain_label(self.tr("Annotations: %n", "", len(notes))))
        for a in notes:
            layout.addWidget(plain_label(f"· {a.severity} {a.category} ({a.author}): {a.comment}"))
        self.keep_button = KeyButton(self.tr("Keep this version"))
        self.keep_button.setObjectName("keep_version")
        self.keep_button.clicked.connect(lambda: self.keep.emit(branch.tip))
        layout.addWidget(self.keep_button)


class ConflictDialog(QDialog):
    """The versions of a post in conflict, side by side; a coordinator keeps one."""

    def __init__(self, post, conflict, state_name, can_resolve: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resolve conflict: %1").replace("%1", post.external_id))
        self.post_id, self.batch = post.id, post.batch
        self.kept: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr(
            "These versions of the post were made on different laptops from the same starting "
            "point and disagree. Keep one: the others stay in the history. Keeping a version "
            "cannot be undone.")))
        if not can_resolve:
            layout.addWidget(plain_label(self.tr("Only a coordinator can keep a version.")))
        self.changed_note = plain_label(self.tr(
            "This post changed while this window was open (an import or another action): close "
            "it and open Review > Resolve conflict… again to see its versions as they are now."))
        self.changed_note.setObjectName("conflict_changed")
        self.changed_note.hide()
        layout.addWidget(self.changed_note)
        row = QHBoxLayout()
        self.panels = []
        for branch in conflict.branches:
            panel = VersionPanel(branch, state_name)
            panel.keep_button.setEnabled(can_resolve)
            panel.keep.connect(self._keep)
            self.panels.append(panel)
            row.addWidget(panel, 1)
        holder = QWidget()
        holder.setLayout(row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(scroll, 1)
        # Read-only for a reviewer: nothing to cancel, only to close.
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel if can_resolve
                                 else QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.close_box = close
        layout.addWidget(close)
        close_keys(self)
        self.setObjectName("conflict_dialog")
        self.resize(900, 520)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def changes_heard(self, changes, _initiator: object = None) -> None:
        """The versions shown may be out of date: no keeping one of them any more."""
        if changes.post_changed(self.post_id, self.batch):
            for panel in self.panels:
                panel.keep_button.setEnabled(False)
            self.changed_note.show()

    def _keep(self, event_id: str) -> None:
        self.kept = event_id
        self.accept()
