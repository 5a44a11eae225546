"""Importing batches into the desk (idempotent, all-or-nothing, new HQ drafts) and exporting
approved posts (marked, recorded, never twice by accident, formulas neutralised)."""
from __future__ import annotations

import csv
import hashlib
import json

import pytest

from review import Desk, ImportFailed, ReviewError
from review import workflow as wf
from tests.helpers import COORD, REVIEWER

HEADER = "id,platform,source_lang,source_text,target_lang,draft_text,link,media_note,scheduled_at,notes,campaign\n"
ROWS = [
    "ZW-001,facebook,zh-CN,我们打了12口井。,en,We drilled 12 water wells.,,,2026-12-07 09:30,,wash\n",
    "ZW-002,x,zh-CN,移交仪式在奇维举行。,en,The handover ceremony was held in Chivi.,https://example.org/h,,"
    "2026-12-08T10:00:00+02:00,,wash\n",
    "ZW-003,linkedin,zh-CN,感谢酋长的支持。,sn,Tinotenda ishe nerubatsiro rwavo.,,,,,\n",
]


def write_csv(path, rows=ROWS, header=HEADER):
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


def snapshot(desk: Desk) -> tuple:
    """Everything a user could lose: events, posts, revisions, batches."""
    conn = desk.store.conn
    return tuple(conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
                 for table in ("events", "posts", "revisions", "batches", "annotations"))


def test_import_stores_posts_with_extra_columns_and_batch(desk, tmp_path):
    result = desk.import_batch(write_csv(tmp_path / "zw.csv"), actor=COORD, timezone="Africa/Harare")
    assert (result.batch, result.added, result.unchanged, result.created_batch) == ("zw", 3, 0, True)
    rows = {r["external_id"]: r for r in desk.posts(batch="zw")}
    assert rows["ZW-001"]["state"] == "pending"
    # stored as written, in the batch's zone; what Desk.posts shows carries its offset (issue 15)
    assert rows["ZW-001"]["scheduled_at"] == "2026-12-07T09:30:00+02:00"
    assert desk.store.posts.row(rows["ZW-001"]["id"])["scheduled_at"] == "2026-12-07T09:30:00"
    assert json.loads(rows["ZW-001"]["extra"]) == {"campaign": "wash"}
    assert rows["ZW-003"]["target_lang"] == "sn"
    batch = desk.batch("zw")
    assert batch["timezone"] == "Africa/Harare" and batch["platforms"] == ["x", "facebook", "linkedin"]
    kinds = [e.kind for e in desk.store.events.all()]
    assert kinds.count(wf.IMPORTED) == 3 and kinds[0] == wf.BATCH_CREATED and kinds[-1] == wf.FILE_IMPORTED


def test_reimporting_the_same_file_adds_nothing(desk, tmp_path):
    source = write_csv(tmp_path / "zw.csv")
    desk.import_batch(source, actor=COORD)
    posts_before = desk.posts(batch="zw")
    result = desk.import_batch(source, actor=COORD)
    assert (result.added, result.new_drafts, result.details_updated, result.unchanged) == (0, 0, 0, 3)
    assert desk.posts(batch="zw") == posts_before


def test_changed_draft_becomes_new_revision_and_post_goes_back_to_pending(desk, tmp_path):
    source = write_csv(tmp_path / "zw.csv")
    desk.import_batch(source, actor=COORD)
    post_id = desk.resolve_post_id("ZW-001")
    desk.rewrite(post_id, REVIEWER, "We drilled 12 boreholes.")
    desk.decide(post_id, REVIEWER, "approve")

    changed = [ROWS[0].replace("12 water wells", "twelve water wells")] + ROWS[1:]
    result = desk.import_batch(write_csv(source, changed), actor=COORD)
    assert (result.new_drafts, result.unchanged) == (1, 2)
    post = desk.post(post_id)
    assert post.state == "pending"
    assert [(r.number, r.kind) for r in post.revisions] == [(0, "draft"), (1, "rewrite"), (2, "draft")]
    assert post.revisions[0].text == "We drilled 12 water wells.", "revision 0 never changes"
    assert post.current_text == "We drilled twelve water wells."
    assert [e.kind for e in desk.history(post_id)][-1] == wf.DRAFT_UPDATED


