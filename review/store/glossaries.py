"""Glossaries and their entries (starter glossaries, CSV and TBX imports, packages)."""
from __future__ import annotations

import uuid
from typing import Any

from ..model import GlossaryEntry
from .sql import Part, utc_now


class Glossaries(Part):
    def replace(self, name: str, source_lang: str, target_lang: str, origin: str,
                entries: list[GlossaryEntry], *, starter: bool = False) -> None:
        """Store a glossary under `name`, replacing one of that name (its entries too)."""
        self.conn.execute("DELETE FROM glossaries WHERE name = ?", (name,))
        self.conn.execute(
            "INSERT INTO glossaries (name, source_lang, target_lang, origin, created, starter) "
            "VALUES (?, ?, ?, ?, ?, ?)", (name, source_lang, target_lang, origin, utc_now(), int(starter)))
        self.conn.executemany(
            "INSERT INTO glossary_entries (glossary, term, translation, status, note, pos,"
            " case_sensitive, domain, region, dnt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(name, e.term, e.translation, e.status, e.note, e.pos, int(e.case_sensitive),
              e.domain, e.region, int(e.dnt)) for e in entries])
        self.store.settings.set("glossary_version", uuid.uuid4().hex)  # changes within a ms differ
        self.store.posts.forget_problem_counts()

    def list(self) -> list[dict[str, Any]]:
        sql = ("SELECT g.*, count(e.id) AS entries FROM glossaries g LEFT JOIN glossary_entries e"
               " ON e.glossary = g.name GROUP BY g.name ORDER BY g.name")
        return list(self.db.query(sql))

    def entries(self, name: str) -> list[GlossaryEntry]:
        rows = self.conn.execute(
            "SELECT term, translation, status, note, pos, case_sensitive, domain, region, dnt "
            "FROM glossary_entries WHERE glossary = ? ORDER BY id", (name,))
        return [_entry(row) for row in rows]

    def all_entries(self) -> list[tuple[str, str, GlossaryEntry]]:
        """(source_lang, target_lang, entry) for every entry of every glossary, glossary by
        glossary in name order: where entries of several glossaries meet in one hint, their
        order is the same on every laptop that holds these glossaries (entry ids are not)."""
        rows = self.conn.execute(
            "SELECT g.source_lang, g.target_lang, e.term, e.translation, e.status, e.note, e.pos,"
            " e.case_sensitive, e.domain, e.region, e.dnt FROM glossary_entries e"
            " JOIN glossaries g ON g.name = e.glossary ORDER BY g.name, e.id")
        return [(row[0], row[1], _entry(row[2:])) for row in rows]


def _entry(row) -> GlossaryEntry:
    term, translation, status, note, pos, case_sensitive, domain, region, dnt = row
    return GlossaryEntry(term, translation, status, note, pos, bool(case_sensitive), domain,
                         region, bool(dnt))
