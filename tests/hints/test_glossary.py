"""Glossary matching on Chinese, Japanese and Latin text, and the hints built on it."""
from __future__ import annotations

import pytest

from review.hints.glossary import CompiledGlossary
from review.hints.termmatch import TermMatcher, fold_case
from review.model import GlossaryEntry


def spans(matcher: TermMatcher, text: str) -> list[str]:
    return [text[m.start:m.end] for m in matcher.find(text)]


def test_chinese_prefers_the_longest_term_and_no_overlaps():
    m = TermMatcher([("打井", False, 1), ("打井项目", False, 2), ("项目", False, 3), ("津巴布韦", False, 4)], "zh")
    assert spans(m, "中国援津巴布韦打井项目今天开工，项目进展顺利") == ["津巴布韦", "打井项目", "项目"]


def test_japanese_substrings():
    m = TermMatcher([("人工知能", False, 1), ("知能", False, 2)], "ja")
    assert spans(m, "成都の人工知能計算センター") == ["人工知能"]


def test_latin_terms_need_word_boundaries():
    m = TermMatcher([("well", False, 1), ("pump", False, 2)], "en")
    assert spans(m, "Wellbeing, a well, pumpkin, the pump.") == ["well", "pump"]


def test_latin_term_inside_chinese_text_is_found():
    """`\\bfacebook\\b` misses 我用facebook: Chinese characters are word characters to `\\b`."""
    m = TermMatcher([("facebook", False, 1), ("#ZWBoreholes1000", False, 2)], "zh")
    assert spans(m, "我用facebook发布#ZWBoreholes1000话题") == ["facebook", "#ZWBoreholes1000"]


@pytest.mark.parametrize("text,expected", [
    ("Two boreholes were drilled", ["boreholes"]),
    ("The borehole's pump", ["borehole"]),
    ("Boreholes’ depth", ["Boreholes"]),
    ("BOREHOLE", ["BOREHOLE"]),
    ("boreholesque", []),
])
def test_english_inflections_and_case(text, expected):
    m = TermMatcher([("borehole", False, 1)], "en")
    assert spans(m, text) == expected


def test_case_sensitive_entries_match_only_their_case():
    m = TermMatcher([("WASH", True, 1)], "en")
    assert spans(m, "WASH committee; wash your hands") == ["WASH"]


def test_folding_keeps_positions():
    text = "İstanbul borehole"
    assert len(fold_case(text)) == len(text)
    m = TermMatcher([("borehole", False, 1)], "en")
    assert spans(m, text) == ["borehole"]


ENTRIES = [
    ("zh-CN", "en", GlossaryEntry("钻井", "borehole", "preferred", "Say borehole in Zimbabwe.")),
    ("zh-CN", "en", GlossaryEntry("钻井", "water well", "forbidden", "A well is hand-dug.")),
    ("zh-CN", "en", GlossaryEntry("同志", "colleague", "preferred", "")),
    ("zh-CN", "en", GlossaryEntry("同志", "comrade", "forbidden", "Reads as party-political.")),
    ("zh-CN", "en", GlossaryEntry("热烈庆祝", "warmly celebrate", "deprecated", "Literal.")),
    ("zh-CN", "en", GlossaryEntry("WhatsApp", "", "preferred", "Brand.", dnt=True)),
    ("en", "sn", GlossaryEntry("borehole", "bhodhoro", "forbidden", "Means bottle.")),
]


def hints(source: str, target: str, source_lang="zh-CN", target_lang="en"):
    return CompiledGlossary(ENTRIES, source_lang, target_lang).hints(source, target)


def test_term_missing_when_no_preferred_rendering_is_used():
    found = hints("我们打了12眼钻井。", "We dug 12 water wells.")
    (term,) = found.terms
    assert (term.term, term.expected, term.found) == ("钻井", ("borehole",), None)
    assert [c.id for c in found.checks] == ["term-missing", "forbidden-term"]
    forbidden = found.checks[1]
    assert forbidden.severity == "error" and "'borehole'" in forbidden.message
    span = forbidden.spans[0]
    assert "We dug 12 water wells."[span.start:span.end] == "water wells"


