"""A reviewer's day with the keyboard alone, offscreen: where the focus is after each key
(QApplication.focusWidget()) and what the database holds."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from review import Desk
from tests.ui.conftest import when_modal
from ui import main_window
from ui.dialogs import ReasonDialog
from ui.startup import open_main_window

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)
NONE = Qt.KeyboardModifier.NoModifier


def open_window(qtbot, path):
    if not path.exists():
        with Desk(path) as desk:
            desk.set_profile("Tendai", "reviewer", ["en", "sn"], "en")
    window = open_main_window(QApplication.instance(), path)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()  # shortcuts reach only the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(lambda: window.post is not None)  # the first post is shown at start
    return window


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path / "desk.sqlite3")


def restart(qtbot, window) -> None:
    """Close the window as quitting does (its state saved, the lock let go)."""
    window.close()
    window.queue.filler.stop()
    window.lock.unlock()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is None)  # before the next one opens


def key(qtbot, code, modifiers=NONE):
    """A key as the reviewer presses it: to whatever has the focus."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    qtbot.keyClick(target, code, modifiers)


def focus():
    return QApplication.focusWidget()


def name_of(widget) -> str:
    return widget.objectName() if widget is not None else "<nothing>"


def test_at_start_a_post_is_shown_and_typing_rewrites_it(qtbot, window):
    assert window.post is not None and focus() is window.pane.rewrite_edit
    rows = window.queue.model.rowCount()
    qtbot.keyClicks(focus(), "We drilled")
    assert window.pane.rewrite_text() == "We drilled"
    assert window.queue.search_box.text() == "" and window.queue.model.rowCount() == rows
    window.pane.flush()
    assert window.desk.unfinished(window.post.id, window.actor)["text"] == "We drilled"


def test_next_previous_and_approve_and_next_leave_the_keyboard_in_the_rewrite(qtbot, window):
    window.open_post("ZW-004")
    first = window.post.id
    key(qtbot, Qt.Key.Key_J, CTRL)
    assert window.post.id != first and focus() is window.pane.rewrite_edit
    key(qtbot, Qt.Key.Key_K, CTRL)
    assert window.post.id == first and focus() is window.pane.rewrite_edit
    key(qtbot, Qt.Key.Key_Return, CTRL)  # ZW-004 has no open error: approved without a question
    assert window.desk.post(first).state == "approved"
    assert window.post.id != first and focus() is window.pane.rewrite_edit


