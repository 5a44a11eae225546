"""The XLIFF files HQ's batches came in, kept whole (zlib) by the SHA-256 of their bytes, for
an XLIFF export to fill them (review/xliff_documents.py). Like the pictures, in the database:
the import's transaction, the backups and a restore cover them with the posts."""
from __future__ import annotations

from typing import Any

from .sql import Part, rows_for


class Documents(Part):
    def keep(self, sha256: str, version: str, size: int, compressed: bytes) -> None:
        """One file (replacing a stored one of that hash: importing HQ's file again repairs
        a damaged copy)."""
        self.conn.execute("INSERT OR REPLACE INTO xliff_documents (sha256, version, bytes, data)"
                          " VALUES (?, ?, ?, ?)", (sha256, version, size, compressed))

    def versions(self, hashes: list[str]) -> dict[str, str]:
        """sha256 -> XLIFF version ("1.2" or "2.0") of those of `hashes` that are kept."""
        return dict(rows_for(self.conn, "SELECT sha256, version FROM xliff_documents"
                                        " WHERE sha256 IN ({ids})", list(hashes)))

    def get(self, sha256: str) -> dict[str, Any] | None:
        """{"sha256", "version", "bytes" (the file's size), "data" (compressed)}, or None."""
        row = self.conn.execute("SELECT sha256, version, bytes, data FROM xliff_documents"
                                " WHERE sha256 = ?", (sha256,)).fetchone()
        return None if row is None else {"sha256": row[0], "version": row[1], "bytes": row[2],
                                         "data": bytes(row[3])}
