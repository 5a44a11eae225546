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


def test_a_new_gloss_for_the_same_text_glosses_the_current_revision(desk, batch):
    """A back-translation alone is no new revision: the revision keeps its number and its
    annotations, and gets the gloss; undo takes the gloss back."""
    pid = batch["ZW-003"]
    desk.rewrite(pid, REVIEWER, "We drilled 12 boreholes.", "old gloss")
    desk.annotate(pid, REVIEWER, start=0, end=2, category="style", severity="minor")
    desk.save_unfinished(pid, REVIEWER, "We drilled 12 boreholes.", "new gloss")
    post = desk.rewrite(pid, REVIEWER, "We drilled 12 boreholes.", "new gloss")
    assert post.current_revision.number == 1 and post.current_revision.back_translation == "new gloss"
    assert len(post.annotations) == 1 and desk.history(pid)[-1].kind == "post.glossed"
    assert desk.unfinished(pid, REVIEWER) is None, "saved: nothing unfinished is left"
    assert desk.store.posts.revisions(pid)[-1]["back_translation"] == "new gloss"
    undone = desk.undo(pid, REVIEWER).post
    assert undone.current_revision.back_translation == "old gloss"
    assert desk.store.posts.revisions(pid)[-1]["back_translation"] == "old gloss"


def test_hqs_draft_approved_unchanged_can_carry_a_gloss_for_hq(desk, batch):
    pid = batch["ZW-002"]
    draft = desk.post(pid).draft.text
    post = desk.rewrite(pid, REVIEWER, draft, "我们打了12眼井。")
    assert not post.has_rewrite and post.current_revision.back_translation == "我们打了12眼井。"
    assert post.state == "in_review"  # glossing opens the post, as a rewrite does
    assert desk.decide(pid, REVIEWER, "approve", despite_findings=True).state == "approved"
