"""The numbers, amounts, dates and times of a post, compared with the source by what they mean.

A number is its value: "15亿", "1.5 billion", "1,5 milliard", "15억" and "1,500,000,000" are one
amount; a date is a date: "3月22日", "22 March", "March 22", "22/03", "22. März", "3월 22일";
a time is a time: "17:00", "5pm", "17 h", "17 Uhr", "오후 5시". How each language writes them
(decimal and grouping marks, 万 and billion, month names, "h" and "Uhr") is language data
(`review/hints/langdata.py`). Only the source is compared: a reviewer who corrects HQ's wrong
number is not told that HQ's number is missing.

Findings:

- `number-missing`: an amount or a time of the source is not in the text.
- `number-conversion`: an amount written with a scale (万, 亿, 千万, 億, 억, billion) is in the text
  off by a power of ten ("15亿 = 1.5 billion; the draft says 15 billion").
- `number-format`: the text has the amount, written with the other decimal convention ("1.5
  milliard" in French, which writes 1,5).
- `date-missing`: a date or a month of the source is not in the text in any of its forms.

An amount of the text matches one of the source when they differ by no more than the rounding
the written digits of either allow ("12.34亿" and "about 1.2 billion"). Numbers written as words
count, for the words the language data lists ("eight" for 8).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from . import WARNING, CheckResult, Span
from .langdata import LanguageData, language_data

# Full-width digits and marks read as ASCII ones: one character for one, so spans stay valid.
_ASCII = str.maketrans("０１２３４５６７８９，．：", "0123456789,.:")
# Digits with grouping or decimal marks. A plain space joins only a group of exactly three
# digits ("20 000"); whether the language groups so is decided when the number is read.
_DIGITS = re.compile(r"(?<![0-9])[0-9]+(?:(?:[.,'\u00a0\u202f]|\u0020(?=[0-9]{3}(?![0-9])))[0-9]+)*")
_LATIN = "A-Za-z\u00c0-\u024f"
_WORD = re.compile(rf"[{_LATIN}]+")
_ANY_DIGIT = re.compile("[0-9]")
_ANY_FULL_WIDTH = re.compile("[０-９]")


def _ascii(text: str) -> str:
    """Full-width digits and marks as ASCII ones, in a text with full-width digits (searched
    first: translate walks the whole text even when there is nothing to replace, and every
    Chinese sentence has a "，")."""
    return text.translate(_ASCII) if _ANY_FULL_WIDTH.search(text) else text
_MAX_POWER = 6  # a conversion off by up to a million times is a conversion, beyond that a mistake
# A post has a few numbers. Beyond this many (a hostile or broken text) amounts are compared by
# exact value only, so that the work stays in proportion to the text.
_MANY = 500


def covered(length: int, spans) -> bytearray:
    """A mask of `length` positions, 1 inside any of `spans`: "is this inside a link?" in
    constant time, however many links and numbers a text holds."""
    mask = bytearray(length)
    for start, end in spans:
        mask[max(start, 0):max(min(end, length), 0)] = b"\x01" * max(min(end, length) - max(start, 0), 0)
    return mask


@dataclass(frozen=True)
class Amount:
    """A number as written ("1.5 billion") and what it means."""

    start: int
    end: int
    text: str
    value: Decimal | None  # None: the language cannot read it ("1.5" in French)
    unit: Decimal  # the place of its last written digit: it may be rounded by half of this
    scaled: bool  # written with a scale (万, billion): where conversions go wrong
    other: Decimal | None = None  # its value read with the other decimal convention


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    month: int
    day: int | None


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    text: str
    minutes: int


# --- Amounts ------------------------------------------------------------------------------
def read_number(raw: str, decimal: str, groups: tuple[str, ...]) -> tuple[Decimal, Decimal] | None:
    """(value, unit) of digits written with `decimal` and `groups`, or None when they cannot be
    read so ("1.5" with a decimal comma: a group of one digit)."""
    parts, marks = re.split(r"[^0-9]", raw), re.findall(r"[^0-9]", raw)
    fraction = ""
    if marks and marks[-1] == decimal and marks.count(decimal) == 1:
        fraction = parts.pop()
        marks.pop()
    if marks and (len(set(marks)) > 1 or marks[0] not in groups or not 1 <= len(parts[0]) <= 3
                  or any(len(p) != 3 for p in parts[1:])):
        return None
    whole = "".join(parts)
    return (Decimal(f"{whole}.{fraction}" if fraction else whole),
            Decimal(1).scaleb(-len(fraction)))


def _other_convention(data: LanguageData) -> tuple[str, tuple[str, ...]]:
    """The marks of the other decimal convention: "1.5"/"1,000" against "1,5"/"1 000"."""
    if data.decimal == ",":
        return ".", (",", "\u00a0", "\u202f", " ", "'")
    return ",", (".", "\u00a0", "\u202f", " ", "'")


@dataclass(frozen=True)
class _Scales:
    """A language's scales, ready to read: CJK characters ("亿") or words ("billion")."""

    cjk: bool
    values: dict[str, Decimal]
    at: re.Pattern | None  # a scale right after a number (an optional space first)
    anywhere: re.Pattern | None  # digits then a scale: a text without a match has no scaled amount


