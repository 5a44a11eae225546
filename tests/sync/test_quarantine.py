"""A forged event in an office's own batch (written with psql through the office's login, which
may write any kind of event into a batch it brought) is refused by every desk's merge, so the
batch is received nowhere. HQ's sync says which event and which office; `server quarantine`
(HQ's role only) takes it off the server, into a table offices cannot read, and the server
refuses that id from then on."""
from __future__ import annotations

import psycopg
import pytest

from review.errors import NotFound, ReviewError
from review.importing import import_drafts
from review.sync import admin
from tests.cli.runner import cli
from tests.helpers import COORD, draft
from tests.sync.support import hq_desk, office_laptop

FORGED = "f" * 32
OWN = "harare-local"


def _forge(url: str, post_id: str) -> None:
    """A reviewer approving a post with a parent no desk has: refused by every merge."""
    with psycopg.connect(url) as conn:
        conn.execute("INSERT INTO review_desk.events (id, kind, batch, post_id, actor, role, at, parent,"
                     " payload) VALUES (%s, 'post.approved', %s, %s, 'Eve', 'reviewer', %s, %s, '{}')",
                     (FORGED, OWN, post_id, "2026-12-06T10:00:00.000Z", "0" * 32))


@pytest.fixture
def forged(tmp_path, hq_url):
    hq, _ids = hq_desk(tmp_path, hq_url)
    harare, harare_url = office_laptop(tmp_path, hq_url, "harare")
    import_drafts(harare, [draft("HR-1"), draft("HR-2")], OWN, actor=COORD)
    harare.sync()
    post_id = harare.store.posts.ids_by_external(OWN)["HR-1"]
    _forge(harare_url, post_id)
    yield hq, harare, harare_url
    for desk in (hq, harare):
        desk.close()


def test_hq_s_sync_names_the_forged_event_and_the_office_that_sent_it(forged, hq_url):
    hq, harare, _url = forged
    done = hq.sync()
    assert OWN not in {b["name"] for b in hq.batches()}  # nothing of the batch was received
    assert done.refused == [{"batch": OWN, "event": FORGED, "office": "harare",
                             "role": "harare." + hq_url.split("/")[3].split("?")[0],
                             "why": done.refused[0]["why"]}]
    assert "must carry the fields" in done.refused[0]["why"]
    line = next(p for p in done.problems if FORGED in p)
    assert "harare" in line and "review-desk server quarantine" in line
    assert done.as_json()["refused"] == done.refused
    assert any(FORGED in p for p in harare.sync().problems)  # blocked on the office's desk too


def test_quarantine_takes_the_event_off_the_server_and_every_desk_receives_the_batch(forged, hq_url):
    hq, harare, harare_url = forged
    hq.sync()
    taken = admin.quarantine(hq_url, FORGED)
    assert (taken.event, taken.batch, taken.office) == (FORGED, OWN, "harare")
    done = hq.sync()
    assert done.problems == [] and done.refused == []
    assert OWN in {b["name"] for b in hq.batches()}
    assert harare.sync().problems == []
    for post_id in harare.store.posts.ids_of_batch(OWN):
        assert hq.post(post_id) == harare.post(post_id)
    with psycopg.connect(hq_url) as conn:  # kept aside for HQ to look at, not deleted unseen
        row = conn.execute("SELECT batch, pushed_by FROM review_desk.quarantined_events WHERE id = %s",
                           (FORGED,)).fetchone()
        assert row[0] == OWN and row[1].startswith("harare.")
    post_id = harare.store.posts.ids_by_external(OWN)["HR-1"]
    with pytest.raises(psycopg.errors.RaiseException, match="quarantined"):
        _forge(harare_url, post_id)  # the same id again: refused by the server


def test_an_office_can_neither_quarantine_nor_read_the_quarantine(forged, hq_url):
    hq, _harare, harare_url = forged
    with pytest.raises(ReviewError) as err:
        admin.quarantine(harare_url, FORGED)
    assert err.value.args[0].name == "server-hq-only"
    with psycopg.connect(harare_url) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM review_desk.events WHERE id = %s", (FORGED,))
    with psycopg.connect(harare_url) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM review_desk.quarantined_events")
    with pytest.raises(NotFound):
        admin.quarantine(hq_url, "e" * 32)


def test_the_command_line_quarantines_and_refuses_an_unknown_event(forged, hq_url):
    ran = cli("server", "quarantine", hq_url, "--event", FORGED)
    assert ran.returncode == 0, ran.stderr
    assert FORGED in ran.stdout and "harare" in ran.stdout and "secret" not in ran.stdout
    again = cli("server", "quarantine", hq_url, "--event", FORGED)
    assert again.returncode == 2 and "no event" in again.stderr and "Traceback" not in again.stderr


def test_a_laptop_that_sends_a_quarantined_event_again_is_told_and_sends_nothing_of_its_batch(
        forged, hq_url):
    hq, harare, _url = forged
    admin.quarantine(hq_url, FORGED)
    post_id = harare.store.posts.ids_by_external(OWN)["HR-2"]
    harare.decide(post_id, COORD, "approve")
    harare.sync()
    approval = [e for e in harare.history(post_id) if e.kind == "post.approved"][-1]
    admin.quarantine(hq_url, approval.id)
    with psycopg.connect(hq_url, autocommit=True) as conn:  # a restored server: desks send all again
        conn.execute("UPDATE review_desk.meta SET value = md5(random()::text) WHERE key = 'server_id'")
    done = harare.sync()
    assert done.pushed == 0
    line = next(p for p in done.problems if p.name == "sync-events-quarantined")
    assert approval.id in line and OWN in line
