"""`gui`: the desktop window's options. main.py routes the command to `ui` (Qt); the domain
never imports it, so here the command only refuses when review.cli is called on its own."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..texts import said
from .common import EXIT_INTERNAL, PROG, Command


def _gui_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--post", metavar="POST_ID", help="open on this post")
    p.add_argument("--screenshot", metavar="FILE.png", type=Path,
                   help="render the window offscreen once ready, save it as PNG and exit")
    p.add_argument("--size", metavar="WIDTHxHEIGHT", type=_window_size, default=(1440, 860),
                   help="the window's size for --screenshot (default 1440x860), e.g. 1024x700")
    p.add_argument("--theme", choices=("system", "light", "dark"), default="system",
                   help="colour scheme (default: follow the system)")
    p.add_argument("--interface", choices=("en", "zh_CN"),
                   help="interface language for this run (default: the profile's)")


def _window_size(text: str) -> tuple[int, int]:
    """"1024x700" -> (1024, 700); anything else is one line naming --size (exit 2)."""
    width, _, height = text.lower().partition("x")
    try:
        size = int(width), int(height)
    except ValueError:
        size = (0, 0)
    if not (320 <= size[0] <= 8000 and 240 <= size[1] <= 8000):
        raise argparse.ArgumentTypeError(said("bad-window-size", text=text))
    return size


def cmd_gui(args) -> int:
    """Reached only when `review.cli.main` is called directly: the window lives in `ui`, which
    the domain never imports; `review-desk` and `python main.py` route `gui` there."""
    print(f"{PROG}: the desktop window is started by `review-desk` (main.py), not by review.cli",
          file=sys.stderr)
    return EXIT_INTERNAL


GUI = Command("gui", "open the desktop window (what review-desk without a command does)",
              _gui_arguments, cmd_gui)
