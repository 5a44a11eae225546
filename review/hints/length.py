"""Post length counted the way each platform counts it.

X counts with the twitter-text v3 rules ("weighted length"): the text is NFC-normalised;
every URL counts 23 whatever its length; code points in U+0000-U+10FF, U+2000-U+200D,
U+2010-U+201F and U+2032-U+2037 count 1, every other code point counts 2 (so Chinese,
Japanese and Korean count 2 a character); an emoji sequence (ZWJ family, skin tone, flag,
keycap) counts 2 as a whole. The other platforms count code points after NFC.

Emoji sequences are found as extended grapheme clusters (Unicode UAX #29, which joins ZWJ
sequences, modifiers, variation selectors, keycaps and flag pairs) using
`unicode_segmentation_rs`, Weblate's binding of the Rust unicode-segmentation crate that
translate-toolkit already requires. A cluster of several code points counts 2 when it holds
an emoji component (see `_is_emoji_cluster`); any other cluster is counted code point by
code point, so Indic conjuncts or combining marks keep twitter-text's per-code-point weight.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import unicode_segmentation_rs

X_URL_WEIGHT = 23
X_EMOJI_WEIGHT = 2

# Sources of each limit are listed in docs/hints-language-and-checks.md.
PLATFORM_LIMITS: dict[str, int | None] = {
    "x": 280,  # weighted length, twitter-text v3 (maxWeightedTweetLength 280)
    "facebook": 63_206,  # characters in a Facebook post
    "linkedin": 3_000,  # characters in a LinkedIn post (commentary)
    "youtube": 5_000,  # a post goes out as a video description; titles are "youtube-title"
    "youtube-title": 100,
    "other": None,  # no known limit: counted, never flagged
}

# Code point ranges that weigh 1 in twitter-text v3; everything else weighs 2.
_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))

# --- URLs, after twitter-text's extractor (simplified; see the doc for what differs) ---------
# A domain is a link when its last label is one of twitter-text's TLDs (1,500 generic and
# country ones, "中国" and "한국" included), taken from twitter-text-parser, its Python port: a
# list of 70 of them missed "photos.google" and counted "http://unicef" as a link.
# A host label: 1-63 characters that are not space or punctuation (unicode hosts such as
# "☃.net" are links too); "-" and "_" are allowed inside but not at either end.
_EDGE = r"[^\s!-/:-@\[-`{-~\u3000-\u303F\uFF01-\uFF20]"
_INNER = r"[^\s!-,./:-@\[-^`{-~\u3000-\u303F\uFF01-\uFF20]"
_LABEL = rf"(?:{_EDGE}(?:{_INNER}{{0,61}}{_EDGE})?)"
_ASCII_LABEL = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
_PATH_CHARS = r"[A-Za-z0-9\u00C0-\u024F\u0400-\u04FF!*';:=+,.$/%#\[\]\-\u2013_~|&@()?]"


@functools.cache
def _url_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(with scheme, without): built on first use (twitter-text-parser loads in 0.15 s)."""
    from twitter_text.regexp.valid_cctld import valid_cctld
    from twitter_text.regexp.valid_gtld import valid_gtld

    # the last label: a known TLD or punycode, so "example.org访问" ends at "org"
    top = rf"(?:{valid_gtld.pattern}|{valid_cctld.pattern}|xn--[A-Za-z0-9-]{{1,59}}(?![A-Za-z0-9-]))"
    with_scheme = re.compile(
        rf"(?i)(?<![A-Za-z0-9@$#＠＃])https?://(?:[\w.~!$&'*+,;=:%-]+@)?"  # scheme, user info
        rf"(?P<host>(?:{_LABEL}\.)+{top}(?::\d{{1,5}})?)"  # host, port
        rf"(?:[/?#]{_PATH_CHARS}*)?")  # path, query, fragment
    without_scheme = re.compile(
        rf"(?i)(?<![A-Za-z0-9@$#＠＃.\-_/])(?P<host>(?:{_ASCII_LABEL}\.)+"
        rf"(?:{valid_gtld.pattern}|{valid_cctld.pattern}))"
        rf"(?![A-Za-z0-9@-])(?:/{_PATH_CHARS}*)?")
    return with_scheme, without_scheme
