"""The preview's folds and crops (review/preview.py) and the `after-the-fold` check."""
from __future__ import annotations

import random

import pytest

from review.hints.checks import run_checks
from review.hints.length import weighted_length
from review.preview import FOLDS, crops, preview

LINK = "https://example.org/boreholes/committees"


def _random_text(rng: random.Random) -> str:
    pieces = ["word", "钻井", "💧", "👨‍👩‍👧", "\n", " ", LINK, "#ZWBoreholes1000", "@ZWRuralWater",
              "Masvingo", "é", "  "]
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 200)))


@pytest.mark.parametrize("platform", sorted(FOLDS))
def test_visible_and_hidden_are_the_text_cut_once(platform):
    rng = random.Random(platform)
    for _ in range(300):
        text = _random_text(rng)
        shown = preview(platform, text)
        assert shown.visible + shown.hidden == text
        assert 0 <= shown.cut_at <= len(text) and 0 <= shown.phone.cut_at <= len(text)
        assert shown.phone.cut_at <= shown.cut_at or platform == "x"


def test_x_folds_at_280_weighted_characters_and_never_inside_a_link_or_an_emoji():
    text = "钻" * 125 + " " + LINK + " " + "💧 " * 20  # 250 + 1 + 23 + 1, 3 a drop
    shown = preview("x", text)
    assert shown.visible == "钻" * 125 + " " + LINK + " " + "💧 💧"
    assert weighted_length(shown.visible) == 280
    run_of_drops = "钻" * 125 + " " + LINK + " " + "💧" * 20  # a word cut in two goes below
    assert preview("x", run_of_drops).hidden == " " + "💧" * 20
    family = "a" * 278 + "👨‍👩‍👧"  # one emoji of 5 code points weighs 2: it fits whole
    assert preview("x", family).hidden == ""
    assert preview("x", "a" * 279 + "👨‍👩‍👧").hidden == "👨‍👩‍👧"
    two_links = "a" * 260 + " " + LINK  # 261 + 23: the link goes below whole
    assert preview("x", two_links).hidden == LINK
    assert preview("x", "钻" * 141).cut_at == 140  # CJK weighs 2
    assert preview("x", "short post " + LINK).hidden == ""


def test_facebook_folds_at_477_characters_at_a_word_boundary():
    text = "water " * 100  # 600 characters, a space every 6
    shown = preview("facebook", text)
    assert shown.cut_at <= 477 and shown.cut_at > 477 - 30
    assert text[shown.cut_at - 1] == " " or text[shown.cut_at] == " "
    assert preview("facebook", "水" * 600).cut_at == 477  # no spaces: cut where the count ends
    assert preview("facebook", text).phone.cut_at <= 125
    assert preview("other", text).platform == "facebook"


def test_linkedin_folds_at_210_characters_or_three_lines():
    assert preview("linkedin", "one\ntwo\nthree\nfour").visible == "one\ntwo\nthree"
    assert preview("linkedin", "one\ntwo\nthree").hidden == ""
    long = "borehole " * 40
    shown = preview("linkedin", long)
    assert 180 < shown.cut_at <= 210 and 110 < shown.phone.cut_at <= 140
    assert shown.to_json()["phone"]["visible"] == long[:shown.phone.cut_at]


def test_youtube_title_is_the_first_line_and_the_description_folds_after_it():
    description = "Clean water for Gutu. " * 20
    shown = preview("youtube", "A day with the Gutu team\n" + description)
    assert shown.title == "A day with the Gutu team"
    assert shown.cut_at - len("A day with the Gutu team\n") <= 157
    assert shown.visible.startswith("A day with the Gutu team\nClean water")
    long_title = "T" * 120 + "\n" + description
    assert preview("youtube", long_title).cut_at == 100  # YouTube shows 100 of a title
    assert preview("youtube", "One line only").hidden == ""


def test_json_has_the_documented_fields():
    shown = preview("facebook", "water " * 100, (("rig.jpg", 1000, 2000),)).to_json()
    assert {"platform", "text", "visible", "hidden", "cut_at", "limit", "crops"} <= set(shown)
    assert shown["visible"] + shown["hidden"] == shown["text"] and shown["limit"] == 477
    assert shown["crops"][0]["crop"] == {"x": 0, "y": 375, "width": 1000, "height": 1250}


def test_crops_follow_each_platforms_shapes():
    tall, wide, usual = ("tall.jpg", 1000, 3000), ("wide.jpg", 3000, 1000), ("usual.jpg", 1600, 900)
    x_tall, x_wide, x_usual = crops("x", (tall,)) + crops("x", (wide,)) + crops("x", (usual,))
    assert x_usual.shown == "whole" and (x_usual.crop_width, x_usual.crop_height) == (1600, 900)
    assert (x_tall.crop_width, x_tall.crop_height, x_tall.y) == (1000, 1333, 833)  # 3:4, centred
    assert (x_wide.crop_width, x_wide.x) == (2000, 500)  # 2:1
    facebook = crops("facebook", (tall,))[0]
    assert (facebook.crop_width, facebook.crop_height) == (1000, 1250)  # 4:5
    assert crops("youtube", (usual,))[0].shown == "whole"
    five = crops("x", (usual,) * 5)
    assert [c.shown for c in five] == ["cropped"] * 4 + ["not shown"]  # X shows 4, as squares
    assert (five[0].crop_width, five[0].crop_height) == (900, 900)
    assert crops("x", (usual, usual))[0].crop_width == round(900 * 7 / 8)


def _fold_findings(platform, source, text):
    return [r for r in run_checks(source, text, source_lang="zh-CN", target_lang="en",
                                  platform=platform) if r.id == "after-the-fold"]


def test_after_the_fold_warns_of_a_link_a_source_tag_or_a_mention_below_the_fold():
    body = "We visited the village water committee today. " * 12  # 564 characters
    found = _fold_findings("facebook", "详情：" + LINK, body + LINK)
    assert len(found) == 1 and found[0].severity == "warning" and LINK in found[0].message
    assert found[0].spans[0].start == len(body)
    assert _fold_findings("facebook", "详情：" + LINK, LINK + " " + body) == []
    # a hashtag of the source counts; one HQ's draft adds does not
    assert _fold_findings("facebook", "水 #ZWBoreholes1000", body + "#ZWBoreholes1000")
    assert _fold_findings("facebook", "水", body + "#CleanWater") == []
    assert _fold_findings("linkedin", "水", body[:200] + " @ZWRuralWater")
    # X folds at its limit: the length check says it
    assert _fold_findings("x", "详情：" + LINK, body + LINK) == []


def test_every_platform_the_command_line_offers_has_its_folds():
    from review.formats import PREVIEW_PLATFORMS

    assert set(FOLDS) == set(PREVIEW_PLATFORMS)
