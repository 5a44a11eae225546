"""What an event may carry, and what it may do: the rules every event from a package is checked
against before anything is stored.

Two halves, neither touching the database:
- `event_problem()`: the shape of one event as it arrived (its fields, the payload its kind
  carries: names, types, allowed values, sizes, times between 1970 and 2200 in UTC);
- `history_problems()`: what each new event does at its place in its post's history, replayed
  as the laptop that made it saw the post (the path from the post's import to the event's
  parent): the workflow's rules, the approval's outcome, the revision an annotation marks, the
  action an undo takes back, and a history that is one tree rooted at the post's import.

A package's kind limits the kinds it may carry (`kinds_allowed`): a results package carries only
reviewers' actions on posts that exist, never imports, HQ's changes, exports, assignments,
sign-offs or conflict resolutions. State (state, approver, current text) is never taken from a
payload: `workflow.fold` derives it, and the approval's recorded outcome must be the one the
rules give.
"""
from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta
from dataclasses import replace
from typing import Any, Callable, Iterable

from . import workflow as wf
from .formats import EXPORT_FORMATS, PLATFORMS
from .languages import is_standard
from .model import (
    APPROVED,
    AWAITING_SIGNOFF,
    CATEGORIES,
    EXPORTED,
    HQ_FIELD_DEFAULTS,
    HQ_FIELDS,
    MAX_TOOL_NOTE,
    MAX_TOOL_NOTES,
    PENDING,
    ROLES,
    SEVERITIES,
    Actor,
    Event,
    PostState,
)
from .texts import Said, said

EVENT_KEYS = ("id", "kind", "batch", "post_id", "actor", "role", "at", "parent", "payload")
EVENT_ID = re.compile(r"[0-9a-f]{32}")
POST_ID = re.compile(r"[0-9a-z]{1,40}")
SHA256 = re.compile(r"[0-9a-f]{64}")
UTC_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
EARLIEST, LATEST = datetime(1970, 1, 1), datetime(2200, 1, 1)
EARLIEST_UTC, LATEST_UTC = "1970-01-02T00:00:00.000Z", "2199-12-31T00:00:00.000Z"

TEXT_MAX = 100_000  # a post's text, as a batch file may hold it
NOTE_MAX = 20_000  # a reason, a comment, a back-translation
NAME_MAX = 200  # names, ids, file names, check keys
COUNT_MAX = 10_000_000
LIST_MAX = 10_000

# Kinds that are about a batch, not a post (no post id, no parent).
BATCH_KINDS = frozenset({wf.BATCH_CREATED, wf.FILE_IMPORTED, wf.BATCH_EXPORTED})
# What a reviewer does on a laptop: the only kinds a results package may carry.
REVIEW_KINDS = frozenset({wf.OPENED, wf.REWRITTEN, wf.GLOSSED, wf.ANNOTATED, wf.ANNOTATION_RESOLVED,
                          wf.ANNOTATION_DELETED, wf.APPROVED_EV, wf.REJECTED_EV,
                          wf.CHANGES_REQUESTED_EV, wf.REOPENED, wf.CHECK_DISMISSED, wf.UNDONE})
# The workflow action each kind of event records (`workflow.refusal` knows their rules).
ACTION_OF = {wf.REWRITTEN: "rewrite", wf.GLOSSED: "gloss", wf.ANNOTATED: "annotate",
             wf.ANNOTATION_RESOLVED: "resolve-annotation", wf.ANNOTATION_DELETED: "delete-annotation",
             wf.APPROVED_EV: "approve", wf.REJECTED_EV: "reject",
             wf.CHANGES_REQUESTED_EV: "request-changes", wf.REOPENED: "reopen",
             wf.SIGNED_OFF: "signoff", wf.CHECK_DISMISSED: "dismiss-check", wf.ASSIGNED: "assign"}
REVISION_KINDS = frozenset({wf.IMPORTED, wf.REWRITTEN, wf.DRAFT_UPDATED})


def kinds_allowed(package_kind: str) -> frozenset[str]:
    return REVIEW_KINDS if package_kind == "results" else wf.KINDS


