"""The event log: undo and redo as compensating events, revisions, annotations, and the rule
that the stored state always equals the replay of the log."""
from __future__ import annotations

import pytest

from review import InvalidInput, NotFound, TransitionRefused
from review import workflow as wf
from tests.helpers import COORD, REVIEWER


def test_rewrite_is_a_new_revision_and_draft_is_kept(desk, batch):
    post_id = batch["ZW-001"]
    post = desk.rewrite(post_id, REVIEWER, "  We drilled 12 boreholes in Masvingo Province. ",
                        back_translation="我们在马斯温戈省打了12口钻井。")
    assert [r.number for r in post.revisions] == [0, 1]
    assert post.revisions[0].text == "We drilled 12 water wells in Masvingo province."
    assert post.current_text == "We drilled 12 boreholes in Masvingo Province."
    row = desk.store.posts.row(post_id)
    assert row["draft_text"] == "We drilled 12 water wells in Masvingo province."
    assert row["current_text"] == post.current_text and row["current_revision"] == 1
    stored = desk.store.posts.revisions(post_id)
    assert [r["back_translation"] for r in stored] == [None, "我们在马斯温戈省打了12口钻井。"]


def test_undo_appends_a_compensating_event_and_nothing_is_deleted(desk, batch):
    post_id = batch["ZW-001"]
    desk.rewrite(post_id, REVIEWER, "We drilled 12 boreholes.")
    desk.decide(post_id, REVIEWER, "approve")
    before = desk.history(post_id)

    result = desk.undo(post_id, REVIEWER)
    assert result.undone_kind == wf.APPROVED_EV
    assert result.post.state == "in_review"
    after = desk.history(post_id)
    assert after[: len(before)] == before, "undo must never change or remove earlier events"
    assert after[-1].kind == wf.UNDONE and after[-1].payload["target"] == before[-1].id

    assert desk.undo(post_id, REVIEWER).undone_kind == wf.REWRITTEN
    post = desk.post(post_id)
    assert post.current_text == post.revisions[0].text and len(post.revisions) == 1
    withdrawn = desk.store.posts.revisions(post_id, include_withdrawn=True)
    assert [r["withdrawn"] for r in withdrawn] == [0, 1], "an undone revision is kept, withdrawn"
    with pytest.raises(TransitionRefused, match="nothing to undo"):
        desk.undo(post_id, REVIEWER)


def test_redo_restores_and_is_refused_after_a_new_change(desk, batch):
    post_id = batch["ZW-001"]
    desk.rewrite(post_id, REVIEWER, "First rewrite.")
    undo = desk.undo(post_id, REVIEWER)
    post = desk.redo(post_id, REVIEWER, undo.undo_event_id)
    assert post.current_text == "First rewrite."
    with pytest.raises(TransitionRefused, match="already redone"):
        desk.redo(post_id, REVIEWER, undo.undo_event_id)

    undo = desk.undo(post_id, REVIEWER)
    desk.rewrite(post_id, REVIEWER, "Second rewrite.")
    with pytest.raises(TransitionRefused, match="changed since"):
        desk.redo(post_id, REVIEWER, undo.undo_event_id)


def test_redo_in_stack_order(desk, batch):
    """Undo B, undo A, redo A, redo B: like Ctrl+Z twice then Ctrl+Shift+Z twice."""
    post_id = batch["ZW-002"]
    desk.rewrite(post_id, REVIEWER, "A")
    desk.rewrite(post_id, REVIEWER, "B")
    undo_b = desk.undo(post_id, REVIEWER)
    undo_a = desk.undo(post_id, REVIEWER)
    with pytest.raises(TransitionRefused):
        desk.redo(post_id, REVIEWER, undo_b.undo_event_id)  # A must be redone first
    assert desk.redo(post_id, REVIEWER, undo_a.undo_event_id).current_text == "A"
    assert desk.redo(post_id, REVIEWER, undo_b.undo_event_id).current_text == "B"


def test_exported_post_cannot_be_undone(desk, batch, tmp_path):
    post_id = batch["ZW-001"]
    desk.decide(post_id, REVIEWER, "approve")
    desk.export("zw", "json", tmp_path / "out.json", COORD)
    with pytest.raises(TransitionRefused, match="exported"):
        desk.undo(post_id, REVIEWER)


