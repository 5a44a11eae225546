"""Merged logs: the order a post's events are replayed in whatever order they arrived, which
events are in force (undone ones and set-aside sides are not), and where decisions made apart
disagree (conflicts) and how a resolution settles them."""
from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from typing import Iterable

from .kinds import CONFLICT_RESOLVED, DECISIVE, IMPORTED, UNDONE
from .model import Event, PostState
from .replay import _replay

def cancelled_ids(events: Iterable[Event]) -> set[str]:
    """Ids of the events taken back by a live undo.

    Walking backwards, an undo that is itself live cancels its target; an undo of an undo is a
    redo, so the target of the cancelled undo stays live.
    """
    cancelled: set[str] = set()
    for event in reversed(list(events)):
        if event.kind == UNDONE and event.id not in cancelled:
            cancelled.add(event.payload["target"])
    return cancelled


def live_events(events: Iterable[Event]) -> list[Event]:
    """The events still in force, in replay order: undo events, what they cancelled and the
    branches a conflict resolution set aside are dropped."""
    ordered = linearise(events)
    dropped = dropped_ids(ordered)
    kept = [e for e in ordered if e.id not in dropped] if dropped else ordered
    cancelled = cancelled_ids(kept)
    return [e for e in kept if e.kind != UNDONE and e.id not in cancelled]


def _is_chain(events: list[Event]) -> bool:
    return all(events[i].parent == events[i - 1].id for i in range(1, len(events)))


def linearise(events: Iterable[Event]) -> list[Event]:
    """The replay order of a post's events: parents before children (the parent chain); of
    events made apart (two laptops), those after fewer decisive changes in force (an undone
    decision is no step) first, then by time,
    then by id. So the same decision taken on two laptops is replayed before what either side
    did next, and the same set of events always gives the same order."""
    events = list(events)
    if _is_chain(events):
        return events
    # A decision that was undone is no step: count only those still in force. Which undo
    # cancels what does not depend on the order among events made apart, so any
    # parents-first order tells it.
    cancelled = cancelled_ids(_parents_first(events, set()))
    return _parents_first(events, cancelled)


def _parents_first(events: list[Event], cancelled: set[str]) -> list[Event]:
    by_id = {e.id: e for e in events}
    children: dict[str, list[Event]] = {}
    ready: list[tuple[int, str, str]] = []  # (decisive changes before it, time, id)
    for e in events:
        if e.parent in by_id and e.parent != e.id:
            children.setdefault(e.parent, []).append(e)
        else:
            ready.append((0, e.at, e.id))
    heapq.heapify(ready)
    ordered: list[Event] = []
    while ready:
        step, _, event_id = heapq.heappop(ready)
        event = by_id[event_id]
        ordered.append(event)
        after = step + (event.kind in DECISIVE and event.id not in cancelled)
        for child in children.get(event_id, ()):
            heapq.heappush(ready, (after, child.at, child.id))
    if len(ordered) < len(by_id):  # a cycle (refused on import); keep every event anyway
        seen = {e.id for e in ordered}
        ordered += sorted((e for e in by_id.values() if e.id not in seen), key=lambda e: (e.at, e.id))
    return ordered


def dropped_ids(ordered: list[Event]) -> set[str]:
    """Events a coordinator set aside by resolving a conflict (they stay in the history).

    A resolution is in force unless a resolution in force set it aside (one made later, by a
    coordinator who saw it). Resolutions made apart that agree set aside the same side and count
    as one. Resolutions made apart that disagree (each sets aside what the other stands on)
    would together set aside every side, so neither applies: the post is in conflict again
    with all its sides, and the next resolution sets the other coordinator's choice aside.
    """
    resolutions = [e for e in ordered if e.kind == CONFLICT_RESOLVED]
    if not resolutions:
        return set()
    in_force = _resolutions_in_force(resolutions)
    disputed = _disputed_resolutions(in_force, ordered)
    dropped: set[str] = set()
    for resolution_event in in_force:
        if resolution_event.id not in disputed:
            dropped.update(resolution_event.payload["dropped"])
    return dropped


def _resolutions_in_force(resolutions: list[Event]) -> list[Event]:
    set_aside_by: dict[str, list[Event]] = {r.id: [] for r in resolutions}
    for r in resolutions:
        for target in r.payload["dropped"]:
            if target in set_aside_by:
                set_aside_by[target].append(r)
    in_force: dict[str, bool] = {}

    def is_in_force(r: Event) -> bool:
        if r.id not in in_force:
            # Provisional answer: only a forged log can make a resolution (indirectly) set
            # itself aside, and the walk must end there.
            in_force[r.id] = True
            in_force[r.id] = not any(is_in_force(s) for s in set_aside_by[r.id])
        return in_force[r.id]

    return [r for r in resolutions if is_in_force(r)]


def _disputed_resolutions(in_force: list[Event], ordered: list[Event]) -> set[str]:
    """Resolutions in force made apart that set aside each other's ground."""
    if len(in_force) < 2:
        return set()
    by_id = {e.id: e for e in ordered}
    ground = {r.id: {e.id for e in _path(r, by_id)} for r in in_force}
    drops = {r.id: set(r.payload["dropped"]) for r in in_force}
    disputed: set[str] = set()
    for a, b in itertools.combinations(in_force, 2):
        if drops[a.id] & ground[b.id] and drops[b.id] & ground[a.id]:
            disputed.update((a.id, b.id))
    return disputed


