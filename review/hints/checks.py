"""Automatic quality checks of a draft or rewrite against its source (and HQ's draft).

Two kinds of check, each result with a stable id:

- translate-toolkit's pair checks (`translate.filters.checks.StandardChecker`) for what they
  already do well: e-mail addresses, printf and {brace} placeholders, brackets, double spaces,
  line breaks and end punctuation ("tt-" + the translate-toolkit test name). It reports no
  positions, so the spans are found here. Its checks that are noisy between scripts or
  meaningless for posts are not run (see docs/hints-language-and-checks.md for the list).
- checks social posts need: platform length, hashtags / @mentions / URLs / numbers / emoji
  kept, same-as-source, empty, leading or trailing whitespace.

Items "kept" are looked for in the source and, when HQ's draft is given and differs from the
text being checked (a rewrite), in the draft too; a missing item's span points where it is.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from review.hints import ERROR, INFO, WARNING, CheckResult, Span
from review.hints.language import primary_subtag, same_language
from review.hints.length import find_emoji, find_urls, length_info, weighted_length

_CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})

# --- Finding the items of a post, with their spans -----------------------------------------
# Boundaries are ASCII on purpose: Chinese characters are \w to Python, and "欢迎#ZimWater" or
# "关注@ZimAid" must still yield the tag and the handle.
_HASHTAG = re.compile(r"(?<![A-Za-z0-9_&#＃])[#＃](\w+)")
_MENTION = re.compile(r"(?<![A-Za-z0-9_.@＠])[@＠]([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Digits with grouping or decimal marks; a plain space never joins two numbers ("12 100"),
# the no-break spaces French typography puts in "1 000" do.
_NUMBER = re.compile(r"[0-9０-９]+(?:[.,，．\u00a0\u202f'][0-9０-９]+)*")
_PLACEHOLDER = re.compile(r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[sdifuxXeEgGc@]|\{[^{}\s]*\}")
_CJK = re.compile(r"[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]")


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


def _number_key(raw: str) -> str:
    """'1,000' / '1.000' / '1 000' -> '1000'; '1,5' -> '1.5'; full-width digits -> ASCII."""
    text = unicodedata.normalize("NFKC", raw).replace("，", ",").replace("．", ".")
    parts = re.split(r"[.,\s']", text)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return "".join(parts).lstrip("0") or "0"  # separators group thousands
    return ".".join(["".join(parts[:-1]) or "0", parts[-1]]) if len(parts) > 1 else \
        (parts[0].lstrip("0") or "0")


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans whose digits belong to something else (a link, a tag, an address, a placeholder)."""
    spans = [(s, e) for kind in ("url-missing", "hashtag-missing", "mention-missing")
             for s, e, _ in _items(text, kind)]
    spans += [m.span() for m in _EMAIL.finditer(text)]
    spans += [m.span() for m in _PLACEHOLDER.finditer(text)]
    return spans


def _numbers(text: str) -> list[tuple[int, int, str]]:
    protected = _protected(text)
    return [(m.start(), m.end(), _number_key(m.group())) for m in _NUMBER.finditer(text)
            if not any(s <= m.start() < e for s, e in protected)]


# --- "Kept" checks ------------------------------------------------------------------------------
_KEPT_CHECKS = (
    # id, finder, severity, what it is called in a message
    ("hashtag-missing", _hashtags, WARNING, "hashtag"),
    ("mention-missing", _mentions, WARNING, "@mention"),
    ("url-missing", _urls, ERROR, "link"),
    ("number-missing", _numbers, WARNING, "number"),
    ("emoji-missing", _emoji, INFO, "emoji"),
)


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
# Full-width brackets count as brackets, so a Chinese source's （） matches an English ().
_FULL_WIDTH_BRACKETS = str.maketrans("（）［］｛｝【】", "()[]{}[]")
_FULL_WIDTH_PUNCTUATION = str.maketrans("。！？，：；．", ".!?,:;.")
# str.translate walks the whole text even when there is nothing to replace (most targets): a
# search first is several times faster over a batch.
_ANY_FULL_WIDTH_BRACKET = re.compile("[（）［］｛｝【】]")
_ANY_FULL_WIDTH_PUNCTUATION = re.compile("[。！？，：；．]")
_TT_LOCATORS = {
    "emails": lambda text: [m.span() for m in _EMAIL.finditer(text)],
    "printf": lambda text: [m.span() for m in _PLACEHOLDER.finditer(text) if m.group()[0] == "%"],
    "pythonbraceformat": lambda text: [m.span() for m in _PLACEHOLDER.finditer(text)
                                       if m.group()[0] == "{"],
    "brackets": lambda text: [(i, i + 1) for i, ch in enumerate(text) if ch in "()[]{}（）［］｛｝【】"],
    "doublespacing": lambda text: [m.span() for m in re.finditer(r"(?<! ) {2,}", text)],
    "newlines": lambda text: [m.span() for m in re.finditer(r"\n", text)],
    "endpunc": lambda text: [(len(text.rstrip()) - 1, len(text.rstrip()))] if text.strip() else [],
}


