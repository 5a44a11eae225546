"""The numbered tokens of inline codes (`<1>`, `</1>`, `<2/>`): what the review pane draws, the
queue lists and the clipboard carries. Numbered in source order; both ends of a pair share one
number, whichever way the file writes the pair."""
from __future__ import annotations

from pathlib import Path

from review import Desk
from review.formats.placeholders import Token, code_tokens, missing_placeholders, tokened
from tests.helpers import COORD

REAL2 = Path(__file__).resolve().parents[1] / "data" / "real-world-2"


def code(xml: str = "", role: str = "code", **more) -> dict:
    return {"role": role, "xml": xml, "shows": "", "label": "l", **more}


def test_numbers_follow_source_order_and_pairs_share_one():
    codes = {"\ue000": code("<g id='1'/>", "open"),
             "\ue001": code("<x id='2'/>"),
             "\ue002": code(role="close", pair="\ue000"),
             "\ue003": code('<sc id="5"/>'),
             "\ue004": code('<ec startRef="5"/>'),
             "\ue005": code('<it pos="close" id="9">&lt;/b&gt;</it>'),
             "\ue006": code("<seg-source/>", "unit")}  # in no text: no token
    assert code_tokens(codes) == {"\ue000": Token(1, "open"), "\ue001": Token(2, "code"),
                                  "\ue002": Token(1, "close"), "\ue003": Token(3, "open"),
                                  "\ue004": Token(3, "close"), "\ue005": Token(4, "close")}
    assert tokened("a\ue000b\ue001\ue002 \ue003c\ue004\ue005", codes) == \
        "a<1>b<2/></1> <3>c</3></4>"


def test_bpt_ept_and_bx_ex_pair_by_rid_else_id_and_angular_by_name():
    codes = {"\ue000": code('<bpt xmlns="urn:x" id="1" rid="7">&lt;b&gt;</bpt>'),
             "\ue001": code('<bpt id="2">&lt;i&gt;</bpt>'),
             "\ue002": code('<ept id="2">&lt;/i&gt;</ept>'),
             "\ue003": code('<ept id="3" rid="7">&lt;/b&gt;</ept>'),
             "\ue004": code('<bx id="4"/>'),
             "\ue005": code('<ex id="9"/>'),  # no rid, another id: not its pair
             "\ue006": code('<x id="START_BOLD_TEXT" ctype="x-b"/>'),
             "\ue007": code('<x id="CLOSE_BOLD_TEXT" ctype="x-b"/>'),
             "\ue008": code('<x id="INTERPOLATION"/>')}
    assert [t.text for t in code_tokens(codes).values()] == \
        ["<1>", "<2>", "</2>", "</1>", "<3>", "</4>", "<5>", "</5>", "<6/>"]


def test_a_text_without_codes_is_unchanged():
    assert tokened("a\ue000b", {}) == "a\ue000b"  # an icon font's glyph, not a code
    assert tokened("a\ue000b", {"\ue001": code("<x/>")}) == "a\ue000b"


def test_memoq_paired_bpt_ept_read_as_pairs(tmp_path):
    with Desk(tmp_path / "d.sqlite3", backups=False) as desk:
        desk.import_batch(REAL2 / "okapi_MQ-12-Test01_memoq.xlf", actor=COORD, platform="x",
                          target_lang="fr")
        posts = [desk.post(desk.resolve_post_id(n)) for n in ("15", "22")]
    assert tokened(posts[0].source_text, posts[0].codes) == \
        "Select <1>Edit Root</1> in the <2>Input</2> menu (or the context menu),"
    assert "as well as the <1><2>Filter Parameters</2></1> to the" in \
        tokened(posts[1].source_text, posts[1].codes)


def test_missing_placeholders_follow_the_draft_else_the_source():
    codes = {"\ue000": code("<x id='1'/>"), "\ue001": code("<x id='2'/>")}
    assert missing_placeholders("x", "a\ue000b\ue001", None, codes) == ["\ue000", "\ue001"]
    assert missing_placeholders("x\ue000", "a\ue000b\ue001", "\ue001c", codes) == ["\ue001"]
    assert missing_placeholders("\ue001", "a\ue000b\ue001", "\ue001c", codes) == []
