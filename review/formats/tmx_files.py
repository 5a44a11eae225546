"""TMX translation memories: read any TMX 1.4 (or 1.1) file into memory units; write TMX 1.4.

Reading (`read_tmx`), as a caller sees it:
- the file is checked and parsed by `xmlsafe` (no entities, well-formed, root <tmx>, not more
  elements than a file of its size may hold); its <tu> and <tuv> are found as translate-toolkit
  finds them (`xmlsafe.lisa_units`); every <tuv> of a <tu> is used, with its xml:lang (TMX 1.1's
  `lang` too);
- the source of a <tu> is the <tuv> in its `srclang`, else the header's `srclang`, else (with
  `*all*`, or when no <tuv> has that language) its first <tuv>; every other <tuv> makes one
  unit source -> that language, so a <tu> in three languages gives two units;
- language codes are normalised (`DE-DE` -> `de-DE`); a code that is not one is a problem;
- a segment's text is its plain text: the native codes of the inline markup (<bpt>, <ept>,
  <it>, <ph>, <ut>, and any <sub> inside them) are dropped with their content, because they hold
  the formatting codes of another tool (`{\\b }`, `<br/>`), not words; the text of <hi> is kept.
  A segment with inline codes also keeps its <seg> as the file wrote it (`source_seg`,
  `target_seg`), which a memory export writes back instead of the text;
  Whitespace is kept exactly (tabs, runs of spaces, line breaks; characters outside the BMP too)
  unless the segment is inside xml:space="default", where runs collapse to one space;
- `creationdate` (of the target <tuv>, else the <tu>) becomes `created` as ISO 8601 UTC
  (`20240102T030405Z` -> `2024-01-02T03:04:05Z`); a date in another form is ignored, and so is
  the header's (it says when the file was made, not the translation);
- a pair whose source or target text is empty (or only whitespace), or a <tu> with fewer than
  two <tuv>, is left out and counted in `TmxFile.skipped`; a file with no usable pair is refused.

Writing (`write_tmx`) builds a fresh TMX 1.4 document with lxml, never re-saving a file that
was read: header srclang is the units' common source language (`*all*` when they differ, and
then each <tu> has its own srclang), each <tu> holds a source and a target <tuv>, and
`creationdate` when the unit has a time.
"""
from __future__ import annotations

import copy
import functools
import importlib.metadata
import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from lxml import etree

from ..errors import ImportFailed, InvalidInput, Problem
from ..languages import normalise_language
from ..model import MemoryUnit
from ..texts import Said, message_of, said
from .atomic import write_atomically
from .xmlsafe import (XML_LANG, XML_SPACE, indent_around, lisa_units, local_name, parse_xml,
                      read_file, xml_space, xml_unwritable)

# Inline elements that hold another tool's native codes rather than text; see the docstring.
NATIVE_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})
ALL_LANGUAGES = "*all*"
_TMX_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z")
_WHITESPACE = re.compile(r"[ \t\r\n]+")
try:
    _VERSION = importlib.metadata.version("review-desk")
except importlib.metadata.PackageNotFoundError:  # running from a source tree
    _VERSION = "dev"


@dataclass(frozen=True)
class TmxFile:
    units: list[MemoryUnit]
    skipped: int  # source/target pairs left out because one side has no text


# ---------------------------------------------------------------------------------- reading

def read_tmx(path: str | os.PathLike[str]) -> TmxFile:
    """Every source -> target pair of a TMX file, or ImportFailed listing every problem."""
    file = os.fspath(path)
    root = parse_xml(read_file(file), file, root="tmx").getroot()
    reader = _TuReader(file, Path(file).name, root.find("header"))
    for tu, tuvs in lisa_units(root, "tu", "tuv"):
        reader.read(tu, tuvs)
    return reader.result()


