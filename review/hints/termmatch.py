"""Finding glossary terms in text, with character spans, for any script.

One Aho-Corasick automaton (pyahocorasick) per set of terms finds every candidate in a single pass;
then boundaries are checked and the longest non-overlapping matches kept.

- Chinese and Japanese have no spaces: a term matches anywhere, the longest one winning.
- A term that starts or ends with a Latin letter or digit must not be glued to another Latin
  letter or digit on that side. Python's `\\b` and `str.isalnum()` treat Chinese characters as
  word characters, so `\\bfacebook\\b` would miss `我用facebook`; here only Latin letters and
  digits make a word, so `facebook` is found there.
- Simple inflections: after a Latin term, one of the language's suffixes (English: s, es, 's)
  may follow before the boundary ("borehole" matches "boreholes" and "borehole's").
- Case: matched case-insensitively unless the term says otherwise (folding keeps every
  character's position, so spans stay valid).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

import ahocorasick

from ..languages import primary

T = TypeVar("T")

# Suffixes tried after a Latin term, per primary language subtag. Longest first.
INFLECTIONS: dict[str, tuple[str, ...]] = {
    "en": ("'s", "\u2019s", "es", "s"),
    "fr": ("s", "x"),
    "de": ("en", "es", "n", "s", "e"),
    "pt": ("s", "es"),
    "sw": (),
    "sn": (),  # Shona and Ndebele inflect with prefixes; starters match the stem as written
    "nd": (),
}


def is_latin_word_char(ch: str) -> bool:
    """A Latin letter (with its accented forms) or an ASCII digit: what glues a Latin word."""
    return (ch.isascii() and ch.isalnum()) or ("\u00c0" <= ch <= "\u024f" and ch.isalpha())


def fold_case(text: str) -> str:
    """Lower-case `text` without changing its length, so positions map one to one."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    key: str  # the term as written in the glossary
    items: tuple[T, ...]  # what the term stands for (entries sharing that term)


class TermMatcher(Generic[T]):
    """All terms of one language, ready to be found in texts of that language."""

    def __init__(self, terms: Iterable[tuple[str, bool, T]], lang: str = "en"):
        """`terms`: (term, case_sensitive, item). Items sharing a term are reported together."""
        self.suffixes = INFLECTIONS.get(primary(lang), ())
        grouped: dict[str, list[tuple[str, bool, T]]] = {}
        for term, case_sensitive, item in terms:
            term = term.strip()
            if term:
                grouped.setdefault(fold_case(term), []).append((term, case_sensitive, item))
        self.automaton = ahocorasick.Automaton()
        for key, group in grouped.items():
            self.automaton.add_word(key, (key, tuple(group)))
        self.empty = not grouped
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Match[T]]:
        """The longest non-overlapping matches in `text`, in text order."""
        if self.empty or not text:
            return []
        folded = fold_case(text)
        candidates = []
        for last, (key, group) in self.automaton.iter(folded):
            start = last + 1 - len(key)
            items = tuple(item for term, sensitive, item in group
                          if not sensitive or text[start:start + len(term)] == term)
            end = self._end_at_boundary(folded, start, last + 1)
            if items and end is not None:
                candidates.append(Match(start, end, group[0][0], items))
        return _longest_without_overlap(candidates)

    def _end_at_boundary(self, folded: str, start: int, end: int) -> int | None:
        """Where a match really ends (after an inflection), or None if it is inside a word."""
        if is_latin_word_char(folded[start]) and start > 0 and is_latin_word_char(folded[start - 1]):
            return None
        if not is_latin_word_char(folded[end - 1]):
            return end
        for suffix in ("",) + self.suffixes:
            stop = end + len(suffix)
            if folded.startswith(suffix, end) and (stop == len(folded)
                                                   or not is_latin_word_char(folded[stop])):
                return stop
        return None


def _longest_without_overlap(candidates: list[Match[T]]) -> list[Match[T]]:
    chosen: list[Match[T]] = []
    taken: list[tuple[int, int]] = []
    for match in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if all(match.end <= s or match.start >= e for s, e in taken):
            chosen.append(match)
            taken.append((match.start, match.end))
    return sorted(chosen, key=lambda m: m.start)
