"""Readers and writers of batch files, one module per format.

Readers turn a file into a list of `DraftPost` or raise `ImportFailed` listing every problem;
they never touch the database, so an import is all-or-nothing by construction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidInput
from ..texts import said

PLATFORMS = ("x", "facebook", "youtube", "linkedin", "other")
BATCH_FORMATS = ("csv", "xlsx", "json", "jsonl", "xliff")
CORE_EXPORT_FORMATS = ("csv", "xlsx", "json")  # written by batchfile.write_export
# Every format `review-desk export` writes (see export_formats.py for what each one is).
EXPORT_FORMATS = CORE_EXPORT_FORMATS + ("xliff12", "xliff20", "tmx", "hootsuite", "highlevel")
# Other names people give them, and the format an output file's extension says (--format may
# then be left out; hootsuite and highlevel are CSV files, so they are always named).
EXPORT_ALIASES = {"xliff": "xliff12", "xliff2": "xliff20"}
EXPORT_EXTENSIONS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".xlf": "xliff12",
                     ".xliff": "xliff12", ".xlf2": "xliff20", ".tmx": "tmx"}


def export_format_name(name: str) -> str:
    """A format as a person may write it (`XLSX`, `xliff`) as its code (`xlsx`, `xliff12`)."""
    name = name.strip().lower()
    return EXPORT_ALIASES.get(name, name)


def export_format_of(path) -> str:
    """The export format `path`'s extension says; refused (named) when it says none."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_EXTENSIONS:
        raise InvalidInput(said("export-format-not-said", suffix=suffix or "no extension",
                                extensions=", ".join(EXPORT_EXTENSIONS),
                                formats=", ".join(EXPORT_FORMATS)))
    return EXPORT_EXTENSIONS[suffix]


@dataclass(frozen=True)
class DraftPost:
    """One post as HQ sent it, validated and normalised, not yet stored."""

    line: int  # 1-based line (CSV, JSON, JSONL) or sheet row (XLSX) where the post starts
    external_id: str
    platform: str  # one of PLATFORMS
    source_lang: str  # normalised BCP-47, e.g. "zh-CN"
    source_text: str
    target_lang: str
    draft_text: str
    link: str | None = None
    media_note: str | None = None
    # ISO 8601. With an offset ("2026-12-01T09:30:00+02:00") when the file gave one; without
    # ("2026-12-01T09:30:00") when it did not: then it is the batch's local time.
    scheduled_at: str | None = None
    notes: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # A CAT file's inline codes: placeholder -> its original markup (see inline_codes.py).
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    # Notes other tools wrote in a CAT file: {"from", "category", "text"} each.
    tool_notes: list[dict[str, str]] = field(default_factory=list)


# How the platforms write their own names: messages say "Too long for X", never "x".
PLATFORM_NAMES = {"x": "X", "facebook": "Facebook", "youtube": "YouTube",
                  "youtube-title": "YouTube (title)", "linkedin": "LinkedIn", "other": "Other"}


def platform_name(platform: str) -> str:
    """A platform key as the platform writes its name ("youtube" -> "YouTube")."""
    return PLATFORM_NAMES.get(platform, platform)
