"""JSON and JSONL batch files, and JSON export.

JSON: a list of objects, one per post. JSONL: one object per line; blank lines are skipped.
Keys are matched like CSV headers. Values of the canonical keys: strings as they are, numbers
as their digits (id 17 reads as "17"), null as empty; true/false, lists and objects are refused.
Other keys go to `extra`: strings as they are, anything else as JSON text; null is left out.

Refused as well, each with its line: NaN and Infinity (not JSON), numbers too large for a
float (1e400), a key twice in one object, nesting deeper than MAX_DEPTH levels. A syntax error
stops a JSON file (nothing after it can be trusted) but only its own line in a JSONL file.
A required key missing from every object is one problem; missing from some, one per object.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import IO, Any

from ..texts import Said, said
from . import DraftPost
from .bounds import allowance
from .csv_format import MAX_COLUMNS
from .hq_files import PLAIN, ReadOptions
from .rows import (REQUIRED_COLUMNS, Columns, PostCollector, decode_text, line_at, match_header,
                   missing_column_problem)

MAX_DEPTH = 50  # levels of objects and lists inside one post; the post object is level 1
# Bytes Python's decoder takes for a key or a value while it decodes an object (193 measured for
# a key of 7 letters with its value, a tuple in a list of pairs).
COST_PER_VALUE = 200
_MAX_INT_DIGITS = 1000  # int() of a longer string is slow, and no id is that long
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_TOO_DEEP = said("json-too-deep", depth=MAX_DEPTH)

Element = tuple[int, Any, list[str]]  # line, decoded value, problems the decoder noticed


class _TooDeep(Exception):
    pass


class _Decoder:
    """json.JSONDecoder whose hooks note what strict JSON forbids instead of failing at once,
    so every problem in the file can be reported with its line."""

    def __init__(self) -> None:
        self.issues: list[Said] = []
        self._json = json.JSONDecoder(object_pairs_hook=self._object, parse_float=self._float,
                                      parse_int=self._int, parse_constant=self._constant)

    def decode(self, text: str, pos: int) -> tuple[Any, int, list[Said]]:
        """Decode the value at `pos`; raises JSONDecodeError or _TooDeep."""
        self.issues = []
        try:
            value, end = self._json.raw_decode(text, pos)
        except RecursionError:  # the C scanner recurses once per level
            raise _TooDeep() from None
        return value, end, self.issues

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if len(pairs) > MAX_COLUMNS:  # 3.9 million keys in one object: over 1 GB as a dict
            self.issues.append(said("too-many-keys", count=len(pairs), limit=MAX_COLUMNS))
            return {}
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                self.issues.append(said("json-duplicate-key", key=key))
            seen.add(key)
        return dict(pairs)

    def _float(self, text: str) -> float | None:
        value = float(text)
        if math.isfinite(value):
            return value
        self.issues.append(said("json-number-too-large", text=text))
        return None

    def _int(self, text: str) -> int | None:
        if len(text.lstrip("-")) > _MAX_INT_DIGITS:
            self.issues.append(said("json-number-digits", digits=len(text)))
            return None
        return int(text)

    def _constant(self, name: str) -> None:
        self.issues.append(said("json-constant", name=name))
        return None


# ---------------------------------------------------------------------------------- reading

def read_json(data: bytes, file: str, options: ReadOptions = PLAIN) -> list[DraftPost]:
    """Posts of a JSON file holding a list of objects, or ImportFailed listing every problem."""
    collector = PostCollector(file, options.day_order)
    text = decode_text(data, file, options.encoding)
    if _post_too_large(text, len(data), collector):
        return collector.result()
    _collect(_list_elements(text, collector), collector)
    return collector.result()


def read_jsonl(data: bytes, file: str, options: ReadOptions = PLAIN) -> list[DraftPost]:
    """Posts of a JSONL file (one object per line), or ImportFailed listing every problem."""
    collector = PostCollector(file, options.day_order)
    text = decode_text(data, file, options.encoding)
    _collect(_jsonl_elements(text, collector, allowance(len(data))), collector)
    return collector.result()


def _post_too_large(text: str, size: int, collector: PostCollector) -> bool:
    """Whether one element of the list holds more keys and values than the memory a file of
    `size` bytes may take can decode: Python's decoder builds every key and value of an object
    before anyone can look at it (3.9 million keys in one post: over 1 GB). Commas and colons
    bound the values and keys; only when the whole file's could pass the allowance are they
    counted element by element, with the strings skipped (a comma in a text is not a value)."""
    limit = allowance(size) // COST_PER_VALUE
    if text.count(",") + text.count(":") <= limit:
        return False
    values, start = _largest_element(text)
    if values <= limit:
        return False
    collector.report(line_at(text, start), None, said("json-post-too-large", count=values))
    return True


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*+"|[][{},:]')


def _largest_element(text: str) -> tuple[int, int]:
    """(most commas and colons inside one element of the top-level list, where it starts)."""
    depth = count = best = start = best_start = 0
    for token in _TOKEN.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth == 2:
                count, start = 0, token.start()
        elif char in "]}":
            depth -= 1
        elif depth >= 2 and char in ",:":
            count += 1
            if count > best:
                best, best_start = count, start
    return best, best_start


def _list_elements(text: str, collector: PostCollector) -> Iterator[Element]:
    """Each element of the top-level list with the line it starts on."""
    decoder = _Decoder()
    lines = _LineCounter(text)
    pos = _skip_whitespace(text, 0)
    if pos == len(text):
        collector.report(None, None, said("json-empty"))
        return
    if text[pos] != "[":
        collector.report(lines.at(pos), None,
                         said("json-not-a-list", found=_describe_start(text[pos])))
        return
    pos = _skip_whitespace(text, pos + 1)
    if text.startswith("]", pos):
        pos = _skip_whitespace(text, pos + 1)
    else:
        while True:
            line = lines.at(pos)
            try:
                value, end, issues = decoder.decode(text, pos)
            except json.JSONDecodeError as error:
                collector.report(error.lineno, None, _syntax_message(error))
                return
            except _TooDeep:
                collector.report(line, None, _TOO_DEEP)
                return
            yield line, value, issues
            pos = _skip_whitespace(text, end)
            if text.startswith(",", pos):
                pos = _skip_whitespace(text, pos + 1)
                continue
            if text.startswith("]", pos):
                pos = _skip_whitespace(text, pos + 1)
                break
            collector.report(lines.at(pos), None, said("json-expected-comma", line=line))
            return
    if pos != len(text):
        collector.report(lines.at(pos), None, said("json-text-after-list"))


def _jsonl_elements(text: str, collector: PostCollector, allowed: int) -> Iterator[Element]:
    """Each non-blank line's object; a bad line is reported and the next line read. A line of
    more commas and colons than `allowed` bytes could decode (see _post_too_large) is refused
    before it is decoded."""
    decoder = _Decoder()
    for number, start, end in _line_spans(text):
        line_text = text[start:end]
        pos = _skip_whitespace(line_text, 0)
        if pos == len(line_text):
            continue
        values = line_text.count(",") + line_text.count(":")
        if values * COST_PER_VALUE > allowed:
            collector.report(number, None, said("json-post-too-large", count=values))
            continue
        try:
            value, stop, issues = decoder.decode(line_text, pos)
        except json.JSONDecodeError as error:
            collector.report(number, None, _syntax_message(error))
            continue
        except _TooDeep:
            collector.report(number, None, _TOO_DEEP)
            continue
        rest = _skip_whitespace(line_text, stop)
        if rest != len(line_text):
            collector.report(number, None, said("json-text-after-object", column=rest + 1))
            continue
        yield number, value, issues


def _line_spans(text: str) -> Iterator[tuple[int, int, int]]:
    number, start = 1, 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield number, start, end
        number, start = number + 1, end + 1


# ---------------------------------------------------------------------------------- objects

def _collect(elements: Iterator[Element], collector: PostCollector) -> None:
    """Validate each object; a required key is checked across the whole file at the end."""
    key_maps: dict[tuple[str, ...], Columns] = {}
    lacking: dict[str, list[int]] = {column: [] for column in REQUIRED_COLUMNS}
    count = checked = 0
    for line, value, issues in elements:
        count += 1
        if not _acceptable(collector, line, value, issues, count):
            continue
        checked += 1
        columns = _columns_for(value, key_maps, collector, line)
        fields, extra = _object_fields(value, columns, collector, line)
        for column in REQUIRED_COLUMNS:
            if column not in fields:
                lacking[column].append(line)
                fields[column] = None  # reported below, once the whole file is known
        collector.add(line, fields, extra, columns.label_of)
    _report_lacking(collector, lacking, checked)


def _acceptable(collector: PostCollector, line: int, value: Any, issues: list[Said],
                number: int) -> bool:
    """Whether the element is an object worth validating; reports why not."""
    for issue in issues:
        collector.report(line, None, issue)
    if not isinstance(value, dict):
        collector.report(line, None, said("json-post-not-object", number=number,
                                          found=_describe(value)))
        return False
    if any(isinstance(v, (dict, list)) for v in value.values()) and _too_deep(value):
        collector.report(line, None, _TOO_DEEP)
        return False
    return not issues  # values the decoder objected to are not worth a second problem


def _report_lacking(collector: PostCollector, lacking: dict[str, list[int]], count: int) -> None:
    for column, lines in lacking.items():
        if count and len(lines) == count:
            collector.problems.append(missing_column_problem(collector.file, lines[0], column,
                                                             where="keys"))
            continue
        for line in lines:
            collector.report(line, column, said("missing-key"))


def _columns_for(obj: dict[str, Any], key_maps: dict[tuple[str, ...], Columns],
                 collector: PostCollector, line: int) -> Columns:
    """Key matching, done once for each distinct set of keys (usually one per file)."""
    keys = tuple(obj)
    if keys not in key_maps:
        columns, clashes = match_header(collector.file, line, list(keys),
                                        unnamed="key {}".format, require=False)
        collector.problems += clashes
        key_maps[keys] = columns
    return key_maps[keys]


def _object_fields(obj: dict[str, Any], columns: Columns, collector: PostCollector,
                   line: int) -> tuple[dict[str, str | None], dict[str, str]]:
    fields: dict[str, str | None] = {}
    extra: dict[str, str] = {}
    for column, label, value in zip(columns.canonical, columns.labels, obj.values()):
        if column is not None:
            fields[column] = _field_text(value)
            if fields[column] is None:
                collector.report(line, label, said("json-expected-text", found=_describe(value)))
        elif isinstance(value, str):
            if value.strip():
                extra[label] = value
        elif value is not None:
            extra[label] = json.dumps(value, ensure_ascii=False)
    return fields, extra


def _field_text(value: Any) -> str | None:
    """A canonical key's value as text, or None when its type is wrong."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _too_deep(value: Any) -> bool:
    """Whether containers nest deeper than MAX_DEPTH; iterative, so no recursion limit."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


# ---------------------------------------------------------------------------------- helpers

class _LineCounter:
    """Line of ascending positions in one pass: counting from the start each time would make
    a file of many posts quadratic."""

    def __init__(self, text: str):
        self.text, self.pos, self.line = text, 0, 1

    def at(self, pos: int) -> int:
        if pos < self.pos:
            return self.text.count("\n", 0, pos) + 1
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def _skip_whitespace(text: str, pos: int) -> int:
    return _WHITESPACE.match(text, pos).end()


def _syntax_message(error: json.JSONDecodeError) -> Said:
    # Python's own words for the syntax error stay English inside the translated frame
    return said("json-syntax", detail=error.msg, column=error.colno)


def _describe_start(char: str) -> Said:
    kind = {"{": "json-single-object", '"': "json-string"}.get(char, "json-other-than-list")
    return said(kind)


def _describe(value: Any) -> str:
    """What a JSON value is; true, false and null as JSON writes them (not translated)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    kinds: dict[type, str] = {dict: "json-object", list: "json-list", str: "json-string",
                              int: "json-number", float: "json-number"}
    kind = kinds.get(type(value))
    return said(kind) if kind else type(value).__name__


def write_json(stream: IO[str], rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    """A list of objects with the columns in order; UTF-8 text, not \\u escapes."""
    objects = [{column: row[column] for column in columns} for row in rows]
    json.dump(objects, stream, ensure_ascii=False, indent=2, default=str)
    stream.write("\n")

