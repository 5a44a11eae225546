"""Packages and conflicts in the real window: File > Send batch to reviewer / Return my work /
Import package, and Review > Resolve conflict (the side-by-side view)."""
from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt

from review import Actor, Desk
from review.importing import SAMPLE_LOADED
from tests.exchange.support import coordinator_laptop
from tests.helpers import COORD
from tests.ui.test_main_window import open_window
from ui import dialogs
from ui import exchange as ui_exchange
from ui import main_window

TENDAI = Actor("Tendai")


def conflict_database(tmp_path) -> tuple[str, str]:
    """desk.sqlite3 of a coordinator, with post ZW-1 in conflict (Tendai approved on his laptop,
    the coordinator rewrote it on hers). Returns (post id, Tendai's version's event)."""
    coord, ids = coordinator_laptop(tmp_path)
    coord.close()
    (tmp_path / "coordinator.sqlite3").rename(tmp_path / "desk.sqlite3")
    with Desk(tmp_path / "desk.sqlite3") as desk:
        desk.make_work_package("zw", tmp_path / "w.rdpack", COORD)
        with Desk(tmp_path / "tendai.sqlite3") as laptop:
            laptop.import_package(tmp_path / "w.rdpack")
            laptop.annotate(ids["ZW-1"], TENDAI, start=0, end=2, category="style", severity="minor",
                            comment="fine <b>really</b>")
            laptop.decide(ids["ZW-1"], TENDAI, "approve")
            laptop.make_results_package("zw", tmp_path / "t.rdpack", TENDAI)
        desk.rewrite(ids["ZW-1"], COORD, "We drilled 12 boreholes in Masvingo.", "我们打了12眼井。")
        desk.import_package(tmp_path / "t.rdpack")
        tendai = next(b for b in desk.post_conflict(ids["ZW-1"]).branches if b.post.last_actor == "Tendai")
        return ids["ZW-1"], tendai.tip


def test_conflict_posts_show_in_the_queue_and_the_state_filter(qtbot, tmp_path):
    pid, _ = conflict_database(tmp_path)
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    combo = window.queue.state_combo
    combo.setCurrentIndex(combo.findData("conflict"))
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 1)
    assert window.queue.model.index(0, 0).data() == "Conflict"
    window.open_post(pid)
    assert "conflict" in window.state_label.text()
    assert window.actions.resolve_conflict.isEnabled()
    assert not window.actions.approve.isEnabled()


def test_keep_this_version_resolves_the_conflict(qtbot, tmp_path, monkeypatch):
    pid, tendai_tip = conflict_database(tmp_path)
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post(pid)
    seen = {}

    def choose_tendai(dialog):
        seen["texts"] = [p.text.toPlainText() for p in dialog.panels]
        seen["labels"] = [p.decision.text() for p in dialog.panels]
        panel = next(p for p in dialog.panels if "Tendai" in p.decision.text())
        qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ui_exchange.ConflictDialog, "exec", choose_tendai)
    window.actions.resolve_conflict.trigger()
    assert "We drilled 12 boreholes in Masvingo." in seen["texts"]
    assert any(label.startswith("approved by Tendai") for label in seen["labels"])
    post = window.desk.post(pid)
    assert post.state == "approved" and not post.has_rewrite
    assert window.desk.history(pid)[-1].payload["tip"] == tendai_tip
    assert not window.actions.resolve_conflict.isEnabled()


def test_conflicts_view_screenshot(qtbot, tmp_path):
    pid, _ = conflict_database(tmp_path)
    with Desk(tmp_path / "desk.sqlite3") as desk:
        post, conflict = desk.post(pid), desk.post_conflict(pid)
    dialog = ui_exchange.ConflictDialog(post, conflict, lambda s: s.replace("_", " "), True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert len(dialog.panels) == 2
    # Post text and comments are plain text: the <b> stays visible as typed.
    assert any("<b>really</b>" in label.text() for p in dialog.panels
               for label in p.findChildren(type(p.decision)))
    assert dialog.grab().save(str(tmp_path / "conflicts.png"))


def test_a_conflict_resolved_meanwhile_is_said_not_a_crash(qtbot, tmp_path, messages):
    pid, tip = conflict_database(tmp_path)
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post(pid)
    with Desk(tmp_path / "desk.sqlite3") as other:  # e.g. `review-desk resolve` in a terminal
        other.resolve_conflict(pid, tip, COORD)
    window.actions.resolve_conflict.trigger()
    assert messages and "is not in conflict" in messages[-1][1]
    assert window.post.state == "approved"  # the window shows the post as it is now
    assert not window.actions.resolve_conflict.isEnabled()


def test_a_conflict_resolved_while_the_dialog_is_open_is_said(qtbot, tmp_path, monkeypatch, messages):
    pid, tip = conflict_database(tmp_path)
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post(pid)

    def resolved_elsewhere_then_keep(dialog):
        with Desk(tmp_path / "desk.sqlite3") as other:
            other.resolve_conflict(pid, tip, COORD)
        panel = next(p for p in dialog.panels if "Tendai" not in p.decision.text())
        qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ui_exchange.ConflictDialog, "exec", resolved_elsewhere_then_keep)
    window.actions.resolve_conflict.trigger()
    assert "is not in conflict" in messages[-1][1]
    assert window.post.state == "approved" and not window.post.has_rewrite  # what the other kept


