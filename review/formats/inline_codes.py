"""Inline codes of XLIFF files (1.2 and 2.0) as protected placeholders in a post's text, and
the same codes written back on export. (A TMX's codes are kept another way: its memory units
keep each coded <seg> whole, see tmx_files.py.)

A placeholder is ONE character of the Basic Multilingual Plane's Private Use Area (U+E000 to
U+F8FF), chosen per unit among the characters the unit's own texts do not hold, so it can never
collide with what HQ wrote; one character also means an editor moves over it, deletes it and
selects it as a unit (it cannot be half-edited), and every length or position the rest of the
program computes stays a plain string index. A sequence of delimiters and digits would need all
of that enforced by hand.

What each placeholder stands for travels with the post as its HQ field `codes` (an event field,
checked by event_rules like every field):
    {placeholder: {"role": "code" | "open" | "close" | "unit", "xml": markup, "shows": text,
                   "label": short name, "target_xml": markup (only when the target differs),
                   "pair": the opening placeholder (a "close" only),
                   "data": the 2.0 <data> elements the code refers to (if any)}}
- "code": a whole element (XLIFF 1.2 x, bx, ex, ph, bpt, ept, it; 2.0 ph, sc, ec, sm, em,
  cp): `xml` is the element exactly as the file had it, native code inside included;
- "open"/"close": an element that wraps text (XLIFF 1.2 g, mrk; 2.0 pc, mrk): `xml` is the
  opening element without its content; the text inside stays reviewable text;
- "unit": an element of the unit the codes need, in no text (1.2 <seg-source>).
`shows` is what the code stands for in the published text (equiv-text / equiv, else nothing):
the length counters and the memory read it instead of the placeholder. `label` is what the
review pane shows (disp, else equiv-text, else the element's name and id).
"""
from __future__ import annotations

import copy
import re
from typing import Any

from lxml import etree

from ..texts import said
from .placeholders import FIRST, LAST, PLACEHOLDER

# Elements that wrap reviewable text (an opening and a closing placeholder), by local name.
PAIRED = frozenset({"g", "mrk", "pc", "hi"})
# Elements that are one code, whatever they hold (native code, <sub> flows and all). XLIFF
# 2.0's annotation markers <sm/>/<em/> (a term, a comment) and <cp hex/> (a character XML
# cannot hold) are codes too: dropped as unknown elements, a rewrite lost them unsaid.
STANDALONE = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "ut",
                        "sm", "em", "cp"})
INLINE = PAIRED | STANDALONE
MAX_CODES = LAST - FIRST + 1
MAX_MARKUP = 20_000  # characters of one code's markup (a bpt's native code, a link...)
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class TooManyCodes(ValueError):
    """A unit holds more inline codes than there are placeholders (6,400), or a code longer
    than MAX_MARKUP (a package carrying it would be refused)."""


class CodesUnwritable(ValueError):
    """A text's placeholders cannot be turned back into markup (a closing code without its
    opening one, or an opening one never closed); the message names the code."""


def is_inline(element: etree._Element) -> bool:
    tag = element.tag
    return isinstance(tag, str) and tag.rpartition("}")[2] in INLINE


def has_codes(element: etree._Element | None) -> bool:
    return element is not None and any(is_inline(child) for child in element.iterdescendants())


# ---------------------------------------------------------------------------------- reading

