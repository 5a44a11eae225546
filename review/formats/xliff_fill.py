"""An XLIFF export that fills HQ's own document (as Okapi, OmegaT and Weblate merge a
translated file back into its skeleton) instead of building a new one.

`FilledDocument(data, file).filled(rows, stream)` takes the bytes of the XLIFF file a batch was
imported from (kept by the import, see review/xliff_documents.py) and the export rows of posts
that came from it, and returns the same document with, for each post, its unit (1.x
<trans-unit>, 2.0 <segment>, found by HQ's id as the import formed it:
xliff_format.unit_external_id):
- its target: left exactly as it was when the approved text is the text the import read from
  it; the source's content when the unit had no target (or one without words) and the post
  was approved unchanged; else the approved text (Trados's empty segments: the draft the
  import took from <seg-source>), inline codes restored (inline_codes.fill), between the whitespace the
  original target (or, without one, the source) had at its ends: the post's text is trimmed
  for the reviewer, the ends come back from here;
- its state: 1.x `approved="yes"` and target `state` (final, or signed-off); 2.0 the segment's
  `state="final"` (and `subState="rd:signed-off"`), as the built export sets them;
- the review notes the built export writes (1.x <note from>, 2.0 <note category="review">/
  "hq"), those the unit holds already left out;
- a target language where the document named none, or no language code (1.x <file
  target-language>, 2.0 trgLang).
Everything else (the declaration's encoding, comments, namespaces, header, groups, metadata,
skeleton, alt-trans, context groups, units not exported, their order) is written as it was.

The bytes are parsed by the project's checked parser (xmlsafe.parse_xml: entities and network
off, bounded), and by translate-toolkit as the import read them, so each unit's id and text are
the import's (one parse at a time, as the import does); a document that no longer parses
raises ImportFailed (the caller names it).
"""
from __future__ import annotations

import copy
import gc
import re
from typing import IO, Any

from lxml import etree

from ..errors import ImportFailed, Problem
from ..languages import normalise_language
from ..texts import said
from .xliff_format import (
    HQ,
    XLIFF12_NS,
    XML_SPACE,
    _skip_reason,
    _texts,
    unit_external_id,
    xliff_version,
)
from .xliff_write import _fill, _xliff_state, check_xml_text
from .xmlsafe import parse_xml

_LINE_BREAK = re.compile(r"\r\n?")
_LEADING, _TRAILING = re.compile(r"^\s*"), re.compile(r"\s*$")


class FilledDocument:
    """One of HQ's XLIFF documents: which posts' units it holds, and the bytes of it with
    posts written in. Raises ImportFailed when `data` is no XLIFF the import would read (the
    caller names the kept copy it came from). Like the import, it never holds two parses at
    once: checked, read by translate-toolkit (ids and texts), then parsed for writing."""

    def __init__(self, data: bytes, file: str):
        self.file = file
        self.version = xliff_version(parse_xml(data, file, root="xliff").getroot())
        tag, units = _units_read(data, self.version, file)
        # translate-toolkit's store and its units refer to each other: only the cycle collector
        # frees them, and until it runs the tree below would be built beside them (a 47 MB
        # file's export peaked at 1,133 MB, past the 1 GB any file may take).
        gc.collect()
        self._tree = parse_xml(data, file, root="xliff")
        ours = list(self._tree.getroot().iterdescendants(tag)) if tag else []
        # Both parse the same checked bytes with entities off: only a changed library could
        # make them disagree, and then no unit may be written into another's place.
        assert len(ours) == len(units), "translate-toolkit and lxml see different units"
        self._units = {read[0]: (element, read) for element, read in zip(ours, units)
                       if read is not None}

    def holds(self, external_ids: set[str]) -> set[str]:
        """Those of `external_ids` that name a unit of the document."""
        return external_ids & self._units.keys()

    def filled(self, rows: list[dict[str, Any]], stream: IO[bytes]) -> None:
        """Write into `stream` the document with each row's post written into its unit (see
        above): rows whose units it `holds` (xliff_documents chose it for that); InvalidInput
        (xliff_write) for a text or codes that cannot be written. Written straight into the
        stream: the bytes of a large document are not held a second time."""
        check_xml_text(rows)
        for row in rows:
            element, (_, source, target) = self._units[row["external_id"]]
            _write_post(element, source, target, row, self.version)
        docinfo = self._tree.docinfo  # standalone: lxml says False when it was not declared
        self._tree.write(stream, encoding=docinfo.encoding or "UTF-8", xml_declaration=True,
                         standalone=docinfo.standalone or None)


