"""What every manager of the domain works with (like the `col` Anki's managers get): the store,
and the steps every verb takes (who acts, a new event, a post or batch read with a named
refusal when it is not there, a post's new events committed with its replayed state).

The facade (desk.py) makes one Core and hands it to each manager; no manager imports the
facade, so the domain has no import circles.
"""
from __future__ import annotations

import secrets
import uuid
from typing import Any

from . import workflow as wf
from .errors import InvalidInput, NotFound, TransitionRefused
from .model import ROLES, Actor, Event, PostState
from .store import Store, utc_now
from .texts import said

_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: ids are read aloud and typed


def new_event_id() -> str:
    return uuid.uuid4().hex


def new_post_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(10))


def check_actor(actor: Actor) -> Actor:
    name = (actor.name or "").strip()
    if not name:
        raise InvalidInput(said("actor-unnamed"))
    if len(name) > 100 or not name.isprintable():
        raise InvalidInput(said("actor-unusable-name", name=name[:40]))
    if actor.role not in ROLES:
        raise InvalidInput(said("unknown-role", role=actor.role, roles=", ".join(ROLES)))
    return Actor(name, actor.role)


def optional(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


class Core:
    def __init__(self, store: Store):
        self.store = store

    # -- events ------------------------------------------------------------------------------

    def make_event(self, kind: str, batch: str, actor: Actor, *, post_id: str | None = None,
                   parent: str | None = None, payload: dict[str, Any] | None = None) -> Event:
        return Event(new_event_id(), kind, batch, post_id, actor.name, actor.role, utc_now(),
                     parent, payload or {})

    def commit_post_events(self, events: list[Event], new_events: list[Event]) -> PostState:
        """Append to the log and store the replayed state; call inside `store.write()`."""
        self.store.events.append(new_events)
        post = wf.fold(events + new_events)
        self.store.posts.materialise([post])
        return post

    # -- reading -------------------------------------------------------------------------------

    def resolve_post_id(self, key: str) -> str:
        """The post a user means: its id, its unique external id, or a unique id prefix."""
        ids = self.store.posts.find_ids(key.strip())
        if not ids:
            raise NotFound(said("no-post", key=key))
        if len(ids) > 1:
            rows = [self.store.posts.row(i) for i in ids[:5]]
            where = ", ".join(f"{r['id']} ({r['batch']})" for r in rows)
            raise NotFound(said("post-ambiguous", key=key, count=len(ids), where=where))
        return ids[0]

    def post(self, post_id: str) -> PostState:
        """A post as its event log says it is now."""
        events = self.store.events.of_post(post_id)
        if not events:
            raise NotFound(said("no-post", key=post_id))
        return wf.fold(events)

    def history(self, post_id: str) -> list[Event]:
        events = self.store.events.of_post(post_id)
        if not events:
            raise NotFound(said("no-post", key=post_id))
        return events

    def timeline(self, post_id: str) -> list[Event]:
        """The post's events in the order they happened, for people to read (`history`, `show`,
        the window's History): the log holds a merged package's events in the order they were
        imported, so after a merge one laptop's 01:58 came before another's 01:57. Ties keep
        the log's order (a stable sort); every event's time has one fixed format
        (event_rules.utc_time), in which text order is time order."""
        return in_time_order(self.history(post_id))

    def with_offsets(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Post rows whose `scheduled_at` always carries an offset, for what people and scripts
        read: a time imported without one is stored as written, in the batch's time zone."""
        from .formats.scheduling import with_offset

        zones: dict[str, str] = {}
        shown = []
        for row in rows:
            if row["scheduled_at"]:
                if row["batch"] not in zones:
                    zones[row["batch"]] = self.batch(row["batch"])["timezone"]
                row = dict(row, scheduled_at=with_offset(row["scheduled_at"], zones[row["batch"]]))
            shown.append(row)
        return shown

    def batch(self, name: str) -> dict[str, Any]:
        batch = self.store.batches.get(name)
        if batch is None:
            known = ", ".join(b["name"] for b in self.store.batches.list())
            raise NotFound(said("no-batch", batch=name, known=known) if known else
                           said("no-batch-yet", batch=name))
        return batch

    def coordinated_here(self, batch: str) -> bool:
        """Whether this desk coordinates the batch (imported it from HQ's file), rather than
        having received it in a work package."""
        return self.store.packages.batch_created_here(batch)

    def refuse_unless_coordinated_here(self, batch: str) -> None:
        if not self.coordinated_here(batch):
            raise TransitionRefused(said("batch-coordinated-elsewhere", batch=batch))


def in_time_order(events: list[Event]) -> list[Event]:
    """Events in the order they happened, ties in the order given (see Core.timeline)."""
    return sorted(events, key=lambda event: event.at)
