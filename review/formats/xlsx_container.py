"""A workbook as a zip of XML: what it holds, and what reading it would take, checked before
openpyxl opens it.

Its size on disk says little about what reading an XLSX file takes: 1 MB can inflate to 425 MB
of 25 million shared strings, which openpyxl keeps in memory every one (over 1.2 GB, and still
growing after 50 s). `workbook_problem` walks every XML member once with lxml's streaming parser,
emptying what it has seen so the walk itself stays small, and adds up what openpyxl and the import
would build from it, erring on the side of more; it refuses the workbook as soon as the sum passes
what a file of its size may take (`bounds.allowance`), so a bomb is refused after reading a few
MB of it, not after it has filled the memory. What openpyxl (read-only) builds, by root element:

- <sst> (shared strings): every <si> as a string, keeping the emptied element too (SHELL bytes);
  while one is read, an object for each element inside it (OBJECT); any element outside an
  <si> is kept whole (SHELL).
- <worksheet>: rows are parsed one at a time and emptied, each leaving a SHELL, a dictionary per
  cell while the row is read (CELL), padded to the row's last column; elements outside rows are
  kept (SHELL). Without a <dimension> before the rows, opening the workbook walks the whole sheet
  once to look for one, keeping every element meanwhile (SHELL each). The import then keeps each
  post's texts: every cell's text, a shared string counted each time a cell uses it (a text
  stored once and used by 100,000 posts is 100,000 texts in the posts and the database).
- anything else (workbook, styles, relationships, properties): parsed whole, OBJECT bytes an
  element (openpyxl makes an object of most).
Formulas make the reader open the workbook twice (see xlsx_format._cell_kinds): the shared
strings then count twice.

Also refused: two members of the same name (spreadsheet programs read the first, Python's
zipfile and so openpyxl the last), more members than any workbook has, a sheet whose rows span
more than MAX_CELLS cells, and a member that claims to be smaller than it is.
"""
from __future__ import annotations

import io
import sys
import zipfile
import zlib
from array import array
from dataclasses import dataclass, field
from collections.abc import Callable, Iterator
from typing import IO

from lxml import etree

from ..texts import Said, said
from .bounds import allowance

MAX_UNPACKED_BYTES = 1024 ** 3  # a workbook that unpacks to more is a zip bomb
MAX_MEMBERS = 10_000  # Excel's own workbooks hold a few dozen
# Cells openpyxl hands over for one sheet, every row padded to its last cell: a post reads ten
# or so, 100,000 posts a million; past this a sheet takes minutes to walk.
MAX_CELLS = 5_000_000
# Bytes of memory, measured with openpyxl 3.1 on Python 3.11 (see tests/test_hostile_bounds.py):
SHELL = 100  # an emptied xml.etree element kept in its tree (90-100 measured)
OBJECT = 2_000  # an element parsed into openpyxl's objects (1,810 measured for a cell format)
CELL = 600  # a cell while its row is read: openpyxl's dictionary, our lists and texts
POST = 500  # a post kept by the import besides its texts (DraftPost, its dictionaries)
# Characters of text a workbook's posts may hold: a shared string counts at each use, as the
# database will store it. Excel's compression of real posts is 4-10 fold; a CSV cannot hold more
# than its size.
MAX_TEXT_RATIO = 20
TEXT_ALLOWANCE = 20_000_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an encrypted .xlsx
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SI, _ROW, _CELL, _VALUE, _INLINE, _FORMULA, _DIMENSION = (
    _MAIN + name for name in ("si", "row", "c", "v", "is", "f", "dimension"))
_ROW_PARTS = frozenset({_ROW, _CELL, _INLINE, _MAIN + "r"})  # only ever inside a row


class _Refused(Exception):
    """The workbook is refused; args[0] says why, for a person."""


