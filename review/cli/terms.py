"""Glossaries (CSV, TBX) and the translation memory (TMX): import, export, list."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..texts import counted
from .common import EXIT_OK, Command, action, actions, open_desk
from .printing import print_table


def _glossary_actions(p: argparse.ArgumentParser) -> None:
    sub = actions(p)
    g = action(sub, "import", "import a CSV or TBX glossary", cmd_glossary_import)
    g.add_argument("file", type=Path)
    g.add_argument("--source", help="source language (required for CSV; picks one of a TBX's)")
    g.add_argument("--target", help="target language (required for CSV; picks one of a TBX's)")
    g.add_argument("--name", help="glossary name (default: the file name); replaces one of that name")
    g.add_argument("--encoding", metavar="NAME",
                   help="CSV: the file's encoding, any Python knows (default: UTF-8, or UTF-16 "
                        "with a byte order mark)")
    g = action(sub, "export", "export a glossary as .csv or .tbx", cmd_glossary_export)
    g.add_argument("--name", required=True)
    g.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.tbx")
    g.add_argument("--tbx3", action="store_true",
                   help="write a .tbx as TBX 3 (ISO 30042:2019, TBX-Basic, DCA) instead of TBX 2008")
    action(sub, "list", "the glossaries with their languages and sizes", cmd_glossary_list)


def cmd_glossary_import(args) -> int:
    with open_desk(args) as desk:
        g = desk.import_glossary(args.file, source=args.source, target=args.target, name=args.name,
                                 encoding=args.encoding)
    verb = "replaced" if g.replaced else "imported"
    skipped = f"; {g.skipped_words()}" if g.skipped else ""
    print(f"{verb} glossary {g.name}: {g.source_lang} > {g.target_lang}, "
          f"{counted(g.entries, 'entry', 'entries')}{skipped}")
    return EXIT_OK


def cmd_glossary_export(args) -> int:
    with open_desk(args) as desk:
        count = desk.export_glossary(args.name, args.out, "tbx3" if args.tbx3 else None)
    print(f"exported {counted(count, 'entry', 'entries')} of glossary {args.name} to {args.out}")
    return EXIT_OK


def cmd_glossary_list(args) -> int:
    with open_desk(args) as desk:
        rows = desk.glossaries()
    print_table(["glossary", "languages", "entries", "starter", "from"],
                [[g["name"], f"{g['source_lang']}>{g['target_lang']}", g["entries"],
                  "yes" if g["starter"] else "no", g["origin"]] for g in rows])
    return EXIT_OK


GLOSSARY = Command("glossary", "import, export or list glossaries (CSV, TBX)", _glossary_actions)


def _tm_actions(p: argparse.ArgumentParser) -> None:
    sub = actions(p)
    t = action(sub, "import", "add the units of a TMX file", cmd_tm_import)
    t.add_argument("file", type=Path)
    t = action(sub, "export", "write the memory (or one language pair of it) as TMX", cmd_tm_export)
    t.add_argument("--out", required=True, type=Path)
    t.add_argument("--source-lang", metavar="LANG", help="only units from this language "
                   "(a CAT project's source language; e.g. zh-CN)")
    t.add_argument("--target-lang", metavar="LANG", help="only units into this language")


def cmd_tm_import(args) -> int:
    with open_desk(args) as desk:
        r = desk.import_memory(args.file)
    skipped = f", {r.skipped} without text skipped" if r.skipped else ""
    print(f"imported {r.file}: {counted(r.units, 'unit')}, {r.added} new{skipped}")
    return EXIT_OK


def cmd_tm_export(args) -> int:
    with open_desk(args) as desk:
        count = desk.export_memory(args.out, args.source_lang, args.target_lang)
    print(f"exported {counted(count, 'memory unit')} to {args.out}")
    return EXIT_OK


TM = Command("tm", "import or export the translation memory (TMX)", _tm_actions)
