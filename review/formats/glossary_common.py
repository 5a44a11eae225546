"""What the glossary readers and writers share (glossary_files.py: the doors and CSV;
glossary_tbx.py: TBX): the glossary read, its statuses, and the problems of one file."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ImportFailed, Problem
from ..model import TERM_STATUSES, GlossaryEntry
from ..texts import Said, said

# Entries of one glossary file. An entry takes about 330 bytes while it is imported and can be
# written in 5 ("a,b\r\n"): 1.2 million of them took 460 MB from a CSV of 12 MB. Real
# terminology bases hold thousands to tens of thousands of entries.
MAX_ENTRIES = 100_000
_STATUS_GROUPS = {
    "preferred": ("preferred", "standardized", "legal", "regulated"),
    "allowed": ("allowed", "admitted", "permitted"),
    "deprecated": ("deprecated", "superseded", "obsolete", "notrecommended"),
    "forbidden": ("forbidden", "prohibited"),
}
# Key (see status_key) -> status: each name, also with "term" appended (preferredTerm).
STATUS_ALIASES = {key + suffix: status for status, keys in _STATUS_GROUPS.items()
                  for key in keys for suffix in ("", "term")}


@dataclass(frozen=True)
class GlossaryFile:
    source_lang: str
    target_lang: str
    entries: list[GlossaryEntry]
    skipped: int = 0  # TBX concepts without a term in the source or the target language
    # what the import says, not what the glossary is (two reads of one glossary compare equal)
    skipped_ids: tuple[str, ...] = field(default=(), compare=False)  # their ids, else "line N"
    concepts: int = field(default=0, compare=False)  # TBX concepts in the file


def normalise_status(text: str) -> str:
    """One of TERM_STATUSES for a status as files write it; ValueError when unknown."""
    key = status_key(text)
    if not key:
        return "preferred"
    if key in STATUS_ALIASES:
        return STATUS_ALIASES[key]
    # the statuses are the words to write in the file: they stay English in every language
    raise ValueError(said("unknown-status", text=text.strip(), statuses=", ".join(TERM_STATUSES)))


def status_key(text: str) -> str:
    key = text.strip().lower().removesuffix("-admn-sts")
    return "".join(char for char in key if char.isalpha())


class Problems:
    """The problems of one file (has the `report` that csv_format's helpers call)."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def report(self, line: int | None, column: str | None, message: Said) -> None:
        self.problems.append(Problem(self.file, line, column, message))

    def raise_any(self) -> None:
        if self.problems:
            raise ImportFailed(sorted(self.problems, key=lambda p: p.line or 0))
