"""`schedule-passed` (issue 17): a post approved after its scheduled time, or whose time passes
while it waits for sign-off, is marked in the queue, `show`, and the exports."""
from __future__ import annotations

import csv
import json
import sqlite3
from datetime import datetime, timezone

import pytest

from review.desk import Desk
from review.importing import import_drafts
from review.queue import QueueFilter, queue_rowids, queue_rows
from review.schedule import schedule_passed
from tests.helpers import COORD, REVIEWER, draft

PAST, FUTURE = "2026-01-05T09:00:00", "2036-01-05T09:00:00"  # the batch's local time


@pytest.fixture
def posts(desk):
    import_drafts(desk, [draft("LATE", scheduled_at=PAST), draft("EARLY", scheduled_at=FUTURE),
                         draft("NONE", scheduled_at=None),
                         draft("OFFSET", scheduled_at="2026-01-05T09:00:00+02:00")],
                  "plain", actor=COORD, timezone="Africa/Harare")
    import_drafts(desk, [draft("S-LATE", scheduled_at=PAST), draft("S-EARLY", scheduled_at=FUTURE)],
                  "signed", actor=COORD, timezone="Africa/Harare", require_signoff=True)
    return {**desk.store.posts.ids_by_external("plain"), **desk.store.posts.ids_by_external("signed")}


def _passed(desk, post_id) -> bool:
    return desk.schedule_passed(desk.post(post_id))


def test_an_approval_after_the_slot_is_marked_one_before_is_not(desk, posts):
    for name in ("LATE", "EARLY", "NONE", "OFFSET"):
        assert not _passed(desk, posts[name]), "pending: nothing approved yet"
        desk.decide(posts[name], REVIEWER, "approve")
    assert _passed(desk, posts["LATE"]) and _passed(desk, posts["OFFSET"])
    assert not _passed(desk, posts["EARLY"]) and not _passed(desk, posts["NONE"])
    desk.decide(posts["LATE"], REVIEWER, "reopen", "a typo")
    assert not _passed(desk, posts["LATE"]), "reopened: no approval to be late"


def test_waiting_for_sign_off_past_the_slot_is_marked_and_stays_marked_once_signed(desk, posts):
    desk.rewrite(posts["S-LATE"], REVIEWER, "We drilled 12 water wells in Masvingo Province.")
    desk.rewrite(posts["S-EARLY"], REVIEWER, "We drilled 12 water wells in Masvingo Province.")
    for name in ("S-LATE", "S-EARLY"):
        assert desk.decide(posts[name], REVIEWER, "approve").state == "awaiting_signoff"
    assert _passed(desk, posts["S-LATE"]) and not _passed(desk, posts["S-EARLY"])
    signed = desk.decide(posts["S-LATE"], COORD, "signoff")
    assert signed.state == "approved" and signed.signed_off_at is not None
    assert _passed(desk, posts["S-LATE"])


def test_the_rule_itself_with_a_clock():
    row = {"scheduled_at": "2026-12-07T09:30:00", "state": "awaiting_signoff",
           "approved_at": "2026-12-07T06:00:00Z", "signed_off_at": None}
    before = datetime(2026, 12, 7, 7, 29, tzinfo=timezone.utc)  # 09:29 in Harare (UTC+2)
    after = datetime(2026, 12, 7, 7, 31, tzinfo=timezone.utc)
    assert not schedule_passed(row, "Africa/Harare", before)
    assert schedule_passed(row, "Africa/Harare", after)
    approved = dict(row, state="approved", signed_off_at="2026-12-07T07:31:00Z")
    assert schedule_passed(approved, "Africa/Harare", before), "signed off at 09:31 local"
    assert not schedule_passed(dict(approved, signed_off_at=None), "Africa/Harare", after)
    assert not schedule_passed(dict(row, scheduled_at="not a time"), "Africa/Harare", after)
    assert not schedule_passed(dict(row, state="rejected"), "Africa/Harare", after)


def test_the_queue_show_and_the_exports_carry_the_mark(desk, posts, tmp_path):
    desk.decide(posts["LATE"], REVIEWER, "approve")
    desk.decide(posts["EARLY"], REVIEWER, "approve")
    rows = queue_rows(desk, queue_rowids(desk, QueueFilter(batch="plain")))
    marked = {r["external_id"]: r["schedule_passed"] for r in rows.values()}
    assert marked == {"LATE": True, "EARLY": False, "NONE": False, "OFFSET": False}
    desk.export("plain", "csv", tmp_path / "out.csv", COORD)
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as f:
        exported = {r["external_id"]: r["schedule_passed"] for r in csv.DictReader(f)}
    assert exported == {"LATE": "yes", "EARLY": "no"}
    desk.export("plain", "json", tmp_path / "out.json", COORD, again=True)
    as_json = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert {p["external_id"]: p["schedule_passed"] for p in as_json} == {"LATE": True, "EARLY": False}
    assert _passed(desk, posts["LATE"]), "exported after its time: still marked"


def test_the_migration_gives_posts_signed_off_before_it_their_sign_off_time(tmp_path, posts, desk):
    desk.rewrite(posts["S-LATE"], REVIEWER, "We drilled 12 water wells in Masvingo Province.")
    desk.decide(posts["S-LATE"], REVIEWER, "approve")
    signed = desk.decide(posts["S-LATE"], COORD, "signoff")
    path = desk.path
    desk.close()
    with sqlite3.connect(path) as conn:  # as a file of the version before looked
        conn.execute("UPDATE posts SET signed_off_at = NULL")
        conn.execute("PRAGMA user_version = 10")  # before migration 11 (and 12 after it)
        conn.execute("DROP TABLE xliff_documents")
        conn.execute("ALTER TABLE posts DROP COLUMN signed_off_at")
        conn.execute("ALTER TABLE posts DROP COLUMN media")
        conn.execute("ALTER TABLE annotations DROP COLUMN picture")
        conn.execute("DROP TABLE media")
    with Desk(path) as again:
        assert again.post_row(posts["S-LATE"])["signed_off_at"] == signed.signed_off_at
        assert again.posts_out_of_step() == []
