"""Saving a rewrite makes a new revision only when the text changed."""
from __future__ import annotations

import pytest

from review import InvalidInput
from tests.helpers import REVIEWER


def test_the_same_text_and_gloss_again_changes_nothing(desk, batch):
    pid = batch["ZW-001"]
    first = desk.rewrite(pid, REVIEWER, "We drilled 12 boreholes.", "我们打了12眼钻井。")
    desk.save_unfinished(pid, REVIEWER, "We drilled 12 boreholes. ", "我们打了12眼钻井。")
    events = len(desk.history(pid))
    again = desk.rewrite(pid, REVIEWER, " We drilled 12 boreholes.\n", "我们打了12眼钻井。")
    assert again.head == first.head and again.current_revision.number == 1
    assert len(desk.history(pid)) == events, "no event was appended"
    assert desk.unfinished(pid, REVIEWER) is None, "the unfinished copy equalled the saved one"


def test_the_unchanged_draft_is_not_a_rewrite_and_does_not_open_the_post(desk, batch):
    pid = batch["ZW-002"]
    post = desk.rewrite(pid, REVIEWER, desk.post(pid).draft.text)
    assert post.state == "pending" and not post.has_rewrite
    assert [e.kind for e in desk.history(pid)] == ["post.imported"]


def test_a_new_gloss_for_the_same_text_is_refused_and_kept_unfinished(desk, batch):
    pid = batch["ZW-003"]
    desk.rewrite(pid, REVIEWER, "We drilled 12 boreholes.", "old gloss")
    desk.save_unfinished(pid, REVIEWER, "We drilled 12 boreholes.", "new gloss")
    with pytest.raises(InvalidInput) as refused:
        desk.rewrite(pid, REVIEWER, "We drilled 12 boreholes.", "new gloss")
    assert str(refused.value) == (f"post {pid}: the text is the same as revision 1, so no revision "
                                  "was saved; a back-translation is saved together with a change "
                                  "of the text")
    post = desk.post(pid)
    assert post.current_revision.number == 1 and post.current_revision.back_translation == "old gloss"
    assert desk.unfinished(pid, REVIEWER)["back_translation"] == "new gloss", "nothing typed is lost"
    changed = desk.rewrite(pid, REVIEWER, "We drilled twelve boreholes.", "new gloss")
    assert changed.current_revision.number == 2
    assert changed.current_revision.back_translation == "new gloss"
