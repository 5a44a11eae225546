"""Automatic quality checks of a draft or rewrite against its source (and HQ's draft).

Two kinds of check, each result with a stable id:

- translate-toolkit's pair checks (`translate.filters.checks.StandardChecker`) for what they
  already do well: e-mail addresses, printf and {brace} placeholders, brackets, double spaces,
  line breaks and end punctuation ("tt-" + the translate-toolkit test name). It reports no
  positions, so the spans are found here. Its checks that are noisy between scripts or
  meaningless for posts are not run (see docs/hints-language-and-checks.md for the list).
- checks social posts need: platform length, hashtags / @mentions / URLs / emoji kept,
  same-as-source, empty, leading or trailing whitespace; numbers, amounts, dates and times
  compared by what they mean (`review/hints/number_checks.py`).

Items "kept" are looked for in the source and, when HQ's draft is given and differs from the
text being checked (a rewrite), in the draft too; a missing item's span points where it is.
Numbers and dates are compared with the source only: a rewrite that corrects HQ's number is
right, not missing HQ's number.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from review.hints import ERROR, INFO, WARNING, CheckResult, Span
from review.hints.langdata import language_data
from review.hints.language import primary_subtag, same_language
from review.formats import platform_name
from review.hints.fold_check import fold_check
from review.hints.length import find_emoji, find_urls, length_info, weighted_length
from review.hints.number_checks import Texts, kept_as_written, number_checks
from review.hints.numbers import covered
from review.formats.placeholders import (code_problems, code_tokens, expected_placeholders,
                                        placeholders_in, shown)

_CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})

# --- Finding the items of a post, with their spans -----------------------------------------
# Boundaries are ASCII on purpose: Chinese characters are \w to Python, and "欢迎#ZimWater" or
# "关注@ZimAid" must still yield the tag and the handle.
_HASHTAG = re.compile(r"(?<![A-Za-z0-9_&#＃])[#＃](\w+)")
_MENTION = re.compile(r"(?<![A-Za-z0-9_.@＠])[@＠]([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PLACEHOLDER = re.compile(r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[sdifuxXeEgGc@]|\{[^{}\s]*\}")
_CJK = re.compile(r"[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]")
_ANY_DIGIT = re.compile("[0-9０-９]")


def _hashtags(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key); a tag of digits only is not a hashtag (twitter-text's rule)."""
    return [(m.start(), m.end(), m.group(1).casefold()) for m in _HASHTAG.finditer(text)
            if not m.group(1).isdigit()]


def _mentions(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(1).casefold()) for m in _MENTION.finditer(text)]


def _url_key(url: str) -> str:
    """The same link written with or without scheme, "www." or a final "/" is one link."""
    bare = re.sub(r"(?i)^https?://", "", url).rstrip("/")
    host, slash, path = bare.partition("/")
    host = host.lower().removeprefix("www.")
    return host + slash + path


def _urls(text: str) -> list[tuple[int, int, str]]:
    return [(s, e, _url_key(text[s:e])) for s, e in find_urls(text)]


def _emoji(text: str) -> list[tuple[int, int, str]]:
    return [(s, e, seq.replace("\ufe0f", "")) for s, e, seq in find_emoji(text)]


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans whose digits belong to something else (a link, a tag, an address, a placeholder)."""
    spans = [(s, e) for kind in ("url-missing", "hashtag-missing", "mention-missing")
             for s, e, _ in _items(text, kind)]
    spans += [m.span() for m in _EMAIL.finditer(text)]
    spans += [m.span() for m in _PLACEHOLDER.finditer(text)]
    return spans


# --- "Kept" checks ------------------------------------------------------------------------------
_KEPT_CHECKS = (
    # id, finder, severity, what it is called in a message
    ("hashtag-missing", _hashtags, WARNING, "hashtag"),
    ("mention-missing", _mentions, WARNING, "@mention"),
    ("url-missing", _urls, ERROR, "link"),
    ("emoji-missing", _emoji, INFO, "emoji"),
)
NUMBER_CHECK_IDS = ("number-missing", "number-conversion", "number-format", "date-missing")


def _references(source_text: str, draft_text: str | None,
                target_text: str) -> list[tuple[str, str]]:
    """The texts whose items the target must keep: the source, and HQ's draft for a rewrite."""
    refs = [("source", source_text)]
    if draft_text is not None and draft_text != target_text:
        refs.append(("draft", draft_text))
    return refs


