"""The review pane, driven as a reviewer would: real widgets, offscreen, a real desk with the
sample batch and the starter glossaries."""
from __future__ import annotations

import os
import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import (QColor, QHelpEvent, QInputMethodEvent, QPalette, QTextCharFormat,
                           QTextCursor)
from PySide6.QtWidgets import QApplication, QToolTip

from review import Desk
from review.importing import import_drafts
from review.termbases import import_starter_glossaries
from tests.helpers import COORD, REVIEWER, draft
from ui.review_pane import ReviewPane
from ui.style import ANNOTATION_COLOURS, DIFF_COLOURS, SEVERITY_COLOURS, TERM_COLOURS, highlight
from ui.textviews import (KIND_PROPERTY, Highlight, TextView, plain_tooltip,
                          python_offset, qt_positions)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


# -- fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    """The sample batch and starter glossaries, loaded once; each test works on a copy."""
    path = tmp_path_factory.mktemp("sample") / "desk.sqlite3"
    with Desk(path, backups=False) as desk:
        desk.load_sample()
        import_starter_glossaries(desk)
    return path


@pytest.fixture
def desk(sample_file, tmp_path):
    path = tmp_path / "desk.sqlite3"
    shutil.copy(sample_file, path)
    with Desk(path, backups=False) as opened:
        yield opened


