"""What the checks know about a language, read from `glossaries/languages/<code>.json`.

The stemmer that finds English, French, German and Portuguese inflections of glossary terms;
the noun-class and locative prefixes of Shona and Ndebele; how numbers, dates and times are
written (decimal and grouping marks, 万 and billion, month names, "8 h" and "17 Uhr"). They are
data, not code, so that the field office can correct a list without a programmer; the folder's
README says what each field means. A language without a file gets the plain defaults below
(no stemmer, no prefixes, "1,000.5", no month names).
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

from ..languages import primary
from ..paths import data_dir
from ..texts import said


class LanguageDataError(ValueError):
    """A language data file that cannot be used: which file, and what is wrong with it."""


@dataclass(frozen=True)
class Prefixes:
    """How a Shona or Ndebele noun is prefixed (see glossaries/languages/README.md)."""

    noun_classes: tuple[tuple[str, ...], ...] = ()  # prefixes that replace each other: chi-/zvi-
    no_class_plurals: tuple[str, ...] = ()  # what a noun without a class prefix takes: ma- + tsime
    before_noun: frozenset[str] = frozenset()  # pa-, ku-, ye-, ne-, la-, e-...
    augment_vowels: str = ""  # a noun's first vowel that drops after a prefix (Ndebele)
    locative_suffixes: tuple[str, ...] = ()  # -ini of emphakathini

    def class_forms(self, prefix: str) -> frozenset[str]:
        """The class prefixes that may stand where `prefix` stands (itself, its plural...)."""
        if not prefix:
            return frozenset(("",) + self.no_class_plurals)
        return frozenset(p for group in self.noun_classes if prefix in group for p in group) | {prefix}

    @functools.cached_property
    def class_prefixes(self) -> tuple[str, ...]:
        """Every class prefix, longest first (to split a word into prefix and stem)."""
        return tuple(sorted({p for group in self.noun_classes for p in group if p}, key=len,
                            reverse=True))


@dataclass(frozen=True)
class LanguageData:
    code: str
    name: str
    stemmer: str | None = None  # a snowballstemmer algorithm
    compounds: bool = False  # a term may be one part of a compound word (German)
    prefixes: Prefixes | None = None
    decimal: str = "."
    group: tuple[str, ...] = (",", "\u00a0", "\u202f")
    show_group: str = ","
    scales: dict[str, float] = field(default_factory=dict)  # "billion": 1e9, "亿": 1e8
    show_scales: tuple[tuple[str, float, str], ...] = ()  # (singular, value, plural)
    plural_from: float = 0  # French says "1,5 milliard" (plural from 2), German "1,5 Milliarden"
    number_words: dict[str, int] = field(default_factory=dict)
    months: tuple[tuple[str, ...], ...] = ()  # twelve lists of names, lower case
    date_orders: tuple[str, ...] = ("day month",)
    day_suffixes: tuple[str, ...] = ()
    range_words: tuple[str, ...] = ()
    before_day: tuple[str, ...] = ()
    after_day: tuple[str, ...] = ()
    cjk_dates: dict[str, Any] | None = None  # {"year": "年", "month": "月", "day": [...], "range": [...]}
    times: dict[str, tuple[str, ...]] = field(default_factory=dict)
    latin_punctuation: bool = False  # a CJK language that ends sentences with "." (Korean)


@functools.lru_cache(maxsize=64)
def language_data(tag: str) -> LanguageData:
    """The data of `tag`'s primary language ("zh-CN" -> zh.json), or the defaults."""
    code = primary(tag) if tag else ""
    raw = _read(code)
    if raw is None:
        return LanguageData(code, code)
    fallback = _read(raw["fallback"]) if raw.get("fallback") else None
    try:
        return _built(code, raw, fallback)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise LanguageDataError(said("language-data-broken", path=_path(code),
                                     detail=repr(error))) from None


