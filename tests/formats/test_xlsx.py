"""XLSX batch files: cell types, sheet row numbers, formulas, and damaged workbooks."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from review.errors import ImportFailed
from review.formats.batchfile import read_batch_file

from .support import FORMS, GOOD_POSTS, GOOD_ROWS, problems, without_line

HEADER = ["id", "platform", "source_lang", "source_text", "target_lang", "draft_text",
          "scheduled_at"]
DAMAGED = ("the file is damaged, truncated, or another kind of file")


def workbook(path: Path, rows: list[list], start_row: int = 1, title: str = "posts") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=start_row + offset, column=column, value=value)
    book.save(path)
    return path


def replace_in_sheet(path: Path, old: bytes, new: bytes) -> None:
    """Edit the first sheet's XML, to make what openpyxl cannot write (cached formula values)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new)
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())


def test_reads_the_canonical_posts(tmp_path):
    posts = read_batch_file(workbook(tmp_path / "good.xlsx", GOOD_ROWS))
    assert [without_line(p) for p in posts] == GOOD_POSTS
    assert [p.line for p in posts] == [2, 3, 4]


def test_line_is_the_sheet_row_and_empty_rows_are_skipped(tmp_path):
    rows = [HEADER, ["P-1", "x", "zh-CN", "源文", "en", "Draft"], [], [None, "  "],
            ["P-2", "x", "zh-CN", "源文", "en", "Draft"]]
    posts = read_batch_file(workbook(tmp_path / "b.xlsx", rows, start_row=3))
    assert [(p.line, p.external_id) for p in posts] == [(4, "P-1"), (7, "P-2")]


def test_cell_types_become_text(tmp_path):
    rows = [HEADER + ["count", "flag", "ratio"],
            [17.0, "x", "zh-CN", "源文", "en", 42, datetime(2026, 12, 1, 9, 30), 3, True, 0.5]]
    post = read_batch_file(workbook(tmp_path / "b.xlsx", rows))[0]
    assert post.external_id == "17"
    assert post.draft_text == "42"
    assert post.scheduled_at == "2026-12-01T09:30:00"
    assert post.extra == {"count": "3", "flag": "True", "ratio": "0.5"}


def test_cells_beyond_the_header_or_under_an_empty_header_are_kept(tmp_path):
    rows = [HEADER + [None, "campaign"],
            ["P-1", "x", "zh-CN", "源文", "en", "Draft", None, "orphan", "drill", None, "far"]]
    post = read_batch_file(workbook(tmp_path / "b.xlsx", rows))[0]
    assert post.extra == {"column H": "orphan", "campaign": "drill", "column K": "far"}


def test_validation_problems_use_sheet_rows_and_header_names(tmp_path):
    rows = [["Post ID", "Network", "From", "Source", "To", "Translation", "Publish at"],
            ["P-1", "myspace", "zh-CN", "源文", "en", "Draft", None],
            ["P-1", "x", "zh-CN", "源文", "en", "Draft", "soon"]]
    assert problems(workbook(tmp_path / "b.xlsx", rows, start_row=2)) == [
        ":3: Network: unknown platform 'myspace'; use one of: x, facebook, youtube, linkedin, "
        "other (twitter, fb, yt are accepted too)",
        ":4: Publish at: 'soon' is not a valid date and time; " + FORMS,
        ":4: id: duplicate id 'P-1': line 3 has it already; give each post its own id",
    ]


def test_missing_column_in_a_workbook(tmp_path):
    rows = [HEADER[:5], ["P-1", "x", "zh-CN", "源文", "en"]]
    assert problems(workbook(tmp_path / "b.xlsx", rows)) == [
        ":1: header: missing required column 'draft_text' "
        "(also accepted: target, translation, draft, target_text)",
    ]