def test_changed_details_keep_the_review_state(desk, tmp_path):
    source = write_csv(tmp_path / "zw.csv")
    desk.import_batch(source, actor=COORD)
    post_id = desk.resolve_post_id("ZW-001")
    desk.decide(post_id, REVIEWER, "approve")
    write_csv(source, [ROWS[0].replace("2026-12-07 09:30", "2026-12-09 09:30")] + ROWS[1:])
    assert desk.import_batch(source, actor=COORD).details_updated == 1
    post = desk.post(post_id)
    assert post.state == "approved" and post.scheduled_at == "2026-12-09T09:30:00"


def test_bad_file_imports_nothing_and_lists_every_problem(desk, tmp_path):
    desk.import_batch(write_csv(tmp_path / "zw.csv"), actor=COORD)
    before = snapshot(desk)
    bad = write_csv(tmp_path / "bad.csv", [
        ROWS[0],
        "ZW-010,myspace,zh-CN,源文。,en,Draft.,,,,,\n",
        "ZW-011,x,zh-CN,源文。,en,,,,,,\n",
        "ZW-012,x,zh-CN,源文。,en,Draft.,,,next tuesday,,\n",
    ])
    with pytest.raises(ImportFailed) as failed:
        desk.import_batch(bad, batch="zw", actor=COORD)
    lines = failed.value.lines
    assert any(":3: platform:" in line for line in lines)
    assert any(":4: draft_text:" in line for line in lines)
    assert any(":5: scheduled_at:" in line for line in lines)
    assert snapshot(desk) == before


def test_changing_an_exported_post_is_refused_whole(desk, tmp_path):
    source = write_csv(tmp_path / "zw.csv")
    desk.import_batch(source, actor=COORD)
    desk.decide(desk.resolve_post_id("ZW-002"), REVIEWER, "approve")
    desk.export("zw", "csv", tmp_path / "out.csv", COORD)
    before = snapshot(desk)
    write_csv(source, [ROWS[0].replace("12 water", "13 water"), ROWS[1].replace("Chivi", "Chivi district"), ROWS[2]])
    with pytest.raises(ImportFailed, match="already exported") as failed:
        desk.import_batch(source, actor=COORD)
    assert any(line.endswith("zw.csv:3: draft_text: post ZW-002 was already exported and cannot "
                             "change; give the new version a new id or import it into a new batch")
               for line in failed.value.lines)
    assert snapshot(desk) == before, "ZW-001's change must not land either"


def test_export_marks_records_and_refuses_a_second_export(desk, tmp_path):
    desk.import_batch(write_csv(tmp_path / "zw.csv"), actor=COORD, timezone="Africa/Harare")
    ids = [desk.resolve_post_id(x) for x in ("ZW-001", "ZW-002")]
    desk.rewrite(ids[0], REVIEWER, "We drilled 12 boreholes.")
    desk.decide_many(ids, REVIEWER, "approve")
    out = tmp_path / "approved.csv"
    result = desk.export("zw", "csv", out, COORD)
    assert result.count == 2 and result.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["external_id"] for r in rows] == ["ZW-001", "ZW-002"]
    assert rows[0]["final_text"] == "We drilled 12 boreholes."
    assert rows[0]["scheduled_at"] == "2026-12-07T09:30:00+02:00", "local time gets the batch's offset"
    assert rows[1]["link"] == "https://example.org/h"
    assert {desk.post(i).state for i in ids} == {"exported"}
    (record,) = desk.store.exports.list("zw")
    assert (record["count"], record["format"], record["sha256"], record["actor"]) == (2, "csv", result.sha256, "Chipo")

    with pytest.raises(ReviewError, match="--again"):
        desk.export("zw", "csv", tmp_path / "second.csv", COORD)
    assert not (tmp_path / "second.csv").exists()
    again = desk.export("zw", "json", tmp_path / "again.json", COORD, again=True)
    assert (again.count, again.again) == (2, 2)
    assert len(desk.store.exports.list("zw")) == 2