_SCALE_WORDS = re.compile(rf"[ \u00a0\u202f]?([{_LATIN}]+(?: [{_LATIN}]+)?)")


@functools.lru_cache(maxsize=64)
def _scales(lang: str) -> _Scales:
    data = language_data(lang)
    ordered = tuple(sorted(data.scales, key=len, reverse=True))
    cjk = any(not word.isascii() for word in ordered)
    words = "(?:" + "|".join(map(re.escape, ordered)) + ")"
    at = re.compile(f" ?({words})") if ordered and cjk else None
    anywhere = re.compile(f"[0-9][ \u00a0\u202f]?{words}", re.IGNORECASE) if ordered else None
    return _Scales(cjk, {w: Decimal(str(v)) for w, v in data.scales.items()}, at, anywhere)


def _cjk_scales(data: LanguageData) -> bool:
    return _scales(data.code).cjk


def _scale_at(text: str, position: int, data: LanguageData) -> tuple[Decimal, int] | None:
    """The scale written right after a number: (its value, where it ends), the longest one."""
    scales = _scales(data.code)
    if not scales.values:
        return None
    if scales.cjk:
        found = scales.at.match(text, position)
        return (scales.values[found.group(1)], found.end()) if found else None
    match = _SCALE_WORDS.match(text, position)
    if not match:
        return None
    words = match.group(1)
    for candidate in (words, words.split(" ")[0]):
        if candidate.casefold() in scales.values:
            end = match.start(1) + len(candidate)
            end += text[end:end + 1] == "."  # "Mrd.", "Mio."
            return scales.values[candidate.casefold()], end
    return None


@functools.lru_cache(maxsize=64)
def amounts(text: str, lang: str, protected: tuple[tuple[int, int], ...] = (),
            pieces: bool = False) -> tuple[Amount, ...]:
    """Every amount of `text` as `lang` writes numbers, in text order. Digits inside
    `protected` spans (links, tags, placeholders) are not numbers. `pieces` (for the text
    checked, not its source): digits a space groups ("77 000") also count one by one, as a
    phone number's would."""
    data = language_data(lang)
    text = _ascii(text)
    found: list[Amount] = []
    inside = covered(len(text), protected) if protected else None
    for match in _DIGITS.finditer(text):
        if inside is None or not inside[match.start()]:
            found += _amounts_in(text, match.start(), match.group(), data)
            if pieces and " " in match.group() and " " in data.group:
                found += [a for m in re.finditer(r"\S+", match.group())
                          for a in _amounts_in(text, match.start() + m.start(), m.group(), data)]
    return tuple(_chained(found, text) if _cjk_scales(data) else found)