def test_formula_without_cached_value_is_a_problem(tmp_path):
    rows = [HEADER + ["extra"], ["P-1", "x", "zh-CN", "源文", "en", '="Dr"&"aft"', None, "=1+1"]]
    assert problems(workbook(tmp_path / "b.xlsx", rows)) == [
        ":2: draft_text: the cell contains a formula whose value was never calculated; "
        "copy the column and paste it back as values",
        ":2: extra: the cell contains a formula whose value was never calculated; "
        "copy the column and paste it back as values",
    ]


def test_formula_with_cached_value_reads_the_value(tmp_path):
    path = workbook(tmp_path / "b.xlsx", [HEADER, ["P-1", "x", "zh-CN", "源文", "en", "=1+1"]])
    replace_in_sheet(path, b'<c r="F2"><f>1+1</f><v></v></c>',
                     b'<c r="F2" t="str"><f>1+1</f><v>Cached draft</v></c>')
    assert read_batch_file(path)[0].draft_text == "Cached draft"


def test_only_the_first_worksheet_is_read(tmp_path):
    path = workbook(tmp_path / "b.xlsx", [HEADER, ["P-1", "x", "zh-CN", "源文", "en", "Draft"]])
    from openpyxl import load_workbook
    book = load_workbook(path)
    book.create_sheet("notes").append(["not", "a", "post"])
    book.save(path)
    assert [p.external_id for p in read_batch_file(path)] == ["P-1"]


def test_empty_sheet(tmp_path):
    assert problems(workbook(tmp_path / "b.xlsx", [])) == [
        ": the first worksheet is empty; expected a header row and one row per post",
    ]


def _valid_bytes(tmp_path: Path) -> bytes:
    return workbook(tmp_path / "valid.xlsx", [HEADER, ["P-1", "x", "zh", "a", "en", "b"]]
                    ).read_bytes()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "text", "empty", "no_sheet_xml",
                                    "bad_xml", "ole"])
