"""The domain's messages about batch files: XLIFF, JSON, columns and cells (see review/texts/__init__.py)."""
from __future__ import annotations

from ._noop import QT_TRANSLATE_NOOP

MESSAGES = {
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
        "the file does not say the target language of {count} units; choose it when importing "
        "(--target-lang)"),
    "xliff-no-target-language-one": QT_TRANSLATE_NOOP(
        "Messages",
        "the file does not say the target language of 1 unit; choose it when importing "
        "(--target-lang)"),
    "xliff-unknown-target": QT_TRANSLATE_NOOP(
        "Messages",
        "the file gives '{value}' as the target language of {count} units, which is not a "
        "language code (such as en, zh-CN, pt-BR); choose the language when importing "
        "(--target-lang)"),
    "xliff-unknown-target-one": QT_TRANSLATE_NOOP(
        "Messages",
        "the file gives '{value}' as the target language of 1 unit, which is not a language "
        "code (such as en, zh-CN, pt-BR); choose the language when importing (--target-lang)"),
    "xliff-unknown-source": QT_TRANSLATE_NOOP(
        "Messages",
        "the file gives '{value}' as the source language of {count} units, which is not a "
        "language code (such as en, zh-CN, pt-BR); correct the file's source language "
        "(source-language, or srcLang in XLIFF 2.0)"),
    "xliff-unknown-source-one": QT_TRANSLATE_NOOP(
        "Messages",
        "the file gives '{value}' as the source language of 1 unit, which is not a language "
        "code (such as en, zh-CN, pt-BR); correct the file's source language (source-language, "
        "or srcLang in XLIFF 2.0)"),
    "xliff-too-many-codes": QT_TRANSLATE_NOOP(
        "Messages",
        "the unit holds more than {limit:,} inline codes, more than Review Desk can keep; "
        "split it into several units in the CAT tool"),
    "xliff-code-too-long": QT_TRANSLATE_NOOP(
        "Messages",
        "an inline code of the unit is {length:,} characters long, more than the {limit:,} "
        "Review Desk keeps for one code; shorten it in the CAT tool"),
    "xliff-too-many-files": QT_TRANSLATE_NOOP(
        "Messages",
        "the document holds {count:,} <file> elements, more than the {limit:,} Review Desk "
        "keeps to write back; split it into several documents in the CAT tool"),
    "xliff-file-head-too-long": QT_TRANSLATE_NOOP(
        "Messages",
        "the <file> id=\"{file}\" holds {length:,} characters besides its units (skeleton, "
        "metadata, notes), more than the {limit:,} Review Desk keeps to write it back; export "
        "it from the CAT tool with an external skeleton"),
    "xliff-file-heads-too-long": QT_TRANSLATE_NOOP(
        "Messages",
        "the document's <file> elements hold {length:,} characters besides their units "
        "(skeletons, metadata, notes), more than the {limit:,} Review Desk keeps to write them "
        "back; export it from the CAT tool with external skeletons, or in several documents"),
    "xliff-nothing-to-review": QT_TRANSLATE_NOOP(
        "Messages",
        "the file holds no unit to review ({skipped}); nothing to import"),
    "xliff-skipped-not-translatable": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} units marked translate=\"no\""),
    "xliff-skipped-not-translatable-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 unit marked translate=\"no\""),
    "xliff-skipped-no-text": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} units without text"),
    "xliff-skipped-no-text-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 unit without text"),
    "xliff-too-many-tool-notes": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} units carry more than {limit} notes of other tools (their own with those of "
        "their <group>s and <file>), more than a work package carries for one post; ask HQ "
        "for the file with fewer notes"),
    "xliff-too-many-tool-notes-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 unit carries more than {limit} notes of other tools (its own with those of its "
        "<group>s and <file>), more than a work package carries for one post; ask HQ for the "
        "file with fewer notes"),
    "xliff-tool-note-too-long": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} units carry a note of another tool longer than {limit:,} characters, more "
        "than a work package carries; ask HQ for the file with shorter notes"),
    "xliff-tool-note-too-long-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 unit carries a note of another tool longer than {limit:,} characters, more than a "
        "work package carries; ask HQ for the file with shorter notes"),
    "xliff-tool-notes-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "the notes of other tools that the units carry (each unit its own with those of its "
        "<group>s and <file>) would take more than the {limit:,} MB Review Desk allows for "
        "reading this file; ask HQ for the file with fewer or shorter notes on its <file> and "
        "<group>s, or split it"),
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
        "{text!r} is not a valid date and time; accepted forms: {forms}"),
    "date-ambiguous": QT_TRANSLATE_NOOP(
        "Messages",
        "{text!r} could be {day_first} (day first) or {month_first} (month first); import "
        "again with --day-first or --month-first"),
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
    # The media column: pictures beside the batch file (review/media.py)
    "media-absolute": QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' is an absolute path; name the file relative to the batch file's folder "
        "(photos/rig.jpg)"),
    "media-climbs": QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' climbs out of the batch file's folder with '..'; put the file in that folder "
        "or under it"),
    "media-bad-name": QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' is not a file name of at most {limit} characters; name the file relative to "
        "the batch file's folder"),
    "media-too-many": QT_TRANSLATE_NOOP(
        "Messages", "{count} files for one post; at most {limit}"),
    "media-outside": QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' leads out of the batch file's folder (through a link); copy the file itself "
        "into the folder"),
    "media-unreadable": QT_TRANSLATE_NOOP(
        "Messages", "'{name}' cannot be read: {reason}"),
    "media-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' is {size:,} bytes; a file may have at most {limit:,}: make it smaller"),
    "media-not-a-picture": QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' is not a PNG, JPEG, WebP or GIF picture nor an MP4 video (its content says "
        "so, whatever its name); export it again as one of those"),
    "media-too-many-pixels": QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' says it is {width:,} x {height:,} pixels; a picture may have at most {side:,} "
        "a side and {megapixels} megapixels: make it smaller (nothing was decoded)"),
    "media-too-many-pixels-header": QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' says it has more pixels than a picture may have (at most {side:,} a side and "
        "{megapixels} megapixels): a decompression bomb or a picture to make smaller (nothing "
        "was decoded)"),
    "media-undecodable": QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' is not a {type} picture that can be decoded (truncated or damaged: {detail}); "
        "export it again"),
    "media-changed": QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' changed while it was imported; import the batch again"),
}
