"""Undo and redo through a QUndoStack whose commands append events in the domain.

An action is done first (so it is durable before the UI shows it), then a command is pushed
whose first `redo()` does nothing. Each later undo or redo is itself an action: it goes through
the domain and its change is broadcast to the views (`Operations.broadcast`), refused or not
(a refusal means the post changed on another path, and the views show it as it is now).

- Review actions (`DomainCommand`): `undo()` appends a compensating event (`Desk.undo`), a later
  `redo()` cancels that undo (`Desk.redo`).
- Assigning (`AssignCommand`): the domain cannot take an assignment back (it is not among the
  workflow's UNDOABLE events), so undo assigns the post back to whom it had before: a second
  assignment in its history, not an "undone" one, and only while nothing else happened to the
  post since.
- Keeping a version of a post in conflict (`KeptVersionCommand`): it cannot be taken back at
  all (the domain has no event that brings the conflict back); its undo says so, and steps out
  of the way so the next Ctrl+Z reaches the action before it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from review import Actor, ReviewError

from .operations import Changes


def _changed(post_id: str, batch: str) -> Changes:
    return Changes(posts=frozenset({post_id}), batches=frozenset({batch}))


class DomainCommand(QUndoCommand):
    def __init__(self, ops, actor: Actor, post, text: str):
        super().__init__(text)
        self.ops, self.actor = ops, actor
        self.post_id, self.batch = post.id, post.batch
        self.target = post.head  # the event this command's action appended last
        self.undo_event_id: str | None = None
        self.first = True

    def redo(self) -> None:
        if self.first:  # the action itself was already carried out and committed
            self.first = False
            return
        try:
            self.ops.desk.redo(self.post_id, self.actor, self.undo_event_id)
        except ReviewError as err:
            self.setObsolete(True)
            self.ops.show_error(err)
        self.ops.broadcast(_changed(self.post_id, self.batch))

    def undo(self) -> None:
        try:
            # Only this command's action: if someone acted on the post since, the domain refuses.
            self.undo_event_id = self.ops.desk.undo(self.post_id, self.actor,
                                                    expected=self.target).undo_event_id
        except ReviewError as err:
            self.setObsolete(True)
            self.ops.show_error(err)
        self.ops.broadcast(_changed(self.post_id, self.batch))


class AssignCommand(QUndoCommand):
    """One post given to a reviewer; undone by giving it back (see the module's docstring)."""

    def __init__(self, ops, actor: Actor, before, after, text: str):
        super().__init__(text)
        self.ops, self.actor = ops, actor
        self.post_id, self.batch = after.id, after.batch
        self.assignees = (before.assignee, after.assignee)  # (undone, done)
        self.head = after.head  # the assignment this command made last
        self.first = True

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self._assign(self.assignees[1])

    def undo(self) -> None:
        self._assign(self.assignees[0])

    def _assign(self, assignee: str | None) -> None:
        """Assign again, if the post is as this command left it."""
        try:
            if self.ops.desk.post(self.post_id).head != self.head:
                self.setObsolete(True)
                self.ops.show_error(QCoreApplication.translate(
                    "Undo", "The post has changed since it was assigned: the assignment can no "
                    "longer be taken back or done again from here; use Review > Assign to… instead."))
            else:
                self.head = self.ops.desk.assign([self.post_id], self.actor, assignee)[0].head
        except ReviewError as err:
            self.setObsolete(True)
            self.ops.show_error(err)
        self.ops.broadcast(_changed(self.post_id, self.batch))


class SplitCommand(QUndoCommand):
    """A batch shared between reviewers: undone by giving its posts back to nobody, redone by
    giving each back to its reviewer (assignments, as AssignCommand), only the posts nothing
    else happened to since; the others are left as they are, and said so."""

    def __init__(self, ops, actor: Actor, split, text: str, changed_text):
        """`changed_text(n)`: what to say of n posts changed since (a plural the main window
        translates: lupdate finds a count only in `tr`)."""
        super().__init__(text)
        self.ops, self.actor, self.batch = ops, actor, split.batch
        self.changed_text = changed_text
        self.assignees = {p.id: p.assignee for p in split.posts}
        self.heads = {p.id: p.head for p in split.posts}
        self.first = True

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        by_reviewer: dict[str, list[str]] = {}
        for post_id in self._unchanged():
            by_reviewer.setdefault(self.assignees[post_id], []).append(post_id)
        self._assign(by_reviewer.items())

    def undo(self) -> None:
        self._assign([(None, self._unchanged())])

    def _unchanged(self) -> list[str]:
        now = {row["id"]: row["head_event"] for row in self.ops.desk.posts(batch=self.batch)}
        unchanged = [i for i in self.heads if now.get(i) == self.heads[i]]  # one read
        changed = len(self.heads) - len(unchanged)
        if changed:  # left out of this command from now on
            self.ops.show_error(self.changed_text(changed))
            self.heads = {i: self.heads[i] for i in unchanged}
        return unchanged

    def _assign(self, groups) -> None:
        try:
            for assignee, post_ids in groups:
                if post_ids:
                    for post in self.ops.desk.assign(post_ids, self.actor, assignee):
                        self.heads[post.id] = post.head
        except ReviewError as err:
            self.setObsolete(True)
            self.ops.show_error(err)
        self.ops.broadcast(Changes(batches=frozenset({self.batch}), whole_batches=True))


class KeptVersionCommand(QUndoCommand):
    """A version kept of a post in conflict: on the stack so that Ctrl+Z says it cannot be
    taken back, rather than silently taking back an older action instead."""

    def __init__(self, ops, text: str):
        super().__init__(text)
        self.ops = ops

    def redo(self) -> None:
        pass  # done once, when it was pushed

    def undo(self) -> None:
        self.setObsolete(True)  # gone from the stack: the next Ctrl+Z reaches the step before
        self.ops.show_error(QCoreApplication.translate(
            "Undo", "Keeping a version of a post in conflict cannot be undone: the other "
            "versions stay in the post's history."))
