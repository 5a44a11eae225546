"""The facade over one database: every verb of the review domain, for the CLI and the GUI alike.

Each verb runs in one write transaction: read the post's log, ask the workflow whether the action
is allowed, append the new events, replay the log and store what it now says. When a verb
returns, its change is on disk.
"""
from __future__ import annotations

import os
import secrets
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from . import workflow as wf
from .errors import InvalidInput, NotFound, TransitionRefused
from .model import CATEGORIES, COORDINATOR, REWRITE, ROLES, SEVERITIES, Actor, Event, PostState, Revision
from .store import POST_COLUMNS, Store, post_values, utc_now
from .texts import Joined, message_of, said

DECISIONS = ("approve", "reject", "request-changes", "reopen", "signoff")
# What only the desk that coordinates a batch does (a laptop that received the batch in a work
# package reviews it; its results package may carry reviewers' actions only).
COORDINATING_ACTIONS = frozenset({"signoff", "assign", "resolve"})
NEEDS_REASON = ("reject", "request-changes", "reopen")
# An approval given despite open error findings records them (the "despite" key of its event):
# at most this many, each at most this long (the lead's event schema accepts exactly that).
DESPITE_ITEMS, DESPITE_CHARS = 50, 300
UNSAVED_REVISION = "unsaved"  # the revision id of a text checked before it is saved
_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: ids are read aloud and typed


def new_event_id() -> str:
    return uuid.uuid4().hex


def new_post_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(10))


def check_actor(actor: Actor) -> Actor:
    name = (actor.name or "").strip()
    if not name:
        raise InvalidInput(said("actor-unnamed"))
    if len(name) > 100 or not name.isprintable():
        raise InvalidInput(said("actor-unusable-name", name=name[:40]))
    if actor.role not in ROLES:
        raise InvalidInput(said("unknown-role", role=actor.role, roles=", ".join(ROLES)))
    return Actor(name, actor.role)


@dataclass(frozen=True)
class UndoResult:
    undo_event_id: str
    undone_kind: str
    post: PostState


