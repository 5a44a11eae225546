"""The command line: thin wrappers over `Desk`, for coordinators and scripts.

Success exits 0; a refused or bad request prints one line per problem to stderr and exits 2;
an unexpected failure prints one line, writes the details to a log file and exits 1.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from .errors import ReviewError
from .formats import BATCH_FORMATS, EXPORT_FORMATS, PLATFORMS, platform_name
from .model import REVIEWER, ROLES, STATES, Actor
from .texts import counted, said

PROG = "review-desk"
EXIT_OK, EXIT_INTERNAL, EXIT_REFUSED = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH",
                        help="database file (default: $REVIEW_DESK_DB or the app-data folder)")
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[common],
        description="Review Desk: review HQ's draft social-media posts offline. "
                    "Without a command, the desktop window opens.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, parents=[common])

    p = command("import", "import a batch of draft posts (CSV, XLSX, JSON, JSONL, XLIFF); "
                          "all or nothing")
    p.add_argument("file", type=Path)
    p.add_argument("--batch", help="batch name (default: the file name without extension)")
    p.add_argument("--format", choices=BATCH_FORMATS,
                   help="file format (default: from the extension)")
    p.add_argument("--platform", choices=PLATFORMS,
                   help="XLIFF: the platform of posts whose unit does not say it")
    p.add_argument("--target-lang", metavar="LANG",
                   help="XLIFF: the target language when the file does not say it")
    p.add_argument("--title", help="batch title (new batches only)")
    p.add_argument("--timezone", help="IANA time zone of times without an offset, e.g. "
                                      "Africa/Harare (new batches only; default: this machine's)")
    p.add_argument("--require-signoff", action="store_true",
                   help="rewrites need a coordinator's sign-off (new batches only)")
    p.add_argument("--origin", help="who sent the batch (new batches only; default: HQ)")
    p.add_argument("--due", help="due date (new batches only)")
    _actor_options(p, required=False, role="coordinator")

    command("batches", "list the batches with their counts")

    p = command("posts", "list posts")
    p.add_argument("--batch")
    p.add_argument("--state", choices=STATES)
    p.add_argument("--json", action="store_true", help="print a JSON list of objects")

    p = command("show", "a post's texts, revisions, annotations and history")
    p.add_argument("post_id", metavar="POST_ID")
    p.add_argument("--json", action="store_true", help="print a JSON object")

    p = command("decide", "approve, reject, request changes, reopen or sign off a post")
    p.add_argument("post_id", metavar="POST_ID")
    p.add_argument("decision", choices=("approve", "reject", "request-changes", "reopen", "signoff"))
    p.add_argument("--reason", help="required for reject, request-changes and reopen")
    p.add_argument("--despite-findings", action="store_true",
                   help="approve although the checks found open errors (they are recorded with "
                        "the approval)")
    _actor_options(p)

    p = command("rewrite", "add a rewrite (a new revision; HQ's draft is kept)")
    p.add_argument("post_id", metavar="POST_ID")
    p.add_argument("--text", required=True)
    p.add_argument("--back-translation", help="a plain gloss of the rewrite for HQ")
    _actor_options(p)

    p = command("annotate", "mark a span of the current text (or --revision N) with an MQM error")
    p.add_argument("post_id", metavar="POST_ID")
    p.add_argument("--start", type=int, required=True, help="first character (0-based)")
    p.add_argument("--end", type=int, required=True, help="character after the span")
    p.add_argument("--category", required=True)
    p.add_argument("--subcategory")
    p.add_argument("--severity", required=True)
    p.add_argument("--comment", default="")
    p.add_argument("--revision", type=int, help="revision number (default: the current text)")
    _actor_options(p)

    p = command("assign", "give posts to a reviewer (coordinators); the queue's \"assigned to me\"")
    p.add_argument("post_ids", metavar="POST_ID", nargs="+")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--to", metavar="REVIEWER", help="the reviewer's name")
    who.add_argument("--nobody", action="store_true", help="take the posts back")
    _actor_options(p, required=False, role="coordinator")

    p = command("undo", "take back the latest action on a post (a compensating event)")
    p.add_argument("post_id", metavar="POST_ID")
    _actor_options(p)

    p = command("export", "export a batch's approved posts; marks them exported")
    p.add_argument("--batch", required=True)
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--again", action="store_true", help="include posts exported before")
    p.add_argument("--platform", choices=PLATFORMS, help="only this platform's posts")
    _actor_options(p, required=False, role="coordinator")

    p = command("report", "write the review report (HTML with MQM scores and charts) of a batch "
                          "or of every batch")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--batch", help="the batch to report on")
    which.add_argument("--all", action="store_true", help="every batch of the database")
    p.add_argument("--out", required=True, type=Path, help="the HTML file to write")
    p = command("verify", "check an exported file against its manifest (and the database's record)")
    p.add_argument("file", type=Path)
    p.add_argument("--manifest", type=Path, help="the manifest (default: FILE.manifest.json)")

    p = command("history", "a post's events, oldest first")
    p.add_argument("post_id", metavar="POST_ID")

    p = command("sample", "load the bundled sample batches and starter glossaries (once per database)")

    p = command("hints", "glossary, memory, language and check hints for a post's current text")
    p.add_argument("post_id", metavar="POST_ID")
    p.add_argument("--json", action="store_true", help="print a JSON object")

    p = command("checks", "run the checks on every post of a batch, with a summary")
    p.add_argument("--batch", required=True)
    p.add_argument("--json", action="store_true", help="print a JSON object")

    p = command("dismiss", "dismiss one check result of a post until its text changes")
    p.add_argument("post_id", metavar="POST_ID")
    p.add_argument("check_key", metavar="CHECK_KEY", help="the key `hints` shows, e.g. length")
    p.add_argument("--reason", required=True, help="why the check does not apply")
    _actor_options(p)

    p = command("glossary", "import, export or list glossaries (CSV, TBX)")
    gsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    g = gsub.add_parser("import", help="import a CSV or TBX glossary", parents=[common])
    g.add_argument("file", type=Path)
    g.add_argument("--source", help="source language (required for CSV; picks one of a TBX's)")
    g.add_argument("--target", help="target language (required for CSV; picks one of a TBX's)")
    g.add_argument("--name", help="glossary name (default: the file name); replaces one of that name")
    g = gsub.add_parser("export", help="export a glossary as .csv or .tbx", parents=[common])
    g.add_argument("--name", required=True)
    g.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.tbx")
    gsub.add_parser("list", help="the glossaries with their languages and sizes", parents=[common])

    p = command("tm", "import or export the translation memory (TMX)")
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    t = tsub.add_parser("import", help="add the units of a TMX file", parents=[common])
    t.add_argument("file", type=Path)
    t = tsub.add_parser("export", help="write the whole memory as TMX", parents=[common])
    t.add_argument("--out", required=True, type=Path)

    p = command("backup", "list, make or restore the database's automatic backups")
    bsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    b = bsub.add_parser("list", help="the backups, newest first (numbered 1, 2, ...)", parents=[common])
    b.add_argument("--json", action="store_true", help="print a JSON list of objects")
    bsub.add_parser("now", help="make a backup now", parents=[common])
    b = bsub.add_parser("restore", help="put backup N in place of the database (the replaced "
                                        "database is kept next to it)", parents=[common])
    b.add_argument("number", type=int, metavar="N", help="the number `backup list` shows")

    p = command("pack", "review packages between laptops: make a work or results package, or import one")
    psub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    k = psub.add_parser("work", parents=[common], help="a batch with its history, glossaries and "
                        "memory, for a reviewer's laptop (coordinator)")
    k.add_argument("--batch", required=True)
    k.add_argument("--out", required=True, type=Path, help="FILE.rdpack")
    k.add_argument("--for", dest="reviewer", metavar="REVIEWER",
                   help="assign the batch's open posts to this reviewer first")
    _actor_options(k, required=False, role="coordinator")
    k = psub.add_parser("results", parents=[common], help="what was done on this laptop for a "
                        "batch, for the coordinator")
    k.add_argument("--batch", required=True)
    k.add_argument("--out", required=True, type=Path, help="FILE.rdpack")
    _actor_options(k)
    k = psub.add_parser("import", parents=[common], help="merge a work or results package; all "
                        "or nothing, importing twice changes nothing")
    k.add_argument("file", type=Path)
    k.add_argument("--json", action="store_true", help="print a JSON object")
    psub.add_parser("key", parents=[common], help="this desk's key, which signs its packages "
                    "(compare it with the one a package shows, e.g. over the phone)")
    k = psub.add_parser("list", parents=[common], help="the packages imported here, with the key "
                        "that signed each")
    k.add_argument("--batch")
    k.add_argument("--json", action="store_true", help="print a JSON list of objects")

    p = command("conflicts", "posts whose merged work from two laptops disagrees, with both versions")
    p.add_argument("--batch")
    p.add_argument("--json", action="store_true", help="print a JSON list of objects")

    p = command("resolve", "keep one version of a post in conflict (coordinators); the other stays in the history")
    p.add_argument("post_id", metavar="POST_ID")
    p.add_argument("--keep", required=True, metavar="EVENT_ID",
                   help="an event of the version to keep, as `conflicts` shows it")
    _actor_options(p, role="coordinator")

    p = command("gui", "open the desktop window (what review-desk without a command does)")
    p.add_argument("--post", metavar="POST_ID", help="open on this post")
    p.add_argument("--screenshot", metavar="FILE.png", type=Path,
                   help="render the window offscreen once ready, save it as PNG and exit")
    p.add_argument("--size", metavar="WIDTHxHEIGHT", type=_window_size, default=(1440, 860),
                   help="the window's size for --screenshot (default 1440x860), e.g. 1024x700")
    p.add_argument("--theme", choices=("system", "light", "dark"), default="system",
                   help="colour scheme (default: follow the system)")
    p.add_argument("--interface", choices=("en", "zh_CN"),
                   help="interface language for this run (default: the profile's)")
    return parser


def _window_size(text: str) -> tuple[int, int]:
    """"1024x700" -> (1024, 700); argparse turns the ValueError into a usage error (exit 2)."""
    width, _, height = text.lower().partition("x")
    size = int(width), int(height)
    if not (320 <= size[0] <= 8000 and 240 <= size[1] <= 8000):
        raise ValueError(text)
    return size


def _actor_options(p: argparse.ArgumentParser, required: bool = True, role: str = REVIEWER) -> None:
    p.add_argument("--as", dest="actor", required=required, metavar="NAME", help="who acts")
    p.add_argument("--role", choices=ROLES, default=role, help=f"the actor's role (default: {role})")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = HANDLERS.get(args.command or "gui")
    try:
        return handler(args)
    except ReviewError as err:
        for line in err.lines:
            print(f"{PROG}: {line}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; nothing half-done was kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`review-desk posts | head`): not an error. Point stdout at
        # devnull so the interpreter's final flush does not complain again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as err:  # the last line of defence: a person sees one line, not a traceback
        return _unexpected(args, err)


def _unexpected(args, err: Exception) -> int:
    """Damage that `quick_check` could not see (a changed byte inside a stored text) shows up
    when the value is read: say so as for any damaged file; anything else is our bug."""
    from .paths import default_db_path
    from .store import damage_found, is_damage

    if is_damage(err):
        db_path = Path(getattr(args, "db", None) or default_db_path())
        print(f"{PROG}: {damage_found(db_path, err)}", file=sys.stderr)
        return EXIT_REFUSED
    log = _log_internal_error()
    print(f"{PROG}: internal error: {type(err).__name__}: {err} (details in {log})", file=sys.stderr)
    return EXIT_INTERNAL


def _log_internal_error() -> Path:
    import tempfile
    import traceback

    log = Path(tempfile.gettempdir()) / "review-desk-error.log"
    with open(log, "a", encoding="utf-8") as handle:
        traceback.print_exc(file=handle)
    return log


def _open(args):
    from .desk import Desk
    from .paths import default_db_path

    return Desk(getattr(args, "db", None) or default_db_path())


def _actor(args) -> Actor:
    if args.actor:
        return Actor(args.actor, args.role)
    from .importing import default_user

    return Actor(default_user(), args.role)


# -- handlers ---------------------------------------------------------------------------------------


def cmd_import(args) -> int:
    with _open(args) as desk:
        result = desk.import_batch(args.file, batch=args.batch, fmt=args.format, actor=_actor(args),
                                   title=args.title, timezone=args.timezone,
                                   require_signoff=args.require_signoff or None,
                                   origin=args.origin, due=args.due, platform=args.platform,
                                   target_lang=args.target_lang)
    print(f"imported {result.summary()}")
    return EXIT_OK


def cmd_batches(args) -> int:
    with _open(args) as desk:
        rows = desk.batches()
    if not rows:
        print("no batches yet: review-desk import FILE")
        return EXIT_OK
    _print_table(["batch", "posts", "pending", "approved", "sign-off", "time zone", "title"],
                 [[b["name"], b["posts"], b["pending"], b["approved"],
                   "yes" if b["require_signoff"] else "no", b["timezone"], b["title"]] for b in rows])
    return EXIT_OK


def cmd_posts(args) -> int:
    with _open(args) as desk:
        rows = desk.posts(batch=args.batch, state=args.state)
    if args.json:
        _print_json([post_json(r) for r in rows])
        return EXIT_OK
    _print_table(["id", "external id", "batch", "state", "platform", "languages", "text"],
                 [[r["id"], r["external_id"], r["batch"], r["state"], r["platform"],
                   f"{r['source_lang']}>{r['target_lang']}", _first_words(r["current_text"])]
                  for r in rows])
    return EXIT_OK


def cmd_show(args) -> int:
    with _open(args) as desk:
        post_id = desk.resolve_post_id(args.post_id)
        row, post = desk.store.posts.row(post_id), desk.post(post_id)
        events = desk.history(post_id)
    detail = show_json(row, post, events)
    if args.json:
        _print_json(detail)
    else:
        _print_show(detail)
    return EXIT_OK


def cmd_decide(args) -> int:
    with _open(args) as desk:
        post = desk.decide(args.post_id, _actor(args), args.decision, args.reason,
                           despite_findings=args.despite_findings)
        despite = desk.history(post.id)[-1].payload.get("despite", [])
    print(f"post {post.id}: {post.state.replace('_', ' ')}")
    if despite:
        print(f"approved despite {counted(len(despite), 'open error')}:")
        for item in despite:
            print(f"  {item}")
    return EXIT_OK


def cmd_rewrite(args) -> int:
    with _open(args) as desk:
        before = desk.post(desk.resolve_post_id(args.post_id))
        post = desk.rewrite(args.post_id, _actor(args), args.text, args.back_translation)
    number = post.current_revision.number
    if post.head == before.head:
        print(f"post {post.id}: unchanged (revision {number} has this text and back-translation)")
    elif number == before.current_revision.number:
        print(f"post {post.id}: back-translation of revision {number} saved (the text is the same)")
    else:
        print(f"post {post.id}: revision {number} saved ({post.state.replace('_', ' ')})")
    return EXIT_OK


def cmd_annotate(args) -> int:
    with _open(args) as desk:
        post = desk.annotate(args.post_id, _actor(args), start=args.start, end=args.end,
                             category=args.category, severity=args.severity, comment=args.comment,
                             subcategory=args.subcategory, revision=args.revision)
    newest = list(post.annotations.values())[-1]
    print(f"post {post.id}: annotation {newest.id} ({newest.severity} {newest.category}) saved")
    return EXIT_OK


def cmd_assign(args) -> int:
    with _open(args) as desk:
        posts = desk.assign(args.post_ids, _actor(args), None if args.nobody else args.to)
    who = "nobody" if args.nobody else args.to
    print(f"{counted(len(posts), 'post')} assigned to {who}")
    return EXIT_OK


def cmd_undo(args) -> int:
    with _open(args) as desk:
        result = desk.undo(args.post_id, _actor(args))
    print(f"post {result.post.id}: undid {result.undone_kind}; now {result.post.state.replace('_', ' ')}")
    return EXIT_OK


def cmd_export(args) -> int:
    with _open(args) as desk:
        result = desk.export(args.batch, args.format, args.out, _actor(args), again=args.again,
                             platform=args.platform)
    again = f", {result.again} of them again" if result.again else ""
    print(f"exported {counted(result.count, 'post')}{again} to {result.path} (sha256 {result.sha256})")
    print(f"manifest: {result.manifest}")
    for reason, count in result.skipped.items():
        print(f"left out (still approved): {counted(count, 'post')} with {reason}")
    return EXIT_OK


def cmd_report(args) -> int:
    from .report_html import write_report

    with _open(args) as desk:
        result = write_report(desk, None if args.all else args.batch, args.out)
    quality = "no post decided yet" if result.quality is None else \
        f"MQM quality {result.quality:.1f} over {counted(result.scored, 'decided post')}"
    print(f"report of {counted(result.posts, 'post')} written to {result.path} ({quality})")
    return EXIT_OK


def cmd_verify(args) -> int:
    """Exit 0 when the file matches its manifest (and the record), 2 when it does not."""
    import os

    from .formats.manifest import verify_file
    from .paths import default_db_path

    db = getattr(args, "db", None) or default_db_path()
    if os.path.exists(db):  # verifying on a computer without the database: the manifest alone
        with _open(args) as desk:
            result = desk.verify_export(args.file, args.manifest)
    else:
        result = verify_file(args.file, args.manifest)
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


def cmd_history(args) -> int:
    with _open(args) as desk:
        events = desk.history(desk.resolve_post_id(args.post_id))
    for e in events:
        print(f"{e.at}  {e.actor} ({e.role})  {e.kind}  {_payload_summary(e.payload)}".rstrip())
    return EXIT_OK


def cmd_sample(args) -> int:
    """Asked for by name, the sample is loaded on any desk (File > Load sample does the same);
    only the window's first start leaves a desk that holds a batch alone."""
    with _open(args) as desk:
        lines = desk.load_sample_and_glossaries().lines()
    print("\n".join(lines) or "the sample batches and starter glossaries were loaded before")
    return EXIT_OK


