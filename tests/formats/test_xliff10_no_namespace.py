"""An XLIFF 1.0 file without a namespace (1.0 was defined by a DTD; such files import) goes
back filled like any other: its export stopped with an internal error (AttributeError: the
filled document looked for <source> in the namespace None). Found attacking issue 14."""
from __future__ import annotations

from lxml import etree

from review import Desk
from review.formats.batchfile import read_batch_file
from review.formats.placeholders import PLACEHOLDER
from tests.helpers import COORD, REVIEWER

UNITS = ('<trans-unit id="a"><source>Hello <g id="1">big</g> world</source></trans-unit>'
         '<trans-unit id="b"><source>Good day</source><target>Guten Tag</target>'
         '<note from="dev">greeting</note></trans-unit>')


def test_an_xliff10_file_without_namespace_goes_back_filled(tmp_path):
    path = tmp_path / "old.xlf"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.0"><file '
                    'original="a" source-language="en" target-language="de" datatype="plaintext">'
                    f'<body>{UNITS}</body></file></xliff>\n', encoding="utf-8")
    desk = Desk(tmp_path / "desk.sqlite3")
    desk.import_batch(path, batch="old", actor=COORD, platform="x")
    for row in desk.posts(batch="old"):
        desk.rewrite(row["id"], REVIEWER, row["draft_text"].replace("Hello", "Hallo"))
        desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
    result = desk.export("old", "xliff12", tmp_path / "out.xlf", COORD)
    assert result.written.name == "export-written-into"
    root = etree.parse(str(tmp_path / "out.xlf")).getroot()
    assert {etree.QName(e).namespace for e in root.iter() if isinstance(e.tag, str)} == {None}
    a, b = root.iter("trans-unit")
    assert etree.tostring(a.find("target"), encoding="unicode", with_tail=False) == (
        '<target state="final">Hallo <g id="1">big</g> world</target>')
    assert (a.get("approved"), b.get("approved")) == ("yes", "yes")
    again = read_batch_file(tmp_path / "out.xlf", platform="x")
    assert [(p.external_id, PLACEHOLDER.sub("", p.draft_text), len(p.codes)) for p in again] \
        == [("a", "Hallo big world", 2), ("b", "Guten Tag", 0)]
