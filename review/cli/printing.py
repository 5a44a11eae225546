"""Printing for people and scripts: JSON, aligned tables (CJK characters count double), one-line
cells. Scripts depend on the exact output (README "Command line" and "JSON output")."""
from __future__ import annotations

import json
import sys
import unicodedata
from typing import Any


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_table(header: list[str], rows: list[list[Any]]) -> None:
    cells = [header] + [[one_line(c) for c in row] for row in rows]
    widths = [min(max(_width(r[i]) for r in cells), 60) for i in range(len(header))]
    for row in cells:
        line = "  ".join(_pad(c, w) for c, w in zip(row, widths))
        sys.stdout.write(line.rstrip() + "\n")


def first_words(text: str, limit: int = 50) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(value: Any) -> str:
    return " ".join(str("" if value is None else value).split())


def indent(text: str, spaces: int = 2) -> str:
    return text.replace("\n", "\n" + " " * spaces)


def local_time(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    while _width(text) > width:
        text = text[:-2] + "…"
    return text + " " * (width - _width(text))
