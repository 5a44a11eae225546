"""What every batch reader shares: the canonical columns, header matching and row validation.

A reader turns its file into rows of text (`fields` keyed by canonical column, `extra` keyed by
the file's own header) and hands each to a `PostCollector`, which validates and normalises it
and gathers every problem. Nothing here knows about a file format.

Normalisation, as a caller sees it in `DraftPost`:
- ids, platform, language codes, links and dates lose leading/trailing whitespace;
- source_text and draft_text lose leading/trailing whitespace too, but keep inner whitespace and
  line breaks; line breaks in texts, notes and media notes become "\\n" (from "\\r\\n" or "\\r");
- notes and media_note are kept as they are, apart from line breaks;
- an optional field that is empty or only whitespace becomes None;
- scheduled_at becomes "YYYY-MM-DDTHH:MM:SS", plus "+HH:MM" when the file gave an offset
  ("Z" becomes "+00:00"); fractions of a second are dropped.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from ..errors import ImportFailed, Problem
from ..languages import normalise_language
from ..texts import Joined, Said, message_of, said
from . import PLATFORMS, DraftPost
from .hq_files import bad_time, decode_named, encodings_that_decode, spreadsheet_time, where_undecodable

CANONICAL_COLUMNS = ("id", "platform", "source_lang", "source_text", "target_lang", "draft_text",
                     "link", "media_note", "scheduled_at", "notes", "media")
REQUIRED_COLUMNS = ("id", "platform", "source_lang", "source_text", "target_lang", "draft_text")

# Other names HQ's spreadsheets and tools use for the canonical columns, after `header_key`.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("external_id", "post_id", "key"),
    "platform": ("network", "channel"),
    "source_lang": ("source_language", "src_lang", "from"),
    "source_text": ("source",),
    "target_lang": ("target_language", "tgt_lang", "to"),
    "draft_text": ("target", "translation", "draft", "target_text"),
    "link": ("url",),
    "media_note": ("media_notes", "media_description"),
    # Files beside the batch file, several separated by ";" (review/media.py checks them).
    "media": ("media_files", "pictures", "images", "photos"),
    "scheduled_at": ("schedule", "scheduled", "publish_at", "scheduled_time"),
    "notes": ("note", "hq_notes", "comment"),
}
_COLUMN_BY_KEY = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}
_COLUMN_BY_KEY.update({column: column for column in CANONICAL_COLUMNS})

PLATFORM_ALIASES = {"twitter": "x", "fb": "facebook", "yt": "youtube"}
MAX_TEXT_LENGTH = 100_000
# Rows of one file. Storing a post takes about 3.4 KB of memory during the import (measured:
# 723,211 posts, 2.5 GB), so the limit bounds memory; it is ten times the largest batch the
# benchmarks import.
MAX_POSTS_PER_FILE = 100_000
# Problems listed for one file: past this, the rest of the file is not worth reading (and a
# list of a million problems would take more memory than the posts).
MAX_PROBLEMS = 1_000
# Cells outside the canonical columns, kept with the posts as extra data, in one file: each takes
# about 100 bytes and can be written in 2 ("v,"); 24 million of them took 1.3 GB from a CSV of
# 48 MB. A million is 100,000 posts with ten extra columns.
MAX_EXTRA_CELLS = 1_000_000
MAX_MEDIA_PER_POST = 20  # X takes 4 pictures, Facebook and LinkedIn 20 or fewer
MAX_MEDIA_NAME = 300
_DRIVE = re.compile(r"^[A-Za-z]:")

_TEXT_COLUMNS = ("source_text", "draft_text")
_FREE_TEXT_COLUMNS = ("media_note", "notes")  # kept as written, apart from line breaks
# C0 controls other than tab, LF and CR, and UTF-16 surrogates, which only a damaged file holds.
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n?")
_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?"
    r" ?(?:(?P<utc>[Zz])|(?P<sign>[+-])(?P<oh>\d{2})(?::?(?P<om>\d{2}))?)?",
    re.ASCII,
)
# Real UTC offsets run from -12:00 to +14:00; anything further out is a typing mistake.
_MAX_OFFSET_MINUTES = 14 * 60
# Times a batch may carry. Year 9999 or year 1 were accepted, and then every scheduling export
# of the batch failed (converting them to another zone leaves the years Python can hold); no
# post is scheduled before 1970 or two centuries ahead.
EARLIEST = datetime(1970, 1, 1)
LATEST = datetime(2200, 1, 1)


class InvalidValue(ValueError):
    """A cell's value is not acceptable; the message says why and what to do."""


