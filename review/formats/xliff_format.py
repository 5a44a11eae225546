"""XLIFF 1.2 and 2.0: batches read from CAT tools' files, approved posts written back for HQ.

Reading (`read_xliff`), as a caller sees it:
- the file is checked by `xmlsafe` first (no entity declarations, well-formed, root <xliff>),
  then the version is sniffed from the root (`version`, else the namespace): translate-toolkit's
  `.xlf` factory refuses XLIFF 2.0, so 1.x goes to `xlifffile` and 2.x to `Xliff2File`;
- each translation unit (1.x <trans-unit>, 2.0 <segment>) becomes one post: id = the unit's id
  (2.0 multi-segment units: `unit::segment`, as translate-toolkit names them; a 1.x unit without
  an id: `<file original>#n`), source = its source text, draft = its target text. A unit without
  a target (a file HQ has not translated yet) gets its source text as the draft, so the
  reviewer writes the translation as a rewrite and the "same as source" check flags it;
- languages come from each <file> (1.x `source-language`/`target-language`) or the root (2.0
  `srcLang`/`trgLang`); `target_lang` fills in a file that does not say its target language;
- XLIFF says nothing about social-media platforms: a unit's platform is the one Review Desk
  wrote on export (1.2: <context context-type="x-platform">; 2.0: <note category="platform">),
  else `platform`; without either the file is refused, saying to choose a platform. The same
  holds for scheduled time, link and media note (optional), and HQ's notes (note from="HQ" /
  category="hq").

Writing: xliff_write.py builds a new document; xliff_fill.py fills HQ's own.
"""
from __future__ import annotations

import io
import re
from typing import Any

from lxml import etree

from ..errors import ImportFailed, Problem
from ..languages import normalise_language
from ..model import MAX_TOOL_NOTE, MAX_TOOL_NOTES
from . import DraftPost
from .bounds import allowance
from .inline_codes import TooManyCodes, has_codes, has_words, unit_texts
from .placeholders import PLACEHOLDER
from .rows import PostCollector, skipped_words
from .xliff_files import HeadTooLarge, file_heads
from ..texts import message_of, said
from .xmlsafe import parse_xml

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TOOL = "Review Desk"
# Post fields that XLIFF has no place for, as Review Desk writes them (1.2 context type, 2.0 note
# category) and reads them back.
POST_FIELDS = (("platform", "x-platform", "platform"),
               ("scheduled_at", "x-scheduled-at", "scheduled-at"),
               ("link", "x-link", "link"),
               ("media_note", "x-media-note", "media-note"),
               # the post's pictures, named as HQ's batch named them ("a.jpg;photos/b.png")
               ("media", "x-media", "media"))
HQ = "HQ"
_NMTOKEN = re.compile(r"[\w.\-:]+")


# ---------------------------------------------------------------------------------- reading

def xliff_version(root: etree._Element) -> str:
    """"1.2" (any 1.x) or "2.0", from the root's version attribute, else its namespace."""
    version = (root.get("version") or "").strip()
    namespace = etree.QName(root).namespace or ""
    if version.startswith("2.") or (not version and namespace.endswith(":2.0")):
        return "2.0"
    return "1.2"


def document_version(data: bytes) -> str:
    """The XLIFF version of a document read_xliff has read (checked), from its root element
    alone: the import keeps the document under it."""
    events = etree.iterparse(io.BytesIO(data), events=("start",), resolve_entities=False,
                             no_network=True, load_dtd=False)
    return xliff_version(next(iter(events))[1])


