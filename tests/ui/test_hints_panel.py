"""The hints panel on real hints of the sample batch: glossary, memory, language, checks, history."""
from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from review import Actor, Desk
from review.model import MemoryUnit
from review.termbases import import_glossary
from ui.hints_panel import HintsPanel, TextView
from ui.times import event_time
from ui.style import text_font

REVIEWER = Actor("Tendai", "reviewer")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# A memory unit close to ZW-004 ("本周，钻井队在中部省戈奎区新打了8眼机井。#ZWBoreholes1000").
TM_SOURCE = "本周，钻井队在马斯温戈省奇维区新打了6眼机井。#ZWBoreholes1000"
TM_TARGET = ("This week our drilling team drilled 6 new boreholes in Chivi District, "
             "Masvingo Province. #ZWBoreholes1000")


@pytest.fixture
def desk(sample_desk):
    return sample_desk


@pytest.fixture
def panel(qtbot):
    widget = HintsPanel()
    widget.resize(380, 900)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def add_memory(desk: Desk, source: str = TM_SOURCE, target: str = TM_TARGET,
               origin: str = "aid-project-2025.tmx") -> None:
    with desk.store.write():
        desk.store.memory.add_units([MemoryUnit("zh-CN", "en", source, target, origin)])


def labels(widget: QWidget, name: str) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel, name) if label.isVisibleTo(widget)]


def texts(widget: QWidget, name: str) -> list[str]:
    return [label.text() for label in labels(widget, name)]


def glossary_lines(panel: HintsPanel) -> list[str]:
    return panel.glossary_view.toPlainText().split("\n")


def memory_views(panel: HintsPanel) -> list[TextView]:
    return panel.memory.content.findChildren(TextView, "memory_match_text")


def language_lines(panel: HintsPanel) -> list[str]:
    return panel.language_view.toPlainText().split("\n")


def check_row(panel: HintsPanel, key: str) -> QWidget:
    return next(row for row in panel.findChildren(QWidget, "check_row") if row.property("check_key") == key)


# -- glossary ---------------------------------------------------------------------------------


def test_glossary_lists_terms_with_renderings_marks_and_notes(desk, panel):
    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-004")))

    lines = glossary_lines(panel)
    assert "✗ 钻井 → borehole" in lines
    assert "✓ 中部省 → Midlands Province" in lines  # the draft uses it
    assert "✓ #ZWBoreholes1000 → keep as it is" in lines
    assert "✗ 机井 → borehole" in lines
    assert "Avoid: water well" in lines
    assert any(line.startswith("Say 'borehole' in Zimbabwean English") for line in lines)
    assert "Literal rendering of 中部. Zimbabwe has no Central Province." in lines
    assert lines[lines.index("In the text:") + 1] == "● “water well” is deprecated; say “borehole”"
    assert panel.glossary.header.text() == "Glossary (4)"


def test_each_note_is_shown_once(desk, panel):
    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-003")))
    lines = glossary_lines(panel)
    assert len(lines) == len(set(lines))
    assert sum("'Comrade' (Cde) is a title" in line for line in lines) == 1


def test_html_in_glossary_note_and_memory_shows_literally(desk, panel, tmp_path):
    glossary = tmp_path / "hostile.csv"
    glossary.write_text("source,target,status,note\n"
                        "钻井,borehole,preferred,<b>bold</b> and <img src=x> stay text\n",
                        encoding="utf-8")
    import_glossary(desk, glossary, source="zh-CN", target="en")
    add_memory(desk, target="<b>Drilled</b> 6 boreholes")

    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-004")))

    # Parsed as HTML, the line would read "bold and  stay text".
    assert "<b>bold</b> and <img src=x> stay text" in glossary_lines(panel)
    assert memory_views(panel)[0].toPlainText().split("\n")[1] == "<b>Drilled</b> 6 boreholes"
    assert panel.memory_text(1) == "<b>Drilled</b> 6 boreholes"


