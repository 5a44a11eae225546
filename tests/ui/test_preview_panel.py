"""The preview beside the rewrite: the post as its platform folds it, following the typing."""
from __future__ import annotations

from tests.ui.test_keyboard_day import open_window
from tests.ui.test_live_checks import wait_checked

LONG = "We drilled twelve new boreholes in Masvingo this week, and the committees keep them. " * 4


def test_the_preview_follows_the_typing_and_the_platform_chosen(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "desk.sqlite3")
    window.open_post("ZW-012")  # an X post whose draft (389) is past X's 280
    panel = window.pane.preview_panel
    assert not panel.isVisible()  # the difference is the first tab
    window.actions.toggle_preview.trigger()  # Ctrl+P
    assert panel.isVisible() and panel.platform() is None  # each post as its own platform
    draft = window.post.current_text
    shown = panel.shown_text()
    assert "… Show more\n" in shown and shown.startswith(draft[:200])
    assert panel.view.highlighted("folded")[0][2] == shown.split("… Show more\n", 1)[1]
    window.pane.focus_rewrite()
    qtbot.keyClicks(window.pane.rewrite_edit, "Thirty-six trainees. #ZWBoreholes1000")
    wait_checked(qtbot, window, lambda w: panel.shown_text().startswith("Thirty-six"))
    assert panel.shown_text() == "Thirty-six trainees. #ZWBoreholes1000"  # nothing folded
    assert "the whole post is seen" in panel.fold_label.text()
    panel.set_platform("linkedin")  # the reviewer picks another platform: shown at once
    qtbot.keyClicks(window.pane.rewrite_edit, " " + LONG)
    wait_checked(qtbot, window, lambda w: "…see more\n" in panel.shown_text())
    visible = panel.shown_text().split("…see more\n", 1)[0]
    assert 180 < len(visible) <= 210 and "210 characters or 3 lines" in panel.fold_label.text()
    panel.set_screen("phone")
    assert len(panel.shown_text().split("…see more\n", 1)[0]) <= 140
    assert window.desk.preview(window.post.id).text == draft  # the preview saved nothing


def test_the_preview_is_plain_text(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "desk.sqlite3")
    window.open_post("ZW-012")
    window.pane.focus_rewrite()
    qtbot.keyClicks(window.pane.rewrite_edit, "<b>bold</b> &amp;")
    wait_checked(qtbot, window, lambda w: w.pane.preview_panel.shown_text().startswith("<b>"))
    assert window.pane.preview_panel.view.toPlainText() == "<b>bold</b> &amp;"


def test_an_approval_after_its_slot_is_marked_in_the_queue_and_the_status_bar(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from review.model import Actor
    from ui.queue import Column

    window = open_window(qtbot, tmp_path / "desk.sqlite3")
    window.open_post("ZW-004")  # scheduled for 5 December 2026
    model = window.queue.model
    row = model.row_of(window.post.id)
    cell = model.index(row, Column.SCHEDULED)
    assert not model.data(cell).startswith("⚠") and "schedule passed" not in window.state_label.text()
    assert window.post.scheduled_at.startswith("2026-12-05")  # past by the time this runs
    window.desk.decide(window.post.id, Actor("Tendai"), "approve")
    window.queue.refresh()
    window.show_post(window.post.id)
    assert model.data(cell).startswith("⚠")
    assert "schedule passed" in window.state_label.text()
    assert "Schedule passed" in model.data(cell, Qt.ItemDataRole.ToolTipRole)
