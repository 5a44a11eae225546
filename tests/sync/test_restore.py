"""Restoring HQ's server from a backup (docs/sync.md, "Backups"): a `pg_dump` taken while desks
sync, events made after it, the database restored with `pg_restore`. Desks remember having sent
those events; `server restored` gives the server a new identity, so each desk sends and receives
everything once more, and every desk ends as before the loss."""
from __future__ import annotations

import subprocess

import pytest

from review.sync import admin
from tests.cli.runner import cli
from tests.sync.cluster import pg_bin
from tests.sync.support import BATCH, hq_desk, office_laptop, reviewer, state_of

TENDAI = reviewer("Tendai")


def _restore(cluster, hq_url: str, dump) -> None:
    database = hq_url.split("/")[3].split("?")[0]
    with cluster.admin() as conn:
        conn.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}" OWNER "{database}"')
    subprocess.run([pg_bin("pg_restore"), "--no-owner", "--exit-on-error", "-d", hq_url, str(dump)],
                   check=True, capture_output=True)


@pytest.fixture
def backed_up(tmp_path, hq_url, cluster):
    """HQ and a laptop in step, a dump of the server, then work the dump lacks on both."""
    if pg_bin("pg_dump") is None or pg_bin("pg_restore") is None:
        pytest.skip("pg_dump and pg_restore are not installed")
    hq, ids = hq_desk(tmp_path, hq_url)
    laptop, _url = office_laptop(tmp_path, hq_url, "harare", BATCH)
    dump = tmp_path / "reviewdesk.dump"
    subprocess.run([pg_bin("pg_dump"), "--format=custom", f"--file={dump}", hq_url],
                   check=True, capture_output=True)
    laptop.decide(ids["ZW-1"], TENDAI, "approve")
    laptop.sync()
    hq.sync()
    laptop.rewrite(ids["ZW-2"], TENDAI, "We drilled twelve wells in Masvingo.")
    laptop.sync()  # the server now has events the dump lacks, and loses them
    _restore(cluster, hq_url, dump)
    yield hq, laptop, ids
    for desk in (hq, laptop):
        desk.close()


def test_after_a_restore_without_a_new_identity_the_lost_events_stay_lost(backed_up, hq_url):
    hq, laptop, ids = backed_up
    assert (laptop.sync().pushed, hq.sync().pushed) == (0, 0)  # each thinks the server has them
    assert hq.post(ids["ZW-2"]).current_text != laptop.post(ids["ZW-2"]).current_text


def test_server_restored_makes_every_desk_send_what_the_restored_server_lacks(backed_up, hq_url):
    hq, laptop, ids = backed_up
    ran = cli("server", "restored", hq_url)
    assert ran.returncode == 0, ran.stderr
    assert "new identity" in ran.stdout and "secret" not in ran.stdout
    sent = laptop.sync()
    assert sent.pushed >= 2 and sent.problems == []  # the approval and the rewrite, again
    hq.sync()
    laptop.sync()
    assert state_of(hq) == state_of(laptop)
    assert hq.post(ids["ZW-2"]).current_text == "We drilled twelve wells in Masvingo."
    assert (laptop.sync().pushed, hq.sync().pushed) == (0, 0)


def test_only_hq_may_give_the_server_a_new_identity(tmp_path, hq_url):
    hq, _ids = hq_desk(tmp_path, hq_url)
    _laptop, url = office_laptop(tmp_path, hq_url, "harare", BATCH)
    ran = cli("server", "restored", url)
    assert ran.returncode == 2 and "only HQ's role" in ran.stderr
    assert admin.restored(hq_url) != admin.restored(hq_url)  # a new one each time