def test_preferred_rendering_passes():
    found = hints("我们打了12眼钻井。", "We drilled 12 boreholes.")
    assert found.terms[0].found == "borehole" and found.checks == ()


def test_deprecated_is_a_warning_and_notes_are_given():
    found = hints("热烈庆祝移交仪式", "We warmly celebrate the handover")
    assert [(c.id, c.severity) for c in found.checks] == [("forbidden-term", "warning")]
    assert found.terms[0].notes == ("Literal.",)


def test_do_not_translate_term_must_stay():
    assert hints("请在WhatsApp上联系我们", "Contact us on WhatsApp").checks == ()
    assert [c.id for c in hints("请在WhatsApp上联系我们", "Contact us on the app").checks] == ["term-missing"]


def test_forbidden_rendering_found_from_any_glossary_into_the_target_language():
    """A Chinese->Shona post still gets the English->Shona glossary's warning on its draft."""
    found = hints("我们打了钻井", "Takachera bhodhoro", target_lang="sn")
    assert [(c.id, c.spans[0].text) for c in found.checks] == [("forbidden-term", "target")]


def test_a_missing_term_used_twice_is_one_finding_with_both_places():
    found = hints("钻井和钻井", "two wells")
    (check,) = [c for c in found.checks if c.id == "term-missing"]
    assert [(s.start, s.end) for s in check.spans] == [(0, 2), (3, 5)]


# --- inflections (snowballstemmer), compounds, Shona and Ndebele prefixes (issue 12) ------------
@pytest.mark.parametrize("lang,term,text,expected", [
    ("en", "donate", "The team donated desks.", ["donated"]),
    ("en", "testing", "water quality tests", ["tests"]),
    ("en", "water quality testing", "the water quality tests at Chivi", ["water quality tests"]),
    ("en", "handover ceremony", "three handover ceremonies", ["handover ceremonies"]),
    ("en", "drilling rig", "a day in drill-rig training", ["drill-rig"]),
    ("fr", "investissement", "invitées à investir à Chengdu", ["investir"]),
    ("de", "Bohrloch", "8 Bohrlöcher fertiggestellt", ["Bohrlöcher"]),
    ("de", "Investition", "die Investitionsmesse", ["Investitionsmesse"]),
    ("de", "Investition", "Auslandsinvestitionen von 1,5 Mrd.", ["Auslandsinvestitionen"]),
    ("de", "Projekt", "ein Projektil", []),
    ("pt", "comunidade", "seis comunidades", ["comunidades"]),
])
def test_latin_inflections_through_the_stemmer(lang, term, text, expected):
    """Before: the hand-written suffix lists knew "-s", not "donated" or "tests"."""
    assert spans(TermMatcher([(term, False, 1)], lang), text) == expected


def test_a_case_sensitive_term_keeps_its_case_when_inflected():
    m = TermMatcher([("Chief", True, 1)], "en")
    assert spans(m, "Chiefs Chida and Mhandara; the chief's") == ["Chiefs"]


