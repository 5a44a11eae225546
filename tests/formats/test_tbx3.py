"""TBX 3 (ISO 30042:2019, DCA style: TBX-Basic, TBX-Core) in and out, and the concepts a
glossary import skips, counted and named (issue 14)."""
from __future__ import annotations

from pathlib import Path

import pytest

from review import Desk
from review.errors import ImportFailed
from review.formats.glossary_files import read_glossary
from tests.cli.runner import run

REAL2 = Path(__file__).resolve().parent.parent / "data" / "real-world-2"
TBX3 = REAL2 / "tbxinfo_Example_Astronomy_DCA_VALID_tbx3.tbx"


def test_a_tbx3_basic_file_is_read_like_its_tbx2008_twin():
    glossary = read_glossary(TBX3, "en", "es")
    assert (len(glossary.entries), glossary.concepts, glossary.skipped) == (52, 45, 6)
    first = glossary.entries[0]
    assert (first.term, first.translation, first.status, first.pos, first.domain) == \
        ("open cluster", "cúmulo abierto", "preferred", "noun", "General")
    assert "A group of stars formed together" in first.note
    admitted = [e for e in glossary.entries if e.translation == "cúmulo de estrellas"]
    assert [e.status for e in admitted] == ["allowed"]  # admittedTerm-admn-sts


def test_a_tbx3_core_file_and_a_dct_file(tmp_path):
    core = tmp_path / "core.tbx"
    core.write_text('<tbx type="TBX-Core" style="dca" xml:lang="en" '
                    'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p>'
                    '</sourceDesc></fileDesc></tbxHeader><text><body><conceptEntry id="c1">'
                    '<langSec xml:lang="en"><termSec><term>borehole</term></termSec></langSec>'
                    '<langSec xml:lang="sn"><termSec><term>chibhorani</term></termSec></langSec>'
                    '</conceptEntry></body></text></tbx>', encoding="utf-8")
    (entry,) = read_glossary(core, None, None).entries
    assert (entry.term, entry.translation) == ("borehole", "chibhorani")
    dct = tmp_path / "dct.tbx"
    dct.write_text(core.read_text().replace('style="dca"', 'style="dct"'), encoding="utf-8")
    with pytest.raises(ImportFailed, match='TBX 3 file of style "dct".*DCA style'):
        read_glossary(dct, None, None)


def test_a_glossary_goes_out_as_tbx3_and_reads_back_the_same(tmp_path):
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_glossary(TBX3, source="en", target="es", name="astro")
        out = tmp_path / "astro.tbx"
        assert desk.export_glossary("astro", out, "tbx3") == 52
        text = out.read_text(encoding="utf-8")
        assert '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca"' in text
        assert "<conceptEntry" in text and "<termSec>" in text and "martif" not in text
        again = read_glossary(out, "en", "es").entries
        assert sorted(again, key=repr) == sorted(desk.store.glossaries.entries("astro"), key=repr)


def test_skipped_concepts_are_counted_and_named(tmp_path):
    glossary = read_glossary(REAL2 / "okapi_sdl_multiterm_tbx.tbx", "de", "en")
    assert (len(glossary.entries), glossary.skipped, glossary.concepts) == (194, 44, 223)
    assert glossary.skipped_ids[:3] == ("c7", "c29", "c38")
    db = tmp_path / "d.sqlite3"
    result = run(db, "glossary", "import", str(REAL2 / "okapi_sdl_multiterm_tbx.tbx"),
                 "--source", "de", "--target", "en")
    assert result.returncode == 0, result.stderr
    assert "194 entries; 44 of 223 concepts skipped (no de and en term): c7, c29, c38, c42, " \
        "c44 and 39 more" in result.stdout
