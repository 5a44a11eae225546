"""The main window: queue | review pane | hints, with menus, toolbar, status bar and undo.

Thin: every handler builds one call to the domain (`Desk`) and hands it to the operation runner
(`ui/operations.py`), which runs it, pushes its undo step, shows a refusal, and tells every view
what changed; each view decides for itself whether to draw again. Nothing here speaks SQL.
"""
from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from review import Actor, Desk, ReviewError
from review import workflow as wf
from review.formats.placeholders import tokened

from .actions import Actions
from .annotations import AnnotationDialog, AnnotationList
from .dialogs import (ExportDialog, GlossaryImportDialog, PreferencesDialog,
                      ReasonDialog, ShortcutsDialog, XliffImportDialog, ask_approval, ask_text,
                      choose_file, message)
from .hints_panel import HintsPanel
from .i18n import install_translator
from .messages import check_text, error_text, said_text
from .queue import QueueWidget, language_pairs
from .review_pane import ReviewPane
from .operations import Changes, Operations
from .textviews import ElidedLabel
from .undo import AssignCommand, DomainCommand, KeptVersionCommand, SplitCommand

WARM_UP_DELAY_MS = 1500  # after the window is up and the first post shown; before a user's next click
LIVE_CHECK_MS = 250  # the checks follow the rewrite this long after the last key (~5 ms to run)
DEFAULT_SIZE = QSize(1440, 860)  # the first start's size, where the screen has room for it
# Narrower than this, the hints go under the texts (at 1024 px, three text columns and the hints
# side by side leave each column ~150 px).
HINTS_BESIDE_MIN_WIDTH = 1280
DECISION_ACTIONS = {"approve": "approve", "approve_next": "approve", "request_changes": "request-changes",
                    "reject": "reject", "reopen": "reopen", "signoff": "signoff"}


