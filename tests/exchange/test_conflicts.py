"""What is a conflict after a merge, what is not, and how a coordinator resolves one."""
from __future__ import annotations

import pytest

from review import Actor, TransitionRefused
from review import workflow as wf
from review.errors import InvalidInput
from tests.exchange.support import RUDO, TENDAI, coordinator_laptop, reviewer_laptop, snapshot
from tests.helpers import COORD


@pytest.fixture
def laptops(tmp_path):
    coord, ids = coordinator_laptop(tmp_path)
    work = tmp_path / "work.rdpack"
    coord.make_work_package("zw", work, COORD)
    tendai = reviewer_laptop(tmp_path, "tendai", work)
    rudo = reviewer_laptop(tmp_path, "rudo", work)
    yield coord, tendai, rudo, ids, tmp_path
    for desk in (coord, tendai, rudo):
        desk.close()


def merge(coord, tmp_path, *reviewers):
    for desk, actor in reviewers:
        path = tmp_path / f"{actor.name}-{len(list(tmp_path.glob('*.rdpack')))}.rdpack"
        desk.make_results_package("zw", path, actor)
        coord.import_package(path)


def test_approve_against_rewrite_is_a_conflict_with_both_versions_kept(laptops):
    coord, tendai, rudo, ids, tmp = laptops
    pid = ids["ZW-1"]
    tendai.decide(pid, TENDAI, "approve")
    rudo.rewrite(pid, RUDO, "We drilled 12 boreholes.")
    rudo.annotate(pid, RUDO, start=3, end=10, category="terminology", severity="minor", comment="x")
    merge(coord, tmp, (tendai, TENDAI), (rudo, RUDO))
    assert coord.post(pid).state == "conflict"
    assert [r["id"] for r in coord.conflicts("zw")] == [pid]
    conflict = coord.post_conflict(pid)
    sides = {b.post.last_actor: b.post for b in conflict.branches}
    assert sides["Tendai"].state == "approved" and not sides["Tendai"].has_rewrite
    assert sides["Rudo"].current_text == "We drilled 12 boreholes." and sides["Rudo"].annotations
    with pytest.raises(TransitionRefused, match="keep one of its versions"):
        coord.decide(pid, COORD, "approve")
    with pytest.raises(TransitionRefused, match="in conflict"):
        coord.undo(pid, COORD)


def test_resolving_keeps_one_side_and_the_other_stays_in_the_history(laptops):
    coord, tendai, rudo, ids, tmp = laptops
    pid = ids["ZW-1"]
    tendai.decide(pid, TENDAI, "approve")
    rudo.rewrite(pid, RUDO, "We drilled 12 boreholes.")
    merge(coord, tmp, (tendai, TENDAI), (rudo, RUDO))
    rudo_side = next(b for b in coord.post_conflict(pid).branches if b.post.last_actor == "Rudo")
    with pytest.raises(TransitionRefused, match="only a coordinator"):
        coord.resolve_conflict(pid, rudo_side.tip, TENDAI)
    with pytest.raises(InvalidInput, match="keep one of"):
        coord.resolve_conflict(pid, "nonsense", COORD)
    post = coord.resolve_conflict(pid, rudo_side.tip[:8], COORD)
    assert (post.state, post.current_text) == ("in_review", "We drilled 12 boreholes.")
    history = coord.history(pid)
    assert [e.kind for e in history].count("post.approved") == 1  # Tendai's approval: still there
    assert history[-1].kind == wf.CONFLICT_RESOLVED and history[-1].actor == "Chipo"
    assert coord.posts_out_of_step() == []
    # Work goes on from the kept version, without a new conflict.
    post = coord.decide(pid, COORD, "approve")
    assert post.state == "approved" and post.current_text == "We drilled 12 boreholes."
    # The reviewers receive the resolution with the next work package and agree.
    coord.make_work_package("zw", tmp / "w2.rdpack", COORD)
    tendai.import_package(tmp / "w2.rdpack")
    assert snapshot(tendai)["posts"][pid] == snapshot(coord)["posts"][pid]


def test_annotations_and_openings_beside_a_decision_are_not_a_conflict(laptops):
    coord, tendai, rudo, ids, tmp = laptops
    pid = ids["ZW-2"]
    tendai.annotate(pid, TENDAI, start=0, end=2, category="style", severity="minor", comment="tone")
    tendai.dismiss_check(pid, TENDAI, "length", "fits")
    rudo.decide(pid, RUDO, "approve")
    merge(coord, tmp, (rudo, RUDO), (tendai, TENDAI))
    post = coord.post(pid)
    assert post.state == "approved" and len(post.annotations) == 1 and "length" in post.dismissals
    # The coordinator's next decision builds on the approval: no conflict appears later.
    assert coord.decide(pid, COORD, "reopen", "check the figures").state == "in_review"


