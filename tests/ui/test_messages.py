"""Check findings and the domain's messages shown in the interface's language, from the
domain's template and values."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from review import Desk
from review.errors import Cancelled, DeskBusy, ImportFailed
from review.hints.checks import CHECK_IDS
from review.termbases import import_starter_glossaries
from ui.i18n import install_translator
from review.texts import MESSAGES, said
from ui.messages import TEMPLATES, check_text, error_lines, error_text, said_text


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


# -- the domain's messages (review/texts/) ---------------------------------------------------

def sample_values(template: str) -> dict:
    """A value for every placeholder; numbers where the template formats a number."""
    values = {}
    for name, spec in re.findall(r"\{(\w+)(?:!r)?(?::([^}]*))?\}", template):
        values[name] = 1234 if spec else f"<{name}>"
    return values


def test_every_domain_message_has_a_chinese_translation(chinese):
    for name, template in MESSAGES.items():
        english = said(name, **sample_values(template))
        text = said_text(english)
        assert text != english, name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), (name, text)
        for value in english.values.values():
            assert str(value) in text or f"{value:,}" in text or f"{value:04X}" in text, (name, text)


def test_a_plain_string_or_a_broken_translation_keeps_the_english(chinese, monkeypatch):
    assert said_text("no template here") == "no template here"
    busy = said("busy", path="/x/desk.sqlite3")
    monkeypatch.setattr(QCoreApplication, "translate", lambda context, text: "{nope} 正忙")
    assert said_text(busy) == str(busy)


def test_import_problems_in_english_are_the_domains_lines(qapp, tmp_path):
    error = refused_import(tmp_path)
    assert error_lines(error) == error.lines
    assert error_text(error) == str(error)


def test_import_problems_in_chinese_keep_file_line_and_column(chinese, tmp_path):
    error = refused_import(tmp_path)
    lines = error_lines(error)
    where = str(tmp_path / "bad.csv")
    assert lines[0].startswith(f"{where}:2: scheduled_at: '31/12/2026' 不是有效的日期和时间；可用的格式：")
    assert lines[1] == f"{where}:3: 该行有 2 个单元格，表头有 7 个；请检查这一行的分隔符和引号"
    assert lines[-1] == "未导入任何内容（2 个问题）；请修正文件后重新导入"
    assert error_text(error).splitlines()[0] == "未导入任何内容：发现 2 个问题"


def test_busy_and_cancelled_in_chinese(chinese, tmp_path):
    assert error_text(DeskBusy(said("busy", path="d.sqlite3"))).startswith("数据库 d.sqlite3 正忙")
    assert error_text(Cancelled("the export")) == "导出已取消；没有做任何更改"


def refused_import(tmp_path) -> ImportFailed:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,platform,source_lang,source_text,target_lang,draft_text,scheduled_at\n"
                   "A,x,zh-CN,源文,en,Draft,31/12/2026\nB,x\n", encoding="utf-8")
    with Desk(tmp_path / "d.sqlite3") as desk, pytest.raises(ImportFailed) as caught:
        desk.import_batch(bad)
    return caught.value