def test_the_queue_keys_arrows_inside_tab_and_enter_leave(qtbot, window):
    key(qtbot, Qt.Key.Key_1, ALT)
    assert focus() is window.queue.view
    shown = window.post.id
    key(qtbot, Qt.Key.Key_Down)
    assert window.post.id != shown, "the arrow shows the next post"
    assert focus() is window.queue.view, "and the keyboard stays in the queue"
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is window.pane.rewrite_edit, "Tab leaves the queue for the rewrite"
    key(qtbot, Qt.Key.Key_1, ALT)
    key(qtbot, Qt.Key.Key_Return)
    assert focus() is window.pane.rewrite_edit, "Enter on a post goes to its rewrite"
    key(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focus() is window.queue.view, "Shift+Tab from the rewrite goes back to the queue"


def test_search_by_id_enter_down_and_escape(qtbot, window):
    rows = window.queue.model.rowCount()
    key(qtbot, Qt.Key.Key_F, CTRL)
    assert focus() is window.queue.search_box
    qtbot.keyClicks(focus(), "zw-012")  # HQ's id, in any case
    key(qtbot, Qt.Key.Key_Return)
    assert window.post.external_id == "ZW-012" and focus() is window.pane.rewrite_edit
    key(qtbot, Qt.Key.Key_F, CTRL)
    focus().clear()
    qtbot.keyClicks(focus(), window.desk.resolve_post_id("CD-002"))  # Review Desk's id
    key(qtbot, Qt.Key.Key_Down)
    assert window.post.external_id == "CD-002" and focus() is window.pane.rewrite_edit
    key(qtbot, Qt.Key.Key_F, CTRL)
    key(qtbot, Qt.Key.Key_Escape)
    assert window.queue.search_box.text() == "" and window.queue.model.rowCount() == rows
    assert window.post.external_id == "CD-002" and focus() is window.pane.rewrite_edit


def test_enter_in_an_empty_search_box_goes_back_to_the_post_shown(qtbot, window):
    window.open_post("CD-005")
    key(qtbot, Qt.Key.Key_F, CTRL)
    key(qtbot, Qt.Key.Key_Return)
    assert window.post.external_id == "CD-005" and focus() is window.pane.rewrite_edit


def test_a_search_that_finds_nothing_keeps_the_keyboard_in_the_box(qtbot, window):
    key(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(focus(), "qqqxxzz")
    key(qtbot, Qt.Key.Key_Return)
    assert focus() is window.queue.search_box
    assert "No post matches" in window.statusBar().currentMessage()


def test_ctrl_z_takes_back_typing_in_the_rewrite_and_review_actions_elsewhere(qtbot, window, monkeypatch):
    window.open_post("CD-002")
    post_id = window.post.id
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a: "too formal"))
    key(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    assert window.desk.post(post_id).state == "changes_requested"
    assert focus() is window.pane.rewrite_edit, "after the dialog, back in the rewrite"
    qtbot.keyClicks(focus(), "Abc")
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.pane.rewrite_text() == "", "typing undone in the rewrite"
    assert window.desk.post(post_id).state == "changes_requested", "the decision stands"
    key(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(focus(), "CD-002")
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.desk.post(post_id).state == "in_review", "in the search box: the review action"
    assert window.queue.search_box.text() == "CD-002", "the search text is not undone"
    assert "Undone: Request changes · CD-002" in window.statusBar().currentMessage()
    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.desk.post(post_id).state == "changes_requested"


def test_nothing_is_enabled_without_a_post(qtbot, window):
    key(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(focus(), "qqqxxzz")
    key(qtbot, Qt.Key.Key_Return)  # nothing found: no post shown
    qtbot.waitUntil(lambda: window.post is None)
    events = window.desk.store.events.count()
    for name in ("approve_next", "approve", "request_changes", "reject", "save_rewrite", "annotate",
                 "memory_1", "focus_rewrite"):
        assert not getattr(window.actions, name).isEnabled(), name
    assert not window.pane.rewrite_edit.isEnabled()
    key(qtbot, Qt.Key.Key_S, CTRL)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert window.desk.store.events.count() == events
    assert all(kind != "warning" for kind, _ in [])  # no message box: see the messages fixture


def test_no_message_when_saving_without_a_post(qtbot, window, messages):
    window.show_post(None)
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert messages == [], "Ctrl+S with no post says nothing (it is disabled)"


def test_save_is_enabled_only_when_the_text_changed(qtbot, window):
    window.open_post("ZW-004")
    assert not window.actions.save_rewrite.isEnabled()
    qtbot.keyClicks(window.pane.rewrite_edit, "We drilled 12 boreholes in Masvingo.")
    assert window.actions.save_rewrite.isEnabled()
    key(qtbot, Qt.Key.Key_S, CTRL)
    post = window.desk.post(window.post.id)
    assert post.current_revision.number == 1
    assert not window.actions.save_rewrite.isEnabled(), "saved: nothing more to save"
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert window.desk.post(window.post.id).current_revision.number == 1


def test_a_restart_shows_the_same_post_with_the_keyboard_in_its_rewrite(qtbot, tmp_path):
    path = tmp_path / "desk.sqlite3"
    window = open_window(qtbot, path)
    window.open_post("CD-003")
    restart(qtbot, window)
    again = open_window(qtbot, path)
    assert again.post.external_id == "CD-003"
    assert focus() is again.pane.rewrite_edit


def test_a_restart_with_an_unsaved_rewrite_shows_it(qtbot, tmp_path):
    path = tmp_path / "desk.sqlite3"
    window = open_window(qtbot, path)
    window.open_post("ZW-010")
    qtbot.keyClicks(window.pane.rewrite_edit, "Half a rewrite")
    window.open_post("CD-001")  # the typing is flushed for ZW-010
    restart(qtbot, window)
    again = open_window(qtbot, path)
    assert again.post.external_id == "ZW-010"
    assert again.pane.rewrite_text() == "Half a rewrite" and focus() is again.pane.rewrite_edit
    assert again.pane.notice_label.isVisible()
    qtbot.keyClicks(focus(), ", and the rest")
    assert again.pane.rewrite_text() == "Half a rewrite, and the rest", "typing goes on at the end"


def test_focus_keys_for_the_hints_and_dismissing_from_the_keyboard(qtbot, window, monkeypatch):
    window.open_post("ZW-012")  # 109 characters over X's limit: a Dismiss… button
    asked = {}

    def ask(cls, parent, title, prompt, subject=""):
        asked["subject"] = subject
        return "HQ posts it as a thread"

    monkeypatch.setattr(ReasonDialog, "ask", classmethod(ask))
    key(qtbot, Qt.Key.Key_3, ALT)
    button = focus()
    assert isinstance(button, QPushButton) and button.objectName() == "dismiss_button"
    key(qtbot, Qt.Key.Key_Return)  # Enter presses it, not only Space
    assert asked["subject"].lower().startswith("too long for x: 389 of 280")
    post = window.desk.post(window.post.id)
    (dismissal,) = post.dismissals.values()
    assert dismissal["reason"] == "HQ posts it as a thread"
    assert focus() is window.pane.rewrite_edit, "after the dialog, back in the rewrite"
    key(qtbot, Qt.Key.Key_2, ALT)
    assert focus() is window.pane.rewrite_edit


def test_tab_reaches_dismiss_right_after_the_rewrite(qtbot, window):
    window.open_post("ZW-012")
    order = []
    for _ in range(6):
        key(qtbot, Qt.Key.Key_Tab)
        order.append(name_of(focus()))
    assert order[:3] == ["back_translation_edit", "checks_section_header", "dismiss_button"]
    assert "history_section_header" not in order[:3]


def test_history_says_an_approval_was_given_despite_errors(qtbot, window, monkeypatch):
    window.open_post("ZW-012")
    post_id = window.post.id
    asked = []
    monkeypatch.setattr(main_window, "ask_approval",
                        lambda parent, external_id, findings: asked.append(findings) or False)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert window.desk.post(post_id).state == "pending", "kept unapproved"
    assert window.post.id == post_id and focus() is window.pane.rewrite_edit
    assert asked[0][0].lower().startswith("too long for x: 389 of 280")
    monkeypatch.setattr(main_window, "ask_approval", lambda *a: True)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    approval = window.desk.history(post_id)[-1]
    assert approval.kind == "post.approved" and approval.payload["despite"][0].startswith("length@")
    window.open_post(post_id)
    assert "approved despite open errors: length@" in window.hints_panel.history_view.toPlainText()


def test_the_approval_question_keeps_the_post_unapproved_by_default(qtbot, window, monkeypatch):
    """The real question box (the messages fixture's stand-in removed): Enter, Escape and Ctrl+W
    keep the post unapproved; "Approve anyway" is a deliberate second choice."""
    monkeypatch.undo()
    from PySide6.QtWidgets import QMessageBox

    window.open_post("ZW-012")
    post_id = window.post.id
    for keys in ((Qt.Key.Key_Return,), (Qt.Key.Key_Escape,), (Qt.Key.Key_W, CTRL)):
        seen = {}

        def answer(box, keys=keys):
            seen["box"] = box.objectName()
            seen["default"] = box.defaultButton().objectName() if isinstance(box, QMessageBox) else None
            qtbot.keyClick(box, *keys)

        when_modal(answer)
        window.decide("approve")
        assert seen == {"box": "approval_gate", "default": "keep_unapproved"}
        assert window.desk.post(post_id).state == "pending", keys

    when_modal(lambda box: box.findChild(QPushButton, "approve_anyway").click())
    window.decide("approve")
    assert window.desk.post(post_id).state == "approved"


def access_keys(menu) -> list[str]:
    """The access key of each item of `menu` ("Import pac&kage…" -> "k"; Chinese "(&K)")."""
    keys = []
    for action in menu.actions():
        found = re.search(r"&(\w)", action.text())
        if found:
            keys.append(found.group(1).lower())
    return keys


@pytest.mark.parametrize("interface", ["en", "zh_CN"])
def test_each_menu_item_has_its_own_access_key(qtbot, tmp_path, interface):
    """Issue 14, a new coordinator: Alt+F, P opened Preferences' neighbour Import package only
    after a second key (two items shared "p"), and the typed file name then went on to Return
    my work's "t"."""
    window = open_window(qtbot, tmp_path / "desk.sqlite3")
    if interface != "en":
        window.set_interface_language(interface)
    for top in window.menuBar().actions():
        keys = access_keys(top.menu())
        assert len(keys) == len(set(keys)), (top.text(), keys)
