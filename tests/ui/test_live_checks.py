"""The checks, the glossary and the length follow the rewrite as it is typed (LIVE_CHECK_MS after
the last key), also after Ctrl+1 put a memory match in; saving is what makes a revision."""
from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from review.model import MemoryUnit
from tests.ui.test_keyboard_day import CTRL, key, open_window, restart
from tests.ui.test_main_window import type_committed
from ui.main_window import LIVE_CHECK_MS
from ui.textviews import KIND_PROPERTY

LONG = "We drilled twelve new water wells in Masvingo province this week. " * 5


def check_ids(window) -> list[str]:
    return sorted(c.result.id for c in window.hints.checks)


def messages(window) -> list[str]:
    return [label.text() for label in window.hints_panel.findChildren(QLabel, "check_message")
            if label.isVisibleTo(window.hints_panel)]


def wait_checked(qtbot, window, predicate) -> float:
    """Seconds from now until the hints say `predicate` (of the window)."""
    started = time.perf_counter()
    qtbot.waitUntil(lambda: predicate(window), timeout=3000)
    return time.perf_counter() - started


def test_findings_and_length_follow_the_typing(qtbot, tmp_path):
    assert LIVE_CHECK_MS <= 300
    window = open_window(qtbot, tmp_path / "desk.sqlite3")
    window.open_post("ZW-004")  # a Facebook post: no finding about length
    assert window.hints.checked == "draft" and "number-missing" not in check_ids(window)
    events = window.desk.store.events.count()
    window.pane.rewrite_edit.setFocus()
    qtbot.keyClicks(window.pane.rewrite_edit, "Shona text: Tinotenda.")  # the 8 and the hashtag gone
    after = wait_checked(qtbot, window, lambda w: w.hints.checked == "rewrite")
    assert after < 1.0, f"the checks followed the typing only after {after:.2f} s"
    assert "number-missing" in check_ids(window)
    shown = messages(window)
    assert any(text.startswith("The number 8 ") for text in shown), shown
    assert any(text.startswith("The hashtag #ZWBoreholes1000 ") for text in shown), shown
    assert window.hints.checked == "rewrite"
    assert window.desk.store.events.count() == events, "checking stores nothing"


def test_an_x_post_over_the_limit_while_typing(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "desk.sqlite3")
    window.open_post("ZW-012")  # X; HQ's draft is 389 of 280
    assert "length" in check_ids(window)
    window.pane.focus_rewrite()
    qtbot.keyClicks(window.pane.rewrite_edit, "Congratulations to the 36 trainees. #ZWBoreholes1000")
    wait_checked(qtbot, window, lambda w: "length" not in check_ids(w))
    assert window.pane.length_label.text().startswith("52 / 280 (X)")
    assert window.pane.length_label.property("overLimit") is False
    qtbot.keyClicks(window.pane.rewrite_edit, LONG)
    wait_checked(qtbot, window, lambda w: "length" in check_ids(w))
    assert window.pane.length_label.property("overLimit") is True
    assert any(text.lower().startswith("too long for x") for text in messages(window))
    # The rewrite holds the text that was checked: the finding is underlined in it.
    kinds = [s.format.property(KIND_PROPERTY) for s in window.pane.rewrite_edit.extraSelections()]
    assert "check" in kinds


def test_checks_follow_a_memory_match_inserted_with_ctrl_1(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "desk.sqlite3")
    source = window.desk.post(window.desk.resolve_post_id("ZW-012")).source_text  # an X post
    with window.desk.store.write():  # a unit for its source whose translation is too long
        window.desk.store.memory.add_units([MemoryUnit("zh-CN", "en", source, LONG, "old.tmx")])
    window.open_post("ZW-012")
    assert window.hints_panel.memory_text(1) is not None
    window.pane.focus_rewrite()
    key(qtbot, Qt.Key.Key_1, CTRL)
    assert window.pane.rewrite_text() == window.hints_panel.memory_text(1)
    assert QApplication.focusWidget() is window.pane.rewrite_edit
    wait_checked(qtbot, window, lambda w: w.hints.checked == "rewrite")
    assert "length" in check_ids(window) and "hashtag-missing" in check_ids(window)
    assert window.pane.length_label.property("overLimit") is True


def test_the_restored_banner_goes_after_saving(qtbot, tmp_path):
    path = tmp_path / "desk.sqlite3"
    window = open_window(qtbot, path)
    window.open_post("ZW-010")
    qtbot.keyClicks(window.pane.rewrite_edit, "Traditional leaders met the drilling team.")
    window.open_post("CD-001")
    restart(qtbot, window)
    again = open_window(qtbot, path)
    assert again.post.external_id == "ZW-010" and again.pane.notice_label.isVisible()
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert again.desk.post(again.post.id).current_text == "Traditional leaders met the drilling team."
    assert not again.pane.notice_label.isVisible(), "saved: nothing restored is waiting any more"


def test_a_back_translation_alone_glosses_the_revision(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "desk.sqlite3")
    window.open_post("ZW-004")
    qtbot.keyClicks(window.pane.rewrite_edit, "We drilled 12 boreholes.")
    key(qtbot, Qt.Key.Key_S, CTRL)
    post_id = window.post.id
    assert window.desk.post(post_id).current_revision.number == 1
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.pane.back_translation_edit
    type_committed(window.pane.back_translation_edit, "我们打了12眼钻井。")
    assert window.actions.save_rewrite.isEnabled()
    assert window.pane.gloss_note.isVisible() and "revision 1" in window.pane.gloss_note.text()
    key(qtbot, Qt.Key.Key_S, CTRL)
    post = window.desk.post(post_id)
    assert post.current_revision.number == 1, "no new revision: the text did not change"
    assert post.current_revision.back_translation == "我们打了12眼钻井。"
    assert not window.pane.gloss_note.isVisible() and not window.actions.save_rewrite.isEnabled()
    assert window.desk.unfinished(post_id, window.actor) is None