def test_damaged_workbooks_give_one_clear_problem(tmp_path, damage):
    valid = _valid_bytes(tmp_path)
    if damage == "truncated":
        data = valid[: len(valid) // 2]
    elif damage == "garbage":
        data = bytes(range(256)) * 20
    elif damage == "text":
        data = b"id,platform\nP-1,x\n"
    elif damage == "empty":
        data = b""
    elif damage == "ole":  # what Excel writes for a password-protected workbook
        data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(valid)) as source, zipfile.ZipFile(buffer, "w") as out:
            for item in source.infolist():
                content = source.read(item)
                if item.filename == "xl/worksheets/sheet1.xml":
                    if damage == "no_sheet_xml":
                        continue
                    content = content[: len(content) // 2]
                out.writestr(item, content)
        data = buffer.getvalue()
    path = tmp_path / "b.xlsx"
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as caught:
        read_batch_file(path)
    [problem] = caught.value.problems
    assert problem.file == str(path) and problem.line is None
    assert "XLSX" in problem.message or ".xlsx" in problem.message
    assert "Traceback" not in problem.message and len(problem.message) < 400


def test_password_protected_message(tmp_path):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert problems(path) == [
        ": this is an old-style .xls workbook or a password-protected .xlsx; remove the password "
        "and save it as an Excel Workbook (.xlsx)",
    ]


def test_truncated_workbook_message(tmp_path):
    valid = _valid_bytes(tmp_path)
    path = tmp_path / "cut.xlsx"
    path.write_bytes(valid[:1000])
    assert problems(path) == [
        ": not an XLSX workbook (it is damaged, truncated, or another kind of file); open it in "
        "a spreadsheet and save it as an Excel Workbook (.xlsx)",
    ]


def test_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    from review.formats import xlsx_container
    monkeypatch.setattr(xlsx_container, "MAX_UNPACKED_BYTES", 1000)
    path = workbook(tmp_path / "b.xlsx", [HEADER, ["P-1", "x", "zh", "a", "en", "b"]])
    [message] = problems(path)
    assert message.startswith(": the workbook unpacks to ") and message.endswith(
        "MB: split the batch into smaller workbooks")


def test_entity_expansion_is_refused(tmp_path):
    """A "billion laughs" sheet must fail fast, not expand to gigabytes."""
    path = workbook(tmp_path / "b.xlsx", [HEADER, ["P-1", "x", "zh", "a", "en", "laugh"]])
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    replace_in_sheet(path, b"<worksheet", f"<!DOCTYPE worksheet [{entities}]><worksheet".encode())
    replace_in_sheet(path, b"<t>laugh</t>", b"<t>&lol9;</t>")
    [message] = problems(path)
    assert message.startswith(": the workbook cannot be read (")


def _with_second_member(path: Path, name: str, data: bytes) -> None:
    """Append a member of `name` after the others (zipfile warns, and writes it all the same)."""
    import warnings

    with zipfile.ZipFile(path, "a") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        archive.writestr(name, data)


@pytest.mark.parametrize("name", ["xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.xml"])
def test_two_members_of_one_name_are_refused(tmp_path, name):
    """Excel and LibreOffice read the first sheet1.xml; zipfile (and so openpyxl) the last, and
    part names ignore case: the file would import posts nobody saw."""
    shown = workbook(tmp_path / "shown.xlsx", [HEADER, ["SHOWN-1", "x", "zh", "a", "en", "b"]])
    hidden = workbook(tmp_path / "hidden.xlsx", [HEADER, ["HIDDEN-1", "x", "zh", "a", "en", "b"]])
    with zipfile.ZipFile(hidden) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    _with_second_member(shown, name, sheet)
    assert problems(shown) == [
        f": the workbook holds two parts named {name}: spreadsheet programs show the first, and "
        "Review Desk would import the second, so it imports neither; open it in a spreadsheet "
        "and save it again, then check what you see before importing"]


def test_a_workbook_whose_cells_would_take_too_much_memory_is_refused_while_counting(tmp_path):
    """Shared strings that would take gigabytes are refused after a bounded part is read:
    openpyxl is never called."""
    from review.formats import xlsx_container

    path = workbook(tmp_path / "b.xlsx", [HEADER, ["P-1", "x", "zh", "a", "en", "b"]])
    strings = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               + b"<si><t>a</t></si>" * 200_000 + b"</sst>")
    _with_second_member(path, "xl/sharedStrings.xml", strings)  # counted wherever it is
    limit = 10 * xlsx_container.SHELL * 1000  # room for 10,000 or so strings, far from 200,000
    found = xlsx_container.workbook_problem(path.read_bytes(), limit=limit)
    assert found.name == "xlsx-too-costly"
    assert found.values["detail"].name == "xlsx-detail-strings"
    assert 5_000 < found.values["detail"].values["count"] < 20_000


class _FullDisk(io.RawIOBase):
    """A file on a disk that fills up after `room` bytes."""

    def __init__(self, room: int):
        self.room = room

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if len(data) > self.room:
            raise OSError(28, "No space left on device")
        self.room -= len(data)
        return len(data)


def test_an_xlsx_export_that_fails_leaves_no_temporary_file(tmp_path, monkeypatch):
    """XlsxWriter keeps each part of the workbook in a temporary file until it zips them; a
    write that fails half-way used to leave the rest in the temporary folder."""
    import tempfile

    from review.formats.xlsx_format import write_xlsx

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    rows = [{"id": f"P-{n}", "text": "Borehole " * 20} for n in range(200)]
    with pytest.raises(Exception, match="No space left"):  # XlsxWriter's FileCreateError
        write_xlsx(_FullDisk(room=2000), rows, ("id", "text"))
    assert list(temporary.iterdir()) == []
    write_xlsx(io.BytesIO(), rows, ("id", "text"))  # and one that succeeds leaves none either
    assert list(temporary.iterdir()) == []
