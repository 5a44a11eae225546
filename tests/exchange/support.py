"""Laptops for exchange tests: a coordinator's database with a batch, and reviewers' ones."""
from __future__ import annotations

from pathlib import Path

from review import Actor, Desk
from review.importing import import_drafts
from review.model import GlossaryEntry, MemoryUnit
from tests.helpers import COORD, draft

TENDAI, RUDO, NYASHA = Actor("Tendai"), Actor("Rudo"), Actor("Nyasha")


def coordinator_laptop(folder: Path, posts: int = 3) -> tuple[Desk, dict[str, str]]:
    """A coordinator's desk with batch 'zw' (posts ZW-1..N), a glossary and a memory unit of
    its language pair, and one of another pair (which a package must leave out)."""
    desk = Desk(folder / "coordinator.sqlite3")
    import_drafts(desk, [draft(f"ZW-{n}") for n in range(1, posts + 1)], "zw", actor=COORD,
                  timezone="Africa/Harare")
    with desk.store.write():
        desk.store.replace_glossary("aid", "zh-CN", "en", "aid.csv",
                                    [GlossaryEntry("马斯温戈", "Masvingo", note="a province")])
        desk.store.replace_glossary("de", "en", "de", "de.csv", [GlossaryEntry("well", "Brunnen")])
        desk.store.tm_add_units([MemoryUnit("zh-CN", "en", "打井", "drill a borehole", "hq.tmx"),
                                 MemoryUnit("en", "de", "well", "Brunnen", "hq.tmx")])
    return desk, desk.store.post_ids_by_external("zw")


def reviewer_laptop(folder: Path, name: str, work_package: Path) -> Desk:
    desk = Desk(folder / f"{name}.sqlite3")
    desk.import_package(work_package)
    return desk


def snapshot(desk: Desk) -> dict:
    """Everything a merge may change, independent of insertion order (rowids, seq)."""
    store = desk.store
    posts = {r["id"]: {k: v for k, v in r.items() if k != "problems"} for r in store.post_rows()}
    revisions = sorted(tuple(r.values()) for r in store.db.query(
        "SELECT id, post_id, number, kind, text, author, withdrawn FROM revisions"))
    annotations = sorted(tuple(r.values()) for r in store.db.query(
        "SELECT id, post_id, revision_id, status FROM annotations"))
    events = sorted((e.id, e.kind, e.parent) for e in store.all_events())
    return {"posts": posts, "revisions": revisions, "annotations": annotations, "events": events,
            "memory": sorted((u.source_text, u.target_text) for u in store.tm_units())}