def cmd_hints(args) -> int:
    with _open(args) as desk:
        hints = desk.hints(args.post_id)
    if args.json:
        _print_json(hints.to_json())
    else:
        _print_hints(hints)
    return EXIT_OK


def cmd_checks(args) -> int:
    from .hints.collect import batch_checks

    summary: dict[str, int] = {}
    posts, checked, clean = [], 0, 0
    with _open(args) as desk:
        desk.batch(args.batch)
        for post, checks in batch_checks(desk, args.batch):  # printed as they come
            live = [c for c in checks if not c.dismissed]
            for c in live:
                summary[c.result.id] = summary.get(c.result.id, 0) + 1
            checked, clean = checked + 1, clean + (not live)
            lines = [_check_line(c) for c in live]
            if args.json:
                posts.append({"id": post.id, "external_id": post.external_id, "state": post.state,
                              "problems": len(live), "checks": lines})
            elif live:
                print(f"{post.id} ({post.external_id}): " + "; ".join(lines))
    if args.json:
        _print_json({"batch": args.batch, "posts": posts, "summary": summary})
        return EXIT_OK
    print(f"\n{counted(checked, 'post')}, {clean} without problems; "
          + (", ".join(f"{k} {v}" for k, v in sorted(summary.items())) or "no findings"))
    return EXIT_OK


