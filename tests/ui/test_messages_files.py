"""Problems of glossary (CSV/TBX), memory (TMX) and XML files in the interface's language: the
domain names each message (`review.texts.said`), the window translates it, the command line
keeps the English words."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from review import Desk
from review.errors import ImportFailed, NotFound
from review.formats.glossary_files import read_glossary
from review.formats.tmx_files import read_tmx
from review.termbases import export_glossary, import_glossary, import_memory
from review.texts import Said
from tests.ui.test_main_window import open_window
from ui import main_window
from ui.i18n import install_translator
from ui.messages import error_lines, error_text, said_text

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
EXPECTED = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))
REFUSED = sorted(name for name, case in EXPECTED.items()
                 if not name.startswith("_") and "refused" in case
                 and case["as"] in ("glossary", "memory") and (HOSTILE / name).exists())


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def chinese(qapp):
    install_translator(QApplication.instance(), "zh_CN")
    yield
    install_translator(QApplication.instance(), "en")


def refusal(read, *args) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        read(*args)
    return caught.value


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- every refusal of the hostile corpus --------------------------------------------------------

def test_the_corpus_has_glossary_and_memory_refusals():
    assert len(REFUSED) >= 15 and any(n.endswith(".csv") for n in REFUSED)


@pytest.mark.parametrize("name", REFUSED)
def test_every_problem_of_a_refused_glossary_or_memory_is_a_named_message(chinese, tmp_path, name):
    path = HOSTILE / name
    with Desk(tmp_path / "d.sqlite3") as desk, pytest.raises(ImportFailed) as caught:
        if EXPECTED[name]["as"] == "glossary":
            csv = path.suffix == ".csv"
            import_glossary(desk, path, source="en" if csv else None, target="sn" if csv else None)
        else:
            import_memory(desk, path)
    for problem in caught.value.problems:
        assert isinstance(problem.message, Said), (name, problem.message)
    lines = error_lines(caught.value)
    assert all(has_chinese(line) for line in lines), lines
    assert all(line.startswith(str(path)) for line in lines[:-1]), lines


# -- glossary CSV -------------------------------------------------------------------------------

BAD_GLOSSARY = ("source,target,status,dnt,colour\n"
                "water well,borehole,banned,maybe,red\n"
                "village,,preferred,no,\n"
                "chief,ishe\n")


def test_glossary_csv_problems_in_chinese_keep_file_line_and_column(chinese, tmp_path):
    path = write(tmp_path / "terms.csv", BAD_GLOSSARY)
    lines = error_lines(refusal(read_glossary, path, "en", "sn"))
    assert lines == [
        f"{path}:1: colour: 未知的列；术语表的列为 source, target, status, note, pos, "
        "case_sensitive, domain, region, dnt（也接受：term、translation）：请重命名或删除这一列",
        f"{path}:2: status: 未知状态 'banned'；请使用以下之一：preferred, allowed, deprecated, "
        "forbidden（也能识别 admitted、superseded、obsolete、notRecommended、prohibited 以及 "
        "preferredTerm-admn-sts 这样的 TBX 名称）",
        f"{path}:2: dnt: 'maybe' 不是 yes 或 no；请写 yes、no（或 true、false、1、0），留空表示 no",
        f"{path}:3: target: 为空；请给出译法，或用 dnt=yes 标明保持原样的名称或品牌",
        f"{path}:4: 该行有 2 个单元格，表头有 5 个；请检查分隔符和引号",
        "未导入任何内容（5 个问题）；请修正文件后重新导入",
    ]


def test_glossary_csv_problems_in_english_are_unchanged(qapp, tmp_path):
    path = write(tmp_path / "terms.csv", BAD_GLOSSARY)
    error = refusal(read_glossary, path, "en", "sn")
    assert error_lines(error) == error.lines
    assert error.lines[1] == (
        f"{path}:2: status: unknown status 'banned'; use one of preferred, allowed, deprecated, "
        "forbidden (admitted, superseded, obsolete, notRecommended, prohibited and the TBX names "
        "such as preferredTerm-admn-sts are understood too)")


def test_glossary_format_and_language_options_in_chinese(chinese, tmp_path):
    sheet = write(tmp_path / "terms.xlsx", "")
    assert error_lines(refusal(read_glossary, sheet, "en", "sn"))[0] == (
        f"{sheet}: 无法从扩展名 '.xlsx' 判断术语表格式；术语表是 CSV、TSV 或 TBX 文件"
        "（.csv、.tsv、.tbx）")
    csv = write(tmp_path / "terms.csv", BAD_GLOSSARY)
    assert error_lines(refusal(read_glossary, csv, "english", "sn"))[0] == (
        f"{csv}: 选项 --source：'english' 不是语言代码；请使用 en、zh-CN、zh-Hans、pt-BR 或 "
        "es-419 这样的代码")
    assert error_lines(refusal(read_glossary, write(tmp_path / "empty.csv", "source,target\n"),
                               "en", "sn"))[0].endswith(
        "文件中没有术语行；应有一行表头（source,target,status,note,pos,case_sensitive,domain,"
        "region,dnt），每个译法一行")


# -- TBX ------------------------------------------------------------------------------------------

def tbx(*lang_sets: str) -> str:
    entries = "".join(f"<langSet xml:lang='{lang}'><tig><term>{term}</term></tig></langSet>"
                      for lang, term in lang_sets)
    return (f"<?xml version='1.0'?>\n<martif type='TBX'>\n<text><body>\n"
            f"<termEntry id='c1'>{entries}</termEntry>\n</body></text>\n</martif>\n")


def test_tbx_language_problems_nest_translated_messages(chinese, tmp_path):
    path = write(tmp_path / "terms.tbx", tbx(("en-US", "well"), ("en-GB", "well"), ("sn", "chitubu")))
    lines = error_lines(refusal(read_glossary, path, "en", "sn"))
    assert lines[0] == f"{path}: 在这个文件中，--source en 可能指 en-US 或 en-GB；请指定其中一个"
    three = write(tmp_path / "three.tbx", tbx(("en-US", "a"), ("en-GB", "b"), ("en-ZW", "c"),
                                             ("sn", "d")))
    english = refusal(read_glossary, three, "en", "sn")
    assert "could mean en-US or en-GB or en-ZW in this file" in english.lines[0]
    assert "可能指 en-US 或 en-GB 或 en-ZW；" in error_lines(english)[0]
    bad_lang = write(tmp_path / "lang.tbx", tbx(("english", "well"), ("sn", "chitubu")))
    assert error_lines(refusal(read_glossary, bad_lang, None, None))[0] == (
        f"{bad_lang}:4: <langSet>: xml:lang 属性：'english' 不是语言代码；请使用 en、zh-CN、"
        "zh-Hans、pt-BR 或 es-419 这样的代码")
    other = write(tmp_path / "other.tbx", tbx(("en", "well"), ("fr", "puits")))
    assert "文件中没有 sn 的术语；其语言为 en, fr：请用 --target 选择其中之一" in \
        error_lines(refusal(read_glossary, other, "en", "sn"))[0]


def test_xml_refusals_in_chinese_keep_the_parsers_words(chinese, tmp_path):
    cut = write(tmp_path / "cut.tbx", "<martif type='TBX'>\n<text><body>\n<termEntry")
    error = refusal(read_glossary, cut, None, None)
    detail, column = (error.problems[0].message.values[key] for key in ("detail", "column"))
    assert detail in error.lines[0] and column
    assert error_lines(error)[0] == (f"{cut}:3: 文件不是格式正确的 XML：{detail}（第 {column} 列）；"
                                     "文件已损坏、不完整或不是 XML：请从生成它的工具重新导出")
    memory = write(tmp_path / "memory.tbx", "<tmx version='1.4'><header/><body/></tmx>")
    assert error_lines(refusal(read_glossary, memory, None, None))[0] == (
        f"{memory}:1: 根元素是 <tmx>，不是 <martif>；这是一个 TMX 翻译记忆文件，不是一个 TBX 术语表："
        "请用“导入翻译记忆”（`tm import`）导入")
    html = write(tmp_path / "page.tmx", "<html><body/></html>")
    assert error_lines(refusal(read_tmx, html))[0] == (
        f"{html}:1: 根元素是 <html>，不是 <tmx>；这不是一个 TMX 翻译记忆文件：请选择正确的文件")


def test_missing_file_in_chinese(chinese, tmp_path):
    gone = tmp_path / "gone.tmx"
    assert error_lines(refusal(read_tmx, gone))[0] == \
        f"{gone}: 无法打开文件：文件不存在（是否已移动或重命名？）"


def test_glossary_commands_errors_in_chinese(chinese, tmp_path):
    with Desk(tmp_path / "d.sqlite3") as desk, pytest.raises(NotFound) as caught:
        export_glossary(desk, "nope", tmp_path / "out.csv")
    assert str(caught.value) == "no glossary 'nope' (glossaries: none yet)"
    assert error_text(caught.value) == "没有术语表 'nope'（目前还没有术语表）"


# -- TMX ------------------------------------------------------------------------------------------

BAD_TMX = ("<?xml version='1.0'?>\n<tmx version='1.4'><header srclang='en'/><body>\n"
           "<tu><tuv xml:lang='en'><seg>well</seg></tuv>\n"
           "<tuv xml:lang='shona!'><seg>chitubu</seg></tuv></tu>\n"
           "<tu><tuv xml:lang='en'><seg>a</seg><seg>b</seg></tuv><tuv xml:lang='sn'><seg>c</seg></tuv></tu>\n"
           "</body></tmx>\n")


def test_tmx_problems_in_chinese(chinese, tmp_path):
    path = write(tmp_path / "memory.tmx", BAD_TMX)
    error = refusal(read_tmx, path)
    assert error.lines[0] == f"{path}:4: <tuv>: xml:lang 'shona!' is not a language code; use a " \
                             "code such as en, zh-CN, zh-Hans, pt-BR or es-419"
    assert error_lines(error) == [
        f"{path}:4: <tuv>: xml:lang 属性：'shona!' 不是语言代码；请使用 en、zh-CN、zh-Hans、pt-BR "
        "或 es-419 这样的代码",
        f"{path}:5: <tuv>: 有 2 个 <seg> 元素；一个 <tuv> 只能有一个",
        "未导入任何内容（2 个问题）；请修正文件后重新导入",
    ]
    empty = write(tmp_path / "empty.tmx", "<tmx version='1.4'><header/><body/></tmx>")
    assert error_lines(refusal(read_tmx, empty))[0] == (
        f"{empty}: 文件中没有同时具有原文和译文的翻译单元（略过 0 个）；没有可添加到翻译记忆的内容")


def test_a_nested_message_in_english_is_the_domains_text(qapp, tmp_path):
    path = write(tmp_path / "memory.tmx", BAD_TMX)
    error = refusal(read_tmx, path)
    assert said_text(error.problems[0].message) == error.problems[0].message


# -- the real window -------------------------------------------------------------------------------

def refused_in_window(qtbot, tmp_path, monkeypatch, kind: str, path: Path) -> list[str]:
    """Import `path` through the Chinese window; the lines its problems dialog shows."""
    window = open_window(qtbot, tmp_path)
    window.set_interface_language("zh_CN")
    shown = []
    monkeypatch.setattr(main_window.ProblemsDialog, "exec", lambda self: shown.append(self))
    for asking in (main_window.GlossaryImportDialog, main_window.XliffImportDialog):
        monkeypatch.setattr(asking, "exec", lambda self: True)  # as offered
    stored = lambda: (window.desk.store.events.count(), window.desk.store.memory.count(),  # noqa: E731
                      len(window.desk.store.glossaries.list()), window.desk.store.packages.list())
    before = stored()
    try:
        assert window.run_import(kind, path)
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
        dialog = shown[0]
        assert dialog.text.toPlainText() == "\n".join(dialog.lines)
        assert dialog.windowTitle() == f"{path.name} 未导入"
        assert dialog.grab().save(str(tmp_path / f"problems-{path.suffix[1:]}.png"))
    finally:
        window.set_interface_language("en")
    assert stored() == before  # nothing of a refused file is kept
    return dialog.lines


def test_window_shows_a_refused_glossary_csv_in_chinese(qtbot, tmp_path, monkeypatch):
    path = write(tmp_path / "terms.csv", BAD_GLOSSARY)
    lines = refused_in_window(qtbot, tmp_path, monkeypatch, "glossary", path)
    assert lines[0].startswith(f"{path}:1: colour: 未知的列；术语表的列为 source, target")
    assert lines[2] == f"{path}:2: dnt: 'maybe' 不是 yes 或 no；请写 yes、no（或 true、false、1、0），留空表示 no"
    assert lines[-1] == "未导入任何内容（5 个问题）；请修正文件后重新导入"


def test_window_shows_a_refused_tmx_in_chinese(qtbot, tmp_path, monkeypatch):
    path = write(tmp_path / "memory.tmx", BAD_TMX)
    lines = refused_in_window(qtbot, tmp_path, monkeypatch, "memory", path)
    assert lines[0].startswith(f"{path}:4: <tuv>: xml:lang 属性：'shona!' 不是语言代码")
    assert lines[1] == f"{path}:5: <tuv>: 有 2 个 <seg> 元素；一个 <tuv> 只能有一个"
    assert lines[-1] == "未导入任何内容（2 个问题）；请修正文件后重新导入"


def test_window_shows_a_refused_tbx_in_chinese(qtbot, tmp_path, monkeypatch):
    path = HOSTILE / "xxe.tbx"
    lines = refused_in_window(qtbot, tmp_path, monkeypatch, "glossary", path)
    assert lines[0].startswith(f"{path}:3: DOCTYPE 中声明了实体；实体（<!ENTITY ...>）可能读取")
    assert len(lines) == 2 and has_chinese(lines[1])
