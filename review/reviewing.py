"""The review verbs: open, rewrite, annotate, decide, assign, dismiss a check, undo, redo.

Each verb runs in one write transaction: read the post's log, ask the workflow whether the action
is allowed, append the new events, replay the log and store what it now says. When a verb
returns, its change is on disk. (The facade, desk.py, offers them as Desk's methods.)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import workflow as wf
from .core import Core, check_actor, optional
from .errors import InvalidInput, NotFound, TransitionRefused
from .model import CATEGORIES, COORDINATOR, DECISIONS, SEVERITIES, Actor, Event, PostState
from .texts import Joined, message_of, said

# What only the desk that coordinates a batch does (a laptop that received the batch in a work
# package reviews it; its results package may carry reviewers' actions only).
COORDINATING_ACTIONS = frozenset({"signoff", "assign", "resolve"})
NEEDS_REASON = ("reject", "request-changes", "reopen")
# An approval given despite open error findings records them (the "despite" key of its event):
# at most this many, each at most this long (the event rules accept exactly that).
DESPITE_ITEMS, DESPITE_CHARS = 50, 300


@dataclass(frozen=True)
class UndoResult:
    undo_event_id: str
    undone_kind: str
    post: PostState


def open_post(core: Core, post_id: str, actor: Actor) -> PostState:
    """Start reviewing a pending post (no-op for a post already under review or decided)."""
    def plan(post: PostState, actor: Actor, batch: dict[str, Any]) -> list[tuple[str, dict]]:
        return [] if post.state != wf.PENDING else [(wf.OPENED, {})]

    return _act(core, post_id, actor, "open", plan, refuse_if_not_allowed=False)


def rewrite(core: Core, post_id: str, actor: Actor, text: str,
            back_translation: str | None = None) -> PostState:
    """A new revision when the text changed. The same text with another back-translation
    glosses the current revision instead: a revision is a text (annotations, the
    difference, MQM and sign-off hang off it), so a copy of it only to carry a gloss would
    detach them. The same text and gloss again change nothing."""
    if not (text or "").strip():
        raise InvalidInput(said("rewrite-empty"))
    payload = {"text": text.strip(), "back_translation": optional(back_translation)}

    def plan(post: PostState, actor: Actor, batch: dict[str, Any]) -> list[tuple[str, dict]]:
        """Decided on the post as read in the transaction (rewriting and glossing are allowed
        in the same states), so the post's log is read once."""
        core.store.unfinished.discard(post.id, actor.name)  # same transaction as the rewrite
        latest = post.current_revision
        if payload["text"] != latest.text.strip():
            return [(wf.REWRITTEN, payload)]
        if payload["back_translation"] != optional(latest.back_translation):
            return [(wf.GLOSSED, {"revision_id": latest.id, "back_translation": payload["back_translation"]})]
        return []  # nothing changed: no event at all

    return _act(core, post_id, actor, "rewrite", plan)


def save_unfinished(core: Core, post_id: str, actor: Actor, text: str,
                    back_translation: str | None = None) -> None:
    """Keep what a reviewer is typing, so a crash or a closed window loses nothing."""
    with core.store.write():
        core.store.unfinished.save(post_id, actor.name, text, back_translation)


def unfinished(core: Core, post_id: str, actor: Actor) -> dict[str, Any] | None:
    """The rewrite `actor` was typing on this post and did not save, if any."""
    return core.store.unfinished.get(post_id, actor.name)


def discard_unfinished(core: Core, post_id: str, actor: Actor) -> None:
    with core.store.write():
        core.store.unfinished.discard(post_id, actor.name)


def annotate(core: Core, post_id: str, actor: Actor, *, start: int, end: int, category: str,
             severity: str, comment: str = "", subcategory: str | None = None,
             revision: int | None = None) -> PostState:
    _check_choice("category", category, CATEGORIES)
    _check_choice("severity", severity, SEVERITIES)

    def plan(post: PostState, actor: Actor, batch: dict[str, Any]) -> list[tuple[str, dict]]:
        target = post.current_revision if revision is None else post.revision(revision)
        if target is None:
            raise InvalidInput(said("no-revision", id=post.id, revision=revision))
        if start >= end:  # "span 5-2 is outside" said the wrong thing
            raise InvalidInput(said("span-reversed", start=start, end=end))
        if not 0 <= start < end <= len(target.text):
            raise InvalidInput(said("span-outside", start=start, end=end, id=post.id,
                                    revision=target.number, count=len(target.text)))
        return [(wf.ANNOTATED, {"revision_id": target.id, "start": start, "end": end,
                                "category": category, "subcategory": optional(subcategory),
                                "severity": severity, "comment": (comment or "").strip()})]

    return _act(core, post_id, actor, "annotate", plan)


