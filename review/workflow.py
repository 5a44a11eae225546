"""The review state machine and the fold that derives a post's state from its events.

Two pure halves, no storage:
- `refuse_reason()` says whether an action is allowed for a post, a batch and an actor;
- `fold()` replays a post's events (minus the undone ones) into a `PostState`.
The desk appends events only after the first said yes, and materialises what the second returns.
"""
from __future__ import annotations

import hashlib
import heapq
import itertools
from dataclasses import dataclass, replace
from typing import Iterable

from .model import (
    APPROVED,
    AWAITING_SIGNOFF,
    CHANGES_REQUESTED,
    CONFLICT,
    COORDINATOR,
    DRAFT,
    EXPORTED,
    HQ_FIELDS,
    IN_REVIEW,
    PENDING,
    REJECTED,
    REWRITE,
    Actor,
    Annotation,
    Event,
    PostState,
    Revision,
)
from .texts import Said, said

# Event kinds. Import and export are events too, so the log is the whole history of a post.
IMPORTED = "post.imported"
DRAFT_UPDATED = "post.draft_updated"
DETAILS_UPDATED = "post.details_updated"
OPENED = "post.opened"
REWRITTEN = "post.rewritten"
GLOSSED = "post.glossed"  # the back-translation of the current revision, set or changed alone
ANNOTATED = "post.annotated"
ANNOTATION_RESOLVED = "annotation.resolved"
ANNOTATION_DELETED = "annotation.deleted"
APPROVED_EV = "post.approved"
REJECTED_EV = "post.rejected"
CHANGES_REQUESTED_EV = "post.changes_requested"
REOPENED = "post.reopened"
SIGNED_OFF = "post.signed_off"
EXPORTED_EV = "post.exported"
CHECK_DISMISSED = "check.dismissed"
ASSIGNED = "post.assigned"
UNDONE = "event.undone"
BATCH_CREATED = "batch.created"
FILE_IMPORTED = "batch.file_imported"
CONFLICT_RESOLVED = "post.conflict_resolved"
BATCH_EXPORTED = "batch.exported"  # one per export: its manifest, beside the posts' events

# Every kind this version writes; a package with another kind was made by a newer Review Desk.
KINDS = frozenset({IMPORTED, DRAFT_UPDATED, DETAILS_UPDATED, OPENED, REWRITTEN, GLOSSED, ANNOTATED,
                   ANNOTATION_RESOLVED, ANNOTATION_DELETED, APPROVED_EV, REJECTED_EV,
                   CHANGES_REQUESTED_EV, REOPENED, SIGNED_OFF, EXPORTED_EV, CHECK_DISMISSED,
                   ASSIGNED, UNDONE, BATCH_CREATED, FILE_IMPORTED, CONFLICT_RESOLVED,
                   BATCH_EXPORTED})

# Changes that decide what a post says or where it stands. Two of them made apart (on two
# laptops) from the same starting point, with different outcomes, are a conflict; everything
# else (opening, annotations, dismissals, assignments, HQ's details) merges by union.
DECISIVE = frozenset({REWRITTEN, APPROVED_EV, REJECTED_EV, CHANGES_REQUESTED_EV, REOPENED, SIGNED_OFF,
                      EXPORTED_EV, DRAFT_UPDATED})

# What a person did on purpose and may take back; opening and importing are not undone.
UNDOABLE = frozenset(
    {
        REWRITTEN,
        GLOSSED,
        ANNOTATED,
        ANNOTATION_RESOLVED,
        ANNOTATION_DELETED,
        APPROVED_EV,
        REJECTED_EV,
        CHANGES_REQUESTED_EV,
        REOPENED,
        SIGNED_OFF,
        CHECK_DISMISSED,
    }
)

# Action -> states it is allowed in. Actions on a pending post open it first (see AUTO_OPEN).
ALLOWED_FROM = {
    "open": {PENDING},
    "rewrite": {IN_REVIEW},
    "gloss": {IN_REVIEW},
    "annotate": {IN_REVIEW},
    "resolve-annotation": {IN_REVIEW},
    "delete-annotation": {IN_REVIEW},
    "approve": {IN_REVIEW},
    "reject": {IN_REVIEW, AWAITING_SIGNOFF},
    "request-changes": {IN_REVIEW, AWAITING_SIGNOFF},
    "reopen": {APPROVED, REJECTED, CHANGES_REQUESTED, AWAITING_SIGNOFF},
    "signoff": {AWAITING_SIGNOFF},
    "export": {APPROVED},
    "dismiss-check": {IN_REVIEW},
    "assign": {PENDING, IN_REVIEW, APPROVED, AWAITING_SIGNOFF, CHANGES_REQUESTED, REJECTED, CONFLICT},
    "resolve": {CONFLICT},
}
AUTO_OPEN = frozenset({"rewrite", "gloss", "annotate", "approve", "reject", "request-changes",
                       "dismiss-check"})

STATE_AFTER = {
    OPENED: IN_REVIEW,
    REJECTED_EV: REJECTED,
    CHANGES_REQUESTED_EV: CHANGES_REQUESTED,
    REOPENED: IN_REVIEW,
    SIGNED_OFF: APPROVED,
    EXPORTED_EV: EXPORTED,
    DRAFT_UPDATED: PENDING,
}

