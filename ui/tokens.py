"""Inline codes drawn as numbered tokens (`<1>`, `</1>`, `<2/>`) in the review pane's views.

A code stays ONE character in the document (a Private Use Area placeholder, see
review/formats/inline_codes.py): the editor moves over it, deletes it and undoes it as one, and
every offset stays a string index. No font has a glyph for it, so it would be drawn as an empty
box. Here a QSyntaxHighlighter gives each placeholder a transparent glyph and letter spacing,
which makes the room the token needs in the layout, and `TokenPainter` paints the token in that
room after the view has drawn its text. (Qt's inline objects, QTextObjectInterface, need the
character to be U+FFFC, which would change the text; QPlainTextDocumentLayout does not draw
them either.)

The token's text is plain text drawn with QPainter.drawText: never markup.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen,
                           QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument)
from PySide6.QtWidgets import QPlainTextEdit

from review.formats.placeholders import PLACEHOLDER, Token
from ui.style import CODE_COLOUR

PADDING = 3.0  # pixels each side of the token's text inside its badge
GAP = 1.5  # pixels between the badge and its neighbours (the text cursor shows in them)
SCALE = 0.8  # the token's font, against the view's
POINT = 5.0  # pixels of an opening or closing token's point


def token_font(font: QFont) -> QFont:
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * SCALE)
    else:
        small.setPixelSize(max(6, round(font.pixelSize() * SCALE)))
    small.setBold(True)
    return small


class TokenHighlighter(QSyntaxHighlighter):
    """Makes the room of each placeholder's token in the layout, and hides its glyph."""

    def __init__(self, document: QTextDocument, view: QPlainTextEdit):
        super().__init__(document)
        self._view = view
        self._tokens: dict[str, Token] = {}
        self._formats: dict[str, QTextCharFormat] = {}

    def tokens(self) -> dict[str, Token]:
        return self._tokens

    def set_tokens(self, tokens: dict[str, Token], redraw: bool = True) -> None:
        """`redraw`=False when the document's text is replaced next (setPlainText highlights
        the new text anyway): the old text is not highlighted again for nothing."""
        if tokens == self._tokens:
            return
        self._tokens, self._formats = tokens, {}
        if redraw:
            self.rehighlight()

    def font_changed(self) -> None:
        """The view's font changed (zoom): the tokens need other room."""
        if self._tokens:
            self._formats = {}
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        if not self._tokens or not PLACEHOLDER.search(text):
            return
        position, previous = 0, 0
        for match in PLACEHOLDER.finditer(text):
            position += _utf16_length(text[previous:match.start()])
            previous = match.start()
            char = match.group()
            if char in self._tokens:
                self.setFormat(position, 1, self._format(char))

    def _format(self, char: str) -> QTextCharFormat:
        found = self._formats.get(char)
        if found is None:
            font = self._view.font()
            glyph = QFontMetricsF(font).horizontalAdvance(char)
            wanted = token_width(self._tokens[char], font)
            found = QTextCharFormat()
            found.setForeground(QColor(Qt.GlobalColor.transparent))
            found.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            found.setFontLetterSpacing(max(0.0, wanted - glyph))
            self._formats[char] = found
        return found