# A URL may not end in punctuation that usually closes the sentence around it.
_URL_END = re.compile(r"[A-Za-z0-9\u00C0-\u024F\u0400-\u04FF=_#/+\-]")


def find_urls(text: str) -> list[tuple[int, int]]:
    """[start, end) of every URL in `text`, with or without http(s)://, in text order."""
    return list(_url_spans(text))


# The checks of one post ask for the URLs and emoji of the same text three times (the kept
# items, the X length, the language's letters): remembered for the last few texts (a post
# has two or three; 32 bound the memory a 100,000-character text can hold).
@functools.lru_cache(maxsize=32)
def _url_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    if "." not in text:  # no domain, no link
        return ()
    for pattern in _url_patterns():
        for match in pattern.finditer(text):
            # trailing punctuation leaves the path, never the host ("http://例子.中国")
            start, end = match.start(), _trim_url_end(text, match.end("host"), match.end())
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
    return tuple(sorted(spans))


# twitter-text (its JavaScript, X's own) reads the letters glued before a domain without a
# scheme as part of its first label: "…饮用水标准。详情：example.org" is one domain to it, and
# when that label, punycoded, is longer than DNS allows (63), it links nothing there at all.
# X then counts the address as text; a reader still sees a link (the checks ask find_urls).
_NOT_IN_DOMAIN = re.compile(r"[\s!-,./:-@\[-^`{-~\u202A-\u202E\u061C\u200E\u200F\u2066-\u2069"
                            r"\uFEFF\uFFFE\uFFFF]")
_LABEL_STOPS = re.compile("[.\u3002\uFF0E\uFF61]")


_BEFORE_A_URL = re.compile("[^A-Za-z0-9@\uFF20$#\uFF03\u202A-\u202E]")


def _glued_label_too_long(text: str, start: int) -> bool:
    glued = start
    while glued > 0 and not _NOT_IN_DOMAIN.match(text[glued - 1]):
        glued -= 1
    # where twitter-text's domain begins: after a character that may precede a URL, which its
    # pattern takes from the run itself when nothing before the run may (or at the text's start)
    if glued == 0 and _BEFORE_A_URL.match(text[0]):
        glued = 1
    while 0 < glued < start and not _BEFORE_A_URL.match(text[glued - 1]):
        glued += 1
    if glued >= start:
        return False
    label = text[glued:start] + text[start:].split(".", 1)[0]
    parts = [p if p.isascii() else "xn--" + p.encode("punycode").decode("ascii")
             for p in _LABEL_STOPS.split(label)]
    return not 1 <= len(".".join(parts)) <= 63


def _trim_url_end(text: str, start: int, end: int) -> int:
    """Drop trailing punctuation (and an unbalanced ")") the way twitter-text does."""
    while end > start:
        last = text[end - 1]
        if last == ")" and text.count("(", start, end) >= text.count(")", start, end):
            return end
        if _URL_END.fullmatch(last):
            return end
        end -= 1
    return end


# --- Emoji sequences --------------------------------------------------------------------
# The segmenter decides where a cluster ends; these tables only tell an emoji cluster from a
# text cluster. A lone code point is an emoji in the emoji blocks (a bare (c), (TM) or arrow
# is text); a longer cluster is one when it starts with such a code point or holds an emoji
# component (so "(c)" + VS16 and "1" + VS16 + keycap are emoji, an Indic conjunct is not).
_LONE_EMOJI_RANGES = (
    (0x231A, 0x23FF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x3030, 0x3030), (0x303D, 0x303D),
    (0x3297, 0x3297), (0x3299, 0x3299), (0x1F000, 0x1FAFF), (0x1FC00, 0x1FFFD),
)
_EMOJI_COMPONENTS = (
    (0x20E3, 0x20E3),  # combining enclosing keycap
    (0xFE0F, 0xFE0F),  # variation selector 16: emoji presentation
    (0x1F1E6, 0x1F1FF),  # regional indicators (flags)
    (0x1F3FB, 0x1F3FF),  # skin tone modifiers
    (0xE0020, 0xE007F),  # tags (subdivision flags)
)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in ranges)


