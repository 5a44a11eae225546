"""Plain-text views with highlighted spans, for the review pane.

Every offset these helpers take or give is a Python string index (a code point), the unit the
domain uses for glossary hits, check spans and annotations. Qt documents count UTF-16 code
units (an emoji outside the BMP is two) and turn "\\r\\n" into one paragraph break, so each view
converts at its boundary and nothing else has to think about it.

User text only ever goes in as plain text (setPlainText, QTextCursor.insertText); tooltips are
escaped, because QToolTip would otherwise render a note that happens to look like HTML.
"""
from __future__ import annotations

import atexit
import hashlib
import html
import json
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (QClipboard, QColor, QGuiApplication, QTextCharFormat, QTextCursor,
                           QTextFormat)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QTextEdit, QToolTip, QWidget

from review.formats.placeholders import code_tokens, tokened
from review.textdiff import diff_segments
from ui.style import DIFF_COLOURS, highlight, text_font
from ui.tokens import TokenHighlighter, TokenPainter

# Which kind of hint a highlight shows ("term", "rendering", "check", "annotation"), kept on its
# format so tests and tools can tell the highlights apart.
KIND_PROPERTY = QTextFormat.Property.UserProperty + 1

# Qt's separators mean "new line" in a plain-text post.
_SEPARATORS = {0x2029: "\n", 0x2028: "\n"}
# What a view puts on the clipboard beside plain text when the selection holds inline codes:
# the text with its placeholders and which post's codes they are, so that a paste into the same
# post's rewrite gets the codes back (another program gets the numbered tokens as plain text).
CODES_MIME = "application/x-review-desk-text"


def qt_positions(text: str) -> list[int]:
    """The Qt document position of every Python index of `text`, plus one for its end."""
    positions, position, previous = [0], 0, ""
    for char in text:
        if not (char == "\n" and previous == "\r"):  # Qt makes "\r\n" a single break
            position += 2 if ord(char) > 0xFFFF else 1
        positions.append(position)
        previous = char
    return positions


def python_offset(positions: list[int], position: int) -> int:
    """The Python index at Qt `position` (inside a surrogate pair: the character's start)."""
    return max(0, bisect_right(positions, position) - 1)


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip that shows every character as typed, and wraps long notes."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


@dataclass(frozen=True)
class Highlight:
    """A span [start, end) of a view's text: a background, a wavy underline, a tooltip."""

    start: int
    end: int
    kind: str
    background: QColor | None = None
    underline: QColor | None = None
    tooltip: str = ""

    def char_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if self.background is not None:
            fmt.setBackground(self.background)
        if self.underline is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            fmt.setUnderlineColor(self.underline)
        if self.tooltip:
            fmt.setToolTip(self.tooltip)  # read back by tooltip_at_offset, never shown raw
        fmt.setProperty(KIND_PROPERTY, self.kind)
        return fmt


