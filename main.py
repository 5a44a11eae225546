"""Review Desk's entry point: `review-desk` and `python main.py` run this.

With no command (or `gui`) the desktop window opens; any other command is the command line.
This is the only place that would install a global exception hook, so tests still see errors.
"""
from __future__ import annotations

import sys


def run(argv: list[str] | None = None) -> int:
    from review.cli import build_parser, main

    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        from ui.app import install_excepthook, run as run_gui  # Qt only for the window

        install_excepthook()  # here only: tests keep failing on a raising slot
        return run_gui(args)
    return main(argv)


if __name__ == "__main__":
    sys.exit(run())
