"""A real PostgreSQL server for the sync tests: one cluster for the session (tests/sync/
cluster.py), a database of its own for each test, owned by an HQ role of its own."""
from __future__ import annotations

import itertools
import os

import pytest

from tests.sync.cluster import pg_bin, start_cluster

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def cluster():
    if pg_bin("initdb") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the sync tests: PostgreSQL's initdb was not found "
                        "(scripts/setup.sh --tests installs Debian's postgresql)")
        pytest.skip("PostgreSQL's initdb is not installed (scripts/setup.sh --tests installs it)")
    started = start_cluster()
    yield started
    started.stop()


@pytest.fixture(autouse=True)
def private_config(tmp_path, monkeypatch):
    """The password file of each test in its own folder, never the person's."""
    monkeypatch.setenv("REVIEW_DESK_CONFIG", str(tmp_path / "config"))


@pytest.fixture
def hq_url(cluster):
    """HQ's URL on a new, empty database (the schema not made yet)."""
    return cluster.new_hq(f"hq{next(_numbers)}")
