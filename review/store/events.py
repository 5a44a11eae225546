"""The event log: every change is an event (id, kind, batch, post, who, when, parent,
payload), appended and never changed. `origin` says which package brought an event (NULL:
made on this desk)."""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from ..model import Event
from .sql import Part, rows_for, to_json

COLUMNS = ("id", "kind", "batch", "post_id", "actor", "role", "at", "parent", "payload")


def select(table: str = "events") -> str:
    """The event's columns, in `Event`'s order, of `table` (or its alias)."""
    return ", ".join(f"{table}.{column}" for column in COLUMNS)


def from_row(row) -> Event:
    return Event(*row[:8], payload=json.loads(row[8]))


def to_row(event: Event, payload_json: str | None = None) -> tuple:
    """The event's values in COLUMNS' order (`payload_json`: its payload, encoded already)."""
    return (event.id, event.kind, event.batch, event.post_id, event.actor, event.role, event.at,
            event.parent, to_json(event.payload) if payload_json is None else payload_json)


class Events(Part):
    def append(self, events: Iterable[Event], origin: str | None = None) -> None:
        """`origin`: the package the events came from (None: made here). Events that share one
        payload object (an export's 10,000 `post.exported`) have it encoded once."""
        encoded: dict[int, str] = {}

        def payload_json(payload: dict[str, Any]) -> str:
            if id(payload) not in encoded:
                encoded[id(payload)] = to_json(payload)
            return encoded[id(payload)]

        self.conn.executemany(
            f"INSERT INTO events ({', '.join(COLUMNS)}, origin) VALUES ({', '.join('?' * (len(COLUMNS) + 1))})",
            [(*to_row(e, payload_json(e.payload)), origin) for e in events])

    def of_post(self, post_id: str) -> list[Event]:
        rows = self.conn.execute(f"SELECT {select()} FROM events WHERE post_id = ? ORDER BY seq",
                                 (post_id,))
        return [from_row(row) for row in rows]

    def of_posts(self, post_ids: list[str]) -> dict[str, list[Event]]:
        """The logs of many posts in a few queries (bulk work on thousands of posts)."""
        logs: dict[str, list[Event]] = {post_id: [] for post_id in post_ids}
        for row in rows_for(self.conn, f"SELECT {select()} FROM events WHERE post_id IN ({{ids}}) "
                                       "ORDER BY seq", post_ids):
            logs[row[3]].append(from_row(row))
        return logs

    def of_batch(self, batch: str, *, local_only: bool = False) -> list[Event]:
        """Every event of a batch (its posts' and its own), oldest first; `local_only`: only
        those made on this laptop, not brought by a package."""
        sql = (f"SELECT {select()} FROM events WHERE batch = ?"
               + (" AND origin IS NULL" if local_only else "") + " ORDER BY seq")
        return [from_row(row) for row in self.conn.execute(sql, (batch,))]

    def of_kinds(self, kinds: Iterable[str], batch: str | None = None) -> list[Event]:
        """Events of the given kinds, in log order (pass the undo kind too to tell live ones)."""
        kinds = list(kinds)
        sql = f"SELECT {select()} FROM events WHERE kind IN ({','.join('?' * len(kinds))})"
        if batch is not None:
            sql += " AND batch = ?"
            kinds.append(batch)
        return [from_row(row) for row in self.conn.execute(sql + " ORDER BY seq", kinds)]

    def by_id(self, ids: list[str]) -> dict[str, Event]:
        return {row[0]: from_row(row)
                for row in rows_for(self.conn, f"SELECT {select()} FROM events WHERE id IN ({{ids}})", ids)}

    def known_ids(self, ids: list[str]) -> set[str]:
        """Which of these event ids are stored (without reading the events)."""
        return {row[0] for row in rows_for(self.conn, "SELECT id FROM events WHERE id IN ({ids})", ids)}

    def posts_with_other_kinds(self, post_ids: list[str], kinds: Iterable[str]) -> set[str]:
        """Which of the posts have an event of a kind not in `kinds`."""
        kinds = list(kinds)
        sql = ("SELECT DISTINCT post_id FROM events WHERE post_id IN ({ids}) "
               f"AND kind NOT IN ({','.join('?' * len(kinds))})")
        return {row[0] for row in rows_for(self.conn, sql, post_ids, after=kinds)}

    def all(self) -> Iterator[Event]:
        return (from_row(row) for row in self.conn.execute(f"SELECT {select()} FROM events ORDER BY seq"))

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM events").fetchone()[0]
