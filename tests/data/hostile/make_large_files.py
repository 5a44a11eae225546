"""Hostile files too large (or too strange) to commit, written on demand into a folder.

`tests/test_hostile_bounds.py` imports this module and calls one maker per case; each maker
takes a folder and returns the path it wrote (streamed, so making a 50 MB file takes little
memory). Run it to make them all for a look by hand:
`.venv/bin/python tests/data/hostile/make_large_files.py /tmp/hostile`.

Most are small on disk and enormous once read: zip members that inflate 400-fold, texts that a
workbook stores once and uses a hundred thousand times, XML of tiny elements. README.md beside
this file says what each one is and how Review Desk answers it.
"""
from __future__ import annotations

import json
import os
import socket
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

HEADER = ["id", "platform", "source_lang", "source_text", "target_lang", "draft_text"]
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
Chunks = Iterable[bytes]
MB = 2**20


# ---------------------------------------------------------------------------------- workbooks

def _content_types(shared_strings: bool, styles: bool) -> bytes:
    parts = [("/xl/workbook.xml", "sheet.main"), ("/xl/worksheets/sheet1.xml", "worksheet")]
    if shared_strings:
        parts.append(("/xl/sharedStrings.xml", "sharedStrings"))
    if styles:
        parts.append(("/xl/styles.xml", "styles"))
    overrides = "".join(f'<Override PartName="{name}" ContentType="{_SHEET_TYPE}.{kind}+xml"/>'
                        for name, kind in parts)
    return ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            f'ContentType="application/xml"/>{overrides}</Types>').encode()


def _relationships(targets: list[tuple[str, str]]) -> bytes:
    items = "".join(f'<Relationship Id="rId{n}" Type="{_REL_NS}/{kind}" Target="{target}"/>'
                    for n, (kind, target) in enumerate(targets, start=1))
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE_RELS}">' \
           f'{items}</Relationships>'.encode()


def _workbook(sheets: Chunks = ()) -> Iterator[bytes]:
    yield (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" '
           f'xmlns:r="{_REL_NS}"><sheets><sheet name="posts" sheetId="1" r:id="rId1"/>').encode()
    yield from sheets
    yield b"</sheets></workbook>"


