"""HQ's sync server (PostgreSQL, through psycopg 3): its schema (server_schema.py), its offices
and grants, and the two halves of a sync, a batch at a time: sending events (`push`) and
receiving those after the last one seen (`pull`). The server's own rules (row-level security,
unique ids, serialised pushes) decide what a login may do; this module only asks.

psycopg errors are left to the caller (review/sync), which names them for people.
"""
from __future__ import annotations

import uuid
from typing import Iterable, Iterator

import psycopg
from psycopg import sql

from .server_schema import FIELD_CAP, MIGRATIONS, PAYLOAD_CAP, SCHEMA, statements

EVENT_COLUMNS = ("id", "kind", "batch", "post_id", "actor", "role", "at", "parent", "payload")
PULL_SLICE = 2_000



class EventsAltered(Exception):
    """Events whose ids the server holds with other contents (`ids`: the first few)."""

    def __init__(self, ids: list[str]):
        super().__init__(ids)
        self.ids = ids


def connect(conninfo: str, **params) -> psycopg.Connection:
    return psycopg.connect(conninfo, autocommit=True, application_name="review-desk", **params)


class Server:
    """One connection to the server, as one login (HQ's role or an office's)."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    # -- what the server is ------------------------------------------------------------------

    def login(self) -> str:
        return self.conn.execute("SELECT session_user").fetchone()[0]

    def database(self) -> str:
        return self.conn.execute("SELECT current_database()").fetchone()[0]

    def owns_database(self) -> bool:
        return self.conn.execute(
            "SELECT pg_get_userbyid(datdba) = session_user FROM pg_database"
            " WHERE datname = current_database()").fetchone()[0]

    def version(self) -> int:
        """The schema's version: 0 in a database without Review Desk's schema."""
        if not self._schema_exists():
            return 0
        return self.conn.execute(f"SELECT max(version) FROM {SCHEMA}.migrations").fetchone()[0] or 0

    def _schema_exists(self) -> bool:
        return self.conn.execute("SELECT to_regclass(%s) IS NOT NULL",
                                 (f"{SCHEMA}.migrations",)).fetchone()[0]

    def meta(self, key: str) -> str | None:
        row = self.conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = %s", (key,)).fetchone()
        return row[0] if row else None

    def server_id(self) -> str | None:
        return self.meta("server_id")

    def is_hq(self) -> bool:
        return self.meta("hq_role") == self.login()

    # -- setting up (HQ's role) --------------------------------------------------------------

    def migrate(self) -> int:
        """Run the migrations not run yet, each in a transaction of its own; returns how many."""
        ran = 0
        with self.conn.transaction():
            self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA} AUTHORIZATION CURRENT_USER")
            self.conn.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA}.migrations ("
                              " version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            self.conn.execute(f"ALTER TABLE {SCHEMA}.migrations ENABLE ROW LEVEL SECURITY")
        group = self.office_group()
        while True:
            with self.conn.transaction():
                # Taken before reading the version: two `server init` at once run each step once.
                self.conn.execute("SELECT pg_advisory_xact_lock(7262846574)")
                version = self.version()
                if version >= len(MIGRATIONS):
                    return ran
                if version == 0:
                    self._first_steps(group)
                self.conn.execute(f"SET LOCAL search_path = {SCHEMA}")
                for statement in statements(MIGRATIONS[version]):
                    self.conn.execute(sql.SQL(statement).format(group=sql.Identifier(group)))
                if version == 0:
                    self._first_meta(group)
                self.conn.execute(f"INSERT INTO {SCHEMA}.migrations (version) VALUES (%s)", (version + 1,))
                ran += 1

    def office_group(self) -> str:
        return f"offices.{self.database()}"

    def _first_steps(self, group: str) -> None:
        exists = self.conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)).fetchone()
        if not exists:
            self.conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))
        self.conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(
            sql.Identifier(SCHEMA), sql.Identifier(group)))
        self.conn.execute(sql.SQL("GRANT SELECT ON {}.migrations TO {}").format(
            sql.Identifier(SCHEMA), sql.Identifier(group)))
        self.conn.execute(f"CREATE POLICY anyone_reads ON {SCHEMA}.migrations FOR SELECT USING (true)")

    def _first_meta(self, group: str) -> None:
        for key, value in (("server_id", uuid.uuid4().hex), ("hq_role", self.login()),
                           ("office_group", group)):
            self.conn.execute(f"INSERT INTO {SCHEMA}.meta (key, value) VALUES (%s, %s)", (key, value))

    def role_exists(self, role: str) -> bool:
        return self.conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is not None

    def office_role(self, office: str) -> str | None:
        row = self.conn.execute(f"SELECT role_name FROM {SCHEMA}.offices WHERE name = %s",
                                (office,)).fetchone()
        return row[0] if row else None

    def add_office(self, office: str, role: str, password: str) -> None:
        """A login role for the office, in the offices' group; its password is sent as a
        SCRAM verifier, so the password itself is never in a statement the server may log."""
        verifier = self.conn.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")
        with self.conn.transaction():
            self.conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                sql.Identifier(role), sql.Literal(verifier.decode()), sql.Identifier(self.office_group())))
            self.conn.execute(f"INSERT INTO {SCHEMA}.offices (name, role_name) VALUES (%s, %s)",
                              (office, role))

    def offices(self) -> list[tuple[str, str, list[str]]]:
        """(office, role, granted batches) of every office this login may see."""
        rows = self.conn.execute(
            f"SELECT o.name, o.role_name, coalesce(array_agg(g.batch ORDER BY g.batch)"
            f" FILTER (WHERE g.batch IS NOT NULL), '{{}}') FROM {SCHEMA}.offices o"
            f" LEFT JOIN {SCHEMA}.grants g ON g.role_name = o.role_name GROUP BY 1, 2 ORDER BY 1")
        return [(name, role, list(batches)) for name, role, batches in rows]

    def batch_exists(self, batch: str) -> bool:
        return self.conn.execute(f"SELECT 1 FROM {SCHEMA}.batches WHERE name = %s",
                                 (batch,)).fetchone() is not None

    def grant(self, role: str, batch: str) -> bool:
        """Whether the grant is new."""
        cur = self.conn.execute(f"INSERT INTO {SCHEMA}.grants (role_name, batch) VALUES (%s, %s)"
                                " ON CONFLICT DO NOTHING", (role, batch))
        return cur.rowcount == 1

    def revoke(self, role: str, batch: str) -> bool:
        """Whether there was a grant to take back."""
        cur = self.conn.execute(f"DELETE FROM {SCHEMA}.grants WHERE role_name = %s AND batch = %s",
                                (role, batch))
        return cur.rowcount == 1

    # -- syncing (any login) -----------------------------------------------------------------

    def claim(self, batch: str) -> str:
        """'claimed' (new on the server, now this login's), 'granted' (this login may write
        it) or 'refused' (the server holds it for others)."""
        return self.conn.execute(f"SELECT {SCHEMA}.claim_batch(%s)", (batch,)).fetchone()[0]

    def visible_batches(self) -> list[str]:
        return [r[0] for r in self.conn.execute(f"SELECT name FROM {SCHEMA}.batches ORDER BY name")]

    def push(self, batch: str, rows: Iterable[tuple]) -> tuple[int, int, int]:
        """Store the batch's events (rows of EVENT_COLUMNS) the server lacks, in their order,
        in one transaction. Returns (how many were new, the batch's last seq before, after):
        pushes are serialised, so a desk that had received up to `before` now has up to
        `after`. Known ids with the same contents are skipped; known ids with other contents
        raise EventsAltered and nothing is stored; an id the server holds in a batch this login
        may not see fails its unique index (UniqueViolation), and an event this login may not
        write fails the row-level security (InsufficientPrivilege)."""
        columns = ", ".join(EVENT_COLUMNS)
        last = f"SELECT coalesce(max(seq), 0) FROM {SCHEMA}.events WHERE batch = %s"
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(7262846573)")  # as the trigger does
            before = cur.execute(last, (batch,)).fetchone()[0]
            cur.execute("CREATE TEMP TABLE incoming (n bigint, id text, kind text, batch text,"
                        " post_id text, actor text, role text, at text, parent text, payload text)"
                        " ON COMMIT DROP")
            with cur.copy(f"COPY incoming (n, {columns}) FROM STDIN") as copy:
                for n, row in enumerate(rows):
                    copy.write_row((n, *row))
            altered = cur.execute(
                f"SELECT i.id FROM incoming i JOIN {SCHEMA}.events e ON e.id = i.id"
                " WHERE (i.kind, i.batch, i.post_id, i.actor, i.role, i.at, i.parent)"
                " IS DISTINCT FROM (e.kind, e.batch, e.post_id, e.actor, e.role, e.at, e.parent)"
                " OR i.payload::jsonb IS DISTINCT FROM e.payload::jsonb ORDER BY i.n LIMIT 5").fetchall()
            if altered:
                raise EventsAltered([r[0] for r in altered])
            cur.execute(f"INSERT INTO {SCHEMA}.events ({columns}) SELECT {columns} FROM incoming i"
                        f" WHERE NOT EXISTS (SELECT 1 FROM {SCHEMA}.events e WHERE e.id = i.id)"
                        " ORDER BY i.n")
            added = cur.rowcount
            return added, before, cur.execute(last, (batch,)).fetchone()[0]

    def pull(self, batch: str, after: int) -> Iterator[list[tuple]]:
        """The batch's events after sequence number `after`, oldest first, a slice at a time:
        (seq, *EVENT_COLUMNS) each."""
        with self.conn.transaction(), self.conn.cursor(name="pull") as cur:
            cur.itersize = PULL_SLICE
            capped = ", ".join(f"left({c}, {PAYLOAD_CAP + 1 if c == 'payload' else FIELD_CAP})"
                               for c in EVENT_COLUMNS)
            cur.execute(f"SELECT seq, {capped} FROM {SCHEMA}.events"
                        " WHERE batch = %s AND seq > %s ORDER BY seq", (batch, after))
            while rows := cur.fetchmany(PULL_SLICE):
                yield rows

    def count_after(self, batch: str, after: int) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {SCHEMA}.events WHERE batch = %s AND seq > %s",
                                 (batch, after)).fetchone()[0]
