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
from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple

from lxml import etree

from ..errors import ImportFailed, InvalidInput, Problem
from ..languages import normalise_language
from ..model import TERM_STATUSES, GlossaryEntry
from ..texts import Said, message_of, said
from .batchfile import _unwritable
from .csv_format import (RowProblem, _remove_stray_characters, detect_delimiter, iter_records,
                         write_csv)
from .rows import InvalidValue, check_characters, decode_text, header_key, starts_like_formula
from .atomic import write_atomically
from .xmlsafe import (XML_LANG, XML_SPACE, lisa_units, local_name, parse_xml, read_file,
                      refuse, xml_lang, xml_space, xml_unwritable)

GLOSSARY_COLUMNS = ("source", "target", "status", "note", "pos", "case_sensitive", "domain",
                    "region", "dnt")
GLOSSARY_FORMATS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".tbx": "tbx"}
# Entries of one glossary file. An entry takes about 330 bytes while it is imported and can be
# written in 5 ("a,b\r\n"): 1.2 million of them took 460 MB from a CSV of 12 MB. Real
# terminology bases hold thousands to tens of thousands of entries.
MAX_ENTRIES = 100_000
_COLUMN_ALIASES = {"term": "source", "source_term": "source", "translation": "target",
                   "target_term": "target", "notes": "note", "comment": "note",
                   "part_of_speech": "pos", "subject_field": "domain",
                   "do_not_translate": "dnt"}
_STATUS_GROUPS = {
    "preferred": ("preferred", "standardized", "legal", "regulated"),
    "allowed": ("allowed", "admitted", "permitted"),
    "deprecated": ("deprecated", "superseded", "obsolete", "notrecommended"),
    "forbidden": ("forbidden", "prohibited"),
}
# Key (see status_key) -> status: each name, also with "term" appended (preferredTerm).
STATUS_ALIASES = {key + suffix: status for status, keys in _STATUS_GROUPS.items()
                  for key in keys for suffix in ("", "term")}
_BOOLEANS = {"": False, "no": False, "n": False, "false": False, "0": False,
             "yes": True, "y": True, "true": True, "1": True}
_TBX_STATUS = {"preferred": "preferredTerm-admn-sts", "allowed": "admittedTerm-admn-sts",
               "deprecated": "deprecatedTerm-admn-sts", "forbidden": "deprecatedTerm-admn-sts"}
_NOTE_DESCRIPS = ("definition", "context", "explanation")


@dataclass(frozen=True)
class GlossaryFile:
    source_lang: str
    target_lang: str
    entries: list[GlossaryEntry]
    skipped: int = 0  # TBX concepts without a term in the source or the target language


# ---------------------------------------------------------------------------------- doors

def read_glossary(path: str | os.PathLike[str], source_lang: str | None,
                  target_lang: str | None, fmt: str | None = None) -> GlossaryFile:
    """Every entry of a CSV/TSV or TBX glossary, or ImportFailed listing every problem.

    `fmt` is "csv", "tsv" or "tbx"; without it the extension decides. For CSV both languages
    are required; for TBX they are optional (see the module docstring).
    """
    file = os.fspath(path)
    try:
        fmt = _format(file, fmt)
    except ValueError as error:
        refuse(file, message_of(error))
    source, target = (_given_language(file, tag, flag) for tag, flag in
                      ((source_lang, "--source"), (target_lang, "--target")))
    if fmt == "tbx":
        return _read_tbx(read_file(file), file, source, target)
    if source is None or target is None:
        refuse(file, said("glossary-csv-languages"))
    return _read_csv(read_file(file), file, source, target)


def write_glossary(path: str | os.PathLike[str], glossary: GlossaryFile,
                   fmt: str | None = None) -> None:
    """Write a glossary as CSV (GLOSSARY_COLUMNS, UTF-8) or a fresh TBX, atomically.

    Raises InvalidInput, before writing anything, for an unknown format, language or status,
    or a text the format cannot hold; OSError when the folder cannot be written.
    """
    file = os.fspath(path)
    try:
        fmt = _format(file, fmt)
    except ValueError as error:
        raise InvalidInput(said("glossary-not-writable", file=file, why=message_of(error))) from None
    glossary = _checked_glossary(glossary, fmt)
    if fmt == "tbx":
        document = tbx_document(glossary)
        write_atomically(file, lambda stream: _write_tbx(stream, document))
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