def workbook_problem(data: bytes, limit: int | None = None) -> str | None:
    """Why `data` cannot be an XLSX workbook we are willing to open, or None. `limit`: the bytes
    of memory reading may take (default: what a file of this size may take)."""
    if data.startswith(_OLE_MAGIC):
        return said("xlsx-old-or-encrypted")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_members(archive.infolist())
            _Walk(archive, len(data), limit).run()
    except _Refused as refusal:
        return refusal.args[0]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError, zlib.error):  # damaged, truncated, encrypted, unknown packing
        return said("xlsx-not-a-zip")
    return None


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise _Refused(said("xlsx-too-many-members", count=len(members), limit=MAX_MEMBERS))
    seen: set[str] = set()
    for info in members:
        key = info.filename.lstrip("/").lower()  # part names ignore case (ECMA-376, part 2)
        if key in seen:
            raise _Refused(said("xlsx-duplicate-member", name=info.filename))
        seen.add(key)
    unpacked = sum(info.file_size for info in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _Refused(said("xlsx-unpacks-too-large", size=unpacked / 2**20,
                            limit=MAX_UNPACKED_BYTES // 2**20))


# ---------------------------------------------------------------------------------- the walk

@dataclass
class _Cost:
    """What reading the workbook builds, in bytes; `detail` says, when asked, what was being
    counted (a message is made only for a refusal: millions of elements pass through here)."""

    limit: int
    text_limit: int
    kept: int = 0  # held until the import ends
    passing: int = 0  # the largest thing built and dropped again (one row, one string)
    strings: int = 0  # the shared strings' own cost, which a second opening repeats
    text: int = 0  # characters of the posts' cells, a shared string counted at each use
    formulas: bool = False
    detail: Callable[[], Said] = lambda: said("xlsx-detail-elements", count=0, member="")

    def keep(self, amount: int) -> None:
        self.kept += amount
        self._check()

    def peak(self, amount: int) -> None:
        if amount > self.passing:
            self.passing = amount
            self._check()

    def add_text(self, characters: int, size: int) -> None:
        self.text += characters
        if self.text > self.text_limit:
            raise _Refused(said("xlsx-too-much-text", count=self.text, limit=self.text_limit,
                                size=size / 2**20))

    def _check(self) -> None:
        total = self.kept + self.passing + (self.strings if self.formulas else 0)
        if total > self.limit:
            raise _Refused(said("xlsx-too-costly", limit=self.limit // 2**20,
                                detail=self.detail()))


@dataclass
class _Walk:
    archive: zipfile.ZipFile
    size: int
    limit: int | None = None
    string_lengths: array = field(default_factory=lambda: array("q"))

    def run(self) -> None:
        limit = allowance(self.size) if self.limit is None else self.limit
        self.cost = _Cost(limit, MAX_TEXT_RATIO * self.size + TEXT_ALLOWANCE)
        members = [(self._root(info), info) for info in self.archive.infolist()]
        # shared strings first: a cell that uses one is counted with the string's length
        for root, info in sorted(members, key=lambda m: m[0] != "sst"):
            walk = {"sst": self._strings, "worksheet": self._sheet}.get(root, self._whole)
            if root is not None:
                walk(info)

    def _root(self, info: zipfile.ZipInfo) -> str | None:
        """The local name of the member's root element; None when it is not XML."""
        try:
            with self.archive.open(info) as stream:
                for _, element in etree.iterparse(stream, events=("start",), **_PARSER):
                    return etree.QName(element).localname
        except etree.XMLSyntaxError:
            return None
        return None

    def _elements(self, info: zipfile.ZipInfo) -> Iterator[etree._Element]:
        """Each element of the member as it ends. Parsing stops where openpyxl's would fail;
        what lies beyond is counted as if it were all elements of 4 bytes (`<a/>`), since a
        limit of lxml's (a text over 10 MB, nesting over 256) is not one of openpyxl's."""
        stream = _Counting(self.archive.open(info))
        try:
            for _, element in etree.iterparse(stream, events=("end",), **_PARSER):
                yield element
        except etree.XMLSyntaxError:
            self.cost.detail = lambda: said("xlsx-detail-damaged", member=info.filename)
            self.cost.keep(max(info.file_size - stream.count, 0) // 4 * SHELL)
        finally:
            stream.close()

    def _whole(self, info: zipfile.ZipInfo) -> None:
        """A part openpyxl parses whole, into an object per element (or leaves as bytes)."""
        count = 0
        self.cost.detail = lambda: said("xlsx-detail-elements", count=count,
                                        member=info.filename)
        for count, element in enumerate(self._elements(info), start=1):
            self.cost.keep(OBJECT)
            _forget(element)

    def _strings(self, info: zipfile.ZipInfo) -> None:
        self.cost.detail = lambda: said("xlsx-detail-strings", count=len(self.string_lengths),
                                        member=info.filename)
        inside = 0  # elements of the <si> being read
        for element in self._elements(info):
            if element.tag == _SI:
                text = "".join(element.itertext())
                self.string_lengths.append(len(text))
                self.cost.peak(inside * OBJECT)
                self._keep_strings(SHELL + sys.getsizeof(text) + 8)
                inside = 0
                _forget(element)
            elif _parent_tag(element) in (None, _MAIN + "sst"):  # outside any <si>: kept
                self._keep_strings(SHELL)
                _forget(element)
            else:
                inside += 1

    def _keep_strings(self, amount: int) -> None:
        self.cost.strings += amount
        self.cost.keep(amount)

    def _sheet(self, info: zipfile.ZipInfo) -> None:
        sheet = _Sheet(info.filename)
        self.cost.detail = sheet.detail
        for element in self._elements(info):
            if element.tag == _ROW:
                self._row(element, sheet)
                _forget(element)
            elif _inside_row(element):
                sheet.inside += 1
                self.cost.peak(sheet.inside * CELL)
                self.cost.formulas |= element.tag == _FORMULA
            else:
                sheet.dimension |= element.tag == _DIMENSION and not sheet.rows
                sheet.elements += 1
                self.cost.keep(SHELL)
                _forget(element)

    def _row(self, row: etree._Element, sheet: "_Sheet") -> None:
        cells = len(row)
        sheet.rows += 1
        sheet.elements += 1 + sheet.inside
        sheet.cells += max(cells, _last_column(row))
        if sheet.cells > MAX_CELLS:
            raise _Refused(said("xlsx-too-many-cells", member=sheet.member, limit=MAX_CELLS))
        kept = characters = 0
        for cell in row:
            held, length = self._cell_text(cell)
            kept, characters = kept + held, characters + length
        self.cost.add_text(characters, self.size)
        self.cost.peak((cells + sheet.inside) * CELL)
        if not sheet.dimension:  # opening the workbook walks it all, keeping every element
            self.cost.peak(sheet.elements * SHELL)
        self.cost.keep(SHELL + POST + kept)
        sheet.inside = 0

    def _cell_text(self, cell: etree._Element) -> tuple[int, int]:
        """(bytes the import keeps for the cell's text, its characters). A shared string is
        kept once, with the strings; each use is its characters again in the database."""
        kind = cell.get("t")
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            value = "".join(inline.itertext()) if inline is not None else ""
            return (sys.getsizeof(value), len(value)) if value else (0, 0)
        value = cell.findtext(_VALUE)
        if kind == "s":
            index = int(value) if value and value.strip().isdigit() and len(value) < 12 else -1
            found = 0 <= index < len(self.string_lengths)
            return 8, self.string_lengths[index] if found else 0
        return (sys.getsizeof(value), len(value)) if value else (0, 0)


@dataclass
class _Sheet:
    member: str
    rows: int = 0
    cells: int = 0  # cells the rows span, as openpyxl pads them
    elements: int = 0
    inside: int = 0  # elements of the row being read
    dimension: bool = False

    def detail(self) -> Said:
        return said("xlsx-detail-elements", count=self.elements + self.inside,
                    member=self.member)


_PARSER = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
               remove_comments=True, remove_pis=True)


class _Counting(io.RawIOBase):
    """A member's stream that counts the bytes read from it."""

    def __init__(self, stream: IO[bytes]):
        self.stream, self.count = stream, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.count += len(chunk)
        return chunk

    def close(self) -> None:
        self.stream.close()
        super().close()


def _forget(element: etree._Element) -> None:
    """Empty an element the walk is done with, and drop the siblings before it."""
    element.clear(keep_tail=True)
    while element.getprevious() is not None:  # parent.index() would walk every sibling
        del element.getparent()[0]


def _parent_tag(element: etree._Element) -> str | None:
    parent = element.getparent()
    return None if parent is None else parent.tag


def _inside_row(element: etree._Element) -> bool:
    """Whether an element lies inside a <row> (up to 8 levels up: no cell is nested deeper)."""
    ancestor = element.getparent()
    if ancestor is not None and ancestor.tag in _ROW_PARTS:  # most of them: a cell, its value
        return True
    for _ in range(8):
        if ancestor is None:
            return False
        if ancestor.tag == _ROW:
            return True
        ancestor = ancestor.getparent()
    return True


def _last_column(row: etree._Element) -> int:
    """The column of the row's last cell (A = 1): openpyxl makes the row that wide."""
    if not len(row):
        return 0
    reference = row[-1].get("r") or ""
    letters = reference[:len(reference) - len(reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]
    column = 0
    for letter in letters[:4]:
        column = column * 26 + ord(letter) - 64
    return column
