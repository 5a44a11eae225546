"""All hints for one post, as data: what the review pane shows and `review-desk hints` prints.

The text being checked is the post's current text: the latest rewrite, else HQ's draft.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from . import CheckResult
from .checks import run_checks, without_overlap
from .glossary import CompiledGlossary, GlossaryHints
from .language import Detection, detect, detect_many, language_checks
from .length import length_info
from .memory import MemoryMatch, lookup
from ..formats.placeholders import shown
from ..workflow import fold

if TYPE_CHECKING:
    from ..core import Core
    from ..model import PostState
    from ..store import Store

_COMPILED: dict[tuple, CompiledGlossary] = {}
_ENTRIES: dict[str, Any] = {}  # {"version": ..., "entries": [...]}: see _all_entries


@dataclass(frozen=True)
class ShownCheck:
    """A check result as the reviewer sees it: with a key to dismiss it, and its dismissal."""

    key: str
    result: CheckResult
    dismissed: dict[str, str] | None


@dataclass(frozen=True)
class PostHints:
    post_id: str
    checked: str  # "draft" or "rewrite": which text the checks looked at
    glossary: GlossaryHints
    memory: tuple[MemoryMatch, ...]
    language: dict[str, Any]
    checks: tuple[ShownCheck, ...]
    length: dict[str, Any]

    @property
    def open_problems(self) -> int:
        return sum(1 for c in self.checks if not c.dismissed and c.result.severity != "info")

    def to_json(self) -> dict[str, Any]:
        return {
            "post": self.post_id,
            "checked": self.checked,
            "glossary": self.glossary.to_json(),
            "memory": [_memory_json(m) for m in self.memory],
            "language": self.language,
            "checks": [_check_json(c) for c in self.checks],
            "length": self.length,
        }


def compiled_glossary(store: "Store", source_lang: str, target_lang: str) -> CompiledGlossary:
    """Glossary matchers for a language pair, rebuilt only when a glossary changed."""
    version = (str(store.path), store.settings.get("glossary_version"))
    key = version + (source_lang, target_lang)
    if key not in _COMPILED:
        if len(_COMPILED) > 16:
            _COMPILED.clear()
        _COMPILED[key] = CompiledGlossary(_all_entries(store, version), source_lang, target_lang)
    return _COMPILED[key]


def _all_entries(store: "Store", version: tuple) -> list:
    """Every glossary entry, read once per glossary version: the window compiles a matcher for
    each language pair it meets, and reading 10,000 entries again for each cost 0.08 s a pair
    (0.5 s of the window's start at 100,000 posts, measured by bench/suite.py)."""
    if _ENTRIES.get("version") != version:
        _ENTRIES.update(version=version, entries=store.glossaries.all_entries())
    return _ENTRIES["entries"]


def post_hints(core: "Core", post_id: str, post: "PostState | None" = None) -> PostHints:
    """`post`: the post as it would be (a rewrite not saved yet); default: as stored."""
    post = post or core.post(post_id)
    glossary = compiled_glossary(core.store, post.source_lang, post.target_lang)
    found, checks = post_checks(post, glossary)
    # an inline code is what it stands for: the memory and the counter read the text as published
    memory = lookup(core.store, post.source_lang, post.target_lang,
                    shown(post.source_text, post.codes), exclude_post=post.id)
    return PostHints(post.id, "rewrite" if post.has_rewrite else "draft", found, tuple(memory),
                     _languages(post), checks,
                     length_info(post.platform, shown(post.current_text, post.codes)))


def post_checks(post: "PostState", glossary: CompiledGlossary, detected: Detection | None = None,
                ) -> tuple[GlossaryHints, tuple[ShownCheck, ...]]:
    """The glossary findings and every check result for the post's current text (`detected`:
    its language, when already known)."""
    text = post.current_text
    found, results = text_checks(
        post.source_text, text, source_lang=post.source_lang, target_lang=post.target_lang,
        platform=post.platform, glossary=glossary,
        draft_text=post.draft.text if post.has_rewrite else None, detected=detected,
        codes=post.codes)
    return found, tuple(_shown(r, text, post) for r in results)


def text_checks(source_text: str, text: str, *, source_lang: str, target_lang: str,
                platform: str, glossary: CompiledGlossary, draft_text: str | None = None,
                detected: Detection | None = None,
                codes: dict | None = None) -> tuple[GlossaryHints, list[CheckResult]]:
    """Every check of `text` (HQ's draft, or a rewrite of `draft_text`) against its source:
    the checks, language detection and the glossary, as a post's hints run them (the labelled
    set of tests/data/checks is measured through here)."""
    found = glossary.hints(source_text, text)
    results = without_overlap(
        run_checks(source_text, text, source_lang=source_lang, target_lang=target_lang,
                   platform=platform, draft_text=draft_text, codes=codes),
        language_checks(source_lang, target_lang, source_text, text,
                        "rewrite" if draft_text is not None else "draft", detected))
    return found, results + list(found.checks)


CHECKS_SLICE = 1000  # posts read, replayed and checked at a time: memory stays flat at any size


def batch_checks(core: "Core", batch: str) -> Iterator[tuple["PostState", tuple[ShownCheck, ...]]]:
    """Checks for every post of a batch, post by post as they are made (no memory lookups:
    those are per post, on demand). A slice of posts at a time, so a 100,000-post batch does
    not hold every log and result at once (1.1 GB when it did)."""
    ids = core.store.posts.ids_of_batch(batch)
    glossaries: dict[tuple[str, str], CompiledGlossary] = {}  # asking the store each time: 5%
    for start in range(0, len(ids), CHECKS_SLICE):
        chunk = ids[start:start + CHECKS_SLICE]
        logs = core.store.events.of_posts(chunk)
        posts = [fold(logs[post_id]) for post_id in chunk]
        languages = detect_many([post.current_text for post in posts])
        for post, detected in zip(posts, languages):
            pair = (post.source_lang, post.target_lang)
            if pair not in glossaries:
                glossaries[pair] = compiled_glossary(core.store, *pair)
            yield post, post_checks(post, glossaries[pair], detected)[1]


def check_key(result: CheckResult, text: str) -> str:
    """Names one finding stably while the text is unchanged: the check and what it points at."""
    pieces = [f"{s.text}:{s.start}-{s.end}" for s in result.spans]
    return result.id + ("@" + ",".join(pieces) if pieces else "")


def _shown(result: CheckResult, text: str, post: "PostState") -> ShownCheck:
    key = check_key(result, text)
    dismissal = post.dismissals.get(key)
    if dismissal and dismissal["text_sha256"] != hashlib.sha256(text.encode("utf-8")).hexdigest():
        dismissal = None  # the text changed since: the finding must be looked at again
    return ShownCheck(key, result, dismissal)


def _languages(post: "PostState") -> dict[str, Any]:
    texts = {"source": post.source_text, "draft": post.draft.text}
    if post.has_rewrite:
        texts["rewrite"] = post.current_text
    detected = {}
    for name, text in texts.items():
        found = detect(text)
        detected[name] = {"detected": found.lang, "confidence": round(found.confidence, 3),
                          "detector": found.detector}
    detected["expected"] = {"source": post.source_lang, "target": post.target_lang}
    return detected


def _memory_json(match: MemoryMatch) -> dict[str, Any]:
    return {"score": match.score, "source_text": match.source_text, "target_text": match.target_text,
            "origin": match.origin,
            "diff": [{"op": d.op, "text": d.query, "memory": d.match} for d in match.diff]}


def _check_json(shown: ShownCheck) -> dict[str, Any]:
    r = shown.result
    return {"id": r.id, "key": shown.key, "severity": r.severity, "message": r.message,
            "spans": [{"text": s.text, "start": s.start, "end": s.end} for s in r.spans],
            "dismissed": shown.dismissed}

