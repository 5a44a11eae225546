"""Whole journeys through the real main window, offscreen: the keyboard, the dialogs' results,
and what the store holds afterwards."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from review import Desk
from ui import dialogs, main_window
from ui.startup import open_main_window

ROOT = Path(__file__).resolve().parents[2]


def open_window(qtbot, tmp_path, role="reviewer", name="Tendai"):
    path = tmp_path / "desk.sqlite3"
    with Desk(path) as desk:
        desk.set_profile(name, role, ["en", "sn"], "en")
    window = open_main_window(QApplication.instance(), path)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()  # shortcuts reach only the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def type_committed(widget, text: str) -> None:
    """Chinese arrives as an input method's committed string (QTest cannot type it)."""
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.ControlModifier):
    qtbot.keyClick(window.focusWidget() or window, key, modifiers)


def test_first_start_loads_the_sample_and_shows_the_first_post(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    assert window.queue.model.rowCount() >= 54
    window.queue.select_next()
    assert window.post is not None and window.hints is not None
    qtbot.waitUntil(lambda: "posts" in window.counts_label.text())
    assert {g["name"] for g in window.desk.store.glossaries.list()} >= {"zh-CN_en.aid-project.starter"}


def laptop_from_work_package(tmp_path) -> Path:
    """A reviewer's database set up only by importing a coordinator's work package."""
    from tests.helpers import COORD

    with Desk(tmp_path / "coordinator.sqlite3") as coordinator:
        coordinator.load_sample_and_glossaries()
        coordinator.make_work_package("zimbabwe-boreholes", tmp_path / "zw.rdpack", COORD, reviewer="Tendai")
    path = tmp_path / "desk.sqlite3"
    with Desk(path) as laptop:
        laptop.set_profile("Tendai", "reviewer", ["en", "sn"], "en")
        laptop.import_package(tmp_path / "zw.rdpack")
    return path


def test_opening_the_window_on_a_laptop_set_up_from_a_work_package_adds_no_sample(qtbot, tmp_path):
    from tests.exchange.support import snapshot

    path = laptop_from_work_package(tmp_path)
    with Desk(path) as laptop:
        before, glossaries = snapshot(laptop), laptop.store.glossaries.list()
    window = open_main_window(QApplication.instance(), path)
    qtbot.addWidget(window)
    assert [b["name"] for b in window.desk.batches()] == ["zimbabwe-boreholes"]
    assert window.queue.model.rowCount() == 38
    assert snapshot(window.desk) == before and window.desk.store.glossaries.list() == glossaries


def test_file_load_sample_on_a_desk_with_work_adds_the_sample(qtbot, tmp_path):
    """The sample stays there for whoever wants it; the batch the package brought is kept."""
    window = open_main_window(QApplication.instance(), laptop_from_work_package(tmp_path))
    qtbot.addWidget(window)
    zimbabwe = window.desk.store.events.of_batch("zimbabwe-boreholes")
    assert window.actions.load_sample in window.menus["file"].actions()
    window.actions.load_sample.trigger()
    qtbot.waitUntil(lambda: "Sample loaded" in window.statusBar().currentMessage(), timeout=20000)
    assert {b["name"] for b in window.desk.batches()} == {"zimbabwe-boreholes", "chengdu-hitech-zone"}
    assert window.queue.model.rowCount() == 54
    assert "Already here, left as they are: zimbabwe-boreholes" in window.statusBar().currentMessage()
    assert window.desk.store.events.of_batch("zimbabwe-boreholes") == zimbabwe
    window.actions.load_sample.trigger()
    qtbot.waitUntil(lambda: "loaded on this desk before" in window.statusBar().currentMessage(), timeout=20000)


def test_second_window_on_the_same_database_is_refused(qtbot, tmp_path, messages):
    window = open_window(qtbot, tmp_path)
    assert open_main_window(QApplication.instance(), window.desk.path) is None
    assert "already open" in messages[-1][1]


def test_rewrite_with_back_translation_then_approve_and_next_by_keyboard(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    assert window.open_post("ZW-004")
    post_id = window.post.id
    window.pane.focus_rewrite()
    qtbot.keyClicks(window.pane.rewrite_edit, "We drilled 12 boreholes in Masvingo.")
    type_committed(window.pane.back_translation_edit, "我们在马斯温戈打了12眼钻井。")
    press(qtbot, window, Qt.Key.Key_S)
    post = window.desk.post(post_id)
    assert post.current_text == "We drilled 12 boreholes in Masvingo."
    assert post.current_revision.back_translation == "我们在马斯温戈打了12眼钻井。"

    press(qtbot, window, Qt.Key.Key_Return)
    assert window.desk.post(post_id).state == "awaiting_signoff"  # the sample batch needs sign-off
    assert window.post.id != post_id, "approve and next moved on"


def test_request_changes_asks_a_reason_and_undo_redo(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path)
    window.open_post("CD-002")
    post_id = window.post.id
    monkeypatch.setattr(dialogs.ReasonDialog, "ask", classmethod(lambda cls, *a: "too formal for LinkedIn"))
    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    post = window.desk.post(post_id)
    assert post.state == "changes_requested" and post.reason == "too formal for LinkedIn"
    # In a text box Ctrl+Z undoes typing; in the queue it undoes review actions.
    window.queue.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.desk.post(post_id).state == "in_review"
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.desk.post(post_id).state == "changes_requested"
    kinds = [e.kind for e in window.desk.history(post_id)]
    assert kinds[-2:] == ["event.undone", "event.undone"], "undo and redo are events"


def test_refused_actions_are_disabled_with_the_reason(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    window.open_post("CD-001")
    assert not window.actions.reopen.isEnabled()
    assert "Not now: the post is pending; open it for review first." in window.actions.reopen.toolTip()
    assert not window.actions.signoff.isEnabled(), "a reviewer cannot sign off"
    assert "Only a coordinator can do this." in window.actions.assign.toolTip()
    window.set_interface_language("zh_CN")
    assert "现在不行：帖子状态为待审" in window.actions.reopen.toolTip()
    window.set_interface_language("en")


def test_annotate_the_selected_span(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path)
    window.open_post("ZW-004")
    draft = window.post.draft.text
    start = draft.index("water wells")
    window.pane.select_span("draft", start, start + len("water wells"))
    monkeypatch.setattr(main_window.AnnotationDialog, "ask", classmethod(
        lambda cls, parent, excerpt: {"category": "terminology", "subcategory": None,
                                      "severity": "major", "comment": f"not '{excerpt}'"}))
    press(qtbot, window, Qt.Key.Key_M)
    (annotation,) = window.desk.post(window.post.id).annotations.values()
    assert (annotation.start, annotation.end, annotation.comment) == (start, start + 11, "not 'water wells'")


def test_bad_import_lists_every_problem_and_imports_nothing(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path)
    before = window.desk.store.events.count()
    bad = tmp_path / "bad.csv"
    bad.write_text("id,platform,source_lang,source_text,target_lang,draft_text\n"
                   "A,tiktok,zh-CN,源文,en,Draft\nB,x,zh-CN,源文,en,\n", encoding="utf-8")
    shown = []
    monkeypatch.setattr(dialogs.ProblemsDialog, "exec", lambda self: shown.append(self.lines))
    assert window.run_import("batch", bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert any(":2: platform:" in line for line in shown[0])
    assert any(":3: draft_text:" in line for line in shown[0])
    assert window.desk.store.events.count() == before


def test_bad_import_in_chinese_lists_the_problems_in_chinese(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path)
    window.set_interface_language("zh_CN")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,platform,source_lang,source_text,target_lang,draft_text\n"
                   "A,tiktok,zh-CN,源文,en,Draft\nA,x,zh-CN,源文,en,Draft\n", encoding="utf-8")
    shown = []
    monkeypatch.setattr(dialogs.ProblemsDialog, "exec", lambda self: shown.append(self.lines))
    assert window.run_import("batch", bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    window.set_interface_language("en")
    first, second, end = shown[0]
    assert first.startswith(f"{bad}:2: platform: 未知平台 'tiktok'；请使用以下之一：x, facebook")
    assert second == f"{bad}:3: id: 编号 'A' 重复：第 2 行已使用；请给每个帖子一个独立编号"
    assert end == "未导入任何内容（2 个问题）；请修正文件后重新导入"


def test_good_import_runs_in_the_background(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    rows = window.queue.model.rowCount()
    assert window.run_import("batch", ROOT / "tests" / "data" / "batches" / "good.csv")
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10000)
    assert window.queue.model.rowCount() > rows


@pytest.mark.parametrize("fmt, said", [
    ("csv", "SHA-256"),
    # the sample came from a CSV: no file of HQ's is kept, so the XLIFF is a new document
    ("xliff12", "written as a new XLIFF document: no XLIFF file of HQ's"),
])
def test_export_approved_as_coordinator(qtbot, tmp_path, monkeypatch, messages, fmt, said):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post("CD-001")
    window.decide("approve")
    out = tmp_path / f"approved.{fmt}"
    monkeypatch.setattr(main_window.ExportDialog, "exec", lambda self: True)
    monkeypatch.setattr(main_window.ExportDialog, "values", lambda self: {
        "batch": "chengdu-hitech-zone", "format": fmt, "again": False, "path": str(out)})
    window.export_approved()
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert messages[-1][0] == "information" and said in messages[-1][1]
    assert out.exists()
    assert window.desk.post(window.desk.resolve_post_id("CD-001")).state == "exported"


def test_interface_switches_to_chinese(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    window.set_interface_language("zh_CN")
    assert window.menus["file"].title() == "文件(&F)"
    assert window.actions.approve_next.text().startswith("批准")
    window.set_interface_language("en")
    assert window.menus["file"].title() == "&File"


def test_unfinished_rewrite_survives_closing(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    window.open_post("ZW-006")
    qtbot.keyClicks(window.pane.rewrite_edit, "Traditional leaders")
    path, post_id = window.desk.path, window.post.id
    window.close()
    window.lock.unlock()
    with Desk(path) as desk:
        assert desk.unfinished(post_id, desk_actor(desk))["text"] == "Traditional leaders"


def desk_actor(desk):
    from review import Actor

    profile = desk.profile()
    return Actor(profile["name"], profile["role"])


def render_screenshot(tmp_path, out, *options):
    """`review-desk gui --screenshot OUT OPTIONS...` on a fresh database, as a person runs it."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "s.sqlite3"),
                           "gui", *options, "--screenshot", str(out)],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot_command_renders_and_exits(tmp_path, theme):
    out = tmp_path / f"shot-{theme}.png"
    done = render_screenshot(tmp_path, out, "--post", "ZW-003", "--theme", theme)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 20_000
    assert (tmp_path / "s.sqlite3-checked").exists()  # the window closed its database cleanly


def test_screenshot_of_an_unknown_post_says_so_and_never_waits(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "u.sqlite3"),
                           "gui", "--post", "no-such-post", "--screenshot", str(tmp_path / "u.png")],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 2 and "no post 'no-such-post'" in done.stderr
    assert "Traceback" not in done.stderr


def test_undo_refuses_when_someone_else_acted_since(qtbot, tmp_path, messages):
    window = open_window(qtbot, tmp_path)
    window.open_post("CD-003")
    post_id = window.post.id
    window.decide("approve")
    from review import Actor

    window.desk.decide(post_id, Actor("Li Wei", "coordinator"), "reopen", reason="HQ asks")
    window.queue.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.desk.post(post_id).state == "in_review", "the coordinator's reopen stands"
    assert "changed since" in messages[-1][1]


def test_html_in_batch_names_and_errors_is_shown_as_text(qtbot, tmp_path, messages):
    window = open_window(qtbot, tmp_path)
    window.show_error(__import__("review").ReviewError("batch <b>bold</b> has no approved posts"))
    assert messages[-1] == ("warning", "batch <b>bold</b> has no approved posts")
    assert window.state_label.textFormat() == Qt.TextFormat.PlainText


def test_coordinator_assigns_a_post(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post("ZW-010")
    monkeypatch.setattr(main_window, "ask_text", lambda *a, **k: "Tendai")
    assert window.actions.assign.isEnabled()
    window.actions.assign.trigger()
    assert window.desk.post(window.post.id).assignee == "Tendai"


def test_reviewer_cannot_assign(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    window.open_post("ZW-010")
    assert not window.actions.assign.isEnabled()
    assert "coordinator" in window.actions.assign.toolTip()


def test_a_damaged_database_is_offered_its_newest_backup(qtbot, tmp_path, monkeypatch):
    from ui import dialogs

    path = tmp_path / "desk.sqlite3"
    with Desk(path) as desk:
        desk.set_profile("Tendai", "reviewer", ["en"], "en")
        desk.load_sample()
    with open(path, "r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096)
    asked = []
    monkeypatch.setattr(dialogs, "ask", lambda *args: asked.append(args[2]) or True)
    window = open_main_window(QApplication.instance(), path)
    qtbot.addWidget(window)
    assert "is damaged" in asked[0] and "Restore the newest intact backup" in asked[0]
    # The newest backup was taken before the second sample batch was imported: it holds the
    # first (16 posts), and a desk that holds a batch gets no sample on opening.
    assert window.queue.model.rowCount() == 16
    assert list(tmp_path.glob("desk.sqlite3.replaced-*"))


def test_a_damaged_database_without_backups_is_reported_and_left_alone(qtbot, tmp_path, messages):
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    assert open_main_window(QApplication.instance(), path) is None
    assert messages[-1][0] == "critical" and "is damaged" in messages[-1][1]
    assert path.read_bytes() == b"SQLite format 3\x00" + b"\x13" * 5000


def test_the_window_reports_damage_found_while_reading(qapp, messages, monkeypatch):
    """Damage quick_check could not see, found when a value is read: said plainly."""
    import sqlite3
    import sys

    from ui.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    install_excepthook()
    error = sqlite3.DatabaseError("database disk image is malformed")
    error.sqlite_errorcode = 11
    sys.excepthook(type(error), error, None)
    assert messages[-1][0] == "critical" and "is damaged" in messages[-1][1]


def test_damage_found_while_a_message_box_has_the_focus_names_the_windows_database(
        qtbot, tmp_path, messages, monkeypatch):
    """The damage message names the window's file even when the active window is a dialog
    (it said "?"), and the error's traceback goes to the log as any other's does."""
    import sqlite3
    import sys
    import tempfile

    from PySide6.QtWidgets import QDialog

    from ui.app import install_excepthook

    window = open_window(qtbot, tmp_path)
    box = QDialog(window)
    qtbot.addWidget(box)
    box.show()
    box.activateWindow()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    error = sqlite3.DatabaseError("database disk image is malformed")
    error.sqlite_errorcode = 11
    sys.excepthook(type(error), error, None)
    assert messages[-1][0] == "critical" and str(window.desk.path) in messages[-1][1]
    assert "malformed" in (tmp_path / "review-desk-error.log").read_text(encoding="utf-8")


def test_the_first_start_of_a_day_copies_the_database_while_the_window_is_in_use(qtbot, tmp_path):
    from review.backups import backups_of
    from ui.startup import first_start

    path = tmp_path / "desk.sqlite3"
    with Desk(path, backups=False) as desk:  # yesterday's work, no backup of today yet
        desk.set_profile("Tendai", "reviewer", ["en", "sn"], "en")
        first_start(desk)
    assert backups_of(path) == []
    window = open_main_window(QApplication.instance(), path)
    qtbot.addWidget(window)
    window.open_post("ZW-004")  # no open errors: approved without a question
    window.decide("approve")  # writing goes on while the copy is made
    qtbot.waitUntil(lambda: [b.reason for b in backups_of(path)] == ["daily"], timeout=10000)
    assert window.desk.post(window.post.id).state == "approved"