class _TuReader:
    """Turns <tu> elements into memory units and gathers the problems of one file."""

    def __init__(self, file: str, origin: str, header: etree._Element | None):
        self.file = file
        self.origin = origin
        self.srclang = header.get("srclang") if header is not None else None
        self.units: list[MemoryUnit] = []
        self.problems: list[Problem] = []
        self.skipped = 0

    def read(self, tu: etree._Element, tuvs: list[etree._Element]) -> None:
        variants = [v for v in (self._variant(tuv) for tuv in tuvs) if v is not None]
        if len(variants) != len(tuvs):
            return  # the problem is reported; the rest of the <tu> would only add noise
        if len(variants) < 2:
            self.skipped += 1
            return
        source = _pick_source(variants, tu.get("srclang") or self.srclang)
        for target in variants:
            if target is source or target[0] == source[0]:
                continue
            if not source[1].strip() or not target[1].strip():
                self.skipped += 1
                continue
            created = target[2].get("creationdate") or tu.get("creationdate")
            self.units.append(MemoryUnit(source[0], target[0], source[1], target[1],
                                         self.origin, iso_date(created),
                                         _seg_markup(source[2]), _seg_markup(target[2])))

    def result(self) -> TmxFile:
        if not self.problems and not self.units:
            self.problems.append(Problem(self.file, None, None,
                                         said("tmx-no-units", skipped=self.skipped)))
        if self.problems:
            raise ImportFailed(self.problems)
        return TmxFile(self.units, self.skipped)

    def _variant(self, tuv: etree._Element) -> tuple[str, str, etree._Element] | None:
        """(language, text, tuv), or None after reporting what is wrong with the <tuv>."""
        raw = tuv.get(XML_LANG) or tuv.get("lang")  # `lang`: TMX 1.1
        segs = [child for child in tuv if local_name(child) == "seg"]
        if not raw:
            return self._report(tuv, said("tuv-without-language"))
        try:
            language = _language(raw)
        except ValueError as error:
            return self._report(tuv, said("xml-lang", problem=message_of(error)))
        if len(segs) != 1:
            return self._report(tuv, said("tuv-seg-count", count=len(segs)))
        return language, segment_text(segs[0]), tuv

    def _report(self, element: etree._Element, message: Said) -> None:
        self.problems.append(Problem(self.file, element.sourceline, "<tuv>", message))
        return None


@functools.lru_cache(maxsize=256)  # a memory uses a handful of codes, 100,000 times over
def _language(tag: str) -> str:
    return normalise_language(tag)


def _pick_source(variants: list[tuple[str, str, etree._Element]],
                 srclang: str | None) -> tuple[str, str, etree._Element]:
    """The variant in `srclang` (exactly, else by primary language when only one matches);
    the first variant when there is none or `srclang` is `*all*`."""
    try:
        wanted = _language(srclang) if srclang and srclang != ALL_LANGUAGES else None
    except ValueError:
        wanted = None  # a header we cannot read does not make the segments unusable
    if wanted is None:
        return variants[0]
    exact = [v for v in variants if v[0] == wanted]
    primary = [v for v in variants if v[0].split("-")[0] == wanted.split("-")[0]]
    if exact:
        return exact[0]
    return primary[0] if len(primary) == 1 else variants[0]


def _seg_markup(tuv: etree._Element) -> str | None:
    """The <seg> of a <tuv> as the file wrote it, when it holds inline codes; else None (its
    text says everything)."""
    seg = next(child for child in tuv if local_name(child) == "seg")
    if not any(isinstance(child.tag, str) for child in seg.iterdescendants()):
        return None
    copied = copy.deepcopy(seg)
    copied.tail = None
    etree.strip_tags(copied, etree.Comment, etree.ProcessingInstruction)  # not the segment's
    if xml_space(seg) and copied.get(XML_SPACE) is None:  # as it was read, wherever it goes
        copied.set(XML_SPACE, xml_space(seg))
    return etree.tostring(copied, encoding="unicode", with_tail=False)


def seg_valid(markup: object) -> bool:
    """Whether `markup` is a <seg> as a TMX import keeps it (a package may bring anything): one
    <seg> element of no namespace whose elements have none either, no DTD, comment or
    processing instruction. (Its size is bounded by the package's line.)"""
    if not isinstance(markup, str) or "<!" in markup or "<?" in markup:
        return False
    try:
        seg = etree.fromstring(markup, _SEG_PARSER)
    except etree.XMLSyntaxError:
        return False
    return seg.tag == "seg" and all(isinstance(e.tag, str) and not e.tag.startswith("{")
                                    for e in seg.iterdescendants())


