"""Placeholders of inline codes in a post's text, as text: which a text holds, what it reads as
once published, what a person sees. No XML here (inline_codes.py reads and writes the codes),
so the checks and the length counters use this without loading lxml.

A placeholder is one character of the BMP's Private Use Area (see inline_codes.py for why); it
stands for a code only when the post's `codes` name it, so a text's own private-use characters
(an icon font's glyph) are text like any other.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FIRST, LAST = 0xE000, 0xF8FF
PLACEHOLDER = re.compile("[\ue000-\uf8ff]")


def placeholders_in(text: str, codes: dict[str, Any]) -> list[str]:
    """The placeholders of `text` that stand for one of `codes`, in order."""
    if not codes:
        return []
    return [c for c in PLACEHOLDER.findall(text) if c in codes]


def shown(text: str, codes: dict[str, Any] | None) -> str:
    """`text` as it reads once published: each placeholder replaced by what it stands for."""
    if not codes or not PLACEHOLDER.search(text):
        return text
    return PLACEHOLDER.sub(lambda m: codes[m.group()]["shows"] if m.group() in codes
                           else m.group(), text)


def labelled(text: str, codes: dict[str, Any] | None) -> str:
    """`text` with each placeholder as its label in brackets, for messages and plain exports."""
    if not codes or not PLACEHOLDER.search(text):
        return text
    return PLACEHOLDER.sub(lambda m: f"[{codes[m.group()]['label']}]" if m.group() in codes
                           else m.group(), text)


def as_markup(text: str, codes: dict[str, Any] | None) -> str:
    """`text` with each placeholder written as its original markup (for CSV, JSON, XLSX)."""
    if not codes or not PLACEHOLDER.search(text):
        return text
    return PLACEHOLDER.sub(lambda m: _markup_text(codes[m.group()], codes) if m.group() in codes
                           else m.group(), text)


def _markup_text(code: dict[str, str], codes: dict[str, Any]) -> str:
    if code["role"] == "close":  # the end tag of its opening code's element
        opening = codes.get(code.get("pair"), {}).get("xml", "")
        name = re.match(r"<([^\s/>]+)", opening)
        return f"</{name.group(1)}>" if name else ""
    xml = _without_namespace(code["xml"])
    if code["role"] == "open":
        return xml[:-2] + ">" if xml.endswith("/>") else xml
    return xml


def _without_namespace(xml: str) -> str:
    return re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", xml, count=1)


def code_problems(text: str, expected: Iterable[str], codes: dict[str, Any]) -> dict[str, list[str]]:
    """Placeholders of `expected` missing from `text`, added to it, or there more than once."""
    found = placeholders_in(text, codes)
    wanted = list(expected)
    counts = {c: found.count(c) for c in set(found)}
    return {"missing": [c for c in wanted if c not in counts],
            "added": [c for c in counts if c not in wanted],
            "duplicated": [c for c, n in counts.items() if n > 1 and c in wanted]}