@functools.lru_cache(maxsize=512)
def _items(text: str, check_id: str) -> tuple[tuple[int, int, str], ...]:
    """The items of one kind in `text`; cached, as a draft is both a target and a reference."""
    finder = next(f for i, f, _, _ in _KEPT_CHECKS if i == check_id)
    return tuple(finder(text))


def _kept_checks(refs: list[tuple[str, str]], target_text: str,
                 target_lang: str) -> list[CheckResult]:
    results = []
    for check_id, _, severity, noun in _KEPT_CHECKS:
        present = {key for _, _, key in _items(target_text, check_id)}
        missing: dict[str, list[Span]] = {}
        for text_name, text in refs:
            for start, end, key in _items(text, check_id):
                if key in present or _expected_translated(check_id, text_name, text[start:end],
                                                          target_lang):
                    continue
                missing.setdefault(key, []).append(Span(text_name, start, end))
        for spans in missing.values():
            first = spans[0]
            shown = (refs[0][1] if first.text == "source" else refs[-1][1])[first.start:first.end]
            message = _missing_message(noun, shown, first.text)
            results.append(CheckResult(check_id, severity, message, tuple(spans),
                                       params=(("item", shown), ("origin", first.text))))
    return results


def _expected_translated(check_id: str, text_name: str, item: str, target_lang: str) -> bool:
    """A Chinese hashtag of the source is meant to be translated into a non-CJK target."""
    return (check_id == "hashtag-missing" and text_name == "source" and bool(_CJK.search(item))
            and primary_subtag(target_lang) not in _CJK_LANGUAGES)


def _missing_message(noun: str, item: str, where: str) -> str:
    origin = "the source" if where == "source" else "HQ's draft"
    return f"The {noun} {item} from {origin} is missing: keep it, or note why it was dropped."


# --- translate-toolkit checks ---------------------------------------------------------------------
# (translate-toolkit test, our id, severity, message for a person)
TT_CHECKS = (
    ("emails", "tt-emails", ERROR, "An e-mail address differs from the source: copy it exactly."),
    ("printf", "tt-printf", ERROR, "A placeholder such as %s or %d differs from the source."),
    ("pythonbraceformat", "tt-pythonbraceformat", ERROR,
     "A placeholder such as {name} differs from the source: keep it exactly, untranslated."),
    ("brackets", "tt-brackets", INFO, "The brackets do not match the source."),
    ("doublespacing", "tt-doublespacing", INFO, "Double spaces differ from the source."),
    ("newlines", "tt-newlines", INFO, "The line breaks differ from the source."),
    ("endpunc", "tt-endpunc", INFO, "The punctuation at the end differs from the source."),
)
_FULL_WIDTH_PUNCTUATION = str.maketrans("。！？，：；．", ".!?,:;.")
# str.translate walks the whole text even when there is nothing to replace (most targets): a
# search first is several times faster over a batch.
_ANY_FULL_WIDTH_PUNCTUATION = re.compile("[。！？，：；．]")
_TT_LOCATORS = {
    "emails": lambda text: [m.span() for m in _EMAIL.finditer(text)],
    "printf": lambda text: [m.span() for m in _PLACEHOLDER.finditer(text) if m.group()[0] == "%"],
    "pythonbraceformat": lambda text: [m.span() for m in _PLACEHOLDER.finditer(text)
                                       if m.group()[0] == "{"],
    "doublespacing": lambda text: [m.span() for m in re.finditer(r"(?<! ) {2,}", text)],
    "newlines": lambda text: [m.span() for m in re.finditer(r"\n", text)],
    "endpunc": lambda text: [(len(_sentence_end(text)) - 1, len(_sentence_end(text)))]
    if _sentence_end(text) else [],
}


@functools.lru_cache(maxsize=32)
def _tt_checker(target_lang: str):
    # Imported here: translate-toolkit's checks take ~0.2 s to import, which start-up skips.
    from translate.filters.checks import CheckerConfig, StandardChecker

    config = CheckerConfig(targetlanguage=primary_subtag(target_lang))
    return StandardChecker(checkerconfig=config)


def _writes_latin_punctuation(lang: str) -> bool:
    """Whether `lang` ends sentences with "." and "!" (English, French... and Korean) rather
    than "。" and "！" (Chinese, Japanese)."""
    return primary_subtag(lang) not in _CJK_LANGUAGES or language_data(lang).latin_punctuation


