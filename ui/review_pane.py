"""The review pane: one post's source, HQ draft and the reviewer's rewrite.

It shows the domain (glossary terms, check findings and annotations as highlights, the
difference to the draft, the platform length) and reports what the reviewer types; it never
touches storage. The main window saves what `unfinished_changed` carries with
`Desk.save_unfinished` for the post `post_id()` names at that moment, and saves a rewrite with
`Desk.rewrite` when the reviewer asks.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QLocale, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCursor
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from review.hints import Span
from review.hints.collect import PostHints, ShownCheck
from review.hints.glossary import RenderingHit, TermHint
from review.formats.placeholders import PLACEHOLDER, Token, as_markup, missing_placeholders
from review.formats.placeholders import shown as published_text
from review.hints.length import length_info
from review.languages import primary
from review.model import Annotation, PostState
from ui.annotations import category_name, severity_name
from ui.media_strip import MediaStrip
from ui.messages import check_text, language_name
from ui.preview_panel import PreviewPanel
from ui.style import ANNOTATION_COLOURS, SEVERITY_COLOURS, TERM_COLOURS, highlight
from ui.textviews import CodesShown, DiffView, ElidedLabel, Highlight, TextView, plain_tooltip
from ui.times import event_time

AUTOSAVE_MS = 700  # typing is saved this long after the reviewer pauses...
AUTOSAVE_MAX_MS = 1000  # ...and never later than this after the first unsaved keystroke
DIFF_MS = 150  # the difference view waits for a pause: a long post's diff is not free
LAYOUTS = ("side", "stacked")
VIEWS = ("source", "draft", "rewrite")
SETTINGS_GROUP = "ReviewPane"

# Splitter proportions before the reviewer drags anything: (outer, rewrite|difference).
_DEFAULT_SIZES = {"side": ([1000, 1000, 1000], [600, 400]),
                  "stacked": ([700, 700, 1400], [1000, 1000])}
LOWER_TABS = ("difference", "preview")  # what shares the place under (or beside) the rewrite
translate = QCoreApplication.translate  # the name pyside6-lupdate looks for, context "ReviewPane"

_PLATFORM_NAMES = {"x": "X", "facebook": "Facebook", "linkedin": "LinkedIn",
                   "youtube": "YouTube"}


class ReviewPane(QWidget):
    """Source, HQ draft and rewrite of one post, side by side or stacked."""

    unfinished_changed = Signal(str, str)  # rewrite text, back-translation: save as unfinished
    rewrite_edited = Signal()  # every change the reviewer makes to the rewrite or its gloss

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._post: PostState | None = None
        self._hints: PostHints | None = None
        self._checked_text = ""  # the text `_hints` checked: the saved one, or one being typed
        self._loading = False  # text set by the pane itself is not the reviewer's typing
        self._pending = False  # typing not yet handed to unfinished_changed
        self._pending_since = QElapsedTimer()
        self._last_view = "draft"
        self._codes_shown = CodesShown(None)
        self._mode = "side"
        self._sizes = {mode: sizes for mode, sizes in _DEFAULT_SIZES.items()}
        self._build()
        self._connect()
        self._apply_layout("side")
        self.clear()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.source_view = TextView(self)
        self.draft_view = TextView(self)
        self.rewrite_edit = TextView(self, editable=True)
        self.back_translation_edit = TextView(self, editable=True)
        self.back_translation_edit.setFixedHeight(_lines_height(self.back_translation_edit, 2))
        self.diff_view = DiffView(self)
        self._set_placeholders()
        self.length_label = _plain_label(self)
        self.length_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.length_label.setWordWrap(True)  # "389 / 280 (X) · 109 over" in a narrow column
        self.notice_label = _plain_label(self)
        self.notice_label.setWordWrap(True)
        self.notice_label.setAutoFillBackground(True)
        self.notice_label.setContentsMargins(6, 3, 6, 3)
        self._tint(self.notice_label, QPalette.ColorRole.Window,
                   highlight(SEVERITY_COLOURS["info"], 50))
        self.notice_label.hide()
        self.gloss_note = _plain_label(self)  # only the back-translation changed: what happens
        self.gloss_note.setWordWrap(True)
        self.gloss_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.gloss_note.hide()
        # HQ's notes and the notes other tools wrote in a CAT file (Angular's description...):
        # the context the reviewer needs, a few lines under the source; all of it in the tooltip
        self.notes_label = _plain_label(self)
        self.notes_label.setWordWrap(True)
        self.notes_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.notes_label.hide()
        self._headers = {name: _header_label(self) for name in VIEWS + ("back", "diff")}
        for name, widget in (("source_view", self.source_view), ("draft_view", self.draft_view),
                             ("rewrite_edit", self.rewrite_edit),
                             ("back_translation_edit", self.back_translation_edit),
                             ("diff_view", self.diff_view), ("length_label", self.length_label),
                             ("restored_notice", self.notice_label), ("gloss_note", self.gloss_note),
                             ("notes_label", self.notes_label)):
            widget.setObjectName(name)

        rewrite_box = _column(self._headers["rewrite"], self.notice_label, self.rewrite_edit,
                              self.length_label, self._headers["back"], self.back_translation_edit,
                              self.gloss_note, stretch=self.rewrite_edit)
        self.rewrite_splitter = QSplitter(self)
        self.rewrite_splitter.addWidget(rewrite_box)
        self.preview_panel = PreviewPanel(self)  # the post as its platform folds it
        self.preview_panel.setObjectName("preview_panel")
        self.lower_tabs = QTabWidget(self)  # a tab each: the rewrite keeps its height
        self.lower_tabs.setObjectName("lower_tabs")
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.setElideMode(Qt.TextElideMode.ElideRight)  # a narrow column stays narrow
        self.lower_tabs.setUsesScrollButtons(True)
        self.lower_tabs.setMinimumWidth(72)  # below its tabs' width: they scroll
        self.lower_tabs.addTab(_column(self._headers["diff"], self.diff_view), "")
        self.lower_tabs.addTab(self.preview_panel, "")
        self.rewrite_splitter.addWidget(self.lower_tabs)
        self._set_tab_texts()
        self.splitter = QSplitter(self)
        self.media_strip = MediaStrip(self)  # the post's pictures, under its source
        self.splitter.addWidget(_column(self._headers["source"], self.source_view,
                                        self.notes_label, self.media_strip,
                                        stretch=self.source_view))
        self.splitter.addWidget(_column(self._headers["draft"], self.draft_view))
        self.splitter.addWidget(self.rewrite_splitter)
        for splitter in (self.splitter, self.rewrite_splitter):
            splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._autosave_timer = _single_shot(self, AUTOSAVE_MS, self.flush)
        self._diff_timer = _single_shot(self, DIFF_MS, self._update_diff)

    def _connect(self) -> None:
        self.rewrite_edit.textChanged.connect(self._on_rewrite_changed)
        self.back_translation_edit.textChanged.connect(self._on_back_translation_changed)
        for name, view in self._views().items():
            view.focused.connect(lambda name=name: self._remember_view(name))
            view.selectionChanged.connect(
                lambda name=name, view=view: self._on_selection(name, view))

    def _views(self) -> dict[str, TextView]:
        return {"source": self.source_view, "draft": self.draft_view, "rewrite": self.rewrite_edit}

    # -- showing a post ------------------------------------------------------------------------

    def post_id(self) -> str | None:
        """The post shown: the one a pending `unfinished_changed` belongs to."""
        return self._post.id if self._post else None

    def show_post(self, post: PostState | None, hints: PostHints | None,
                  unfinished: dict | None = None) -> None:
        """Show `post`; `unfinished` (Desk.unfinished) is offered instead of its latest rewrite.

        Showing another post first flushes pending typing (for the post still shown). Showing
        the same post again (after an annotation, a decision, an undo) refreshes the highlights
        and keeps what the reviewer is typing; `unfinished` only counts for a newly shown post.
        """
        if post is None:
            self.clear()
            return
        same = self._post is not None and self._post.id == post.id
        if not same:
            self.flush()
        old_saved = _saved_state(self._post) if same else None
        self._post = post
        self._hints = hints if hints is not None and hints.post_id == post.id else None
        self._checked_text = post.current_text
        with self._loading_text():
            self._set_headers(post)
            self._set_codes(post.codes, redraw=same)
            self.source_view.set_text(post.source_text)
            self.draft_view.set_text(post.draft.text)
            if same:
                self._follow_saved_rewrite(post, old_saved)
            else:
                self._load_editor(post, unfinished)
        self._set_editable(True)
        self._show_notes(post)
        self._show_highlights()
        self._update_length()
        self._update_diff()
        self._update_gloss_note()

    def show_hints(self, hints: PostHints, checked_text: str) -> None:
        """Hints computed for `checked_text` (what the reviewer typed, not saved yet): their
        findings are drawn in the rewrite while it still holds that text."""
        if self._post is None or hints.post_id != self._post.id:
            return
        self._hints, self._checked_text = hints, checked_text
        self._show_highlights()

    def clear(self) -> None:
        """Show no post (flushing pending typing first)."""
        self.flush()
        self._post = self._hints = None
        with self._loading_text():
            self._set_headers(None)
            self._set_codes(None)
            for view in self._text_views():
                view.set_text("")
        self.notice_label.hide()
        self.gloss_note.hide()
        self._show_notes(None)
        self.length_label.clear()
        self.length_label.setToolTip("")
        self._tint(self.length_label, QPalette.ColorRole.WindowText, None)
        self._set_editable(False)

    def _text_views(self) -> tuple[TextView, ...]:
        return (self.source_view, self.draft_view, self.rewrite_edit, self.back_translation_edit,
                self.diff_view)

    def _set_codes(self, codes: dict | None, redraw: bool = False) -> None:
        """Every view that may hold the post's text draws its inline codes as numbered tokens
        (the back-translation too: a reviewer may copy the rewrite into it, codes and all).
        Without `redraw`, every view's text is set next (a new post, or none)."""
        if codes != self._codes_shown.codes:
            self._codes_shown = CodesShown(codes)  # numbered once for the five views
        for view in self._text_views():
            view.set_codes(self._codes_shown, redraw)

    def _load_editor(self, post: PostState, unfinished: dict | None) -> None:
        saved, restored = _saved_state(post), _unfinished_state(unfinished)
        if restored is not None and not _same_state(restored, saved):
            self._set_editor(*restored)
            self._show_notice(unfinished.get("at"))
        else:
            self._set_editor(*saved)
            self.notice_label.hide()
        self.rewrite_edit.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on at the end

    def _follow_saved_rewrite(self, post: PostState, old_saved: tuple[str, str]) -> None:
        """The same post again: what the reviewer is typing stays; with nothing typed the editor
        follows the post's latest rewrite (after an undo, say)."""
        new_saved = _saved_state(post)
        editor = self._editor_state()
        if _same_state(editor, old_saved):
            at = self.rewrite_edit.textCursor().position()
            self._set_editor(*new_saved)
            self._put_cursor(at if _same_state(new_saved, old_saved) else None)
        elif _same_state(editor, new_saved) and not _same_state(old_saved, new_saved):
            self._drop_pending()  # the typing was just saved as the rewrite: nothing unfinished
        if _same_state(self._editor_state(), new_saved):
            self.notice_label.hide()  # what was restored is saved now (or was taken back)

    def _put_cursor(self, at: int | None) -> None:
        """Where typing goes on after the editor's text was set again: where it was when the
        text is the same (a decision on the post shown), else at the end of the new text (a
        package or an undo brought another rewrite), never before it, as setting it leaves it."""
        cursor = self.rewrite_edit.textCursor()
        if at is None or at >= self.rewrite_edit.document().characterCount():
            cursor.movePosition(QTextCursor.MoveOperation.End)
        else:
            cursor.setPosition(at)
        self.rewrite_edit.setTextCursor(cursor)

    def _set_editor(self, text: str, back_translation: str) -> None:
        self.rewrite_edit.set_text(text)
        self.back_translation_edit.set_text(back_translation)

    def _show_notice(self, at: str | None) -> None:
        when = event_time(at) if at else ""
        if when:
            text = self.tr("Restored the rewrite you had not saved ({time})").format(time=when)
        else:
            text = self.tr("Restored the rewrite you had not saved")
        self.notice_label.setText(text)
        self.notice_label.show()

    def retranslate(self) -> None:
        """After the interface language changed."""
        self._set_placeholders()
        self._set_headers(self._post)
        self.preview_panel.retranslate()
        self._set_tab_texts()

    def _set_tab_texts(self) -> None:
        self.lower_tabs.setTabText(0, self.tr("Difference"))
        self.lower_tabs.setTabText(1, self.tr("Preview"))

    def lower_tab(self) -> str:
        """"difference" or "preview": which one shares the rewrite's column now."""
        return LOWER_TABS[max(self.lower_tabs.currentIndex(), 0)]

    def show_lower_tab(self, name: str) -> None:
        self.lower_tabs.setCurrentIndex(LOWER_TABS.index(name))

    def _set_placeholders(self) -> None:
        self.rewrite_edit.setPlaceholderText(self.tr("Rewrite the draft here…"))
        self.back_translation_edit.setPlaceholderText(
            self.tr("Plain gloss of your rewrite for HQ (optional)"))
        self.diff_view.setPlaceholderText(
            self.tr("As you rewrite, the changes to the HQ draft show here."))

    def _set_headers(self, post: PostState | None) -> None:
        langs = (post.source_lang, post.target_lang, post.target_lang) if post else (None,) * 3
        titles = (self.tr("Source"), self.tr("HQ draft"), self.tr("Rewrite"))
        for name, title, lang in zip(VIEWS, titles, langs):
            self._headers[name].setText(f"{title} · {_language_name(lang)}" if lang else title)
        self._headers["back"].setText(self.tr("Back-translation for HQ"))
        self._headers["diff"].setText(self.tr("Difference to the HQ draft"))

    def _show_notes(self, post: PostState | None) -> None:
        lines = [self.tr("HQ: %1").replace("%1", post.notes.strip())] if post and post.notes \
            and post.notes.strip() else []
        for note in post.tool_notes if post else ():
            origin = "/".join(filter(None, (note.get("from"), note.get("category"))))
            lines.append(f"{origin}: {note.get('text', '')}" if origin else note.get("text", ""))
        text = "\n".join(lines)
        self.notes_label.setText(_first_lines(text, 3, 240))
        self.notes_label.setToolTip(plain_tooltip(text) if text else "")
        self.notes_label.setVisible(bool(text))

    def _set_editable(self, editable: bool) -> None:
        self.rewrite_edit.setEnabled(editable)
        self.back_translation_edit.setEnabled(editable)

    @contextmanager
    def _loading_text(self):
        """Text the pane sets itself is not the reviewer's typing: no autosave, no signals."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False

    # -- highlights ----------------------------------------------------------------------------

    def _show_highlights(self) -> None:
        """Glossary terms, check findings and annotations, each in the view its span is in."""
        found: dict[str, list[Highlight]] = {name: [] for name in VIEWS}
        texts = {"source": self._post.source_text, "draft": self._post.draft.text,
                 "rewrite": self.rewrite_text()}
        for name, text in texts.items():
            found[name] += code_highlights(text, self._post.codes, self.draft_view.tokens())
        self._add_hint_highlights(found)
        for annotation in self._post.annotations.values():
            view = self._annotation_view(annotation)
            if view and annotation.status != "deleted":
                found[view].append(_annotation_highlight(annotation))
        for name, view in self._views().items():
            view.set_highlights(_drawing_order(found[name]))

    def _add_hint_highlights(self, found: dict[str, list[Highlight]]) -> None:
        hints, target = self._hints, self._target_view()
        if hints is None:
            return
        found["source"] += [_term_highlight(t) for t in hints.glossary.terms]
        if target:
            found[target] += [_rendering_highlight(r) for r in hints.glossary.renderings]
        where = {"source": "source", "draft": "draft", "target": target}
        for shown in hints.checks:
            for span in () if shown.dismissed else shown.result.spans:
                if where.get(span.text):
                    found[where[span.text]].append(_check_highlight(shown, span))

    def _target_view(self) -> str | None:
        """The view holding the text the hints checked, if any does: the rewrite editor while
        it holds that text (saved or being typed), or the draft while nothing is rewritten."""
        post, hints = self._post, self._hints
        if hints is None:
            return None
        editor = self.rewrite_text().replace("\r\n", "\n").rstrip()  # trailing spaces move no span
        if editor and editor == self._checked_text:
            return "rewrite"
        if not editor.strip() and not post.has_rewrite and hints.checked == "draft":
            return "draft"
        return None  # hints of another text: their spans would be misplaced

    def _annotation_view(self, annotation: Annotation) -> str | None:
        post = self._post
        if annotation.revision_id == post.draft.id:
            return "draft"
        if post.has_rewrite and annotation.revision_id == post.current_revision.id \
                and self.rewrite_text() == post.current_text:
            return "rewrite"
        return None  # an older revision: not on screen

    # -- the rewrite -------------------------------------------------------------------------

    def rewrite_text(self) -> str:
        return self.rewrite_edit.text()

    def back_translation(self) -> str:
        return self.back_translation_edit.text()

    def has_unsaved_rewrite(self) -> bool:
        """Whether Save would store something: a non-empty rewrite whose text differs from the
        post's current text (its latest rewrite, or HQ's draft). A back-translation alone is
        not a revision (`gloss_only_change`)."""
        if self._post is None or not self.rewrite_text().strip():
            return False
        return _normal(self.rewrite_text()) != _normal(self._post.current_text)

    def gloss_only_change(self) -> bool:
        """Whether only the back-translation differs from the current revision's: Save gives
        that revision the new back-translation (no new revision)."""
        if self._post is None or not self.rewrite_text().strip() or self.has_unsaved_rewrite():
            return False
        saved = self._post.current_revision.back_translation or ""
        return _normal(self.back_translation()) != _normal(saved)

    def insert_into_rewrite(self, text: str) -> None:
        """Replace the selection (or insert at the cursor) with `text`; an empty rewrite is
        filled with it. One undo step; saved like typing."""
        if self._post is None:
            return
        cursor = self.rewrite_edit.textCursor()
        cursor.beginEditBlock()
        if not self.rewrite_text().strip():
            cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.rewrite_edit.setTextCursor(cursor)

    def insert_missing_code(self) -> str | None:
        """Put the first inline code the rewrite lacks (in the draft's order, else the source's)
        at the cursor, one undo step; with a selection, an opening code whose closing code is
        missing too wraps it. Returns the placeholder inserted, or None when none is missing."""
        post = self._post
        if post is None or not post.codes:
            return None
        text = self.rewrite_text()
        if not text.strip():
            text = ""  # an empty rewrite starts from the code (insert_into_rewrite fills it)
        missing = missing_placeholders(text, post.source_text, post.draft.text, post.codes)
        if not missing:
            return None
        code, tokens = missing[0], self.rewrite_edit.tokens()
        opening = tokens.get(code)
        closing = next((c for c in missing if opening is not None and opening.shape == "open"
                        and tokens.get(c) == Token(opening.number, "close")), None)
        cursor = self.rewrite_edit.textCursor()
        if closing and cursor.hasSelection() and text:
            selected = cursor.selectedText().replace("\u2029", "\n")
            self.insert_into_rewrite(code + selected + closing)
        else:
            self.insert_into_rewrite(code)
        return code

    def focus_rewrite(self) -> None:
        self.rewrite_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_chain(self) -> tuple[list[QWidget], list[QWidget]]:
        """Tab order: (the rewrite and its back-translation), (source, draft, difference)."""
        return [self.rewrite_edit, self.back_translation_edit], \
            [self.source_view, *self.media_strip.buttons(), self.draft_view,
             self.lower_tabs.tabBar(), self.diff_view,
             self.preview_panel.platform_box, self.preview_panel.screen_box,
             self.preview_panel.view]

    def _editor_state(self) -> tuple[str, str]:
        return self.rewrite_text(), self.back_translation()

    def _on_rewrite_changed(self) -> None:
        self._update_length()
        if not self._loading:
            self._diff_timer.start()
            self._on_typed()

    def _on_back_translation_changed(self) -> None:
        if not self._loading:
            self._on_typed()

    def _on_typed(self) -> None:
        self._update_gloss_note()
        self.rewrite_edited.emit()
        self._schedule_autosave()

    def has_unsaved_changes(self) -> bool:
        """Whether Save would store something: a changed text, or a changed back-translation."""
        return self.has_unsaved_rewrite() or self.gloss_only_change()

    def _update_gloss_note(self) -> None:
        if self.gloss_only_change():
            self.gloss_note.setText(self.tr(
                "Only the back-translation changed: Save (Ctrl+S) gives revision %1 this "
                "back-translation; the text stays as it is.").replace(
                "%1", str(self._post.current_revision.number)))
        self.gloss_note.setVisible(self.gloss_only_change())

    # -- autosave ------------------------------------------------------------------------------

    def _schedule_autosave(self) -> None:
        """Debounce, but never fall more than AUTOSAVE_MAX_MS behind: a reviewer who types
        without a pause still has their work saved every second."""
        if not self._pending:
            self._pending = True
            self._pending_since.start()
            self._autosave_timer.start(AUTOSAVE_MS)
            return
        left = AUTOSAVE_MAX_MS - self._pending_since.elapsed()
        self._autosave_timer.start(max(0, min(AUTOSAVE_MS, left)))

    def flush(self) -> None:
        """Hand pending typing to `unfinished_changed` now (on post change and on close)."""
        if not self._pending:
            return
        self._drop_pending()
        self.unfinished_changed.emit(self.rewrite_text(), self.back_translation())

    def _drop_pending(self) -> None:
        """Forget pending typing (it is saved some other way), without emitting it."""
        self._pending = False
        self._autosave_timer.stop()

    # -- length and difference ---------------------------------------------------------------

    def _update_length(self) -> None:
        if self._post is None:
            return
        text = self.rewrite_text()
        counting_draft = not text.strip()
        counted = self._post.draft.text if counting_draft else text
        info = length_info(self._post.platform, published_text(counted, self._post.codes))
        over = info["limit"] is not None and info["count"] > info["limit"]
        self.length_label.setText(_length_text(info, counting_draft))
        self.length_label.setToolTip(_length_tooltip(info))
        self.length_label.setProperty("overLimit", over)
        colour = QColor(SEVERITY_COLOURS["error"]) if over else None
        self._tint(self.length_label, QPalette.ColorRole.WindowText, colour)

    def _update_diff(self) -> None:
        self._diff_timer.stop()
        text = self.rewrite_text()
        if self._post is None or not text.strip():
            self.diff_view.set_text("")
            return
        self.diff_view.show_difference(self._post.draft.text, text)

    @staticmethod
    def _tint(label: QLabel, role: QPalette.ColorRole, colour: QColor | None) -> None:
        """Colour one palette role of `label`; None goes back to the inherited palette (so
        light and dark themes keep their own text colour)."""
        palette = QPalette() if colour is None else label.palette()
        if colour is not None:
            palette.setColor(role, colour)
        label.setPalette(palette)

    # -- selections ----------------------------------------------------------------------------

    def selected_span(self) -> tuple[str, int, int] | None:
        """("draft" | "rewrite" | "source", start, end) of the selection the reviewer means:
        in the view with focus, else the one last focused, else any; Python offsets."""
        views = self._views()
        focused = [name for name, view in views.items() if view.hasFocus()]
        for name in dict.fromkeys(focused + [self._last_view, "draft", "rewrite", "source"]):
            selected = views[name].selected_range()
            if selected and selected[0] < selected[1]:
                return (name, *selected)
        return None

    def select_span(self, which: str, start: int, end: int) -> None:
        """Select [start, end) (Python offsets) of "source", "draft" or "rewrite" and show it."""
        if which not in VIEWS:
            raise ValueError(f"select_span: {which!r} is not one of {', '.join(VIEWS)}")
        self._views()[which].select_range(start, end)
        self._last_view = which

    def _remember_view(self, name: str) -> None:
        self._last_view = name

    def _on_selection(self, name: str, view: TextView) -> None:
        if view.textCursor().hasSelection():
            self._last_view = name  # a mouse selection in an unfocused view still counts

    # -- layout ------------------------------------------------------------------------------

    def layout_mode(self) -> str:
        return self._mode

    def set_layout_mode(self, mode: str) -> None:
        """"side": source, draft and rewrite in three columns; "stacked": in three rows."""
        if mode not in LAYOUTS:
            raise ValueError(f"layout mode {mode!r}: use one of {', '.join(LAYOUTS)}")
        if mode != self._mode:
            self._remember_sizes()
            self._apply_layout(mode)

    def _apply_layout(self, mode: str) -> None:
        self._mode = mode
        side = mode == "side"
        # The difference view sits under the rewrite in a column and beside it in a row.
        self.splitter.setOrientation(Qt.Orientation.Horizontal if side else Qt.Orientation.Vertical)
        self.rewrite_splitter.setOrientation(Qt.Orientation.Vertical if side
                                             else Qt.Orientation.Horizontal)
        outer, inner = self._sizes[mode]
        self.splitter.setSizes(outer)
        self.rewrite_splitter.setSizes(inner)

    def _remember_sizes(self) -> None:
        outer, inner = self.splitter.sizes(), self.rewrite_splitter.sizes()
        if sum(outer) and sum(inner):  # a pane never shown has no sizes worth keeping
            self._sizes[self._mode] = (outer, inner)

    def save_state(self, settings: QSettings) -> None:
        self._remember_sizes()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("layout", self._mode)
        settings.setValue("lower_tab", self.lower_tab())
        for mode, (outer, inner) in self._sizes.items():
            settings.setValue(f"{mode}/sizes", _join_ints(outer))
            settings.setValue(f"{mode}/rewrite_sizes", _join_ints(inner))
        settings.endGroup()

    def restore_state(self, settings: QSettings) -> None:
        """Layout mode and splitter sizes; missing or damaged values keep the defaults."""
        settings.beginGroup(SETTINGS_GROUP)
        for mode in LAYOUTS:
            outer = _split_ints(settings.value(f"{mode}/sizes"), 3)
            inner = _split_ints(settings.value(f"{mode}/rewrite_sizes"), 2)
            if outer and inner:
                self._sizes[mode] = (outer, inner)
        mode = settings.value("layout", self._mode)
        lower = settings.value("lower_tab", "difference")
        settings.endGroup()
        self.show_lower_tab(lower if lower in LOWER_TABS else "difference")
        self._apply_layout(mode if mode in LAYOUTS else self._mode)


# -- helpers: highlights -------------------------------------------------------------------

def _term_highlight(term: TermHint) -> Highlight:
    """A source term: green when the text uses a rendering the glossary wants; amber when it
    does not, or when the glossary only says what to avoid (a formula to drop, say)."""
    status = "preferred" if term.found is not None else "deprecated"
    lines = [term.term]
    if term.dnt:
        lines.append(translate("ReviewPane", "Keep it as it is (do not translate)."))
    elif term.expected:
        lines.append(translate("ReviewPane", "Say: {renderings}").format(
            renderings=", ".join(term.expected)))
    if term.avoid:
        lines.append(translate("ReviewPane", "Avoid: {renderings}").format(
            renderings=", ".join(term.avoid)))
    return Highlight(term.start, term.end, "term", highlight(TERM_COLOURS[status]),
                     tooltip="\n".join(lines + list(term.notes)))


def _rendering_highlight(hit: RenderingHit) -> Highlight:
    lines = [translate("ReviewPane", "'{text}': {status} rendering").format(
        text=hit.text, status=_status_name(hit.status))]
    if hit.status in ("deprecated", "forbidden") and hit.preferred:
        lines.append(translate("ReviewPane", "Say: {renderings}").format(
            renderings=", ".join(hit.preferred)))
    colour = TERM_COLOURS.get(hit.status, TERM_COLOURS["allowed"])
    return Highlight(hit.start, hit.end, "rendering", highlight(colour),
                     tooltip="\n".join(lines + list(hit.notes)))


def code_highlights(text: str, codes: dict, tokens: dict[str, Token]) -> list[Highlight]:
    """Each placeholder of an inline code (one character: the editor moves over it and deletes
    it whole, and the view draws it as its numbered token) as a highlight without colour, for
    its tooltip: the token, the code's label and its markup, as plain text."""
    found = []
    for match in PLACEHOLDER.finditer(text) if tokens else ():
        code = codes.get(match.group())
        if code is not None and match.group() in tokens:
            tip = translate("ReviewPane", "Inline code {token} ({label}): keep it once, where it "
                            "belongs (Ctrl+T puts the next missing code at the cursor).").format(
                token=tokens[match.group()].text, label=code["label"])
            # no background: the view paints the token's badge (ui/tokens.py); this is its tooltip
            found.append(Highlight(match.start(), match.end(), "code",
                                   tooltip="\n".join(filter(None, [tip, as_markup(match.group(), codes)]))))
    return found


