"""Export of a batch's approved posts for publishing, recorded so nothing goes out twice by accident.

The file and its manifest (`FILE.manifest.json`, see formats/manifest.py) are written under
temporary names inside the write transaction that marks the posts exported and records the
export; they are renamed into place after the commit. If anything fails before, both temporary
files are removed, so the files on disk and the database always tell the same story.
"""
from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from . import workflow as wf
from .core import Core, check_actor, new_event_id
from .errors import InvalidInput, ReviewError, stop_if
from .formats import EXPORT_FORMATS, platform_name
from .formats.atomic import TEMPORARY_NAME_EXTRA, check_output, sync_folder, write_atomically
from .formats.export_formats import FORMATS, ExportFormat
from .formats.manifest import build_manifest, file_digest, manifest_path, write_manifest
from .formats.scheduling import with_offset
from .model import APPROVED, EXPORTED, Actor, Event
from .languages import given_language
from .schedule import schedule_passed
from .texts import Joined, said

HQ = "HQ"


@dataclass(frozen=True)
class ExportResult:
    export_id: str
    path: Path
    format: str
    count: int
    sha256: str
    again: int  # how many of the posts had been exported before
    manifest: Path | None = None
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> posts left out
    at: str = ""  # when it was recorded (UTC)
    # XLIFF: how the file was written (HQ's kept document filled, or a new one), as a message
    written: str = ""


def export_approved(core: Core, batch: str, fmt: str, out: Path, actor: Actor,
                    again: bool = False, should_stop=None,
                    platform: str | None = None, target_lang: str | None = None,
                    with_media: bool = False, from_file: str | None = None) -> ExportResult:
    """Write the file and its manifest next to `out`, record the export, COMMIT, and only then
    rename both into place: a failure before the commit leaves no file (and any earlier file at
    `out` untouched); the renames after it are the last step, and say so if they fail.

    `platform` exports only that platform's posts, `target_lang` only the posts into that
    language (a mixed batch goes out as one XLIFF 2.0 file per language); posts the format
    cannot take (see export_formats) are left out, counted in `skipped`, and stay approved.
    An XLIFF export fills the document HQ's posts came in when this desk kept it
    (xliff_documents.py); `from_file` exports only the posts of that file of HQ's."""
    actor = check_actor(actor)
    target_lang = given_language(target_lang, "--target-lang")
    spec = FORMATS.get(fmt)
    if spec is None:
        raise InvalidInput(said("unknown-export-format", format=fmt, formats=", ".join(EXPORT_FORMATS)))
    info = core.batch(batch)
    core.refuse_unless_coordinated_here(batch)
    _refuse_folder(out)
    export_id = new_event_id()
    staged, manifest = staged_name(out, export_id), manifest_path(out)
    staged_manifest = staged_name(manifest, export_id)
    try:
        with core.store.write():
            _remove_leftovers(core, out, manifest)
            rows = _approved_rows(core, batch, again, platform, target_lang)
            kept, skipped = _split(rows, spec, info["timezone"])
            document, kept = _kept_document(core, batch, spec, kept, skipped, from_file)
            if spec.review_notes:
                _attach_review_notes(core, kept)
            if spec.file_heads and document is None:
                _attach_file_heads(core, batch, kept)
            stop_if(should_stop, "the export")
            _write_file(staged, out, _writer(spec, document, [r[1] for r in kept],
                                             info["timezone"]))
            written = said("export-written-into", file=document.file) if document \
                else said("export-built")
            document = None  # HQ's tree, written: not held while the export is recorded
            result = _record(core, export_id, batch, fmt, out, staged, actor,
                             [r[0] for r in kept], skipped, manifest)
            if spec.xliff:
                result = replace(result, written=written)
            _write_file(staged_manifest, manifest, lambda stream: write_manifest(
                stream, _manifest(result, actor, kept, staged, out)))
    except BaseException:
        staged.unlink(missing_ok=True)
        staged_manifest.unlink(missing_ok=True)
        raise
    _put_in_place(staged, out)
    _put_in_place(staged_manifest, manifest)
    if with_media:
        copy_media(core, [row for row, _ in kept], media_folder(out))
    return result


def _kept_document(core: Core, batch: str, spec: ExportFormat, kept: list, skipped: dict,
                   from_file: str | None):
    """(HQ's kept document to fill or None, the kept rows): for an XLIFF export, see
    xliff_documents.py; `from_file` leaves the posts of HQ's other files out (counted)."""
    if not spec.xliff:
        if from_file is not None:
            raise InvalidInput(said("from-file-xliff-only", file=from_file))
        return None, kept
    from .xliff_documents import document_for

    document, held = document_for(core, batch, [r[1] for r in kept], spec.xliff, from_file)
    others = [pair for pair in kept if pair[1]["external_id"] not in held]
    if others:
        skipped[said("skip-other-file")] = len(others)
    return document, [pair for pair in kept if pair[1]["external_id"] in held]


