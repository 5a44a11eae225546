"""`server` (HQ sets up its PostgreSQL server: init, add-office, grant, revoke, offices) and
`sync` (a desk sends and receives through it). See docs/sync.md."""
from __future__ import annotations

import argparse
import sys

from ..texts import counted
from .common import EXIT_OK, EXIT_REFUSED, PROG, Command, action, actions, json_option, open_desk
from .printing import print_json


def _server_actions(p: argparse.ArgumentParser) -> None:
    sub = actions(p)
    k = action(sub, "init", "create Review Desk's schema in an empty database owned by the URL's "
                            "role; running it again changes nothing", cmd_server_init)
    k.add_argument("url", metavar="URL", help="postgresql://HQ_ROLE@HOST:PORT/DATABASE")
    k = action(sub, "add-office", "create a login role for an office and print its connection URL "
                                  "(with its generated password) once", cmd_server_add_office)
    k.add_argument("url", metavar="URL")
    k.add_argument("name", metavar="NAME", help="the office: lower-case letters, digits, - or _")
    for name, verb, handler in (("grant", "may read and write", cmd_server_grant),
                                ("revoke", "may no longer read or write", cmd_server_revoke)):
        k = action(sub, name, f"an office {verb} a batch on the server", handler)
        k.add_argument("url", metavar="URL")
        k.add_argument("--office", required=True, metavar="NAME")
        k.add_argument("--batch", required=True, metavar="BATCH")
    k = action(sub, "offices", "the offices and the batches granted to each", cmd_server_offices)
    k.add_argument("url", metavar="URL")
    json_option(k, "list of objects")


def _admin():
    from ..desk import Desk

    return Desk.server_admin()


def cmd_server_init(args) -> int:
    ready = _admin().init(args.url)
    done = "created" if ready.migrations_run else "already there; nothing changed"
    print(f"{ready.server}: Review Desk's schema (version {ready.version}) {done}")
    return EXIT_OK


def cmd_server_add_office(args) -> int:
    added = _admin().add_office(args.url, args.name)
    print(f"office {added.office} added (login role {added.role}); its connection URL, shown "
          f"only this once (give it to the office; `review-desk sync --server URL` keeps the "
          f"password outside the database):")
    print(added.url)
    return EXIT_OK


def cmd_server_grant(args) -> int:
    new = _admin().grant(args.url, args.office, args.batch)
    print(f"office {args.office} {'may now' if new else 'could already'} read and write batch {args.batch}")
    return EXIT_OK


def cmd_server_revoke(args) -> int:
    had = _admin().revoke(args.url, args.office, args.batch)
    print(f"office {args.office} {'may no longer' if had else 'could not'} read or write batch {args.batch}")
    return EXIT_OK


def cmd_server_offices(args) -> int:
    offices = _admin().offices(args.url)
    if args.json:
        print_json(offices)
        return EXIT_OK
    for office in offices:
        print(f"{office['office']} ({office['role']}): {', '.join(office['batches']) or 'no batch'}")
    return EXIT_OK


def _sync_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--server", metavar="URL",
                   help="postgresql://ROLE[:PASSWORD]@HOST:PORT/DATABASE (default: the last one "
                        "synced with; a password given is kept in a file only you can read)")
    p.add_argument("--status", action="store_true",
                   help="print the server, the last sync and the events waiting; sync nothing")
    json_option(p, "object (at least: pushed, pulled)")


def cmd_sync(args) -> int:
    with open_desk(args) as desk:
        if args.status:
            return _print_status(desk.sync_status(), args.json)
        done = desk.sync(args.server)
    if args.json:
        print_json(done.as_json())
    else:
        print(done.summary())
    for line in done.problems:
        print(f"{PROG}: {line}", file=sys.stderr)
    return EXIT_REFUSED if done.problems else EXIT_OK


def _print_status(status, as_json: bool) -> int:
    if as_json:
        print_json(dict(status.__dict__))
    else:
        print(f"server: {status.server or 'none yet'}; last sync: {status.last_sync or 'never'}; "
              f"{counted(status.waiting, 'event')} waiting to be sent; automatic sync "
              f"{'on' if status.automatic else 'off'}")
    return EXIT_OK


SERVER = Command("server", "HQ's sync server (PostgreSQL): set it up, add offices, grant batches",
                 _server_actions)
SYNC = Command("sync", "send this desk's events to HQ's server and receive those of the batches "
                       "this login may see; merged as a package import is", _sync_arguments, cmd_sync)
