"""Fixtures shared by all tests: a fresh desk on a temporary file, and batches in it."""
from __future__ import annotations

import pytest

from review import Desk
from review.importing import import_drafts
from tests.helpers import COORD, draft


@pytest.fixture
def desk(tmp_path):
    with Desk(tmp_path / "desk.sqlite3") as opened:
        yield opened


@pytest.fixture
def batch(desk):
    """A batch named 'zw' with three pending posts; returns their ids by external id."""
    import_drafts(desk, [draft("ZW-001"), draft("ZW-002"), draft("ZW-003")], "zw", actor=COORD,
                  timezone="Africa/Harare")
    return desk.store.posts.ids_by_external("zw")


@pytest.fixture
def signoff_batch(desk):
    import_drafts(desk, [draft("S-1"), draft("S-2")], "hq-led", actor=COORD, require_signoff=True)
    return desk.store.posts.ids_by_external("hq-led")
