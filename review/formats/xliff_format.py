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

Writing: `write_xliff12` and `write_xliff20` build a fresh document from export rows, never
from an imported tree, with lxml: 1.2 byte for byte as translate-toolkit's `xlifffile` wrote it
(its per-unit API was most of an export's time), 2.0 because the translate-toolkit 3.20
`Xliff2Unit.addnote` puts <notes> inside <segment>, where the 2.0 schema does not allow it.
States: an approved post is `final` (1.2: `signed-off` when its batch required sign-off and it
was given); XLIFF 2.0 has no signed-off state, so it is `final` with subState `rd:signed-off`.
Notes carry HQ's notes, reviewers' reasons, annotations and back-translations (see
`exporting.review_notes`), each saying who wrote it.
"""
from __future__ import annotations

import re
from typing import IO, Any

from lxml import etree

from ..errors import ImportFailed, InvalidInput, Problem
from ..languages import normalise_language
from . import DraftPost
from .inline_codes import (
    CodesUnwritable,
    TooManyCodes,
    fill,
    has_codes,
    has_words,
    namespaces,
    original_data,
    unit_elements,
    unit_texts,
)
from .placeholders import PLACEHOLDER
from .rows import PostCollector, skipped_words
from .xliff_files import (
    HeadTooLarge,
    file_element,
    file_groups,
    file_heads,
    head_notes,
    unit_id_wanted,
    unit_plan,
    unit_tool_notes,
)
from ..texts import message_of, said
from .xmlsafe import indent_around, parse_xml, xml_unwritable

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
    lacking: dict[str, list[int]] = {"xliff-no-target-language": [], "xliff-no-platform": []}
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
        collector.add(line, fields, {}, codes=fields.pop("codes", None),
                      tool_notes=fields.pop("tool_notes", None))
    for name, lines in lacking.items():  # each kind of problem once, with the units it concerns
        if lines:
            collector.report(lines[0], None, said(name, count=len(lines)))
    for (side, value), lines in unknown.items():
        collector.report(lines[0], None, said(f"xliff-unknown-{side}", value=value,
                                              count=len(lines)))
    if units and len(collector.posts) + len(collector.problems) == 0:
        collector.report(None, None, said("xliff-nothing-to-review", skipped=skipped_words(skipped)))
    return collector.result()


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
    if version == "2.0":
        unit_element = unit.getunitelement()
        source_lang = element.getroottree().getroot().get("srcLang")
        target = element.getroottree().getroot().get("trgLang")
        metadata = _notes_by_category(unit_element)
        external_id = unit.getid() or f"unit-{number}"
        if scoped:
            external_id = f"{_ancestor(element, 'file').get('id')}/{external_id}"
        external_id = metadata.get("external-id") or external_id
        tool_notes = _tool_notes20(unit_element)
    else:
        file_node = _ancestor(element, "file")
        source_lang = file_node.get("source-language") if file_node is not None else None
        target = file_node.get("target-language") if file_node is not None else None
        original = file_node.get("original") if file_node is not None else "unit"
        external_id = element.get("id") or f"{original}#{number}"
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


# ---------------------------------------------------------------------------------- writing

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
