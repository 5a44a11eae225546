"""The two doors of this package: read a batch file of any format, write an export.

`read_batch_file` returns every post of the file or raises `ImportFailed` listing every problem:
never a part of the file. `write_export` writes the whole file or leaves nothing behind.
"""
from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import ImportFailed, InvalidInput, Problem
from ..texts import said
from . import BATCH_FORMATS, CORE_EXPORT_FORMATS, DraftPost
from .atomic import write_atomically
from .csv_format import read_csv, write_csv
from .json_format import read_json, read_jsonl, write_json
from .regular import FileTooLarge, cannot_read, read_regular
from .hq_files import PLAIN, ReadOptions
from .rows import refuse, unwritable
from .xlsx_format import read_xlsx, write_xlsx

EXPORT_COLUMNS = ("id", "external_id", "batch", "platform", "source_lang", "target_lang",
                  "source_text", "final_text", "link", "media_note", "scheduled_at", "notes",
                  "revision", "approved_by", "approved_at", "schedule_passed", "media")
# A batch is read whole, and reading takes up to 10 bytes of memory per byte of file (text held
# as UCS-4 once it has one emoji, and again as cells): 50 MB keeps an import under 600 MB
# (measured, see README "Hostile files"). A 10,000-post CSV is about 3 MB.
MAX_FILE_BYTES = 50 * 1024 * 1024

FORMAT_BY_EXTENSION = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx",
                       ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
                       ".xlf": "xliff", ".xliff": "xliff", ".xliff2": "xliff", ".xlf2": "xliff"}
_FORMAT_ALIASES = {"tsv": "csv", "txt": "csv", "ndjson": "jsonl", "xlf": "xliff"}
_READERS: dict[str, Callable[[bytes, str, ReadOptions], list[DraftPost]]] = {
    "csv": read_csv, "xlsx": read_xlsx, "json": read_json, "jsonl": read_jsonl}


# ---------------------------------------------------------------------------------- reading

@dataclass(frozen=True)
class BatchRead:
    posts: list[DraftPost]
    sha256: str  # of the file's bytes, as they were read (an import records it)
    skipped: dict[str, int] = field(default_factory=dict)  # XLIFF units left out, by reason
    # XLIFF 2.0 of several <file>s: each <file> without its units (see xliff_files.py)
    xliff_files: list[dict[str, str]] = field(default_factory=list)
    # XLIFF: the document's version ("1.2" for any 1.x, "2.0") and bytes, which the import
    # keeps for the export to fill (review/xliff_documents.py)
    xliff_version: str | None = None
    document: bytes | None = None


def read_batch_file(path: str | os.PathLike[str], format: str | None = None, *,
                    platform: str | None = None, target_lang: str | None = None,
                    options: ReadOptions = PLAIN) -> list[DraftPost]:
    """The posts of a batch file (see `read_batch`)."""
    return read_batch(path, format, platform=platform, target_lang=target_lang,
                      options=options).posts


def read_batch(path: str | os.PathLike[str], format: str | None = None, *,
               platform: str | None = None, target_lang: str | None = None,
               options: ReadOptions = PLAIN) -> BatchRead:
    """All posts of a batch file, validated and normalised, or ImportFailed listing every problem.

    `format` is one of BATCH_FORMATS (also "tsv", "ndjson", "xlf"); without it the extension
    decides: .csv/.tsv/.txt, .xlsx, .json, .jsonl/.ndjson, .xlf/.xliff/.xliff2. Problems name
    the file as `path` was given. `platform` and `target_lang` fill in what an XLIFF file cannot
    say (see xliff_format); other formats carry them in their columns and ignore these.
    `options`: the encoding of a CSV or JSON file and the order of day and month in dates
    (hq_files.py), which the file cannot say.
    """
    file = os.fspath(path)
    if os.path.isdir(file):  # said as such, not "the file name has no extension"
        refuse(file, said("file-is-folder"))
    fmt = _batch_format(file, format)
    data = _read_bytes(file)  # read once: parsed and hashed from the same bytes
    digest = hashlib.sha256(data).hexdigest()
    if fmt == "xliff":
        # translate-toolkit's XLIFF modules load slowly: only reading XLIFF needs them
        from .xliff_format import document_version, read_xliff

        skipped: dict[str, int] = {}
        heads: list[dict[str, str]] = []
        posts = read_xliff(data, file, platform=platform, target_lang=target_lang,
                           skipped=skipped, heads=heads)
        return BatchRead(posts, digest, skipped, heads, document_version(data), data)
    return BatchRead(_READERS[fmt](data, file, options), digest)


