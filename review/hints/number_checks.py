"""The number checks: a text's amounts, dates and times compared with the source's by what they
mean (review/hints/numbers.py reads amounts, dates.py dates and times). Only the source is
compared: a reviewer who corrects HQ's wrong number is not told that HQ's number is missing."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from decimal import Decimal

from . import WARNING, CheckResult, Span
from .dates import DateMention, TimeMention, dates, times
from .langdata import language_data
from .numbers import (_DIGITS, _MANY, _MAX_POWER, Amount, _ascii, _number_words, _scales, amounts,
                      covered, respell, spell_amount, spell_date)


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
