"""Option mistakes in one line: argparse's parser, with its errors said the way the rest of the
command line says refusals (`review-desk: --format: 'xlxs' is not a format; accepted: ...; did
you mean xlsx?`, exit 2) instead of a usage block. Choices of words (formats, states,
platforms, decisions, commands) are matched in any case, and the closest valid word is offered
(difflib, as git and pip do for a mistyped command).

argparse has no hook for these: `error` is its documented one for a usage error, and a choice
is checked in its private `_check_value`, which this overrides;
tests/cli/test_options.py holds every message, so a Python whose argparse changes fails there."""
from __future__ import annotations

import argparse
import difflib
import sys
from typing import Any, NoReturn, Sequence

from ..model import DECISIONS
from ..texts import said
from .common import EXIT_REFUSED, PROG

# What a choice is called in "'x' is not a format", by the option's dest.
_WHAT = {"command": "command", "action": "action", "format": "format", "state": "state",
         "platform": "platform", "decision": "decision", "role": "role", "theme": "theme",
         "interface": "interface language"}


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line each; subparsers are made of this class too."""

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None):
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            self.refuse(self._unknown(extras, parsed))
        return parsed

    def error(self, message: str) -> NoReturn:
        required = "the following arguments are required: "
        if message.startswith(required):
            self.refuse(self._missing(message[len(required):].split(", ")))
        message = message.removeprefix("argument ")  # "--start: 'x' is not a whole number"
        self.refuse(said("option-error", **self._place(), problem=message))

    def refuse(self, message: str) -> NoReturn:
        print(f"{PROG}: {message}", file=sys.stderr)
        sys.exit(EXIT_REFUSED)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is None or value in action.choices:
            return
        accepted = [str(c) for c in action.choices]
        what = _WHAT.get(action.dest, action.dest.replace("_", " "))
        # a decision typed as a command (`review-desk aprove`) is offered as the decision it is
        words = accepted + (list(DECISIONS) if action.dest == "command" else [])
        close = difflib.get_close_matches(str(value).lower(), words, n=1)
        name = ("option-not-a-choice" if not close else
                "option-not-a-choice-close" if close[0] in accepted else "command-is-a-decision")
        where = f"{action.option_strings[0]}: " if action.option_strings else self._place()["where"]
        self.refuse(said(name, where=where, value=value, what=what, accepted=", ".join(accepted),
                         close=(close or [""])[0]))

    def _command(self) -> str:
        return self.prog[len(PROG):].strip()

    def _place(self) -> dict[str, str]:
        """`where` the mistake is ("decide: ", nothing for the program itself) and its `help`."""
        command = self._command()
        return {"where": f"{command}: " if command else "",
                "help": f"{PROG} {command} --help" if command else f"{PROG} --help"}

    def _missing(self, names: list[str]) -> str:
        by_name = {name: a for a in self._actions for name in (*a.option_strings, a.metavar, a.dest)
                   if name}
        parts = []
        for name in names:
            action = by_name.get(name)
            if action is not None and action.choices and not action.option_strings:
                parts.append(f"{name} ({', '.join(map(str, action.choices))})")
            elif action is not None and action.option_strings and action.metavar:
                parts.append(f"{name} {action.metavar}")
            else:
                parts.append(name)
        return said("option-missing", **self._place(), missing=", ".join(parts), count=len(parts))

    def _unknown(self, extras: list[str], parsed: argparse.Namespace) -> str:
        parser = self
        for name in ("command", "action"):  # the (sub)command whose options these are
            sub = _subparsers(parser)
            chosen = getattr(parsed, name, None)
            if sub is None or chosen not in sub.choices:
                break
            parser = sub.choices[chosen]
        options = [o for a in parser._actions for o in a.option_strings]
        first = extras[0]
        close = difflib.get_close_matches(first.split("=")[0], options, n=1)
        kind = "option-unknown" if first.startswith("-") else "argument-unexpected"
        return said(kind + ("-close" if close and kind == "option-unknown" else ""),
                    value=first, **parser._place(), close=close[0] if close else "")


def whole_number(value: str) -> int:
    """An option's `type` for a count or a position: `--start x` is one clear line."""
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(said("not-a-whole-number", value=value)) from None


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def lower(value: str) -> str:
    """An option's `type` for choices matched in any case (`--format XLSX`)."""
    return value.strip().lower()


def state_name(value: str) -> str:
    """A post state as people write it: any case, `in review` or `in-review` for in_review."""
    return lower(value).replace(" ", "_").replace("-", "_")