def write_workbook(path: Path, sheet: Chunks, *, shared_strings: Chunks | None = None,
                   styles: Chunks | None = None, workbook: Chunks | None = None,
                   extra: dict[str, bytes] | None = None) -> Path:
    """A workbook of the parts a spreadsheet program needs, each streamed from its chunks."""
    targets = [("worksheet", "worksheets/sheet1.xml")]
    if shared_strings is not None:
        targets.append(("sharedStrings", "sharedStrings.xml"))
    if styles is not None:
        targets.append(("styles", "styles.xml"))
    members: dict[str, Chunks] = {
        "[Content_Types].xml": [_content_types(shared_strings is not None, styles is not None)],
        "_rels/.rels": [_relationships([("officeDocument", "xl/workbook.xml")])],
        "xl/workbook.xml": workbook if workbook is not None else _workbook(),
        "xl/_rels/workbook.xml.rels": [_relationships(targets)],
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared_strings is not None:
        members["xl/sharedStrings.xml"] = shared_strings
    if styles is not None:
        members["xl/styles.xml"] = styles
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, chunks in members.items():
            with archive.open(name, "w") as member:
                for chunk in chunks:
                    member.write(chunk)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def _sheet(rows: Chunks) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
    yield from rows
    yield b"</sheetData></worksheet>"


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_row() -> bytes:
    cells = "".join(_inline(f"{chr(65 + n)}1", name) for n, name in enumerate(HEADER))
    return f'<row r="1">{cells}</row>'.encode()


def _post_row(number: int, draft: str, post_id: str | None = None) -> str:
    values = [post_id or f"P-{number}", "facebook", "zh-CN", "源文", "en"]
    cells = "".join(_inline(f"{chr(65 + n)}{number}", v) for n, v in enumerate(values))
    return f'<row r="{number}">{cells}{draft}</row>'


def _repeat(piece: bytes, times: int, batch: int = 100_000) -> Iterator[bytes]:
    """`piece` `times` times, in chunks of `batch` pieces (a compressor's worst friend)."""
    block = piece * batch
    for _ in range(times // batch):
        yield block
    yield piece * (times % batch)


def xlsx_shared_strings_bomb(folder: Path) -> Path:
    """25 million one-letter shared strings: 1 MB packed, 425 MB of XML; openpyxl keeps every
    one as a Python string and an element (over 1.2 GB and still growing after 50 s)."""
    strings = [f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}">'.encode(),
               *_repeat(b"<si><t>a</t></si>", 25_000_000), b"</sst>"]
    sheet = _sheet([_header_row(), _post_row(2, '<c r="F2" t="s"><v>0</v></c>').encode()])
    return write_workbook(folder / "shared_strings_bomb.xlsx", sheet, shared_strings=strings)


def xlsx_sheet_of_empty_elements(folder: Path) -> Path:
    """20 million unknown empty elements inside <sheetData>: openpyxl keeps each one."""
    rows = [_header_row(), *_repeat(b"<x/>", 20_000_000)]
    return write_workbook(folder / "empty_elements.xlsx", _sheet(rows))


def xlsx_rows_padded_to_the_last_column(folder: Path) -> Path:
    """200,000 rows whose only cell is in column XFD: openpyxl fills each row with 16,383
    empty cells before it (3.3 billion cells to walk through)."""
    rows = [_header_row(), *(f'<row r="{n}"><c r="XFD{n}"/></row>'.encode()
                             for n in range(2, 200_002))]
    return write_workbook(folder / "padded_rows.xlsx", _sheet(rows))


def xlsx_many_styles(folder: Path) -> Path:
    """Two million cell formats (Excel allows 64,000): openpyxl makes an object of each."""
    styles = [f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}">'
              '<cellXfs count="2000000">'.encode(),
              *_repeat(b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
                       2_000_000),
              b"</cellXfs></styleSheet>"]
    sheet = _sheet([_header_row(), _post_row(2, _inline("F2", "draft")).encode()])
    return write_workbook(folder / "many_styles.xlsx", sheet, styles=styles)


def xlsx_many_sheets(folder: Path) -> Path:
    """A workbook.xml naming a million sheets: openpyxl makes an object of each."""
    sheets = _repeat(b'<sheet name="s" sheetId="2" r:id="rId9"/>', 1_000_000)
    sheet = _sheet([_header_row(), _post_row(2, _inline("F2", "draft")).encode()])
    return write_workbook(folder / "many_sheets.xlsx", sheet, workbook=_workbook(sheets))


def xlsx_long_inline_texts(folder: Path) -> Path:
    """15,000 real posts whose drafts are 30,000 letters each, written in the sheet: 450 MB of
    text from a file of 1 MB."""
    text = "a" * 30_000
    rows = [_header_row(), *(_post_row(n, _inline(f"F{n}", text)).encode()
                             for n in range(2, 15_002))]
    return write_workbook(folder / "long_inline_texts.xlsx", _sheet(rows))


def xlsx_one_text_used_everywhere(folder: Path) -> Path:
    """One shared string of 30,000 letters as the draft of 100,000 posts: 3 GB of posts (and
    of database) from a file of 2 MB."""
    strings = [f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}"><si><t>'.encode(),
               b"a" * 30_000, b"</t></si></sst>"]
    rows = [_header_row(), *(_post_row(n, f'<c r="F{n}" t="s"><v>0</v></c>').encode()
                             for n in range(2, 100_002))]
    return write_workbook(folder / "one_text_everywhere.xlsx", _sheet(rows),
                          shared_strings=strings)