# -- one value -----------------------------------------------------------------------------------
# A check returns None when the value is fine, else what is wrong with it (a Said).

Check = Callable[[Any], "Said | None"]


def text(limit: int = NAME_MAX, empty: bool = False) -> Check:
    def check(value: Any) -> Said | None:
        if isinstance(value, str) and (empty or value.strip()) and len(value) <= limit:
            return None
        return said("value-not-text", limit=limit)
    return check


def optional(inner: Check) -> Check:
    return lambda value: None if value is None else inner(value)


def integer(low: int = 0, high: int = COUNT_MAX) -> Check:
    def check(value: Any) -> Said | None:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return None
        return said("value-not-integer", low=low, high=high)
    return check


def choice(allowed: Iterable[str]) -> Check:
    allowed = tuple(allowed)

    def check(value: Any) -> Said | None:
        return None if value in allowed else said("value-not-choice", allowed=", ".join(allowed))
    return check


def pattern(regex: re.Pattern, what: str) -> Check:
    def check(value: Any) -> Said | None:
        return None if isinstance(value, str) and regex.fullmatch(value) else said(what)
    return check


def boolean(value: Any) -> Said | None:
    return None if isinstance(value, bool) else said("value-not-boolean")


def language(value: Any) -> Said | None:
    return _language_problem(value) if isinstance(value, str) else said("value-not-language")


@functools.lru_cache(maxsize=256)  # a batch uses a few tags, tens of thousands of times
def _language_problem(value: str) -> Said | None:
    try:
        return None if is_standard(value) else said("value-not-language")
    except ValueError:
        return said("value-not-language")


def list_of(inner: Check, limit: int = LIST_MAX) -> Check:
    def check(value: Any) -> Said | None:
        if not isinstance(value, list) or len(value) > limit:
            return said("value-not-list", limit=limit)
        return next((p for p in map(inner, value) if p), None)
    return check


def mapping(key: Check, inner: Check, limit: int = LIST_MAX) -> Check:
    def check(value: Any) -> Said | None:
        if not isinstance(value, dict) or len(value) > limit:
            return said("value-not-object", limit=limit)
        return next((p for k, v in value.items() for p in (key(k), inner(v)) if p), None)
    return check


def utc_time(value: Any) -> Said | None:
    """A time as every event records it: UTC, to the millisecond, 1970 to 2200."""
    if not isinstance(value, str) or not UTC_TIME.fullmatch(value):
        return said("value-not-utc-time")
    try:
        datetime.fromisoformat(value[:-1])  # a real day and time (no 31 February)
    except ValueError:
        return said("value-not-time")
    # In this one fixed format, text order is time order.
    return None if EARLIEST_UTC <= value < LATEST_UTC else said("value-time-out-of-range")


def local_time(value: Any) -> Said | None:
    """A scheduled time as a batch file gives it (ISO 8601, offset optional), 1970 to 2200."""
    if not isinstance(value, str) or len(value) > 40:
        return said("value-not-time")
    return _in_range(value)


def _in_range(value: str) -> Said | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return said("value-not-time")
    offset = moment.utcoffset() or timedelta(0)
    naive = moment.replace(tzinfo=None)
    if not EARLIEST + timedelta(days=1) <= naive - offset < LATEST - timedelta(days=1):
        return said("value-time-out-of-range")
    return None


event_id = pattern(EVENT_ID, "value-not-event-id")
sha256 = pattern(SHA256, "value-not-sha256")
actor_name = text(100)
post_text = text(TEXT_MAX)
note = text(NOTE_MAX)
optional_note = optional(text(NOTE_MAX, empty=True))

# -- payloads ------------------------------------------------------------------------------------

