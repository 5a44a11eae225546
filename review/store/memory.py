"""The translation memory: units (source and target text of a language pair) from TMX files and
from approved posts (one unit a post), and the token index its lookup's prefilter reads
(hints/memory.py): an FTS5 table of each unit's tokens and a count of units per token."""
from __future__ import annotations

import uuid
from collections import Counter
from itertools import chain
from typing import Iterable

from ..languages import primary
from ..formats.placeholders import shown
from ..memory_tokens import index_tokens
from ..model import APPROVED, EXPORTED, MemoryUnit, PostState
from .sql import Part, rows_for, to_json, utc_now


class Memory(Part):
    def keep_post_units(self, posts: list[PostState]) -> None:
        """Approved posts are memory units (source -> final text); others are not (any more).
        A post whose unit is already as it should be keeps it: assigning or re-deciding
        10,000 approved posts used to drop and re-index 10,000 identical units."""
        approved = {p.id: _post_unit(p) for p in posts if p.state in (APPROVED, EXPORTED)}
        stored = self._post_units(list(approved))
        stale = [p.id for p in posts if p.id not in approved or stored.get(p.id) != approved[p.id]]
        if stale:
            self._drop_post_units(stale)
        self._insert_units([(unit, post_id) for post_id, unit in approved.items()
                            if stored.get(post_id) != unit])

    def _post_units(self, post_ids: list[str]) -> dict[str, MemoryUnit]:
        """The memory unit stored for each of these posts that has one."""
        rows = rows_for(self.conn, "SELECT post_id, source_lang, target_lang, source_text, target_text,"
                        " origin, created FROM tm_units WHERE post_id IN ({ids})", post_ids)
        return {row[0]: MemoryUnit(*row[1:]) for row in rows}

    def _drop_post_units(self, post_ids: list[str]) -> None:
        """Remove these posts' memory units. The tokens taken off the counts are those the
        index holds for each unit (what was counted when it was added)."""
        rows = list(rows_for(self.conn, "SELECT u.id, i.tokens FROM tm_units u LEFT JOIN tm_index i"
                             " ON i.rowid = u.id WHERE u.post_id IN ({ids})", post_ids))
        if not rows:
            return
        removed = Counter(chain.from_iterable(set((tokens or "").split()) for _id, tokens in rows))
        # One statement for all: FTS5 pays a lot per statement (10,000 deletes in chunks of
        # 500 took 0.6-0.9 s, in one go 0.06 s).
        ids = sorted((r[0],) for r in rows)
        self.conn.executemany("DELETE FROM tm_index WHERE rowid = ?", ids)
        self.conn.executemany("DELETE FROM tm_units WHERE id = ?", ids)
        self._count_tokens({token: -count for token, count in removed.items()})
        self._memory_changed()

    def add_units(self, units: Iterable[MemoryUnit], *, from_file: bool = False) -> int:
        """Add units not already stored (same languages and texts); returns how many were new.

        A unit whose origin names an approved post ("post:ID": how a work package brings the
        approved posts of other batches) is stored as that post's unit, replacing the one
        stored before: the memory holds one unit per post, the coordinator's newest, as on the
        coordinator's desk, and the post's own hints leave it out. (When such a post is here
        and changes here, its history makes its unit again: `_materialise_memory`.)
        `from_file`: the origin is a file's name (TMX), whatever it says."""
        units = list(units)
        if not self.conn.in_transaction:
            with self.store.write():
                return self.add_units(units, from_file=from_file)
        of_posts = {} if from_file else {u.post_id: u for u in units if u.post_id}
        plain = [(u, None) for u in units if from_file or not u.post_id]
        stored = self._post_units(list(of_posts))
        changed = [(u, post_id) for post_id, u in of_posts.items() if stored.get(post_id) != u]
        self._drop_post_units([post_id for _u, post_id in changed if post_id in stored])
        return self._insert_units(plain + changed)

    def _insert_units(self, units: list[tuple[MemoryUnit, str | None]]) -> int:
        """Insert (unit, post id) pairs, skipping those already stored, and index the new ones,
        in a few statements (a work package brings ~78,000 units: one statement and one
        token-count update per unit took 20-40 s). New units get ids above the largest, so
        they are read back by id; the caller's transaction (or ours) keeps others out."""
        if not units:
            return 0
        if not self.conn.in_transaction:
            with self.store.write():
                return self._insert_units(units)
        before = self.conn.execute("SELECT coalesce(max(id), 0) FROM tm_units").fetchone()[0]
        self.conn.executemany(
            "INSERT OR IGNORE INTO tm_units (source_lang, target_lang, source_text, target_text,"
            " origin, created, post_id, source_seg, target_seg) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(u.source_lang, u.target_lang, u.source_text, u.target_text, u.origin, u.created, post_id,
              u.source_seg, u.target_seg) for u, post_id in units])
        new = self.conn.execute("SELECT id, source_lang, target_lang, source_text FROM tm_units "
                                "WHERE id > ? ORDER BY id", (before,)).fetchall()
        if not new:
            return 0
        indexed = [(row[0], index_tokens(*row[1:])) for row in new]
        self.conn.executemany("INSERT INTO tm_index (rowid, tokens) VALUES (?, ?)", indexed)
        self._count_tokens(Counter(chain.from_iterable(set(tokens.split()) for _id, tokens in indexed)))
        self._memory_changed()
        return len(new)

    def _memory_changed(self) -> None:
        """Lets in-memory copies of the memory (the lookup's scan cache) see they are stale. A
        new random value each time: two changes within one millisecond had the same time."""
        self.store.settings.set("tm_version", uuid.uuid4().hex)

    def token_counts(self, tokens: list[str]) -> dict[str, int]:
        """In how many units each token occurs (the prefilter picks the rarest). FTS5's own
        fts5vocab table answers this too, but scans: 2 ms a query against 0.05 ms here."""
        marks = ",".join("?" * len(tokens))
        rows = self.conn.execute(f"SELECT token, units FROM tm_tokens WHERE token IN ({marks})", tokens)
        return dict(rows.fetchall())

    def _count_tokens(self, changes: dict[str, int]) -> None:
        """Add `changes` (token -> units gained, negative when lost) to the token counts. One
        statement, the tokens handed over as one JSON object and written in key order, so the
        B-tree fills page after page: a work package's ~400,000 tokens took 2.4 s one row at
        a time in random order, 1.8 s sorted in Python, 0.6 s like this."""
        if not changes:
            return
        self.conn.execute(
            "INSERT INTO tm_tokens (token, units) SELECT key, value FROM json_each(?) "
            "WHERE true ORDER BY key "  # WHERE: SQLite's way to allow ON CONFLICT after a SELECT
            "ON CONFLICT(token) DO UPDATE SET units = units + excluded.units",
            (to_json(changes),))

    def units_with(self, token: str) -> list[int]:
        """Ids of the units whose indexed tokens include `token` (see hints/memory.py)."""
        query = '"' + token.replace('"', '""') + '"'
        return [r[0] for r in self.conn.execute(
            "SELECT rowid FROM tm_index WHERE tm_index MATCH ?", (query,))]

    def sources_of_pair(self, source_lang: str, target_lang: str) -> list[tuple[int, str]]:
        """(id, source_text) of every unit whose languages have these primary subtags."""
        src, tgt = primary(source_lang), primary(target_lang)
        return self.conn.execute(
            "SELECT id, source_text FROM tm_units "
            "WHERE (lower(source_lang) = ? OR lower(source_lang) LIKE ? || '-%') "
            "AND (lower(target_lang) = ? OR lower(target_lang) LIKE ? || '-%')",
            (src, src, tgt, tgt)).fetchall()

    def units_by_id(self, ids: list[int]) -> list[tuple]:
        """(id, source_text, target_text, origin, post_id) of the given units."""
        return list(rows_for(self.conn, "SELECT id, source_text, target_text, origin, post_id "
                                        "FROM tm_units WHERE id IN ({ids})", ids))

    def units(self) -> list[MemoryUnit]:
        rows = self.conn.execute(
            "SELECT source_lang, target_lang, source_text, target_text, origin, created, "
            "source_seg, target_seg FROM tm_units ORDER BY id")
        return [MemoryUnit(*row) for row in rows]

    def language_pairs(self) -> list[tuple[str, str]]:
        """The (source, target) language codes the memory's units have, as stored."""
        return self.conn.execute("SELECT DISTINCT source_lang, target_lang FROM tm_units "
                                 "ORDER BY 1, 2").fetchall()

    def units_and_posts(self, pairs: list[tuple[str, str]]) -> list[tuple[MemoryUnit, str | None]]:
        """Every unit of these (source, target) codes with the post it was made from (None:
        imported from a file), in the order they were added."""
        if not pairs:
            return []
        wanted = " OR ".join("(source_lang = ? AND target_lang = ?)" for _ in pairs)
        rows = self.conn.execute(  # a TMX's coded <seg>s too: a laptop keeps them as we do
            "SELECT source_lang, target_lang, source_text, target_text, origin, created, "
            f"source_seg, target_seg, post_id FROM tm_units WHERE {wanted} ORDER BY id",
            [code for pair in pairs for code in pair])
        return [(MemoryUnit(*row[:8]), row[8]) for row in rows]

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM tm_units").fetchone()[0]


def _post_unit(post: PostState) -> MemoryUnit:
    """The memory unit an approved post stands for."""
    # placeholders are the post's own: the memory keeps what the codes stand for
    return MemoryUnit(post.source_lang, post.target_lang, shown(post.source_text, post.codes),
                      shown(post.current_text, post.codes), f"post:{post.id}", post.approved_at)
