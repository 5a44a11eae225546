"""HQ's XLIFF files, kept whole on the desk that imported them, so an XLIFF export writes back
THE document HQ's CAT tool made (formats/xliff_fill.py) rather than a new one.

An XLIFF import keeps the file's bytes, zlib-compressed, by the SHA-256 its
`batch.file_imported` event records (store.documents). They do not travel in work packages:
exporting is the coordinator's, and the coordinator's desk is the one that imported the file.

Which document an export writes: each exported post's unit is looked for in the batch's kept
documents of the export's XLIFF version, newest import first (a re-import of a newer version
of HQ's file holds the units of the older one that still exist). All posts in one document:
that document, filled. None in any: the built document (xliff_write). Some here, some there
(two files imported into one batch, a unit HQ removed from its newer file, posts from a CSV):
refused by name, listing the files, since one export file cannot be two of HQ's documents and
no post may be left out silently.
"""
from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from typing import Any

from . import workflow as wf
from .core import Core
from .errors import ImportFailed, InvalidInput
from .formats.batchfile import MAX_FILE_BYTES
from .texts import Joined, said


def keep_document(core: Core, sha256: str, version: str, data: bytes) -> None:
    """Inside the import's transaction: the file's bytes, compressed (bounded like the import
    itself: at most MAX_FILE_BYTES, and zlib never makes them much larger)."""
    core.store.documents.keep(sha256, version, len(data), zlib.compress(data))


@dataclass(frozen=True)
class ExportDocument:
    """The kept document an export fills: the file name HQ's import had, and its parsed form."""
    file: str
    sha256: str
    document: Any  # formats.xliff_fill.FilledDocument


def document_for(core: Core, batch: str, rows: list[dict[str, Any]], version: str,
                 from_file: str | None = None) -> tuple[ExportDocument | None, set[str]]:
    """(the kept document to fill, HQ's ids of the rows it holds): the one that holds every
    row's unit, (None, every id) when none holds any (see above). `from_file`: the newest kept
    document of that file name, and the rows it holds (the others are left out)."""
    ids = {row["external_id"] for row in rows}
    imports = _kept_imports(core, batch, version)
    if from_file is not None:
        return _named_document(core, batch, imports, ids, from_file)
    remaining = set(ids)
    found: list[tuple[ExportDocument, int]] = []
    for file, sha256 in imports:
        if not remaining:
            break
        kept = ExportDocument(file, sha256, _parsed(core, file, sha256))
        held = kept.document.holds(remaining)
        if held:
            found.append((kept, len(held)))
            remaining -= held
    if not found or (len(found) == 1 and not remaining):
        return (found[0][0] if found else None), ids
    parts = [said("posts-from-file", count=count, file=kept.file) for kept, count in found]
    if remaining:
        parts.append(said("posts-from-no-file", count=len(remaining)))
    raise InvalidInput(said("export-from-several-files", batch=batch, count=len(rows),
                            files=Joined(parts, "; ")))


def _named_document(core: Core, batch: str, imports: list[tuple[str, str]], ids: set[str],
                    from_file: str) -> tuple[ExportDocument, set[str]]:
    for file, sha256 in imports:
        if file == from_file:
            kept = ExportDocument(file, sha256, _parsed(core, file, sha256))
            held = kept.document.holds(ids)
            if held:
                return kept, held
            break
    names = ", ".join(dict.fromkeys(file for file, _ in imports)) or "-"
    raise InvalidInput(said("no-posts-from-file", batch=batch, file=from_file, files=names))


def kept_file_names(core: Core, batch: str) -> list[str]:
    """The names of the batch's files kept here (either XLIFF version), newest import first."""
    return list(dict.fromkeys(file for file, _ in _kept_imports(core, batch, None)))


def newest_kept_version(core: Core, batch: str) -> str | None:
    """The XLIFF version ("1.2", "2.0") of the batch's newest file kept here, or None."""
    imports = _kept_imports(core, batch, None)
    return core.store.documents.versions([imports[0][1]]).get(imports[0][1]) if imports else None


def _kept_imports(core: Core, batch: str, version: str | None) -> list[tuple[str, str]]:
    """(file name, sha256) of the batch's imports whose document is kept here in `version`
    (None: either), newest first, each document once."""
    imports = [(e.payload.get("file", ""), e.payload.get("sha256"))
               for e in core.store.events.of_kinds([wf.FILE_IMPORTED], batch)]
    versions = core.store.documents.versions([sha for _, sha in imports if sha])
    seen: set[str] = set()
    newest_first = []
    for file, sha256 in reversed(imports):
        kept = versions.get(sha256)
        if kept and version in (kept, None) and sha256 not in seen:
            seen.add(sha256)
            newest_first.append((file, sha256))
    return newest_first


def _parsed(core: Core, file: str, sha256: str):
    """The kept document, checked as hostile input again: a copy changed outside Review Desk
    (not zlib, larger than an import allows, another file's bytes, no XLIFF) is refused by
    name, saying to import HQ's file again (which keeps a fresh copy)."""
    from .formats.xliff_fill import FilledDocument  # lxml and translate-toolkit, on use

    data = _unpacked(core.store.documents.get(sha256), file)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise InvalidInput(said("kept-document-other-bytes", file=file))
    try:
        return FilledDocument(data, file)
    except ImportFailed as failed:
        raise InvalidInput(said("kept-document-not-xliff", file=file,
                                problem=failed.problems[0].message)) from None


def _unpacked(row: dict[str, Any] | None, file: str) -> bytes:
    if row is None:  # listed a moment ago, inside the export's transaction: never expected
        raise InvalidInput(said("kept-document-unpacks-wrong", file=file))
    unpacker = zlib.decompressobj()
    try:
        data = unpacker.decompress(row["data"], MAX_FILE_BYTES + 1)  # a zlib bomb stops here
    except zlib.error:
        raise InvalidInput(said("kept-document-unpacks-wrong", file=file)) from None
    if len(data) > MAX_FILE_BYTES or not unpacker.eof or len(data) != row["bytes"]:
        raise InvalidInput(said("kept-document-unpacks-wrong", file=file))
    return data
