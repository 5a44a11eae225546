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
from dataclasses import dataclass
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


def tokened(text: str, codes: dict[str, Any] | None) -> str:
    """`text` with each placeholder as its numbered token (`<1>`, `</1>`, `<2/>`): what the
    review pane draws, the queue lists and the clipboard carries to other programs."""
    if not codes or not PLACEHOLDER.search(text):
        return text
    tokens = code_tokens(codes)
    return PLACEHOLDER.sub(lambda m: tokens[m.group()].text if m.group() in tokens
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


def expected_placeholders(source_text: str, draft_text: str | None,
                          codes: dict[str, Any] | None) -> list[str]:
    """The placeholders a text of the post must hold: HQ's draft's when the draft holds any (a
    CAT file's target may number its codes differently from its source), else the source's."""
    if not codes:
        return []
    in_draft = placeholders_in(draft_text, codes) if draft_text else []
    return in_draft or placeholders_in(source_text, codes)


def missing_placeholders(text: str, source_text: str, draft_text: str | None,
                         codes: dict[str, Any] | None) -> list[str]:
    """The expected placeholders `text` does not hold, in the order the draft (or source) has
    them: what "insert the next missing code" inserts, first one first."""
    if not codes:
        return []
    return code_problems(text, expected_placeholders(source_text, draft_text, codes),
                         codes)["missing"]


# ------------------------------------------------------------------------------ numbered tokens

@dataclass(frozen=True)
class Token:
    """How the review pane shows one placeholder: `number` (an opening code and its closing
    one share it), `shape` "open" | "close" | "code" (standalone), `text` `<1>` / `</1>` /
    `<1/>`, the way CAT tools number their tags."""

    number: int
    shape: str

    @property
    def text(self) -> str:
        return {"open": f"<{self.number}>", "close": f"</{self.number}>"}.get(
            self.shape, f"<{self.number}/>")


# Codes that are one element yet open or close a span of formatting (XLIFF 1.2 bpt/ept and
# bx/ex, 2.0 sc/ec and the annotation markers sm/em, memoQ's paired bpt/ept): their shape,
# and the attribute that pairs them.
_OPENING = {"bpt": ("rid", "id", "i"), "bx": ("rid", "id"), "sc": ("id",), "sm": ("id",)}
_CLOSING = {"ept": ("rid", "id", "i"), "ex": ("rid", "id"), "ec": ("startRef", "id"),
            "em": ("startRef",)}
_FAMILY = {"sc": "sc", "ec": "sc", "bx": "bx", "ex": "bx", "sm": "sm", "em": "sm"}
_START_TAG = re.compile(r"<(?:[\w.-]+:)?([\w.-]+)([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w.:-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def code_tokens(codes: dict[str, Any] | None) -> dict[str, Token]:
    """The token of every placeholder of `codes`, numbered in source order: an import gives
    placeholders in reading order, source first (inline_codes.CodeReader), so the order of the
    characters is that order, and the numbers are the same in every view, the queue and every
    session. A closing code takes its opening code's number."""
    tokens: dict[str, Token] = {}
    opened: dict[tuple[str, str], int] = {}
    count = 0
    for char in sorted(codes or ()):
        shape, pair = _shape(char, codes[char])
        if shape is None:  # a "unit" code: in no text
            continue
        number = opened.get(pair) if shape == "close" and pair is not None else None
        if number is None:
            count += 1
            number = count
            if shape == "open" and pair is not None:
                opened[pair] = number
        tokens[char] = Token(number, shape)
    return tokens


def _shape(char: str, code: dict[str, Any]) -> tuple[str | None, tuple[str, str] | None]:
    role = code.get("role")
    if role == "open":
        return "open", ("pair", char)
    if role == "close":
        return "close", ("pair", code.get("pair", ""))
    if role != "code":
        return None, None
    found = _START_TAG.match(code.get("xml", ""))
    if found is None:
        return "code", None
    name = found.group(1)
    attributes = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                  for m in _ATTRIBUTE.finditer(found.group(2))}
    ident = attributes.get("id", "")
    if name in ("x", "ph") and ident.startswith(("START_", "CLOSE_")):
        # Angular's XLIFF writes an element's start and end as two <x>, START_BOLD_TEXT and
        # CLOSE_BOLD_TEXT (START_TAG_SPAN_1 and CLOSE_TAG_SPAN_1 for a second one)
        return ("open" if ident.startswith("START_") else "close"), ("angular", ident[6:])
    if name == "it":  # an isolated tag: it says which end it is
        return {"open": "open", "close": "close"}.get(attributes.get("pos", ""), "code"), None
    for table, shape in ((_OPENING, "open"), (_CLOSING, "close")):
        if name in table:
            ident = next((attributes[a] for a in table[name] if a in attributes), None)
            family = _FAMILY.get(name, "bpt")
            return shape, (family, ident) if ident is not None else None
    return "code", None