class CodeReader:
    """Turns the <source> and then the <target> of one unit into texts with placeholders,
    giving a target's code the source's placeholder when it is the same code (same element,
    role and id), so the check can compare them."""

    def __init__(self, taken: str = "", data: dict[str, str] | None = None,
                 namespace: str | None = None) -> None:
        self.codes: dict[str, dict[str, str]] = {}
        self._namespace = namespace  # the codes' elements are put in it (XLIFF 1.0/1.1 -> 1.2)
        self._data = data or {}  # XLIFF 2.0: id -> <data> of the unit's <originalData>
        self._taken = set(taken)
        self._next = FIRST
        self._by_key: dict[tuple, str] = {}
        self._side = "source"

    def text(self, element: etree._Element | None, side: str) -> str:
        """The element's text, each inline code a placeholder (recorded in `codes`)."""
        self._side = side
        self._seen: dict[tuple, int] = {}
        if element is None:
            return ""
        parts: list[str] = [element.text or ""]
        for child in element:
            self._child(child, parts)
        return "".join(parts)

    def _child(self, child: etree._Element, parts: list[str]) -> None:
        name = child.tag.rpartition("}")[2] if isinstance(child.tag, str) else None
        if name in PAIRED:
            opening = self._code(child, "open", _shell(child, self._namespace), name)
            parts.append(opening)
            parts.append(child.text or "")
            for inner in child:
                self._child(inner, parts)
            parts.append(self._code(child, "close", "", name, pair=opening))
        elif name in STANDALONE:
            parts.append(self._code(child, "code", _whole(child, self._namespace), name))
        elif name is not None:  # an element XLIFF does not allow here: its text is kept
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")

    def _code(self, element: etree._Element, role: str, xml: str, name: str,
              pair: str | None = None) -> str:
        if len(xml) > MAX_MARKUP:  # a package carrying it would be refused (codes_valid)
            raise TooManyCodes(said("xliff-code-too-long", length=len(xml), limit=MAX_MARKUP))
        ident = next((element.get(a) for a in ("id", "startRef", "rid", "x", "i", "hex")
                      if element.get(a) is not None), "")
        key = (name, role, ident, pair if role == "close" else None)
        occurrence = self._seen.get(key, 0)
        self._seen[key] = occurrence + 1
        key += (occurrence,)
        found = self._by_key.get(key)
        if found is not None and self._side == "target":
            if self.codes[found]["xml"] != xml:
                self.codes[found]["target_xml"] = xml
            return found
        char = self._fresh()
        self._by_key[key] = char
        record = {"role": role, "xml": xml, "shows": _shows(element, role),
                  "label": _label(element, name, role, ident)}
        if pair is not None:
            record["pair"] = pair
        data = "".join(self._data.get(element.get(a), "") for a in _DATA_REFS if role != "close")
        if len(data) > MAX_MARKUP:
            raise TooManyCodes(said("xliff-code-too-long", length=len(data), limit=MAX_MARKUP))
        if data:
            record["data"] = data
        self.codes[char] = record
        return char

    def keep(self, element: etree._Element, label: str) -> None:
        """Keep an element of the unit that no text holds (under a placeholder of its own)."""
        self.codes[self._fresh()] = {"role": "unit", "xml": _whole(element, self._namespace),
                                     "shows": "", "label": label}

    def _fresh(self) -> str:
        while self._next <= LAST and chr(self._next) in self._taken:
            self._next += 1
        if self._next > LAST:
            raise TooManyCodes(said("xliff-too-many-codes", limit=MAX_CODES))
        char = chr(self._next)
        self._next += 1
        return char


_DATA_REFS = ("dataRef", "dataRefStart", "dataRefEnd")


def unit_texts(source: etree._Element | None, target: etree._Element | None,
               original_data: etree._Element | None = None, namespace: str | None = None,
               seg_source: etree._Element | None = None,
               ) -> tuple[str, str | None, dict[str, dict[str, str]]]:
    """(source text, target text or None, codes) of one unit, codes as placeholders. XLIFF
    2.0's `original_data`: the unit's <originalData>, whose <data> the codes refer to (each
    code keeps the ones it refers to, so an export writes them back)."""
    taken = "".join((source.itertext() if source is not None else ())) + \
        "".join((target.itertext() if target is not None else ()))
    data = {d.get("id"): _whole(d) for d in original_data.iterchildren("{*}data")} \
        if original_data is not None else {}
    reader = CodeReader(taken, data, namespace)
    source_text = reader.text(source, "source")
    target_text = reader.text(target, "target") if target is not None else None
    if seg_source is not None:  # XLIFF 1.2: what the target's <mrk mtype="seg" mid> refer to
        if target is not None and not has_words(target_text):
            # A target of empty segments (Trados' untranslated unit): HQ's draft is the source
            # as segmented, so the reviewed text goes back in the segments the tool expects.
            target_text = reader.text(seg_source, "target")
        reader.keep(seg_source, "seg-source")
    return source_text, target_text, reader.codes


def has_words(text: str | None) -> bool:
    """Whether a text holds anything but placeholders and whitespace (a target of only codes
    is not a translation)."""
    return bool(text) and bool(PLACEHOLDER.sub("", text).strip())


def _shell(element: etree._Element, namespace: str | None) -> str:
    shell = etree.Element(element.tag, dict(element.attrib), nsmap=element.nsmap)
    return _serialised(shell, element, namespace)


def _whole(element: etree._Element, namespace: str | None = None) -> str:
    whole = copy.deepcopy(element)
    whole.tail = None
    return _serialised(whole, element, namespace)


def _serialised(copied: etree._Element, original: etree._Element, namespace: str | None) -> str:
    """The copy as markup, with only the namespaces it uses; with `namespace`, the elements of
    the original's namespace moved into it (an XLIFF 1.0/1.1 file's codes go out as 1.2)."""
    own = etree.QName(original).namespace
    if namespace is not None and own != namespace:
        for node in copied.iter():
            if isinstance(node.tag, str) and etree.QName(node).namespace == own:
                node.tag = f"{{{namespace}}}{etree.QName(node).localname}"
        copied = copy.deepcopy(copied)  # its nsmap still declares the old namespace
        wrapper = etree.Element(f"{{{namespace}}}x", nsmap={None: namespace})
        wrapper.append(copied)
    etree.cleanup_namespaces(copied)
    return etree.tostring(copied, encoding="unicode", with_tail=False)


def _shows(element: etree._Element, role: str) -> str:
    if role == "close":
        return element.get("equivEnd") or ""
    for attribute in ("equiv-text", "equiv", "equivStart"):
        if element.get(attribute) is not None:
            return element.get(attribute)
    return ""


