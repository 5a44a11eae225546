"""XLIFF 2.0 documents of several <file>s go back as the <file>s they came in.

A multi-file document's unit ids are unique only within their <file>, so HQ's id of a post is
`FILE-ID/UNIT-ID` (xliff_format). What a CAT tool needs to merge the reviewed text back is the
file around the units too: its id and attributes (`original`, ...), its skeleton, its metadata
and its notes. The import keeps each <file> without its units and groups (its "head") in the
batch's `batch.file_imported` event; an export writes each approved post as a unit of the
<file> whose head matches its id's `FILE-ID`, under its own unit id.

The heads are markup from a hostile file, and a package may bring such an event: `heads_valid`
checks them like inline codes (one <file> element of XLIFF 2.0, no DTD or comment, no units,
bounded sizes); a head is parsed with entities and network off whenever it is written.
"""
from __future__ import annotations

import copy
import re
from typing import Any

from lxml import etree

from ..errors import InvalidInput
from ..texts import said
from .inline_codes import parse_code

XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
# Characters of one <file>'s head, and of all heads of a document: they travel in one line of
# a work package (4 MB, JSON may escape a character into six).
MAX_HEAD = 100_000
MAX_HEADS = 500_000
MAX_FILES = 1_000
_NMTOKEN = re.compile(r"[\w.\-:]+")
_UNITS = ("unit", "group")


class HeadTooLarge(ValueError):
    """A <file>'s own elements (a skeleton held inline, most often) are longer than MAX_HEAD,
    or all of them together longer than MAX_HEADS; the message says which."""


def file_heads(root: etree._Element) -> list[dict[str, str]]:
    """[{"id", "xml"}] of each <file> of a document of several, in order ([] for one file)."""
    files = root.findall(f"{{{XLIFF20_NS}}}file")
    if len(files) < 2:
        return []
    if len(files) > MAX_FILES:
        raise HeadTooLarge(said("xliff-too-many-files", count=len(files), limit=MAX_FILES))
    heads = [{"id": f.get("id") or "", "xml": _head_xml(f)} for f in files]
    for head in heads:
        if len(head["xml"]) > MAX_HEAD:
            raise HeadTooLarge(said("xliff-file-head-too-long", file=head["id"],
                                    length=len(head["xml"]), limit=MAX_HEAD))
    total = sum(len(h["xml"]) for h in heads)
    if total > MAX_HEADS:
        raise HeadTooLarge(said("xliff-file-heads-too-long", length=total, limit=MAX_HEADS))
    # Files without distinct ids (the schema wants them) cannot be told apart on export; and a
    # work package must carry what is kept: such a document goes back as Review Desk's file.
    return heads if heads_valid(heads) else []


def _head_xml(file_node: etree._Element) -> str:
    """The <file> with its attributes and every child but its units and groups."""
    head = etree.Element(file_node.tag, dict(file_node.attrib), nsmap=file_node.nsmap)
    for child in file_node:
        if isinstance(child.tag, str) and etree.QName(child).localname not in _UNITS:
            kept = copy.deepcopy(child)
            kept.tail = None
            head.append(kept)
    etree.strip_tags(head, etree.Comment, etree.ProcessingInstruction)
    etree.cleanup_namespaces(head)
    return etree.tostring(head, encoding="unicode")


def heads_valid(value: Any) -> bool:
    """Whether `value` is a list of heads as `file_heads` makes them (a package may bring
    anything): distinct NMTOKEN ids, each an XLIFF 2.0 <file> of that id holding no unit."""
    if not isinstance(value, list) or not 2 <= len(value) <= MAX_FILES:
        return False
    ids = set()
    for head in value:
        if not (isinstance(head, dict) and set(head) == {"id", "xml"}
                and all(isinstance(v, str) for v in head.values())
                and _NMTOKEN.fullmatch(head["id"]) and len(head["xml"]) <= MAX_HEAD
                and _head_element(head) is not None):
            return False
        ids.add(head["id"])
    return len(ids) == len(value) and sum(len(h["xml"]) for h in value) <= MAX_HEADS


def _head_element(head: dict[str, str]) -> etree._Element | None:
    if "<!" in head["xml"] or "<?" in head["xml"]:  # never in what file_heads writes
        return None
    try:
        element = parse_code(head["xml"])
    except etree.XMLSyntaxError:
        return None
    if element.tag != f"{{{XLIFF20_NS}}}file" or element.get("id") != head["id"]:
        return None
    if any(etree.QName(c).localname in _UNITS for c in element if isinstance(c.tag, str)):
        return None
    return element