def _tt_input(test: str, text: str, target_lang: str) -> str:
    if test == "endpunc":
        text = _sentence_end(text).replace("……", "...").replace("…", "...")
        if _writes_latin_punctuation(target_lang):
            # translate-toolkit adapts the source's punctuation to the target language only
            # towards CJK; "。" at the end of a Chinese source would differ from an English ".".
            return _translated(text, _FULL_WIDTH_PUNCTUATION, _ANY_FULL_WIDTH_PUNCTUATION)
        return text
    if test == "emails":  # its pattern is \w-based: "关注@ZimAid" would be an address
        return _CJK.sub(" ", text)
    if test == "printf":  # "增长85%符合预期": a percent sign before a Chinese word is no %s
        return re.sub(r"%(?=[^\x00-\x7f])", "\uff05", text)
    return text


def _translated(text: str, table: dict[int, str], any_of_them: re.Pattern) -> str:
    return text.translate(table) if any_of_them.search(text) else text


# What closes a sentence's last words without being its punctuation: a post may end in tags,
# a link, emoji or a closing quote after the full stop ("…水。#WorldWaterDay", "“…life.”").
_CLOSING = "\"'”’“‘»«›‹」』）)】》〉]"
_SENTENCE_ENDS = ".!?。！？…"


@functools.lru_cache(maxsize=64)
def _sentence_end(text: str) -> str:
    """`text` up to the end of its last sentence: without the hashtags, @mentions, links,
    emoji, closing quotes and spaces that follow it, nor the colon that leads to them
    ("详情：https://…", "More: https://…")."""
    stripped = text.rstrip()
    if stripped and stripped[-1] in _SENTENCE_ENDS:  # most posts: nothing trails the full stop
        return stripped
    trailing = sorted([(s, e) for kind in ("url-missing", "hashtag-missing", "mention-missing",
                                           "emoji-missing") for s, e, _ in _items(text, kind)],
                      reverse=True)
    end, lead_in, next_item = len(text), "", 0
    while True:
        cut = len(text[:end].rstrip().rstrip(_CLOSING + lead_in).rstrip())
        while next_item < len(trailing) and trailing[next_item][0] >= cut:
            next_item += 1  # items after the cut are gone already (one pass over them in all)
        if next_item == len(trailing) or trailing[next_item][1] < cut:
            return text[:cut]
        end, lead_in = trailing[next_item][0], ":："


def _tt_checks(source_text: str, target_text: str, target_lang: str) -> list[CheckResult]:
    from translate.filters.checks import FilterFailure

    checker = _tt_checker(target_lang)
    results = []
    for test, check_id, severity, message in TT_CHECKS:
        if test == "brackets":
            results += _bracket_check(source_text, target_text, check_id, severity, message)
            continue
        if not _tt_may_fail(test, source_text, target_text):
            continue
        try:
            getattr(checker, test)(_tt_input(test, source_text, target_lang),
                                   _tt_input(test, target_text, target_lang))
        except FilterFailure as failure:
            detail = "; ".join(failure.messages)
            spans = _tt_spans(test, source_text, target_text)
            results.append(CheckResult(check_id, severity, f"{message} ({detail})", spans,
                                       params=(("detail", detail),)))
    return results


# What a translate-toolkit test compares cannot be there without one of these characters
# (its pattern needs it; `_tt_input` never adds one): with none in either text the test
# passes, so it is not run (most posts hold no e-mail, placeholder or line break; a test
# compares with running every test).
_TT_NEEDS = {"emails": "@", "printf": "%", "pythonbraceformat": "{", "newlines": "\n\r"}


def _tt_may_fail(test: str, source_text: str, target_text: str) -> bool:
    needs = _TT_NEEDS.get(test)
    return needs is None or any(ch in source_text or ch in target_text for ch in needs)


def _tt_spans(test: str, source_text: str, target_text: str) -> tuple[Span, ...]:
    """translate-toolkit says that a test failed, not where: point at the items it compares."""
    locate = _TT_LOCATORS[test]
    source_items = {source_text[s:e] for s, e in locate(source_text)}
    target_items = {target_text[s:e] for s, e in locate(target_text)}
    spans = [Span("target", s, e) for s, e in locate(target_text)
             if target_text[s:e] not in source_items or test == "endpunc"]
    spans += [Span("source", s, e) for s, e in locate(source_text)
              if source_text[s:e] not in target_items and test != "endpunc"]
    return tuple(spans)


