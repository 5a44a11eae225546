"""Review packages between laptops: work packages out, results packages back, merge, conflicts.

- A *work package* (coordinator -> reviewer) holds a batch, every event of its posts, and the
  glossaries and memory units of its language pairs: everything a reviewer needs, offline.
- A *results package* (reviewer -> coordinator) holds the events made on the reviewer's laptop
  (not those a package brought), so it is small and says only what the reviewer did.
- Importing either is the union of event logs: an event is identified by its UUID, so importing
  a package twice adds nothing, and every post is replayed from its whole log (`workflow.fold`,
  which does not depend on the order events arrived in). Two laptops' decisive changes made
  from the same starting point that disagree make the post a *conflict*; a coordinator keeps one
  side (`resolve`), which is an event too; the other side stays in the history.

Everything in a package is checked before the database is touched (`formats/package_file.py`
for the file, `_parse` for the content); what it means against what is stored is checked inside
the one write transaction, which any problem rolls back.
"""
from __future__ import annotations

import functools
import json
import typing
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from . import workflow as wf
from .desk import Desk, check_actor, new_event_id
from .errors import ImportFailed, InvalidInput, NotFound, Problem, ReviewError, TransitionRefused, stop_if
from .formats.package_file import MANIFEST, SUFFIX, read_package, too_large, write_package
from .importing import check_batch_name, check_timezone
from .languages import primary
from .formats import PLATFORMS
from .model import EXPORTED, ROLES, TERM_STATUSES, Actor, Event, GlossaryEntry, MemoryUnit, PostState
from .store import utc_now
from .texts import Said, counted, message_of, said

BATCH_MEMBER, EVENTS_MEMBER = "batch.json", "events.jsonl"
GLOSSARIES_MEMBER, MEMORY_MEMBER = "glossaries.json", "memory.jsonl"
BATCH_FIELDS = ("name", "title", "created", "origin", "platforms", "due", "require_signoff", "timezone")


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

    def summary(self) -> str:
        extra = (f", {counted(self.glossaries, 'glossary', 'glossaries')}, "
                 f"{counted(self.memory_units, 'memory unit')}" if self.kind == "work" else "")
        return (f"{self.kind} package for batch {self.batch}: {counted(self.posts, 'post')}, "
                f"{counted(self.events, 'event')}{extra} -> {self.path}")


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

    def summary(self) -> str:
        text = (f"{self.file} ({self.kind} package from {self.creator}) -> batch {self.batch}: "
                f"{counted(self.events_added, 'new event')}, {self.events_known} already here, "
                f"{counted(self.posts_changed, 'post')} changed")
        if self.kind == "work":
            text += (f", {counted(self.glossaries, 'glossary', 'glossaries')}, "
                     f"{counted(self.memory_units, 'new memory unit')}")
        if self.conflicts:
            text += f"; {counted(len(self.conflicts), 'post')} in conflict (review-desk conflicts)"
        return text


# -- making packages -----------------------------------------------------------------------


def make_work_package(desk: Desk, batch: str, out: Path, actor: Actor,
                      reviewer: str | None = None, should_stop=None) -> PackageMade:
    """Everything a reviewer needs for `batch`. With `reviewer`, its open posts are first
    assigned to them (coordinators only), so "Assigned to me" works on their laptop."""
    actor = check_actor(actor)
    desk.batch(batch)
    _check_out(out)
    # One transaction: the posts are assigned only if the package is written (a refused
    # --out, a full disk or Cancel leaves no assignment behind).
    with desk.store.write():
        assigned = _assign_for(desk, batch, actor, reviewer) if reviewer and reviewer.strip() else 0
        events = desk.store.batch_events(batch)
        glossaries = _glossaries_for(desk, batch)
        units = _memory_for(desk, batch)
        stop_if(should_stop, "making the package")
        members = {
            BATCH_MEMBER: _json_bytes(_batch_record(desk, batch)),
            EVENTS_MEMBER: _jsonl_bytes(_event_json(e) for e in events),
            GLOSSARIES_MEMBER: _json_bytes(glossaries),
            MEMORY_MEMBER: _jsonl_bytes(_unit_json(u) for u in units),
        }
        posts = len({e.post_id for e in events if e.post_id})
        manifest = _manifest("work", batch, actor, posts, len(events), for_reviewer=reviewer,
                             glossaries=len(glossaries), memory_units=len(units))
        _write(out, manifest, members)
    return PackageMade(out, "work", batch, manifest["id"], posts, len(events), len(glossaries),
                       len(units), assigned)


