"""The review verbs: decide, rewrite, annotate, assign, undo; and the hints: a post's hints, a
batch's checks, dismissing a finding."""
from __future__ import annotations

import argparse
import sys

from ..errors import ReviewError
from ..formats import platform_name
from ..model import DECISIONS
from ..texts import counted, said
from .common import EXIT_OK, Command, actor, actor_options, json_option, open_desk, post_id_argument
from .parsing import lower, whole_number
from .printing import one_line, print_json


def _decide_arguments(p: argparse.ArgumentParser) -> None:
    post_id_argument(p)
    p.add_argument("decision", type=lower, choices=DECISIONS)
    p.add_argument("--reason", help="required for reject, request-changes and reopen")
    p.add_argument("--despite-findings", action="store_true",
                   help="approve although the checks found open errors (they are recorded with "
                        "the approval)")
    actor_options(p)


def cmd_decide(args) -> int:
    with open_desk(args) as desk:
        post = desk.decide(args.post_id, actor(args), args.decision, args.reason,
                           despite_findings=args.despite_findings)
        despite = desk.history(post.id)[-1].payload.get("despite", [])
    print(f"post {post.id}: {post.state.replace('_', ' ')}")
    if despite:
        print(f"approved despite {counted(len(despite), 'open error')}:")
        for item in despite:
            print(f"  {item}")
    return EXIT_OK


DECIDE = Command("decide", "approve, reject, request changes, reopen or sign off a post",
                 _decide_arguments, cmd_decide)


def _rewrite_arguments(p: argparse.ArgumentParser) -> None:
    post_id_argument(p)
    p.add_argument("--text", required=True)
    p.add_argument("--back-translation", help="a plain gloss of the rewrite for HQ")
    actor_options(p)


def cmd_rewrite(args) -> int:
    with open_desk(args) as desk:
        before = desk.post(desk.resolve_post_id(args.post_id))
        post = desk.rewrite(args.post_id, actor(args), args.text, args.back_translation)
    number = post.current_revision.number
    if post.head == before.head:
        print(f"post {post.id}: unchanged (revision {number} has this text and back-translation)")
    elif number == before.current_revision.number:
        print(f"post {post.id}: back-translation of revision {number} saved (the text is the same)")
    else:
        print(f"post {post.id}: revision {number} saved ({post.state.replace('_', ' ')})")
    return EXIT_OK


REWRITE = Command("rewrite", "add a rewrite (a new revision; HQ's draft is kept)",
                  _rewrite_arguments, cmd_rewrite)


def _annotate_arguments(p: argparse.ArgumentParser) -> None:
    post_id_argument(p)
    p.add_argument("--start", type=whole_number, required=True, help="first character (0-based)")
    p.add_argument("--end", type=whole_number, required=True, help="character after the span")
    p.add_argument("--category", required=True)
    p.add_argument("--subcategory")
    p.add_argument("--severity", required=True)
    p.add_argument("--comment", default="")
    p.add_argument("--revision", type=whole_number, help="revision number (default: the current text)")
    actor_options(p)


def cmd_annotate(args) -> int:
    with open_desk(args) as desk:
        post = desk.annotate(args.post_id, actor(args), start=args.start, end=args.end,
                             category=args.category, severity=args.severity, comment=args.comment,
                             subcategory=args.subcategory, revision=args.revision)
    newest = list(post.annotations.values())[-1]
    print(f"post {post.id}: annotation {newest.id} ({newest.severity} {newest.category}) saved")
    return EXIT_OK


ANNOTATE = Command("annotate", "mark a span of the current text (or --revision N) with an MQM error",
                   _annotate_arguments, cmd_annotate)


def _assign_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("post_ids", metavar="POST_ID", nargs="*")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--to", metavar="REVIEWER", help="the reviewer's name")
    who.add_argument("--nobody", action="store_true", help="take the posts back")
    who.add_argument("--split", metavar="A,B[,C...]",
                     help="share the open, unassigned posts of --batch between these reviewers "
                          "(each language pair with one reviewer where it can, then evenly)")
    p.add_argument("--batch", help="the batch to share out (with --split)")
    actor_options(p, required=False, role="coordinator")


def cmd_assign(args) -> int:
    if args.split is not None:
        return _split(args)
    if args.batch is not None or not args.post_ids:
        raise ReviewError(said("assign-posts-or-split"))
    with open_desk(args) as desk:
        posts = desk.assign(args.post_ids, actor(args), None if args.nobody else args.to)
    who = "nobody" if args.nobody else args.to
    print(f"{counted(len(posts), 'post')} assigned to {who}")
    return EXIT_OK


