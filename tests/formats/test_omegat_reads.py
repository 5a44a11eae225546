"""OmegaT 3.6 reads what Review Desk sends back, without a warning or an error: the XLIFF 1.2
export of every XLIFF 1.x file of both real-world corpora that imports, a batch's posts as TMX,
the memory as TMX, and a glossary as TBX (read by OmegaT's own TBX reader, through its scripting).
OmegaT 3.6 has no XLIFF 2.0 filter, and its TBX reader knows TBX 2008 only: those are checked
against the OASIS schemas and by re-import elsewhere.

The one corpus file OmegaT cannot load (SAP's, a NullPointerException in its <ept> handling)
fails the same way as HQ's original: the failure is OmegaT's, and the test says so."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from review import Desk
from review.formats.batchfile import read_batch_file
from review.formats.xliff_format import xliff_version
from tests.formats.omegat import OMEGAT, new_project, problems, segments_by_file, translate
from tests.formats.test_cat_round_trip import FILES, REFUSED, TARGET_LANG
from tests.helpers import COORD

pytestmark = pytest.mark.skipif(OMEGAT is None, reason="OmegaT is not installed "
                                "(bash scripts/setup.sh --tests installs Debian's omegat)")

OMEGAT_FAILS = {"sap_Sample_AlmostEverything_1.2_strict.xlf": "InlineTagHandler.endEPT()"}
XLIFF1 = [p for p in FILES if p.name not in REFUSED
          and xliff_version(etree.parse(str(p)).getroot()) != "2.0"]


def _export_approved(desk: Desk, path: Path, out: Path) -> int:
    """`path` imported, every post approved unchanged, exported as XLIFF 1.2 to `out`; the
    number of posts."""
    desk.import_batch(path, batch="rt", actor=COORD, platform="x", fmt="xliff",
                      target_lang=TARGET_LANG.get(path.name))
    rows = desk.posts(batch="rt")
    for row in rows:
        desk.decide(row["id"], COORD, "approve", despite_findings=True)
    desk.export("rt", "xliff12", out, COORD)
    out.with_name(out.name + ".manifest.json").unlink()  # not a source file for OmegaT
    return len(rows)


def _segments_expected(export: Path) -> tuple[int, bool]:
    """(units, exact): OmegaT makes a segment of each unit, and more of a unit whose target has
    several <mrk mtype="seg"> or of a <sub> flow, so the count is then a floor."""
    root = etree.parse(str(export)).getroot()
    units = root.findall(".//{*}trans-unit")
    several = any(len(u.findall("{*}target/{*}mrk[@mtype='seg']")) > 1 for u in units)
    return len(units), not several and root.find(".//{*}sub") is None


def test_omegat_reads_every_xliff12_export_of_the_corpora(tmp_path):
    project = new_project(tmp_path / "project", "en", "fr")
    posts, ids = {}, {}
    for path in XLIFF1:
        if path.name in OMEGAT_FAILS:
            continue
        with Desk(tmp_path / f"{path.stem}.sqlite3") as desk:
            out = project / "source" / f"{path.stem}.xlf"
            posts[out.name] = _export_approved(desk, path, out)
            ids[out.name] = [p.external_id for p in read_batch_file(out, "xliff", platform="x")]
    log = translate(project)
    assert problems(log) == []
    counted = segments_by_file(project)
    assert set(counted) == set(posts)
    for name, count in posts.items():
        units, exact = _segments_expected(project / "source" / name)
        assert units == count, name
        assert counted[name] == count if exact else counted[name] >= count, name
        # what OmegaT wrote back is HQ's file again: it imports, with the same units
        back = read_batch_file(project / "target" / name, "xliff", platform="x",
                               target_lang=TARGET_LANG.get(name))
        assert [p.external_id for p in back] == ids[name], name


@pytest.mark.parametrize("name", sorted(OMEGAT_FAILS))
def test_a_file_omegat_cannot_load_fails_there_as_hqs_original_does(tmp_path, name):
    path = next(p for p in XLIFF1 if p.name == name)
    ours, theirs = (new_project(tmp_path / n, "en", "de") for n in ("ours", "theirs"))
    with Desk(tmp_path / "d.sqlite3") as desk:
        _export_approved(desk, path, ours / "source" / name)
    shutil.copy(path, theirs / "source" / name)
    for project in (ours, theirs):
        assert OMEGAT_FAILS[name] in translate(project)


def test_omegat_reads_a_batchs_xliff_tmx_memory_and_tbx(tmp_path):
    project = new_project(tmp_path / "project", "zh-CN", "en")
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.load_sample_and_glossaries(COORD)
        batch = "chengdu-hitech-zone"
        for row in desk.posts(batch=batch):
            desk.decide(row["id"], COORD, "approve", despite_findings=True)
        desk.export(batch, "xliff12", project / "source" / "chengdu.xlf", COORD)
        desk.export(batch, "tmx", project / "tm" / "posts.tmx", COORD, again=True)
        for manifest in project.rglob("*.manifest.json"):
            manifest.unlink()
        memory_units = desk.export_memory(project / "tm" / "memory.tmx")
        terms = desk.export_glossary("zh-CN_en.aid-project.starter", project / "glossary" / "zh.tbx")
    script = tmp_path / "read_tbx.groovy"  # OmegaT's console mode does not load glossaries
    script.write_text(
        "def entries = org.omegat.gui.glossary.GlossaryReaderTBX.read("
        f"new File('{project / 'glossary' / 'zh.tbx'}'), false)\n"
        'println("TBX entries read: " + entries.size())\n', encoding="utf-8")
    log = translate(project, script)
    assert problems(log) == []
    assert log.count("(TMXR_INFO_READING_COMPLETE)") == 2
    assert "Source language: zh-CN (TMXR_INFO_SOURCE_LANG)" in log
    assert memory_units == 16
    assert f"TBX entries read: {terms}" in log and terms == 87
    assert segments_by_file(project) == {"chengdu.xlf": 16}
