"""Approving a post whose text has open error-level findings: refused unless the approver says
so, and then the findings are recorded in the approval event ("despite")."""
from __future__ import annotations

import pytest

from review import TransitionRefused
from review.reviewing import DESPITE_CHARS, DESPITE_ITEMS, despite_list
from review.importing import import_drafts
from tests.helpers import COORD, REVIEWER, draft

TOO_LONG = "We drilled 12 water wells in Masvingo province. " * 8  # 384 characters once stripped


@pytest.fixture
def posts(desk):
    import_drafts(desk, [draft("OK-1"), draft("LONG-1", platform="x", draft_text=TOO_LONG)],
                  "gate", actor=COORD)
    return desk.store.posts.ids_by_external("gate")


def test_a_post_without_errors_is_approved_without_a_despite_key(desk, posts):
    post = desk.decide(posts["OK-1"], REVIEWER, "approve")
    assert post.state == "approved"
    approval = desk.history(post.id)[-1]
    assert approval.kind == "post.approved" and set(approval.payload) == {"state", "revision"}


def test_an_open_error_refuses_the_approval_and_names_the_finding(desk, posts):
    with pytest.raises(TransitionRefused) as refused:
        desk.decide(posts["LONG-1"], REVIEWER, "approve")
    lines = refused.value.lines
    assert lines[0] == f"cannot approve post {posts['LONG-1']}: the checks found 1 open error:"
    assert lines[1].startswith("  length@target:") and "Too long for X" in lines[1]
    assert "--despite-findings" in lines[-1]
    post = desk.post(posts["LONG-1"])
    assert post.state == "pending", "nothing was recorded, not even the opening"
    assert [e.kind for e in desk.history(post.id)] == ["post.imported"]


def test_despite_findings_approves_and_records_them(desk, posts):
    post = desk.decide(posts["LONG-1"], REVIEWER, "approve", despite_findings=True)
    assert post.state == "approved"
    approval = desk.history(post.id)[-1]
    assert set(approval.payload) == {"state", "revision", "despite"}
    (item,) = approval.payload["despite"]
    assert item.startswith("length@target:") and "Too long for X: 384 of 280" in item


def test_a_dismissed_error_does_not_block(desk, posts):
    (finding,) = desk.blocking_findings(posts["LONG-1"])
    desk.dismiss_check(posts["LONG-1"], REVIEWER, finding.key, "HQ splits it into a thread")
    assert desk.blocking_findings(posts["LONG-1"]) == []
    post = desk.decide(posts["LONG-1"], REVIEWER, "approve")
    assert post.state == "approved" and "despite" not in desk.history(post.id)[-1].payload


def test_a_rewrite_that_fixes_the_error_unblocks(desk, posts):
    desk.rewrite(posts["LONG-1"], REVIEWER, "We drilled 12 water wells in Masvingo province.")
    assert desk.blocking_findings(posts["LONG-1"]) == []
    assert desk.decide(posts["LONG-1"], REVIEWER, "approve").state == "approved"


def test_other_decisions_are_not_gated(desk, posts):
    assert desk.decide(posts["LONG-1"], REVIEWER, "reject", "off-message").state == "rejected"


def test_the_despite_list_is_bounded():
    class Result:
        def __init__(self, n):
            self.message = "x" * 1000 + str(n)

    class Shown:
        def __init__(self, n):
            self.key, self.result = f"k{n}", Result(n)

    items = despite_list([Shown(n) for n in range(120)])
    assert len(items) == DESPITE_ITEMS
    assert all(len(item) <= DESPITE_CHARS for item in items)
    assert items[-1] == "and 71 more findings"
    assert items[0].startswith("k0: xxx") and items[0].endswith("…")


def test_a_package_may_carry_the_despite_key_at_its_bounds(desk, posts):
    """The event rules (review/event_rules.py) accept the approval's "despite" list as the
    desk writes it, at its largest: 50 items of 300 characters."""
    from dataclasses import asdict

    from review.event_rules import event_problem

    desk.decide(posts["LONG-1"], REVIEWER, "approve", despite_findings=True)
    approval = asdict(desk.history(posts["LONG-1"])[-1])
    assert event_problem(approval, "gate") is None
    approval["payload"]["despite"] = ["x" * DESPITE_CHARS] * DESPITE_ITEMS
    assert event_problem(approval, "gate") is None
    approval["payload"]["despite"] = ["x" * (DESPITE_CHARS + 1)]
    assert event_problem(approval, "gate") is not None, "the rules do bound it"
