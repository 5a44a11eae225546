"""Every XLIFF of both real-world corpora that imports, approved unchanged and exported again in
its own XLIFF version, has the same source and target as the original: text and inline codes,
compared as XML (element names, attributes, text; runs of whitespace compared as one space, since
an import trims a text's ends and XLIFF's default xml:space lets a tool reflow it). A unit
without a target in the original (or with one of only codes and spaces, as Trados writes an
untranslated segment) goes out with its source as the target (HQ's draft), in the segments of its
<seg-source> where it has one and a target of empty segments. Every
note of the original unit (1.2: its <note>s with their `from`; 2.0: the notes of the unit and of
the <group>s and <file> around it, with their category) goes out with the unit."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from review import Desk
from review.errors import ImportFailed
from review.formats.inline_codes import has_words
from review.formats.xliff_format import xliff_version
from tests.helpers import COORD, REVIEWER

try:
    from tests.formats.test_xliff_schemas import XSD, schema
    SCHEMAS_HERE = True
except BaseException:  # the schemas module skips itself where setup.sh did not fetch them
    SCHEMAS_HERE = False


def schema_errors(path: Path, fmt: str) -> list[str]:
    checker = schema(XSD[fmt])
    return [] if checker.validate(etree.parse(str(path))) else [str(e) for e in checker.error_log][:3]

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = sorted(p for folder in ("real-world", "real-world-2") for p in (DATA / folder).iterdir()
               if p.suffix in (".xlf", ".xliff", ".xliff2", ".xlf2"))
# Files that name no target language: the language HQ would choose on import.
# (OmegaT's filter test file names one, `xx`, that is not a language: --target-lang replaces it.)
TARGET_LANG = {"angular_ngExtractedMaster1.xlf": "de", "translate_states.xlf": "af",
               "omegat_xliff2_ex.9.5.xlf": "fr", "translate_odf2xliff-reference.xlf": "de",
               "omegat_filters4_en-xx.xlf": "fr"}
# Files that are refused, and the message that says why (README, "XLIFF batches"): none now.
REFUSED: dict[str, str] = {}


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "")


def shape(element: etree._Element | None) -> list:
    """The content of a <source>/<target> as comparable values: text, and each inline element
    with its namespace, name, attributes and content."""
    if element is None:
        return []
    out: list = [_norm(element.text)]
    for child in element:
        if isinstance(child.tag, str):  # XLIFF 1.0 and 1.1 codes go back in a 1.2 file
            tag = re.sub(r"xliff:document:1\.[01]}", "xliff:document:1.2}", child.tag)
            out.append((tag, sorted(child.attrib.items()), shape(child)))
        out.append(_norm(child.tail))
    merged = "\x00".join(x if isinstance(x, str) else repr(x) for x in out)
    return [merged.strip()]


def _original_units(path: Path, lines: dict[int, str]) -> dict[str, etree._Element]:
    """HQ's id -> the unit element (1.2 <trans-unit>, 2.0 <segment>) of each imported post."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    name = "segment" if xliff_version(tree.getroot()) == "2.0" else "trans-unit"
    return {lines[e.sourceline]: e for e in tree.iter(f"{{*}}{name}") if e.sourceline in lines}


def _exported_units(path: Path) -> dict[str, etree._Element]:
    """HQ's id -> unit element of the export, named as a re-import names it (a 2.0 document
    of several files: FILE/UNIT; a segment of a unit of several: UNIT::SEGMENT)."""
    from review.formats.batchfile import read_batch_file

    posts = read_batch_file(path, "xliff", platform="x")
    return _original_units(path, {p.line: p.external_id for p in posts})


def _import(desk: Desk, path: Path) -> None:
    desk.import_batch(path, batch="rt", actor=COORD, platform="x", fmt="xliff",
                      target_lang=TARGET_LANG.get(path.name))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_approved_unchanged_goes_back_with_the_same_source_and_target(tmp_path, path):
    with Desk(tmp_path / "d.sqlite3") as desk:
        if path.name in REFUSED:
            with pytest.raises(ImportFailed, match=REFUSED[path.name]):
                _import(desk, path)
            return
        _import(desk, path)
        rows = desk.posts(batch="rt")
        # every post has words to review (a draft of only codes was an empty post: Trados)
        assert [r["external_id"] for r in rows if not has_words(r["draft_text"])] == []
        for row in rows:
            desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
        version = xliff_version(etree.parse(str(path)).getroot())
        out = tmp_path / "out.xlf"
        desk.export("rt", "xliff20" if version == "2.0" else "xliff12", out, COORD)
    if SCHEMAS_HERE:  # codes, originalData and notes included, the OASIS schemas accept it
        assert schema_errors(out, "xliff20" if version == "2.0" else "xliff12") == []
    from review.formats.batchfile import read_batch_file

    posts = read_batch_file(path, "xliff", platform="x", target_lang=TARGET_LANG.get(path.name))
    original = _original_units(path, {p.line: p.external_id for p in posts})
    exported = _exported_units(out)
    assert len(original) == len(posts) == len(rows)
    for external_id, unit in original.items():
        back = exported[external_id]
        source, target = unit.find("{*}source"), unit.find("{*}target")
        assert shape(back.find("{*}source")) == shape(source), external_id
        # a target of only codes (Trados' empty segments) is not a translation: HQ's draft
        # is then the source, as segmented (<seg-source>) where the unit has segments
        had_target = target is not None and "".join(target.itertext()).strip()
        segmented = unit.find("{*}seg-source")
        draft = target if had_target else segmented if (
            segmented is not None and target is not None) else source
        assert shape(back.find("{*}target")) == shape(draft), external_id
        assert _notes(unit) <= _notes(back), external_id


def _notes(unit: etree._Element) -> set[tuple[str, str, str]]:
    """(from, category, text) of the notes that belong to a unit (a 2.0 segment's unit, and
    the groups and file around it)."""
    if unit.tag.endswith("}segment"):
        unit = unit.getparent()
        holders = [unit, *unit.iterancestors("{*}group", "{*}file")]
        found = [n for h in holders for n in h.iterfind("{*}notes/{*}note")]
    else:
        found = list(unit.iterchildren("{*}note"))
    return {(n.get("from") or "", n.get("category") or "", (n.text or "").strip()) for n in found
            if (n.text or "").strip()}
