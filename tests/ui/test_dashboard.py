"""View > Dashboard and File > Report…, driven through the real widgets offscreen."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from review import Desk
from review.report import gather
from tests.report.sample import review_sample
from tests.ui.test_main_window import open_window
from ui import dashboard as ui_dashboard
from ui.dashboard import Dashboard

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def reviewed(desk, monkeypatch):
    review_sample(desk, monkeypatch)
    return desk


def open_dashboard(qtbot, desk, batch=None) -> Dashboard:
    dashboard = Dashboard(desk, batch)
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.shown, timeout=10000):
        pass  # the figures are read on a worker thread
    dashboard.show()
    qtbot.waitExposed(dashboard)
    dashboard.windowHandle().requestActivate()  # shortcuts reach only the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dashboard)
    return dashboard


def test_dashboard_shows_the_report_figures_and_follows_the_batch(qtbot, reviewed):
    dashboard = open_dashboard(qtbot, reviewed)
    everything = gather(reviewed, None)
    assert dashboard.figures["posts"].text() == "54"
    assert dashboard.figures["decided"].text() == str(len(everything.scored)) == "13"
    assert dashboard.figures["quality"].text() == f"{everything.score.quality:.1f}"
    names = [dashboard.reviewers.index(r, 0).data() for r in range(dashboard.reviewers.rowCount())]
    assert names == ["Nomsa", "Tendai", "李伟"]

    # Choose the Zimbabwe batch from the keyboard: the figures change to that batch's.
    dashboard.batch.setFocus()
    with qtbot.waitSignal(dashboard.shown, timeout=10000):
        index = dashboard.batch.findData("zimbabwe-boreholes")
        while dashboard.batch.currentIndex() != index:
            qtbot.keyClick(dashboard.batch, Qt.Key.Key_Down)
    zimbabwe = gather(reviewed, "zimbabwe-boreholes")
    assert dashboard.data.batch["name"] == "zimbabwe-boreholes"
    assert dashboard.figures["posts"].text() == "38"
    assert dashboard.figures["quality"].text() == f"{zimbabwe.score.quality:.1f}" != \
        f"{everything.score.quality:.1f}"
    assert dashboard.figures["errors"].text() == str(zimbabwe.counted_errors)
    for chart in dashboard.charts.values():
        assert chart.renderer().isValid() and chart.width() > 300


def test_refresh_reads_new_decisions(qtbot, reviewed):
    dashboard = open_dashboard(qtbot, reviewed, "chengdu-hitech-zone")
    before = int(dashboard.figures["decided"].text())
    post_id = reviewed.resolve_post_id("CD-007")
    reviewed.decide(post_id, reviewed_actor(), "approve", despite_findings=True)
    with qtbot.waitSignal(dashboard.shown, timeout=10000):
        qtbot.keyClick(dashboard, Qt.Key.Key_F5)
    assert int(dashboard.figures["decided"].text()) == before + 1


def reviewed_actor():
    from tests.report.sample import NOMSA

    return NOMSA


def test_reviewer_model_passes_the_model_tester(qtbot, reviewed, qtmodeltester):
    dashboard = open_dashboard(qtbot, reviewed)
    qtmodeltester.check(dashboard.reviewers)
    assert dashboard.reviewers.headerData(0, Qt.Orientation.Horizontal) == "Reviewer"


def test_dashboard_screenshot(qtbot, reviewed, tmp_path):
    """Set REVIEW_DESK_SCREENSHOTS=1 to refresh docs/screenshots/dashboard.png."""
    dashboard = open_dashboard(qtbot, reviewed, "zimbabwe-boreholes")
    dashboard.resize(1180, 860)
    out = SCREENSHOTS if os.environ.get("REVIEW_DESK_SCREENSHOTS") else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    assert dashboard.grab().save(str(out / "dashboard.png"))


def test_view_dashboard_and_file_report_in_the_main_window(qtbot, tmp_path, monkeypatch, messages):
    window = open_window(qtbot, tmp_path)
    window.open_post("ZW-001")
    window.decide("approve")
    window.actions.dashboard.trigger()
    qtbot.waitUntil(lambda: window.dashboard is not None and window.dashboard.data is not None,
                    timeout=10000)
    assert window.dashboard.isVisible() and window.dashboard.chosen_batch() == "zimbabwe-boreholes"
    assert window.dashboard.figures["decided"].text() == "1"

    out = tmp_path / "report.html"
    monkeypatch.setattr(ui_dashboard.ReportDialog, "exec", lambda self: True)
    monkeypatch.setattr(ui_dashboard.ReportDialog, "values", lambda self: {"batch": None, "path": out})
    window.actions.report.trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert messages[-1][0] == "information" and str(out) in messages[-1][1]
    assert "ZW-001" in out.read_text(encoding="utf-8")


def test_report_dialog_needs_a_file(qtbot, reviewed):
    from ui.dashboard import ReportDialog

    dialog = ReportDialog(reviewed, None, "chengdu-hitech-zone")
    qtbot.addWidget(dialog)
    ok = dialog.button_box.button(dialog.button_box.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.path, "/tmp/r.html")
    assert ok.isEnabled()
    assert dialog.values() == {"batch": "chengdu-hitech-zone", "path": Path("/tmp/r.html")}
    assert dialog.batch.itemText(0) == "All batches"


def test_a_batch_imported_later_can_be_chosen_after_a_refresh(qtbot, reviewed):
    from review.importing import import_drafts
    from tests.helpers import COORD, draft

    dashboard = open_dashboard(qtbot, reviewed, "chengdu-hitech-zone")
    import_drafts(reviewed, [draft("NEW-1")], "arrived-later", actor=COORD, timezone="UTC")
    with qtbot.waitSignal(dashboard.shown, timeout=10000):
        qtbot.keyClick(dashboard, Qt.Key.Key_F5)
    assert dashboard.batch.findData("arrived-later") > 0
    assert dashboard.chosen_batch() == "chengdu-hitech-zone"  # the choice is kept
    assert dashboard.batch.itemText(0) == "All batches"
    with qtbot.waitSignal(dashboard.shown, timeout=10000):
        dashboard.choose_batch("arrived-later")
    assert dashboard.data.batch["name"] == "arrived-later" and dashboard.figures["posts"].text() == "1"


def test_a_failure_is_said_in_the_interface_language(qtbot, reviewed, monkeypatch, messages):
    from review.errors import Cancelled, NotFound
    from review.texts import said
    from ui import dashboard as ui_dashboard
    from ui.i18n import install_translator

    window = open_window(qtbot, reviewed.path.parent)  # it sets its profile's language
    dashboard = open_dashboard(qtbot, reviewed)

    def gone(*args):
        raise NotFound(said("no-batch", batch="zw", known="none yet"))

    monkeypatch.setattr(Desk, "report_figures", gone)
    install_translator(QApplication.instance(), "zh_CN")
    try:
        qtbot.keyClick(dashboard, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: bool(messages), timeout=10000)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in messages[-1][1]), messages[-1]
        assert "'zw'" in messages[-1][1]
        window._failed("")(Cancelled("the export"))  # a report cancelled from its progress
        assert window.statusBar().currentMessage() == "导出已取消；没有做任何更改"
    finally:
        install_translator(QApplication.instance(), "en")


def test_the_dashboard_reads_once_after_a_run_of_actions_and_quietly(qtbot, reviewed, monkeypatch):
    """Every decision is heard, but the figures are read once the actions pause (a whole read
    took 5.6 s at 100,000 posts), with no progress dialog over the dashboard."""
    from ui.operations import Changes

    dashboard = open_dashboard(qtbot, reviewed)
    reads, labels = [], []
    real_figures, real_read = Desk.report_figures, dashboard.ops.read
    monkeypatch.setattr(Desk, "report_figures", lambda desk, *a: reads.append(a) or real_figures(desk, *a))
    monkeypatch.setattr(dashboard.ops, "read", lambda label, *a, **k: labels.append(label) or real_read(label, *a, **k))
    for _ in range(3):
        dashboard.changes_heard(Changes(posts=frozenset({"p"}), batches=frozenset({"zimbabwe-boreholes"})))
    with qtbot.waitSignal(dashboard.shown, timeout=10000):
        pass
    qtbot.wait(300)
    assert len(reads) == 1 and labels == [None]
