"""Importing a review package: everything checked, then merged as the union of event logs.

Nothing is trusted before it is checked: the file (formats/package_file.py: a regular file,
sizes, signature, checksums), who signed it (`_trust`: the coordinator this laptop first got the
batch from; a laptop enrolled with one of this desk's work packages), every event's shape and
kind as it is read (event_rules.event_problem; staged in a temporary table, never held whole
in memory), and then, inside the one write transaction that any problem rolls back, what each
event means against what is stored (known ids, parents, posts, event_rules.history_problems).
Every touched post is then replayed from its whole log (`workflow.fold`, which does not depend
on the order events arrived in), so importing twice, or in any order, gives the same posts.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from . import event_rules as rules
from . import workflow as wf
from .core import Core
from .errors import ImportFailed, InvalidInput, Problem, stop_if
from .exchange import (BATCH_FIELDS, EVENTS_MEMBER, GLOSSARIES_MEMBER, MEMBERS, MEMORY_MEMBER,
                       OPTIONAL_MEMBERS, desk_keys)
from .media_packages import store_package_media
from .formats.package_file import MANIFEST, Package, open_package
from .importing import check_batch_name, check_timezone
from .model import COORDINATOR, Event, PostState
from .references import glossary_entry, glossary_header, memory_unit, store_glossary
from .signing import KEYS_SETTING, enrolment_proof, fingerprint, proof_valid
from .store import utc_now
from .texts import Said, counted, message_of, said

MAX_POST_EVENTS = 20_000  # one post's events in one package: a real post has tens
MAX_PROBLEMS = 20
STAGE_SLICE = 2_000  # events parsed, then staged, at a time
POST_SLICE = 500  # posts checked and replayed at a time
UNIT_SLICE = 5_000  # memory units stored at a time

@dataclass(frozen=True)
class PackageImported:
    file: str
    kind: str
    batch: str
    creator: str
    events_added: int
    events_known: int
    posts_changed: int
    conflicts: list[str]  # ids of the posts in conflict after the import
    glossaries: int
    memory_units: int
    created_batch: bool
    signer: str  # fingerprint of the key that signed the package
    first_from_signer: bool  # a coordinator (work) or a laptop (results) new to this batch here

    def summary(self) -> str:
        who = "coordinator's desk" if self.kind == "work" else "laptop"
        text = (f"{self.file} ({self.kind} package from {self.creator}, {who} {self.signer}"
                f"{', first package from it' if self.first_from_signer else ''}) -> batch "
                f"{self.batch}: {counted(self.events_added, 'new event')}, {self.events_known} already "
                f"here, {counted(self.posts_changed, 'post')} changed")
        if self.kind == "work":
            text += (f", {counted(self.glossaries, 'glossary', 'glossaries')}, "
                     f"{counted(self.memory_units, 'new memory unit')}")
        if self.conflicts:
            text += f"; {counted(len(self.conflicts), 'post')} in conflict (review-desk conflicts)"
        return text


# -- importing packages --------------------------------------------------------------------


@dataclass(frozen=True)
class _Trust:
    signer: str
    first: bool  # no package from this signer for this batch was imported here before


@dataclass(frozen=True)
class Arrival:
    """Where staged events came from, for the checks and their problems: a package file, or a
    batch pulled from a sync server (review/sync). `kind` is the package's ("work", "results")
    or "sync", which the checks treat as a work package: every kind, every rule."""

    name: str  # the file's name, or the server and batch, at the head of every problem
    batch: str
    kind: str
    member: str = EVENTS_MEMBER  # where in it a problem is (a package's member)

    @property
    def results(self) -> bool:
        return self.kind == "results"


@dataclass(frozen=True)
class Merged:
    created_batch: bool
    events_added: int
    posts: list[PostState]  # the posts the new events changed, replayed


def import_package(core: Core, path: Path, should_stop=None) -> PackageImported:
    """Merge a work or results package into this database: all of it, or nothing."""
    with open_package(path) as package:
        m, name = package.manifest, package.name
        _check_members(package)
        trust = _trust(core, package)
        arrival = Arrival(name, m["batch"], m["kind"])
        core.store.staging.reset()
        try:
            _stage_events(core, package)
            stop_if(should_stop, "the package import")
            core.store.backups.take("package-import")
            with core.store.write():
                merged = merge_staged(core, arrival, m["id"], trust.signer)
                if m["kind"] == "work":
                    store_package_media(core, package, merged.posts)
                glossaries, units = _reference_data(core, package)
                core.store.packages.record({
                    "id": m["id"], "kind": m["kind"], "batch": m["batch"],
                    "creator": m["creator"]["name"], "creator_role": m["creator"]["role"],
                    "created_at": m["created_at"], "imported_at": utc_now(), "file_name": name,
                    "sha256": package.sha256, "events_added": merged.events_added,
                    "signer": m["signer"], "enrolment": m.get("enrolment"),
                    "base_package": m.get("base_package")})
                stop_if(should_stop, "the package import")
        finally:
            core.store.staging.drop()
    added, posts = merged.events_added, merged.posts
    return PackageImported(name, m["kind"], m["batch"], m["creator"]["name"], added,
                           m["counts"]["events"] - added, len(posts),
                           [p.id for p in posts if p.state == wf.CONFLICT], glossaries, units,
                           merged.created_batch, fingerprint(m["signer"]), trust.first)


def merge_staged(core: Core, arrival: Arrival, origin: str, signer: str | None = None) -> Merged:
    """The staged events checked against what is stored, kept with `origin`, and the posts
    they touch replayed: the one merge that packages and sync share. Call inside
    `store.write()`; any problem raises ImportFailed and the caller's transaction rolls back.
    `signer`: a results package's laptop, which may bring back only its own events."""
    created = _ensure_batch(core, arrival)
    added = core.store.staging.mark_fresh()
    _check_known(core, arrival, signer)
    _check_parents(core, arrival)
    _check_posts(core, arrival)
    core.store.staging.keep(origin)
    return Merged(created, added, _check_and_replay(core, arrival))


