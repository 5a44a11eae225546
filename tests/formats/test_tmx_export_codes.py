"""A TMX export of posts with inline codes gives a CAT tool's memory the codes as TMX elements
(bpt/ept/it/ph/hi with the native code inside), not only what they stand for: tested on coded
XLIFF batches of both versions (memoQ's bpt/ept, Angular's 2.0 ph/pc, SAP's every 1.2 code, the
OASIS 2.0 suite's originalData), and through a memory: the exported TMX imports with its codes
kept, and a memory export writes the same <seg>s again."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from review import Desk
from review.formats.placeholders import shown
from review.formats.tmx_codes import tmx_seg
from review.formats.tmx_files import read_tmx
from tests.helpers import COORD, REVIEWER

DATA = Path(__file__).resolve().parent.parent / "data" / "real-world-2"
TMX_CODES = {"bpt", "ept", "it", "ph", "hi", "sub"}


def _export_tmx(tmp_path: Path, name: str) -> tuple[Path, list[dict]]:
    out = tmp_path / "out.tmx"
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(DATA / name, batch="rt", actor=COORD, platform="x", fmt="xliff")
        for row in desk.posts(batch="rt"):
            desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
        rows = desk.store.posts.rows(batch="rt")
        desk.export("rt", "tmx", out, COORD)
    return out, rows


def _segs(path: Path) -> list[etree._Element]:
    return list(etree.parse(str(path)).getroot().iter("seg"))


def _well_formed_codes(seg: etree._Element) -> None:
    """TMX 1.4's rules for a segment's codes: only its inline elements, each <bpt> closed by
    one <ept> of the same i after it, <it> with a pos."""
    names = [e.tag for e in seg.iterdescendants()]
    assert set(names) <= TMX_CODES, names
    begun: list[str] = []
    for element in seg.iterdescendants("bpt", "ept", "it"):
        if element.tag == "bpt":
            begun.append(element.get("i"))
        elif element.tag == "ept":
            assert element.get("i") in begun, etree.tostring(seg)
            begun.remove(element.get("i"))
        else:
            assert element.get("pos") in ("begin", "end")
    assert begun == [], etree.tostring(seg)


@pytest.mark.parametrize("name, kinds", [
    ("okapi_MQ-12-Test01_memoq.xlf", {"bpt", "ept"}),
    ("angular_translatedFile.de.xlf2", {"ph", "bpt", "ept"}),
    ("sap_Sample_AlmostEverything_1.2_strict.xlf", {"bpt", "ept", "it", "ph", "hi"}),
    ("oasis_everything-core.xlf", {"bpt", "ept", "ph"}),
])
def test_coded_posts_go_into_a_tmx_with_their_codes(tmp_path, name, kinds):
    out, rows = _export_tmx(tmp_path, name)
    segs = _segs(out)
    coded = [s for s in segs if len(s)]
    expected = sum(1 for r in rows for text in (r["source_text"], r["current_text"])
                   if any(c in text and code["role"] != "unit"
                          for c, code in json.loads(r["codes"]).items()))
    assert len(coded) == expected > 0
    assert {e.tag for s in coded for e in s.iterdescendants()} >= kinds
    for seg in coded:
        _well_formed_codes(seg)


def test_native_codes_are_inside_the_tmx_elements(tmp_path):
    out, _ = _export_tmx(tmp_path, "okapi_MQ-12-Test01_memoq.xlf")
    seg = next(s for s in _segs(out) if "Input List 1" in "".join(s.itertext()))
    assert etree.tostring(seg, encoding="unicode", with_tail=False) == (
        '<seg><bpt i="1" x="1">&lt;a href="#InputLists"&gt;</bpt>Input List 1'
        '<ept i="1">&lt;/a&gt;</ept></seg>')
    (tmp_path / "oasis").mkdir()
    out, _ = _export_tmx(tmp_path / "oasis", "oasis_everything-core.xlf")
    text = etree.tostring(next(s for s in _segs(out) if len(s)), encoding="unicode",
                          with_tail=False)
    assert '<bpt i="1" x="1">[b [#$tu3]   ]</bpt>special text<ept i="1">[/b [#t3end]   ]' \
           '</ept>' in text  # XLIFF 2.0's originalData, by dataRefStart and dataRefEnd


def test_a_code_the_source_and_target_share_has_one_x(tmp_path):
    out, _ = _export_tmx(tmp_path, "angular_translatedFile.de.xlf2")
    tu = next(t for t in etree.parse(str(out)).getroot().iter("tu")
              if "Entry" in "".join(t.itertext()))
    source, target = [s for s in tu.iter("seg")]
    assert [e.get("x") for e in source.iter("ph")] == [e.get("x") for e in target.iter("ph")] \
        == ["1", "2"]


def test_the_exported_tmx_imports_as_a_memory_with_its_codes(tmp_path):
    """Review Desk's own TMX reader reads what matching needs (the published text) and keeps
    each coded <seg> as written; a memory export writes the same <seg>s again."""
    out, rows = _export_tmx(tmp_path, "okapi_MQ-12-Test01_memoq.xlf")
    units = read_tmx(out).units
    published = {shown(r["source_text"], json.loads(r["codes"])) for r in rows}
    assert {u.source_text for u in units} <= published
    coded = [u for u in units if u.source_seg]
    assert len(coded) == sum(1 for r in rows if r["codes"] != "{}")
    with Desk(tmp_path / "m.sqlite3") as desk:
        desk.import_memory(out)
        held = {s for u in desk.store.memory.units() for s in (u.source_seg, u.target_seg) if s}
        desk.export_memory(tmp_path / "again.tmx")
    wanted = {etree.tostring(s, encoding="unicode", with_tail=False) for s in _segs(out) if len(s)}
    again = {etree.tostring(s, encoding="unicode", with_tail=False)
             for s in _segs(tmp_path / "again.tmx") if len(s)}
    # the memory keeps one unit per text pair: a coded pair whose texts another pair has too
    # may give way to it (the memoQ file has such repeats)
    repeats = sum(n - 1 for n in Counter((u.source_text, u.target_text) for u in units).values())
    assert held <= wanted and len(held) >= len(wanted) - 2 * repeats
    assert again == held


def test_a_text_without_codes_has_no_tmx_seg_and_a_deleted_closing_code_is_isolated():
    codes = {"\ue000": {"role": "open", "xml": '<g xmlns="urn:oasis:names:tc:xliff:document:1.2"'
                        ' id="1"/>', "shows": "", "label": "g1"},
             "\ue001": {"role": "close", "xml": "", "shows": "", "label": "/g1", "pair": "\ue000"}}
    assert tmx_seg("plain", codes) is None
    assert tmx_seg("\ue000bold\ue001", codes) == '<seg><bpt i="1" x="1"/>bold<ept i="1"/></seg>'
    assert tmx_seg("\ue000bold", codes) == '<seg><it pos="begin" x="1"/>bold</seg>'
    assert tmx_seg("bold\ue001", codes) == '<seg>bold<it pos="end" x="1"/></seg>'


def test_translate_toolkit_reads_the_coded_tmx(tmp_path):
    from translate.storage.tmx import tmxfile

    out, rows = _export_tmx(tmp_path, "sap_Sample_AlmostEverything_1.2_strict.xlf")
    units = [u for u in tmxfile.parsestring(out.read_bytes()).units if not u.isheader()]
    assert len(units) == len(rows)
    assert all(u.source.strip() and u.target.strip() for u in units)
