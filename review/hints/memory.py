"""Translation memory lookup: the best fuzzy matches for a post's source text.

Scoring with rapidfuzz over all 100,000 units costs ~20 ms a query, so a prefilter picks the
candidates first: an FTS5 index whose "words" we make ourselves, because FTS5's own tokenizers
fail on Chinese (`unicode61` sees a whole sentence as one word; `trigram` cannot match a
two-character word). Each unit is indexed as
- lower-cased words for scripts with spaces, and
- overlapping character bigrams for runs of Chinese, Japanese or Korean characters
  ("马斯温戈省" -> 马斯 斯温 温戈 戈省), so any shared two-character word is found;
- each prefixed with its language pair, so a lookup reads only its own pair's units.
The units sharing the most of the query's rarer tokens are then scored with rapidfuzz (FTS5's
own bm25 ranking cost ~2 µs a unit reached, more than all the rest): score 0-100, exact matches 100, compared by characters (for CJK that is the unit of
meaning; for other scripts it rewards near-identical wording, like CAT tools' fuzzy matches).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..memory_tokens import CJK, pair_prefix, text_tokens

if TYPE_CHECKING:
    from ..store import Store

DEFAULT_THRESHOLD = 70
DEFAULT_LIMIT = 5
CANDIDATES = 100  # the units sharing the most tokens with the query are scored
RARE_TOKENS = 12  # at most this many of the query's rarest tokens are looked up
COMMON_TOKEN_UNITS = 2000  # a token in more units than this is too common to help
MIN_RARE_TOKENS = 3  # with fewer rare tokens the prefilter is blind: score every unit
POSTINGS_READ = 4000  # stop looking up tokens once this many postings were read
TIE = 0.001  # scores this close are equal (a match is shown with one decimal)

def _candidate_ids(store: "Store", source_lang: str, target_lang: str, text: str) -> list[int] | None:
    """Units of the pair that share the most of the query's rarer tokens, most shared first.

    Common tokens (的, 了, "the") occur in most units and tell nothing; a near-repeat shares
    nearly all of the query's tokens, so counting, over the rarer ones, how many each unit
    shares finds it even when the rarest token is the one that changed (a new number).
    None when the query has too few rare tokens for that to work: the caller scans.
    """
    prefix = pair_prefix(source_lang, target_lang)
    tokens = list(dict.fromkeys(prefix + t for t in text_tokens(text)))
    if not tokens:
        return []
    counts = store.memory.token_counts(tokens)
    usable = sorted((t for t in tokens if 0 < counts.get(t, 0) <= COMMON_TOKEN_UNITS),
                    key=lambda t: counts[t])
    if len(usable) < MIN_RARE_TOKENS and any(counts.get(t, 0) > COMMON_TOKEN_UNITS for t in tokens):
        return None  # every shared word is common (a memory of templated posts): scan instead
    shared: Counter[int] = Counter()
    reach = 0
    for token in usable[:RARE_TOKENS]:
        reach += counts[token]
        if reach > POSTINGS_READ and shared:
            break  # reading more postings costs more than it can still change
        shared.update(store.memory.units_with(token))
    return [unit_id for unit_id, _ in shared.most_common(CANDIDATES)]


SCAN_CACHE_UNITS = 200_000  # sources kept for the fallback scan, all pairs together (~60 MB)
_SCAN_CACHE: dict[tuple, tuple[str, list[int], list[str]]] = {}  # least recently used first


def _all_sources(store: "Store", source_lang: str, target_lang: str) -> tuple[list[int], list[str]]:
    """Ids and folded sources of every unit of the pair, kept in memory until the memory
    changes (the fallback scan: rapidfuzz scores 100,000 units in ~15 ms; reading them from
    SQLite costs 130 ms). Several pairs are kept: a queue mixes pairs, and keeping one pair only
    read a whole pair again on every other post of the 100,000-post benchmark (p90 200 ms)."""
    key = (str(store.path), pair_prefix(source_lang, target_lang))
    version = store.settings.get("tm_version")
    kept = _SCAN_CACHE.pop(key, None)
    if kept is None or kept[0] != version:
        rows = store.memory.sources_of_pair(source_lang, target_lang)
        kept = (version, [row[0] for row in rows], [row[1].casefold() for row in rows])
    _SCAN_CACHE[key] = kept
    while len(_SCAN_CACHE) > 1 and sum(len(ids) for _, ids, _ in _SCAN_CACHE.values()) > SCAN_CACHE_UNITS:
        del _SCAN_CACHE[next(iter(_SCAN_CACHE))]
    return kept[1], kept[2]


def diff_units(text: str) -> list[str]:
    """What differences are counted in: characters for CJK, words (and the spaces between
    them, so the pieces join back into the text) for other scripts."""
    return re.findall(rf"[{CJK}]|[^\s{CJK}]+|\s+", text)


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


def _best(query: str, folded: list[str], threshold: float, count: int) -> list[tuple]:
    """rapidfuzz's `count` best (text, score, index), and every other one scoring as much as
    the last of them: which of units that tie is left out must not depend on where they are
    stored. A few more are asked for at once; only when all of those tie too is the memory
    scored again (which doubled the time of a lookup in a memory of templated posts)."""
    best = process.extract(query, folded, scorer=fuzz.ratio, score_cutoff=threshold,
                           limit=count * 4)
    if len(best) <= count:
        return best
    last = best[count - 1][1] - TIE  # with a cutoff, rapidfuzz computes the same score a hair lower
    if len(best) < count * 4 or best[-1][1] < last:  # every unit tying with the last is here
        return [found for found in best if found[1] >= last]
    return process.extract(query, folded, scorer=fuzz.ratio, score_cutoff=last, limit=None)


def lookup(store: "Store", source_lang: str, target_lang: str, text: str, *,
           threshold: float = DEFAULT_THRESHOLD, limit: int = DEFAULT_LIMIT,
           exclude_post: str | None = None) -> list[MemoryMatch]:
    """The best matches for `text`, best first, scoring at least `threshold`."""
    ids = _candidate_ids(store, source_lang, target_lang, text)
    # One more than asked for, as the post's own unit may be among them.
    if ids is None:
        unit_ids, folded = _all_sources(store, source_lang, target_lang)
        best = _best(text.casefold(), folded, threshold, limit + 1)
        chosen = store.memory.units_by_id([unit_ids[i] for _, _, i in best])
    else:
        units = store.memory.units_by_id(ids)
        best = _best(text.casefold(), [u[1].casefold() for u in units], threshold, limit + 1)
        chosen = [units[i] for _, _, i in best]
    # Ties go by what the units say, never by their ids: a reviewer's laptop stores the units
    # of a work package in another order than the coordinator's desk, and shows the same.
    scored = sorted(((score(text, unit[1]), unit) for unit in chosen
                     if exclude_post is None or unit[4] != exclude_post),
                    key=lambda pair: (-pair[0], pair[1][1:4]))
    return [MemoryMatch(unit_id, value, source, target, origin, differences(text, source))
            for value, (unit_id, source, target, origin, _post) in scored[:limit]]