@pytest.mark.parametrize("lang,term,text,expected", [
    ("sn", "chibhorani", "vaimba pachibhorani chitsva", ["pachibhorani"]),
    ("sn", "chibhorani", "Zvibhorani 12 zvemuChivi", ["Zvibhorani"]),
    ("sn", "chibhorani", "padyo nechibhorani", ["nechibhorani"]),
    ("sn", "varombo", "China yapa chipo kuvarombo vekuBuhera", ["kuvarombo"]),
    ("sn", "varombo", "kumhuri dzevarombo", ["dzevarombo"]),
    ("sn", "varombo", "Zvirombo zvesango zvakaparadza pombi", []),  # wild animals, not the poor
    ("sn", "tsime", "chachera matsime 6 matsva", ["matsime"]),
    ("sn", "nharaunda", "zvatambidzwa kunharaunda", ["kunharaunda"]),
    ("sn", "muchengeti wepombi", "Tinotenda vachengeti vemapombi", ["vachengeti vemapombi"]),
    ("sn", "sabhuku", "Ishe vakatenda nemasabhuku", ["nemasabhuku"]),
    ("nd", "iborehole", "Amaborehole ayi-10; i-borehole eTsholotsho", ["Amaborehole", "i-borehole"]),
    ("nd", "umphakathi", "asefika emphakathini; uncedo lomphakathi", ["emphakathini", "lomphakathi"]),
    ("nd", "amanzi", "ikomiti lamanzi", ["lamanzi"]),
    ("nd", "isikolo", "abantwana besikolo", ["besikolo"]),
    ("nd", "umgodi", "Isigodi saseGwanda; amanzi emgodini", ["emgodini"]),  # isigodi: a district
    ("nd", "chibhorani", "babuthene pachibhorani", ["pachibhorani"]),  # Shona, with its prefix
])
def test_shona_and_ndebele_prefixes_from_the_language_data(lang, term, text, expected):
    """Before: `pachibhorani`, `kuvarombo` and `matsime` were not found."""
    assert spans(TermMatcher([(term, False, 1)], lang), text) == expected


def test_a_case_sensitive_prefixed_word_is_split_where_its_capital_is():
    m = TermMatcher([("iNkosi", True, 1), ("Ishe", True, 2)], "nd")
    assert spans(m, "Siyabonga iNkosi; yiNkosi; inkosi") == ["iNkosi", "yiNkosi"]
    assert spans(TermMatcher([("Ishe", True, 1)], "sn"), "VaIshe Mhandara; ishe") == ["VaIshe"]


def test_a_prefix_rendering_is_found_fused_to_the_name():
    m = TermMatcher([("Va", True, 1, True)], "sn")
    assert spans(m, "VaMoyo vakati") == ["Va"]


SHONA = [
    ("en", "sn", GlossaryEntry("water", "mvura", "preferred", "")),
    ("en", "sn", GlossaryEntry("safe drinking water", "mvura yakachena", "preferred", "")),
    ("en", "sn", GlossaryEntry("school", "chikoro", "preferred", "")),
    ("en", "sn", GlossaryEntry("the poor", "varombo", "forbidden", "Labels people as poor.")),
]


def test_a_rendering_inside_a_longer_one_counts_as_used():
    """Before: 'water' -> mvura was missing when the text said only 'mvura yakachena'."""
    found = CompiledGlossary(SHONA, "en", "sn").hints(
        "Water for Chivi: safe drinking water at the school.",
        "Mvura yakachena pachikoro cheChivi.")
    assert found.checks == ()
    assert {t.term: t.found for t in found.terms} == {
        "water": "mvura", "safe drinking water": "mvura yakachena", "school": "chikoro"}


def test_a_forbidden_rendering_with_a_prefix_is_named_as_written():
    found = CompiledGlossary(SHONA, "zh-CN", "sn").hints("项目组为学校捐赠了饮水设施。",
                                                         "China yapa chipo kuvarombo vekuBuhera.")
    [check] = found.checks
    assert check.id == "forbidden-term" and check.severity == "error"
    assert "'kuvarombo (varombo)' is a forbidden rendering" in check.message
    assert dict(check.params)["text"] == "kuvarombo (varombo)"


def test_a_term_inside_an_amount_is_for_the_number_checks():
    """Before: "15亿 -> 1.5 billion" said the glossary's 亿 ("hundred million") was missing."""
    entries = [("zh-CN", "en", GlossaryEntry("亿", "hundred million", "allowed", "Check every conversion."))]
    glossary = CompiledGlossary(entries, "zh-CN", "en")
    assert glossary.hints("外资15亿美元", "US$1.5 billion").checks == ()
    assert [c.id for c in glossary.hints("几亿人", "hundreds of millions").checks] == ["term-missing"]
