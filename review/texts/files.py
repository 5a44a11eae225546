"""The domain's messages about files read: the whole file, its bytes, workbooks, XML, export manifests, language data (see review/texts/__init__.py)."""
from __future__ import annotations

from ._noop import QT_TRANSLATE_NOOP

MESSAGES = {
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
    "import-summary-skipped": QT_TRANSLATE_NOOP(
        "Messages",
        "{file} -> batch {batch}: {added} new, {new_drafts} with a new HQ draft, "
        "{details_updated} with new details, {unchanged} unchanged; left out: {skipped}"),
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
    "not-utf8": QT_TRANSLATE_NOOP(
        "Messages",
        "character {column}: byte {value} (0x{hex}) is not UTF-8; the whole file can be read "
        "as {encodings}: try --encoding {first}"),
    "not-utf8-nor-other": QT_TRANSLATE_NOOP(
        "Messages",
        "character {column}: byte {value} (0x{hex}) is not UTF-8, and the file is not GB18030, "
        "Windows-1252 or UTF-16 either (it is in another encoding, or damaged); name its "
        "encoding with --encoding, or save it as UTF-8"),
    "not-in-encoding": QT_TRANSLATE_NOOP(
        "Messages",
        "character {column}: byte {value} (0x{hex}) is not {encoding}; the file is in another "
        "encoding (import it without --encoding to see which would read it)"),
    "unknown-encoding": QT_TRANSLATE_NOOP(
        "Messages",
        "--encoding: {name!r} is not an encoding Python knows; e.g. utf-8, gb18030, cp1252, "
        "utf-16"),
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
    "advice-tbx3": QT_TRANSLATE_NOOP("Messages", "import it with `glossary import`"),
    "advice-xliff": QT_TRANSLATE_NOOP("Messages", "import it as a batch"),
    "xml-lang": QT_TRANSLATE_NOOP(
        "Messages",
        "xml:lang {problem}"),
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
