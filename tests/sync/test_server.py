"""`server init`, `add-office`, `grant`, `revoke`, `offices` against a real PostgreSQL."""
from __future__ import annotations

import psycopg
import pytest

from review import Desk
from review.errors import InvalidInput, NotFound, ReviewError
from review.store.server_schema import OFFICE_KINDS_IN_OTHERS_BATCHES
from review.event_rules import REVIEW_KINDS
from review.sync import admin
from review.sync.connection import ServerError
from tests.sync.support import hq_desk


def tables(url):
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT relname, relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE nspname = 'review_desk' AND relkind = 'r' ORDER BY 1").fetchall()


def test_init_creates_the_schema_once_with_row_level_security_on_every_table(hq_url):
    first = admin.init(hq_url)
    assert (first.migrations_run, first.version) == (2, 2)
    made = tables(hq_url)
    assert [name for name, _ in made] == ["batch_pairs", "batches", "events", "glossaries", "grants",
                                          "memory_units", "meta", "migrations", "offices",
                                          "quarantined_events"]
    assert all(rls for _, rls in made)
    again = admin.init(hq_url)
    assert again.migrations_run == 0
    assert tables(hq_url) == made
    assert "secret" in hq_url and "secret" not in first.server  # shown without its password


def test_init_brings_a_server_of_an_older_version_up_to_date(tmp_path, hq_url, monkeypatch):
    from review.store import server, server_schema

    for module in (server, server_schema):  # a Review Desk of schema version 1
        monkeypatch.setattr(module, "MIGRATIONS", server_schema.MIGRATIONS[:1])
    assert (admin.init(hq_url).version, len(tables(hq_url))) == (1, 6)
    monkeypatch.undo()
    with Desk(tmp_path / "d.sqlite3", daily_backup=False) as desk:  # a sync is refused, named
        with pytest.raises(ServerError) as err:
            desk.sync(hq_url)
    assert err.value.args[0].name == "sync-server-older"
    again = admin.init(hq_url)
    assert (again.migrations_run, again.version, len(tables(hq_url))) == (1, 2, 10)


def test_init_refuses_a_role_that_does_not_own_the_database(cluster, hq_url):
    other = cluster.new_hq("notowner")
    hq_database = hq_url.split("/")[3].split("?")[0]
    url = other.replace("/notowner?", f"/{hq_database}?")  # a role that does not own it
    with pytest.raises(ServerError) as err:
        admin.init(url)
    assert err.value.args[0].name == "server-not-owner"


def test_the_kinds_an_office_may_push_into_hq_batches_are_a_results_package_s():
    assert OFFICE_KINDS_IN_OTHERS_BATCHES == {str(k) for k in REVIEW_KINDS}


def test_add_office_prints_a_url_that_logs_in_once_and_is_refused_twice(hq_url):
    admin.init(hq_url)
    added = admin.add_office(hq_url, "harare")
    assert added.url.startswith("postgresql://harare.")
    with psycopg.connect(added.url) as conn:
        assert conn.execute("SELECT session_user").fetchone()[0] == added.role
    with pytest.raises(InvalidInput) as err:
        admin.add_office(hq_url, "harare")
    assert err.value.args[0].name == "server-office-exists"
    for bad in ("Harare", "", "a b", "x" * 31, "1st"):
        with pytest.raises(InvalidInput):
            admin.add_office(hq_url, bad)


def test_grant_and_revoke_name_what_is_missing(tmp_path, hq_url):
    hq, _ = hq_desk(tmp_path, hq_url)
    admin.add_office(hq_url, "bulawayo")
    assert admin.grant(hq_url, "bulawayo", "zw") is True
    assert admin.grant(hq_url, "bulawayo", "zw") is False
    assert admin.offices(hq_url) == [{"office": "bulawayo", "role": admin.offices(hq_url)[0]["role"],
                                      "batches": ["zw"]}]
    with pytest.raises(NotFound) as err:
        admin.grant(hq_url, "gweru", "zw")
    assert err.value.args[0].name == "server-no-office"
    with pytest.raises(NotFound) as err:
        admin.grant(hq_url, "bulawayo", "nope")
    assert err.value.args[0].name == "server-no-batch"
    assert admin.revoke(hq_url, "bulawayo", "zw") is True
    assert admin.revoke(hq_url, "bulawayo", "zw") is False
    assert admin.offices(hq_url)[0]["batches"] == []
    hq.close()


def test_an_office_cannot_run_hq_s_commands(hq_url):
    admin.init(hq_url)
    office = admin.add_office(hq_url, "masvingo").url
    with pytest.raises(ReviewError) as err:
        admin.add_office(office, "other")
    assert err.value.args[0].name == "server-hq-only"


def test_a_database_without_the_schema_is_named(tmp_path, hq_url):
    with Desk(tmp_path / "d.sqlite3", daily_backup=False) as desk:
        with pytest.raises(ServerError) as err:
            desk.sync(hq_url)
    assert err.value.args[0].name == "sync-no-schema"


def test_the_sync_benchmark_runs_end_to_end_at_a_toy_size(cluster):  # cluster: skipped as the others
    """bench/sync_bench.py (its own server), at a size that takes seconds: its figures are not
    checked here (they depend on the machine), only that every row is measured."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(root / "bench" / "sync_bench.py"), "--sizes", "300", "--offline", "200",
         "--offices", "3", "--per-office", "100", "--parallel", "2"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and " s" in line]
    assert len(rows) == 7, done.stdout  # the header; HQ's send, an office's, receive, fetch, offline, offices
    assert "of COPY's rate" in done.stdout and "95th percentile" in done.stdout
