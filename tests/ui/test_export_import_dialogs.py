"""The export dialog's new formats, platform and manifest line; XLIFF batches from File > Import."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from review.formats import platform_name
from ui import main_window
from ui.dialogs import ExportDialog, GlossaryImportDialog, XliffImportDialog

from .test_main_window import open_window

REAL = Path(__file__).resolve().parent.parent / "data" / "real-world"


def batch_names(window) -> list[str]:
    return [b["name"] for b in window.desk.batches()]


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def items(combo) -> list:
    return [combo.itemData(i) for i in range(combo.count())]


def export_through(qtbot, window, monkeypatch, messages, fill_in) -> tuple[str, str]:
    """File > Export approved with the dialog filled in by `fill_in`: (kind, text) shown."""
    monkeypatch.setattr(main_window.ExportDialog, "exec", fill_in)
    window.export_approved()
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    return messages[-1]


def test_export_dialog_offers_every_format_and_exports_xliff_with_its_manifest(
        qtbot, tmp_path, monkeypatch, messages):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post("CD-001")
    window.decide("approve")
    out = tmp_path / "cd.xlf"

    def fill_in(dialog: ExportDialog) -> bool:
        assert items(dialog.format) == ["csv", "xlsx", "json", "xliff12", "xliff20", "tmx",
                                        "hootsuite", "highlevel"]
        choose(dialog.batch, "chengdu-hitech-zone")
        choose(dialog.format, "xliff12")
        qtbot.keyClicks(dialog.path, str(out))
        assert dialog.summary.text().endswith(f"{out}.manifest.json")
        assert "1 post will be exported." in dialog.summary.text()  # English plural forms
        dialog.grab().save(str(tmp_path / "export-dialog.png"))
        ok = dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled()
        return True

    kind, text = export_through(qtbot, window, monkeypatch, messages, fill_in)
    assert kind == "information" and f"Manifest: {out}.manifest.json" in text
    manifest = json.loads(Path(f"{out}.manifest.json").read_text("utf-8"))
    assert manifest["format"] == "xliff12" and manifest["count"] == 1
    assert b"<xliff" in out.read_bytes()


def test_export_dialog_platform_filter_reaches_the_export(qtbot, tmp_path, monkeypatch, messages):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    window.open_post("CD-001")
    window.decide("approve")
    platform = window.desk.post(window.desk.resolve_post_id("CD-001")).platform
    other = next(p for p in ("x", "facebook", "linkedin") if p != platform)

    def fill_in(dialog: ExportDialog) -> bool:
        choose(dialog.batch, "chengdu-hitech-zone")
        choose(dialog.platform, other)
        dialog.path.setText(str(tmp_path / "none.csv"))
        assert f"Only posts for {platform_name(other)}." in dialog.summary.text()  # "Facebook"
        return True

    export_through(qtbot, window, monkeypatch, messages, fill_in)
    assert f"no approved {platform_name(other)} posts" in messages[-1][1]
    assert not (tmp_path / "none.csv").exists()


def test_export_dialog_sends_one_target_language(qtbot, tmp_path, monkeypatch, messages):
    """Issue 15: a batch of several language pairs goes out as one XLIFF 2.0 file per language."""
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    batch = "zimbabwe-boreholes"
    for row in window.desk.posts(batch=batch):
        window.desk.decide(row["id"], window.actor, "approve", despite_findings=True)
    shona = sum(1 for r in window.desk.posts(batch=batch) if r["target_lang"] == "sn")
    out = tmp_path / "zw-sn.xlf2"

    def fill_in(dialog: ExportDialog) -> bool:
        choose(dialog.batch, batch)
        assert items(dialog.language) == [None, "en", "nd", "sn"]
        choose(dialog.format, "xliff20")
        choose(dialog.language, "sn")
        dialog.path.setText(str(out))
        assert "Only posts into sn." in dialog.summary.text()
        return True

    export_through(qtbot, window, monkeypatch, messages, fill_in)
    assert messages[-1][0] == "information", messages[-1]
    assert 'trgLang="sn"' in out.read_text(encoding="utf-8")
    assert {r["target_lang"] for r in window.desk.posts(batch=batch, state="exported")} == {"sn"}
    assert len(window.desk.posts(batch=batch, state="exported")) == shona


def test_export_dialog_writes_back_one_of_hqs_files(qtbot, tmp_path, monkeypatch, messages):
    """A batch whose posts came from two of HQ's XLIFF files: the dialog lists them (newest
    first) for an XLIFF format, and the chosen one goes back, filled, with its posts only."""
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    for name in ("weblate_cs.xliff2", "omegat_xliff2_ex.9.5.xlf"):
        window.desk.import_batch(REAL / name, batch="hq", actor=window.actor, platform="x",
                                 target_lang="fr" if "omegat" in name else None)
    for row in window.desk.posts(batch="hq"):
        window.desk.decide(row["id"], window.actor, "approve", despite_findings=True)
    out = tmp_path / "weblate.xlf"

    def fill_in(dialog: ExportDialog) -> bool:
        choose(dialog.batch, "hq")
        choose(dialog.format, "csv")
        assert not dialog.hq_file.isEnabled()  # only an XLIFF export writes HQ's file back
        choose(dialog.format, "xliff20")
        assert items(dialog.hq_file) == [None, "omegat_xliff2_ex.9.5.xlf", "weblate_cs.xliff2"]
        choose(dialog.hq_file, "weblate_cs.xliff2")
        dialog.path.setText(str(out))
        assert "Only posts from weblate_cs.xliff2, written back into it." in dialog.summary.text()
        return True

    kind, text = export_through(qtbot, window, monkeypatch, messages, fill_in)
    assert kind == "information" and "written into HQ's file weblate_cs.xliff2" in text
    assert "Left out (still approved): 7 posts with another of HQ's files" in text
    assert len(window.desk.posts(batch="hq", state="exported")) == 4


def test_importing_xliff_asks_for_the_platform(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    seen = []

    def pick(dialog: XliffImportDialog) -> bool:
        ok = dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no platform chosen yet
        choose(dialog.platform, "linkedin")
        assert ok.isEnabled()
        dialog.grab().save(str(tmp_path / "xliff-import.png"))
        seen.append(dialog.values())
        return True

    monkeypatch.setattr(main_window.XliffImportDialog, "exec", pick)
    assert window.run_import("batch", REAL / "weblate_cs.xliff2")
    qtbot.waitUntil(lambda: "weblate_cs" in batch_names(window), timeout=10000)
    posts = window.desk.posts(batch="weblate_cs")
    assert len(posts) == 4 and {p["platform"] for p in posts} == {"linkedin"}
    assert seen == [{"platform": "linkedin", "target_lang": None}]


def test_cancelling_the_xliff_dialog_imports_nothing(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    monkeypatch.setattr(main_window.XliffImportDialog, "exec", lambda self: False)
    assert window.run_import("batch", REAL / "weblate_cs.xliff2") is False
    assert "weblate_cs" not in batch_names(window)


GLOSSARY_CSV = "source,target,status,note\n水井,borehole,preferred,Zimbabwean English\n水井,water well,forbidden,\n"


def test_importing_a_csv_glossary_asks_for_its_languages(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    path = tmp_path / "zw-terms.csv"
    path.write_text(GLOSSARY_CSV, encoding="utf-8")

    def give_languages(dialog: GlossaryImportDialog) -> bool:
        ok = dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)
        assert dialog.name.text() == "zw-terms"
        assert dialog.source.currentText() == "zh-CN"  # the desk's posts' languages are offered
        dialog.target.setCurrentText("")
        assert not ok.isEnabled()  # a CSV glossary cannot go in without both languages
        qtbot.keyClicks(dialog.target.lineEdit(), "en-ZW")
        assert ok.isEnabled()
        dialog.name.setText("")
        assert not ok.isEnabled()
        qtbot.keyClicks(dialog.name, "Zimbabwe terms")
        dialog.grab().save(str(tmp_path / "glossary-import.png"))
        return True

    monkeypatch.setattr(main_window.GlossaryImportDialog, "exec", give_languages)
    assert window.run_import("glossary", path)
    qtbot.waitUntil(lambda: any(g["name"] == "Zimbabwe terms" for g in window.desk.store.glossaries.list()),
                    timeout=10000)
    found = next(g for g in window.desk.store.glossaries.list() if g["name"] == "Zimbabwe terms")
    assert (found["source_lang"], found["target_lang"], found["entries"]) == ("zh-CN", "en-ZW", 2)


def test_a_tbx_glossary_may_keep_the_files_languages(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    seen = []

    def as_the_file_says(dialog: GlossaryImportDialog) -> bool:
        assert dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        seen.append(dialog.values())
        return True

    monkeypatch.setattr(main_window.GlossaryImportDialog, "exec", as_the_file_says)
    tbx = REAL / "okapi_oracle_TBX.tbx"  # English and Portuguese
    assert window.run_import("glossary", tbx)
    qtbot.waitUntil(lambda: any(g["name"] == tbx.stem for g in window.desk.store.glossaries.list()),
                    timeout=10000)
    assert seen == [{"name": tbx.stem, "source": None, "target": None}]


def test_cancelling_the_glossary_dialog_imports_nothing(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    path = tmp_path / "terms.csv"
    path.write_text(GLOSSARY_CSV, encoding="utf-8")
    before = window.desk.store.glossaries.list()
    monkeypatch.setattr(main_window.GlossaryImportDialog, "exec", lambda self: False)
    assert window.run_import("glossary", path) is False
    assert window.desk.store.glossaries.list() == before


def test_a_batch_file_in_windows_1252_with_ambiguous_dates_is_asked_about(qtbot, tmp_path, monkeypatch):
    """Issue 15: the import dialog offers the encoding (the ones that read the file first) and
    the day order when the file needs them, then imports it again with the answers."""
    from ui import file_reading

    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    path = tmp_path / "hq.csv"
    path.write_bytes(("id,platform,source_lang,source_text,target_lang,draft_text,scheduled_at\n"
                      "W-1,x,fr,Le café,en,The café,07/12/2026 09:30\n").encode("cp1252"))
    asked = []

    def answer(dialog) -> bool:
        asked.append({"encoding": dialog.encoding and dialog.encoding.currentText(),
                      "day_order": dialog.day_first is not None})
        if dialog.day_first is not None:
            dialog.month_first.setChecked(True)
        return True

    monkeypatch.setattr(file_reading.FileReadingDialog, "exec", answer)
    assert window.run_import("batch", path)
    qtbot.waitUntil(lambda: "hq" in batch_names(window), timeout=15000)
    assert asked == [{"encoding": "cp1252", "day_order": False},
                     {"encoding": None, "day_order": True}]
    post = window.desk.posts(batch="hq")[0]
    assert post["source_text"] == "Le café" and post["scheduled_at"].startswith("2026-07-12T09:30")


def test_declining_to_say_shows_the_problem(qtbot, tmp_path, monkeypatch):
    from ui import dialogs, file_reading

    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    path = tmp_path / "gb.csv"
    path.write_bytes("id,platform,source_lang,source_text,target_lang,draft_text\n"
                     "C-1,x,zh-CN,打井,en,Wells\n".encode("gb18030"))
    shown = []
    monkeypatch.setattr(file_reading.FileReadingDialog, "exec", lambda self: False)
    monkeypatch.setattr(dialogs.ProblemsDialog, "exec", lambda self: shown.append(self.lines))
    assert window.run_import("batch", path)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "try --encoding gb18030" in shown[0][0] and "gb" not in batch_names(window)


def test_what_an_import_left_out_is_shown_in_a_message_not_only_the_status_bar(
        qtbot, tmp_path, monkeypatch, messages):
    """Issue 14, a new coordinator at 1024x700: the status bar cut the import's summary after
    its counts, so "left out: 1 unit without text" (or a package's signing key to check) was
    never seen. Said in a message box too; a summary with nothing to read stays in the bar."""
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")

    def pick(dialog: XliffImportDialog) -> bool:
        choose(dialog.platform, "facebook")
        return True

    monkeypatch.setattr(main_window.XliffImportDialog, "exec", pick)
    assert window.run_import("batch", REAL.parent / "real-world-2" / "okapi_MQ-12-Test01_memoq.xlf")
    qtbot.waitUntil(lambda: bool(messages), timeout=15000)
    assert messages == [("information", "okapi_MQ-12-Test01_memoq.xlf -> batch okapi_MQ-12-Test01_memoq: "
                         "118 new, 0 with a new HQ draft, 0 with new details, 0 unchanged; "
                         "left out: 1 unit without text")]
    assert window.run_import("batch", REAL / "weblate_cs.xliff2")
    qtbot.waitUntil(lambda: "weblate_cs" in batch_names(window), timeout=10000)
    qtbot.waitUntil(lambda: "weblate_cs" in window.statusBar().currentMessage(), timeout=5000)
    assert len(messages) == 1


def test_export_dialog_offers_the_xliff_version_a_batch_came_in_first(qtbot, tmp_path):
    """A batch that came as XLIFF goes back into HQ's file unless the coordinator says
    otherwise: the dialog opens on the XLIFF version of its newest kept file (CSV else)."""
    window = open_window(qtbot, tmp_path, role="coordinator", name="Chipo")
    for name, batch in (("weblate_cs.xliff2", "two"), ("omegat_xliff12_SMP.xlf", "one")):
        window.desk.import_batch(REAL / name, batch=batch, actor=window.actor, platform="x")
    dialog = ExportDialog(window.desk, window, batch="one")
    qtbot.addWidget(dialog)
    assert dialog.format.currentData() == "xliff12"
    choose(dialog.batch, "two")
    assert dialog.format.currentData() == "xliff20"
    plain = ExportDialog(window.desk, window, batch=next(
        b["name"] for b in window.desk.batches() if b["name"] not in ("one", "two")))
    qtbot.addWidget(plain)
    assert plain.format.currentData() == "csv"
