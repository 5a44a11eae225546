"""Which glossaries and which memory units feed the hints of posts of some language pairs.

One answer, asked by the hints (which entries a post's glossary matcher holds, which units its
memory lookup reads) and by the work package (which glossaries and units it carries): so a
reviewer's laptop shows every post the hints the coordinator's desk shows, and the two cannot
drift apart again (a package once carried only the zh-CN>en glossary while zh-CN>sn posts took
their target-side hints from the en>sn one).

- Terms in a post's source text: glossaries of the post's own pair.
- Renderings in its target text: every glossary into its target language, whatever the
  glossary's source language (an en>sn glossary warns about a forbidden Shona word in a
  zh-CN>sn post).
- Memory matches: units of the post's pair.
Languages are compared by their primary subtag: zh-CN, zh-Hans and zh are one language, and so
are en-GB and en.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..languages import primary


def language_pair(source_lang: str, target_lang: str) -> tuple[str, str]:
    """A pair as glossaries and memory match it: ("zh-CN", "en-GB") -> ("zh", "en")."""
    return primary(source_lang), primary(target_lang)


@dataclass(frozen=True)
class HintSources:
    pairs: frozenset[tuple[str, str]]  # the posts' pairs, by primary subtag

    @property
    def targets(self) -> frozenset[str]:
        return frozenset(target for _source, target in self.pairs)

    def gives_terms(self, source_lang: str, target_lang: str) -> bool:
        """A glossary of these languages gives terms to find in the source text."""
        return language_pair(source_lang, target_lang) in self.pairs

    def gives_renderings(self, source_lang: str, target_lang: str) -> bool:
        """A glossary of these languages gives renderings to find in the target text."""
        return primary(target_lang) in self.targets

    def feeds_glossary(self, source_lang: str, target_lang: str) -> bool:
        """A glossary of these languages feeds some hint (one that gives terms gives
        renderings too: its target is the post's)."""
        return self.gives_renderings(source_lang, target_lang)

    def feeds_memory(self, source_lang: str, target_lang: str) -> bool:
        return language_pair(source_lang, target_lang) in self.pairs


def hint_sources(pairs: Iterable[tuple[str, str]]) -> HintSources:
    """What feeds the hints of posts with these (source, target) languages."""
    return HintSources(frozenset(language_pair(source, target) for source, target in pairs))