# Regexes rather than loops over the range tables: checks run over whole batches.
_HEAVY = re.compile(f"[^{_char_class(_LIGHT_RANGES)}]")
_LONE_EMOJI = re.compile(f"[{_char_class(_LONE_EMOJI_RANGES)}]")
_EMOJI_COMPONENT = re.compile(f"[{_char_class(_EMOJI_COMPONENTS)}]")
_EMOJI_PART = re.compile(f"[{_char_class(_LONE_EMOJI_RANGES + _EMOJI_COMPONENTS)}]")


def _is_emoji_cluster(cluster: str) -> bool:
    """True for a grapheme cluster that is one emoji (a single pictograph or a sequence)."""
    if _LONE_EMOJI.match(cluster):
        return True
    return len(cluster) > 1 and _EMOJI_COMPONENT.search(cluster) is not None


_TOKEN = re.compile(r"\S+")


def find_emoji(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sequence) of every emoji sequence in `text`, in text order."""
    return list(_emoji_sequences(text)) if _EMOJI_PART.search(text) else []


@functools.lru_cache(maxsize=32)  # see _url_spans
def _emoji_sequences(text: str) -> tuple[tuple[int, int, str], ...]:
    found = []
    # Only the space-separated tokens that hold an emoji part are segmented: a cluster never
    # spans a space in practice, and checks run over whole batches.
    for token in _TOKEN.finditer(text):
        if _EMOJI_PART.search(token.group()):
            base = token.start()
            found += [(base + start, base + start + len(cluster), cluster)
                      for start, cluster in _graphemes(token.group())
                      if _is_emoji_cluster(cluster)]
    return tuple(found)


def _graphemes(text: str) -> list[tuple[int, str]]:
    """(code point offset, cluster) of each extended grapheme cluster of `text`."""
    if len(text) == 1:  # one code point is one cluster (most emoji tokens: "💧"); no segmenter
        return [(0, text)]
    out, offset = [], 0
    for cluster in unicode_segmentation_rs.graphemes(text, True):
        out.append((offset, cluster))
        offset += len(cluster)
    return out


# --- Counting -----------------------------------------------------------------------------
def _code_point_weight(text: str) -> int:
    return len(text) + len(_HEAVY.findall(text))  # 1 each, plus 1 more for each heavy one


def _weigh_plain(text: str) -> int:
    """Weighted length of text that holds no URL: emoji sequences 2, other code points 1 or 2
    (a bare (c) or (R) is text to twitter-text's JavaScript, 1; with VS16 an emoji, 2)."""
    total = _code_point_weight(text)
    for _, _, sequence in find_emoji(text):
        total += X_EMOJI_WEIGHT - _code_point_weight(sequence)
    return total


def x_urls(text: str) -> list[tuple[int, int]]:
    """The URLs X links (and counts 23): find_urls' but an address glued to a long label."""
    return [(start, end) for start, end in find_urls(text)
            if text.startswith(("http://", "https://"), start)
            or not _glued_label_too_long(text, start)]


def weighted_length(text: str) -> int:
    """Length of `text` as X counts it (twitter-text v3 weighting)."""
    text = unicodedata.normalize("NFC", text)
    total, position = 0, 0
    for start, end in x_urls(text):
        total += _weigh_plain(text[position:start]) + X_URL_WEIGHT
        position = end
    return total + _weigh_plain(text[position:])


def plain_length(text: str) -> int:
    """Code points after NFC: how Facebook, LinkedIn and YouTube count their limits."""
    return len(unicodedata.normalize("NFC", text))


def length_info(platform: str, text: str) -> dict:
    """{"platform", "count", "limit"} for `text` on `platform` (limit None when unknown)."""
    key = platform if platform in PLATFORM_LIMITS else "other"
    count = weighted_length(text) if key == "x" else plain_length(text)
    return {"platform": platform, "count": count, "limit": PLATFORM_LIMITS[key]}