def test_every_label_with_user_text_is_plain(desk, panel):
    add_memory(desk)
    post_id = desk.resolve_post_id("ZW-004")
    panel.show_hints(desk.hints(post_id))
    panel.show_history(desk.history(post_id))
    named = [label for label in panel.findChildren(QLabel) if label.objectName()]
    assert named and all(label.textFormat() == Qt.TextFormat.PlainText for label in named)


# -- translation memory -----------------------------------------------------------------------


def test_memory_match_shows_score_diff_and_translation(desk, panel):
    add_memory(desk)
    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-004")))

    assert panel.memory.header.text() == "Translation memory (1)"
    assert re.fullmatch(r"1   \d\d%", panel.findChild(QLabel, "memory_score").text())
    view = memory_views(panel)[0]
    assert view.toPlainText().split("\n") == [TM_SOURCE, TM_TARGET]
    marked = _highlighted_text(view)
    assert "马斯温戈" in marked and "6" in marked  # where the memory differs from this post
    assert "本周" not in marked  # equal pieces stay plain


def _highlighted_text(view: TextView) -> str:
    """The characters of the view that carry a background (the differences)."""
    block, found = view.document().begin(), []
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                found.append(fragment.text())
            it += 1
        block = block.next()
    return "".join(found)


def test_insert_button_emits_the_translation(desk, panel, qtbot):
    add_memory(desk)
    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-004")))
    button = panel.findChild(QPushButton, "insert_memory_1")
    assert "Ctrl+1" in button.toolTip()

    with qtbot.waitSignal(panel.insert_memory) as signal:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert signal.args == [TM_TARGET]


def test_memory_rows_kept_from_post_to_post_show_only_the_new_posts_matches(desk, panel, qtbot):
    """The rows are filled again, not built again: after a post with two matches, one with
    one match shows one row, its Insert sends the new text, and a post with none shows none."""
    add_memory(desk)
    add_memory(desk, source=TM_SOURCE.replace("6", "7"), target="Seven boreholes", origin="b.tmx")
    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-004")))
    assert len(memory_views(panel)) == 2
    other = desk.post(desk.resolve_post_id("CD-001"))
    add_memory(desk, source=other.source_text, target="The fair, as the memory has it")
    found = desk.hints(other.id).memory
    panel.show_hints(desk.hints(other.id))
    assert len(found) == len(memory_views(panel)) == 1
    assert memory_views(panel)[0].toPlainText().endswith("The fair, as the memory has it")
    with qtbot.waitSignal(panel.insert_memory) as signal:
        qtbot.mouseClick(panel.findChild(QPushButton, "insert_memory_1"), Qt.MouseButton.LeftButton)
    assert signal.args == ["The fair, as the memory has it"]
    panel.show_hints(None)
    assert memory_views(panel) == [] and panel.memory_text(1) is None


def test_memory_text_by_number_for_the_shortcuts(desk, panel):
    add_memory(desk)
    add_memory(desk, source="本周，钻井队在中部省戈奎区新打了6眼机井。#ZWBoreholes1000",
               target="Second match", origin="other.tmx")
    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-004")))
    assert panel.memory_text(1) == "Second match"  # the closer one comes first
    assert panel.memory_text(2) == TM_TARGET
    assert panel.memory_text(3) is None and panel.memory_text(0) is None


def test_no_memory_matches_says_so(desk, panel):
    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-004")))
    assert panel.memory_text(1) is None
    assert panel.memory.header.text() == "Translation memory"
    assert "No similar" in panel.memory.content.findChild(QLabel).text()


# -- language ---------------------------------------------------------------------------------


def test_language_lines(desk, panel):
    hints = desk.hints(desk.resolve_post_id("ZW-004"))
    panel.show_hints(hints)
    assert language_lines(panel) == ["Source: Chinese (zh), expected Chinese ✓",
                                     "Draft: English (en), expected English ✓"]

    language = {"source": {"detected": "en", "confidence": 1.0, "detector": "lingua"},
                "draft": {"detected": "sn", "confidence": 0.95, "detector": "lingua"},
                "rewrite": {"detected": "und", "confidence": 0.0, "detector": "none"},
                "expected": {"source": "en", "target": "nd"}}
    panel.show_hints(dataclasses.replace(hints, language=language))
    assert language_lines(panel) == ["Source: English (en), expected English ✓",
                                     "Draft: Shona (sn), expected Ndebele ✗",
                                     "Rewrite: undetermined, expected Ndebele"]
    assert panel.language.header.text() == "Language ✗"