def normalise_status(text: str) -> str:
    """One of TERM_STATUSES for a status as files write it; ValueError when unknown."""
    key = status_key(text)
    if not key:
        return "preferred"
    if key in STATUS_ALIASES:
        return STATUS_ALIASES[key]
    # the statuses are the words to write in the file: they stay English in every language
    raise ValueError(said("unknown-status", text=text.strip(), statuses=", ".join(TERM_STATUSES)))


def status_key(text: str) -> str:
    key = text.strip().lower().removesuffix("-admn-sts")
    return "".join(char for char in key if char.isalpha())


# ---------------------------------------------------------------------------------- CSV

class _Problems:
    """The problems of one file (has the `report` that csv_format's helpers call)."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def report(self, line: int | None, column: str | None, message: Said) -> None:
        self.problems.append(Problem(self.file, line, column, message))

    def raise_any(self) -> None:
        if self.problems:
            raise ImportFailed(sorted(self.problems, key=lambda p: p.line or 0))


def _read_csv(data: bytes, file: str, source: str, target: str) -> GlossaryFile:
    problems = _Problems(file)
    text = _remove_stray_characters(decode_text(data, file), problems)
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


def _collect_rows(records: Iterator[tuple[int, list[str]]], problems: _Problems,
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


def _header_columns(problems: _Problems, line: int, names: list[str]) -> list[str | None]:
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


def _csv_entry(problems: _Problems, line: int, columns: list[str | None],
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


def _entry_of_row(problems: _Problems, line: int, values: dict) -> GlossaryEntry | None:
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
            problem = xml_unwritable(text) if fmt == "tbx" else _unwritable(text, "csv")
            if problem:
                raise InvalidInput(said("glossary-entry-unwritable", number=number,
                                        term=entry.term, field=name, problem=problem))
    return GlossaryFile(source, target, glossary.entries, glossary.skipped)


# ---------------------------------------------------------------------------------- TBX in

class _Meta(NamedTuple):
    kind: str  # descrip, termNote, note or admin
    type: str | None
    text: str
    line: int | None


class _Term(NamedTuple):
    text: str
    meta: list[_Meta]
    line: int | None


_META_KINDS = frozenset({"descrip", "termNote", "note", "admin"})
_GROUPS = frozenset({"descripGrp", "termGrp"})  # wrappers whose contents belong to the parent


def _read_tbx(data: bytes, file: str, source: str | None, target: str | None) -> GlossaryFile:
    root = parse_xml(data, file, root="martif").getroot()
    problems = _Problems(file)
    concepts = [(entry, _language_sets(problems, lang_sets))
                for entry, lang_sets in lisa_units(root, "termEntry", "langSet")]
    problems.raise_any()
    in_file = list(dict.fromkeys(lang for _, sets in concepts for lang, _ in sets))
    source_in_file, target_in_file = choose_languages(file, in_file, source, target)
    entries: list[GlossaryEntry] = []
    skipped = 0
    for element, sets in concepts:
        found = _concept_entries(problems, element, sets, source_in_file, target_in_file)
        entries += found
        skipped += not found
        if len(entries) > MAX_ENTRIES:
            problems.report(element.sourceline, None,
                            said("glossary-too-many-entries", limit=MAX_ENTRIES))
            break
    if not problems.problems and not entries:
        problems.report(None, None, said("tbx-no-shared-terms", source=source_in_file,
                                         target=target_in_file))
    problems.raise_any()
    return GlossaryFile(source or source_in_file, target or target_in_file, entries, skipped)


def _language_sets(problems: _Problems, nodes: list[etree._Element]
                   ) -> list[tuple[str, etree._Element]]:
    sets = []
    for node in nodes:
        raw = xml_lang(node)
        try:
            sets.append((normalise_language(raw or ""), node))
        except ValueError as error:
            what = said("xml-lang", problem=message_of(error)) if raw else \
                said("langset-without-language")
            problems.report(node.sourceline, "<langSet>", what)
    return sets


def choose_languages(file: str, in_file: list[str], source: str | None,
                     target: str | None) -> tuple[str, str]:
    """The file's tags for the source and target; see the module docstring for the rules."""
    if not in_file:
        refuse(file, said("tbx-no-languages"))
    matches = [_match_language(in_file, wanted, flag) if wanted else (None, None)
               for wanted, flag in ((source, "--source"), (target, "--target"))]
    problems = [Problem(file, None, None, problem) for _, problem in matches if problem]
    if problems:
        raise ImportFailed(problems)
    found_source, found_target = (found for found, _ in matches)
    if found_source and found_source == found_target:
        refuse(file, said("tbx-same-language", source=source, target=target))
    rest = [lang for lang in in_file if lang not in (found_source, found_target)]
    if not source and not target and len(in_file) == 2:
        return in_file[0], in_file[1]
    if bool(found_source) != bool(found_target) and len(rest) == 1:
        return found_source or rest[0], found_target or rest[0]
    if found_source and found_target:
        return found_source, found_target
    refuse(file, said("tbx-which-languages", languages=", ".join(in_file)))


