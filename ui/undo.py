"""Undo and redo through a QUndoStack whose commands append events in the domain.

An action is done first (so it is durable before the UI shows it), then a command is pushed
whose first `redo()` does nothing. `undo()` appends a compensating event (`Desk.undo`);
a later `redo()` cancels that undo (`Desk.redo`). The domain refuses what no longer applies
(the post changed on another path), and the refusal is shown, not swallowed.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

from review import Actor, Desk, ReviewError


class DomainCommand(QUndoCommand):
    def __init__(self, desk: Desk, actor: Actor, post_id: str, target: str, text: str,
                 on_change: Callable[[str], None], on_error: Callable[[ReviewError], None]):
        super().__init__(text)
        self.desk, self.actor, self.post_id = desk, actor, post_id
        self.target = target  # the event this command's action appended last
        self.on_change, self.on_error = on_change, on_error
        self.undo_event_id: str | None = None
        self.first = True

    def redo(self) -> None:
        if self.first:  # the action itself was already carried out and committed
            self.first = False
            return
        try:
            self.desk.redo(self.post_id, self.actor, self.undo_event_id)
        except ReviewError as err:
            self.setObsolete(True)
            self.on_error(err)
        self.on_change(self.post_id)

    def undo(self) -> None:
        try:
            # Only this command's action: if someone acted on the post since, the domain refuses.
            self.undo_event_id = self.desk.undo(self.post_id, self.actor, expected=self.target).undo_event_id
        except ReviewError as err:
            self.setObsolete(True)
            self.on_error(err)
        self.on_change(self.post_id)
