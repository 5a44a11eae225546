"""HQ's XLIFF file kept on the importing desk and filled by the export (xliff_documents.py,
formats/xliff_fill.py): the journey through a laptop and a newer version of HQ's file, which
document an export writes when posts came from several, the built document when none is kept,
and a kept copy damaged in the database (refused by name; importing HQ's file again repairs).
"""
from __future__ import annotations

import hashlib
import sqlite3
import zlib
from pathlib import Path

import pytest
from lxml import etree

from review import Desk
from review.errors import InvalidInput
from review.formats.batchfile import MAX_FILE_BYTES, read_batch_file
from tests.exchange.support import TENDAI
from tests.helpers import COORD, REVIEWER, forget_documents, sample_csv

NS = "urn:oasis:names:tc:xliff:document:1.2"
UNITS = {
    "hello": '<trans-unit id="hello"><source>\n\n  Hello, world.\n</source></trans-unit>',
    "bye": '<trans-unit id="bye"><source>Goodbye <x id="1"/> now.</source>'
           '<target state="translated">Au revoir <x id="1"/> maintenant.</target>'
           '<note from="dev">shown on logout</note></trans-unit>',
    "menu": '<trans-unit id="menu" translate="no"><source>File</source></trans-unit>',
    "new": '<trans-unit id="new"><source>A new line.</source></trans-unit>',
}


def hq_file(folder: Path, name: str, units: list[str]) -> Path:
    """An XLIFF 1.2 file of HQ's: a header, a group with a note, the units, a comment."""
    body = "".join(UNITS[u] for u in units)
    path = folder / name
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by HQ\'s CAT tool -->\n'
        f'<xliff xmlns="{NS}" version="1.2"><file original="app.json" source-language="en" '
        f'target-language="fr" datatype="x-json" tool-id="cat"><header><tool tool-id="cat" '
        f'tool-name="HQ CAT"/></header><body><group id="g1"><note>the app</note>{body}</group>'
        f'</body></file></xliff>\n', encoding="utf-8")
    return path


def _approve_all(desk: Desk, who=REVIEWER, rewrite: dict[str, str] | None = None) -> None:
    for row in desk.posts(batch="app"):
        if row["state"] in ("approved", "exported"):
            continue
        if rewrite and row["external_id"] in rewrite:
            desk.rewrite(row["id"], who, rewrite[row["external_id"]])
        desk.decide(row["id"], who, "approve", despite_findings=True)


def _units(path: Path) -> dict[str, etree._Element]:
    return {u.get("id"): u for u in etree.parse(str(path)).iter(f"{{{NS}}}trans-unit")}


