"""The domain's messages to people, each with a name, in English.

A message the window may show is made with `said(name, **values)`. The result is the English
text the command line prints, and it remembers its name and values, so the window can show the
same message in the interface's language (`ui/messages.py`). Qt's lupdate collects the templates
from this file into the translation sources; a message made from a plain string stays English.
"""
from __future__ import annotations

from collections.abc import Iterable
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
    "no-backup-one": QT_TRANSLATE_NOOP(
        "Messages",
        "there is no backup {number} of {path} (1 backup); `review-desk backup list` shows it"),
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
        "nothing was imported ({count} problems); fix the file and import it again"),
    "import-failed-end-one": QT_TRANSLATE_NOOP(
        "Messages",
        "nothing was imported (1 problem); fix the file and import it again"),
    "sample-batch-kept": QT_TRANSLATE_NOOP(
        "Messages",
        "the sample batch {batch} is here already (a work package brought it): it was left as "
        "it is"),
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
    "too-many-columns": QT_TRANSLATE_NOOP(
        "Messages",
        "the row has more than {limit:,} cells, the most a spreadsheet has: check the delimiter, "
        "or delete the empty columns"),
    "too-many-extra-cells": QT_TRANSLATE_NOOP(
        "Messages",
        "the file holds more than {limit:,} cells outside Review Desk's columns (each is kept "
        "with its post as extra data): delete the columns the review does not need, or split "
        "the file"),
    "json-post-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "a post of {count:,} keys and values: reading it would take more memory than a file of "
        "this size may use; a post has a few dozen, delete the ones the review does not need"),
    "too-many-keys": QT_TRANSLATE_NOOP(
        "Messages",
        "an object with {count:,} keys; a post has at most {limit:,}: delete the keys the review "
        "does not need"),
    "glossary-too-many-entries": QT_TRANSLATE_NOOP(
        "Messages",
        "the glossary holds more than {limit:,} entries; split it into several glossaries"),
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
    # imports: reading the file (every format)
    "not-a-regular-file": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot read it: it is not a regular file"),
    "file-missing": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot open the file: it does not exist (moved or renamed?)"),
    "file-is-folder": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot open it: it is a folder, not a file"),
    "permission-denied": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot open the file: permission denied"),
    "cannot-open-file": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot open the file: {detail}"),
    # XLSX workbooks: the zip and what reading it would take
    "xlsx-old-or-encrypted": QT_TRANSLATE_NOOP(
        "Messages",
        "this is an old-style .xls workbook or a password-protected .xlsx; remove the password "
        "and save it as an Excel Workbook (.xlsx)"),
    "xlsx-not-a-zip": QT_TRANSLATE_NOOP(
        "Messages",
        "not an XLSX workbook (it is damaged, truncated, or another kind of file); open it in a "
        "spreadsheet and save it as an Excel Workbook (.xlsx)"),
    "xlsx-unpacks-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "the workbook unpacks to {size:,.0f} MB; the limit is {limit:,} MB: split the batch into "
        "smaller workbooks"),
    "xlsx-too-many-members": QT_TRANSLATE_NOOP(
        "Messages",
        "the workbook is a zip of {count:,} files; a workbook holds a few dozen (at most "
        "{limit:,} are read): open it in a spreadsheet and save it again as an Excel Workbook "
        "(.xlsx)"),
    "xlsx-duplicate-member": QT_TRANSLATE_NOOP(
        "Messages",
        "the workbook holds two parts named {name}: spreadsheet programs show the first, and "
        "Review Desk would import the second, so it imports neither; open it in a spreadsheet "
        "and save it again, then check what you see before importing"),
    "xlsx-too-costly": QT_TRANSLATE_NOOP(
        "Messages",
        "reading the workbook would take more than the {limit:,} MB of memory a file of its size "
        "may use ({detail}): it was not saved by a spreadsheet program, or it was made to "
        "exhaust memory; open it in a spreadsheet, save it again, or split the batch"),
    "xlsx-detail-elements": QT_TRANSLATE_NOOP(
        "Messages",
        "{count:,} XML elements in {member} so far"),
    "xlsx-detail-strings": QT_TRANSLATE_NOOP(
        "Messages",
        "{count:,} shared strings in {member} so far"),
    "xlsx-detail-damaged": QT_TRANSLATE_NOOP(
        "Messages",
        "{member} is damaged or too deep to read"),
    "xlsx-too-many-cells": QT_TRANSLATE_NOOP(
        "Messages",
        "the rows of {member} span more than {limit:,} cells (each row as wide as its last "
        "cell): delete the empty columns far to the right, or split the batch"),
    "xlsx-too-much-text": QT_TRANSLATE_NOOP(
        "Messages",
        "the workbook's cells hold more than {limit:,} characters of text (a text stored once "
        "counts each time a cell uses it, as the database would store it), the most a file of "
        "{size:,.1f} MB may bring: split the batch, or send it as CSV"),
    # verify: an exported file and its manifest
    "export-manifest-missing": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: no manifest there; give it with --manifest"),
    "export-manifest-cannot-read": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: the manifest cannot be read: {why}"),
    "export-manifest-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: {size:,.1f} MB is too large for a manifest (at most {limit} MB); it is not one"),
    "export-manifest-not-json": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: not a Review Desk manifest: {why}"),
    "export-manifest-not-utf8": QT_TRANSLATE_NOOP(
        "Messages",
        "byte {byte:,} is not valid UTF-8"),
    "export-manifest-too-deep": QT_TRANSLATE_NOOP(
        "Messages",
        "values nested too deep"),
    "export-manifest-keys-missing": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: not a Review Desk manifest (keys missing)"),
    "export-manifest-version": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: manifest version {version} is not known to this Review Desk (it reads version "
        "{known})"),
    "verify-cannot-read": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: cannot check it: {why}"),
    # XML files (TBX, TMX, XLIFF): refused before they are read
    "xml-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "the file is {size:,.1f} MB; the limit is {limit} MB: split it into smaller files in "
        "the tool that made it"),
    "xml-not-well-formed": QT_TRANSLATE_NOOP(
        "Messages",
        "the file is not well-formed XML: {detail}; it is damaged, cut short or not XML: export "
        "it again from the tool that made it"),
    "xml-not-well-formed-at": QT_TRANSLATE_NOOP(
        "Messages",
        "the file is not well-formed XML: {detail} (column {column}); it is damaged, cut short "
        "or not XML: export it again from the tool that made it"),
    "xml-entity-declared": QT_TRANSLATE_NOOP(
        "Messages",
        "the DOCTYPE declares an entity; entities (<!ENTITY ...>) can read files on this "
        "computer or blow up to gigabytes (XXE, 'billion laughs'), so Review Desk refuses them: "
        "export the file again without a DOCTYPE, or replace each entity by its text"),
    "xml-too-costly": QT_TRANSLATE_NOOP(
        "Messages",
        "the file's {size:,.1f} MB hold {tags:,} tags and {attributes:,} attributes: reading it "
        "would take about {need:,} MB of memory, more than the {limit:,} MB a file of this size "
        "may use; it was not made by a translation tool, or was made to exhaust memory: split "
        "it into smaller files"),
    "xml-entity-in-attribute": QT_TRANSLATE_NOOP(
        "Messages",
        "the attribute {attribute} of <{element}> uses the entity {entity}, which is defined (if "
        "at all) in a DTD that Review Desk does not load, so it would be dropped from the value "
        "without a word; replace it by the text it stands for"),
    "xml-entity-used": QT_TRANSLATE_NOOP(
        "Messages",
        "uses the entity {entity}, which is defined (if at all) in a DTD that Review Desk does "
        "not load, so its text would be lost; replace it by the text it stands for"),
    "xml-unknown-encoding": QT_TRANSLATE_NOOP(
        "Messages",
        "the XML declaration names the encoding {encoding!r}, which Review Desk does not know; "
        "save the file as UTF-8"),
    "xml-wrong-root": QT_TRANSLATE_NOOP(
        "Messages",
        "the root element is <{name}>, not <{root}>; this is {found}, not {wanted}: {advice}"),
    "xml-unknown-root": QT_TRANSLATE_NOOP(
        "Messages",
        "the root element is <{name}>, not <{root}>; this is not {wanted}: choose the right "
        "file"),
    # what a root element means ({found}, {wanted}) and what to do with it ({advice})
    "kind-tmx": QT_TRANSLATE_NOOP("Messages", "a TMX translation memory"),
    "kind-tbx": QT_TRANSLATE_NOOP("Messages", "a TBX glossary"),
    "kind-tbx3": QT_TRANSLATE_NOOP("Messages", "a TBX 3 glossary"),
    "kind-xliff": QT_TRANSLATE_NOOP("Messages", "an XLIFF file"),
    "advice-tmx": QT_TRANSLATE_NOOP("Messages", "import it with `tm import`"),
    "advice-tbx": QT_TRANSLATE_NOOP("Messages", "import it with `glossary import`"),
    "advice-tbx3": QT_TRANSLATE_NOOP(
        "Messages",
        "export it from its tool as TBX-Basic (TBX 2008, <martif>)"),
    "advice-xliff": QT_TRANSLATE_NOOP("Messages", "import it as a batch"),
    "xml-lang": QT_TRANSLATE_NOOP(
        "Messages",
        "xml:lang {problem}"),
    # glossaries (CSV, TSV, TBX)
    "glossary-format-unknown": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown glossary format {fmt!r}; glossaries are CSV, TSV or TBX files (.csv, .tsv, "
        ".tbx)"),
    "glossary-format-extension": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot tell the glossary format from the extension {extension!r}; glossaries are CSV, "
        "TSV or TBX files (.csv, .tsv, .tbx)"),
    "glossary-format-no-extension": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot tell the glossary format: the file name has no extension; glossaries are CSV, "
        "TSV or TBX files (.csv, .tsv, .tbx)"),
    "language-option": QT_TRANSLATE_NOOP(
        "Messages",
        "{option} {problem}"),
    "glossary-csv-languages": QT_TRANSLATE_NOOP(
        "Messages",
        "a CSV glossary does not say its languages: give the source and the target language "
        "(e.g. --source zh-CN --target en)"),
    "unknown-status": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown status {text!r}; use one of {statuses} (admitted, superseded, obsolete, "
        "notRecommended, prohibited and the TBX names such as preferredTerm-admn-sts are "
        "understood too)"),
    "glossary-no-rows": QT_TRANSLATE_NOOP(
        "Messages",
        "the file holds no glossary rows; expected a header row ({columns}) and one row per "
        "rendering"),
    "glossary-cell-count": QT_TRANSLATE_NOOP(
        "Messages",
        "row has {cells} cells, the header has {columns}; check the delimiters and quotes"),
    "glossary-unknown-column": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown column; a glossary has the columns {columns} (also accepted: term, "
        "translation): rename or remove it"),
    "glossary-second-column": QT_TRANSLATE_NOOP(
        "Messages",
        "a second {column!r} column; keep one of them"),
    "glossary-missing-column": QT_TRANSLATE_NOOP(
        "Messages",
        "missing required column {column!r}"),
    "value-without-column": QT_TRANSLATE_NOOP(
        "Messages",
        "a value under a column without a name; name the column or remove the value"),
    "term-spans-lines": QT_TRANSLATE_NOOP(
        "Messages",
        "spans several lines; a term is one line"),
    "not-yes-no": QT_TRANSLATE_NOOP(
        "Messages",
        "{text!r} is not yes or no; write yes, no (or true, false, 1, 0), or leave it empty for "
        "no"),
    "glossary-no-source": QT_TRANSLATE_NOOP(
        "Messages",
        "empty; every row needs the source term"),
    "glossary-no-target": QT_TRANSLATE_NOOP(
        "Messages",
        "empty; give the rendering, or mark a name or brand that stays as it is with dnt=yes"),
    "langset-without-language": QT_TRANSLATE_NOOP(
        "Messages",
        "has no xml:lang; say which language it is"),
    "tbx-no-languages": QT_TRANSLATE_NOOP(
        "Messages",
        "the file holds no <langSet> with a language: it has no terms"),
    "tbx-same-language": QT_TRANSLATE_NOOP(
        "Messages",
        "{source} and {target} are the same language in this file; give two different "
        "languages"),
    "tbx-which-languages": QT_TRANSLATE_NOOP(
        "Messages",
        "the file has terms in {languages}; say which language is the source and which the "
        "target (--source LANG --target LANG)"),
    "tbx-ambiguous-language": QT_TRANSLATE_NOOP(
        "Messages",
        "{option} {wanted} could mean {choices} in this file; give one"),
    "either-or": QT_TRANSLATE_NOOP(
        "Messages",
        "{first} or {second}"),
    "tbx-language-not-in-file": QT_TRANSLATE_NOOP(
        "Messages",
        "the file has no {wanted} terms; its languages are {languages}: choose one of them with "
        "{option}"),
    "tbx-no-shared-terms": QT_TRANSLATE_NOOP(
        "Messages",
        "no concept has terms in both {source} and {target}; nothing to import"),
    "glossary-needs-name": QT_TRANSLATE_NOOP(
        "Messages",
        "a glossary needs a name (--name NAME)"),
    "no-glossary": QT_TRANSLATE_NOOP(
        "Messages",
        "no glossary {name!r} (glossaries: {known})"),
    "no-glossary-yet": QT_TRANSLATE_NOOP(
        "Messages",
        "no glossary {name!r} (glossaries: none yet)"),
    # the translation memory (TMX)
    "tmx-no-units": QT_TRANSLATE_NOOP(
        "Messages",
        "the file holds no translation unit with both a source and a target text ({skipped} "
        "left out); nothing to add to the memory"),
    "tuv-without-language": QT_TRANSLATE_NOOP(
        "Messages",
        "has no xml:lang; say which language the segment is in"),
    "tuv-seg-count": QT_TRANSLATE_NOOP(
        "Messages",
        "has {count} <seg> elements; a <tuv> has exactly one"),
    "memory-empty": QT_TRANSLATE_NOOP(
        "Messages",
        "the translation memory is empty: import a TMX file or approve posts first"),
    "cannot-write": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write {path}: {detail}"),
    # XLIFF batch files
    "xliff-unreadable": QT_TRANSLATE_NOOP(
        "Messages",
        "translate-toolkit cannot read this XLIFF {version} file ({detail}); export it again "
        "from the tool that made it"),
    "xliff-no-units": QT_TRANSLATE_NOOP(
        "Messages",
        "the file holds no translation units; nothing to import"),
    "xliff-no-target-language": QT_TRANSLATE_NOOP(
        "Messages",
        "the file does not say the target language; choose it when importing (--target-lang)"),
    "xliff-no-platform": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} units do not say their platform (XLIFF has no place for it); choose the "
        "platform when importing (--platform x|facebook|youtube|linkedin|other)"),
    "xliff-no-platform-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 unit does not say its platform (XLIFF has no place for it); choose the "
        "platform when importing (--platform x|facebook|youtube|linkedin|other)"),
    # JSON and JSONL batch files
    "json-duplicate-key": QT_TRANSLATE_NOOP(
        "Messages",
        "the key {key!r} appears twice in one object; keep one"),
    "json-number-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "the number {text} is too large; write it as a string"),
    "json-number-digits": QT_TRANSLATE_NOOP(
        "Messages",
        "a number with {digits:,} digits; write it as a string"),
    "json-constant": QT_TRANSLATE_NOOP(
        "Messages",
        "{name} is not valid JSON; write a number, a string or null"),
    "json-empty": QT_TRANSLATE_NOOP(
        "Messages",
        "the file is empty; expected a list of posts: [ {{...}}, {{...}} ]"),
    "json-not-a-list": QT_TRANSLATE_NOOP(
        "Messages",
        "the file holds {found}; expected a list of posts: [ {{...}}, {{...}} ]"),
    "json-too-deep": QT_TRANSLATE_NOOP(
        "Messages",
        "values nested more than {depth} levels deep; flatten the post"),
    "json-syntax": QT_TRANSLATE_NOOP(
        "Messages",
        "JSON syntax error: {detail} (column {column})"),
    "json-expected-comma": QT_TRANSLATE_NOOP(
        "Messages",
        "JSON syntax error: expected ',' or ']' after the post that starts on line {line}"),
    "json-text-after-list": QT_TRANSLATE_NOOP(
        "Messages",
        "JSON syntax error: text after the closing ']'"),
    "json-text-after-object": QT_TRANSLATE_NOOP(
        "Messages",
        "JSON syntax error: text after the object (column {column}); put one post on each line"),
    "json-post-not-object": QT_TRANSLATE_NOOP(
        "Messages",
        "post {number} is {found}; each post must be an object {{...}}"),
    "json-expected-text": QT_TRANSLATE_NOOP(
        "Messages",
        "expected text, found {found}"),
    # what a JSON value is ({found}); true, false and null stay as JSON writes them
    "json-single-object": QT_TRANSLATE_NOOP("Messages", "a single object"),
    "json-other-than-list": QT_TRANSLATE_NOOP("Messages", "something other than a list"),
    "json-object": QT_TRANSLATE_NOOP("Messages", "an object"),
    "json-list": QT_TRANSLATE_NOOP("Messages", "a list"),
    "json-string": QT_TRANSLATE_NOOP("Messages", "a string"),
    "json-number": QT_TRANSLATE_NOOP("Messages", "a number"),
    # review packages (.rdpack): refused before anything is read into the database
    "size-bytes": QT_TRANSLATE_NOOP("Messages", "{count:,} bytes"),
    "package-cannot-read": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot read the file: {detail}"),
    "package-file-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "the file is {size}, more than any package Review Desk makes ({limit}); it was not "
        "opened"),
    "package-bad-zip": QT_TRANSLATE_NOOP(
        "Messages",
        "not a Review Desk package, or a damaged or truncated one ({detail}); ask the sender for "
        "the file again"),
    "package-unreadable": QT_TRANSLATE_NOOP(
        "Messages",
        "the package cannot be read ({detail}); ask the sender for the file again"),
    "package-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "it unpacks to {size}, more than the {limit} a package may hold; a batch that large "
        "must be split into smaller batches"),
    "package-member-count": QT_TRANSLATE_NOOP(
        "Messages",
        "it holds {count} members; a package has at most {limit}"),
    "package-member-unsafe": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name!r} {why}; the package was refused (it may have been made to write outside "
        "its folder)"),
    "member-name-invalid": QT_TRANSLATE_NOOP("Messages", "has an empty or invalid name"),
    "member-name-absolute": QT_TRANSLATE_NOOP("Messages", "has an absolute path"),
    "member-name-climbs": QT_TRANSLATE_NOOP("Messages", "climbs out of the package ('..')"),
    "member-name-in-folder": QT_TRANSLATE_NOOP(
        "Messages",
        "is inside a folder; packages hold files at the top level only"),
    "package-member-link": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name!r} is a symbolic link; packages hold plain files only"),
    "package-member-folder": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name!r} is a folder; packages hold plain files only"),
    "package-member-encrypted": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name!r} is encrypted; Review Desk packages never are"),
    "package-member-twice": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name!r} appears twice"),
    "package-no-manifest": QT_TRANSLATE_NOOP(
        "Messages",
        "there is no {manifest}: this is not a Review Desk package"),
    "package-member-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "it unpacks to {size}, more than the {limit} allowed"),
    "package-zip-bomb": QT_TRANSLATE_NOOP(
        "Messages",
        "it unpacks {ratio} times larger than it is packed, like a zip bomb; the package was "
        "refused"),
    "package-size-mismatch": QT_TRANSLATE_NOOP(
        "Messages",
        "its size does not match the zip header: the file is damaged or was tampered with"),
    "manifest-not-json": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest is not valid JSON ({detail})"),
    "manifest-wrong-format": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest does not say format {format!r}: this is not a Review Desk package"),
    "manifest-no-version": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest has no usable version ({version!r})"),
    "manifest-newer-version": QT_TRANSLATE_NOOP(
        "Messages",
        "the package is format version {version}, made by a newer Review Desk (this one reads "
        "version {supported}); update Review Desk to import it"),
    "manifest-kind": QT_TRANSLATE_NOOP(
        "Messages",
        "kind must be one of {kinds}, not {kind!r}"),
    "manifest-field-not-text": QT_TRANSLATE_NOOP(
        "Messages",
        "{key} is missing or not text"),
    "manifest-creator": QT_TRANSLATE_NOOP(
        "Messages",
        "creator must have a name and a role"),
    "manifest-no-counts": QT_TRANSLATE_NOOP(
        "Messages",
        "counts are missing"),
    "manifest-no-members": QT_TRANSLATE_NOOP(
        "Messages",
        "the list of members is missing"),
    "manifest-member-name": QT_TRANSLATE_NOOP(
        "Messages",
        "member name {name!r} is not one a package uses"),
    "manifest-member-entry": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name}: needs a sha256 (64 hex digits) and a size"),
    "manifest-member-problem": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name}: {problem}"),
    "package-member-unlisted": QT_TRANSLATE_NOOP(
        "Messages",
        "this member is not in the manifest; the package was changed after it was made"),
    "package-member-missing": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest lists this member but the package does not hold it (truncated or changed)"),
    "package-member-size": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest says {declared:,} bytes, the zip says {actual:,}"),
    "package-member-checksum": QT_TRANSLATE_NOOP(
        "Messages",
        "its SHA-256 checksum does not match the manifest: the package was changed or damaged"),
    # review packages: what they hold (review/exchange.py)
    "package-members-wrong": QT_TRANSLATE_NOOP(
        "Messages",
        "a {kind} package holds {expected}; this one holds {found}"),
    "manifest-event-count": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest counts {declared} events, the package holds {count}"),
    "manifest-event-count-one": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest counts 1 event, the package holds {count}"),
    "member-not-json": QT_TRANSLATE_NOOP(
        "Messages",
        "not valid JSON ({detail})"),
    "member-not-utf8": QT_TRANSLATE_NOOP(
        "Messages",
        "not UTF-8 text ({detail})"),
    "more-problems": QT_TRANSLATE_NOOP(
        "Messages",
        "more problems not listed"),
    "package-batch-name": QT_TRANSLATE_NOOP(
        "Messages",
        "names batch {batch!r}, the manifest {name!r}"),
    "field-problem": QT_TRANSLATE_NOOP(
        "Messages",
        "{field}: {problem}"),
    "event-fields": QT_TRANSLATE_NOOP(
        "Messages",
        "an event needs exactly the fields {fields}"),
    "event-batch": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} belongs to batch {batch!r}, not {expected!r}"),
    "event-kind-unknown": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} is of a kind this Review Desk does not know ({kind!r}): the package was made "
        "by a newer Review Desk; update to import it"),
    "package-glossary-malformed-at": QT_TRANSLATE_NOOP(
        "Messages",
        "glossary {number} is malformed ({detail})"),
    "package-glossary-shape": QT_TRANSLATE_NOOP(
        "Messages",
        "a glossary is an object with a list of entries"),
    "package-entry-problem": QT_TRANSLATE_NOOP(
        "Messages",
        "entry {number}: {problem}"),
    "package-not-text": QT_TRANSLATE_NOOP(
        "Messages",
        "{value!r} is not text"),
    "package-entry-status": QT_TRANSLATE_NOOP(
        "Messages",
        "entry {term!r}: status {status!r} is not one of {statuses}"),
    "package-not-object": QT_TRANSLATE_NOOP(
        "Messages",
        "{value!r} is not an object"),
    "package-wrong-types": QT_TRANSLATE_NOOP(
        "Messages",
        "wrong type for {fields}"),
    "package-memory-unit": QT_TRANSLATE_NOOP(
        "Messages",
        "not a memory unit ({detail})"),
    "results-batch-unknown": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} is not in this database: these results answer a work package that was "
        "never imported here; import the work package (or use the coordinator's database) first"),
    "events-altered": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} events have the same id as events here but other content (first: {first}): the "
        "package was altered; nothing was imported"),
    "events-altered-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 event has the same id as an event here but other content ({first}): the "
        "package was altered; nothing was imported"),
    "events-missing-parents": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} events build on events this database does not have (first: {first}); {hint}"),
    "events-missing-parents-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 event builds on events this database does not have ({first}); {hint}"),
    "hint-import-work-first": QT_TRANSLATE_NOOP(
        "Messages",
        "import the work package these results answer first"),
    "hint-ask-new-package": QT_TRANSLATE_NOOP(
        "Messages",
        "ask for a new package"),
    "package-post-other-batch": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is in batch {batch!r} here, not {expected!r}"),
    "package-post-already-here": QT_TRANSLATE_NOOP(
        "Messages",
        "post {external_id} of batch {batch} is already here as another post ({other}), imported "
        "from a file; import the package into a database without that batch"),
    "package-history-unreplayable": QT_TRANSLATE_NOOP(
        "Messages",
        "the history of post {id} cannot be replayed ({error}: {detail})"),
    "package-posts-unstorable": QT_TRANSLATE_NOOP(
        "Messages",
        "the posts cannot be stored ({detail})"),
    "bad-batch-name": QT_TRANSLATE_NOOP(
        "Messages",
        "{name!r} is not a usable batch name: give 1-100 printable characters"),
    "unknown-timezone": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown time zone {name!r}; use an IANA name such as Africa/Harare"),
    # review packages: who signed them (signing.py, exchange.py)
    "package-unsigned": QT_TRANSLATE_NOOP(
        "Messages",
        "the package is format version {version}, made by an older Review Desk without a "
        "signature, so nobody can tell whether it was changed on the way; ask the sender to "
        "update Review Desk and make the package again"),
    "package-signature-bad": QT_TRANSLATE_NOOP(
        "Messages",
        "the package's signature does not match its manifest: it was altered after it was made, "
        "or was not made by Review Desk; nothing was imported. Ask the sender for the file again "
        "(and tell them: it may have been tampered with on the way)"),
    "package-not-a-file": QT_TRANSLATE_NOOP(
        "Messages",
        "this is not a regular file (a folder, a device or a named pipe); choose the package "
        "file itself"),
    "package-line-too-long": QT_TRANSLATE_NOOP(
        "Messages",
        "line {number} is longer than {limit}, more than any event, memory unit or glossary "
        "entry Review Desk writes; the package was refused"),
    "package-batch-coordinated-here": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} was imported on this desk from HQ's file and is coordinated here; this "
        "work package for a batch of that name was made by another desk, so it was refused"),
    "package-other-coordinator": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} came to this laptop from the coordinator's desk with key {pinned}; this "
        "work package was signed by another desk (key {signer}), so it was refused. Ask your "
        "coordinator for the package (and compare the key with them: `review-desk pack key` on "
        "their desk)"),
    "package-results-not-here": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} came to this laptop in a work package; results of reviewers are merged on "
        "the desk that coordinates it, not here"),
    "package-not-enrolled": QT_TRANSLATE_NOOP(
        "Messages",
        "this results package for batch {batch} was not made by a laptop this desk gave work "
        "to (it does not prove that it received one of this desk's work packages), or it was "
        "altered; nothing was imported. Ask the reviewer to import a work package from this "
        "desk and make the results package again"),
    "package-work-coordinators": QT_TRANSLATE_NOOP(
        "Messages",
        "work packages are made by a coordinator; {actor} acts as reviewer"),
    "batch-coordinated-elsewhere": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} came to this laptop in a work package: it is coordinated from the desk "
        "that sent it, where work packages, sign-offs, assignments, conflict resolutions, HQ's "
        "new drafts and exports are made; here it is reviewed"),
    "package-work-unsigned-here": QT_TRANSLATE_NOOP(
        "Messages",
        "the work package for batch {batch} was imported from an older Review Desk, without the "
        "secret a results package proves itself with; import a new work package from your "
        "coordinator first (your work here is kept), then make the results package again"),
    "package-results-foreign": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} of this laptop's events for batch {batch} are not reviewers' actions (first: "
        "{first}, {kind}); a results package carries only reviews, so it was not made"),
    # review packages: what their events may do (event_rules.py)
    "event-id-invalid": QT_TRANSLATE_NOOP(
        "Messages",
        "an event's id must be 32 hexadecimal digits"),
    "event-field-wrong": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} ({kind}): {field} {problem}"),
    "event-payload-fields": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} ({kind}) must carry the fields {fields} (and may carry {optional}), nothing "
        "else"),
    "event-span-empty": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id}: the annotation's span {start}-{end} is empty or reversed"),
    "event-twice-at": QT_TRANSLATE_NOOP(
        "Messages",
        "this event has the id of an earlier line of the package (line {line} repeats it)"),
    "event-kind-not-in-results": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} is {kind}: a results package carries only reviewers' actions on posts of its "
        "batch (no imports, HQ's changes, exports, assignments, sign-offs or conflict "
        "resolutions)"),
    "event-post-no-import": QT_TRANSLATE_NOOP(
        "Messages",
        "post {post} has no import event: its history cannot start"),
    "event-post-imported-twice": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} imports post {post} a second time"),
    "event-parent-elsewhere": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} follows {parent}, which is not an event of post {post}"),
    "event-parent-cycle": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} of post {post} is part of a cycle of parents: its history never reaches "
        "the post's import"),
    "event-not-allowed": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} ({kind} by {actor}) is not allowed where it stands in post {post}'s "
        "history (the post was {state} there): {why}"),
    "events-from-elsewhere": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} events of this results package were not made on the laptop that made it "
        "(first: {first}): they are this desk's or another laptop's; nothing was imported"),
    "package-batch-no-creation": QT_TRANSLATE_NOOP(
        "Messages",
        "the package brings batch {batch} but not the one event that creates it"),
    "package-batch-other": QT_TRANSLATE_NOOP(
        "Messages",
        "the package's batch {batch} is another batch than the one of that name here (it was "
        "created by another event); nothing was imported"),
    "package-post-unknown": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is not a post of batch {batch} here, and the package does not import it"),
    "package-post-too-many-events": QT_TRANSLATE_NOOP(
        "Messages",
        "the package holds {count} events of post {id}, more than the {limit} any real review "
        "makes"),
    "package-history-too-long": QT_TRANSLATE_NOOP(
        "Messages",
        "the history of post {id} ({count} events) branches too often to be checked; the "
        "package was refused"),
    "package-glossary-line": QT_TRANSLATE_NOOP(
        "Messages",
        "each line is a glossary ({{\"glossary\": ...}}) or an entry of the glossary above it "
        "({{\"entry\": ...}})"),
    "value-not-text": QT_TRANSLATE_NOOP("Messages", "is not text of at most {limit:,} characters"),
    "value-not-integer": QT_TRANSLATE_NOOP(
        "Messages", "is not a whole number from {low:,} to {high:,}"),
    "value-not-choice": QT_TRANSLATE_NOOP("Messages", "is not one of {allowed}"),
    "value-not-boolean": QT_TRANSLATE_NOOP("Messages", "is not true or false"),
    "value-not-language": QT_TRANSLATE_NOOP("Messages", "is not a language tag such as zh-CN"),
    "value-not-list": QT_TRANSLATE_NOOP(
        "Messages", "is not a list of at most {limit:,} items of the right kind"),
    "value-not-object": QT_TRANSLATE_NOOP(
        "Messages", "is not an object of at most {limit:,} fields of the right kind"),
    "value-not-utc-time": QT_TRANSLATE_NOOP(
        "Messages", "is not a time in UTC such as 2026-03-01T09:30:00.000Z"),
    "value-not-time": QT_TRANSLATE_NOOP("Messages", "is not a date and time (ISO 8601)"),
    "value-time-out-of-range": QT_TRANSLATE_NOOP("Messages", "is not between 1970 and 2200"),
    "value-not-event-id": QT_TRANSLATE_NOOP("Messages", "is not an event id (32 hexadecimal digits)"),
    "value-not-sha256": QT_TRANSLATE_NOOP("Messages", "is not a SHA-256 (64 hexadecimal digits)"),
    "value-not-post-id": QT_TRANSLATE_NOOP("Messages", "is not a post id"),
    "value-must-be-null": QT_TRANSLATE_NOOP("Messages", "must be null for this kind of event"),
    "value-not-hq-fields": QT_TRANSLATE_NOOP(
        "Messages", "may name only HQ's fields ({fields}), each with a value of its kind"),
    "why-state": QT_TRANSLATE_NOOP("Messages", "{action} is not allowed in that state"),
    "why-role": QT_TRANSLATE_NOOP("Messages", "only a coordinator may {action}"),
    "why-no-signoff": QT_TRANSLATE_NOOP("Messages", "the batch does not require sign-off"),
    "why-second-person": QT_TRANSLATE_NOOP(
        "Messages", "a sign-off needs a second person, not the one who wrote or approved the rewrite"),
    "why-not-pending": QT_TRANSLATE_NOOP("Messages", "only a pending post is opened"),
    "why-exported": QT_TRANSLATE_NOOP("Messages", "the post was exported; nothing changes it"),
    "why-not-approved": QT_TRANSLATE_NOOP("Messages", "only an approved post is exported"),
    "why-unknown-events": QT_TRANSLATE_NOOP(
        "Messages", "it names events that are not in the post's history"),
    "why-approval-outcome": QT_TRANSLATE_NOOP(
        "Messages",
        "it records another outcome than the rules give ({state})"),
    "why-no-revision": QT_TRANSLATE_NOOP(
        "Messages", "the revision it marks is not one of the post's revisions there"),
    "why-span-outside": QT_TRANSLATE_NOOP(
        "Messages", "its span ends at {end}, after the end of its revision ({length} characters)"),
    "why-no-annotation": QT_TRANSLATE_NOOP("Messages", "the annotation it names is not there"),
    "why-dismissed-other-text": QT_TRANSLATE_NOOP(
        "Messages", "the dismissal names another text than the post's text there"),
    "why-undo-target": QT_TRANSLATE_NOOP(
        "Messages", "the event it takes back is not in the post's history, or of another kind"),
    "why-undo-kind": QT_TRANSLATE_NOOP("Messages", "that kind of event cannot be taken back"),
    "why-undo-not-own": QT_TRANSLATE_NOOP(
        "Messages", "a reviewer takes back only their own actions (that one is {actor}'s)"),
    # making review packages
    "package-no-work-received": QT_TRANSLATE_NOOP(
        "Messages",
        "no work package for batch {batch} was imported on this laptop, so there is no work to "
        "return; a results package answers a work package"),
    "package-nothing-to-return": QT_TRANSLATE_NOOP(
        "Messages",
        "nothing to return for batch {batch}: no review was done on this laptop since its work "
        "package was imported"),
    "package-suffix": QT_TRANSLATE_NOOP(
        "Messages",
        "a package file ends in {suffix}: give --out {path}"),
    "package-cannot-make": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot make {name}: {why}; nothing was written"),
    "package-cannot-write": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write {path}: {detail}; nothing was written, choose another place or free some "
        "disk space"),
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
    "date-out-of-range": QT_TRANSLATE_NOOP(
        "Messages",
        "{text!r} is outside the times Review Desk accepts ({earliest} to {latest}, UTC); check "
        "the year"),
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
    "nothing-to-export-empty": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} has no approved posts to export (states: no posts)"),
    "posts-in-state": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} {state}"),
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
    "post-changed-meanwhile": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} changed while you were saving (another window or command); nothing was "
        "saved: look at it again and save once more"),
    "why-gloss-not-current": QT_TRANSLATE_NOOP(
        "Messages", "the revision it glosses is not the post's current one there"),
    "reason-needed": QT_TRANSLATE_NOOP(
        "Messages",
        "{decision} needs a reason (--reason TEXT): HQ reads it"),
    "approve-open-errors": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot approve post {id}: the checks found {count} open errors:\n{findings}\nfix the "
        "text, dismiss a finding that does not apply (`review-desk dismiss`), or approve anyway "
        "with --despite-findings (the findings are recorded with the approval)"),
    "approve-open-errors-one": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot approve post {id}: the checks found 1 open error:\n{findings}\nfix the text, "
        "dismiss the finding if it does not apply (`review-desk dismiss`), or approve anyway with "
        "--despite-findings (the finding is recorded with the approval)"),
    "dismiss-reason-needed": QT_TRANSLATE_NOOP(
        "Messages",
        "say why the check does not apply (--reason TEXT); HQ reads it"),
    "post-ambiguous": QT_TRANSLATE_NOOP(
        "Messages",
        "{key!r} matches {count} posts: {where}; use the post id"),
    "no-revision": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} has no revision {revision}"),
    "span-outside": QT_TRANSLATE_NOOP(
        "Messages",
        "span {start}-{end} is outside revision {revision} of post {id} ({count} characters); "
        "give 0 <= start < end <= {count}"),
    "span-outside-one": QT_TRANSLATE_NOOP(
        "Messages",
        "span {start}-{end} is outside revision {revision} of post {id} (1 character); give "
        "0 <= start < end <= 1"),
    "no-annotation": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} has no annotation {annotation}"),
    "unknown-choice": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown {what} {value!r}; use one of: {allowed}"),
    "no-such-finding": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} has no finding {key!r} now; its findings: {findings}"),
    "no-finding-at-all": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} has no finding {key!r} now; its findings: none"),
    # who acts
    "actor-unnamed": QT_TRANSLATE_NOOP(
        "Messages",
        "say who you are: a name is needed (--as NAME)"),
    "actor-unusable-name": QT_TRANSLATE_NOOP(
        "Messages",
        "{name!r} is not a usable name: give up to 100 printable characters, no control "
        "characters or line breaks"),
    "unknown-role": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown role {role!r}; use one of: {roles}"),
    # the workflow's refusals (workflow.refuse_reason); {action} and {state} are words the
    # window translates
    "refused-in-state": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot {action} post {id}: it is {state}; {hint}"),
    "hint-pending": QT_TRANSLATE_NOOP(
        "Messages", "open it for review first"),
    "hint-in-review": QT_TRANSLATE_NOOP(
        "Messages", "decide it first"),
    "hint-reopen": QT_TRANSLATE_NOOP(
        "Messages", "reopen it first (with a reason)"),
    "hint-awaiting-signoff": QT_TRANSLATE_NOOP(
        "Messages", "a coordinator must sign it off, or reopen it"),
    "hint-exported": QT_TRANSLATE_NOOP(
        "Messages", "exported posts cannot be changed"),
    "hint-conflict": QT_TRANSLATE_NOOP(
        "Messages", "a coordinator must first keep one of its versions (review-desk conflicts)"),
    "coordinator-only-signoff": QT_TRANSLATE_NOOP(
        "Messages",
        "only a coordinator can sign off post {id}; {name} acts as {role}"),
    "coordinator-only-assign": QT_TRANSLATE_NOOP(
        "Messages",
        "only a coordinator can assign posts; {name} acts as {role}"),
    "coordinator-only-resolve": QT_TRANSLATE_NOOP(
        "Messages",
        "only a coordinator can resolve conflicts; {name} acts as {role}"),
    "no-signoff-needed": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} does not require sign-off"),
    "signoff-second-person": QT_TRANSLATE_NOOP(
        "Messages",
        "sign-off needs a second person: {name} wrote or approved this rewrite of post {id}"),
    "nothing-decided": QT_TRANSLATE_NOOP(
        "Messages",
        "{refusals}\nnothing was decided ({count} refused)"),
    "nothing-assigned": QT_TRANSLATE_NOOP(
        "Messages",
        "{refusals}\nnothing was assigned ({count} refused)"),
    "undo-in-conflict": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is in conflict: a coordinator must first keep one of its versions "
        "(review-desk conflicts)"),
    "cannot-redo": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot redo: {why}"),
    "redo-not-an-undo": QT_TRANSLATE_NOOP(
        "Messages",
        "event {event} is not an undo of this post"),
    "redo-done-already": QT_TRANSLATE_NOOP(
        "Messages",
        "that undo was already redone"),
    "redo-changed-since": QT_TRANSLATE_NOOP(
        "Messages",
        "the post has changed since that undo, so it can no longer be redone"),
    # conflicts (exchange.py)
    "not-in-conflict": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is not in conflict"),
    "nothing-to-resolve": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is not in conflict (it is {state}); there is nothing to resolve"),
    "conflict-other-exported": QT_TRANSLATE_NOOP(
        "Messages",
        "the other version of post {id} was exported already; only that version can be kept"),
    "conflict-no-such-side": QT_TRANSLATE_NOOP(
        "Messages",
        "{keep!r} is not an event of one side of post {id}'s conflict; keep one of: {sides}"),
    "conflict-side": QT_TRANSLATE_NOOP(
        "Messages",
        "{tip} ({actor}'s side, {state})"),
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
        "export as XLIFF 1.2, which holds several"),
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
    # XLSX batch files: what openpyxl could not read
    "xlsx-unreadable": QT_TRANSLATE_NOOP(
        "Messages",
        "the workbook cannot be read ({detail}); it is damaged or not an XLSX file: open it in "
        "a spreadsheet and save it again as an Excel Workbook (.xlsx)"),
    "xlsx-no-worksheet": QT_TRANSLATE_NOOP(
        "Messages",
        "the workbook has no worksheet (it may be damaged); put the posts on the first "
        "worksheet and save it as an Excel Workbook (.xlsx)"),
    "xlsx-rows-past-end": QT_TRANSLATE_NOOP(
        "Messages",
        "the worksheet has rows past Excel's last row {limit:,}"),
    # the language data files (glossaries/languages/*.json)
    "language-data-broken": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: {detail}: see glossaries/languages/README.md"),
    "language-data-unreadable": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: cannot be read ({detail}); fix or remove the file"),
    "language-data-not-object": QT_TRANSLATE_NOOP(
        "Messages",
        "{path}: must hold a JSON object (see glossaries/languages/README.md)"),
}


