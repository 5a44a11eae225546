"""Inline codes of CAT files drawn as numbered tokens in the review pane (issue 14): one
character each in the document, a token `<1>` / `</1>` / `<2/>` on screen, copied as the token's
text, and Ctrl+T puts a missing one back."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication

from review import Desk
from review.formats.placeholders import Token, tokened
from tests.helpers import COORD
from ui.review_pane import ReviewPane
from ui.textviews import CODES_MIME
from ui.style import CODE_COLOUR
from ui.tokens import _mix, token_width

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="app" source-language="en" target-language="fr" datatype="plaintext">
  <body>
   <trans-unit id="menu">
    <source>Select <g id="1">Edit Root</g> in the <bpt id="2">&lt;cite&gt;</bpt>Input<ept id="2">&lt;/cite&gt;</ept> menu <x id="3" equiv-text="{{ n }}"/>.</source>
    <target>Choisissez <g id="1">Modifier la racine</g> dans le menu <bpt id="2">&lt;cite&gt;</bpt>Entrée<ept id="2">&lt;/cite&gt;</ept> <x id="3" equiv-text="{{ n }}"/>.</target>
   </trans-unit>
  </body>
 </file>
</xliff>
"""
DRAFT_TOKENS = "Choisissez <1>Modifier la racine</1> dans le menu <2>Entrée</2> <3/>."


@pytest.fixture
def desk(tmp_path):
    path = tmp_path / "menu.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    with Desk(tmp_path / "desk.sqlite3", backups=False) as opened:
        opened.import_batch(path, platform="facebook", actor=COORD)
        yield opened


@pytest.fixture
def pane(qtbot, desk):
    widget = ReviewPane()
    qtbot.addWidget(widget)
    widget.resize(1400, 600)
    widget.show()
    qtbot.waitExposed(widget)
    post_id = desk.resolve_post_id("menu")
    widget.show_post(desk.post(post_id), desk.hints(post_id))
    return widget


def placeholders(pane) -> list[str]:
    return [c for c in pane.draft_view.text() if 0xE000 <= ord(c) <= 0xF8FF]


def test_each_code_has_a_numbered_token_open_and_close_apart(pane):
    tokens = pane.draft_view.tokens()
    # g (a wrapping element), memoQ-style bpt/ept (two elements that pair by id) and x
    assert [tokens[c] for c in placeholders(pane)] == [
        Token(1, "open"), Token(1, "close"), Token(2, "open"), Token(2, "close"), Token(3, "code")]
    assert tokened(pane.draft_view.text(), pane._post.codes) == DRAFT_TOKENS
    # every view of the post's text uses the same numbers
    for view in (pane.source_view, pane.rewrite_edit, pane.diff_view, pane.back_translation_edit):
        assert view.tokens() == tokens


def test_the_document_keeps_one_character_per_code(pane):
    draft = pane.draft_view
    assert draft.document().characterCount() - 1 == len(draft.text())
    assert len(placeholders(pane)) == 5
    assert draft.document().toRawText() == draft.text()


def test_a_token_takes_its_room_and_is_painted(pane, qtbot):
    """The layout gives the placeholder the token's width, and the badge is drawn there (the
    pixels of the token's room are not the background any more)."""
    view = pane.draft_view
    first = view.text().index(placeholders(pane)[0])
    cursor = QTextCursor(view.document())
    cursor.setPosition(first)
    left = view.cursorRect(cursor)
    cursor.setPosition(first + 1)
    right = view.cursorRect(cursor)
    wanted = token_width(Token(1, "open"), view.font())
    assert right.y() == left.y()
    assert abs((right.x() - left.x()) - wanted) <= 2, (right.x() - left.x(), wanted)
    image = view.viewport().grab().toImage()
    fill = _mix(QColor(CODE_COLOUR), view.palette().base().color(), 0.22).rgb()
    badge = [(x, y) for x in range(left.x(), right.x()) for y in range(left.y(), left.bottom())
             if image.pixel(x, y) == fill]
    assert len(badge) > (right.x() - left.x()) * left.height() // 3


def test_cursor_steps_over_a_token_and_backspace_deletes_it_whole(pane, qtbot):
    edit = pane.rewrite_edit
    edit.setFocus()
    draft = pane.draft_view.text()
    pane.insert_into_rewrite(draft)
    opening = draft.index(placeholders(pane)[0])
    cursor = edit.textCursor()
    cursor.setPosition(opening)
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_Right)
    assert edit.textCursor().position() == opening + 1  # one step over the whole token
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert pane.rewrite_text() == draft[:opening] + draft[opening + 1:]
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pane.rewrite_text() == draft  # undo brings the code back, whole