def _check_highlight(shown: ShownCheck, span: Span) -> Highlight:
    colour = QColor(SEVERITY_COLOURS.get(shown.result.severity, SEVERITY_COLOURS["info"]))
    return Highlight(span.start, span.end, "check", underline=colour, tooltip=check_text(shown.result))


def _annotation_highlight(annotation: Annotation) -> Highlight:
    resolved = annotation.status == "resolved"
    title = translate("ReviewPane", "Annotation: {category}, {severity}").format(
        category=category_name(annotation.category), severity=severity_name(annotation.severity))
    if resolved:
        title += " " + translate("ReviewPane", "(resolved)")
    colour = ANNOTATION_COLOURS.get(annotation.severity, ANNOTATION_COLOURS["neutral"])
    # A resolved annotation stays visible, faintly: it explains why the text reads as it does.
    return Highlight(annotation.start, annotation.end, "annotation",
                     highlight(colour, 35 if resolved else 90),
                     tooltip="\n".join(filter(None, [title, annotation.comment])))


def _drawing_order(highlights: list[Highlight]) -> list[Highlight]:
    """Glossary backgrounds first, annotations over them, underlines on top."""
    order = {"code": 0, "term": 0, "rendering": 0, "annotation": 1, "check": 2}
    return sorted(highlights, key=lambda h: order[h.kind])


