"""The workflow's refusals and the conflict-resolution refusals reach the window in the
interface's language: the sentence, and the action, state and hint words inside it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from review import Actor, Desk
from review import workflow as wf
from review.errors import TransitionRefused
from review.model import ROLES
from review.texts import MESSAGES, Joined, said
from tests.helpers import COORD
from tests.ui.test_exchange import conflict_database
from tests.ui.test_main_window import open_window
from ui import exchange as ui_exchange
from ui.i18n import install_translator
from ui.messages import MESSAGE_WORDS, error_lines, said_text


@pytest.fixture
def chinese_window(qtbot, tmp_path):
    """A coordinator's window in Chinese, on a desk holding the sample."""
    def opened(**kwargs):
        window = open_window(qtbot, tmp_path, **kwargs)
        window.set_interface_language("zh_CN")
        shown.append(window)
        return window

    shown = []
    yield opened
    for window in shown:
        window.set_interface_language("en")


def test_a_workflow_refusal_is_shown_in_chinese(chinese_window, tmp_path, messages):
    window = chinese_window(role="coordinator", name="Chipo")
    window.open_post("CD-001")
    with Desk(tmp_path / "desk.sqlite3") as other:  # another window or command, meanwhile
        other.decide(other.resolve_post_id("CD-001"), Actor("Rudo"), "approve")
    window.decide("approve")
    kind, text = messages[-1]
    post_id = window.desk.resolve_post_id("CD-001")
    assert kind == "warning"
    assert text == f"无法批准帖子 {post_id}：它的状态为已批准；请先重新打开它（并说明原因）"


def test_a_conflict_resolution_refusal_is_shown_in_chinese(qtbot, chinese_window, tmp_path,
                                                           monkeypatch, messages):
    pid, tip = conflict_database(tmp_path)
    window = chinese_window(role="coordinator", name="Chipo")
    window.open_post(pid)

    def resolved_elsewhere_then_keep(dialog):
        with Desk(tmp_path / "desk.sqlite3") as other:
            other.resolve_conflict(pid, tip, COORD)
        qtbot.mouseClick(dialog.panels[0].keep_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ui_exchange.ConflictDialog, "exec", resolved_elsewhere_then_keep)
    window.actions.resolve_conflict.trigger()
    assert messages[-1] == ("warning", f"帖子 {pid} 不处于冲突中（状态为已批准）；没有需要处理的冲突")


# -- the words inside the refusals ------------------------------------------------------------

@pytest.fixture
def chinese(qapp):
    install_translator(QApplication.instance(), "zh_CN")
    yield
    install_translator(QApplication.instance(), "en")


def test_every_action_state_and_role_has_a_chinese_word(chinese):
    wanted = {("action", a) for a in wf.ALLOWED_FROM} | \
        {("state", wf.state_words(s)) for s in wf._HINT} | {("role", r) for r in ROLES}
    assert wanted <= set(MESSAGE_WORDS)
    for name, value in wanted:
        word = QCoreApplication.translate("Messages", MESSAGE_WORDS[(name, value)])
        assert any("\u4e00" <= ch <= "\u9fff" for ch in word), (name, value, word)
    assert set(wf._HINT.values()) <= set(MESSAGES)


def test_a_bulk_refusal_lists_each_refusal_in_chinese(chinese, tmp_path):
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.load_sample()
        ids = [desk.resolve_post_id(key) for key in ("ZW-004", "ZW-006")]
        desk.decide(ids[0], COORD, "approve")
        with pytest.raises(TransitionRefused) as refused:
            desk.decide_many([ids[0], ids[1], "no-such-post"], COORD, "approve")
    assert refused.value.lines == [  # the command line's words
        "no post 'no-such-post': use an id that `review-desk posts` shows",
        f"cannot approve post {ids[0]}: it is approved; reopen it first (with a reason)",
        "nothing was decided (2 refused)"]
    assert error_lines(refused.value) == [
        "没有帖子 'no-such-post'：请使用 `review-desk posts` 显示的编号",
        f"无法批准帖子 {ids[0]}：它的状态为已批准；请先重新打开它（并说明原因）",
        "没有作出任何决定（2 个被拒绝）"]


def test_joined_values_print_in_english_and_translate_part_by_part(chinese):
    states = Joined([said("posts-in-state", count=2, state="approved"),
                     said("posts-in-state", count=1, state="in review")], ", ")
    message = said("nothing-to-export", batch="zw", states=states)
    assert message == "batch zw has no approved posts to export (states: 2 approved, 1 in review)"
    assert said_text(message) == "批次 zw 没有可导出的已批准帖子（状态：2 条已批准, 1 条审校中）"
