"""Glossary files: CSV/TSV and TBX in, CSV and TBX out.

CSV (and TSV): UTF-8 (byte order mark optional) or UTF-16 with a byte order mark, delimiter and
quotes as batch CSVs (`csv_format`). Columns, in any order and case: `source` (also `term`),
`target` (also `translation`), `status`, `note`, and optionally `pos`, `case_sensitive`,
`domain`, `region`, `dnt`; an unknown column is refused rather than silently dropped. One row per
rendering. A CSV does not say its languages: the caller must give both.
- `status`: empty means `preferred`; otherwise see STATUS_ALIASES (any case; spaces, hyphens
  and a TBX `-admn-sts` suffix do not matter): preferred (preferredTerm, standardizedTerm,
  legalTerm, regulatedTerm), allowed (admitted, admittedTerm, permitted), deprecated
  (deprecatedTerm, superseded, supersededTerm, obsolete, notRecommended), forbidden (prohibited).
  `notRecommended` (TBX 3) is "avoid", which is what `deprecated` means here;
- booleans (`case_sensitive`, `dnt`): yes/no, true/false, y/n, 1/0, or empty (= no);
- a `dnt` (do not translate) row may leave `target` empty: the target is then the source;
- texts lose surrounding whitespace; a term must be one line; a note keeps its line breaks;
- a cell that starts with `'` followed by a formula start (`=`, `+`, `-`, `@`) loses the `'`:
  that is how CSV exports (ours included) keep a spreadsheet from running the cell.

TBX (TBX-Basic / TBX 2008, root <martif>), checked and parsed by `xmlsafe`, its <termEntry> and
<langSet> found as translate-toolkit's `tbxfile` finds them (`xmlsafe.lisa_units`):
- languages come from each <langSet>'s xml:lang, normalised (`EN-US` -> `en-US`). Given
  languages are matched exactly, else by primary language (`en` matches `en-US`) when only one
  of the file's languages fits; the given tags are then the glossary's. Without them, a file
  with exactly two languages is read first-listed -> second; with one given, a file with one
  other language uses it; anything else is a problem asking for --source/--target;
- per <termEntry>: the first non-empty source term is the term; every target term (<tig> or
  <ntig>; translate-toolkit's own term API sees only <tig>) is one entry. A <termEntry> without
  a source or target term is counted in `skipped`;
- status: the target term's administrativeStatus (else normativeAuthorization), as above;
- pos: partOfSpeech of the target term, else of the source term; domain: subjectField of the
  target term, its <langSet>, or the <termEntry>; region: geographicalUsage of the target term;
- note: every <note> and <descrip> of type definition, context or explanation of the entry, the
  source <langSet>, the target <langSet> and the target term, in that order, without repeats,
  joined by line breaks; whitespace collapses unless xml:space="preserve".
Review Desk's own data categories, which TBX-Basic lacks: `<termNote type="x-forbidden">yes`
(written with administrativeStatus deprecatedTerm-admn-sts, so other tools still see "avoid"),
`x-caseSensitive` and `x-doNotTranslate`.
"""

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import InvalidInput
from ..languages import normalise_language
from ..model import TERM_STATUSES, GlossaryEntry
from ..texts import message_of, said
from .atomic import write_atomically
from .csv_format import RowProblem, detect_delimiter, iter_records, remove_stray_characters, write_csv
from .glossary_common import STATUS_ALIASES, MAX_ENTRIES, GlossaryFile, Problems, normalise_status  # noqa: F401 (re-exported)
from .glossary_tbx import as_tbx3, read_tbx, tbx_document, write_tbx
from .rows import InvalidValue, check_characters, decode_text, header_key, starts_like_formula, unwritable
from .xmlsafe import read_file, refuse, xml_unwritable

GLOSSARY_COLUMNS = ("source", "target", "status", "note", "pos", "case_sensitive", "domain",
                    "region", "dnt")
GLOSSARY_FORMATS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".tbx": "tbx"}
_COLUMN_ALIASES = {"term": "source", "source_term": "source", "translation": "target",
                   "target_term": "target", "notes": "note", "comment": "note",
                   "part_of_speech": "pos", "subject_field": "domain",
                   "do_not_translate": "dnt"}
_BOOLEANS = {"": False, "no": False, "n": False, "false": False, "0": False,
             "yes": True, "y": True, "true": True, "1": True}


# ---------------------------------------------------------------------------------- doors

