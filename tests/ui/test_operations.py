"""The operation runner (ui/operations.py): progress, Cancel, errors, one action at a time, the
broadcast of what changed reaching every view, and the undo steps of assigning and of keeping a
version of a post in conflict."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from review import Cancelled, Desk, ImportFailed, InvalidInput, Problem
from tests.helpers import COORD, sample_csv
from tests.ui.test_exchange import conflict_database
from tests.ui.test_main_window import open_window, press
from ui import dialogs, main_window
from ui import exchange as ui_exchange
from ui.operations import Changes, Operations

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runner(qtbot, desk):
    """A runner on a plain widget, as the window makes one; errors and statuses recorded."""
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: dict[str, list] = {"errors": [], "status": []}
    ops = Operations(parent, desk, QUndoStack(parent), shown["errors"].append, shown["status"].append)
    ops.shown = shown
    return ops


def wait_done(qtbot, ops) -> None:
    qtbot.waitUntil(lambda: not ops.pending(), timeout=10000)


# -- long work: progress, Cancel, errors -----------------------------------------------------------


def test_the_progress_dialog_follows_what_the_work_reports(qtbot, runner):
    reported, release, results = threading.Event(), threading.Event(), []

    def work(desk, job):
        job.progress(1, 4)
        time.sleep(0.15)  # reports closer together than 0.1 s are not all sent on
        job.progress(2, 4)
        reported.set()
        release.wait(10)
        return "done"

    assert runner.run_long("Importing posts.csv…", work, done=results.append)
    dialog = runner._action.dialog
    assert dialog.maximum() == 0, "busy (no range) until the work says how far it is"
    assert reported.wait(10)
    qtbot.waitUntil(lambda: (dialog.maximum(), dialog.value()) == (4, 2), timeout=5000)
    assert dialog.labelText() == "Importing posts.csv…"
    release.set()
    wait_done(qtbot, runner)
    assert results == ["done"] and not runner.busy


def test_a_batch_import_reports_its_posts_stored_as_it_goes(qtbot, runner, tmp_path):
    csv = sample_csv(tmp_path, "big.csv", rows=4500)
    seen, results = [], []

    def work(desk, job):
        def progress(done, total):
            seen.append((done, total))
            job.progress(done, total)
        return desk.import_batch(csv, actor=COORD, should_stop=job.should_stop, progress=progress)

    runner.run_long("Importing", work, done=results.append)
    wait_done(qtbot, runner)
    assert results and results[0].added == 4500
    assert seen == [(2000, 4500), (4000, 4500), (4500, 4500)]  # a slice of 2,000 at a time


def test_cancel_rolls_the_import_back_and_says_so_in_the_status_bar(qtbot, runner, tmp_path):
    csv = sample_csv(tmp_path, "cancelled.csv", rows=2500)
    first_slice, cancelled, results = threading.Event(), threading.Event(), []

    def work(desk, job):
        def progress(done, total):
            first_slice.set()
            cancelled.wait(10)  # the user presses Cancel while the import is under way
        return desk.import_batch(csv, actor=COORD, should_stop=job.should_stop, progress=progress)

    runner.run_long("Importing", work, done=results.append)
    assert first_slice.wait(10)
    runner._action.dialog.findChild(QPushButton).click()  # Cancel
    cancelled.set()
    wait_done(qtbot, runner)
    assert results == [] and runner.shown["errors"] == []
    assert runner.shown["status"] == ["the import was cancelled; nothing was changed"]
    assert runner.desk.batches() == []


def test_a_refused_file_lists_its_problems_and_another_error_is_a_message(qtbot, runner, monkeypatch):
    listed = []
    monkeypatch.setattr(dialogs.ProblemsDialog, "exec", lambda dialog: listed.append(
        (dialog.windowTitle(), dialog.lines)))

    def refused(desk, job):
        raise ImportFailed([Problem("posts.csv", 3, "platform", "unknown platform 'myspace'")])

    runner.run_long("Importing", refused, problems_title="posts.csv was not imported")
    wait_done(qtbot, runner)
    assert listed[0][0] == "posts.csv was not imported"
    assert any("posts.csv:3: platform: unknown platform 'myspace'" in line for line in listed[0][1])

    def broken(desk, job):
        raise InvalidInput("no such batch 'zw'")

    runner.run_long("Exporting", broken)
    wait_done(qtbot, runner)
    assert [str(e) for e in runner.shown["errors"]] == ["no such batch 'zw'"]


def test_one_action_at_a_time_and_a_read_waits_for_it(qtbot, runner):
    release, order = threading.Event(), []
    assert runner.run_long("First", lambda desk, job: release.wait(10) and order.append("action"))
    assert not runner.run_long("Second", lambda desk, job: order.append("refused"))
    runner.read(None, lambda desk, job: order.append("read"), lambda _r: None, lambda _e: None)
    assert runner.busy
    release.set()
    wait_done(qtbot, runner)
    assert order == ["action", "read"] and not runner.busy


def test_the_changes_of_a_long_action_are_broadcast_before_its_result_is_shown(qtbot, runner, tmp_path):
    csv, heard = sample_csv(tmp_path, "zw.csv"), []
    runner.changed.connect(lambda changes, _initiator: heard.append(("changes", changes)))
    runner.run_long("Importing", lambda desk, job: desk.import_batch(csv, actor=COORD),
                    lambda result: Changes.of_batches([result.batch], added=True),
                    lambda result: heard.append(("done", result.batch)))
    wait_done(qtbot, runner)
    assert heard == [("changes", Changes(batches=frozenset({"zw"}), whole_batches=True, added=True)),
                     ("done", "zw")]


def test_a_short_verb_that_is_refused_is_shown_and_broadcasts_nothing(qtbot, runner, batch):
    heard = []
    runner.changed.connect(lambda changes, _initiator: heard.append(changes))
    assert runner.run(lambda: runner.desk.decide(batch["ZW-001"], COORD, "reject"),
                      lambda post: Changes.of_posts([post])) is None  # a reason is needed
    assert len(runner.shown["errors"]) == 1 and heard == []
    post = runner.run(lambda: runner.desk.decide(batch["ZW-001"], COORD, "reject", "HQ's wording"),
                      lambda post: Changes.of_posts([post]))
    assert post.state == "rejected"
    assert heard == [Changes(posts=frozenset({post.id}), batches=frozenset({"zw"}))]


# -- chores: the daily backup and the language warm-up ---------------------------------------------


def test_closing_waits_for_a_running_chore_and_drops_one_not_started(qtbot, runner):
    started, ran = threading.Event(), []

    def slow():
        started.set()
        time.sleep(0.3)
        ran.append("slow")

    runner.chore(slow)
    runner.chore(lambda: ran.append("queued"))
    assert started.wait(10)
    runner.shutdown()
    assert ran == ["slow"], "the copy in progress ends whole; what waited is dropped"


def test_a_chore_after_a_delay_never_runs_once_its_runner_is_gone(qtbot, desk):
    parent, ran = QWidget(), []
    ops = Operations(parent, desk)
    ops.chore(lambda: ran.append("late"), after_ms=50)
    parent.deleteLater()
    qtbot.wait(200)
    assert ran == []


# -- the broadcast reaches every view --------------------------------------------------------------


def test_a_decision_reaches_the_queue_the_status_bar_and_the_dashboard(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post("ZW-004")  # no open errors: approved without a question
    window.show_dashboard()
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.data is not None and dashboard.chosen_batch() == window.post.batch,
                    timeout=10000)
    decided = len(dashboard.data.scored)
    with qtbot.waitSignal(dashboard.shown, timeout=10000):  # it reads its figures again
        window.decide("approve")
    assert len(dashboard.data.scored) == decided + 1
    row = window.queue.model.row_of(window.post.id)
    assert window.queue.model.index(row, 0).data() == "Approved"
    assert "approved" in window.state_label.text()


def test_the_dashboard_does_not_read_again_for_another_batch(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.show_dashboard()
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=10000)
    dashboard.choose_batch("chengdu-hitech-zone")
    qtbot.waitUntil(lambda: dashboard.data.batch["name"] == "chengdu-hitech-zone", timeout=10000)
    shown = []
    dashboard.shown.connect(shown.append)
    window.open_post("ZW-004")
    window.decide("approve")
    qtbot.wait(300)
    assert shown == [] and not window.ops.pending()


def test_a_new_reviewer_name_reaches_the_status_bar_and_assigned_to_me(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post("ZW-010")
    monkeypatch.setattr(main_window, "ask_text", lambda *a, **k: "Nomsa")
    window.actions.assign.trigger()
    window.queue.mine_check.setChecked(True)
    assert window.queue.model.rowCount() == 0, "nothing is Chipo's"
    profile = dict(window.profile, name="Nomsa")
    monkeypatch.setattr(main_window.PreferencesDialog, "exec", lambda dialog: True)
    monkeypatch.setattr(main_window.PreferencesDialog, "values", lambda dialog: profile)
    window.edit_preferences()
    assert "Nomsa (coordinator)" in window.state_label.text()
    assert window.queue.model.rowCount() == 1, "Assigned to me follows the new name"


def test_a_glossary_import_redraws_the_hints_of_the_post_shown(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path)
    window.open_post("CD-003")
    post = window.post
    term = "".join(ch for ch in post.source_text if "\u4e00" <= ch <= "\u9fff")[:2]
    glossary = tmp_path / "new-terms.csv"
    glossary.write_text(f"source,target,status\n{term},Unique rendering XYZ,preferred\n", encoding="utf-8")
    monkeypatch.setattr(main_window.GlossaryImportDialog, "exec", lambda dialog: True)
    monkeypatch.setattr(main_window.GlossaryImportDialog, "values", lambda dialog: {
        "source": post.source_lang, "target": post.target_lang, "name": "new-terms"})
    expected = lambda: [r for t in window.hints.glossary.terms for r in t.expected]  # noqa: E731
    assert "Unique rendering XYZ" not in expected()
    window.run_import("glossary", glossary)
    qtbot.waitUntil(lambda: not window.ops.pending(), timeout=10000)
    assert "Unique rendering XYZ" in expected()
    assert "Unique rendering XYZ" in window.hints_panel.glossary_view.toPlainText()  # drawn
    assert window.post.id == post.id


def test_the_conflicts_view_stops_offering_versions_of_a_post_that_changed(qtbot, tmp_path):
    pid, _ = conflict_database(tmp_path)
    with Desk(tmp_path / "desk.sqlite3") as desk:
        post, conflict = desk.post(pid), desk.post_conflict(pid)
    dialog = ui_exchange.ConflictDialog(post, conflict, str, True)
    qtbot.addWidget(dialog)
    dialog.changes_heard(Changes(posts=frozenset({"another"}), batches=frozenset({post.batch})))
    assert all(p.keep_button.isEnabled() for p in dialog.panels) and dialog.changed_note.isHidden()
    dialog.changes_heard(Changes.of_batches([post.batch], added=True))  # a package merged
    assert not any(p.keep_button.isEnabled() for p in dialog.panels)
    assert not dialog.changed_note.isHidden()


# -- undo of assigning and of keeping a version ----------------------------------------------------


def test_undo_gives_an_assigned_post_back_and_redo_assigns_it_again(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post("ZW-010")
    post_id = window.post.id
    monkeypatch.setattr(main_window, "ask_text", lambda *a, **k: "Tendai")
    window.actions.assign.trigger()
    assert window.post.assignee == "Tendai" and window.undo_stack.undoText() == "Assign · ZW-010"
    window.queue.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.desk.post(post_id).assignee is None and window.post.assignee is None
    assert window.statusBar().currentMessage() == "Undone: Assign · ZW-010"
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.desk.post(post_id).assignee == "Tendai"
    kinds = [e.kind for e in window.desk.history(post_id)]
    assert kinds.count("post.assigned") == 3, "taken back by assigning again, not by an undo event"
    steps = window.undo_stack.count()
    window.actions.assign.trigger()  # to Tendai again: nothing changes, nothing to take back
    assert window.undo_stack.count() == steps and len(window.desk.history(post_id)) == len(kinds)


def test_an_assignment_changed_since_is_not_taken_back(qtbot, tmp_path, monkeypatch, messages):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post("ZW-010")
    post_id = window.post.id
    monkeypatch.setattr(main_window, "ask_text", lambda *a, **k: "Tendai")
    window.actions.assign.trigger()
    window.desk.assign([post_id], COORD, "Nomsa")  # on another path (the command line)
    window.queue.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.desk.post(post_id).assignee == "Nomsa"
    assert "can no longer be taken back" in messages[-1][1]
    assert window.undo_stack.count() == 0 and "Undone" not in window.statusBar().currentMessage()


def test_keeping_a_version_says_it_cannot_be_undone_and_ctrl_z_then_reaches_the_step_before(
        qtbot, tmp_path, monkeypatch, messages):
    pid, tendai_tip = conflict_database(tmp_path)
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post("ZW-2")
    other = window.post.id
    window.decide("approve", False)
    window.open_post(pid)
    monkeypatch.setattr(ui_exchange.ConflictDialog, "exec",
                        lambda dialog: dialog._keep(tendai_tip) or True)
    window.actions.resolve_conflict.trigger()
    assert window.post.state == "approved" and window.undo_stack.undoText() == "Keep version · ZW-1"
    window.queue.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z)
    assert "cannot be undone" in messages[-1][1]
    assert window.desk.post(pid).state == "approved", "still kept"
    assert "Undone" not in window.statusBar().currentMessage()
    window.queue.view.setFocus()  # after a message the keyboard is back in the rewrite
    press(qtbot, window, Qt.Key.Key_Z)  # the approval before it
    assert window.desk.post(other).state == "in_review"
    assert window.statusBar().currentMessage() == "Undone: Approve · ZW-2"


# -- a window that goes while its work runs --------------------------------------------------------

ENDS_WHILE_AN_ACTION_RUNS = '''
import time
from PySide6.QtWidgets import QPushButton, QWidget
from review import Desk
from ui.operations import Operations

def test_ends_while_its_action_runs(qtbot, tmp_path):
    desk = Desk(tmp_path / "d.sqlite3")
    window = QWidget()
    qtbot.addWidget(window)
    window.ops = Operations(window, desk)
    window.ops.run_long("Working", lambda desk, job: time.sleep(2))

def test_next_shows_a_window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(500)
'''


def run_pytest(test_file: Path, *options: str) -> subprocess.CompletedProcess:
    """-s: Qt's last words go to stderr; --basetemp: its temporary files stay in this test's."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    folder = test_file.parent
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-s",
                           "--no-qt-log", "--rootdir", str(folder), "--basetemp", str(folder / "tmp"),
                           *options, str(test_file)],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_a_window_deleted_while_its_action_runs_waits_for_it_and_aborts_nothing(tmp_path):
    """The old per-task QThread, deleted while it ran, aborted the next test with SIGABRT
    ("QThread: Destroyed while thread is still running"); the runner's thread pool waits for
    its work when it goes. The teardown hook (tests/ui/running_tasks.py) lets the result arrive."""
    test_file = tmp_path / "test_action_at_teardown.py"
    test_file.write_text(ENDS_WHILE_AN_ACTION_RUNS, encoding="utf-8")
    for options in ((), ("-p", "tests.ui.running_tasks")):
        ran = run_pytest(test_file, *options)
        assert ran.returncode == 0, ran.stdout + ran.stderr
        assert "2 passed" in ran.stdout and "Destroyed while thread" not in ran.stderr