def _status_name(status: str) -> str:
    names = {"preferred": translate("ReviewPane", "preferred"),
             "allowed": translate("ReviewPane", "allowed"),
             "deprecated": translate("ReviewPane", "deprecated"),
             "forbidden": translate("ReviewPane", "forbidden")}
    return names.get(status, status)


# -- helpers: length -----------------------------------------------------------------------

def _platform_name(platform: str) -> str:
    if platform == "youtube-title":
        return translate("ReviewPane", "YouTube title")
    return _PLATFORM_NAMES.get(platform, platform)


def _length_text(info: dict, counting_draft: bool) -> str:
    count, limit, name = info["count"], info["limit"], _platform_name(info["platform"])
    text = f"{count} / {limit} ({name})" if limit is not None else f"{count} ({name})"
    if limit is not None and count > limit:
        text += " · " + translate("ReviewPane", "{over} over").format(over=count - limit)
    if counting_draft:
        text += " · " + translate("ReviewPane", "HQ draft")
    return text


def _length_tooltip(info: dict) -> str:
    count, limit, name = info["count"], info["limit"], _platform_name(info["platform"])
    if limit is None:
        return translate("ReviewPane", "Length of the post; no limit is known for {platform}."
                         ).format(platform=name)
    if info["platform"] == "x":
        rule = translate("ReviewPane", "X counts each Chinese, Japanese or Korean character "
                         "and each emoji as 2, and every link as 23.")
    else:
        rule = translate("ReviewPane", "{platform} counts characters.").format(platform=name)
    if count > limit:
        summary = translate("ReviewPane", "Too long for {platform}: {count} counted, the limit "
                            "is {limit}. Shorten it by {over}.").format(
            platform=name, count=count, limit=limit, over=count - limit)
    else:
        summary = translate("ReviewPane", "Length as {platform} counts it; the limit is {limit}."
                            ).format(platform=name, limit=limit)
    return summary + "\n" + rule


