"""The workflow under random sequences of actions by random actors, through the real Desk.

Every action either succeeds, with the effect it promises, or is refused with a ReviewError that
changes nothing. After every step the state machine's invariants hold for every post, and each
post's stored row equals the replay of its events (`posts_out_of_step`)."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from review import Actor, Desk
from review import workflow as wf
from review.errors import ReviewError
from review.importing import import_drafts
from review.model import (APPROVED, AWAITING_SIGNOFF, CHANGES_REQUESTED, COORDINATOR, EXPORTED,
                          IN_REVIEW, PENDING, REJECTED, REVIEWER)
from tests.fuzz.settings import fuzz
from tests.helpers import draft

ACTORS = [Actor("Tendai", REVIEWER), Actor("Rudo", REVIEWER), Actor("Chipo", COORDINATOR),
          Actor("Wei", COORDINATOR)]
STATES = {PENDING, IN_REVIEW, APPROVED, AWAITING_SIGNOFF, CHANGES_REQUESTED, REJECTED, EXPORTED}
TEXTS = ["We drilled 12 boreholes in Masvingo.", "Mvura yakachena", "钻井 12 口", "Water  \n ok"]
DECISIONS = ["approve", "reject", "request-changes", "reopen", "signoff"]
actors = st.sampled_from(ACTORS)


class ReviewSession(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="fuzz-workflow-"))
        self.desk = Desk(self.folder / "desk.sqlite3", backups=False)
        coordinator = ACTORS[2]
        import_drafts(self.desk, [draft("ZW-1"), draft("ZW-2")], "zw", actor=coordinator,
                      timezone="UTC")
        import_drafts(self.desk, [draft("HQ-1"), draft("HQ-2")], "hq", actor=coordinator,
                      timezone="UTC", require_signoff=True)
        self.ids = sorted(self.desk.store.posts.ids_by_external("zw").values()) + sorted(
            self.desk.store.posts.ids_by_external("hq").values())
        self.signoff = {p: self.desk.batch(self.desk.post(p).batch)["require_signoff"]
                        for p in self.ids}
        self.undos: list[tuple[str, str]] = []  # (post, undo event) that could be redone

    def teardown(self) -> None:
        self.desk.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- acting -------------------------------------------------------------------------------

    def attempt(self, action, post_id: str):
        """Run an action; a refusal must be a ReviewError and must change nothing."""
        before = self.desk.store.events.count(), self.desk.store.posts.row(post_id)
        try:
            return action()
        except ReviewError as refused:
            assert str(refused).strip()
            assert (self.desk.store.events.count(), self.desk.store.posts.row(post_id)) == before
            return None

    @rule(post=st.integers(0, 3), actor=actors)
    def open(self, post, actor):
        was = self.desk.post(self.ids[post]).state
        after = self.attempt(lambda: self.desk.open_post(self.ids[post], actor), self.ids[post])
        assert after is not None and after.state == (IN_REVIEW if was == PENDING else was)

    @rule(post=st.integers(0, 3), actor=actors, text=st.sampled_from(TEXTS))
    def rewrite(self, post, actor, text):
        before = self.desk.post(self.ids[post])
        after = self.attempt(lambda: self.desk.rewrite(self.ids[post], actor, text),
                             self.ids[post])
        if after is not None and text.strip() == before.current_text.strip():
            assert after == before  # the same text (and no gloss) again changes nothing
        elif after is not None:
            assert after.state == IN_REVIEW and after.has_rewrite
            assert after.current_text == text.strip()
            assert after.current_revision.author == actor.name

    @rule(post=st.integers(0, 3), actor=actors, start=st.integers(0, 40), size=st.integers(1, 10),
          severity=st.sampled_from(["minor", "major", "critical"]))
    def annotate(self, post, actor, start, size, severity):
        after = self.attempt(lambda: self.desk.annotate(
            self.ids[post], actor, start=start, end=start + size, category="accuracy",
            severity=severity), self.ids[post])
        if after is not None:
            assert any(a.author == actor.name and a.start == start
                       for a in after.annotations.values())

    @rule(post=st.integers(0, 3), actor=actors, delete=st.booleans())
    def resolve_or_delete_annotation(self, post, actor, delete):
        found = list(self.desk.post(self.ids[post]).annotations)
        if not found:
            return
        change = self.desk.delete_annotation if delete else self.desk.resolve_annotation
        self.attempt(lambda: change(self.ids[post], actor, found[-1]), self.ids[post])

    @rule(post=st.integers(0, 3), actor=actors, decision=st.sampled_from(DECISIONS))
    def decide(self, post, actor, decision):
        post_id = self.ids[post]
        reason = "because" if decision in ("reject", "request-changes", "reopen") else None
        before = self.desk.post(post_id)
        after = self.attempt(lambda: self.desk.decide(post_id, actor, decision, reason,
                                                                despite_findings=True), post_id)
        if after is None:
            return
        if decision == "approve":
            assert after.approved_by == actor.name
            assert after.state == (AWAITING_SIGNOFF if self.signoff[post_id] and after.has_rewrite
                                   else APPROVED)
        elif decision == "signoff":
            assert actor.role == COORDINATOR and self.signoff[post_id]
            assert before.state == AWAITING_SIGNOFF and after.state == APPROVED
            assert actor.name not in (before.approved_by, before.current_revision.author)
        else:
            expected = {"reject": REJECTED, "request-changes": CHANGES_REQUESTED,
                        "reopen": IN_REVIEW}[decision]
            assert after.state == expected and after.reason == reason

    @rule(post=st.integers(0, 3), actor=actors)
    def undo(self, post, actor):
        result = self.attempt(lambda: self.desk.undo(self.ids[post], actor), self.ids[post])
        if result is not None:
            self.undos.append((self.ids[post], result.undo_event_id))

    @precondition(lambda self: self.undos)
    @rule(which=st.integers(0, 100), actor=actors)
    def redo(self, which, actor):
        post_id, undo_id = self.undos[which % len(self.undos)]
        self.attempt(lambda: self.desk.redo(post_id, actor, undo_id), post_id)

    @rule(posts=st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True), actor=actors,
          to=st.sampled_from([None, "Tendai", "Rudo"]))
    def assign(self, posts, actor, to):
        ids = [self.ids[p] for p in posts]
        before = self.desk.store.events.count()
        try:
            done = self.desk.assign(ids, actor, to)
        except ReviewError:
            assert self.desk.store.events.count() == before
            return
        assert actor.role == COORDINATOR and all(p.assignee == to for p in done)

    # -- what must always hold ------------------------------------------------------------------

    @invariant()
    def stored_state_is_the_replay_of_the_log(self):
        assert self.desk.posts_out_of_step() == []

    @invariant()
    def every_post_keeps_the_rules(self):
        for post_id in self.ids:
            events = self.desk.history(post_id)
            post = wf.fold(events)
            assert post.state in STATES
            assert post.head == events[-1].id
            assert [e.parent for e in events[1:]] == [e.id for e in events[:-1]], "log is a chain"
            assert [r.number for r in post.revisions] == list(range(len(post.revisions)))
            assert post.revisions[0].kind == "draft"
            if post.state in (APPROVED, AWAITING_SIGNOFF):
                assert post.approved_by and post.approved_at
            if post.state == AWAITING_SIGNOFF:
                assert self.signoff[post_id] and post.has_rewrite and not post.signed_off_by
            if post.state == APPROVED and self.signoff[post_id] and post.has_rewrite:
                assert post.signed_off_by, "an approved rewrite in a sign-off batch was signed off"
            if post.signed_off_by:
                assert post.state == APPROVED
                assert post.signed_off_by not in (post.approved_by, post.current_revision.author)
            if post.state in (REJECTED, CHANGES_REQUESTED):
                assert post.reason


TestReviewSession = ReviewSession.TestCase
TestReviewSession.settings = fuzz(40, stateful_step_count=30)
