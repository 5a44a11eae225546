"""Review packages between laptops: making work and results packages, this desk's keys, and
resolving the conflicts a merge finds (importing a package: merge.py).

- A *work package* (the coordinator's desk -> a reviewer's laptop) holds every event of a
  batch, and the glossaries and memory units its posts' hints draw on: everything a reviewer
  needs, offline. Only the desk where the batch was imported from HQ's file makes them.
- A *results package* (laptop -> coordinator) holds the events made on that laptop: reviewers'
  actions on posts the batch has, nothing else.
- Every package is signed by the desk that made it (signing.py). A laptop pins the first
  coordinator that sent it a batch; a coordinator accepts results only from laptops that prove
  they received one of its work packages, each under its own key.
- Two laptops' decisive changes made from the same starting point that disagree make the post
  a *conflict*; a coordinator keeps one side (`resolve_conflict`), which is an event too; the
  other side stays in the history.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from . import event_rules as rules
from . import workflow as wf
from . import reviewing
from .assigning import OPEN_STATES
from .core import Core, check_actor, new_event_id
from .errors import InvalidInput, NotFound, ReviewError, TransitionRefused, stop_if
from .formats.atomic import check_output
from .formats.package_file import SUFFIX, too_large, write_package
from .hints.sources import HintSources, hint_sources
from .model import COORDINATOR, Actor, Event, MemoryUnit, PostState
from .signing import KEYS_SETTING, DeskKeys, enrolment_proof, fingerprint, keys_from_json, new_keys
from .store import utc_now
from .texts import Joined, counted, said

EVENTS_MEMBER, GLOSSARIES_MEMBER, MEMORY_MEMBER = "events.jsonl", "glossaries.jsonl", "memory.jsonl"
MEMBERS = {"work": {EVENTS_MEMBER, GLOSSARIES_MEMBER, MEMORY_MEMBER}, "results": {EVENTS_MEMBER}}
BATCH_FIELDS = ("name", "title", "origin", "platforms", "due", "require_signoff", "timezone")


@dataclass(frozen=True)
class PackageMade:
    path: Path
    kind: str
    batch: str
    package_id: str
    posts: int
    events: int
    glossaries: int
    memory_units: int
    assigned: int  # posts given to the reviewer named with --for
    signer: str  # the fingerprint of the desk that signed it
    left_with: dict[str, int] = field(default_factory=dict)  # other reviewers' posts left out

    def summary(self) -> str:
        extra = (f", {counted(self.glossaries, 'glossary', 'glossaries')}, "
                 f"{counted(self.memory_units, 'memory unit')}" if self.kind == "work" else "")
        return (f"{self.kind} package for batch {self.batch}: {counted(self.posts, 'post')}, "
                f"{counted(self.events, 'event')}{extra} -> {self.path} (signed by this desk, key {self.signer})")


# -- this desk's keys ----------------------------------------------------------------------------


def desk_keys(core: Core) -> DeskKeys:
    """This desk's signing keys, made the first time a package is made here."""
    saved = core.store.settings.get(KEYS_SETTING)
    if saved:
        return keys_from_json(saved)
    keys = new_keys()
    with core.store.write():
        saved = core.store.settings.get(KEYS_SETTING)  # another program may have just made them
        if saved:
            return keys_from_json(saved)
        core.store.settings.set(KEYS_SETTING, keys.to_json())
    return keys


def desk_fingerprint(core: Core) -> str:
    """How other desks know this one (shown so people can compare it over the phone)."""
    return fingerprint(desk_keys(core).public)


def imported_packages(core: Core, batch: str | None = None) -> list[dict[str, Any]]:
    if batch is not None:
        core.batch(batch)
    keep = ("id", "kind", "batch", "creator", "creator_role", "created_at", "imported_at",
            "file_name", "events_added", "base_package")
    return [dict({k: row[k] for k in keep}, signer=row["signer"] and fingerprint(row["signer"]))
            for row in core.store.packages.list(batch=batch)]


# -- making packages -----------------------------------------------------------------------


def make_work_package(core: Core, batch: str, out: Path, actor: Actor,
                      reviewer: str | None = None, should_stop=None) -> PackageMade:
    """Everything a reviewer needs for `batch`. With `reviewer`, its open posts are first
    assigned to them (coordinators only), so "Assigned to me" works on their laptop."""
    actor = check_actor(actor)
    core.batch(batch)
    _check_out(out)
    if actor.role != COORDINATOR:
        raise TransitionRefused(said("package-work-coordinators", actor=actor.name))
    core.refuse_unless_coordinated_here(batch)
    keys = desk_keys(core)
    reviewer = (reviewer or "").strip() or None
    # One transaction: the posts are assigned only if the package is written (a refused
    # --out, a full disk or Cancel leaves no assignment behind).
    with core.store.write():
        assigned, others = _assign_for(core, batch, actor, reviewer) if reviewer else (0, {})
        events = [e for e in core.store.events.of_batch(batch)
                  if e.post_id is None or e.post_id not in others]
        glossaries = _glossaries_for(core, batch)
        units = _memory_for(core, batch)
        stop_if(should_stop, "making the package")
        package_id = new_event_id()
        members = {
            EVENTS_MEMBER: _jsonl_bytes(_event_json(e) for e in events),
            GLOSSARIES_MEMBER: _jsonl_bytes(_glossary_lines(glossaries)),
            MEMORY_MEMBER: _jsonl_bytes(_unit_json(u) for u in units),
        }
        posts = len({e.post_id for e in events if e.post_id})
        manifest = _manifest("work", package_id, batch, actor, keys, posts, len(events),
                             for_reviewer=reviewer, glossaries=len(glossaries),
                             memory_units=len(units), enrolment=keys.work_secret(batch, package_id))
        _write(out, manifest, members, keys)
    return PackageMade(out, "work", batch, package_id, posts, len(events), len(glossaries),
                       len(units), assigned, fingerprint(keys.public), _left_with(others))