def _match_language(in_file: list[str], wanted: str, flag: str) -> tuple[str | None, Said | None]:
    """(the file's tag for `wanted`, None), or (None, why there is none)."""
    if wanted in in_file:
        return wanted, None
    primary = wanted.split("-")[0]
    same = [lang for lang in in_file if lang.split("-")[0] == primary]
    if len(same) == 1:
        return same[0], None
    if same:
        return None, said("tbx-ambiguous-language", option=flag, wanted=wanted,
                          choices=either_or(same))
    return None, said("tbx-language-not-in-file", wanted=wanted, languages=", ".join(in_file),
                      option=flag)


def either_or(choices: list[str]) -> str:
    """"a or b or c", each "or" a word of the interface's language."""
    text = choices[0]
    for choice in choices[1:]:
        text = said("either-or", first=text, second=choice)
    return text


def _concept_entries(problems: _Problems, element: etree._Element,
                     sets: list[tuple[str, etree._Element]], source_lang: str,
                     target_lang: str) -> list[GlossaryEntry]:
    source_sets = [node for lang, node in sets if lang == source_lang]
    target_sets = [node for lang, node in sets if lang == target_lang]
    source = next((t for node in source_sets for t in _terms(node) if t.text), None)
    if source is None:
        return []
    concept = _meta(element)
    source_level = [m for node in source_sets for m in _meta(node)]
    entries = []
    for node in target_sets:
        set_level = _meta(node)
        for term in _terms(node):
            if not term.text:
                continue
            entry = _tbx_entry(problems, source, term, concept, source_level, set_level)
            if entry is not None:
                entries.append(entry)
    return entries


def _terms(lang_set: etree._Element) -> Iterator[_Term]:
    """The terms of a <langSet>: each <tig> (TBX-Basic) or <ntig> (TBX core)."""
    for holder in lang_set:
        if local_name(holder) in ("tig", "ntig"):
            term = next((e for e in holder.iter() if local_name(e) == "term"), None)
            text = _text(term) if term is not None else ""
            yield _Term(text, _meta(holder), holder.sourceline)


def _meta(node: etree._Element) -> list[_Meta]:
    """Data categories of `node` itself: not those of its <langSet>s or terms."""
    found = []
    for child in node:
        name = local_name(child)
        if name in _GROUPS:
            found += _meta(child)
        elif name in _META_KINDS:
            found.append(_Meta(name, child.get("type"), _text(child), child.sourceline))
    return found


def _text(element: etree._Element) -> str:
    text = "".join(element.itertext())
    return text.strip() if xml_space(element) == "preserve" else " ".join(text.split())


def _tbx_entry(problems: _Problems, source: _Term, target: _Term, concept: list[_Meta],
               source_level: list[_Meta], set_level: list[_Meta]) -> GlossaryEntry | None:
    status = _tbx_status(problems, target.meta)
    if status is None:
        return None
    notes = [m.text for m in (*concept, *source_level, *set_level, *target.meta)
             if m.text and (m.kind == "note" or m.kind == "descrip" and m.type in _NOTE_DESCRIPS)]
    pos = _first(target.meta, "partOfSpeech") or _first(source.meta, "partOfSpeech")
    domain = (_first(target.meta, "subjectField") or _first(set_level, "subjectField")
              or _first(concept, "subjectField"))
    needed = _first((*concept, *set_level, *target.meta), "Translation needed")
    entry = GlossaryEntry(
        term=source.text, translation=target.text, status=status,
        note="\n".join(dict.fromkeys(notes)), pos=pos, domain=domain,
        region=_first(target.meta, "geographicalUsage"),
        case_sensitive=_flag(target.meta, "x-caseSensitive"),
        dnt=_flag(target.meta, "x-doNotTranslate") or (needed or "").lower() == "no")
    for name in ("term", "translation", "note"):
        try:
            check_characters(getattr(entry, name))
        except InvalidValue as error:
            problems.report(target.line, f"<{'note' if name == 'note' else 'term'}>",
                            message_of(error))
            return None
    return entry


