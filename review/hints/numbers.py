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

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

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
