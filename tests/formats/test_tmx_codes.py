"""A TMX's inline codes (bpt, ept, it, ph, ut, hi) go back out of the memory as they came in,
while matching reads the segment's text (issue 14)."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from review import Desk

REAL2 = Path(__file__).resolve().parent.parent / "data" / "real-world-2"
WITH_CODES = ["okapi_Paragraph_TM.tmx", "okapi_html_test.tmx",
              "omegat_TMXComplianceKit_ImportTest2A.tmx"]


def _segs_with_codes(path: Path) -> list[str]:
    return sorted(etree.tostring(seg, method="c14n").decode()
                  for seg in etree.parse(str(path)).iter("{*}seg") if len(seg))


@pytest.mark.parametrize("name", WITH_CODES)
def test_memory_export_writes_each_segment_with_its_codes(tmp_path, name):
    with Desk(tmp_path / "d.sqlite3") as desk:
        imported = desk.import_memory(REAL2 / name)
        assert desk.export_memory(tmp_path / "out.tmx") == imported.units
        units = desk.store.memory.units()
    original, exported = _segs_with_codes(REAL2 / name), _segs_with_codes(tmp_path / "out.tmx")
    assert original and set(original) <= set(exported)
    # matching reads the text: no markup, no native code in it
    assert not any(code in u.source_text + u.target_text for u in units if u.source_seg
                   for code in ("<b>", "</b>", "<bpt", "{\\b"))


def test_compliance_kit_codes_and_text():
    from review.formats.tmx_files import read_tmx

    units = read_tmx(REAL2 / "omegat_TMXComplianceKit_ImportTest2A.tmx").units
    nested = next(u for u in units if u.source_text.startswith("Nested formatting"))
    assert nested.source_text == "Nested formatting = Bold+Italic+Underlined, Bold+Italic, Bold."
    assert "<bpt" in nested.source_seg and "<ept" in nested.target_seg
    cat = next(u for u in units if u.source_text == "The big black cat sleeps.")
    assert 'type="bold">&lt;b&gt;</bpt>black<ept i="1">' in cat.source_seg
    plain = read_tmx(REAL2 / "omegat_project_save.tmx").units
    assert plain and all(u.source_seg is None and u.target_seg is None for u in plain)