def test_export_neutralises_formulas(desk, tmp_path):
    rows = [ROWS[0].replace("We drilled 12 water wells.", "=HYPERLINK(\"http://evil\")"),
            ROWS[1].replace("The handover ceremony was held in Chivi.", "@SUM(1+1)")]
    desk.import_batch(write_csv(tmp_path / "zw.csv", rows), actor=COORD)
    desk.decide_many([r["id"] for r in desk.posts(batch="zw")], REVIEWER, "approve")
    out = tmp_path / "out.csv"
    desk.export("zw", "csv", out, COORD)
    finals = [r["final_text"] for r in csv.DictReader(out.open(encoding="utf-8"))]
    assert finals == ["'=HYPERLINK(\"http://evil\")", "'@SUM(1+1)"]


def test_export_nothing_approved_says_so(desk, batch, tmp_path):
    with pytest.raises(ReviewError, match="no approved posts"):
        desk.export("zw", "csv", tmp_path / "x.csv", COORD)
    assert not (tmp_path / "x.csv").exists()


def test_export_failure_leaves_posts_approved_and_no_file(desk, batch, tmp_path):
    post_id = batch["ZW-001"]
    desk.decide(post_id, REVIEWER, "approve")
    with pytest.raises(ReviewError, match="cannot write .*missing-dir.*there is no folder"):
        desk.export("zw", "csv", tmp_path / "missing-dir" / "x.csv", COORD)
    assert desk.post(post_id).state == "approved" and desk.store.exports.list() == []


def test_sample_batches_load_once(desk):
    results = desk.load_sample()
    assert sum(r.added for r in results) >= 40
    assert desk.load_sample() == []
    names = {b["name"] for b in desk.batches()}
    assert {"zimbabwe-boreholes", "chengdu-hitech-zone"} <= names
    langs = {r["target_lang"] for r in desk.posts()}
    assert {"en", "sn", "nd", "ja", "ko", "de", "fr"} <= langs
    assert {r["platform"] for r in desk.posts()} == {"x", "facebook", "youtube", "linkedin"}


def test_cancelled_import_changes_nothing(desk, tmp_path):
    from review import Cancelled

    before = snapshot(desk)
    with pytest.raises(Cancelled, match="cancelled; nothing was changed"):
        desk.import_batch(write_csv(tmp_path / "zw.csv"), actor=COORD, should_stop=lambda: True)
    assert snapshot(desk) == before


def test_failed_recording_leaves_no_file_and_keeps_an_earlier_export(desk, batch, tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    out.write_text("an earlier export\n", encoding="utf-8")
    desk.decide(batch["ZW-001"], REVIEWER, "approve")
    monkeypatch.setattr(desk.store.exports, "insert", lambda record: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        desk.export("zw", "csv", out, COORD)
    assert out.read_text(encoding="utf-8") == "an earlier export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert desk.post(batch["ZW-001"]).state == "approved"


def test_undo_takes_back_only_the_expected_action_and_respects_authors(desk, batch):
    from review import Actor, TransitionRefused

    post_id = batch["ZW-002"]
    mine = desk.rewrite(post_id, REVIEWER, "My rewrite.").head
    desk.decide(post_id, COORD, "reject", reason="off-message")
    with pytest.raises(TransitionRefused, match="changed since"):
        desk.undo(post_id, REVIEWER, expected=mine)
    with pytest.raises(TransitionRefused, match="only Chipo or a coordinator"):
        desk.undo(post_id, Actor("Farai", "reviewer"))
    assert desk.post(post_id).state == "rejected"
    assert desk.undo(post_id, Actor("Li Wei", "coordinator")).post.state == "in_review"
