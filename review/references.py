"""Glossaries and memory units that travel between desks (in a work package, through a sync):
each checked as it arrives, as any hostile input is, and stored as the sending desk has it."""
from __future__ import annotations

import functools
import typing
from dataclasses import fields
from typing import Any

from .core import Core
from .model import TERM_STATUSES, GlossaryEntry, MemoryUnit
from .texts import said


def store_glossary(core: Core, g: dict[str, Any]) -> int:
    here = next((k for k in core.store.glossaries.list() if k["name"] == g["name"]), None)
    if here and (here["source_lang"], here["target_lang"]) == (g["source_lang"], g["target_lang"]) \
            and core.store.glossaries.entries(g["name"]) == g["entries"]:
        return 0
    core.store.glossaries.replace(g["name"], g["source_lang"], g["target_lang"], g["origin"],
                                g["entries"], starter=g["starter"])
    return 1


def glossary_header(g: Any) -> dict[str, Any]:
    if not isinstance(g, dict) or set(g) != {"name", "source_lang", "target_lang", "origin", "starter"}:
        raise ValueError(said("package-glossary-shape"))
    return {"name": _text(g["name"]), "source_lang": _text(g["source_lang"]),
            "target_lang": _text(g["target_lang"]), "origin": str(g["origin"])[:1000],
            "starter": bool(g["starter"]), "entries": []}


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise ValueError(said("package-not-text", value=str(value)[:40]))
    return value


def glossary_entry(raw: Any) -> GlossaryEntry:
    entry = checked_fields(GlossaryEntry, raw)
    if entry.status not in TERM_STATUSES:
        raise ValueError(said("package-entry-status", term=entry.term[:60], status=entry.status[:40],
                              statuses=", ".join(TERM_STATUSES)))
    return entry


def memory_unit(raw: Any) -> MemoryUnit:
    """A unit as a package or a sync brings it: its fields of the declared types, and its coded
    TMX segments (if any) <seg>s as a TMX import keeps them."""
    unit = checked_fields(MemoryUnit, raw)
    if unit.source_seg is None and unit.target_seg is None:
        return unit
    from .formats.tmx_files import seg_valid  # lxml, loaded when a unit has coded segments

    for side, seg in (("source", unit.source_seg), ("target", unit.target_seg)):
        if seg is not None and not seg_valid(seg):
            raise ValueError(said("package-memory-seg", side=side, text=unit.source_text[:60]))
    return unit


def checked_fields(cls, raw: Any):
    """`cls(**raw)` whose every field has the type `cls` declares: a wrong type in a package
    would otherwise surface later, far from the file, as an internal error."""
    if not isinstance(raw, dict):
        raise ValueError(said("package-not-object", value=str(raw)[:40]))
    made = cls(**raw)
    wrong = [name for name, kind in _field_types(cls) if not isinstance(getattr(made, name), kind)]
    if wrong:
        raise ValueError(said("package-wrong-types", fields=", ".join(wrong)))
    return made


@functools.cache
def _field_types(cls) -> tuple[tuple[str, Any], ...]:
    """(name, type) of each field of `cls`, worked out once: `typing.get_type_hints` costs
    ~0.15 ms, and a work package holds ~78,000 memory units and 10,000 glossary entries."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in fields(cls))