def _split(args) -> int:
    if args.batch is None or args.post_ids:
        raise ReviewError(said("split-batch-only"))
    with open_desk(args) as desk:
        done = desk.split_batch(args.batch, args.split, actor(args))
    for share in done.shares if done.assigned else ():
        pairs = ", ".join(f"{s}→{t} {n}" for (s, t), n in share.pairs)
        print(f"{share.reviewer}: {counted(share.count, 'post')}" + (f" ({pairs})" if pairs else ""))
    left = f"; {counted(done.left, 'open post')} already assigned, left as they are" if done.left else ""
    print(f"batch {done.batch}: {counted(done.assigned, 'post')} shared out{left}")
    return EXIT_OK


ASSIGN = Command("assign", "give posts to a reviewer (coordinators); the queue's \"assigned to me\"",
                 _assign_arguments, cmd_assign)


def _undo_arguments(p: argparse.ArgumentParser) -> None:
    post_id_argument(p)
    actor_options(p)


def cmd_undo(args) -> int:
    with open_desk(args) as desk:
        result = desk.undo(args.post_id, actor(args))
    print(f"post {result.post.id}: undid {result.undone_kind}; now {result.post.state.replace('_', ' ')}")
    return EXIT_OK


UNDO = Command("undo", "take back the latest action on a post (a compensating event)",
               _undo_arguments, cmd_undo)


def _hints_arguments(p: argparse.ArgumentParser) -> None:
    post_id_argument(p)
    json_option(p, "object")


def cmd_hints(args) -> int:
    with open_desk(args) as desk:
        hints = desk.hints(args.post_id)
    if args.json:
        print_json(hints.to_json())
    else:
        _print_hints(hints)
    return EXIT_OK


HINTS = Command("hints", "glossary, memory, language and check hints for a post's current text",
                _hints_arguments, cmd_hints)


def _checks_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--batch", required=True)
    json_option(p, "object")


def cmd_checks(args) -> int:
    summary: dict[str, int] = {}
    posts, checked, clean = [], 0, 0
    with open_desk(args) as desk:
        for post, checks in desk.batch_checks(args.batch):  # printed as they come
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
        print_json({"batch": args.batch, "posts": posts, "summary": summary})
        return EXIT_OK
    print(f"\n{counted(checked, 'post')}, {clean} without problems; "
          + (", ".join(f"{k} {v}" for k, v in sorted(summary.items())) or "no findings"))
    return EXIT_OK


CHECKS = Command("checks", "run the checks on every post of a batch, with a summary",
                 _checks_arguments, cmd_checks)


def _dismiss_arguments(p: argparse.ArgumentParser) -> None:
    post_id_argument(p)
    p.add_argument("check_key", metavar="CHECK_KEY", help="the key `hints` shows, e.g. length")
    p.add_argument("--reason", required=True, help="why the check does not apply")
    actor_options(p)


def cmd_dismiss(args) -> int:
    with open_desk(args) as desk:
        post_id = desk.resolve_post_id(args.post_id)
        keys = [c.key for c in desk.hints(post_id).checks]
        if args.check_key not in keys:
            raise ReviewError(said("no-such-finding", id=post_id, key=args.check_key,
                                   findings=", ".join(keys)) if keys else
                              said("no-finding-at-all", id=post_id, key=args.check_key))
        post = desk.dismiss_check(post_id, actor(args), args.check_key, args.reason)
    print(f"post {post.id}: {args.check_key} dismissed until the text changes")
    return EXIT_OK


DISMISS = Command("dismiss", "dismiss one check result of a post until its text changes",
                  _dismiss_arguments, cmd_dismiss)


# -- text ------------------------------------------------------------------------------------------


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
            out(f"      note: {one_line(note)}\n")
    for r in h.glossary.renderings:
        if r.status in ("forbidden", "deprecated"):
            out(f"  '{r.text}' at {r.start}-{r.end} is {r.status}\n")
    out("\nmemory:\n" if h.memory else "\nmemory: no match of 70% or more\n")
    for m in h.memory:
        out(f"  {m.score:5.1f}%  {one_line(m.source_text)}\n         -> {one_line(m.target_text)}\n")
    out("\nlanguage:\n")
    for name in ("source", "draft", "rewrite"):
        if name in h.language:
            d = h.language[name]
            out(f"  {name}: {d['detected']} ({d['confidence']:.2f}, {d['detector']})\n")
    out("\nchecks:\n" if h.checks else "\nchecks: nothing found\n")
    for c in h.checks:
        state = f"  [dismissed by {c.dismissed['by']}: {c.dismissed['reason']}]" if c.dismissed else ""
        out(f"  {_check_line(c)}{state}\n")