def _refuse(file: str, message: Said, member: str | None = None, line: int | None = None) -> ImportFailed:
    return ImportFailed([Problem(file, line, member, message)])


def _check_members(package: Package) -> None:
    m = package.manifest
    expected = MEMBERS[m["kind"]]
    if not expected <= set(m["members"]) <= expected | OPTIONAL_MEMBERS[m["kind"]]:
        # the kind (work, results) is the manifest's own word: it stays as it is
        raise _refuse(package.name, said("package-members-wrong", kind=m["kind"],
                                         expected=", ".join(sorted(expected)),
                                         found=", ".join(sorted(m["members"]))))
    problems = []
    if not _whole_number(m["counts"].get("events")):
        problems.append(said("manifest-no-counts"))
    if m["kind"] == "work":
        if m["creator"]["role"] != COORDINATOR:
            problems.append(said("package-work-coordinators", actor=m["creator"]["name"]))
        if not rules.SHA256.fullmatch(str(m.get("enrolment"))):
            problems.append(said("manifest-field-not-text", key="enrolment"))
    else:
        for key in ("base_package", "enrolment_proof"):
            if not isinstance(m.get(key), str) or len(m[key]) > 200:
                problems.append(said("manifest-field-not-text", key=key))
    if problems:
        raise ImportFailed([Problem(package.name, None, MANIFEST, p) for p in problems])


def _whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value


def _trust(core: Core, package: Package) -> _Trust:
    """Whether the signer of the package may send it here: for a work package, the coordinator
    that first sent this batch here (or any, for a batch new here); for a results package, a
    laptop that received one of this desk's work packages for the batch."""
    m, file = package.manifest, package.name
    batch, signer = m["batch"], m["signer"]
    known = core.store.batches.get(batch) is not None
    here = known and core.store.packages.batch_created_here(batch)
    earlier = any(p["signer"] == signer for p in core.store.packages.list(batch=batch))
    if m["kind"] == "work":
        own = core.store.settings.get(KEYS_SETTING) and desk_keys(core).public
        if here and signer != own:
            raise _refuse(file, said("package-batch-coordinated-here", batch=batch))
        pinned = core.store.packages.coordinator_key(batch) if known else None
        if pinned and signer != pinned:
            raise _refuse(file, said("package-other-coordinator", batch=batch,
                                     signer=fingerprint(signer), pinned=fingerprint(pinned)))
        return _Trust(signer, not earlier and not here)
    if not known:
        raise _refuse(file, said("results-batch-unknown", batch=batch))
    if not here:
        raise _refuse(file, said("package-results-not-here", batch=batch))
    keys = desk_keys(core)
    proof = enrolment_proof(keys.work_secret(batch, m["base_package"]), batch, m["base_package"], signer)
    if not proof_valid(proof, m["enrolment_proof"]):
        raise _refuse(file, said("package-not-enrolled", batch=batch), MANIFEST)
    return _Trust(signer, not earlier)


