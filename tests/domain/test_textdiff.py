"""The word/character difference shared by the review pane and the report."""
from __future__ import annotations

from review.textdiff import diff_segments


def test_difference_is_by_character_for_chinese_and_by_word_for_latin():
    assert diff_segments("我们打了12口井。", "我们打了12眼钻井。") == [
        ("equal", "我们打了12"), ("delete", "口"), ("insert", "眼钻"), ("equal", "井。")]
    assert diff_segments("dug 8 new water wells", "drilled 8 new boreholes") == [
        ("delete", "dug"), ("insert", "drilled"), ("equal", " 8 new "),
        ("delete", "water wells"), ("insert", "boreholes")]
