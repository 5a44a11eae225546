"""Dates and times in a text, read as what they mean: "3月22日", "22 March", "March 22", "22/03",
"22. März", "3월 22일" are one date; "17:00", "5pm", "17 h", "17 Uhr", "오후 5시" one time. How
each language writes them (month names, "h" and "Uhr") is language data."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .langdata import LanguageData, language_data
from .numbers import _ANY_DIGIT, _LATIN, _ascii


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
