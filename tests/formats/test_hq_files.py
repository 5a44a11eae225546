"""Issue 15: HQ's files as their spreadsheets save them. Times as Excel writes them (year
first, day first, month first; an ambiguous day and month asks for --day-first or
--month-first; a refusal shows the value and the forms accepted; Excel date cells in XLSX),
and text in another encoding than UTF-8 (refused with line, character and byte value, and the
encodings that would read the whole file; read with `--encoding NAME`)."""
from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import Workbook

from review.errors import ImportFailed
from review.formats.batchfile import read_batch_file
from review.formats.hq_files import DAY_FIRST, MONTH_FIRST, ReadOptions, encodings_that_decode

from .support import FORMS, HEADER, write


def batch(times: list[str]) -> str:
    return HEADER + "\n" + "".join(f"P-{n},x,zh-CN,源文,en,Draft,{t}\n"
                                   for n, t in enumerate(times, start=1))


def times(path, **options) -> list[str | None]:
    return [p.scheduled_at for p in read_batch_file(path, options=ReadOptions(**options))]


def refused(path, **options) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        read_batch_file(path, options=ReadOptions(**options))
    return [str(p)[len(str(path)):] for p in caught.value.problems]


@pytest.mark.parametrize("text, expected", [
    ("2026/12/7 9:30", "2026-12-07T09:30:00"),  # Chinese Excel
    ("2026/1/15 17:05:09", "2026-01-15T17:05:09"),
    ("13/12/2026 09:30", "2026-12-13T09:30:00"),  # can only be day first
    ("12/13/2026 9:30 PM", "2026-12-13T21:30:00"),  # can only be month first
    ("7/7/2026 12:00 am", "2026-07-07T00:00:00"),  # either way the same
    ("2026-12-07 09:30", "2026-12-07T09:30:00"),
    ("2026-12-07T09:30:00+02:00", "2026-12-07T09:30:00+02:00"),
])
def test_spreadsheet_forms_are_read(tmp_path, text, expected):
    assert times(write(tmp_path, "b.csv", batch([text]))) == [expected]


def test_an_ambiguous_day_and_month_asks_which_comes_first(tmp_path):
    path = write(tmp_path, "b.csv", batch(["07/12/2026 09:30", "25/12/2026 18:00"]))
    assert refused(path) == [
        ":2: scheduled_at: '07/12/2026 09:30' could be 2026-12-07 (day first) or 2026-07-12 "
        "(month first); import again with --day-first or --month-first"]
    assert times(path, day_order=DAY_FIRST) == ["2026-12-07T09:30:00", "2026-12-25T18:00:00"]
    assert refused(path, day_order=MONTH_FIRST) == [
        f":3: scheduled_at: '25/12/2026 18:00' is not a valid date and time; {FORMS}"]
    assert times(write(tmp_path, "c.csv", batch(["07/12/2026 09:30"])),
                 day_order=MONTH_FIRST) == ["2026-07-12T09:30:00"]


@pytest.mark.parametrize("text", ["soon", "31/2/2026 9:30", "2026/13/1 9:30", "7/12/26 9:30",
                                  "13/13/2026 9:30", "13/12/2026 13:00 PM", "2026/12/7"])
def test_a_refused_time_shows_the_value_and_the_forms(tmp_path, text):
    path = write(tmp_path, "b.csv", batch([text]))
    assert refused(path) == [f":2: scheduled_at: {text!r} is not a valid date and time; {FORMS}"]


def test_excel_date_cells_and_text_cells_in_xlsx(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["P-1", "x", "zh-CN", "源文", "en", "Draft", datetime(2026, 12, 7, 9, 30)])
    sheet.cell(row=2, column=7).number_format = "yyyy/m/d h:mm"  # as Chinese Excel shows it
    sheet.append(["P-2", "x", "zh-CN", "源文", "en", "Draft", "07/12/2026 09:30"])
    path = tmp_path / "b.xlsx"
    book.save(path)
    assert times(path, day_order=DAY_FIRST) == ["2026-12-07T09:30:00", "2026-12-07T09:30:00"]
    assert "could be 2026-12-07 (day first)" in refused(path)[0]