def test_annotation_span_category_and_lifecycle(desk, batch):
    post_id = batch["ZW-001"]
    post = desk.annotate(post_id, REVIEWER, start=14, end=25, category="terminology",
                         severity="major", comment="say 'boreholes'", subcategory="wrong term")
    (annotation,) = post.annotations.values()
    assert (annotation.start, annotation.end, annotation.revision_id) == (14, 25, post.revisions[0].id)
    assert post.current_text[14:25] == "water wells"
    desk.resolve_annotation(post_id, REVIEWER, annotation.id)
    assert desk.store.posts.annotations(post_id)[0]["status"] == "resolved"
    desk.delete_annotation(post_id, REVIEWER, annotation.id)
    assert desk.store.posts.annotations(post_id)[0]["status"] == "deleted"
    desk.undo(post_id, REVIEWER)  # takes back the delete
    assert desk.store.posts.annotations(post_id)[0]["status"] == "resolved"


def test_annotation_on_an_earlier_revision(desk, batch):
    post_id = batch["ZW-001"]
    desk.rewrite(post_id, REVIEWER, "We drilled 12 boreholes.")
    post = desk.annotate(post_id, REVIEWER, start=0, end=2, category="fluency", severity="minor",
                         revision=0)
    assert list(post.annotations.values())[0].revision_id == post.revisions[0].id


@pytest.mark.parametrize("start,end,said", [(-1, 3, "outside"), (5, 5, "empty or reversed"),
                                             (6, 2, "empty or reversed"), (0, 10_000, "outside")])
def test_annotation_span_must_lie_inside_the_text(desk, batch, start, end, said):
    with pytest.raises(InvalidInput, match=said):
        desk.annotate(batch["ZW-001"], REVIEWER, start=start, end=end, category="accuracy",
                      severity="minor")
    assert desk.post(batch["ZW-001"]).state == "pending", "a refused annotation opens nothing"


def test_annotation_category_and_severity_are_checked(desk, batch):
    with pytest.raises(InvalidInput, match="category"):
        desk.annotate(batch["ZW-001"], REVIEWER, start=0, end=2, category="grammar", severity="minor")
    with pytest.raises(InvalidInput, match="severity"):
        desk.annotate(batch["ZW-001"], REVIEWER, start=0, end=2, category="style", severity="huge")


def test_unknown_annotation_is_not_found(desk, batch):
    desk.open_post(batch["ZW-001"], REVIEWER)
    with pytest.raises(NotFound):
        desk.resolve_annotation(batch["ZW-001"], REVIEWER, "nope")


def test_stored_state_equals_replay_of_the_log(desk, batch, signoff_batch, tmp_path):
    a, b, c = batch["ZW-001"], batch["ZW-002"], batch["ZW-003"]
    desk.rewrite(a, REVIEWER, "Rewrite one.")
    desk.annotate(a, REVIEWER, start=0, end=7, category="style", severity="minor")
    desk.decide(a, REVIEWER, "approve")
    desk.decide(b, REVIEWER, "reject", reason="off-message")
    desk.decide(b, COORD, "reopen", reason="HQ insists")
    desk.undo(b, COORD)
    desk.decide(c, REVIEWER, "request-changes", reason="missing hashtag")
    s1 = signoff_batch["S-1"]
    desk.rewrite(s1, REVIEWER, "Rewrite.")
    desk.decide(s1, REVIEWER, "approve")
    desk.export("zw", "json", tmp_path / "x.json", COORD)
    assert desk.posts_out_of_step() == []


def test_every_event_has_uuid_actor_time_and_parent_chain(desk, batch):
    post_id = batch["ZW-003"]
    desk.rewrite(post_id, REVIEWER, "x")
    desk.decide(post_id, REVIEWER, "approve")
    events = desk.history(post_id)
    assert all(len(e.id) == 32 and e.actor and e.at.endswith("Z") for e in events)
    assert [e.parent for e in events] == [None] + [e.id for e in events[:-1]]


def test_post_is_found_by_id_prefix_and_unique_external_id(desk, batch):
    post_id = batch["ZW-001"]
    assert desk.resolve_post_id(post_id[:6]) == post_id
    assert desk.resolve_post_id("ZW-001") == post_id
    with pytest.raises(NotFound):
        desk.resolve_post_id("nope-nope")
    with pytest.raises(NotFound):
        desk.resolve_post_id(post_id[:2])  # too short to be a prefix


def test_unfinished_rewrite_is_kept_until_the_rewrite_is_saved(desk, batch, tmp_path):
    post_id = batch["ZW-001"]
    desk.save_unfinished(post_id, REVIEWER, "We drilled 12 bore", "gloss")
    desk.close()
    from review import Desk

    with Desk(tmp_path / "desk.sqlite3") as reopened:  # as after a crash
        kept = reopened.unfinished(post_id, REVIEWER)
        assert (kept["text"], kept["back_translation"]) == ("We drilled 12 bore", "gloss")
        assert reopened.unfinished(post_id, COORD) is None, "each reviewer has their own"
        reopened.rewrite(post_id, REVIEWER, "We drilled 12 boreholes.")
        assert reopened.unfinished(post_id, REVIEWER) is None