def _batch_format(file: str, format: str | None) -> str:
    if format:
        fmt = format.strip().lower().lstrip(".")
        fmt = _FORMAT_ALIASES.get(fmt, fmt)
        if fmt in BATCH_FORMATS:
            return fmt
        what = f"unknown format {format!r}"
    else:
        extension = Path(file).suffix.lower()
        if extension in FORMAT_BY_EXTENSION:
            return FORMAT_BY_EXTENSION[extension]
        what = f"cannot tell the format from the extension {extension!r}" if extension else \
            "cannot tell the format: the file name has no extension"
    known = ", ".join(FORMAT_BY_EXTENSION)
    raise ImportFailed([Problem(file, None, None, said("unknown-format", what=what, known=known))])


def _read_bytes(file: str) -> bytes:
    """The whole file, refused when it is not a regular file or larger than MAX_FILE_BYTES."""
    try:
        return read_regular(file, MAX_FILE_BYTES)
    except FileTooLarge as error:
        _check_size(file, error.size)
        raise  # not reached: the size is over the limit
    except OSError as error:
        refuse(file, cannot_read(error))


def _check_size(file: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        refuse(file, said("file-too-large", size=size / 2**20, limit=MAX_FILE_BYTES // 2**20))


# ---------------------------------------------------------------------------------- writing

def write_export(path: str | os.PathLike[str], rows: list[dict[str, Any]], format: str) -> None:
    """Write `rows` (dicts holding every key of EXPORT_COLUMNS; other keys are ignored) as CSV,
    XLSX or JSON, atomically: a temporary file in the same folder, flushed to disk, then renamed
    onto `path`. On any error the temporary file is removed and `path` is left as it was.

    Raises InvalidInput for an unknown format or a value the format cannot hold, ValueError for
    a row that lacks a column (a programming error), OSError when the folder cannot be written.
    """
    fmt = format.strip().lower()
    if fmt not in CORE_EXPORT_FORMATS:
        raise InvalidInput(said("unknown-export-format", format=format,
                                formats=", ".join(CORE_EXPORT_FORMATS)))
    write_atomically(path, lambda stream: write_core_export(stream, rows, fmt))


def write_core_export(stream: IO[bytes], rows: list[dict[str, Any]], fmt: str) -> None:
    """Check the rows (see write_export), then write them as CSV, XLSX or JSON to `stream`."""
    _check_rows(rows, fmt)
    _write(stream, rows, fmt)


def _write(stream: IO[bytes], rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "xlsx":
        write_xlsx(stream, rows, EXPORT_COLUMNS)
        return
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        (write_csv if fmt == "csv" else write_json)(text, rows, EXPORT_COLUMNS)
        text.flush()
    finally:
        text.detach()  # the caller owns `stream` and still has to fsync it


def _check_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    """Refuse before writing anything: a missing column, or text the format cannot hold."""
    for number, row in enumerate(rows, start=1):
        missing = [column for column in EXPORT_COLUMNS if column not in row]
        if missing:
            raise ValueError(f"export row {number} lacks the column(s) {', '.join(missing)}")
        for column in EXPORT_COLUMNS:
            value = row[column]
            if isinstance(value, str):
                problem = unwritable(value, fmt)
                if problem:
                    post = row.get("external_id") or row.get("id") or number
                    raise InvalidInput(said("post-unwritable", post=post, column=column,
                                            problem=problem))
