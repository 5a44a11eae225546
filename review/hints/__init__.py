"""Hints beside each draft, computed from local data only: glossary, memory, language, checks."""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of one text of the post: "source", "draft" or "target"."""

    text: str  # which text: "source", "draft" (HQ's) or "target" (the text being checked)
    start: int
    end: int


@dataclass(frozen=True)
class CheckResult:
    """One problem (or note) a check found in a post's text."""

    id: str  # stable identifier, e.g. "hashtag-missing", "length", "wrong-language"
    severity: str  # ERROR, WARNING or INFO
    message: str  # for a person: what is wrong and what to do (English, as the CLI prints it)
    spans: tuple[Span, ...] = field(default_factory=tuple)
    # What the message is made of, so an interface can say it in its own language: the
    # message's template name (default: the id) and its values as (name, value) pairs.
    template: str = ""
    params: tuple[tuple[str, object], ...] = ()