# --- Brackets -------------------------------------------------------------------------------------
# translate-toolkit's `brackets` test counts ()[]{} and fails on any difference: on posts it
# failed when 【重要通知】 became "Important notice:" (【】 are marks of Chinese headings and
# titles, like 《》「」『』: they become [], quotes, a colon or nothing) and when a translation
# explains an acronym in brackets of its own. Here full-width brackets are their Latin
# counterparts, CJK marks pair with nothing in particular, and only two things are findings:
# the text's brackets do not pair up, or a bracketed part of the source lost its brackets.
_BRACKET_KINDS = {"(": ("(", ")"), "（": ("(", ")"), ")": (")", ")"), "）": (")", ")"),
                  "[": ("[", "]"), "［": ("[", "]"), "]": ("]", "]"), "］": ("]", "]"),
                  "{": ("{", "}"), "｛": ("{", "}"), "}": ("}", "}"), "｝": ("}", "}")}
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"))


def _brackets_of(text: str) -> list[tuple[int, str]]:
    """(position, "(" / ")" / "[" ...) of every bracket outside placeholders and links."""
    skip = covered(len(text), [m.span() for m in _PLACEHOLDER.finditer(text)] + list(find_urls(text)))
    return [(m.start(), _BRACKET_KINDS[m.group()][0]) for m in _ANY_BRACKET.finditer(text)
            if not skip[m.start()]]


def _pairs_and_strays(brackets: list[tuple[int, str]]) -> tuple[dict[str, int], list[int]]:
    """How many pairs of each kind, and where the brackets that close or open nothing are."""
    pairs, strays = {o: 0 for o, _ in _PAIRS}, []
    for opening, closing in _PAIRS:
        open_at: list[int] = []
        for position, mark in brackets:
            if mark == opening:
                open_at.append(position)
            elif mark == closing and open_at:
                open_at.pop()
                pairs[opening] += 1
            elif mark == closing:
                strays.append(position)
        strays += open_at
    return pairs, sorted(strays)


def _bracket_check(source_text: str, target_text: str, check_id: str, severity: str,
                   message: str) -> list[CheckResult]:
    if not (_ANY_BRACKET.search(source_text) or _ANY_BRACKET.search(target_text)):
        return []
    source_pairs, _ = _pairs_and_strays(_brackets_of(source_text))
    target_brackets = _brackets_of(target_text)
    target_pairs, strays = _pairs_and_strays(target_brackets)
    lost = [(o, c) for o, c in _PAIRS if target_pairs[o] < source_pairs[o]]
    if not strays and not lost:
        return []
    details = [f"'{target_text[i]}' without its pair" for i in strays]
    details += [f"Missing '{o}', '{c}'" for o, c in lost]
    detail = "; ".join(details)
    spans = [Span("target", i, i + 1) for i in strays]
    spans += [Span("source", i, i + 1) for i, mark in _brackets_of(source_text)
              if any(mark in pair for pair in lost)]
    return [CheckResult(check_id, severity, f"{message} ({detail})", tuple(spans),
                        params=(("detail", detail),))]


_ANY_BRACKET = re.compile("[" + re.escape("".join(_BRACKET_KINDS)) + "]")


# --- Whole-text checks ----------------------------------------------------------------------------
def _length_check(platform: str, target_text: str, codes: dict | None = None) -> list[CheckResult]:
    published = shown(target_text, codes)  # an inline code counts as what it stands for
    info = length_info(platform, published)
    if info["limit"] is None or info["count"] <= info["limit"]:
        return []
    how = " (X counts CJK characters and emoji 2 and every link 23)" if info["platform"] == "x" \
        else ""
    name = platform_name(platform)
    message = (f"Too long for {name}: {info['count']} of {info['limit']} characters{how}. "
               f"Shorten it by {info['count'] - info['limit']}.")
    start = min(_overflow_start(platform, published, info["limit"]), len(target_text) - 1)
    return [CheckResult("length", ERROR, message, (Span("target", start, len(target_text)),),
                        template="length-x" if info["platform"] == "x" else "length",
                        params=(("platform", name), ("count", info["count"]),
                                ("limit", info["limit"]), ("over", info["count"] - info["limit"])))]