def test_insert_missing_code_puts_the_next_one_at_the_cursor(pane, desk, qtbot):
    post_id = pane.post_id()
    pane.rewrite_edit.setFocus()
    qtbot.keyClicks(pane.rewrite_edit, "Choisissez ")
    codes = pane._post.codes
    inserted = [pane.insert_missing_code()]
    qtbot.keyClicks(pane.rewrite_edit, "Modifier")
    inserted.append(pane.insert_missing_code())
    qtbot.keyClicks(pane.rewrite_edit, " dans ")
    inserted += [pane.insert_missing_code() for _ in range(3)]
    qtbot.keyClicks(pane.rewrite_edit, ".")
    assert pane.insert_missing_code() is None  # nothing left to insert
    assert tokened(pane.rewrite_text(), codes) == "Choisissez <1>Modifier</1> dans <2></2><3/>."
    assert inserted == placeholders(pane)
    checks = desk.hints(post_id, pane.rewrite_text()).checks
    assert "placeholders" not in [c.result.id for c in checks]
    # Qt joins a character typed right after an insertion to it in one undo step: the code
    # goes with the "." (never half of it)
    pane.rewrite_edit.undo()
    assert tokened(pane.rewrite_text(), codes) == "Choisissez <1>Modifier</1> dans <2></2>"