def _stage_events(core: Core, package: Package) -> None:
    """Read the events a line at a time, check the shape of each, and stage them."""
    m, file = package.manifest, package.name
    allowed = rules.kinds_allowed(m["kind"])
    problems: list[Problem] = []
    staged: list[tuple[Event, int]] = []

    def stage() -> None:
        problems.extend(Problem(file, line, EVENTS_MEMBER, said("event-twice-at", line=line))
                        for line in core.store.staging.add(staged))
        staged.clear()

    for number, line in package.lines(EVENTS_MEMBER):
        raw, why = _json_line(line)
        if why is None:
            why = rules.event_problem(raw, m["batch"], allowed)
        if why:
            problems.append(Problem(file, number, EVENTS_MEMBER, why))
        else:
            staged.append((Event(**raw), number))
        if len(staged) >= STAGE_SLICE:
            stage()
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(file, None, EVENTS_MEMBER, said("more-problems")))
            break
    stage()
    if not problems and core.store.staging.count() != m["counts"]["events"]:
        problems.append(Problem(file, None, MANIFEST, said(
            "manifest-event-count", declared=m["counts"]["events"], count=core.store.staging.count())))
    if problems:
        raise ImportFailed(problems[:MAX_PROBLEMS + 1])


def _json_line(line: str) -> tuple[Any, Said | None]:
    try:
        return json.loads(line), None
    # ValueError: bad JSON, or a number of thousands of digits; RecursionError: deep nesting.
    except (ValueError, RecursionError) as err:
        return None, said("member-not-json", detail=str(err)[:200])


def _ensure_batch(core: Core, arrival: Arrival) -> bool:
    """The batch as its `batch.created` event says it is; a batch of the same name here must
    be that very batch (the same event)."""
    file, batch, member = arrival.name, arrival.batch, arrival.member
    created = [e for e in core.store.staging.batch_events() if e.kind == wf.BATCH_CREATED]
    stored = core.store.packages.batch_creation(batch)
    if stored is not None:
        if any(e.id != stored for e in created):
            raise _refuse(file, said("package-batch-other", batch=batch), member)
        return False
    if len(created) != 1:
        raise _refuse(file, said("package-batch-no-creation", batch=batch), member)
    record = {**{k: created[0].payload[k] for k in BATCH_FIELDS}, "created": created[0].at}
    try:
        if record["name"] != batch:
            raise InvalidInput(said("package-batch-name", batch=record["name"], name=batch))
        check_batch_name(batch)
        check_timezone(record["timezone"])
    except InvalidInput as err:
        raise _refuse(file, message_of(err), member) from None
    core.store.batches.insert(record)
    return True


def _check_known(core: Core, arrival: Arrival, signer: str | None) -> None:
    """Events already here must be byte for byte the same; a results package may carry only
    what its own laptop made (never this desk's events, nor another laptop's)."""
    file, results = arrival.name, arrival.results
    altered: list[str] = []
    elsewhere: list[str] = []
    after = ""
    while pairs := core.store.staging.known_pairs(after):
        for arriving, stored, origin, stored_signer in pairs:
            if arriving != stored:
                altered.append(arriving.id)
            elif results and (origin is None or (stored_signer is not None and stored_signer != signer)):
                elsewhere.append(arriving.id)
        after = pairs[-1][0].id
    if altered:
        raise _refuse(file, said("events-altered", count=len(altered), first=altered[0]), arrival.member)
    if elsewhere:
        raise _refuse(file, said("events-from-elsewhere", count=len(elsewhere), first=elsewhere[0]),
                      arrival.member)


def _check_parents(core: Core, arrival: Arrival) -> None:
    """Every event must follow one that is in the package or already here."""
    missing = core.store.staging.missing_parents()
    if missing:
        hint = said("hint-import-work-first" if arrival.results
                    else "hint-ask-new-package")
        raise _refuse(arrival.name, said("events-missing-parents", count=len(missing),
                                         first=missing[0], hint=hint), arrival.member)


def _check_posts(core: Core, arrival: Arrival) -> None:
    """Every event's post is a post of the package's batch, here or imported by the package;
    a post new here must not be another post of the batch (the same external id under another
    id: the batch was imported here from a file too); no post's history is larger than any
    real one."""
    file, batch = arrival.name, arrival.batch
    problems = [said("package-post-other-batch", id=pid, batch=other, expected=batch)
                for pid, other in core.store.staging.posts_of_other_batches(batch)]
    problems += [said("package-post-unknown", id=pid, batch=batch)
                 for pid in core.store.staging.posts_unknown()]
    by_external = core.store.posts.ids_by_external(batch)
    seen: dict[str, str] = {}
    for post_id, external_id, _line in core.store.staging.external_ids():
        other = by_external.get(external_id) or seen.get(external_id)
        if other is not None and other != post_id:
            problems.append(said("package-post-already-here", external_id=external_id,
                                 batch=batch, other=other))
        seen[external_id] = post_id
    busiest = core.store.staging.busiest_post()
    if busiest and busiest[1] > MAX_POST_EVENTS:
        problems.append(said("package-post-too-many-events", id=busiest[0], count=busiest[1],
                             limit=MAX_POST_EVENTS))
    if problems:
        raise ImportFailed([Problem(file, None, arrival.member, p) for p in problems[:MAX_PROBLEMS]])