def test_a_file_reviewed_on_a_laptop_goes_back_whole_twice(tmp_path):
    """Import, work package, review on a laptop, results merged, export (HQ's file, filled);
    HQ's newer version re-imported, its new unit reviewed, export again (the newer file)."""
    v1 = hq_file(tmp_path, "app-v1.xlf", ["hello", "bye", "menu"])
    coord = Desk(tmp_path / "coordinator.sqlite3")
    coord.import_batch(v1, batch="app", actor=COORD, platform="x", target_lang="fr")
    coord.make_work_package("app", tmp_path / "work.rdpack", COORD)
    laptop = Desk(tmp_path / "tendai.sqlite3")
    laptop.import_package(tmp_path / "work.rdpack")
    assert laptop.store.documents.versions([hashlib.sha256(v1.read_bytes()).hexdigest()]) == {}
    bye = next(r["id"] for r in laptop.posts(batch="app") if r["external_id"] == "bye")
    laptop.annotate(bye, TENDAI, start=0, end=9, category="style", severity="minor",
                    comment="a bit formal")
    _approve_all(laptop, TENDAI, rewrite={"hello": "Bonjour, le monde."})
    laptop.make_results_package("app", tmp_path / "results.rdpack", TENDAI)
    coord.import_package(tmp_path / "results.rdpack")
    first = coord.export("app", "xliff12", tmp_path / "out1.xlf", COORD)
    assert first.written.name == "export-written-into" and first.written.values["file"] == v1.name
    units = _units(tmp_path / "out1.xlf")
    hello = units["hello"].find(f"{{{NS}}}target")
    assert hello.text == "\n\n  Bonjour, le monde.\n"  # the source's ends around the rewrite
    assert (units["hello"].get("approved"), hello.get("state")) == ("yes", "final")
    bye = units["bye"].find(f"{{{NS}}}target")
    assert etree.tostring(bye, with_tail=False).decode().endswith(
        'state="final">Au revoir <x id="1"/> maintenant.</target>')
    assert units["menu"].find(f"{{{NS}}}target") is None and units["menu"].get("approved") is None
    # the reviewer's annotation as a note after the developer's, which stays as it was
    assert [(n.get("from"), n.text) for n in units["bye"].iterfind(f"{{{NS}}}note")] == [
        ("dev", "shown on logout"), ("Tendai", "style/minor: a bit formal [\u201cAu revoir\u201d]")]
    text = (tmp_path / "out1.xlf").read_text(encoding="utf-8")
    assert "<!-- made by HQ's CAT tool -->" in text
    assert '<group id="g1"><note>the app</note>' in text
    assert 'tool-name="HQ CAT"' in text and 'datatype="x-json"' in text

    v2 = hq_file(tmp_path, "app-v2.xlf", ["hello", "bye", "menu", "new"])
    result = coord.import_batch(v2, batch="app", actor=COORD, platform="x", target_lang="fr")
    assert (result.added, result.unchanged) == (1, 2)
    _approve_all(coord, REVIEWER, rewrite={"new": "Une nouvelle ligne."})
    second = coord.export("app", "xliff12", tmp_path / "out2.xlf", COORD)
    assert second.count == 1 and second.written.values["file"] == v2.name
    units = _units(tmp_path / "out2.xlf")
    assert units["new"].find(f"{{{NS}}}target").text == "Une nouvelle ligne."
    assert units["hello"].find(f"{{{NS}}}target") is None  # exported before: as HQ's v2 has it
    again = coord.export("app", "xliff12", tmp_path / "out3.xlf", COORD, again=True)
    assert again.count == 3 and again.written.values["file"] == v2.name
    back = {p.external_id: p.draft_text for p in read_batch_file(tmp_path / "out3.xlf",
                                                                 platform="x")}
    assert back == {r["external_id"]: r["current_text"] for r in coord.posts(batch="app")}
    for desk in (coord, laptop):
        desk.close()


def test_posts_from_two_files_are_refused_by_name_then_exported_a_file_at_a_time(tmp_path):
    one = hq_file(tmp_path, "one.xlf", ["hello"])
    two = hq_file(tmp_path, "two.xlf", ["bye", "new"])
    with Desk(tmp_path / "d.sqlite3") as desk:
        for path in (one, two):
            desk.import_batch(path, batch="app", actor=COORD, platform="x")
        _approve_all(desk)
        with pytest.raises(InvalidInput) as refused:
            desk.export("app", "xliff12", tmp_path / "out.xlf", COORD)
        assert str(refused.value) == (
            "the 3 approved posts of batch app came from more than one file (2 posts from "
            "two.xlf; 1 post from one.xlf), and an XLIFF export writes one of HQ's files back "
            "whole: export one file's posts at a time with --from-file FILE (in the window: HQ's "
            "file) (the others stay approved)")
        assert not (tmp_path / "out.xlf").exists()
        result = desk.export("app", "xliff12", tmp_path / "two-out.xlf", COORD, from_file="two.xlf")
        assert result.count == 2 and list(result.skipped.values()) == [1]
        assert set(_units(tmp_path / "two-out.xlf")) == {"bye", "new"}
        result = desk.export("app", "xliff12", tmp_path / "one-out.xlf", COORD, from_file="one.xlf")
        assert result.count == 1 and result.written.values["file"] == "one.xlf"
        with pytest.raises(InvalidInput, match="came from a file named three.xlf"):
            desk.export("app", "xliff12", tmp_path / "x.xlf", COORD, from_file="three.xlf",
                        again=True)
        with pytest.raises(InvalidInput, match="--from-file one.xlf: only an XLIFF export"):
            desk.export("app", "csv", tmp_path / "x.csv", COORD, from_file="one.xlf", again=True)