def test_the_same_decision_on_two_laptops_agrees(laptops):
    coord, tendai, rudo, ids, tmp = laptops
    pid = ids["ZW-3"]
    tendai.decide(pid, TENDAI, "approve")
    rudo.decide(pid, RUDO, "approve")
    merge(coord, tmp, (tendai, TENDAI), (rudo, RUDO))
    assert coord.post(pid).state == "approved" and coord.conflicts() == []
    assert coord.decide(pid, COORD, "reopen", "one more look").state == "in_review"
    assert coord.conflicts() == []


def test_the_same_decision_with_different_reasons_is_a_conflict(laptops):
    coord, tendai, rudo, ids, tmp = laptops
    pid = ids["ZW-3"]
    tendai.decide(pid, TENDAI, "reject", "wrong province")
    rudo.decide(pid, RUDO, "reject", "politically sensitive")
    merge(coord, tmp, (tendai, TENDAI), (rudo, RUDO))
    assert coord.post(pid).state == "conflict"


def test_undo_on_a_laptop_before_returning_the_work_still_counts(laptops):
    coord, tendai, rudo, ids, tmp = laptops
    pid = ids["ZW-1"]
    tendai.rewrite(pid, TENDAI, "A rewrite Tendai took back.")
    tendai.undo(pid, TENDAI)
    rudo.decide(pid, RUDO, "approve")
    merge(coord, tmp, (tendai, TENDAI), (rudo, RUDO))
    post = coord.post(pid)
    assert post.state == "approved" and not post.has_rewrite
    # And undo works on the merged post: the coordinator takes back Rudo's approval.
    undone = coord.undo(pid, COORD)
    assert undone.undone_kind == "post.approved" and undone.post.state == "in_review"


def test_an_exported_version_cannot_be_set_aside(laptops):
    coord, tendai, _rudo, ids, tmp = laptops
    pid = ids["ZW-1"]
    coord.decide(pid, COORD, "approve")
    coord.export("zw", "csv", tmp / "out.csv", COORD)
    tendai.rewrite(pid, TENDAI, "Too late.")
    merge(coord, tmp, (tendai, TENDAI))
    conflict = coord.post_conflict(pid)
    tendai_side = next(b for b in conflict.branches if b.post.last_actor == "Tendai")
    with pytest.raises(TransitionRefused, match="exported already"):
        coord.resolve_conflict(pid, tendai_side.tip, COORD)
    exported = next(b for b in conflict.branches if b is not tendai_side)
    assert coord.resolve_conflict(pid, exported.tip, COORD).state == "exported"


def test_three_reviewers_three_versions(laptops, tmp_path):
    coord, tendai, rudo, ids, tmp = laptops
    nyasha_actor = Actor("Nyasha")
    nyasha = reviewer_laptop(tmp, "nyasha", tmp / "work.rdpack")
    pid = ids["ZW-2"]
    tendai.decide(pid, TENDAI, "approve")
    rudo.rewrite(pid, RUDO, "Version R")
    nyasha.decide(pid, nyasha_actor, "request-changes", "needs a quote")
    merge(coord, tmp, (nyasha, nyasha_actor), (tendai, TENDAI), (rudo, RUDO))
    branches = coord.post_conflict(pid).branches
    assert sorted(b.post.state for b in branches) == ["approved", "changes_requested", "in_review"]
    kept = next(b for b in branches if b.post.state == "changes_requested")
    post = coord.resolve_conflict(pid, kept.start, COORD)
    assert (post.state, post.reason) == ("changes_requested", "needs a quote")
    nyasha.close()


def test_after_an_agreed_decision_what_one_side_did_next_wins_whatever_the_clock(laptops):
    coord, tendai, rudo, ids, tmp = laptops
    pid = ids["ZW-1"]
    tendai.decide(pid, TENDAI, "approve")
    tendai.decide(pid, TENDAI, "reopen", "second thoughts")
    rudo.decide(pid, RUDO, "approve")  # later in time than Tendai's reopening
    merge(coord, tmp, (rudo, RUDO), (tendai, TENDAI))
    post = coord.post(pid)
    assert (post.state, post.reason) == ("in_review", "second thoughts")


