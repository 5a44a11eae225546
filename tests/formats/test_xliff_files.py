"""A multi-file XLIFF 2.0 document goes back as the <file>s it came in: every file with its id,
attributes, skeleton, metadata and notes as they were, each unit in its file under its own id,
the segments of a unit together, codes and notes in place. On the desk that imported it, the
export fills the document itself (xliff_fill.py, tested whole in test_cat_round_trip); a batch
whose document this desk does not keep (imported before schema 12 kept documents) is built
from the <file>s the import's record keeps (xliff_files.py): `kept=False` tests that way. The
record may come in a package: its checks are tested too."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from review import Desk
from review import workflow as wf
from review.errors import ImportFailed
from review.event_rules import payload_problem
from review.formats.xliff_files import MAX_HEAD, file_heads, heads_valid
from tests.helpers import COORD, REVIEWER, forget_documents

try:
    from tests.formats.test_xliff_schemas import XSD, schema
    SCHEMAS_HERE = True
except BaseException:  # the schemas module skips itself where setup.sh did not fetch them
    SCHEMAS_HERE = False

DATA = Path(__file__).resolve().parent.parent / "data" / "real-world-2"
OPENXLIFF = DATA / "openxliff_OpenXLIFF_Java_es.xlf"
NS = "urn:oasis:names:tc:xliff:document:2.0"

# Two files: file-level notes, a group, a unit of two segments, inline codes with original data.
CODED = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="{NS}" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" version="2.0"
       srcLang="en" trgLang="fr">
  <file id="app" original="app/messages.json" translate="yes">
    <mda:metadata><mda:metaGroup category="tool"><mda:meta type="tool-id">T</mda:meta>
    </mda:metaGroup></mda:metadata>
    <notes><note category="context">The app's main screen</note></notes>
    <unit id="1">
      <notes><note category="description">A greeting</note></notes>
      <originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data></originalData>
      <segment id="s1"><source>Hello <pc id="1" dataRefStart="d1" dataRefEnd="d2">friend</pc>.</source>
        <target>Bonjour <pc id="1" dataRefStart="d1" dataRefEnd="d2">ami</pc>.</target></segment>
      <segment id="s2"><source>Welcome back.</source><target>Bon retour.</target></segment>
    </unit>
    <group id="g"><unit id="2"><segment><source>Save <ph id="2" equiv="%s"/></source>
      <target>Enregistrer <ph id="2" equiv="%s"/></target></segment></unit></group>
  </file>
  <file id="web" original="web/strings.xml">
    <skeleton href="web/strings.skl"/>
    <unit id="1"><segment><source>Log out</source><target>Se déconnecter</target></segment></unit>
  </file>
</xliff>
"""


def _round_trip(tmp_path: Path, source: Path, kept: bool = True) -> Path:
    """Import, approve all, export; `kept=False`: as a desk that did not keep the document."""
    out = tmp_path / "out.xlf"
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(source, batch="rt", actor=COORD, platform="x", fmt="xliff")
        if not kept:
            forget_documents(desk)
        for row in desk.posts(batch="rt"):
            desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
        desk.export("rt", "xliff20", out, COORD)
    if SCHEMAS_HERE:
        checker = schema(XSD["xliff20"])
        assert checker.validate(etree.parse(str(out))), str(checker.error_log)[:500]
    return out


def _canonical(element: etree._Element) -> str:
    """An element as comparable text: its XML without indentation between elements."""
    text = etree.tostring(element, encoding="unicode", with_tail=False)
    return re.sub(r">\s+<", "><", re.sub(r' xmlns(:\w+)?="[^"]*"', "", text))


def _content(element: etree._Element) -> str:
    """A <source>/<target>'s content (text and codes), its own attributes aside (xml:space),
    runs of whitespace as one space and the ends trimmed: an import trims a text's ends (see
    test_cat_round_trip; OpenXLIFF's help texts begin with two line breaks)."""
    inner = re.sub(r"^<\w+[^>]*>|</\w+>$", "", _canonical(element))
    return re.sub(r"\s+", " ", inner).strip()


