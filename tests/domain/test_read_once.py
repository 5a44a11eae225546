"""Read once. A post's cached problem count (the queue's Problems column and filter) is computed again only
when what the checks read changed: its texts, languages, platform or dismissals, or a glossary."""
from __future__ import annotations

from review.model import GlossaryEntry
from review.queue import fill_problem_counts
from tests.helpers import COORD, REVIEWER


def counted(desk, post_id):
    return desk.store.posts.row(post_id)["problems"]


def test_a_decision_keeps_the_count_a_rewrite_or_dismissal_clears_it(desk, batch):
    pid = batch["ZW-001"]
    fill_problem_counts(desk, 100)
    assert counted(desk, pid) is not None
    desk.open_post(pid, REVIEWER)
    desk.annotate(pid, REVIEWER, start=0, end=2, category="style", severity="minor")
    desk.assign([pid], COORD, "Tendai")
    assert counted(desk, pid) is not None, "nothing the checks read changed"
    desk.rewrite(pid, REVIEWER, "We drilled 12 boreholes in Masvingo.")
    assert counted(desk, pid) is None, "a new text: its problems are counted again"
    fill_problem_counts(desk, 100)
    desk.dismiss_check(pid, REVIEWER, "length", "fine")
    assert counted(desk, pid) is None, "a dismissal changes the count"


def test_a_glossary_change_clears_every_count(desk, batch):
    fill_problem_counts(desk, 100)
    with desk.store.write():
        desk.store.glossaries.replace("aid", "zh-CN", "en", "aid.csv", [GlossaryEntry("井", "borehole")])
    assert all(counted(desk, pid) is None for pid in batch.values())


def test_a_post_is_shown_from_one_read_of_its_log(desk, batch, monkeypatch):
    pid = batch["ZW-001"]
    desk.rewrite(pid, REVIEWER, "We drilled 12 boreholes in Masvingo.")
    reads = []
    real = desk.store.events.of_post
    monkeypatch.setattr(desk.store.events, "of_post", lambda post_id: reads.append(post_id) or real(post_id))
    view = desk.view(pid)
    assert reads == [pid]
    assert view.post == desk.post(pid) and [e.kind for e in view.history][-1] == "post.rewritten"
    assert view.hints.to_json() == desk.hints(pid).to_json()
