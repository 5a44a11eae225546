"""Import of HQ's draft batches: a file becomes events, all of them or none.

The file is read and validated completely before the database is touched (`read_batch_file`
raises `ImportFailed` listing every problem); what the file means against what is stored
(new posts, new HQ drafts, exported posts that can no longer change) is checked inside the write
transaction, which a problem rolls back. Re-importing the same file adds nothing.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import workflow as wf
from .core import Core, check_actor, new_post_id
from .errors import ImportFailed, InvalidInput, Problem, stop_if
from .formats import PLATFORMS, DraftPost
from .formats.batchfile import read_batch
from .formats.hq_files import ReadOptions
from .formats.rows import skipped_words
from .media import BadMedia, attach_media, stored_bytes
from .model import COORDINATOR, EXPORTED, HQ_FIELD_DEFAULTS, HQ_FIELDS, Actor, Event, PostState
from .paths import data_dir, sample_batch_files
from .store import utc_now
from .texts import counted, message_of, said
from .xliff_documents import keep_document

SAMPLE_LOADED = "sample_loaded"
WRITE_CHUNK = 2_000  # posts built and written at a time inside an import's transaction


@dataclass(frozen=True)
class ImportResult:
    batch: str
    file: str
    added: int
    new_drafts: int  # posts whose HQ draft changed: a new draft revision, back to pending
    details_updated: int
    unchanged: int
    created_batch: bool
    skipped: dict[str, int] = field(default_factory=dict)  # units of the file left out, by why

    def summary(self) -> str:
        counts = dict(file=self.file, batch=self.batch, added=self.added,
                      new_drafts=self.new_drafts, details_updated=self.details_updated,
                      unchanged=self.unchanged)
        if not self.skipped:
            return said("import-summary", **counts)
        return said("import-summary-skipped", **counts, skipped=skipped_words(self.skipped))


def import_batch_file(core: Core, path: Path, *, batch: str | None = None, fmt: str | None = None,
                      actor: Actor | None = None, platform: str | None = None,
                      target_lang: str | None = None, encoding: str | None = None,
                      day_order: str | None = None, **settings: Any) -> ImportResult:
    """Import a CSV/XLSX/JSON/JSONL/XLIFF file into a batch (named after the file unless given).

    `settings` (title, timezone, require_signoff, origin, due) apply when the batch is new;
    `platform` and `target_lang` fill in what an XLIFF file does not say; `should_stop` and
    `progress` go to `import_drafts` (reading the file reports no progress). `encoding` and
    `day_order` say what the file cannot (formats/hq_files.py).
    """
    read = read_batch(path, fmt, platform=platform, target_lang=target_lang,
                      options=ReadOptions(encoding, day_order))
    drafts, files = attach_media(read.posts, Path(path), os.fspath(path))
    stop_if(settings.get("should_stop"), "the import")
    result = import_drafts(core, drafts, batch or path.stem, actor=actor, source=path,
                           source_sha256=read.sha256, media_files=files,
                           xliff_files=read.xliff_files,
                           document=(read.xliff_version, read.document) if read.document else None,
                           **settings)
    return replace(result, skipped=read.skipped) if read.skipped else result


def import_drafts(core: Core, drafts: list[DraftPost], batch: str, *, actor: Actor | None = None,
                  source: Path | None = None, source_sha256: str | None = None,
                  title: str | None = None,
                  timezone: str | None = None, require_signoff: bool | None = None,
                  origin: str | None = None, due: str | None = None,
                  should_stop=None, progress=None, media_files=(),
                  xliff_files: list[dict[str, str]] | None = None,
                  document: tuple[str, bytes] | None = None) -> ImportResult:
    """Store validated posts as one transaction: new posts, new HQ drafts, or nothing.
    `xliff_files`: the <file>s of a multi-file XLIFF 2.0 document without their units, kept
    in the import's record for the export to write back (see formats/xliff_files.py).
    `should_stop()` is checked before the commit: a cancelled import rolls back whole.
    `progress(done, total)`, if given, is told the posts stored so far, slice by slice.
    `media_files`: (record, folder) of each picture the drafts name (media.attach_media), whose
    bytes are stored once by hash in the same transaction. `document`: (XLIFF version, bytes)
    of the XLIFF file the drafts came from, kept whole by `source_sha256` in the same
    transaction for the export to fill (xliff_documents.py)."""
    actor = check_actor(actor or Actor(default_user(), COORDINATOR))
    file_name = source.name if source else "(posts)"
    if not drafts:
        raise ImportFailed([Problem(file_name, None, None, said("no-posts"))])
    name = check_batch_name(batch)
    settings = {"title": title, "timezone": check_timezone(timezone) if timezone else None,
                "require_signoff": require_signoff, "origin": origin, "due": due}
    core.store.backups.take("import")
    with core.store.write():
        created = _ensure_batch(core, name, drafts, settings, actor)
        _store_media(core, media_files, file_name)
        if document is not None and source_sha256:
            keep_document(core, source_sha256, *document)
        result = _import_posts(core, name, drafts, actor, str(source or file_name), progress)
        core.store.events.append([core.make_event(
            wf.FILE_IMPORTED, name, actor,
            payload={"file": file_name, "sha256": source_sha256, "posts": len(drafts),
                     **result, **({"xliff_files": xliff_files} if xliff_files else {})})])
        stop_if(should_stop, "the import")
    return ImportResult(name, file_name, created_batch=created, **result)


def _store_media(core: Core, files, file_name: str) -> None:
    """Each picture's bytes, once by hash (read again, one at a time: memory stays flat)."""
    have = core.store.media.known([record.sha256 for record, _ in files])
    for record, folder in files:
        if record.sha256 in have:
            continue
        try:
            data = stored_bytes(record, folder)
        except BadMedia as bad:
            raise ImportFailed([Problem(file_name, None, "media", message_of(bad))]) from None
        core.store.media.add(record, data)
        have.add(record.sha256)


