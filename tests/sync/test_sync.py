"""Syncing desks through the server: what moves, conflicts both ways, packages and sync
together, batches an office brings, revoked batches, events the server refuses."""
from __future__ import annotations

import psycopg

from review import Desk
from review.importing import import_drafts
from review.sync import admin
from tests.helpers import COORD, draft
from tests.sync.support import BATCH, hq_desk, office_laptop, reviewer, state_of

TENDAI, RUDO = reviewer("Tendai"), reviewer("Rudo")


def test_work_travels_both_ways_and_syncing_again_moves_nothing(tmp_path, hq_url):
    hq, ids = hq_desk(tmp_path, hq_url)
    laptop, _ = office_laptop(tmp_path, hq_url, "harare", BATCH)
    assert state_of(laptop) == state_of(hq)
    before = laptop.store.events.count()
    laptop.decide(ids["ZW-1"], TENDAI, "approve")
    laptop.rewrite(ids["ZW-2"], TENDAI, "We drilled twelve wells in Masvingo.")
    made = laptop.store.events.count() - before
    assert made >= 2 and laptop.sync_status().waiting == made
    sent = laptop.sync()
    assert (sent.pushed, sent.pulled) == (made, 0)
    assert laptop.sync_status().waiting == 0
    got = hq.sync()
    assert (got.pushed, got.pulled) == (0, made)
    assert hq.post(ids["ZW-1"]).state == "approved"
    assert state_of(hq) == state_of(laptop)
    for desk in (hq, laptop):
        again = desk.sync()
        assert (again.pushed, again.pulled) == (0, 0)


def test_a_conflict_made_by_two_syncs_appears_everywhere_and_its_resolution_travels_back(tmp_path, hq_url):
    hq, ids = hq_desk(tmp_path, hq_url)
    harare, _ = office_laptop(tmp_path, hq_url, "harare", BATCH)
    gweru, _ = office_laptop(tmp_path, hq_url, "gweru", BATCH)
    harare.decide(ids["ZW-1"], TENDAI, "approve")
    gweru.decide(ids["ZW-1"], RUDO, "reject", "Wrong province")
    harare.sync()
    made = gweru.sync()
    assert made.conflicts == [ids["ZW-1"]]
    harare.sync()
    hq.sync()
    for desk in (hq, harare, gweru):
        assert [r["id"] for r in desk.conflicts()] == [ids["ZW-1"]]
    conflict = hq.post_conflict(ids["ZW-1"])
    keep = next(b for b in conflict.branches if b.post.state == "rejected")
    hq.resolve_conflict(ids["ZW-1"], keep.tip, COORD)
    hq.sync()
    harare.sync()
    gweru.sync()
    for desk in (hq, harare, gweru):
        assert desk.conflicts() == []
        assert desk.post(ids["ZW-1"]).state == "rejected"
    assert state_of(hq) == state_of(harare) == state_of(gweru)


def test_an_event_that_travelled_by_package_and_by_sync_is_one_event(tmp_path, hq_url):
    hq, ids = hq_desk(tmp_path, hq_url)
    work = tmp_path / "work.rdpack"
    hq.make_work_package(BATCH, work, COORD)
    admin.add_office(hq_url, "harare")
    office_url = admin.add_office(hq_url, "mutare").url
    admin.grant(hq_url, "mutare", BATCH)
    laptop = Desk(tmp_path / "laptop.sqlite3", daily_backup=False)
    laptop.import_package(work)  # the batch by USB first
    laptop.decide(ids["ZW-1"], TENDAI, "approve")
    results = tmp_path / "results.rdpack"
    laptop.make_results_package(BATCH, results, TENDAI)
    hq.import_package(results)  # the approval reaches HQ by USB ...
    hq.sync()  # ... and HQ sends it to the server
    done = laptop.sync(office_url)  # the laptop sends it too, and receives what it has
    assert (done.pushed, done.pulled) == (0, 0)
    hq.sync()
    for desk in (hq, laptop):
        approvals = [e for e in desk.history(ids["ZW-1"]) if e.kind == "post.approved"]
        assert len(approvals) == 1
    with psycopg.connect(hq_url) as conn:
        assert conn.execute("SELECT count(*) FROM review_desk.events WHERE kind = 'post.approved'").fetchone()[0] == 1
    assert state_of(hq) == state_of(laptop)
    # and a package after a sync: the events it carries are known, nothing is added twice
    laptop.rewrite(ids["ZW-2"], TENDAI, "Twelve wells.")
    laptop.sync()
    hq.sync()
    later = tmp_path / "results2.rdpack"
    laptop.make_results_package(BATCH, later, TENDAI)
    assert hq.import_package(later).events_added == 0


def test_a_batch_an_office_brings_is_its_own_and_no_one_else_may_take_its_name(tmp_path, hq_url):
    hq, _ = hq_desk(tmp_path, hq_url)
    harare, harare_url = office_laptop(tmp_path, hq_url, "harare")
    import_drafts(harare, [draft("HR-1"), draft("HR-2")], "harare-local", actor=COORD)
    done = harare.sync()
    assert done.claimed == ["harare-local"] and done.pushed > 0
    assert admin.offices(hq_url)[0]["batches"] == ["harare-local"]
    gweru, gweru_url = office_laptop(tmp_path, hq_url, "gweru")
    import_drafts(gweru, [draft("GW-1")], "harare-local", actor=COORD)  # the same name, another batch
    refused = gweru.sync()
    assert refused.held_back == {"harare-local": gweru.store.events.count()}
    assert refused.pushed == 0 and refused.pulled == 0
    assert gweru.sync_status().waiting == gweru.store.events.count()  # kept, still waiting
    hq.sync()  # HQ sees every batch
    assert {b["name"] for b in hq.batches()} == {BATCH, "harare-local"}
    with psycopg.connect(gweru_url) as conn:
        assert conn.execute("SELECT count(*) FROM review_desk.events").fetchone()[0] == 0