def _units_read(data: bytes, version: str, file: str) -> tuple[str | None, list]:
    """(the units' tag, [(HQ's id, source text, target text) of each unit, None for a header
    unit and for one the import left out]) in document order, as read_xliff reads and names
    them (translate-toolkit's units are the document's <trans-unit>s or <segment>s, depth
    first: the n-th is the n-th element of that tag in any parse of the bytes). Only the units
    the import made posts of are named: a translate="no" unit may share a reviewed unit's id
    (the import checks only its posts' ids), and must not take that post's text."""
    from translate.storage.xliff import xlifffile
    from translate.storage.xliff2 import Xliff2File

    try:
        store = Xliff2File.parsestring(data) if version == "2.0" else xlifffile.parsestring(data)
    except Exception as error:  # as in read_xliff: translate-toolkit raises many kinds
        raise ImportFailed([Problem(file, None, None, said(
            "xliff-unreadable", version=version, detail=str(error)))]) from None
    if not store.units:
        return None, []
    scoped = version == "2.0" and len(store.document.getroot().findall("{*}file")) > 1
    units: list = []
    number = 0
    for unit in store.units:
        if unit.isheader():  # read_xliff numbers the units that are not headers
            units.append(None)
            continue
        number += 1
        source, target, _ = _texts(unit, unit.xmlelement)
        if _skip_reason(unit.xmlelement, {"source_text": source}):
            units.append(None)
            continue
        # trimmed, as the import trims HQ's id (rows.normalise_field): " a1 " is the post a1
        external_id = unit_external_id(unit, version, number, scoped).strip()
        units.append((external_id, source, target))
    return store.units[0].xmlelement.tag, units


def _write_post(element: etree._Element, read_source: str, read_target: str,
                row: dict[str, Any], version: str) -> None:
    """`read_source`, `read_target`: the unit's texts as the import read them."""
    namespace = etree.QName(element).namespace
    source = element.find(_tag(namespace, "source"))
    target = element.find(_tag(namespace, "target"))
    # A target of only codes (Trados's empty segments) is no translation: the import took the
    # source as segmented for the draft, which goes into the target's segments like a rewrite.
    had_target = target is not None and bool("".join(target.itertext()).strip())
    if target is None:
        target = _new_target(element, source, namespace, version)
    if had_target and row["final_text"] == _as_imported(read_target):
        pass  # approved as HQ's target stood: its markup and whitespace stay exactly as they were
    elif not had_target and row["final_text"] == _as_imported(read_source):
        _copy_content(source, target)
    else:
        ends = _ends(target if had_target else source)
        _clear(target)
        _fill(target, row, "final_text", row.get("codes") or {})
        _into_namespace(target, namespace)
        _put_ends(target, ends)
    _set_state(element, target, row, version)
    _set_target_language(element, row, version)
    _add_notes(element, row, version, namespace)


def _tag(namespace: str | None, name: str) -> str:
    """An element's tag in the document's namespace (an XLIFF 1.0 file may have none)."""
    return f"{{{namespace}}}{name}" if namespace else name


def _as_imported(text: str) -> str:
    """A text as the import stored it (rows.normalise_field: line breaks as \\n, ends trimmed)."""
    return _LINE_BREAK.sub("\n", text).strip()


def _new_target(element: etree._Element, source: etree._Element, namespace: str,
                version: str) -> etree._Element:
    """A <target> in its place: after <source> (1.x: and after <seg-source>), taking the
    source's xml:space (2.0 allows it on both)."""
    target = etree.Element(_tag(namespace, "target"))
    if version == "2.0" and source.get(XML_SPACE) is not None:
        target.set(XML_SPACE, source.get(XML_SPACE))
    after = element.find(_tag(namespace, "seg-source"))
    (after if after is not None else source).addnext(target)
    target.tail = source.tail
    return target


def _copy_content(source: etree._Element, target: etree._Element) -> None:
    """The source's text and inline elements, as they are, into the (empty) target."""
    _clear(target)
    target.text = source.text
    for child in source:
        target.append(copy.deepcopy(child))


def _clear(element: etree._Element) -> None:
    element.text = None
    for child in list(element):
        element.remove(child)


