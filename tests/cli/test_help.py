"""`--help` of every command: unchanged in content (a snapshot), and every command documented in
the README's table with each of its options (an undocumented command fails, as in sqlite-utils).

After a deliberate change to the options or their help, write the snapshot again and read its diff:
    .venv/bin/python -m tests.cli.test_help --write
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import pytest

from tests.cli.runner import ROOT, cli

SNAPSHOT = Path(__file__).with_name("help.txt")
WIDTH = "100"  # argparse wraps to $COLUMNS; the comparison ignores wrapping anyway
# Options the README describes once, above the table, for every command.
GENERAL_OPTIONS = {"--help", "--db", "--as", "--role"}


def command_paths() -> list[tuple[str, ...]]:
    """Every command and action, in the order `--help` lists them: (), ("import",), ...,
    ("glossary",), ("glossary", "import"), ... Walks argparse's subparsers (a private
    attribute: a test may lean on it, the program does not)."""
    from review.cli import build_parser

    def walk(parser: argparse.ArgumentParser, prefix: tuple[str, ...]):
        yield prefix
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield from walk(sub, prefix + (name,))

    return list(walk(build_parser(), ()))


def leaf_paths() -> list[tuple[str, ...]]:
    paths = command_paths()
    return [p for p in paths if p and not any(q[:len(p)] == p and q != p for q in paths)]


def help_of(path: tuple[str, ...]) -> str:
    done = cli(*path, "--help")
    assert done.returncode == 0 and done.stderr == "", (path, done.stderr)
    return done.stdout


def snapshot_text() -> str:
    return "".join(f"$ review-desk {' '.join(path + ('--help',))}\n{help_of(path)}\n"
                   for path in command_paths())


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def fixed_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", WIDTH)


def test_every_help_is_unchanged():
    expected = SNAPSHOT.read_text(encoding="utf-8").split("$ review-desk ")[1:]
    shown = snapshot_text().split("$ review-desk ")[1:]
    assert [s.splitlines()[0] for s in shown] == [e.splitlines()[0] for e in expected], \
        "the commands changed"
    for now, before in zip(shown, expected):
        assert _words(now) == _words(before), f"`review-desk {now.splitlines()[0]}` changed"


def readme_rows() -> list[str]:
    """The rows of the README's command table: "| `review-desk COMMAND ...` | what it does |"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Command line\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| `review-desk ")]


def documented_path(row: str, paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The longest command path the row's usage starts with ("glossary import FILE" ->
    ("glossary", "import")); () if it names no command."""
    words = row.split("`")[1].split()[1:]
    return max((p for p in paths if tuple(words[:len(p)]) == p), key=len)


def test_every_documented_command_exists_and_every_command_is_documented():
    paths, leaves = command_paths(), leaf_paths()
    documented = {documented_path(row, paths) for row in readme_rows()}
    assert documented - set(leaves) == set(), "rows in the README that name no command"
    assert [p for p in leaves if p not in documented] == [], "commands missing from the README"


@pytest.mark.parametrize("path", leaf_paths(), ids=" ".join)
def test_each_option_of_a_command_is_in_its_readme_rows(path):
    """Runs the command's --help and looks for each option (and positional) it lists in the
    README rows of that command."""
    paths = command_paths()
    rows = [row for row in readme_rows() if documented_path(row, paths) == path]
    usages = " ".join(row.split("`")[1] for row in rows)
    shown = help_of(path)
    options = set(re.findall(r"^  (?:-\w, )?(--[\w-]+)", shown, re.MULTILINE)) - GENERAL_OPTIONS
    assert sorted(o for o in options if not any(o in row for row in rows)) == []
    positionals = shown.split("\npositional arguments:\n", 1)[-1].split("\n\n")[0] \
        if "\npositional arguments:\n" in shown else ""
    for name in re.findall(r"^  (\S+)", positionals, re.MULTILINE):
        words = name.strip("{}").split(",")  # a choice of words, or a placeholder like FILE
        assert all(w in usages or w.upper() in usages for w in words), (path, name)


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    os.environ["COLUMNS"] = WIDTH
    SNAPSHOT.write_text(snapshot_text(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
