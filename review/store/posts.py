"""Posts as their logs say they are now: the `posts` row, its revisions and annotations, the
text the queue's search looks in, and (for approved posts) their memory units. These are
projections of the event log, written whenever a post's log changes (`materialise`)."""
from __future__ import annotations

import hashlib
from typing import Any, Iterable

from ..model import PostState
from .sql import Part, rows_for, to_json

WORKFLOW_COLUMNS = ("state", "last_actor", "updated_at", "reason", "approved_by", "approved_at",
                    "signed_off_by", "signed_off_at", "head_event")
COLUMNS = (
    "id", "batch", "external_id", "platform", "source_lang", "source_text", "target_lang",
    "draft_text", "current_text", "current_revision", "link", "media_note", "scheduled_at",
    "notes", "extra", "state", "last_actor", "updated_at", "reason", "approved_by",
    "approved_at", "signed_off_by", "head_event", "assignee", "codes", "tool_notes",
    "signed_off_at", "media",
)


def post_values(post: PostState) -> tuple:
    """A post's row, in COLUMNS order."""
    values = {
        "id": post.id, "batch": post.batch, "external_id": post.external_id,
        "platform": post.platform, "source_lang": post.source_lang,
        "source_text": post.source_text, "target_lang": post.target_lang,
        "draft_text": post.draft.text, "current_text": post.current_text,
        "current_revision": post.current_revision.number, "link": post.link,
        "media_note": post.media_note, "scheduled_at": post.scheduled_at, "notes": post.notes,
        "extra": to_json(post.extra), "state": post.state,
        "last_actor": post.last_actor, "updated_at": post.updated_at, "reason": post.reason,
        "approved_by": post.approved_by, "approved_at": post.approved_at,
        "signed_off_by": post.signed_off_by, "head_event": post.head, "assignee": post.assignee,
        "codes": to_json(post.codes), "tool_notes": to_json(post.tool_notes),
        "signed_off_at": post.signed_off_at, "media": to_json(post.media),
    }
    return tuple(values[c] for c in COLUMNS)


def problems_basis(post: PostState) -> str:
    """What the checks of a post read: a write that changes none of it (a decision, an
    assignment, an annotation) keeps the post's cached problem count."""
    dismissals = sorted((key, d["text_sha256"]) for key, d in post.dismissals.items())
    seen = [post.platform, post.source_lang, post.target_lang, post.source_text, post.current_text,
            post.draft.text if post.has_rewrite else None, dismissals]
    if post.codes:  # the placeholders check reads them (posts without any keep their basis)
        seen.append(post.codes)
    return hashlib.sha1(to_json(seen).encode("utf-8")).hexdigest()