def cmd_dismiss(args) -> int:
    with _open(args) as desk:
        post_id = desk.resolve_post_id(args.post_id)
        keys = [c.key for c in desk.hints(post_id).checks]
        if args.check_key not in keys:
            raise ReviewError(said("no-such-finding", id=post_id, key=args.check_key,
                                   findings=", ".join(keys)) if keys else
                              said("no-finding-at-all", id=post_id, key=args.check_key))
        post = desk.dismiss_check(post_id, _actor(args), args.check_key, args.reason)
    print(f"post {post.id}: {args.check_key} dismissed until the text changes")
    return EXIT_OK


def cmd_glossary(args) -> int:
    from . import termbases

    with _open(args) as desk:
        if args.action == "import":
            g = termbases.import_glossary(desk, args.file, source=args.source, target=args.target,
                                          name=args.name)
            verb = "replaced" if g.replaced else "imported"
            print(f"{verb} glossary {g.name}: {g.source_lang} > {g.target_lang}, {counted(g.entries, 'entry', 'entries')}")
        elif args.action == "export":
            count = termbases.export_glossary(desk, args.name, args.out)
            print(f"exported {counted(count, 'entry', 'entries')} of glossary {args.name} to {args.out}")
        else:
            rows = desk.store.glossaries.list()
            _print_table(["glossary", "languages", "entries", "starter", "from"],
                         [[g["name"], f"{g['source_lang']}>{g['target_lang']}", g["entries"],
                           "yes" if g["starter"] else "no", g["origin"]] for g in rows])
    return EXIT_OK


