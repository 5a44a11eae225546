"""The small records beside the log: settings (the profile, versions, keys), what a reviewer is
typing and has not saved, exports made, and the review report's reads."""
from __future__ import annotations

from typing import Any

from .sql import Part, utc_now


class Settings(Part):
    def get(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


class Unfinished(Part):
    """Rewrites being typed, saved as they are typed, offered back after a crash. Not events:
    typing is not a decision, and it is gone once the rewrite is saved."""

    def save(self, post_id: str, author: str, text: str, back_translation: str | None) -> None:
        self.conn.execute(
            "INSERT INTO unfinished (post_id, author, text, back_translation, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(post_id, author) DO UPDATE SET text = excluded.text, "
            "back_translation = excluded.back_translation, at = excluded.at",
            (post_id, author, text, back_translation, utc_now()))

    def get(self, post_id: str, author: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM unfinished WHERE post_id = ? AND author = ?",
                                  [post_id, author]))
        return rows[0] if rows else None

    def posts(self, author: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT post_id FROM unfinished WHERE author = ? ORDER BY at", (author,))]

    def discard(self, post_id: str, author: str) -> None:
        self.conn.execute("DELETE FROM unfinished WHERE post_id = ? AND author = ?", (post_id, author))


class Exports(Part):
    def insert(self, record: dict[str, Any]) -> None:
        self.db["exports"].insert(record)

    def list(self, batch: str | None = None) -> list[dict[str, Any]]:
        if batch is None:
            return list(self.db.query("SELECT * FROM exports ORDER BY at"))
        return list(self.db.query("SELECT * FROM exports WHERE batch = ? ORDER BY at", [batch]))


class Reports(Part):
    """A batch's (or, with batch=None, the whole database's) figures for the review report."""

    def revisions(self, batch: str | None) -> list[dict[str, Any]]:
        """Live revisions of the posts, by post then number."""
        where, params = _batch_filter(batch)
        return list(self.db.query(
            "SELECT r.* FROM revisions r JOIN posts p ON p.id = r.post_id "
            f"WHERE r.withdrawn = 0 {where} ORDER BY p.rowid, r.number, r.rowid", params))

    def annotations(self, batch: str | None) -> list[dict[str, Any]]:
        """Annotations not undone nor deleted, by post then time."""
        where, params = _batch_filter(batch)
        return list(self.db.query(
            "SELECT a.* FROM annotations a JOIN posts p ON p.id = a.post_id "
            f"WHERE a.status NOT IN ('withdrawn', 'deleted') {where} "
            "ORDER BY p.rowid, a.at, a.rowid", params))


def _batch_filter(batch: str | None) -> tuple[str, list[Any]]:
    """An `AND p.batch = ?` for queries joined to posts as `p`, or nothing for every batch."""
    return ("", []) if batch is None else ("AND p.batch = ?", [batch])
