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