def cmd_backup(args) -> int:
    from . import backups
    from .paths import default_db_path

    db_path = Path(getattr(args, "db", None) or default_db_path())
    if args.action == "now":  # the only action that opens the database: it may be damaged
        with _open(args) as desk:
            made = desk.store.backups.take("manual")
        print(f"backed up {db_path} to {made}")
    elif args.action == "restore":
        done = backups.restore_backup(db_path, args.number)
        kept = f"; the replaced database is kept as {done.kept_aside}" if done.kept_aside else ""
        print(f"restored backup {done.backup.number} (taken {_local(done.backup.taken_at)}, "
              f"{done.backup.reason}) to {db_path}{kept}")
    else:
        found = backups.backups_of(db_path)
        if args.json:
            print(json.dumps([{"number": b.number, "file": str(b.path), "taken_at":
                               b.taken_at.isoformat(), "reason": b.reason, "size": b.size}
                              for b in found], ensure_ascii=False, indent=2))
        elif not found:
            print(f"no backups of {db_path} yet (they are made before imports and once a day)")
        else:
            _print_table(["N", "taken", "reason", "size", "file"],
                         [[b.number, _local(b.taken_at), b.reason, f"{b.size / 1e6:.1f} MB",
                           b.path.name] for b in found])
    return EXIT_OK


