"""Finding glossary terms in text, with character spans, for any script.

Three ways to find a term, chosen by the language's data (`review/hints/langdata.py`):

- As written, for Chinese, Japanese and Korean and for terms with signs in them (`#ZWBoreholes1000`,
  `District Development Fund (DDF)`): one Aho-Corasick automaton (pyahocorasick) finds every
  candidate in a single pass. Chinese and Japanese have no spaces, so a CJK term matches
  anywhere; a term that starts or ends with a Latin letter or digit must not be glued to
  another one on that side (`\\b` treats Chinese characters as word characters, so
  `\\bfacebook\\b` would miss `我用facebook`; here only Latin letters and digits make a word).
- By stems, for languages with a stemmer (English, French, German, Portuguese: snowballstemmer):
  the text's words and the term's words are reduced to their stems and compared word by word,
  so "donated" is "donate", "tests" is "testing", "Bohrlöcher" is "Bohrloch". In German a term
  may also begin a compound ("Investitionsmesse") or end one ("Auslandsinvestitionen").
- By prefixes, for Shona and Ndebele: a word of the text is the term's word when it ends with
  the term's stem and what comes before is a chain of the language's prefixes ending in the
  term's noun-class prefix or one that replaces it: `pachibhorani` (pa- + chibhorani),
  `zvibhorani` (zvi- for chi-), `kuvarombo`, `matsime` (ma- + tsime), `emphakathini` (e- +
  (u)mphakathi + -ini). The lists are in the language data files, not here.

Case: matched case-insensitively unless the term says otherwise (folding keeps every
character's position, so spans stay valid). `find` gives the longest matches that do not
overlap; `find_all` every match, also those inside a longer one (`mvura` inside `mvura
yakachena`: the rendering is used).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

import ahocorasick

from .langdata import LanguageData, Prefixes, language_data

T = TypeVar("T")

_LATIN_WORD = "A-Za-z0-9\u00c0-\u024f"
# A term made of words only (letters, spaces, hyphens, apostrophes) is found word by word;
# anything else ("#tag", "(DDF)", CJK) as written.
_WORDY = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’ -]*")
_WORD = re.compile(rf"[{_LATIN_WORD}]+")
_HYPHENED_WORD = re.compile(rf"[{_LATIN_WORD}]+(?:-[{_LATIN_WORD}]+)*")
_BETWEEN_WORDS = re.compile(r"[\s\-'’]{1,3}")  # what may separate the words of one term
_COMPOUND_TAIL = 4  # letters an inflection may add after a term that ends a compound
_COMPOUND_HEAD = 3  # letters a compound must add before a term it ends
# Letters of prefixes before a stem: real chains are short (zve-mu-, se-be-la-ma-); a longer run
# is no prefix chain, and is not looked at (a hostile text cannot make the search long).
_LONGEST_PREFIX_CHAIN = 12


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


@dataclass(frozen=True)
class _Term(Generic[T]):
    text: str
    case_sensitive: bool
    item: T
    prefix: bool  # a prefix fused to the next word (Shona "Va" of "VaMoyo")


class TermMatcher(Generic[T]):
    """All terms of one language, ready to be found in texts of that language."""

    def __init__(self, terms: Iterable[tuple], lang: str = "en"):
        """`terms`: (term, case_sensitive, item) or (term, case_sensitive, item, is_prefix).
        Items sharing a term are reported together."""
        self.data = language_data(lang)
        by_key: dict[str, list[_Term[T]]] = {}
        for term, case_sensitive, item, *rest in terms:
            term = term.strip()
            if term:
                by_key.setdefault(fold_case(term), []).append(
                    _Term(term, case_sensitive, item, bool(rest and rest[0])))
        by_words = self.data.stemmer or self.data.prefixes
        worded = {k: g for k, g in by_key.items()
                  if by_words and _WORDY.fullmatch(k) and not any(t.prefix for t in g)}
        self.written = _Written({k: g for k, g in by_key.items() if k not in worded})
        self.stemmed = _Stemmed(worded, self.data) if worded and self.data.stemmer else None
        self.prefixed = _Prefixed(worded, self.data.prefixes) \
            if worded and self.data.prefixes and not self.data.stemmer else None
        self.empty = not by_key

    def find(self, text: str) -> list[Match[T]]:
        """The longest non-overlapping matches in `text`, in text order."""
        return _longest_without_overlap(self.find_all(text))

    def find_all(self, text: str) -> list[Match[T]]:
        """Every match in `text`, overlapping ones too."""
        if self.empty or not text:
            return []
        folded = fold_case(text)
        found = self.written.find(text, folded)
        for way in (self.stemmed, self.prefixed):
            if way is not None:
                found += way.find(text, folded)
        return found


def _matched_items(group: list[_Term[T]], text: str, start: int, end: int) -> tuple[T, ...]:
    """The items of the terms that match here, case-sensitive ones only in their own case."""
    return tuple(t.item for t in group
                 if not t.case_sensitive or _same_case(t.text, text[start:end]))


def _same_case(term: str, found: str) -> bool:
    """A case-sensitive term is found in its case; an inflected form may add letters at the
    end of a word ("Chiefs"), a prefixed one at its start ("yiNkosi"), which are not compared."""
    if found == term or found.startswith(term) or found.endswith(term):
        return True
    words, found_words = term.split(), found.split()
    return len(words) == len(found_words) and all(
        w[:1] == f[:1] if not any(c.isupper() for c in w[1:]) else w in f
        for w, f in zip(words, found_words))


# --- As written ---------------------------------------------------------------------------------
class _Written(Generic[T]):
    def __init__(self, by_key: dict[str, list[_Term[T]]]):
        self.automaton = ahocorasick.Automaton()
        for key, group in by_key.items():
            self.automaton.add_word(key, (key, group))
        self.empty = not by_key
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str, folded: str) -> list[Match[T]]:
        if self.empty:
            return []
        found = []
        for last, (key, group) in self.automaton.iter(folded):
            start, end = last + 1 - len(key), last + 1
            if is_latin_word_char(folded[start]) and start > 0 and is_latin_word_char(folded[start - 1]):
                continue
            prefix = all(t.prefix for t in group)
            if (not prefix and end < len(folded) and is_latin_word_char(folded[end - 1])
                    and is_latin_word_char(folded[end])):
                continue
            items = tuple(t.item for t in group
                          if not t.case_sensitive or text[start:end] == t.text)
            if items:
                found.append(Match(start, end, group[0].text, items))
        return found


# --- By stems ----------------------------------------------------------------------------------
@functools.lru_cache(maxsize=8)
def _stemmer(algorithm: str):
    import snowballstemmer

    return snowballstemmer.stemmer(algorithm)


class _Stemmed(Generic[T]):
    """Terms compared stem by stem with the text's words."""

    def __init__(self, by_key: dict[str, list[_Term[T]]], data: LanguageData):
        self.algorithm = data.stemmer
        self.compounds = data.compounds
        self.by_first: dict[str, list[tuple[tuple[str, ...], list[_Term[T]]]]] = {}
        for key, group in by_key.items():
            stems = tuple(self.stem(w) for w in _WORD.findall(key))
            if stems:
                self.by_first.setdefault(stems[0], []).append((stems, group))
        # German compounds: single-word terms of four letters or more, found inside words.
        self.inside = ahocorasick.Automaton()
        singles = {s[0]: g for stems_groups in self.by_first.values() for s, g in stems_groups
                   if len(s) == 1 and len(s[0]) >= 4}
        for stem, group in singles.items():
            self.inside.add_word(stem, (stem, group))
        self.has_inside = self.compounds and bool(singles)
        if self.has_inside:
            self.inside.make_automaton()

    def stem(self, word: str) -> str:
        return _stem(self.algorithm, word)

    def find(self, text: str, folded: str) -> list[Match[T]]:
        words = [(m.start(), m.end(), self.stem(m.group())) for m in _WORD.finditer(folded)]
        found = []
        for i, (start, _, stem) in enumerate(words):
            for stems, group in self.by_first.get(stem, ()):
                end = _words_follow(folded, words, i, stems)
                items = _matched_items(group, text, start, end) if end is not None else ()
                if items:
                    found.append(Match(start, end, group[0].text, items))
        if self.has_inside:
            found += self._in_compounds(text, folded, words)
        return found

    def _in_compounds(self, text: str, folded: str, words: list) -> list[Match[T]]:
        """A term that begins a compound word, or ends one (maybe inflected)."""
        found = []
        for start, end, _ in words:
            word = folded[start:end]
            for last, (stem, group) in self.inside.iter(word):
                head, tail = last + 1 - len(stem), len(word) - last - 1
                begins = head == 0 and tail >= _COMPOUND_HEAD
                ends = head >= _COMPOUND_HEAD and tail <= _COMPOUND_TAIL
                items = _matched_items(group, text, start, end) if begins or ends else ()
                if items:
                    found.append(Match(start, end, group[0].text, items))
        return found


