"""Exports for CAT and scheduling tools (XLIFF 1.2/2.0, TMX, Hootsuite, HighLevel), the manifest
beside every export, `verify`, and XLIFF batches: real files from other tools and round trips."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile
from translate.storage.xliff import xlifffile
from translate.storage.xliff2 import Xliff2File

from review import Desk, ImportFailed, ReviewError
from review.errors import InvalidInput
from review.formats import EXPORT_FORMATS
from review.formats.batchfile import read_batch_file
from review.formats.manifest import manifest_path, verify_file
from review.formats.tmx_files import read_tmx
from tests.helpers import COORD, REVIEWER

REAL = Path(__file__).resolve().parent.parent / "data" / "real-world"
HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
HEADER = "id,platform,source_lang,source_text,target_lang,draft_text,link,media_note,scheduled_at,notes\n"
ROWS = [
    'ZW-001,facebook,zh-CN,我们打了12口井。,en,"=We drilled 12 wells.",https://example.org/w,'
    '2 photos,2026-12-07 09:30,HQ: check the figure\n',
    "ZW-002,x,zh-CN,移交仪式在奇维举行。,en,Handover in Chivi 𝐅 today.,,,2026-12-08T10:00:00+00:00,\n",
    "ZW-003,youtube,zh-CN,感谢酋长。,en,Thanks to the chief.,,,2026-12-09 08:00,\n",
    "ZW-004,linkedin,zh-CN,没有时间。,en,No time given.,,,,\n",
]


@pytest.fixture
def approved(desk: Desk, tmp_path) -> Desk:
    """A batch `zw` (Africa/Harare) of four approved posts; ZW-001 rewritten, annotated and
    once sent back with a reason before its approval."""
    source = tmp_path / "zw.csv"
    source.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    desk.import_batch(source, actor=COORD, timezone="Africa/Harare")
    first = desk.resolve_post_id("ZW-001")
    desk.decide(first, REVIEWER, "request-changes", reason="the figure is 12 boreholes")
    desk.decide(first, REVIEWER, "reopen", reason="rewriting it myself")
    desk.rewrite(first, REVIEWER, "We drilled 12 boreholes.", back_translation="我们打了12个钻孔。")
    desk.annotate(first, REVIEWER, start=11, end=23, category="terminology", severity="major",
                  comment="'well' undersells it")
    for post in desk.posts(batch="zw"):
        desk.decide(post["id"], REVIEWER, "approve", despite_findings=True)
    return desk


def export(desk: Desk, fmt: str, out: Path, **options):
    return desk.export("zw", fmt, out, COORD, **options)


# ------------------------------------------------------------------------------ XLIFF 1.2 / 2.0

def test_xliff12_export_reads_back_in_translate_toolkit_with_states_and_notes(approved, tmp_path):
    result = export(approved, "xliff12", tmp_path / "zw.xlf")
    assert result.count == 4
    store = xlifffile.parsestring((tmp_path / "zw.xlf").read_bytes())
    units = {u.xmlelement.get("id"): u for u in store.units}
    assert set(units) == {"ZW-001", "ZW-002", "ZW-003", "ZW-004"}
    first = units["ZW-001"]
    assert (first.source, first.target) == ("我们打了12口井。", "We drilled 12 boreholes.")
    assert first.isapproved()
    root = etree.fromstring((tmp_path / "zw.xlf").read_bytes())
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    assert root.get("version") == "1.2"
    # the schema wants <header> before <body> in each <file>
    assert [etree.QName(c).localname for c in root.find("x:file", ns)] == ["header", "body"]
    assert {t.get("state") for t in root.iterfind(".//x:target", ns)} == {"final"}
    notes = [(n.get("from"), n.text) for n in
             root.find(".//x:trans-unit[@id='ZW-001']", ns).iterfind("x:note", ns)]
    assert ("HQ", "HQ: check the figure") in notes
    assert ("Tendai", "changes requested: the figure is 12 boreholes") in notes
    assert ("Tendai", "terminology/major: 'well' undersells it [\u201c12 boreholes\u201d]") in notes
    assert ("Tendai", "back-translation: 我们打了12个钻孔。") in notes
    assert first.getcontextgroups("review-desk-ZW-001") == [[("x-platform", "facebook"), (
        "x-scheduled-at", "2026-12-07T09:30:00+02:00"), ("x-link", "https://example.org/w"),
        ("x-media-note", "2 photos")]]


def test_xliff_state_is_signed_off_when_the_batch_required_it(desk, tmp_path):
    source = tmp_path / "so.csv"
    source.write_text(HEADER + ROWS[1], encoding="utf-8")
    desk.import_batch(source, actor=COORD, require_signoff=True)
    post = desk.resolve_post_id("ZW-002")
    desk.rewrite(post, REVIEWER, "A better text.")
    desk.decide(post, REVIEWER, "approve")
    desk.decide(post, COORD, "signoff")
    desk.export("so", "xliff12", tmp_path / "so.xlf", COORD)
    desk.export("so", "xliff20", tmp_path / "so2.xlf", COORD, again=True)
    assert b'state="signed-off"' in (tmp_path / "so.xlf").read_bytes()
    segment = etree.fromstring((tmp_path / "so2.xlf").read_bytes()).find(".//{*}segment")
    assert (segment.get("state"), segment.get("subState")) == ("final", "rd:signed-off")


def test_xliff20_export_is_read_by_translate_toolkit_and_keeps_text(approved, tmp_path):
    export(approved, "xliff20", tmp_path / "zw.xlf")
    data = (tmp_path / "zw.xlf").read_bytes()
    store = Xliff2File.parsestring(data)
    assert {u.getid(): u.target for u in store.units} == {
        "ZW-001": "We drilled 12 boreholes.", "ZW-002": "Handover in Chivi 𝐅 today.",
        "ZW-003": "Thanks to the chief.", "ZW-004": "No time given."}
    assert all(u.isapproved() for u in store.units)
    root = etree.fromstring(data)
    assert (root.get("srcLang"), root.get("trgLang"), root.get("version")) == ("zh-CN", "en", "2.0")
    unit = root.find(".//{*}unit[@id='ZW-001']")
    # <notes> comes before <segment> in a 2.0 unit
    assert [etree.QName(child).localname for child in unit] == ["notes", "segment"]
    categories = [n.get("category") for n in unit.iterfind("{*}notes/{*}note")]
    assert categories[:4] == ["platform", "scheduled-at", "link", "media-note"]
    assert "hq" in categories and "review" in categories


def test_xliff20_refuses_a_batch_of_several_language_pairs(desk, tmp_path):
    source = tmp_path / "mixed.csv"
    source.write_text(HEADER + ROWS[0] + "SN-1,facebook,en,Water,sn,Mvura,,,,\n", encoding="utf-8")
    desk.import_batch(source, actor=COORD)
    for post in desk.posts(batch="mixed"):
        desk.decide(post["id"], REVIEWER, "approve", despite_findings=True)
    with pytest.raises(InvalidInput, match="one language pair"):
        desk.export("mixed", "xliff20", tmp_path / "m.xlf", COORD)
    assert not (tmp_path / "m.xlf").exists() and not (tmp_path / "m.xlf.manifest.json").exists()
    assert {p["state"] for p in desk.posts(batch="mixed")} == {"approved"}
    desk.export("mixed", "xliff12", tmp_path / "m12.xlf", COORD)
    files = etree.fromstring((tmp_path / "m12.xlf").read_bytes()).findall("{*}file")
    assert [(f.get("source-language"), f.get("target-language")) for f in files] == [
        ("zh-CN", "en"), ("en", "sn")]


@pytest.mark.parametrize("fmt", ["xliff12", "xliff20"])
def test_xliff_export_import_round_trip_keeps_every_text(approved, tmp_path, fmt):
    out = tmp_path / f"zw-{fmt}.xlf"
    export(approved, fmt, out)
    other = Desk(tmp_path / "other.sqlite3", backups=False)
    try:
        other.import_batch(out, batch="back", actor=COORD, timezone="Africa/Harare")
        back = {p["external_id"]: p for p in other.posts(batch="back")}
        for post in approved.posts(batch="zw"):
            twin = back[post["external_id"]]
            for key in ("source_text", "source_lang", "target_lang", "platform", "link",
                        "media_note"):
                assert twin[key] == post[key], key
            assert twin["draft_text"] == post["current_text"]
            assert twin["notes"] == post["notes"]
    finally:
        other.close()


# ------------------------------------------------------------------------------ XLIFF import

REAL_XLIFF = [
    ("okapi_RB-12-Test02_win1252.xlf", {}, 9),
    ("omegat_xliff12_SMP.xlf", {}, 1),
    ("translate_odf2xliff-reference.xlf", {"target_lang": "sn"}, 10),
    ("omegat_xliff2_ex.9.5.xlf", {"target_lang": "fr"}, 7),  # and 1 unit translate="no"
    ("weblate_cs.xliff2", {}, 4),
]


@pytest.mark.parametrize("name,options,count", REAL_XLIFF)
def test_real_world_xliff_files_import_as_batches(desk, tmp_path, name, options, count):
    result = desk.import_batch(REAL / name, actor=COORD, platform="facebook", **options)
    assert result.added == count
    posts = desk.posts(batch=result.batch)
    assert all(p["platform"] == "facebook" for p in posts)
    # ...and go out again with every text as it was imported
    for post in posts:
        desk.decide(post["id"], REVIEWER, "approve", despite_findings=True)
    out = tmp_path / "again.xlf"
    two = "xliff2" in name or "ex.9.5" in name
    desk.export(result.batch, "xliff20" if two else "xliff12", out, COORD)
    # HQ's own file, filled: it says no platform, as it did not when it came
    again = {post.external_id: post for post in read_batch_file(out, "xliff", platform="facebook")}
    for post in posts:
        # every text as it was imported, its inline codes included (test_cat_round_trip.py
        # compares them with the original file's as XML)
        assert again[post["external_id"]].source_text == post["source_text"]
        assert again[post["external_id"]].draft_text == post["current_text"]
        assert again[post["external_id"]].codes == json.loads(post["codes"])


def test_real_world_texts_outside_the_bmp_and_preserved_space(desk):
    desk.import_batch(REAL / "omegat_xliff12_SMP.xlf", actor=COORD, platform="x")
    desk.import_batch(REAL / "weblate_cs.xliff2", actor=COORD, platform="x")
    texts = {p["external_id"]: p for p in desk.posts()}
    smp = next(p for key, p in texts.items() if key.startswith("text.txt"))
    # two <mrk> (an opening and a closing placeholder each) around text outside the BMP
    assert smp["draft_text"] == "𝐅𝐈𝐑𝐒𝐓\ue000𝐌𝐀𝐑𝐊\ue001 \ue002𝐌𝐀𝐑𝐊2\ue003𝐂𝐔𝐒𝐓𝐎𝐌"
    assert smp["target_lang"] == "be"
    assert [c["role"] for c in json.loads(smp["codes"]).values()] == ["open", "close"] * 2
    assert texts["weblate"]["source_text"] == "Try Weblate at <https://demo.weblate.org/>!"
    assert texts["hello"]["draft_text"] == "Ahoj světe!"
    # a unit without a target takes its source as the draft
    assert texts["thanks"]["draft_text"] == "Thank you for using Weblate."


def test_xliff_without_platform_or_target_language_is_refused_with_advice(desk, tmp_path):
    with pytest.raises(ImportFailed) as caught:
        desk.import_batch(REAL / "weblate_cs.xliff2", actor=COORD)
    assert "choose the platform when importing (--platform" in str(caught.value)
    with pytest.raises(ImportFailed) as caught:
        desk.import_batch(REAL / "translate_odf2xliff-reference.xlf", actor=COORD, platform="x")
    assert "does not say the target language" in str(caught.value)
    assert desk.posts() == []


def test_xliff_with_an_entity_declaration_is_refused(desk):
    with pytest.raises(ImportFailed, match="declares an entity"):
        desk.import_batch(HOSTILE / "xxe.xlf", actor=COORD, platform="x")
    assert desk.posts() == []


# ------------------------------------------------------------------------------ TMX

def test_tmx_export_holds_approved_pairs_and_reads_back(approved, tmp_path):
    export(approved, "tmx", tmp_path / "zw.tmx")
    store = tmxfile.parsestring((tmp_path / "zw.tmx").read_bytes())
    pairs = {(u.source, u.target) for u in store.units}
    assert ("我们打了12口井。", "We drilled 12 boreholes.") in pairs and len(pairs) == 4
    ours = read_tmx(tmp_path / "zw.tmx")
    assert {(u.source_lang, u.target_lang) for u in ours.units} == {("zh-CN", "en")}
    assert {u.target_text for u in ours.units} == {t for _, t in pairs}


# ------------------------------------------------------------------------------ scheduling CSVs

def test_hootsuite_layout_one_platform_and_local_times(approved, tmp_path):
    with pytest.raises(InvalidInput, match="one social profile per file"):
        export(approved, "hootsuite", tmp_path / "h.csv")
    assert not (tmp_path / "h.csv").exists()
    result = export(approved, "hootsuite", tmp_path / "fb.csv", platform="facebook")
    rows = list(csv.reader(io.StringIO((tmp_path / "fb.csv").read_text("utf-8"), newline="")))
    assert rows == [["07/12/2026 09:30", "We drilled 12 boreholes.", "https://example.org/w"]]
    assert result.count == 1
    states = {p["external_id"]: p["state"] for p in approved.posts(batch="zw")}
    assert states["ZW-001"] == "exported" and states["ZW-002"] == "approved"


def test_highlevel_layout_skips_posts_without_time_and_youtube(approved, tmp_path):
    result = export(approved, "highlevel", tmp_path / "hl.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "hl.csv").read_text("utf-8"), newline="")))
    assert rows[0] == ["postAtSpecificTime", "content", "link", "imageUrls", "gifUrl", "videoUrls"]
    # 10:00 UTC is 12:00 in Harare, the batch's zone
    assert [r[:2] for r in rows[1:]] == [["2026-12-07 09:30:00", "We drilled 12 boreholes."],
                                         ["2026-12-08 12:00:00", "Handover in Chivi 𝐅 today."]]
    assert result.skipped == {"YouTube needs a video upload": 1, "no scheduled time": 1}
    states = {p["external_id"]: p["state"] for p in approved.posts(batch="zw")}
    assert (states["ZW-003"], states["ZW-004"]) == ("approved", "approved")
    manifest = json.loads(manifest_path(tmp_path / "hl.csv").read_text("utf-8"))
    assert manifest["skipped"] == result.skipped and manifest["count"] == 2


def test_scheduling_csv_keeps_text_exactly_and_leaves_out_formulas(desk, tmp_path):
    """The tool publishes what the file says: no guard quote before "@UNICEF"; a post that a
    spreadsheet would run as a formula is left out and counted, not changed."""
    source = tmp_path / "f.csv"
    source.write_text(HEADER + "F-1,x,en,a,sn,=HYPERLINK(\"http://evil.com\"),,,2026-12-07 09:30,\n"
                      "F-2,x,en,b,sn,@UNICEF thanks,,,2026-12-07 10:30,\n"
                      "F-3,x,en,c,sn,+263 77 123 4567 - call us,=cmd,,2026-12-07 11:30,\n",
                      encoding="utf-8")
    desk.import_batch(source, actor=COORD, timezone="UTC")
    for key in ("F-1", "F-2", "F-3"):
        desk.decide(desk.resolve_post_id(key), REVIEWER, "approve")
    result = desk.export("f", "hootsuite", tmp_path / "out.csv", COORD)
    assert (tmp_path / "out.csv").read_bytes() == "07/12/2026 10:30,@UNICEF thanks,\r\n".encode()
    assert result.skipped == {"text or link starting with '=' (a spreadsheet would run it as a "
                              "formula)": 2}


# ------------------------------------------------------------------------------ manifests, verify

@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_format_writes_a_manifest_that_verifies(approved, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    options = {"platform": "facebook"} if fmt in ("hootsuite", "xliff20") else {}
    result = export(approved, fmt, out, **options)
    manifest = json.loads(result.manifest.read_text("utf-8"))
    assert result.manifest == manifest_path(out)
    assert manifest["export_id"] == result.export_id and manifest["format"] == fmt
    assert manifest["file"] == {"name": out.name, "size": out.stat().st_size,
                                "sha256": result.sha256}
    assert manifest["exported_by"] == COORD.name and manifest["count"] == result.count
    assert len(manifest["posts"]) == result.count
    assert approved.verify_export(out).ok
    assert not list(tmp_path.glob(".*.export"))  # no staged file left behind
    recorded = [e for e in approved.store.events.all() if e.kind == "batch.exported"]
    assert recorded[-1].payload["sha256"] == result.sha256


def test_verify_finds_a_tampered_file_a_tampered_manifest_and_a_wrong_record(approved, tmp_path):
    out = tmp_path / "zw.csv"
    export(approved, "csv", out)
    assert approved.verify_export(out).ok
    out.write_bytes(out.read_bytes().replace(b"boreholes", b"wells!!!!"))  # same size
    found = approved.verify_export(out)
    assert not found.ok and [d.split(":")[0] for d in found.differences] == ["sha256"]
    export(approved, "csv", out, again=True)
    manifest = manifest_path(out)
    data = json.loads(manifest.read_text("utf-8"))
    size, sha = data["file"]["size"], data["file"]["sha256"]
    data["file"]["size"] = size + 1
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert [d.split(":")[0] for d in approved.verify_export(out).differences] == ["size"]
    # a forged manifest that matches the tampered file still disagrees with the database
    out.write_bytes(out.read_bytes() + b"x")
    from review.formats.manifest import file_digest

    data["file"]["size"], data["file"]["sha256"] = file_digest(out)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert verify_file(out).ok  # the manifest alone is fooled...
    found = approved.verify_export(out)
    assert [d.split(":")[0] for d in found.differences] == ["sha256"]  # ...the record is not
    assert sha != data["file"]["sha256"]


def test_verify_refuses_what_is_not_a_manifest(tmp_path):
    target = tmp_path / "a.csv"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInput, match="no manifest there"):
        verify_file(target)
    manifest_path(target).write_text('{"export_id": NaN}', encoding="utf-8")
    with pytest.raises(InvalidInput, match="not a Review Desk manifest"):
        verify_file(target)
    manifest_path(target).write_text('[1, 2]', encoding="utf-8")
    with pytest.raises(InvalidInput, match="keys missing"):
        verify_file(target)


def test_a_failed_export_leaves_neither_file_nor_manifest(approved, tmp_path):
    (tmp_path / "zw.xlf").write_text("earlier", encoding="utf-8")
    approved.store.conn.execute("UPDATE posts SET current_text = 'bell\x07' "
                                "WHERE external_id = 'ZW-002'")
    with pytest.raises(ReviewError, match="control character"):
        export(approved, "xliff12", tmp_path / "zw.xlf")
    assert (tmp_path / "zw.xlf").read_text("utf-8") == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir() if "xlf" in p.name) == ["zw.xlf"]
    assert {p["state"] for p in approved.posts(batch="zw")} == {"approved"}



# ------------------------------------------------------------------------------ interrupted exports

def test_an_export_recorded_but_not_yet_renamed_is_finished_when_the_desk_opens(
        approved, tmp_path, monkeypatch):
    from review import exporting

    out = tmp_path / "out" / "zw.csv"
    out.parent.mkdir()
    monkeypatch.setattr(exporting, "_put_in_place", lambda staged, final: None)  # dies here
    result = export(approved, "csv", out)
    assert not out.exists() and not manifest_path(out).exists()
    monkeypatch.undo()
    with Desk(approved.path) as reopened:
        assert out.exists() and manifest_path(out).exists()
        assert reopened.verify_export(out).ok
    assert sorted(p.name for p in out.parent.iterdir()) == ["zw.csv", "zw.csv.manifest.json"]
    assert hashlib.sha256(out.read_bytes()).hexdigest() == result.sha256


def test_leftovers_of_exports_that_died_before_their_commit_are_removed(approved, tmp_path):
    out = tmp_path / "zw.csv"
    died = [tmp_path / ".zw.csv.0123456789ab.export", tmp_path / "..zw.csv.0123456789ab.export.x1.part",
            tmp_path / ".zw.csv.manifest.json.0123456789ab.export"]
    for path in died:
        path.write_text("half")
    other = tmp_path / ".other.csv.0123456789ab.export"
    other.write_text("not ours")
    export(approved, "csv", out)
    assert not any(path.exists() for path in died)
    assert other.exists()
    assert sorted(p.name for p in tmp_path.glob("*zw.csv*")) == ["zw.csv", "zw.csv.manifest.json"]


def test_a_reexport_interrupted_after_its_commit_replaces_the_old_file_when_the_desk_opens(
        approved, tmp_path, monkeypatch):
    """The weekly `zw.csv`: the second export's COMMIT happened, its rename did not."""
    from review import exporting

    out = tmp_path / "zw.csv"
    first_posts = approved.posts(batch="zw")
    approved.decide(first_posts[0]["id"], COORD, "reopen", reason="again")
    approved.decide(first_posts[0]["id"], REVIEWER, "approve")
    export(approved, "csv", out)  # the three other posts
    first = out.read_bytes()
    monkeypatch.setattr(exporting, "_put_in_place", lambda staged, final: None)  # dies here
    second = export(approved, "csv", out, again=True)
    monkeypatch.undo()
    assert out.read_bytes() == first
    with Desk(approved.path) as reopened:
        assert hashlib.sha256(out.read_bytes()).hexdigest() == second.sha256
        assert reopened.verify_export(out).ok
    assert sorted(p.name for p in tmp_path.glob("*zw.csv*")) == ["zw.csv", "zw.csv.manifest.json"]


