"""Every action of the main window, created in one place; texts set in `retranslate()` so the
interface can switch language while running (Frescobaldi's pattern)."""
from __future__ import annotations

import re

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

# name -> shortcut. The order is the order of the shortcuts window.
SHORTCUTS = {
    "approve_next": "Ctrl+Return",
    "approve": "Ctrl+Shift+Return",
    "request_changes": "Ctrl+Shift+R",
    "reject": "Ctrl+Shift+X",
    "reopen": "Ctrl+Shift+O",
    "signoff": "Ctrl+Shift+S",
    "save_rewrite": "Ctrl+S",
    "annotate": "Ctrl+M",
    "assign": "Ctrl+Shift+G",
    "resolve_conflict": "",
    "next_post": "Ctrl+J",
    "previous_post": "Ctrl+K",
    "undo": "Ctrl+Z",
    "redo": "Ctrl+Shift+Z",
    "find": "Ctrl+F",
    "focus_queue": "Alt+1",
    "focus_rewrite": "Alt+2",
    "focus_hints": "Alt+3",
    "toggle_layout": "Ctrl+L",
    "toggle_preview": "Ctrl+P",
    "show_picture": "F3",
    "import_batch": "Ctrl+I",
    "import_glossary": "",
    "import_memory": "",
    "export": "Ctrl+E",
    "report": "",
    "dashboard": "Ctrl+D",
    "import_package": "",
    "load_sample": "",
    "send_batch": "",
    "return_work": "",
    "sync_now": "",
    "sync_auto": "",
    "preferences": "Ctrl+,",
    "shortcuts": "F1",
    "about": "",
    "quit": "Ctrl+Q",
    **{f"memory_{n}": f"Ctrl+{n}" for n in range(1, 6)},
    "insert_code": "Ctrl+T",  # OmegaT's key for "insert the next missing tag"
}


class Actions(QObject):
    def __init__(self, parent):
        super().__init__(parent)
        self.by_name: dict[str, QAction] = {}
        for name, keys in SHORTCUTS.items():
            action = QAction(parent)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.setObjectName(name)
            self.by_name[name] = action
        self.retranslate()

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["by_name"][name]
        except KeyError:
            raise AttributeError(name) from None

    def all(self) -> list[QAction]:
        return list(self.by_name.values())

    def retranslate(self) -> None:
        texts = {
            "approve_next": (self.tr("&Approve and next"), self.tr("Approve this post and open the next one")),
            "approve": (self.tr("Approve"), self.tr("Approve this post and stay on it")),
            "request_changes": (self.tr("&Request changes…"), self.tr("Send the post back to HQ, with a reason")),
            "reject": (self.tr("Re&ject…"), self.tr("Reject the post, with a reason")),
            "reopen": (self.tr("Re&open…"), self.tr("Take a decided post back into review, with a reason")),
            "signoff": (self.tr("&Sign off"), self.tr("Confirm a reviewer's approved rewrite (coordinator, second person)")),
            "save_rewrite": (self.tr("Sa&ve rewrite"), self.tr("Save the rewrite as a new revision")),
            "annotate": (self.tr("A&nnotate selection…"), self.tr("Mark the selected text with an error category and severity")),
            "assign": (self.tr("Assi&gn to…"), self.tr("Give this post to a reviewer (coordinator)")),
            "next_post": (self.tr("Ne&xt post"), self.tr("Open the next post of the queue")),
            "previous_post": (self.tr("&Previous post"), self.tr("Open the previous post of the queue")),
            "undo": (self.tr("&Undo"), self.tr("Take back the last action")),
            "redo": (self.tr("&Redo"), self.tr("Do again what was undone")),
            "find": (self.tr("&Find…"), self.tr("Search source, drafts, rewrites and ids; Enter shows the first post found, Escape clears")),
            "focus_queue": (self.tr("Go to the &queue"), self.tr("Move the keyboard to the list of posts (arrows move in it, Tab leaves it)")),
            "focus_rewrite": (self.tr("Go to the re&write"), self.tr("Move the keyboard to the rewrite of the post shown")),
            "focus_hints": (self.tr("Go to the &hints"), self.tr("Move the keyboard to the hints: the first Dismiss… or Insert button")),
            "toggle_layout": (self.tr("Side by side / stacked"), self.tr("Show the texts side by side or one above the other")),
            "show_picture": (self.tr("Show picture"), self.tr("Show the post's first picture full size (Tab to the others, Enter shows one)")),
            "toggle_preview": (self.tr("Preview / difference"), self.tr("Show the post as its platform folds it, or the difference to HQ's draft, under the rewrite")),
            "import_batch": (self.tr("Import &batch…"), self.tr("Import draft posts from CSV, XLSX, JSON, JSONL or XLIFF")),
            "import_glossary": (self.tr("Import &glossary…"), self.tr("Import a CSV or TBX glossary")),
            "import_memory": (self.tr("Import &memory (TMX)…"), self.tr("Add a TMX file to the translation memory")),
            "export": (self.tr("&Export approved…"), self.tr("Export a batch's approved posts (coordinator)")),
            "report": (self.tr("&Report…"), self.tr("Write the review report (HTML with MQM scores and charts) for HQ")),
            "dashboard": (self.tr("&Dashboard"), self.tr("Figures and charts of the review, for one batch or all")),
            "import_package": (self.tr("Import pac&kage…"), self.tr("Merge a review package from another laptop")),
            "load_sample": (self.tr("&Load sample"), self.tr("Add the bundled sample batches and starter glossaries to this desk, to try Review Desk out")),
            "send_batch": (self.tr("&Send batch to reviewer…"), self.tr("Make a work package of a batch for a reviewer's laptop (coordinator)")),
            "return_work": (self.tr("Re&turn my work…"), self.tr("Make a results package of what you did on this laptop")),
            "sync_now": (self.tr("S&ync now"), self.tr("Send your work to HQ's server and receive the batches your office may see")),
            "sync_auto": (self.tr("Sync a&utomatically"), self.tr("Sync with HQ's server every few minutes when it can be reached")),
            "resolve_conflict": (self.tr("Resolve &conflict…"), self.tr("Compare the versions of a post in conflict and keep one (coordinator)")),
            "insert_code": (self.tr("Insert &missing inline code"), self.tr("Put the next inline code the rewrite lacks at the cursor (around the selection, for a pair)")),
            "preferences": (self.tr("&Preferences…"), self.tr("Your name, role and interface language")),
            "shortcuts": (self.tr("&Keyboard shortcuts"), self.tr("Every action and its shortcut")),
            "about": (self.tr("&About Review Desk"), self.tr("Version and licence")),
            "quit": (self.tr("&Quit"), self.tr("Close Review Desk; nothing is lost")),
        }
        for n in range(1, 6):
            texts[f"memory_{n}"] = (self.tr("Insert memory match %1").replace("%1", str(n)),
                                    self.tr("Insert the translation of memory match %1 into the rewrite").replace("%1", str(n)))
        for name, (text, tip) in texts.items():
            action = self.by_name[name]
            action.setText(text)
            # Toolbar buttons and the shortcuts list show the text without its access key:
            # "批准并转到下一条(&A)" -> "批准并转到下一条", "&Approve and next" -> "Approve and next".
            action.setIconText(re.sub(r"\(&\w\)", "", text).replace("&", ""))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
            action.setStatusTip(tip)
