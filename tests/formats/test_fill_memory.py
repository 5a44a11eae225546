"""What a filled XLIFF export holds at once (formats/xliff_fill.py, exporting.py). A 47 MB
file of 95,000 units with a code each peaked at 1,133 MB on export, past the 1 GB any file
may take: translate-toolkit's store, freed only by the cycle collector, was still there when
the tree to write was built, and that tree was still held while the export was recorded (now
975 MB; README, "XLIFF batches"). Found attacking issue 14."""
from __future__ import annotations

import gc

import pytest
from translate.storage.xliff import xlifffile

from review import Desk, exporting
from review.formats import xliff_fill
from tests.formats.test_xliff_documents import hq_file
from tests.helpers import COORD, REVIEWER


@pytest.fixture
def no_automatic_collection():
    """The cycle collector runs only when asked, so what is alive is what the code left."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def _alive(kind) -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, kind))


def test_translate_toolkits_store_is_gone_before_the_tree_is_built(tmp_path, monkeypatch,
                                                                     no_automatic_collection):
    data = hq_file(tmp_path, "app.xlf", ["hello", "bye", "menu"]).read_bytes()
    stores_at_parse = []
    parse = xliff_fill.parse_xml

    def counting(*args, **kwargs):
        stores_at_parse.append(_alive(xlifffile))
        return parse(*args, **kwargs)

    monkeypatch.setattr(xliff_fill, "parse_xml", counting)
    document = xliff_fill.FilledDocument(data, "app.xlf")
    assert document.holds({"hello", "bye", "menu"}) == {"hello", "bye"}
    assert stores_at_parse == [0, 0]  # the checked parse, then the tree written


def test_hqs_tree_is_not_held_while_the_export_is_recorded(tmp_path, monkeypatch,
                                                           no_automatic_collection):
    desk = Desk(tmp_path / "desk.sqlite3")
    desk.import_batch(hq_file(tmp_path, "app.xlf", ["hello", "bye"]), batch="app", actor=COORD,
                      platform="x", target_lang="fr")
    for row in desk.posts(batch="app"):
        desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
    alive_at_record = []
    record = exporting._record

    def counting(*args, **kwargs):
        alive_at_record.append(_alive(xliff_fill.FilledDocument))
        return record(*args, **kwargs)

    monkeypatch.setattr(exporting, "_record", counting)
    result = desk.export("app", "xliff12", tmp_path / "out.xlf", COORD)
    assert result.written.name == "export-written-into" and result.count == 2
    assert alive_at_record == [0]