HQ_FIELD_CHECKS: dict[str, Check] = {
    "platform": choice(PLATFORMS), "source_lang": language, "source_text": post_text,
    "target_lang": language, "link": optional(text(NOTE_MAX)), "media_note": optional_note,
    "scheduled_at": optional(local_time), "notes": optional(text(TEXT_MAX, empty=True)),
    "extra": mapping(text(NAME_MAX), text(TEXT_MAX, empty=True), limit=200),
    "media": lambda value: media_records(value),
    "codes": lambda value: _codes_problem(value),
    "tool_notes": list_of(mapping(choice(("from", "category", "text")),
                                  text(MAX_TOOL_NOTE, empty=True), limit=3), limit=MAX_TOOL_NOTES),
}
assert set(HQ_FIELD_CHECKS) == set(HQ_FIELDS)


def media_records(value: Any) -> Said | None:
    """A post's pictures as an import records them (review/media.py's MediaFile.to_json)."""
    from .formats.rows import MAX_MEDIA_PER_POST, is_media_name
    from .media import MAX_BYTES, MAX_SIDE, MEDIA_TYPES

    if not isinstance(value, list) or len(value) > MAX_MEDIA_PER_POST:
        return said("value-not-list", limit=MAX_MEDIA_PER_POST)
    name = (lambda value: None if isinstance(value, str) and is_media_name(value)
            else said("value-not-media-name"))
    checks = {"name": name, "sha256": sha256, "type": choice(MEDIA_TYPES),
              "width": optional(integer(1, MAX_SIDE)), "height": optional(integer(1, MAX_SIDE)),
              "bytes": integer(1, MAX_BYTES)}
    for record in value:
        if not isinstance(record, dict) or set(record) != set(checks):
            return said("value-not-media", fields=", ".join(checks))
        problem = next((p for k, check in checks.items() for p in [check(record[k])] if p), None)
        if problem:
            return problem
    return None


def _codes_problem(value: Any) -> Said | None:
    from .formats.inline_codes import codes_valid  # lxml, loaded when a package has codes

    return None if codes_valid(value) else said("value-not-codes")


def _heads_problem(value: Any) -> Said | None:
    from .formats.xliff_files import heads_valid  # lxml, loaded when a package has heads

    return None if heads_valid(value) else said("value-not-file-heads")


def hq_fields(value: Any) -> Said | None:
    """HQ's fields a re-imported row changed: some of HQ_FIELDS, nothing else (never the post's
    id, batch, state or approver)."""
    if not isinstance(value, dict) or not set(value) <= set(HQ_FIELDS):
        return said("value-not-hq-fields", fields=", ".join(HQ_FIELDS))
    return next((p for k, v in value.items() for p in [HQ_FIELD_CHECKS[k](v)] if p), None)