def test_a_glossary_import_has_the_queue_count_the_problems_again(qtbot, tmp_path, monkeypatch):
    """A glossary changes the forbidden-term findings: the store forgets every count, and the
    queue, hearing of it, has them computed again (not only when something else restarts it)."""
    window = open_window(qtbot, tmp_path)
    store = window.desk.store
    qtbot.waitUntil(lambda: not window.queue.filler.is_running(), timeout=20000)  # all counted
    glossary = tmp_path / "terms.csv"
    glossary.write_text("source,target,status\n井,well,preferred\n", encoding="utf-8")
    monkeypatch.setattr(main_window.GlossaryImportDialog, "exec", lambda dialog: True)
    monkeypatch.setattr(main_window.GlossaryImportDialog, "values", lambda dialog: {
        "source": "zh-CN", "target": "en", "name": "terms"})
    window.run_import("glossary", glossary)
    qtbot.waitUntil(lambda: not window.ops.pending(), timeout=10000)
    qtbot.waitUntil(lambda: not store.queue.posts_without_problem_count(1), timeout=20000)
    qtbot.waitUntil(lambda: window.queue.model.index(0, 4).data() is not None, timeout=5000)


def test_the_post_views_read_again_only_when_their_post_or_its_hints_changed(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path)
    window.open_post("ZW-004")
    shown = window.post
    reads, real = [], window.show_post  # how often the post views draw their post again
    monkeypatch.setattr(window, "show_post", lambda post_id: reads.append(post_id) or real(post_id))
    other = window.desk.resolve_post_id("ZW-005")
    window.ops.broadcast(Changes(posts=frozenset({other}), batches=frozenset({shown.batch})))
    window.ops.broadcast(Changes.of_batches(["chengdu-hitech-zone"], added=True))
    assert reads == [], "another post, another batch: nothing to draw again"
    window.ops.broadcast(Changes(memory=True))  # the memory matches may differ
    assert reads == [shown.id]
    reads.clear()
    annotated = window.ops.run(
        lambda: window.desk.annotate(shown.id, window.actor, start=0, end=2, category="style",
                                     severity="minor"),
        lambda post: Changes.of_posts([post]))
    assert reads == [shown.id] and window.post == annotated
    assert window.annotation_list.model.rowCount() == 1