def read_xliff(data: bytes, file: str, *, platform: str | None = None,
               target_lang: str | None = None, skipped: dict[str, int] | None = None,
               heads: list[dict[str, str]] | None = None) -> list[DraftPost]:
    """Posts of an XLIFF 1.x or 2.0 file, or ImportFailed listing every problem. `skipped`
    (if given) is told how many units were left out, by reason (SKIP_REASONS); `heads` (if
    given) receives the <file>s of a 2.0 document of several, without their units (see
    xliff_files.py), for the export to write them back."""
    # translate-toolkit's XLIFF modules take 0.2 s to import: only reading needs them
    from translate.storage.xliff import xlifffile
    from translate.storage.xliff2 import Xliff2File

    version = xliff_version(parse_xml(data, file, root="xliff").getroot())
    # the checked tree is dropped here: translate-toolkit builds its own (two at once took twice)
    try:
        store = Xliff2File.parsestring(data) if version == "2.0" else xlifffile.parsestring(data)
    except Exception as error:  # translate-toolkit raises ValueError, KeyError... on odd files
        raise ImportFailed([Problem(file, None, None, said(
            "xliff-unreadable", version=version, detail=str(error)))]) from None
    collector = PostCollector(file)
    units = [u for u in store.units if not u.isheader()]
    if not units:
        collector.report(None, None, said("xliff-no-units"))
    skipped = {} if skipped is None else skipped
    lacking: dict[str, list[int]] = {name: [] for name in (
        "xliff-no-target-language", "xliff-no-platform", "xliff-too-many-tool-notes",
        "xliff-tool-note-too-long")}
    budget = _NotesBudget(len(data), collector)
    unknown: dict[tuple[str, str], list[int]] = {}  # (side, the file's language) -> lines
    scoped = version == "2.0" and len(store.document.getroot().findall("{*}file")) > 1
    if scoped:
        _keep_heads(store.document.getroot(), collector, heads)
    for number, unit in enumerate(units, start=1):
        line = unit.xmlelement.sourceline or 0
        try:
            fields = _unit_fields(unit, version, number, target_lang, scoped)
        except TooManyCodes as error:
            collector.report(line, None, message_of(error))
            continue
        reason = _skip_reason(unit.xmlelement, fields)
        if reason:
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        fields.setdefault("platform", platform)
        if not fields["platform"]:
            lacking["xliff-no-platform"].append(line)
            fields["platform"] = "other"  # reported once below, for the whole file
        if not fields.get("target_lang"):
            lacking["xliff-no-target-language"].append(line)
            continue
        if not _languages_known(fields, target_lang, unknown, line):
            continue
        problem = budget.take(fields.get("tool_notes") or (), line)
        if problem:
            lacking[problem].append(line)
            continue
        collector.add(line, fields, {}, codes=fields.pop("codes", None),
                      tool_notes=fields.pop("tool_notes", None))
    for name, lines in lacking.items():  # each kind of problem once, with the units it concerns
        if lines:
            collector.report(lines[0], None, said(name, count=len(lines),
                                                  **_NOTE_LIMITS.get(name, {})))
    for (side, value), lines in unknown.items():
        collector.report(lines[0], None, said(f"xliff-unknown-{side}", value=value,
                                              count=len(lines)))
    if units and len(collector.posts) + len(collector.problems) == 0:
        collector.report(None, None, said("xliff-nothing-to-review", skipped=skipped_words(skipped)))
    return collector.result()


# What keeping one note with a post takes beyond three times its text (its dict, the import
# event's JSON, the post's row). Measured: 5,000 units each carrying 30 notes of 45 characters
# of their <file> peaked at 101 MB (a one-post import: 62-75 MB), about 200 bytes a note;
# three times that, as the file's own bytes are counted three times.
NOTE_COST = 600
_NOTE_LIMITS = {"xliff-too-many-tool-notes": {"limit": MAX_TOOL_NOTES},
                "xliff-tool-note-too-long": {"limit": MAX_TOOL_NOTE}}