def xlsx_two_sheets_of_one_name(folder: Path) -> Path:
    """Two zip members named xl/worksheets/sheet1.xml: spreadsheet programs show the first (post
    SHOWN-1), Python's zipfile (and so openpyxl) reads the second (post HIDDEN-1)."""
    first = _sheet([_header_row(), _post_row(2, _inline("F2", "what you see"), "SHOWN-1").encode()])
    path = write_workbook(folder / "two_sheets.xlsx", first)
    second = b"".join(_sheet([_header_row(), _post_row(2, _inline("F2", "what is imported"),
                                                        "HIDDEN-1").encode()]))
    with zipfile.ZipFile(path, "a") as archive, _duplicates_allowed():
        archive.writestr("xl/worksheets/sheet1.xml", second)
    return path


class _duplicates_allowed:
    """zipfile warns about a duplicate name (it writes it all the same); quiet here."""

    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore", UserWarning)

    def __exit__(self, *exc):
        self._catch.__exit__(*exc)


def xlsx_ten_thousand_posts(folder: Path) -> Path:
    """Not hostile: 10,000 posts as Excel writes them (shared strings, one per distinct text)."""
    texts = ["facebook", "zh-CN", "en"] + [f"第{n}口井打好了。" for n in range(10_000)] + [
        f"Borehole {n} is finished; clean water for the village of Chivi ward {n % 30}."
        for n in range(10_000)]
    strings = [f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" '
               f'count="{len(texts)}" uniqueCount="{len(texts)}">'.encode(),
               *(f"<si><t>{text}</t></si>".encode() for text in texts), b"</sst>"]

    def row(n: int) -> bytes:
        index = [None, 0, 1, 3 + n, 2, 10_003 + n]
        cells = [f'<c r="A{n + 2}"><v>{n + 1}</v></c>'] + [
            f'<c r="{chr(65 + c)}{n + 2}" t="s"><v>{index[c]}</v></c>' for c in range(1, 6)]
        return f'<row r="{n + 2}">{"".join(cells)}</row>'.encode()
    sheet = _sheet([_header_row(), *(row(n) for n in range(10_000))])
    return write_workbook(folder / "ten_thousand_posts.xlsx", sheet, shared_strings=strings)


# ---------------------------------------------------------------------------------- CSV

