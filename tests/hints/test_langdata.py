"""The language data files (glossaries/languages/*.json): every one loads, and a broken one is
refused by name, saying what is wrong."""
from __future__ import annotations

import pytest

from review.hints import langdata
from review.hints.langdata import LanguageDataError, all_language_data, language_data


def test_every_shipped_file_loads_with_what_the_checks_need():
    every = {d.code: d for d in all_language_data()}
    assert set(every) >= {"en", "fr", "de", "pt", "zh", "ja", "ko", "sn", "nd"}
    for code in ("en", "fr", "de", "pt"):
        assert every[code].stemmer and len(every[code].months) == 12, code
    for code in ("sn", "nd"):
        prefixes = every[code].prefixes
        assert prefixes and prefixes.noun_classes and prefixes.before_noun, code
    assert every["fr"].decimal == "," and every["de"].decimal == "," and every["en"].decimal == "."
    assert every["zh"].scales["亿"] == 1e8 and every["ko"].scales["억"] == 1e8


def test_shona_and_ndebele_lists_join_what_each_other_lists():
    """A Ndebele post may hold a Shona word with its Shona prefix (pachibhorani)."""
    assert "pa" in language_data("nd").prefixes.before_noun
    assert {"chi", "zvi"} <= language_data("nd").prefixes.class_forms("chi")


def test_a_language_without_a_file_gets_the_plain_defaults():
    data = language_data("tn-ZA")
    assert (data.stemmer, data.prefixes, data.decimal, data.months) == (None, None, ".", ())


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(langdata, "_path", lambda code: tmp_path / f"{code}.json")
    langdata.language_data.cache_clear()
    yield tmp_path
    langdata.language_data.cache_clear()


@pytest.mark.parametrize("content,says", [
    ("{not json", "cannot be read"),
    ("[1, 2]", "must hold a JSON object"),
    ('{"name": "Shona", "dates": {"months": [["ndira"]]}}', "'months' must list 12 months"),
    ('{"numbers": {}}', "'name'"),
])
def test_a_broken_file_is_refused_by_name(data_folder, content, says):
    (data_folder / "sn.json").write_text(content, encoding="utf-8")
    with pytest.raises(LanguageDataError) as refused:
        language_data("sn")
    assert "sn.json" in str(refused.value) and says in str(refused.value)
