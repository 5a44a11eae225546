"""Glossaries and the translation memory as the user manages them: import, export, list.

Files are read and checked completely before the database is touched; each import is one
transaction (a glossary of the same name is replaced as a whole, memory units are added, and a
unit already stored is not added twice).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .core import Core
from .errors import InvalidInput, NotFound, ReviewError, stop_if
from .formats.atomic import check_output
from .languages import normalise_language, primary
from .paths import data_dir
from .texts import message_of, said

STARTERS_LOADED = "starter_glossaries_loaded"


@dataclass(frozen=True)
class GlossaryImport:
    name: str
    source_lang: str
    target_lang: str
    entries: int
    replaced: bool
    skipped: tuple[str, ...] = ()  # ids of TBX concepts without a term in both languages
    concepts: int = 0  # TBX concepts in the file

    def skipped_words(self, shown: int = 5) -> str:
        """"44 of 223 concepts skipped (no de and en term): c7, c29, ... and 39 more", or ""."""
        if not self.skipped:
            return ""
        names = ", ".join(self.skipped[:shown])
        more = len(self.skipped) - shown
        return said("glossary-concepts-skipped", count=len(self.skipped), total=self.concepts,
                    source=self.source_lang, target=self.target_lang,
                    names=said("names-and-more", names=names, more=more) if more > 0 else names)


@dataclass(frozen=True)
class MemoryImport:
    file: str
    units: int
    added: int
    skipped: int  # units without a source or target text in the file


def import_glossary(core: Core, path: Path, *, source: str | None = None, target: str | None = None,
                    name: str | None = None, starter: bool = False,
                    should_stop=None, encoding: str | None = None) -> GlossaryImport:
    from .formats.glossary_files import read_glossary

    glossary = read_glossary(path, _lang(source), _lang(target), encoding=encoding)
    name = (name or path.stem).strip()
    if not name:
        raise InvalidInput(said("glossary-needs-name"))
    replaced = any(g["name"] == name for g in core.store.glossaries.list())
    core.store.backups.take("glossary-import")
    with core.store.write():
        core.store.glossaries.replace(name, glossary.source_lang, glossary.target_lang, path.name,
                                    glossary.entries, starter=starter)
        stop_if(should_stop, "the glossary import")
    return GlossaryImport(name, glossary.source_lang, glossary.target_lang,
                          len(glossary.entries), replaced, glossary.skipped_ids, glossary.concepts)


def export_glossary(core: Core, name: str, out: Path, fmt: str | None = None) -> int:
    """Write glossary `name` to `out` (CSV or TBX by its extension; `fmt` "tbx3": TBX 3)."""
    from .formats.glossary_files import GlossaryFile, write_glossary

    found = next((g for g in core.store.glossaries.list() if g["name"] == name), None)
    if found is None:
        known = ", ".join(g["name"] for g in core.store.glossaries.list())
        raise NotFound(said("no-glossary", name=name, known=known) if known else
                       said("no-glossary-yet", name=name))
    entries = core.store.glossaries.entries(name)
    check_output(out)
    try:
        write_glossary(out, GlossaryFile(found["source_lang"], found["target_lang"], entries), fmt)
    except OSError as err:
        raise ReviewError(said("cannot-write", path=str(out), detail=err.strerror or str(err))) from None
    return len(entries)


def import_starter_glossaries(core: Core) -> list[GlossaryImport]:
    """Load the shipped starter glossaries (once per database), with the sample.

    File names say the pair: `zh-CN_en.aid-project.starter.csv` is zh-CN -> en. A glossary
    already here under a starter's name is kept: a work package brought it, perhaps as the
    coordinator edited it, and the hints must stay those of the coordinator's desk.
    """
    if core.store.settings.get(STARTERS_LOADED):
        return []
    here = {g["name"] for g in core.store.glossaries.list()}
    results = []
    for path in sorted(data_dir("glossaries").glob("*.csv")):
        name = path.name.removesuffix(".csv")
        if name in here:
            continue
        source, target = path.name.split(".")[0].split("_")
        results.append(import_glossary(core, path, source=source, target=target, name=name,
                                       starter=True))
    with core.store.write():
        core.store.settings.set(STARTERS_LOADED, "yes")
    return results


def import_memory(core: Core, path: Path, should_stop=None) -> MemoryImport:
    from .formats.tmx_files import read_tmx

    tmx = read_tmx(path)
    core.store.backups.take("memory-import")
    with core.store.write():
        added = core.store.memory.add_units(tmx.units, from_file=True)
        stop_if(should_stop, "the memory import")
    return MemoryImport(path.name, len(tmx.units), added, tmx.skipped)


def export_memory(core: Core, out: Path, source_lang: str | None = None,
                  target_lang: str | None = None) -> int:
    """The memory as TMX; with languages, only the units of that pair (by primary language,
    as the hints match them): a CAT tool's project has one source language, and OmegaT warns
    about, and skips, units in another."""
    from .formats.tmx_files import write_tmx

    units = core.store.memory.units()
    if not units:
        raise ReviewError(said("memory-empty"))
    wanted = [(side, primary(_lang(tag))) for side, tag in (("source_lang", source_lang),
                                                             ("target_lang", target_lang)) if tag]
    units = [u for u in units if all(primary(getattr(u, side)) == lang for side, lang in wanted)]
    if not units:
        raise ReviewError(said("memory-empty-pair", source=source_lang or "*",
                               target=target_lang or "*"))
    check_output(out)
    try:
        write_tmx(out, units)
    except OSError as err:
        raise ReviewError(said("cannot-write", path=str(out), detail=err.strerror or str(err))) from None
    return len(units)


def _lang(tag: str | None) -> str | None:
    if tag is None:
        return None
    try:
        return normalise_language(tag)
    except ValueError as err:
        raise InvalidInput(message_of(err)) from None