class TextView(QPlainTextEdit):
    """A plain-text view (read-only unless `editable`) with highlights and their tooltips.

    Highlights are ExtraSelections: their cursors belong to the document, so in an editable
    view they move with the reviewer's typing instead of pointing at the wrong words.
    """

    focused = Signal()

    def __init__(self, parent: QWidget | None = None, *, editable: bool = False):
        super().__init__(parent)
        self._editable = editable
        self._text = ""
        self.setReadOnly(not editable)
        self.setUndoRedoEnabled(editable)
        if not editable:  # keyboard-first: a reviewer selects a span to annotate with Shift+arrows
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                         | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setTabChangesFocus(True)  # a tab has no place in a post; Tab moves on instead
        self._codes: dict = {}
        self._codes_key = ""
        self._token_highlighter = TokenHighlighter(self.document(), self)
        self._token_painter = TokenPainter(self, self._token_highlighter)
        self.setFont(text_font())

    # -- text ----------------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        self._text = text
        self.setExtraSelections([])
        self.setPlainText(text)

    def text(self) -> str:
        """The text as a Python string: what was set, or (editable) what the reviewer typed.

        Read from the raw document, because toPlainText() turns no-break spaces into spaces
        (French puts one before '%' and '!').
        """
        if not self._editable:
            return self._text
        return self.document().toRawText().translate(_SEPARATORS)

    def _positions(self) -> list[int]:
        return qt_positions(self.text())

    # -- inline codes as tokens ----------------------------------------------------------------

    def set_codes(self, codes: "CodesShown", redraw: bool = True) -> None:
        """The inline codes of the post shown: each placeholder is drawn as its numbered token
        (ui/tokens.py) and copied as the token's text. `redraw`=False: the text is set next."""
        self._codes, self._codes_key = codes.codes, codes.key
        self._token_highlighter.set_tokens(codes.tokens, redraw)

    def tokens(self) -> dict:
        """placeholder -> Token, of the codes set (what the view draws)."""
        return self._token_highlighter.tokens()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        highlighter = getattr(self, "_token_highlighter", None)  # (None while being built)
        if event.type() == QEvent.Type.FontChange and highlighter is not None:
            highlighter.font_changed()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        self._token_painter.paint(QRectF(event.rect()))

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt's name
        """With inline codes: plain text only (Qt would add HTML holding the placeholders), each
        placeholder as its token's text (`<1>`), and, for a paste into this post's rewrite, the
        text as it is."""
        if not self._codes:
            return super().createMimeDataFromSelection()
        raw = self.textCursor().selectedText().translate(_SEPARATORS)
        data = QMimeData()
        _release_at_exit()
        data.setText(tokened(raw, self._codes))
        data.setData(CODES_MIME, json.dumps({"codes": self._codes_key, "text": raw}).encode())
        return data

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        """A copy from this post's views keeps its codes; anything else comes as plain text."""
        raw = _text_with_codes(source, self._codes_key)
        if raw is None:
            super().insertFromMimeData(source)
            return
        self.textCursor().insertText(raw)
        self.ensureCursorVisible()

    # -- highlights and their tooltips -----------------------------------------------------

    def set_highlights(self, highlights: Iterable[Highlight]) -> None:
        positions = self._positions()
        limit = len(positions) - 1
        selections = []
        for item in highlights:
            if not 0 <= item.start < item.end <= limit:
                continue  # a span that does not fit this text is dropped, never misplaced
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor(positions[item.start], positions[item.end])
            selection.format = item.char_format()
            selections.append(selection)
        self.setExtraSelections(selections)

    def highlighted(self, kind: str | None = None) -> list[tuple[int, int, str]]:
        """(start, end, text) of each highlight of `kind` (all when None), in Python offsets."""
        positions, text = self._positions(), self.text()
        found = []
        for selection in self.extraSelections():
            if kind is None or selection.format.property(KIND_PROPERTY) == kind:
                start = python_offset(positions, selection.cursor.selectionStart())
                end = python_offset(positions, selection.cursor.selectionEnd())
                found.append((start, end, text[start:end]))
        return found

    def tooltip_at_offset(self, offset: int) -> str:
        """The notes of every highlight covering the character at Python `offset`."""
        positions = self._positions()
        if not 0 <= offset < len(positions) - 1:
            return ""
        position = positions[offset]
        notes = [s.format.toolTip() for s in self.extraSelections()
                 if s.cursor.selectionStart() <= position < s.cursor.selectionEnd()]
        return "\n\n".join(dict.fromkeys(n for n in notes if n))

    def tooltip_at(self, point: QPoint) -> str:
        """The notes under `point` (viewport coordinates)."""
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        if point.x() < self.cursorRect(cursor).x() and position > 0:
            position -= 1  # the pointer is over the character before the nearest boundary
        return self.tooltip_at_offset(python_offset(self._positions(), position))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            note = self.tooltip_at(event.pos())
            if note:
                QToolTip.showText(event.globalPos(), plain_tooltip(note), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # -- selection -------------------------------------------------------------------------

    def selected_range(self) -> tuple[int, int] | None:
        """[start, end) of the selection in Python offsets, or None without a selection."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        positions = self._positions()
        return (python_offset(positions, cursor.selectionStart()),
                python_offset(positions, cursor.selectionEnd()))

    def select_range(self, start: int, end: int) -> None:
        """Select [start, end) (Python offsets) and scroll so that it can be seen."""
        positions = self._positions()
        start = min(max(start, 0), len(positions) - 1)
        end = min(max(end, start), len(positions) - 1)
        self.setTextCursor(self._cursor(positions[end], positions[end]))
        self.ensureCursorVisible()
        self.setTextCursor(self._cursor(positions[start], positions[end]))
        self.ensureCursorVisible()  # the start wins when the span is taller than the view

    def _cursor(self, anchor: int, position: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(anchor)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focused.emit()


_RELEASE = []


def _release_at_exit() -> None:
    """A QMimeData made in Python and left on the clipboard may be deleted by Qt after Python
    has ended, which crashes the process as it exits (seen with the offscreen platform the tests
    use; the xcb window ended cleanly): before Python ends, the clipboard gets the same text as
    Qt's own data (what other programs read once Review Desk is closed; only the codes for a
    paste back into the rewrite are dropped, with nobody left to paste)."""
    if not _RELEASE:
        _RELEASE.append(True)
        atexit.register(_release_clipboard)


def _release_clipboard() -> None:
    clipboard = QGuiApplication.clipboard() if QGuiApplication.instance() else None
    if clipboard is None:
        return
    for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
        data = clipboard.mimeData(mode)
        if data is not None and data.hasFormat(CODES_MIME):
            clipboard.setText(data.text(), mode)


class CodesShown:
    """A post's inline codes as the views use them: the codes, their numbered tokens, and a
    key that tells this post's codes from another's on the clipboard. Made once per post."""

    def __init__(self, codes: dict | None):
        self.codes = codes or {}
        self.tokens = code_tokens(self.codes)
        self.key = hashlib.sha256(json.dumps(self.codes, sort_keys=True).encode()
                                  ).hexdigest() if self.codes else ""


def _text_with_codes(source: QMimeData, codes_key: str) -> str | None:
    if not codes_key or not source.hasFormat(CODES_MIME):
        return None
    try:
        found = json.loads(bytes(source.data(CODES_MIME)).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(found, dict) or found.get("codes") != codes_key \
            or not isinstance(found.get("text"), str):
        return None  # another post's codes: their placeholders mean other codes here
    return found["text"]


# -- the difference view -------------------------------------------------------------------

def _diff_format(op: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if op == "equal":
        return fmt
    colour = DIFF_COLOURS[op]
    fmt.setForeground(QColor(colour))
    fmt.setBackground(highlight(colour, 40))
    if op == "insert":
        fmt.setFontUnderline(True)
    else:
        fmt.setFontStrikeOut(True)
    return fmt


class DiffView(TextView):
    """Read-only: the rewrite against the HQ draft, insertions green underlined, deletions
    red struck through. Built piece by piece with insertText, never from markup."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._token_painter.follows_format = True  # a deleted code is struck through, red

    def show_difference(self, old: str, new: str) -> list[tuple[str, str]]:
        segments = diff_segments(old, new)
        self.set_text("")
        cursor = QTextCursor(self.document())
        for op, piece in segments:
            cursor.insertText(piece, _diff_format(op))
        self._text = "".join(piece for _, piece in segments)
        return segments


class ElidedLabel(QLabel):
    """A one-line label that never widens the window (status bar, headers): a text longer than
    the room it has is cut with "…", and the whole text is in its tooltip. `text()` is the whole
    text. Plain text (batch names and language codes come from files)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._full = ""

    def sizeHint(self) -> QSize:  # noqa: N802 - the whole text, when there is room for it
        hint = super().sizeHint()
        margins = self.contentsMargins()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + margins.left()
                     + margins.right() + 4, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - "…" and a little
        return QSize(self.fontMetrics().horizontalAdvance("………"), super().minimumSizeHint().height())

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self.setToolTip(plain_tooltip(text) if text else "")
        self._elide()
        self.updateGeometry()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, self.width()))
        super().setText(shown)