def read_glossary(path: str | os.PathLike[str], source_lang: str | None,
                  target_lang: str | None, fmt: str | None = None,
                  encoding: str | None = None) -> GlossaryFile:
    """Every entry of a CSV/TSV or TBX glossary, or ImportFailed listing every problem.

    `fmt` is "csv", "tsv" or "tbx"; without it the extension decides. For CSV both languages
    are required; for TBX they are optional (see the module docstring). `encoding`: of a
    CSV file that is not UTF-8 (see hq_files.py); XML says its own.
    """
    file = os.fspath(path)
    if os.path.isdir(file):  # said as such, not "the file name has no extension"
        refuse(file, said("file-is-folder"))
    try:
        fmt = _format(file, fmt)
    except ValueError as error:
        refuse(file, message_of(error))
    source, target = (_given_language(file, tag, flag) for tag, flag in
                      ((source_lang, "--source"), (target_lang, "--target")))
    if fmt == "tbx":
        return read_tbx(read_file(file), file, source, target)
    if source is None or target is None:
        refuse(file, said("glossary-csv-languages"))
    return _read_csv(read_file(file), file, source, target, encoding)


def write_glossary(path: str | os.PathLike[str], glossary: GlossaryFile,
                   fmt: str | None = None) -> None:
    """Write a glossary as CSV (GLOSSARY_COLUMNS, UTF-8) or a fresh TBX, atomically.

    Raises InvalidInput, before writing anything, for an unknown format, language or status,
    or a text the format cannot hold; OSError when the folder cannot be written.
    """
    file = os.fspath(path)
    try:
        fmt = "tbx3" if fmt == "tbx3" else _format(file, fmt)  # TBX 3: a .tbx too
    except ValueError as error:
        raise InvalidInput(said("glossary-not-writable", file=file, why=message_of(error))) from None
    glossary = _checked_glossary(glossary, "tbx" if fmt == "tbx3" else fmt)
    if fmt in ("tbx", "tbx3"):
        document = tbx_document(glossary)
        if fmt == "tbx3":
            document = as_tbx3(document)
        write_atomically(file, lambda stream: write_tbx(stream, document))
    else:
        write_atomically(file, lambda stream: _write_csv(stream, glossary.entries))


def _format(file: str, fmt: str | None) -> str:
    """"csv" or "tbx", from `fmt` or else the extension; ValueError saying why not."""
    if fmt:
        key = "." + fmt.strip().lower().lstrip(".")
        why = said("glossary-format-unknown", fmt=fmt)
    else:
        key = Path(file).suffix.lower()
        why = said("glossary-format-extension", extension=key) if key else \
            said("glossary-format-no-extension")
    if key in GLOSSARY_FORMATS:
        return GLOSSARY_FORMATS[key]
    raise ValueError(why)


def _given_language(file: str, tag: str | None, flag: str) -> str | None:
    if tag is None or not tag.strip():
        return None
    try:
        return normalise_language(tag)
    except ValueError as error:
        refuse(file, said("language-option", option=flag, problem=message_of(error)))


# ---------------------------------------------------------------------------------- CSV

def _read_csv(data: bytes, file: str, source: str, target: str,
              encoding: str | None = None) -> GlossaryFile:
    problems = Problems(file)
    text = remove_stray_characters(decode_text(data, file, encoding), problems)
    records = iter_records(text, detect_delimiter(text))
    entries: list[GlossaryEntry] = []
    try:
        _collect_rows(records, problems, entries)
    except RowProblem as error:
        problems.report(error.line, None, error.message)
    if not problems.problems and not entries:
        problems.report(None, None, said("glossary-no-rows", columns=",".join(GLOSSARY_COLUMNS)))
    problems.raise_any()
    return GlossaryFile(source, target, entries)


def _collect_rows(records: Iterator[tuple[int, list[str]]], problems: Problems,
                  entries: list[GlossaryEntry]) -> None:
    header = next(records, None)
    if header is None:
        return
    line, names = header
    columns = _header_columns(problems, line, names)
    if "source" not in columns or "target" not in columns:
        return  # every row would repeat the header's problem
    for line, cells in records:
        if len(cells) != len(names):
            problems.report(line, None, said("glossary-cell-count", cells=len(cells),
                                             columns=len(names)))
            continue
        entry = _csv_entry(problems, line, columns, cells)
        if entry is not None:
            entries.append(entry)
        if len(entries) > MAX_ENTRIES:
            problems.report(line, None, said("glossary-too-many-entries", limit=MAX_ENTRIES))
            return


