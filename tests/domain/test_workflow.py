"""The review state machine: every allowed and every refused transition, through the Desk."""
from __future__ import annotations

import pytest

from review import Actor, InvalidInput, TransitionRefused
from review import workflow as wf
from tests.helpers import COORD, REVIEWER

BOSS = Actor("Li Wei", "coordinator")  # a second coordinator, for sign-off


def bring_to(desk, post_id: str, state: str, tmp_path) -> None:
    """Walk a fresh post to `state` through the real verbs."""
    if state == "pending":
        return
    if state == "awaiting_signoff":
        desk.rewrite(post_id, REVIEWER, "We drilled 12 boreholes in Masvingo Province.")
        desk.decide(post_id, REVIEWER, "approve")
        return
    desk.open_post(post_id, REVIEWER)
    action = {"in_review": None, "approved": "approve", "exported": "approve",
              "changes_requested": "request-changes", "rejected": "reject"}[state]
    if action:
        desk.decide(post_id, REVIEWER, action, reason="term: say borehole")
    if state == "exported":
        batch = desk.post(post_id).batch
        desk.export(batch, "json", tmp_path / "out.json", COORD)
    assert desk.post(post_id).state == state


def act(desk, post_id: str, action: str):
    if action == "rewrite":
        return desk.rewrite(post_id, REVIEWER, "We drilled 12 boreholes.")
    if action == "annotate":
        return desk.annotate(post_id, REVIEWER, start=0, end=2, category="terminology",
                             severity="minor", comment="say borehole")
    actor = BOSS if action == "signoff" else REVIEWER
    return desk.decide(post_id, actor, action, reason="because")


# state -> action -> resulting state, or None where the workflow must refuse.
EXPECTED = {
    "pending": {"rewrite": "in_review", "annotate": "in_review", "approve": "approved",
                "reject": "rejected", "request-changes": "changes_requested", "reopen": None,
                "signoff": None},
    "in_review": {"rewrite": "in_review", "annotate": "in_review", "approve": "approved",
                  "reject": "rejected", "request-changes": "changes_requested", "reopen": None,
                  "signoff": None},
    "approved": {"rewrite": None, "annotate": None, "approve": None, "reject": None,
                 "request-changes": None, "reopen": "in_review", "signoff": None},
    "changes_requested": {"rewrite": None, "annotate": None, "approve": None, "reject": None,
                          "request-changes": None, "reopen": "in_review", "signoff": None},
    "rejected": {"rewrite": None, "annotate": None, "approve": None, "reject": None,
                 "request-changes": None, "reopen": "in_review", "signoff": None},
    "exported": {"rewrite": None, "annotate": None, "approve": None, "reject": None,
                 "request-changes": None, "reopen": None, "signoff": None},
}
SIGNOFF_EXPECTED = {"rewrite": None, "annotate": None, "approve": None, "reject": "rejected",
                    "request-changes": "changes_requested", "reopen": "in_review",
                    "signoff": "approved"}


@pytest.mark.parametrize("state,action,expected",
                         [(s, a, e) for s, row in EXPECTED.items() for a, e in row.items()])
def test_transition_in_plain_batch(desk, batch, tmp_path, state, action, expected):
    post_id = batch["ZW-001"]
    bring_to(desk, post_id, state, tmp_path)
    events_before = len(desk.history(post_id))
    if expected is None:
        with pytest.raises(TransitionRefused):
            act(desk, post_id, action)
        assert desk.post(post_id).state == state
        assert len(desk.history(post_id)) == events_before, "a refused action must write nothing"
    else:
        assert act(desk, post_id, action).state == expected
        assert desk.store.posts.row(post_id)["state"] == expected


@pytest.mark.parametrize("action,expected", SIGNOFF_EXPECTED.items())
def test_transition_from_awaiting_signoff(desk, signoff_batch, tmp_path, action, expected):
    post_id = signoff_batch["S-1"]
    bring_to(desk, post_id, "awaiting_signoff", tmp_path)
    if expected is None:
        with pytest.raises(TransitionRefused):
            act(desk, post_id, action)
    else:
        assert act(desk, post_id, action).state == expected


