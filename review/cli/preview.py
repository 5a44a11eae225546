"""`review-desk preview`: a post as its platform shows it in the feed, folded at "See more"."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..formats import PREVIEW_PLATFORMS, platform_name
from .common import EXIT_OK, Command, json_option, open_desk, post_id_argument
from .printing import print_json


def _preview_arguments(p: argparse.ArgumentParser) -> None:
    post_id_argument(p)
    p.add_argument("--platform", choices=PREVIEW_PLATFORMS,
                   help="the platform to preview (default: the post's own; Facebook for other)")
    json_option(p, "object")


def cmd_preview(args) -> int:
    with open_desk(args) as desk:
        shown = desk.preview(args.post_id, args.platform)
    if args.json:
        print_json(shown.to_json())
        return EXIT_OK
    unit = "weighted characters" if shown.platform == "x" else "characters"
    lines = f" or {shown.fold.lines} lines" if shown.fold.lines else ""
    print(f"{platform_name(shown.platform)}: folds after {shown.fold.limit} {unit}{lines} "
          f"on a desktop, {shown.phone.limit} on a phone")
    if shown.title is not None:
        print(f"title: {shown.title}")
    print(shown.visible)
    if shown.hidden:
        print(f"--- see more (a phone folds at character {shown.phone.cut_at}) ---")
        print(shown.hidden.lstrip("\n"))
    else:
        print("--- nothing folded ---")
    for crop in shown.crops:
        print(f"picture {crop.name}: {crop.width}x{crop.height}, {crop.shown} "
              f"({crop.crop_width}x{crop.crop_height} at {crop.x},{crop.y})")
    return EXIT_OK


PREVIEW = Command("preview", "a post as its platform shows it in the feed: the text before "
                             "\"See more\" and the rest", _preview_arguments, cmd_preview)


def _media_arguments(p: argparse.ArgumentParser) -> None:
    post_id_argument(p)
    p.add_argument("--out", required=True, type=Path, metavar="DIR",
                   help="the folder to write them into (made if missing)")


def cmd_media(args) -> int:
    with open_desk(args) as desk:
        written = desk.write_media(args.post_id, args.out)
    for path in written:
        print(path)
    if not written:
        print("the post has no pictures")
    return EXIT_OK


MEDIA = Command("media", "write a post's pictures (as HQ's batch named them) into a folder",
                _media_arguments, cmd_media)