def test_hq_s_batch_of_the_same_name_as_one_on_the_server_is_refused(tmp_path, hq_url):
    hq, _ = hq_desk(tmp_path, hq_url)
    other = Desk(tmp_path / "other-hq.sqlite3", daily_backup=False)
    import_drafts(other, [draft("X-1")], BATCH, actor=COORD)  # another batch, the same name
    done = other.sync(hq_url)
    assert done.pushed == 0
    assert done.problems[0].name == "sync-batch-other"
    assert "another batch" in done.problems[1]  # and the server's batch is not taken in either
    assert [p["external_id"] for p in other.posts()] == ["X-1"]
    hq.sync()
    assert len(hq.posts()) == 3


def test_a_revoked_batch_is_neither_received_nor_sent(tmp_path, hq_url):
    hq, ids = hq_desk(tmp_path, hq_url)
    laptop, _ = office_laptop(tmp_path, hq_url, "harare", BATCH)
    admin.revoke(hq_url, "harare", BATCH)
    hq.decide(ids["ZW-3"], COORD, "approve")
    hq.sync()
    laptop.decide(ids["ZW-1"], TENDAI, "approve")
    waiting = laptop.sync_status().waiting
    done = laptop.sync()
    assert (done.pushed, done.pulled) == (0, 0)
    assert done.held_back == {BATCH: waiting} and waiting >= 1
    assert laptop.post(ids["ZW-3"]).state == "pending"
    hq.sync()
    assert hq.post(ids["ZW-1"]).state == "pending"
    admin.grant(hq_url, "harare", BATCH)  # granted again: both go through
    done = laptop.sync()
    assert done.pushed == waiting and done.pulled >= 1
    hq.sync()
    assert state_of(hq) == state_of(laptop)


def test_events_the_server_holds_with_other_contents_are_refused_and_nothing_of_the_batch_is_sent(
        tmp_path, hq_url):
    hq, ids = hq_desk(tmp_path, hq_url)
    laptop, _ = office_laptop(tmp_path, hq_url, "harare", BATCH)
    laptop.decide(ids["ZW-1"], TENDAI, "approve")
    laptop.decide(ids["ZW-2"], TENDAI, "approve")
    approval = [e for e in laptop.history(ids["ZW-1"]) if e.kind == "post.approved"][0]
    with psycopg.connect(hq_url) as conn:  # the server has that id, saying something else
        conn.execute("INSERT INTO review_desk.events (id, kind, batch, post_id, actor, role, at, parent,"
                     " payload) VALUES (%s, 'post.opened', %s, %s, 'Mallory', 'reviewer', %s, %s, '{}')",
                     (approval.id, BATCH, ids["ZW-1"], approval.at, approval.parent))
    waiting = laptop.sync_status().waiting
    done = laptop.sync()
    assert done.pushed == 0
    assert done.problems[0].name == "sync-events-altered"
    assert "other content" in done.problems[1]  # receiving it is refused as a package's would be
    assert laptop.sync_status().waiting == waiting


def test_a_forged_event_on_the_server_is_refused_as_a_package_s_would_be(tmp_path, hq_url):
    hq, ids = hq_desk(tmp_path, hq_url)
    laptop, harare = office_laptop(tmp_path, hq_url, "harare", BATCH)
    with psycopg.connect(harare) as conn:  # with psql: a reviewer approving a post never opened
        conn.execute("INSERT INTO review_desk.events (id, kind, batch, post_id, actor, role, at, parent,"
                     " payload) VALUES (%s, 'post.approved', %s, %s, 'Eve', 'reviewer', %s, %s, '{}')",
                     ("f" * 32, BATCH, ids["ZW-1"], "2026-12-06T10:00:00.000Z", "0" * 32))
    before = state_of(hq)
    done = hq.sync()
    assert done.pulled == 0 and done.problems
    assert all(p.startswith("postgresql://") for p in done.problems)
    assert state_of(hq) == before


def test_a_huge_value_on_the_server_is_never_received_whole(tmp_path, hq_url):
    hq, ids = hq_desk(tmp_path, hq_url)
    laptop, _ = office_laptop(tmp_path, hq_url, "harare", BATCH)
    with psycopg.connect(hq_url) as conn:  # HQ's role can write anything: 6 MB in one event
        conn.execute("INSERT INTO review_desk.events (id, kind, batch, post_id, actor, role, at, parent,"
                     " payload) VALUES (%s, 'post.opened', %s, %s, %s, 'reviewer', %s, NULL, %s)",
                     ("e" * 32, BATCH, ids["ZW-1"], "A" * 50_000, "2026-12-06T10:00:00.000Z",
                      '{"x": "' + "y" * 6_000_000 + '"}'))
    before = state_of(laptop)
    done = laptop.sync()
    assert done.pulled == 0
    assert any("longer than 4 MB" in p for p in done.problems), done.problems
    assert state_of(laptop) == before
