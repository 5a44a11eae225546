"""Files that leave the desk: exports of approved posts, checking an export against its
manifest, the review report."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..formats import EXPORT_FORMATS, PLATFORMS, export_format_name, export_format_of
from ..texts import counted
from .common import EXIT_OK, EXIT_REFUSED, PROG, Command, actor, actor_options, db_path, open_desk
from .parsing import lower


def _export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--batch", required=True)
    p.add_argument("--format", choices=EXPORT_FORMATS, type=export_format_name,
                   help="in any case; xliff = xliff12, xliff2 = xliff20 (default: from --out's "
                        "extension: .csv .xlsx .json .xlf .xlf2 .tmx)")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--again", action="store_true", help="include posts exported before")
    p.add_argument("--platform", choices=PLATFORMS, type=lower, help="only this platform's posts")
    p.add_argument("--target-lang", metavar="LANG",
                   help="only the posts into this language (e.g. one XLIFF 2.0 file per language)")
    p.add_argument("--from-file", metavar="FILE",
                   help="XLIFF: only the posts of this one of HQ's files (its name as imported), "
                        "written back into it")
    p.add_argument("--with-media", action="store_true",
                   help="also copy the posts' pictures into a folder OUT.media beside the export")
    actor_options(p, required=False, role="coordinator")


def cmd_export(args) -> int:
    with open_desk(args) as desk:
        fmt = args.format or export_format_of(args.out)
        result = desk.export(args.batch, fmt, args.out, actor(args), again=args.again,
                             platform=args.platform, target_lang=args.target_lang,
                             with_media=args.with_media, from_file=args.from_file)
    again = f", {result.again} of them again" if result.again else ""
    print(f"exported {counted(result.count, 'post')}{again} to {result.path} (sha256 {result.sha256})")
    print(f"manifest: {result.manifest}")
    if result.written:
        print(result.written)
    if args.with_media:
        print(f"pictures: {args.out.with_name(args.out.name + '.media')}")
    for reason, count in result.skipped.items():
        print(f"left out (still approved): {counted(count, 'post')} with {reason}")
    return EXIT_OK


EXPORT = Command("export", "export a batch's approved posts; marks them exported",
                 _export_arguments, cmd_export)


def _report_arguments(p: argparse.ArgumentParser) -> None:
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--batch", help="the batch to report on")
    which.add_argument("--all", action="store_true", help="every batch of the database")
    p.add_argument("--out", required=True, type=Path, help="the HTML file to write")


def cmd_report(args) -> int:
    with open_desk(args) as desk:
        result = desk.write_report(None if args.all else args.batch, args.out)
    quality = "no post decided yet" if result.quality is None else \
        f"MQM quality {result.quality:.1f} over {counted(result.scored, 'decided post')}"
    print(f"report of {counted(result.posts, 'post')} written to {result.path} ({quality})")
    return EXIT_OK


REPORT = Command("report", "write the review report (HTML with MQM scores and charts) of a batch "
                           "or of every batch", _report_arguments, cmd_report)


def _verify_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path)
    p.add_argument("--manifest", type=Path, help="the manifest (default: FILE.manifest.json)")


def cmd_verify(args) -> int:
    """Exit 0 when the file matches its manifest (and the record), 2 when it does not."""
    from ..desk import Desk

    db = db_path(args)
    if os.path.exists(db):  # verifying on a computer without the database: the manifest alone
        with open_desk(args) as desk:
            result = desk.verify_export(args.file, args.manifest)
    else:
        result = Desk.verify_without_database(args.file, args.manifest)
        result.notes.append(f"no database at {db}; checked against the manifest only")
    for note in result.notes:
        print(f"note: {note}")
    if result.ok:
        print(f"OK: {args.file} is export {result.export_id} as its manifest describes it")
        return EXIT_OK
    for difference in result.differences:
        print(f"{PROG}: {args.file}: {difference}", file=sys.stderr)
    print(f"{PROG}: {args.file} is NOT the file that was exported (export {result.export_id})",
          file=sys.stderr)
    return EXIT_REFUSED


VERIFY = Command("verify", "check an exported file against its manifest (and the database's record)",
                 _verify_arguments, cmd_verify)