def _amounts_in(text: str, start: int, raw: str, data: LanguageData) -> list[Amount]:
    """The amount(s) of one run of digits: one, or several where the marks cannot join them."""
    if raw.isdigit():  # most numbers: no marks, one reading
        scale = _scale_at(text, start + len(raw), data)
        factor, end = scale if scale else (Decimal(1), start + len(raw))
        return [Amount(start, end, text[start:end], Decimal(raw) * factor, factor, scale is not None)]
    if " " in raw and " " not in data.group:  # "12 100" where a space does not group digits
        return [a for m in re.finditer(r"\S+", raw)
                for a in _amounts_in(text, start + m.start(), m.group(), data)]
    own = read_number(raw, data.decimal, data.group)
    other = read_number(raw, *_other_convention(data))
    if own is None and other is None:  # "1.2.3": each part a number of its own
        return [a for m in re.finditer(r"[0-9]+", raw)
                for a in _amounts_in(text, start + m.start(), m.group(), data)]
    scale = _scale_at(text, start + len(raw), data)
    factor, end = scale if scale else (Decimal(1), start + len(raw))
    if own is None:  # readable only the other way: the number is that, written wrongly
        return [Amount(start, end, text[start:end], None, other[1] * factor, scale is not None,
                       other[0] * factor)]
    alt = other[0] * factor if other is not None and other[0] != own[0] else None
    return [Amount(start, end, text[start:end], own[0] * factor, own[1] * factor,
                   scale is not None, alt)]


def _chained(found: list[Amount], text: str) -> list[Amount]:
    """"1亿5000万", "3억 2천만": a scaled amount right after a larger one adds to it."""
    out: list[Amount] = []
    for amount in found:
        last = out[-1] if out else None
        if (last is not None and last.scaled and amount.scaled and last.value is not None
                and amount.value is not None and 0 < amount.value < last.unit
                and amount.start - last.end <= 1 and not text[last.end:amount.start].strip()):
            out[-1] = Amount(last.start, amount.end, text[last.start:amount.end],
                             last.value + amount.value, amount.unit, True)
        else:
            out.append(amount)
    return out


def _number_words(text: str, data: LanguageData) -> list[Amount]:
    """Numbers written as words ("eight weeks"), for the words the language data lists."""
    if not data.number_words:
        return []
    return [Amount(m.start(), m.end(), m.group(), Decimal(data.number_words[m.group().casefold()]),
                   Decimal(1), False)
            for m in _WORD.finditer(text) if m.group().casefold() in data.number_words]


