"""Batches: HQ's files as they were imported, each with its settings (set once, by the event that
created it) and the count of its posts per state."""
from __future__ import annotations

import json
from typing import Any

from .sql import Part


class Batches(Part):
    def insert(self, batch: dict[str, Any]) -> None:
        self.db["batches"].insert(dict(batch, platforms=json.dumps(batch.get("platforms", []))))

    def get(self, name: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM batches WHERE name = ?", [name]))
        return _batch(rows[0]) if rows else None

    def any(self) -> bool:
        return self.conn.execute("SELECT 1 FROM batches LIMIT 1").fetchone() is not None

    def list(self) -> list[dict[str, Any]]:
        """Every batch with its post count per state (read from the (batch, state) index)."""
        counts: dict[str, dict[str, int]] = {}
        for batch, state, count in self.conn.execute(
                "SELECT batch, state, count(*) FROM posts GROUP BY batch, state"):
            counts.setdefault(batch, {})[state] = count
        batches = []
        for row in self.db.query("SELECT * FROM batches ORDER BY created, name"):
            by_state = counts.get(row["name"], {})
            batches.append(dict(_batch(row), states=by_state, posts=sum(by_state.values()),
                                pending=by_state.get("pending", 0),
                                approved=by_state.get("approved", 0) + by_state.get("exported", 0)))
        return batches

    def state_counts(self, batch: str) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT state, count(*) FROM posts WHERE batch = ? GROUP BY state", (batch,))
        return dict(rows.fetchall())


def _batch(row: dict[str, Any]) -> dict[str, Any]:
    return dict(row, platforms=json.loads(row["platforms"]), require_signoff=bool(row["require_signoff"]))
