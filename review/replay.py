"""Applying one event to a post: what each kind of event does to the post's state, texts,
annotations and dismissals (`workflow.fold` replays a log with these)."""
from __future__ import annotations

from dataclasses import replace

from .kinds import (
    ANNOTATED,
    ANNOTATION_DELETED,
    ANNOTATION_RESOLVED,
    APPROVED_EV,
    ASSIGNED,
    CHANGES_REQUESTED_EV,
    CHECK_DISMISSED,
    DETAILS_UPDATED,
    DRAFT_UPDATED,
    EXPORTED_EV,
    GLOSSED,
    IMPORTED,
    OPENED,
    REJECTED_EV,
    REOPENED,
    REWRITTEN,
    SIGNED_OFF,
)
from .model import (
    APPROVED,
    AWAITING_SIGNOFF,
    CHANGES_REQUESTED,
    DRAFT,
    EXPORTED,
    HQ_FIELD_DEFAULTS,
    HQ_FIELDS,
    IN_REVIEW,
    PENDING,
    REJECTED,
    REWRITE,
    Annotation,
    Event,
    PostState,
    Revision,
)

STATE_AFTER = {
    OPENED: IN_REVIEW,
    REJECTED_EV: REJECTED,
    CHANGES_REQUESTED_EV: CHANGES_REQUESTED,
    REOPENED: IN_REVIEW,
    SIGNED_OFF: APPROVED,
    EXPORTED_EV: EXPORTED,
    DRAFT_UPDATED: PENDING,
}


def _replay(live: list[Event]) -> PostState:
    post: PostState | None = None
    for event in live:
        post = _apply(post, event)
    if post is None:
        raise ValueError("a post's log must start with its import")
    return post


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
    fields = {name: event.payload[name] if name not in HQ_FIELD_DEFAULTS
              else event.payload.get(name, HQ_FIELD_DEFAULTS[name]) for name in HQ_FIELDS}
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
    post.approved_by = post.approved_at = post.signed_off_by = post.signed_off_at = None
    post.reason = None


def _details_updated(post: PostState, event: Event) -> None:
    for name, value in event.payload.get("fields", {}).items():
        if name not in HQ_FIELDS:
            raise ValueError(f"event {event.id} changes {name!r}, which is not one of HQ's fields")
        setattr(post, name, value)


def _annotated(post: PostState, event: Event) -> None:
    p = event.payload
    post.annotations[event.id] = Annotation(
        event.id, p["revision_id"], p["start"], p["end"], p["category"], p.get("subcategory"),
        p["severity"], p.get("comment", ""), event.actor, event.at, picture=p.get("picture"),
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
    post.approved_by = post.approved_at = post.signed_off_by = post.signed_off_at = None


def _signed_off(post: PostState, event: Event) -> None:
    post.signed_off_by, post.signed_off_at = event.actor, event.at


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