# kind -> (required fields, optional fields), each field with its check
PAYLOADS: dict[str, tuple[dict[str, Check], dict[str, Check]]] = {
    wf.IMPORTED: ({**{k: c for k, c in HQ_FIELD_CHECKS.items() if k not in HQ_FIELD_DEFAULTS},
                   "external_id": text(NAME_MAX), "draft_text": post_text},
                  {k: HQ_FIELD_CHECKS[k] for k in HQ_FIELD_DEFAULTS}),
    wf.DRAFT_UPDATED: ({"text": post_text, "fields": hq_fields}, {}),
    wf.DETAILS_UPDATED: ({"fields": hq_fields}, {}),
    wf.OPENED: ({}, {}),
    wf.REWRITTEN: ({"text": post_text}, {"back_translation": optional_note}),
    wf.GLOSSED: ({"revision_id": event_id, "back_translation": optional_note}, {}),
    wf.ANNOTATED: ({"revision_id": event_id, "start": integer(0, TEXT_MAX),
                    "end": integer(0, TEXT_MAX), "category": choice(CATEGORIES),
                    "severity": choice(SEVERITIES)},
                   {"subcategory": optional(text(NAME_MAX)), "comment": optional_note,
                    "picture": text(300)}),
    wf.ANNOTATION_RESOLVED: ({"annotation_id": event_id}, {}),
    wf.ANNOTATION_DELETED: ({"annotation_id": event_id}, {}),
    wf.APPROVED_EV: ({"state": choice((APPROVED, AWAITING_SIGNOFF)), "revision": integer()},
                     {"despite": list_of(text(300), limit=50)}),
    wf.REJECTED_EV: ({"reason": note}, {}),
    wf.CHANGES_REQUESTED_EV: ({"reason": note}, {}),
    wf.REOPENED: ({"reason": note}, {}),
    wf.SIGNED_OFF: ({}, {}),
    wf.EXPORTED_EV: ({"export_id": event_id, "format": choice(EXPORT_FORMATS),
                      "file": text(NAME_MAX * 5)}, {}),
    wf.CHECK_DISMISSED: ({"check": text(NAME_MAX), "reason": note, "text_sha256": sha256}, {}),
    wf.ASSIGNED: ({"assignee": optional(actor_name)}, {}),
    wf.UNDONE: ({"target": event_id, "kind": choice(sorted(wf.KINDS))}, {}),
    wf.CONFLICT_RESOLVED: ({"keep": event_id, "tip": event_id, "dropped": list_of(event_id),
                            "heads": list_of(event_id, limit=100)}, {}),
    wf.BATCH_CREATED: ({"name": text(100), "title": text(NOTE_MAX, empty=True),
                        "origin": text(NOTE_MAX, empty=True),
                        "platforms": list_of(choice(PLATFORMS), limit=len(PLATFORMS)),
                        "due": optional(text(NAME_MAX, empty=True)), "require_signoff": boolean,
                        "timezone": text(100)},
                       {"created": utc_time}),  # the importer's record, written with it
    wf.FILE_IMPORTED: ({"file": text(NAME_MAX * 5), "sha256": optional(sha256),
                        "posts": integer(), "added": integer(), "new_drafts": integer(),
                        "details_updated": integer(), "unchanged": integer()},
                       {"xliff_files": lambda value: _heads_problem(value)}),
    wf.BATCH_EXPORTED: ({"export_id": event_id, "format": choice(EXPORT_FORMATS),
                         "file": text(NAME_MAX * 5), "manifest": text(NAME_MAX * 5),
                         "count": integer(), "size": integer(0, 1 << 50), "sha256": sha256,
                         "skipped": mapping(text(NAME_MAX), integer(), limit=50)}, {}),
}
assert set(PAYLOADS) == set(wf.KINDS)


def event_problem(raw: Any, batch: str, kinds: frozenset[str] = wf.KINDS) -> Said | None:
    """What is wrong with the shape of one event of a package for `batch` that may carry
    events of `kinds`, or None."""
    if not isinstance(raw, dict) or set(raw) != set(EVENT_KEYS):
        return said("event-fields", fields=", ".join(EVENT_KEYS))
    if event_id(raw["id"]):
        return said("event-id-invalid")
    ident, kind = raw["id"], raw["kind"]
    if kind not in wf.KINDS:
        return said("event-kind-unknown", id=ident, kind=str(kind)[:60])
    if raw["batch"] != batch:
        return said("event-batch", id=ident, batch=str(raw["batch"])[:100], expected=batch)
    for name, check in (("actor", actor_name), ("role", choice(ROLES)), ("at", utc_time),
                        ("post_id", _post_id_check(kind)), ("parent", _parent_check(kind))):
        problem = check(raw[name])
        if problem:
            return said("event-field-wrong", id=ident, kind=kind, field=name, problem=problem)
    if kind not in kinds:
        return said("event-kind-not-in-results", id=ident, kind=kind)
    return payload_problem(ident, kind, raw["payload"])


def _post_id_check(kind: str) -> Check:
    if kind in BATCH_KINDS:
        return lambda value: None if value is None else said("value-must-be-null")
    return pattern(POST_ID, "value-not-post-id")


def _parent_check(kind: str) -> Check:
    if kind in BATCH_KINDS or kind == wf.IMPORTED:
        return lambda value: None if value is None else said("value-must-be-null")
    return event_id