def _overflow_start(platform: str, text: str, limit: int) -> int:
    """Where the text goes past the limit: the longest prefix that still fits."""
    if platform != "x":
        return min(limit, len(text)) if unicodedata.is_normalized("NFC", text) else 0
    low, high = 0, len(text)
    while low < high:  # weighted length grows with the prefix, so bisect
        middle = (low + high + 1) // 2
        if weighted_length(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def _whitespace_check(target_text: str) -> list[CheckResult]:
    lead = len(target_text) - len(target_text.lstrip())
    trail = len(target_text) - len(target_text.rstrip())
    if not lead and not trail:
        return []
    spans = ([Span("target", 0, lead)] if lead else []) + \
        ([Span("target", len(target_text) - trail, len(target_text))] if trail else [])
    return [CheckResult("leading-trailing-whitespace", WARNING,
                        "The text starts or ends with spaces or blank lines: remove them.",
                        tuple(spans))]


def _same_as_source_check(source_text: str, target_text: str, source_lang: str,
                          target_lang: str) -> list[CheckResult]:
    if same_language(target_lang, source_lang):
        return []  # a post in the source's own language may rightly repeat it
    if " ".join(source_text.split()) != " ".join(target_text.split()):
        return []
    if not any(ch.isalpha() for ch in _without_items(target_text)):
        return []  # only links, tags or numbers: nothing to translate
    return [CheckResult("same-as-source", ERROR,
                        "The text is the same as the source: it has not been translated.",
                        (Span("target", 0, len(target_text)),))]


def _without_items(text: str) -> str:
    for start, end in sorted(_protected(text), reverse=True):
        text = text[:start] + text[end:]
    return text


def placeholder_check(source_text: str, draft_text: str | None, target_text: str,
                      codes: dict | None) -> list[CheckResult]:
    """Inline codes (placeholders) missing from the text, added to it, or there twice. The text
    must hold the codes of HQ's draft when the draft holds any (a CAT file's target may number
    its codes differently from its source), else those of the source."""
    if not codes:
        return []
    expected = expected_placeholders(source_text, draft_text, codes)
    reference = draft_text if draft_text and placeholders_in(draft_text, codes) else source_text
    found = code_problems(target_text, expected, codes)
    if not any(found.values()):
        return []
    tokens = code_tokens(codes)  # named as the review pane draws them: "<2/> {{ list }}"
    names = {kind: ", ".join(f"{tokens[c].text} {codes[c]['label']}" if c in tokens
                             else codes[c]["label"] for c in chars) or "-"
             for kind, chars in found.items()}
    spans = [Span("target", i, i + 1) for i, ch in enumerate(target_text)
             if ch in found["added"] or ch in found["duplicated"]]
    where = "source" if reference is source_text else "draft"
    spans += [Span(where, i, i + 1) for i, ch in enumerate(reference) if ch in found["missing"]]
    return [CheckResult("placeholders", ERROR, PLACEHOLDERS_MESSAGE.format(**names), tuple(spans),
                        params=tuple(names.items()))]


PLACEHOLDERS_MESSAGE = ("The inline codes differ from HQ's file (missing: {missing}; added: "
                        "{added}; repeated: {duplicated}): keep each code once, so the CAT tool "
                        "gets its formatting back.")


# Every id run_checks can produce; ids are stable (dismissals and reports refer to them).
CHECK_IDS = ("empty", "length", "same-as-source", *(c[0] for c in _KEPT_CHECKS),
             *(c[1] for c in TT_CHECKS), "leading-trailing-whitespace", *NUMBER_CHECK_IDS,
             "placeholders", "after-the-fold")


# --- Entry points ---------------------------------------------------------------------------------
def run_checks(source_text: str, target_text: str, *, source_lang: str, target_lang: str,
               platform: str, draft_text: str | None = None,
               codes: dict | None = None) -> list[CheckResult]:
    """Every check of `target_text` (HQ's draft, or a rewrite when `draft_text` is given);
    `codes`: the post's inline codes (a CAT file's), whose placeholders the text must keep."""
    if not target_text.strip():
        return [CheckResult("empty", ERROR, "The text is empty: write the post.",
                            (Span("target", 0, len(target_text)),))]
    results = _length_check(platform, target_text, codes)
    results += placeholder_check(source_text, draft_text, target_text, codes)
    results += _same_as_source_check(source_text, target_text, source_lang, target_lang)
    results += _kept_checks(_references(source_text, draft_text, target_text), target_text,
                            target_lang)
    if _ANY_DIGIT.search(source_text) and not kept_as_written(source_text, source_lang,
                                                              target_text, target_lang):
        results += number_checks(Texts(source_text, source_lang, target_text, target_lang,
                                       "rewrite" if draft_text is not None else "draft",
                                       tuple(_protected(source_text)), tuple(_protected(target_text))))
    results += _tt_checks(source_text, target_text, target_lang)
    results += _whitespace_check(target_text)
    results += fold_check(platform, source_text, target_text, _items)
    return results


def without_overlap(check_results: list[CheckResult],
                    language_results: list[CheckResult]) -> list[CheckResult]:
    """Both lists, minus `same-as-source` when detection already says `untranslated`."""
    if any(r.id == "untranslated" for r in language_results):
        check_results = [r for r in check_results if r.id != "same-as-source"]
    return [*check_results, *language_results]