def _header_columns(problems: Problems, line: int, names: list[str]) -> list[str | None]:
    """The glossary column of each position (None for an unnamed one); problems for the rest."""
    columns: list[str | None] = []
    for position, name in enumerate(names, start=1):
        key = header_key(name)
        column = _COLUMN_ALIASES.get(key, key) if key else None
        if column is not None and column not in GLOSSARY_COLUMNS:
            problems.report(line, name.strip(), said("glossary-unknown-column",
                                                     columns=", ".join(GLOSSARY_COLUMNS)))
        elif column is not None and column in columns:
            problems.report(line, name.strip(), said("glossary-second-column", column=column))
        columns.append(column)
    for required in ("source", "target"):
        if required not in columns:
            problems.report(line, "header", said("glossary-missing-column", column=required))
    return columns


def _csv_entry(problems: Problems, line: int, columns: list[str | None],
               cells: list[str]) -> GlossaryEntry | None:
    values: dict[str, object] = {}
    ok = True
    for position, (column, raw) in enumerate(zip(columns, cells), start=1):
        try:
            if column is None:
                if raw.strip():
                    raise InvalidValue(said("value-without-column"))
                continue
            values[column] = _csv_value(column, raw)
        except ValueError as error:  # InvalidValue too
            problems.report(line, column or f"column {position}", message_of(error))
            ok = False
    if not ok:
        return None
    return _entry_of_row(problems, line, values)


def _csv_value(column: str, raw: str) -> object:
    check_characters(raw)
    if raw.startswith("'") and starts_like_formula(raw[1:]):
        raw = raw[1:]  # an export's protection against spreadsheet formulas
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if column in ("source", "target"):
        if "\n" in text:
            raise InvalidValue(said("term-spans-lines"))
        return text
    if column == "status":
        return normalise_status(text)
    if column in ("case_sensitive", "dnt"):
        if text.lower() not in _BOOLEANS:
            raise InvalidValue(said("not-yes-no", text=text))
        return _BOOLEANS[text.lower()]
    if column == "note":
        return text
    return text or None  # pos, domain, region


def _entry_of_row(problems: Problems, line: int, values: dict) -> GlossaryEntry | None:
    source, target, dnt = values.get("source", ""), values.get("target", ""), values.get("dnt")
    if not source:
        problems.report(line, "source", said("glossary-no-source"))
        return None
    if not target and not dnt:
        problems.report(line, "target", said("glossary-no-target"))
        return None
    return GlossaryEntry(term=source, translation=target or source,
                         status=values.get("status", "preferred"), note=values.get("note", ""),
                         pos=values.get("pos"), case_sensitive=values.get("case_sensitive", False),
                         domain=values.get("domain"), region=values.get("region"),
                         dnt=bool(dnt))


def _write_csv(stream: IO[bytes], entries: list[GlossaryEntry]) -> None:
    rows = [{"source": e.term, "target": e.translation, "status": e.status, "note": e.note,
             "pos": e.pos, "case_sensitive": _yes_no(e.case_sensitive), "domain": e.domain,
             "region": e.region, "dnt": _yes_no(e.dnt)} for e in entries]
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        write_csv(text, rows, GLOSSARY_COLUMNS)  # neutralises formulas like batch exports
        text.flush()
    finally:
        text.detach()  # write_atomically still has to fsync the stream


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _checked_glossary(glossary: GlossaryFile, fmt: str) -> GlossaryFile:
    try:
        source, target = (normalise_language(glossary.source_lang),
                          normalise_language(glossary.target_lang))
    except ValueError as error:
        raise InvalidInput(said("glossary-language", why=message_of(error))) from None
    for number, entry in enumerate(glossary.entries, start=1):
        if entry.status not in TERM_STATUSES:
            raise InvalidInput(said("glossary-entry-status", number=number, term=entry.term,
                                    status=entry.status, statuses=", ".join(TERM_STATUSES)))
        if not entry.term.strip() or not entry.translation.strip():
            raise InvalidInput(said("glossary-entry-empty", number=number))
        for name in ("term", "translation", "note", "pos", "domain", "region"):
            text = getattr(entry, name) or ""
            problem = xml_unwritable(text) if fmt == "tbx" else unwritable(text, "csv")
            if problem:
                raise InvalidInput(said("glossary-entry-unwritable", number=number,
                                        term=entry.term, field=name, problem=problem))
    return GlossaryFile(source, target, glossary.entries, glossary.skipped)