def _writer(spec: ExportFormat, document, rows: list[dict[str, Any]], zone: str) -> Callable:
    if document is None:
        return lambda stream: spec.write(stream, rows, zone)
    return lambda stream: document.document.filled(rows, stream)


def media_folder(out: Path) -> Path:
    """Where `--with-media` puts an export's pictures: "zw.csv" -> "zw.csv.media/"."""
    return out.with_name(out.name + ".media")


def copy_media(core: Core, rows: list[dict[str, Any]], folder: Path) -> list[Path]:
    """Every picture of the exported posts, under the names HQ's batch gave them, into
    `folder` (after the export is in place: the export stands if this fails, and the message
    says how to write the pictures again)."""
    from .media import write_media

    written: list[Path] = []
    for row in rows:
        if json.loads(row["media"] or "[]"):
            written += write_media(core, row["id"], folder)
    return written


# An export is staged as ".NAME.ID.export" and written through write_atomically, whose own
# temporary name adds TEMPORARY_NAME_EXTRA again; its manifest's name adds ".manifest.json".
_STAGED_EXTRA = 21 + TEMPORARY_NAME_EXTRA


def _refuse_folder(out: Path) -> None:
    """Refuse what cannot be written before anything is: see atomic.check_output."""
    for target in (out, manifest_path(out)):
        try:
            if target.is_dir():
                raise InvalidInput(said("export-to-folder", path=target))
        except OSError:
            pass  # a name too long to look up: check_output says so
    check_output(out, extra=len(manifest_path(out).name) - len(out.name) + _STAGED_EXTRA)


def _approved_rows(core: Core, batch: str, again: bool, platform: str | None,
                   target_lang: str | None = None) -> list[dict[str, Any]]:
    rows = core.store.posts.rows(batch=batch, states=[APPROVED, EXPORTED] if again else [APPROVED])
    if platform:
        rows = [row for row in rows if row["platform"] == platform]
    if target_lang and rows:
        into = [row for row in rows if row["target_lang"] == target_lang]
        if not into:
            raise ReviewError(said("nothing-to-export-language", batch=batch, lang=target_lang,
                                   langs=", ".join(sorted({r["target_lang"] for r in rows}))))
        rows = into
    if not rows:
        raise ReviewError(_nothing_to_export(core, batch, again, platform))
    return rows


def _split(rows: list[dict[str, Any]], spec: ExportFormat, zone: str):
    """(kept (db row, export row) pairs, skipped reason -> count); refuses when nothing is kept
    or the format refuses the posts as a whole."""
    kept: list[tuple[dict[str, Any], dict[str, Any]]] = []
    skipped: dict[str, int] = {}
    for row in rows:
        export_row = _export_row(row, zone)
        reason = spec.skip(export_row)
        if reason:
            skipped[reason] = skipped.get(reason, 0) + 1
        else:
            kept.append((row, export_row))
    if not kept:
        reasons = Joined([said("left-out-with", count=n, reason=reason)
                          for reason, n in skipped.items()], "; ")
        raise ReviewError(said("nothing-fits-format", count=len(rows), label=spec.label,
                               reasons=reasons))
    spec.check([export_row for _, export_row in kept])
    return kept, skipped


def _write_file(staged: Path, out: Path, write: Callable) -> None:
    try:
        write_atomically(staged, write)
    except OSError as err:
        raise ReviewError(said("cannot-write-export", path=out, detail=err.strerror or err)) from None


def _put_in_place(staged: Path, out: Path) -> None:
    try:
        os.replace(staged, out)
        sync_folder(out.parent)
    except OSError as err:
        raise ReviewError(said("export-not-in-place", path=out, detail=err.strerror or err,
                               staged=staged)) from None


def staged_name(path: Path, export_id: str) -> Path:
    """Where an export's file waits for its COMMIT; named after the export, so that a file
    recorded but not yet renamed when the program died can be found and put in place."""
    return path.with_name(f".{path.name}.{export_id[:12]}.export")