def _tbx_status(problems: _Problems, meta: list[_Meta]) -> str | None:
    """The target term's status; None after reporting an unknown one."""
    if _flag(meta, "x-forbidden"):
        return "forbidden"
    found = next((m for m in meta if m.type == "administrativeStatus"), None) or \
        next((m for m in meta if m.type == "normativeAuthorization"), None)
    if found is None:
        return "preferred"
    try:
        return normalise_status(found.text)
    except ValueError as error:
        problems.report(found.line, f'<{found.kind} type="{found.type}">', message_of(error))
        return None


def _first(meta: tuple[_Meta, ...] | list[_Meta], type_: str) -> str | None:
    return next((m.text for m in meta if m.type == type_ and m.text), None)


def _flag(meta: list[_Meta], type_: str) -> bool:
    return (_first(meta, type_) or "").lower() in ("yes", "true", "1")


# ---------------------------------------------------------------------------------- TBX out

def tbx_document(glossary: GlossaryFile) -> etree._Element:
    """A fresh TBX-Basic-like document: one <termEntry> per source term, its renderings as the
    <tig>s of the target <langSet>. xml:space="preserve" keeps notes' line breaks."""
    martif = etree.Element("martif", {"type": "TBX", XML_LANG: glossary.source_lang,
                                      XML_SPACE: "preserve"})
    header = etree.SubElement(martif, "martifHeader")
    source_desc = etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc")
    etree.SubElement(source_desc, "p").text = "Exported by Review Desk"
    encoding = etree.SubElement(header, "encodingDesc")
    etree.SubElement(encoding, "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(martif, "text"), "body")
    by_term: dict[str, list[GlossaryEntry]] = {}
    for entry in glossary.entries:
        by_term.setdefault(entry.term, []).append(entry)
    for number, (term, entries) in enumerate(by_term.items(), start=1):
        _term_entry(body, f"c{number}", term, entries, glossary)
    return martif


def _term_entry(body: etree._Element, ident: str, term: str, entries: list[GlossaryEntry],
                glossary: GlossaryFile) -> None:
    element = etree.SubElement(body, "termEntry", id=ident)
    domains = {entry.domain for entry in entries}
    shared_domain = next(iter(domains)) if len(domains) == 1 else None
    if shared_domain:  # TBX-Basic keeps subjectField on the entry; per term only when they differ
        _sub(element, "descrip", "subjectField", shared_domain)
    source_tig = etree.SubElement(_lang_set(element, glossary.source_lang), "tig")
    etree.SubElement(source_tig, "term").text = term
    poses = {entry.pos for entry in entries}
    if len(poses) == 1 and entries[0].pos:
        _sub(source_tig, "termNote", "partOfSpeech", entries[0].pos)
    target_set = _lang_set(element, glossary.target_lang)
    for entry in entries:
        _target_tig(target_set, entry, None if len(domains) == 1 else entry.domain)


def _lang_set(parent: etree._Element, language: str) -> etree._Element:
    return etree.SubElement(parent, "langSet", {XML_LANG: language})


def _target_tig(lang_set: etree._Element, entry: GlossaryEntry, domain: str | None) -> None:
    tig = etree.SubElement(lang_set, "tig")  # TBX order: term, termNote*, descrip*, note*
    etree.SubElement(tig, "term").text = entry.translation
    _sub(tig, "termNote", "partOfSpeech", entry.pos)
    _sub(tig, "termNote", "administrativeStatus", _TBX_STATUS[entry.status])
    _sub(tig, "termNote", "geographicalUsage", entry.region)
    _sub(tig, "termNote", "x-forbidden", "yes" if entry.status == "forbidden" else None)
    _sub(tig, "termNote", "x-caseSensitive", "yes" if entry.case_sensitive else None)
    _sub(tig, "termNote", "x-doNotTranslate", "yes" if entry.dnt else None)
    _sub(tig, "descrip", "subjectField", domain)
    if entry.note:
        etree.SubElement(tig, "note").text = entry.note


def _sub(parent: etree._Element, tag: str, type_: str, text: str | None) -> None:
    if text:
        etree.SubElement(parent, tag, type=type_).text = text


def _write_tbx(stream: IO[bytes], root: etree._Element) -> None:
    stream.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                                doctype='<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">'))
