"""Untrusted XML (TMX, TBX) read safely, and the file helpers the glossary and memory formats share.

An XML file that arrives by e-mail is hostile until checked. `parse_xml` (and `check_xml`, which
only checks) refuses, with a problem naming the file:
- a file over MAX_XML_BYTES, before reading it;
- a DOCTYPE whose internal subset declares an entity (`<!ENTITY`): external entities (XXE) and
  entity expansion (billion laughs) both need one. translate-toolkit would not resolve them, but
  it silently drops an `&xxe;` reference from the text, so such a file is refused as a whole.
  The subset is looked for in the text decoded the way the parser will decode it (byte order
  mark, then the XML declaration's encoding), and in the raw bytes as ASCII, so UTF-16 or UTF-7
  cannot hide it; after parsing, the parser's own view of the DTD is checked again;
- an entity reference left in the tree (`&foo;` defined, if anywhere, in an external DTD that
  is never loaded): its text would be lost without a word;
- XML that is not well-formed: the parser's first error, with its line.
A plain external DOCTYPE (`<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">`, as real TBX and
TMX files carry) is accepted and never fetched: the parser loads no DTD and uses no network.
"""
from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator

from lxml import etree

from ..errors import ImportFailed, Problem
from ..texts import Said, said
from .bounds import BASELINE, allowance, memory_bound
from .regular import FileTooLarge, cannot_read, read_regular
from .rows import line_at, refuse

MAX_XML_BYTES = 50 * 1024 * 1024  # a TMX of 100,000 units is about 30 MB
# Bytes of memory a '<' and an '=' of a file cost once it is read, by its root element: the tree
# lxml builds, and what the reader makes of it (translate-toolkit's units and each inline code's
# kept markup for XLIFF: 570 bytes a code, measured on units of 1,000 <x/>), measured
# on files of tiny elements and of short units (tests/test_hostile_bounds.py), rounded up.
_COST_PER_TAG = {"tmx": 160, "martif": 140, "xliff": 350}
_COST_PER_ATTRIBUTE = 230
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# What each root element means, so a file given to the wrong importer gets a useful message:
# the suffix of the templates `kind-…` (what the file is) and `advice-…` (what to do with it).
_KNOWN_ROOTS = {"tmx": "tmx", "martif": "tbx", "tbx": "tbx3", "xliff": "xliff"}
# Byte order marks, longest first (a UTF-32 LE mark starts like a UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_BE, "utf-16"),
         (codecs.BOM_UTF16_LE, "utf-16"))
# "<?" in UTF-16/32 without a byte order mark, and "<?xm" in EBCDIC, whose "<" is 4C in every
# code page (XML 1.0, appendix F; libxml2 reads all of them).
_UNMARKED = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
             (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
             (b"\x4c\x6f\xa7\x94", "cp037"))
_DECLARED_ENCODING = re.compile(  # EncName of the XML grammar
    rb"""<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]{0,39})["']""")
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_DOCTYPE_HEAD = re.compile(r"""<!DOCTYPE(?:[^"'\[>]++|"[^"]*+"|'[^']*+')*+""")
# Each item of an internal subset; an unclosed literal, comment or PI runs to the end, so the
# scan stays linear however the text is built.
_SUBSET_ITEM = re.compile(
    r"""[^"'\]<]++|"[^"]*+"?|'[^']*+'?|<!--(?:.*?-->|.*)|<\?(?:.*?\?>|.*)|<""", re.S)
# Only this much of the file's start is scanned as text: no real prolog is longer, and what lies
# beyond is still checked in the parsed document (see _refuse_entities_in_tree).
_SCAN_LIMIT = 1024 * 1024
_XML_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# ---------------------------------------------------------------------------------- reading

def read_file(path: str | os.PathLike[str], limit: int = MAX_XML_BYTES) -> bytes:
    """The whole file, refused (ImportFailed) when missing, not a file, or over `limit` bytes
    (known before a byte of it is read)."""
    file = os.fspath(path)
    try:
        return read_regular(file, limit)
    except FileTooLarge as error:
        _check_size(file, error.size, limit)
        raise  # not reached: the size is over the limit
    except OSError as error:
        refuse(file, cannot_read(error))


