"""Language detection: determinism, Bantu languages, "und", and the language hints."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review.hints.language import (
    UNDETERMINED, Detection, detect, language_checks, primary_subtag, same_language,
)

from tests.fuzz.settings import fuzz

DATA = Path(__file__).resolve().parents[1] / "data" / "language"
ROOT = Path(__file__).resolve().parents[2]


def labelled_texts() -> dict[str, list[str]]:
    """{language: texts} from tests/data/language/<language>.txt ("#" lines are comments)."""
    return {path.stem: [line for line in path.read_text(encoding="utf-8").splitlines()
                        if line and not line.startswith("#")]
            for path in sorted(DATA.glob("*.txt"))}


LABELLED = labelled_texts()
SHONA = LABELLED["sn"][5]  # UDHR article 1
ZULU = LABELLED["zu"][6]  # UDHR article 1
SWAHILI = LABELLED["sw"][6]  # UDHR article 1
CHINESE = "我们在马斯温戈省打了12口井，服务1,000人，感谢当地社区的支持！"
ENGLISH = "We drilled 12 boreholes in Masvingo province, serving 1,000 people."


# --- The labelled set ---------------------------------------------------------------------------
def test_the_labelled_set_has_short_texts_in_every_language_in_play():
    assert set(LABELLED) >= {"en", "fr", "pt", "de", "zh", "ja", "ko", "sw", "sn", "zu"}
    for lang, texts in LABELLED.items():
        assert len(texts) >= 40, lang
        assert all(20 <= len(text) <= 280 for text in texts), lang


@pytest.mark.parametrize("lang", sorted(LABELLED))
def test_accuracy_is_at_least_95_percent_per_language(lang):
    texts = LABELLED[lang]
    wrong = [(detect(text).lang, text[:60]) for text in texts
             if not same_language(lang, detect(text).lang)]
    accuracy = 1 - len(wrong) / len(texts)
    assert accuracy >= 0.95, f"{lang}: {accuracy:.1%}, wrong: {wrong[:5]}"


@pytest.mark.parametrize("lang", ["sn", "zu"])
def test_shona_and_zulu_are_never_reported_as_swahili(lang):
    assert [t for t in LABELLED[lang] if detect(t).lang == "sw"] == []


# --- detect() -------------------------------------------------------------------------------------
def test_detection_is_a_frozen_record():
    found = detect(ENGLISH)
    assert (found.lang, found.detector in ("lingua", "langdetect")) == ("en", True)
    assert 0.0 <= found.confidence <= 1.0
    with pytest.raises(AttributeError):
        found.lang = "fr"  # type: ignore[misc]


def test_bantu_languages_are_called_by_lingua():
    assert detect(SHONA).lang == "sn"
    assert detect(ZULU).lang == "zu"
    assert detect(SWAHILI).lang == "sw"
    assert detect(SHONA).detector == "lingua"


def test_chinese_variants_report_zh():
    assert detect(CHINESE).lang == "zh"
    assert detect("我們在馬斯溫戈省打了十二口井，服務一千人，感謝當地社區的支持！").lang == "zh"


@pytest.mark.parametrize("text", [
    "",
    "   ",
    "Hi all!",
    "\U0001F44D\U0001F389\U0001F1FF\U0001F1FC",  # emoji only
    "#ZimWater2026 @ZimAid https://aid.org/zw 2026 \U0001F4A7",  # nothing but items
    "马斯温",  # three CJK characters
])
def test_too_short_or_emoji_only_is_und(text):
    assert detect(text) == Detection(UNDETERMINED, 0.0, "none")


def test_half_latin_half_chinese_is_und():
    text = "Borehole handover today in Masvingo 今天在马斯温戈省移交水井"
    assert detect(text).lang == UNDETERMINED


def test_chinese_with_a_brand_name_is_still_chinese():
    assert detect("我用facebook分享了马斯温戈省新水井的照片，欢迎大家关注").lang == "zh"


def test_urls_mentions_and_hashtags_do_not_sway_the_result():
    text = f"{SHONA} #ZimWater2026 #CleanWater @ZimAid https://aid.org/en/water-for-all"
    assert detect(text).lang == "sn"


def _detect_in_fresh_process(texts: list[str]) -> list[list]:
    code = ("import json, sys\nfrom review.hints.language import detect\n"
            "print(json.dumps([[d.lang, d.confidence, d.detector] "
            "for d in map(detect, json.loads(sys.stdin.read()))]))")
    done = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_same_text_same_answer_in_two_fresh_processes():
    # Texts near a decision boundary are where an unseeded langdetect changes its mind.
    texts = [ENGLISH, SHONA, ZULU, CHINESE, "Makorokoto ku community yeMasvingo",
             "Siyabonga kakhulu community! Thank you", LABELLED["sn"][-1]]
    first = _detect_in_fresh_process(texts)
    assert first == _detect_in_fresh_process(texts)
    assert first == [[d.lang, d.confidence, d.detector] for d in map(detect, texts)]


def test_importing_the_module_loads_no_detector():
    code = ("import sys, review.hints.language\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('langdetect', 'lingua')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- Codes and equivalences -----------------------------------------------------------------------
def test_primary_subtags():
    assert primary_subtag("zh-CN") == primary_subtag("zh_tw") == primary_subtag("zh-Hans") == "zh"
    assert primary_subtag("EN-gb") == "en"


@pytest.mark.parametrize("expected, detected", [
    ("nd", "zu"), ("zu", "nd"), ("zh-CN", "zh"), ("zh-TW", "zh"), ("nb", "no"), ("no", "nb"),
    ("en-ZW", "en"),
])
def test_equivalent_languages(expected, detected):
    assert same_language(expected, detected)


@pytest.mark.parametrize("expected, detected", [("sn", "zu"), ("nd", "sn"), ("sn", "sw")])
def test_different_languages(expected, detected):
    assert not same_language(expected, detected)


# --- Hints ----------------------------------------------------------------------------------------
def test_wrong_language_when_a_shona_rewrite_is_in_swahili():
    [result] = language_checks("en", "sn", ENGLISH, SWAHILI, "rewrite")
    assert result.id == "wrong-language" and result.severity == "error"
    assert "Swahili" in result.message and "Shona" in result.message and "rewrite" in result.message
    assert [(s.text, s.start, s.end) for s in result.spans] == [("target", 0, len(SWAHILI))]


def test_no_hint_when_the_rewrite_is_in_the_target_language():
    assert language_checks("en", "sn", ENGLISH, SHONA, "rewrite") == []
    assert language_checks("zh-CN", "en", CHINESE, ENGLISH, "draft") == []


def test_an_ndebele_post_written_like_zulu_is_not_wrong_language():
    assert language_checks("en", "nd", ENGLISH, ZULU, "draft") == []
    assert language_checks("en", "zu", ENGLISH, ZULU, "draft") == []
    assert [r.id for r in language_checks("en", "sn", ENGLISH, ZULU, "draft")] == ["wrong-language"]


def test_chinese_variants_are_not_wrong_language():
    assert language_checks("en", "zh-TW", ENGLISH, CHINESE, "draft") == []


def test_untranslated_when_the_draft_is_still_in_the_source_language():
    other_chinese = "马斯温戈省的新水井今天正式移交给当地社区，感谢所有参与的工程师。"
    [result] = language_checks("zh-CN", "en", CHINESE, other_chinese, "draft")
    assert result.id == "untranslated" and result.severity == "error"
    assert "Chinese" in result.message and "English" in result.message


def test_untranslated_when_the_draft_equals_the_source():
    [result] = language_checks("zh-CN", "sn", CHINESE, f" {CHINESE}\n", "draft")
    assert result.id == "untranslated"
    assert "unchanged" in result.message


def test_no_language_hint_for_empty_short_or_untranslatable_text():
    assert language_checks("zh-CN", "en", CHINESE, "", "draft") == []
    assert language_checks("zh-CN", "en", CHINESE, "Thanks!", "draft") == []
    tags = "#ZimWater2026 https://aid.org/zw"
    assert language_checks("zh-CN", "en", tags, tags, "draft") == []


def test_which_names_the_draft_or_the_rewrite():
    with pytest.raises(ValueError):
        language_checks("en", "sn", ENGLISH, SHONA, "translation")


# -- the script counts behind "und" (counted with a regex since the batch speed-up) -------------
def _cjk_by_hand(ch: str) -> bool:
    """The CJK ranges as they were first written, one comparison per character."""
    code = ord(ch)
    return (0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF
            or 0x1100 <= code <= 0x11FF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F)


@fuzz(300)
@given(st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x1000, max_codepoint=0x1200),  # Jamo edges
    st.characters(min_codepoint=0x3000, max_codepoint=0x3100),  # kana and its punctuation
    st.characters(min_codepoint=0xF800, max_codepoint=0xFB00),
    st.characters(min_codepoint=0x1FFF0, max_codepoint=0x2FA30),
    st.sampled_from("aZé ß9._钻井한글"), st.characters()), max_size=40))
def test_script_counts_match_a_loop_over_the_characters(text):
    from review.hints.language import _script_counts

    cjk = sum(1 for ch in text if _cjk_by_hand(ch))
    other = sum(1 for ch in text if ch.isalpha() and not _cjk_by_hand(ch))
    assert _script_counts(text) == (cjk, other)


def test_language_checks_give_what_detect_says():
    """language_checks cuts the text to its letters once and detects on that: the same answer
    as `detect` of the whole text."""
    english = "We drilled twelve boreholes in Masvingo this year, serving a thousand people."
    assert detect(english).lang == "en"
    found = language_checks("zh-CN", "fr", CHINESE, english, "draft")
    assert [r.id for r in found] == ["wrong-language"]
    assert dict(found[0].params)["found"] == detect(english).lang


def test_detect_many_answers_as_detect_does_text_by_text():
    """The batch's checks ask lingua for all texts at once (in parallel): the same answers."""
    from review.hints.language import detect_many

    texts = [text for lang_texts in LABELLED.values() for text in lang_texts[:8]]
    texts += ["", "ok", "12 34 #tag @who https://aid.org 💧", CHINESE, CHINESE + " and some English",
              "SIMBA YEDU IRI MUKUSHANDA PAMWE CHETE"]
    assert detect_many(texts) == [detect(text) for text in texts]


def test_a_zulu_detection_is_called_ndebele_or_zulu_unless_zulu_is_the_posts_language():
    """Before: a Ndebele draft for Shona readers "looks like Zulu"."""
    ndebele = ("Abagcini bempompi abayi-20 baseMakoni baqedile ukuqeqeshwa kwamaviki amabili. "
               "Bazagcina amaborehole emphakathini wabo.")
    [finding] = language_checks("zh-CN", "sn", "来自马科尼区的20名泵维护员完成了培训。", ndebele, "draft")
    assert finding.id == "wrong-language"
    assert "looks like Ndebele (or Zulu)" in finding.message
    assert dict(finding.params)["found"] == "nd/zu"
    zulu_source = "Abanakekeli bamaphampu abangu-20 bakwaMakoni baqedile ukuqeqeshwa kwamasonto amabili."
    [finding] = language_checks("zu", "sn", zulu_source, ndebele, "draft")
    assert finding.id == "untranslated" and "still in Zulu" in finding.message  # Zulu is in play
    assert language_checks("zh-CN", "nd", "来自马科尼区的20名泵维护员完成了培训。", ndebele, "draft") == []