def resolve_annotation(core: Core, post_id: str, actor: Actor, annotation_id: str) -> PostState:
    return _annotation_change(core, post_id, actor, annotation_id, "resolve-annotation",
                              wf.ANNOTATION_RESOLVED)


def delete_annotation(core: Core, post_id: str, actor: Actor, annotation_id: str) -> PostState:
    return _annotation_change(core, post_id, actor, annotation_id, "delete-annotation",
                              wf.ANNOTATION_DELETED)


def _annotation_change(core: Core, post_id, actor, annotation_id, action, kind) -> PostState:
    def plan(post: PostState, actor: Actor, batch: dict[str, Any]) -> list[tuple[str, dict]]:
        found = post.annotations.get(annotation_id)
        if found is None or found.status == "deleted":
            raise NotFound(said("no-annotation", id=post.id, annotation=annotation_id))
        return [(kind, {"annotation_id": annotation_id})]

    return _act(core, post_id, actor, action, plan)


def decide(core: Core, post_id: str, actor: Actor, decision: str, reason: str | None = None, *,
           despite_findings: bool = False) -> PostState:
    """approve, reject, request-changes, reopen or signoff.

    An approval is refused while the text has open error-level findings (over the length
    limit, wrong language, untranslated, a forbidden term, a link or placeholder lost...),
    unless `despite_findings`: then the findings are recorded in the approval event."""
    if decision == "approve":
        return _act(core, post_id, actor, "approve", _gated_approval(core, despite_findings))
    return _act(core, post_id, actor, *_decision_plan(core, decision, reason))


def blocking_findings(core: Core, post_id: str) -> list:
    """The open (not dismissed) error-level findings on the post's current text: what an
    approval must be told about (ShownCheck objects, as `hints` gives them)."""
    return _blocking_findings(core, core.post(core.resolve_post_id(post_id)))


def _blocking_findings(core: Core, post: PostState) -> list:
    from .hints import ERROR
    from .hints.collect import compiled_glossary, post_checks

    glossary = compiled_glossary(core.store, post.source_lang, post.target_lang)
    return [shown for shown in post_checks(post, glossary)[1]
            if shown.result.severity == ERROR and not shown.dismissed]


def _gated_approval(core: Core, despite_findings: bool):
    def plan(post: PostState, actor: Actor, batch: dict[str, Any]) -> list[tuple[str, dict]]:
        (kind, payload), = _approval(post, batch)
        found = _blocking_findings(core, post)  # in the transaction: the text approved
        if found and not despite_findings:
            raise TransitionRefused(said(
                "approve-open-errors", id=post.id, count=len(found),
                findings="\n".join(f"  {shown.key}: {shown.result.message}" for shown in found)))
        if found:
            payload["despite"] = despite_list(found)
        return [(kind, payload)]

    return plan


def decide_many(core: Core, post_ids: list[str], actor: Actor, decision: str,
                reason: str | None = None) -> list[PostState]:
    """The same decision on many posts, all in one transaction or none of them."""
    action, plan = _decision_plan(core, decision, reason)
    actor = check_actor(actor)
    with core.store.write():
        return _act_on_many(core, post_ids, actor, action, plan, "nothing-decided")


def assign(core: Core, post_ids: list[str], actor: Actor, assignee: str | None) -> list[PostState]:
    """Give posts to a reviewer (None: to nobody); coordinators only; all or none."""
    with core.store.write():
        return assign_in_transaction(core, post_ids, actor, assignee)


