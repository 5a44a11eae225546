"""Export of a batch's approved posts for publishing, recorded so nothing goes out twice by accident.

The file is written to a temporary name and renamed into place inside the write transaction
that marks the posts exported; if recording fails, the file is removed again, so the file on disk
and the database always tell the same story.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from . import workflow as wf
from .desk import Desk, check_actor, new_event_id
from .errors import InvalidInput, ReviewError, stop_if
from .formats import EXPORT_FORMATS
from .formats.atomic import sync_folder
from .formats.batchfile import write_export
from .importing import file_sha256
from .model import APPROVED, EXPORTED, Actor
from .texts import said


@dataclass(frozen=True)
class ExportResult:
    export_id: str
    path: Path
    format: str
    count: int
    sha256: str
    again: int  # how many of the posts had been exported before


def export_approved(desk: Desk, batch: str, fmt: str, out: Path, actor: Actor,
                    again: bool = False, should_stop=None) -> ExportResult:
    """Write the file next to `out`, record the export, COMMIT, and only then rename the file
    onto `out`: a failure before the commit leaves no file (and any earlier file at `out`
    untouched); the rename after it is the last step, and says so if it fails."""
    actor = check_actor(actor)
    if fmt not in EXPORT_FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    info = desk.batch(batch)
    staged = out.with_name(f".{out.name}.{new_event_id()[:8]}.export")
    try:
        with desk.store.write():
            rows = desk.store.post_rows(batch=batch, states=[APPROVED, EXPORTED] if again else [APPROVED])
            if not rows:
                raise ReviewError(_nothing_to_export(desk, batch, again))
            stop_if(should_stop, "the export")
            _write_file(staged, out, [_export_row(row, info["timezone"]) for row in rows], fmt)
            result = _record(desk, batch, fmt, out, staged, actor, rows)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    try:
        os.replace(staged, out)
        sync_folder(out.parent)
    except OSError as err:
        raise ReviewError(f"the export was recorded, but the file could not be put at {out} "
                          f"({err.strerror or err}); it is at {staged}") from None
    return result


def _write_file(staged: Path, out: Path, rows: list[dict[str, Any]], fmt: str) -> None:
    try:
        write_export(staged, rows, fmt)
    except OSError as err:
        raise ReviewError(said("cannot-write-export", path=out, detail=err.strerror or err)) from None


def _record(desk: Desk, batch: str, fmt: str, out: Path, staged: Path, actor: Actor,
            rows: list[dict[str, Any]]) -> ExportResult:
    export_id = new_event_id()
    sha256 = file_sha256(staged)
    repeats = sum(1 for r in rows if r["state"] == EXPORTED)
    events = [desk.make_event(wf.EXPORTED_EV, batch, actor, post_id=r["id"], parent=r["head_event"],
                              payload={"export_id": export_id, "format": fmt, "file": out.name})
              for r in rows]
    desk.store.append_events(events)
    desk.store.update_workflow([wf.after_export(row, event) for row, event in zip(rows, events)])
    desk.store.insert_export({"id": export_id, "batch": batch, "format": fmt, "file_name": str(out),
                              "count": len(rows), "sha256": sha256, "actor": actor.name,
                              "at": events[0].at, "again": int(repeats > 0)})
    return ExportResult(export_id, out, fmt, len(rows), sha256, repeats)


def _nothing_to_export(desk: Desk, batch: str, again: bool) -> str:
    counts = desk.store.state_counts(batch)
    exported = counts.get(EXPORTED, 0)
    if exported and not again:
        last = desk.store.exports(batch)[-1]
        return said("nothing-new-to-export", batch=batch, exported=exported, at=last["at"],
                    file=last["file_name"])
    return said("nothing-to-export", batch=batch, states=_describe(counts))


def _describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(counts.items())) or "no posts"


def _export_row(row: dict[str, Any], zone: str) -> dict[str, Any]:
    return {
        "id": row["id"], "external_id": row["external_id"], "batch": row["batch"],
        "platform": row["platform"], "source_lang": row["source_lang"],
        "target_lang": row["target_lang"], "source_text": row["source_text"],
        "final_text": row["current_text"], "link": row["link"] or "",
        "media_note": row["media_note"] or "", "scheduled_at": with_offset(row["scheduled_at"], zone),
        "notes": row["notes"] or "", "revision": row["current_revision"],
        "approved_by": row["approved_by"] or "", "approved_at": row["approved_at"] or "",
    }


def with_offset(scheduled_at: str | None, zone: str) -> str:
    """A scheduled time without an offset is the batch's local time; scheduling tools need one."""
    if not scheduled_at:
        return ""
    moment = datetime.fromisoformat(scheduled_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.isoformat()
