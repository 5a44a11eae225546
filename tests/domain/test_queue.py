"""The queue: filters, text search in any script (including two-character Chinese words),
sorting, state counts and the problem counts, all in SQL."""
from __future__ import annotations

from review.importing import import_drafts
from review.queue import QueueFilter, fill_problem_counts, queue_rowids, queue_rows, state_counts
from tests.helpers import COORD, REVIEWER, draft


def external_ids(desk, rowids):
    rows = queue_rows(desk, rowids)
    return [rows[r]["external_id"] for r in rowids]


def setup(desk):
    import_drafts(desk, [
        draft("A", source_text="津巴布韦政府感谢中国", draft_text="Government thanks China"),
        draft("B", platform="x", target_lang="sn", draft_text="Mvura yakachena kuvanhu"),
        draft("C", platform="linkedin", draft_text="The handover <b>ceremony</b> in Chivi"),
    ], "zw", actor=COORD)
    import_drafts(desk, [draft("D", draft_text="Another batch entirely")], "cd", actor=COORD)


def test_filters_combine(desk):
    setup(desk)
    assert external_ids(desk, queue_rowids(desk, QueueFilter(batch="zw"), sort="external_id")) == ["A", "B", "C"]
    assert external_ids(desk, queue_rowids(desk, QueueFilter(platform="x"))) == ["B"]
    assert external_ids(desk, queue_rowids(desk, QueueFilter(target_lang="sn"))) == ["B"]
    desk.decide(desk.resolve_post_id("C"), REVIEWER, "approve", despite_findings=True)
    assert external_ids(desk, queue_rowids(desk, QueueFilter(state="approved"))) == ["C"]
    assert state_counts(desk, QueueFilter(batch="zw", state="approved")) == {"pending": 2, "approved": 1}


def test_search_finds_any_script_and_every_revision(desk):
    setup(desk)
    search = lambda text: sorted(external_ids(desk, queue_rowids(desk, QueueFilter(text=text))))  # noqa: E731
    assert search("政府") == ["A"], "a two-character Chinese word"
    assert search("政") == ["A"]
    assert search("handover") == ["C"]
    assert search("HANDOVER") == ["C"], "case does not matter"
    assert search("<b>") == ["C"]
    desk.rewrite(desk.resolve_post_id("B"), REVIEWER, "Mvura yakachena kuvanhu vose")
    assert search("vose") == ["B"], "rewrites are searched"
    assert search("yakachena kuvanhu") == ["B"], "HQ's draft is still searched after a rewrite"
    assert search('"quoted" AND') == []
    assert search("nul\x00") == [], "control characters are ignored, not an SQL error"


def test_search_by_a_posts_id_or_hqs_id(desk):
    setup(desk)
    import_drafts(desk, [draft("ZW-004", draft_text="We drilled 12 boreholes.")], "other", actor=COORD)
    search = lambda text: sorted(external_ids(desk, queue_rowids(desk, QueueFilter(text=text))))  # noqa: E731
    assert search("ZW-004") == ["ZW-004"], "HQ's id, though no text holds it"
    assert search("zw-004") == ["ZW-004"], "case does not matter"
    assert search(desk.resolve_post_id("B")) == ["B"], "Review Desk's id"
    assert "B" in search("B"), "a one-character id as well (with the texts holding a b)"
    assert search("ZW-00") == [], "ids are matched whole"
    assert search(desk.resolve_post_id("B")[:4] + " x") == [], "with a space it is text only"
    zw = QueueFilter(text="ZW-004", batch="zw")
    assert external_ids(desk, queue_rowids(desk, zw)) == [], "other filters still apply"


def test_short_search_folds_case_beyond_ascii(desk):
    import_drafts(desk, [draft("E", draft_text="Équipe de forage"), draft("F", draft_text="plain")],
                  "fr", actor=COORD)
    found = lambda text: external_ids(desk, queue_rowids(desk, QueueFilter(text=text)))  # noqa: E731
    assert found("É") == ["E"] and found("é") == ["E"]


def test_sort_descending_by_text(desk):
    setup(desk)
    rowids = queue_rowids(desk, QueueFilter(batch="zw"), sort="text", descending=True)
    assert external_ids(desk, rowids) == ["C", "B", "A"]


def test_problem_counts_fill_and_reset_when_text_changes(desk):
    setup(desk)
    assert fill_problem_counts(desk) == 4
    assert fill_problem_counts(desk) == 0
    rows = queue_rows(desk, queue_rowids(desk, QueueFilter(batch="zw"), sort="external_id"))
    assert all(r["problems"] is not None for r in rows.values())
    post_id = desk.resolve_post_id("A")
    desk.rewrite(post_id, REVIEWER, "Thanks")
    assert desk.store.posts.row(post_id)["problems"] is None
    problems = external_ids(desk, queue_rowids(desk, QueueFilter(has_problems=True)))
    assert "B" in problems  # the sn draft of a zh source with 12 in it lost the number


def test_assigned_to_me(desk):
    setup(desk)
    desk.assign([desk.resolve_post_id("B")], COORD, "Tendai")
    assert external_ids(desk, queue_rowids(desk, QueueFilter(assignee="Tendai"))) == ["B"]
    assert desk.posts_out_of_step() == []
    desk.assign([desk.resolve_post_id("B")], COORD, None)
    assert queue_rowids(desk, QueueFilter(assignee="Tendai")) == []