def finish_interrupted_exports(core: Core) -> list[Path]:
    """Rename into place the files of exports that were recorded (committed) but whose rename
    never happened (the program died in between); run when the desk opens. Only the newest
    export to a name counts: its file replaces an earlier export's (the usual weekly
    `zw.csv`); the waiting files of older ones are out of date and removed."""
    newest: dict[str, dict[str, Any]] = {}
    for record in core.store.exports.list():  # oldest first
        previous = newest.get(record["file_name"])
        if previous is not None:
            _discard_staged(Path(previous["file_name"]), previous["id"])
        newest[record["file_name"]] = record
    finished = []
    for record in newest.values():
        out = Path(record["file_name"])
        for final in (out, manifest_path(out)):
            staged = staged_name(final, record["id"])
            if staged.exists():
                try:
                    _put_in_place(staged, final)
                except ReviewError:
                    continue  # the drive is read-only or gone: try again at the next start
                finished.append(final)
    return finished


def _discard_staged(out: Path, export_id: str) -> None:
    for final in (out, manifest_path(out)):
        staged_name(final, export_id).unlink(missing_ok=True)


def _remove_leftovers(core: Core, *finals: Path) -> None:
    """Temporary files of earlier exports to the same names that died before their COMMIT. We
    hold the write lock, so no other export is writing one now; a recorded export's file may
    still be on its way into place (another program between its COMMIT and rename): kept."""
    recorded = {record["id"][:12] for record in core.store.exports.list()}
    for final in finals:
        name = glob.escape(final.name)
        for pattern in (f".{name}.*.export", f"..{name}.*.part"):
            for leftover in final.parent.glob(pattern):
                if leftover.name.split(".")[-2] not in recorded:
                    leftover.unlink(missing_ok=True)


def _record(core: Core, export_id: str, batch: str, fmt: str, out: Path, staged: Path,
            actor: Actor, rows: list[dict[str, Any]], skipped: dict[str, int],
            manifest: Path) -> ExportResult:
    size, sha256 = file_digest(staged)
    repeats = sum(1 for r in rows if r["state"] == EXPORTED)
    payload = {"export_id": export_id, "format": fmt, "file": out.name}  # one object: encoded once
    events = [core.make_event(wf.EXPORTED_EV, batch, actor, post_id=r["id"], parent=r["head_event"],
                              payload=payload) for r in rows]
    summary = core.make_event(wf.BATCH_EXPORTED, batch, actor, payload={
        "export_id": export_id, "format": fmt, "file": out.name, "manifest": manifest.name,
        "count": len(rows), "size": size, "sha256": sha256, "skipped": skipped})
    core.store.events.append(events + [summary])
    core.store.posts.update_workflow([wf.after_export(row, event) for row, event in zip(rows, events)])
    core.store.exports.insert({"id": export_id, "batch": batch, "format": fmt, "file_name": str(out),
                              "count": len(rows), "sha256": sha256, "actor": actor.name,
                              "at": events[0].at, "again": int(repeats > 0)})
    return ExportResult(export_id, out, fmt, len(rows), sha256, repeats, manifest, skipped,
                        events[0].at)


def _manifest(result: ExportResult, actor: Actor, kept, staged: Path, out: Path) -> dict[str, Any]:
    size, _ = file_digest(staged)
    return build_manifest(
        export_id=result.export_id, batch=kept[0][0]["batch"], fmt=result.format,
        actor=actor.name, role=actor.role, at=result.at, posts=[
            {"id": row["id"], "external_id": row["external_id"],
             "media": [{"name": m["name"], "sha256": m["sha256"], "bytes": m["bytes"]}
                       for m in json.loads(row["media"] or "[]")]} for row, _ in kept],
        skipped=result.skipped, file_name=out.name, size=size, sha256=result.sha256)


# -- notes for HQ (XLIFF) ------------------------------------------------------------------------

_DECISION_LABELS = {wf.REJECTED_EV: "rejected", wf.CHANGES_REQUESTED_EV: "changes requested",
                    wf.REOPENED: "reopened"}


# Kinds of event that never make a note: a post whose log holds only these has no notes but
# HQ's and the sign-off, both on its row, so its log is not read and replayed (10,000 posts:
# 1 s). Any other kind (a reason, an annotation, a rewrite, an undo, a merge) takes the replay.
_NOTELESS_KINDS = frozenset({wf.IMPORTED, wf.OPENED, wf.ASSIGNED, wf.APPROVED_EV, wf.SIGNED_OFF,
                             wf.EXPORTED_EV, wf.CHECK_DISMISSED, wf.DETAILS_UPDATED})


