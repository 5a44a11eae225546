"""Dialogs and windows answer the keyboard: Ctrl+Enter submits a dialog with a multi-line field
(Enter is a new line there), Escape cancels, and every window but the main one closes with
Escape and Ctrl+W."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

from review import Desk
from ui import dialogs
from ui.annotations import AnnotationDialog
from tests.ui.conftest import when_modal
from ui.dialogs import KeyButton, ProblemsDialog, ReasonDialog, ShortcutsDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def focused():
    return QApplication.focusWidget()


@pytest.mark.parametrize("submit", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_reason_dialog_enter_is_a_new_line_and_ctrl_enter_submits(qtbot, submit):
    dialog = shown(qtbot, ReasonDialog("Reject post", "Why? HQ reads this."))
    assert focused() is dialog.text
    qtbot.keyClicks(dialog.text, "first line")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.text, "second line")
    assert dialog.isVisible(), "Enter did not submit"
    assert dialog.reason() == "first line\nsecond line"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(focused(), submit, CTRL)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_reason_dialog_ctrl_enter_with_no_reason_does_nothing(qtbot):
    dialog = shown(qtbot, ReasonDialog("Reject post", "Why?"))
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted


@pytest.mark.parametrize("keys", [(Qt.Key.Key_Escape,), (Qt.Key.Key_W, CTRL)])
def test_reason_dialog_escape_and_ctrl_w_cancel(qtbot, keys):
    dialog = shown(qtbot, ReasonDialog("Dismiss check", "Why?", subject="Too long for X"))
    qtbot.keyClicks(dialog.text, "typed")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(focused(), *keys)
    assert not dialog.isVisible()


def test_the_dismiss_dialog_names_the_finding(qtbot):
    dialog = shown(qtbot, ReasonDialog("Dismiss check", "Why does this finding not apply?",
                                       subject="'comrade' is a forbidden rendering; say 'colleague'."))
    assert dialog.subject.text() == "'comrade' is a forbidden rendering; say 'colleague'."
    assert dialog.subject.textFormat() == Qt.TextFormat.PlainText


def test_annotation_dialog_ctrl_enter_saves_escape_cancels(qtbot):
    dialog = shown(qtbot, AnnotationDialog(None, "water wells"))
    dialog.comment.setFocus()
    qtbot.keyClicks(dialog.comment, "say boreholes")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.comment.toPlainText() == "say boreholes\n"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    other = shown(qtbot, AnnotationDialog(None, "water wells"))
    with qtbot.waitSignal(other.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_W, CTRL)


def windows(desk: Desk, tmp_path):
    """One of every window other than the main one, as the main window makes them."""
    from ui.dashboard import Dashboard, ReportDialog
    from ui.dialogs import ExportDialog, GlossaryImportDialog, PreferencesDialog, XliffImportDialog
    from ui.exchange import PackageDialog

    return {
        "shortcuts": lambda: ShortcutsDialog([]),
        "problems": lambda: ProblemsDialog("x.csv was not imported", ["x.csv:2: id: missing"]),
        "reason": lambda: ReasonDialog("Reject post", "Why?"),
        "annotation": lambda: AnnotationDialog(None, "water wells"),
        "export": lambda: ExportDialog(desk),
        "xliff": lambda: XliffImportDialog("a.xlf"),
        "glossary": lambda: GlossaryImportDialog("g.csv", "g", [("zh-CN", "en")], True),
        "preferences": lambda: PreferencesDialog({"name": "Tendai", "role": "reviewer",
                                                   "languages": ["en"], "interface": "en"}),
        "package": lambda: PackageDialog(desk, "work", "Chipo"),
        "report": lambda: ReportDialog(desk),
        "dashboard": lambda: Dashboard(desk),
    }


@pytest.mark.parametrize("keys", [(Qt.Key.Key_Escape,), (Qt.Key.Key_W, CTRL)], ids=["Escape", "Ctrl+W"])
def test_every_other_window_closes_with_escape_and_ctrl_w(qtbot, sample_desk, tmp_path, keys):
    for name, make in windows(sample_desk, tmp_path).items():
        window = shown(qtbot, make())
        qtbot.keyClick(focused() or window, *keys)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
        if hasattr(window, "wait"):
            window.wait()  # the dashboard's worker ends before the desk closes


def test_conflict_dialog_closes_with_ctrl_w(qtbot, tmp_path):
    from tests.ui.test_exchange import conflict_database
    from ui.exchange import ConflictDialog

    pid, _ = conflict_database(tmp_path)
    with Desk(tmp_path / "desk.sqlite3") as desk:
        post, conflict = desk.post(pid), desk.post_conflict(pid)
    dialog = shown(qtbot, ConflictDialog(post, conflict, str, True))
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(focused() or dialog, Qt.Key.Key_W, CTRL)
    assert all(isinstance(p.keep_button, KeyButton) for p in dialog.panels)


def test_message_boxes_close_with_ctrl_w(qtbot, monkeypatch):
    monkeypatch.undo()  # the real QMessageBox.exec, not the messages fixture's stand-in
    seen = []

    def press_ctrl_w(box):
        qtbot.keyClick(box, Qt.Key.Key_W, CTRL)
        seen.append((box.objectName(), box.isVisible()))

    when_modal(press_ctrl_w)
    dialogs.message(None, "information", "Review Desk", "Saved.")
    when_modal(press_ctrl_w)
    assert dialogs.ask_text(None, "Assign post", "Reviewer:", "Tendai") is None
    assert seen == [("message_box", False), ("text_dialog", False)]


@pytest.mark.parametrize("code", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_key_buttons_answer_enter_and_space(qtbot, code):
    holder = shown(qtbot, QWidget())
    button = KeyButton("Dismiss…", holder)
    button.show()
    button.setFocus()
    with qtbot.waitSignal(button.clicked):
        qtbot.keyClick(button, code)
    plain = QPushButton("Plain", holder)
    plain.show()
    plain.setFocus()
    with qtbot.assertNotEmitted(plain.clicked) if code != Qt.Key.Key_Space else qtbot.waitSignal(plain.clicked):
        qtbot.keyClick(plain, code)  # what Qt's own button does, for comparison


def test_f1_lists_every_key(qtbot, tmp_path):
    from tests.ui.test_keyboard_day import open_window

    window = open_window(qtbot, tmp_path / "desk.sqlite3")
    dialog = ShortcutsDialog(window.actions.all(), window)
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    keys = " | ".join(rows)
    for action in window.actions.all():
        if not action.shortcut().isEmpty():
            assert action.shortcut().toString() in rows, action.objectName()
    for place_key in ("Tab", "Alt+1", "Alt+2", "Alt+3", "Ctrl+Return", "Esc", "Ctrl+W", "F5",
                      "Return", "Down", "Up", "Space", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+F"):
        assert place_key in keys, place_key
