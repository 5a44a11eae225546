"""The command line: thin wrappers over `Desk`, for coordinators and scripts.

Success exits 0; a refused or bad request prints one line per problem to stderr and exits 2;
an unexpected failure prints one line, writes the details to a log file and exits 1.

Each group of commands is a module here with each command's arguments beside its handler and
its `Command` record; COMMANDS below is the one table of them, in the order --help lists them.
The arguments are parsed once: main.py calls `parse`, then `run_command` (or opens the window).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from ..errors import ReviewError
from . import backup, exports, packages, posts, reviewing, sync, terms, window
from .common import EXIT_INTERNAL, EXIT_OK, EXIT_REFUSED, PROG, Command, db_option, db_path
from .parsing import Parser

COMMANDS: tuple[Command, ...] = (
    posts.IMPORT, posts.BATCHES, posts.POSTS, posts.SHOW,
    reviewing.DECIDE, reviewing.REWRITE, reviewing.ANNOTATE, reviewing.ASSIGN, reviewing.UNDO,
    exports.EXPORT, exports.REPORT, exports.VERIFY,
    posts.HISTORY, posts.SAMPLE,
    reviewing.HINTS, reviewing.CHECKS, reviewing.DISMISS,
    terms.GLOSSARY, terms.TM, backup.BACKUP,
    packages.PACK, packages.CONFLICTS, packages.RESOLVE, sync.SYNC, sync.SERVER,
    window.GUI,
)
WINDOW = window.GUI.name  # main.py opens the window for it, and for no command at all


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG, parents=[db_option()],
        description="Review Desk: review HQ's draft social-media posts offline. "
                    "Without a command, the desktop window opens.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        p = sub.add_parser(command.name, help=command.help, description=command.help,
                           parents=[db_option()])
        command.arguments(p)
        if command.handler is not None:  # None: a command with actions, each naming its own
            p.set_defaults(handler=command.handler)
    return parser


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The arguments, parsed once; a usage error or --help exits here (2 or 0), as argparse does."""
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """`review-desk ARGV...` without the window: what tests and other Python code call."""
    return run_command(parse(argv))


def run_command(args: argparse.Namespace) -> int:
    handler = getattr(args, "handler", window.cmd_gui)  # no command: the window's
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


def _unexpected(args: argparse.Namespace, err: Exception) -> int:
    """Damage that `quick_check` could not see (a changed byte inside a stored text) shows up
    when the value is read: say so as for any damaged file; anything else is our bug."""
    from ..desk import Desk

    damage = Desk.damage_behind(Path(db_path(args)), err)
    if damage is not None:
        print(f"{PROG}: {damage}", file=sys.stderr)
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
