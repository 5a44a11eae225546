"""Pictures, stored once by their SHA-256 however many posts show them (review/media.py checks
them first). In the database rather than beside it: one file holds a desk whole, so an import's
transaction, the backups and a restore cover the pictures with the posts (measured in the
README, "Pictures")."""
from __future__ import annotations

from typing import Any

from .sql import Part, rows_for


class Media(Part):
    def known(self, hashes: list[str]) -> set[str]:
        """Which of `hashes` are stored."""
        return {row[0] for row in rows_for(self.conn, "SELECT sha256 FROM media WHERE sha256 IN ({ids})",
                                           list(hashes))}

    def add(self, record: Any, data: bytes) -> None:
        """One file's bytes (`record`: a media.MediaFile whose hash they have)."""
        self.conn.execute(
            "INSERT OR IGNORE INTO media (sha256, type, width, height, bytes, data)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (record.sha256, record.type, record.width, record.height, record.bytes, data))

    def data(self, sha256: str) -> bytes | None:
        row = self.conn.execute("SELECT data FROM media WHERE sha256 = ?", (sha256,)).fetchone()
        return None if row is None else bytes(row[0])