@dataclass(frozen=True)
class Branch:
    """One side of a conflict: the decisive change that starts it, its own events (from where it
    parted from the other sides), its latest decisive change, and the post as it says it is."""

    start: str
    own: frozenset[str]
    tip: str
    post: PostState


@dataclass(frozen=True)
class Conflict:
    base: str  # the event every side started from
    branches: tuple[Branch, ...]


def conflicts(events: Iterable[Event], live: list[Event] | None = None) -> list[Conflict]:
    """Where decisive changes made apart from the same starting point disagree.

    Each live decisive change has a base: its nearest live decisive ancestor (or the import).
    Changes with the same base were made without knowing of each other. They conflict when
    they lead to different outcomes (state, text, reason). When they agree (two reviewers
    approved the same text), they count as one step, and what each side did next is compared
    the same way. An opening, annotation, dismissal or assignment is never a conflict.
    """
    ordered = linearise(events)
    live = live_events(ordered) if live is None else live
    by_id = {e.id: e for e in ordered}
    live_ids = {e.id for e in live}
    decisive = [e for e in live if e.kind in DECISIVE]
    bases = {e.id: _base(e, by_id, live_ids) for e in decisive}
    outcomes = {e.id: _outcome(_replay(_live_path(e, by_id, live_ids))) for e in decisive}
    same: dict[str, str] = {}  # a step -> the first of the steps it agrees with
    for _ in range(len(decisive) + 1):  # agreeing steps make their successors comparable
        groups: dict[str, list[Event]] = {}
        for e in decisive:
            groups.setdefault(same.get(bases[e.id], bases[e.id]), []).append(e)
        agreed = {m.id: members[0].id for members in groups.values()
                  if len({outcomes[x.id] for x in members}) == 1 for m in members[1:]}
        if agreed == same:
            break
        same = agreed
    return [_conflict(base, members, ordered, live, by_id) for base, members in groups.items()
            if len({outcomes[m.id] for m in members}) > 1]


def _base(event: Event, by_id: dict[str, Event], live_ids: set[str]) -> str:
    parent = event.parent
    while parent in by_id:
        above = by_id[parent]
        if above.id in live_ids and (above.kind in DECISIVE or above.kind == IMPORTED):
            return above.id
        parent = above.parent
    return ""


def _path(event: Event, by_id: dict[str, Event]) -> list[Event]:
    """The event and its ancestors, root first."""
    path = [event]
    while path[-1].parent in by_id and len(path) <= len(by_id):
        path.append(by_id[path[-1].parent])
    return path[::-1]


def _live_path(event: Event, by_id: dict[str, Event], live_ids: set[str]) -> list[Event]:
    return [e for e in _path(event, by_id) if e.id in live_ids]


def _outcome(post: PostState) -> tuple:
    return post.state, post.current_text, post.reason


def _subtree(root: str, ordered: list[Event]) -> set[str]:
    found = {root}
    for event in ordered:  # parents come first: one pass collects every descendant
        if event.parent in found:
            found.add(event.id)
    return found


def _conflict(base: str, starts: list[Event], ordered: list[Event], live: list[Event],
              by_id: dict[str, Event]) -> Conflict:
    paths = {s.id: [e.id for e in _path(s, by_id)] for s in starts}
    owns = {}
    for start in starts:
        others = set().union(*(set(p) for k, p in paths.items() if k != start.id))
        parting = next(i for i in paths[start.id] if i not in others)
        owns[start.id] = _subtree(parting, ordered)
    branches = []
    for start in starts:
        hidden = set().union(*(o for k, o in owns.items() if k != start.id))
        view = [e for e in live if e.id not in hidden]
        tip = [e.id for e in view if e.id in owns[start.id] and e.kind in DECISIVE][-1]
        post = _replay(view)
        post.head = tip
        # Who made this version: a resolution kept on this side (set aside by a disagreeing
        # one) was not its author.
        post.last_actor = by_id[tip].actor
        branches.append(Branch(start.id, frozenset(owns[start.id]), tip, post))
    return Conflict(base, tuple(branches))


def _head(ordered: list[Event], live: list[Event]) -> str:
    """The parent of the post's next event: the latest event under its latest live decisive
    change, so the next decision builds on what the post now says (and is not mistaken for one
    made apart from it)."""
    dropped = dropped_ids(ordered)
    decisive = [e for e in live if e.kind in DECISIVE or e.kind == IMPORTED]
    under = _subtree(decisive[-1].id, ordered) if decisive else {e.id for e in ordered}
    candidates = [e for e in ordered if e.id in under and e.id not in dropped]
    return candidates[-1].id


def resolution(events: Iterable[Event], conflict: Conflict, kept: Branch) -> tuple[str, dict]:
    """(parent, payload) of the event that resolves `conflict` by keeping `kept`: it follows
    the kept side's latest event and sets aside every event of the other sides."""
    ordered = linearise(events)
    dropped = set().union(*(b.own for b in conflict.branches if b is not kept)) - kept.own
    under = _subtree(kept.tip, ordered) - dropped
    parent = [e.id for e in ordered if e.id in under][-1]
    return parent, {"keep": kept.start, "tip": kept.tip, "dropped": sorted(dropped),
                    "heads": [b.tip for b in conflict.branches]}