def _ensure_batch(core: Core, name: str, drafts: list[DraftPost], settings: dict[str, Any],
                  actor: Actor) -> bool:
    if core.store.batches.get(name) is not None:
        core.refuse_unless_coordinated_here(name)  # HQ's new drafts go to the coordinator's desk
        return False
    batch = {
        "name": name,
        "title": settings["title"] or name,
        "origin": settings["origin"] or "HQ",
        "platforms": sorted({d.platform for d in drafts}, key=PLATFORMS.index),
        "due": settings["due"],
        "require_signoff": bool(settings["require_signoff"]),
        "timezone": settings["timezone"] or local_zone_name(),
    }
    event = core.make_event(wf.BATCH_CREATED, name, actor, payload=batch)
    batch["created"] = event.at
    core.store.batches.insert(batch)
    core.store.events.append([event])
    return True


def _import_posts(core: Core, batch: str, drafts: list[DraftPost], actor: Actor,
                  file_name: str, progress=None) -> dict[str, int]:
    """Store the posts in slices of WRITE_CHUNK: building every event and replayed post of a
    100,000-post file before writing any would take gigabytes. The caller's transaction keeps
    the import whole: a problem in any slice rolls back the slices already written."""
    known = core.store.posts.ids_by_external(batch)
    fresh_ids = _unused_post_ids(core, sum(1 for d in drafts if d.external_id not in known))
    counts = {"added": 0, "new_drafts": 0, "details_updated": 0, "unchanged": 0}
    problems: list[Problem] = []
    for start in range(0, len(drafts), WRITE_CHUNK):
        _import_slice(core, batch, drafts[start:start + WRITE_CHUNK], actor, file_name, known,
                      fresh_ids, counts, problems)
        if progress is not None:
            progress(min(start + WRITE_CHUNK, len(drafts)), len(drafts))
    if problems:
        raise ImportFailed(problems)
    return counts


def _import_slice(core: Core, batch: str, drafts: list[DraftPost], actor: Actor, file_name: str,
                  known: dict[str, str], fresh_ids: list[str], counts: dict[str, int],
                  problems: list[Problem]) -> None:
    events: list[Event] = []
    new_posts: list[PostState] = []
    changed_posts: list[PostState] = []
    # The logs of the posts already here, read together (a re-import of 2,000 rows: one query
    # of 500 at a time, not 2,000).
    logs = core.store.events.of_posts([known[d.external_id] for d in drafts if d.external_id in known])
    for draft in drafts:
        if draft.external_id not in known:
            event = core.make_event(wf.IMPORTED, batch, actor, post_id=fresh_ids.pop(),
                                    payload=_imported_payload(draft))
            events.append(event)
            new_posts.append(wf.fold([event]))
            counts["added"] += 1
            continue
        history = logs[known[draft.external_id]]
        update = _update_event(core, wf.fold(history), draft, actor, file_name, problems)
        if update is None:
            counts["unchanged"] += 1
            continue
        events.append(update)
        changed_posts.append(wf.fold(history + [update]))
        counts["new_drafts" if update.kind == wf.DRAFT_UPDATED else "details_updated"] += 1
    if problems:
        return  # the import will be refused: writing more is wasted work
    core.store.events.append(events)
    core.store.posts.materialise(new_posts, withdraw=False)
    core.store.posts.materialise(changed_posts)


def _imported_payload(draft: DraftPost) -> dict[str, Any]:
    payload = {name: _hq_value(draft, name) for name in HQ_FIELDS
               if name not in HQ_FIELD_DEFAULTS or getattr(draft, name)}
    payload.update(external_id=draft.external_id, draft_text=draft.draft_text)
    return payload


def _update_event(core: Core, post: PostState, draft: DraftPost, actor: Actor, file_name: str,
                  problems: list[Problem]) -> Event | None:
    """What a re-imported row changes: nothing, HQ's details, or HQ's draft (back to pending)."""
    changed = {n: _hq_value(draft, n) for n in HQ_FIELDS if _hq_value(draft, n) != getattr(post, n)}
    new_draft = draft.draft_text != post.draft.text
    if not changed and not new_draft:
        return None
    if post.state == EXPORTED:
        what = "draft_text" if new_draft else next(iter(changed))
        problems.append(Problem(file_name, draft.line, what,
                                said("exported-cannot-change", id=draft.external_id)))
        return None
    if new_draft:
        return core.make_event(wf.DRAFT_UPDATED, post.batch, actor, post_id=post.id,
                               parent=post.head, payload={"text": draft.draft_text, "fields": changed})
    return core.make_event(wf.DETAILS_UPDATED, post.batch, actor, post_id=post.id,
                           parent=post.head, payload={"fields": changed})