# -- checks -----------------------------------------------------------------------------------


def test_checks_show_messages_and_dismiss_emits_the_key(desk, panel, qtbot):
    hints = desk.hints(desk.resolve_post_id("ZW-004"))
    panel.show_hints(hints)
    assert panel.checks.header.text() == f"Checks ({hints.open_problems} open)"
    messages = texts(panel, "check_message")
    assert messages == [c.result.message for c in hints.checks]

    first = hints.checks[0].key
    button = check_row(panel, first).findChild(QPushButton, "dismiss_button")
    assert button.text() == "Dismiss…"
    with qtbot.waitSignal(panel.dismiss_requested) as signal:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert signal.args == [first]


def test_dismissed_check_is_greyed_with_who_and_why(desk, panel):
    post_id = desk.resolve_post_id("ZW-004")
    key = desk.hints(post_id).checks[0].key
    desk.dismiss_check(post_id, REVIEWER, key, "the team's own <i>word</i>")
    panel.show_hints(desk.hints(post_id))

    row = check_row(panel, key)
    assert row.findChild(QPushButton, "dismiss_button") is None
    reason = row.findChild(QLabel, "check_dismissal")
    assert reason.text() == "dismissed by Tendai: the team's own <i>word</i>"
    message = row.findChild(QLabel, "check_message")
    grey = message.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    assert message.palette().color(QPalette.ColorRole.WindowText) == grey
    assert panel.checks.header.text() == "Checks (2 open)"


def test_clicking_a_check_asks_for_its_span(desk, panel, qtbot):
    hints = desk.hints(desk.resolve_post_id("ZW-004"))
    panel.show_hints(hints)
    forbidden = next(c for c in hints.checks if c.result.id == "forbidden-term")
    message = check_row(panel, forbidden.key).findChild(QLabel, "check_message")

    with qtbot.waitSignal(panel.span_requested) as signal:
        qtbot.mouseClick(message, Qt.MouseButton.LeftButton)  # the label passes the click on
    span = forbidden.result.spans[0]
    assert signal.args == ["target", span.start, span.end]


# -- history ----------------------------------------------------------------------------------


def test_history_lines_for_rewrite_approve_and_undo(desk, panel):
    post_id = desk.resolve_post_id("ZW-004")
    desk.rewrite(post_id, REVIEWER, "This week our team drilled 8 new boreholes in Gokwe, Midlands Province.")
    desk.decide(post_id, REVIEWER, "approve")
    desk.undo(post_id, REVIEWER)
    desk.decide(post_id, REVIEWER, "request-changes", "Please check the district <b>name</b>")
    panel.show_history(desk.history(post_id))

    lines = panel.history_view.toPlainText().split("\n")
    time = r"\d\d:\d\d"
    assert re.fullmatch(rf"{time} Review Desk \(coordinator\): imported", lines[0])
    assert re.fullmatch(rf"{time} Tendai \(reviewer\): opened", lines[1])
    assert re.fullmatch(rf"{time} Tendai \(reviewer\): rewrote", lines[2])
    assert re.fullmatch(rf"{time} Tendai \(reviewer\): approved \(awaiting sign-off\) \(undone\)", lines[3])
    assert re.fullmatch(rf"{time} Tendai \(reviewer\): undid the approval", lines[4])
    assert re.fullmatch(rf"{time} Tendai \(reviewer\): requested changes: "
                        r"Please check the district <b>name</b>", lines[5])
    assert panel.history.header.text() == "History (6)"


