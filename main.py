"""Review Desk's entry point: `review-desk` and `python main.py` run this.

With no command (or `gui`) the desktop window opens; any other command is the command line.
This is the only place that would install a global exception hook, so tests still see errors.
"""
from __future__ import annotations

import sys


def run(argv: list[str] | None = None) -> int:
    from review.cli import main

    return main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(run())