def test_review_action_on_pending_post_records_opening_first(desk, batch):
    post_id = batch["ZW-001"]
    desk.decide(post_id, REVIEWER, "approve")
    kinds = [e.kind for e in desk.history(post_id)]
    assert kinds == [wf.IMPORTED, wf.OPENED, wf.APPROVED_EV]
    events = desk.history(post_id)
    assert events[2].parent == events[1].id and events[1].parent == events[0].id


def test_opening_is_recorded_once(desk, batch):
    post_id = batch["ZW-002"]
    desk.open_post(post_id, REVIEWER)
    desk.open_post(post_id, REVIEWER)
    assert [e.kind for e in desk.history(post_id)] == [wf.IMPORTED, wf.OPENED]


def test_approving_a_draft_without_rewrite_needs_no_signoff(desk, signoff_batch):
    assert desk.decide(signoff_batch["S-1"], REVIEWER, "approve").state == "approved"


def test_signoff_needs_a_coordinator(desk, signoff_batch, tmp_path):
    post_id = signoff_batch["S-1"]
    bring_to(desk, post_id, "awaiting_signoff", tmp_path)
    with pytest.raises(TransitionRefused, match="only a coordinator"):
        desk.decide(post_id, Actor("Farai", "reviewer"), "signoff")


def test_signoff_needs_a_second_person(desk, signoff_batch):
    post_id = signoff_batch["S-2"]
    desk.rewrite(post_id, COORD, "We drilled 12 boreholes in Masvingo Province.")
    desk.decide(post_id, COORD, "approve")
    with pytest.raises(TransitionRefused, match="second person"):
        desk.decide(post_id, COORD, "signoff")
    post = desk.decide(post_id, BOSS, "signoff")
    assert post.state == "approved" and post.signed_off_by == BOSS.name


def test_signoff_refused_in_batch_without_signoff(desk, batch):
    with pytest.raises(TransitionRefused):
        desk.decide(batch["ZW-001"], BOSS, "signoff")


@pytest.mark.parametrize("decision", ["reject", "request-changes", "reopen"])
def test_decisions_that_need_a_reason(desk, batch, decision):
    with pytest.raises(InvalidInput, match="needs a reason"):
        desk.decide(batch["ZW-001"], REVIEWER, decision, reason="   ")


def test_empty_rewrite_refused(desk, batch):
    with pytest.raises(InvalidInput, match="cannot be empty"):
        desk.rewrite(batch["ZW-001"], REVIEWER, " \n ")
    assert desk.post(batch["ZW-001"]).state == "pending"


def test_actor_needs_name_and_known_role(desk, batch):
    with pytest.raises(InvalidInput, match="name"):
        desk.decide(batch["ZW-001"], Actor(" ", "reviewer"), "approve")
    with pytest.raises(InvalidInput, match="role"):
        desk.decide(batch["ZW-001"], Actor("X", "admin"), "approve")


def test_refusal_message_says_what_to_do(desk, batch):
    post_id = batch["ZW-001"]
    desk.decide(post_id, REVIEWER, "approve")
    with pytest.raises(TransitionRefused) as refused:
        desk.rewrite(post_id, REVIEWER, "new text")
    assert "approved" in str(refused.value) and "reopen" in str(refused.value)


def test_decide_many_is_all_or_nothing(desk, batch):
    ids = list(batch.values())
    desk.decide(ids[0], REVIEWER, "reject", reason="off-message")
    with pytest.raises(TransitionRefused) as refused:
        desk.decide_many(ids, COORD, "approve")
    assert refused.value.lines[-1] == "nothing was decided (1 refused)"
    assert [desk.post(i).state for i in ids] == ["rejected", "pending", "pending"]
    assert [p.state for p in desk.decide_many(ids[1:], COORD, "approve")] == ["approved"] * 2


def test_decide_many_acts_once_on_a_post_named_twice_and_keeps_one_chain(desk, batch):
    ids = list(batch.values())
    external = desk.store.posts.row(ids[0])["external_id"]
    posts = desk.decide_many([ids[0], external, ids[1]], REVIEWER, "approve")
    assert [p.state for p in posts] == ["approved", "approved"]
    events = desk.history(ids[0])
    assert all(e.parent == events[i - 1].id for i, e in enumerate(events) if i)  # no fork
    assert desk.posts_out_of_step() == []
