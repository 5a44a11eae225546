"""Choosing the reader, refusing files that cannot be read, and writing exports atomically."""
from __future__ import annotations

import csv
import io
import json
import os

import pytest
from openpyxl import load_workbook

from review.errors import ImportFailed, InvalidInput
from review.formats import batchfile
from review.formats.batchfile import EXPORT_COLUMNS, read_batch_file, write_export

from .support import DATA, GOOD_POSTS, HEADER, problems, without_line, write

DANGEROUS = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)", "\tTAB", "\rCR", "=1+1", "#N/A"]


def export_row(n: int, **changes) -> dict:
    row = {"id": n, "external_id": f"P-{n}", "batch": "zw", "platform": "x",
           "source_lang": "zh-CN", "target_lang": "en", "source_text": "源文 \"引号\"",
           "final_text": "Line one,\nline two 🎉", "link": "", "media_note": None,
           "scheduled_at": "2026-12-01T09:30:00+02:00", "notes": "", "revision": 2,
           "approved_by": "Tendai", "approved_at": "2026-11-20T10:00:00+00:00", "media": "",
           "schedule_passed": False}
    row.update(changes)
    return row


# ---------------------------------------------------------------------------------- reading

@pytest.mark.parametrize("name, fmt", [("good.tsv", "csv"), ("good.jsonl", "JSONL"),
                                       ("good.json", ".json"), ("good.csv", "tsv")])
def test_format_argument_wins_over_the_extension(tmp_path, name, fmt):
    renamed = write(tmp_path, "batch.dat", (DATA / name).read_bytes())
    assert [without_line(p) for p in read_batch_file(renamed, fmt)] == GOOD_POSTS


def test_txt_extension_reads_as_csv(tmp_path):
    path = write(tmp_path, "batch.TXT", (DATA / "good.csv").read_bytes())
    assert len(read_batch_file(path)) == 3


def test_unknown_extension_or_format(tmp_path):
    path = write(tmp_path, "batch.pdf", b"%PDF")
    known = ".csv, .tsv, .txt, .xlsx, .json, .jsonl, .ndjson, .xlf, .xliff, .xliff2, .xlf2"
    assert problems(path) == [
        f": cannot tell the format from the extension '.pdf'; batch files can be CSV, XLSX, JSON, "
        f"JSONL or XLIFF ({known}): rename the file or choose the format",
    ]
    assert problems(path, "xls") == [
        f": unknown format 'xls'; batch files can be CSV, XLSX, JSON, JSONL or XLIFF ({known}): "
        "rename the file or choose the format",
    ]
    assert problems(write(tmp_path, "batch", b""))[0].startswith(
        ": cannot tell the format: the file name has no extension;")


def test_files_that_cannot_be_opened(tmp_path):
    assert problems(tmp_path / "gone.csv") == [
        ": cannot open the file: it does not exist (moved or renamed?)"]
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert problems(folder) == [": cannot open it: it is a folder, not a file"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "b.csv", HEADER)
    path.chmod(0)
    assert problems(path) == [": cannot open the file: permission denied"]


def test_files_over_the_size_limit_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(batchfile, "MAX_FILE_BYTES", 1024)
    path = write(tmp_path, "big.csv", HEADER + "\n" + "x" * 2000)
    assert problems(path) == [
        ": the file is 0.0 MB; the limit is 0 MB: split the batch into smaller files"]


def test_size_limit_message(tmp_path, monkeypatch):
    monkeypatch.setattr(batchfile, "MAX_FILE_BYTES", 100 * 2**20)
    with pytest.raises(ImportFailed) as caught:
        batchfile._check_size("big.csv", 150 * 2**20)
    assert caught.value.lines[0] == (
        "big.csv: the file is 150.0 MB; the limit is 100 MB: split the batch into smaller files")


def test_path_may_be_a_string(tmp_path):
    assert len(read_batch_file(str(DATA / "good.jsonl"))) == 3


# ---------------------------------------------------------------------------------- writing

def test_csv_export_round_trips(tmp_path):
    rows = [export_row(1), export_row(2, media_note="1 photo", notes="多行\n备注")]
    target = tmp_path / "out.csv"
    write_export(target, rows, "csv")
    data = target.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.startswith(",".join(EXPORT_COLUMNS).encode() + b"\r\n")
    back = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert [r["final_text"] for r in back] == ["Line one,\nline two 🎉"] * 2
    assert back[0]["media_note"] == "" and back[1]["notes"] == "多行\n备注"
    assert back[0]["revision"] == "2" and back[0]["source_text"] == '源文 "引号"'
    assert list(back[0]) == list(EXPORT_COLUMNS)


def test_csv_export_neutralises_formulas(tmp_path):
    rows = [export_row(n, final_text=text) for n, text in enumerate(DANGEROUS)]
    target = tmp_path / "out.csv"
    write_export(target, rows, "csv")
    data = target.read_bytes().decode("utf-8")
    back = list(csv.DictReader(io.StringIO(data, newline="")))
    expected = ["'" + t if t[0] in "=+-@\t\r" else t for t in DANGEROUS]
    assert [r["final_text"] for r in back] == expected
    assert back[0]["final_text"] == "'=cmd|' /C calc'!A0"
    assert '"\'\rCR"' in data


