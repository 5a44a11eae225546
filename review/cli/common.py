"""What every command shares: its record in the command table, the --db option, who acts, and
the one way to open the database (through Desk: the command line knows nothing else)."""
from __future__ import annotations

import argparse
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..model import REVIEWER, ROLES, Actor

PROG = "review-desk"
EXIT_OK, EXIT_INTERNAL, EXIT_REFUSED = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    """One command: its name and one-line help (also its --help description), the function that
    adds its arguments (or its actions) to its parser, and the handler that runs it (None for a
    command with actions: each action parser names its own)."""

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    handler: Handler | None = None


@functools.cache  # one parent for all (argparse copies its actions); one each: 6.3 ms a parse, not 4.2
def db_option() -> argparse.ArgumentParser:
    """--db, accepted before the command and after it (each parser takes it as a parent);
    SUPPRESS so that one given before is not reset by a parser after it that did not see it."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH",
                        help="database file (default: $REVIEW_DESK_DB or the app-data folder)")
    return parent


def actions(parser: argparse.ArgumentParser) -> Any:
    """The ACTION subparsers of a command with actions (glossary import, glossary export, ...)."""
    return parser.add_subparsers(dest="action", metavar="ACTION", required=True)


def action(subparsers: Any, name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help, parents=[db_option()])
    parser.set_defaults(handler=handler)
    return parser


def no_arguments(p: argparse.ArgumentParser) -> None:
    """A command that takes only --db."""


def post_id_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("post_id", metavar="POST_ID")


def json_option(p: argparse.ArgumentParser, shape: str) -> None:
    """--json: print the result as a JSON `shape` ("object", "list of objects") for scripts."""
    p.add_argument("--json", action="store_true", help=f"print a JSON {shape}")


def actor_options(p: argparse.ArgumentParser, required: bool = True, role: str = REVIEWER) -> None:
    p.add_argument("--as", dest="actor", required=required, metavar="NAME", help="who acts")
    p.add_argument("--role", choices=ROLES, type=str.lower, default=role,
                   help=f"the actor's role (default: {role})")


def actor(args: argparse.Namespace) -> Actor:
    from ..desk import Desk

    return Actor(args.actor or Desk.default_user(), args.role)


def db_path(args: argparse.Namespace) -> str | os.PathLike:
    """The database the command is about: --db as given (messages repeat it), else
    $REVIEW_DESK_DB or the app-data folder."""
    from ..paths import default_db_path

    return getattr(args, "db", None) or default_db_path()


def db_named(args: argparse.Namespace) -> bool:
    """Whether a person named the database (--db, $REVIEW_DESK_DB), not the default."""
    from ..paths import DB_ENV

    return bool(getattr(args, "db", None) or os.environ.get(DB_ENV))


def open_desk(args: argparse.Namespace):
    """The Desk of --db (or $REVIEW_DESK_DB, or the app-data folder). A database named in a
    folder that does not exist is refused (a mistyped path made an empty database silently);
    a new one in an existing folder is made, and one line on stderr says so."""
    import sys

    from ..desk import Desk  # imported when a command runs, not for --help

    path = Path(db_path(args))
    new = Desk.is_new_database(path, named=db_named(args))
    desk = Desk(path)
    if new:
        print(f"{PROG}: note: made a new, empty database at {path}", file=sys.stderr)
    return desk
