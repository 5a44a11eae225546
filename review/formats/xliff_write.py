"""XLIFF 1.2 and 2.0 written for HQ as a new document, from export rows (xliff_fill.py fills
HQ's own document instead, when the desk kept it; xliff_format.py reads).

`write_xliff12` and `write_xliff20` build a fresh document from export rows, never from an
imported tree, with lxml: 1.2 byte for byte as translate-toolkit's `xlifffile` wrote it (its
per-unit API was most of an export's time), 2.0 because the translate-toolkit 3.20
`Xliff2Unit.addnote` puts <notes> inside <segment>, where the 2.0 schema does not allow it.
States: an approved post is `final` (1.2: `signed-off` when its batch required sign-off and it
was given); XLIFF 2.0 has no signed-off state, so it is `final` with subState `rd:signed-off`.
Notes carry HQ's notes, reviewers' reasons, annotations and back-translations (see
`exporting.review_notes`), each saying who wrote it.
"""
from __future__ import annotations

from typing import IO, Any

from lxml import etree

from ..errors import InvalidInput
from ..texts import said
from .inline_codes import CodesUnwritable, fill, namespaces, original_data, unit_elements
from .xliff_files import (
    file_element,
    file_groups,
    head_notes,
    unit_id_wanted,
    unit_plan,
    unit_tool_notes,
)
from .xliff_format import _NMTOKEN, HQ, POST_FIELDS, TOOL, XLIFF12_NS, XLIFF20_NS, XML_SPACE
from .xmlsafe import indent_around, xml_unwritable


def check_xml_text(rows: list[dict[str, Any]]) -> None:
    """Refuse, before writing, a text XML 1.0 cannot hold (InvalidInput names the post)."""
    for row in rows:
        texts = [("source_text", row["source_text"]), ("final_text", row["final_text"])]
        texts += [("a note", text) for _, text in row.get("review_notes", ())]
        for what, text in texts:
            problem = xml_unwritable(text or "")
            if problem:
                raise InvalidInput(said("post-unwritable", post=row["external_id"], column=what,
                                        problem=problem))


def _xliff_state(row: dict[str, Any]) -> str:
    return "signed-off" if row.get("signed_off_by") else "final"


