"""The checks of a whole batch (`review-desk checks`) are those of each post's hints."""
from __future__ import annotations

import pytest

from review import Desk
from review.hints import collect
from review.hints.collect import batch_checks
from tests.helpers import REVIEWER


@pytest.mark.parametrize("slice_size", [1000, 7])
def test_a_batch_checked_at_once_gives_each_post_its_own_checks(tmp_path, monkeypatch, slice_size):
    """batch_checks reads a slice of logs at once, looks each language pair's glossary up once
    and asks lingua for a slice's texts in one call: the same findings as one post at a time,
    whatever the slice (7: the sample's 38 posts in six slices, the last one short)."""
    monkeypatch.setattr(collect, "CHECKS_SLICE", slice_size)
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.load_sample()
        batch = "zimbabwe-boreholes"
        rows = desk.posts(batch=batch)
        desk.rewrite(rows[0]["id"], REVIEWER, "Es regnet heute in Harare, und wir bohren weiter.")
        desk.rewrite(rows[1]["id"], REVIEWER, rows[1]["source_text"])  # untranslated
        flagged, finding = next((row["id"], hints.checks[0]) for row in rows[2:]
                                if (hints := desk.hints(row["id"])).checks)
        desk.dismiss_check(flagged, REVIEWER, finding.key, "fine as it is")
        together = {post.id: checks for post, checks in batch_checks(desk, batch)}
        alone = {row["id"]: desk.hints(row["id"]).checks for row in rows}
        assert together == alone
        ids = {c.result.id for checks in together.values() for c in checks}
        assert {"wrong-language", "untranslated"} <= ids
        assert any(c.dismissed for c in together[flagged])