def _hq_value(draft: DraftPost, name: str) -> Any:
    """One of HQ's fields as an event records it: `media` as the list of the checked files'
    records (attach_media made them; a draft that still holds bare names was never checked)."""
    value = getattr(draft, name)
    if name == "media":
        # Bare names would mean nobody checked the files (a programming error, not a refusal).
        assert not any(isinstance(item, str) for item in value), "media not attached"
        return list(value)
    return value


def _unused_post_ids(core: Core, count: int) -> list[str]:
    """Fresh random ids, checked against the database (a clash is unlikely, never impossible)."""
    ids: set[str] = set()
    while len(ids) < count:
        candidates = {new_post_id() for _ in range(count - len(ids))} - ids
        ids |= candidates - core.store.posts.existing_ids(sorted(candidates))
    return sorted(ids)


def import_sample(core: Core, actor: Actor) -> list[ImportResult]:
    """Load the bundled sample batches once per database. A sample batch already here (a work
    package brought the coordinator's) is left as it is: importing the file into it would
    record older HQ drafts on a reviewer's laptop as work of its own."""
    if core.store.settings.get(SAMPLE_LOADED):
        return []
    settings_file = data_dir("resources") / "sample" / "batches.json"
    settings = json.loads(settings_file.read_text(encoding="utf-8")) if settings_file.exists() else {}
    results = [import_batch_file(core, path, actor=actor, **settings.get(path.stem, {}))
               for path in sample_batch_files() if core.store.batches.get(path.stem) is None]
    with core.store.write():
        core.store.settings.set(SAMPLE_LOADED, utc_now())
    return results


def sample_batches_here(core: Core) -> set[str]:
    """The bundled sample batches loaded on this desk (not brought by a package or a sync):
    for trying Review Desk out, never sent to HQ's server."""
    return {path.stem for path in sample_batch_files()
            if core.store.batches.get(path.stem) is not None and core.coordinated_here(path.stem)}


@dataclass(frozen=True)
class SampleLoaded:
    batches: list[ImportResult]
    glossaries: list[Any]  # termbases.GlossaryImport: the starter glossaries imported
    kept: list[str]  # sample batches that were here already (from a work package), left as they are

    def lines(self) -> list[str]:
        """What was done, a line each, as the command line prints it."""
        return ([said("sample-batch-kept", batch=name) for name in self.kept]
                + [f"imported {r.summary()}" for r in self.batches]
                + [f"imported glossary {g.name} ({g.source_lang} > {g.target_lang}, "
                   f"{counted(g.entries, 'entry', 'entries')})"
                   for g in self.glossaries])


def load_sample(core: Core, actor: Actor) -> SampleLoaded:
    """The sample batches and the starter glossaries, each once per database (File > Load
    sample, `review-desk sample`, and an empty desk's first start)."""
    from .termbases import import_starter_glossaries

    kept = [] if core.store.settings.get(SAMPLE_LOADED) else [
        path.stem for path in sample_batch_files() if core.store.batches.get(path.stem) is not None]
    return SampleLoaded(import_sample(core, actor), import_starter_glossaries(core), kept)


def first_start(core: Core, actor: Actor) -> SampleLoaded | None:
    """What opening the window loads: on a desk that holds no batch yet, the sample and the
    starter glossaries, so there is something real to review. A desk that holds a batch (set
    up from a work package, or with work of its own) gets none (None): made-up posts would
    sit among real ones, and starter glossaries would change the hints the coordinator's
    desk shows. File > Load sample is there for whoever wants it anyway."""
    if core.store.batches.any():
        return None
    return load_sample(core, actor)


# -- small checks ------------------------------------------------------------------------------


def check_batch_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 100 or any(ord(c) < 32 for c in name):
        raise InvalidInput(said("bad-batch-name", name=name[:100]))
    return name


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    # A hostile name can also be a folder of the zone database ("Africa") or too long a path.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput(said("unknown-timezone", name=name[:100])) from None
    return name


def local_zone_name() -> str:
    """This machine's IANA time zone (batches default to it), or UTC when it cannot be told."""
    candidates = [os.environ.get("TZ", "")]
    try:
        candidates.append(str(os.readlink("/etc/localtime")).split("zoneinfo/", 1)[-1])
    except OSError:
        pass
    for name in candidates:
        try:
            if name == "UTC" or "/" in name:
                ZoneInfo(name)
                return name
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return "UTC"


def default_user() -> str:
    import getpass

    try:
        return os.environ.get("REVIEW_DESK_USER") or getpass.getuser()
    except Exception:  # getpass raises various errors when no user name can be found
        return "coordinator"
