"""What each export format is: its name for people, its file extension, and how it is written.

`exporting.py` picks one of these by its code (`EXPORT_FORMATS`); the CLI's `--format` and the
window's export dialog list them in this order.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from ..model import MemoryUnit
from . import EXPORT_FORMATS
from .batchfile import write_core_export
from .placeholders import as_markup, shown

Rows = list[dict[str, Any]]


def _never(row: dict[str, Any]) -> str | None:
    return None


def _anything(rows: Rows) -> None:
    return None


@dataclass(frozen=True)
class ExportFormat:
    code: str
    label: str  # for people: the export dialog and messages
    extension: str
    # write(stream, rows, batch time zone): the whole file to `stream`, or raise InvalidInput
    write: Callable[[IO[bytes], Rows, str], None]
    # Why a post cannot go into this format (it is left out and counted), or None.
    skip: Callable[[dict[str, Any]], str | None] = _never
    # Refuse the posts as a whole (too many, mixed platforms...) with InvalidInput.
    check: Callable[[Rows], None] = _anything
    review_notes: bool = False  # the rows need reviewers' notes (XLIFF)
    file_heads: bool = False  # the rows need the <file> they came in (XLIFF 2.0)
    # XLIFF's version: the export fills HQ's kept document of that version when there is one
    xliff: str | None = None


def _core(fmt: str) -> Callable[[IO[bytes], Rows, str], None]:
    return lambda stream, rows, zone: write_core_export(stream, with_texts(rows, as_markup), fmt)


def with_texts(rows: Rows, convert: Callable[[str, dict], str]) -> Rows:
    """The rows with their placeholders of inline codes turned into text by `convert`: a
    spreadsheet or JSON gets each code's original markup (nothing lost), a scheduling tool and
    a TMX what the code stands for (what will be published). Only XLIFF writes the codes back."""
    if not any(row.get("codes") for row in rows):
        return rows
    return [{**row, "source_text": convert(row["source_text"], row.get("codes")),
             "final_text": convert(row["final_text"], row.get("codes"))} for row in rows]


def _xliff(version: str) -> Callable[[IO[bytes], Rows, str], None]:
    def write(stream: IO[bytes], rows: Rows, zone: str) -> None:
        from .xliff_write import write_xliff12, write_xliff20  # lxml, loaded on use

        (write_xliff20 if version == "2.0" else write_xliff12)(stream, rows)
    return write


def _tmx(stream: IO[bytes], rows: Rows, zone: str) -> None:
    """Each post a <tu>: its texts as published (what a memory matches on), and where it has
    inline codes, its <seg>s with the codes as TMX elements (tmx_codes.py)."""
    from .tmx_codes import tmx_seg
    from .tmx_files import write_tmx_stream

    units = [MemoryUnit(r["source_lang"], r["target_lang"], r["source_text"], r["final_text"],
                        "Review Desk", r["approved_at"] or None,
                        tmx_seg(coded["source_text"], coded.get("codes")),
                        tmx_seg(coded["final_text"], coded.get("codes")))
             for coded, r in zip(rows, with_texts(rows, shown))]
    write_tmx_stream(stream, units)


def _schedule(layout: str) -> tuple[Callable, Callable]:
    from .scheduling import check_posts, write_schedule

    return (lambda stream, rows, zone: write_schedule(stream, with_texts(rows, shown), layout, zone),
            lambda rows: check_posts(layout, rows))


def _build() -> dict[str, ExportFormat]:
    from .scheduling import skip_reason

    hootsuite_write, hootsuite_check = _schedule("hootsuite")
    highlevel_write, highlevel_check = _schedule("highlevel")
    formats = [
        ExportFormat("csv", "CSV", "csv", _core("csv")),
        ExportFormat("xlsx", "Excel", "xlsx", _core("xlsx")),
        ExportFormat("json", "JSON", "json", _core("json")),
        ExportFormat("xliff12", "XLIFF 1.2", "xlf", _xliff("1.2"), review_notes=True,
                     xliff="1.2"),
        ExportFormat("xliff20", "XLIFF 2.0", "xlf", _xliff("2.0"), review_notes=True,
                     file_heads=True, xliff="2.0"),
        ExportFormat("tmx", "TMX 1.4", "tmx", _tmx),
        ExportFormat("hootsuite", "Hootsuite bulk CSV", "csv", hootsuite_write, skip_reason,
                     hootsuite_check),
        ExportFormat("highlevel", "HighLevel Social Planner CSV", "csv", highlevel_write,
                     skip_reason, highlevel_check),
    ]
    by_code = {f.code: f for f in formats}
    assert tuple(by_code) == EXPORT_FORMATS, "EXPORT_FORMATS and this registry must agree"
    return by_code


FORMATS: dict[str, ExportFormat] = _build()