def _attach_review_notes(core: Core, kept: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    ids = [row["id"] for row, _ in kept]
    replayed = core.store.events.posts_with_other_kinds(ids, _NOTELESS_KINDS)
    logs = core.store.events.of_posts([i for i in ids if i in replayed])
    for row, export_row in kept:
        export_row["review_notes"] = (review_notes(row, logs[row["id"]]) if row["id"] in replayed
                                      else _row_notes(row))


def _attach_file_heads(core: Core, batch: str, kept: list[tuple[dict, dict]]) -> None:
    """Each post of a multi-file XLIFF 2.0 document gets the <file> it came in (kept by the
    batch's import records, see formats/xliff_files.py), for the export to write it back."""
    from .formats.xliff_files import head_of, heads_by_id

    heads = heads_by_id([e.payload for e in core.store.events.of_kinds([wf.FILE_IMPORTED], batch)])
    if heads:
        for _, export_row in kept:
            export_row["xliff_file"] = head_of(export_row["external_id"], heads)


def _row_notes(row: dict[str, Any]) -> list[tuple[str, str]]:
    """HQ's notes and the sign-off, from the post's row: all the notes of a post whose log
    holds only `_NOTELESS_KINDS` (what `review_notes` gives it; a test compares)."""
    notes = [(HQ, row["notes"])] if row["notes"] else []
    if row["signed_off_by"]:
        notes.append((row["signed_off_by"], "signed off"))
    return notes


def review_notes(row: dict[str, Any], events: list[Event]) -> list[tuple[str, str]]:
    """(who, text) of everything a CAT tool should show beside the post: HQ's notes, reasons
    given for decisions, annotations ("category/severity: comment [quoted span]"), the
    back-translation of the approved text, and the sign-off."""
    notes: list[tuple[str, str]] = [(HQ, row["notes"])] if row["notes"] else []
    live = wf.live_events(events)
    for event in live:
        label = _DECISION_LABELS.get(event.kind)
        if label and event.payload.get("reason"):
            notes.append((event.actor, f"{label}: {event.payload['reason']}"))
    post = wf.fold(events)
    texts = {revision.id: revision.text for revision in post.revisions}
    for annotation in post.annotations.values():
        if annotation.status == "deleted":
            continue
        span = texts.get(annotation.revision_id, "")[annotation.start:annotation.end]
        what = f"{annotation.category}/{annotation.severity}"
        comment = f": {annotation.comment}" if annotation.comment else ""
        resolved = " (resolved)" if annotation.status == "resolved" else ""
        where = f"picture {annotation.picture}" if annotation.picture else f"\u201c{span}\u201d"
        notes.append((annotation.author, f"{what}{comment} [{where}]{resolved}"))
    current = post.current_revision
    if current.back_translation:
        notes.append((current.author, f"back-translation: {current.back_translation}"))
    if post.signed_off_by:
        notes.append((post.signed_off_by, "signed off"))
    return notes


def _nothing_to_export(core: Core, batch: str, again: bool, platform: str | None = None) -> str:
    if platform:
        return said("nothing-to-export-platform", batch=batch, platform=platform_name(platform))
    counts = core.store.batches.state_counts(batch)
    exported = counts.get(EXPORTED, 0)
    if exported and not again:
        last = core.store.exports.list(batch)[-1]
        return said("nothing-new-to-export", batch=batch, exported=exported, at=last["at"],
                    file=last["file_name"])
    if not counts:
        return said("nothing-to-export-empty", batch=batch)
    states = Joined([said("posts-in-state", count=n, state=wf.state_words(s))
                     for s, n in sorted(counts.items())], ", ")
    return said("nothing-to-export", batch=batch, states=states)


def _export_row(row: dict[str, Any], zone: str) -> dict[str, Any]:
    return {
        "id": row["id"], "external_id": row["external_id"], "batch": row["batch"],
        "platform": row["platform"], "source_lang": row["source_lang"],
        "target_lang": row["target_lang"], "source_text": row["source_text"],
        "final_text": row["current_text"], "link": row["link"] or "",
        "media_note": row["media_note"] or "", "scheduled_at": with_offset(row["scheduled_at"], zone),
        "notes": row["notes"] or "", "revision": row["current_revision"],
        "approved_by": row["approved_by"] or "", "approved_at": row["approved_at"] or "",
        "state": row["state"], "signed_off_by": row["signed_off_by"] or "",
        "schedule_passed": schedule_passed(row, zone),
        # The pictures as HQ's batch named them ("a.jpg;photos/b.png"): what an import reads
        "media": ";".join(m["name"] for m in json.loads(row["media"] or "[]")),
        "codes": json.loads(row.get("codes") or "{}"),  # a CAT file's inline codes
        "tool_notes": json.loads(row.get("tool_notes") or "[]"),  # and its other tools' notes
    }