def test_a_reviewer_sees_the_versions_read_only(qtbot, tmp_path, monkeypatch):
    pid, _ = conflict_database(tmp_path)
    window = open_window(qtbot, tmp_path, role="reviewer", name="Rudo")
    window.open_post(pid)
    assert window.actions.resolve_conflict.isEnabled()
    seen = {}

    def look(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        seen["keep"] = [p.keep_button.isEnabled() for p in dialog.panels]
        seen["texts"] = [p.text.toPlainText() for p in dialog.panels]
        seen["buttons"] = [b.text() for b in dialog.close_box.buttons()]
        seen["labels"] = [w.text() for w in dialog.findChildren(type(dialog.panels[0].decision))]
        assert dialog.grab().save(str(tmp_path / "conflict-read-only.png"))
        return 0

    monkeypatch.setattr(ui_exchange.ConflictDialog, "exec", look)
    window.actions.resolve_conflict.trigger()
    assert seen["keep"] == [False, False]
    assert "We drilled 12 boreholes in Masvingo." in seen["texts"]
    assert "Only a coordinator can keep a version." in seen["labels"]
    assert seen["buttons"] == ["&Close"] or seen["buttons"] == ["Close"]
    assert window.desk.post(pid).state == "conflict"


def test_send_batch_import_it_on_another_laptop_and_return_the_work(qtbot, tmp_path, monkeypatch):
    coord = open_window(qtbot, tmp_path / "coord", role="coordinator", name="Chipo")
    work = tmp_path / "zw.rdpack"
    monkeypatch.setattr(ui_exchange.PackageDialog, "exec", lambda self: True)
    monkeypatch.setattr(ui_exchange.PackageDialog, "values", lambda self: {
        "batch": "zimbabwe-boreholes", "reviewer": "Tendai", "path": str(work)})
    coord.actions.send_batch.trigger()
    qtbot.waitUntil(lambda: not coord.ops.busy, timeout=10000)
    assert work.exists()
    assert {r["assignee"] for r in coord.desk.posts(batch="zimbabwe-boreholes")} == {"Tendai"}

    with Desk(tmp_path / "tendai" / "desk.sqlite3") as laptop:  # a laptop without the sample batches
        with laptop.store.write():
            laptop.store.settings.set(SAMPLE_LOADED, "no, this laptop gets its work by package")
    reviewer = open_window(qtbot, tmp_path / "tendai", role="reviewer", name="Tendai")
    assert reviewer.desk.batches() == []
    assert reviewer.run_import("package", work)
    qtbot.waitUntil(lambda: not reviewer.ops.busy, timeout=10000)
    reviewer.queue.mine_check.setChecked(True)  # "Assigned to me": the batch the coordinator sent
    sent = len(coord.desk.posts(batch="zimbabwe-boreholes"))
    qtbot.waitUntil(lambda: reviewer.queue.model.rowCount() == sent, timeout=5000)
    post_id = coord.desk.posts(batch="zimbabwe-boreholes")[0]["id"]
    reviewer.open_post(post_id)
    reviewer.decide("approve")
    back = tmp_path / "back.rdpack"
    monkeypatch.setattr(ui_exchange.PackageDialog, "values", lambda self: {
        "batch": "zimbabwe-boreholes", "reviewer": None, "path": str(back)})
    reviewer.actions.return_work.trigger()
    qtbot.waitUntil(lambda: not reviewer.ops.busy, timeout=10000)
    assert coord.run_import("package", back)
    qtbot.waitUntil(lambda: not coord.ops.busy, timeout=10000)
    assert coord.desk.post(post_id).state == "approved"


def test_a_tampered_package_lists_the_problem_and_imports_nothing(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    bad = tmp_path / "bad.rdpack"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("../escape.json", "{}")
    before = window.desk.store.events.count()
    shown = []
    monkeypatch.setattr(dialogs.ProblemsDialog, "exec", lambda self: shown.append(self.lines))
    assert window.run_import("package", bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert any("climbs out of the package" in line for line in shown[0])
    assert window.desk.store.events.count() == before


def test_the_package_dialog_and_the_import_summary_show_the_signing_key(qtbot, tmp_path):
    """So sender and receiver can compare the key, e.g. over the phone."""
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    dialog = ui_exchange.PackageDialog(window.desk, "work", "Chipo", window)
    qtbot.addWidget(dialog)
    key = window.desk.package_key()
    assert len(key) == 19 and key in dialog.key.text()
    work = tmp_path / "zw.rdpack"
    window.desk.make_work_package("zimbabwe-boreholes", work, window.actor)
    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        summary = window._package_summary(laptop.import_package(work))
    assert f"(key {key})" in summary and "first package from that key" in summary


def test_send_batch_shares_it_between_reviewers_first_undoably(qtbot, tmp_path, monkeypatch):
    """Issue 15: Send batch to reviewer… offers the split; Ctrl+Z gives the posts back."""
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    dialog = ui_exchange.PackageDialog(window.desk, "work", "Chipo", window)
    qtbot.addWidget(dialog)
    ok = dialog.button_box.button(dialog.button_box.StandardButton.Ok)
    dialog.path.setText(str(tmp_path / "t.rdpack"))
    dialog.reviewer.setText("Tendai")
    dialog.split.setText("Nomsa, Rudo")
    assert not ok.isEnabled(), "the package's reviewer must be one of those sharing the batch"
    dialog.split.setText("Tendai")
    assert not ok.isEnabled(), "a split needs two reviewers"
    dialog.split.setText("Tendai, Nomsa,")
    assert ok.isEnabled() and dialog.values()["split"] == ["Tendai", "Nomsa"]

    work = tmp_path / "zw-tendai.rdpack"
    monkeypatch.setattr(ui_exchange.PackageDialog, "exec", lambda self: True)
    monkeypatch.setattr(ui_exchange.PackageDialog, "values", lambda self: {
        "batch": "zimbabwe-boreholes", "reviewer": "Tendai", "path": str(work),
        "split": ["Tendai", "Nomsa"]})
    told = []
    monkeypatch.setattr(window, "tell", lambda kind, title, text: told.append(text))
    window.actions.send_batch.trigger()
    qtbot.waitUntil(lambda: not window.ops.busy and bool(told), timeout=10000)
    assignees = [r["assignee"] for r in window.desk.posts(batch="zimbabwe-boreholes")]
    assert assignees.count("Tendai") == 19 and assignees.count("Nomsa") == 19
    assert "19 posts of other reviewers were left out." in told[0]
    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        laptop.import_package(work)
        assert len(laptop.posts(batch="zimbabwe-boreholes")) == 19

    assert window.statusBar().currentMessage() == "Shared out: Tendai 19, Nomsa 19"
    assert window.undo_stack.undoText() == "Share batch · zimbabwe-boreholes"
    window.undo_stack.undo()
    assert {r["assignee"] for r in window.desk.posts(batch="zimbabwe-boreholes")} == {None}
    window.undo_stack.redo()
    assignees = [r["assignee"] for r in window.desk.posts(batch="zimbabwe-boreholes")]
    assert assignees.count("Tendai") == 19 and assignees.count("Nomsa") == 19


def test_undoing_a_split_leaves_a_post_that_changed_since(qtbot, tmp_path, monkeypatch, messages):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    batch = "zimbabwe-boreholes"
    assert window._split_batch(batch, ["Tendai", "Nomsa"])
    changed = next(r["id"] for r in window.desk.posts(batch=batch) if r["assignee"] == "Tendai")
    window.desk.decide(changed, Actor("Tendai"), "approve", despite_findings=True)
    window.undo_stack.undo()
    after = {r["id"]: r["assignee"] for r in window.desk.posts(batch=batch)}
    assert after.pop(changed) == "Tendai"
    assert set(after.values()) == {None}
    assert any("1 post changed since the batch was shared out and keeps its reviewer" in text
               for _, text in messages), messages
