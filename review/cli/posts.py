"""Batches and posts: import a batch, list batches and posts, show a post, its history, the
sample. The JSON shapes are documented in the README; scripts depend on them."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..formats import BATCH_FORMATS, PLATFORMS
from ..formats.hq_files import DAY_FIRST, MONTH_FIRST
from ..formats.placeholders import labelled
from ..model import STATES
from ..texts import counted
from .common import (EXIT_OK, Command, actor, actor_options, json_option, no_arguments, open_desk,
                     post_id_argument)
from .parsing import lower, state_name
from .printing import first_words, indent, one_line, print_json, print_table


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path)
    p.add_argument("--batch", help="batch name (default: the file name without extension)")
    p.add_argument("--format", choices=BATCH_FORMATS, type=lower,
                   help="file format, in any case (default: from the extension)")
    p.add_argument("--platform", choices=PLATFORMS, type=lower,
                   help="XLIFF: the platform of posts whose unit does not say it")
    p.add_argument("--target-lang", metavar="LANG",
                   help="XLIFF: the target language when the file does not say it")
    p.add_argument("--encoding", metavar="NAME",
                   help="CSV and JSON: the file's encoding, any Python knows (e.g. gb18030, cp1252); "
                        "default: UTF-8, or UTF-16 with a byte order mark")
    order = p.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="day_order", action="store_const", const=DAY_FIRST,
                       help="dates such as 07/12/2026 are day/month/year")
    order.add_argument("--month-first", dest="day_order", action="store_const", const=MONTH_FIRST,
                       help="dates such as 12/07/2026 are month/day/year")
    p.add_argument("--title", help="batch title (new batches only)")
    p.add_argument("--timezone", help="IANA time zone of times without an offset, e.g. "
                                      "Africa/Harare (new batches only; default: this machine's)")
    p.add_argument("--require-signoff", action="store_true",
                   help="rewrites need a coordinator's sign-off (new batches only)")
    p.add_argument("--origin", help="who sent the batch (new batches only; default: HQ)")
    p.add_argument("--due", help="due date (new batches only)")
    actor_options(p, required=False, role="coordinator")


def cmd_import(args) -> int:
    with open_desk(args) as desk:
        result = desk.import_batch(args.file, batch=args.batch, fmt=args.format, actor=actor(args),
                                   title=args.title, timezone=args.timezone,
                                   require_signoff=args.require_signoff or None,
                                   origin=args.origin, due=args.due, platform=args.platform,
                                   target_lang=args.target_lang, encoding=args.encoding,
                                   day_order=args.day_order)
    print(f"imported {result.summary()}")
    return EXIT_OK


IMPORT = Command("import", "import a batch of draft posts (CSV, XLSX, JSON, JSONL, XLIFF); "
                           "all or nothing", _import_arguments, cmd_import)


def cmd_batches(args) -> int:
    with open_desk(args) as desk:
        rows = desk.batches()
    if not rows:
        print("no batches yet: review-desk import FILE")
        return EXIT_OK
    print_table(["batch", "posts", "pending", "approved", "sign-off", "time zone", "title"],
                [[b["name"], b["posts"], b["pending"], b["approved"],
                  "yes" if b["require_signoff"] else "no", b["timezone"], b["title"]] for b in rows])
    return EXIT_OK


BATCHES = Command("batches", "list the batches with their counts", no_arguments, cmd_batches)


def _posts_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--batch")
    p.add_argument("--state", choices=STATES, type=state_name)
    json_option(p, "list of objects")


def cmd_posts(args) -> int:
    with open_desk(args) as desk:
        rows = desk.posts(batch=args.batch, state=args.state)
    if args.json:
        print_json([post_json(r) for r in rows])
        return EXIT_OK
    print_table(["id", "external id", "batch", "state", "platform", "languages", "text"],
                [[r["id"], r["external_id"], r["batch"], r["state"], r["platform"],
                  f"{r['source_lang']}>{r['target_lang']}", first_words(r["current_text"])]
                 for r in rows])
    return EXIT_OK


POSTS = Command("posts", "list posts", _posts_arguments, cmd_posts)


def _show_arguments(p: argparse.ArgumentParser) -> None:
    post_id_argument(p)
    json_option(p, "object")


def cmd_show(args) -> int:
    with open_desk(args) as desk:
        post_id = desk.resolve_post_id(args.post_id)
        row, post, events = desk.post_row(post_id), desk.post(post_id), desk.timeline(post_id)
    detail = show_json(row, post, events)
    if args.json:
        print_json(detail)
    else:
        _print_show(detail)
    return EXIT_OK


SHOW = Command("show", "a post's texts, revisions, annotations and history", _show_arguments, cmd_show)


def cmd_history(args) -> int:
    with open_desk(args) as desk:
        events = desk.timeline(desk.resolve_post_id(args.post_id))
    for e in events:
        print(f"{e.at}  {e.actor} ({e.role})  {e.kind}  {payload_summary(e.payload)}".rstrip())
    return EXIT_OK


HISTORY = Command("history", "a post's events, oldest first", post_id_argument, cmd_history)


def cmd_sample(args) -> int:
    """Asked for by name, the sample is loaded on any desk (File > Load sample does the same);
    only the window's first start leaves a desk that holds a batch alone."""
    with open_desk(args) as desk:
        lines = desk.load_sample_and_glossaries().lines()
    print("\n".join(lines) or "the sample batches and starter glossaries were loaded before")
    return EXIT_OK


