"""A database with the Zimbabwe sample batch imported through the command line."""
from __future__ import annotations

import re

import pytest

from tests.cli.runner import SAMPLE, run


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite3"
    done = run(path, "import", str(SAMPLE), "--batch", "zw", "--timezone", "Africa/Harare",
               "--require-signoff", "--as", "Chipo")
    assert done.returncode == 0, done.stderr
    assert re.match(r"imported zimbabwe-boreholes.csv -> batch zw: \d+ new", done.stdout)
    return path