# ---------------------------------------------------------------------------------- headers

def header_key(name: str) -> str:
    """Case, surrounding spaces, and spaces or hyphens inside do not matter in a header."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def canonical_column(name: str) -> str | None:
    return _COLUMN_BY_KEY.get(header_key(name))


def also_accepted(column: str) -> str:
    return ", ".join(HEADER_ALIASES[column])


def missing_column_problem(file: str, line: int | None, column: str,
                           where: str = "header") -> Problem:
    return Problem(file, line, where, said("missing-column", column=column,
                                          aliases=also_accepted(column)))


@dataclass(frozen=True)
class Columns:
    """What each position of a header row means."""

    canonical: tuple[str | None, ...]  # canonical column, or None for a column kept in `extra`
    labels: tuple[str, ...]  # the header as written (stripped): how messages name the column

    @functools.cached_property  # works on a frozen dataclass: it writes to __dict__ directly
    def label_of(self) -> dict[str, str]:
        """Canonical column -> its header as written."""
        return {c: label for c, label in zip(self.canonical, self.labels) if c is not None}

    def split(self, cells: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        """Canonical fields and extra (non-empty) cells of one row, matched by position."""
        fields: dict[str, str] = {}
        extra: dict[str, str] = {}
        for column, label, text in zip(self.canonical, self.labels, cells):
            if column is not None:
                fields[column] = text
            elif text.strip():
                extra[label] = text
        return fields, extra


def match_header(file: str, line: int | None, names: list[str],
                 unnamed: Callable[[int], str] = "column {}".format, require: bool = True,
                 ) -> tuple[Columns, list[Problem]]:
    """Match a header row to the canonical columns; problems for clashes and (with `require`)
    for each missing required column.

    An empty header is labelled `unnamed(position)` (1-based); a repeated unknown header gets
    that label appended, so no extra cell is lost.
    """
    problems: list[Problem] = []
    canonical: list[str | None] = []
    labels: list[str] = []
    first_label: dict[str, str] = {}
    seen: set[str] = set()  # `label in labels` would make a 40,000-column header take 9 s
    for position, raw in enumerate(names, start=1):
        label = raw.strip() or unnamed(position)
        column = canonical_column(label) if raw.strip() else None
        if column is not None and column in first_label:
            problems.append(Problem(file, line, "header", said(
                "same-column-twice", first=first_label[column], second=label, column=column)))
            column = None
        if column is not None:
            first_label[column] = label
        elif label in seen:
            label = f"{label} ({unnamed(position)})"
        canonical.append(column)
        labels.append(label)
        seen.add(label)
    if require:
        problems += [missing_column_problem(file, line, c) for c in REQUIRED_COLUMNS
                     if c not in first_label]
    return Columns(tuple(canonical), tuple(labels)), problems


# ---------------------------------------------------------------------------------- values

def check_characters(text: str) -> None:
    """Refuse text a file should never hold: too long, NUL, control characters, surrogates."""
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidValue(said("too-long", length=len(text), limit=MAX_TEXT_LENGTH))
    bad = _BAD_CHARACTER.search(text)
    if bad is None:
        return
    code = ord(bad.group())
    at = bad.start() + 1
    if code == 0:
        raise InvalidValue(said("nul-in-cell", at=at))
    if 0xD800 <= code <= 0xDFFF:
        raise InvalidValue(said("lone-surrogate", code=code, at=at))
    raise InvalidValue(said("control-character", code=code, at=at))


def normalise_platform(text: str) -> str:
    key = text.strip().lower()
    key = PLATFORM_ALIASES.get(key, key)
    if key not in PLATFORMS:
        raise InvalidValue(said("unknown-platform", text=text.strip(), platforms=", ".join(PLATFORMS),
                                aliases=", ".join(PLATFORM_ALIASES)))
    return key


def normalise_scheduled_at(text: str, day_order: str | None = None) -> str:
    """ISO 8601 date and time, offset kept when given, or a spreadsheet's form (hq_files.py,
    no offset); see the module docstring. A time before EARLIEST or from LATEST on (in UTC when
    it has an offset, else as written) is refused."""
    text = text.strip()
    match = _DATE_TIME.fullmatch(text)
    try:
        if match is None:
            moment, offset, minutes = spreadsheet_time(text, day_order), "", 0
            if moment is None:
                raise InvalidValue(bad_time(text))
        else:
            year, month, day, hour, minute, second = (int(g or 0) for g in match.groups()[:6])
            moment = datetime(year, month, day, hour, minute, second)
            offset, minutes = _offset(match)
    except ValueError as error:  # an impossible date, or a day and month either way round
        said_why = message_of(error)
        raise InvalidValue(said_why if isinstance(said_why, Said) else bad_time(text)) from None
    if not in_time_range(moment, minutes):
        raise InvalidValue(said("date-out-of-range", text=text, earliest=EARLIEST.date(),
                                latest=LATEST.date()))
    return moment.isoformat() + offset


def in_time_range(moment: datetime, offset_minutes: int = 0) -> bool:
    """Whether a time (naive, `offset_minutes` east of UTC) lies in [EARLIEST, LATEST)."""
    try:
        utc = moment - timedelta(minutes=offset_minutes)
    except OverflowError:  # year 1 minus an offset
        return False
    return EARLIEST <= utc < LATEST


def _offset(match: re.Match[str]) -> tuple[str, int]:
    """The offset as written in ISO 8601 ("+02:00", "" for none) and in minutes east of UTC."""
    if match["utc"]:
        return "+00:00", 0
    if not match["sign"]:
        return "", 0
    hours, minutes = int(match["oh"]), int(match["om"] or 0)
    if minutes > 59 or hours * 60 + minutes > _MAX_OFFSET_MINUTES:
        raise ValueError("offset out of range")
    sign = "-" if match["sign"] == "-" and (hours or minutes) else "+"
    east = (hours * 60 + minutes) * (-1 if sign == "-" else 1)
    return f"{sign}{hours:02d}:{minutes:02d}", east


@functools.lru_cache(maxsize=1024)  # a batch uses a handful of codes, 100,000 times over
def _language(text: str) -> str:
    try:
        return normalise_language(text)
    except ValueError as error:
        raise InvalidValue(message_of(error)) from None


def normalise_field(column: str, raw: str, day_order: str | None = None) -> str | None:
    """The value of one canonical column, normalised; None for an empty optional one."""
    check_characters(raw)
    if column in _TEXT_COLUMNS:
        text = _LINE_BREAK.sub("\n", raw).strip()
    elif column in _FREE_TEXT_COLUMNS:
        text = _LINE_BREAK.sub("\n", raw) if raw.strip() else ""
    else:
        text = raw.strip()
    if not text:
        if column in REQUIRED_COLUMNS:
            raise InvalidValue(said("empty-required"))
        return None
    if column == "id" and any(c in text for c in "\t\r\n"):
        raise InvalidValue(said("id-spans-lines", text=text))
    if column == "platform":
        return normalise_platform(text)
    if column in ("source_lang", "target_lang"):
        return _language(text)
    if column == "scheduled_at":
        return normalise_scheduled_at(text, day_order)
    if column == "media":
        return ";".join(media_names(text)) or None
    return text


def is_media_name(name: str) -> bool:
    """Whether `name` is one file name as `media_names` gives it (relative, no `..`): what an
    event may record and `review-desk media` may write under its folder."""
    try:
        return media_names(name) == [name]
    except InvalidValue:
        return False


def media_names(text: str) -> list[str]:
    """The file names of a `media` cell: separated by ";", relative to the batch file's folder,
    "/" or "\\" between folders; an absolute name or one that climbs out with ".." is refused
    here, before any file is looked at (review/media.py follows links and checks the rest)."""
    names = []
    for raw in text.split(";"):
        name = raw.strip().replace("\\", "/")
        if not name:
            continue
        if name.startswith("/") or _DRIVE.match(name):
            raise InvalidValue(said("media-absolute", name=name[:MAX_MEDIA_NAME]))
        parts = [part for part in name.split("/") if part not in ("", ".")]
        if ".." in parts:
            raise InvalidValue(said("media-climbs", name=name[:MAX_MEDIA_NAME]))
        if not parts or len(name) > MAX_MEDIA_NAME:
            raise InvalidValue(said("media-bad-name", name=name[:MAX_MEDIA_NAME],
                                    limit=MAX_MEDIA_NAME))
        names.append("/".join(parts))
    if len(names) > MAX_MEDIA_PER_POST:
        raise InvalidValue(said("media-too-many", count=len(names), limit=MAX_MEDIA_PER_POST))
    return list(dict.fromkeys(names))


# ---------------------------------------------------------------------------------- rows

class PostCollector:
    """Validates rows into `DraftPost`s and gathers every problem of one file."""

    def __init__(self, file: str, day_order: str | None = None):
        self.file, self.day_order = file, day_order  # hq_files.DAY_FIRST, MONTH_FIRST or None
        self.problems: list[Problem] = []
        self.posts: list[DraftPost] = []
        self._line_of_id: dict[str, int] = {}
        self._rows = 0
        self._extra_cells = 0

    def report(self, line: int | None, column: str | None, message: str) -> None:
        """Note a problem; raises ImportFailed at once when there are MAX_PROBLEMS of them."""
        self.problems.append(Problem(self.file, line, column, message))
        if len(self.problems) >= MAX_PROBLEMS:
            self.stop(line, said("too-many-problems", count=len(self.problems)))

    def add(self, line: int, fields: dict[str, str | None], extra: dict[str, str],
            labels: dict[str, str] | None = None, codes: dict | None = None,
            tool_notes: list | None = None) -> None:
        """Validate one row. `fields` holds the canonical columns the file has; a value of None
        means the reader has already reported a problem with that cell. `codes`: the inline
        codes of a CAT file's unit (see inline_codes.py); `tool_notes`: its other tools' notes."""
        self._rows += 1
        if self._rows > MAX_POSTS_PER_FILE:
            self.stop(line, said("too-many-posts", limit=MAX_POSTS_PER_FILE))
        self._extra_cells += len(extra)
        if self._extra_cells > MAX_EXTRA_CELLS:
            self.stop(line, said("too-many-extra-cells", limit=MAX_EXTRA_CELLS))
        labels = labels or {}
        values: dict[str, str | None] = {}
        ok = True
        for column, raw in fields.items():
            if raw is None:
                ok = False
                continue
            try:
                values[column] = normalise_field(column, raw, self.day_order)
            except InvalidValue as error:
                self.report(line, labels.get(column, column), message_of(error))
                ok = False
        ok = self._check_extra(line, extra) and ok
        ok = self._check_unique_id(line, values.get("id")) and ok
        if ok and all(column in values for column in REQUIRED_COLUMNS):
            self.posts.append(_draft_post(line, values, extra, codes or {}, tool_notes or []))

    def result(self) -> list[DraftPost]:
        """The posts, or ImportFailed listing every problem (in line order): never a part."""
        if self.problems:
            raise ImportFailed(sorted(self.problems, key=lambda p: p.line or 0))
        return self.posts

    def stop(self, line: int | None, message: str) -> None:
        """Stop reading: the problems so far (at most MAX_PROBLEMS) and why reading stopped."""
        found = sorted(self.problems, key=lambda p: p.line or 0)[:MAX_PROBLEMS]
        raise ImportFailed(found + [Problem(self.file, line, None, message)])

    def _check_extra(self, line: int, extra: dict[str, str]) -> bool:
        ok = True
        for label, text in extra.items():
            try:
                check_characters(label)
                check_characters(text)
            except InvalidValue as error:
                self.report(line, label, message_of(error))
                ok = False
        return ok

    def _check_unique_id(self, line: int, post_id: str | None) -> bool:
        if not post_id:
            return True
        first = self._line_of_id.get(post_id)
        if first is None:  # (by the id, not the line: one line of XML or JSON holds many posts)
            self._line_of_id[post_id] = line
            return True
        self.report(line, "id", said("duplicate-id", id=post_id, first=first))
        return False


def skipped_words(skipped: dict[str, int]) -> Joined:
    """"3 units marked translate="no", 1 unit without text": what an import left out."""
    return Joined([said(f"xliff-skipped-{reason}", count=n) for reason, n in skipped.items()],
                  ", ")


def _draft_post(line: int, values: dict[str, str | None], extra: dict[str, str],
                codes: dict, tool_notes: list) -> DraftPost:
    return DraftPost(
        line=line, external_id=values["id"], platform=values["platform"],
        source_lang=values["source_lang"], source_text=values["source_text"],
        target_lang=values["target_lang"], draft_text=values["draft_text"],
        link=values.get("link"), media_note=values.get("media_note"),
        scheduled_at=values.get("scheduled_at"), notes=values.get("notes"), extra=dict(extra),
        codes=codes, tool_notes=tool_notes,
        media=tuple(values["media"].split(";")) if values.get("media") else ())


# ---------------------------------------------------------------------------------- text files

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes, file: str, encoding: str | None = None) -> str:
    """Text of a CSV/JSON file: in `encoding` when a person named one, else UTF-8 (BOM
    optional) or UTF-16 with a BOM; ImportFailed else (see hq_files.py)."""
    if encoding is not None:
        return _decode_named(data, file, encoding)
    if data.startswith(_UTF8_BOM):
        return _decode(data[len(_UTF8_BOM):], "utf-8", file, skipped=len(_UTF8_BOM))
    if data.startswith(_UTF16_BOMS):
        return _decode(data, "utf-16", file)
    if _looks_like_utf16(data):
        raise ImportFailed([Problem(file, 1, None, said("utf16-without-bom"))])
    return _decode(data, "utf-8", file)


def _decode(data: bytes, encoding: str, file: str, skipped: int = 0) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding == "utf-8":
            raise _not_utf8(data, error, file) from None
        before = data[:error.start].decode(encoding, errors="replace")
        line = line_at(before, len(before))
        raise ImportFailed([Problem(file, line, None, said("bad-encoding", byte=skipped + error.start + 1,
                                                           encoding="UTF-16"))]) from None


def _not_utf8(data: bytes, error: UnicodeDecodeError, file: str) -> ImportFailed:
    """Where the first byte that is not UTF-8 is, and which encodings would read the file
    (`data`: after a byte order mark, if the file had one)."""
    line, column, value = where_undecodable(data, error)
    fits = encodings_that_decode(data)
    message = (said("not-utf8", column=column, value=value, hex=f"{value:02X}",
                    encodings=", ".join(name for name, _ in fits), first=fits[0][1],
                    codecs=tuple(codec for _, codec in fits))  # for the window's choice
               if fits else said("not-utf8-nor-other", column=column, value=value, hex=f"{value:02X}"))
    return ImportFailed([Problem(file, line, None, message)])


def _decode_named(data: bytes, file: str, encoding: str) -> str:
    try:
        text, error = decode_named(data, encoding)
    except ValueError as unknown:
        raise ImportFailed([Problem(file, None, None, message_of(unknown))]) from None
    if error is None:
        return text.removeprefix("\ufeff")
    line, column, value = where_undecodable(data, error)
    raise ImportFailed([Problem(file, line, None, said(
        "not-in-encoding", column=column, value=value, hex=f"{value:02X}",
        encoding=encoding))])


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 text of Latin letters has a zero in every other byte; real UTF-8 text has none."""
    head = data[:512]
    return len(head) >= 4 and head.count(0) * 3 >= len(head)


