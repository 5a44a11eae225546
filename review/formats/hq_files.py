"""Files as HQ's spreadsheets really save them: times as Excel writes them, text in the
encoding the machine uses (GB18030 from a Chinese Excel's "CSV", Windows-1252 from a Western
one). Shared by the batch readers (rows.py, csv_format.py, json_format.py).

Times. Besides ISO 8601 (rows.py), a spreadsheet's own forms, without an offset (the batch's
time zone applies): `2026/12/7 9:30` (year first: Chinese Excel), `7/12/2026 9:30` (day first)
and `12/7/2026 9:30` (month first), with optional seconds and AM/PM. Which of day and month
comes first is said by the caller (`--day-first`, `--month-first`); without it a date whose
first two numbers could both be a month (07/12) is refused, and one that could not (13/12,
12/13) is read the only way it can be.

Encodings. With an encoding named (any codec Python knows), the file is decoded with it; without
one, UTF-8 (with or without BOM) or UTF-16 with a BOM, and a file that is neither is refused
saying where the first bad byte is (line, character, value) and which of GB18030,
Windows-1252 and UTF-16 decode the whole file, the likelier first.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from ..texts import said

DAY_FIRST, MONTH_FIRST = "day-first", "month-first"

# The forms a refusal lists (what a person can type or a spreadsheet writes).
TIME_FORMS = ("2026-12-07T09:30:00+02:00", "2026-12-07 09:30", "2026/12/7 9:30", "7/12/2026 9:30",
              "12/7/2026 9:30")

_CLOCK = r"[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?"
_YEAR_FIRST = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})" + _CLOCK, re.ASCII)
_YEAR_LAST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})" + _CLOCK, re.ASCII)


@dataclass(frozen=True)
class ReadOptions:
    """What a person said about a batch file that the file cannot say itself."""

    encoding: str | None = None  # a codec name; None: UTF-8 or UTF-16 with a BOM
    day_order: str | None = None  # DAY_FIRST, MONTH_FIRST; None: only unambiguous dates


PLAIN = ReadOptions()


def spreadsheet_time(text: str, day_order: str | None) -> datetime | None:
    """The time a spreadsheet form of `text` gives (naive: the batch's zone applies); None when
    `text` is in none of these forms. ValueError (a named message) for an impossible date or
    time, and for a day and month that could be either way round when `day_order` is None."""
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups()[:3])
    else:
        match = _YEAR_LAST.fullmatch(text)
        if match is None:
            return None
        first, second, year = (int(g) for g in match.groups()[:3])
        day, month = _day_and_month(text, first, second, year, day_order)
    hour = _hour(int(match[4]), match[7])
    try:
        return datetime(year, month, day, hour, int(match[5]), int(match[6] or 0))
    except ValueError:
        raise ValueError(bad_time(text)) from None


def _day_and_month(text: str, first: int, second: int, year: int,
                   day_order: str | None) -> tuple[int, int]:
    if day_order == DAY_FIRST or (day_order is None and first > 12 >= second):
        return first, second
    if day_order == MONTH_FIRST or (day_order is None and second > 12 >= first):
        return second, first
    if first == second or first > 12:  # 7/7: either way; 13/13: impossible, said below
        return first, second
    raise ValueError(said("date-ambiguous", text=text,
                          day_first=f"{year}-{second:02d}-{first:02d}",
                          month_first=f"{year}-{first:02d}-{second:02d}"))


def _hour(hour: int, half_of_day: str | None) -> int:
    if half_of_day is None:
        return hour
    if not 1 <= hour <= 12:
        return 99  # "13:00 PM": refused as not a time
    return hour % 12 + (12 if half_of_day in "Pp" else 0)


def bad_time(text: str):
    """The refusal of a time that is in none of the forms, or impossible (31/2/2026)."""
    return said("bad-date", text=text, forms=", ".join(TIME_FORMS))


@dataclass(frozen=True)
class FileNeeds:
    """What a refused batch file needs a person to say before it can be read (the window asks)."""

    encodings: tuple[str, ...] = ()  # codecs that would read it, likelier first
    encoding: bool = False  # it is not UTF-8: an encoding must be named
    day_order: bool = False  # a date could be read day first or month first


def file_needs(problems) -> FileNeeds:
    """From the problems of a refused batch file (ImportFailed.problems), what to ask."""
    names = {getattr(p.message, "name", None): p.message for p in problems}
    not_utf8 = names.get("not-utf8")
    return FileNeeds(
        encodings=tuple(not_utf8.values.get("codecs", ())) if not_utf8 is not None else (),
        encoding=bool({"not-utf8", "not-utf8-nor-other", "not-in-encoding"} & set(names)),
        day_order="date-ambiguous" in names)


# -------------------------------------------------------------------------------- encodings

# Tried, in this order, on a file that is not UTF-8; the refusal names those that decode it.
CANDIDATES = (("gb18030", "GB18030"), ("cp1252", "Windows-1252"), ("utf-16", "UTF-16"))


def check_encoding(name: str) -> str:
    """A codec name Python knows and that decodes bytes to text (not `base64`, `rot13`)."""
    try:
        info = codecs.lookup(name.strip())
        if not getattr(info, "_is_text_encoding", True):
            raise LookupError(name)
    except (LookupError, ValueError, TypeError):
        raise ValueError(said("unknown-encoding", name=name)) from None
    return info.name


def decode_named(data: bytes, encoding: str) -> tuple[str | None, UnicodeDecodeError | None]:
    """`data` decoded with a codec the person named (a BOM it starts with is dropped)."""
    encoding = check_encoding(encoding)
    if encoding.replace("_", "-") in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as error:
        return None, error


def where_undecodable(data: bytes, error: UnicodeDecodeError) -> tuple[int, int, int]:
    """(line, character in that line, byte value) of the first byte `error` could not decode."""
    start = data.rfind(b"\n", 0, error.start) + 1
    line = data.count(b"\n", 0, error.start) + 1
    column = len(data[start:error.start].decode("utf-8", errors="replace")) + 1
    return line, column, data[error.start]


def encodings_that_decode(data: bytes) -> list[tuple[str, str]]:
    """(name, codec) of those of CANDIDATES that decode the whole of `data`, the likelier first
    (see `_likelihood`).
    Each is tried on its own and dropped before the next (a 50 MB file: one text at a time)."""
    found = []
    for codec, name in CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # UTF-16 decodes almost any even number of bytes; a text file in it has ASCII in it
        # (separators, digits, line breaks), which 8-bit text read as UTF-16 never has.
        if codec == "utf-16" and not any(c.isascii() for c in text[:65_536]):
            continue
        found.append((_likelihood(codec, text), name, codec))
        del text
    return [(name, codec) for _, name, codec in sorted(found, key=lambda f: -f[0])]


def _likelihood(codec: str, text: str) -> float:
    """The share of the text's non-ASCII characters that fit the encoding's writing: Chinese
    characters and punctuation for GB18030 (not wedged between Latin letters, as a Western
    file's accented letter read with the next byte would be), Latin letters and typographic
    punctuation for Windows-1252, letters of any kind for UTF-16."""
    sample = text[:200_000]
    wide = [i for i, c in enumerate(sample) if not c.isascii()]
    if not wide:
        return 1.0
    fits = sum(1 for i in wide if _fits(codec, sample, i))
    return fits / len(wide)


def _fits(codec: str, text: str, i: int) -> bool:
    char = text[i]
    if codec == "cp1252":
        return char.isalpha() or char in "‘’“”–—…€•"
    if codec == "gb18030":
        cjk = "\u3000" <= char <= "\u303f" or "\u4e00" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"
        wedged = 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha() \
            and text[i + 1].isascii() and text[i + 1].isalpha()
        return cjk and not wedged
    return unicodedata.category(char)[0] in "LPZ"
