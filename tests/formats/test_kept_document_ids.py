"""HQ's id in a kept document as the import formed it (formats/xliff_fill.py): a unit the
import left out that shares a reviewed unit's id, and an id with spaces at its ends, which the
import trims. Found by attacking the round trip (issue 14)."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from review import Desk
from tests.helpers import COORD, REVIEWER

NS = "urn:oasis:names:tc:xliff:document:1.2"


def _hq_file(folder: Path, body: str) -> Path:
    path = folder / "app.xlf"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="{NS}" version="1.2">'
        f'<file original="app" source-language="en" target-language="de" datatype="plaintext">'
        f'<body>{body}</body></file></xliff>\n', encoding="utf-8")
    return path


def _export_approved(tmp_path: Path, body: str) -> tuple[object, list[etree._Element]]:
    desk = Desk(tmp_path / "desk.sqlite3")
    desk.import_batch(_hq_file(tmp_path, body), batch="app", actor=COORD, platform="x")
    for row in desk.posts(batch="app"):
        desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
    result = desk.export("app", "xliff12", tmp_path / "out.xlf", COORD)
    return result, list(etree.parse(str(tmp_path / "out.xlf")).iter(f"{{{NS}}}trans-unit"))


def test_a_left_out_unit_with_a_reviewed_units_id_is_not_written(tmp_path):
    """The translate="no" unit comes after the reviewed one of the same id: the approved text
    goes into the reviewed unit, and the unit HQ said not to translate stays as it came."""
    result, units = _export_approved(tmp_path, (
        '<group id="g1"><trans-unit id="a1"><source>Hello world</source>'
        '<target>Hallo Welt</target></trans-unit></group>'
        '<group id="g2" translate="no"><trans-unit id="a1"><source>DO NOT TOUCH</source>'
        '</trans-unit></group>'
        '<trans-unit id="b1"><source>Good day</source><target>Guten Tag</target></trans-unit>'
        '<trans-unit id="b1"><source><x id="1"/></source></trans-unit>'))
    assert result.written.name == "export-written-into"
    reviewed, left_out, good_day, codes_only = units
    assert reviewed.get("approved") == "yes"
    assert reviewed.find(f"{{{NS}}}target").get("state") == "final"
    assert left_out.get("approved") is None and left_out.find(f"{{{NS}}}target") is None
    assert good_day.get("approved") == "yes"
    assert codes_only.get("approved") is None and codes_only.find(f"{{{NS}}}target") is None


def test_an_id_with_spaces_at_its_ends_is_found_in_the_kept_document(tmp_path):
    """The import trims HQ's id (" a1 " is the post a1): the export finds its unit all the
    same, rather than calling the post one of no kept file and refusing the export."""
    result, units = _export_approved(tmp_path, (
        '<trans-unit id=" a1 "><source>Hello world</source><target>Hallo Welt</target>'
        '</trans-unit><trans-unit id="b1"><source>Good day</source></trans-unit>'))
    assert result.written.name == "export-written-into"
    assert [u.get("id") for u in units] == [" a1 ", "b1"]  # HQ's ids as they were
    assert [u.get("approved") for u in units] == ["yes", "yes"]
    assert units[0].find(f"{{{NS}}}target").text == "Hallo Welt"
