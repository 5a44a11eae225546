"""Problems of XLIFF and JSON batch files and refusals of review packages in the interface's
language: the domain names each message (`review.texts.said`), the window translates it, the
command line keeps the English words."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from review import Desk
from review.errors import ImportFailed, InvalidInput, ReviewError
from review.formats.json_format import read_json, read_jsonl
from review.formats.package_file import open_package
from review.formats.xliff_format import read_xliff
from review.texts import Said
from tests.exchange.support import coordinator_laptop
from tests.helpers import COORD
from tests.ui.test_messages_files import (EXPECTED, HOSTILE, chinese, has_chinese,  # noqa: F401
                                          refusal, refused_in_window, write)
from ui.messages import error_lines, error_text, said_text

BATCH_REFUSED = sorted(name for name, case in EXPECTED.items()
                       if not name.startswith("_") and "refused" in case and case["as"] == "batch"
                       and name.endswith((".xlf", ".json", ".jsonl")) and (HOSTILE / name).exists())

XLIFF_WITHOUT_TARGET = (
    '<?xml version="1.0"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file original="a" source-language="en" datatype="plaintext"><body>\n'
    '<trans-unit id="1"><source>Clean water</source><target>Mvura yakachena</target></trans-unit>\n'
    '</body></file></xliff>\n')
XLIFF_EMPTY = (
    '<?xml version="1.0"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file original="a" source-language="en" target-language="sn" datatype="plaintext">'
    '<body></body></file></xliff>\n')


def named_and_chinese(error: ImportFailed, path: Path) -> list[str]:
    """The lines the window shows for `error`; fails unless every problem is a named message
    and every line is Chinese."""
    for problem in error.problems:
        assert isinstance(problem.message, Said), problem.message
    lines = error_lines(error)
    assert all(has_chinese(line) for line in lines), lines
    return lines


# -- every refused XLIFF/JSON batch of the hostile corpus ---------------------------------------

def test_the_corpus_has_xliff_and_json_refusals():
    assert sum(n.endswith(".xlf") for n in BATCH_REFUSED) >= 4
    assert sum(n.endswith((".json", ".jsonl")) for n in BATCH_REFUSED) >= 8


@pytest.mark.parametrize("name", BATCH_REFUSED)
def test_every_problem_of_a_refused_xliff_or_json_batch_is_a_named_message(chinese, tmp_path, name):
    path = HOSTILE / name
    with Desk(tmp_path / "d.sqlite3") as desk, pytest.raises(ImportFailed) as caught:
        desk.import_batch(path, batch="b", platform="x", target_lang="sn")
    lines = named_and_chinese(caught.value, path)
    assert all(line.startswith(str(path)) for line in lines[:-1]), lines


# -- XLIFF ------------------------------------------------------------------------------------------

def test_xliff_problems_in_chinese_and_english(chinese, tmp_path):
    path = write(tmp_path / "posts.xlf", XLIFF_WITHOUT_TARGET)
    error = refusal(read_xliff, path.read_bytes(), str(path))
    assert error.lines[0] == (f"{path}:4: the file does not say the target language of 1 unit; "
                              "choose it when importing (--target-lang)")
    assert error_lines(error) == [
        f"{path}:4: 文件没有说明 1 个单元的目标语言；请在导入时选择（--target-lang）",
        f"{path}:4: 1 个单元没有说明其平台（XLIFF 没有存放平台的位置）；请在导入时选择平台"
        "（--platform x|facebook|youtube|linkedin|other）",
        "未导入任何内容（2 个问题）；请修正文件后重新导入",
    ]
    empty = write(tmp_path / "empty.xlf", XLIFF_EMPTY)
    assert error_lines(refusal(read_xliff, empty.read_bytes(), str(empty)))[0] == \
        f"{empty}: 文件中没有翻译单元；没有可导入的内容"


# -- JSON -------------------------------------------------------------------------------------------

def test_json_problems_nest_translated_kinds_and_keep_pythons_words(chinese, tmp_path):
    text = '[{"id": "1", "id": "2"},\n 7,\n {"id": [1], "draft_text": NaN}\n]'
    error = refusal(read_json, text.encode(), "posts.json")
    assert error.lines[1] == "posts.json:2: post 2 is a number; each post must be an object {...}"
    lines = named_and_chinese(error, Path("posts.json"))
    assert lines[0] == "posts.json:1: 键 'id' 在同一个对象中出现了两次；请只保留一个"
    assert lines[1] == "posts.json:2: 第 2 个帖子是一个数字；每个帖子都必须是一个对象 {...}"
    assert "posts.json:3: NaN 不是有效的 JSON；请写数字、字符串或 null" in lines
    single = refusal(read_json, b'{"id": "1"}', "one.json")
    assert error_lines(single)[0] == "one.json:1: 文件中是单个对象；应为帖子列表：[ {...}, {...} ]"
    broken = refusal(read_jsonl, b'{"id": "1",}\n', "posts.jsonl")
    detail = broken.problems[0].message.values["detail"]
    assert broken.lines[0] == f"posts.jsonl:1: JSON syntax error: {detail} (column 12)"
    assert error_lines(broken)[0] == f"posts.jsonl:1: JSON 语法错误：{detail}（第 12 列）"


# -- review packages --------------------------------------------------------------------------------

def read_package(path: Path) -> None:
    with open_package(path):
        pass


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_package_refusals_in_chinese(chinese, tmp_path):
    evil = zip_of(tmp_path / "evil.rdpack", {"manifest.json": b"{}", "../evil.json": b"{}"})
    error = refusal(read_package, evil)
    assert error.lines[0] == ("evil.rdpack: member '../evil.json' climbs out of the package "
                              "('..'); the package was refused (it may have been made to write "
                              "outside its folder)")
    assert named_and_chinese(error, evil)[0] == (
        "evil.rdpack: 成员文件 '../evil.json' 跳出了工作包（'..'）；已拒绝该工作包"
        "（它可能被制作成会写到所在文件夹之外）")
    manifest = {"format": "review-desk-package", "version": 2, "kind": "gift",
                "members": {"x.jsonl": {"sha256": "0" * 64, "size": 400 << 20}}}
    wrong = zip_of(tmp_path / "wrong.rdpack", {"manifest.json": json.dumps(manifest).encode(),
                                               "manifest.sig": b"0" * 128})
    lines = named_and_chinese(refusal(read_package, wrong), wrong)
    assert lines[0] == "wrong.rdpack: manifest.json: kind 必须是 work, results 之一，而不是 'gift'"
    assert lines[-2] == ("wrong.rdpack: manifest.json: 成员文件 x.jsonl：解压后为 400.0 MB，超过了"
                         "工作包允许的 300.0 MB；这么大的批次必须拆分为"
                         "较小的批次")
    assert "wrong.rdpack: manifest.json: creator 必须有 name 和 role" in lines
    newer = zip_of(tmp_path / "newer.rdpack", {"manifest.json": json.dumps(
        dict(manifest, version=7)).encode()})
    assert error_lines(refusal(read_package, newer))[0] == (
        "newer.rdpack: manifest.json: 该工作包的格式版本为 7，由较新的 Review Desk 生成（此版本只能"
        "读取版本 2）；请更新 Review Desk 后再导入")


def test_a_nested_size_in_english_is_the_domains_text(qapp, tmp_path):
    path = zip_of(tmp_path / "small.rdpack", {"manifest.json": b"[" * 10})
    error = refusal(read_package, path)
    assert said_text(error.problems[0].message) == error.problems[0].message
    assert error.lines[0].startswith("small.rdpack: manifest.json: the manifest is not valid JSON (")


# -- the real window ----------------------------------------------------------------------------

def test_window_shows_a_refused_xliff_in_chinese(qtbot, tmp_path, monkeypatch):
    path = write(tmp_path / "empty.xlf", XLIFF_EMPTY)
    lines = refused_in_window(qtbot, tmp_path, monkeypatch, "batch", path)
    assert lines == [f"{path}: 文件中没有翻译单元；没有可导入的内容",
                     "未导入任何内容（1 个问题）；请修正文件后重新导入"]


def test_window_shows_a_refused_package_in_chinese(qtbot, tmp_path, monkeypatch):
    path = zip_of(tmp_path / "parts.rdpack", {"events.jsonl": b"", "batch.json": b"{}"})
    lines = refused_in_window(qtbot, tmp_path, monkeypatch, "package", path)
    assert lines == ["parts.rdpack: 没有 manifest.json：这不是 Review Desk 工作包",
                     "未导入任何内容（1 个问题）；请修正文件后重新导入"]


def test_refusals_to_make_a_package_in_chinese(chinese, tmp_path):
    coord, _ids = coordinator_laptop(tmp_path)
    try:
        with pytest.raises(ReviewError) as caught:
            coord.make_results_package("zw", tmp_path / "back.rdpack", COORD)
        assert str(caught.value).startswith("no work package for batch zw was imported")
        assert error_text(caught.value) == (
            "这台电脑上没有导入过批次 zw 的工作包，因此没有可交回的工作；结果包是对工作包的回应")
        with pytest.raises(InvalidInput) as caught:
            coord.make_work_package("zw", tmp_path / "work.zip", COORD)
        assert error_text(caught.value) == (
            f"工作包文件以 .rdpack 结尾：请使用 --out {tmp_path / 'work.rdpack'}")
    finally:
        coord.close()
