"""Times a batch carries must lie between 1970 and 2200: year 9999 or year 1 was accepted, and
every scheduling export of the batch failed from then on. Each format names the line and column."""
from __future__ import annotations

import json
from datetime import datetime

import pytest
from openpyxl import Workbook

from review.errors import ImportFailed
from review.formats.batchfile import read_batch_file
from review.formats.rows import in_time_range

from .support import HEADER, problems, write

OUT_OF_RANGE = ["9999-12-31 23:59", "0001-01-01 00:00", "1969-12-31T23:59:59Z",
                "2200-01-01T00:00:00", "1970-01-01T05:00:00+06:00"]
IN_RANGE = ["1970-01-01 00:00", "2199-12-31T23:59:59", "1970-01-01T05:00:00+05:00",
            "2026-12-07T09:30:00-12:00"]
MESSAGE = "is outside the times Review Desk accepts (1970-01-01 to 2200-01-01, UTC); check the year"


def csv_rows(times: list[str]) -> str:
    return HEADER + "\n" + "".join(f"P-{n},x,zh-CN,源文,en,Draft,{t}\n"
                                   for n, t in enumerate(times, start=1))


@pytest.mark.parametrize("text", OUT_OF_RANGE)
def test_a_csv_time_outside_the_range_is_refused_with_line_and_column(tmp_path, text):
    path = write(tmp_path, "b.csv", csv_rows(["2026-12-07 09:30", text]))
    assert problems(path) == [f":3: scheduled_at: {text!r} {MESSAGE}"]


def test_times_at_the_edges_of_the_range_are_kept(tmp_path):
    posts = read_batch_file(write(tmp_path, "b.csv", csv_rows(IN_RANGE)))
    assert [p.scheduled_at for p in posts] == [
        "1970-01-01T00:00:00", "2199-12-31T23:59:59", "1970-01-01T05:00:00+05:00",
        "2026-12-07T09:30:00-12:00"]


def test_json_and_jsonl_name_the_line_and_key(tmp_path):
    post = {"id": "P-1", "platform": "x", "source_lang": "zh", "source_text": "a",
            "target_lang": "en", "draft_text": "b", "publish_at": "9999-12-31T23:59:00Z"}
    assert problems(write(tmp_path, "b.json", "[\n" + json.dumps(post) + "\n]")) == [
        f":2: publish_at: '9999-12-31T23:59:00Z' {MESSAGE}"]
    assert problems(write(tmp_path, "b.jsonl", json.dumps(post) + "\n")) == [
        f":1: publish_at: '9999-12-31T23:59:00Z' {MESSAGE}"]


def test_an_xlsx_date_cell_of_year_9999_is_refused_at_its_row(tmp_path):
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["P-1", "x", "zh", "a", "en", "b", datetime(9999, 12, 31, 23, 59)])
    book.save(tmp_path / "b.xlsx")
    assert problems(tmp_path / "b.xlsx") == [f":2: scheduled_at: '9999-12-31T23:59:00' {MESSAGE}"]


def test_an_xliff_scheduled_time_is_refused_at_its_unit(tmp_path):
    xliff = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
             '<file original="posts" source-language="zh-CN" target-language="en" '
             'datatype="plaintext"><body>\n'
             '<trans-unit id="P-1"><source>源文</source><target>Draft</target>\n'
             '<context-group><context context-type="x-scheduled-at">0001-01-01T00:00:00'
             '</context></context-group></trans-unit>\n</body></file></xliff>\n')
    with pytest.raises(ImportFailed) as caught:
        read_batch_file(write(tmp_path, "b.xlf", xliff), platform="x")
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (4, "scheduled_at")
    assert problem.message == f"'0001-01-01T00:00:00' {MESSAGE}"


def test_the_range_holds_at_the_ends_of_what_python_can_hold():
    assert not in_time_range(datetime(1, 1, 1), 14 * 60)  # year 1 minus 14 hours: no overflow
    assert not in_time_range(datetime(9999, 12, 31, 23, 59), -12 * 60)
    assert in_time_range(datetime(1970, 1, 1))