def _local(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def cmd_tm(args) -> int:
    from . import termbases

    with _open(args) as desk:
        if args.action == "import":
            r = termbases.import_memory(desk, args.file)
            skipped = f", {r.skipped} without text skipped" if r.skipped else ""
            print(f"imported {r.file}: {counted(r.units, 'unit')}, {r.added} new{skipped}")
        else:
            count = termbases.export_memory(desk, args.out)
            print(f"exported {counted(count, 'memory unit')} to {args.out}")
    return EXIT_OK


def cmd_pack(args) -> int:
    with _open(args) as desk:
        if args.action == "work":
            made = desk.make_work_package(args.batch, args.out, _actor(args), args.reviewer)
            assigned = f"; {counted(made.assigned, 'post')} assigned to {args.reviewer}" if made.assigned else ""
            print(f"wrote {made.summary()}{assigned}")
        elif args.action == "results":
            print(f"wrote {desk.make_results_package(args.batch, args.out, _actor(args)).summary()}")
        elif args.action == "key":
            print(f"this desk's key: {desk.package_key()}")
        elif args.action == "list":
            _print_packages(desk.imported_packages(args.batch), args.json)
        else:
            done = desk.import_package(args.file)
            if args.json:
                _print_json(dict(done.__dict__))
            else:
                print(f"imported {done.summary()}")
    return EXIT_OK


def _print_packages(packages: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        _print_json(packages)
        return
    for p in packages:
        source = "coordinator's desk" if p["kind"] == "work" else "laptop"
        print(f"{p['imported_at'][:16].replace('T', ' ')}  {p['kind']:<7}  {p['batch']}  from "
              f"{p['creator']} ({source} {p['signer'] or 'unsigned'})  {p['events_added']} new "
              f"events  {p['file_name']}")
    if not packages:
        print("no packages were imported here")


def cmd_conflicts(args) -> int:
    with _open(args) as desk:
        found = [conflict_json(row, desk.post_conflict(row["id"])) for row in desk.conflicts(args.batch)]
    if args.json:
        _print_json(found)
        return EXIT_OK
    if not found:
        print("no posts in conflict")
        return EXIT_OK
    for c in found:
        print(f"post {c['id']} ({c['external_id']}, batch {c['batch']}): {len(c['versions'])} versions")
        for v in c["versions"]:
            print(f"  keep {v['event']}: {v['state'].replace('_', ' ')} by {v['by']} at {v['at']}"
                  + (f", reason: {_one_line(v['reason'])}" if v["reason"] else ""))
            print(f"      {_first_words(v['text'], 100)}")
            for a in v["annotations"]:
                print(f"      annotation: {a['severity']} {a['category']} by {a['author']}: "
                      f"{_one_line(a['comment'])}")
    print(f"\n{counted(len(found), 'post')} in conflict; keep one version: review-desk resolve POST_ID "
          "--keep EVENT_ID --as NAME")
    return EXIT_OK


def cmd_resolve(args) -> int:
    with _open(args) as desk:
        post = desk.resolve_conflict(args.post_id, args.keep, _actor(args))
    print(f"post {post.id}: conflict resolved; now {post.state.replace('_', ' ')}")
    return EXIT_OK


def conflict_json(row: dict[str, Any], conflict) -> dict[str, Any]:
    versions = []
    for branch in conflict.branches:
        post = branch.post
        versions.append({
            "event": branch.tip, "state": post.state, "text": post.current_text,
            "revision": post.current_revision.number, "reason": post.reason,
            "by": post.last_actor, "at": post.updated_at,
            "back_translation": post.current_revision.back_translation,
            "annotations": [{"id": a.id, "category": a.category, "severity": a.severity,
                             "comment": a.comment, "author": a.author, "start": a.start, "end": a.end}
                            for a in post.annotations.values() if a.status != "deleted"]})
    return {"id": row["id"], "external_id": row["external_id"], "batch": row["batch"],
            "versions": versions}


def cmd_gui(args) -> int:
    """Reached only when `review.cli.main` is called directly: the window lives in `ui`, which
    the domain never imports; `review-desk` and `python main.py` route `gui` there."""
    print(f"{PROG}: the desktop window is started by `review-desk` (main.py), not by review.cli",
          file=sys.stderr)
    return EXIT_INTERNAL


HANDLERS: dict[str, Callable[[Any], int]] = {
    "import": cmd_import, "batches": cmd_batches, "posts": cmd_posts, "show": cmd_show,
    "decide": cmd_decide, "rewrite": cmd_rewrite, "annotate": cmd_annotate, "undo": cmd_undo,
    "export": cmd_export, "history": cmd_history, "sample": cmd_sample, "gui": cmd_gui,
    "hints": cmd_hints, "checks": cmd_checks, "dismiss": cmd_dismiss, "glossary": cmd_glossary,
    "tm": cmd_tm, "assign": cmd_assign, "backup": cmd_backup, "report": cmd_report,
    "verify": cmd_verify, "pack": cmd_pack, "conflicts": cmd_conflicts, "resolve": cmd_resolve,
}

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
    return out


# -- printing ---------------------------------------------------------------------------------------


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _print_table(header: list[str], rows: list[list[Any]]) -> None:
    cells = [header] + [[_one_line(c) for c in row] for row in rows]
    widths = [min(max(_width(r[i]) for r in cells), 60) for i in range(len(header))]
    for row in cells:
        line = "  ".join(_pad(c, w) for c, w in zip(row, widths))
        sys.stdout.write(line.rstrip() + "\n")


def _print_show(d: dict[str, Any]) -> None:
    out = sys.stdout.write
    out(f"post {d['id']} ({d['external_id']}) in batch {d['batch']}: {d['state'].replace('_', ' ')}\n")
    out(f"{d['platform']}, {d['source_lang']} > {d['target_lang']}, scheduled {d['scheduled_at'] or '-'}\n")
    for label, key in (("link", "link"), ("media", "media_note"), ("HQ notes", "notes"),
                       ("reason", "reason")):
        if d[key]:
            out(f"{label}: {d[key]}\n")
    out(f"\nsource ({d['source_lang']}):\n  {_indent(d['source_text'])}\n")
    out("\nrevisions:\n")
    for r in d["revisions"]:
        out(f"  #{r['number']} {r['kind']} by {r['author']} at {r['at']}:\n    {_indent(r['text'], 4)}\n")
        if r["back_translation"]:
            out(f"    back-translation: {_indent(r['back_translation'], 4)}\n")
    if d["annotations"]:
        out("\nannotations:\n")
        for a in d["annotations"]:
            out(f"  {a['id'][:8]} rev {a['revision']} [{a['start']}:{a['end']}] {a['severity']} "
                f"{a['category']} ({a['status']}) by {a['author']}: {a['comment']}\n")
    out("\nhistory:\n")
    for e in d["events"]:
        out(f"  {e['at']}  {e['actor']} ({e['role']})  {e['kind']}  {_payload_summary(e['payload'])}".rstrip() + "\n")


def _check_line(shown) -> str:
    return f"{shown.result.severity} {shown.key}: {shown.result.message}"


def _print_hints(h) -> None:
    out = sys.stdout.write
    out(f"hints for post {h.post_id} (checking the {h.checked}; length {h.length['count']}"
        f"{'/' + str(h.length['limit']) if h.length['limit'] else ''} on {platform_name(h.length['platform'])})\n")
    out("\nglossary:\n" if h.glossary.terms or h.glossary.renderings else "\nglossary: no terms found\n")
    for t in h.glossary.terms:
        found = f"uses '{t.found}'" if t.found else "MISSING"
        expected = " / ".join(t.expected) or "(no rendering)"
        out(f"  {t.term} -> {expected}: {found}\n")
        for note in t.notes:
            out(f"      note: {_one_line(note)}\n")
    for r in h.glossary.renderings:
        if r.status in ("forbidden", "deprecated"):
            out(f"  '{r.text}' at {r.start}-{r.end} is {r.status}\n")
    out("\nmemory:\n" if h.memory else "\nmemory: no match of 70% or more\n")
    for m in h.memory:
        out(f"  {m.score:5.1f}%  {_one_line(m.source_text)}\n         -> {_one_line(m.target_text)}\n")
    out("\nlanguage:\n")
    for name in ("source", "draft", "rewrite"):
        if name in h.language:
            d = h.language[name]
            out(f"  {name}: {d['detected']} ({d['confidence']:.2f}, {d['detector']})\n")
    out("\nchecks:\n" if h.checks else "\nchecks: nothing found\n")
    for c in h.checks:
        state = f"  [dismissed by {c.dismissed['by']}: {c.dismissed['reason']}]" if c.dismissed else ""
        out(f"  {_check_line(c)}{state}\n")


def _payload_summary(payload: dict[str, Any]) -> str:
    keep = {k: v for k, v in payload.items() if k in ("reason", "state", "target", "kind", "text",
                                                       "severity", "category", "file", "revision")}
    summary = ", ".join(f"{k}={_one_line(v)[:50]}" for k, v in keep.items())
    if payload.get("despite"):  # an approval given despite open errors: say which, whole
        summary += f", despite {counted(len(payload['despite']), 'open error')}: " + " | ".join(
            _one_line(item) for item in payload["despite"])
    return summary


def _first_words(text: str, limit: int = 50) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _one_line(value: Any) -> str:
    return " ".join(str("" if value is None else value).split())


def _indent(text: str, spaces: int = 2) -> str:
    return text.replace("\n", "\n" + " " * spaces)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    while _width(text) > width:
        text = text[:-2] + "…"
    return text + " " * (width - _width(text))