def test_posts_from_a_csv_and_an_xliff_are_refused_by_name(tmp_path):
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(hq_file(tmp_path, "one.xlf", ["hello"]), batch="app", actor=COORD,
                          platform="x")
        desk.import_batch(sample_csv(tmp_path, "more.csv", rows=1), batch="app", actor=COORD)
        _approve_all(desk)
        with pytest.raises(InvalidInput, match=r"1 post from no kept XLIFF file \(a CSV"):
            desk.export("app", "xliff12", tmp_path / "out.xlf", COORD)


def test_without_a_kept_document_the_export_is_built_and_says_so(tmp_path):
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(sample_csv(tmp_path, "zw.csv", rows=2), batch="app", actor=COORD)
        _approve_all(desk)
        result = desk.export("app", "xliff12", tmp_path / "out.xlf", COORD)
        assert result.written.name == "export-built"
        assert etree.parse(str(tmp_path / "out.xlf")).find(f"{{{NS}}}file").get("original") == "app"
        # an XLIFF 1.2 file of HQ's exported as XLIFF 2.0: built too (no 2.0 document kept)
        desk.import_batch(hq_file(tmp_path, "one.xlf", ["hello"]), batch="xl", actor=COORD,
                          platform="x")
        for row in desk.posts(batch="xl"):
            desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
        assert desk.export("xl", "xliff20", tmp_path / "two.xlf", COORD).written.name == \
            "export-built"
        csv = desk.export("xl", "csv", tmp_path / "xl.csv", COORD, again=True)
        assert csv.written == ""  # only XLIFF exports say how they were written


def _damage(tmp_path: Path, change) -> Path:
    """A desk with HQ's file imported and approved; `change(conn, sha256)` then changes the
    kept copy in the database, as something outside Review Desk could."""
    source = hq_file(tmp_path, "app.xlf", ["hello", "bye"])
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(source, batch="app", actor=COORD, platform="x", target_lang="fr")
        _approve_all(desk)
    with sqlite3.connect(tmp_path / "d.sqlite3") as conn:
        change(conn, hashlib.sha256(source.read_bytes()).hexdigest())
    return source


def _set_data(data: bytes, size: int | None = None):
    def change(conn, sha256):
        conn.execute("UPDATE xliff_documents SET data = ?, bytes = coalesce(?, bytes)",
                     (data, size))
    return change


def _forge(content: bytes):
    """Another document whose SHA-256 the import's record is made to say."""
    def change(conn, sha256):
        forged = hashlib.sha256(content).hexdigest()
        conn.execute("UPDATE xliff_documents SET sha256 = ?, data = ?, bytes = ?",
                     (forged, zlib.compress(content), len(content)))
        conn.execute("UPDATE events SET payload = replace(payload, ?, ?)", (sha256, forged))
    return change


BOMB = zlib.compress(b"\0" * (MAX_FILE_BYTES + 2), 9)


