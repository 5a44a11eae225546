"""The database's automatic backups: list them, make one now, restore one. Only `backup now`
opens the database: the others must work on a damaged one."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from .common import EXIT_OK, Command, action, actions, db_path, json_option, open_desk
from .parsing import whole_number
from .printing import local_time, print_table


def _backup_actions(p: argparse.ArgumentParser) -> None:
    sub = actions(p)
    b = action(sub, "list", "the backups, newest first (numbered 1, 2, ...)", cmd_backup_list)
    json_option(b, "list of objects")
    action(sub, "now", "make a backup now", cmd_backup_now)
    b = action(sub, "restore", "put backup N in place of the database (the replaced database is "
                               "kept next to it)", cmd_backup_restore)
    b.add_argument("number", type=whole_number, metavar="N", help="the number `backup list` shows")


def cmd_backup_list(args) -> int:
    from ..desk import Desk

    path = Path(db_path(args))
    found = Desk.backups_of(path)
    if args.json:
        print(json.dumps([{"number": b.number, "file": str(b.path), "taken_at":
                           b.taken_at.isoformat(), "reason": b.reason, "size": b.size}
                          for b in found], ensure_ascii=False, indent=2))
    elif not found:
        print(f"no backups of {path} yet (they are made before imports and once a day)")
    else:
        print_table(["N", "taken", "reason", "size", "file"],
                    [[b.number, local_time(b.taken_at), b.reason, f"{b.size / 1e6:.1f} MB",
                      b.path.name] for b in found])
    return EXIT_OK


def cmd_backup_now(args) -> int:
    with open_desk(args) as desk:
        made = desk.backup_now()
    print(f"backed up {Path(db_path(args))} to {made}")
    return EXIT_OK


def cmd_backup_restore(args) -> int:
    from ..desk import Desk

    path = Path(db_path(args))
    done = Desk.restore_backup(path, args.number)
    kept = f"; the replaced database is kept as {done.kept_aside}" if done.kept_aside else ""
    print(f"restored backup {done.backup.number} (taken {local_time(done.backup.taken_at)}, "
          f"{done.backup.reason}) to {path}{kept}")
    return EXIT_OK


BACKUP = Command("backup", "list, make or restore the database's automatic backups", _backup_actions)
