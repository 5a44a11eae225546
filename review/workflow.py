"""The review state machine and the fold that derives a post's state from its events.

Two pure halves, no storage:
- `refuse_reason()` says whether an action is allowed for a post, a batch and an actor;
- `fold()` replays a post's events (minus the undone ones) into a `PostState`.
The desk appends events only after the first said yes, and materialises what the second returns.
The event kinds are in kinds.py, what each does in replay.py, merged logs (order, conflicts,
resolutions) in branches.py; this module names them all, so callers say `wf.X` for each.
"""
from __future__ import annotations

import hashlib
from typing import Iterable

from .branches import (  # noqa: F401 (named here for callers: wf.conflicts, wf.resolution...)
    Branch,
    Conflict,
    _head,
    _is_chain,
    _outcome,
    cancelled_ids,
    conflicts,
    dropped_ids,
    linearise,
    live_events,
    resolution,
)
from .kinds import *  # noqa: F403 (every event kind, as wf.APPROVED_EV and the rest)
from .kinds import OPENED, UNDOABLE, UNDONE
from .model import (  # noqa: F401 (CONFLICT: wf.CONFLICT for callers)
    APPROVED,
    AWAITING_SIGNOFF,
    CHANGES_REQUESTED,
    CONFLICT,
    COORDINATOR,
    EXPORTED,
    IN_REVIEW,
    PENDING,
    REJECTED,
    Actor,
    Event,
    PostState,
)
from .replay import STATE_AFTER, _apply, _replay  # noqa: F401 (STATE_AFTER: for callers)
from .texts import Said, said

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
    needs none), "no-signoff-draft" (HQ's draft approved as it is needs none), "signed-off"
    (signed off already), "second-person" (the signer wrote or approved the rewrite)."""
    state = effective_state(action, post.state)
    if action == "signoff" and state == APPROVED:  # approved needs no sign-off: say why not
        if not require_signoff:
            return "no-signoff", state
        return ("signed-off" if post.signed_off_by else "no-signoff-draft"), state
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
    if kind == "no-signoff-draft":
        return said("no-signoff-approved-draft", id=post.id)
    if kind == "signed-off":
        return said("signed-off-already", id=post.id, name=post.signed_off_by)
    return said("signoff-second-person", name=actor.name, id=post.id)


def state_words(state: str) -> str:
    """"awaiting_signoff" -> "awaiting signoff", "conflict" -> "in conflict": a state as
    messages name it ("it is in conflict", never "it is conflict"); the window translates
    these words (ui/messages.py)."""
    return _STATE_WORDS.get(state) or state.replace("_", " ")


_STATE_WORDS = {CONFLICT: "in conflict"}


def state_after_approval(post: PostState, require_signoff: bool) -> str:
    """Approving a rewrite in a "Chinese-led" batch waits for a coordinator's sign-off."""
    return AWAITING_SIGNOFF if require_signoff and post.has_rewrite else APPROVED


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