@pytest.mark.parametrize("change, message", [
    (_set_data(b"not zlib at all"), "does not unpack"),
    (_set_data(BOMB, MAX_FILE_BYTES + 2), "does not unpack"),  # larger than any import
    (_set_data(zlib.compress(b"<xliff/>"), 8), "is not the file that was imported"),
    (_forge(b"plain text, no XML"), "is no longer XLIFF"),
    (_forge(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xliff>&a;</xliff>'),
     "is no longer XLIFF"),
], ids=["not-zlib", "bomb", "other-bytes", "not-xml", "entities"])
def test_a_damaged_kept_copy_is_refused_by_name_and_a_new_import_repairs_it(tmp_path, change,
                                                                            message):
    source = _damage(tmp_path, change)
    with Desk(tmp_path / "d.sqlite3") as desk:
        with pytest.raises(InvalidInput, match=message):
            desk.export("app", "xliff12", tmp_path / "out.xlf", COORD)
        assert not (tmp_path / "out.xlf").exists()
        assert {r["state"] for r in desk.posts(batch="app")} == {"approved"}
        desk.import_batch(source, batch="app", actor=COORD, platform="x", target_lang="fr")
        result = desk.export("app", "xliff12", tmp_path / "out.xlf", COORD)
        assert result.count == 2 and result.written.values["file"] == "app.xlf"


def test_the_kept_copy_is_compressed_and_survives_a_restore(tmp_path):
    source = hq_file(tmp_path, "app.xlf", ["hello", "bye"])
    sha256 = hashlib.sha256(source.read_bytes()).hexdigest()
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(source, batch="app", actor=COORD, platform="x", target_lang="fr")
        kept = desk.store.documents.get(sha256)
        assert (kept["version"], kept["bytes"]) == ("1.2", source.stat().st_size)
        assert zlib.decompress(kept["data"]) == source.read_bytes()
        desk.backup_now()
        forget_documents(desk)  # lost after the backup
    Desk.restore_backup(tmp_path / "d.sqlite3", 1)
    with Desk(tmp_path / "d.sqlite3") as desk:
        _approve_all(desk)
        assert desk.export("app", "xliff12", tmp_path / "o.xlf", COORD).written.name == \
            "export-written-into"


def test_a_kept_copy_that_holds_none_of_the_posts_is_not_written(tmp_path):
    """(HQ's posts all went out before, and only a CSV's are approved; here: a forged copy.)
    The export is built, and says so: HQ's file is never sent without the posts' units."""
    _damage(tmp_path, _forge(
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file '
        b'original="f" source-language="en" target-language="fr" datatype="x"><body/>'
        b'</file></xliff>'))
    with Desk(tmp_path / "d.sqlite3") as desk:
        result = desk.export("app", "xliff12", tmp_path / "out.xlf", COORD)
        assert result.count == 2 and result.written.name == "export-built"


DOC20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"
       xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0">
  <file id="f1" original="app.json">
    <unit id="u1">
      <mda:metadata><mda:metaGroup><mda:meta type="resname">greeting</mda:meta></mda:metaGroup>
      </mda:metadata>
      <originalData><data id="d1">&lt;b/&gt;</data></originalData>
      <segment><source>Hello <ph id="1" dataRef="d1"/> friend</source></segment>
    </unit>
    <unit id="u2"><notes><note category="hq">Keep it short</note></notes>
      <segment><source>Bye</source><target>Salut</target></segment></unit>
  </file>
</xliff>
"""


def test_xliff20_notes_go_where_the_schema_wants_them(tmp_path):
    """A 2.0 unit's review notes: in its <notes> (made after its module metadata, before its
    <originalData>), HQ's own note not repeated; the unit's metadata kept; valid XLIFF 2.0."""
    source = tmp_path / "app.xlf"
    source.write_text(DOC20, encoding="utf-8")
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(source, batch="app", actor=COORD, platform="x")
        for row in desk.posts(batch="app"):
            desk.decide(row["id"], REVIEWER, "request-changes", reason="check the tone")
            desk.decide(row["id"], REVIEWER, "reopen", reason="fixing it")
        _approve_all(desk)
        desk.export("app", "xliff20", tmp_path / "out.xlf", COORD)
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    units = {u.get("id"): u for u in etree.parse(str(tmp_path / "out.xlf")).iter(f"{ns}unit")}
    assert [etree.QName(c).localname for c in units["u1"]] == [
        "metadata", "notes", "originalData", "segment"]
    notes = {u: [(n.get("category"), n.text) for n in units[u].iter(f"{ns}note")] for u in units}
    said = [("review", "Tendai: changes requested: check the tone"),
            ("review", "Tendai: reopened: fixing it")]
    assert notes == {"u1": said, "u2": [("hq", "Keep it short")] + said}
    assert units["u1"].find(f"{ns}segment/{ns}target/{ns}ph").get("dataRef") == "d1"
    try:
        from tests.formats.test_xliff_schemas import assert_valid
    except BaseException:  # the schemas module skips itself where setup.sh did not fetch them
        return
    assert_valid(tmp_path / "out.xlf", "xliff20")