SAMPLE = Command("sample", "load the bundled sample batches and starter glossaries (once per "
                           "database)", no_arguments, cmd_sample)


# -- JSON shapes (documented in the README; scripts depend on them) ------------------------------

POST_JSON_KEYS = (
    "id", "external_id", "batch", "state", "platform", "source_lang", "target_lang",
    "source_text", "draft_text", "current_text", "current_revision", "link", "media_note",
    "scheduled_at", "notes", "last_actor", "updated_at", "reason", "approved_by", "approved_at",
    "signed_off_by", "assignee",
)


def post_json(row: dict[str, Any]) -> dict[str, Any]:
    out = {key: row[key] for key in POST_JSON_KEYS}
    out["extra"] = json.loads(row["extra"])
    return out


def show_json(row: dict[str, Any], post, events) -> dict[str, Any]:
    numbers = {r.id: r.number for r in post.revisions}
    out = post_json(row)
    out["revisions"] = [
        {"id": r.id, "number": r.number, "kind": r.kind, "text": r.text, "author": r.author,
         "at": r.at, "back_translation": r.back_translation} for r in post.revisions]
    out["annotations"] = [
        {"id": a.id, "revision": numbers.get(a.revision_id), "start": a.start, "end": a.end,
         "category": a.category, "subcategory": a.subcategory, "severity": a.severity,
         "comment": a.comment, "author": a.author, "at": a.at, "status": a.status}
        for a in post.annotations.values() if a.status != "deleted"]
    out["events"] = [
        {"id": e.id, "kind": e.kind, "actor": e.actor, "role": e.role, "at": e.at,
         "parent": e.parent, "payload": e.payload} for e in events]
    if post.codes or post.tool_notes:  # a CAT file's inline codes and other tools' notes
        out.update(codes=post.codes, tool_notes=post.tool_notes)
    return out


# -- text ------------------------------------------------------------------------------------------


def _print_show(d: dict[str, Any]) -> None:
    out = sys.stdout.write
    out(f"post {d['id']} ({d['external_id']}) in batch {d['batch']}: {d['state'].replace('_', ' ')}\n")
    out(f"{d['platform']}, {d['source_lang']} > {d['target_lang']}, scheduled {d['scheduled_at'] or '-'}\n")
    for label, key in (("link", "link"), ("media", "media_note"), ("HQ notes", "notes"),
                       ("reason", "reason")):
        if d[key]:
            out(f"{label}: {d[key]}\n")
    for note in d.get("tool_notes", ()):
        origin = "/".join(filter(None, (note.get("from"), note.get("category")))) or "note"
        out(f"file note ({origin}): {note.get('text', '')}\n")
    codes = d.get("codes")  # each inline code as [its label]
    out(f"\nsource ({d['source_lang']}):\n  {indent(labelled(d['source_text'], codes))}\n")
    out("\nrevisions:\n")
    for r in d["revisions"]:
        out(f"  #{r['number']} {r['kind']} by {r['author']} at {r['at']}:\n"
            f"    {indent(labelled(r['text'], codes), 4)}\n")
        if r["back_translation"]:
            out(f"    back-translation: {indent(r['back_translation'], 4)}\n")
    if d["annotations"]:
        out("\nannotations:\n")
        for a in d["annotations"]:
            out(f"  {a['id'][:8]} rev {a['revision']} [{a['start']}:{a['end']}] {a['severity']} "
                f"{a['category']} ({a['status']}) by {a['author']}: {a['comment']}\n")
    out("\nhistory:\n")
    for e in d["events"]:
        out(f"  {e['at']}  {e['actor']} ({e['role']})  {e['kind']}  {payload_summary(e['payload'])}".rstrip() + "\n")


def payload_summary(payload: dict[str, Any]) -> str:
    keep = {k: v for k, v in payload.items() if k in ("reason", "state", "target", "kind", "text",
                                                       "severity", "category", "file", "revision")}
    summary = ", ".join(f"{k}={one_line(v)[:50]}" for k, v in keep.items())
    if payload.get("despite"):  # an approval given despite open errors: say which, whole
        summary += f", despite {counted(len(payload['despite']), 'open error')}: " + " | ".join(
            one_line(item) for item in payload["despite"])
    return summary