def line_at(text: str, index: int) -> int:
    """1-based physical line of `text[index]`; "\\r\\n", "\\n" and a lone "\\r" each end a line."""
    breaks = text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index)
    return breaks + 1


def lines_of(text: str, indexes: Iterator[int]) -> Iterator[int]:
    """`line_at` for ascending indexes, in one pass over the text rather than one per index."""
    line, previous = 1, 0
    for index in indexes:
        line += line_at(text[previous:index], index - previous) - 1
        previous = index
        yield line


# ---------------------------------------------------------------------------------- export

# A spreadsheet reads a cell starting with one of these as a formula (or a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


# -- refusals and what a format cannot hold (every reader and writer of formats/ uses them) ---

EXCEL_CELL_LIMIT = 32_767  # characters Excel shows in one cell
_SURROGATE = re.compile("[\ud800-\udfff]")
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 cannot hold them


def refuse(file: str, message: str) -> NoReturn:
    """Refuse a whole file for one reason, without a line."""
    raise ImportFailed([Problem(file, None, None, message)])


def unwritable(text: str, fmt: str) -> Said | None:
    """Why `fmt` cannot hold `text` (the end of a sentence naming the column), or None."""
    if _SURROGATE.search(text):
        return said("unwritable-surrogate")
    if fmt == "xlsx" and _XLSX_ILLEGAL.search(text):
        return said("unwritable-xlsx-control")
    if fmt == "xlsx" and len(text) > EXCEL_CELL_LIMIT:
        return said("unwritable-xlsx-long", length=len(text), limit=EXCEL_CELL_LIMIT)
    return None
