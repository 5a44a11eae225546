"""The server's own rules, tried from an office's login with psycopg (as with psql): it reads
and writes only the batches granted to it, whatever a client does."""
from __future__ import annotations

import json
import uuid

import psycopg
import pytest

from review.sync import admin
from tests.sync.support import hq_desk


def event_row(batch: str, kind: str = "post.opened", post_id: str | None = "p1", parent: str | None = None):
    return (uuid.uuid4().hex, kind, batch, post_id, "Eve", "reviewer", "2026-12-06T10:00:00.000Z",
            parent, json.dumps({}))


INSERT = ("INSERT INTO review_desk.events (id, kind, batch, post_id, actor, role, at, parent, payload)"
          " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)")


@pytest.fixture
def two_offices(tmp_path, hq_url):
    """HQ's batch zw granted to harare only; gweru brought a batch of its own (gw)."""
    hq, ids = hq_desk(tmp_path, hq_url)
    harare = admin.add_office(hq_url, "harare").url
    gweru = admin.add_office(hq_url, "gweru").url
    admin.grant(hq_url, "harare", "zw")
    with psycopg.connect(gweru, autocommit=True) as conn:
        assert conn.execute("SELECT review_desk.claim_batch('gw')").fetchone()[0] == "claimed"
    yield hq, ids, harare, gweru
    hq.close()


def test_an_office_sees_only_its_batches_and_grants(two_offices, hq_url):
    _, _, harare, gweru = two_offices
    with psycopg.connect(gweru) as conn:
        assert conn.execute("SELECT count(*) FROM review_desk.events").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM review_desk.events WHERE batch = 'zw'").fetchone()[0] == 0
        assert [r[0] for r in conn.execute("SELECT name FROM review_desk.batches")] == ["gw"]
        assert [r[1] for r in conn.execute("SELECT role_name, batch FROM review_desk.grants")] == ["gw"]
        assert [r[0] for r in conn.execute("SELECT name FROM review_desk.offices")] == ["gweru"]
    with psycopg.connect(harare) as conn:
        assert {r[0] for r in conn.execute("SELECT batch FROM review_desk.events")} == {"zw"}
        assert conn.execute("SELECT count(*) FROM review_desk.events").fetchone()[0] > 0
    with psycopg.connect(hq_url) as conn:  # HQ's role sees every batch
        assert {r[0] for r in conn.execute("SELECT name FROM review_desk.batches")} == {"gw", "zw"}


def test_an_office_cannot_write_a_batch_not_granted_to_it(two_offices):
    _, ids, _, gweru = two_offices
    with psycopg.connect(gweru) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(INSERT, event_row("zw", post_id=ids["ZW-1"]))
    with psycopg.connect(gweru) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO review_desk.batches (name, owner) VALUES ('x', current_user)")
    with psycopg.connect(gweru) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO review_desk.grants (role_name, batch) VALUES (current_user, 'zw')")
    with psycopg.connect(gweru, autocommit=True) as conn:
        assert conn.execute("SELECT review_desk.claim_batch('zw')").fetchone()[0] == "refused"


def test_an_office_pushes_only_reviewers_actions_into_hq_batches_as_itself(two_offices):
    _, ids, harare, _ = two_offices
    with psycopg.connect(harare) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(INSERT, event_row("zw", kind="post.imported", post_id="new1"))
    with psycopg.connect(harare) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # posing as another login
            conn.execute(
                "INSERT INTO review_desk.events (id, kind, batch, post_id, actor, role, at, parent,"
                " payload, pushed_by) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, 'hq1')",
                event_row("zw", post_id=ids["ZW-1"]))
    with psycopg.connect(harare) as conn:
        conn.execute(INSERT, event_row("zw", post_id=ids["ZW-1"]))  # a reviewer's action: allowed


def test_events_are_never_changed_or_deleted_by_an_office(two_offices):
    _, _, harare, _ = two_offices
    for statement in ("UPDATE review_desk.events SET actor = 'Mallory'", "DELETE FROM review_desk.events",
                      "TRUNCATE review_desk.events"):
        with psycopg.connect(harare) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_an_event_id_is_stored_once(two_offices):
    _, ids, harare, gweru = two_offices
    row = event_row("zw", post_id=ids["ZW-1"])
    with psycopg.connect(harare) as conn:
        conn.execute(INSERT, row)
    with psycopg.connect(harare) as conn:
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute(INSERT, row[:4] + ("Mallory",) + row[5:])
    with psycopg.connect(gweru) as conn:  # the same id in a batch gweru may write: refused too
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute(INSERT, (row[0], "batch.created", "gw", None, "Eve", "coordinator",
                                  row[6], None, "{}"))


def test_a_revoked_batch_disappears_from_the_office_s_login(two_offices, hq_url):
    _, ids, harare, _ = two_offices
    admin.revoke(hq_url, "harare", "zw")
    with psycopg.connect(harare) as conn:
        assert conn.execute("SELECT count(*) FROM review_desk.events").fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(INSERT, event_row("zw", post_id=ids["ZW-1"]))