@functools.lru_cache(maxsize=20000)  # words repeat: a batch's posts share most of theirs
def _stem(algorithm: str, word: str) -> str:
    return _stemmer(algorithm).stemWord(word)


def _words_follow(folded: str, words: list, first: int, stems: tuple[str, ...]) -> int | None:
    """Where a term of `stems` ends when its first word is `words[first]`, or None."""
    if first + len(stems) > len(words):
        return None
    for offset in range(1, len(stems)):
        previous, current = words[first + offset - 1], words[first + offset]
        if current[2] != stems[offset] or not _BETWEEN_WORDS.fullmatch(folded[previous[1]:current[0]]):
            return None
    return words[first + len(stems) - 1][1]


# --- By prefixes ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _PrefixedWord:
    stem: str  # folded
    forms: frozenset[str]  # the class prefixes that may stand before the stem
    case_sensitive_stem: str | None  # the stem as written, for a case-sensitive term


class _Prefixed(Generic[T]):
    """Terms found with the noun-class and locative prefixes of the language."""

    def __init__(self, by_key: dict[str, list[_Term[T]]], prefixes: Prefixes):
        self.prefixes = prefixes
        self.automaton = ahocorasick.Automaton()
        keys: dict[str, list] = {}
        for key, group in by_key.items():
            sensitive = all(t.case_sensitive for t in group)
            words = [self._split(w, written if sensitive else None, i == 0)
                     for i, (w, written) in enumerate(zip(key.split(), group[0].text.split()))]
            keys.setdefault(words[0].stem, []).append((words, group))
            if prefixes.locative_suffixes and words[0].stem[-1:] in "aeiou" and len(words) == 1 \
                    and len(words[0].stem) >= 4:
                keys.setdefault(words[0].stem[:-1], []).append((words, group))
        for key, entries in keys.items():
            self.automaton.add_word(key, (key, entries))
        self.automaton.make_automaton()

    def _split(self, word: str, written: str | None, first: bool) -> _PrefixedWord:
        """A term's word as (stem, class prefixes that may stand before it): chibhorani ->
        (bhorani, chi/zvi); wepombi -> (pombi, none/ma): a possessive prefix of the term's
        own word, after the first, is one the text may change (yemvura / emvura; a first
        word's is part of the noun: sabhuku, komiti). A case-sensitive word is
        split only where its capital shows the stem: iNkosi -> (Nkosi, i/ama...); Ishe stays
        whole (VaIshe, kunaIshe)."""
        if written is not None:
            capital = next((i for i, ch in enumerate(written) if i and ch.isupper()), None)
            prefix = word[:capital] if capital is not None else ""
            if prefix and prefix not in self.prefixes.class_prefixes:
                prefix = ""
            return self._word(word, prefix, written)
        for prefix in self.prefixes.class_prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                return self._word(word, prefix, written)
        for before in sorted(self.prefixes.before_noun, key=len, reverse=True) if not first else ():
            if word.startswith(before) and len(word) - len(before) >= 4:
                rest = word[len(before):]
                prefix = next((p for p in self.prefixes.class_prefixes
                               if rest.startswith(p) and len(rest) - len(p) >= 2), "")
                return self._word(rest, prefix, written[len(before):] if written else None)
        return self._word(word, "", written)

    def _word(self, word: str, prefix: str, written: str | None) -> _PrefixedWord:
        return _PrefixedWord(word[len(prefix):], self.prefixes.class_forms(prefix),
                             written[len(prefix):] if written else None)

    def find(self, text: str, folded: str) -> list[Match[T]]:
        tokens = [(m.start(), m.end()) for m in _HYPHENED_WORD.finditer(folded)]
        starts = [s for s, _ in tokens]
        found = []
        for last, (key, entries) in self.automaton.iter(folded):
            start = last + 1 - len(key)
            position = bisect.bisect_right(starts, start) - 1  # the word the stem ends
            if position < 0 or tokens[position][1] <= last:
                continue
            token = tokens[position]
            if start - token[0] > _LONGEST_PREFIX_CHAIN:
                continue
            for words, group in entries:
                end = self._matches(text, folded, tokens, position, start, last + 1, words)
                items = tuple(t.item for t in group) if end is not None else ()
                if items:
                    found.append(Match(token[0], end, group[0].text, items))
        return found

    def _matches(self, text: str, folded: str, tokens: list, position: int,
                 start: int, end: int, words: list[_PrefixedWord]) -> int | None:
        """Where the term ends when its first word's stem was found at [start, end) inside
        `tokens[position]`, or None when the rest of that word or the following words do not
        fit."""
        first, token = words[0], tokens[position]
        rest = folded[end:token[1]]
        full = end - start == len(first.stem)
        if not ((full and not rest) or (not full and rest in self.prefixes.locative_suffixes)
                or (full and rest in self.prefixes.locative_suffixes and len(words) == 1)):
            return None
        if not self._prefixed(folded[token[0]:start], first) or not self._case_fits(text, start, first):
            return None
        for offset, word in enumerate(words[1:], start=1):
            if position + offset >= len(tokens):
                return None
            s, e = tokens[position + offset]
            previous_end = tokens[position + offset - 1][1]
            if not _BETWEEN_WORDS.fullmatch(folded[previous_end:s]) or not folded[s:e].endswith(word.stem):
                return None
            stem_start = e - len(word.stem)
            if stem_start - s > _LONGEST_PREFIX_CHAIN or not self._prefixed(folded[s:stem_start], word) \
                    or not self._case_fits(text, stem_start, word):
                return None
        return tokens[position + len(words) - 1][1]

    @staticmethod
    def _case_fits(text: str, start: int, word: _PrefixedWord) -> bool:
        return word.case_sensitive_stem is None or \
            text.startswith(word.case_sensitive_stem, start)

    def _prefixed(self, before: str, word: _PrefixedWord) -> bool:
        """Whether `before` (what precedes the stem in the text's word) is a chain of prefixes
        that ends in one of the word's class prefixes: (pa)(chi), (ku)(va), (e)(m) with the
        Ndebele augment dropped (um -> m)."""
        return _chain(before.replace("-", ""), word.forms, self.prefixes)