def token_width(token: Token, font: QFont) -> float:
    point = 0.0 if token.shape == "code" else POINT
    return QFontMetricsF(token_font(font)).horizontalAdvance(token.text) + 2 * (PADDING + GAP) \
        + point


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class TokenPainter:
    """Paints the tokens of the blocks on screen, over the room the highlighter made."""

    def __init__(self, view: QPlainTextEdit, highlighter: TokenHighlighter):
        self._view, self._highlighter = view, highlighter
        # The difference view's own formats colour a token (inserted, deleted): read them there
        self.follows_format = False

    def paint(self, clip: QRectF) -> None:
        tokens = self._highlighter.tokens()
        if not tokens:
            return
        view, painter = self._view, None
        selection = view.textCursor()
        marks = _underlines(view)
        offset = view.contentOffset()
        block = view.firstVisibleBlock()
        while block.isValid():
            top = view.blockBoundingGeometry(block).translated(offset)
            if top.top() > clip.bottom():
                break
            text = block.text()
            if block.isVisible() and PLACEHOLDER.search(text):
                for position, token in _tokens_of(text, tokens):
                    where = block.position() + position
                    rect = _token_rect(block, position, top.left(), top.top())
                    if rect is None or not rect.intersects(clip):
                        continue
                    painter = painter or self._painter()
                    selected = selection.selectionStart() <= where < selection.selectionEnd()
                    look = _look(view, where) if self.follows_format else None
                    mark = next((c for start, end, c in marks if start <= where < end), None)
                    self._badge(painter, rect, token, selected, look, mark)
            block = block.next()
        if painter is not None:
            painter.end()

    def _painter(self) -> QPainter:
        painter = QPainter(self._view.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(token_font(self._view.font()))
        return painter

    def _badge(self, painter: QPainter, rect: QRectF, token: Token, selected: bool,
               look: QTextCharFormat | None, mark: QColor | None) -> None:
        palette = self._view.palette()
        accent = QColor(CODE_COLOUR)
        if look is not None and look.hasProperty(QTextCharFormat.Property.ForegroundBrush) \
                and look.foreground().style() != Qt.BrushStyle.NoBrush:
            accent = look.foreground().color()
        if selected:
            fill, ink = palette.color(QPalette.ColorRole.Highlight), \
                palette.color(QPalette.ColorRole.HighlightedText)
        else:
            fill = _mix(accent, palette.color(QPalette.ColorRole.Base), 0.22)
            ink = palette.color(QPalette.ColorRole.Text)
        # a check's finding on the code (added, repeated): its colour, drawn thick, as the
        # wavy underline the badge covers would have said
        painter.setPen(QPen(mark, 2.0) if mark is not None else accent)
        painter.setBrush(fill)
        painter.drawPath(_outline(rect, token.shape))
        painter.setPen(ink)
        inside = rect.adjusted(POINT if token.shape == "close" else 0, 0,
                               -POINT if token.shape == "open" else 0, 0)
        painter.drawText(inside, Qt.AlignmentFlag.AlignCenter, token.text)
        if look is not None and look.fontStrikeOut():  # a code the rewrite deleted
            painter.setPen(accent)
            middle = rect.center().y()
            painter.drawLine(rect.left(), middle, rect.right(), middle)


def _tokens_of(text: str, tokens: dict[str, Token]):
    """(Qt position in the block, token) of each placeholder of `text` that is a code."""
    position, previous = 0, 0
    for match in PLACEHOLDER.finditer(text):
        position += _utf16_length(text[previous:match.start()])
        previous = match.start()
        token = tokens.get(match.group())
        if token is not None:
            yield position, token


def _token_rect(block, position: int, left: float, top: float) -> QRectF | None:
    layout = block.layout()
    line = layout.lineForTextPosition(position)
    if not line.isValid():
        return None
    before, after = line.cursorToX(position)[0], line.cursorToX(position + 1)[0]
    start, end = min(before, after), max(before, after)  # right to left, the other way round
    if end <= start:  # the placeholder is last on its line: to the line's natural end
        end = line.x() + line.naturalTextWidth()
    x = left + layout.position().x() + start + GAP
    y = top + layout.position().y() + line.y() + 1
    return QRectF(x, y, max(4.0, end - start - 2 * GAP), line.height() - 2)


def _underlines(view: QPlainTextEdit) -> list[tuple[int, int, QColor]]:
    """(start, end, colour) of the view's underlined highlights (check findings)."""
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.underlineColor())
            for s in view.extraSelections()
            if s.format.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline]


def _look(view: QPlainTextEdit, position: int) -> QTextCharFormat:
    """The document's own format of the character at `position` (the difference view colours
    insertions and strikes deletions through)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def _outline(rect: QRectF, shape: str) -> QPainterPath:
    """A rounded badge; an opening code's points right (into what it opens), a closing code's
    points left, so the two ends of a pair read apart even at a glance."""
    path = QPainterPath()
    point = min(rect.height() / 3, POINT)
    if shape == "code":
        path.addRoundedRect(rect, 3, 3)
        return path
    l, r, t, b, m = rect.left(), rect.right(), rect.top(), rect.bottom(), rect.center().y()
    if shape == "open":
        path.moveTo(l, t)
        path.lineTo(r - point, t)
        path.lineTo(r, m)
        path.lineTo(r - point, b)
        path.lineTo(l, b)
    else:
        path.moveTo(r, t)
        path.lineTo(l + point, t)
        path.lineTo(l, m)
        path.lineTo(l + point, b)
        path.lineTo(r, b)
    path.closeSubpath()
    return path


def _mix(colour: QColor, base: QColor, amount: float) -> QColor:
    """`amount` of `colour` over `base`, opaque (the hidden glyph must not show through)."""
    return QColor(round(base.red() + (colour.red() - base.red()) * amount),
                  round(base.green() + (colour.green() - base.green()) * amount),
                  round(base.blue() + (colour.blue() - base.blue()) * amount))
