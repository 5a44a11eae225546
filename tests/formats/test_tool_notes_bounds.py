"""Other tools' notes are bounded at import (formats/xliff_format.py, _NotesBudget): a unit
carries the notes of its <group>s and <file> too, so a small file of many <file> notes and many
units once took 80 s, 7 GB of memory and a 2.3 GB database, and a unit of more than 200 notes
imported but its work package was refused on every laptop. Found attacking issue 14."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from review import Desk
from review.errors import ImportFailed
from review.formats.xliff_format import read_xliff
from review.model import MAX_TOOL_NOTE, MAX_TOOL_NOTES
from tests.helpers import COORD

NS20 = "urn:oasis:names:tc:xliff:document:2.0"


def _file_notes_doc(notes: int, units: int, note_text: str = "n") -> bytes:
    file_notes = "".join(f"<note>{note_text}{i}</note>" for i in range(notes))
    body = "".join(f'<unit id="u{i}"><segment><source>Hello {i}</source>'
                   f"<target>Hallo {i}</target></segment></unit>" for i in range(units))
    return (f'<?xml version="1.0"?>\n<xliff xmlns="{NS20}" version="2.0" srcLang="en" '
            f'trgLang="de"><file id="f1"><notes>{file_notes}</notes>{body}</file></xliff>'
            ).encode()


def test_a_unit_of_more_notes_than_a_package_carries_is_said_once_with_its_count():
    with pytest.raises(ImportFailed) as failed:
        read_xliff(_file_notes_doc(MAX_TOOL_NOTES + 1, 3), "many.xlf", platform="x")
    [problem] = failed.value.problems
    assert problem.message.name == "xliff-too-many-tool-notes"
    assert problem.message.values == {"count": 3, "limit": MAX_TOOL_NOTES}


def test_a_note_longer_than_a_package_carries_is_refused_by_name():
    with pytest.raises(ImportFailed) as failed:
        read_xliff(_file_notes_doc(1, 1, "x" * MAX_TOOL_NOTE), "long.xlf", platform="x")
    [problem] = failed.value.problems
    assert problem.message.name == "xliff-tool-note-too-long-one"


def test_file_notes_multiplied_by_units_stop_the_read_early():
    """5,000 notes on the <file> and 5,000 units: 25 million notes kept. Refused by name, in
    a fraction of what reading them all took (80 s)."""
    data = _file_notes_doc(5_000, 5_000)
    began = time.monotonic()
    with pytest.raises(ImportFailed) as failed:
        read_xliff(data, "multiplied.xlf", platform="x")
    assert time.monotonic() - began < 10
    assert failed.value.problems[-1].message.name == "xliff-tool-notes-too-large"


def test_file_notes_within_the_bounds_travel_with_every_post_and_its_package(tmp_path: Path):
    path = tmp_path / "app.xlf"
    path.write_bytes(_file_notes_doc(MAX_TOOL_NOTES, 5))
    coordinator = Desk(tmp_path / "coordinator.sqlite3")
    coordinator.import_batch(path, batch="app", actor=COORD, platform="x")
    coordinator.make_work_package("app", tmp_path / "work.rdpack", COORD)
    laptop = Desk(tmp_path / "laptop.sqlite3")
    laptop.import_package(tmp_path / "work.rdpack")
    posts = [laptop.post(row["id"]) for row in laptop.posts(batch="app")]
    assert [len(p.tool_notes) for p in posts] == [MAX_TOOL_NOTES] * 5
