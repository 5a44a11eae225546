"""Issue 15: `export --target-lang LANG` in every format, so a batch of several language pairs
goes out as one XLIFF 2.0 file per language; XLIFF 2.0 of a mixed batch without it is refused
naming the languages and what to do."""
from __future__ import annotations

import pytest

from review import Desk, ReviewError
from review.errors import InvalidInput
from review.formats import EXPORT_FORMATS
from tests.helpers import COORD, REVIEWER

ZW = "zimbabwe-boreholes"  # zh-CN -> en, sn, nd


@pytest.fixture
def mixed(tmp_path) -> Desk:
    desk = Desk(tmp_path / "d.sqlite3")
    desk.load_sample(COORD)
    for post in desk.posts(batch=ZW):
        desk.decide(post["id"], REVIEWER, "approve", despite_findings=True)
    yield desk
    desk.close()


def approved_into(desk: Desk) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in desk.posts(batch=ZW, state="approved"):
        counts[row["target_lang"]] = counts.get(row["target_lang"], 0) + 1
    return counts


def test_xliff20_of_a_mixed_batch_is_refused_naming_the_languages(mixed, tmp_path):
    with pytest.raises(InvalidInput) as refused:
        mixed.export(ZW, "xliff20", tmp_path / "zw.xlf2", COORD)
    said = str(refused.value)
    assert "zh-CN > en" in said and "zh-CN > sn" in said and "zh-CN > nd" in said
    assert "--target-lang" in said
    assert not (tmp_path / "zw.xlf2").exists()
    assert mixed.posts(batch=ZW, state="exported") == []


def test_one_xliff20_file_per_target_language(mixed, tmp_path):
    before = approved_into(mixed)
    assert set(before) == {"en", "sn", "nd"}
    for lang, count in before.items():
        out = tmp_path / f"zw-{lang}.xlf2"
        result = mixed.export(ZW, "xliff20", out, COORD, target_lang=lang.upper())
        assert result.count == count
        text = out.read_text(encoding="utf-8")
        assert f'trgLang="{lang}"' in text and text.count("<unit ") == count
    assert approved_into(mixed) == {}


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_target_lang_in_every_format(mixed, tmp_path, fmt):
    sn = approved_into(mixed)["sn"]
    try:
        result = mixed.export(ZW, fmt, tmp_path / f"zw-sn.{fmt}", COORD, target_lang="sn")
    except ReviewError as refused:  # a scheduling tool's own limits, said as such
        assert fmt in ("hootsuite", "highlevel") and "one platform at a time" in str(refused)
        result = mixed.export(ZW, fmt, tmp_path / f"zw-sn.{fmt}", COORD, target_lang="sn",
                              platform="facebook")
        sn = sum(1 for r in mixed.posts(batch=ZW, state="approved")
                 if r["target_lang"] == "sn" and r["platform"] == "facebook") + result.count
    assert 0 < result.count <= sn
    left = approved_into(mixed)
    assert left.get("en") and left.get("nd"), "only the Shona posts went out"
    exported = mixed.posts(batch=ZW, state="exported")
    assert {r["target_lang"] for r in exported} == {"sn"} and len(exported) == result.count


def test_a_language_without_approved_posts_is_refused_naming_those_there(mixed, tmp_path):
    with pytest.raises(ReviewError, match="no approved posts into fr to export; its approved "
                                          "posts are into en, nd, sn"):
        mixed.export(ZW, "csv", tmp_path / "zw.csv", COORD, target_lang="fr")
    with pytest.raises(InvalidInput, match="--target-lang 'x y' is not a language code"):
        mixed.export(ZW, "csv", tmp_path / "zw.csv", COORD, target_lang="x y")
    assert not (tmp_path / "zw.csv").exists()
