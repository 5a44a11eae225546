"""TBX glossaries in and out (see glossary_files.py for what is read and written)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import IO, NamedTuple

from lxml import etree

from ..errors import ImportFailed, Problem
from ..languages import normalise_language
from ..model import GlossaryEntry
from ..texts import Said, message_of, said
from .glossary_common import MAX_ENTRIES, GlossaryFile, Problems, normalise_status
from .rows import InvalidValue, check_characters
from .xmlsafe import (XML_LANG, XML_SPACE, expect_root, lisa_units, local_name, parse_xml, refuse,
                      xml_lang, xml_space)

_TBX_STATUS = {"preferred": "preferredTerm-admn-sts", "allowed": "admittedTerm-admn-sts",
               "deprecated": "deprecatedTerm-admn-sts", "forbidden": "deprecatedTerm-admn-sts"}
_NOTE_DESCRIPS = ("definition", "context", "explanation")


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


# TBX 3 (ISO 30042:2019), DCA style (TBX-Basic, TBX-Core): the same data categories as TBX 2008
# in elements with other names, so a TBX 3 tree is read as the TBX 2008 one it maps onto.
TBX3_NAMES = {"conceptEntry": "termEntry", "langSec": "langSet", "termSec": "tig"}


def read_tbx(data: bytes, file: str, source: str | None, target: str | None) -> GlossaryFile:
    tree = parse_xml(data, file, cost_as="martif")
    root = tree.getroot()
    if local_name(root) == "tbx":
        _as_tbx2008(file, root)
    else:
        expect_root(tree, file, "martif")
    problems = Problems(file)
    concepts = [(entry, _language_sets(problems, lang_sets))
                for entry, lang_sets in lisa_units(root, "termEntry", "langSet")]
    problems.raise_any()
    in_file = list(dict.fromkeys(lang for _, sets in concepts for lang, _ in sets))
    source_in_file, target_in_file = choose_languages(file, in_file, source, target)
    entries: list[GlossaryEntry] = []
    skipped: list[str] = []  # concepts without a term in both languages, by id (else line)
    for element, sets in concepts:
        found = _concept_entries(problems, element, sets, source_in_file, target_in_file)
        entries += found
        if not found:
            skipped.append(element.get("id") or f"line {element.sourceline}")
        if len(entries) > MAX_ENTRIES:
            problems.report(element.sourceline, None,
                            said("glossary-too-many-entries", limit=MAX_ENTRIES))
            break
    if not problems.problems and not entries:
        problems.report(None, None, said("tbx-no-shared-terms", source=source_in_file,
                                         target=target_in_file))
    problems.raise_any()
    return GlossaryFile(source or source_in_file, target or target_in_file, entries,
                        len(skipped), tuple(skipped), len(concepts))


def _as_tbx2008(file: str, root: etree._Element) -> None:
    """Rename a TBX 3 DCA tree's elements to their TBX 2008 names, in place; a DCT file (data
    categories as namespaced elements) is refused, saying so."""
    if (root.get("style") or "dca").lower() != "dca":
        refuse(file, said("tbx3-dct", style=root.get("style")))
    for element in root.iter():
        name = local_name(element)
        if name in TBX3_NAMES:
            element.tag = etree.QName(etree.QName(element).namespace, TBX3_NAMES[name]).text


def _language_sets(problems: Problems, nodes: list[etree._Element]
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


def _concept_entries(problems: Problems, element: etree._Element,
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


def _tbx_entry(problems: Problems, source: _Term, target: _Term, concept: list[_Meta],
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


def _tbx_status(problems: Problems, meta: list[_Meta]) -> str | None:
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


def write_tbx(stream: IO[bytes], root: etree._Element) -> None:
    doctype = '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">' if root.tag == "martif" else None
    stream.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                                doctype=doctype))


TBX3_NS = "urn:iso:std:iso:30042:ed-2"
_TBX3_TAGS = {"martifHeader": "tbxHeader", **{old: new for new, old in TBX3_NAMES.items()}}


def as_tbx3(martif: etree._Element) -> etree._Element:
    """The TBX 2008 document as TBX 3 (ISO 30042:2019), TBX-Basic dialect, DCA style: <tbx>
    in the TBX 3 namespace, conceptEntry/langSec/termSec; TBX 3 has no XCS reference."""
    root = etree.Element(f"{{{TBX3_NS}}}tbx", {"type": "TBX-Basic", "style": "dca",
                                               XML_LANG: martif.get(XML_LANG)},
                         nsmap={None: TBX3_NS})
    root.set(XML_SPACE, "preserve")
    for child in martif:
        root.append(child)
    for encoding in root.iter("encodingDesc"):
        encoding.getparent().remove(encoding)
    for element in root.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            element.tag = f"{{{TBX3_NS}}}{_TBX3_TAGS.get(element.tag, element.tag)}"
    return root
