"""Error classes of the domain. Every message is written for a person, not a programmer."""
from __future__ import annotations

from dataclasses import dataclass

from .texts import said


class ReviewError(Exception):
    """Base of every error the domain raises on purpose; the UI and CLI show `str(err)`."""

    @property
    def lines(self) -> list[str]:
        """One line per problem, for the CLI (stderr) and the GUI's error list."""
        return str(self).splitlines()


class NotFound(ReviewError):
    """A post, batch or other record named by the user does not exist."""


class TransitionRefused(ReviewError):
    """The workflow does not allow this action in the post's current state or for this role."""


class InvalidInput(ReviewError):
    """An argument given by the user is not acceptable (empty rewrite, missing reason, bad span)."""


class DeskBusy(ReviewError):
    """Another program holds the database's write lock for longer than we are willing to wait."""


class Cancelled(ReviewError):
    """The user cancelled long work; everything it had done was rolled back."""

    def __init__(self, what: str = "the work"):
        super().__init__(said("cancelled", what=what))


def stop_if(should_stop, what: str) -> None:
    """Raise `Cancelled` when the cooperative cancel flag says so (long work checks it)."""
    if should_stop is not None and should_stop():
        raise Cancelled(what)


class DamagedDatabase(ReviewError):
    """The database file failed its integrity check on open; it is never written to."""


class NotOurDatabase(ReviewError):
    """The file is not a Review Desk database (not SQLite at all, or another program's): not
    damaged, so no backup is offered in its place; it is never written to."""


class NewerDatabase(ReviewError):
    """The database was written by a newer Review Desk: intact, only not ours to read. No backup
    is offered in its place (that would throw away the newer work)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an imported file, located as precisely as the format allows."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class ImportFailed(ReviewError):
    """A file was refused as a whole; `problems` lists everything wrong with it."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        self.head = said("import-failed-one") if count == 1 else said("import-failed", count=count)
        self.end = said("import-failed-end", count=len(self.problems))
        super().__init__(self.head + "\n" + "\n".join(str(p) for p in self.problems))

    @property
    def lines(self) -> list[str]:
        return [str(p) for p in self.problems] + [self.end]
