"""Glossary hints: which terms of the cultural glossary a post uses, and how its text renders them.

- Source side: every glossary term found in the source text (glossaries of the post's language
  pair), with the renderings the glossary expects and its cultural notes; `term-missing` when
  none of the preferred or allowed renderings (for a do-not-translate term: the term itself)
  appears in the text being checked.
- Target side: renderings found in the text being checked, from every glossary into the post's
  target language, whatever its source language (so an English->Shona glossary still warns about
  a forbidden Shona word in a post drafted from Chinese); `forbidden-term` when a forbidden or
  deprecated rendering is used and no glossary entry allows it.
Which glossaries feed which side is `sources.hint_sources`'s answer (a work package carries the
same glossaries); languages are compared by their primary subtag (a zh-CN glossary serves zh posts).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..model import GlossaryEntry
from . import ERROR, WARNING, CheckResult, Span
from ..languages import primary
from .sources import hint_sources
from .termmatch import TermMatcher

GOOD = ("preferred", "allowed")
BAD = ("deprecated", "forbidden")


@dataclass(frozen=True)
class TermHint:
    term: str
    start: int
    end: int
    expected: tuple[str, ...]  # preferred renderings first, then allowed ones
    avoid: tuple[str, ...]  # forbidden and deprecated renderings
    found: str | None  # the good rendering found in the checked text, if any
    notes: tuple[str, ...]
    dnt: bool


@dataclass(frozen=True)
class RenderingHit:
    text: str
    start: int
    end: int
    status: str  # the best status any entry gives this rendering
    notes: tuple[str, ...]
    preferred: tuple[str, ...]  # what to say instead, for a bad rendering


@dataclass(frozen=True)
class GlossaryHints:
    terms: tuple[TermHint, ...]
    renderings: tuple[RenderingHit, ...]
    checks: tuple[CheckResult, ...]

    def to_json(self) -> dict:
        return {
            "terms": [t.__dict__ | {"expected": list(t.expected), "avoid": list(t.avoid),
                                    "notes": list(t.notes)} for t in self.terms],
            "target": [r.__dict__ | {"notes": list(r.notes), "preferred": list(r.preferred)}
                       for r in self.renderings],
        }


class CompiledGlossary:
    """All glossary entries that concern one language pair, ready to match."""

    def __init__(self, entries: Iterable[tuple[str, str, GlossaryEntry]], source_lang: str,
                 target_lang: str):
        src, tgt = primary(source_lang), primary(target_lang)
        sources = hint_sources([(source_lang, target_lang)])
        pair_entries, target_entries = [], []
        for entry_src, entry_tgt, entry in entries:
            if sources.gives_renderings(entry_src, entry_tgt):
                target_entries.append(entry)
            if sources.gives_terms(entry_src, entry_tgt):
                pair_entries.append(entry)
        self.source = TermMatcher(((e.term, e.case_sensitive, e) for e in pair_entries), src)
        self.target = TermMatcher(((_rendering(e), e.case_sensitive, e) for e in target_entries), tgt)
        self.by_term: dict[str, list[GlossaryEntry]] = {}
        for entry in pair_entries:
            self.by_term.setdefault(entry.term.casefold(), []).append(entry)

    def hints(self, source_text: str, target_text: str) -> GlossaryHints:
        hits = self.target.find(target_text)
        used = {h.key.casefold() for h in hits if any(e.status in GOOD for e in h.items)}
        terms = tuple(self._term_hint(m.key, m.start, m.end, used) for m in self.source.find(source_text))
        renderings = tuple(self._rendering_hit(h.key, h.start, h.end, h.items) for h in hits)
        missing: dict[str, list[TermHint]] = {}
        for term in terms:
            if term.found is None and term.expected:
                missing.setdefault(term.term.casefold(), []).append(term)
        checks = [_missing(group) for group in missing.values()]
        checks += [_forbidden(r) for r in renderings if r.status in BAD]
        return GlossaryHints(terms, renderings, tuple(checks))

    def _term_hint(self, key: str, start: int, end: int, used: set[str]) -> TermHint:
        entries = self.by_term.get(key.casefold(), [])
        expected = _unique(_rendering(e) for s in GOOD for e in entries if e.status == s)
        avoid = _unique(e.translation for e in entries if e.status in BAD)
        found = next((r for r in expected if r.casefold() in used), None)
        notes = _unique(e.note for e in entries if e.note)
        return TermHint(key, start, end, expected, avoid, found, notes, any(e.dnt for e in entries))

    def _rendering_hit(self, text: str, start: int, end: int,
                       entries: tuple[GlossaryEntry, ...]) -> RenderingHit:
        status = min((e.status for e in entries), key=("preferred", "allowed", "deprecated", "forbidden").index)
        preferred = _unique(_rendering(other) for e in entries
                            for other in self.by_term.get(e.term.casefold(), []) if other.status == "preferred")
        return RenderingHit(text, start, end, status, _unique(e.note for e in entries if e.note), preferred)


def _rendering(entry: GlossaryEntry) -> str:
    """What a text should contain for this entry: a do-not-translate term stays as it is."""
    return entry.term if entry.dnt and not entry.translation else entry.translation


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _missing(occurrences: list[TermHint]) -> CheckResult:
    """One finding per missing term, pointing at each place the source uses it."""
    term = occurrences[0]
    want = " or ".join(f"'{r}'" for r in term.expected[:3])
    what = "keep the name as it is" if term.dnt else f"the glossary says {want}"
    note = f" ({term.notes[0]})" if term.notes else ""
    return CheckResult("term-missing", WARNING,
                       f"'{term.term}' in the source: {what}, but the text does not use it{note}",
                       tuple(Span("source", t.start, t.end) for t in occurrences),
                       template="term-missing-dnt" if term.dnt else "term-missing",
                       params=(("term", term.term), ("expected", " / ".join(term.expected[:3])),
                               ("note", term.notes[0] if term.notes else "")))


def _forbidden(hit: RenderingHit) -> CheckResult:
    instead = f"; say {' or '.join(repr(p) for p in hit.preferred[:3])}" if hit.preferred else ""
    note = f" ({hit.notes[0]})" if hit.notes else ""
    severity = ERROR if hit.status == "forbidden" else WARNING
    return CheckResult("forbidden-term", severity,
                       f"'{hit.text}' is a {hit.status} rendering{instead}{note}",
                       (Span("target", hit.start, hit.end),),
                       template="forbidden-term" if hit.preferred else "forbidden-term-plain",
                       params=(("text", hit.text), ("status", hit.status),
                               ("preferred", " / ".join(hit.preferred[:3])),
                               ("note", hit.notes[0] if hit.notes else "")))
