"""CSV (and TSV) batch files, read with a small tokenizer of our own, and CSV export.

Why not the `csv` module for reading: it cannot say on which physical line a row starts, it
silently swallows the rest of the file into a field whose quote is never closed, and it accepts
NUL bytes. The tokenizer below follows RFC 4180 leniently, like Excel and the `csv` module:
- a field that starts with `"` is quoted: `""` inside it is one quote, and it may span lines;
  text after its closing quote, up to the next delimiter, is kept (`"ab"c` reads as `abc`);
- a quote anywhere else in a field is an ordinary character (`ab"c` reads as `ab"c`);
- a line ends with "\\r\\n", "\\n" or a lone "\\r", mixed freely;
- a row whose cells are all empty (a blank line, or only delimiters or spaces) is skipped.

The delimiter is found in the header row, the first non-blank line: whichever of tab, semicolon
and comma occurs most often there outside quotes; on a tie the earlier in that list wins (tabs
and semicolons are rarer inside header names than commas); a header without any is comma-separated.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import IO, Any

from ..texts import said
from . import DraftPost
from .hq_files import PLAIN, ReadOptions
from .rows import PostCollector, decode_text, lines_of, match_header, starts_like_formula

DELIMITERS = ("\t", ";", ",")
_QUOTED = re.compile(r'"([^"]*+(?:""[^"]*+)*+)"')  # possessive: an unclosed quote fails fast
_LINE_BREAK = re.compile(r"[\r\n]")
_HEADER_SCAN_LIMIT = 65_536  # a header row longer than this is not a header


# A spreadsheet has at most 16,384 columns (XFD); a row of more is not a table but an attack
# (a line of 47 million commas made a list of 47 million cells: 500 MB).
MAX_COLUMNS = 16_384


class RowProblem(Exception):
    """A row the tokenizer cannot give; `message` says why (for a person)."""

    def __init__(self, line: int, message: str):
        super().__init__(line, message)
        self.line, self.message = line, message


class UnterminatedQuote(RowProblem):
    def __init__(self, line: int):
        super().__init__(line, said("unterminated-quote"))


class TooManyColumns(RowProblem):
    def __init__(self, line: int):
        super().__init__(line, said("too-many-columns", limit=MAX_COLUMNS))


def read_csv(data: bytes, file: str, options: ReadOptions = PLAIN) -> list[DraftPost]:
    """Posts of a CSV/TSV file, or ImportFailed listing every problem in it."""
    text = decode_text(data, file, options.encoding)
    collector = PostCollector(file, options.day_order)
    text = remove_stray_characters(text, collector)
    records = iter_records(text, detect_delimiter(text))
    try:
        _collect(records, collector)
    except RowProblem as error:
        collector.report(error.line, None, error.message)
    return collector.result()


def _collect(records: Iterator[tuple[int, list[str]]], collector: PostCollector) -> None:
    header = next(records, None)
    if header is None:
        collector.report(None, None, said("empty-file"))
        return
    header_line, names = header
    columns, problems = match_header(collector.file, header_line, names)
    collector.problems += problems
    labels = columns.label_of
    for line, cells in records:
        if len(cells) != len(names):
            count = said("cell-count-one", columns=len(names)) if len(cells) == 1 else \
                said("cell-count", cells=len(cells), columns=len(names))
            collector.report(line, None, count)
            continue
        fields, extra = columns.split(cells)
        collector.add(line, fields, extra, labels)



def remove_stray_characters(text: str, collector: PostCollector) -> str:
    """Report NULs and byte order marks inside the file (one problem per line), then drop them,
    so the checks of each cell do not report the same thing again."""
    for char, message in (
        ("\x00", said("nul-in-file")),
        ("\ufeff", said("bom-in-file")),
    ):
        if char not in text:
            continue
        positions = (m.start() for m in re.finditer(char, text))
        for line in sorted(set(lines_of(text, positions))):
            collector.report(line, None, message)
        text = text.replace(char, "")
    return text


def detect_delimiter(text: str) -> str:
    """The delimiter of the header row; see the module docstring."""
    counts = dict.fromkeys(DELIMITERS, 0)
    in_quotes = False
    seen_text = False
    for char in text[:_HEADER_SCAN_LIMIT]:
        if char == '"':
            in_quotes = not in_quotes
        elif in_quotes:
            continue
        elif char in "\r\n":
            if seen_text:
                break
        elif char in counts:
            counts[char] += 1
            seen_text = True
        elif not char.isspace():
            seen_text = True
    best = max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first on a tie
    return best if counts[best] else ","


def iter_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, cells) for each non-blank row; raises UnterminatedQuote, or
    TooManyColumns before it splits a row of more than MAX_COLUMNS cells."""
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    pos, line, end = 0, 1, len(text)
    while pos < end:
        row_line = line
        line_end = _line_end(text, pos)
        if '"' not in text[pos:line_end]:  # the common row: no quotes, one line, a plain split
            if text.count(delimiter, pos, line_end) >= MAX_COLUMNS:
                raise TooManyColumns(row_line)
            cells = text[pos:line_end].split(delimiter)
            pos = line_end
        else:
            cells, pos, line = _quoted_row(text, pos, line, delimiter, unquoted)
        if pos < end:  # at a line break
            pos += 2 if text.startswith("\r\n", pos) else 1
            line += 1
        if any(cell.strip() for cell in cells):
            yield row_line, cells


def _line_end(text: str, pos: int) -> int:
    found = _LINE_BREAK.search(text, pos)
    return found.start() if found else len(text)


def _quoted_row(text: str, pos: int, line: int, delimiter: str,
                unquoted: re.Pattern[str]) -> tuple[list[str], int, int]:
    """Cells of a row holding quotes; returns them with the position of the row's end (a line
    break or the end of the text) and the line there."""
    cells: list[str] = []
    while True:
        if text.startswith('"', pos):
            quoted = _QUOTED.match(text, pos)
            if quoted is None:
                raise UnterminatedQuote(line)
            inner = quoted.group(1)
            line += _line_breaks(inner)
            tail = unquoted.match(text, quoted.end())
            cells.append(inner.replace('""', '"') + tail.group())
        else:
            tail = unquoted.match(text, pos)
            cells.append(tail.group())
        pos = tail.end()
        if len(cells) > MAX_COLUMNS:
            raise TooManyColumns(line)
        if pos < len(text) and text[pos] == delimiter:
            pos += 1
            continue
        return cells, pos, line


def _line_breaks(text: str) -> int:
    if "\n" not in text and "\r" not in text:
        return 0
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def write_csv(stream: IO[str], rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    """Header and rows; a text that a spreadsheet would run as a formula gets a leading `'`.

    `stream` must be opened with newline="" so the "\\r\\n" line ends are written as they are.
    """
    writer = csv.writer(stream, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row[column]) for column in columns])


def csv_cell(value: Any) -> str:
    """A cell's text, with a leading `'` when a spreadsheet would run it as a formula."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if starts_like_formula(value) else value
    return str(value)