def _pairs(rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        pairs.setdefault((row["source_lang"], row["target_lang"]), []).append(row)
    return pairs


def write_xliff12(stream: IO[bytes], rows: list[dict[str, Any]]) -> None:
    """One <file> per language pair of the batch (original = batch name), one unit per post.

    Built with lxml: translate-toolkit's per-unit API (addsourceunit, target, setid...) took
    1.7 s of 10,000 units, most of the export's time. The bytes are those translate-toolkit
    wrote (the same elements in the same attribute order and indentation; a test compares
    the two writers)."""
    check_xml_text(rows)
    pairs = _pairs(rows)
    root = etree.Element(f"{_NS12}xliff", nsmap={None: XLIFF12_NS}, version="1.2")
    for number, ((source_lang, target_lang), pair_rows) in enumerate(pairs.items()):
        batch = pair_rows[0]["batch"]
        original = batch if len(pairs) == 1 else f"{batch} ({source_lang} > {target_lang})"
        file_node = etree.SubElement(root, f"{_NS12}file", _file_attributes12(
            number, original, source_lang, target_lang))
        header = etree.SubElement(file_node, f"{_NS12}header")
        etree.SubElement(header, f"{_NS12}tool", {"tool-id": "review-desk", "tool-name": TOOL})
        body = etree.SubElement(file_node, f"{_NS12}body")
        for row in pair_rows:
            _add_unit12(body, row)
    stream.write(_serialised12(root))


_NS12 = f"{{{XLIFF12_NS}}}"
_NS20 = f"{{{XLIFF20_NS}}}"


def _file_attributes12(number: int, original: str, source_lang: str,
                       target_lang: str) -> dict[str, str]:
    """In translate-toolkit's order: its skeleton's <file> for the first pair, a new one after."""
    if number == 0:
        return {"original": original, "source-language": source_lang, "datatype": "plaintext",
                "target-language": target_lang}
    return {"original": original, "source-language": source_lang, "target-language": target_lang,
            "datatype": "plaintext"}


def _add_unit12(body: etree._Element, row: dict[str, Any]) -> None:
    # xml:space="preserve": post text keeps its line breaks and runs of spaces
    unit = etree.SubElement(body, f"{_NS12}trans-unit", {XML_SPACE: "preserve",
                                                         "id": row["external_id"],
                                                         "approved": "yes"})
    codes = _codes_for(row, XLIFF12_NS)
    _fill(etree.SubElement(unit, f"{_NS12}source"), row, "source_text", codes)
    unit.extend(unit_elements(codes))  # <seg-source>, between <source> and <target>
    _fill(etree.SubElement(unit, f"{_NS12}target", state=_xliff_state(row)), row, "final_text",
          codes)
    # The schema wants context-group names unique within a <file>: one per unit.
    group = etree.SubElement(unit, f"{_NS12}context-group",
                             name=f"review-desk-{row['external_id']}", purpose="information")
    for name, context_type, _ in POST_FIELDS:
        if row.get(name):
            etree.SubElement(group, f"{_NS12}context",
                             {"context-type": context_type}).text = row[name]
    for note in row.get("tool_notes") or ():  # other tools' notes, as they wrote them
        attributes = {"from": note["from"]} if note.get("from") else {}
        etree.SubElement(unit, f"{_NS12}note", attributes).text = note.get("text", "")
    for origin, text in row.get("review_notes", ()):
        text = (text or "").strip()
        if text:  # as translate-toolkit's addnote did: stripped, an empty note left out
            note = etree.SubElement(unit, f"{_NS12}note", {"from": origin} if origin else {})
            note.text = text


def _serialised12(root: etree._Element) -> bytes:
    """As translate-toolkit serialised an XLIFF 1.x store (its declaration, then the tree
    indented by two spaces a level): lxml's pretty printer indents this tree the same way as
    translate-toolkit's reindent, in C."""
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + _pretty(root).encode("UTF-8"))


def write_xliff20(stream: IO[bytes], rows: list[dict[str, Any]]) -> None:
    """One language pair. Posts of a multi-file document (rows with an `xliff_file` head, see
    xliff_files.py) go into the <file>s they came from, under their own unit ids; the others
    into one <file> of Review Desk's (id f1, original = batch name)."""
    check_xml_text(rows)
    pairs = _pairs(rows)
    if len(pairs) > 1:
        names = ", ".join(f"{s} > {t}" for s, t in pairs)
        raise InvalidInput(said("xliff20-one-pair", count=len(pairs), pairs=names))
    source_lang, target_lang = next(iter(pairs))
    root = etree.Element(f"{_NS20}xliff", nsmap={None: XLIFF20_NS}, version="2.0",
                         srcLang=source_lang, trgLang=target_lang)
    groups = file_groups(rows)
    taken = {head["id"] for head, _ in groups if head}
    for head, file_rows in groups:
        file_node = file_element(head, rows[0]["batch"], taken)
        root.append(file_node)
        _add_units20(file_node, file_rows, scoped=len(groups) > 1)
    stream.write(b"<?xml version='1.0' encoding='UTF-8'?>\n" + _pretty(root).encode("UTF-8"))


def _add_units20(file_node: etree._Element, rows: list[dict[str, Any]], scoped: bool) -> None:
    """`scoped`: the document has several <file>s, so a re-import names a unit FILE/UNIT. The
    segments of one unit go back together (see xliff_files.unit_plan); a post whose HQ id a
    re-import would not give back carries it in a note."""
    prefix = f"{file_node.get('id')}/" if scoped else ""
    in_file = head_notes(file_node)
    plan = unit_plan(rows, prefix)
    used = {unit_id for unit_id, _ in plan if unit_id is not None}
    for number, (unit_id, segments) in enumerate(plan, start=1):
        noted = False
        if unit_id is None:
            row = segments[0][1]
            unit_id = _unit_id(unit_id_wanted(row), number, used)
            noted = prefix + unit_id != row["external_id"]
        _add_unit20(file_node, unit_id, segments, noted, in_file)