def make_results_package(core: Core, batch: str, out: Path, actor: Actor) -> PackageMade:
    """The events made on this laptop for `batch`, for the coordinator who sent it."""
    actor = check_actor(actor)
    core.batch(batch)
    _check_out(out)
    received = core.store.packages.list(batch=batch, kind="work")
    signed = [p for p in received if p["enrolment"]]
    if not signed:
        raise ReviewError(said("package-work-unsigned-here" if received else "package-no-work-received",
                               batch=batch))
    events = core.store.events.of_batch(batch, local_only=True)
    if not events:
        raise ReviewError(said("package-nothing-to-return", batch=batch))
    foreign = [e for e in events if e.kind not in rules.REVIEW_KINDS]
    if foreign:
        raise ReviewError(said("package-results-foreign", batch=batch, count=len(foreign),
                               first=foreign[0].id, kind=foreign[0].kind))
    keys, base = desk_keys(core), signed[-1]
    posts = len({e.post_id for e in events if e.post_id})
    package_id = new_event_id()
    manifest = _manifest("results", package_id, batch, actor, keys, posts, len(events),
                         base_package=base["id"],
                         enrolment_proof=enrolment_proof(base["enrolment"], batch, base["id"], keys.public))
    _write(out, manifest, {EVENTS_MEMBER: _jsonl_bytes(_event_json(e) for e in events)}, keys)
    return PackageMade(out, "results", batch, package_id, posts, len(events), 0, 0, 0,
                       fingerprint(keys.public))


def _assign_for(core: Core, batch: str, actor: Actor, reviewer: str) -> tuple[int, dict[str, str]]:
    """Give the reviewer the batch's open posts that are nobody's; the posts of other
    reviewers stay theirs and out of the package: (how many were assigned, {post: assignee})."""
    rows = core.store.posts.rows(batch=batch)
    others = {r["id"]: r["assignee"] for r in rows if r["assignee"] and r["assignee"] != reviewer}
    free = [r["id"] for r in rows if r["state"] in OPEN_STATES and not r["assignee"]]
    return (len(reviewing.assign_in_transaction(core, free, actor, reviewer)) if free else 0), others


def _left_with(others: dict[str, str]) -> dict[str, int]:
    """How many posts each other reviewer keeps, in the order of the batch."""
    counts: dict[str, int] = {}
    for assignee in others.values():
        counts[assignee] = counts.get(assignee, 0) + 1
    return counts


def _manifest(kind: str, package_id: str, batch: str, actor: Actor, keys: DeskKeys, posts: int,
              events: int, **extra) -> dict:
    counts = {"posts": posts, "events": events}
    counts.update({k: extra.pop(k) for k in ("glossaries", "memory_units") if k in extra})
    return {"kind": kind, "id": package_id, "batch": batch,
            "creator": {"name": actor.name, "role": actor.role}, "created_at": utc_now(),
            "signer": keys.public, "counts": counts, **{k: v for k, v in extra.items() if v}}


def _check_out(out: Path) -> None:
    if out.suffix.lower() != SUFFIX:
        raise InvalidInput(said("package-suffix", suffix=SUFFIX, path=out.with_suffix(SUFFIX)))
    check_output(out)


def _write(out: Path, manifest: dict, members: dict[str, bytes], keys: DeskKeys) -> None:
    # A package too large to be imported anywhere is refused here, not on the other laptop.
    why = too_large(sum(len(data) for data in members.values()))
    if why:
        raise ReviewError(said("package-cannot-make", name=out.name, why=why))
    try:
        write_package(out, manifest, members, keys.sign)
    except OSError as err:
        raise ReviewError(said("package-cannot-write", path=out,
                               detail=err.strerror or str(err))) from None


def _pairs(core: Core, batch: str) -> HintSources:
    """What feeds the hints of the batch's posts: the one answer the hints use too."""
    return hint_sources(core.store.posts.language_pairs(batch))


