"""XLIFF 2.0 annotation markers (<sm/>, <em/>) and code points (<cp hex/>) are inline codes
like the others: read as placeholders, checked, written back where a rewrite puts them. They
were dropped as unknown elements: a rewrite went back without HQ's term and comment marks,
and <cp> lost its character with no word said. Found attacking issue 14."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from review import Desk
from review.formats.placeholders import PLACEHOLDER, code_tokens
from tests.helpers import COORD, REVIEWER

try:
    from tests.formats.test_xliff_schemas import assert_valid
except BaseException:  # the schemas module skips itself where setup.sh did not fetch them
    assert_valid = None

NS = "urn:oasis:names:tc:xliff:document:2.0"
SOURCE = ('Press <ph id="1"/> then <sm id="m1" type="term" value="UI"/>Open<em startRef="m1"/>'
          '<cp hex="0007"/>')


def _desk(tmp_path: Path) -> Desk:
    path = tmp_path / "app.xlf"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="{NS}" '
                    f'version="2.0" srcLang="en" trgLang="de"><file id="f1"><unit id="a">'
                    f'<segment><source>{SOURCE}</source></segment></unit></file></xliff>\n',
                    encoding="utf-8")
    desk = Desk(tmp_path / "desk.sqlite3")
    desk.import_batch(path, batch="app", actor=COORD, platform="x")
    return desk


def test_markers_and_code_points_are_codes_that_a_rewrite_takes_back(tmp_path):
    desk = _desk(tmp_path)
    [row] = desk.posts(batch="app")
    draft = row["draft_text"]
    assert len(PLACEHOLDER.findall(draft)) == 4  # ph, sm, em, cp
    desk.rewrite(row["id"], REVIEWER, draft.replace("Press", "Drücke").replace("then", "dann")
                 .replace("Open", "Öffnen"))
    desk.decide(row["id"], REVIEWER, "approve")
    desk.export("app", "xliff20", tmp_path / "out.xlf", COORD)
    if assert_valid is not None:
        assert_valid(tmp_path / "out.xlf", "xliff20")
    target = etree.parse(str(tmp_path / "out.xlf")).find(f".//{{{NS}}}target")
    written = etree.tostring(target, encoding="unicode", with_tail=False)
    assert written.split(">", 1)[1].rsplit("<", 1)[0] == (
        SOURCE.replace("Press", "Drücke").replace("then", "dann").replace("Open", "Öffnen"))


def test_a_rewrite_without_the_marks_is_found_by_the_placeholders_check(tmp_path):
    desk = _desk(tmp_path)
    [row] = desk.posts(batch="app")
    markers = PLACEHOLDER.findall(row["draft_text"])[1:3]  # sm and em
    text = "".join(c for c in row["draft_text"] if c not in markers)
    found = [c for c in desk.hints(row["id"], text).checks if c.result.id == "placeholders"]
    assert found and found[0].result.severity == "error"


def test_a_marker_pair_shares_one_token_number(tmp_path):
    desk = _desk(tmp_path)
    [row] = desk.posts(batch="app")
    post = desk.post(row["id"])
    tokens = code_tokens(post.codes)
    ph, sm, em, cp = (tokens[c] for c in PLACEHOLDER.findall(row["draft_text"]))
    assert [t.text for t in (ph, sm, em, cp)] == ["<1/>", "<2>", "</2>", "<3/>"]