def payload_problem(ident: str, kind: str, payload: Any) -> Said | None:
    required, optional_fields = PAYLOADS[kind]
    allowed = set(required) | set(optional_fields)
    if not isinstance(payload, dict) or not set(required) <= set(payload) <= allowed:
        return said("event-payload-fields", id=ident, kind=kind,
                    fields=", ".join(sorted(required)) or "-",
                    optional=", ".join(sorted(optional_fields)) or "-")
    for name, value in payload.items():
        problem = (required.get(name) or optional_fields[name])(value)
        if problem:
            return said("event-field-wrong", id=ident, kind=kind, field=f"payload.{name}",
                        problem=problem)
    if kind == wf.ANNOTATED and "picture" in payload and (payload["start"], payload["end"]) != (0, 0):
        return said("event-picture-span", id=ident)
    if kind == wf.ANNOTATED and "picture" not in payload and payload["start"] >= payload["end"]:
        return said("event-span-empty", id=ident, start=payload["start"], end=payload["end"])
    return None


# -- a post's history ----------------------------------------------------------------------------


class HistoryTooLong(Exception):
    """Checking the history would take more work than its size justifies (a hostile tree)."""


def history_problems(log: list[Event], new: set[str], require_signoff: bool,
                     package_kind: str) -> list[Said]:
    """What the new events of one post's log (stored and arriving events together) may not do.

    Each new event is checked against the post as its maker saw it: the replay of the path from
    the post's import to the event's parent. The log must be one tree: one import at its root,
    every other event's parent an event of the same post, no cycles."""
    by_id = {e.id: e for e in log}
    roots = [e for e in log if e.kind == wf.IMPORTED]
    problems = _shape_problems(log, by_id, roots, new)
    if problems:
        return problems
    children: dict[str, list[Event]] = {}
    for event in log:
        if event.kind != wf.IMPORTED:
            children.setdefault(event.parent, []).append(event)
    walk = _Walk(by_id, new, require_signoff, package_kind, budget=200 * len(log) + 200_000)
    walk.run(roots[0], children)
    return walk.problems


def _shape_problems(log: list[Event], by_id: dict[str, Event], roots: list[Event],
                    new: set[str]) -> list[Said]:
    post = log[0].post_id
    if len(roots) != 1:
        if not roots:
            return [said("event-post-no-import", post=post)]
        return [said("event-post-imported-twice", post=post,
                     id=min(r.id for r in roots if r.id in new))]
    problems = []
    for event in log:
        if event.id in new and event.kind != wf.IMPORTED and event.parent not in by_id:
            problems.append(said("event-parent-elsewhere", id=event.id, parent=event.parent, post=post))
    if not problems:
        problems = [said("event-parent-cycle", id=i, post=post) for i in _in_cycles(by_id, new)[:1]]
    return problems[:20]


def _in_cycles(by_id: dict[str, Event], new: set[str]) -> list[str]:
    """New events whose parents never lead to the post's import (stored events always do)."""
    leads_home = set(by_id) - new
    stuck = []
    for start in sorted(new):
        chain, current = [], by_id[start]
        while current.id not in leads_home and current.kind != wf.IMPORTED:
            if current.id in chain:
                stuck.append(start)
                break
            chain.append(current.id)
            current = by_id[current.parent]
        else:
            leads_home.update(chain)
    return stuck