@functools.lru_cache(maxsize=32)
def _tt_checker(target_lang: str):
    # Imported here: translate-toolkit's checks take ~0.2 s to import, which start-up skips.
    from translate.filters.checks import CheckerConfig, StandardChecker

    config = CheckerConfig(targetlanguage=primary_subtag(target_lang))
    return StandardChecker(checkerconfig=config)


def _tt_input(test: str, text: str, target_lang: str) -> str:
    if test == "endpunc" and primary_subtag(target_lang) not in _CJK_LANGUAGES:
        # translate-toolkit adapts the source's punctuation to the target language only
        # towards CJK; "。" at the end of a Chinese source would differ from an English ".".
        return _translated(text, _FULL_WIDTH_PUNCTUATION, _ANY_FULL_WIDTH_PUNCTUATION)
    if test == "brackets":  # placeholders are reported by their own checks, not as brackets
        return _PLACEHOLDER.sub("", _translated(text, _FULL_WIDTH_BRACKETS, _ANY_FULL_WIDTH_BRACKET))
    if test == "emails":  # its pattern is \w-based: "关注@ZimAid" would be an address
        return _CJK.sub(" ", text)
    if test == "printf":  # "增长85%符合预期": a percent sign before a Chinese word is no %s
        return re.sub(r"%(?=[^\x00-\x7f])", "\uff05", text)
    return text


def _translated(text: str, table: dict[int, str], any_of_them: re.Pattern) -> str:
    return text.translate(table) if any_of_them.search(text) else text


def _tt_checks(source_text: str, target_text: str, target_lang: str) -> list[CheckResult]:
    from translate.filters.checks import FilterFailure

    checker = _tt_checker(target_lang)
    results = []
    for test, check_id, severity, message in TT_CHECKS:
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
             if target_text[s:e] not in source_items or test in ("brackets", "endpunc")]
    spans += [Span("source", s, e) for s, e in locate(source_text)
              if source_text[s:e] not in target_items and test != "endpunc"]
    return tuple(spans)


# --- Whole-text checks ----------------------------------------------------------------------------
def _length_check(platform: str, target_text: str) -> list[CheckResult]:
    info = length_info(platform, target_text)
    if info["limit"] is None or info["count"] <= info["limit"]:
        return []
    how = " (X counts CJK characters and emoji 2 and every link 23)" if info["platform"] == "x" \
        else ""
    message = (f"Too long for {platform}: {info['count']} of {info['limit']} characters{how}. "
               f"Shorten it by {info['count'] - info['limit']}.")
    start = _overflow_start(platform, target_text, info["limit"])
    return [CheckResult("length", ERROR, message, (Span("target", start, len(target_text)),),
                        template="length-x" if info["platform"] == "x" else "length",
                        params=(("platform", platform), ("count", info["count"]),
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


# Every id run_checks can produce; ids are stable (dismissals and reports refer to them).
CHECK_IDS = ("empty", "length", "same-as-source", *(c[0] for c in _KEPT_CHECKS),
             *(c[1] for c in TT_CHECKS), "leading-trailing-whitespace")


# --- Entry points ---------------------------------------------------------------------------------
def run_checks(source_text: str, target_text: str, *, source_lang: str, target_lang: str,
               platform: str, draft_text: str | None = None) -> list[CheckResult]:
    """Every check of `target_text` (HQ's draft, or a rewrite when `draft_text` is given)."""
    if not target_text.strip():
        return [CheckResult("empty", ERROR, "The text is empty: write the post.",
                            (Span("target", 0, len(target_text)),))]
    results = _length_check(platform, target_text)
    results += _same_as_source_check(source_text, target_text, source_lang, target_lang)
    results += _kept_checks(_references(source_text, draft_text, target_text), target_text,
                            target_lang)
    results += _tt_checks(source_text, target_text, target_lang)
    results += _whitespace_check(target_text)
    return results


def without_overlap(check_results: list[CheckResult],
                    language_results: list[CheckResult]) -> list[CheckResult]:
    """Both lists, minus `same-as-source` when detection already says `untranslated`."""
    if any(r.id == "untranslated" for r in language_results):
        check_results = [r for r in check_results if r.id != "same-as-source"]
    return [*check_results, *language_results]
