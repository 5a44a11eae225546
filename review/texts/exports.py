"""The domain's messages about exports, and writing files (see review/texts/__init__.py)."""
from __future__ import annotations

from ._noop import QT_TRANSLATE_NOOP

MESSAGES = {
    "verify-no-file": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: no such file; give the path of the exported file to check"),
    "export-format-not-said": QT_TRANSLATE_NOOP(
        "Messages",
        "--format is needed: the output's extension ({suffix}) does not say the format; "
        "extensions that do: {extensions}; formats: {formats}"),
    # exports
    "codes-other-format": QT_TRANSLATE_NOOP(
        "Messages",
        "post {post} holds inline codes of another format ({found}), which XLIFF {version} "
        "cannot hold: export the batch in the format it was imported from"),
    "file-head-damaged": QT_TRANSLATE_NOOP(
        "Messages",
        "the <file> id=\"{file}\" the batch's XLIFF import kept is no longer an XLIFF 2.0 "
        "<file> (the database was changed outside Review Desk): import HQ's file again, or "
        "export the batch as XLIFF 1.2"),
    "codes-unbalanced": QT_TRANSLATE_NOOP(
        "Messages",
        "post {post}: the inline codes of its approved text do not nest ({code} is closed "
        "without being opened, or opened and never closed), so its file cannot be written "
        "back: reopen the post and put the code back where the source has it"),
    "nothing-new-to-export": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} has no approved posts that were not exported yet: {exported} went "
        "out already (last on {at} to {file}); use --again to export them again"),
    "nothing-to-export": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} has no approved posts to export (states: {states})"),
    "nothing-to-export-empty": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} has no approved posts to export (states: no posts)"),
    "posts-in-state": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} {state}"),
    "nothing-to-export-language": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} has no approved posts into {lang} to export; its approved posts are "
        "into {langs}"),
    "nothing-to-export-platform": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} has no approved {platform} posts to export"),
    "output-is-folder": QT_TRANSLATE_NOOP(
        "Messages",
        "{path} is a folder; give the name of the file to write in it"),
    "output-folder-missing": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write {path}: there is no folder {folder}; create it, or choose another place"),
    "output-name-too-long": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write {path}: its name is {length:,} bytes long, and on this drive a name may "
        "have at most {usable:,} (Review Desk writes a temporary file of a longer name beside "
        "it); choose a shorter name"),
    "output-unusable": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write {path}: {detail}; choose another place"),
    "cannot-write-report": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write {path}: {detail}; choose another place or free some disk space"),
    "export-to-folder": QT_TRANSLATE_NOOP(
        "Messages",
        "{path} is a folder; give the name of the file to write, e.g. {path}/approved.csv"),
    "cannot-write-export": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write {path}: {detail}; nothing was exported, choose another place or free "
        "some disk space"),
    # writing files: exports, glossaries, the memory
    "unknown-export-format": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown export format {format!r}; use one of: {formats}"),
    "nothing-fits-format": QT_TRANSLATE_NOOP(
        "Messages",
        "none of the {count} approved posts can go into {label} ({reasons}); nothing was "
        "exported"),
    "nothing-fits-format-one": QT_TRANSLATE_NOOP(
        "Messages",
        "the 1 approved post cannot go into {label} ({reasons}); nothing was exported"),
    "left-out-with": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} with {reason}"),
    "skip-no-time": QT_TRANSLATE_NOOP(
        "Messages", "no scheduled time"),
    "skip-time-range": QT_TRANSLATE_NOOP(
        "Messages", "a scheduled time outside 1970-2200"),
    "skip-youtube": QT_TRANSLATE_NOOP(
        "Messages", "YouTube needs a video upload"),
    "skip-formula": QT_TRANSLATE_NOOP(
        "Messages", "text or link starting with '=' (a spreadsheet would run it as a formula)"),
    "schedule-too-many": QT_TRANSLATE_NOOP(
        "Messages",
        "{tool} takes at most {limit} posts per file and {count} would go out; export one "
        "platform at a time (--platform)"),
    "schedule-one-profile": QT_TRANSLATE_NOOP(
        "Messages",
        "{tool} schedules one social profile per file and the posts are for {platforms}; "
        "export one platform at a time (--platform)"),
    "xliff20-one-pair": QT_TRANSLATE_NOOP(
        "Messages",
        "XLIFF 2.0 holds one language pair per file and the posts have {count} ({pairs}); "
        "export one target language at a time (--target-lang LANG), or as XLIFF 1.2, which "
        "holds several"),
    "export-not-in-place": QT_TRANSLATE_NOOP(
        "Messages",
        "the export was recorded, but the file could not be put at {path} ({detail}); it is "
        "at {staged}"),
    "post-unwritable": QT_TRANSLATE_NOOP(
        "Messages",
        "post {post}: {column} {problem}"),
    "unwritable-surrogate": QT_TRANSLATE_NOOP(
        "Messages",
        "holds a damaged character (a lone surrogate); rewrite the text, then export"),
    "unwritable-xlsx-control": QT_TRANSLATE_NOOP(
        "Messages",
        "holds a control character that XLSX cannot store; remove it or export as CSV"),
    "unwritable-xlsx-long": QT_TRANSLATE_NOOP(
        "Messages",
        "is {length:,} characters long; an Excel cell holds at most {limit:,}: export as CSV or "
        "JSON"),
    "unwritable-xml-surrogate": QT_TRANSLATE_NOOP(
        "Messages",
        "holds a damaged character (a lone surrogate); correct the text, then export"),
    "unwritable-xml-control": QT_TRANSLATE_NOOP(
        "Messages",
        "holds the control character U+{code:04X}, which XML cannot store; remove it"),
    "glossary-not-writable": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write the glossary {file}: {why}"),
    "glossary-language": QT_TRANSLATE_NOOP(
        "Messages",
        "glossary language: {why}"),
    "glossary-entry-status": QT_TRANSLATE_NOOP(
        "Messages",
        "glossary entry {number} ({term}): unknown status {status!r}; use one of {statuses}"),
    "glossary-entry-empty": QT_TRANSLATE_NOOP(
        "Messages",
        "glossary entry {number}: the term or its rendering is empty"),
    "glossary-entry-unwritable": QT_TRANSLATE_NOOP(
        "Messages",
        "glossary entry {number} ({term}): {field} {problem}"),
    "memory-unit-language": QT_TRANSLATE_NOOP(
        "Messages",
        "memory unit {number}: {why}"),
    "memory-unit-empty": QT_TRANSLATE_NOOP(
        "Messages",
        "memory unit {number}: the {side} text is empty"),
    "memory-unit-unwritable": QT_TRANSLATE_NOOP(
        "Messages",
        "memory unit {number}: the {side} text {problem}"),
    # XLIFF exports that fill HQ's own file (xliff_documents.py, formats/xliff_fill.py)
    "export-written-into": QT_TRANSLATE_NOOP(
        "Messages",
        "written into HQ's file {file} as it was imported (its other units, groups, notes and "
        "settings as they came)"),
    "export-built": QT_TRANSLATE_NOOP(
        "Messages",
        "written as a new XLIFF document: no XLIFF file of HQ's that holds these posts is "
        "kept on this desk in this XLIFF version"),
    "export-from-several-files": QT_TRANSLATE_NOOP(
        "Messages",
        "the {count} approved posts of batch {batch} came from more than one file ({files}), "
        "and an XLIFF export writes one of HQ's files back whole: export one file's posts at "
        "a time with --from-file FILE (in the window: HQ's file) (the others stay approved)"),
    "posts-from-file": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} posts from {file}"),
    "posts-from-file-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 post from {file}"),
    "posts-from-no-file": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} posts from no kept XLIFF file (a CSV, XLSX or JSON import)"),
    "posts-from-no-file-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 post from no kept XLIFF file (a CSV, XLSX or JSON import)"),
    "no-posts-from-file": QT_TRANSLATE_NOOP(
        "Messages",
        "none of the approved posts of batch {batch} came from a file named {file} kept on "
        "this desk in this XLIFF version; its XLIFF files: {files}"),
    "kept-document-unpacks-wrong": QT_TRANSLATE_NOOP(
        "Messages",
        "the copy of {file} this desk kept for XLIFF exports does not unpack (it was changed "
        "outside Review Desk): import HQ's file {file} again to keep a fresh copy, then export"),
    "kept-document-other-bytes": QT_TRANSLATE_NOOP(
        "Messages",
        "the copy of {file} this desk kept for XLIFF exports is not the file that was imported "
        "(its SHA-256 differs from the import's record): import HQ's file {file} again to keep "
        "a fresh copy, then export"),
    "kept-document-not-xliff": QT_TRANSLATE_NOOP(
        "Messages",
        "the copy of {file} this desk kept for XLIFF exports is no longer XLIFF ({problem}): "
        "import HQ's file {file} again to keep a fresh copy, then export"),
    "skip-other-file": QT_TRANSLATE_NOOP(
        "Messages", "another of HQ's files"),
    "from-file-xliff-only": QT_TRANSLATE_NOOP(
        "Messages",
        "--from-file {file}: only an XLIFF export writes one of HQ's files back; leave it out "
        "for this format"),
}
