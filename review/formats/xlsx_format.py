"""XLSX batch files (openpyxl, streamed) and XLSX export.

Reading: the first worksheet; its first non-empty row is the header; a post's line is its sheet
row number. Cells become text: strings as they are, whole numbers without ".0" (ids like 17),
dates and times in ISO 8601 without offset, anything else with `str`. Cells right of the header,
or under an empty header cell, are kept in `extra` under their column letter ("column K").
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import IO, Any

from ..errors import ImportFailed, Problem
from ..texts import Said, message_of, said
from . import DraftPost
from .hq_files import PLAIN, ReadOptions
from .rows import Columns, PostCollector, match_header
from .xlsx_container import workbook_problem

EXCEL_MAX_ROWS = 1_048_576
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


class _BadWorkbook(Exception):
    """openpyxl failed on the file; the message is for a person."""


def read_xlsx(data: bytes, file: str, options: ReadOptions = PLAIN) -> list[DraftPost]:
    """Posts of the first worksheet, or ImportFailed listing every problem in it. The workbook
    is checked first (xlsx_container): openpyxl never sees one that reading would not survive."""
    problem = workbook_problem(data)
    if problem:
        raise ImportFailed([Problem(file, None, None, problem)])
    collector = PostCollector(file, options.day_order)  # text cells; an encoding is the zip's
    try:
        _collect(_sheet_rows(data), collector)
    except _BadWorkbook as error:
        # Problems found before the damage are kept; the damage hides what follows it.
        collector.report(None, None, message_of(error))
    return collector.result()


def _collect(rows: Iterator[tuple[int, list[Any], set[int]]], collector: PostCollector) -> None:
    header = next(rows, None)
    if header is None:
        collector.report(None, None, said("empty-sheet"))
        return
    header_line, names, _ = header
    columns, problems = match_header(collector.file, header_line, [_text(v) for v in names],
                                     unnamed=_column_name)
    collector.problems += problems
    labels = columns.label_of
    for line, values, uncached in rows:
        fields, extra = _split(columns, [_text(v) for v in values])
        for index in sorted(uncached):
            collector.report(line, _label(columns, index), said("uncalculated-formula"))
            if index < len(columns.canonical) and columns.canonical[index]:
                fields[columns.canonical[index]] = None  # reported: no second problem
        collector.add(line, fields, extra, labels)


def _column_name(position: int) -> str:
    from openpyxl.utils import get_column_letter  # openpyxl costs 0.15 s to import: only when needed

    return f"column {get_column_letter(position)}"


def _label(columns: Columns, index: int) -> str:
    if index < len(columns.labels):
        return columns.labels[index]
    return _column_name(index + 1)


def _split(columns: Columns, cells: list[str]) -> tuple[dict[str, str | None], dict[str, str]]:
    """Like `Columns.split`, but a row may be shorter or longer than the header."""
    width = len(columns.canonical)
    cells = cells + [""] * (width - len(cells))
    fields, extra = columns.split(cells[:width])
    for index in range(width, len(cells)):
        if cells[index].strip():
            extra[_label(columns, index)] = cells[index]
    return fields, extra


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------------- openpyxl

def _sheet_rows(data: bytes) -> Iterator[tuple[int, list[Any], set[int]]]:
    """(sheet row number, values, indexes of formula cells without a cached value) for each
    non-empty row of the first worksheet. Any failure of openpyxl becomes _BadWorkbook."""
    try:
        from openpyxl import load_workbook  # not at start-up: 0.15 s

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a hostile file can make openpyxl raise almost anything
        raise _BadWorkbook(_damaged(error)) from None
    try:
        yield from _rows_of(workbook, data)
    except _BadWorkbook:
        raise
    except Exception as error:  # openpyxl parses lazily, so damage may show up only here
        raise _BadWorkbook(_damaged(error)) from None
    finally:
        workbook.close()


def _rows_of(workbook: Any, data: bytes) -> Iterator[tuple[int, list[Any], set[int]]]:
    if not workbook.worksheets:
        raise _BadWorkbook(said("xlsx-no-worksheet"))
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()  # some tools write wrong dimensions, which would cut rows off
    kinds_of_rows = _cell_kinds(data) if _has_formulas(sheet) else None
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > EXCEL_MAX_ROWS:  # openpyxl fills gaps with empty rows: stop a fake row 10**9
            raise _BadWorkbook(said("xlsx-rows-past-end", limit=EXCEL_MAX_ROWS))
        kinds = next(kinds_of_rows, ()) if kinds_of_rows is not None else ()
        uncached = {i for i, kind in enumerate(kinds)
                    if kind == "f" and (i >= len(values) or values[i] is None)}
        if uncached or any(_text(v).strip() for v in values):
            yield number, list(values), uncached


def _cell_kinds(data: bytes) -> Iterator[tuple[str, ...]]:
    """Data types of each row's cells, read in step with the values. Needed because with
    data_only=True openpyxl gives None for a formula that was never calculated (a file written
    by a script), which would otherwise pass for an empty cell."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        for row in sheet.iter_rows():
            yield tuple(getattr(cell, "data_type", "n") for cell in row)
    finally:
        workbook.close()


def _has_formulas(sheet: Any) -> bool:
    """Whether the sheet's XML holds a formula element; streamed, so memory stays small."""
    path = getattr(sheet, "_worksheet_path", None)
    archive = getattr(sheet.parent, "_archive", None)
    if path is None or archive is None:
        return True  # openpyxl changed inside: take the slower but sure way
    with archive.open(path) as source:
        carry = b""
        while chunk := source.read(1 << 20):
            if _FORMULA_TAG.search(carry + chunk):
                return True
            carry = chunk[-16:]
    return False


def _damaged(error: Exception) -> Said:
    text = str(error).strip()
    detail = text.splitlines()[0][:200] if text else type(error).__name__
    return said("xlsx-unreadable", detail=detail)


# ---------------------------------------------------------------------------------- export

def write_xlsx(stream: IO[bytes], rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    """One sheet "posts": header and rows. Every text cell is stored as a string, never as a
    formula, whatever it starts with; numbers stay numbers.

    Written with XlsxWriter (openpyxl, which reads, writes 10,000 posts in 1.2 s against
    0.4 s): `write_string` stores text as text, so "=cmd|..." can never become a formula."""
    import tempfile

    import xlsxwriter

    # XlsxWriter keeps the sheet and each part of the workbook in temporary files until it
    # zips them, and leaves the rest behind when writing fails: they live in a folder of our own.
    with tempfile.TemporaryDirectory(prefix="review-desk-xlsx-") as parts:
        workbook = xlsxwriter.Workbook(stream, {"constant_memory": True, "in_memory": False,
                                                "tmpdir": parts, "strings_to_numbers": False,
                                                "strings_to_formulas": False, "strings_to_urls": False})
        sheet = workbook.add_worksheet("posts")
        for col, name in enumerate(columns):
            sheet.write_string(0, col, name)
        for row_number, row in enumerate(rows, start=1):
            for col, column in enumerate(columns):
                _write_cell(sheet, row_number, col, row[column])
        workbook.close()


def _write_cell(sheet: Any, row: int, col: int, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, col, value)
        return
    text = str(value)
    if text.startswith("<r>") and text.endswith("</r>"):
        # XlsxWriter takes such a string for its own mark-up of a rich string and copies it
        # into the sheet's XML unescaped: a post text like that would break the workbook (or
        # add cells). Three plain runs are escaped, and read back as the same text.
        sheet.write_rich_string(row, col, text[:1], text[1:-1], text[-1:])
    else:
        sheet.write_string(row, col, text)