# What to do instead, by the state that refuses (messages "hint-…" in texts.py).
_HINT = {
    PENDING: "hint-pending",
    IN_REVIEW: "hint-in-review",
    APPROVED: "hint-reopen",
    AWAITING_SIGNOFF: "hint-awaiting-signoff",
    CHANGES_REQUESTED: "hint-reopen",
    REJECTED: "hint-reopen",
    EXPORTED: "hint-exported",
    CONFLICT: "hint-conflict",
}


def effective_state(action: str, state: str) -> str:
    """The state an action will see: a pending post is opened before any review action."""
    return IN_REVIEW if state == PENDING and action in AUTO_OPEN else state


def refusal(action: str, post: PostState, actor: Actor, require_signoff: bool) -> tuple[str, str] | None:
    """Why `actor` may not do `action` on `post` now, as (kind, state), or None if allowed.
    Kinds: "state" (not in this state), "role" (coordinators only), "no-signoff" (the batch
    needs none), "second-person" (the signer wrote or approved the rewrite)."""
    state = effective_state(action, post.state)
    if state not in ALLOWED_FROM[action]:
        return "state", state
    if action in ("signoff", "assign", "resolve") and actor.role != COORDINATOR:
        return "role", state
    if action == "signoff" and not require_signoff:
        return "no-signoff", state
    if action == "signoff" and actor.name in {post.approved_by, post.current_revision.author}:
        return "second-person", state
    return None


def refuse_reason(action: str, post: PostState, actor: Actor, require_signoff: bool) -> Said | None:
    """The same as `refusal`, as a named message for a person (the command line prints it;
    the window shows it in the interface's language, the action and state words too)."""
    found = refusal(action, post, actor, require_signoff)
    if found is None:
        return None
    kind, state = found
    if kind == "state":
        return said("refused-in-state", action=action, id=post.id, state=state_words(state),
                    hint=said(_HINT[state]))
    if kind == "role":
        return said(f"coordinator-only-{action}", id=post.id, name=actor.name, role=actor.role)
    if kind == "no-signoff":
        return said("no-signoff-needed", batch=post.batch)
    return said("signoff-second-person", name=actor.name, id=post.id)


def state_words(state: str) -> str:
    """"awaiting_signoff" -> "awaiting signoff": a state as messages name it."""
    return state.replace("_", " ")


def state_after_approval(post: PostState, require_signoff: bool) -> str:
    """Approving a rewrite in a "Chinese-led" batch waits for a coordinator's sign-off."""
    return AWAITING_SIGNOFF if require_signoff and post.has_rewrite else APPROVED


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


def fold(events: Iterable[Event]) -> PostState:
    """Replay a post's events into its current state. The result depends only on the set of
    events, never on the order they were stored in (see `linearise`): merged logs from several
    laptops give the same post on every laptop."""
    ordered = linearise(events)
    if not ordered:
        raise ValueError("a post's log must start with its import")
    live = live_events(ordered)
    post = _replay(live)
    if _is_chain(ordered):  # one laptop's log: no branches, the last event is the head
        post.head = ordered[-1].id
        return post
    if conflicts(ordered, live):
        post.state = CONFLICT
    post.head = _head(ordered, live)
    return post


def _replay(live: list[Event]) -> PostState:
    post: PostState | None = None
    for event in live:
        post = _apply(post, event)
    if post is None:
        raise ValueError("a post's log must start with its import")
    return post


def replay_path(path: list[Event]) -> PostState:
    """The post as one chain of its events (an event and its ancestors, import first) says it
    is: how the laptop that made the chain's next event saw the post."""
    return _replay(live_events(path))


def apply_event(post: PostState, event: Event) -> PostState:
    """`post` after one more event (changed in place), as the fold applies it."""
    return _apply(post, event)


