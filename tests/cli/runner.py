"""Running the command line in this process: argv in; exit code, stdout and stderr out.

Much faster than a subprocess per command (no interpreter start, no re-import), and it runs the
same code: `review.cli.main` is what `review-desk` calls once main.py has seen a command.
tests/cli/test_entry_point.py keeps the real subprocess runs (the entry point, exit codes, no
display).
"""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from review.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "zimbabwe-boreholes.csv"
REAL = ROOT / "tests" / "data" / "real-world"


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def cli(*argv: str) -> Ran:
    """`review-desk ARGV...` in-process. argparse's own exits (usage errors: 2, --help: 0)
    are SystemExit; they are turned into the exit code the shell would see."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
    return Ran(code, out.getvalue(), err.getvalue())


def run(db: Path, *args: str) -> Ran:
    """`review-desk --db DB ARGS...` in-process."""
    return cli("--db", str(db), *args)


def post_id(db: Path, external: str) -> str:
    """The id of the sample post with this external id (ZW-004) in batch zw."""
    posts = json.loads(run(db, "posts", "--batch", "zw", "--json").stdout)
    return next(p["id"] for p in posts if p["external_id"] == external)