def scaled_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Where `text` writes an amount with a scale (15亿): a glossary term there (亿) is for the
    number checks to judge."""
    anywhere = _scales(lang).anywhere
    if anywhere is None or not anywhere.search(_ascii(text)):
        return []
    return [(a.start, a.end) for a in amounts(text, lang) if a.scaled]


# --- Dates --------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=32)
def _cjk_date_pattern(year: str, month: str, days: tuple[str, ...], ranges: tuple[str, ...]):
    day = "(?:" + "|".join(map(re.escape, days)) + ")"
    joined = r"\s*(?:" + "|".join(map(re.escape, sorted(ranges, key=len, reverse=True))) + r")\s*"
    return re.compile(
        rf"(?:[0-9]{{4}}\s*{re.escape(year)}\s*)?(?<![0-9])(?P<m>[0-9]{{1,2}})\s*{re.escape(month)}"
        rf"(?:\s*(?P<d>[0-9]{{1,2}})(?:\s*{day}|(?={joined}[0-9])))?"
        rf"(?:{joined}(?:(?P<m2>[0-9]{{1,2}})\s*{re.escape(month)}\s*)?(?P<d2>[0-9]{{1,2}})\s*{day})?")


def _cjk_dates(text: str, data: LanguageData) -> list[DateMention]:
    spec = data.cjk_dates
    if not spec or spec["month"] not in text:
        return []
    pattern = _cjk_date_pattern(spec["year"], spec["month"], tuple(spec["day"]), tuple(spec["range"]))
    found = []
    for m in pattern.finditer(text):
        month, span = int(m["m"]), (m.start("m"), m.end())
        if not 1 <= month <= 12:
            continue
        found.append(DateMention(*span, text[span[0]:span[1]], month, _day(m["d"])))
        if m["d2"]:
            found.append(DateMention(*span, text[span[0]:span[1]], int(m["m2"] or month), _day(m["d2"])))
    return found


def _day(raw: str | None) -> int | None:
    return int(raw) if raw and 1 <= int(raw) <= 31 else None


@functools.lru_cache(maxsize=32)
def _month_patterns(lang: str):
    """The month names of `lang` ("*": of every language with a data file: a target's dates
    are read in any language, "10 December" is a date in a French post too), with the words
    around a day next to them ("10 to 12", "22nd", "22.", "1er"), as (names, months, days
    before, days after) patterns."""
    data = language_data(lang) if lang != "*" else _all_languages()
    names = {name: i + 1 for i, month in enumerate(data.months) for name in month}
    alternation = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    prefixes = ""
    if data.prefixes:
        # "kuMbimbitho", "ngoZibandlela", "munaZvita": a month name takes a noun's prefixes
        known = data.prefixes.before_noun | set(data.prefixes.class_prefixes)
        chain = "|".join(map(re.escape, sorted(known, key=len, reverse=True)))
        prefixes = rf"(?:(?:{chain})-?)?"
    suffix = "(?:" + "|".join(map(re.escape, sorted(data.day_suffixes or ("",), key=len, reverse=True))) + ")?"
    joiner = r"(?:-|–|—|&|" + "|".join(map(re.escape, data.range_words or ("to",))) + ")"
    before = "|".join(map(re.escape, data.before_day or ("the",)))
    after = "|".join(map(re.escape, data.after_day or ("of",)))
    day = rf"(?<![0-9.,])(?P<{{n}}>[0-9]{{{{1,2}}}}){suffix}\.?"
    left = re.compile(rf"(?:{day.format(n='d1')}\s*{joiner}\s*(?:(?:{before})\s+)?)?"
                      rf"{day.format(n='d2')}\s*(?:(?:{after})\s+)?-?\s*$", re.IGNORECASE)
    right = re.compile(rf"\s*(?P<d1>[0-9]{{1,2}})(?![0-9.,][0-9]){suffix}"
                       rf"(?:\s*{joiner}\s*(?P<d2>[0-9]{{1,2}}){suffix})?(?![0-9])", re.IGNORECASE)
    months = re.compile(rf"(?<![{_LATIN}]){prefixes}(?P<name>{alternation})\.?(?![{_LATIN}])",
                        re.IGNORECASE) if names else None
    return names, months, left, right


@functools.lru_cache(maxsize=1)
def _all_languages() -> LanguageData:
    """The month names, day words and prefixes of every language that has a data file."""
    from .langdata import all_language_data

    every = all_language_data()
    months = tuple(tuple(dict.fromkeys(n for d in every for n in (d.months[i] if d.months else ())))
                   for i in range(12))
    joined = lambda name: tuple(dict.fromkeys(w for d in every for w in getattr(d, name)))  # noqa: E731
    prefixes = next((d.prefixes for d in every if d.prefixes), None)
    return LanguageData("*", "*", prefixes=prefixes, months=months,
                        date_orders=("day month", "month day"), day_suffixes=joined("day_suffixes"),
                        range_words=joined("range_words"), before_day=joined("before_day"),
                        after_day=joined("after_day"))


def _latin_dates(text: str, lang: str, strict: bool) -> list[DateMention]:
    """Dates written with month names. `strict` (a source): a month without a day counts only
    when capitalised and written in full ("May", not "may"; "March", not "march")."""
    names, months, left, right = _month_patterns(lang)
    if months is None:
        return []
    found = []
    month_day = "month day" in (language_data(lang) if lang != "*" else _all_languages()).date_orders
    for m in months.finditer(text):
        number = names[m["name"].casefold()]
        days = _days_around(text, m, left, right if month_day else None)
        if days:
            found += [DateMention(m.start(), m.end(), m.group(), number, d) for d in days]
        elif not strict or (m["name"][0].isupper() and len(m["name"]) > 3):
            found.append(DateMention(m.start(), m.end(), m.group(), number, None))
    return found


def _days_around(text: str, month: re.Match, left: re.Pattern, right: re.Pattern | None) -> list[int]:
    before = left.search(text[max(0, month.start() - 40):month.start()])
    if before:
        return [d for d in (_day(before["d1"]), _day(before["d2"])) if d]
    after = right.match(text, month.end()) if right else None
    if after:
        return [d for d in (_day(after["d1"]), _day(after["d2"])) if d]
    return []


# "22/03", "3/22", "22/03/2027"; with dots only "22.03." or "22.03.2027" ("3.2" is a number).
_NUMERIC_DATE = re.compile(r"(?<![0-9.,/])(?P<a>[0-9]{1,2})(?:(?P<sep>/)(?P<b>[0-9]{1,2})"
                           r"(?:/(?:[0-9]{4}|[0-9]{2}))?|(?P<dsep>\.)(?P<db>[0-9]{1,2})\."
                           r"(?:[0-9]{4}|[0-9]{2})?)(?![0-9/])")
_ISO_DATE = re.compile(r"(?<![0-9])[0-9]{4}-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])")


def _numeric_dates(text: str) -> list[DateMention]:
    """"22/03", "03/22", "22.03.", "2027-03-22": each way a day and a month can be read."""
    found = []
    for m in _NUMERIC_DATE.finditer(text):
        a, b = int(m["a"]), int(m["b"] or m["db"])
        readings = {(b, a)} | ({(a, b)} if m["sep"] else set())
        found += [DateMention(m.start(), m.end(), m.group(), month, day)
                  for month, day in readings if 1 <= month <= 12 and 1 <= day <= 31]
    found += [DateMention(m.start(), m.end(), m.group(), int(m["m"]), int(m["d"]))
              for m in _ISO_DATE.finditer(text) if 1 <= int(m["m"]) <= 12]
    return found


@functools.lru_cache(maxsize=64)
def dates(text: str, lang: str, source: bool = False) -> tuple[DateMention, ...]:
    """The dates of `text`; a source's are read strictly (see `_latin_dates`), a target's in
    every form a reader would take for a date."""
    data = language_data(lang)
    text = _ascii(text)
    found = _cjk_dates(text, data) + _latin_dates(text, lang if source else "*", strict=source)
    if not source:
        found += _numeric_dates(text) + _cjk_dates(text, language_data("ja")) + \
            _cjk_dates(text, language_data("ko"))
    return tuple(found)


# --- Times -------------------------------------------------------------------------------------
_CLOCK = re.compile(r"(?<![0-9:.])(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?![0-9:])"
                    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?", re.IGNORECASE)
_AM_OR_PM = re.compile(r"[0-9]\s*[ap]\.?\s?m", re.IGNORECASE)
_HOUR_AMPM = re.compile(r"(?<![0-9:.,])(?P<h>[0-9]{1,2})\s*(?P<ampm>[ap])\.?\s?m\b\.?", re.IGNORECASE)


@functools.lru_cache(maxsize=32)
def _hour_pattern(lang: str) -> re.Pattern | None:
    """"17 h 30", "17 Uhr", "下午5点30分", "오후 5시": an hour word after the hour."""
    times = language_data(lang).times
    hours = times.get("hour_after", ())
    if not hours:
        return None
    minutes = "|".join(map(re.escape, times.get("minute_after", ()) or ("\x00",)))
    pm = "|".join(map(re.escape, times.get("pm_before", ()) or ("\x00",)))
    am = "|".join(map(re.escape, times.get("am_before", ()) or ("\x00",)))
    hour = "|".join(map(re.escape, hours))
    return re.compile(rf"(?:(?:(?P<pm>{pm})|(?P<am>{am}))\s*)?(?<![0-9:.,])(?P<h>[0-9]{{1,2}})\s?(?:{hour})"
                      rf"(?:\s?(?P<m>[0-9]{{2}})(?:\s?(?:{minutes}))?|(?P<half>半))?(?![{_LATIN}])",
                      re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def times(text: str, lang: str) -> tuple[TimeMention, ...]:
    text = _ascii(text)
    if not _ANY_DIGIT.search(text):
        return ()
    found = []
    afternoon = language_data(lang).times.get("pm_before", ())
    for m in _CLOCK.finditer(text) if ":" in text else ():
        hour = int(m["h"])
        if hour < 12 and text[:m.start()].rstrip().endswith(afternoon or ("\x00",)):
            hour += 12  # "下午4:00", "오후 5:00": 16:00, 17:00
        found += _time(m, hour, int(m["m"]), m["ampm"])
    for m in _HOUR_AMPM.finditer(text) if _AM_OR_PM.search(text) else ():
        found += _time(m, int(m["h"]), 0, m["ampm"])
    pattern = _hour_pattern(lang)
    for m in pattern.finditer(text) if pattern else ():
        hour = int(m["h"]) + (12 if m["pm"] and int(m["h"]) < 12 else 0)
        found += _time(m, hour, 30 if m["half"] else int(m["m"] or 0), None)
    return tuple(found)


def _time(m: re.Match, hour: int, minute: int, ampm: str | None) -> list[TimeMention]:
    if ampm:
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return []
    return [TimeMention(m.start(), m.end(), m.group(), hour * 60 + minute)]


# --- Comparing ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Texts:
    """What the number checks compare: the source, the text checked, their languages."""

    source: str
    source_lang: str
    target: str
    target_lang: str
    which: str  # "draft" or "rewrite": what the messages call the text
    source_protected: tuple[tuple[int, int], ...] = ()
    target_protected: tuple[tuple[int, int], ...] = ()


def kept_as_written(source: str, source_lang: str, target: str, target_lang: str) -> bool:
    """Whether every number of the source is in the text as the same digits, with no date, time
    or scaled amount in the source and no decimal mark the languages read differently: then
    there is nothing to compare by value (most posts; checks of a batch take this quick path)."""
    source, target = _ascii(source), _ascii(target)
    runs = _DIGITS.findall(source)
    if not runs or times(source, source_lang) or dates(source, source_lang, source=True):
        return not runs
    scales = _scales(source_lang).anywhere
    if scales is not None and scales.search(source):
        return False
    same_marks = language_data(source_lang).decimal == language_data(target_lang).decimal
    if not same_marks and any(not run.isdigit() for run in runs):
        return False
    written = set(_DIGITS.findall(target))
    return all(run in written for run in runs)


def number_checks(texts: Texts) -> list[CheckResult]:
    """`number-missing`, `number-conversion`, `number-format` and `date-missing` findings."""
    source_dates = dates(texts.source, texts.source_lang, source=True)
    source_times = times(texts.source, texts.source_lang)
    taken = covered(len(texts.source), [(d.start, d.end) for d in source_dates] +
                    [(t.start, t.end) for t in source_times])
    source_amounts = [a for a in amounts(texts.source, texts.source_lang, texts.source_protected)
                      if not taken[a.start]]
    if not (source_dates or source_times or source_amounts):
        return []
    target_amounts = list(amounts(texts.target, texts.target_lang, texts.target_protected, True))
    values = _Values(target_amounts, len(source_amounts) > _MANY or len(target_amounts) > _MANY)
    if source_times or not all(a.value is None or any(_matches(a, t) for t in values.near(a.value, a.unit))
                               for a in source_amounts):
        # numbers written as words are looked for only when the digits leave something out
        target_amounts += _number_words(texts.target, language_data(texts.target_lang))
    results = _date_findings(texts, source_dates) if source_dates else []
    results += _time_findings(texts, source_times, target_amounts) if source_times else []
    return results + _amount_findings(texts, source_amounts, target_amounts)


def _date_findings(texts: Texts, source_dates: tuple[DateMention, ...]) -> list[CheckResult]:
    found = dates(texts.target, texts.target_lang)
    have = {(d.month, d.day) for d in found} | {(d.month, None) for d in found}
    missing: dict[tuple, list[DateMention]] = {}
    for date in source_dates:
        if (date.month, date.day) not in have:
            missing.setdefault((date.month, date.day), []).append(date)
    results = []
    for (month, day), where in missing.items():
        shown = where[0].text
        expected = spell_date(month, day, texts.target_lang)
        message = (f"The date {shown} from the source ({expected}) is missing: keep it, or note "
                   f"why it was dropped.")
        results.append(CheckResult("date-missing", WARNING, message,
                                   tuple(Span("source", d.start, d.end) for d in where),
                                   params=(("item", shown), ("expected", expected))))
    return results


def _time_findings(texts: Texts, source_times: tuple[TimeMention, ...],
                   target_amounts: list[Amount]) -> list[CheckResult]:
    """A time is there as a time, or, on the hour, as its hour ("von 8 bis 17 Uhr")."""
    have = {t.minutes % 1440 for t in times(texts.target, texts.target_lang)}
    hours = {a.value for a in target_amounts}
    by_minutes: dict[int, list[TimeMention]] = {}
    for time in source_times:
        by_minutes.setdefault(time.minutes, []).append(time)
    results = []
    for minutes, where in by_minutes.items():
        time = where[0]
        if minutes % 1440 in have or (minutes % 60 == 0 and Decimal(minutes // 60) in hours):
            continue
        spans = tuple(Span("source", t.start, t.end) for t in where)
        results.append(CheckResult(
            "number-missing", WARNING, f"The time {time.text} from the source is missing: keep it, "
            f"or note why it was dropped.", spans, template="time-missing",
            params=(("item", time.text), ("origin", "source"))))
    return results


def _close(a: Decimal, a_unit: Decimal, b: Decimal, b_unit: Decimal) -> bool:
    """Equal within the rounding the written digits of either allow."""
    return abs(a - b) <= max(a_unit, b_unit) / 2


def _matches(amount: Amount, other: Amount) -> bool:
    return (amount.value is not None and other.value is not None
            and _close(amount.value, amount.unit, other.value, other.unit))


class _Values:
    """Amounts by value, to find the ones close to a value without looking at every one: per
    rounding unit (a text has a few: 1, 0.1, a billion...), sorted by value."""

    def __init__(self, found: list[Amount], exact_only: bool = False, other: bool = False):
        self.exact_only = exact_only
        by_unit: dict[Decimal, list[tuple[Decimal, Amount]]] = {}
        for amount in found:
            value = amount.other if other else amount.value
            if value is not None:
                by_unit.setdefault(amount.unit, []).append((value, amount))
        self.groups = []
        for unit, pairs in by_unit.items():
            pairs.sort(key=lambda pair: pair[0])
            self.groups.append((unit, [v for v, _ in pairs], [a for _, a in pairs]))

    def near(self, value: Decimal, unit: Decimal) -> list[Amount]:
        """The amounts within the rounding of `value` (or of themselves) of it."""
        close = []
        for group_unit, keys, group in self.groups:
            reach = Decimal(0) if self.exact_only else max(unit, group_unit) / 2
            close += group[bisect.bisect_left(keys, value - reach):bisect.bisect_right(keys, value + reach)]
        return close


def _amount_findings(texts: Texts, source: list[Amount], target: list[Amount]) -> list[CheckResult]:
    unmatched: dict[Decimal, list[Amount]] = {}
    results, used_as_other = [], set()
    many = len(source) > _MANY or len(target) > _MANY
    values, others = _Values(target, many), _Values(target, many, other=True)
    for amount in source:
        if amount.value is None or any(_matches(amount, t) for t in values.near(amount.value, amount.unit)):
            continue
        wrongly = next((t for t in others.near(amount.value, amount.unit)
                        if t.start not in used_as_other
                        and _close(amount.value, amount.unit, t.other, t.unit)), None)
        if wrongly is not None:
            used_as_other.add(wrongly.start)
            results.append(_format_finding(texts, amount, wrongly))
            continue
        unmatched.setdefault(amount.value, []).append(amount)
    if not unmatched:
        return results
    # What the text has that the source has not, outside its dates and times: where a wrong
    # conversion of the source's amounts would be.
    taken = covered(len(texts.target), [(d.start, d.end) for d in dates(texts.target, texts.target_lang)] +
                    [(t.start, t.end) for t in times(texts.target, texts.target_lang)])
    sources = _Values(source, many)
    spare = [t for t in target if t.value is not None and not taken[t.start]
             and not any(_matches(s, t) for s in sources.near(t.value, t.unit))]
    for occurrences in unmatched.values():
        amount = occurrences[0]
        converted = None if many else _off_by_a_power_of_ten(amount, spare)
        if converted is not None:
            spare.remove(converted)
            results.append(_conversion_finding(texts, amount, converted, occurrences))
        else:
            results.append(CheckResult(
                "number-missing", WARNING, f"The number {amount.text} from the source is missing: "
                f"keep it, or note why it was dropped.",
                tuple(Span("source", a.start, a.end) for a in occurrences),
                params=(("item", amount.text), ("origin", "source"))))
    return results


def _off_by_a_power_of_ten(amount: Amount, spare: list[Amount]) -> Amount | None:
    """The text's amount that is this one times 10, 100... (or a tenth...), when either is
    written with a scale: the mark of a wrong 万/亿 conversion."""
    for candidate in spare:
        if not (amount.scaled or candidate.scaled) or candidate.value <= 0 or amount.value <= 0:
            continue
        for power in range(-_MAX_POWER, _MAX_POWER + 1):
            factor = Decimal(10) ** power
            if power and _close(amount.value * factor, amount.unit * factor, candidate.value,
                                candidate.unit):
                return candidate
    return None


def _conversion_finding(texts: Texts, amount: Amount, found: Amount,
                        occurrences: list[Amount]) -> CheckResult:
    right = spell_amount(amount.value, texts.target_lang)
    message = (f"{amount.text} = {right}, but the {texts.which} says {found.text}: check the "
               f"conversion.")
    spans = tuple(Span("source", a.start, a.end) for a in occurrences) + \
        (Span("target", found.start, found.end),)
    return CheckResult("number-conversion", WARNING, message, spans,
                       params=(("item", amount.text), ("value", right), ("found", found.text),
                               ("which", texts.which)))


def _format_finding(texts: Texts, amount: Amount, found: Amount) -> CheckResult:
    data = language_data(texts.target_lang)
    right = respell(found.text, data)
    mark = "decimal comma" if data.decimal == "," else "decimal point"
    message = f"{data.name} writes {right} ({mark}): the {texts.which} says {found.text}."
    return CheckResult("number-format", WARNING, message,
                       (Span("target", found.start, found.end), Span("source", amount.start, amount.end)),
                       params=(("target", texts.target_lang), ("expected", right), ("mark", mark),
                               ("which", texts.which), ("found", found.text)))


# --- Writing numbers and dates the target's way --------------------------------------------
def format_number(value: Decimal, data: LanguageData) -> str:
    """`value` in digits as `data`'s language writes them: 1,500,000.5 / 1 500 000,5."""
    sign, digits = ("-" if value < 0 else ""), f"{abs(value.normalize()):f}"
    whole, _, fraction = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign + data.show_group.join([whole] + groups) + (data.decimal + fraction if fraction else "")