def then_focus_rewrite(handler):
    """After the handler (which may open dialogs): the keyboard is back in the rewrite."""
    @functools.wraps(handler)
    def wrapped(self, *args, **kwargs):
        try:
            return handler(self, *args, **kwargs)
        finally:
            self.focus_rewrite()
    return wrapped


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk, profile: dict, lock=None):
        super().__init__()
        self.desk, self.profile, self.lock = desk, profile, lock
        self.post = None  # the PostState shown
        self.hints = None
        self.undo_stack = QUndoStack(self)
        self._unsaved = None  # (post id, text, gloss) typed but not yet stored
        self._signoff: dict[str, bool] = {}  # batch -> whether its approvals need a sign-off
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._save_unsaved)
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(LIVE_CHECK_MS)
        self._live_timer.timeout.connect(self.check_typed_text)
        self._live_checked: tuple[str, str] | None = None  # (post id, text) the hints describe
        self.ops = Operations(self, desk, self.undo_stack, self.show_error,
                              lambda text: self.statusBar().showMessage(text, 8000))
        self.dashboard = None  # View > Dashboard, made on first use
        self.actions = Actions(self)
        self._build_views()
        self._build_menus()
        self._connect()
        self.retranslate()
        self.restore_state()
        self._warm_up_language_detectors()
        self.queue.set_desk(desk, self.actor.name)
        from .sync import SyncControl

        self.sync = SyncControl(self)  # File > Sync now; the status bar's last sync
        self.update_actions()  # nothing looks possible before a post is shown
        QTimer.singleShot(0, self._show_first_post)

    def _warm_up_language_detectors(self) -> None:
        """Load the detectors' models (0.4 s of pure Python) on the worker thread once the window
        has started, so neither the start nor a later post's hints wait for them. Started late:
        the worker shares the interpreter lock with the GUI thread, and building the window and
        the first post's hints come first (lingua, which they need, loads in 0.07 s on demand).
        Each loader has its own lock."""
        from review.hints.language import warm_up

        self.ops.chore(warm_up, after_ms=WARM_UP_DELAY_MS)

    @property
    def actor(self) -> Actor:
        return Actor(self.profile["name"], self.profile["role"])

    # -- building ------------------------------------------------------------------------------

    def _build_views(self) -> None:
        self.queue = QueueWidget()
        self.pane = ReviewPane()
        self.hints_panel = HintsPanel()
        self.annotation_list = AnnotationList()
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("side_tabs")
        self.side_tabs.addTab(self.hints_panel, "")
        self.side_tabs.addTab(self.annotation_list, "")
        # The texts and the hints: side by side on a wide window, the hints under the texts on
        # a narrow one (see _fit_layout); the queue stays on the left.
        self.work_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.work_splitter.setObjectName("work_splitter")
        self.work_splitter.addWidget(self.pane)
        self.work_splitter.addWidget(self.side_tabs)
        self.work_splitter.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.work_splitter)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 8)
        self.splitter.setSizes([420, 1020])  # at 1440 px; kept in proportion as the window changes
        self._laid_out = False  # see _fit_layout
        self.setCentralWidget(self.splitter)
        self.state_label, self.counts_label = ElidedLabel(), ElidedLabel()
        self.state_label.setObjectName("status_post")
        self.counts_label.setObjectName("status_counts")
        self.statusBar().addWidget(self.state_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.resize(DEFAULT_SIZE)
        self._fit_layout()

    def _build_menus(self) -> None:
        a = self.actions
        self.menus = {}
        layout = {
            "file": [a.import_batch, a.import_glossary, a.import_memory, a.import_package, None,
                     a.export, a.report, a.send_batch, a.return_work, None, a.sync_now, a.sync_auto,
                     None, a.load_sample, None,
                     a.preferences, None, a.quit],
            "edit": [a.undo, a.redo, None, a.save_rewrite, a.find],
            "review": [a.approve_next, a.approve, a.request_changes, a.reject, a.reopen, a.signoff,
                       None, a.annotate, a.assign, a.resolve_conflict, None, a.next_post, a.previous_post, None,
                       a.memory_1, a.memory_2, a.memory_3, a.memory_4, a.memory_5, None,
                       a.insert_code],
            "view": [a.focus_queue, a.focus_rewrite, a.focus_hints, None, a.toggle_layout, a.toggle_preview, a.show_picture, None,
                     a.dashboard],
            "help": [a.shortcuts, a.about],
        }
        for key, items in layout.items():
            menu = self.menuBar().addMenu("")
            self.menus[key] = menu
            for item in items:
                menu.addSeparator() if item is None else menu.addAction(item)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (a.approve_next, a.request_changes, a.reject, a.reopen, a.signoff, None,
                       a.save_rewrite, a.annotate, None, a.undo, a.redo):
            self.toolbar.addSeparator() if action is None else self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)

    def _connect(self) -> None:
        a = self.actions
        for name, decision in DECISION_ACTIONS.items():
            getattr(a, name).triggered.connect(lambda _=False, n=name, d=decision: self.decide(d, n == "approve_next"))
        a.save_rewrite.triggered.connect(self.save_rewrite)
        a.annotate.triggered.connect(self.annotate_selection)
        a.assign.triggered.connect(self.assign_post)
        a.next_post.triggered.connect(lambda: self.go_to_post(self.queue.select_next))
        a.previous_post.triggered.connect(lambda: self.go_to_post(self.queue.select_previous))
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.find.triggered.connect(self.queue.focus_search)
        a.focus_queue.triggered.connect(self.queue.focus_list)
        a.focus_rewrite.triggered.connect(self.focus_rewrite)
        a.focus_hints.triggered.connect(self.focus_hints)
        a.toggle_layout.triggered.connect(self.toggle_layout)
        a.toggle_preview.triggered.connect(self.toggle_preview)
        a.show_picture.triggered.connect(lambda: self.pane.media_strip.show_full(0))
        self.pane.media_strip.annotate_picture.connect(self.annotate_picture)
        a.import_batch.triggered.connect(lambda: self.import_file("batch"))
        a.import_glossary.triggered.connect(lambda: self.import_file("glossary"))
        a.import_memory.triggered.connect(lambda: self.import_file("memory"))
        a.export.triggered.connect(self.export_approved)
        a.report.triggered.connect(self.write_report)
        a.dashboard.triggered.connect(self.show_dashboard)
        a.import_package.triggered.connect(lambda: self.import_file("package"))
        a.load_sample.triggered.connect(self.load_sample)
        a.send_batch.triggered.connect(lambda: self.make_package("work"))
        a.return_work.triggered.connect(lambda: self.make_package("results"))
        a.resolve_conflict.triggered.connect(self.resolve_conflict)
        a.preferences.triggered.connect(self.edit_preferences)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.about)
        a.quit.triggered.connect(self.close)
        for n in range(1, 6):
            getattr(a, f"memory_{n}").triggered.connect(lambda _=False, n=n: self.insert_memory_match(n))
        a.insert_code.triggered.connect(self.insert_missing_code)
        self.undo_stack.canUndoChanged.connect(a.undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(a.redo.setEnabled)
        a.undo.setEnabled(False)
        a.redo.setEnabled(False)
        # Every view hears what each action changed, and decides for itself what to draw again.
        self.ops.changed.connect(self.queue.changes_heard)
        self.ops.changed.connect(self._post_views_heard)
        self.ops.changed.connect(self._status_heard)
        self.queue.current_post_changed.connect(self.show_post)
        self.queue.counts_changed.connect(self.show_counts)
        self.queue.search_done.connect(self._search_done)
        self.queue.post_chosen.connect(self.focus_rewrite)
        self.pane.unfinished_changed.connect(self.save_unfinished)
        self.pane.rewrite_edited.connect(self.update_actions)
        self.pane.rewrite_edited.connect(self._live_timer.start)
        self.pane.preview_panel.choice_changed.connect(self.show_preview)
        self.hints_panel.insert_memory.connect(self._insert_text)
        self.hints_panel.dismiss_requested.connect(self.dismiss_check)
        self.hints_panel.span_requested.connect(self._select_hint_span)
        self.annotation_list.annotation_selected.connect(self.select_annotation)
        self.annotation_list.resolve_requested.connect(
            lambda aid: self._change_post(lambda: self.desk.resolve_annotation(self.post.id, self.actor, aid),
                                          self.tr("Resolve annotation")))
        self.annotation_list.delete_requested.connect(
            lambda aid: self._change_post(lambda: self.desk.delete_annotation(self.post.id, self.actor, aid),
                                          self.tr("Delete annotation")))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Review Desk — %1").replace("%1", self.desk.path.name))
        titles = {"file": self.tr("&File"), "edit": self.tr("&Edit"), "review": self.tr("&Review"),
                  "view": self.tr("&View"), "help": self.tr("&Help")}
        for key, menu in self.menus.items():
            menu.setTitle(titles[key])
        self.toolbar.setWindowTitle(self.tr("Review"))
        self.side_tabs.setTabText(0, self.tr("Hints"))
        self.side_tabs.setTabText(1, self.tr("Annotations"))
        self.actions.retranslate()

    # -- showing a post ----------------------------------------------------------------------

    def open_post(self, key: str) -> bool:
        try:
            post_id = self.desk.resolve_post_id(key)
        except ReviewError as err:
            self.show_error(err)
            return False
        if not self.queue.select_post(post_id):
            self.show_post(post_id)
        self.focus_rewrite()
        return True

    def go_to_post(self, select) -> bool:
        """Next or previous post (`select` moves the queue): shown, and the keyboard in its rewrite."""
        moved = select()
        self.focus_rewrite()
        return moved

    def _show_first_post(self) -> None:
        """At start: the post with a rewrite not saved, else the one shown when the window last
        closed, else the first of the queue; the keyboard in its rewrite."""
        if self.post is None:  # `gui --post` may have opened one already
            waiting = self.desk.unfinished_posts(self.actor.name)
            last = QSettings().value("window/post")
            if waiting:
                self.open_post(waiting[-1])
                self.statusBar().showMessage(self.tr("You had an unsaved rewrite: it is restored."), 8000)
            elif not (isinstance(last, str) and self.queue.select_post(last)):
                self.queue.select_next()
        self.focus_rewrite()

    def show_post(self, post_id: str | None) -> None:
        # The pane flushes pending typing itself when another post is shown.
        self._live_timer.stop()
        self._live_checked = None
        if post_id is None:
            self.post = self.hints = None
            self.pane.show_post(None, None)
            self.pane.preview_panel.clear()
            self.pane.media_strip.show_media([], self.desk.media_bytes)
            self.hints_panel.clear()
            self.annotation_list.show_post(None)
        else:
            view = self.desk.view(post_id)  # one read of the post's log
            self.post, self.hints = view.post, view.hints
            self.pane.show_post(self.post, self.hints, self.desk.unfinished(post_id, self.actor))
            self.hints_panel.show_hints(self.hints)
            self.hints_panel.show_history(view.history)  # in time order
            self.annotation_list.show_post(self.post)
            self.show_preview()
            self.pane.media_strip.show_media(self.post.media, self.desk.media_bytes)
            if self.pane.has_unsaved_rewrite():  # a restored rewrite: check what it says
                self.check_typed_text()
        self.update_actions()

    def check_typed_text(self) -> None:
        """The checks, glossary and length for what the reviewer typed, before it is saved (a
        few ms; LIVE_CHECK_MS after the last key). Nothing is stored."""
        self._live_timer.stop()
        if self.post is None or self.pane.post_id() != self.post.id:
            return
        typed = self.pane.rewrite_text()
        if (self.post.id, typed) == self._live_checked:
            return  # only the back-translation changed: the checks would say the same
        try:
            hints = self.desk.hints(self.post.id, text=typed)
        except ReviewError as err:  # the post vanished (a restore elsewhere): say so once
            self.statusBar().showMessage(error_text(err), 5000)
            return
        self._live_checked = (self.post.id, typed)
        self.hints = hints
        in_hints = self.hints_panel.isAncestorOf(QApplication.focusWidget())
        self.hints_panel.show_hints(hints)
        if in_hints:  # its buttons were made anew: the keyboard stays in the panel
            self.hints_panel.focus_first()
        checked = typed.replace("\r\n", "\n").strip() or self.post.current_text
        self.pane.show_hints(hints, checked if typed.strip() else self.post.current_text)
        self.show_preview()

    def show_preview(self) -> None:
        """The text being typed (else the post's current text) as the platform chosen in the
        preview (else the post's own) folds it; follows typing on the live-check timer."""
        if self.post is None or self.pane.post_id() != self.post.id:
            return
        typed = self.pane.rewrite_text().replace("\r\n", "\n").strip()
        self.pane.preview_panel.show_preview(self.desk.preview_post(
            self.post, self.pane.preview_panel.platform(), text=typed or None))

    def focus_rewrite(self) -> None:
        """The keyboard to the rewrite of the post shown (to the queue when none is)."""
        if self.post is not None and self.pane.rewrite_edit.isEnabled():
            self.pane.focus_rewrite()
        else:
            self.queue.focus_list()

    def focus_hints(self) -> None:
        self.side_tabs.setCurrentWidget(self.hints_panel)
        self.hints_panel.focus_first()

    def _search_done(self, found: bool) -> None:
        if found:
            self.focus_rewrite()
        else:
            self.statusBar().showMessage(self.tr("No post matches the search."), 5000)

    def focus_chain(self) -> list[QWidget]:
        """Tab order: queue list, rewrite, back-translation, the hints' headers and buttons, the
        annotations, source, draft, difference, search and filters, and round again."""
        editing, reading = self.pane.focus_chain()
        return [self.queue.view, *editing, *self.hints_panel.focus_chain(), self.side_tabs.tabBar(),
                self.annotation_list.view, self.annotation_list.resolve_button,
                self.annotation_list.delete_button, *reading, *self.queue.focus_chain()[:-1]]

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's name
        """Tab and Shift+Tab follow `focus_chain` (the hints' buttons change with every post, so
        a chain set once with setTabOrder would not hold); widgets hidden or disabled are passed."""
        chain = [w for w in self.focus_chain() if w.isVisible() and w.isEnabled()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        current = QApplication.focusWidget()
        here = next((w for w in chain if w is current or (current and w.isAncestorOf(current))), None)
        if here is None:
            return super().focusNextPrevChild(forward)
        step = 1 if forward else -1
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        chain[(chain.index(here) + step) % len(chain)].setFocus(reason)
        return True

    def _post_views_heard(self, changes: Changes, initiator: object) -> None:
        """The review pane, the hints and the annotations show one post, read for all three by
        `show_post` (a subscriber each would read it three times): read again when an action
        changed that post, or the glossaries or memory its hints come from. An action that
        moves on to the next post (`initiator` is the window) leaves it to that."""
        if self.post is None or initiator is self:
            return
        if changes.post_changed(self.post.id, self.post.batch) or changes.glossaries or changes.memory:
            self.show_post(self.post.id)

    def _status_heard(self, changes: Changes, _initiator: object) -> None:
        """The status bar names the reviewer and their role, and the menus follow the role."""
        if changes.settings:
            self.update_actions()

    def refresh_post(self) -> None:
        """The post shown, read again (the last post of the queue decided: nowhere to move on)."""
        if self.post is not None:
            self.show_post(self.post.id)

    def show_counts(self, counts: dict) -> None:
        total = sum(counts.values())
        parts = [f"{self._state_name(s)} {n}" for s, n in sorted(counts.items()) if n]
        self.counts_label.setText(self.tr("%n post(s)", "", total) +
                                  (": " + ", ".join(parts) if parts else ""))

    def _requires_signoff(self, batch: str) -> bool:
        """Set once, when the batch is imported: read once per batch, not at every key typed."""
        if batch not in self._signoff:
            self._signoff[batch] = bool(self.desk.batch(batch)["require_signoff"])
        return self._signoff[batch]

    def update_actions(self) -> None:
        """Enable what the workflow allows now for this role; say why the rest is refused."""
        post = self.post
        require = post is not None and self._requires_signoff(post.batch)
        for name, decision in DECISION_ACTIONS.items():
            self._allow(getattr(self.actions, name), decision, post, require)
        self._allow(self.actions.annotate, "annotate", post, require)
        self._allow(self.actions.assign, "assign", post, require)
        self._allow(self.actions.resolve_conflict, "resolve", post, require)
        if post is not None and post.state == wf.CONFLICT and self.profile["role"] != "coordinator":
            # A reviewer may see the versions (read-only) to know what disagrees.
            self.actions.resolve_conflict.setEnabled(True)
            self.actions.resolve_conflict.setToolTip(self.actions.resolve_conflict.statusTip())
        self._allow(self.actions.save_rewrite, "rewrite", post, require)
        if self.actions.save_rewrite.isEnabled() and not self.pane.has_unsaved_changes():
            self.actions.save_rewrite.setEnabled(False)
            self.actions.save_rewrite.setToolTip(
                f"{self.actions.save_rewrite.statusTip()}\n{self._nothing_to_save()}")
        for n in range(1, 6):  # Ctrl+1..5: only the matches there are, on a post one may rewrite
            action = getattr(self.actions, f"memory_{n}")
            action.setEnabled(post is not None and self.pane.rewrite_edit.isEnabled()
                              and self.hints_panel.memory_text(n) is not None)
        self.actions.insert_code.setEnabled(post is not None and bool(post.codes)
                                            and self.pane.rewrite_edit.isEnabled())
        self.actions.focus_rewrite.setEnabled(post is not None)
        role = self.profile["role"]
        self.actions.export.setEnabled(role == "coordinator")
        self.actions.send_batch.setEnabled(role == "coordinator")
        if post is None:
            self.state_label.setText(self.tr("No post selected"))
        else:
            role_name = self.tr("coordinator") if role == "coordinator" else self.tr("reviewer")
            late = " · " + self.tr("schedule passed") if self.desk.schedule_passed(post) else ""
            self.state_label.setText(f"{post.external_id} · {self._state_name(post.state)}{late} · "
                                     f"{post.batch} · {self.actor.name} ({role_name})")

    def _allow(self, action, verb: str, post, require: bool) -> None:
        why = self.tr("Select a post first") if post is None else \
            self._refusal_text(wf.refusal(verb, post, self.actor, require))
        action.setEnabled(why is None)
        base = action.statusTip()
        action.setToolTip(base if why is None else f"{base}\n{why}")

    def _refusal_text(self, found: tuple[str, str] | None) -> str | None:
        """Why the workflow refuses, in the interface's language (see workflow.refusal)."""
        if found is None:
            return None
        kind, state = found
        if kind == "role":
            return self.tr("Only a coordinator can do this.")
        if kind == "no-signoff":
            return self.tr("This batch does not need sign-off.")
        if kind == "second-person":
            return self.tr("Sign-off needs a second person: you wrote or approved this rewrite.")
        hints = {"pending": self.tr("open it for review first"),
                 "in_review": self.tr("decide it first"),
                 "awaiting_signoff": self.tr("a coordinator must sign it off, or reopen it"),
                 "exported": self.tr("exported posts cannot be changed"),
                 "conflict": self.tr("a coordinator must first keep one of its versions")}
        hint = hints.get(state, self.tr("reopen it first (with a reason)"))
        return self.tr("Not now: the post is %1; %2.").replace("%1", self._state_name(state)).replace("%2", hint)

    # -- review actions ----------------------------------------------------------------------

    @then_focus_rewrite
    def decide(self, decision: str, then_next: bool = False) -> None:
        if self.post is None:
            return
        reason = None
        if decision in ("reject", "request-changes", "reopen"):
            titles = {"reject": self.tr("Reject post"), "request-changes": self.tr("Request changes"),
                      "reopen": self.tr("Reopen post")}
            reason = ReasonDialog.ask(self, titles[decision], self.tr("Why? HQ reads this."))
            if reason is None:
                return
        # Approving with a rewrite (or back-translation) typed saves it first: two actions, two
        # undo steps.
        if decision == "approve" and self.pane.has_unsaved_changes():
            if not self._save_rewrite_command():
                return
        despite = False
        if decision == "approve":
            despite = self._approve_despite_errors()
            if despite is None:
                return  # kept unapproved: the reviewer stays on the post
        post_id = self.post.id
        # Approve and next: the window shows the next post itself, not the one just approved.
        if not self._change_post(lambda: self.desk.decide(post_id, self.actor, decision, reason,
                                                          despite_findings=despite),
                                 self._decision_label(decision), initiator=self if then_next else None):
            return
        if then_next and not self.queue.select_next():
            self.refresh_post()
            self.statusBar().showMessage(self.tr("That was the last post of the queue."), 5000)

    def _approve_despite_errors(self) -> bool | None:
        """Open error-level findings on the text to approve: ask first. False: none (approve);
        True: the reviewer chose to approve anyway; None: they kept the post unapproved."""
        try:
            found = self.desk.blocking_findings(self.post.id)
        except ReviewError as err:
            self.show_error(err)
            return None
        if not found:
            return False
        if ask_approval(self, self.post.external_id, [check_text(shown.result) for shown in found]):
            return True
        self.statusBar().showMessage(self.tr("Not approved: the post stays as it was."), 5000)
        return None

    def save_rewrite(self) -> None:
        if self.post is None:
            return
        if not self.pane.has_unsaved_changes():
            self.statusBar().showMessage(self._nothing_to_save(), 6000)
            return
        self._save_rewrite_command()

    def _nothing_to_save(self) -> str:
        return self.tr("Nothing to save: the rewrite and its back-translation are as saved.")

    def _save_rewrite_command(self) -> bool:
        text, gloss = self.pane.rewrite_text(), self.pane.back_translation()
        label = self.tr("Back-translation") if self.pane.gloss_only_change() else self.tr("Rewrite")
        post_id = self.post.id
        return self._change_post(lambda: self.desk.rewrite(post_id, self.actor, text, gloss), label)

    @then_focus_rewrite
    def annotate_picture(self, name: str) -> None:
        """Mark one picture of the post as a whole (audience-appropriateness, say)."""
        if self.post is None:
            return
        values = AnnotationDialog.ask(self, name)
        if values is None:
            return
        post_id = self.post.id
        self._change_post(lambda: self.desk.annotate(post_id, self.actor, start=0, end=0,
                                                     picture=name, **values),
                          self.tr("Annotate"))

    @then_focus_rewrite
    def annotate_selection(self) -> None:
        span = self.pane.selected_span() if self.post is not None else None
        if span is None:
            self.statusBar().showMessage(self.tr("Select some text of the draft or the rewrite first."), 5000)
            return
        which, start, end = span
        if which == "rewrite" and self.pane.has_unsaved_rewrite():
            if not self._save_rewrite_command():  # the window now shows the rewrite saved
                return
        revision = self.post.draft.number if which == "draft" else self.post.current_revision.number
        text = self.post.revision(revision).text
        values = AnnotationDialog.ask(self, tokened(text[start:end], self.post.codes))
        if values is None:
            return
        post_id = self.post.id
        self._change_post(lambda: self.desk.annotate(post_id, self.actor, start=start, end=end,
                                                     revision=revision, **values),
                          self.tr("Annotate"))

    @then_focus_rewrite
    def assign_post(self) -> None:
        if self.post is None:
            return
        name = ask_text(self, self.tr("Assign post"), self.tr("Reviewer's name (empty: nobody):"),
                        self.post.assignee or "")
        if name is None:
            return
        before = self.post

        def undo_step(after: list) -> AssignCommand | None:
            if after[0].head == before.head:
                return None  # assigned to whom it was assigned already: nothing to take back
            return AssignCommand(self.ops, self.actor, before, after[0],
                                 self.tr("Assign") + f" · {before.external_id}")

        self.ops.run(lambda: self.desk.assign([before.id], self.actor, name.strip() or None),
                     Changes.of_posts, undo_step)

    @then_focus_rewrite
    def dismiss_check(self, key: str) -> None:
        if self.post is None:
            return
        shown = next((c for c in (self.hints.checks if self.hints else ()) if c.key == key), None)
        subject = check_text(shown.result) if shown else key
        reason = ReasonDialog.ask(self, self.tr("Dismiss check"),
                                  self.tr("Why does this finding not apply? It stays dismissed "
                                          "until the text changes."), subject)
        if not reason:
            return
        # A finding on typed text is dismissed for that text: it is saved first (two undo steps).
        if self.pane.has_unsaved_rewrite() and not self._save_rewrite_command():
            return
        post_id = self.post.id
        self._change_post(lambda: self.desk.dismiss_check(post_id, self.actor, key, reason),
                          self.tr("Dismiss check"))

    def insert_memory_match(self, n: int) -> None:
        text = self.hints_panel.memory_text(n)
        if text:
            self._insert_text(text)

    def insert_missing_code(self) -> None:
        """Ctrl+T: the next inline code the rewrite lacks, at the cursor; the keyboard stays
        in the rewrite."""
        if self.pane.insert_missing_code() is None:
            self.statusBar().showMessage(self.tr("No inline code is missing from the rewrite."), 5000)
        self.focus_rewrite()

    def _insert_text(self, text: str) -> None:
        """A memory match into the rewrite (one undo step of typing); the keyboard goes there."""
        self.pane.insert_into_rewrite(text)
        self.focus_rewrite()

    def undo(self) -> None:
        """Ctrl+Z outside the rewrite: take back the last review action, and say which (a step
        refused leaves the stack, and is not said to be undone)."""
        text, steps = self.undo_stack.undoText(), self.undo_stack.count()
        self.undo_stack.undo()
        if text and self.undo_stack.count() == steps:
            self.statusBar().showMessage(self.tr("Undone: %1").replace("%1", text), 5000)

    def redo(self) -> None:
        text, steps = self.undo_stack.redoText(), self.undo_stack.count()
        self.undo_stack.redo()
        if text and self.undo_stack.count() == steps:
            self.statusBar().showMessage(self.tr("Done again: %1").replace("%1", text), 5000)

    def _change_post(self, call, label: str, initiator: object = None) -> bool:
        """One review action on a post, through the runner: undoable, its change broadcast."""
        before = self.post.head if self.post is not None else None

        def undo_step(post) -> DomainCommand | None:
            if post.head == before:
                return None  # the verb changed nothing (the same text saved again): no step
            # The status bar names what Ctrl+Z took back.
            return DomainCommand(self.ops, self.actor, post, f"{label} · {post.external_id}")

        return self.ops.run(call, lambda post: Changes.of_posts([post]), undo_step, initiator) is not None

    def save_unfinished(self, text: str, gloss: str) -> None:
        post_id = self.pane.post_id()  # the post typed on, even while another is being shown
        if post_id is None:
            return
        self._unsaved = (post_id, text, gloss)
        self._save_unsaved()

    def _save_unsaved(self) -> bool:
        """Store the typing not yet on disk; while the database is busy, keep it and retry."""
        if self._unsaved is None:
            return True
        post_id, text, gloss = self._unsaved
        try:
            self.desk.save_unfinished(post_id, self.actor, text, gloss)
        except ReviewError as err:
            self.statusBar().showMessage(self.tr("Your typing is not saved yet (%1); trying again.")
                                         .replace("%1", error_text(err)), 5000)
            self._retry_timer.start(2000)
            return False
        self._unsaved = None
        return True

    def _offer_unfinished(self) -> None:
        waiting = self.desk.unfinished_posts(self.actor.name)
        if waiting:
            QTimer.singleShot(0, lambda: self.open_post(waiting[-1]))
            self.statusBar().showMessage(self.tr("You had an unsaved rewrite: it is restored."), 8000)

    # -- selection helpers ---------------------------------------------------------------------

    def select_annotation(self, annotation_id: str) -> None:
        annotation = self.post.annotations.get(annotation_id) if self.post else None
        if annotation is None:
            return
        which = "draft" if annotation.revision_id == self.post.draft.id else "rewrite"
        self.pane.select_span(which, annotation.start, annotation.end)

    def _select_hint_span(self, which: str, start: int, end: int) -> None:
        if which == "target":
            which = "rewrite" if self.post is not None and self.post.has_rewrite else "draft"
        self.pane.select_span(which, start, end)

    def toggle_preview(self) -> None:
        self.pane.show_lower_tab("difference" if self.pane.lower_tab() == "preview" else "preview")

    def toggle_layout(self) -> None:
        self.pane.set_layout_mode("stacked" if self.pane.layout_mode() == "side" else "side")

    # -- files -------------------------------------------------------------------------------

    @then_focus_rewrite
    def import_file(self, kind: str) -> None:
        filters = {"batch": self.tr("Draft posts (*.csv *.tsv *.xlsx *.json *.jsonl *.xlf *.xliff *.xliff2 *.xlf2)"),
                   "glossary": self.tr("Glossaries (*.csv *.tsv *.tbx)"),
                   "memory": self.tr("Translation memories (*.tmx)"),
                   "package": self.tr("Review packages (*.rdpack)")}
        name = choose_file(self, self.tr("Import"), filters[kind])
        if name:
            self.run_import(kind, Path(name))

    def run_import(self, kind: str, path: Path, preset: dict | None = None) -> bool:
        """Import a file of `kind` in the background; `preset`: a batch file's options already
        chosen (its encoding and day order, asked when a first import was refused for them)."""
        actor = self.actor
        options: dict = dict(preset or {})
        if kind == "batch" and path.suffix.lower() in (".xlf", ".xliff", ".xliff2", ".xlf2"):
            dialog = XliffImportDialog(path.name, self)
            if not dialog.exec():
                return False
            options.update(dialog.values())
        if kind == "glossary":
            dialog = GlossaryImportDialog(path.name, path.stem, language_pairs(self.desk),
                                          path.suffix.lower() != ".tbx", self)
            if not dialog.exec():
                return False
            options = dialog.values()
        work, changes, summary = {
            "batch": (lambda desk, job: desk.import_batch(path, actor=actor, should_stop=job.should_stop,
                                                          progress=job.progress, **options),
                      lambda r: Changes.of_batches([r.batch], added=True),
                      lambda r: (said_text(r.summary()), bool(r.skipped))),
            "glossary": (lambda desk, job: desk.import_glossary(path, should_stop=job.should_stop, **options),
                         lambda _r: Changes(glossaries=True),
                         lambda g: (self._glossary_summary(g), bool(g.skipped))),
            "memory": (lambda desk, job: desk.import_memory(path, should_stop=job.should_stop),
                       lambda _r: Changes(memory=True), lambda m: (self._memory_summary(m), False)),
            "package": (lambda desk, job: desk.import_package(path, should_stop=job.should_stop),
                        lambda p: Changes.of_batches([p.batch], added=True, glossaries=bool(p.glossaries),
                                                     memory=bool(p.memory_units)),
                        lambda p: (self._package_summary(p), p.first_from_signer or bool(p.conflicts))),
        }[kind]
        title = self.tr("%1 was not imported").replace("%1", path.name)
        failed = self._failed(title)
        if kind == "batch":
            failed = self._ask_how_to_read(path, options, failed)
        return self.ops.run_long(self.tr("Importing %1…").replace("%1", path.name), work, changes,
                                 lambda result: self._imported(*summary(result)), failed)

    def _ask_how_to_read(self, path: Path, options: dict, failed):
        """A batch file refused for what it cannot say (its encoding, its dates' day order):
        ask, and import it again with the answer; any other refusal is shown as usual."""
        def ask(err: BaseException) -> None:
            needs = Desk.what_file_needs(err)
            # asked again for an encoding that did not read the file; a day order, once
            if not (needs.encoding or (needs.day_order and "day_order" not in options)):
                failed(err)
                return
            from .file_reading import FileReadingDialog

            dialog = FileReadingDialog(path.name, needs, self)
            if dialog.exec():
                self.run_import("batch", path, {**options, **dialog.values()})
            else:
                failed(err)
        return ask

    def _imported(self, summary: str, to_read: bool = False) -> None:
        """The summary in the status bar; in a message box too when it says what the user must
        read (units left out, a signing key to check, conflicts): at 1,024 px the status bar cut
        it after its counts."""
        self.statusBar().showMessage(self.tr("Imported: %1").replace("%1", summary), 10000)
        if to_read:
            self.tell("information", self.tr("Imported"), summary)

    def _failed(self, title: str | None = None):
        """How a long action's failure is shown (a refused file: its problems under `title`);
        afterwards the keyboard is back in the rewrite."""
        def failed(err: BaseException) -> None:
            self.ops.show_failure(err, title or self.tr("Review Desk"))
            self.focus_rewrite()
        return failed

    def load_sample(self) -> None:
        """File > Load sample: on any desk, once per database; a sample batch that a work
        package brought is left as it is."""
        self.ops.run_long(self.tr("Loading the sample…"),
                          lambda desk, job: desk.load_sample_and_glossaries(),
                          lambda loaded: Changes.of_batches([r.batch for r in loaded.batches],
                                                            added=bool(loaded.batches),
                                                            glossaries=bool(loaded.glossaries)),
                          self._sample_loaded)

    def _sample_loaded(self, loaded) -> None:
        if not (loaded.batches or loaded.glossaries or loaded.kept):
            text = self.tr("The sample was loaded on this desk before.")
        else:
            text = self.tr("Sample loaded: %n batch(es)", "", len(loaded.batches)) + ", " + self.tr(
                "%n starter glossary(ies)", "", len(loaded.glossaries))
            if loaded.kept:
                text += ". " + self.tr("Already here, left as they are: %1").replace("%1", ", ".join(loaded.kept))
        self.statusBar().showMessage(text, 10000)

    def _glossary_summary(self, g) -> str:
        summary = self.tr("Glossary %1: %n entry(s)", "", g.entries).replace("%1", g.name)
        return summary + ("; " + said_text(g.skipped_words()) if g.skipped else "")

    def _memory_summary(self, m) -> str:
        return self.tr("%1: %n memory unit(s)", "", m.units).replace("%1", m.file) + ", " + \
            self.tr("%1 new").replace("%1", str(m.added))

    def _package_summary(self, p) -> str:
        text = self.tr("%1 from %2 (key %3):").replace("%1", p.file).replace(
            "%2", p.creator).replace("%3", p.signer) + " " + \
            self.tr("%n new event(s)", "", p.events_added) + ", " + \
            self.tr("%n post(s) changed", "", p.posts_changed)
        if p.first_from_signer:
            text += " " + self.tr("This is the first package from that key here: check with %1 "
                                  "that it is theirs.").replace("%1", p.creator)
        if p.conflicts:
            text += " " + self.tr("%n post(s) in conflict: Review > Resolve conflict…", "", len(p.conflicts))
        return text

    @then_focus_rewrite
    def make_package(self, kind: str) -> None:
        from .exchange import PackageDialog  # imported on first use: not part of every start

        dialog = PackageDialog(self.desk, kind, self.actor.name, self, self.post.batch if self.post else None)
        if not dialog.exec():
            return
        v, actor = dialog.values(), self.actor
        if kind == "work" and v.get("split") and not self._split_batch(v["batch"], v["split"]):
            return
        if kind == "work":  # its reviewer's open posts that are nobody's are assigned to them
            work = lambda desk, job: desk.make_work_package(v["batch"], v["path"], actor, v["reviewer"],
                                                            job.should_stop)
        else:
            work = lambda desk, job: desk.make_results_package(v["batch"], v["path"], actor)
        self.ops.run_long(self.tr("Making the package…"), work,
                          lambda made: Changes.of_batches([made.batch] if made.assigned else []),
                          self._package_made, self._failed())

    def _split_batch(self, batch: str, reviewers: list[str]) -> bool:
        """Share the batch out first (on the GUI thread: one transaction, undoable as one step)."""
        label = self.tr("Share batch") + f" · {batch}"
        done = self.ops.run(lambda: self.desk.split_batch(batch, reviewers, self.actor),
                            lambda split: Changes.of_batches([batch]),
                            lambda split: SplitCommand(self.ops, self.actor, split, label,
                                                       self._changed_since_split)
                            if split.posts else None)
        if done is not None:  # who got how many, as `assign --split` prints it
            self.statusBar().showMessage(self.tr("Shared out: %1").replace(
                "%1", ", ".join(f"{s.reviewer} {s.count}" for s in done.shares)), 10000)
        return done is not None

    def _changed_since_split(self, count: int) -> str:
        return self.tr("%n post(s) changed since the batch was shared out and keep their "
                       "reviewer; use Review > Assign to… for them.", "", count)

    def _package_made(self, made) -> None:
        left = sum(made.left_with.values())
        self.tell("information", self.tr("Package saved"),
                  self.tr("%n post(s)", "", made.posts) + " " + self.tr(
                      "and %n event(s) were written to", "", made.events) + "\n" + str(made.path)
                  + ("\n" + self.tr("%n post(s) of other reviewers were left out.", "", left)
                     if left else ""))

    @then_focus_rewrite
    def resolve_conflict(self) -> None:
        """Review > Resolve conflict: a coordinator keeps a version; a reviewer sees them."""
        if self.post is None or self.post.state != "conflict":
            return
        post = self.post
        try:
            conflict = self.desk.post_conflict(post.id)
        except ReviewError as err:  # resolved meanwhile (the command line, another laptop)
            self.show_error(err)
            self.refresh_post()
            return
        from .exchange import ConflictDialog

        dialog = ConflictDialog(post, conflict, self._state_name,
                                self.profile["role"] == "coordinator", self)
        self.ops.changed.connect(dialog.changes_heard)
        try:
            kept = dialog.kept if dialog.exec() else None
        finally:
            self.ops.changed.disconnect(dialog.changes_heard)
            dialog.deleteLater()
        if kept is None:
            return
        label = self.tr("Keep version") + f" · {post.external_id}"
        if self.ops.run(lambda: self.desk.resolve_conflict(post.id, kept, self.actor),
                        lambda resolved: Changes.of_posts([resolved]),
                        lambda _kept: KeptVersionCommand(self.ops, label)) is None:
            self.refresh_post()  # refused: the post changed meanwhile; show it as it is now

    @then_focus_rewrite
    def export_approved(self) -> None:
        dialog = ExportDialog(self.desk, self, self.post.batch if self.post else None)
        if not dialog.exec():
            return
        v, actor = dialog.values(), self.actor
        self.ops.run_long(self.tr("Exporting…"),
                          lambda desk, job: desk.export(v["batch"], v["format"], v["path"], actor,
                                                        again=v["again"], should_stop=job.should_stop,
                                                        platform=v.get("platform"),
                                                        target_lang=v.get("target_lang"),
                                                        from_file=v.get("from_file")),
                          lambda result: Changes.of_batches([v["batch"]]),  # its posts: exported
                          self._export_done, self._failed())

    def _export_done(self, result) -> None:
        text = self.tr("%n post(s) written to\n%1\n\nSHA-256: %2", "", result.count).replace(
            "%1", str(result.path)).replace("%2", result.sha256)
        text += "\n\n" + self.tr("Manifest: %1").replace("%1", str(result.manifest))
        if result.written:  # XLIFF: HQ's own file filled, or a new document
            text += "\n\n" + said_text(result.written)
        for reason, count in result.skipped.items():
            text += "\n" + self.tr("Left out (still approved): %n post(s) with %1", "", count).replace(
                "%1", said_text(reason))
        self.tell("information", self.tr("Exported"), text)

    @then_focus_rewrite
    def write_report(self) -> None:
        """File > Report…: anyone may write one (it changes nothing); written in the background."""
        from .dashboard import ReportDialog  # with QtSvg and the report: not part of every start

        dialog = ReportDialog(self.desk, self, self.post.batch if self.post else None)
        if not dialog.exec():
            return
        v = dialog.values()
        self.ops.run_long(self.tr("Writing the report…"),
                          lambda desk, job: desk.write_report(v["batch"], v["path"], job.should_stop),
                          None, self._report_done, self._failed())

    def _report_done(self, result) -> None:
        self.tell("information", self.tr("Report written"), self.tr(
            "The report of %n post(s) was written to\n%1", "", result.posts).replace(
            "%1", str(result.path)))

    def show_dashboard(self) -> None:
        """View > Dashboard: one window, opened on the current post's batch the first time."""
        if self.dashboard is None:
            from .dashboard import Dashboard

            self.dashboard = Dashboard(self.desk, self.post.batch if self.post else None, self, self.ops)
        else:
            self.dashboard.refresh()
        self.dashboard.show()
        self.dashboard.raise_()
        self.dashboard.activateWindow()

    # -- settings, errors, closing ---------------------------------------------------------------

    @then_focus_rewrite
    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.profile, self)
        if not dialog.exec():
            return
        v = dialog.values()

        def set_profile() -> dict:
            self.profile = self.desk.set_profile(v["name"], v["role"], v["languages"], v["interface"])
            return self.profile  # the window's before the views hear of it: they ask it who works

        if self.ops.run(set_profile, Changes(settings=True)) is not None:
            self.set_interface_language(v["interface"])

    def set_interface_language(self, code: str) -> None:
        install_translator(QApplication.instance(), code)
        self.retranslate()
        self.queue.retranslate_ui()
        for widget in (self.pane, self.hints_panel, self.annotation_list):
            widget.retranslate()
        if self.dashboard is not None:
            self.dashboard.retranslate()
            self.dashboard.refresh()  # the charts' words too
        if self.post is not None:
            self.show_post(self.post.id)

    @then_focus_rewrite
    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.actions.all(), self)
        dialog.exec()
        dialog.deleteLater()

    @then_focus_rewrite
    def about(self) -> None:
        message(self, "information", self.tr("About Review Desk"), self.tr(
            "Review Desk: offline review of draft social-media posts by the people who know "
            "the audience.\nLicence: GPL-3.0-or-later."))

    @then_focus_rewrite
    def show_error(self, err: BaseException | str) -> None:
        """A refusal (the domain's, or the window's own words) as a message."""
        text = error_text(err) if isinstance(err, BaseException) else err
        message(self, "warning", self.tr("Review Desk"), text)

    @then_focus_rewrite
    def tell(self, kind: str, title: str, text: str) -> None:
        """A message box; afterwards the keyboard is back in the rewrite."""
        message(self, kind, title, text)

    def _state_name(self, state: str) -> str:
        names = {"pending": self.tr("pending"), "in_review": self.tr("in review"),
                 "approved": self.tr("approved"), "awaiting_signoff": self.tr("awaiting sign-off"),
                 "changes_requested": self.tr("changes requested"), "rejected": self.tr("rejected"),
                 "exported": self.tr("exported"), "conflict": self.tr("conflict")}
        return names.get(state, state)

    def _decision_label(self, decision: str) -> str:
        return {"approve": self.tr("Approve"), "reject": self.tr("Reject"),
                "request-changes": self.tr("Request changes"), "reopen": self.tr("Reopen"),
                "signoff": self.tr("Sign off")}[decision]

    def restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._fit_screen()
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.pane.restore_state(settings)
        self.queue.restore_state(settings)

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        if self.post is not None:  # the next start shows it again
            settings.setValue("window/post", self.post.id)
        self.pane.save_state(settings)
        self.queue.save_state(settings)

    # -- small screens ---------------------------------------------------------------------------

    def _fit_screen(self) -> None:
        """Never larger than the screen's available area (less the window frame), nor off it: a
        window saved at 1440x860 reopens at 1024x700 on a small screen, maximised."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        frame = self._frame_margins()
        inner = room.adjusted(frame.left(), frame.top(), -frame.right(), -frame.bottom())
        if self.isMaximized() or self.isFullScreen():
            return
        wanted = self.geometry()
        if wanted.width() > inner.width() or wanted.height() > inner.height():
            size = wanted.size().boundedTo(inner.size())
            self.setGeometry(QRect(inner.topLeft(), size))
            if size == inner.size() or self.width() >= inner.width():
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        elif not inner.contains(wanted):
            moved = QRect(wanted)
            moved.moveLeft(max(inner.left(), min(wanted.left(), inner.right() - wanted.width() + 1)))
            moved.moveTop(max(inner.top(), min(wanted.top(), inner.bottom() - wanted.height() + 1)))
            self.setGeometry(moved)

    def _frame_margins(self):
        """The window manager's frame; before the first show it is not known: a title bar's
        worth is assumed (Openbox, GNOME and KDE draw 22-38 px)."""
        from PySide6.QtCore import QMargins

        handle = self.windowHandle()
        margins = handle.frameMargins() if handle is not None else QMargins()
        return margins if not margins.isNull() else QMargins(0, 30, 0, 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_layout()

    def _fit_layout(self) -> None:
        """Hints beside the texts on a wide window, under them on a narrow one."""
        wanted = Qt.Orientation.Horizontal if self.width() >= HINTS_BESIDE_MIN_WIDTH \
            else Qt.Orientation.Vertical
        if wanted == self.work_splitter.orientation() and self._laid_out:
            return
        first, self._laid_out = not self._laid_out, True
        self.work_splitter.setOrientation(wanted)
        # The splitters have their new sizes only once the layout has run: shared out then. The
        # first time, the queue keeps the width saved with the window's layout.
        QTimer.singleShot(0, lambda: self._share_out(queue_too=not first))

    def _share_out(self, queue_too: bool) -> None:
        """The texts get 2/3 of the room beside (or 3/5 above) the hints; the queue 29% of the
        window's width (420 px at 1440, 300 at 1024), at least 260 px."""
        beside = self.work_splitter.orientation() == Qt.Orientation.Horizontal
        room = self.work_splitter.width() if beside else self.work_splitter.height()
        texts = round(room * (2 / 3 if beside else 3 / 5))
        self.work_splitter.setSizes([texts, max(1, room - texts)])
        if queue_too:
            width = sum(self.splitter.sizes())
            queue = max(260, round(width * 0.29))
            self.splitter.setSizes([queue, max(1, width - queue)])

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ops.busy:
            event.ignore()
            message(self, "information", self.tr("Review Desk"),
                    self.tr("An import or export is still running: wait for it or cancel it first."))
            return
        self.pane.flush()  # the unfinished rewrite is on disk before the window goes
        if not self._save_unsaved():
            event.ignore()
            message(self, "warning", self.tr("Review Desk"), self.tr(
                "Your rewrite could not be saved: another program is writing to the database. "
                "Wait a moment and close again; nothing has been lost yet."))
            return
        self.save_state()
        self.ops.shutdown()  # the worker's chores and reads end before the window goes
        super().closeEvent(event)

    # -- screenshots ---------------------------------------------------------------------------

    def save_screenshot_when_ready(self, path: Path, size: QSize = DEFAULT_SIZE) -> int:
        """Render once the post and its hints are shown; used by `gui --screenshot [--size]`."""
        app = QApplication.instance()
        self.showNormal()  # not maximised on the offscreen screen: the size asked for
        self.resize(size)  # the same picture whatever size the window was left at
        self._fit_layout()
        app.processEvents()
        self._share_out(queue_too=True)
        if self.post is None:
            self.queue.select_next()
        for _ in range(20):
            app.processEvents()
        path.parent.mkdir(parents=True, exist_ok=True)
        ok = self.grab().save(str(path))
        self.close()
        return 0 if ok else 1