def test_redo_and_annotation_lines(desk, panel):
    post_id = desk.resolve_post_id("ZW-004")
    desk.annotate(post_id, REVIEWER, start=0, end=4, category="audience-appropriateness", severity="major")
    undo = desk.undo(post_id, REVIEWER)
    desk.redo(post_id, REVIEWER, undo.undo_event_id)
    lines = panel.history_lines(desk.history(post_id))
    assert lines[-3].endswith("annotated: major Audience appropriateness (cultural)")
    assert lines[-2].endswith("undid an annotation (undone)")
    assert lines[-1].endswith("redid an annotation")


def test_event_time_shows_the_date_for_older_events():
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", event_time("2020-01-02T03:04:05.000Z"))
    assert event_time("not a time") == "not a time"


# -- clearing, and a look at it ---------------------------------------------------------------


def test_clear_forgets_the_post(desk, panel):
    add_memory(desk)
    post_id = desk.resolve_post_id("ZW-004")
    panel.show_hints(desk.hints(post_id))
    panel.show_history(desk.history(post_id))
    panel.clear()
    assert panel.memory_text(1) is None
    assert texts(panel, "check_message") == [] and memory_views(panel) == []
    assert glossary_lines(panel) == ["No post selected."]
    assert panel.history_view.toPlainText() == "No post selected."


def test_sections_fold_away(desk, panel):
    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-004")))
    panel.checks.header.click()
    assert not panel.checks.content.isVisible()
    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-003")))  # stays folded for the next post
    assert not panel.checks.content.isVisible()
    panel.checks.header.click()
    assert panel.checks.content.isVisible()


def test_screenshot(desk, qtbot, tmp_path):
    """Renders a post with glossary hits, a memory match and failing checks; saved to
    docs/screenshots when SAVE_SCREENSHOTS=1."""
    QApplication.instance().setFont(text_font())
    add_memory(desk)
    post_id = desk.resolve_post_id("ZW-004")
    desk.dismiss_check(post_id, REVIEWER, desk.hints(post_id).checks[-1].key,
                       "HQ's wording for this campaign")
    panel = HintsPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 1080)
    panel.show_hints(desk.hints(post_id))
    panel.show_history(desk.history(post_id))
    panel.show()
    qtbot.wait(50)  # word-wrapped labels settle their heights over a few layout passes
    image = panel.grab()
    assert image.width() >= 380
    out = SCREENSHOTS if os.environ.get("SAVE_SCREENSHOTS") else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    assert image.save(str(out / "hints_panel.png"))


class _Chinese(QTranslator):
    """A stand-in for a .qm file: a few strings in Chinese."""

    WORDS = {"Checks ({n} open)": "检查（{n} 个待处理）", "Glossary ({n})": "术语表（{n}）",
             "Avoid: {renderings}": "避免：{renderings}", "approved": "已批准", "Insert": "插入"}

    def translate(self, context, source, disambiguation=None, n=-1):
        return self.WORDS.get(source)


def test_retranslate_shows_the_new_language(desk, panel):
    post_id = desk.resolve_post_id("ZW-004")
    desk.decide(post_id, REVIEWER, "approve")
    panel.show_hints(desk.hints(post_id))
    panel.show_history(desk.history(post_id))
    chinese = _Chinese()
    QApplication.instance().installTranslator(chinese)
    try:
        panel.retranslate()
        assert panel.checks.header.text().startswith("检查（")
        assert panel.glossary.header.text() == "术语表（4）"
        assert "避免：water well" in glossary_lines(panel)
        assert panel.history_view.toPlainText().split("\n")[-1].endswith(": 已批准")
    finally:
        QApplication.instance().removeTranslator(chinese)


def test_retranslate_reaches_the_memory_rows_kept_from_post_to_post(desk, panel):
    add_memory(desk)
    panel.show_hints(desk.hints(desk.resolve_post_id("ZW-004")))
    assert panel.findChild(QPushButton, "insert_memory_1").text() == "Insert"
    chinese = _Chinese()
    QApplication.instance().installTranslator(chinese)
    try:
        panel.retranslate()
        assert panel.findChild(QPushButton, "insert_memory_1").text() == "插入"
    finally:
        QApplication.instance().removeTranslator(chinese)