def _files(path: Path) -> list[dict]:
    """Per <file>: id, attributes, its own elements, and per unit its segments' ids, sources
    and targets (codes included) and its notes, the file's own notes apart."""
    root = etree.parse(str(path)).getroot()
    files = []
    for file_node in root.iterfind(f"{{{NS}}}file"):
        units = {}
        for unit in file_node.iter(f"{{{NS}}}unit"):
            units[unit.get("id")] = {
                "segments": [(s.get("id"), _content(s.find(f"{{{NS}}}source")),
                              _content(s.find(f"{{{NS}}}target")))
                             for s in unit.iterfind(f"{{{NS}}}segment")],
                "notes": {(n.get("category"), n.text) for n in unit.iterfind(f"{{{NS}}}notes/*")}}
        own = [_canonical(c) for c in file_node
               if isinstance(c.tag, str) and etree.QName(c).localname not in ("unit", "group")]
        files.append({"id": file_node.get("id"), "attributes": dict(file_node.attrib),
                      "own": own, "units": units})
    return files


def _compare(original: Path, back: Path) -> None:
    before, after = _files(original), _files(back)
    assert [f["id"] for f in after] == [f["id"] for f in before]
    for was, now in zip(before, after):
        assert now["attributes"] == was["attributes"], was["id"]
        assert now["own"] == was["own"], was["id"]  # skeleton, metadata, notes as they were
        assert now["units"].keys() == was["units"].keys(), was["id"]
        for unit_id, unit in was["units"].items():
            exported = now["units"][unit_id]
            assert exported["segments"] == unit["segments"], (was["id"], unit_id)
            assert unit["notes"] <= exported["notes"], (was["id"], unit_id)


@pytest.mark.parametrize("kept", [True, False], ids=["document", "built"])
def test_openxliff_29_files_go_back_as_they_came(tmp_path, kept):
    out = _round_trip(tmp_path, OPENXLIFF, kept)
    assert len(_files(out)) == 29
    assert sum(len(f["units"]) for f in _files(out)) == 519
    _compare(OPENXLIFF, out)
    assert "external-id" not in out.read_text()  # every id reads back as HQ's


@pytest.mark.parametrize("kept", [True, False], ids=["document", "built"])
def test_coded_files_with_notes_and_segments_go_back_whole(tmp_path, kept):
    source = tmp_path / "coded.xlf"
    source.write_text(CODED, encoding="utf-8")
    out = _round_trip(tmp_path, source, kept)
    root = etree.parse(str(out)).getroot()
    app = root.find(f"{{{NS}}}file[@id='app']")
    # the file's note once, on the file: not copied into its units
    assert [n.text for n in app.iter(f"{{{NS}}}note")].count("The app's main screen") == 1
    assert root.find(f"{{{NS}}}file[@id='web']/{{{NS}}}skeleton").get("href") == "web/strings.skl"
    unit = app.find(f"{{{NS}}}unit[@id='1']")
    assert [d.get("id") for d in unit.iterfind(f"{{{NS}}}originalData/*")] == ["d1", "d2"]
    _compare(source, out)
    # the group: kept in the document; built, its unit goes back into the file
    group = app.find(f"{{{NS}}}group")
    assert (group is not None) == kept
    assert (group if kept else app).find(f"{{{NS}}}unit[@id='2']") is not None


@pytest.mark.parametrize("kept", [True, False], ids=["document", "built"])
def test_a_re_import_of_the_export_names_every_post_as_before(tmp_path, kept):
    source = tmp_path / "coded.xlf"
    source.write_text(CODED, encoding="utf-8")
    out = _round_trip(tmp_path, source, kept)
    from review.formats.batchfile import read_batch_file

    ids = lambda p: sorted(d.external_id for d in read_batch_file(p, "xliff", platform="x"))  # noqa: E731
    assert ids(out) == ids(source) == ["app/1::s1", "app/1::s2", "app/2", "web/1"]


