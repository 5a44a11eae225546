"""A package arriving: its events staged in a temporary table (merge.py), outside the write
lock, then checked against what is stored inside it, so a large package is never held in
memory whole."""
from __future__ import annotations

import sqlite3

from ..model import Event
from .events import COLUMNS, from_row, select, to_row
from .sql import Part, rows_for


class Staging(Part):
    def reset(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.incoming")
        columns = ", ".join(f"{c} TEXT PRIMARY KEY" if c == "id" else f"{c} TEXT" for c in COLUMNS)
        self.conn.execute(f"CREATE TEMP TABLE incoming ({columns}, line INTEGER,"
                          " fresh INTEGER NOT NULL DEFAULT 0)")

    def add(self, rows: list[tuple[Event, int]]) -> list[int]:
        """Stage (event, line) pairs; returns the lines whose event id was staged already."""
        sql = (f"INSERT INTO incoming ({', '.join(COLUMNS)}, line)"
               f" VALUES ({', '.join('?' * (len(COLUMNS) + 1))})")
        values = [to_row(event) + (line,) for event, line in rows]
        self.conn.execute("SAVEPOINT staging")
        try:
            self.conn.executemany(sql, values)
            return []
        except sqlite3.IntegrityError:  # an id twice: find the lines, one row at a time
            self.conn.execute("ROLLBACK TO staging")
            twice = []
            for row in values:
                try:
                    self.conn.execute(sql, row)
                except sqlite3.IntegrityError:
                    twice.append(row[-1])
            return twice
        finally:
            self.conn.execute("RELEASE staging")

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM incoming").fetchone()[0]

    def mark_fresh(self) -> int:
        """Mark the staged events not stored yet (inside the write lock); returns how many."""
        self.conn.execute("UPDATE incoming SET fresh = (id NOT IN (SELECT id FROM main.events))")
        return self.conn.execute("SELECT count(*) FROM incoming WHERE fresh").fetchone()[0]

    def known_pairs(self, after: str = "", limit: int = 2000) -> list[tuple[Event, Event, str | None, str | None]]:
        """(staged, stored, stored origin, signer of that origin's package) for the staged
        events already stored, in id order from `after`: compared in slices."""
        rows = self.conn.execute(
            f"SELECT {select('i')}, {select('e')},"
            " e.origin, p.signer FROM incoming i JOIN main.events e ON e.id = i.id"
            " LEFT JOIN main.packages p ON p.id = e.origin WHERE i.id > ? ORDER BY i.id LIMIT ?",
            (after, limit)).fetchall()
        return [(from_row(r[:9]), from_row(r[9:18]), r[18], r[19]) for r in rows]

    def missing_parents(self, limit: int = 20) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT i.parent FROM incoming i WHERE i.fresh AND i.parent IS NOT NULL"
            " AND i.parent NOT IN (SELECT id FROM incoming)"
            " AND i.parent NOT IN (SELECT id FROM main.events) ORDER BY 1 LIMIT ?", (limit,))]

    def posts_of_other_batches(self, batch: str, limit: int = 20) -> list[tuple[str, str]]:
        return self.conn.execute(
            "SELECT DISTINCT p.id, p.batch FROM incoming i JOIN main.posts p ON p.id = i.post_id"
            " WHERE i.fresh AND p.batch != ? ORDER BY 1 LIMIT ?", (batch, limit)).fetchall()

    def posts_unknown(self, limit: int = 20) -> list[str]:
        """Posts the staged events are about that are neither stored nor imported by them."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT i.post_id FROM incoming i WHERE i.fresh AND i.post_id IS NOT NULL"
            " AND i.post_id NOT IN (SELECT id FROM main.posts)"
            " AND i.post_id NOT IN (SELECT post_id FROM incoming WHERE kind = 'post.imported')"
            " ORDER BY 1 LIMIT ?", (limit,))]

    def external_ids(self) -> list[tuple[str, str, int]]:
        """(post id, external id, line) of the staged new posts."""
        return self.conn.execute(
            "SELECT post_id, json_extract(payload, '$.external_id'), line FROM incoming"
            " WHERE fresh AND kind = 'post.imported' ORDER BY line").fetchall()

    def busiest_post(self) -> tuple[str, int] | None:
        return self.conn.execute(
            "SELECT post_id, count(*) FROM incoming WHERE fresh AND post_id IS NOT NULL"
            " GROUP BY post_id ORDER BY 2 DESC LIMIT 1").fetchone()

    def fresh_posts(self) -> list[str]:
        """The posts of the fresh events, in the order the package first names them (a work
        package lists its batch's log oldest first, so new posts are stored in the order of
        HQ's file, as the coordinator's queue shows them; by id they came in a random order)."""
        return [r[0] for r in self.conn.execute(
            "SELECT post_id FROM incoming WHERE fresh AND post_id IS NOT NULL"
            " GROUP BY post_id ORDER BY MIN(line)")]

    def fresh_ids(self, post_ids: list[str]) -> dict[str, int]:
        """id -> line in the package of the fresh staged events of these posts."""
        return dict(rows_for(self.conn, "SELECT id, line FROM incoming WHERE fresh AND post_id IN ({ids})",
                             post_ids))

    def batch_events(self) -> list[Event]:
        return [from_row(r) for r in self.conn.execute(
            f"SELECT {select('incoming')} FROM incoming"
            " WHERE post_id IS NULL ORDER BY line")]

    def keep(self, origin: str) -> None:
        """Append the fresh staged events to the log, in the package's order."""
        self.conn.execute(
            f"INSERT INTO main.events ({', '.join(COLUMNS)}, origin) SELECT {', '.join(COLUMNS)}, ?"
            " FROM incoming WHERE fresh ORDER BY line", (origin,))

    def drop(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.incoming")