def _write_text(path: Path, chunks: Iterable[str]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        for chunk in chunks:
            out.write(chunk)
    return path


def tsv_million_columns(folder: Path) -> Path:
    """A header of a million columns (a spreadsheet has at most 16,384) and one post."""
    names = "\t".join(HEADER + [f"c{n}" for n in range(1_000_000)])
    return _write_text(folder / "million_columns.tsv",
                       [names, "\n", "\t".join(["P-1", "x", "zh", "源文", "en", "draft"]), "\n"])


def csv_many_extra_cells(folder: Path) -> Path:
    """10,000 columns and 2,400 posts, each extra cell "v": 24 million cells in 48 MB, each of
    which costs a Python string and a dictionary slot (1.4 GB)."""
    header = ",".join(HEADER + [f"c{n}" for n in range(10_000 - len(HEADER))]) + "\n"
    extra = ",v" * (10_000 - len(HEADER))
    rows = (f"P-{n},x,zh,源文,en,draft{extra}\n" for n in range(2_400))
    return _write_text(folder / "many_extra_cells.csv", [header, *rows])


def csv_one_line_of_commas(folder: Path) -> Path:
    """A header, then one line of 47 million commas and no line end."""
    return _write_text(folder / "commas.csv", [",".join(HEADER), "\n", *(
        "," * 1_000_000 for _ in range(47))])


# ---------------------------------------------------------------------------------- JSON

def json_long_integer(folder: Path) -> Path:
    """An id of 5,000 digits (Python refuses to convert more than 4,300)."""
    post = ('{"id": ' + "9" * 5_000 + ', "platform": "x", "source_lang": "zh", '
            '"source_text": "源文", "target_lang": "en", "draft_text": "draft"}')
    return _write_text(folder / "long_integer.json", ["[", post, "]"])


def json_deep_nesting(folder: Path) -> Path:
    """An extra value nested 20,000 levels deep (Python's parser stops at about 1,000)."""
    post = ('{"id": "P-1", "platform": "x", "source_lang": "zh", "source_text": "源文", '
            '"target_lang": "en", "draft_text": "draft", "deep": ' + "[" * 20_000
            + "]" * 20_000 + "}")
    return _write_text(folder / "deep.json", ["[", post, "]"])


def jsonl_deep_nesting(folder: Path) -> Path:
    return _write_text(folder / "deep.jsonl", ['{"id": ' + '{"a": ' * 20_000 + "1"
                                               + "}" * 20_001 + "\n"])


def json_many_keys(folder: Path) -> Path:
    """One post with 3.9 million extra keys in 50 MB: over 1 GB as a dictionary."""
    keys = ("".join(f',"k{n}":1' for n in range(start, start + 100_000))
            for start in range(0, 3_900_000, 100_000))
    return _write_text(folder / "many_keys.json", [
        '[{"id": "P-1", "platform": "x", "source_lang": "zh", "source_text": "源文", '
        '"target_lang": "en", "draft_text": "draft"', *keys, "}]"])


def glossary_many_rows(folder: Path) -> Path:
    """1.2 million glossary rows of a few letters in 12 MB (460 MB once read)."""
    rows = ("".join(f"a{n},b\n" for n in range(start, start + 100_000))
            for start in range(0, 1_200_000, 100_000))
    return _write_text(folder / "many_rows.csv", ["source,target\n", *rows])


def manifest_deep(folder: Path) -> Path:
    """An export manifest nested 20,000 levels deep (beside a file to verify)."""
    (folder / "export.csv").write_text("id\n1\n", encoding="utf-8")
    return _write_text(folder / "export.csv.manifest.json", ["[" * 20_000, "]" * 20_000])


def manifest_long_integer(folder: Path) -> Path:
    (folder / "export.csv").write_text("id\n1\n", encoding="utf-8")
    return _write_text(folder / "export.csv.manifest.json",
                       ['{"manifest_version": ', "9" * 5_000, "}"])


# ---------------------------------------------------------------------------------- XML

def tmx_tiny_units(folder: Path) -> Path:
    """Ten million empty <tu/> in 50 MB: 1.5 GB as a tree."""
    head = ('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="en" '
            'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" '
            'creationtoolversion="1" o-tmf="x"/><body>')
    return _write_bytes(folder / "tiny_units.tmx", [head.encode(), *_repeat(b"<tu/>", 9_990_000),
                                                    b"</body></tmx>"])


def tmx_many_attributes(folder: Path) -> Path:
    """Elements with 50 attributes each, 45 MB of them."""
    attributes = " ".join(f'a{n}=""' for n in range(50))
    head = ('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="en" '
            'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" '
            'creationtoolversion="1" o-tmf="x"/><body>')
    return _write_bytes(folder / "many_attributes.tmx", [
        head.encode(), *_repeat(f"<prop {attributes}/>".encode(), 140_000), b"</body></tmx>"])


def tbx_many_terms(folder: Path) -> Path:
    """300,000 concepts of two short terms: 45 MB."""
    def entries() -> Iterator[bytes]:
        for n in range(300_000):
            yield (f'<termEntry><langSet xml:lang="en"><tig><term>t{n}</term></tig></langSet>'
                   f'<langSet xml:lang="sn"><tig><term>s{n}</term></tig></langSet></termEntry>'
                   ).encode()
    return _write_bytes(folder / "many_terms.tbx", [
        b'<?xml version="1.0" encoding="UTF-8"?><martif type="TBX" xml:lang="en"><text><body>',
        *entries(), b"</body></text></martif>"])


def xliff_many_units(folder: Path) -> Path:
    """300,000 translation units in 22 MB (the most posts one import takes is 100,000)."""
    units = (f'<trans-unit id="u{n}"><source>a</source><target>b</target></trans-unit>'.encode()
             for n in range(300_000))
    return _write_bytes(folder / "many_units.xlf", [
        b'<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:'
        b'xliff:document:1.2"><file original="a" source-language="zh" target-language="en" '
        b'datatype="plaintext"><body>', *units, b"</body></file></xliff>"])


def _xliff_of_codes(folder: Path, name: str, units: int, codes: int) -> Path:
    inline = "".join(f'<x id="{n}"/>' for n in range(codes))
    body = (f'<trans-unit id="u{n}"><source>a{inline}</source><target>b{inline}</target>'
            '</trans-unit>\n'.encode() for n in range(units))
    return _write_bytes(folder / name, [
        b'<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:'
        b'xliff:document:1.2"><file original="a" source-language="zh" target-language="en" '
        b'datatype="plaintext"><body>', *body, b"</body></file></xliff>"])


def xliff_many_codes(folder: Path) -> Path:
    """400 units of 1,000 inline codes each, in 10 MB: each code is kept as a placeholder with
    its markup (about 570 bytes of memory)."""
    return _xliff_of_codes(folder, "many_codes.xlf", 400, 1000)


def xliff_codes_within(folder: Path) -> Path:
    """Not hostile, only dense: 100 units of 1,000 inline codes each (2.5 MB)."""
    return _xliff_of_codes(folder, "codes_within.xlf", 100, 1000)


def tmx_twenty_thousand_units(folder: Path) -> Path:
    """Not hostile: 20,000 units of a sentence each, as CAT tools write them."""
    def units() -> Iterator[bytes]:
        for n in range(20_000):
            yield (f'<tu tuid="{n}" creationdate="20260101T000000Z">\n'
                   f'  <tuv xml:lang="en"><seg>Borehole {n} gives clean water to the village.'
                   f'</seg></tuv>\n  <tuv xml:lang="sn"><seg>Chibhorani {n} chinopa mvura '
                   f'yakachena kumusha.</seg></tuv>\n</tu>\n').encode()
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
            'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" '
            'creationtoolversion="1" o-tmf="x"/><body>\n')
    return _write_bytes(folder / "twenty_thousand_units.tmx", [head.encode(), *units(),
                                                                 b"</body></tmx>\n"])