# -- helpers: state, time, settings, widgets -----------------------------------------------

def _saved_state(post: PostState | None) -> tuple[str, str]:
    """What the editor shows for a post with nothing unfinished: its latest rewrite, or nothing."""
    if post is None or not post.has_rewrite:
        return "", ""
    return post.current_text, post.current_revision.back_translation or ""


def _unfinished_state(unfinished: dict | None) -> tuple[str, str] | None:
    if not unfinished or not (unfinished.get("text") or "").strip():
        return None
    return unfinished["text"], unfinished.get("back_translation") or ""


def _same_state(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Equal as a saved rewrite would be (Desk.rewrite strips; Qt has no "\\r\\n")."""
    if a is None or b is None:
        return a is b
    return all(_normal(x) == _normal(y) for x, y in zip(a, b))


def _normal(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _language_name(lang: str) -> str:
    """"zh-CN (Chinese)", with the name in the interface's language where we have it."""
    name = language_name(lang)
    if name != primary(lang):
        return f"{lang} ({name})"
    locale = QLocale(lang)
    if locale.language() == QLocale.Language.C:
        return lang
    return f"{lang} ({QLocale.languageToString(locale.language())})"


def _join_ints(values: Iterable[int]) -> str:
    return ",".join(str(int(v)) for v in values)


def _split_ints(value, count: int) -> list[int] | None:
    """Sizes saved by save_state; None for anything else (a damaged or foreign setting)."""
    try:
        values = [int(v) for v in str(value).split(",")]
    except ValueError:
        return None
    return values if len(values) == count and all(v >= 0 for v in values) and sum(values) else None


def _first_lines(text: str, lines: int, characters: int) -> str:
    """At most `lines` lines and `characters` characters of `text`, "…" where it was cut."""
    kept = "\n".join(text.splitlines()[:lines])[:characters]
    return kept if kept == text else kept.rstrip() + "…"


def _plain_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # language codes and platforms come from files
    return label


def _header_label(parent: QWidget) -> QLabel:
    label = ElidedLabel(parent)  # "Source · zh-CN (Chinese)" must not hold a column wide
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def _column(*widgets: QWidget, stretch: QWidget | None = None) -> QWidget:
    """Widgets one under the other; `stretch` (default: the last) takes the spare height."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.setSpacing(3)
    stretch = stretch or widgets[-1]
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return box


def _lines_height(view: TextView, lines: int) -> int:
    """The height that shows `lines` lines of `view`'s font, whatever the screen's DPI."""
    margins = view.contentsMargins()
    document = 2 * view.document().documentMargin()
    return int(view.fontMetrics().lineSpacing() * lines + document
               + margins.top() + margins.bottom() + 2 * view.frameWidth())


def _single_shot(parent: QWidget, interval: int, slot) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer
