"""The annotation popup (category, severity, comment) and the list of a post's annotations."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QTranslator
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from review import Actor, Desk
from review.model import CATEGORIES, SEVERITIES
from ui.annotations import AnnotationDialog, AnnotationList, AnnotationModel, elide_middle
from ui.style import text_font

REVIEWER = Actor("Tendai", "reviewer")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def desk(tmp_path):
    with Desk(tmp_path / "desk.sqlite3") as opened:
        opened.load_sample()
        yield opened


@pytest.fixture
def dialog(qtbot):
    widget = AnnotationDialog(None, "dug 8 new water wells")
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # shortcuts only fire in the active window
    return widget


# -- the popup --------------------------------------------------------------------------------


def test_dialog_driven_by_keyboard_returns_the_choice(dialog, qtbot):
    assert dialog.severity() == "minor"  # the default
    dialog.category.setFocus()
    qtbot.keyClick(dialog.category, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.category, Qt.Key.Key_Down)
    assert dialog.category.currentData() == "terminology"
    qtbot.keyClick(dialog.category, Qt.Key.Key_3)
    assert dialog.severity() == "major"
    qtbot.keyClicks(dialog.subcategory, "wrong term")
    qtbot.keyClicks(dialog.comment, "Say 'boreholes': 8 wells reads as hand-dug.")
    assert dialog.severity() == "major"  # digits typed into the comment stay text

    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.values() == {"category": "terminology", "subcategory": "wrong term",
                               "severity": "major",
                               "comment": "Say 'boreholes': 8 wells reads as hand-dug."}


def test_keys_one_to_four_pick_each_severity(dialog, qtbot):
    dialog.category.setFocus()
    for number, severity in enumerate(SEVERITIES, start=1):
        qtbot.keyClick(dialog.category, getattr(Qt.Key, f"Key_{number}"))
        assert dialog.severity() == severity


def test_categories_have_names_and_one_line_explanations(dialog):
    combo = dialog.category
    assert [combo.itemData(i) for i in range(combo.count())] == list(CATEGORIES)
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Audience appropriateness (cultural)" in names
    tips = [combo.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(combo.count())]
    assert all(tip and "\n" not in tip for tip in tips)
    combo.setCurrentIndex(combo.findData("audience-appropriateness"))
    assert "local readers" in dialog.category_hint.text()


def test_empty_subcategory_is_none(dialog):
    values = dialog.values()
    assert values["subcategory"] is None and values["comment"] == ""
    assert values["category"] == CATEGORIES[0]


def test_excerpt_is_plain_and_elided(qtbot):
    excerpt = "<b>not bold</b> " + "word " * 80 + "the end"
    dialog = AnnotationDialog(None, excerpt)
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "excerpt")
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text().startswith("“<b>not bold</b>") and label.text().endswith("the end”")
    assert "…" in label.text() and len(label.text()) < 200


def test_elide_middle_keeps_short_text():
    assert elide_middle("short", 10) == "short"
    assert len(elide_middle("x" * 100, 20)) <= 23


def test_ask_returns_the_values_or_none(qtbot):
    def choose_critical_and_accept():
        dialog = QApplication.activeModalWidget()
        dialog.severity_buttons["critical"].click()
        dialog.comment.setPlainText("reads as political")
        dialog.accept()

    QTimer.singleShot(0, choose_critical_and_accept)
    values = AnnotationDialog.ask(None, "comrades")
    assert values == {"category": "accuracy", "subcategory": None, "severity": "critical",
                      "comment": "reads as political"}

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert AnnotationDialog.ask(None, "comrades") is None


# -- the list ---------------------------------------------------------------------------------


@pytest.fixture
def annotated(desk):
    """ZW-004 with three annotations on its draft: one open, one resolved, one deleted."""
    post_id = desk.resolve_post_id("ZW-004")
    text = desk.post(post_id).current_text
    start = text.index("water wells")
    desk.annotate(post_id, REVIEWER, start=start, end=start + len("water wells"), category="terminology",
                  severity="major", comment="Say <b>boreholes</b>")
    desk.annotate(post_id, REVIEWER, start=0, end=9, category="style", severity="minor",
                  comment="fine")
    desk.annotate(post_id, REVIEWER, start=10, end=13, category="fluency", severity="neutral")
    post = desk.post(post_id)
    ids = list(post.annotations)
    desk.resolve_annotation(post_id, REVIEWER, ids[1])
    desk.delete_annotation(post_id, REVIEWER, ids[2])
    return desk.post(post_id), ids


@pytest.fixture
def annotation_list(qtbot):
    widget = AnnotationList()
    widget.resize(520, 240)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def row_texts(widget: AnnotationList, row: int) -> list[str]:
    model = widget.model
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_list_shows_live_annotations_with_excerpts(annotated, annotation_list):
    post, ids = annotated
    annotation_list.show_post(post)
    model = annotation_list.model
    assert model.rowCount() == 2  # the deleted one is gone
    assert row_texts(annotation_list, 0) == ["Minor", "This week", "fine", "Style", "rev 0", "resolved"]
    assert row_texts(annotation_list, 1) == ["Major", "water wells", "Say <b>boreholes</b>", "Terminology",
                                             "rev 0", "open"]
    resolved = model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole)
    assert resolved == QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    tooltip = model.index(1, AnnotationModel.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Major · Terminology · rev 0 · open" in tooltip and "“water wells”" in tooltip
    assert "Tendai: Say &lt;b&gt;boreholes&lt;/b&gt;" in tooltip  # escaped: shows the characters


def test_clicking_a_row_emits_its_id(annotated, annotation_list, qtbot):
    post, ids = annotated
    annotation_list.show_post(post)
    view = annotation_list.view
    rect = view.visualRect(annotation_list.model.index(1, 1))
    with qtbot.waitSignal(annotation_list.annotation_selected) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [ids[0]]
    assert annotation_list.selected_annotation() == ids[0]


def test_resolve_and_delete_buttons_emit_the_selected_id(annotated, annotation_list, qtbot):
    post, ids = annotated
    annotation_list.show_post(post)
    assert not annotation_list.resolve_button.isEnabled()  # nothing selected yet
    annotation_list.view.setCurrentIndex(annotation_list.model.index(1, 0))
    assert annotation_list.resolve_button.isEnabled()

    with qtbot.waitSignal(annotation_list.resolve_requested) as signal:
        qtbot.mouseClick(annotation_list.resolve_button, Qt.MouseButton.LeftButton)
    assert signal.args == [ids[0]]
    with qtbot.waitSignal(annotation_list.delete_requested) as signal:
        qtbot.mouseClick(annotation_list.delete_button, Qt.MouseButton.LeftButton)
    assert signal.args == [ids[0]]

    annotation_list.view.setCurrentIndex(annotation_list.model.index(0, 0))  # already resolved
    assert not annotation_list.resolve_button.isEnabled()
    assert annotation_list.delete_button.isEnabled()


def test_context_menu_actions_emit_too(annotated, annotation_list, qtbot):
    post, ids = annotated
    annotation_list.show_post(post)
    annotation_list.view.setCurrentIndex(annotation_list.model.index(1, 0))
    with qtbot.waitSignal(annotation_list.resolve_requested) as signal:
        annotation_list.resolve_action.trigger()
    assert signal.args == [ids[0]]
    with qtbot.waitSignal(annotation_list.delete_requested):
        annotation_list.delete_action.trigger()


def test_selection_survives_a_refresh_and_clears_with_no_post(desk, annotated, annotation_list):
    post, ids = annotated
    annotation_list.show_post(post)
    annotation_list.view.setCurrentIndex(annotation_list.model.index(1, 0))
    desk.resolve_annotation(post.id, REVIEWER, ids[0])
    annotation_list.show_post(desk.post(post.id))
    assert annotation_list.selected_annotation() == ids[0]
    assert row_texts(annotation_list, 1)[AnnotationModel.STATUS] == "resolved"
    annotation_list.show_post(None)
    assert annotation_list.model.rowCount() == 0 and annotation_list.selected_annotation() is None


def test_annotation_on_a_rewrite_names_its_revision(desk, annotation_list):
    post_id = desk.resolve_post_id("ZW-004")
    desk.rewrite(post_id, REVIEWER, "This week our team drilled 8 new boreholes.")
    desk.annotate(post_id, REVIEWER, start=27, end=42, category="accuracy", severity="critical")
    annotation_list.show_post(desk.post(post_id))
    assert row_texts(annotation_list, 0)[1] == "8 new boreholes"
    assert row_texts(annotation_list, 0)[4:] == ["rev 1", "open"]


def test_model(annotated, qtmodeltester):
    model = AnnotationModel()
    model.set_post(annotated[0])
    qtmodeltester.check(model)


def test_dialog_screenshot(qtbot, tmp_path):
    """Saved to docs/screenshots when SAVE_SCREENSHOTS=1."""
    QApplication.instance().setFont(text_font())
    dialog = AnnotationDialog(None, "钻井队的同志们 — The comrades of the drilling team")
    qtbot.addWidget(dialog)
    dialog.category.setCurrentIndex(dialog.category.findData("audience-appropriateness"))
    dialog.severity_buttons["major"].setChecked(True)
    dialog.comment.setPlainText("'Comrade' reads as party-political in Zimbabwe. Say 'team members'.")
    dialog.show()
    qtbot.wait(50)
    out = SCREENSHOTS if os.environ.get("SAVE_SCREENSHOTS") else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(out / "annotation_dialog.png"))


class _Chinese(QTranslator):
    WORDS = {"Delete": "删除", "Terminology": "术语", "Major": "重大", "Severity": "严重程度"}

    def translate(self, context, source, disambiguation=None, n=-1):
        return self.WORDS.get(source)


def test_list_retranslates(annotated, annotation_list):
    annotation_list.show_post(annotated[0])
    chinese = _Chinese()
    QApplication.instance().installTranslator(chinese)
    try:
        annotation_list.retranslate()
        assert annotation_list.delete_button.text() == "删除"
        assert annotation_list.model.headerData(0, Qt.Orientation.Horizontal) == "严重程度"
        row = row_texts(annotation_list, 1)
        assert row[AnnotationModel.SEVERITY] == "重大" and row[AnnotationModel.CATEGORY] == "术语"
    finally:
        QApplication.instance().removeTranslator(chinese)


def test_subcategory_offers_punctuation_which_mqm_discounts(dialog, qtbot):
    completer = dialog.subcategory.completer()
    completer.setCompletionPrefix("Punc")
    assert completer.currentCompletion() == "punctuation"
    qtbot.keyClicks(dialog.subcategory, "punctuation")
    assert dialog.values()["subcategory"] == "punctuation"