def assign_in_transaction(core: Core, post_ids: list[str], actor: Actor,
                          assignee: str | None) -> list[PostState]:
    """`assign`, inside the caller's `store.write()` (a work package made for a reviewer
    assigns its posts only if the package is written)."""
    assignee = optional(assignee)
    actor = check_actor(actor)

    def plan(post: PostState, actor: Actor, batch: dict[str, Any]) -> list[tuple[str, dict]]:
        return [] if post.assignee == assignee else [(wf.ASSIGNED, {"assignee": assignee})]

    return _act_on_many(core, post_ids, actor, "assign", plan, "nothing-assigned")


def _decision_plan(core: Core, decision: str, reason: str | None):
    _check_choice("decision", decision, DECISIONS)
    reason = optional(reason)
    if decision in NEEDS_REASON and not reason:
        raise InvalidInput(said("reason-needed", decision=decision))
    if decision == "approve":
        return "approve", lambda post, actor, batch: _approval(post, batch)
    kind = {"reject": wf.REJECTED_EV, "request-changes": wf.CHANGES_REQUESTED_EV,
            "reopen": wf.REOPENED, "signoff": wf.SIGNED_OFF}[decision]
    payload = {"reason": reason} if decision in NEEDS_REASON else {}
    return decision, lambda post, actor, batch: [(kind, payload)]


def _approval(post: PostState, batch: dict[str, Any]) -> list[tuple[str, dict]]:
    return [(wf.APPROVED_EV, {"state": wf.state_after_approval(post, batch["require_signoff"]),
                              "revision": post.current_revision.number})]


def dismiss_check(core: Core, post_id: str, actor: Actor, check_key: str, reason: str) -> PostState:
    """Silence one check result on this post's current text ("dismiss, because ...")."""
    reason = optional(reason)
    if not reason:
        raise InvalidInput(said("dismiss-reason-needed"))

    def plan(post: PostState, actor: Actor, batch: dict[str, Any]) -> list[tuple[str, dict]]:
        return [(wf.CHECK_DISMISSED, {"check": check_key, "reason": reason,
                                      "text_sha256": wf.text_digest(post.current_text)})]

    return _act(core, post_id, actor, "dismiss-check", plan)


def undo(core: Core, post_id: str, actor: Actor, expected: str | None = None) -> UndoResult:
    """Take back the post's latest live action by appending a compensating event.

    `expected`: the event the caller means to take back (an undo stack's command); if the
    post's latest action is another one (someone acted since), nothing is undone. Only its
    author or a coordinator may take back an action.
    """
    actor = check_actor(actor)
    with core.store.write():
        events = core.store.events.of_post(core.resolve_post_id(post_id))
        post = wf.fold(events)
        if post.state == wf.EXPORTED:
            raise TransitionRefused(said("undo-exported", id=post.id))
        if post.state == wf.CONFLICT:
            raise TransitionRefused(said("undo-in-conflict", id=post.id))
        target = wf.undo_target(events)
        if target is None:
            raise TransitionRefused(said("nothing-to-undo", id=post.id))
        if expected is not None and target.id != expected:
            raise TransitionRefused(said("undo-changed-since", id=post.id, actor=target.actor,
                                         kind=target.kind))
        if target.actor != actor.name and (actor.role != COORDINATOR
                                           or not core.coordinated_here(post.batch)):
            raise TransitionRefused(said("undo-not-yours", id=post.id, actor=target.actor,
                                         kind=target.kind))
        undo = core.make_event(wf.UNDONE, post.batch, actor, post_id=post.id, parent=post.head,
                               payload={"target": target.id, "kind": target.kind})
        return UndoResult(undo.id, target.kind, core.commit_post_events(events, [undo]))


def redo(core: Core, post_id: str, actor: Actor, undo_event_id: str) -> PostState:
    """Cancel an undo (an undo of the undo), only while nothing else changed since."""
    actor = check_actor(actor)
    with core.store.write():
        events = core.store.events.of_post(core.resolve_post_id(post_id))
        refusal = wf.redo_refusal(events, undo_event_id)
        if refusal:
            raise TransitionRefused(said("cannot-redo", why=refusal))
        post = wf.fold(events)
        redo = core.make_event(wf.UNDONE, post.batch, actor, post_id=post.id, parent=post.head,
                               payload={"target": undo_event_id, "kind": wf.UNDONE})
        return core.commit_post_events(events, [redo])