class Posts(Part):
    # -- reading ---------------------------------------------------------------------------------

    def row(self, post_id: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM posts WHERE id = ?", [post_id]))
        return rows[0] if rows else None

    def rows(self, *, batch: str | None = None, states: Iterable[str] | None = None,
             limit: int | None = None) -> list[dict[str, Any]]:
        where, params = [], []
        if batch is not None:
            where.append("batch = ?")
            params.append(batch)
        if states is not None:
            states = list(states)
            where.append(f"state IN ({','.join('?' * len(states))})")
            params.extend(states)
        sql = "SELECT * FROM posts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return list(self.db.query(sql, params))

    def ids_of_batch(self, batch: str) -> list[str]:
        """The batch's post ids, in the order they were imported."""
        return [r[0] for r in self.conn.execute("SELECT id FROM posts WHERE batch = ? ORDER BY rowid", (batch,))]

    def existing_ids(self, candidates: list[str]) -> set[str]:
        return {r[0] for r in rows_for(self.conn, "SELECT id FROM posts WHERE id IN ({ids})", candidates)}

    def rowids(self, post_ids: list[str]) -> dict[str, int]:
        return dict(rows_for(self.conn, "SELECT id, rowid FROM posts WHERE id IN ({ids})", post_ids))

    def batches_of(self, post_ids: list[str]) -> dict[str, tuple[str, str]]:
        """post id -> (batch, external id) of the given posts that exist here."""
        return {r[0]: (r[1], r[2]) for r in rows_for(
            self.conn, "SELECT id, batch, external_id FROM posts WHERE id IN ({ids})", post_ids)}

    def ids_by_external(self, batch: str) -> dict[str, str]:
        rows = self.conn.execute("SELECT external_id, id FROM posts WHERE batch = ?", (batch,))
        return dict(rows.fetchall())

    def find_ids(self, key: str) -> list[str]:
        """Posts a user may mean by `key`: the id, else the external id, else an id prefix."""
        for sql, params in (
            ("SELECT id FROM posts WHERE id = ?", (key,)),
            ("SELECT id FROM posts WHERE external_id = ?", (key,)),
            # A prefix range uses the primary key index; four characters at least, like git.
            ("SELECT id FROM posts WHERE id >= ? AND id < ? AND length(?) >= 4",
             (key, key + "\U0010ffff", key)),
        ):
            ids = [r[0] for r in self.conn.execute(sql, params)]
            if ids:
                return ids
        return []

    def language_pairs(self, batch: str | None = None) -> list[tuple[str, str]]:
        if batch is not None:
            return self.conn.execute("SELECT DISTINCT source_lang, target_lang FROM posts "
                                     "WHERE batch = ? ORDER BY 1, 2", (batch,)).fetchall()
        return self.conn.execute(
            "SELECT DISTINCT source_lang, target_lang FROM posts ORDER BY 1, 2").fetchall()

    def revisions(self, post_id: str, *, include_withdrawn: bool = False) -> list[dict[str, Any]]:
        sql = "SELECT * FROM revisions WHERE post_id = ?"
        if not include_withdrawn:
            sql += " AND withdrawn = 0"
        return list(self.db.query(sql + " ORDER BY number, rowid", [post_id]))

    def annotations(self, post_id: str) -> list[dict[str, Any]]:
        sql = "SELECT * FROM annotations WHERE post_id = ? AND status != 'withdrawn' ORDER BY at, rowid"
        return list(self.db.query(sql, [post_id]))

    # -- writing what the logs say -----------------------------------------------------------

    def materialise(self, posts: Iterable[PostState], *, withdraw: bool = True) -> None:
        """Write posts as their logs now say they are.

        `withdraw=False` skips looking for revisions and annotations that an undo took back:
        right for new posts and for events that cannot take anything back (faster in bulk).
        """
        posts = list(posts)
        self.conn.executemany(
            f"INSERT INTO posts ({', '.join(COLUMNS)}, problems_basis) "
            f"VALUES ({', '.join('?' * (len(COLUMNS) + 1))}) ON CONFLICT(id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c != "id")
            # The cached problem count goes only when what the checks read changed.
            + ", problems = CASE WHEN problems_basis IS excluded.problems_basis THEN problems END"
            + ", problems_basis = excluded.problems_basis",
            [post_values(p) + (problems_basis(p),) for p in posts])
        self._revisions(posts, withdraw)
        self._annotations(posts, withdraw)
        self.store.memory.keep_post_units(posts)
        self._search(posts)

    def forget_problem_counts(self) -> None:
        """Every post's problem count is computed again (a glossary changed: its findings)."""
        self.conn.execute("UPDATE posts SET problems = NULL WHERE problems IS NOT NULL")

    def update_workflow(self, rows: list[dict[str, Any]]) -> None:
        """Write only the workflow columns of posts (an export): rewriting their texts would
        touch every text index for nothing."""
        self.conn.executemany(
            "UPDATE posts SET " + ", ".join(f"{c} = ?" for c in WORKFLOW_COLUMNS) + " WHERE id = ?",
            [tuple(row[c] for c in WORKFLOW_COLUMNS) + (row["id"],) for row in rows])

    def _revisions(self, posts: list[PostState], withdraw: bool) -> None:
        if withdraw:
            self._withdraw("revisions", "withdrawn = 1", posts, (r.id for p in posts for r in p.revisions))
        self.conn.executemany(
            "INSERT INTO revisions (id, post_id, number, kind, text, author, at, back_translation,"
            " withdrawn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(id) DO UPDATE SET"
            " number = excluded.number, back_translation = excluded.back_translation, withdrawn = 0",
            [(r.id, p.id, r.number, r.kind, r.text, r.author, r.at, r.back_translation)
             for p in posts for r in p.revisions])

    def _annotations(self, posts: list[PostState], withdraw: bool) -> None:
        if withdraw:
            self._withdraw("annotations", "status = 'withdrawn'", posts,
                           (a for p in posts for a in p.annotations))
        self.conn.executemany(
            'INSERT INTO annotations (id, post_id, revision_id, start, "end", category, subcategory,'
            " severity, comment, author, at, status, picture)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET status = excluded.status",
            [(a.id, p.id, a.revision_id, a.start, a.end, a.category, a.subcategory, a.severity,
              a.comment, a.author, a.at, a.status, a.picture)
             for p in posts for a in p.annotations.values()])

    def _withdraw(self, table: str, assignment: str, posts: list[PostState], live_ids) -> None:
        """Mark rows whose creating event was undone; rows are kept, like the events."""
        live = set(live_ids)
        rows = rows_for(self.conn, f"SELECT id FROM {table} WHERE post_id IN ({{ids}})", [p.id for p in posts])
        gone = [(r[0],) for r in rows if r[0] not in live]
        self.conn.executemany(f"UPDATE {table} SET {assignment} WHERE id = ?", gone)

    def _search(self, posts: list[PostState]) -> None:
        """The text the queue's search box looks in: source and every live revision. Only
        texts that changed are written again: a trigram index's delete and insert cost ~0.3 ms
        a post, and a decision or an assignment changes no text."""
        rowids = self.rowids([p.id for p in posts])
        wanted = {rowids[p.id]: "\n".join([p.source_text] + [r.text for r in p.revisions]) for p in posts}
        stored = dict(rows_for(self.conn, "SELECT rowid, text FROM posts_search WHERE rowid IN ({ids})",
                               list(wanted)))
        changed = [(rowid, text) for rowid, text in wanted.items() if stored.get(rowid) != text]
        self.conn.executemany("DELETE FROM posts_search WHERE rowid = ?",
                              [(rowid,) for rowid, _ in changed if rowid in stored])
        self.conn.executemany("INSERT INTO posts_search (rowid, text) VALUES (?, ?)", changed)