@functools.lru_cache(maxsize=4096)
def _chain(before: str, forms: frozenset[str], prefixes: Prefixes) -> bool:
    if before in forms:
        return True
    dropped = {f[1:] for f in forms if f and f[0] in prefixes.augment_vowels}
    if "" in forms:
        dropped.add("")
    return _only_prefixes_then(before, forms, dropped, prefixes.before_noun)


def _only_prefixes_then(before: str, forms: frozenset[str], dropped: set[str],
                        chain: frozenset[str]) -> bool:
    """`before` = one or more prefixes of `chain`, then a class form (with its augment, or
    without it after a prefix, as Ndebele drops it: la- + amanzi = lamanzi)."""
    for cut in range(1, len(before) + 1):
        head, tail = before[:cut], before[cut:]
        if head not in chain:
            continue
        if tail in forms or tail in dropped or _only_prefixes_then(tail, forms, dropped, chain):
            return True
    return False


def _longest_without_overlap(candidates: list[Match[T]]) -> list[Match[T]]:
    chosen: list[Match[T]] = []
    starts: list[int] = []  # of the chosen matches, which never overlap: their ends sort alike
    ends: list[int] = []
    for match in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        i = bisect.bisect_right(starts, match.start)
        if (i and ends[i - 1] > match.start) or (i < len(starts) and starts[i] < match.end):
            continue
        starts.insert(i, match.start)
        ends.insert(i, match.end)
        chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)