def text_digest(text: str) -> str:
    """What a check dismissal remembers of the text it was made on."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- merged logs: order, branches, conflicts ---------------------------------------------------


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


def _apply(post: PostState | None, event: Event) -> PostState:
    if event.kind == IMPORTED:
        return _imported(event)
    assert post is not None, f"event {event.id} ({event.kind}) precedes the post's import"
    if event.kind == OPENED and post.state != PENDING:
        # Opened on another laptop, merged after a decision made elsewhere: nothing to open.
        return post
    post.updated_at = event.at
    if event.kind not in (DETAILS_UPDATED, EXPORTED_EV, ASSIGNED):
        post.last_actor = event.actor
    handler = _HANDLERS.get(event.kind)
    if handler:
        handler(post, event)
    if event.kind in STATE_AFTER:
        post.state = STATE_AFTER[event.kind]
    return post


def _imported(event: Event) -> PostState:
    # Only HQ's fields are taken from the payload: a post's id, batch and workflow state are
    # never anyone's to set (a payload naming them is refused on arrival, and ignored here).
    fields = {name: event.payload[name] for name in HQ_FIELDS}
    post = PostState(id=event.post_id, batch=event.batch,
                     external_id=event.payload["external_id"], **fields)
    draft = event.payload["draft_text"]
    post.revisions.append(Revision(event.id, 0, DRAFT, draft, event.actor, event.at))
    post.updated_at = event.at
    return post


def _new_revision(post: PostState, event: Event, kind: str) -> None:
    payload = event.payload
    number = post.revisions[-1].number + 1
    post.revisions.append(
        Revision(event.id, number, kind, payload["text"], event.actor, event.at,
                 payload.get("back_translation"))
    )


def _glossed(post: PostState, event: Event) -> None:
    """A back-translation given or changed for the current revision, its text unchanged: the
    revision keeps its number, annotations and place in the history."""
    target = event.payload["revision_id"]
    index = next(i for i, r in enumerate(post.revisions) if r.id == target)
    post.revisions[index] = replace(post.revisions[index],
                                    back_translation=event.payload["back_translation"])


def _draft_updated(post: PostState, event: Event) -> None:
    _details_updated(post, event)
    _new_revision(post, event, DRAFT)
    post.approved_by = post.approved_at = post.signed_off_by = post.reason = None


def _details_updated(post: PostState, event: Event) -> None:
    for name, value in event.payload.get("fields", {}).items():
        if name not in HQ_FIELDS:
            raise ValueError(f"event {event.id} changes {name!r}, which is not one of HQ's fields")
        setattr(post, name, value)


def _annotated(post: PostState, event: Event) -> None:
    p = event.payload
    post.annotations[event.id] = Annotation(
        event.id, p["revision_id"], p["start"], p["end"], p["category"], p.get("subcategory"),
        p["severity"], p.get("comment", ""), event.actor, event.at,
    )


def _annotation_status(status: str):
    def handler(post: PostState, event: Event) -> None:
        target = event.payload["annotation_id"]
        post.annotations[target] = replace(post.annotations[target], status=status)

    return handler


def _approved(post: PostState, event: Event) -> None:
    post.approved_by, post.approved_at = event.actor, event.at
    post.reason = None
    # Decided when the approval was given (batch flags may change later; history must not).
    # Only the two outcomes an approval has; packages are checked to record the right one.
    if event.payload["state"] not in (APPROVED, AWAITING_SIGNOFF):
        raise ValueError(f"approval {event.id} records the outcome {event.payload['state']!r}")
    post.state = event.payload["state"]


def _decided_with_reason(post: PostState, event: Event) -> None:
    post.reason = event.payload["reason"]
    post.approved_by = post.approved_at = post.signed_off_by = None


def _signed_off(post: PostState, event: Event) -> None:
    post.signed_off_by = event.actor


def _check_dismissed(post: PostState, event: Event) -> None:
    p = event.payload
    post.dismissals[p["check"]] = {"text_sha256": p["text_sha256"], "reason": p["reason"],
                                   "by": event.actor, "at": event.at}


_HANDLERS = {
    DRAFT_UPDATED: _draft_updated,
    DETAILS_UPDATED: _details_updated,
    REWRITTEN: lambda post, event: _new_revision(post, event, REWRITE),
    GLOSSED: _glossed,
    ANNOTATED: _annotated,
    ANNOTATION_RESOLVED: _annotation_status("resolved"),
    ANNOTATION_DELETED: _annotation_status("deleted"),
    APPROVED_EV: _approved,
    REJECTED_EV: _decided_with_reason,
    CHANGES_REQUESTED_EV: _decided_with_reason,
    REOPENED: _decided_with_reason,
    SIGNED_OFF: _signed_off,
    CHECK_DISMISSED: _check_dismissed,
    ASSIGNED: lambda post, event: setattr(post, "assignee", event.payload["assignee"]),
}


def after_export(fields: dict, event: Event) -> dict:
    """A post's workflow fields after an export event, from the fields before: what `fold`
    gives, without replaying thousands of logs (an export changes the state, time and head
    only; a test compares the two)."""
    return dict(fields, state=EXPORTED, updated_at=event.at, head_event=event.id)


def undo_target(events: list[Event]) -> Event | None:
    """The latest live action a person may take back, or None."""
    return next((e for e in reversed(live_events(events)) if e.kind in UNDOABLE), None)


def redo_refusal(events: list[Event], undo_event_id: str) -> Said | None:
    """Why the undo `undo_event_id` cannot be taken back (redone) now, or None if it can.

    Like a desktop undo stack: only the latest live change can be redone, and only while nothing
    else was done since.
    """
    events = linearise(events)
    index = next((i for i, e in enumerate(events) if e.id == undo_event_id), None)
    if index is None or events[index].kind != UNDONE:
        return said("redo-not-an-undo", event=undo_event_id)
    cancelled = cancelled_ids(events)
    if undo_event_id in cancelled:
        return said("redo-done-already")
    kinds = {e.id: e.kind for e in events}
    later = [
        e for e in events[index + 1:]
        if e.id not in cancelled and e.kind != OPENED
        and not (e.kind == UNDONE and kinds.get(e.payload["target"]) == UNDONE)  # a redo
    ]
    if later:
        return said("redo-changed-since")
    return None
