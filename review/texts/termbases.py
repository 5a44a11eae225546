"""The domain's messages about glossaries and the translation memory (see review/texts/__init__.py)."""
from __future__ import annotations

from ._noop import QT_TRANSLATE_NOOP

MESSAGES = {
    "glossary-concepts-skipped": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} of {total} concepts skipped (no {source} and {target} term): {names}"),
    "glossary-concepts-skipped-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 of {total} concepts skipped (no {source} and {target} term): {names}"),
    "names-and-more": QT_TRANSLATE_NOOP("Messages", "{names} and {more} more"),
    "tbx3-dct": QT_TRANSLATE_NOOP(
        "Messages",
        "a TBX 3 file of style \"{style}\": Review Desk reads TBX 3 in the DCA style (TBX-Basic, "
        "TBX-Core); export it from its tool in that style, or as TBX 2008 (<martif>)"),
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
    "memory-empty-pair": QT_TRANSLATE_NOOP(
        "Messages",
        "the translation memory holds no unit from {source} into {target}; `review-desk tm "
        "export` without languages writes every unit"),
    "cannot-write": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write {path}: {detail}"),
}
