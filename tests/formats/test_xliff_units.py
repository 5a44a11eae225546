"""Which units of a CAT tool's XLIFF become posts, under which id, and what the import says
about the rest (issue 14): 2.0 ids scoped by <file>, translate="no" and empty units left out and
counted, each kind of problem once with its count, `.xlf2`."""
from __future__ import annotations

from pathlib import Path

import pytest

from review import Desk
from review.errors import ImportFailed
from review.formats.batchfile import read_batch
from tests.helpers import COORD

REAL2 = Path(__file__).resolve().parent.parent / "data" / "real-world-2"


def test_unit_ids_of_a_several_file_xliff20_are_scoped_by_their_file():
    read = read_batch(REAL2 / "openxliff_OpenXLIFF_Java_es.xlf", platform="x")
    ids = [p.external_id for p in read.posts]
    assert len(ids) == len(set(ids)) == 519  # 29 <file>s, unit ids repeating across them
    assert ids[:2] == ["0/0::0", "0/1::1"]  # FILE-ID/UNIT-ID (::SEGMENT-ID, as before)


def test_a_single_file_xliff20_keeps_its_plain_unit_ids():
    read = read_batch(REAL2 / "symfony_resources-2.0-clean.xlf", platform="x")
    assert all("/" not in p.external_id for p in read.posts)


def test_untranslatable_and_empty_units_are_left_out_and_counted(tmp_path):
    with Desk(tmp_path / "d.sqlite3") as desk:
        result = desk.import_batch(REAL2 / "okapi_TS09-12-Test01_trados2009.xlf", actor=COORD,
                                   platform="x")
        assert (result.added, result.skipped) == (16, {"not-translatable": 22, "no-text": 4})
        assert result.summary().endswith(
            'left out: 22 units marked translate="no", 4 units without text')
        angular = desk.import_batch(REAL2 / "angular_translatedFile.de.xlf", actor=COORD,
                                    platform="x")
        assert (angular.added, angular.skipped) == (38, {"no-text": 1})
        assert angular.summary().endswith("left out: 1 unit without text")


def test_the_nearest_translate_attribute_decides():
    read = read_batch(REAL2 / "oasis_everything-core.xlf", platform="x")
    # <file translate="no"> around units and groups that say translate="yes"
    assert len(read.posts) == 5 and read.skipped == {}


def test_a_file_with_nothing_to_review_says_what_it_left_out(tmp_path):
    path = tmp_path / "none.xlf"
    path.write_text('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
                    '<file original="a" source-language="en" target-language="fr"><body>'
                    '<trans-unit id="1" translate="no"><source>Brand</source></trans-unit>'
                    '<trans-unit id="2"><source><x id="1"/></source></trans-unit>'
                    '</body></file></xliff>', encoding="utf-8")
    with pytest.raises(ImportFailed, match=r'no unit to review \(1 unit marked translate="no", '
                                           r'1 unit without text\)'):
        read_batch(path, platform="x")


def test_a_missing_target_language_is_one_message_with_its_count():
    with pytest.raises(ImportFailed) as caught:
        read_batch(REAL2 / "angular_ngExtractedMaster1.xlf", platform="x")
    assert [p.message for p in caught.value.problems] == [
        "the file does not say the target language of 28 units; choose it when importing "
        "(--target-lang)"]
    assert len(read_batch(REAL2 / "angular_ngExtractedMaster1.xlf", platform="x",
                          target_lang="de").posts) == 28


def test_a_target_language_that_is_no_language_is_one_message_and_gives_way_to_the_option():
    xx = REAL2 / "omegat_filters4_en-xx.xlf"  # OmegaT's filter test: target-language="xx"
    with pytest.raises(ImportFailed) as caught:
        read_batch(xx, platform="x")
    assert [(p.line, p.message) for p in caught.value.problems] == [(5,
        "the file gives 'xx' as the target language of 7 units, which is not a language code "
        "(such as en, zh-CN, pt-BR); choose the language when importing (--target-lang)")]
    read = read_batch(xx, platform="x", target_lang="fr")
    assert {(p.source_lang, p.target_lang) for p in read.posts} == {("en", "fr")}
    assert len(read.posts) == 7


def test_a_source_language_that_is_no_language_is_one_message(tmp_path):
    bad = tmp_path / "bad.xlf"
    bad.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
        '<file original="a" source-language="english" target-language="fr" datatype="plaintext">'
        '<body><trans-unit id="1"><source>One</source></trans-unit>'
        '<trans-unit id="2"><source>Two</source></trans-unit></body></file></xliff>')
    with pytest.raises(ImportFailed) as caught:
        read_batch(bad, platform="x", target_lang="de")  # the option is the target's only
    assert [p.message for p in caught.value.problems] == [
        "the file gives 'english' as the source language of 2 units, which is not a language "
        "code (such as en, zh-CN, pt-BR); correct the file's source language (source-language, "
        "or srcLang in XLIFF 2.0)"]


def test_xlf2_is_read_as_xliff_by_its_extension():
    read = read_batch(REAL2 / "angular_translatedFile.de.xlf2", platform="x")
    assert len(read.posts) == 25 and any(p.codes for p in read.posts)


def test_a_unit_with_more_codes_than_placeholders_is_refused_by_line(tmp_path):
    path = tmp_path / "many.xlf"
    codes = "".join(f'<x id="{n}"/>' for n in range(6401))
    path.write_text('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
                    '<file original="a" source-language="en" target-language="fr"><body>\n'
                    f'<trans-unit id="1"><source>a{codes}</source></trans-unit>\n'
                    '</body></file></xliff>', encoding="utf-8")
    with pytest.raises(ImportFailed, match="more than 6,400 inline codes") as caught:
        read_batch(path, platform="x")
    assert caught.value.problems[0].line == 3


def test_a_code_longer_than_a_package_may_carry_is_refused_by_line(tmp_path):
    path = tmp_path / "long.xlf"
    native = "&lt;a href=&quot;" + "x" * 25_000 + "&quot;&gt;"
    path.write_text('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
                    '<file original="a" source-language="en" target-language="fr"><body>\n'
                    f'<trans-unit id="1"><source>a <bpt id="1">{native}</bpt>b<ept id="1">'
                    '&lt;/a&gt;</ept></source></trans-unit>\n'
                    '</body></file></xliff>', encoding="utf-8")
    with pytest.raises(ImportFailed, match="more than the 20,000 Review Desk keeps") as caught:
        read_batch(path, platform="x")
    assert caught.value.problems[0].line == 3


def test_the_queue_shows_inline_codes_as_their_numbered_tokens(tmp_path):
    """A code's placeholder is a private-use character no font draws (a box in the queue):
    the queue's text shows the numbered token the review pane draws instead (Angular's
    START_BOLD_TEXT and CLOSE_BOLD_TEXT are the two ends of one pair)."""
    from review.queue import QueueFilter

    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(REAL2 / "angular_translatedFile.de.xlf", actor=COORD, platform="x")
        texts = [row["text"] for row in desk.queue_rows(desk.queue_rowids(QueueFilter())).values()]
    assert "Übersetzen Sie <1>von</1>" in texts
    assert not any(0xE000 <= ord(c) <= 0xF8FF for text in texts for c in text)