def _export_web_only(tmp_path: Path, kept: bool) -> Path:
    source = tmp_path / "coded.xlf"
    source.write_text(CODED, encoding="utf-8")
    out = tmp_path / "out.xlf"
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(source, batch="rt", actor=COORD, platform="x", fmt="xliff")
        if not kept:
            forget_documents(desk)
        web = next(r for r in desk.posts(batch="rt") if r["external_id"] == "web/1")
        desk.decide(web["id"], REVIEWER, "approve", despite_findings=True)
        desk.export("rt", "xliff20", out, COORD)
    return out


def test_posts_of_one_file_only_still_read_back_as_hq_named_them(tmp_path):
    """Built (no document kept), only the web file's post approved: the export has one
    <file>, whose unit a re-import would name `1`; its HQ id travels in a note."""
    out = _export_web_only(tmp_path, kept=False)
    from review.formats.batchfile import read_batch_file

    assert [d.external_id for d in read_batch_file(out, "xliff", platform="x")] == ["web/1"]
    assert etree.parse(str(out)).getroot().find(f"{{{NS}}}file").get("original") == \
        "web/strings.xml"


def test_posts_of_one_file_only_go_back_in_the_whole_document(tmp_path):
    """The document kept: both files go back, only the web file's segment final; the units
    not exported as HQ sent them."""
    out = _export_web_only(tmp_path, kept=True)
    from review.formats.batchfile import read_batch_file

    assert [d.external_id for d in read_batch_file(out, "xliff", platform="x")] == \
        ["app/1::s1", "app/1::s2", "app/2", "web/1"]
    states = {next(s.iterancestors(f"{{{NS}}}file")).get("id") + "/" + s.getparent().get("id"):
              s.get("state") for s in etree.parse(str(out)).iter(f"{{{NS}}}segment")}
    assert states == {"app/1": None, "app/2": None, "web/1": "final"}


def test_a_file_head_longer_than_kept_is_refused_by_name(tmp_path):
    big = CODED.replace('<skeleton href="web/strings.skl"/>',
                        f"<skeleton>{'A' * (MAX_HEAD + 1)}</skeleton>")
    source = tmp_path / "big.xlf"
    source.write_text(big, encoding="utf-8")
    with Desk(tmp_path / "d.sqlite3") as desk:
        with pytest.raises(ImportFailed, match='<file> id="web" holds 100,117 characters'):
            desk.import_batch(source, batch="rt", actor=COORD, platform="x", fmt="xliff")
        assert desk.posts() == []  # nothing stored


def _heads() -> list[dict[str, str]]:
    return file_heads(etree.fromstring(CODED.encode("utf-8")))


def test_kept_heads_are_what_a_package_may_carry():
    heads = _heads()
    assert [h["id"] for h in heads] == ["app", "web"] and "<unit" not in heads[0]["xml"]
    assert heads_valid(heads)
    payload = {"file": "coded.xlf", "sha256": None, "posts": 4, "added": 4, "new_drafts": 0,
               "details_updated": 0, "unchanged": 0, "xliff_files": json.loads(json.dumps(heads))}
    assert payload_problem("e", wf.FILE_IMPORTED, payload) is None


@pytest.mark.parametrize("damage", [
    lambda h: h[:1],  # one file: never kept
    lambda h: [h[0], {**h[1], "id": "app"}],  # the same id twice
    lambda h: [h[0], {**h[1], "xml": h[1]["xml"].replace('id="web"', 'id="other"')}],
    lambda h: [h[0], {**h[1], "xml": h[1]["xml"].replace("</file>", '<unit id="9"/></file>')}],
    lambda h: [h[0], {**h[1], "xml": '<!DOCTYPE file [<!ENTITY e "x">]>' + h[1]["xml"]}],
    lambda h: [h[0], {**h[1], "xml": h[1]["xml"].replace(NS, "urn:other")}],
    lambda h: [h[0], {**h[1], "xml": h[1]["xml"] + "<"}],
    lambda h: [h[0], {**h[1], "xml": h[1]["xml"].replace("</file>", "A" * MAX_HEAD + "</file>")}],
    lambda h: [h[0], {**h[1], "extra": "x"}],
    lambda h: [h[0], {**h[1], "id": "a b"}],
])
def test_damaged_heads_from_a_package_are_refused(damage):
    heads = damage(_heads())
    assert not heads_valid(heads)
    payload = {"file": "f", "sha256": None, "posts": 1, "added": 1, "new_drafts": 0,
               "details_updated": 0, "unchanged": 0, "xliff_files": heads}
    assert "XLIFF 2.0 <file>" in str(payload_problem("e", wf.FILE_IMPORTED, payload))


