"""What the keyboard tests share: reading the database while the window runs, a database ready
for a day's work, and the focus model's expectations (issue 12) kept apart from the facts.

The focus model is not in yet. The walk therefore checks where the focus is *before* it relies
on it: where the model says the focus should be and it is not, it notes that (`Expectations`)
and takes today's way round (Shift+Tab from the search box, Tab to a button), so that every step
still happens and the database is still checked after each. At the end the notes are raised
together as `FocusModelMissing`, the one failure the walk's xfail marker expects.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from review import Desk
from review.termbases import import_memory, import_starter_glossaries

REWRITE = "pane.rewrite_edit"  # the rewrite editor, as the test probe names it
QUEUE = "queue.view"
DISMISS = "hints_panel.checks/dismiss_button"  # a finding's Dismiss… button


def reach_rewrite(app) -> int:
    """Puts the focus in the rewrite editor: where the focus model leaves it already; today
    from the search box with Shift+Tab (a dozen presses). Returns the presses it took."""
    if app.state()["focus"] == REWRITE:
        return 0
    app.key("ctrl+f")
    return app.focus_by_tab(REWRITE, "shift+Tab")


GATE = "Approve despite errors?"  # the question an approval asks when the text has open errors


def approve(app, db: "Reader", keys: str = "ctrl+Return") -> dict:
    """Approves the post shown with `keys`. When the checks found open errors the window asks
    first: Escape keeps the post as it was, "Approve anyway" (Alt+A) approves it and records
    the findings in the approval ("despite"). Returns the state once the question is answered."""
    post = app.state()["external_id"]
    state = app.key(keys)
    if state["modal"] != GATE:
        assert "despite" not in db.post_events(post)[-1].payload, post
        return state
    assert app.key("Escape")["modal"] is None, post  # the safe choice: nothing happens
    assert db.post(post).state not in ("approved", "awaiting_signoff"), post
    assert app.key(keys)["modal"] == GATE, post
    state = app.wait_for(lambda state: state["modal"] is None, f"the approval question on {post}",
                         ) if app.key("alt+a")["modal"] is not None else app.state()
    assert db.post_events(post)[-1].payload["despite"], post
    return state


class FocusModelMissing(AssertionError):
    """Where issue 12's focus model says the keyboard should be, it is not, or a dialog does
    not answer the keys it should (Ctrl+Enter submits, Enter presses a focused button)."""


class Expectations:
    def __init__(self):
        self.missed: list[str] = []

    def focus(self, state: dict, where: str, when: str) -> bool:
        if state["focus"] == where:
            return True
        self.missed.append(f"{when}: the focus is on {state['focus']}, not on {where}")
        return False

    def that(self, holds: bool, what: str) -> bool:
        if not holds:
            self.missed.append(what)
        return holds

    def check(self) -> None:
        if self.missed:
            raise FocusModelMissing(f"{len(self.missed)} expectation(s) of the focus model not met:\n"
                                    + "\n".join(self.missed))


class Reader:
    """The database as the window leaves it, read through a Desk of the test's own (SQLite
    lets a reader in beside the window's connection)."""

    def __init__(self, path: Path):
        self.desk = Desk(path, backups=False, daily_backup=False)

    def __enter__(self) -> "Reader":
        return self

    def __exit__(self, *exc) -> None:
        self.desk.close()

    def post(self, external_id: str):
        return self.desk.post(self.desk.resolve_post_id(external_id))

    def post_events(self, external_id: str):
        return self.desk.history(self.desk.resolve_post_id(external_id))

    def hints(self, external_id: str):
        return self.desk.hints(self.desk.resolve_post_id(external_id))


def prepare_day(path: Path, memory: Path) -> dict[str, str]:
    """A reviewer's database as after the first start (sample batches, starter glossaries),
    with a translation memory that has one unit for every post: its source, and a target
    "Memory for ID." Returns external id -> memory target."""
    with Desk(path) as desk:
        desk.set_profile("Tendai", "reviewer", ["en", "sn"], "en")
        desk.load_sample()
        import_starter_glossaries(desk)
        posts = [desk.post(row["id"]) for row in desk.posts()]
        targets = {post.external_id: f"Memory for {post.external_id}." for post in posts}
        units = "".join(
            f'<tu><tuv xml:lang="{post.source_lang}"><seg>{escape(post.source_text)}</seg></tuv>'
            f'<tuv xml:lang="{post.target_lang}"><seg>{targets[post.external_id]}</seg></tuv></tu>'
            for post in posts)
        memory.write_text(
            '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN" '
            'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="tests" '
            f'creationtoolversion="1" o-tmf="tests"/><body>{units}</body></tmx>', encoding="utf-8")
        import_memory(desk, memory)
    return targets