# -- the machinery ------------------------------------------------------------------------------


Plan = Callable[[PostState, Actor, dict[str, Any]], list[tuple[str, dict]]]


def _act(core: Core, post_id: str, actor: Actor, action: str, plan: Plan,
         refuse_if_not_allowed: bool = True) -> PostState:
    actor = check_actor(actor)
    with core.store.write():
        return _act_in_transaction(core, post_id, actor, action, plan, refuse_if_not_allowed)


def _act_in_transaction(core: Core, post_id, actor, action, plan, refuse_if_not_allowed=True):
    """Check, plan, append and materialise one action; the caller holds the write lock."""
    events = core.store.events.of_post(core.resolve_post_id(post_id))
    post = wf.fold(events)
    batch = core.batch(post.batch)  # once per transaction: the rules and the plan read it
    refusal = wf.refuse_reason(action, post, actor, bool(batch["require_signoff"]))
    if refusal:
        if not refuse_if_not_allowed:
            return post
        raise TransitionRefused(refusal)
    if action in COORDINATING_ACTIONS:
        core.refuse_unless_coordinated_here(post.batch)
    new_events = _planned_events(core, post, actor, action, plan, batch)
    return core.commit_post_events(events, new_events) if new_events else post


def _act_on_many(core: Core, post_ids, actor, action, plan, nothing: str) -> list[PostState]:
    """The same action on many posts, all or none: their logs read in a few queries and
    the new events written in one go (a coordinator assigning a 10,000-post batch).
    `nothing`: the message that lists the refusals ("nothing-decided")."""
    ids, refusals = [], []
    for key in post_ids:
        try:
            ids.append(core.resolve_post_id(key))
        except NotFound as unknown:
            refusals.append(message_of(unknown))
    ids = list(dict.fromkeys(ids))  # a post named twice is acted on once
    logs = core.store.events.of_posts(ids)
    batches: dict[str, dict[str, Any]] = {}  # each read once
    posts, changed, new_events = [], [], []
    for post_id in ids:
        post = wf.fold(logs[post_id])
        if post.batch not in batches:
            batches[post.batch] = core.batch(post.batch)
        batch = batches[post.batch]
        refusal = wf.refuse_reason(action, post, actor, bool(batch["require_signoff"]))
        if refusal is None and action in COORDINATING_ACTIONS and not core.coordinated_here(post.batch):
            refusal = said("batch-coordinated-elsewhere", batch=post.batch)
        if refusal:
            refusals.append(refusal)
            continue
        planned = _planned_events(core, post, actor, action, plan, batch)
        if planned:
            post = wf.fold(logs[post_id] + planned)
            new_events += planned
            changed.append(post)
        posts.append(post)
    if refusals:
        raise TransitionRefused(said(nothing, refusals=Joined(refusals, "\n"),
                                     count=len(refusals)))
    core.store.events.append(new_events)
    core.store.posts.materialise(changed)
    return posts


def _planned_events(core: Core, post: PostState, actor: Actor, action: str, plan: Plan,
                    batch: dict[str, Any]) -> list[Event]:
    steps = plan(post, actor, batch)
    if not steps:
        return []  # nothing to do (an unchanged rewrite): not even opening the post
    if post.state == wf.PENDING and action in wf.AUTO_OPEN:
        steps = [(wf.OPENED, {})] + steps
    new_events, parent = [], post.head
    for kind, payload in steps:
        event = core.make_event(kind, post.batch, actor, post_id=post.id, parent=parent,
                                payload=payload)
        new_events.append(event)
        parent = event.id
    return new_events


def despite_list(found: list) -> list[str]:
    """The "despite" key of an approval event: each finding as "key: message", at most
    DESPITE_ITEMS items of at most DESPITE_CHARS characters (the last says how many more)."""
    items = [_shorten(f"{shown.key}: {shown.result.message}", DESPITE_CHARS) for shown in found]
    if len(items) > DESPITE_ITEMS:
        items = items[:DESPITE_ITEMS - 1] + [f"and {len(items) - DESPITE_ITEMS + 1} more findings"]
    return items


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _check_choice(what: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidInput(said("unknown-choice", what=what, value=value, allowed=", ".join(allowed)))