def test_a_head_damaged_in_the_database_refuses_the_export_by_name(tmp_path):
    import sqlite3

    from review.errors import InvalidInput

    source = tmp_path / "coded.xlf"
    source.write_text(CODED, encoding="utf-8")
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(source, batch="rt", actor=COORD, platform="x", fmt="xliff")
        forget_documents(desk)  # the heads are what the export writes from
        for row in desk.posts(batch="rt"):
            desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
    with sqlite3.connect(tmp_path / "d.sqlite3") as conn:  # changed outside Review Desk
        conn.execute("UPDATE events SET payload = replace(payload, 'id=\\\"web\\\"', "
                     "'id=\\\"wob\\\"') WHERE kind = ?", (wf.FILE_IMPORTED,))
    with Desk(tmp_path / "d.sqlite3") as desk:
        with pytest.raises(InvalidInput, match='<file> id="web" the batch\'s XLIFF import kept'):
            desk.export("rt", "xliff20", tmp_path / "out.xlf", COORD)
    assert not (tmp_path / "out.xlf").exists()


def test_a_multi_file_batch_reviewed_on_a_laptop_goes_back_whole(tmp_path):
    """The work package carries the import's record with the heads (checked like any event);
    the reviewer's approvals come back and the coordinator's export has the files."""
    from tests.exchange.support import TENDAI

    source = tmp_path / "coded.xlf"
    source.write_text(CODED, encoding="utf-8")
    coord = Desk(tmp_path / "coordinator.sqlite3")
    coord.import_batch(source, batch="rt", actor=COORD, platform="x", fmt="xliff")
    coord.make_work_package("rt", tmp_path / "work.rdpack", COORD)
    laptop = Desk(tmp_path / "tendai.sqlite3")
    laptop.import_package(tmp_path / "work.rdpack")
    kept = [e.payload["xliff_files"] for e in laptop.store.events.of_kinds([wf.FILE_IMPORTED])]
    assert [[h["id"] for h in heads] for heads in kept] == [["app", "web"]]
    for row in laptop.posts(batch="rt"):
        laptop.decide(row["id"], TENDAI, "approve", despite_findings=True)
    laptop.make_results_package("rt", tmp_path / "results.rdpack", TENDAI)
    coord.import_package(tmp_path / "results.rdpack")
    coord.export("rt", "xliff20", tmp_path / "out.xlf", COORD)
    for desk in (coord, laptop):
        desk.close()
    _compare(source, tmp_path / "out.xlf")


@pytest.mark.parametrize("change", [
    lambda text: text.replace('<file id="web"', '<file'),  # no id (the schema wants one)
    lambda text: text.replace('<file id="web"', '<file id="a b"'),  # not an NMTOKEN
])
def test_files_that_cannot_be_told_apart_go_back_as_review_desks_file(tmp_path, change):
    """No head is kept, so the import's record stays one a work package may carry; without
    the document (a batch imported before schema 12) the export is Review Desk's file."""
    source = tmp_path / "odd.xlf"
    source.write_text(change(CODED), encoding="utf-8")
    out = _round_trip(tmp_path, source, kept=False)
    with Desk(tmp_path / "d.sqlite3") as desk:
        records = [e.payload for e in desk.store.events.of_kinds([wf.FILE_IMPORTED])]
        desk.make_work_package("rt", tmp_path / "work.rdpack", COORD)
    assert [r.get("xliff_files") for r in records] == [None]
    assert [f["id"] for f in _files(out)] == ["f1"]
    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        laptop.import_package(tmp_path / "work.rdpack")
        assert len(laptop.posts(batch="rt")) == 4
