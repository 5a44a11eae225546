"""Language tags are checked and standardised by langcodes (BCP 47, the IANA registry)."""
from __future__ import annotations

import pytest

from review.languages import normalise_language


@pytest.mark.parametrize("tag, expected", [
    ("zh_cn", "zh-CN"), ("ZH-cn", "zh-CN"), ("EN", "en"), ("zh-hans", "zh-Hans"),
    ("pt-br", "pt-BR"), ("es-419", "es-419"), (" sn ", "sn"), ("nd", "nd"), ("eng", "en"),
    ("zh-hant-tw", "zh-Hant-TW"), ("sr_latn_rs", "sr-Latn-RS"), ("de-ch-1901", "de-CH-1901"),
    ("ca-ES-VALENCIA", "ca-ES-valencia"),
    # langcodes puts variants in alphabetical order (RFC 5646 keeps the writer's order)
    ("sl-rozaj-biske", "sl-biske-rozaj"),
    # deprecated codes become the standard ones, so "in" and "id" are one language
    ("iw", "he"), ("in", "id"), ("ji", "yi"), ("tl", "fil"), ("mo", "ro"), ("in-ID", "id-ID"),
    # private use and grandfathered tags are valid BCP 47
    ("x-private", "x-private"), ("en-x-hq", "en-x-hq"), ("qaa", "qaa"),
    ("i-klingon", "tlh"), ("zh-min-nan", "nan"), ("zh-yue", "yue"), ("art-lojban", "jbo"),
])
def test_normalises_case_and_separators(tag, expected):
    assert normalise_language(tag) == expected


@pytest.mark.parametrize("tag", [
    "", "   ", "english", "e n", "e", "12", "en-", "-en", "en--us", "xx", "en-abcdefgh",
    "en-USA1", "中文", "en_US.UTF-8", "en\nUS", "a" * 100,
])
def test_refuses_what_is_not_a_tag(tag):
    with pytest.raises(ValueError) as caught:
        normalise_language(tag)
    message = str(caught.value)
    assert "use a code such as en, zh-CN" in message
    assert "\n" not in message and len(message) < 160


def test_message_names_the_bad_tag():
    with pytest.raises(ValueError, match=r"'english' is not a language code; use a code such as"):
        normalise_language("english")
    with pytest.raises(ValueError, match=r"^no language given"):
        normalise_language("")