def segment_text(seg: etree._Element) -> str:
    """Plain text of a <seg>; see the module docstring for what is kept."""
    text = _flatten(seg)
    if xml_space(seg) == "default":  # only when asked: TMX tools keep a segment's spaces
        return _WHITESPACE.sub(" ", text).strip()
    return text


def _flatten(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        name = local_name(child)
        if name is not None and name not in NATIVE_CODES:
            parts.append(_flatten(child))  # <hi> and any element we do not know: its text
        parts.append(child.tail or "")
    return "".join(parts)


def iso_date(value: str | None) -> str | None:
    """`20240102T030405Z` -> `2024-01-02T03:04:05Z`; None for anything else."""
    match = _TMX_DATE.fullmatch(value.strip()) if value else None
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:  # 20241340T..., a day that does not exist
        return None
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}Z"


# ---------------------------------------------------------------------------------- writing

def write_tmx(path: str | os.PathLike[str], units: list[MemoryUnit]) -> None:
    """Write `units` as a fresh TMX 1.4 file, atomically (no half-written file on error).

    Raises InvalidInput, before writing anything, for a unit with an empty text, a text XML
    cannot hold, or a language code that is not one; OSError when the folder cannot be written.
    """
    checked = [_checked(number, unit) for number, unit in enumerate(units, start=1)]
    document = tmx_document(checked)
    write_atomically(path, lambda stream: _serialise(stream, document))


def write_tmx_stream(stream: IO[bytes], units: list[MemoryUnit]) -> None:
    """Check `units` (as write_tmx does) and write them as TMX 1.4 to `stream`."""
    _serialise(stream, tmx_document([_checked(n, unit) for n, unit in enumerate(units, start=1)]))


def _checked(number: int, unit: MemoryUnit) -> MemoryUnit:
    try:
        source_lang = _language(unit.source_lang)
        target_lang = _language(unit.target_lang)
    except ValueError as error:
        raise InvalidInput(said("memory-unit-language", number=number,
                                why=message_of(error))) from None
    for name, text in (("source", unit.source_text), ("target", unit.target_text)):
        if not text.strip():
            raise InvalidInput(said("memory-unit-empty", number=number, side=name))
        problem = xml_unwritable(text)
        if problem:
            raise InvalidInput(said("memory-unit-unwritable", number=number, side=name,
                                    problem=problem))
    return MemoryUnit(source_lang, target_lang, unit.source_text, unit.target_text,
                      unit.origin, unit.created, unit.source_seg, unit.target_seg)


_SEG_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def tmx_document(units: list[MemoryUnit]) -> etree._Element:
    sources = Counter(unit.source_lang for unit in units)
    srclang = next(iter(sources)) if len(sources) == 1 else ALL_LANGUAGES
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "Review Desk", "creationtoolversion": _VERSION,
        "datatype": "plaintext", "segtype": "sentence", "adminlang": "en", "srclang": srclang,
        "o-tmf": "Review Desk",
        "creationdate": tmx_date(datetime.now(timezone.utc).isoformat())})
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu")
        if srclang == ALL_LANGUAGES:
            tu.set("srclang", unit.source_lang)
        date = tmx_date(unit.created)
        if date:
            tu.set("creationdate", date)
        for language, text, seg in ((unit.source_lang, unit.source_text, unit.source_seg),
                                    (unit.target_lang, unit.target_text, unit.target_seg)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            if seg:  # a TMX's segment with its inline codes, as that file had it
                tuv.append(etree.fromstring(seg, _SEG_PARSER))
            else:
                etree.SubElement(tuv, "seg").text = text
    return root


def tmx_date(value: str | None) -> str | None:
    """ISO 8601 (a time without an offset is taken as UTC) -> `YYYYMMDDTHHMMSSZ`, else None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return (f"{moment.year:04d}{moment.month:02d}{moment.day:02d}T"  # strftime is 5x slower
            f"{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z")


def _serialise(stream: IO[bytes], root: etree._Element) -> None:
    indent_around(root, root.iter("seg"))  # a segment's codes and spaces as they are
    stream.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">') + b"\n")
