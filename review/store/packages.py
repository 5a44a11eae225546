"""The packages imported here (exchange.py, merge.py): who signed each, and which desk a batch
came from."""
from __future__ import annotations

from typing import Any

from .sql import Part


class Packages(Part):
    def record(self, record: dict[str, Any]) -> None:
        self.db["packages"].insert(record, ignore=True)

    def list(self, *, batch: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
        where, params = [], []
        for column, value in (("batch", batch), ("kind", kind)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = "SELECT * FROM packages" + (" WHERE " + " AND ".join(where) if where else "")
        return list(self.db.query(sql + " ORDER BY imported_at, rowid", params))

    def batch_created_here(self, batch: str) -> bool:
        """Whether the batch was created on this desk (from a file), not brought by a package."""
        row = self._creation(batch)
        return row is not None and row[1] is None

    def batch_creation(self, batch: str) -> str | None:
        """The id of the event that created the batch here, if it exists."""
        row = self._creation(batch)
        return row[0] if row else None

    def _creation(self, batch: str) -> tuple[str, str | None] | None:
        return self.conn.execute("SELECT id, origin FROM events WHERE batch = ? AND kind = "
                                 "'batch.created' ORDER BY seq LIMIT 1", (batch,)).fetchone()

    def coordinator_key(self, batch: str) -> str | None:
        """The key that signed the first signed work package of `batch` imported here."""
        row = self.conn.execute(
            "SELECT signer FROM packages WHERE batch = ? AND kind = 'work' AND signer IS NOT NULL"
            " ORDER BY imported_at, rowid LIMIT 1", (batch,)).fetchone()
        return row[0] if row else None