def make_results_package(desk: Desk, batch: str, out: Path, actor: Actor) -> PackageMade:
    """The events made on this laptop for `batch`, for the coordinator who sent it."""
    actor = check_actor(actor)
    desk.batch(batch)
    _check_out(out)
    received = desk.store.packages(batch=batch, kind="work")
    if not received:
        raise ReviewError(said("package-no-work-received", batch=batch))
    events = desk.store.batch_events(batch, local_only=True)
    if not events:
        raise ReviewError(said("package-nothing-to-return", batch=batch))
    posts = len({e.post_id for e in events if e.post_id})
    manifest = _manifest("results", batch, actor, posts, len(events),
                         base_package=received[-1]["id"])
    _write(out, manifest, {BATCH_MEMBER: _json_bytes(_batch_record(desk, batch)),
                           EVENTS_MEMBER: _jsonl_bytes(_event_json(e) for e in events)})
    return PackageMade(out, "results", batch, manifest["id"], posts, len(events), 0, 0, 0)


def _assign_for(desk: Desk, batch: str, actor: Actor, reviewer: str) -> int:
    rows = desk.store.post_rows(batch=batch)
    open_ids = [r["id"] for r in rows if r["state"] != EXPORTED and r["assignee"] != reviewer.strip()]
    return len(desk.assign_in_transaction(open_ids, actor, reviewer)) if open_ids else 0


def _manifest(kind: str, batch: str, actor: Actor, posts: int, events: int, **extra) -> dict:
    counts = {"posts": posts, "events": events}
    counts.update({k: extra.pop(k) for k in ("glossaries", "memory_units") if k in extra})
    return {"kind": kind, "id": new_event_id(), "batch": batch,
            "creator": {"name": actor.name, "role": actor.role}, "created_at": utc_now(),
            "counts": counts, **{k: v for k, v in extra.items() if v}}


def _check_out(out: Path) -> None:
    if out.suffix.lower() != SUFFIX:
        raise InvalidInput(said("package-suffix", suffix=SUFFIX, path=out.with_suffix(SUFFIX)))


def _write(out: Path, manifest: dict, members: dict[str, bytes]) -> None:
    # A package too large to be imported anywhere is refused here, not on the other laptop.
    why = too_large(sum(len(data) for data in members.values()))
    if why:
        raise ReviewError(said("package-cannot-make", name=out.name, why=why))
    try:
        write_package(out, manifest, members)
    except OSError as err:
        raise ReviewError(said("package-cannot-write", path=out,
                               detail=err.strerror or str(err))) from None


def _batch_record(desk: Desk, batch: str) -> dict[str, Any]:
    info = desk.batch(batch)
    return {key: info[key] for key in BATCH_FIELDS}


def _pairs(desk: Desk, batch: str) -> set[tuple[str, str]]:
    return {(primary(s), primary(t)) for s, t in desk.store.language_pairs(batch)}


def _glossaries_for(desk: Desk, batch: str) -> list[dict[str, Any]]:
    """The glossaries of the batch's language pairs (matched on the primary language)."""
    pairs = _pairs(desk, batch)
    found = []
    for g in desk.store.glossaries():
        if (primary(g["source_lang"]), primary(g["target_lang"])) in pairs:
            entries = [e.__dict__ for e in desk.store.glossary_entries(g["name"])]
            found.append({"name": g["name"], "source_lang": g["source_lang"],
                          "target_lang": g["target_lang"], "origin": g["origin"],
                          "starter": bool(g["starter"]), "entries": entries})
    return found