class _NotesBudget:
    """Other tools' notes of a file's posts, bounded. A unit carries those of its <group>s and
    <file> too, so a file of N notes on its <file> and M units keeps N x M of them (5,000 of
    each, a file of 570 KB, took 80 s, 7 GB of memory and a database of 2.3 GB, and no work
    package could carry a post of them). So: at most MAX_TOOL_NOTES a unit, each at most
    MAX_TOOL_NOTE characters (a unit beyond either is a problem of the file, said once with
    its count), and all the notes the posts keep within what reading the file may take
    (bounds.allowance); past that, reading stops."""

    def __init__(self, size: int, collector: PostCollector):
        self.left, self.size, self.collector = allowance(size), size, collector

    def take(self, notes, line: int) -> str | None:
        """Count one unit's notes; the name of its problem, if it has one."""
        self.left -= sum(3 * sum(map(len, n.values())) + NOTE_COST for n in notes)
        if self.left < 0:
            self.collector.stop(line, said("xliff-tool-notes-too-large",
                                           limit=allowance(self.size) // 2**20))
        if len(notes) > MAX_TOOL_NOTES:
            return "xliff-too-many-tool-notes"
        if any(len(value) > MAX_TOOL_NOTE for n in notes for value in n.values()):
            return "xliff-tool-note-too-long"
        return None


def _languages_known(fields: dict[str, Any], target_lang: str | None,
                     unknown: dict[tuple[str, str], list[int]], line: int) -> bool:
    """Whether the unit's languages are language codes. They are the file's, so a bad one is
    said once for all its units (in `unknown`), not once a unit; a target language that is not
    one (OmegaT's test files say `xx`) gives way to --target-lang when the user gave it."""
    known = True
    for side in ("source", "target"):
        value = fields[f"{side}_lang"]
        try:
            normalise_language(value)
        except ValueError:
            if side == "target" and target_lang:
                fields["target_lang"] = target_lang
                continue
            unknown.setdefault((side, value), []).append(line)
            known = False
    return known


def _keep_heads(root: etree._Element, collector: PostCollector,
                heads: list[dict[str, str]] | None) -> None:
    try:
        found = file_heads(root)
    except HeadTooLarge as error:
        collector.report(None, None, message_of(error))
        return
    if heads is not None:
        heads.extend(found)


# Why a unit is not a post: the file says not to translate it (translate="no" on it or on the
# nearest <group>/<file> around it that says: Trados's structural units), or it holds no text to
# review (an empty <source/>, or only inline codes).
SKIP_REASONS = ("not-translatable", "no-text")


def _skip_reason(element: etree._Element, fields: dict[str, Any]) -> str | None:
    node = element
    while node is not None and node.get("translate") is None:  # the nearest one decides
        node = node.getparent()
    if node is not None and node.get("translate") == "no":
        return "not-translatable"
    return None if PLACEHOLDER.sub("", fields["source_text"]).strip() else "no-text"


def _unit_fields(unit, version: str, number: int, target_lang: str | None,
                 scoped: bool = False) -> dict[str, Any]:
    """`scoped`: an XLIFF 2.0 document of several <file>s, whose unit ids are unique only
    within their file: HQ's id is then `FILE-ID/UNIT-ID`."""
    element = unit.xmlelement
    external_id = unit_external_id(unit, version, number, scoped)
    if version == "2.0":
        unit_element = unit.getunitelement()
        source_lang = element.getroottree().getroot().get("srcLang")
        target = element.getroottree().getroot().get("trgLang")
        metadata = _notes_by_category(unit_element)
        tool_notes = _tool_notes20(unit_element)
    else:
        file_node = _ancestor(element, "file")
        source_lang = file_node.get("source-language") if file_node is not None else None
        target = file_node.get("target-language") if file_node is not None else None
        metadata = _contexts(element)
        metadata["hq"] = _notes_from(element, HQ)
        tool_notes = [_tool_note(n.get("from"), None, n.text) for n in element.iterchildren("{*}note")
                      if n.get("from") != HQ and (n.text or "").strip()]
    source, draft, codes = _texts(unit, element)
    draft = draft if has_words(draft) else source  # no target, or only spaces or codes: not
    # translated yet
    fields = {"id": external_id, "source_lang": source_lang or "", "source_text": source,
              "target_lang": target or target_lang or "", "draft_text": draft}
    if codes:
        fields["codes"] = codes
    if tool_notes:
        fields["tool_notes"] = tool_notes
    for name, context_type, category in POST_FIELDS:
        value = metadata.get(context_type if version != "2.0" else category)
        if value:
            fields[name] = value
    if metadata.get("hq"):
        fields["notes"] = metadata["hq"]
    return fields


def unit_external_id(unit, version: str, number: int, scoped: bool) -> str:
    """HQ's id of a unit (translate-toolkit's unit; `number`: its place among the document's
    units, from 1): 2.0 the unit's id (UNIT::SEGMENT for a segment of several; FILE/UNIT in a
    document of several files; the id a Review Desk export noted), 1.x the trans-unit's id,
    else `<file original>#n`. The export finds a post's unit in a kept document by it."""
    element = unit.xmlelement
    if version == "2.0":
        external_id = unit.getid() or f"unit-{number}"
        if scoped:
            external_id = f"{_ancestor(element, 'file').get('id')}/{external_id}"
        noted = _notes_by_category(unit.getunitelement()).get("external-id")
        return noted or external_id
    file_node = _ancestor(element, "file")
    original = file_node.get("original") if file_node is not None else "unit"
    return element.get("id") or f"{original}#{number}"


def _texts(unit, element: etree._Element) -> tuple[str, str, dict]:
    """(source, target, inline codes) of a unit. translate-toolkit drops <x/> and <ph> and
    turns memoQ's <bpt>&lt;a href…&gt;</bpt> into text: a unit with inline codes is read here,
    each code a placeholder (inline_codes.py); a unit without them as translate-toolkit reads
    it (its whitespace rules and all)."""
    source_node, target_node = element.find("{*}source"), element.find("{*}target")
    if not (has_codes(source_node) or has_codes(target_node)):
        return unit.source or "", unit.target or "", {}
    holder = element.getparent() if etree.QName(element).localname == "segment" else None
    data = holder.find("{*}originalData") if holder is not None else None
    namespace = XLIFF20_NS if holder is not None else XLIFF12_NS  # 1.0/1.1 go out as 1.2
    source, target, codes = unit_texts(source_node, target_node, data, namespace,
                                       element.find("{*}seg-source"))
    return source, target or "", codes


def _ancestor(element: etree._Element, name: str) -> etree._Element | None:
    while element is not None and etree.QName(element).localname != name:
        element = element.getparent()
    return element


def _contexts(trans_unit: etree._Element) -> dict[str, str]:
    """XLIFF 1.x: context-type -> text of the unit's <context> elements."""
    return {c.get("context-type"): c.text or ""
            for c in trans_unit.iter("{*}context") if c.get("context-type")}


def _notes_from(trans_unit: etree._Element, origin: str) -> str:
    return "\n".join(n.text or "" for n in trans_unit.iterchildren("{*}note")
                     if n.get("from") == origin)


# XLIFF 2.0 note categories Review Desk writes for itself (see POST_FIELDS and _add_unit20).
_OWN_CATEGORIES = frozenset({"external-id", "hq", "review"} | {c for _, _, c in POST_FIELDS})


def _tool_note(origin: str | None, category: str | None, text: str | None) -> dict[str, str]:
    return {"from": origin or "", "category": category or "", "text": (text or "").strip()}


def _tool_notes20(unit: etree._Element) -> list[dict[str, str]]:
    """The notes of a 2.0 unit other tools wrote (any category but Review Desk's, or none),
    and those of the <group>s and <file> around it, which apply to it too (outermost first)."""
    holders = [unit] + [a for a in unit.iterancestors("{*}group", "{*}file")]
    notes = []
    for holder in reversed(holders):
        for note in holder.iterfind("{*}notes/{*}note"):
            if note.get("category") not in _OWN_CATEGORIES and (note.text or "").strip():
                notes.append(_tool_note(None, note.get("category"), note.text))
    return notes


def _notes_by_category(unit: etree._Element) -> dict[str, str]:
    """XLIFF 2.0: category -> text of the unit's notes (several of one category joined)."""
    found: dict[str, list[str]] = {}
    for note in unit.iterfind("{*}notes/{*}note"):
        category = note.get("category")
        if category:
            found.setdefault(category, []).append(note.text or "")
    return {category: "\n".join(texts) for category, texts in found.items()}
