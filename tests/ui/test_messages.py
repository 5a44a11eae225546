"""Check findings shown in the interface's language, from the domain's template and values."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from review import Desk
from review.hints.checks import CHECK_IDS
from review.termbases import import_starter_glossaries
from ui.i18n import install_translator
from ui.messages import TEMPLATES, check_text


@pytest.fixture
def chinese(qapp):
    install_translator(QApplication.instance(), "zh_CN")
    yield
    install_translator(QApplication.instance(), "en")


@pytest.fixture(scope="module")
def sample_findings(tmp_path_factory):
    with Desk(tmp_path_factory.mktemp("m") / "m.sqlite3") as desk:
        desk.load_sample()
        import_starter_glossaries(desk)
        return [shown.result for row in desk.posts() for shown in desk.hints(row["id"]).checks]


def test_every_check_id_has_a_template():
    ids = set(CHECK_IDS) | {"term-missing", "forbidden-term", "wrong-language", "untranslated"}
    assert ids <= set(TEMPLATES)


def test_english_interface_shows_the_domains_words(qapp, sample_findings):
    assert all(check_text(r) == r.message for r in sample_findings)


def test_chinese_interface_translates_every_finding_of_the_sample(chinese, sample_findings):
    kinds = {r.template or r.id for r in sample_findings}
    assert {"length-x", "term-missing", "forbidden-term", "untranslated-same"} <= kinds
    for result in sample_findings:
        text = check_text(result)
        assert text != result.message, result.id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    length = next(r for r in sample_findings if r.id == "length")
    assert "请缩短" in check_text(length) and str(dict(length.params)["count"]) in check_text(length)
