"""Every file Review Desk writes (exports, the report, glossary and memory exports) refuses an
output it cannot write with a named message before any work is done, and leaves nothing
behind: a name longer than the drive allows was an internal error (exit 1) for exports."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from review import Desk
from review.errors import ReviewError
from review.report_html import write_report
from review.termbases import export_glossary, export_memory
from tests.helpers import COORD
from tests.test_hostile_corpus import REPO, stock

LONG = "x" * 300  # most drives allow 255 bytes


@pytest.fixture
def stocked_desk(tmp_path):
    with Desk(tmp_path / "desk.sqlite3") as desk:
        stock(desk, tmp_path)
        yield desk


WRITERS = {
    "export": lambda desk, out: desk.export("zw", "csv", out.with_suffix(".csv"), COORD,
                                            again=True),
    "export-xliff": lambda desk, out: desk.export("zw", "xliff12", out.with_suffix(".xlf"),
                                                  COORD, again=True),
    "report": lambda desk, out: write_report(desk, None, out.with_suffix(".html")),
    "glossary": lambda desk, out: export_glossary(desk, "terms", out.with_suffix(".tbx")),
    "memory": lambda desk, out: export_memory(desk, out.with_suffix(".tmx")),
}
PLACES = {
    "name-too-long": (lambda folder: folder / LONG, "its name is 30"),
    "no-folder": (lambda folder: folder / "missing" / "out", "there is no folder"),
    "a-file-as-folder": (lambda folder: folder / "desk.sqlite3" / "out", "there is no folder"),
}


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_an_output_that_cannot_be_written_is_refused_with_its_name(stocked_desk, tmp_path,
                                                                   writer, place):
    make, message = PLACES[place]
    before = sorted(p.name for p in tmp_path.iterdir())
    events = stocked_desk.store.events.count()
    with pytest.raises(ReviewError, match=message) as caught:
        WRITERS[writer](stocked_desk, make(tmp_path))
    assert getattr(caught.value.args[0], "name", "").startswith("output-")
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary file left
    assert stocked_desk.store.events.count() == events  # nothing recorded as exported


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_folder_given_as_the_output_is_refused(stocked_desk, tmp_path, writer):
    folder = tmp_path / "out.csv"
    for suffix in (".csv", ".xlf", ".html", ".tbx", ".tmx"):
        folder.with_suffix(suffix).mkdir()
    with pytest.raises(ReviewError, match="is a folder; give the name of the file"):
        WRITERS[writer](stocked_desk, folder)


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(),
                    reason="needs Linux's /sys, where nobody (root included) may create a file")
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_folder_nobody_may_write_is_said_plainly(stocked_desk, writer):
    with pytest.raises(ReviewError, match=r"cannot write /sys/out\.\w+: Permission denied"):
        WRITERS[writer](stocked_desk, Path("/sys/out"))
    assert {p["state"] for p in stocked_desk.posts(batch="zw")} >= {"approved"}


def test_the_command_line_exits_2_for_a_name_too_long(stocked_desk, tmp_path):
    done = subprocess.run([sys.executable, str(REPO / "main.py"), "--db",
                           str(stocked_desk.path), "export", "--batch", "zw", "--format",
                           "csv", "--out", str(tmp_path / f"{LONG}.csv")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "its name is 304 bytes long" in done.stderr and "internal error" not in done.stderr