def _write_bytes(path: Path, chunks: Chunks) -> Path:
    with open(path, "wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return path


# ---------------------------------------------------------------------------------- packages
# Signed with a key of their own, for a batch no desk has: a laptop takes such a package as a
# batch from a new coordinator (SECURITY.md), so everything in it is read and checked.

def _event_line(kind: str, post_id: str | None, parent: str | None, payload: dict) -> bytes:
    import uuid

    return (json.dumps({"id": uuid.uuid4().hex, "kind": kind, "batch": "flood", "post_id": post_id,
                        "actor": "HQ", "role": "coordinator", "at": "2026-12-01T09:00:00.000Z",
                        "parent": parent, "payload": payload}) + "\n").encode()


def _signed_package(path: Path, events: Chunks, count: int) -> Path:
    """A work package whose events member is streamed from `events` (`count` lines)."""
    import hashlib

    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from review.signing import new_keys

    keys = new_keys()
    members = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, chunks in (("events.jsonl", events), ("glossaries.jsonl", []), ("memory.jsonl", [])):
            digest, size = hashlib.sha256(), 0
            with zf.open(name, "w", force_zip64=True) as member:
                for chunk in chunks:
                    digest.update(chunk)
                    size += len(chunk)
                    member.write(chunk)
            members[name] = {"sha256": digest.hexdigest(), "size": size}
        manifest = json.dumps({
            "format": "review-desk-package", "version": 2, "kind": "work", "id": "f" * 32,
            "batch": "flood", "creator": {"name": "HQ", "role": "coordinator"},
            "created_at": "2026-12-01T09:00:00.000Z", "signer": keys.public,
            "counts": {"posts": count, "events": count}, "enrolment": "e" * 64,
            "members": members}).encode()
        zf.writestr("manifest.json", manifest)
        zf.writestr("manifest.sig", keys.sign(manifest))
    return path


def _created() -> bytes:
    return _event_line("batch.created", None, None, {
        "name": "flood", "title": "", "origin": "HQ", "platforms": ["x"], "due": None,
        "require_signoff": False, "timezone": "UTC"})


def package_events_flood(folder: Path, megabytes: int = 60) -> Path:
    """60 MB of well-formed events (7 MB packed), each opening a post the package never
    imports after a parent nowhere: every line is read and checked before the refusal."""
    import uuid

    line = _event_line("post.opened", "p0000000000", uuid.uuid4().hex, {})
    count = megabytes * MB // len(line)

    def events() -> Iterator[bytes]:
        yield _created()
        for start in range(0, count, 10_000):
            yield b"".join(_event_line("post.opened", f"p{n:010d}", uuid.uuid4().hex, {})
                           for n in range(start, min(count, start + 10_000)))

    return _signed_package(folder / "flood.rdpack", events(), count + 1)


def package_member_57_times(folder: Path, megabytes: int = 299) -> Path:
    """The review's finding: a 6 MB package whose one member unpacks to 299 MB (just under the
    300 MB a package may hold), 50 times its packed size (under the 200x zip-bomb rule):
    well-formed rewrites of 1,300 characters each, of posts the package never imports."""
    text = "We drilled twelve boreholes in Masvingo this week. " * 26
    line = _event_line("post.rewritten", "p0000000000", "0" * 32, {"text": text})
    count = megabytes * MB // len(line)

    def events() -> Iterator[bytes]:
        yield _created()
        for start in range(0, count, 2_000):
            yield b"".join(_event_line("post.rewritten", f"p{n % 1000:010d}", "0" * 32, {"text": text})
                           for n in range(start, min(count, start + 2_000)))

    return _signed_package(folder / "57x.rdpack", events(), count + 1)


def package_one_long_line(folder: Path, megabytes: int = 60) -> Path:
    """One 60 MB line (7 times its packed size): never held whole."""
    two_letters = bytes(b"ab"[n & 1] for n in range(256))

    def events() -> Iterator[bytes]:
        yield b'{"id": "'
        for _ in range(megabytes):
            yield os.urandom(MB).translate(two_letters)
        yield b'"}\n'

    return _signed_package(folder / "long-line.rdpack", events(), 1)


# ---------------------------------------------------------------------------------- not files

def named_pipe(folder: Path, name: str = "pipe.csv") -> Path:
    """A named pipe: reading it waits for a writer that never comes."""
    path = folder / name
    os.mkfifo(path)
    return path


def link_to_dev_zero(folder: Path, name: str = "zero.csv") -> Path:
    """A link to /dev/zero: reading it never ends."""
    path = folder / name
    path.symlink_to("/dev/zero")
    return path


def folder_named_like_a_file(folder: Path, name: str = "folder.csv") -> Path:
    path = folder / name
    path.mkdir()
    return path


def unix_socket(folder: Path, name: str = "socket.csv") -> Path:
    """A Unix socket in the file system (left bound, never listened to)."""
    path = folder / name
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()
    return path


def export_manifest(folder: Path, name: str = "m.json") -> Path:
    """A manifest as Review Desk writes one, for a file `verify` is then pointed at."""
    manifest = {"manifest_version": 1, "export_id": "e" * 32, "batch": "zw", "format": "csv",
                "count": 1, "file": {"name": "export.csv", "size": 5, "sha256": "0" * 64}}
    path = folder / name
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return path


def not_files(suffix: str) -> dict[str, Callable[[Path], Path]]:
    """A pipe, a link to /dev/zero, a folder and a socket, each named `*.suffix`."""
    return {
        "pipe": lambda folder: named_pipe(folder, f"pipe{suffix}"),
        "zero": lambda folder: link_to_dev_zero(folder, f"zero{suffix}"),
        "folder": lambda folder: folder_named_like_a_file(folder, f"folder{suffix}"),
        "socket": lambda folder: unix_socket(folder, f"socket{suffix}"),
    }


MAKERS = {name: maker for name, maker in dict(globals()).items()
          if name.split("_")[0] in ("xlsx", "tsv", "csv", "json", "jsonl", "manifest", "tmx",
                                    "tbx", "xliff", "glossary", "package") and callable(maker)}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-large")
    target.mkdir(parents=True, exist_ok=True)
    for name, make in MAKERS.items():
        print(make(target))