def _memory_for(desk: Desk, batch: str) -> list[MemoryUnit]:
    """Memory units of the batch's language pairs, but not those made from this batch's own
    posts: the reviewer's laptop makes those itself from the posts' logs."""
    pairs = _pairs(desk, batch)
    own = set(desk.store.post_ids_by_external(batch).values())
    # The pairs' exact codes first (a few), so only their units are read.
    wanted = [(s, t) for s, t in desk.store.tm_language_pairs() if (primary(s), primary(t)) in pairs]
    return [u for u, post_id in desk.store.tm_units_and_posts(wanted) if post_id not in own]


def _event_json(e: Event) -> dict[str, Any]:
    return {"id": e.id, "kind": e.kind, "batch": e.batch, "post_id": e.post_id, "actor": e.actor,
            "role": e.role, "at": e.at, "parent": e.parent, "payload": e.payload}


def _unit_json(u: MemoryUnit) -> dict[str, Any]:
    return u.__dict__


# What json.dumps(value, ensure_ascii=False) does, without making a new encoder for each of
# the ~100,000 lines of a work package.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def _json_bytes(value: Any) -> bytes:
    return _to_json(value).encode("utf-8")


def _jsonl_bytes(values) -> bytes:
    return "".join(_to_json(v) + "\n" for v in values).encode("utf-8")


# -- importing packages --------------------------------------------------------------------


@dataclass
class _Content:
    manifest: dict[str, Any]
    batch: dict[str, Any]
    events: list[Event]
    glossaries: list[dict[str, Any]]
    units: list[MemoryUnit]
    sha256: str


def import_package(desk: Desk, path: Path, should_stop=None) -> PackageImported:
    """Merge a work or results package into this database: all of it, or nothing."""
    content = _parse(path)
    stop_if(should_stop, "the package import")
    desk.store.backup("package-import")
    name = path.name
    with desk.store.write():
        created = _ensure_batch(desk, content, name)
        new, known = _new_events(desk, content, name)
        _check_parents(desk, content, new, name)
        _check_posts(desk, content, new, name)
        desk.store.append_events(new, origin=content.manifest["id"])
        posts = _replay_posts(desk, sorted({e.post_id for e in new if e.post_id}), new, name)
        glossaries, units = _reference_data(desk, content)
        desk.store.record_package({
            "id": content.manifest["id"], "kind": content.manifest["kind"], "batch": content.batch["name"],
            "creator": content.manifest["creator"]["name"],
            "creator_role": content.manifest["creator"]["role"],
            "created_at": content.manifest["created_at"], "imported_at": utc_now(),
            "file_name": name, "sha256": content.sha256, "events_added": len(new)})
        stop_if(should_stop, "the package import")
    conflicted = [p.id for p in posts if p.state == wf.CONFLICT]
    return PackageImported(name, content.manifest["kind"], content.batch["name"],
                           content.manifest["creator"]["name"], len(new), known, len(posts),
                           conflicted, glossaries, units, created)


def _parse(path: Path) -> _Content:
    """Read and check the package and the shape of everything in it (no database yet)."""
    package = read_package(path)
    m, name = package.manifest, path.name
    problems: list[Problem] = []
    expected = {BATCH_MEMBER, EVENTS_MEMBER} | (
        {GLOSSARIES_MEMBER, MEMORY_MEMBER} if m["kind"] == "work" else set())
    if set(package.members) != expected:
        # the kind (work, results) is the manifest's own word: it stays as it is
        raise ImportFailed([Problem(name, None, None, said(
            "package-members-wrong", kind=m["kind"], expected=", ".join(sorted(expected)),
            found=", ".join(sorted(package.members))))])
    batch = _parse_batch(name, package.members[BATCH_MEMBER], m["batch"], problems)
    events = _parse_events(name, package.members[EVENTS_MEMBER], m["batch"], problems)
    glossaries = units = []
    if m["kind"] == "work":
        glossaries = _parse_glossaries(name, package.members[GLOSSARIES_MEMBER], problems)
        units = _parse_units(name, package.members[MEMORY_MEMBER], problems)
    if not problems and m["counts"].get("events") != len(events):
        problems.append(Problem(name, None, MANIFEST, said(
            "manifest-event-count", declared=m["counts"].get("events"), count=len(events))))
    if problems:
        raise ImportFailed(problems)
    return _Content(m, batch, events, glossaries, units, package.sha256)


