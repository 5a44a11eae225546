"""A post's inline codes (XLIFF's, see inline_codes.py) as TMX 1.4 inline elements, so a TMX
export gives a CAT tool's memory the codes where they are, not only what they stand for.

TMX has four elements for codes and one for marked text; each XLIFF code maps to one:
- a code that wraps text (1.2 <g>, 2.0 <pc>) -> <bpt i>…</bpt> text <ept i>…</ept>;
- an annotation that wraps text (<mrk>) -> <hi>text</hi> (TMX's marked text);
- a code that begins or ends a span (1.2 <bpt>/<bx>, <ept>/<ex>; 2.0 <sc>, <ec>) -> <bpt>/<ept>
  when both ends are in the segment, else <it pos="begin"|"end"> (TMX's isolated code);
- 1.2 <it> -> <it pos>; anything else (1.2 <x>, <ph>; 2.0 <ph>) -> <ph>.
The content of each is the native code as the XLIFF file had it (1.2: the element's text; 2.0:
the <data> its dataRef points to), empty when the file had none (<x/>, <g>). `i` pairs a
<bpt> with its <ept>, and `x` is the same for the same code in the source and the target (the
placeholder's number), which is how TMX tools align codes. Written with lxml, so the markup is
well-formed and escaped whatever the native code holds.
"""
from __future__ import annotations

from typing import Any

from lxml import etree

from .inline_codes import append_text, parse_code
from .placeholders import FIRST, PLACEHOLDER

_BEGINS = {"bpt": ("rid", "id"), "bx": ("rid", "id"), "sc": ("id",)}
_ENDS = {"ept": ("rid", "id"), "ex": ("rid", "id"), "ec": ("startRef", "id")}
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
_NATIVE = frozenset({"bpt", "ept", "ph", "it"})  # XLIFF 1.2 elements whose text is native code


def tmx_seg(text: str, codes: dict[str, Any] | None) -> str | None:
    """The <seg> of `text` with its codes as TMX elements, or None when it holds none."""
    wanted = [c for c in PLACEHOLDER.findall(text) if c in (codes or {})]
    if not any(codes[c]["role"] != "unit" for c in wanted):
        return None
    elements = {c: parse_code(codes[c]["xml"]) for c in wanted if codes[c]["role"] != "close"}
    elements.update({codes[c]["pair"]: parse_code(codes[codes[c]["pair"]]["xml"])
                     for c in wanted if codes[c]["role"] == "close"})
    paired = _paired_spans(wanted, codes, elements)
    closed = {codes[c]["pair"] for c in wanted if codes[c]["role"] == "close"}
    seg = etree.Element("seg")
    stack: list[tuple[str, etree._Element]] = [("", seg)]  # the open <hi>s
    for piece, is_code in _pieces(text, codes):
        parent = stack[-1][1]
        if not is_code:
            append_text(parent, piece)
        elif codes[piece]["role"] == "close":
            opening = codes[piece]["pair"]
            native = _native(codes[opening], elements[opening], "dataRefEnd")
            if _name(elements[opening]) == "mrk" and stack[-1][0] == opening:
                stack.pop()
            elif _name(elements[opening]) != "mrk" and opening in wanted:
                _code(parent, "ept", native, i=_number(opening))
            elif _name(elements[opening]) != "mrk":  # its opening was deleted (approved anyway)
                _code(parent, "it", native, pos="end", x=_number(opening))
        elif codes[piece]["role"] == "open" and _name(elements[piece]) == "mrk":
            stack.append((piece, etree.SubElement(parent, "hi", x=_number(piece))))
        elif codes[piece]["role"] == "open":
            native = _native(codes[piece], elements[piece], "dataRefStart")
            if piece in closed:
                _code(parent, "bpt", native, i=_number(piece), x=_number(piece))
            else:  # its closing code was deleted (approved anyway): an isolated begin
                _code(parent, "it", native, pos="begin", x=_number(piece))
        elif codes[piece]["role"] == "code":
            _standalone(parent, piece, codes[piece], elements[piece], paired)
    return etree.tostring(seg, encoding="unicode")


def _standalone(parent: etree._Element, char: str, code: dict, element: etree._Element,
                paired: dict[str, str]) -> None:
    name = _name(element)
    native = _native(code, element, "dataRef")
    if char in paired:  # a begin or end whose other end is in the segment
        kind = "bpt" if name in _BEGINS else "ept"
        attributes = {"i": paired[char]} | ({"x": _number(char)} if kind == "bpt" else {})
        _code(parent, kind, native, **attributes)
    elif name in _BEGINS or name in _ENDS or name == "it":
        begins = name in _BEGINS or (name == "it" and element.get("pos") == "open")
        _code(parent, "it", native, pos="begin" if begins else "end", x=_number(char))
    else:
        _code(parent, "ph", native, x=_number(char))


def _paired_spans(wanted: list[str], codes: dict, elements: dict) -> dict[str, str]:
    """Begin and end codes whose other end is in the text after/before them: char -> i."""
    open_by_key: dict[tuple[str, str], str] = {}
    paired: dict[str, str] = {}
    for char in wanted:
        element = elements.get(char)
        if element is None or codes[char]["role"] != "code":
            continue
        name = _name(element)
        if name in _BEGINS:
            open_by_key[(_family(name), _key(element, _BEGINS[name]))] = char
        elif name in _ENDS:
            begin = open_by_key.pop((_family(name), _key(element, _ENDS[name])), None)
            if begin is not None:
                paired[begin] = paired[char] = _number(begin)
    return paired


def _family(name: str) -> str:
    return {"bpt": "pt", "ept": "pt", "bx": "x", "ex": "x", "sc": "c", "ec": "c"}[name]


def _key(element: etree._Element, attributes: tuple[str, ...]) -> str:
    return next((element.get(a) for a in attributes if element.get(a) is not None), "")


def _native(code: dict, element: etree._Element, reference: str) -> str:
    """The native code a TMX element holds: XLIFF 1.2's element text, or the 2.0 <data> the
    element's `reference` (dataRef, dataRefStart, dataRefEnd) points to (kept with the code)."""
    if etree.QName(element).namespace == XLIFF12_NS:
        return "".join(element.itertext()) if _name(element) in _NATIVE else ""
    data_id, data = element.get(reference), code.get("data")
    if not data_id or not data:
        return ""
    found = next((d for d in parse_code(f"<d>{data}</d>") if d.get("id") == data_id), None)
    return "".join(found.itertext()) if found is not None else ""


def _code(parent: etree._Element, name: str, native: str, **attributes: str) -> None:
    element = etree.SubElement(parent, name, attributes)
    element.text = native or None


def _pieces(text: str, codes: dict[str, Any]) -> list[tuple[str, bool]]:
    """(text, False) and (placeholder, True) in order: a placeholder is a str too."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        if match.group() in codes:
            pieces += [(text[last:match.start()], False), (match.group(), True)]
            last = match.end()
    return pieces + [(text[last:], False)]


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname


def _number(char: str) -> str:
    return str(ord(char) - FIRST + 1)
