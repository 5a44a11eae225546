"""What this desk knows of its syncs with HQ's server (review/sync): per server and batch, how
far it has sent and received; the syncs that ended. Events received from a server are kept
with origin `sync:SERVER_ID` (events.py), so they are never sent back to it."""
from __future__ import annotations

from typing import Any, Iterator

from .events import COLUMNS
from .sql import Part, utc_now


def origin_of(server: str) -> str:
    return f"sync:{server}"


class Syncs(Part):
    def marks(self, server: str) -> dict[str, tuple[int, int]]:
        """batch -> (last seq sent from here, last server seq received)."""
        return {batch: (pushed, pulled) for batch, pushed, pulled in self.conn.execute(
            "SELECT batch, pushed_seq, pulled_seq FROM sync_marks WHERE server = ?", (server,))}

    def set_pushed(self, server: str, batch: str, seq: int) -> None:
        self.conn.execute(
            "INSERT INTO sync_marks (server, batch, pushed_seq) VALUES (?, ?, ?) ON CONFLICT"
            " (server, batch) DO UPDATE SET pushed_seq = max(pushed_seq, excluded.pushed_seq)",
            (server, batch, seq))

    def set_pulled(self, server: str, batch: str, seq: int) -> None:
        self.conn.execute(
            "INSERT INTO sync_marks (server, batch, pulled_seq) VALUES (?, ?, ?) ON CONFLICT"
            " (server, batch) DO UPDATE SET pulled_seq = max(pulled_seq, excluded.pulled_seq)",
            (server, batch, seq))

    def unsent_by_batch(self, server: str) -> dict[str, int]:
        """batch -> how many of its events this server has not had from here. A range of
        events_batch (batch, seq) per batch, after its mark: only the new events are read (the
        status bar asks after every action)."""
        marks, origin = self.marks(server), origin_of(server)
        found = {}
        for (batch,) in self.conn.execute("SELECT name FROM batches ORDER BY name").fetchall():
            count = self.conn.execute(
                "SELECT count(*) FROM events WHERE batch = ? AND seq > ? AND origin IS NOT ?",
                (batch, marks.get(batch, (0, 0))[0], origin)).fetchone()[0]
            if count:
                found[batch] = count
        return found

    def unsent(self, server: str, batch: str, after: int) -> Iterator[tuple]:
        """(seq, *event columns) of the batch's events after `after` not received from this
        server, in log order (read as sent, never held whole)."""
        return iter(self.conn.execute(
            f"SELECT seq, {', '.join(COLUMNS)} FROM events WHERE batch = ? AND seq > ?"
            " AND origin IS NOT ? ORDER BY seq", (batch, after, origin_of(server))))

    def last_seq(self, batch: str) -> int:
        return self.conn.execute("SELECT coalesce(max(seq), 0) FROM events WHERE batch = ?",
                                 (batch,)).fetchone()[0]

    def record(self, server: str, url: str, pushed: int, pulled: int) -> None:
        self.conn.execute("INSERT INTO syncs (server, url, finished_at, pushed, pulled)"
                          " VALUES (?, ?, ?, ?, ?)", (server, url, utc_now(), pushed, pulled))

    def last(self) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM syncs ORDER BY id DESC LIMIT 1"))
        return rows[0] if rows else None