def _glossaries_for(core: Core, batch: str) -> list[dict[str, Any]]:
    """Every glossary that feeds a hint of the batch's posts (those of another source language
    into the posts' target languages too: their renderings are checked in the posts' texts)."""
    sources = _pairs(core, batch)
    found = []
    for g in core.store.glossaries.list():
        if sources.feeds_glossary(g["source_lang"], g["target_lang"]):
            entries = [e.__dict__ for e in core.store.glossaries.entries(g["name"])]
            found.append({"name": g["name"], "source_lang": g["source_lang"],
                          "target_lang": g["target_lang"], "origin": g["origin"],
                          "starter": bool(g["starter"]), "entries": entries})
    return found


def _memory_for(core: Core, batch: str) -> list[MemoryUnit]:
    """Memory units that feed the batch's posts' hints, but not those made from this batch's
    own posts: the reviewer's laptop makes those itself from the posts' logs."""
    sources = _pairs(core, batch)
    own = set(core.store.posts.ids_by_external(batch).values())
    # The pairs' exact codes first (a few), so only their units are read.
    wanted = [(s, t) for s, t in core.store.memory.language_pairs() if sources.feeds_memory(s, t)]
    return [u for u, post_id in core.store.memory.units_and_posts(wanted) if post_id not in own]


def _glossary_lines(glossaries: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """A glossary as a header line and a line per entry: read back a line at a time."""
    for g in glossaries:
        yield {"glossary": {k: v for k, v in g.items() if k != "entries"}}
        for entry in g["entries"]:
            yield {"entry": entry}


def _event_json(e: Event) -> dict[str, Any]:
    return {"id": e.id, "kind": e.kind, "batch": e.batch, "post_id": e.post_id, "actor": e.actor,
            "role": e.role, "at": e.at, "parent": e.parent, "payload": e.payload}


def _unit_json(u: MemoryUnit) -> dict[str, Any]:
    return u.__dict__


# What json.dumps(value, ensure_ascii=False) does, without making a new encoder for each of
# the ~100,000 lines of a work package.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def _jsonl_bytes(values) -> bytes:
    return "".join(_to_json(v) + "\n" for v in values).encode("utf-8")


# -- conflicts -----------------------------------------------------------------------------


def conflict_posts(core: Core, batch: str | None = None) -> list[dict[str, Any]]:
    if batch is not None:
        core.batch(batch)
    return core.store.posts.rows(batch=batch, states=[wf.CONFLICT])


def post_conflict(core: Core, post_id: str) -> wf.Conflict:
    """The post's first conflict: its sides, each replayed as if it were the only one."""
    post_id = core.resolve_post_id(post_id)
    found = wf.conflicts(core.store.events.of_post(post_id))
    if not found:
        raise NotFound(said("not-in-conflict", id=post_id))
    return found[0]


def resolve_conflict(core: Core, post_id: str, keep: str, actor: Actor) -> PostState:
    """Keep the side of the post's conflict that holds event `keep` (an id or a unique prefix
    of at least 6 characters); the other sides stay in the history, set aside."""
    actor = check_actor(actor)
    keep = (keep or "").strip()
    with core.store.write():
        events = core.store.events.of_post(core.resolve_post_id(post_id))
        post = wf.fold(events)
        if post.state != wf.CONFLICT:
            raise TransitionRefused(said("nothing-to-resolve", id=post.id,
                                         state=wf.state_words(post.state)))
        refusal = wf.refuse_reason("resolve", post, actor, False)
        if refusal:
            raise TransitionRefused(refusal)
        core.refuse_unless_coordinated_here(post.batch)
        conflict = wf.conflicts(events)[0]
        kept = _branch_holding(conflict, keep, post.id)
        kinds = {e.id: e.kind for e in events}
        for branch in conflict.branches:
            if branch is not kept and any(kinds[i] == wf.EXPORTED_EV for i in branch.own):
                raise TransitionRefused(said("conflict-other-exported", id=post.id))
        parent, payload = wf.resolution(events, conflict, kept)
        event = core.make_event(wf.CONFLICT_RESOLVED, post.batch, actor, post_id=post.id,
                                parent=parent, payload=payload)
        return core.commit_post_events(events, [event])


MIN_EVENT_PREFIX = 6  # characters of an event id that `resolve --keep` takes


def _branch_holding(conflict: wf.Conflict, keep: str, post_id: str) -> wf.Branch:
    sides = Joined([said("conflict-side", tip=b.tip, actor=b.post.last_actor,
                         state=wf.state_words(b.post.state)) for b in conflict.branches], ", ")
    if len(keep) < MIN_EVENT_PREFIX:
        raise InvalidInput(said("conflict-keep-too-short", keep=keep, count=len(keep),
                                least=MIN_EVENT_PREFIX, sides=sides))
    matches = [b for b in conflict.branches if any(i.startswith(keep) for i in b.own)]
    if len(matches) == 1:
        return matches[0]
    raise InvalidInput(said("conflict-no-such-side", keep=keep, id=post_id, sides=sides))


def default_package_name(batch: str, kind: str, who: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in f"{batch}-{kind}-{who}")
    return safe + SUFFIX

