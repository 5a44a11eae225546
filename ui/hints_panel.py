"""The hints panel beside the review pane: checks, glossary, memory, language and history of a post.

It shows `review.hints.collect.PostHints` and a post's events, and says what the reviewer wants
through signals (insert a memory match, dismiss a check, show a span); the main window turns
those into domain calls. All user data (post text, glossary notes, memory units, reasons) goes
into plain-text labels or into QTextDocuments built with cursors, never into HTML, so a note
containing `<b>` shows the characters.

The sections are collapsible boxes in one scroll area rather than tabs or a QToolBox: at
320-420 px a reviewer can keep the checks and the glossary open together and still scroll
to the memory, where tabs would hide all but one.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from review import workflow as wf
from review.hints.collect import PostHints, ShownCheck
from review.hints.glossary import BAD, GlossaryHints, RenderingHit, TermHint
from review.hints.language import UNDETERMINED, primary_subtag, same_language
from review.hints.memory import MemoryMatch
from review.model import Event
from ui.annotations import category_name, severity_name
from ui.messages import LANGUAGE_NAMES, check_text
from ui.dialogs import KeyButton
from ui.textviews import plain_tooltip
from ui.style import DIFF_COLOURS, SEVERITY_COLOURS, TERM_COLOURS, highlight
from ui.times import event_time

MEMORY_SHORTCUTS = 5  # Ctrl+1..5 in the main window insert matches 1..5
_SEVERITY_MARKS = {"error": "●", "warning": "▲", "info": "ℹ"}  # shape as well as colour


# -- small building blocks -----------------------------------------------------------------------


def plain_label(text: str, *, selectable: bool = False, bold: bool = False) -> QLabel:
    """A word-wrapped label that shows `text` literally, whatever characters it holds."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    # A long URL must not widen the whole panel: let the label be narrower than its longest word.
    label.setMinimumWidth(40)
    if selectable:  # costs a text control per label, so only where copying helps
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        make_bold(label)
    return label


def make_bold(widget: QWidget) -> None:
    font = widget.font()
    font.setBold(True)
    widget.setFont(font)


def marker(symbol: str, colour: str, tooltip: str = "") -> QLabel:
    """A coloured symbol in front of a line (severity), with words in its tooltip."""
    label = QLabel(symbol)
    label.setTextFormat(Qt.TextFormat.PlainText)
    set_text_colour(label, QColor(colour))
    label.setToolTip(tooltip)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
    label.setFixedWidth(label.fontMetrics().horizontalAdvance("●") + 6)
    return label


def set_text_colour(widget: QWidget, colour: QColor) -> None:
    # A palette, not a style sheet: style sheets cost a style per widget and ignore dark mode.
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    widget.setPalette(palette)


def greyed(widget: QWidget) -> None:
    """Grey a label's text without disabling it (a disabled widget would swallow clicks)."""
    grey = widget.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    set_text_colour(widget, grey)