def test_after_an_agreed_decision_diverging_next_steps_conflict(laptops):
    coord, tendai, rudo, ids, tmp = laptops
    pid = ids["ZW-1"]
    tendai.decide(pid, TENDAI, "approve")
    rudo.decide(pid, RUDO, "approve")
    tendai.decide(pid, TENDAI, "reopen", "figures")
    rudo.decide(pid, RUDO, "reopen", "tone")
    merge(coord, tmp, (rudo, RUDO), (tendai, TENDAI))
    assert coord.post(pid).state == "conflict"
    reasons = sorted(b.post.reason for b in coord.post_conflict(pid).branches)
    assert reasons == ["figures", "tone"]


WEI = Actor("Wei", "coordinator")


def test_a_laptop_that_received_the_batch_cannot_resolve_its_conflicts(laptops):
    """A conflict is resolved on the desk that coordinates the batch: a results package carries
    reviewers' actions only, so a resolution made on a laptop could never come back."""
    coord, tendai, rudo, ids, tmp = laptops
    pid = ids["ZW-1"]
    tendai.decide(pid, TENDAI, "approve")
    rudo.rewrite(pid, RUDO, "We drilled 12 boreholes.")
    merge(coord, tmp, (tendai, TENDAI), (rudo, RUDO))
    coord.make_work_package("zw", tmp / "to-wei.rdpack", COORD)
    wei = reviewer_laptop(tmp, "wei", tmp / "to-wei.rdpack")
    side = wei.post_conflict(pid).branches[0]
    with pytest.raises(TransitionRefused, match="came to this laptop in a work package"):
        wei.resolve_conflict(pid, side.tip, WEI)
    assert wei.post(pid).state == "conflict"
    wei.close()


def two_coordinators_resolve(laptops, keep_on_a: str, keep_on_b: str):
    """Tendai approves and Rudo rewrites ZW-1 apart; two coordinators of the same batch (as
    HQ's server will let them be) keep a side each ("approved" or "rewrite") without knowing of
    the other, and both resolutions end up in one log. Returns the desk and the post id."""
    coord, tendai, rudo, ids, tmp = laptops
    pid = ids["ZW-1"]
    tendai.decide(pid, TENDAI, "approve")
    rudo.rewrite(pid, RUDO, "We drilled 12 boreholes.")
    merge(coord, tmp, (tendai, TENDAI), (rudo, RUDO))
    events = coord.store.events.of_post(pid)
    conflict = wf.conflicts(events)[0]

    def side(keep):
        return next(b for b in conflict.branches if b.post.has_rewrite == (keep == "rewrite"))

    parent, payload = wf.resolution(events, conflict, side(keep_on_b))
    weis = coord.make_event(wf.CONFLICT_RESOLVED, "zw", WEI, post_id=pid, parent=parent, payload=payload)
    coord.resolve_conflict(pid, side(keep_on_a).tip, COORD)
    with coord.store.write():
        coord.commit_post_events(coord.store.events.of_post(pid), [weis])
    return coord, pid


def test_two_coordinators_resolving_a_conflict_differently_is_a_conflict_again(laptops):
    coord, pid = two_coordinators_resolve(laptops, keep_on_a="approved", keep_on_b="rewrite")
    post = coord.post(pid)
    assert post.state == "conflict", "neither version may be lost silently"
    assert [e.kind for e in coord.history(pid)].count(wf.CONFLICT_RESOLVED) == 2
    sides = sorted((b.post.has_rewrite, b.post.current_text) for b in coord.post_conflict(pid).branches)
    assert sides == [(False, "We drilled 12 water wells in Masvingo province."),
                     (True, "We drilled 12 boreholes.")]
    # A coordinator chooses once more; that settles it, and a laptop gets the settled post.
    rewrite = next(b for b in coord.post_conflict(pid).branches if b.post.has_rewrite)
    post = coord.resolve_conflict(pid, rewrite.tip, COORD)
    assert (post.state, post.current_text) == ("in_review", "We drilled 12 boreholes.")
    assert coord.posts_out_of_step() == []
    tmp = laptops[4]
    coord.make_work_package("zw", tmp / "settled.rdpack", COORD)
    wei = reviewer_laptop(tmp, "wei", tmp / "settled.rdpack")
    assert snapshot(wei)["posts"][pid] == snapshot(coord)["posts"][pid]
    wei.close()


def test_two_coordinators_keeping_the_same_version_count_as_one(laptops):
    coord, pid = two_coordinators_resolve(laptops, keep_on_a="rewrite", keep_on_b="rewrite")
    post = coord.post(pid)
    assert (post.state, post.current_text) == ("in_review", "We drilled 12 boreholes.")
    assert coord.conflicts() == []
    assert coord.decide(pid, COORD, "approve").state == "approved"
    assert coord.conflicts() == []