def _label(element: etree._Element, name: str, role: str, ident: str) -> str:
    if role == "close":
        return element.get("dispEnd") or f"/{name}{ident}"
    for attribute in ("disp", "dispStart", "equiv-text", "equiv", "equivStart"):
        if element.get(attribute):
            return element.get(attribute)[:30]
    return f"{name}{ident}"[:30]


def namespaces(codes: dict[str, Any]) -> set[str]:
    """The namespaces of the codes' elements ("" for none): which format they belong to."""
    found = set()
    for code in codes.values():
        if code["xml"]:
            found.add(etree.QName(parse_code(code["xml"])).namespace or "")
    return found


def parse_code(xml: str) -> etree._Element:
    return etree.fromstring(xml, _SAFE_PARSER)


def fill(element: etree._Element, text: str, codes: dict[str, Any] | None, side: str) -> None:
    """Write `text` into `element`, each placeholder as its original markup (a target takes
    its own markup when the file's target differed from its source). Raises CodesUnwritable
    when the opening and closing codes do not nest."""
    if not codes or not PLACEHOLDER.search(text):
        element.text = text
        return
    element.text = None
    stack: list[tuple[str, etree._Element]] = [("", element)]
    for piece in re.split("([\ue000-\uf8ff])", text):
        code = codes.get(piece) if len(piece) == 1 else None
        if code is None or code["role"] == "unit":  # (a "unit" code is in no text)
            append_text(stack[-1][1], piece)
        elif code["role"] == "close":
            if stack[-1][0] != code.get("pair"):
                raise CodesUnwritable(code["label"])
            stack.pop()
        else:
            xml = code.get("target_xml", code["xml"]) if side == "target" else code["xml"]
            node = parse_code(xml)
            stack[-1][1].append(node)
            if code["role"] == "open":
                stack.append((piece, node))
    if len(stack) > 1:
        raise CodesUnwritable(codes[stack[-1][0]]["label"])


def append_text(parent: etree._Element, piece: str) -> None:
    """Text goes after the parent's last child (what was written last inside it), else first."""
    if not piece:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + piece
    else:
        parent.text = (parent.text or "") + piece


# ---------------------------------------------------------------------------------- checking

_RECORD_KEYS = {"role", "xml", "shows", "label", "target_xml", "pair", "data"}
# "unit": an element of the unit the codes need, in no text (1.2 <seg-source>, whose segments
# a target's <mrk mtype="seg" mid="…"> refer to).
_ROLES = ("code", "open", "close", "unit")


def codes_valid(value: Any) -> bool:
    """Whether `value` is a `codes` field as an import writes it (an event from a package may
    carry anything): placeholders of the Private Use Area, each a known role, markup that is
    one XML element, and every closing code paired with an opening one of the same map."""
    if not isinstance(value, dict) or len(value) > MAX_CODES:
        return False
    for char, record in value.items():
        if not (isinstance(char, str) and len(char) == 1 and PLACEHOLDER.match(char)):
            return False
        if not _record_valid(record):
            return False
        if record["role"] == "close" and value.get(record.get("pair"), {}).get("role") != "open":
            return False
    return True


def _record_valid(record: Any) -> bool:
    if not isinstance(record, dict) or not {"role", "xml", "shows", "label"} <= set(record) \
            or not set(record) <= _RECORD_KEYS or record["role"] not in _ROLES:
        return False
    if not all(isinstance(v, str) and len(v) <= MAX_MARKUP for v in record.values()):
        return False
    if record["role"] == "close":
        return record["xml"] == "" and "pair" in record
    if "data" in record and not _data_valid(record["data"]):
        return False
    return "pair" not in record and all(_one_element(record[k], record["role"])
                                        for k in ("xml", "target_xml") if k in record)


def original_data(codes: dict[str, Any], namespace: str) -> etree._Element | None:
    """XLIFF 2.0: the <originalData> the codes refer to (each <data> once), or None."""
    data = "".join(dict.fromkeys(c["data"] for c in codes.values() if c.get("data")))
    if not data:
        return None
    container = parse_code(f'<originalData xmlns="{namespace}">{data}</originalData>')
    seen: set[str] = set()
    for element in list(container):  # two codes may refer to the same <data>
        if element.get("id") in seen:
            container.remove(element)
        seen.add(element.get("id"))
    return container


def _data_valid(data: str) -> bool:
    if "<!" in data:
        return False
    try:
        container = parse_code(f"<originalData>{data}</originalData>")
    except etree.XMLSyntaxError:
        return False
    return all(isinstance(e.tag, str) and e.tag.rpartition("}")[2] == "data" for e in container)


def _one_element(xml: str, role: str) -> bool:
    if "<!" in xml:  # a DOCTYPE (entities), a comment or CDATA: never what an import writes
        return False
    try:
        element = parse_code(xml)
    except etree.XMLSyntaxError:
        return False
    return etree.QName(element).localname == "seg-source" if role == "unit" else is_inline(element)


def unit_elements(codes: dict[str, Any]) -> list[etree._Element]:
    """The unit-level elements the codes need written beside <source> (1.2 <seg-source>)."""
    return [parse_code(c["xml"]) for c in codes.values() if c["role"] == "unit"]
