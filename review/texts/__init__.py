"""The domain's messages to people, each with a name, in English.

A message the window may show is made with `said(name, **values)`. The result is the English
text the command line prints, and it remembers its name and values, so the window can show the
same message in the interface's language (`ui/messages.py`). Qt's lupdate collects the templates
from this package's modules into the translation sources; a message made from a plain string
stays English. The templates are grouped by what they are about, a module each.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import batches, desk, exports, files, packages, sync, termbases
from ._noop import QT_TRANSLATE_NOOP  # noqa: F401 (for modules that mark a word for lupdate)


MESSAGES: dict[str, str] = {}
for _part in (desk, files, batches, termbases, packages, exports, sync):
    assert not set(_part.MESSAGES) & set(MESSAGES), "a message name is used twice"
    MESSAGES.update(_part.MESSAGES)


# Messages that count something have a "-one" form for a count of 1 ("1 problem", not
# "1 problem(s)"); `said` picks it. The value that counts is "count" unless named here.
_COUNTED_BY = {"manifest-event-count": "declared"}


class Said(str):
    """An English message that also knows its template's name and values."""

    name: str
    values: dict[str, Any]

    def __new__(cls, name: str, values: dict[str, Any]) -> "Said":
        said_ = super().__new__(cls, MESSAGES[name].format(**values))
        said_.name, said_.values = name, values
        return said_


class Joined(str):
    """Several messages (or words) as one value of another message: a bulk action's refusals,
    one a line; the reasons posts were left out of an export. Printed, the English parts with
    `separator` between them; the window translates each part (ui/messages.py)."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: "Iterable[str]", separator: str) -> "Joined":
        parts = tuple(parts)
        joined = super().__new__(cls, separator.join(parts))
        joined.parts, joined.separator = parts, separator
        return joined


def said(name: str, /, **values: Any) -> Said:
    """The message `name` with `values`; its "-one" form when it counts exactly one thing."""
    if values.get(_COUNTED_BY.get(name, "count")) == 1 and f"{name}-one" in MESSAGES:
        name = f"{name}-one"
    return Said(name, values)


def counted(count: int, one: str, many: str | None = None) -> str:
    """"1 post", "2 posts", "1 memory unit", "3 entries": a count and its noun in English,
    for what the command line prints (the window counts with Qt's %n forms)."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def message_of(error: BaseException) -> str:
    """The message an exception was raised with, keeping a `Said` (str(error) would lose it)."""
    first = error.args[0] if error.args else ""
    return first if isinstance(first, str) else str(error)
