"""The queue: filter, search and sort in SQL, fast at 100,000 posts; and each post's cached
count of open problems (NULL until the window's filler computes it)."""
from __future__ import annotations

from typing import Any

from .sql import Part, rows_for

SORTS = {
    "state": "state", "platform": "platform", "languages": "source_lang, target_lang",
    "text": "current_text", "problems": "problems", "reviewer": "last_actor",
    "scheduled": "scheduled_at", "batch": "batch", "external_id": "external_id",
}


class Queue(Part):
    def rowids(self, conditions: dict[str, Any], sort: str = "batch",
               descending: bool = False) -> list[int]:
        """Rowids of the posts matching `conditions`, in display order (see `_where`)."""
        where, params = _where(conditions)
        direction = "DESC" if descending else "ASC"
        order = ", ".join(f"{c} {direction}" for c in SORTS[sort].split(", "))
        sql = f"SELECT rowid FROM posts {where} ORDER BY {order}, rowid {direction}"
        return [r[0] for r in self.conn.execute(sql, params)]

    def state_counts(self, conditions: dict[str, Any]) -> dict[str, int]:
        where, params = _where({k: v for k, v in conditions.items() if k != "state"})
        rows = self.conn.execute(f"SELECT state, count(*) FROM posts {where} GROUP BY state", params)
        return dict(rows.fetchall())

    def rows(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        """Display fields of the given posts, by rowid (the view asks for what it shows)."""
        cursor = rows_for(self.conn, "SELECT rowid, id, batch, external_id, state, platform,"
                          " source_lang, target_lang, substr(current_text, 1, 120), problems,"
                          " last_actor, assignee, scheduled_at, codes FROM posts WHERE rowid IN ({ids})",
                          rowids)
        return {row[0]: dict(zip(_ROW_NAMES, row)) for row in cursor}

    def set_problem_counts(self, counts: dict[str, tuple[int, str]]) -> None:
        """post id -> (count, head event it was computed at); a post changed since keeps NULL."""
        self.conn.executemany("UPDATE posts SET problems = ? WHERE id = ? AND head_event = ?",
                              [(n, post_id, head) for post_id, (n, head) in counts.items()])

    def posts_without_problem_count(self, limit: int) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM posts WHERE problems IS NULL LIMIT ?", (limit,))]


_ROW_NAMES = ("rowid", "id", "batch", "external_id", "state", "platform", "source_lang",
              "target_lang", "text", "problems", "last_actor", "assignee", "scheduled_at", "codes")


def _where(c: dict[str, Any]) -> tuple[str, list[Any]]:
    """WHERE clause for the queue's filters: batch, state, source_lang, target_lang,
    platform, assignee (equalities), has_problems, and text (search)."""
    where, params = [], []
    for column in ("batch", "state", "source_lang", "target_lang", "platform", "assignee"):
        if c.get(column):
            where.append(f"{column} = ?")
            params.append(c[column])
    if c.get("has_problems"):
        where.append("problems > 0")
    # Control characters cannot be typed meaningfully and a NUL breaks SQLite's parser.
    text = "".join(ch for ch in (c.get("text") or "") if ch >= " ").strip()
    if text:
        search = _search_sql(text)
        params.append(text if len(text) < 3 else '"' + text.replace('"', '""') + '"')
        if _could_be_an_id(text):  # a post's id or HQ's id finds the post, whatever its text
            search += (" UNION ALL SELECT rowid FROM posts WHERE id = ?"
                       " UNION ALL SELECT rowid FROM posts WHERE external_id = ? COLLATE NOCASE")
            params += [text, text]
        where.append("rowid IN (" + search + ")")
    return ("WHERE " + " AND ".join(where)) if where else "", params


def _search_sql(text: str) -> str:
    # The trigram index finds any substring of three characters or more, in any script.
    # Shorter queries (a two-character Chinese word such as 政府) cannot use it, and LIKE on
    # a trigram table finds nothing for them: scan the stored text instead (~60 ms/100,000).
    if len(text) >= 3:
        return "SELECT rowid FROM posts_search WHERE posts_search MATCH ?"
    # The scan reads FTS5's own content table (posts_search_content: id, c0), a plain
    # table: a third faster than reading the same rows through the virtual table.
    if text.lower() == text.upper():  # no letter case (Chinese): skip lower-casing 100,000 texts
        return "SELECT id FROM posts_search_content WHERE instr(c0, ?) > 0"
    # SQLite's lower() folds ASCII only: "É" would not find "é". Python's casefold does.
    return "SELECT id FROM posts_search_content WHERE instr(casefold(c0), casefold(?)) > 0"


def _could_be_an_id(text: str) -> bool:
    """Whether a search may be an id (no spaces, not longer than ids are): only then is every
    post's id compared with it (a scan, ~5 ms at 100,000 posts)."""
    return len(text) <= 100 and not any(ch.isspace() for ch in text)