# -------------------------------------------------------------------------------- encodings

WESTERN = (HEADER + "\nA-1,x,fr,Le café est prêt,en,The café is ready,\n"
                    "A-2,x,fr,Ça coûte 5 €,en,It costs €5,\n")
CHINESE = HEADER + "\nC-1,x,zh-CN,我们在马斯温戈省打了12眼钻井。,en,We drilled 12 wells.,\n"


def test_a_windows_1252_file_is_refused_saying_where_and_what_would_read_it(tmp_path):
    path = write(tmp_path, "w.csv", WESTERN.encode("cp1252"))
    column = len("A-1,x,fr,Le caf") + 1
    assert refused(path) == [
        f":2: character {column}: byte 233 (0xE9) is not UTF-8; the whole file can be read as "
        "Windows-1252: try --encoding cp1252"]
    posts = read_batch_file(path, options=ReadOptions(encoding="cp1252"))
    assert [p.source_text for p in posts] == ["Le café est prêt", "Ça coûte 5 €"]


def test_a_gb18030_file_names_gb18030_first(tmp_path):
    data = CHINESE.encode("gb18030")
    path = write(tmp_path, "c.csv", data)
    said = refused(path)
    assert said[0].startswith(":2: character 13: byte ") and "is not UTF-8" in said[0]
    assert said[0].endswith("try --encoding gb18030")
    assert [name for name, _ in encodings_that_decode(data)][0] == "GB18030"
    posts = read_batch_file(path, options=ReadOptions(encoding="GB18030"))
    assert posts[0].source_text == "我们在马斯温戈省打了12眼钻井。"


def test_a_file_no_candidate_reads_says_so(tmp_path):
    data = HEADER.encode() + b"\nA-1,x,fr,\x81\x8d\xff\x80,en,Draft,\n"
    path = write(tmp_path, "x.csv", data)
    assert refused(path) == [
        ":2: character 10: byte 129 (0x81) is not UTF-8, and the file is not GB18030, "
        "Windows-1252 or UTF-16 either (it is in another encoding, or damaged); name its "
        "encoding with --encoding, or save it as UTF-8"]


def test_a_named_encoding_that_does_not_fit_or_does_not_exist(tmp_path):
    path = write(tmp_path, "c.csv", CHINESE.encode("gb18030"))
    said = refused(path, encoding="ascii")
    assert said[0].startswith(":2: character 13: byte ") and "is not ascii;" in said[0]
    assert refused(path, encoding="klingon") == [
        ": --encoding: 'klingon' is not an encoding Python knows; e.g. utf-8, gb18030, cp1252, "
        "utf-16"]
    assert refused(path, encoding="base64")[0].startswith(": --encoding: 'base64' is not")


def test_utf8_and_utf16_with_a_bom_still_need_no_encoding(tmp_path):
    for data in (WESTERN.encode("utf-8-sig"), WESTERN.encode("utf-16"), WESTERN.encode()):
        posts = read_batch_file(write(tmp_path, "u.csv", data))
        assert posts[1].draft_text == "It costs €5"
    posts = read_batch_file(write(tmp_path, "s.csv", WESTERN.encode("utf-8-sig")),
                            options=ReadOptions(encoding="utf-8"))
    assert posts[0].external_id == "A-1"


def test_json_takes_the_encoding_too(tmp_path):
    text = '[{"id": "J-1", "platform": "x", "source_lang": "zh-CN", "source_text": "打井", ' \
           '"target_lang": "en", "draft_text": "Wells", "scheduled_at": "2026/12/7 9:30"}]'
    path = write(tmp_path, "j.json", text.encode("gb18030"))
    assert "try --encoding gb18030" in refused(path)[0]
    assert times(path, encoding="gb18030") == ["2026-12-07T09:30:00"]
