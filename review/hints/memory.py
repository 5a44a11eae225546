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


_SCAN_CACHE: dict[tuple, tuple[list[tuple], list[str]]] = {}


def _all_units(store: "Store", source_lang: str, target_lang: str) -> tuple[list[tuple], list[str]]:
    """Every unit of the pair and its folded source, kept in memory until the memory changes
    (the fallback scan: rapidfuzz scores 100,000 units in ~15 ms; reading them from SQLite
    each time would cost more)."""
    key = (str(store.path), pair_prefix(source_lang, target_lang), store.settings.get("tm_version"))
    if key not in _SCAN_CACHE:
        _SCAN_CACHE.clear()
        units = store.memory.units_of_pair(source_lang, target_lang)
        _SCAN_CACHE[key] = (units, [u[1].casefold() for u in units])
    return _SCAN_CACHE[key]


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
    if ids is None:
        units, folded = _all_units(store, source_lang, target_lang)
    else:
        units = store.memory.units_by_id(ids)
        folded = [u[1].casefold() for u in units]
    # One more than asked for, as the post's own unit may be among them.
    best = _best(text.casefold(), folded, threshold, limit + 1)
    # Ties go by what the units say, never by their ids: a reviewer's laptop stores the units
    # of a work package in another order than the coordinator's desk, and shows the same.
    scored = sorted(((score(text, units[i][1]), units[i]) for _, _, i in best
                     if exclude_post is None or units[i][4] != exclude_post),
                    key=lambda pair: (-pair[0], pair[1][1:4]))
    return [MemoryMatch(unit_id, value, source, target, origin, differences(text, source))
            for value, (unit_id, source, target, origin, _post) in scored[:limit]]
