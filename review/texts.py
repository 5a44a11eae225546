"""The domain's messages to people, each with a name, in English.

A message the window may show is made with `said(name, **values)`. The result is the English
text the command line prints, and it remembers its name and values, so the window can show the
same message in the interface's language (`ui/messages.py`). Qt's lupdate collects the templates
from this file into the translation sources; a message made from a plain string stays English.
"""
from __future__ import annotations

from typing import Any



def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for Qt's lupdate; the domain itself never loads Qt."""
    return text


MESSAGES = {
    # the database
    "busy": QT_TRANSLATE_NOOP(
        "Messages",
        "the database {path} is busy: another Review Desk window or command is writing to "
        "it; nothing was changed, try again in a moment"),
    "damaged": QT_TRANSLATE_NOOP(
        "Messages",
        "the database {path} is damaged ({detail}); it was not changed. Restore a backup: "
        "`review-desk backup list`, then `review-desk backup restore N` (the window offers the "
        "newest one)"),
    "no-backup": QT_TRANSLATE_NOOP(
        "Messages",
        "there is no backup {number} of {path} ({count} backups); `review-desk backup list` shows "
        "them"),
    "cannot-restore": QT_TRANSLATE_NOOP(
        "Messages",
        "could not copy the backup next to {path} ({detail}); nothing was changed: free some "
        "disk space and try again"),
    "restore-while-open": QT_TRANSLATE_NOOP(
        "Messages",
        "{path} is open in a Review Desk window (process {pid}); close it, then restore"),
    "cannot-open": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot open the database {path}: {detail}"),
    "newer-schema": QT_TRANSLATE_NOOP(
        "Messages",
        "{path} was written by a newer Review Desk (schema {version}); update Review Desk "
        "to open it"),
    "cannot-save": QT_TRANSLATE_NOOP(
        "Messages",
        "could not save to {path}: {detail}; nothing was changed. Free some disk space (or check "
        "the drive) and try again"),
    "backup-failed": QT_TRANSLATE_NOOP(
        "Messages",
        "could not make the backup {path} ({detail}); nothing was changed: free some disk space "
        "and try again"),
    "cancelled": QT_TRANSLATE_NOOP(
        "Messages",
        "{what} was cancelled; nothing was changed"),
    # imports: the whole file
    "import-failed": QT_TRANSLATE_NOOP(
        "Messages",
        "nothing was imported: {count} problems found"),
    "import-failed-one": QT_TRANSLATE_NOOP(
        "Messages",
        "nothing was imported: 1 problem found"),
    "import-failed-end": QT_TRANSLATE_NOOP(
        "Messages",
        "nothing was imported ({count} problem(s)); fix the file and import it again"),
    "import-summary": QT_TRANSLATE_NOOP(
        "Messages",
        "{file} -> batch {batch}: {added} new, {new_drafts} with a new HQ draft, "
        "{details_updated} with new details, {unchanged} unchanged"),
    "no-posts": QT_TRANSLATE_NOOP(
        "Messages",
        "the file holds no posts"),
    "unknown-format": QT_TRANSLATE_NOOP(
        "Messages",
        "{what}; batch files can be CSV, XLSX, JSON, JSONL or XLIFF ({known}): rename the file or "
        "choose the format"),
    "utf16-without-bom": QT_TRANSLATE_NOOP(
        "Messages",
        "the file looks like UTF-16 without a byte order mark; save it as UTF-8"),
    "bad-encoding": QT_TRANSLATE_NOOP(
        "Messages",
        "byte {byte} is not valid {encoding} (the file is in another encoding, or damaged); "
        "save the file as UTF-8"),
    "empty-file": QT_TRANSLATE_NOOP(
        "Messages",
        "the file is empty; expected a header row and one row per post"),
    "empty-sheet": QT_TRANSLATE_NOOP(
        "Messages",
        "the first worksheet is empty; expected a header row and one row per post"),
    "unterminated-quote": QT_TRANSLATE_NOOP(
        "Messages",
        "a quoted field starts here and its closing quote is missing, so the rest of the "
        "file would be read as one cell; close the quote, or write a quote inside a field "
        'as ""'),
    "nul-in-file": QT_TRANSLATE_NOOP(
        "Messages",
        "contains a NUL byte; the file is damaged or not a text file: save it again as CSV"),
    "bom-in-file": QT_TRANSLATE_NOOP(
        "Messages",
        "contains a byte order mark (U+FEFF) in the middle of the file, probably where two "
        "files were joined; remove it"),
    "cell-count": QT_TRANSLATE_NOOP(
        "Messages",
        "row has {cells} cells, the header has {columns}; check the delimiters and quotes "
        "in this row"),
    "cell-count-one": QT_TRANSLATE_NOOP(
        "Messages",
        "row has 1 cell, the header has {columns}; check the delimiters and quotes in this "
        "row"),
    "too-many-posts": QT_TRANSLATE_NOOP(
        "Messages",
        "the file holds more than {limit:,} posts, the most one import takes; split it into "
        "smaller files"),
    "too-many-problems": QT_TRANSLATE_NOOP(
        "Messages",
        "stopped reading after {count:,} problems; fix these (the same mistake is probably "
        "repeated on every row) and import again"),
    "file-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "the file is {size:,.1f} MB; the limit is {limit:,} MB: split the batch into smaller "
        "files"),
    "uncalculated-formula": QT_TRANSLATE_NOOP(
        "Messages",
        "the cell contains a formula whose value was never calculated; copy the column and "
        "paste it back as values"),
    # imports: columns and cells
    "missing-column": QT_TRANSLATE_NOOP(
        "Messages",
        "missing required column {column!r} (also accepted: {aliases})"),
    "missing-key": QT_TRANSLATE_NOOP(
        "Messages",
        "this required key is missing from the object"),
    "same-column-twice": QT_TRANSLATE_NOOP(
        "Messages",
        "columns {first!r} and {second!r} both mean {column!r}; keep one of them"),
    "too-long": QT_TRANSLATE_NOOP(
        "Messages",
        "{length:,} characters long; the limit is {limit:,}: shorten it"),
    "nul-in-cell": QT_TRANSLATE_NOOP(
        "Messages",
        "contains a NUL character (U+0000) at character {at}; remove it"),
    "lone-surrogate": QT_TRANSLATE_NOOP(
        "Messages",
        "contains a broken character (lone surrogate U+{code:04X}) at character {at}; the "
        "text was damaged on the way: export it again as UTF-8"),
    "control-character": QT_TRANSLATE_NOOP(
        "Messages",
        "contains the control character U+{code:04X} at character {at}; remove it"),
    "unknown-platform": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown platform {text!r}; use one of: {platforms} ({aliases} are accepted too)"),
    "bad-date": QT_TRANSLATE_NOOP(
        "Messages",
        "{text!r} is not a valid date and time; expected e.g. 2026-12-01T09:30:00+02:00 or "
        "2026-12-01 09:30"),
    "no-language": QT_TRANSLATE_NOOP(
        "Messages",
        "no language given; use a code such as en, zh-CN, zh-Hans, pt-BR or es-419"),
    "bad-language": QT_TRANSLATE_NOOP(
        "Messages",
        "{text!r} is not a language code; use a code such as en, zh-CN, zh-Hans, pt-BR or "
        "es-419"),
    "empty-required": QT_TRANSLATE_NOOP(
        "Messages",
        "empty; every post needs a value here"),
    "id-spans-lines": QT_TRANSLATE_NOOP(
        "Messages",
        "{text!r} spans several lines or holds a tab; an id is one short line"),
    "duplicate-id": QT_TRANSLATE_NOOP(
        "Messages",
        "duplicate id {id!r}: line {first} has it already; give each post its own id"),
    "exported-cannot-change": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} was already exported and cannot change; give the new version a new id or "
        "import it into a new batch"),
    # exports
    "nothing-new-to-export": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} has no approved posts that were not exported yet: {exported} went "
        "out already (last on {at} to {file}); use --again to export them again"),
    "nothing-to-export": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} has no approved posts to export (states: {states})"),
    "nothing-to-export-platform": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} has no approved {platform} posts to export"),
    "export-to-folder": QT_TRANSLATE_NOOP(
        "Messages",
        "{path} is a folder; give the name of the file to write, e.g. {path}/approved.csv"),
    "cannot-write-export": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write {path}: {detail}; nothing was exported, choose another place or free "
        "some disk space"),
    # posts, batches, undo
    "no-post": QT_TRANSLATE_NOOP(
        "Messages",
        "no post {key!r}: use an id that `review-desk posts` shows"),
    "no-batch": QT_TRANSLATE_NOOP(
        "Messages",
        "no batch {batch!r} (batches: {known})"),
    "undo-exported": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} was exported; exported posts cannot be changed"),
    "nothing-to-undo": QT_TRANSLATE_NOOP(
        "Messages",
        "nothing to undo on post {id}"),
    "undo-changed-since": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} changed since ({actor}: {kind}); that action can no longer be undone"),
    "undo-not-yours": QT_TRANSLATE_NOOP(
        "Messages",
        "the latest action on post {id} is {actor}'s ({kind}); only {actor} or a "
        "coordinator can take it back"),
    "rewrite-empty": QT_TRANSLATE_NOOP(
        "Messages",
        "a rewrite cannot be empty; to drop the post, reject it with a reason"),
    "reason-needed": QT_TRANSLATE_NOOP(
        "Messages",
        "{decision} needs a reason (--reason TEXT): HQ reads it"),
    "dismiss-reason-needed": QT_TRANSLATE_NOOP(
        "Messages",
        "say why the check does not apply (--reason TEXT); HQ reads it"),
}


class Said(str):
    """An English message that also knows its template's name and values."""

    name: str
    values: dict[str, Any]

    def __new__(cls, name: str, values: dict[str, Any]) -> "Said":
        said_ = super().__new__(cls, MESSAGES[name].format(**values))
        said_.name, said_.values = name, values
        return said_


def said(name: str, /, **values: Any) -> Said:
    return Said(name, values)


def message_of(error: BaseException) -> str:
    """The message an exception was raised with, keeping a `Said` (str(error) would lose it)."""
    first = error.args[0] if error.args else ""
    return first if isinstance(first, str) else str(error)
