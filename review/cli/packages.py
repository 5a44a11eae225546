"""Review packages between laptops (work and results packages, this desk's key, the packages
imported here) and the conflicts their merging can leave."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..texts import counted
from .common import (EXIT_OK, Command, action, actions, actor, actor_options, json_option, open_desk,
                     post_id_argument)
from .printing import first_words, one_line, print_json


def _pack_actions(p: argparse.ArgumentParser) -> None:
    sub = actions(p)
    k = action(sub, "work", "a batch with its history, glossaries and memory, for a reviewer's "
                            "laptop (coordinator)", cmd_pack_work)
    k.add_argument("--batch", required=True)
    k.add_argument("--out", required=True, type=Path, help="FILE.rdpack")
    k.add_argument("--for", dest="reviewer", metavar="REVIEWER",
                   help="pack only this reviewer's posts and nobody's, and assign them the open ones "
                        "that are nobody's")
    actor_options(k, required=False, role="coordinator")
    k = action(sub, "results", "what was done on this laptop for a batch, for the coordinator",
               cmd_pack_results)
    k.add_argument("--batch", required=True)
    k.add_argument("--out", required=True, type=Path, help="FILE.rdpack")
    actor_options(k)
    k = action(sub, "import", "merge a work or results package; all or nothing, importing twice "
                              "changes nothing", cmd_pack_import)
    k.add_argument("file", type=Path)
    json_option(k, "object")
    action(sub, "key", "this desk's key, which signs its packages (compare it with the one a "
                       "package shows, e.g. over the phone)", cmd_pack_key)
    k = action(sub, "list", "the packages imported here, with the key that signed each", cmd_pack_list)
    k.add_argument("--batch")
    json_option(k, "list of objects")


def cmd_pack_work(args) -> int:
    with open_desk(args) as desk:
        made = desk.make_work_package(args.batch, args.out, actor(args), args.reviewer)
    assigned = f"; {counted(made.assigned, 'post')} assigned to {args.reviewer}" if made.assigned else ""
    print(f"wrote {made.summary()}{assigned}")
    if made.left_with:
        print(f"left out: {counted(sum(made.left_with.values()), 'post')} assigned to others ("
              + ", ".join(f"{who} {n}" for who, n in made.left_with.items()) + ")")
    return EXIT_OK


def cmd_pack_results(args) -> int:
    with open_desk(args) as desk:
        made = desk.make_results_package(args.batch, args.out, actor(args))
    print(f"wrote {made.summary()}")
    return EXIT_OK


def cmd_pack_import(args) -> int:
    with open_desk(args) as desk:
        done = desk.import_package(args.file)
    if args.json:
        print_json(dict(done.__dict__))
    else:
        print(f"imported {done.summary()}")
    return EXIT_OK


def cmd_pack_key(args) -> int:
    with open_desk(args) as desk:
        print(f"this desk's key: {desk.package_key()}")
    return EXIT_OK


def cmd_pack_list(args) -> int:
    with open_desk(args) as desk:
        packages = desk.imported_packages(args.batch)
    if args.json:
        print_json(packages)
        return EXIT_OK
    for p in packages:
        source = "coordinator's desk" if p["kind"] == "work" else "laptop"
        print(f"{p['imported_at'][:16].replace('T', ' ')}  {p['kind']:<7}  {p['batch']}  from "
              f"{p['creator']} ({source} {p['signer'] or 'unsigned'})  {p['events_added']} new "
              f"events  {p['file_name']}")
    if not packages:
        print("no packages were imported here")
    return EXIT_OK


PACK = Command("pack", "review packages between laptops: make a work or results package, or "
                       "import one", _pack_actions)


def _conflicts_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--batch")
    json_option(p, "list of objects")


def cmd_conflicts(args) -> int:
    with open_desk(args) as desk:
        found = [conflict_json(row, desk.post_conflict(row["id"])) for row in desk.conflicts(args.batch)]
    if args.json:
        print_json(found)
        return EXIT_OK
    if not found:
        print("no posts in conflict")
        return EXIT_OK
    for c in found:
        print(f"post {c['id']} ({c['external_id']}, batch {c['batch']}): {len(c['versions'])} versions")
        for v in c["versions"]:
            print(f"  keep {v['event']}: {v['state'].replace('_', ' ')} by {v['by']} at {v['at']}"
                  + (f", reason: {one_line(v['reason'])}" if v["reason"] else ""))
            print(f"      {first_words(v['text'], 100)}")
            for a in v["annotations"]:
                print(f"      annotation: {a['severity']} {a['category']} by {a['author']}: "
                      f"{one_line(a['comment'])}")
    print(f"\n{counted(len(found), 'post')} in conflict; keep one version: review-desk resolve POST_ID "
          "--keep EVENT_ID --as NAME")
    return EXIT_OK


CONFLICTS = Command("conflicts", "posts whose merged work from two laptops disagrees, with both "
                                 "versions", _conflicts_arguments, cmd_conflicts)


def _resolve_arguments(p: argparse.ArgumentParser) -> None:
    post_id_argument(p)
    p.add_argument("--keep", required=True, metavar="EVENT_ID",
                   help="an event of the version to keep, as `conflicts` shows it")
    actor_options(p, role="coordinator")


def cmd_resolve(args) -> int:
    with open_desk(args) as desk:
        post = desk.resolve_conflict(args.post_id, args.keep, actor(args))
    print(f"post {post.id}: conflict resolved; now {post.state.replace('_', ' ')}")
    return EXIT_OK


RESOLVE = Command("resolve", "keep one version of a post in conflict (coordinators); the other "
                             "stays in the history", _resolve_arguments, cmd_resolve)


def conflict_json(row: dict[str, Any], conflict) -> dict[str, Any]:
    """One post in conflict for `conflicts --json`: each version with the event that keeps it."""
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
