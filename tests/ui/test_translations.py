"""The Simplified Chinese interface: the .ts source is complete, keeps every placeholder and
accelerator, covers every string in ui/, and the shipped .qm is compiled from it."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TS = I18N / "review_desk_zh_CN.ts"
QM = I18N / "review_desk_zh_CN.qm"

# %1..%9 and %n (Qt), {name} and {name:.0%} (str.format).
PLACEHOLDER = re.compile(r"%[1-9n]|\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")
ACCELERATOR = re.compile(r"&([^&\s])")


def qt_tool(name: str) -> list[str]:
    """A PySide6 tool: the script next to this Python (the venv's bin/), else the binary
    inside the PySide6 package, which is what that script runs."""
    script = Path(sys.executable).parent / f"pyside6-{name}"
    if script.exists():
        return [str(script)]
    import PySide6

    binary = Path(PySide6.__file__).resolve().parent / name
    if binary.exists():
        return [str(binary)]
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    pytest.fail(f"pyside6-{name} not found next to {sys.executable} nor in PySide6")


def messages() -> list[tuple[str, str, list[str], ET.Element]]:
    """(context, source, translations, message element) for every message of the .ts."""
    rows = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if message.get("numerus") == "yes":
                texts = [form.text or "" for form in translation.iter("numerusform")]
            else:
                texts = [translation.text or ""]
            rows.append((name, message.findtext("source"), texts, message))
    return rows


def test_every_message_is_translated():
    rows = messages()
    assert rows, "the .ts file holds no messages"
    unfinished = [(c, s) for c, s, _, m in rows if m.find("translation").get("type") == "unfinished"]
    empty = [(c, s) for c, s, texts, _ in rows if not texts or not all(t.strip() for t in texts)]
    assert not unfinished, f"unfinished translations: {unfinished}"
    assert not empty, f"empty translations: {empty}"


def test_numerus_messages_have_one_chinese_form():
    for context, source, texts, message in messages():
        if message.get("numerus") == "yes":
            assert len(texts) == 1, (context, source, texts)


def test_placeholders_are_kept():
    wrong = []
    for context, source, texts, _ in messages():
        wanted = sorted(PLACEHOLDER.findall(source))
        for text in texts:
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append((context, source, text))
    assert not wrong, f"placeholders lost, changed or added: {wrong}"


def test_accelerators_and_ellipses_are_kept():
    wrong = []
    for context, source, texts, _ in messages():
        keys = [k.lower() for k in ACCELERATOR.findall(source.replace("&&", ""))]
        for text in texts:
            if [k.lower() for k in ACCELERATOR.findall(text.replace("&&", ""))] != keys:
                wrong.append((context, source, text))
            if source.endswith("…") and not text.endswith("…"):
                wrong.append((context, source, text))
    assert not wrong, f"accelerator or ellipsis lost: {wrong}"


def test_compiled_qm_is_up_to_date(tmp_path):
    fresh = tmp_path / "fresh.qm"
    result = subprocess.run(qt_tool("lrelease") + [str(TS), "-qm", str(fresh)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 unfinished" in result.stdout, result.stdout
    assert QM.read_bytes() == fresh.read_bytes(), \
        "review_desk_zh_CN.qm is stale: run scripts/update_translations.sh"


def test_every_ui_string_is_in_the_ts(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    found = [*(ROOT / "ui").glob("*.py"), *(ROOT / "review" / "texts").glob("*.py")]
    sources = sorted(str(p.relative_to(ROOT)) for p in found)
    result = subprocess.run(qt_tool("lupdate") + sources + ["-ts", str(copy),
                            "-source-language", "en", "-target-language", "zh_CN"],
                            capture_output=True, text=True, cwd=ROOT)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    found = re.search(r"Found (\d+) source text\(s\) \((\d+) new and (\d+) already existing\)", output)
    assert found, output
    assert found.group(2) == "0", f"strings in ui/ missing from the .ts: run scripts/update_translations.sh\n{output}"


@pytest.fixture
def chinese(qapp):
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_qm_translates_the_interface(chinese):
    approve = QCoreApplication.translate("Actions", "&Approve and next")
    assert approve.startswith("批准") and "(&A)" in approve
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert QCoreApplication.translate("Annotations", "Critical") == "致命"
    assert QCoreApplication.translate("ExportDialog", "%n post(s) will be exported.", None, 3) == "将导出 3 条帖子。"


# -- English plural forms (review_desk_en.ts: only the messages that count with %n) ---------------
EN_TS = I18N / "review_desk_en.ts"
EN_QM = I18N / "review_desk_en.qm"


def test_every_counted_message_has_an_english_singular_and_plural(tmp_path):
    counted = {(c, s) for c, s, _, m in messages() if m.get("numerus") == "yes"}
    english = {}
    for context in ET.parse(EN_TS).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            assert translation.get("type") != "unfinished", message.findtext("source")
            english[(context.findtext("name"), message.findtext("source"))] = \
                [f.text or "" for f in translation.iter("numerusform")]
    assert counted <= set(english)
    for (context, source), forms in english.items():
        assert len(forms) == 2 and all(f.strip() for f in forms), (context, source, forms)
        assert all(sorted(PLACEHOLDER.findall(f)) == sorted(PLACEHOLDER.findall(source))
                   for f in forms), (context, source, forms)
    fresh = tmp_path / "en.qm"
    subprocess.run(qt_tool("lrelease") + [str(EN_TS), "-qm", str(fresh)], capture_output=True, cwd=ROOT)
    assert EN_QM.read_bytes() == fresh.read_bytes(), "review_desk_en.qm is stale: run scripts/update_translations.sh"


def test_counts_read_right_in_both_languages(qapp):
    from ui.i18n import install_translator

    def counted(n):
        return QCoreApplication.translate("MainWindow", "%n post(s)", "", n)

    install_translator(qapp, "en")
    assert (counted(1), counted(2), counted(0)) == ("1 post", "2 posts", "0 posts")
    install_translator(qapp, "zh_CN")
    assert counted(1) == "1 条帖子"
    install_translator(qapp, "en")