class _Walk:
    """A walk from the import down the tree of a post's events, carrying the post as each path
    has it so far (copied where the tree branches), checking every new event on the way."""

    def __init__(self, by_id, new, require_signoff, package_kind, budget: int):
        self.by_id, self.new, self.require_signoff = by_id, new, require_signoff
        self.results = package_kind == "results"
        self.budget = budget
        self.problems: list[Said] = []

    def run(self, root: Event, children: dict[str, list[Event]]) -> None:
        stack: list[tuple[Event, PostState | None, int]] = [(root, None, 0)]
        path: list[Event] = []
        while stack and len(self.problems) < 20:
            event, before, depth = stack.pop()
            del path[depth:]
            path.append(event)
            if event.id in self.new and before is not None:
                problem = self.problem(event, before)
                if problem:
                    self.problems.append(problem)
                    continue  # what follows a refused event is not checked further
            after = self.state_after(event, before, path)
            below = children.get(event.id, ())
            for index, child in enumerate(below):
                shared = index == len(below) - 1  # the last child may change `after` in place
                stack.append((child, after if shared else self.copy(after), depth + 1))

    def spend(self, units: int) -> None:
        self.budget -= units
        if self.budget < 0:
            raise HistoryTooLong()

    def copy(self, post: PostState) -> PostState:
        self.spend(len(post.revisions) + len(post.annotations) + len(post.dismissals) + 1)
        return _copied(post)

    def state_after(self, event: Event, before: PostState | None, path: list[Event]) -> PostState:
        if before is None or event.kind in (wf.UNDONE, wf.CONFLICT_RESOLVED):
            # An undo cancels an earlier event of the path: replay the path as the fold does.
            self.spend(len(path))
            return wf.replay_path(path)
        self.spend(1)
        return wf.apply_event(before, event)

    def problem(self, event: Event, before: PostState) -> Said | None:
        why = self.refusal(event, before)
        if why is None:
            return None
        return said("event-not-allowed", id=event.id, kind=event.kind, actor=event.actor,
                    post=before.id, state=before.state.replace("_", " "), why=why)

    def refusal(self, event: Event, post: PostState) -> Said | None:
        kind, payload = event.kind, event.payload
        if kind == wf.OPENED:
            return None if post.state == PENDING else said("why-not-pending")
        if kind in (wf.DRAFT_UPDATED, wf.DETAILS_UPDATED):
            return said("why-exported") if post.state == EXPORTED else None
        if kind == wf.EXPORTED_EV:
            return None if post.state in (APPROVED, EXPORTED) else said("why-not-approved")
        if kind == wf.UNDONE:
            return self.undo_refusal(event, post)
        if kind == wf.CONFLICT_RESOLVED:
            known = {payload["keep"], payload["tip"], *payload["dropped"], *payload["heads"]}
            return None if known <= set(self.by_id) else said("why-unknown-events")
        found = wf.refusal(ACTION_OF[kind], post, Actor(event.actor, event.role), self.require_signoff)
        if found:
            return said(f"why-{found[0]}", action=ACTION_OF[kind])
        return self.payload_refusal(event, post)

    def payload_refusal(self, event: Event, post: PostState) -> Said | None:
        """What the payload says must be what the action did to the post as it was."""
        kind, payload = event.kind, event.payload
        if kind == wf.APPROVED_EV:
            # (Its revision number is not compared: two laptops' identical rewrites, merged,
            # number the revisions differently than one path does; nothing reads it.)
            expected = wf.state_after_approval(post, self.require_signoff)
            if payload["state"] != expected:
                return said("why-approval-outcome", state=wf.state_words(expected))
        if kind == wf.GLOSSED and payload["revision_id"] != post.current_revision.id:
            return said("why-gloss-not-current")
        if kind == wf.ANNOTATED:
            revision = next((r for r in post.revisions if r.id == payload["revision_id"]), None)
            if revision is None:
                return said("why-no-revision")
            if payload["end"] > len(revision.text):
                return said("why-span-outside", end=payload["end"], length=len(revision.text))
        if kind in (wf.ANNOTATION_RESOLVED, wf.ANNOTATION_DELETED):
            found = post.annotations.get(payload["annotation_id"])
            if found is None or found.status == "deleted":
                return said("why-no-annotation")
        if kind == wf.CHECK_DISMISSED and payload["text_sha256"] != wf.text_digest(post.current_text):
            return said("why-dismissed-other-text")
        return None

    def undo_refusal(self, event: Event, post: PostState) -> Said | None:
        target = self.by_id.get(event.payload["target"])
        if target is None or target.kind != event.payload["kind"]:
            return said("why-undo-target")
        if target.kind not in wf.UNDOABLE and target.kind != wf.UNDONE:
            return said("why-undo-kind")
        if post.state == EXPORTED:
            return said("why-exported")
        if self.results and target.actor != event.actor:
            return said("why-undo-not-own", actor=target.actor)
        return None


def _copied(post: PostState) -> PostState:
    return replace(post, revisions=list(post.revisions), annotations=dict(post.annotations),
                   dismissals=dict(post.dismissals), extra=dict(post.extra))