def test_export_to_a_folder_is_refused_before_anything_is_marked(approved, tmp_path):
    folder = tmp_path / "outdir"
    folder.mkdir()
    with pytest.raises(InvalidInput, match="is a folder"):
        export(approved, "csv", folder)
    assert {p["state"] for p in approved.posts(batch="zw")} == {"approved"}


def test_verify_catches_a_file_and_manifest_replaced_together_under_another_export_id(
        approved, tmp_path):
    out = tmp_path / "zw.csv"
    export(approved, "csv", out)
    out.write_bytes(out.read_bytes().replace(b"boreholes", b"BOREHOLES"))
    manifest = json.loads(manifest_path(out).read_text("utf-8"))
    size, digest = len(out.read_bytes()), hashlib.sha256(out.read_bytes()).hexdigest()
    manifest["file"].update(size=size, sha256=digest)
    manifest["export_id"] = "0000"
    manifest_path(out).write_text(json.dumps(manifest), encoding="utf-8")
    result = approved.verify_export(out)
    assert not result.ok and "never made export 0000" in result.differences[0]


def test_review_notes_read_from_rows_equal_the_notes_of_a_full_replay(desk, tmp_path):
    """Posts whose log holds only note-less events take their notes from their row; every other
    post is replayed. Both ways must give what replaying every post gives."""
    from review.exporting import _NOTELESS_KINDS, _attach_review_notes, _export_row, review_notes

    source = tmp_path / "mix.csv"
    lines = [f"MX-{n},facebook,zh-CN,第{n}口井。,en,Borehole {n}.,,,,{'HQ says hi' if n % 2 else ''}\n"
             for n in range(1, 11)]
    source.write_text(HEADER + "".join(lines), encoding="utf-8")
    desk.import_batch(source, actor=COORD, require_signoff=True)
    post = {n: desk.resolve_post_id(f"MX-{n}") for n in range(1, 11)}
    desk.assign([post[1], post[2]], COORD, "Tendai")
    desk.open_post(post[2], REVIEWER)
    desk.rewrite(post[3], REVIEWER, "Borehole three.", back_translation="三号井")
    desk.rewrite(post[4], REVIEWER, "Undone rewrite.", back_translation="撤销")
    desk.undo(post[4], REVIEWER)
    annotated = desk.annotate(post[5], REVIEWER, start=0, end=4, category="style",
                              severity="minor", comment="tone")
    desk.resolve_annotation(post[5], REVIEWER, next(iter(annotated.annotations)))
    gone = desk.annotate(post[6], REVIEWER, start=0, end=4, category="accuracy", severity="major")
    desk.delete_annotation(post[6], REVIEWER, next(iter(gone.annotations)))
    desk.decide(post[7], REVIEWER, "reject", reason="wrong figure")
    desk.decide(post[7], REVIEWER, "reopen", reason="fixed upstream")
    for n in range(1, 11):
        desk.decide(post[n], REVIEWER, "approve")
    desk.decide(post[3], COORD, "signoff")  # only a rewrite waits for a sign-off
    desk.decide(post[9], REVIEWER, "reopen", reason="second look")
    desk.decide(post[9], REVIEWER, "approve")
    desk.undo(post[10], REVIEWER)  # the approval taken back...
    desk.decide(post[10], REVIEWER, "approve")  # ...and given again
    desk.export("mix", "csv", tmp_path / "mix.csv.out", COORD)

    rows = desk.posts(batch="mix")
    kept = [(row, _export_row(row, "UTC")) for row in rows]
    _attach_review_notes(desk, kept)
    replayed = {row["id"]: review_notes(row, desk.history(row["id"])) for row in rows}
    assert {row["id"]: export_row["review_notes"] for row, export_row in kept} == replayed
    by_row = {post[n] for n in (1, 2, 8)}  # assigned, opened, approved, exported: no replay
    assert desk.store.events.posts_with_other_kinds(list(post.values()), _NOTELESS_KINDS) == \
        set(post.values()) - by_row
    assert replayed[post[1]] == [("HQ", "HQ says hi")]
    assert replayed[post[3]][-2:] == [("Tendai", "back-translation: 三号井"), (COORD.name, "signed off")]