class Desk:
    """Review Desk's data, opened on one SQLite file."""

    def __init__(self, path: str | os.PathLike, *, backups: bool = True, daily_backup: bool = True):
        """`daily_backup=False`: the caller takes it (the window, on a worker thread)."""
        self.store = Store(path, backups=backups and str(path) != ":memory:")
        if daily_backup:
            self.store.backups.daily()
        from .exporting import finish_interrupted_exports

        finish_interrupted_exports(self)

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Desk":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- events ------------------------------------------------------------------------------

    def make_event(self, kind: str, batch: str, actor: Actor, *, post_id: str | None = None,
                   parent: str | None = None, payload: dict[str, Any] | None = None) -> Event:
        return Event(new_event_id(), kind, batch, post_id, actor.name, actor.role, utc_now(),
                     parent, payload or {})

    # -- reading -------------------------------------------------------------------------------

    def resolve_post_id(self, key: str) -> str:
        """The post a user means: its id, its unique external id, or a unique id prefix."""
        ids = self.store.posts.find_ids(key.strip())
        if not ids:
            raise NotFound(said("no-post", key=key))
        if len(ids) > 1:
            rows = [self.store.posts.row(i) for i in ids[:5]]
            where = ", ".join(f"{r['id']} ({r['batch']})" for r in rows)
            raise NotFound(said("post-ambiguous", key=key, count=len(ids), where=where))
        return ids[0]

    def post(self, post_id: str) -> PostState:
        """A post as its event log says it is now."""
        events = self.store.events.of_post(post_id)
        if not events:
            raise NotFound(said("no-post", key=post_id))
        return wf.fold(events)

    def history(self, post_id: str) -> list[Event]:
        events = self.store.events.of_post(post_id)
        if not events:
            raise NotFound(said("no-post", key=post_id))
        return events

    def batch(self, name: str) -> dict[str, Any]:
        batch = self.store.batches.get(name)
        if batch is None:
            known = ", ".join(b["name"] for b in self.store.batches.list()) or "none yet"
            raise NotFound(said("no-batch", batch=name, known=known))
        return batch

    def batches(self) -> list[dict[str, Any]]:
        return self.store.batches.list()

    def coordinated_here(self, batch: str) -> bool:
        """Whether this desk coordinates the batch (imported it from HQ's file), rather than
        having received it in a work package."""
        return self.store.packages.batch_created_here(batch)

    def refuse_unless_coordinated_here(self, batch: str) -> None:
        if not self.coordinated_here(batch):
            raise TransitionRefused(said("batch-coordinated-elsewhere", batch=batch))

    def posts(self, *, batch: str | None = None, state: str | None = None) -> list[dict[str, Any]]:
        if batch is not None:
            self.batch(batch)
        return self.store.posts.rows(batch=batch, states=None if state is None else [state])

    def posts_out_of_step(self) -> list[str]:
        """Ids of posts whose stored row differs from the replay of their log (should be none)."""
        return [row["id"] for row in self.store.posts.rows()
                if post_values(self.post(row["id"])) != tuple(row[c] for c in POST_COLUMNS)]

    # -- the review verbs --------------------------------------------------------------------

    def open_post(self, post_id: str, actor: Actor) -> PostState:
        """Start reviewing a pending post (no-op for a post already under review or decided)."""
        def plan(post: PostState, actor: Actor) -> list[tuple[str, dict]]:
            return [] if post.state != wf.PENDING else [(wf.OPENED, {})]

        return self._act(post_id, actor, "open", plan, refuse_if_not_allowed=False)

    def rewrite(self, post_id: str, actor: Actor, text: str,
                back_translation: str | None = None) -> PostState:
        """A new revision when the text changed. The same text with another back-translation
        glosses the current revision instead: a revision is a text (annotations, the
        difference, MQM and sign-off hang off it), so a copy of it only to carry a gloss would
        detach them. The same text and gloss again change nothing."""
        if not (text or "").strip():
            raise InvalidInput(said("rewrite-empty"))
        payload = {"text": text.strip(), "back_translation": _optional(back_translation)}
        post = self.post(self.resolve_post_id(post_id))
        latest = post.current_revision
        if payload["text"] != latest.text.strip():
            action, steps = "rewrite", [(wf.REWRITTEN, payload)]
        elif payload["back_translation"] != _optional(latest.back_translation):
            action, steps = "gloss", [(wf.GLOSSED, {"revision_id": latest.id,
                                                    "back_translation": payload["back_translation"]})]
        else:
            action, steps = "rewrite", []  # nothing changed: no event at all

        def plan(post: PostState, actor: Actor) -> list[tuple[str, dict]]:
            self.store.unfinished.discard(post.id, actor.name)  # same transaction as the rewrite
            if post.current_revision.id != latest.id:  # changed meanwhile: ask again
                raise TransitionRefused(said("post-changed-meanwhile", id=post.id))
            return steps

        return self._act(post_id, actor, action, plan)

    def save_unfinished(self, post_id: str, actor: Actor, text: str,
                        back_translation: str | None = None) -> None:
        """Keep what a reviewer is typing, so a crash or a closed window loses nothing."""
        with self.store.write():
            self.store.unfinished.save(post_id, actor.name, text, back_translation)

    def unfinished(self, post_id: str, actor: Actor) -> dict[str, Any] | None:
        """The rewrite `actor` was typing on this post and did not save, if any."""
        return self.store.unfinished.get(post_id, actor.name)

    def discard_unfinished(self, post_id: str, actor: Actor) -> None:
        with self.store.write():
            self.store.unfinished.discard(post_id, actor.name)

    def annotate(self, post_id: str, actor: Actor, *, start: int, end: int, category: str,
                 severity: str, comment: str = "", subcategory: str | None = None,
                 revision: int | None = None) -> PostState:
        _check_choice("category", category, CATEGORIES)
        _check_choice("severity", severity, SEVERITIES)

        def plan(post: PostState, actor: Actor) -> list[tuple[str, dict]]:
            target = post.current_revision if revision is None else post.revision(revision)
            if target is None:
                raise InvalidInput(said("no-revision", id=post.id, revision=revision))
            if not 0 <= start < end <= len(target.text):
                raise InvalidInput(said("span-outside", start=start, end=end, id=post.id,
                                        revision=target.number, count=len(target.text)))
            return [(wf.ANNOTATED, {"revision_id": target.id, "start": start, "end": end,
                                    "category": category, "subcategory": _optional(subcategory),
                                    "severity": severity, "comment": (comment or "").strip()})]

        return self._act(post_id, actor, "annotate", plan)

    def resolve_annotation(self, post_id: str, actor: Actor, annotation_id: str) -> PostState:
        return self._annotation_change(post_id, actor, annotation_id, "resolve-annotation",
                                       wf.ANNOTATION_RESOLVED)

    def delete_annotation(self, post_id: str, actor: Actor, annotation_id: str) -> PostState:
        return self._annotation_change(post_id, actor, annotation_id, "delete-annotation",
                                       wf.ANNOTATION_DELETED)

    def _annotation_change(self, post_id, actor, annotation_id, action, kind) -> PostState:
        def plan(post: PostState, actor: Actor) -> list[tuple[str, dict]]:
            found = post.annotations.get(annotation_id)
            if found is None or found.status == "deleted":
                raise NotFound(said("no-annotation", id=post.id, annotation=annotation_id))
            return [(kind, {"annotation_id": annotation_id})]

        return self._act(post_id, actor, action, plan)

    def decide(self, post_id: str, actor: Actor, decision: str, reason: str | None = None, *,
               despite_findings: bool = False) -> PostState:
        """approve, reject, request-changes, reopen or signoff.

        An approval is refused while the text has open error-level findings (over the length
        limit, wrong language, untranslated, a forbidden term, a link or placeholder lost...),
        unless `despite_findings`: then the findings are recorded in the approval event."""
        if decision == "approve":
            return self._act(post_id, actor, "approve", self._gated_approval(despite_findings))
        return self._act(post_id, actor, *self._decision_plan(decision, reason))

    def blocking_findings(self, post_id: str) -> list:
        """The open (not dismissed) error-level findings on the post's current text: what an
        approval must be told about (ShownCheck objects, as `hints` gives them)."""
        return self._blocking_findings(self.post(self.resolve_post_id(post_id)))

    def _blocking_findings(self, post: PostState) -> list:
        from .hints import ERROR
        from .hints.collect import compiled_glossary, post_checks

        glossary = compiled_glossary(self.store, post.source_lang, post.target_lang)
        return [shown for shown in post_checks(post, glossary)[1]
                if shown.result.severity == ERROR and not shown.dismissed]

    def _gated_approval(self, despite_findings: bool):
        def plan(post: PostState, actor: Actor) -> list[tuple[str, dict]]:
            (kind, payload), = self._approval(post, actor)
            found = self._blocking_findings(post)  # in the transaction: the text approved
            if found and not despite_findings:
                raise TransitionRefused(said(
                    "approve-open-errors", id=post.id, count=len(found),
                    findings="\n".join(f"  {shown.key}: {shown.result.message}" for shown in found)))
            if found:
                payload["despite"] = despite_list(found)
            return [(kind, payload)]

        return plan

    def decide_many(self, post_ids: list[str], actor: Actor, decision: str,
                    reason: str | None = None) -> list[PostState]:
        """The same decision on many posts, all in one transaction or none of them."""
        action, plan = self._decision_plan(decision, reason)
        actor = check_actor(actor)
        with self.store.write():
            return self._act_on_many(post_ids, actor, action, plan, "nothing-decided")

    def assign(self, post_ids: list[str], actor: Actor, assignee: str | None) -> list[PostState]:
        """Give posts to a reviewer (None: to nobody); coordinators only; all or none."""
        with self.store.write():
            return self.assign_in_transaction(post_ids, actor, assignee)

    def assign_in_transaction(self, post_ids: list[str], actor: Actor,
                              assignee: str | None) -> list[PostState]:
        """`assign`, inside the caller's `store.write()` (a work package made for a reviewer
        assigns its posts only if the package is written)."""
        assignee = _optional(assignee)
        actor = check_actor(actor)

        def plan(post: PostState, actor: Actor) -> list[tuple[str, dict]]:
            return [] if post.assignee == assignee else [(wf.ASSIGNED, {"assignee": assignee})]

        return self._act_on_many(post_ids, actor, "assign", plan, "nothing-assigned")

    def _decision_plan(self, decision: str, reason: str | None):
        _check_choice("decision", decision, DECISIONS)
        reason = _optional(reason)
        if decision in NEEDS_REASON and not reason:
            raise InvalidInput(said("reason-needed", decision=decision))
        if decision == "approve":
            return "approve", self._approval
        kind = {"reject": wf.REJECTED_EV, "request-changes": wf.CHANGES_REQUESTED_EV,
                "reopen": wf.REOPENED, "signoff": wf.SIGNED_OFF}[decision]
        payload = {"reason": reason} if decision in NEEDS_REASON else {}
        return decision, lambda post, actor: [(kind, payload)]

    def _approval(self, post: PostState, actor: Actor) -> list[tuple[str, dict]]:
        require = self.batch(post.batch)["require_signoff"]
        return [(wf.APPROVED_EV, {"state": wf.state_after_approval(post, require),
                                  "revision": post.current_revision.number})]

    def dismiss_check(self, post_id: str, actor: Actor, check_key: str, reason: str) -> PostState:
        """Silence one check result on this post's current text ("dismiss, because ...")."""
        reason = _optional(reason)
        if not reason:
            raise InvalidInput(said("dismiss-reason-needed"))

        def plan(post: PostState, actor: Actor) -> list[tuple[str, dict]]:
            return [(wf.CHECK_DISMISSED, {"check": check_key, "reason": reason,
                                          "text_sha256": wf.text_digest(post.current_text)})]

        return self._act(post_id, actor, "dismiss-check", plan)

    def hints(self, post_id: str, text: str | None = None):
        """Every hint for the post's current text: glossary, memory, language, checks, length.
        With `text`, for that text as if it were saved as a rewrite (the window checks what
        the reviewer is typing); the same as the current text, or empty, checks the current."""
        from .hints.collect import post_hints

        post = self.post(self.resolve_post_id(post_id))
        text = (text or "").strip()
        if not text or text == post.current_text.strip():
            return post_hints(self, post.id, post)
        unsaved = Revision(UNSAVED_REVISION, post.current_revision.number + 1, REWRITE, text,
                           "", utc_now())
        return post_hints(self, post.id, replace(post, revisions=[*post.revisions, unsaved]))

    def undo(self, post_id: str, actor: Actor, expected: str | None = None) -> UndoResult:
        """Take back the post's latest live action by appending a compensating event.

        `expected`: the event the caller means to take back (an undo stack's command); if the
        post's latest action is another one (someone acted since), nothing is undone. Only its
        author or a coordinator may take back an action.
        """
        actor = check_actor(actor)
        with self.store.write():
            events = self.store.events.of_post(self.resolve_post_id(post_id))
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
                                               or not self.coordinated_here(post.batch)):
                raise TransitionRefused(said("undo-not-yours", id=post.id, actor=target.actor,
                                             kind=target.kind))
            undo = self.make_event(wf.UNDONE, post.batch, actor, post_id=post.id, parent=post.head,
                                   payload={"target": target.id, "kind": target.kind})
            return UndoResult(undo.id, target.kind, self.commit_post_events(events, [undo]))

    def redo(self, post_id: str, actor: Actor, undo_event_id: str) -> PostState:
        """Cancel an undo (an undo of the undo), only while nothing else changed since."""
        actor = check_actor(actor)
        with self.store.write():
            events = self.store.events.of_post(self.resolve_post_id(post_id))
            refusal = wf.redo_refusal(events, undo_event_id)
            if refusal:
                raise TransitionRefused(said("cannot-redo", why=refusal))
            post = wf.fold(events)
            redo = self.make_event(wf.UNDONE, post.batch, actor, post_id=post.id, parent=post.head,
                                   payload={"target": undo_event_id, "kind": wf.UNDONE})
            return self.commit_post_events(events, [redo])

    # -- the machinery --------------------------------------------------------------------------

    def _act(self, post_id: str, actor: Actor, action: str,
             plan: Callable[[PostState, Actor], list[tuple[str, dict]]],
             refuse_if_not_allowed: bool = True) -> PostState:
        actor = check_actor(actor)
        with self.store.write():
            return self._act_in_transaction(post_id, actor, action, plan, refuse_if_not_allowed)

    def _act_in_transaction(self, post_id, actor, action, plan, refuse_if_not_allowed=True):
        """Check, plan, append and materialise one action; the caller holds the write lock."""
        events = self.store.events.of_post(self.resolve_post_id(post_id))
        post = wf.fold(events)
        require = bool(self.batch(post.batch)["require_signoff"])
        refusal = wf.refuse_reason(action, post, actor, require)
        if refusal:
            if not refuse_if_not_allowed:
                return post
            raise TransitionRefused(refusal)
        if action in COORDINATING_ACTIONS:
            self.refuse_unless_coordinated_here(post.batch)
        new_events = self._planned_events(post, actor, action, plan)
        return self.commit_post_events(events, new_events) if new_events else post

    def _act_on_many(self, post_ids, actor, action, plan, nothing: str) -> list[PostState]:
        """The same action on many posts, all or none: their logs read in a few queries and
        the new events written in one go (a coordinator assigning a 10,000-post batch).
        `nothing`: the message that lists the refusals ("nothing-decided")."""
        ids, refusals = [], []
        for key in post_ids:
            try:
                ids.append(self.resolve_post_id(key))
            except NotFound as unknown:
                refusals.append(message_of(unknown))
        ids = list(dict.fromkeys(ids))  # a post named twice is acted on once
        logs = self.store.events.of_posts(ids)
        needs_signoff: dict[str, bool] = {}
        posts, changed, new_events = [], [], []
        for post_id in ids:
            post = wf.fold(logs[post_id])
            if post.batch not in needs_signoff:
                needs_signoff[post.batch] = bool(self.batch(post.batch)["require_signoff"])
            refusal = wf.refuse_reason(action, post, actor, needs_signoff[post.batch])
            if refusal is None and action in COORDINATING_ACTIONS and not self.coordinated_here(post.batch):
                refusal = said("batch-coordinated-elsewhere", batch=post.batch)
            if refusal:
                refusals.append(refusal)
                continue
            planned = self._planned_events(post, actor, action, plan)
            if planned:
                post = wf.fold(logs[post_id] + planned)
                new_events += planned
                changed.append(post)
            posts.append(post)
        if refusals:
            raise TransitionRefused(said(nothing, refusals=Joined(refusals, "\n"),
                                         count=len(refusals)))
        self.store.events.append(new_events)
        self.store.posts.materialise(changed)
        return posts

    def _planned_events(self, post: PostState, actor: Actor, action: str, plan) -> list[Event]:
        steps = plan(post, actor)
        if not steps:
            return []  # nothing to do (an unchanged rewrite): not even opening the post
        if post.state == wf.PENDING and action in wf.AUTO_OPEN:
            steps = [(wf.OPENED, {})] + steps
        new_events, parent = [], post.head
        for kind, payload in steps:
            event = self.make_event(kind, post.batch, actor, post_id=post.id, parent=parent,
                                    payload=payload)
            new_events.append(event)
            parent = event.id
        return new_events

    def commit_post_events(self, events: list[Event], new_events: list[Event]) -> PostState:
        """Append to the log and store the replayed state; call inside `store.write()`."""
        self.store.events.append(new_events)
        post = wf.fold(events + new_events)
        self.store.posts.materialise([post])
        return post

    # -- who works on this laptop -------------------------------------------------------------

    def profile(self) -> dict[str, Any] | None:
        """The reviewer's profile (name, role, languages, interface language), once set."""
        import json

        saved = self.store.settings.get("profile")
        return json.loads(saved) if saved else None

    def set_profile(self, name: str, role: str, languages: list[str], interface: str) -> dict[str, Any]:
        import json

        actor = check_actor(Actor(name, role))
        profile = {"name": actor.name, "role": actor.role, "languages": list(languages),
                   "interface": interface}
        with self.store.write():
            self.store.settings.set("profile", json.dumps(profile, ensure_ascii=False))
        return profile

    # -- import and export (in their own modules; here for one facade) -------------------------

    def make_work_package(self, batch: str, out: str | os.PathLike, actor: Actor,
                          reviewer: str | None = None, should_stop=None):
        from .exchange import make_work_package

        return make_work_package(self, batch, Path(out), actor, reviewer, should_stop)

    def make_results_package(self, batch: str, out: str | os.PathLike, actor: Actor):
        from .exchange import make_results_package

        return make_results_package(self, batch, Path(out), actor)

    def import_package(self, path: str | os.PathLike, should_stop=None):
        from .merge import import_package

        return import_package(self, Path(path), should_stop)

    def package_key(self) -> str:
        """This desk's key (its fingerprint), which signs the packages it makes."""
        from .exchange import desk_fingerprint

        return desk_fingerprint(self)

    def imported_packages(self, batch: str | None = None) -> list[dict[str, Any]]:
        """The packages imported here, oldest first, each with the fingerprint of its signer."""
        from .exchange import imported_packages

        return imported_packages(self, batch)

    def conflicts(self, batch: str | None = None) -> list[dict[str, Any]]:
        """Rows of the posts in conflict (merged work from two laptops that disagrees)."""
        from .exchange import conflict_posts

        return conflict_posts(self, batch)

    def post_conflict(self, post_id: str):
        from .exchange import post_conflict

        return post_conflict(self, post_id)

    def resolve_conflict(self, post_id: str, keep: str, actor: Actor) -> PostState:
        from .exchange import resolve_conflict

        return resolve_conflict(self, post_id, keep, actor)

    def import_batch(self, path: str | os.PathLike, **options):
        from .importing import import_batch_file

        return import_batch_file(self, Path(path), **options)

    def export(self, batch: str, fmt: str, out: str | os.PathLike, actor: Actor, again: bool = False,
               should_stop=None, platform: str | None = None):
        from .exporting import export_approved

        return export_approved(self, batch, fmt, Path(out), actor, again=again,
                               should_stop=should_stop, platform=platform)

    def verify_export(self, path: str | os.PathLike, manifest: str | os.PathLike | None = None):
        """Check an exported file against its manifest and this database's record of it."""
        from .formats.manifest import read_manifest, manifest_path, verify_file

        path = Path(path)
        manifest_file = Path(manifest) if manifest else manifest_path(path)
        export_id = str(read_manifest(manifest_file)["export_id"])
        exports = self.store.exports.list()
        record = next((r for r in exports if r["id"] == export_id), None)
        result = verify_file(path, manifest_file, record)
        if record is None and result.ok:
            _unknown_export(result, path, exports)
        return result

    def load_sample(self, actor: Actor | None = None) -> list[Any]:
        """The bundled sample batches (once per database), without the starter glossaries."""
        from .importing import import_sample

        return import_sample(self, actor or SAMPLE_ACTOR)

    def load_sample_and_glossaries(self, actor: Actor | None = None):
        """File > Load sample and `review-desk sample`: the sample batches and the starter
        glossaries, each once per database (importing.SampleLoaded)."""
        from .importing import load_sample

        return load_sample(self, actor or SAMPLE_ACTOR)

    def first_start(self):
        """What opening the window loads: the sample and the starter glossaries on a desk that
        holds no batch yet; nothing (None) on one that does (importing.first_start)."""
        from .importing import first_start

        return first_start(self, SAMPLE_ACTOR)

    # == Verbs added for the command line (review/cli), so it needs nothing but Desk ===========
    # Thin on purpose: each hands over to the module that does the work. They belong in the
    # managers (posts, glossaries and memory, reports, backups); move them there as they come.

    def post_row(self, post_id: str) -> dict[str, Any] | None:
        """The post's stored row (the projection `posts` lists), for `show`; `post_id` is an
        id as `resolve_post_id` returns it, as for `post`."""
        return self.store.posts.row(post_id)

    def batch_checks(self, batch: str):
        """Every post of the batch with its check results, post by post as they are made
        (hints.collect.batch_checks); the batch is looked up first, so a wrong name is refused."""
        from .hints.collect import batch_checks

        self.batch(batch)
        return batch_checks(self, batch)

    def glossaries(self) -> list[dict[str, Any]]:
        """The glossaries with their languages, sizes, starter flag and origin."""
        return self.store.glossaries.list()

    def import_glossary(self, path: str | os.PathLike, *, source: str | None = None,
                        target: str | None = None, name: str | None = None, should_stop=None):
        from .termbases import import_glossary

        return import_glossary(self, Path(path), source=source, target=target, name=name,
                               should_stop=should_stop)

    def export_glossary(self, name: str, out: str | os.PathLike) -> int:
        from .termbases import export_glossary

        return export_glossary(self, name, Path(out))

    def import_memory(self, path: str | os.PathLike, should_stop=None):
        from .termbases import import_memory

        return import_memory(self, Path(path), should_stop)

    def export_memory(self, out: str | os.PathLike) -> int:
        from .termbases import export_memory

        return export_memory(self, Path(out))

    def write_report(self, batch: str | None, out: str | os.PathLike, should_stop=None):
        """The HTML review report of one batch, or of every batch (None)."""
        from .report_html import write_report

        return write_report(self, batch, out, should_stop)

    def backup_now(self) -> Path | None:
        """A backup made now, on request (reason "manual"); returns its file (None on a desk
        opened without backups)."""
        return self.store.backups.take("manual")

    # Static: these work on a database file without opening it (it may be damaged or missing).

    @staticmethod
    def backups_of(db_path: str | os.PathLike) -> list:
        from .backups import backups_of

        return backups_of(db_path)

    @staticmethod
    def restore_backup(db_path: str | os.PathLike, number: int):
        from .backups import restore_backup

        return restore_backup(db_path, number)

    @staticmethod
    def verify_without_database(path: str | os.PathLike, manifest: str | os.PathLike | None = None):
        """Check an exported file against its manifest alone (on a computer without the
        database that made it)."""
        from .formats.manifest import verify_file

        return verify_file(Path(path), Path(manifest) if manifest else None)

    @staticmethod
    def damage_behind(db_path: str | os.PathLike, err: BaseException):
        """The DamagedDatabase refusal an unexpected error means, when it is a read that found
        the file damaged (where quick_check could not see it); None when it is not that."""
        from .store import damage_found, is_damage

        return damage_found(Path(db_path), err) if is_damage(err) else None

    @staticmethod
    def default_user() -> str:
        """Who acts when nobody is named: $REVIEW_DESK_USER, else the login name."""
        from .importing import default_user

        return default_user()


SAMPLE_ACTOR = Actor("Review Desk", COORDINATOR)  # who imports the bundled sample


def _unknown_export(result, path: Path, exports: list[dict[str, Any]]) -> None:
    """A manifest naming an export this database never made, for a file name it did export
    to: the file and its manifest were replaced together, unless the file is one it exported."""
    same_name = [r for r in exports if Path(r["file_name"]).name == path.name]
    if not same_name or result.sha256 in {r["sha256"] for r in same_name}:
        return
    latest = same_name[-1]
    result.differences.append(
        f"the database never made export {result.export_id}; its exports to {path.name} "
        f"(latest {latest['id']} on {latest['at']}) had other contents")


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


def _optional(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _check_choice(what: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidInput(said("unknown-choice", what=what, value=value, allowed=", ".join(allowed)))