def test_an_inserted_code_is_undone_whole(pane, qtbot):
    pane.rewrite_edit.setFocus()
    qtbot.keyClicks(pane.rewrite_edit, "Choisissez ")
    pane.insert_missing_code()
    assert tokened(pane.rewrite_text(), pane._post.codes) == "Choisissez <1>"
    qtbot.keyClick(pane.rewrite_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pane.rewrite_text() == "Choisissez "
    qtbot.keyClick(pane.rewrite_edit, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tokened(pane.rewrite_text(), pane._post.codes) == "Choisissez <1>"


def test_insert_missing_code_wraps_the_selection_with_a_pair(pane, qtbot):
    pane.rewrite_edit.setFocus()
    qtbot.keyClicks(pane.rewrite_edit, "Choisissez Modifier")
    cursor = pane.rewrite_edit.textCursor()
    cursor.setPosition(len("Choisissez "))
    cursor.setPosition(len("Choisissez Modifier"), QTextCursor.MoveMode.KeepAnchor)
    pane.rewrite_edit.setTextCursor(cursor)
    pane.insert_missing_code()
    assert tokened(pane.rewrite_text(), pane._post.codes) == "Choisissez <1>Modifier</1>"


def test_the_check_finds_a_code_missing_before_ctrl_t(pane, desk, qtbot):
    pane.rewrite_edit.setFocus()
    qtbot.keyClicks(pane.rewrite_edit, "Choisissez le menu.")
    checks = desk.hints(pane.post_id(), pane.rewrite_text()).checks
    assert "placeholders" in [c.result.id for c in checks]


def test_copy_gives_other_programs_the_tokens_and_the_rewrite_the_codes(pane, qtbot):
    draft = pane.draft_view
    draft.selectAll()
    draft.copy()
    clipboard = QApplication.clipboard().mimeData()
    assert clipboard.text() == DRAFT_TOKENS  # no private-use character leaves the program
    assert not clipboard.hasHtml()
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in clipboard.text())
    pane.rewrite_edit.setFocus()
    pane.rewrite_edit.paste()
    assert pane.rewrite_text() == draft.text()  # the same post: the codes themselves


def test_a_paste_from_another_post_or_program_is_plain_text(pane):
    other = QMimeData()
    other.setText("Autre <1>texte</1>")
    other.setData(CODES_MIME, json.dumps({"codes": "another post", "text": "\ue000x\ue001"}).encode())
    pane.rewrite_edit.setFocus()
    pane.rewrite_edit.insertFromMimeData(other)
    assert pane.rewrite_text() == "Autre <1>texte</1>"  # its placeholders mean nothing here


def test_the_difference_view_shows_tokens_and_marks_a_deleted_one(pane, qtbot):
    draft = pane.draft_view.text()
    without = draft.replace(placeholders(pane)[4], "")
    pane.insert_into_rewrite(without)
    qtbot.waitUntil(lambda: pane.diff_view.text() != "", timeout=2000)
    assert pane.diff_view.tokens()[placeholders(pane)[4]] == Token(3, "code")
    assert placeholders(pane)[4] in pane.diff_view.text()  # the deletion shows the code


def test_tooltip_names_the_token_and_shows_the_markup_as_text(pane):
    draft = pane.draft_view.text()
    note = pane.draft_view.tooltip_at_offset(draft.index(placeholders(pane)[2]))
    assert "<2>" in note and "<bpt id=\"2\">&lt;cite&gt;</bpt>" in note


def test_ctrl_t_in_the_window_inserts_the_codes_and_approval_asks_nothing(qtbot, tmp_path, messages):
    """The whole path in the main window, keys only: Review > Insert missing inline code
    (Ctrl+T) fills in the codes, the check clears, Ctrl+S saves, and the database holds them."""
    from ui.startup import open_main_window

    path = tmp_path / "menu.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    with Desk(tmp_path / "desk.sqlite3") as desk:
        desk.set_profile("Tendai", "reviewer", ["en", "fr"], "en")
        desk.load_sample()  # the window loads it on a first start otherwise
        desk.import_batch(path, platform="facebook", actor=COORD)
        post_id = desk.resolve_post_id("menu")
    window = open_main_window(QApplication.instance(), tmp_path / "desk.sqlite3")
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.queue.select_post(post_id)
    qtbot.waitUntil(lambda: window.post is not None and window.post.id == post_id)
    action = window.actions.insert_code
    assert action.shortcut().toString() == "Ctrl+T" and action.isEnabled()
    assert action in window.menus["review"].actions()
    window.focus_rewrite()
    edit = window.pane.rewrite_edit
    qtbot.keyClicks(edit, "Menu ")
    for _ in range(5):
        qtbot.keyClick(edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is edit
    qtbot.keyClick(edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # none left
    assert "No inline code is missing" in window.statusBar().currentMessage()
    codes = window.post.codes
    assert tokened(window.pane.rewrite_text(), codes) == "Menu <1></1><2></2><3/>"
    qtbot.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.desk.post(post_id).has_rewrite)
    stored = window.desk.post(post_id)
    assert stored.current_text == window.pane.rewrite_text()
    assert "placeholders" not in [c.result.id for c in window.desk.hints(post_id).checks]


def test_other_places_show_tokens_or_what_the_codes_stand_for(desk):
    """The annotation list's excerpt shows the numbered tokens; the platform preview shows the
    published text (a code as what it stands for, its equiv-text, else nothing)."""
    from review.model import Actor
    from ui.annotations import _annotation_rows

    post_id = desk.resolve_post_id("menu")
    post = desk.post(post_id)
    start = post.draft.text.index("Modifier") - 1
    desk.annotate(post_id, Actor("Tendai", "reviewer"), start=start,
                  end=start + len("_Modifier la racine_"), category="style", severity="minor",
                  comment="", revision=0)
    rows = _annotation_rows(desk.post(post_id))
    assert [excerpt for _, _, excerpt in rows] == ["<1>Modifier la racine</1>"]
    preview = desk.preview_post(desk.post(post_id))
    assert preview.text == "Choisissez Modifier la racine dans le menu Entrée {{ n }}."


def test_a_repeated_code_is_framed_in_the_checks_colour(pane, desk, qtbot):
    """The badge covers the wavy underline of a finding on the code: its frame says it."""
    from ui.style import SEVERITY_COLOURS

    code, view = placeholders(pane)[4], pane.rewrite_edit
    red = QColor(SEVERITY_COLOURS["error"])

    def red_pixels(text: str, offset: int) -> tuple[int, int]:
        """Pixels of the check's colour in the token at `offset` once `text` is checked."""
        assert pane.rewrite_text() == text
        pane.show_hints(desk.hints(pane.post_id(), text), text)
        image = view.viewport().grab().toImage()
        cursor = QTextCursor(view.document())
        cursor.setPosition(offset)
        left = view.cursorRect(cursor)
        cursor.setPosition(offset + 1)
        right = view.cursorRect(cursor)
        return sum(1 for x in range(left.x(), right.x() + 1)
                   for y in range(left.y(), left.bottom() + 1)
                   if _distance(QColor(image.pixel(x, y)), red) < 60), right.x() - left.x()

    once = f"Menu {code}."
    pane.insert_into_rewrite(once)
    found, width = red_pixels(once, once.index(code))
    assert found == 0  # kept once: no finding, the code's own colour
    pane.rewrite_edit.selectAll()
    twice = f"Menu {code} et {code}."
    pane.rewrite_edit.insertPlainText(twice)
    for offset in (twice.index(code), twice.rindex(code)):
        found, width = red_pixels(twice, offset)
        assert found > width, offset  # at least its top and bottom lines


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def test_a_bigger_font_gives_the_tokens_more_room(pane):
    view = pane.draft_view
    first = view.text().index(placeholders(pane)[0])

    def room() -> int:
        cursor = QTextCursor(view.document())
        cursor.setPosition(first)
        left = view.cursorRect(cursor).x()
        cursor.setPosition(first + 1)
        return view.cursorRect(cursor).x() - left

    before = room()
    view.zoomIn(6)
    assert room() > before
    assert abs(room() - token_width(Token(1, "open"), view.font())) <= 2


def test_at_exit_the_clipboard_keeps_the_tokens_as_qts_own_text(pane):
    """What runs before Python ends (a QMimeData made in Python must not outlive it)."""
    from ui.textviews import _release_clipboard

    pane.draft_view.selectAll()
    pane.draft_view.copy()
    assert QApplication.clipboard().mimeData().hasFormat(CODES_MIME)
    _release_clipboard()
    assert QApplication.clipboard().text() == DRAFT_TOKENS
    assert not QApplication.clipboard().mimeData().hasFormat(CODES_MIME)