def all_language_data() -> list[LanguageData]:
    """The data of every language that has a file."""
    return [language_data(path.stem) for path in sorted(_path("en").parent.glob("*.json"))]


def _path(code: str):
    return data_dir("glossaries") / "languages" / f"{code}.json"


def _read(code: str) -> dict | None:
    path = _path(code)
    if not code.isalpha() or not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LanguageDataError(said("language-data-unreadable", path=path, detail=error)) from None
    if not isinstance(raw, dict):
        raise LanguageDataError(said("language-data-not-object", path=path))
    return raw


def _built(code: str, raw: dict, fallback: dict | None) -> LanguageData:
    numbers, dates, times = raw.get("numbers", {}), raw.get("dates", {}), raw.get("times", {})
    back_dates = (fallback or {}).get("dates", {})
    months = _months(dates.get("months"), back_dates.get("months"))
    return LanguageData(
        code=code, name=str(raw["name"]), stemmer=raw.get("stemmer"),
        compounds=bool(raw.get("compounds", False)), prefixes=_prefixes(raw.get("prefixes")),
        decimal=numbers.get("decimal", "."),
        group=tuple(numbers.get("group", (",", "\u00a0", "\u202f"))),
        show_group=numbers.get("show_group", ","),
        scales={str(k).casefold(): float(v) for k, v in numbers.get("scales", {}).items()},
        show_scales=tuple((s[0], float(s[1]), s[2] if len(s) > 2 else s[0])
                          for s in numbers.get("show_scales", ())),
        plural_from=float(numbers.get("plural_from", 0)),
        number_words={str(k).casefold(): int(v) for k, v in numbers.get("words", {}).items()},
        months=months,
        date_orders=tuple(dates.get("orders", back_dates.get("orders", ("day month",)))),
        day_suffixes=_joined(dates, back_dates, "day_suffixes"),
        range_words=_joined(dates, back_dates, "range_words"),
        before_day=_joined(dates, back_dates, "before_day"),
        after_day=_joined(dates, back_dates, "after_day"),
        cjk_dates=dates.get("cjk"),
        times={k: tuple(v) for k, v in times.items()},
        latin_punctuation=raw.get("punctuation") == "latin",
    )


def _months(own: list | None, back: list | None) -> tuple[tuple[str, ...], ...]:
    """Twelve lists of month names: the language's own, then its fallback's (English month
    names are understood in Shona and Ndebele posts)."""
    lists = [m for m in (own, back) if m]
    for names in lists:
        if len(names) != 12:
            raise ValueError(f"'months' must list 12 months, not {len(names)}")
    if not lists:
        return ()
    return tuple(tuple(dict.fromkeys(str(n).casefold() for names in lists for n in names[i]))
                 for i in range(12))


def _joined(own: dict, back: dict, key: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*own.get(key, ()), *back.get(key, ())]))


def _prefixes(raw: dict | None, seen: tuple[str, ...] = ()) -> Prefixes | None:
    """The prefix lists, joined with those of the languages named in `also_from` (a Ndebele
    post may hold a Shona word with its Shona prefix: pachibhorani)."""
    if not raw:
        return None
    classes = [tuple(str(p).casefold() for p in group) for group in raw.get("noun_classes", ())]
    plurals = [str(p).casefold() for p in raw.get("no_class_plurals", ())]
    before = {str(p).casefold() for p in raw.get("before_noun", ())}
    for other in raw.get("also_from", ()):
        if other in seen:
            continue
        theirs = _prefixes((_read(other) or {}).get("prefixes"), seen + (other,))
        if theirs:
            classes += [g for g in theirs.noun_classes if g not in classes]
            plurals += [p for p in theirs.no_class_plurals if p not in plurals]
            before |= theirs.before_noun
    return Prefixes(tuple(classes), tuple(plurals), frozenset(before),
                    str(raw.get("augment_vowels", "")), tuple(raw.get("locative_suffixes", ())))