@pytest.fixture
def pane(qtbot):
    widget = ReviewPane()
    qtbot.addWidget(widget)
    widget.resize(1400, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def show(pane: ReviewPane, desk: Desk, external_id: str, unfinished: dict | None = None) -> str:
    post_id = desk.resolve_post_id(external_id)
    pane.show_post(desk.post(post_id), desk.hints(post_id), unfinished)
    return post_id


def selections(view: TextView, kind: str) -> list:
    return [s for s in view.extraSelections() if s.format.property(KIND_PROPERTY) == kind]


def selected_texts(view: TextView, kind: str) -> list[str]:
    return [s.cursor.selectedText() for s in selections(view, kind)]


def diff_fragments(pane: ReviewPane) -> list[tuple[str, QTextCharFormat]]:
    """(text, format) of each fragment of the difference view's document."""
    found = []
    block = pane.diff_view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            found.append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return found


def type_with_input_method(widget, text: str) -> None:
    """Type `text` the way a Chinese input method delivers it: a committed string.
    (QTest.keyClicks only knows the keys of a Latin keyboard.)"""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def label_colour(pane: ReviewPane) -> QColor:
    return pane.length_label.palette().color(QPalette.ColorRole.WindowText)


# -- highlights ----------------------------------------------------------------------------------

def test_glossary_terms_are_highlighted_in_source_and_draft(pane, desk):
    post_id = show(pane, desk, "ZW-004")
    hints = desk.hints(post_id)

    assert selected_texts(pane.source_view, "term") == [t.term for t in hints.glossary.terms]
    assert "中部省" in selected_texts(pane.source_view, "term")
    # The post has no rewrite: renderings are in the draft, the text the hints checked.
    assert selected_texts(pane.draft_view, "rendering") == [
        "water wells", "Midlands Province", "#ZWBoreholes1000"]
    water_wells, midlands, _ = selections(pane.draft_view, "rendering")
    assert water_wells.format.background().color() == highlight(TERM_COLOURS["deprecated"])
    assert midlands.format.background().color() == highlight(TERM_COLOURS["preferred"])
    assert selections(pane.rewrite_edit, "rendering") == []


def test_term_tooltip_shows_the_cultural_note(pane, desk):
    post_id = show(pane, desk, "ZW-004")
    term = next(t for t in desk.hints(post_id).glossary.terms if t.term == "机井")

    note = pane.source_view.tooltip_at_offset(term.start)
    assert term.notes[0] in note
    assert "borehole" in note  # what to say instead
    assert pane.source_view.tooltip_at_offset(0) == ""  # 本 is no term

    # The same note through a real tooltip event over the term.
    view = pane.source_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(term.start + 1)
    point = view.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    view.viewportEvent(event)
    assert "machine-drilled well" in QToolTip.text()
    QToolTip.hideText()


def test_rendering_tooltip_says_what_to_use_instead(pane, desk):
    show(pane, desk, "ZW-003")
    start = desk.post(desk.resolve_post_id("ZW-003")).draft.text.index("comrades")
    note = pane.draft_view.tooltip_at_offset(start)
    assert "forbidden" in note and "colleague" in note and "party-political" in note


def test_check_findings_are_underlined_where_their_spans_are(pane, desk):
    show(pane, desk, "ZW-004")

    draft_checks = selections(pane.draft_view, "check")
    assert [s.cursor.selectedText() for s in draft_checks] == ["water wells"]
    fmt = draft_checks[0].format
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    assert fmt.underlineColor() == QColor(SEVERITY_COLOURS["warning"])
    # term-missing points at the source terms whose preferred rendering the draft lacks
    assert selected_texts(pane.source_view, "check") == ["钻井", "机井"]
    assert "borehole" in pane.draft_view.tooltip_at_offset(pane.draft_view.text().index("wells"))


def test_a_dismissed_check_is_not_underlined(pane, desk):
    post_id = desk.resolve_post_id("ZW-004")
    key = next(c.key for c in desk.hints(post_id).checks if c.result.id == "forbidden-term")
    desk.dismiss_check(post_id, REVIEWER, key, "the ministry's own press release says wells")
    show(pane, desk, "ZW-004")
    assert selections(pane.draft_view, "check") == []
    assert selected_texts(pane.draft_view, "rendering")[0] == "water wells"  # still a hint


def test_hints_of_a_rewrite_are_shown_in_the_rewrite_editor(pane, desk):
    post_id = desk.resolve_post_id("ZW-003")
    desk.rewrite(post_id, REVIEWER, "Our comrades on the drilling team fought the heat.", "gloss")
    show(pane, desk, "ZW-003")

    assert pane.rewrite_text() == "Our comrades on the drilling team fought the heat."
    assert pane.back_translation() == "gloss"
    assert selected_texts(pane.rewrite_edit, "rendering") == ["comrades", "fought"]
    assert selected_texts(pane.rewrite_edit, "check") == ["comrades", "fought"]
    checks = selections(pane.rewrite_edit, "check")  # kept: the formats live as long as the list
    assert checks[0].format.underlineColor() == QColor(SEVERITY_COLOURS["error"])
    assert selections(pane.draft_view, "rendering") == []  # the draft is not what was checked
    assert not pane.has_unsaved_rewrite()


def test_annotations_are_highlighted_by_severity_on_their_revision(pane, desk):
    post_id = desk.resolve_post_id("ZW-005")
    text = desk.post(post_id).draft.text
    start = text.index("poverty-stricken")
    desk.annotate(post_id, REVIEWER, start=start, end=start + 16,
                  category="audience-appropriateness", severity="major",
                  comment="Name the need, not a label", revision=0)
    other = desk.annotate(post_id, REVIEWER, start=0, end=3, category="style", severity="minor",
                          revision=0)
    resolved_id = next(a.id for a in other.annotations.values() if a.start == 0)
    desk.resolve_annotation(post_id, REVIEWER, resolved_id)
    show(pane, desk, "ZW-005")

    found = selections(pane.draft_view, "annotation")
    assert [s.cursor.selectedText() for s in found] == ["poverty-stricken", "The"]
    open_colour, resolved_colour = (s.format.background().color() for s in found)
    assert open_colour.rgb() == QColor(ANNOTATION_COLOURS["major"]).rgb()
    assert resolved_colour.rgb() == QColor(ANNOTATION_COLOURS["minor"]).rgb()
    assert resolved_colour.alpha() < open_colour.alpha()  # resolved: still there, fainter
    assert "Name the need" in pane.draft_view.tooltip_at_offset(start)
    assert "resolved" in pane.draft_view.tooltip_at_offset(0)

    rewritten = desk.rewrite(post_id, REVIEWER, "The team handed over desks to Murenga school.")
    desk.annotate(post_id, REVIEWER, start=4, end=8, category="fluency", severity="critical")
    show(pane, desk, "ZW-005")
    assert selected_texts(pane.rewrite_edit, "annotation") == ["team"]
    assert rewritten.has_rewrite


# -- length counter ------------------------------------------------------------------------------

def test_length_counter_follows_typing_and_turns_red_past_the_x_limit(pane, desk, qtbot):
    show(pane, desk, "ZW-012")  # an over-long X post
    assert pane.length_label.text().startswith("389 / 280 (X)")  # nothing typed: the draft counts
    assert "HQ draft" in pane.length_label.text()
    assert label_colour(pane) == QColor(SEVERITY_COLOURS["error"])

    pane.focus_rewrite()
    qtbot.keyClicks(pane.rewrite_edit, "Short rewrite.")
    assert pane.length_label.text() == "14 / 280 (X)"
    assert label_colour(pane) != QColor(SEVERITY_COLOURS["error"])
    assert not pane.length_label.property("overLimit")

    qtbot.keyClicks(pane.rewrite_edit, " ")
    type_with_input_method(pane.rewrite_edit, "水" * 140)  # X counts each Chinese character as 2
    assert pane.length_label.text() == "295 / 280 (X) · 15 over"
    assert label_colour(pane) == QColor(SEVERITY_COLOURS["error"])
    assert "Too long for X" in pane.length_label.toolTip()
    assert pane.length_label.property("overLimit")


def test_length_counter_on_a_platform_without_weighting(pane, desk):
    show(pane, desk, "ZW-006")  # LinkedIn
    pane.insert_into_rewrite("水" * 10)
    assert pane.length_label.text() == "10 / 3000 (LinkedIn)"


# -- difference view -----------------------------------------------------------------------------

def test_difference_view_shows_insertions_and_deletions_while_typing(pane, desk, qtbot):
    show(pane, desk, "ZW-004")
    assert pane.diff_view.text() == ""
    pane.focus_rewrite()
    qtbot.keyClicks(pane.rewrite_edit, "This week our drilling team drilled 8 new boreholes "
                                       "in Gokwe, Midlands Province.")
    qtbot.waitUntil(lambda: "boreholes" in pane.diff_view.text(), timeout=2000)

    fragments = diff_fragments(pane)
    inserted = [t for t, f in fragments if f.fontUnderline()]
    deleted = [t for t, f in fragments if f.fontStrikeOut()]
    assert "boreholes" in inserted and "drilled" in inserted
    assert "water wells" in deleted and "dug" in deleted
    assert any(t.endswith("#ZWBoreholes1000") for t in deleted)
    colour = {t: f.foreground().color() for t, f in fragments}
    assert colour["boreholes"] == QColor(DIFF_COLOURS["insert"])
    assert colour["dug"] == QColor(DIFF_COLOURS["delete"])
    unchanged = [t for t, f in fragments if not f.fontUnderline() and not f.fontStrikeOut()]
    assert unchanged[0] == "This week our drilling team "


# -- autosave -----------------------------------------------------------------------------------

def test_typing_is_autosaved_once_after_a_pause(pane, desk, qtbot):
    post_id = show(pane, desk, "ZW-004")
    saved, edits = [], []
    pane.unfinished_changed.connect(lambda text, gloss: saved.append((pane.post_id(), text, gloss)))
    pane.rewrite_edited.connect(lambda: edits.append(1))

    started = time.monotonic()
    pane.focus_rewrite()
    qtbot.keyClicks(pane.rewrite_edit, "Eight new boreholes")
    assert saved == [] and len(edits) == len("Eight new boreholes")
    with qtbot.waitSignal(pane.unfinished_changed, timeout=3000):
        pass
    assert time.monotonic() - started >= 0.6
    qtbot.wait(1000)
    assert saved == [(post_id, "Eight new boreholes", "")]


def test_steady_typing_is_saved_at_least_every_second(pane, desk, qtbot):
    """A debounce alone would wait for a pause that a fast typist never makes."""
    show(pane, desk, "ZW-004")
    saved = []
    pane.unfinished_changed.connect(lambda text, gloss: saved.append(text))
    for _ in range(10):
        qtbot.keyClicks(pane.rewrite_edit, "a")
        qtbot.wait(200)  # never a 700 ms pause
    assert saved and saved[0].startswith("aaaa")


def test_back_translation_is_autosaved_too(pane, desk, qtbot):
    show(pane, desk, "ZW-004")
    pane.insert_into_rewrite("Eight new boreholes")
    with qtbot.waitSignal(pane.unfinished_changed, timeout=3000) as first:
        pass
    assert first.args == ["Eight new boreholes", ""]
    type_with_input_method(pane.back_translation_edit, "本周新打8眼钻井")
    with qtbot.waitSignal(pane.unfinished_changed, timeout=3000) as second:
        pass
    assert second.args == ["Eight new boreholes", "本周新打8眼钻井"]


def test_flush_hands_over_pending_typing_at_once(pane, desk, qtbot):
    show(pane, desk, "ZW-004")
    saved = []
    pane.unfinished_changed.connect(lambda text, gloss: saved.append(text))
    pane.flush()
    assert saved == []  # nothing typed, nothing to save

    qtbot.keyClicks(pane.rewrite_edit, "abc")
    pane.flush()
    assert saved == ["abc"]
    qtbot.wait(1000)
    assert saved == ["abc"]  # the debounce timer was stopped


def test_showing_another_post_flushes_typing_for_the_post_it_belongs_to(pane, desk, qtbot):
    first = show(pane, desk, "ZW-004")
    saved = []
    pane.unfinished_changed.connect(lambda text, gloss: saved.append((pane.post_id(), text)))
    qtbot.keyClicks(pane.rewrite_edit, "typed on ZW-004")
    show(pane, desk, "ZW-005")
    assert saved == [(first, "typed on ZW-004")]
    assert pane.rewrite_text() == ""
    qtbot.wait(1000)
    assert len(saved) == 1  # loading the next post is not typing


def test_loading_a_post_is_not_typing(pane, desk, qtbot):
    signals = []
    pane.unfinished_changed.connect(lambda *args: signals.append(args))
    pane.rewrite_edited.connect(lambda: signals.append("edited"))
    post_id = desk.resolve_post_id("ZW-003")
    desk.rewrite(post_id, REVIEWER, "A saved rewrite.")
    show(pane, desk, "ZW-003")
    qtbot.wait(900)
    assert signals == []


# -- unfinished rewrites, refreshes and saving -------------------------------------------------

def test_an_unfinished_rewrite_is_restored_with_a_notice(pane, desk):
    post_id = desk.resolve_post_id("ZW-004")
    desk.save_unfinished(post_id, REVIEWER, "Half-typed rewrite", "半句")
    unfinished = desk.unfinished(post_id, REVIEWER)
    show(pane, desk, "ZW-004", unfinished)

    assert pane.rewrite_text() == "Half-typed rewrite"
    assert pane.back_translation() == "半句"
    assert pane.notice_label.isVisible()
    local = datetime.fromisoformat(unfinished["at"]).astimezone().strftime("%H:%M")
    assert pane.notice_label.text() == f"Restored the rewrite you had not saved ({local})"
    assert pane.has_unsaved_rewrite()

    show(pane, desk, "ZW-005")
    assert not pane.notice_label.isVisible()


def test_an_unfinished_rewrite_equal_to_the_saved_one_is_no_news(pane, desk):
    post_id = desk.resolve_post_id("ZW-004")
    desk.rewrite(post_id, REVIEWER, "Saved text")
    desk.save_unfinished(post_id, REVIEWER, "Saved text", None)
    show(pane, desk, "ZW-004", desk.unfinished(post_id, REVIEWER))
    assert pane.rewrite_text() == "Saved text"
    assert not pane.notice_label.isVisible()
    assert not pane.has_unsaved_rewrite()


def test_refreshing_the_same_post_keeps_what_is_being_typed(pane, desk, qtbot):
    post_id = show(pane, desk, "ZW-004")
    qtbot.keyClicks(pane.rewrite_edit, "still typing")
    desk.annotate(post_id, REVIEWER, start=0, end=4, category="style", severity="minor", revision=0)
    show(pane, desk, "ZW-004")  # what the main window does after an annotation
    assert pane.rewrite_text() == "still typing"
    assert selected_texts(pane.draft_view, "annotation") == ["This"]


def test_saving_the_rewrite_leaves_nothing_unfinished(pane, desk, qtbot):
    post_id = show(pane, desk, "ZW-004")
    saved = []
    pane.unfinished_changed.connect(lambda *args: saved.append(args))
    qtbot.keyClicks(pane.rewrite_edit, "Eight new boreholes in Gokwe.")
    assert pane.has_unsaved_rewrite()
    desk.rewrite(post_id, REVIEWER, pane.rewrite_text(), pane.back_translation())
    show(pane, desk, "ZW-004")
    assert not pane.has_unsaved_rewrite()
    pane.flush()
    qtbot.wait(900)
    assert saved == []  # the typing was saved as a rewrite, not as unfinished work


def test_undo_of_a_rewrite_shows_the_earlier_text(pane, desk):
    post_id = desk.resolve_post_id("ZW-004")
    desk.rewrite(post_id, REVIEWER, "First rewrite")
    desk.rewrite(post_id, REVIEWER, "Second rewrite")
    show(pane, desk, "ZW-004")
    assert pane.rewrite_text() == "Second rewrite"
    desk.undo(post_id, REVIEWER)
    show(pane, desk, "ZW-004")
    assert pane.rewrite_text() == "First rewrite"


def test_insert_into_rewrite_fills_replaces_and_inserts(pane, desk):
    show(pane, desk, "ZW-004")
    edits = []
    pane.rewrite_edited.connect(lambda: edits.append(1))
    pane.insert_into_rewrite("We drilled 8 water wells.")
    assert pane.rewrite_text() == "We drilled 8 water wells."
    assert edits
    pane.select_span("rewrite", 13, 24)
    pane.insert_into_rewrite("boreholes")
    assert pane.rewrite_text() == "We drilled 8 boreholes."
    cursor = pane.rewrite_edit.textCursor()
    cursor.setPosition(0)
    pane.rewrite_edit.setTextCursor(cursor)
    pane.insert_into_rewrite("Today ")
    assert pane.rewrite_text() == "Today We drilled 8 boreholes."


def test_clear_shows_no_post(pane, desk):
    show(pane, desk, "ZW-004")
    pane.clear()
    assert pane.post_id() is None
    assert pane.source_view.toPlainText() == pane.draft_view.toPlainText() == ""
    assert not pane.rewrite_edit.isEnabled()
    assert pane.selected_span() is None
    assert not pane.has_unsaved_rewrite()
    pane.show_post(None, None)
    assert pane.post_id() is None


# -- plain text --------------------------------------------------------------------------------

def test_html_in_posts_is_shown_as_typed(pane, desk):
    hostile_source = "<b>x</b> <img src=x> 钻井"
    hostile_draft = "<img src=x> <b>x</b> & <script>alert(1)</script>"
    import_drafts(desk, [draft("H-1", source_text=hostile_source, draft_text=hostile_draft)],
                  "hostile", actor=COORD)
    show(pane, desk, "H-1")

    assert pane.source_view.toPlainText() == hostile_source
    assert pane.draft_view.toPlainText() == hostile_draft
    pane.insert_into_rewrite("<b>x</b><img src=x>")
    assert pane.rewrite_text() == "<b>x</b><img src=x>"
    for view in (pane.source_view, pane.draft_view, pane.rewrite_edit):
        assert "\ufffc" not in view.document().toRawText()  # no image object was made
        assert not view.document().toHtml().count("<img")
    for label in (pane.length_label, pane.notice_label, *pane._headers.values()):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert plain_tooltip("<b>x</b>") == "<qt>&lt;b&gt;x&lt;/b&gt;</qt>"


def test_the_draft_with_markup_from_the_sample_shows_literally(pane, desk):
    show(pane, desk, "ZW-014")
    assert pane.draft_view.toPlainText().startswith("<b>Important notice:</b>")


# -- selections: Python offsets, not UTF-16 -----------------------------------------------------

def test_selected_span_gives_python_offsets_after_an_emoji(pane, desk):
    show(pane, desk, "ZW-016")  # "... struck water! 💧 #ZWBoreholes1000"
    text = pane.draft_view.text()
    start = text.index("#ZWBoreholes1000")
    end = start + len("#ZWBoreholes1000")
    cursor = pane.draft_view.textCursor()
    cursor.setPosition(start + 1)  # Qt counts the emoji as two UTF-16 units
    cursor.setPosition(end + 1, QTextCursor.MoveMode.KeepAnchor)
    pane.draft_view.setTextCursor(cursor)
    pane.draft_view.setFocus()
    assert cursor.selectedText() == "#ZWBoreholes1000"
    assert pane.selected_span() == ("draft", start, end)


def test_select_span_selects_in_each_view(pane, desk):
    show(pane, desk, "CD-015")  # the source has 🐼 early on
    source = pane.source_view.text()
    start = source.index("#ChengduPanda")
    pane.select_span("source", start, start + len("#ChengduPanda"))
    assert pane.source_view.textCursor().selectedText() == "#ChengduPanda"
    assert pane.selected_span() == ("source", start, start + len("#ChengduPanda"))

    pane.insert_into_rewrite("Bonjour 🐼 de Chengdu")
    pane.select_span("rewrite", 10, 12)
    assert pane.rewrite_edit.textCursor().selectedText() == "de"
    assert pane.selected_span() == ("rewrite", 10, 12)
    with pytest.raises(ValueError):
        pane.select_span("target", 0, 1)


def test_selected_span_prefers_the_focused_view(pane, desk):
    show(pane, desk, "ZW-004")
    pane.select_span("source", 0, 2)
    pane.select_span("draft", 0, 4)
    pane.source_view.setFocus()
    assert pane.selected_span() == ("source", 0, 2)
    pane.draft_view.setFocus()
    assert pane.selected_span() == ("draft", 0, 4)


def test_offsets_convert_between_python_and_qt():
    positions = qt_positions("a😀b\r\nc")
    assert positions == [0, 1, 3, 4, 5, 5, 6]
    assert python_offset(positions, 3) == 2  # "b"
    assert python_offset(positions, 2) == 1  # inside the emoji: its start
    assert python_offset(positions, 5) == 5  # after the line break: "c"


def test_highlights_land_on_the_right_characters_after_emoji_and_crlf(qtbot):
    view = TextView()
    qtbot.addWidget(view)
    text = "😀 one\r\ntwo 钻井"
    view.set_text(text)
    view.set_highlights([Highlight(text.index("two"), text.index("two") + 3, "term", QColor("red")),
                         Highlight(text.index("钻井"), len(text), "term", QColor("red")),
                         Highlight(5, 99, "term", QColor("red"))])  # does not fit: dropped
    assert selected_texts(view, "term") == ["two", "钻井"]
    assert view.highlighted("term") == [(7, 10, "two"), (11, 13, "钻井")]


# -- layout and settings ---------------------------------------------------------------------------

def test_layout_switches_between_side_by_side_and_stacked(pane):
    assert pane.layout_mode() == "side"
    assert pane.splitter.orientation() == Qt.Orientation.Horizontal
    pane.set_layout_mode("stacked")
    assert pane.layout_mode() == "stacked"
    assert pane.splitter.orientation() == Qt.Orientation.Vertical
    assert pane.rewrite_splitter.orientation() == Qt.Orientation.Horizontal  # diff beside it
    pane.set_layout_mode("side")
    assert pane.splitter.orientation() == Qt.Orientation.Horizontal
    with pytest.raises(ValueError):
        pane.set_layout_mode("diagonal")


def test_layout_and_splitter_sizes_are_remembered(pane, qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    pane.set_layout_mode("stacked")
    pane.splitter.setSizes([150, 200, 300])
    expected = pane.splitter.sizes()
    pane.save_state(settings)
    settings.sync()

    again = ReviewPane()
    qtbot.addWidget(again)
    again.resize(pane.size())
    again.show()
    qtbot.waitExposed(again)
    again.restore_state(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.layout_mode() == "stacked"
    assert again.splitter.sizes() == expected


def test_damaged_settings_keep_the_defaults(pane, tmp_path):
    settings = QSettings(str(tmp_path / "bad.ini"), QSettings.Format.IniFormat)
    settings.setValue("ReviewPane/layout", "sideways")
    settings.setValue("ReviewPane/side/sizes", "a,b")
    pane.restore_state(settings)
    assert pane.layout_mode() == "side"


# -- screenshots ---------------------------------------------------------------------------------

def test_screenshots(pane, desk, qtbot, tmp_path):
    """Renders both layouts. Set REVIEW_DESK_SCREENSHOTS=1 to refresh docs/screenshots/."""
    out = SCREENSHOTS if os.environ.get("REVIEW_DESK_SCREENSHOTS") else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    post_id = desk.resolve_post_id("ZW-002")
    desk.annotate(post_id, REVIEWER, start=0, end=16, category="style", severity="major",
                  comment="Open with the news", revision=0)
    show(pane, desk, "ZW-002")
    pane.focus_rewrite()
    qtbot.keyClicks(pane.rewrite_edit,
                    "Zaka's 28 boreholes were handed over to the community today at a ceremony "
                    "held by the China-Aided Zimbabwe Borehole Project. #ZWBoreholes1000")
    type_with_input_method(pane.back_translation_edit, "扎卡区28眼钻井今天移交社区。")
    qtbot.waitUntil(lambda: pane.diff_view.text() != "", timeout=2000)
    pane.resize(1400, 600)
    qtbot.wait(50)
    pane.grab().save(str(out / "review_pane.png"))

    pane.set_layout_mode("stacked")
    pane.resize(1000, 900)
    qtbot.wait(50)
    pane.grab().save(str(out / "review_pane_stacked.png"))
    assert (out / "review_pane.png").stat().st_size > 10_000
    assert (out / "review_pane_stacked.png").stat().st_size > 10_000


# -- inline codes of CAT files (issue 14) ---------------------------------------------------------

def test_inline_codes_are_tokens_the_editor_deletes_whole(pane, desk, qtbot):
    codes = {"\ue000": {"role": "code", "xml": '<x xmlns="urn:oasis:names:tc:xliff:document:1.2"'
                        ' id="1" equiv-text="{{ name }}"/>', "shows": "{{ name }}",
                        "label": "{{ name }}"}}
    import_drafts(desk, [draft("CODE-1", source_text="欢迎\ue000!", draft_text="Welcome \ue000!",
                               codes=codes)], "cat", actor=COORD)
    post_id = show(pane, desk, "CODE-1")
    # the reviewer starts the rewrite from the draft (copied, codes and all)
    pane.rewrite_edit.selectAll()
    pane.rewrite_edit.insertPlainText("Welcome \ue000!")
    pane.show_hints(desk.hints(post_id, pane.rewrite_text()), pane.rewrite_text())
    for view in (pane.source_view, pane.draft_view, pane.rewrite_edit):
        assert selected_texts(view, "code") == ["\ue000"], view.text()
    note = pane.rewrite_edit.tooltip_at_offset(len("Welcome "))
    assert "{{ name }}" in note and '<x id="1" equiv-text="{{ name }}"/>' in note
    assert "&lt;x id=" in plain_tooltip(note)  # the markup is shown as text, never as HTML
    # the length counts what the code stands for, not the placeholder
    assert str(len("Welcome {{ name }}!")) in pane.length_label.text()
    # one Backspace after the code removes all of it: there is no half of a code to leave
    cursor = pane.rewrite_edit.textCursor()
    cursor.setPosition(len("Welcome \ue000"))
    pane.rewrite_edit.setTextCursor(cursor)
    qtbot.keyClick(pane.rewrite_edit, Qt.Key.Key_Backspace)
    assert pane.rewrite_text() == "Welcome !"
    found = desk.hints(post_id, pane.rewrite_text()).checks
    assert [c.result.id for c in found if c.result.id == "placeholders"] == ["placeholders"]


def test_hq_notes_and_other_tools_notes_are_shown_under_the_source(pane, desk):
    notes = [{"from": "description", "category": "", "text": "Title of the <b>news</b> page"},
             {"from": "", "category": "context", "text": "shown on the home screen"}]
    import_drafts(desk, [draft("NOTE-1", notes="Keep it short", tool_notes=notes)], "cat",
                  actor=COORD)
    show(pane, desk, "NOTE-1")
    assert pane.notes_label.isVisible()
    assert pane.notes_label.textFormat() == Qt.TextFormat.PlainText  # a note is never HTML
    assert pane.notes_label.text().splitlines() == [
        "HQ: Keep it short", "description: Title of the <b>news</b> page",
        "context: shown on the home screen"]
    import_drafts(desk, [draft("NOTE-2")], "cat", actor=COORD)
    show(pane, desk, "NOTE-2")
    assert not pane.notes_label.isVisible()


def test_typing_goes_on_at_the_end_when_the_post_shown_gets_a_rewrite_from_elsewhere(pane, desk):
    """Issue 14, a coordinator after importing a results package: the post shown got the
    reviewer's rewrite, and typing went in BEFORE its first word (the text was set again, the
    cursor left at 0). A decision that keeps the text keeps the cursor where it was."""
    post_id = show(pane, desk, "ZW-001")
    edit = pane.rewrite_edit
    assert edit.toPlainText() == ""
    desk.rewrite(post_id, REVIEWER, "Rewritten on a laptop.")
    pane.show_post(desk.post(post_id), desk.hints(post_id))
    assert edit.toPlainText() == "Rewritten on a laptop."
    assert edit.textCursor().position() == len("Rewritten on a laptop.")
    cursor = edit.textCursor()
    cursor.setPosition(3)
    edit.setTextCursor(cursor)
    desk.decide(post_id, REVIEWER, "approve")
    pane.show_post(desk.post(post_id), desk.hints(post_id))
    assert edit.textCursor().position() == 3