def test_a_stored_time_outside_1970_2200_is_left_out_of_schedules_and_kept_elsewhere(
        approved, tmp_path):
    """Imports refuse such times now; a database from before may hold them. Converting one to
    the batch's zone overflowed (exit 1) and stopped every scheduling export of the batch."""
    approved.store.conn.execute("UPDATE posts SET scheduled_at = '9999-12-31T23:59:00-05:00' "
                                "WHERE external_id = 'ZW-001'")
    approved.store.conn.execute("UPDATE posts SET scheduled_at = 'soon' "
                                "WHERE external_id = 'ZW-003'")
    result = export(approved, "highlevel", tmp_path / "plan.csv")
    assert result.count == 1  # ZW-002; ZW-004 has no time
    assert result.skipped == {"a scheduled time outside 1970-2200": 2, "no scheduled time": 1}
    assert {p["external_id"]: p["state"] for p in approved.posts(batch="zw")}["ZW-001"] == \
        "approved"
    export(approved, "csv", tmp_path / "all.csv", again=True)
    rows = {row["external_id"]: row for row in
            csv.DictReader(io.StringIO((tmp_path / "all.csv").read_text("utf-8")))}
    assert rows["ZW-001"]["scheduled_at"] == "9999-12-31T23:59:00-05:00"  # as it is stored
    assert rows["ZW-003"]["scheduled_at"] == "soon"