def _check_size(file: str, size: int, limit: int) -> None:
    if size > limit:
        refuse(file, said("xml-too-large", size=size / 2**20, limit=limit // 2**20))


def check_xml(data: bytes, file: str) -> None:
    """Raise ImportFailed when `data` is not safe, well-formed XML; see the module docstring."""
    parse_xml(data, file)


def parse_xml(data: bytes, file: str, root: str | None = None,
              cost_as: str | None = None) -> etree._ElementTree:
    """The checked document; with `root`, also refuse a document whose root element differs.
    `cost_as`: the root whose memory cost to assume when `root` is not given (TBX 3's <tbx>
    costs what TBX 2008's <martif> does)."""
    _check_size(file, len(data), MAX_XML_BYTES)
    _refuse_declared_entities(data, file)
    _refuse_costly(data, file, root or cost_as)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, dtd_validation=False, attribute_defaults=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as error:
        raise ImportFailed([syntax_problem(file, error)]) from None
    _refuse_entities_in_attributes(data, file, parser.error_log)
    _refuse_entities_in_tree(tree, file)
    if root is not None:
        expect_root(tree, file, root)
    return tree


def _refuse_costly(data: bytes, file: str, root: str | None) -> None:
    """Refuse a file whose tree (and what its reader makes of it) would take more memory than a
    file of its size may: every '<' opens or closes a tag and every '=' gives an attribute, so
    their counts bound what the parser builds, whatever the file's shape."""
    tags, attributes = _markup_counts(data, file)
    per_tag = _COST_PER_TAG.get(root, max(_COST_PER_TAG.values()))
    need = tags * per_tag + attributes * _COST_PER_ATTRIBUTE + len(data)
    if need > allowance(len(data)):  # the message counts the program's own memory in, too
        refuse(file, said("xml-too-costly", tags=tags, attributes=attributes,
                           size=len(data) / 2**20, need=(need + BASELINE) // 2**20,
                           limit=memory_bound(len(data)) // 2**20))


def _markup_counts(data: bytes, file: str) -> tuple[int, int]:
    """How many '<' and '=' the parser will see: counted in the bytes when the encoding writes
    them as ASCII does, else in the text decoded as the parser decodes it (UTF-16, UTF-7...)."""
    encoding = _encoding(data, file)
    if "<=".encode(encoding) == b"<=" and encoding.lower().replace("_", "-") != "utf-7":
        return data.count(b"<"), data.count(b"=")
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    tags = attributes = 0
    for start in range(0, len(data), 1 << 20):
        text = decoder.decode(data[start:start + (1 << 20)], final=start + (1 << 20) >= len(data))
        tags, attributes = tags + text.count("<"), attributes + text.count("=")
    return tags, attributes


def _refuse_entities_in_attributes(data: bytes, file: str, log: etree._ListErrorLog) -> None:
    """libxml2 drops a reference to an entity it does not know from an attribute's value (with a
    warning; in text it leaves a node that _refuse_entities_in_tree finds): `id="HZ-&num;7"`
    would become `HZ-7`. Each such reference is refused, naming the element and attribute."""
    warnings = [entry for entry in log if entry.type_name == "WAR_UNDECLARED_ENTITY"]
    if not warnings:
        return
    text = _decoded(data, file)
    problems = []
    for line, name in sorted({(entry.line, _entity_name(entry.message)) for entry in warnings}):
        found = _in_attribute(text, line, name)
        if found:
            problems.append(Problem(file, line, None, said(
                "xml-entity-in-attribute", entity=f"&{name};", element=found[0],
                attribute=found[1])))
    if problems:
        raise ImportFailed(problems[:20])


def _entity_name(message: str) -> str:
    found = re.search(r"Entity '([^']*)'", message)
    return found.group(1) if found else ""


_TAG_NAME = re.compile(r"<([^\s/>!?]+)")
_ATTRIBUTE_NAME = re.compile(r"""([^\s=<>"']+)\s*=\s*["'][^"']*$""")


def _in_attribute(text: str, line: int, name: str) -> tuple[str, str] | None:
    """(element, attribute) of the first `&name;` on `line` that lies inside a start tag."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    at = text.find(f"&{name};", start, end)
    while at >= 0:
        tag = text.rfind("<", 0, at)
        if tag > text.rfind(">", 0, at):
            element = _TAG_NAME.match(text, tag)
            attribute = _ATTRIBUTE_NAME.search(text, tag, at)
            if element and attribute:
                return element.group(1), attribute.group(1)
        at = text.find(f"&{name};", at + 1, end)
    return None


def syntax_problem(file: str, error: etree.XMLSyntaxError) -> Problem:
    """The parser's first error (later ones usually follow from it), with its line."""
    message = re.sub(r", line \d+, column \d+$", "", error.msg or str(error))
    line, column = error.position if error.position else (error.lineno, None)
    said_ = said("xml-not-well-formed-at", detail=message, column=column) if column else \
        said("xml-not-well-formed", detail=message)  # the parser's own words stay English
    return Problem(file, line or None, None, said_)


def expect_root(tree: etree._ElementTree, file: str, root: str) -> None:
    element = tree.getroot()
    name = etree.QName(element).localname
    if name == root:
        return
    wanted = said("kind-" + _KNOWN_ROOTS[root])
    if name in _KNOWN_ROOTS:
        message = said("xml-wrong-root", name=name, root=root, wanted=wanted,
                       found=said("kind-" + _KNOWN_ROOTS[name]),
                       advice=said("advice-" + _KNOWN_ROOTS[name]))
    else:
        message = said("xml-unknown-root", name=name, root=root, wanted=wanted)
    raise ImportFailed([Problem(file, element.sourceline, None, message)])


def _refuse_declared_entities(data: bytes, file: str) -> None:
    head = data[:4 * _SCAN_LIMIT]  # up to 4 bytes a character
    for text in (_decoded(head, file)[:_SCAN_LIMIT], head[:_SCAN_LIMIT].decode("latin-1")):
        span = internal_subset(text)
        found = text.find("<!ENTITY", *span) if span else -1
        if found >= 0:
            raise ImportFailed([Problem(file, line_at(text, found), None,
                                        said("xml-entity-declared"))])


def _decoded(data: bytes, file: str) -> str:
    """The text as the parser will read it: byte order mark first, then the declaration."""
    return data.decode(_encoding(data, file), errors="replace")


def _encoding(data: bytes, file: str) -> str:
    """The codec the parser will read `data` with; an unknown one (or one that is not a text
    encoding, like rot13 or zlib) is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    for start, encoding in _UNMARKED:
        if data.startswith(start):
            return encoding
    declared = _DECLARED_ENCODING.match(data[:200])
    encoding = declared.group(1).decode("ascii", "replace") if declared else "utf-8"
    try:
        b"<".decode(encoding, errors="replace")  # LookupError for rot13 or zlib: not text
    except (LookupError, ValueError):
        refuse(file, said("xml-unknown-encoding", encoding=encoding))
    return encoding


def internal_subset(text: str) -> tuple[int, int] | None:
    """Where the DOCTYPE's internal subset (between `[` and `]`) is, or None if there is none.

    Only the prolog is looked at (before the root element), skipping comments and processing
    instructions, so `<!ENTITY` quoted in a comment or in a segment's CDATA does not count.
    """
    pos = 1 if text.startswith("\ufeff") else 0
    while (item := _PROLOG_ITEM.match(text, pos)) and item.end() > pos:
        pos = item.end()
    head = _DOCTYPE_HEAD.match(text, pos)
    if head is None or not text.startswith("[", head.end()):
        return None
    start = pos = head.end() + 1
    while (item := _SUBSET_ITEM.match(text, pos)) and item.end() > pos:
        pos = item.end()
    return start, pos


def _refuse_entities_in_tree(tree: etree._ElementTree, file: str) -> None:
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        refuse(file, said("xml-entity-declared"))
    problems = [Problem(file, entity.sourceline, None, said("xml-entity-used", entity=entity.text))
                for entity in tree.iter(etree.Entity)]
    if problems:
        raise ImportFailed(problems[:20])


# ---------------------------------------------------------------------------------- elements

def indent_around(root: etree._Element, texts: Iterator[etree._Element]) -> None:
    """Indent the tree by two spaces a level, as lxml's pretty printer does, except inside the
    `texts` (XLIFF's <source>/<target>, TMX's <seg>): the printer also indents a text made only
    of inline codes (`<seg><hi>Masvingo</hi><it/></seg>`), which would change the text."""
    kept = [(e, e.text, [(n, n.text, n.tail) for n in e.iterdescendants()]) for e in texts
            if len(e)]  # a text without elements is never indented
    etree.indent(root, space="  ")
    for element, text, nodes in kept:
        element.text = text
        for node, inner, tail in nodes:
            node.text, node.tail = inner, tail


def local_name(element: etree._Element) -> str | None:
    """`tu` for `<tu>` and `<ns:tu>`; None for comments, processing instructions, entities."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else None  # 4x faster than QName


def lisa_units(root: etree._Element, unit: str,
               language_node: str) -> Iterator[tuple[etree._Element, list[etree._Element]]]:
    """What translate-toolkit's LISA stores (tmxfile, tbxfile) call units: each descendant named
    `unit` in the root's default namespace, with its children named `language_node`. The same
    elements they would give, without a second tree and an object per unit (which doubled what
    reading a TMX took)."""
    namespace = root.nsmap.get(None)

    def tag(name: str) -> str:
        return f"{{{namespace}}}{name}" if namespace else name

    for element in root.iterdescendants(tag(unit)):
        yield element, list(element.iterchildren(tag(language_node)))


def xml_lang(element: etree._Element) -> str | None:
    """The element's language: its own xml:lang, or the nearest ancestor's (XML inherits it)."""
    while element is not None:
        value = element.get(XML_LANG)
        if value is not None:
            return value
        element = element.getparent()
    return None


def xml_space(element: etree._Element) -> str | None:
    """The nearest xml:space ("preserve" or "default") on the element or its ancestors."""
    while element is not None:
        value = element.get(XML_SPACE)
        if value is not None:
            return value
        element = element.getparent()
    return None


def xml_unwritable(text: str) -> Said | None:
    """Why XML 1.0 cannot hold `text`, or None when it can."""
    bad = _XML_UNWRITABLE.search(text)
    if bad is None:
        return None
    code = ord(bad.group())
    if 0xD800 <= code <= 0xDFFF:
        return said("unwritable-xml-surrogate")
    return said("unwritable-xml-control", code=code)


# ---------------------------------------------------------------------------------- writing