def char_format(*, colour: str | None = None, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if colour:
        fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


class TextView(QTextEdit):
    """Read-only text built run by run with QTextCursor and character formats (never HTML:
    the text is user data), exactly as tall as its text so the panel scrolls, not each view.

    One view holds what would otherwise be dozens of labels. Measured on the sample batch,
    showing a post took 50-90 ms with a word-wrapped label per line and 7-15 ms with views
    (the target for "next post" is 50 ms, hints included); and the reader can select and
    copy across lines.
    """

    def __init__(self, object_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.viewport().setAutoFillBackground(False)
        self.document().setDocumentMargin(1)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._first = True

    def clear(self) -> None:
        super().clear()
        self._first = True

    def add_paragraph(self, runs: list[tuple[str, QTextCharFormat | None]], *, indent: int = 0,
                      space_before: int = 0) -> None:
        """Append a paragraph of (text, format) runs; `indent` in pixels."""
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        block = QTextBlockFormat()
        block.setLeftMargin(indent)
        block.setTopMargin(space_before)
        if self._first:
            cursor.setBlockFormat(block)
            self._first = False
        else:
            cursor.insertBlock(block, QTextCharFormat())
        for text, fmt in runs:
            cursor.insertText(text, fmt or QTextCharFormat())

    def add_diff(self, match: MemoryMatch) -> None:
        """A memory unit's source with the differences to the post's source marked."""
        runs = []
        for piece in match.diff:
            if piece.op == "equal":
                runs.append((piece.match, None))
            elif piece.op == "delete":
                # Only in this post's source: struck through, so the reviewer sees what the
                # memory's translation does not cover.
                runs.append((piece.query, _diff_format("delete")))
            else:
                runs.append((piece.match, _diff_format(piece.op)))
        self.add_paragraph(runs)

    def _fit_height(self, size) -> None:
        self.setFixedHeight(math.ceil(size.height()) + 2 * self.frameWidth())


def _diff_format(op: str) -> QTextCharFormat:
    """Colour and a line (under for added or changed words, through for missing ones), so the
    difference does not rest on colour alone."""
    fmt = QTextCharFormat()
    fmt.setBackground(highlight(DIFF_COLOURS[op], 90))
    if op == "delete":
        fmt.setFontStrikeOut(True)
    else:
        fmt.setFontUnderline(True)
    return fmt


class Section(QWidget):
    """A titled part of the panel that folds away; its title carries a count, so a folded
    section still says whether there is something in it."""

    def __init__(self, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.header = QToolButton()
        self.header.setObjectName(f"{object_name}_header")
        self.header.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; Space folds it
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        make_bold(self.header)
        self.header.toggled.connect(self._set_open)
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.header)

    def set_title(self, title: str) -> None:
        self.header.setText(title)

    def set_content(self, content: QWidget) -> None:
        """Replace what the section shows (the old widgets go at once, not at the next event loop)."""
        if content is self.content:
            return
        if self.content is not None:
            # Hidden first: adding it to the layout queued a show, which after setParent(None)
            # would open it as a window of its own (a flash on X, and the main window loses
            # the keyboard) when the content is replaced twice in one pass of the event loop.
            self.content.hide()
            self.content.setParent(None)
            self.content.deleteLater()
        content.setContentsMargins(14, 0, 4, 6)
        self.content = content
        self._layout.addWidget(content)  # parent first: showing a parentless widget opens a window
        content.setVisible(self.header.isChecked())

    def _set_open(self, opened: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        if self.content is not None:
            self.content.setVisible(opened)


def column(*widgets: QWidget, spacing: int = 6) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    for widget in widgets:
        layout.addWidget(widget)
    return holder


@dataclass
class MemoryRow:
    """The widgets of one memory match, filled again for each post."""

    box: QFrame
    score: QLabel
    origin: QLabel
    insert: QPushButton
    text: TextView
    target_text: str = ""


class ClickableRow(QFrame):
    """A row that reports a left click anywhere outside its buttons."""

    clicked = Signal()

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        else:
            super().mouseReleaseEvent(event)


# -- the panel -----------------------------------------------------------------------------------


class HintsPanel(QWidget):
    """Hints and history for the post under review."""

    insert_memory = Signal(str)  # a memory match's translation, to put into the rewrite
    dismiss_requested = Signal(str)  # a check's key; the main window asks for the reason
    span_requested = Signal(str, int, int)  # "source" / "target" / "draft", start, end

    # Event kinds as history lines (translated when shown).
    _EVENT_PHRASES = {
        wf.IMPORTED: QT_TRANSLATE_NOOP("HintsPanel", "imported"),
        wf.DRAFT_UPDATED: QT_TRANSLATE_NOOP("HintsPanel", "imported a new draft"),
        wf.DETAILS_UPDATED: QT_TRANSLATE_NOOP("HintsPanel", "updated the details"),
        wf.OPENED: QT_TRANSLATE_NOOP("HintsPanel", "opened"),
        wf.REWRITTEN: QT_TRANSLATE_NOOP("HintsPanel", "rewrote"),
        wf.GLOSSED: QT_TRANSLATE_NOOP("HintsPanel", "gave the text a back-translation"),
        wf.ANNOTATION_RESOLVED: QT_TRANSLATE_NOOP("HintsPanel", "resolved an annotation"),
        wf.ANNOTATION_DELETED: QT_TRANSLATE_NOOP("HintsPanel", "deleted an annotation"),
        wf.APPROVED_EV: QT_TRANSLATE_NOOP("HintsPanel", "approved"),
        wf.SIGNED_OFF: QT_TRANSLATE_NOOP("HintsPanel", "signed off"),
        wf.EXPORTED_EV: QT_TRANSLATE_NOOP("HintsPanel", "exported"),
    }
    _REASON_PHRASES = {
        wf.REJECTED_EV: QT_TRANSLATE_NOOP("HintsPanel", "rejected: {reason}"),
        wf.CHANGES_REQUESTED_EV: QT_TRANSLATE_NOOP("HintsPanel", "requested changes: {reason}"),
        wf.REOPENED: QT_TRANSLATE_NOOP("HintsPanel", "reopened: {reason}"),
        wf.CHECK_DISMISSED: QT_TRANSLATE_NOOP("HintsPanel", "dismissed a check: {reason}"),
    }
    _UNDO_PHRASES = {
        wf.REWRITTEN: QT_TRANSLATE_NOOP("HintsPanel", "the rewrite"),
        wf.GLOSSED: QT_TRANSLATE_NOOP("HintsPanel", "the back-translation"),
        wf.ANNOTATED: QT_TRANSLATE_NOOP("HintsPanel", "an annotation"),
        wf.ANNOTATION_RESOLVED: QT_TRANSLATE_NOOP("HintsPanel", "resolving an annotation"),
        wf.ANNOTATION_DELETED: QT_TRANSLATE_NOOP("HintsPanel", "deleting an annotation"),
        wf.APPROVED_EV: QT_TRANSLATE_NOOP("HintsPanel", "the approval"),
        wf.REJECTED_EV: QT_TRANSLATE_NOOP("HintsPanel", "the rejection"),
        wf.CHANGES_REQUESTED_EV: QT_TRANSLATE_NOOP("HintsPanel", "the request for changes"),
        wf.REOPENED: QT_TRANSLATE_NOOP("HintsPanel", "reopening"),
        wf.SIGNED_OFF: QT_TRANSLATE_NOOP("HintsPanel", "the sign-off"),
        wf.CHECK_DISMISSED: QT_TRANSLATE_NOOP("HintsPanel", "dismissing a check"),
    }
    _ROLES = {"reviewer": QT_TRANSLATE_NOOP("HintsPanel", "reviewer"),
              "coordinator": QT_TRANSLATE_NOOP("HintsPanel", "coordinator")}
    _TERM_STATUSES = {"preferred": QT_TRANSLATE_NOOP("HintsPanel", "preferred"),
                      "allowed": QT_TRANSLATE_NOOP("HintsPanel", "allowed"),
                      "deprecated": QT_TRANSLATE_NOOP("HintsPanel", "deprecated"),
                      "forbidden": QT_TRANSLATE_NOOP("HintsPanel", "forbidden")}
    _LANGUAGES = LANGUAGE_NAMES  # shared with the translated check messages

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hints_panel")
        self._memory: tuple[MemoryMatch, ...] = ()
        self.checks = Section("checks_section")
        self.glossary = Section("glossary_section")
        self.memory = Section("memory_section")
        self.language = Section("language_section")
        self.history = Section("history_section")
        # Views kept from post to post: only their text changes, nothing is rebuilt.
        self.glossary_view = TextView("glossary_text")
        self.language_view = TextView("language_text")
        self.history_view = TextView("history_text")
        self.glossary.set_content(column(self.glossary_view))
        self.language.set_content(column(self.language_view))
        self.history.set_content(column(self.history_view))
        self._memory_rows: list[MemoryRow] = []
        self._no_memory = plain_label("")
        self._memory_box = column(self._no_memory, spacing=8)
        self.memory.set_content(self._memory_box)
        self._hints: PostHints | None = None
        self._events: list[Event] = []
        self._lay_out()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text again, in the interface language now installed."""
        self.glossary_view.setToolTip(self.tr("✓ the text uses a preferred rendering; ✗ it uses none"))
        self._drop_memory_rows(0)  # built again, with their button and tooltips in the new language
        self.show_hints(self._hints)
        self.show_history(self._events)

    def _lay_out(self) -> None:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
        for section in self.sections():
            layout.addWidget(section)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setMinimumWidth(260)

    def sections(self) -> tuple[Section, ...]:
        # Problems first: they are what a reviewer acts on; the glossary explains them.
        return (self.checks, self.glossary, self.memory, self.language, self.history)

    def focus_chain(self) -> list[QWidget]:
        """Tab order inside the panel, top to bottom: each section's header (it folds the
        section), then its buttons (Dismiss…, Insert)."""
        chain: list[QWidget] = []
        for section in self.sections():
            chain.append(section.header)
            if section.content is not None:
                chain += section.content.findChildren(QPushButton)
        return chain

    def focus_first(self) -> None:
        """The keyboard to the first button of the panel (the first Dismiss… or Insert), else
        to the checks' header."""
        buttons = [w for w in self.focus_chain() if isinstance(w, QPushButton) and w.isVisible()]
        (buttons[0] if buttons else self.checks.header).setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- public API --------------------------------------------------------------------------

    def show_hints(self, hints: PostHints | None) -> None:
        """Show a post's hints (None: no post selected)."""
        self._hints = hints
        if hints is None:
            self._show_no_post()
            return
        self._memory = hints.memory
        self._show_checks(hints)
        self._show_glossary(hints.glossary)
        self._show_memory(hints.memory)
        self._show_language(hints.language)

    def show_history(self, events: list[Event]) -> None:
        """Show a post's events, oldest first, as "12:03 Tendai (reviewer): approved"."""
        self._events = list(events)
        lines = self.history_lines(events)
        self.history.set_title(self.tr("History ({n})").format(n=len(lines)) if lines else self.tr("History"))
        self.history_view.clear()
        for line in lines or [self.tr("No post selected.")]:
            self.history_view.add_paragraph([(line, None)])

    def clear(self) -> None:
        self.show_hints(None)
        self.show_history([])

    def memory_text(self, n: int) -> str | None:
        """The translation of memory match `n` (1-based), for the Ctrl+1..5 shortcuts."""
        return self._memory[n - 1].target_text if 1 <= n <= len(self._memory) else None

    # -- sections ------------------------------------------------------------------------------

    def _show_no_post(self) -> None:
        self._memory = ()
        nothing = self.tr("No post selected.")
        self.checks.set_title(self.tr("Checks"))
        self.checks.set_content(plain_label(nothing))
        self._show_memory(())
        self._no_memory.setText(nothing)
        for section, view, title in ((self.glossary, self.glossary_view, self.tr("Glossary")),
                                     (self.language, self.language_view, self.tr("Language"))):
            section.set_title(title)
            view.clear()
            view.add_paragraph([(nothing, None)])

    # checks

    def _show_checks(self, hints: PostHints) -> None:
        count = hints.open_problems
        self.checks.set_title(self.tr("Checks ({n} open)").format(n=count) if count else self.tr("Checks"))
        rows = [self._check_row(shown) for shown in hints.checks]
        if not rows:
            rows = [plain_label(self.tr("No problems found."))]
        self.checks.set_content(column(*rows))

    def _check_row(self, shown: ShownCheck) -> QWidget:
        result = shown.result
        row = ClickableRow()
        row.setObjectName("check_row")
        row.setProperty("check_key", shown.key)
        mark = marker(_SEVERITY_MARKS.get(result.severity, "●"),
                      SEVERITY_COLOURS.get(result.severity, "#8a8a8a"), self._severity_text(result.severity))
        message = plain_label(check_text(result))
        message.setObjectName("check_message")
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(message)
        if shown.dismissed:
            dismissal = self._dismissal_label(shown.dismissed)
            texts.addWidget(dismissal)
            for widget in (mark, message, dismissal):
                greyed(widget)
        else:
            # Under the message, not beside it: at 320 px a button beside it halves the text.
            texts.addWidget(self._dismiss_button(shown.key), 0, Qt.AlignmentFlag.AlignRight)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
        if result.spans:
            span = result.spans[0]
            row.setCursor(Qt.CursorShape.PointingHandCursor)
            row.setToolTip(self.tr("Click to show where"))
            row.clicked.connect(partial(self.span_requested.emit, span.text, span.start, span.end))
        return row

    def _dismissal_label(self, dismissal: dict[str, str]) -> QLabel:
        label = plain_label(self.tr("dismissed by {who}: {reason}").format(
            who=dismissal.get("by", "?"), reason=dismissal.get("reason", "")))
        label.setObjectName("check_dismissal")
        font = label.font()
        font.setItalic(True)
        label.setFont(font)
        return label

    def _dismiss_button(self, key: str) -> QPushButton:
        button = KeyButton(self.tr("Dismiss…"))
        button.setObjectName("dismiss_button")
        button.setToolTip(self.tr("This finding does not apply here: dismiss it and say why "
                                  "(HQ reads the reason)"))
        button.clicked.connect(partial(self.dismiss_requested.emit, key))
        return button

    def _severity_text(self, severity: str) -> str:
        names = {"error": self.tr("Error"), "warning": self.tr("Warning"), "info": self.tr("Note")}
        return names.get(severity, severity)

    # glossary

    def _show_glossary(self, found: GlossaryHints) -> None:
        terms = _unique_terms(found.terms)
        bad = [hit for hit in found.renderings if hit.status in BAD]
        self.glossary.set_title(self.tr("Glossary ({n})").format(n=len(terms)) if terms
                                else self.tr("Glossary"))
        view = self.glossary_view
        view.clear()
        shown_notes: set[str] = set()
        for n, term in enumerate(terms):
            self._add_term(term, shown_notes, space_before=0 if n == 0 else 8)
        if bad:
            view.add_paragraph([(self.tr("In the text:"), char_format(bold=True))], space_before=10)
            for hit in bad:
                self._add_rendering(hit, shown_notes)
        if not terms and not bad:
            view.add_paragraph([(self.tr("No glossary terms in the source."), None)])

    def _add_term(self, term: TermHint, shown_notes: set[str], space_before: int) -> None:
        if term.dnt and term.expected == (term.term,):
            wanted = self.tr("keep as it is")
        else:
            wanted = " / ".join(term.expected) or self.tr("(no preferred rendering)")
        if term.found:
            mark = ("✓ ", char_format(colour=TERM_COLOURS["preferred"], bold=True))
        elif term.expected:
            mark = ("✗ ", char_format(colour=TERM_COLOURS["forbidden"], bold=True))
        else:
            mark = ("• ", None)
        self.glossary_view.add_paragraph([mark, (f"{term.term} → {wanted}", char_format(bold=True))],
                                         space_before=space_before)
        if term.avoid:
            self._add_indented(self.tr("Avoid: {renderings}").format(renderings=" / ".join(term.avoid)))
        self._add_notes(term.notes, shown_notes)

    def _add_rendering(self, hit: RenderingHit, shown_notes: set[str]) -> None:
        status = self.tr(self._TERM_STATUSES.get(hit.status, hit.status))
        if hit.preferred:
            text = self.tr("“{text}” is {status}; say “{instead}”").format(
                text=hit.text, status=status, instead=" / ".join(hit.preferred))
        else:
            text = self.tr("“{text}” is {status}").format(text=hit.text, status=status)
        mark = ("● ", char_format(colour=TERM_COLOURS.get(hit.status, "#8a8a8a")))
        self.glossary_view.add_paragraph([mark, (text, None)], space_before=4)
        self._add_notes(hit.notes, shown_notes)

    def _add_notes(self, notes: tuple[str, ...], shown_notes: set[str]) -> None:
        """Each cultural note not already shown above (a term's notes and its bad rendering's
        notes are often the same sentence)."""
        for note in notes:
            if note not in shown_notes:
                shown_notes.add(note)
                self._add_indented(note)

    def _add_indented(self, text: str) -> None:
        indent = self.glossary_view.fontMetrics().horizontalAdvance("✗ ")
        self.glossary_view.add_paragraph([(text, None)], indent=indent, space_before=2)

    # memory

    def _show_memory(self, matches: tuple[MemoryMatch, ...]) -> None:
        """The matches in rows kept from post to post: building five rows of widgets anew cost
        4 of the 12 ms of the next post at 100,000 posts."""
        self.memory.set_title(self.tr("Translation memory ({n})").format(n=len(matches))
                              if matches else self.tr("Translation memory"))
        self._no_memory.setText(self.tr("No similar approved posts or memory units."))
        self._drop_memory_rows(len(matches))
        for n, match in enumerate(matches, start=1):
            if n > len(self._memory_rows):
                self._memory_rows.append(self._memory_row(n))
                self._memory_box.layout().insertWidget(n - 1, self._memory_rows[-1].box)
            self._fill_memory_row(self._memory_rows[n - 1], n, match)
        self._no_memory.setVisible(not matches)

    def _drop_memory_rows(self, keep: int) -> None:
        while len(self._memory_rows) > keep:
            row = self._memory_rows.pop()
            row.box.hide()
            row.box.setParent(None)
            row.box.deleteLater()

    def _memory_row(self, n: int) -> MemoryRow:
        score = QLabel()  # not word-wrapped: "1   100%" stays on one line
        score.setTextFormat(Qt.TextFormat.PlainText)
        score.setObjectName("memory_score")
        make_bold(score)
        score.setToolTip(self.tr("Match {n}: how similar the memory's source is to this post's source")
                         .format(n=n))
        origin = plain_label("")
        origin.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        row = MemoryRow(QFrame(), score, origin, self._insert_button(n), TextView("memory_match_text"))
        row.insert.clicked.connect(lambda: self.insert_memory.emit(row.target_text))
        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(score)
        header.addWidget(origin, 1)
        header.addWidget(row.insert)
        row.text.setToolTip(self.tr("The memory's source, its differences to this post's source marked "
                                    "(struck through: only in this post), then its translation"))
        row.box.setObjectName("memory_match")
        row.box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(row.box)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(3)
        layout.addLayout(header)
        layout.addWidget(row.text)
        return row

    def _fill_memory_row(self, row: MemoryRow, n: int, match: MemoryMatch) -> None:
        row.score.setText(f"{n}   {match.score:.0f}%")
        row.origin.setText(self._origin_text(match.origin))
        row.origin.setToolTip(plain_tooltip(match.origin))
        row.target_text = match.target_text
        row.text.clear()
        row.text.add_diff(match)
        row.text.add_paragraph([(match.target_text, None)], space_before=4)

    def _origin_text(self, origin: str) -> str:
        """Where a unit came from: a TMX file's name, or "post:ID" for an approved post."""
        if origin.startswith("post:"):
            return self.tr("approved post {id}").format(id=origin.removeprefix("post:"))
        return origin

    def _insert_button(self, n: int) -> QPushButton:
        button = KeyButton(self.tr("Insert"))
        button.setObjectName(f"insert_memory_{n}")
        if n <= MEMORY_SHORTCUTS:
            keys = QKeySequence(f"Ctrl+{n}").toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(self.tr("Insert this translation into the rewrite ({keys})").format(keys=keys))
        return button

    # language

    def _show_language(self, language: dict) -> None:
        expected = language.get("expected", {})
        names = {"source": self.tr("Source"), "draft": self.tr("Draft"), "rewrite": self.tr("Rewrite")}
        self.language_view.clear()
        mismatches, tips = 0, []
        for which, name in names.items():
            found = language.get(which)
            if not found:
                continue
            want = expected.get("source" if which == "source" else "target", "")
            text, ok = self._language_line(name, found, want)
            mismatches += ok is False
            colour = SEVERITY_COLOURS["error"] if ok is False else None
            self.language_view.add_paragraph([(text, char_format(colour=colour))])
            tips.append(self.tr("{text}: {confidence:.0%} sure ({detector})").format(
                text=name, confidence=found.get("confidence", 0), detector=found.get("detector", "?")))
        self.language_view.setToolTip("\n".join(tips))
        self.language.set_title(self.tr("Language") + (" ✗" if mismatches else ""))

    def _language_line(self, name: str, found: dict, want: str) -> tuple[str, bool | None]:
        """"Draft: English (en), expected English ✓"; ok is None when undetermined."""
        code = found.get("detected", UNDETERMINED)
        if code == UNDETERMINED:
            return self.tr("{text}: undetermined, expected {expected}").format(
                text=name, expected=self._language_name(want)), None
        ok = same_language(want, code)
        text = self.tr("{text}: {language} ({code}), expected {expected}").format(
            text=name, language=self._language_name(code), code=code, expected=self._language_name(want))
        return text + (" ✓" if ok else " ✗"), ok

    def _language_name(self, tag: str) -> str:
        code = primary_subtag(tag) if tag else ""
        name = self._LANGUAGES.get(code)
        return self.tr(name) if name else (code or "?")

    # history

    def history_lines(self, events: list[Event]) -> list[str]:
        cancelled = wf.cancelled_ids(events)
        by_id = {e.id: e for e in events}
        lines = []
        for event in events:
            who = f"{event.actor} ({self.tr(self._ROLES.get(event.role, event.role))})"
            line = f"{event_time(event.at)} {who}: {self._describe(event, by_id)}"
            if event.id in cancelled:
                line += " " + self.tr("(undone)")
            lines.append(line)
        return lines

    def _describe(self, event: Event, by_id: dict[str, Event]) -> str:
        payload = event.payload
        if event.kind == wf.UNDONE:
            return self._describe_undo(payload, by_id)
        if event.kind in self._REASON_PHRASES:
            return self.tr(self._REASON_PHRASES[event.kind]).format(reason=payload.get("reason", ""))
        if event.kind == wf.ANNOTATED:
            return self.tr("annotated: {severity} {category}").format(
                severity=severity_name(payload.get("severity", "")).lower(),
                category=category_name(payload.get("category", "")))
        if event.kind == wf.APPROVED_EV and payload.get("despite"):
            despite = payload["despite"]
            return self.tr("approved despite open errors: %1").replace(
                "%1", "; ".join(str(item) for item in despite))
        if event.kind == wf.APPROVED_EV and payload.get("state") == wf.AWAITING_SIGNOFF:
            return self.tr("approved (awaiting sign-off)")
        phrase = self._EVENT_PHRASES.get(event.kind)
        return self.tr(phrase) if phrase else event.kind

    def _describe_undo(self, payload: dict, by_id: dict[str, Event]) -> str:
        kind = payload.get("kind")
        if kind == wf.UNDONE:  # an undo of an undo is a redo
            original = by_id.get(payload.get("target", ""))
            inner = original.payload.get("kind") if original else None
            return self.tr("redid {action}").format(action=self._undo_object(inner))
        return self.tr("undid {action}").format(action=self._undo_object(kind))

    def _undo_object(self, kind: str | None) -> str:
        phrase = self._UNDO_PHRASES.get(kind or "")
        return self.tr(phrase) if phrase else self.tr("an action")


def _unique_terms(terms: tuple[TermHint, ...]) -> list[TermHint]:
    """One row per term, though the source may use it several times."""
    seen: dict[str, TermHint] = {}
    for term in terms:
        seen.setdefault(term.term.casefold(), term)
    return list(seen.values())