# Messages that count something have a "-one" form for a count of 1 ("1 problem", not
# "1 problem(s)"); `said` picks it. The value that counts is "count" unless named here.
_COUNTED_BY = {"manifest-event-count": "declared"}


class Said(str):
    """An English message that also knows its template's name and values."""

    name: str
    values: dict[str, Any]

    def __new__(cls, name: str, values: dict[str, Any]) -> "Said":
        said_ = super().__new__(cls, MESSAGES[name].format(**values))
        said_.name, said_.values = name, values
        return said_


class Joined(str):
    """Several messages (or words) as one value of another message: a bulk action's refusals,
    one a line; the reasons posts were left out of an export. Printed, the English parts with
    `separator` between them; the window translates each part (ui/messages.py)."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: "Iterable[str]", separator: str) -> "Joined":
        parts = tuple(parts)
        joined = super().__new__(cls, separator.join(parts))
        joined.parts, joined.separator = parts, separator
        return joined


def said(name: str, /, **values: Any) -> Said:
    """The message `name` with `values`; its "-one" form when it counts exactly one thing."""
    if values.get(_COUNTED_BY.get(name, "count")) == 1 and f"{name}-one" in MESSAGES:
        name = f"{name}-one"
    return Said(name, values)


def counted(count: int, one: str, many: str | None = None) -> str:
    """"1 post", "2 posts", "1 memory unit", "3 entries": a count and its noun in English,
    for what the command line prints (the window counts with Qt's %n forms)."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def message_of(error: BaseException) -> str:
    """The message an exception was raised with, keeping a `Said` (str(error) would lose it)."""
    first = error.args[0] if error.args else ""
    return first if isinstance(first, str) else str(error)
