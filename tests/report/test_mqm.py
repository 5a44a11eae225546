"""MQM scoring: the weights, the length rule, and a batch computed by hand."""
from __future__ import annotations

import pytest

from review import mqm
from review.importing import import_drafts
from review.report import gather
from tests.helpers import COORD, REVIEWER, draft

EN_DRAFT = "We drilled 12 water wells in Masvingo province."  # 8 words
ZH_DRAFT = "我们在马斯温戈省打了十二眼钻井。"  # 15 characters; the full stop is not counted


def test_weights_and_the_punctuation_exception():
    assert [mqm.penalty(s) for s in ("neutral", "minor", "major", "critical")] == [0, 1, 5, 25]
    assert mqm.penalty("minor", "punctuation") == 0.1
    assert mqm.penalty("minor", " Punctuation ") == 0.1  # free text, matched loosely
    assert mqm.penalty("major", "punctuation") == 5  # only minor punctuation is discounted


def test_length_in_words_or_in_characters_by_target_language():
    assert mqm.text_length(EN_DRAFT, "en") == 8
    assert mqm.text_length(ZH_DRAFT, "zh-CN") == 15
    assert mqm.text_length("ドリルで井戸を掘った。", "ja") == 10
    assert mqm.text_length("우물 12개를 팠습니다", "ko") == 3  # Korean is written with spaces
    assert mqm.text_length("Visit https://example.org/b — now!", "en") == 3  # the dash is no word
    assert mqm.text_length("🎉 —", "en") == 1  # nothing countable still counts as 1


def test_quality_is_floored_at_zero():
    assert mqm.Score(30, 10).quality == 0
    assert mqm.Score(1, 50).quality == 98


def annotate_draft(desk, post_id, actor=REVIEWER, **values):
    post = desk.annotate(post_id, actor, start=0, end=2, revision=0, **values)
    return list(post.annotations)[-1]


@pytest.fixture
def scored(desk):
    import_drafts(desk, [draft("EN-1", draft_text=EN_DRAFT),
                         draft("ZH-1", source_lang="en", source_text="We drilled twelve boreholes.",
                               target_lang="zh-CN", draft_text=ZH_DRAFT),
                         draft("EN-2", draft_text="Still waiting for review.")], "mqm", actor=COORD)
    ids = desk.store.posts.ids_by_external("mqm")
    en, zh, pending = ids["EN-1"], ids["ZH-1"], ids["EN-2"]
    annotate_draft(desk, en, category="terminology", severity="major")  # 5
    annotate_draft(desk, en, category="fluency", subcategory="punctuation", severity="minor")  # 0.1
    annotate_draft(desk, en, category="style", severity="neutral")  # 0
    resolved = annotate_draft(desk, en, category="accuracy", severity="minor")  # 1, resolved: counts
    desk.resolve_annotation(en, REVIEWER, resolved)
    deleted = annotate_draft(desk, en, category="style", severity="minor")  # deleted: never
    desk.delete_annotation(en, REVIEWER, deleted)
    annotate_draft(desk, en, category="accuracy", severity="critical")  # undone: never
    desk.undo(en, REVIEWER)
    desk.decide(en, REVIEWER, "approve")

    annotate_draft(desk, zh, category="accuracy", severity="minor")  # 1
    desk.rewrite(zh, REVIEWER, "我们打了十二眼钻井。")
    desk.annotate(zh, REVIEWER, start=0, end=2, category="fluency", severity="major")  # on the rewrite
    desk.decide(zh, COORD, "reject", "wrong province")

    annotate_draft(desk, pending, category="accuracy", severity="critical")  # not decided: not scored
    return gather(desk, "mqm"), en, zh, pending


def test_hand_computed_post_and_batch_scores(scored):
    data, en, zh, pending = scored
    posts = {p.row["id"]: p for p in data.posts}
    assert posts[en].score == mqm.Score(6.1, 8)
    assert posts[en].score.per_100 == pytest.approx(76.25)
    assert posts[en].score.quality == pytest.approx(23.75)
    assert posts[zh].score == mqm.Score(1, 15)
    assert posts[zh].score.quality == pytest.approx(100 - 100 / 15)  # 93.33
    assert posts[pending].score is None
    # The batch: total points over total length (7.1 over 23), not the mean of 23.75 and 93.33.
    assert data.score == mqm.Score(pytest.approx(7.1), 23)
    assert data.score.quality == pytest.approx(100 - 710 / 23)  # 69.13
    assert data.counted_errors == 5  # major, punctuation, neutral, resolved minor, zh minor


def test_errors_chart_counts_only_the_scored_errors(scored):
    data = scored[0]
    errors = data.errors()
    assert errors["terminology"] == {"major": 1}
    assert errors["accuracy"] == {"minor": 2}  # the critical ones were undone or not decided
    assert errors["fluency"] == {"minor": 1}  # the major on the rewrite is not scored
    assert errors["style"] == {"neutral": 1}  # the deleted minor is gone
