"""Translation memory lookup: the best fuzzy matches for a post's source text.

Scoring with rapidfuzz over all 100,000 units costs ~20 ms a query, so a prefilter picks the
candidates first: an FTS5 index whose "words" we make ourselves, because FTS5's own tokenizers
fail on Chinese (`unicode61` sees a whole sentence as one word; `trigram` cannot match a
two-character word). Each unit is indexed as
- lower-cased words for scripts with spaces, and
- overlapping character bigrams for runs of Chinese, Japanese or Korean characters
  ("马斯温戈省" -> 马斯 斯温 温戈 戈省), so any shared two-character word is found;
- plus one token naming its language pair, so the index only returns units of the right pair.
The candidates (ranked by FTS5's bm25, which favours rare shared tokens) are then scored with
rapidfuzz: score 0-100, exact matches 100, compared by characters (for CJK that is the unit of
meaning; for other scripts it rewards near-identical wording, like CAT tools' fuzzy matches).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

if TYPE_CHECKING:
    from ..store import Store

DEFAULT_THRESHOLD = 70
DEFAULT_LIMIT = 5
CANDIDATES = 200  # how many prefiltered units are scored
QUERY_TOKENS = 24  # the query's tokens used in the prefilter (rarest-looking first)

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(rf"[^\W{_CJK}]+")  # letters and digits of non-CJK scripts


def primary(lang: str) -> str:
    return lang.split("-")[0].lower()


def pair_token(source_lang: str, target_lang: str) -> str:
    """A token that cannot occur in text (letters only, never produced by _WORD on real words
    because it carries a fixed odd prefix), naming the language pair by primary subtags."""
    return f"zzpair{primary(source_lang)}zz{primary(target_lang)}"


def text_tokens(text: str) -> list[str]:
    """Words (lower-cased) and CJK bigrams of `text`, in order of appearance."""
    tokens = [w.lower() for w in _WORD.findall(text)]
    for run in _CJK_RUN.findall(text):
        tokens.extend(run[i:i + 2] for i in range(max(len(run) - 1, 1)))
    return tokens


def index_tokens(source_lang: str, target_lang: str, source_text: str) -> str:
    return " ".join([pair_token(source_lang, target_lang)] + text_tokens(source_text))


def _fts_query(source_lang: str, target_lang: str, text: str) -> str | None:
    tokens = list(dict.fromkeys(text_tokens(text)))
    if not tokens:
        return None
    # Longer tokens are rarer in practice; bm25 then ranks units sharing the rare ones first.
    chosen = sorted(tokens, key=len, reverse=True)[:QUERY_TOKENS]
    quoted = " OR ".join('"' + t.replace('"', '""') + '"' for t in chosen)
    return f'"{pair_token(source_lang, target_lang)}" AND ({quoted})'


def diff_units(text: str) -> list[str]:
    """What differences are counted in: characters for CJK, words (and the spaces between
    them, so the pieces join back into the text) for other scripts."""
    return re.findall(rf"[{_CJK}]|[^\s{_CJK}]+|\s+", text)


@dataclass(frozen=True)
class DiffPiece:
    op: str  # "equal", "insert" (only in the memory's source), "delete" (only in the post's), "replace"
    query: str  # the piece of the post's source text
    match: str  # the piece of the memory unit's source text


@dataclass(frozen=True)
class MemoryMatch:
    unit_id: int
    score: float
    source_text: str
    target_text: str
    origin: str
    diff: tuple[DiffPiece, ...]


def differences(query: str, found: str) -> tuple[DiffPiece, ...]:
    """Word-level (character-level for CJK) differences from the post's source to the match's."""
    a, b = diff_units(query), diff_units(found)
    pieces = []
    for op in Levenshtein.opcodes(a, b):
        pieces.append(DiffPiece(op.tag, "".join(a[op.src_start:op.src_end]),
                                "".join(b[op.dest_start:op.dest_end])))
    return tuple(pieces)


def score(query: str, candidate: str) -> float:
    if query == candidate:
        return 100.0
    return round(fuzz.ratio(query.casefold(), candidate.casefold()), 1)


def lookup(store: "Store", source_lang: str, target_lang: str, text: str, *,
           threshold: float = DEFAULT_THRESHOLD, limit: int = DEFAULT_LIMIT,
           exclude_post: str | None = None) -> list[MemoryMatch]:
    """The best matches for `text`, best first, scoring at least `threshold`."""
    query = _fts_query(source_lang, target_lang, text)
    if query is None:
        return []
    scored = []
    for unit in store.tm_candidates(query, CANDIDATES):
        if exclude_post is not None and unit["post_id"] == exclude_post:
            continue
        value = score(text, unit["source_text"])
        if value >= threshold:
            scored.append((value, unit))
    scored.sort(key=lambda pair: (-pair[0], pair[1]["id"]))
    return [MemoryMatch(u["id"], value, u["source_text"], u["target_text"], u["origin"],
                        differences(text, u["source_text"]))
            for value, u in scored[:limit]]