def _pretty(root: etree._Element) -> str:
    """The tree indented by two spaces a level, the content of <source> and <target> as it is
    (see xmlsafe.indent_around)."""
    indent_around(root, root.iter(f"{_NS12}source", f"{_NS12}seg-source", f"{_NS12}target",
                                  f"{_NS20}source", f"{_NS20}target"))
    return etree.tostring(root, encoding="unicode") + "\n"


def _unit_id(external_id: str, number: int, used: set[str]) -> str:
    """2.0 ids are NMTOKENs: an external id that is not one gets `u<n>` (the real id travels
    in a note of category `external-id`)."""
    unit_id = external_id if _NMTOKEN.fullmatch(external_id) and "::" not in external_id \
        else f"u{number}"
    while unit_id in used:
        unit_id += "_"
    used.add(unit_id)
    return unit_id


def _add_unit20(file_node: etree._Element, unit_id: str, segments: list[tuple[str | None, dict]],
                noted_id: bool, in_file: list[tuple[str, str]]) -> None:
    """One <unit>: the notes of its posts (each once), the original data of their codes, and
    a <segment> per post."""
    unit = etree.SubElement(file_node, f"{_NS20}unit", id=unit_id)
    notes = [("external-id", segments[0][1]["external_id"])] if noted_id else []
    for number, (_, row) in enumerate(segments):
        own = _unit_notes(row, unit_tool_notes(row, in_file))
        notes += own if number == 0 else [n for n in own if n not in notes]  # unit's notes once
    if notes:  # the schema wants <notes> before the segments
        container = etree.SubElement(unit, f"{_NS20}notes")
        for category, text in notes:
            attributes = {"category": category} if category else {}
            etree.SubElement(container, f"{_NS20}note", attributes).text = text
    codes = [_codes_for(row, XLIFF20_NS) for _, row in segments]
    data = original_data({f"{n}{k}": c for n, one in enumerate(codes) for k, c in one.items()},
                         XLIFF20_NS)
    if data is not None:  # what the codes' dataRef point to; the schema wants it here
        unit.append(data)
    for (segment_id, row), row_codes in zip(segments, codes):
        _add_segment20(unit, segment_id, row, row_codes)


def _unit_notes(row: dict[str, Any], tool_notes: list[dict[str, str]]) -> list[tuple]:
    notes = [(category, row[name]) for name, _, category in POST_FIELDS if row.get(name)]
    notes += [(n.get("category"), n.get("text", "")) for n in tool_notes]
    notes += [("hq" if origin == HQ else "review", text if origin == HQ else f"{origin}: {text}")
              for origin, text in row.get("review_notes", ())]
    return notes


def _add_segment20(unit: etree._Element, segment_id: str | None, row: dict[str, Any],
                   codes: dict) -> None:
    segment = etree.SubElement(unit, f"{_NS20}segment", state="final")
    if segment_id is not None:
        segment.set("id", segment_id)
    if row.get("signed_off_by"):
        segment.set("subState", "rd:signed-off")
    for name, column in (("source", "source_text"), ("target", "final_text")):
        element = etree.SubElement(segment, f"{_NS20}{name}")
        element.set(XML_SPACE, "preserve")
        _fill(element, row, column, codes)


def _codes_for(row: dict[str, Any], namespace: str) -> dict:
    """The post's inline codes, refused when they belong to the other XLIFF version (1.2's <g>
    has no place in a 2.0 file, nor 2.0's <pc> in a 1.2 one)."""
    codes = row.get("codes") or {}
    others = namespaces(codes) - {namespace}
    if others:
        version = "2.0" if namespace == XLIFF20_NS else "1.2"
        raise InvalidInput(said("codes-other-format", post=row["external_id"], version=version,
                                found=", ".join(sorted(n or "no namespace" for n in others))))
    return codes


def _fill(element: etree._Element, row: dict[str, Any], column: str, codes: dict) -> None:
    try:
        fill(element, row[column], codes, "source" if column == "source_text" else "target")
    except CodesUnwritable as error:
        raise InvalidInput(said("codes-unbalanced", post=row["external_id"],
                                code=str(error))) from None