def _ends(element: etree._Element) -> tuple[str, str]:
    """The whitespace at the start and at the end of an element's content ("", "" when it
    holds nothing but whitespace)."""
    first = element.text or ""
    last = (element[-1].tail or "") if len(element) else first
    if not len(element) and not first.strip():
        return "", ""
    return _LEADING.match(first).group(), _TRAILING.search(last).group()


def _put_ends(element: etree._Element, ends: tuple[str, str]) -> None:
    lead, trail = ends
    element.text = lead + (element.text or "")
    if len(element):
        element[-1].tail = (element[-1].tail or "") + trail
    else:
        element.text += trail


def _into_namespace(target: etree._Element, namespace: str | None) -> None:
    """Codes are kept in the XLIFF 1.2 namespace (inline_codes: 1.0/1.1 go out as 1.2); a 1.0
    or 1.1 document takes them back into its own (or into none, as it has none)."""
    if namespace == XLIFF12_NS:
        return
    for node in target.iterdescendants():
        if isinstance(node.tag, str) and etree.QName(node).namespace == XLIFF12_NS:
            node.tag = _tag(namespace, etree.QName(node).localname)
    etree.cleanup_namespaces(target)


def _set_state(element: etree._Element, target: etree._Element, row: dict[str, Any],
               version: str) -> None:
    if version == "2.0":
        element.set("state", "final")
        if row.get("signed_off_by"):
            element.set("subState", "rd:signed-off")
        elif element.get("subState") == "rd:signed-off":
            del element.attrib["subState"]
        return
    element.set("approved", "yes")
    target.set("state", _xliff_state(row))


def _set_target_language(element: etree._Element, row: dict[str, Any], version: str) -> None:
    """A document that named no target language, or one that is no language code (OmegaT's
    `xx`: the import was told the language instead), names the posts' language now: a target
    in a file of no target language is not valid XLIFF."""
    if version == "2.0":
        holder, attribute = element.getroottree().getroot(), "trgLang"
    else:
        holder, attribute = next(element.iterancestors("{*}file"), None), "target-language"
    if holder is not None and not is_language(holder.get(attribute) or ""):
        holder.set(attribute, row["target_lang"])


def is_language(value: str) -> bool:
    """Whether a file's language attribute is a language code (as the import decides)."""
    try:
        normalise_language(value)
    except ValueError:
        return False
    return True


def _add_notes(element: etree._Element, row: dict[str, Any], version: str,
               namespace: str) -> None:
    """The review notes the built export writes, those already in the unit left out."""
    wanted = [(origin, (text or "").strip()) for origin, text in row.get("review_notes", ())]
    wanted = [(origin, text) for origin, text in wanted if text]
    if not wanted:
        return
    if version == "2.0":
        _add_notes20(element.getparent(), wanted, namespace)
        return
    have = {(n.get("from") or "", (n.text or "").strip())
            for n in element.iterfind(_tag(namespace, "note"))}
    # after the unit's last XLIFF element: extensions (Trados's sdl:) come last in a unit
    last = [c for c in element
            if isinstance(c.tag, str) and etree.QName(c).namespace == namespace][-1]
    for origin, text in wanted:
        if (origin or "", text) in have:
            continue
        note = etree.Element(_tag(namespace, "note"), {"from": origin} if origin else {})
        note.text = text
        note.tail = last.tail
        last.addnext(note)
        last = note
        have.add((origin or "", text))


def _add_notes20(unit: etree._Element, wanted: list[tuple[str, str]], namespace: str) -> None:
    """Into the unit's <notes> (made where the schema wants it: after the modules' elements,
    before <originalData> and the segments) as categories `hq` and `review`."""
    notes = unit.find(_tag(namespace, "notes"))
    if notes is None:
        notes = etree.Element(_tag(namespace, "notes"))
        later = next(c for c in unit if isinstance(c.tag, str) and etree.QName(c).localname in
                     ("originalData", "segment", "ignorable"))
        later.addprevious(notes)
    have = {(n.get("category") or "", (n.text or "").strip()) for n in notes}
    for origin, text in wanted:
        category, text = ("hq", text) if origin == HQ else ("review", f"{origin}: {text}")
        if (category, text) not in have:
            etree.SubElement(notes, _tag(namespace, "note"), category=category).text = text
            have.add((category, text))