def _load_json(file: str, member: str, data: bytes, problems: list[Problem]) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        problems.append(Problem(file, None, member, said("member-not-json", detail=str(err))))
        return None


def _parse_batch(file: str, data: bytes, name: str, problems: list[Problem]) -> dict[str, Any]:
    record = _load_json(file, BATCH_MEMBER, data, problems)
    if not isinstance(record, dict) or set(record) != set(BATCH_FIELDS):
        problems.append(Problem(file, None, BATCH_MEMBER,
                                said("package-batch-fields", fields=", ".join(BATCH_FIELDS))))
        return {"name": name}
    if record["name"] != name:
        problems.append(Problem(file, None, BATCH_MEMBER,
                                said("package-batch-name", batch=record["name"], name=name)))
    try:
        check_batch_name(record["name"])
    except InvalidInput as err:
        problems.append(Problem(file, None, BATCH_MEMBER, message_of(err)))
    why = _batch_fields_problem(record)
    if why:
        problems.append(Problem(file, None, BATCH_MEMBER, why))
    return record


def _batch_fields_problem(record: dict[str, Any]) -> Said | None:
    """What is wrong with the batch's settings; the report, the dashboard and the exports
    rely on them (a time zone they cannot load would break them for good)."""
    texts = ("title", "created", "origin", "timezone")
    wrong = [k for k in texts if not isinstance(record[k], str)]
    if not (record["due"] is None or isinstance(record["due"], str)):
        wrong.append("due")
    if not isinstance(record["require_signoff"], bool):
        wrong.append("require_signoff")
    if wrong:
        return said("package-batch-types", fields=", ".join(wrong))
    if not isinstance(record["platforms"], list) or not all(p in PLATFORMS for p in record["platforms"]):
        return said("package-batch-platforms", platforms=", ".join(PLATFORMS))
    if _utc_time_problem(record["created"]):
        return said("field-problem", field="created", problem=_utc_time_problem(record["created"]))
    try:
        check_timezone(record["timezone"])
    except InvalidInput as err:
        return said("field-problem", field="timezone", problem=message_of(err))
    return None


