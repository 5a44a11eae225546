"""Small tools every part of the store uses: the time, JSON, rows as dicts, and queries over
long lists of ids (SQLite takes at most a few hundred parameters in one `IN (...)`)."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

CHUNK = 500  # ids in one `IN (...)`

# json.dumps(value, ensure_ascii=False) without a new encoder for each of thousands of events.
to_json = json.JSONEncoder(ensure_ascii=False).encode


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    """`items` in slices small enough for one `IN (?, ...)` each."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def rows_for(conn: sqlite3.Connection, sql: str, ids: list, after: Iterable[Any] = ()) -> Iterator[tuple]:
    """The rows of `sql` for every id in `ids`, a slice at a time: `sql` holds `{ids}` where
    the `IN (...)` list goes, and `after` are parameters that follow it."""
    after = list(after)
    for chunk in chunks(ids):
        yield from conn.execute(sql.format(ids=",".join("?" * len(chunk))), [*chunk, *after])


class Rows:
    """Rows as dicts, and inserts from dicts: the two things this package took from
    sqlite-utils, whose import (with click and pluggy) cost 0.1-0.15 s of every start of the
    command line and the window (measured by bench/suite.py)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def query(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    def __getitem__(self, table: str) -> "Table":
        return Table(self.conn, table)


class Table:
    def __init__(self, conn: sqlite3.Connection, name: str):
        self.conn, self.name = conn, name

    def insert(self, record: dict[str, Any], ignore: bool = False) -> None:
        columns = ", ".join(f'"{c}"' for c in record)  # our own column names, never user data
        marks = ", ".join("?" for _ in record)
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        self.conn.execute(f'{verb} INTO "{self.name}" ({columns}) VALUES ({marks})', tuple(record.values()))


class Part:
    """One part of the store (events, posts, memory...): its SQL, on the store's connection,
    inside the caller's transaction (`Store.write()`)."""

    def __init__(self, store):
        self.store = store
        self.conn: sqlite3.Connection = store.conn
        self.db = Rows(store.conn)