def _check_and_replay(core: Core, arrival: Arrival) -> list[PostState]:
    """Check what every new event does at its place in its post's history, then replay every
    touched post from its whole log and store it, a slice of posts at a time."""
    file, member = arrival.name, arrival.member
    require = bool(core.batch(arrival.batch)["require_signoff"])
    problems: list[Problem] = []
    changed: list[PostState] = []
    post_ids = core.store.staging.fresh_posts()
    for start in range(0, len(post_ids), POST_SLICE):
        chunk = post_ids[start:start + POST_SLICE]
        logs = core.store.events.of_posts(chunk)
        fresh = core.store.staging.fresh_ids(chunk)
        posts = []
        for post_id in chunk:
            why = _history_problems(logs[post_id], fresh, require, arrival.kind)
            if why:
                problems.extend(Problem(file, fresh.get(_event_of(w)), member, w) for w in why)
                continue
            post = _replayed(logs[post_id], problems, arrival)
            if post is not None:
                posts.append(post)
        if len(problems) >= MAX_PROBLEMS:
            break
        if not problems:
            _store_posts(core, posts, arrival)
            changed += posts
    if problems:
        raise ImportFailed(problems[:MAX_PROBLEMS])
    return changed


def _history_problems(log: list[Event], fresh: dict[str, int], require: bool, kind: str) -> list[Said]:
    new = {e.id for e in log if e.id in fresh}
    try:
        return rules.history_problems(log, new, require, kind)
    except rules.HistoryTooLong:
        return [said("package-history-too-long", id=log[0].post_id, count=len(log))]


def _event_of(problem: Said) -> str | None:
    return problem.values.get("id") if "kind" in problem.values else None


def _replayed(log: list[Event], problems: list[Problem], arrival: Arrival) -> PostState | None:
    try:
        return wf.fold(log)
    # A hostile log can fail the replay in ways the rules did not foresee: each is one problem
    # of the package, never a traceback.
    except Exception as err:  # noqa: BLE001
        problems.append(Problem(arrival.name, None, arrival.member, said(
            "package-history-unreplayable", id=log[0].post_id, error=type(err).__name__,
            detail=str(err)[:200])))
        return None


def _store_posts(core: Core, posts: list[PostState], arrival: Arrival) -> None:
    try:
        core.store.posts.materialise(posts)
    except Exception as err:  # an integrity error from hostile content: refuse, roll back
        raise _refuse(arrival.name, said("package-posts-unstorable", detail=str(err)[:200]),
                      arrival.member) from None


# -- glossaries and memory units of a work package ---------------------------------------------


def _reference_data(core: Core, package: Package) -> tuple[int, int]:
    """Glossaries (replacing one of the same name unless identical) and new memory units."""
    if package.manifest["kind"] != "work":
        return 0, 0
    changed = sum(store_glossary(core, g) for g in _read_glossaries(package))
    return changed, _store_units(core, package)


def _read_glossaries(package: Package) -> Iterator[dict[str, Any]]:
    """Each glossary of the package with its entries, checked, one at a time."""
    file, current = package.name, None
    for number, line in package.lines(GLOSSARIES_MEMBER):
        raw, why = _json_line(line)
        try:
            if why:
                raise ValueError(why)
            if not isinstance(raw, dict) or len(raw) != 1 or not {"glossary", "entry"} & set(raw):
                raise ValueError(said("package-glossary-line"))
            if "glossary" in raw:
                if current is not None:
                    yield current
                current = glossary_header(raw["glossary"])
            elif current is None:
                raise ValueError(said("package-glossary-line"))
            else:
                current["entries"].append(glossary_entry(raw["entry"]))
        except (TypeError, KeyError, ValueError) as err:
            raise _refuse(file, said("package-glossary-malformed-at", number=number,
                                     detail=_detail(err)), GLOSSARIES_MEMBER, number) from None
    if current is not None:
        yield current


def _store_units(core: Core, package: Package) -> int:
    added, units = 0, []
    for number, line in package.lines(MEMORY_MEMBER):
        try:
            raw, why = _json_line(line)
            if why:
                raise ValueError(why)
            units.append(memory_unit(raw))
        except (TypeError, ValueError) as err:
            raise _refuse(package.name, said("package-memory-unit", detail=_detail(err)),
                          MEMORY_MEMBER, number) from None
        if len(units) >= UNIT_SLICE:
            added += core.store.memory.add_units(units)
            units = []
    return added + (core.store.memory.add_units(units) if units else 0)


def _detail(err: BaseException) -> str:
    """What a ValueError of ours says (a `Said`, kept for translation); any other error's
    text as Python wrote it (a KeyError's quotes included)."""
    first = err.args[0] if err.args else None
    return first if isinstance(first, Said) else str(err)[:200]