def spell_amount(value: Decimal, lang: str) -> str:
    """`value` as `lang` would write it: "1.5 billion", "1,5 milliard", "3.2억", "36,000"."""
    data = language_data(lang)
    for singular, size, plural in data.show_scales:
        if value >= Decimal(str(size)):
            mantissa = (value / Decimal(str(size))).normalize()
            word = singular if mantissa == 1 or mantissa < data.plural_from else plural
            space = "" if not word.isascii() else " "
            return f"{format_number(mantissa, data)}{space}{word}"
    return format_number(value, data)


def respell(written: str, data: LanguageData) -> str:
    """A number written with the other convention, in the language's own: "1.5" -> "1,5"."""
    def fix(match: re.Match) -> str:
        reading = read_number(match.group(), *_other_convention(data))
        return format_number(reading[0], data) if reading else match.group()
    return _DIGITS.sub(fix, written, count=1)


def spell_date(month: int, day: int | None, lang: str) -> str:
    """"22 March", "22 mars", "22. März", "3月22日", "3월 22일", or the month alone."""
    data = language_data(lang)
    if data.cjk_dates:
        spec = data.cjk_dates
        gap = " " if data.latin_punctuation else ""
        return f"{month}{spec['month']}" + (f"{gap}{day}{spec['day'][0]}" if day else "")
    english = language_data("en")
    names = data.months or english.months
    name = names[month - 1][0]
    name = name if data.code == "fr" else name.capitalize()
    if day is None:
        return name
    return f"{day}. {name}" if data.code == "de" else f"{day} {name}"
