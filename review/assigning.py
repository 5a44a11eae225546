"""Sharing a batch between reviewers: `split_batch` divides its open, unassigned posts (each
language pair with one reviewer where it can, then evenly), one assignment event per post
through the usual verb (reviewing.assign_in_transaction), all in one transaction.

The plan is a pure function (`plan_split`) so that it can be tested on its own: whole language
pairs go, largest first, to the reviewer with the fewest posts so far, as long as that reviewer
stays within a fifth over an even share; a pair that fits nowhere whole is cut, filling the
least-loaded reviewers up to an even share. Splitting 38 posts of one pair between two
reviewers gives 19 and 19; 20 zh-CN→en, 10 en→sn and 8 en→nd give 20 and 18, no pair cut.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from . import reviewing
from .core import Core, check_actor
from .errors import InvalidInput, TransitionRefused
from .model import CHANGES_REQUESTED, COORDINATOR, IN_REVIEW, PENDING, Actor, PostState
from .texts import said

# Posts that still wait for a reviewer's decision; approved, rejected, exported posts and
# posts in conflict (a coordinator's to resolve) are not shared out.
OPEN_STATES = (PENDING, IN_REVIEW, CHANGES_REQUESTED)
WHOLE_PAIR_SLACK = 5  # a reviewer may get up to 1/5 over an even share to keep a pair whole

Pair = tuple[str, str]  # (source language, target language)


@dataclass(frozen=True)
class Share:
    reviewer: str
    pairs: list[tuple[Pair, int]]  # each language pair with how many of its posts

    @property
    def count(self) -> int:
        return sum(n for _, n in self.pairs)


@dataclass(frozen=True)
class SplitDone:
    batch: str
    shares: list[Share]  # one per reviewer, in the order they were named
    left: int  # open posts already assigned to someone (not shared out)
    posts: list[PostState] = field(default_factory=list)  # the posts as the split left them

    @property
    def assigned(self) -> int:
        return sum(s.count for s in self.shares)


def reviewer_names(names: list[str] | str) -> list[str]:
    """The reviewers of `--split A,B`: stripped, each once, at least two."""
    if isinstance(names, str):
        names = names.split(",")
    cleaned = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if len(cleaned) < 2:
        raise InvalidInput(said("split-needs-two", given=", ".join(cleaned) or "nobody"))
    return cleaned


def split_batch(core: Core, batch: str, reviewers: list[str] | str, actor: Actor) -> SplitDone:
    """Divide the batch's open, unassigned posts between `reviewers` (coordinators only)."""
    actor = check_actor(actor)
    reviewers = reviewer_names(reviewers)
    core.batch(batch)
    if actor.role != COORDINATOR:
        raise TransitionRefused(said("split-coordinators", actor=actor.name))
    core.refuse_unless_coordinated_here(batch)
    with core.store.write():
        rows = core.store.posts.rows(batch=batch, states=OPEN_STATES)
        free = [r for r in rows if not r["assignee"]]
        plan = plan_split(free, reviewers)
        posts = []
        for reviewer in reviewers:
            ids = [r["id"] for r in plan[reviewer]]
            if ids:
                posts += reviewing.assign_in_transaction(core, ids, actor, reviewer)
    shares = [Share(r, _pair_counts(plan[r])) for r in reviewers]
    return SplitDone(batch, shares, len(rows) - len(free), posts)


def plan_split(rows: list[dict[str, Any]], reviewers: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Which rows go to which reviewer (see the module's docstring); rows keep their order."""
    shares: dict[str, list[dict[str, Any]]] = {r: [] for r in reviewers}
    if not rows:
        return shares
    even = math.ceil(len(rows) / len(reviewers))
    limit = even + even // WHOLE_PAIR_SLACK
    by_pair: dict[Pair, list[dict[str, Any]]] = {}
    for row in rows:
        by_pair.setdefault(_pair(row), []).append(row)
    to_cut = []
    for pair, posts in sorted(by_pair.items(), key=lambda item: (-len(item[1]), item[0])):
        reviewer = _least_loaded(shares)
        if len(shares[reviewer]) + len(posts) <= limit:
            shares[reviewer].extend(posts)
        else:
            to_cut.append(posts)
    floor = len(rows) // len(reviewers)  # filled to this first, then one more post each
    for posts in to_cut:
        while posts:
            reviewer = _least_loaded(shares)
            room = max(1, floor - len(shares[reviewer]))
            shares[reviewer].extend(posts[:room])
            posts = posts[room:]
    return shares


def _least_loaded(shares: dict[str, list]) -> str:
    return min(shares, key=lambda reviewer: len(shares[reviewer]))  # ties: the first named


def _pair(row: dict[str, Any]) -> Pair:
    return (row["source_lang"], row["target_lang"])


def _pair_counts(rows: list[dict[str, Any]]) -> list[tuple[Pair, int]]:
    counts: dict[Pair, int] = {}
    for row in rows:
        counts[_pair(row)] = counts.get(_pair(row), 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
