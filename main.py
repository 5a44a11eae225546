"""Review Desk's entry point: `review-desk` and `python main.py` run this.

With no command (or `gui`) the desktop window opens; any other command is the command line.
The arguments are parsed once, here, and handed on. This is the only place that would install
a global exception hook, so tests still see errors.
"""
from __future__ import annotations

import sys


def run(argv: list[str] | None = None) -> int:
    from review.cli import WINDOW, parse, run_command

    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command in (None, WINDOW):
        from ui.app import install_excepthook, run as run_gui  # Qt only for the window

        install_excepthook()  # here only: tests keep failing on a raising slot
        return run_gui(args)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(run())
