"""The queue widget over the sample batches: filters, search, sort, selection, plain text.

Driven through the real widgets, offscreen (pytest-qt). The expected rows come from the
domain (`review.queue`), so these tests check the widget, not SQL.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QHeaderView

import ui.queue as queue_module
from review.importing import import_drafts
from review import Desk
from review.queue import QueueFilter, queue_rowids
from tests.helpers import COORD, REVIEWER, draft
from ui.queue import BLOCK_ROWS, Column, QueueModel, QueueWidget

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "screenshots" / "queue.png"


@pytest.fixture
def sample(desk):
    desk.load_sample()
    return desk


@pytest.fixture
def queue(qtbot, sample):
    widget = QueueWidget()
    qtbot.addWidget(widget)
    widget.resize(1100, 640)
    widget.set_desk(sample, REVIEWER.name)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.filler.stop()  # before the desk fixture closes the database


def column(widget: QueueWidget, col: Column, role=Qt.ItemDataRole.DisplayRole) -> list:
    model = widget.model
    return [model.data(model.index(row, col), role) for row in range(model.rowCount())]


def external_ids(widget: QueueWidget) -> set[str]:
    return set(column(widget, Column.ID))


def expected_ids(desk, **conditions) -> set[str]:
    rowids = set(queue_rowids(desk, QueueFilter(**conditions)))
    return {r["external_id"] for r in desk.store.queue.rows(list(rowids)).values()}


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index > 0, f"{data!r} not offered"
    combo.setCurrentIndex(index)


def type_search(qtbot, widget: QueueWidget, text: str) -> None:
    widget.search_box.clear()
    if text.isascii():
        qtbot.keyClicks(widget.search_box, text)
    else:
        commit_from_input_method(widget.search_box, text)
    assert widget.model.queue_filter().text != text  # debounced: no query per keystroke
    qtbot.waitUntil(lambda: widget.model.queue_filter().text == text, timeout=2000)


def commit_from_input_method(target, text: str) -> None:
    """Chinese arrives the way a pinyin input method delivers it: a committed string (QTest's
    keyClicks knows only ASCII keys)."""
    target.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(target, event)


def click_header(qtbot, widget: QueueWidget, col: Column) -> None:
    header = widget.view.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def wait_for_problem_counts(qtbot, widget: QueueWidget, desk) -> None:
    qtbot.waitUntil(lambda: not desk.store.queue.posts_without_problem_count(1), timeout=20000)
    qtbot.waitUntil(lambda: not widget.filler.is_running(), timeout=5000)


# -- the model --------------------------------------------------------------------------------


def test_model_passes_the_qt_model_tester(qapp, qtmodeltester, sample):
    model = QueueModel()
    model.set_desk(sample)
    assert model.rowCount() == 54
    qtmodeltester.check(model)
    model.sort(Column.TEXT, Qt.SortOrder.DescendingOrder)
    model.set_filter(QueueFilter(batch="zimbabwe-boreholes"))
    qtmodeltester.check(model)


def test_rows_show_state_languages_text_and_local_time(queue, sample):
    model = queue.model
    row = model.row_of(sample.resolve_post_id("ZW-004"))
    cells = [model.data(model.index(row, c)) for c in Column]
    assert cells[Column.STATE] == "Pending"
    assert cells[Column.PLATFORM] == "X"
    assert cells[Column.LANGUAGES] == "zh-CN → en"
    assert cells[Column.TEXT].startswith("This week our drilling team")
    assert cells[Column.PROBLEMS] is None  # not computed yet: shown empty
    assert cells[Column.SCHEDULED] == queue_module.local_time("2026-12-05T10:00:00+02:00")
    assert cells[Column.BATCH] == "zimbabwe-boreholes"
    assert cells[Column.ID] == "ZW-004"
    assert model.data(model.index(row, Column.STATE), Qt.ItemDataRole.DecorationRole) is not None
    assert model.post_id(row) == sample.resolve_post_id("ZW-004")


def test_rows_are_read_lazily_in_blocks(qtbot, desk, monkeypatch):
    drafts = [draft(f"P-{n:04d}") for n in range(1000)]
    import_drafts(desk, drafts, "big", actor=COORD)
    asked: list[int] = []
    real = Desk.queue_rows
    monkeypatch.setattr(Desk, "queue_rows", lambda d, ids: asked.append(len(ids)) or real(d, ids))
    widget = QueueWidget()
    qtbot.addWidget(widget)
    widget.set_desk(desk, "Tendai")
    widget.show()
    qtbot.waitExposed(widget)
    asked.clear()
    widget.grab()
    assert widget.model.rowCount() == 1000
    assert 0 < sum(asked) <= BLOCK_ROWS  # the first screen: one block, not 1,000 rows
    widget.filler.stop()


# -- filters and search ------------------------------------------------------------------------


def test_search_finds_a_two_character_chinese_word(qtbot, queue, sample):
    type_search(qtbot, queue, "钻井")
    found = external_ids(queue)
    assert found and found == expected_ids(sample, text="钻井")
    assert "ZW-004" in found  # 本周，钻井队在中部省戈奎区新打了8眼机井
    assert len(found) < 54


def test_search_finds_an_english_word_and_clearing_shows_all(qtbot, queue, sample):
    type_search(qtbot, queue, "borehole")
    found = external_ids(queue)
    assert found and found == expected_ids(sample, text="borehole")
    assert all(i.startswith("ZW-") for i in found)
    queue.search_box.clear()
    qtbot.waitUntil(lambda: queue.model.rowCount() == 54, timeout=2000)


def test_combos_filter_by_batch_state_platform_and_language(qtbot, queue, sample):
    choose(queue.batch_combo, "chengdu-hitech-zone")
    assert external_ids(queue) == expected_ids(sample, batch="chengdu-hitech-zone")
    choose(queue.platform_combo, "linkedin")
    assert external_ids(queue) == expected_ids(sample, batch="chengdu-hitech-zone", platform="linkedin")
    queue.batch_combo.setCurrentIndex(0)
    queue.platform_combo.setCurrentIndex(0)
    choose(queue.language_combo, "zh-CN ja")
    assert external_ids(queue) == expected_ids(sample, source_lang="zh-CN", target_lang="ja")
    queue.language_combo.setCurrentIndex(0)

    post_id = sample.resolve_post_id("ZW-003")
    sample.decide(post_id, REVIEWER, "reject", "reads as political")
    queue.refresh()
    choose(queue.state_combo, "rejected")
    assert external_ids(queue) == {"ZW-003"}
    assert column(queue, Column.STATE) == ["Rejected"]


def test_counts_follow_the_filters(qtbot, queue, sample):
    assert queue.state_counts() == {"pending": 54}
    choose(queue.platform_combo, "x")
    assert queue.state_counts() == {"pending": len(expected_ids(sample, platform="x"))}
    queue.platform_combo.setCurrentIndex(0)
    with qtbot.waitSignal(queue.counts_changed) as counts:
        choose(queue.batch_combo, "zimbabwe-boreholes")
    assert counts.args[0] == {"pending": len(expected_ids(sample, batch="zimbabwe-boreholes"))}


def test_has_problems_after_the_filler_ran(qtbot, queue, sample):
    wait_for_problem_counts(qtbot, queue, sample)
    problems = column(queue, Column.PROBLEMS)
    assert all(isinstance(n, int) for n in problems)  # redrawn once filled
    qtbot.mouseClick(queue.problems_check, Qt.MouseButton.LeftButton)
    assert queue.problems_check.isChecked()
    shown = column(queue, Column.PROBLEMS)
    assert shown and all(n > 0 for n in shown)
    assert external_ids(queue) == expected_ids(sample, has_problems=True)
    assert len(shown) == sum(1 for n in problems if n > 0)


def test_assigned_to_me(qtbot, queue, sample):
    # The domain has no "assign" verb yet: set the column the filter reads, for this test only.
    with sample.store.write():
        sample.store.conn.execute("UPDATE posts SET assignee = ? WHERE external_id = 'ZW-001'",
                                  (REVIEWER.name,))
    qtbot.mouseClick(queue.mine_check, Qt.MouseButton.LeftButton)
    assert queue.filter().assignee == REVIEWER.name
    assert external_ids(queue) == {"ZW-001"}


# -- sort and selection ------------------------------------------------------------------------


def test_clicking_a_header_sorts_in_sql(qtbot, queue):
    click_header(qtbot, queue, Column.ID)
    ids = column(queue, Column.ID)
    ascending = queue.view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert ids == sorted(ids, reverse=not ascending)
    click_header(qtbot, queue, Column.ID)
    assert column(queue, Column.ID) == sorted(ids, reverse=ascending)
    assert queue.model.sort_key()[0] == "external_id"


def test_next_and_previous_move_the_selection(qtbot, queue):
    model = queue.model
    with qtbot.waitSignal(queue.current_post_changed) as first:
        assert queue.select_next()
    assert first.args == [model.post_id(0)]
    with qtbot.waitSignal(queue.current_post_changed) as second:
        assert queue.select_next()
    assert second.args == [model.post_id(1)] and queue.current_post_id() == model.post_id(1)
    with qtbot.waitSignal(queue.current_post_changed) as back:
        assert queue.select_previous()
    assert back.args == [model.post_id(0)]
    assert not queue.select_previous()  # at the top: stays
    assert queue.current_post_id() == model.post_id(0)
    queue.select_post(model.post_id(model.rowCount() - 1))
    assert not queue.select_next()


def test_selection_is_kept_across_refresh_sort_and_filter(qtbot, queue, sample):
    post_id = sample.resolve_post_id("CD-004")
    assert queue.select_post(post_id)
    with qtbot.assertNotEmitted(queue.current_post_changed):
        sample.decide(sample.resolve_post_id("ZW-001"), REVIEWER, "approve")
        queue.refresh()
        click_header(qtbot, queue, Column.TEXT)
        choose(queue.batch_combo, "chengdu-hitech-zone")
    assert queue.current_post_id() == post_id
    assert queue.model.post_id(queue.view.currentIndex().row()) == post_id
    selected = queue.view.selectionModel().selectedRows()
    assert [queue.model.post_id(i.row()) for i in selected] == [post_id]
    shown = queue.view.viewport().rect()
    assert shown.intersects(queue.view.visualRect(queue.view.currentIndex()))  # scrolled to it
    with qtbot.waitSignal(queue.current_post_changed) as gone:
        choose(queue.batch_combo, "zimbabwe-boreholes")
    assert gone.args == [None] and queue.current_post_id() is None


def test_keyboard_moves_through_the_table(qtbot, queue):
    queue.select_next()
    queue.view.setFocus()
    row = queue.view.currentIndex().row()
    with qtbot.waitSignal(queue.current_post_changed) as moved:
        qtbot.keyClick(queue.view, Qt.Key.Key_Down)
    assert moved.args == [queue.model.post_id(row + 1)]


def test_header_state_is_saved_and_restored(qtbot, queue, tmp_path):
    click_header(qtbot, queue, Column.SCHEDULED)
    queue.view.setColumnWidth(Column.REVIEWER, 333)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    queue.save_state(settings)
    other = QueueWidget()
    qtbot.addWidget(other)
    other.resize(1700, 500)  # room for every column: none is hidden for want of it
    other.show()
    qtbot.waitExposed(other)
    other.set_desk(queue._desk, "Tendai")
    other.restore_state(settings)
    assert other.hidden_for_room() == set()
    assert other.view.columnWidth(Column.REVIEWER) == 333
    assert other.model.sort_key()[0] == "scheduled"
    assert column(other, Column.ID) == column(queue, Column.ID)
    other.filler.stop()


def test_view_is_set_up_for_speed_and_reading(queue):
    view = queue.view
    assert view.verticalHeader().isHidden()
    assert view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    assert not view.wordWrap() and view.isSortingEnabled() and view.alternatingRowColors()
    assert queue.search_box.placeholderText() == "Search source, draft and rewrites"
    assert queue.search_box.isClearButtonEnabled()


# -- plain text ----------------------------------------------------------------------------------


def test_html_in_a_post_is_shown_as_characters(qtbot, queue, sample):
    import_drafts(sample, [draft("HTML-1", draft_text="<b>bold</b> <img src=x> & more")], "html",
                  actor=COORD)
    queue.refresh()
    choose(queue.batch_combo, "html")
    model = queue.model
    assert model.data(model.index(0, Column.TEXT)) == "<b>bold</b> <img src=x> & more"
    tooltip = model.data(model.index(0, Column.TEXT), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt;" in tooltip and "<b>" not in tooltip


# -- the problem filler --------------------------------------------------------------------------


def test_filler_stops_with_the_widget(qtbot, sample):
    widget = QueueWidget()
    qtbot.addWidget(widget)
    widget.set_desk(sample, "Tendai")
    assert widget.filler.is_running()
    widget.close()
    assert not widget.filler.is_running()


def test_signals_do_not_use_up_references_to_true(qtbot, queue):
    """PySide6 6.12.0's emit() drops one reference to True per call, and CPython aborts when
    True is freed (~1,700 emits): ui.queue.emit takes the missing reference."""
    before = sys.getrefcount(True)
    for _ in range(50):
        queue.select_next()  # current_post_changed
        queue.model.refresh()  # layoutAboutToBeChanged, layoutChanged
        queue.model.redraw()  # dataChanged
    assert sys.getrefcount(True) > before - 20


# -- screenshot ----------------------------------------------------------------------------------


def test_screenshot(qtbot, queue, sample):
    """docs/screenshots/queue.png: the Chengdu batch (Korean and Japanese drafts at the top)."""
    for external_id, decision, reason in (("CD-010", "approve", None), ("CD-007", "reject", "off-topic"),
                                          ("CD-014", "request-changes", "check the figures")):
        sample.decide(sample.resolve_post_id(external_id), REVIEWER, decision, reason)
    sample.open_post(sample.resolve_post_id("CD-009"), REVIEWER)
    queue.refresh()
    wait_for_problem_counts(qtbot, queue, sample)
    choose(queue.batch_combo, "chengdu-hitech-zone")
    click_header(qtbot, queue, Column.LANGUAGES)
    click_header(qtbot, queue, Column.LANGUAGES)  # descending: ko, ja first
    queue.select_next()
    type_search(qtbot, queue, "成都")
    assert queue.model.rowCount() > 3
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert queue.grab().save(str(SCREENSHOT))