def _utc_time_problem(value: str) -> Said | None:
    """Why `value` is not an ISO-8601 time in UTC (as every event's time is written), or None."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return said("time-not-iso", value=value[:40])
    if moment.utcoffset() != timedelta(0):
        return said("time-not-utc", value=value[:40])
    return None


def _json_lines(text: str) -> list[str]:
    """The lines of a JSON Lines member, split at "\n" only: `str.splitlines()` also splits at
    U+2028, U+0085 and other characters that json.dumps(ensure_ascii=False) writes as they are
    inside a string (a rewrite pasted with a line separator made its batch's packages refused)."""
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


_EVENT_KEYS = {"id", "kind", "batch", "post_id", "actor", "role", "at", "parent", "payload"}


def _parse_events(file: str, data: bytes, batch: str, problems: list[Problem]) -> list[Event]:
    events, seen = [], set()
    try:
        lines = _json_lines(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        problems.append(Problem(file, None, EVENTS_MEMBER, said("member-not-utf8", detail=str(err))))
        return []
    for number, line in enumerate(lines, start=1):
        if len(problems) >= 20:
            problems.append(Problem(file, None, EVENTS_MEMBER, said("more-problems")))
            break
        try:
            raw = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            problems.append(Problem(file, number, EVENTS_MEMBER, said("member-not-json", detail=str(err))))
            continue
        why = _event_problem(raw, batch)
        if why is None and raw["id"] in seen:
            why = said("event-twice", id=raw["id"])
        if why:
            problems.append(Problem(file, number, EVENTS_MEMBER, why))
            continue
        seen.add(raw["id"])
        events.append(Event(**raw))
    return events


def _event_problem(raw: Any, batch: str) -> Said | None:
    if not isinstance(raw, dict) or set(raw) != _EVENT_KEYS:
        return said("event-fields", fields=", ".join(sorted(_EVENT_KEYS)))
    if not all(isinstance(raw[k], str) and raw[k] for k in ("id", "kind", "batch", "actor", "role", "at")):
        return said("event-texts")
    if not all(raw[k] is None or isinstance(raw[k], str) for k in ("post_id", "parent")):
        return said("event-post-parent")
    if not isinstance(raw["payload"], dict) or len(raw["id"]) > 64:
        return said("event-payload", id=raw["id"][:64])
    if raw["batch"] != batch:
        return said("event-batch", id=raw["id"], batch=raw["batch"], expected=batch)
    if raw["role"] not in ROLES:
        return said("event-role", id=raw["id"], role=raw["role"][:40], roles=", ".join(ROLES))
    if _utc_time_problem(raw["at"]):
        return said("event-time", id=raw["id"], problem=_utc_time_problem(raw["at"]))
    if raw["kind"] not in wf.KINDS:
        return said("event-kind-unknown", id=raw["id"], kind=raw["kind"])
    return None


def _parse_glossaries(file: str, data: bytes, problems: list[Problem]) -> list[dict[str, Any]]:
    found = _load_json(file, GLOSSARIES_MEMBER, data, problems)
    if found is None:
        return []
    if not isinstance(found, list):
        problems.append(Problem(file, None, GLOSSARIES_MEMBER, said("package-glossaries-not-list")))
        return []
    glossaries = []
    for number, g in enumerate(found, start=1):
        try:
            glossaries.append(_glossary(g))
        except (TypeError, KeyError, ValueError) as err:
            name = g.get("name") if isinstance(g, dict) else None
            malformed = (said("package-glossary-malformed", name=name, detail=_detail(err))
                         if isinstance(name, str) else
                         said("package-glossary-malformed-at", number=number, detail=_detail(err)))
            problems.append(Problem(file, None, GLOSSARIES_MEMBER, malformed))
            return []
    return glossaries


def _detail(err: BaseException) -> str:
    """What a ValueError of ours says (a `Said`, kept for translation); any other error's
    text as Python wrote it (a KeyError's quotes included)."""
    first = err.args[0] if err.args else None
    return first if isinstance(first, Said) else str(err)


def _glossary(g: Any) -> dict[str, Any]:
    if not isinstance(g, dict) or not isinstance(g.get("entries"), list):
        raise ValueError(said("package-glossary-shape"))
    entries = []
    for number, raw in enumerate(g["entries"], start=1):
        try:
            entries.append(_entry(raw))
        except (TypeError, ValueError) as err:
            raise ValueError(said("package-entry-problem", number=number, problem=_detail(err))) from None
    return {"name": _text(g["name"]), "source_lang": _text(g["source_lang"]),
            "target_lang": _text(g["target_lang"]), "origin": str(g["origin"]),
            "starter": bool(g["starter"]), "entries": entries}


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(said("package-not-text", value=value))
    return value


def _entry(raw: Any) -> GlossaryEntry:
    entry = _checked(GlossaryEntry, raw)
    if entry.status not in TERM_STATUSES:
        raise ValueError(said("package-entry-status", term=entry.term, status=entry.status,
                              statuses=", ".join(TERM_STATUSES)))
    return entry


def _checked(cls, raw: Any):
    """`cls(**raw)` whose every field has the type `cls` declares: a wrong type in a package
    would otherwise surface later, far from the file, as an internal error."""
    if not isinstance(raw, dict):
        raise ValueError(said("package-not-object", value=str(raw)[:40]))
    made = cls(**raw)
    wrong = [name for name, kind in _field_types(cls) if not isinstance(getattr(made, name), kind)]
    if wrong:
        raise ValueError(said("package-wrong-types", fields=", ".join(wrong)))
    return made


@functools.cache
def _field_types(cls) -> tuple[tuple[str, Any], ...]:
    """(name, type) of each field of `cls`, worked out once: `typing.get_type_hints` costs
    ~0.15 ms, and a work package holds ~78,000 memory units and 10,000 glossary entries."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in fields(cls))


def _parse_units(file: str, data: bytes, problems: list[Problem]) -> list[MemoryUnit]:
    try:
        lines = _json_lines(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        problems.append(Problem(file, None, MEMORY_MEMBER, said("member-not-utf8", detail=str(err))))
        return []
    units = []
    for number, line in enumerate(lines, start=1):
        try:
            unit = _checked(MemoryUnit, json.loads(line))
        except (json.JSONDecodeError, RecursionError, TypeError, ValueError) as err:
            problems.append(Problem(file, number, MEMORY_MEMBER,
                                    said("package-memory-unit", detail=_detail(err))))
            return []
        units.append(unit)
    return units


def _ensure_batch(desk: Desk, content: _Content, file: str) -> bool:
    record = content.batch
    if desk.store.batch(record["name"]) is not None:
        return False
    if content.manifest["kind"] == "results":
        raise ImportFailed([Problem(file, None, None,
                                    said("results-batch-unknown", batch=record["name"]))])
    desk.store.insert_batch(dict(record))
    return True


def _new_events(desk: Desk, content: _Content, file: str) -> tuple[list[Event], int]:
    """The package's events not stored yet; one stored with the same id but other content
    means the package (or this database) was tampered with: refuse."""
    stored = desk.store.events_by_id([e.id for e in content.events])
    changed = [e.id for e in content.events if e.id in stored and stored[e.id] != e]
    if changed:
        raise ImportFailed([Problem(file, None, EVENTS_MEMBER, said(
            "events-altered", count=len(changed), first=changed[0]))])
    new = [e for e in content.events if e.id not in stored]
    return new, len(content.events) - len(new)


def _check_parents(desk: Desk, content: _Content, new: list[Event], file: str) -> None:
    """Every event must follow one that is in the package or already here."""
    in_package = {e.id for e in content.events}
    wanted = sorted({e.parent for e in new if e.parent and e.parent not in in_package})
    missing = set(wanted) - desk.store.known_event_ids(wanted)
    if missing:
        hint = said("hint-import-work-first" if content.manifest["kind"] == "results"
                    else "hint-ask-new-package")
        raise ImportFailed([Problem(file, None, EVENTS_MEMBER, said(
            "events-missing-parents", count=len(missing), first=sorted(missing)[0], hint=hint))])


def _check_posts(desk: Desk, content: _Content, new: list[Event], file: str) -> None:
    """A post of the package must not be another post here (same id in another batch, or the
    same external id under another id: the batch was imported here from a file too)."""
    batch = content.batch["name"]
    post_ids = sorted({e.post_id for e in new if e.post_id})
    problems = [Problem(file, None, EVENTS_MEMBER,
                        said("package-post-other-batch", id=pid, batch=b, expected=batch))
                for pid, (b, _ext) in desk.store.post_batches(post_ids).items() if b != batch]
    by_external = desk.store.post_ids_by_external(batch)
    for event in new:
        if event.kind == wf.IMPORTED:
            other = by_external.get(event.payload.get("external_id"))
            if other is not None and other != event.post_id:
                problems.append(Problem(file, None, EVENTS_MEMBER, said(
                    "package-post-already-here", external_id=event.payload.get("external_id"),
                    batch=batch, other=other)))
    if problems:
        raise ImportFailed(problems[:20])


def _replay_posts(desk: Desk, post_ids: list[str], new: list[Event], file: str) -> list[PostState]:
    """Replay every touched post from its whole log (`new`: the events just stored, which
    need not be read back) and store it."""
    posts, problems = [], []
    logs = desk.store.events_of_posts(post_ids, known={e.id: e for e in new})
    for post_id in post_ids:
        try:
            posts.append(wf.fold(logs[post_id]))
        # A hostile or damaged log can fail the replay in many ways (a missing field, an
        # annotation of nothing): each is one problem of the package, never a traceback.
        except Exception as err:  # noqa: BLE001
            problems.append(Problem(file, None, EVENTS_MEMBER, said(
                "package-history-unreplayable", id=post_id, error=type(err).__name__,
                detail=str(err))))
    if problems:
        raise ImportFailed(problems[:20])
    try:
        desk.store.materialise(posts)
    except Exception as err:  # an integrity error from hostile content: refuse, roll back
        raise ImportFailed([Problem(file, None, EVENTS_MEMBER,
                                    said("package-posts-unstorable", detail=str(err)))]) from None
    return posts


def _reference_data(desk: Desk, content: _Content) -> tuple[int, int]:
    """Glossaries (replacing one of the same name unless identical) and new memory units."""
    changed = 0
    known = {g["name"]: g for g in desk.store.glossaries()}
    for g in content.glossaries:
        here = known.get(g["name"])
        if here and (here["source_lang"], here["target_lang"]) == (g["source_lang"], g["target_lang"]) \
                and desk.store.glossary_entries(g["name"]) == g["entries"]:
            continue
        desk.store.replace_glossary(g["name"], g["source_lang"], g["target_lang"], g["origin"],
                                    g["entries"], starter=g["starter"])
        changed += 1
    return changed, desk.store.tm_add_units(content.units) if content.units else 0


# -- conflicts -----------------------------------------------------------------------------


def conflict_posts(desk: Desk, batch: str | None = None) -> list[dict[str, Any]]:
    if batch is not None:
        desk.batch(batch)
    return desk.store.post_rows(batch=batch, states=[wf.CONFLICT])


def post_conflict(desk: Desk, post_id: str) -> wf.Conflict:
    """The post's first conflict: its sides, each replayed as if it were the only one."""
    post_id = desk.resolve_post_id(post_id)
    found = wf.conflicts(desk.store.post_events(post_id))
    if not found:
        raise NotFound(f"post {post_id} is not in conflict")
    return found[0]


def resolve_conflict(desk: Desk, post_id: str, keep: str, actor: Actor) -> PostState:
    """Keep the side of the post's conflict that holds event `keep` (an id or a unique prefix
    of at least 6 characters); the other sides stay in the history, set aside."""
    actor = check_actor(actor)
    keep = (keep or "").strip()
    with desk.store.write():
        events = desk.store.post_events(desk.resolve_post_id(post_id))
        post = wf.fold(events)
        if post.state != wf.CONFLICT:
            raise TransitionRefused(f"post {post.id} is not in conflict (it is "
                                    f"{post.state.replace('_', ' ')}); there is nothing to resolve")
        refusal = wf.refuse_reason("resolve", post, actor, False)
        if refusal:
            raise TransitionRefused(refusal)
        conflict = wf.conflicts(events)[0]
        kept = _branch_holding(conflict, keep, post.id)
        kinds = {e.id: e.kind for e in events}
        for branch in conflict.branches:
            if branch is not kept and any(kinds[i] == wf.EXPORTED_EV for i in branch.own):
                raise TransitionRefused(f"the other version of post {post.id} was exported "
                                        "already; only that version can be kept")
        parent, payload = wf.resolution(events, conflict, kept)
        event = desk.make_event(wf.CONFLICT_RESOLVED, post.batch, actor, post_id=post.id,
                                parent=parent, payload=payload)
        return desk.commit_post_events(events, [event])


def _branch_holding(conflict: wf.Conflict, keep: str, post_id: str) -> wf.Branch:
    if len(keep) >= 6:
        matches = [b for b in conflict.branches if any(i.startswith(keep) for i in b.own)]
        if len(matches) == 1:
            return matches[0]
    sides = ", ".join(f"{b.tip} ({b.post.last_actor}: {b.post.state})" for b in conflict.branches)
    raise InvalidInput(f"{keep!r} is not an event of one side of post {post_id}'s conflict; "
                       f"keep one of: {sides}")


def default_package_name(batch: str, kind: str, who: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in f"{batch}-{kind}-{who}")
    return safe + SUFFIX

