"""X's weighted length against an independent count written from X's documented rules.

The text is generated from pieces whose kind is known (a word, a URL, an emoji), so the
reference needs no URL or emoji parser of its own: per twitter-text v3 (developer.x.com,
"Counting characters"), after NFC every URL counts 23, every emoji sequence 2, and every
other code point 1 when it lies in U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F or
U+2032-U+2037, else 2."""
from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from review.hints.length import weighted_length
from tests.fuzz.settings import fuzz

LIGHT = [(0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037)]
# Letters of the scripts in play, and punctuation of both weights; no ".", ":", "/", "@", "#"
# (they would make a word look like a URL, a mention or a hashtag) and no combining marks
# (they would join the next piece).
WORD_CHARS = st.one_of(
    st.characters(min_codepoint=0x41, max_codepoint=0x5A),  # A-Z
    st.characters(min_codepoint=0x61, max_codepoint=0x7A),  # a-z
    st.characters(min_codepoint=0x30, max_codepoint=0x39),  # digits
    st.sampled_from(list(",!?'()-_;\"&%")),
    st.sampled_from(list("éçñøßÆ")),  # Latin-1 letters
    st.characters(min_codepoint=0x3B1, max_codepoint=0x3C9),  # Greek
    st.characters(min_codepoint=0x410, max_codepoint=0x44F),  # Cyrillic
    st.characters(min_codepoint=0x620, max_codepoint=0x63F),  # Arabic letters
    st.characters(min_codepoint=0x2010, max_codepoint=0x201F),  # dashes, quotes: weight 1
    st.characters(min_codepoint=0x2032, max_codepoint=0x2037),  # primes: weight 1
    st.characters(min_codepoint=0x2020, max_codepoint=0x2027),  # daggers, ellipsis: weight 2
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),  # CJK ideographs
    st.characters(min_codepoint=0x3041, max_codepoint=0x3096),  # hiragana
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),  # Hangul syllables
    st.characters(min_codepoint=0xFF10, max_codepoint=0xFF19),  # full-width digits
)
WORDS = st.text(WORD_CHARS, min_size=1, max_size=12)

EMOJI = ["😀", "🎉", "👍🏾", "👨\u200d👩\u200d👧\u200d👦", "🇿🇼", "🇨🇳", "1\ufe0f\u20e3",
         "\u2764\ufe0f", "🏳\ufe0f\u200d🌈", "🧑\u200d💻", "💧", "🚰"]

LABEL = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"), min_size=1, max_size=8)
TLDS = st.sampled_from(["com", "org", "net", "io", "africa", "co.zw", "cn", "org.zw", "ngo"])
PATH = st.text(st.sampled_from("abcXYZ019-_/"), max_size=20).map(lambda p: "/" + p if p else "")
URLS = st.builds(lambda scheme, www, labels, tld, path: f"{scheme}{www}{'.'.join(labels)}.{tld}{path}",
                 st.sampled_from(["https://", "http://", ""]), st.sampled_from(["", "www."]),
                 st.lists(LABEL, min_size=1, max_size=3), TLDS, PATH)

PIECES = st.lists(st.one_of(WORDS.map(lambda w: ("word", w)), URLS.map(lambda u: ("url", u)),
                            st.sampled_from(EMOJI).map(lambda e: ("emoji", e))),
                  min_size=1, max_size=25)


def _is_cjk(char: str) -> bool:
    return 0x4E00 <= ord(char) <= 0x9FA5


def reference_weight(pieces: list[tuple[str, str]], separators: list[str]) -> int:
    total = sum(len(s) for s in separators)
    for kind, text in pieces:
        if kind == "url":
            total += 23
        elif kind == "emoji":
            total += 2
        else:
            total += sum(1 if any(lo <= ord(c) <= hi for lo, hi in LIGHT) else 2
                         for c in unicodedata.normalize("NFC", text))
    return total


@fuzz(300)
@given(pieces=PIECES, glue=st.lists(st.booleans(), max_size=25))
def test_weighted_length_matches_the_documented_rules(pieces, glue):
    # Pieces of different kinds may touch ("水🎉", "ok👍🏾"); a URL only touches Chinese
    # ("访问example.org了解"), which can neither start nor continue a URL.
    separators = []
    for i in range(len(pieces) - 1):
        (kind, text), (next_kind, next_text) = pieces[i], pieces[i + 1]
        touching = i < len(glue) and glue[i] and kind != next_kind
        if "url" in (kind, next_kind):
            other = text if next_kind == "url" else next_text
            touching = touching and all(_is_cjk(c) for c in other)
        separators.append("" if touching else " ")
    text = pieces[0][1] + "".join(s + p[1] for s, p in zip(separators, pieces[1:]))
    assert weighted_length(text) == reference_weight(pieces, separators), text