def test_xlsx_export_round_trips_and_stores_text_as_strings(tmp_path):
    rows = [export_row(1)] + [export_row(n + 2, final_text=text, notes=text)
                              for n, text in enumerate(DANGEROUS)]
    target = tmp_path / "out.xlsx"
    write_export(target, rows, "xlsx")
    sheet = load_workbook(target).worksheets[0]  # not read-only: it shows data_type "f" too
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == EXPORT_COLUMNS
    assert values[1][EXPORT_COLUMNS.index("final_text")] == "Line one,\nline two 🎉"
    assert values[1][0] == 1 and values[1][EXPORT_COLUMNS.index("revision")] == 2
    final = EXPORT_COLUMNS.index("final_text") + 1
    for row, text in enumerate(DANGEROUS, start=3):
        cell = sheet.cell(row=row, column=final)
        assert cell.data_type == "s", text
        # the exact text: no quote added, nothing evaluated (a CR is stored as the OOXML
        # escape _x000D_, which Excel and LibreOffice decode and openpyxl leaves as it is)
        assert _ooxml_unescape(cell.value) == text
    raw = _sheet_xml(target)
    assert b"<f>" not in raw and b"<f " not in raw


def _ooxml_unescape(value: str) -> str:
    import re
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def _sheet_xml(path) -> bytes:
    import zipfile
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_json_export_round_trips(tmp_path):
    rows = [export_row(1), export_row(2, final_text="=1+1")]
    target = tmp_path / "out.json"
    write_export(target, rows, "json")
    text = target.read_text("utf-8")
    assert "源文" in text and '\n  {\n    "id": 1,' in text  # indent=2, not \u escapes
    back = json.loads(text)
    assert back == [{c: r[c] for c in EXPORT_COLUMNS} for r in rows]


def test_export_replaces_an_existing_file(tmp_path):
    target = write(tmp_path, "out.json", "old")
    write_export(target, [export_row(1)], "json")
    assert json.loads(target.read_text("utf-8"))[0]["external_id"] == "P-1"
    assert os.listdir(tmp_path) == ["out.json"]


def test_no_temporary_file_is_left_when_a_row_lacks_a_column(tmp_path):
    target = write(tmp_path, "out.csv", "previous export")
    broken = export_row(2)
    del broken["approved_at"]
    with pytest.raises(ValueError, match="export row 2 lacks the column"):
        write_export(target, [export_row(1), broken], "csv")
    assert os.listdir(tmp_path) == ["out.csv"]
    assert target.read_text() == "previous export"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_no_temporary_file_is_left_when_writing_fails(tmp_path, fmt, monkeypatch):
    def fail(*args):
        raise OSError("disk full")
    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="disk full"):
        write_export(tmp_path / f"out.{fmt}", [export_row(1)], fmt)
    assert os.listdir(tmp_path) == []


def test_missing_folder_raises_and_leaves_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_export(tmp_path / "nowhere" / "out.csv", [export_row(1)], "csv")
    assert os.listdir(tmp_path) == []


def test_values_a_format_cannot_hold(tmp_path):
    with pytest.raises(InvalidInput, match="post P-1: final_text holds a control character"):
        write_export(tmp_path / "out.xlsx", [export_row(1, final_text="bell\x07")], "xlsx")
    with pytest.raises(InvalidInput, match="post P-1: notes holds a damaged character"):
        write_export(tmp_path / "out.json", [export_row(1, notes="\ud800")], "json")
    with pytest.raises(InvalidInput, match="an Excel cell holds at most 32,767"):
        write_export(tmp_path / "out.xlsx", [export_row(1, final_text="x" * 40_000)], "xlsx")
    write_export(tmp_path / "out.csv", [export_row(1, final_text="bell\x07")], "csv")
    assert os.listdir(tmp_path) == ["out.csv"]


def test_unknown_export_format(tmp_path):
    with pytest.raises(InvalidInput,
                       match="unknown export format 'pdf'; use one of: csv, xlsx, json"):
        write_export(tmp_path / "out.pdf", [export_row(1)], "pdf")


def test_exported_file_is_readable_by_others(tmp_path):
    target = tmp_path / "out.csv"
    write_export(target, [export_row(1)], "csv")
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o644


def test_xlsx_export_keeps_a_text_that_looks_like_xlsxwriter_mark_up(tmp_path):
    """XlsxWriter copies a string that starts with <r> and ends with </r> into the sheet's XML
    unescaped (its mark of a rich string): such a post text broke the workbook."""
    texts = ['<r>hello</c><c r="B9"><v>1</v></r>', "<r></r>", "<r> two  spaces\nand a line </r>"]
    target = tmp_path / "out.xlsx"
    write_export(target, [export_row(n, final_text=t) for n, t in enumerate(texts, start=1)], "xlsx")
    sheet = load_workbook(target).worksheets[0]
    final = EXPORT_COLUMNS.index("final_text") + 1
    assert [sheet.cell(row=n, column=final).value for n in (2, 3, 4)] == texts
    assert sheet.max_row == 4 and b'<c r="B9"' not in _sheet_xml(target)