def heads_by_id(payloads: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """File id -> head, from a batch's import records in log order (a later import wins)."""
    found: dict[str, dict[str, str]] = {}
    for payload in payloads:
        for head in payload.get("xliff_files") or ():
            found[head["id"]] = head
    return found


def head_of(external_id: str, heads: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """The head of the <file> a post came from (its id is FILE-ID/UNIT-ID), or None."""
    file_id, slash, _ = external_id.partition("/")
    return heads.get(file_id) if slash else None


# ---------------------------------------------------------------------------------- writing

def file_groups(rows: list[dict[str, Any]]) -> list[tuple[dict | None, list[dict[str, Any]]]]:
    """The rows by the <file> they go into (rows without a head: Review Desk's own file), in
    the order each file first comes."""
    groups: dict[str | None, tuple[dict | None, list]] = {}
    for row in rows:
        head = row.get("xliff_file")
        key = head["id"] if head else None
        groups.setdefault(key, (head, []))[1].append(row)
    return list(groups.values())


def file_element(head: dict | None, original: str, taken: set[str]) -> etree._Element:
    """The <file> as it came (a head), else Review Desk's own (id `f1`, original = batch)."""
    if head is not None:
        element = _head_element(head)
        if element is None:  # stored by an import, so only a damaged database gets here
            raise InvalidInput(said("file-head-damaged", file=head["id"]))
        return element
    file_id = "f1"
    while file_id in taken:
        file_id += "_"
    return etree.Element(f"{{{XLIFF20_NS}}}file", id=file_id, original=original)


def unit_id_wanted(row: dict[str, Any]) -> str:
    """The unit's id in its own file: UNIT-ID of FILE-ID/UNIT-ID, else HQ's id."""
    head = row.get("xliff_file")
    return row["external_id"][len(head["id"]) + 1:] if head else row["external_id"]


def head_notes(file_node: etree._Element) -> list[tuple[str, str]]:
    """(category, text) of the file's own notes, as an import copied them into each unit's
    tool notes (first, outermost first): those the unit need not repeat."""
    return [(n.get("category") or "", (n.text or "").strip())
            for n in file_node.iterfind(f"{{{XLIFF20_NS}}}notes/{{{XLIFF20_NS}}}note")
            if (n.text or "").strip()]


def unit_tool_notes(row: dict[str, Any], in_file: list[tuple[str, str]]) -> list[dict]:
    """The row's tool notes without those its <file> carries already."""
    notes = list(row.get("tool_notes") or ())
    start = [(n.get("category") or "", n.get("text", "")) for n in notes[:len(in_file)]]
    return notes[len(in_file):] if in_file and start == in_file else notes


# translate-toolkit names a segment of a unit of several UNIT::SEGMENT-ID (UNIT::segment-N for
# one without an id); xliff_format takes these names as HQ's ids.
SEGMENT_SEPARATOR = "::"


def unit_plan(rows: list[dict[str, Any]], prefix: str
              ) -> list[tuple[str | None, list[tuple[str | None, dict[str, Any]]]]]:
    """How a file's rows become units: [(unit id, [(segment id or None, row)])], the segments
    of one unit together, so a re-import names each post as HQ did (`prefix`: the FILE-ID/ a
    re-import puts before a unit id, "" in a document of one file). A row a re-import would
    not name back (its id is no NMTOKEN, or its file is not the one it came in) is a unit of
    its own with unit id None: the writer gives it one and notes HQ's id."""
    units: dict[str, list[tuple[str | None, dict[str, Any]]]] = {}
    loose: list[dict[str, Any]] = []
    for row in rows:
        wanted = unit_id_wanted(row)
        unit, separator, segment = wanted.partition(SEGMENT_SEPARATOR)
        ids_fit = _NMTOKEN.fullmatch(unit) and (not separator or _NMTOKEN.fullmatch(segment))
        if ids_fit and prefix + wanted == row["external_id"]:
            units.setdefault(unit, []).append((segment if separator else None, row))
        else:
            loose.append(row)
    plan: list[tuple[str | None, list]] = []
    for unit, segments in units.items():
        named = [s for s, _ in segments if s is not None]
        if len(segments) == 1 or (len(named) == len(segments) == len(set(named))):
            plan.append((unit, segments))
        else:  # a unit's own post beside its segments' (two imports): each alone
            loose.extend(row for _, row in segments)
    return plan + [(None, [(None, row)]) for row in loose]
