"""The bulk paths of the store (packages, bulk decisions): memory units inserted and counted in
a few statements, unchanged memory units and search texts kept rather than rewritten. Each is
compared with what a from-scratch build or the one-at-a-time way gives."""
from __future__ import annotations

from collections import Counter

from review import Desk
from review.memory_tokens import index_tokens
from review.importing import import_drafts
from review.model import MemoryUnit
from tests.exchange.support import snapshot
from tests.helpers import COORD, REVIEWER, draft

UNITS = [
    MemoryUnit("zh-CN", "en", "我们在马斯温戈省打了12口井。", "We drilled 12 wells in Masvingo.", "a.tmx"),
    MemoryUnit("zh-CN", "en", "打井", "drill a borehole", "a.tmx", "2026-01-02T00:00:00.000Z"),
    MemoryUnit("zh-CN", "en", "打井", "drill a borehole", "b.tmx"),  # same texts: stored once
    MemoryUnit("en", "sn", "Clean water for every village village", "Mvura yakachena", "c.tmx"),
    MemoryUnit("zh-CN", "ja", "打井", "井戸を掘る", "c.tmx"),
]


def token_counts(desk: Desk) -> dict[str, int]:
    return {token: units for token, units in desk.store.conn.execute("SELECT token, units FROM tm_tokens")
            if units}


def memory_index(desk: Desk) -> dict:
    """Each unit (by its texts and post) with the tokens its index row holds."""
    rows = desk.store.conn.execute(
        "SELECT u.source_lang, u.target_lang, u.source_text, u.target_text, u.origin, u.post_id, i.tokens "
        "FROM tm_units u JOIN tm_index i ON i.rowid = u.id")
    return {row[:6]: row[6] for row in rows}


def expected_counts(desk: Desk) -> dict[str, int]:
    """Token -> units holding it, counted from the units themselves."""
    counts: Counter[str] = Counter()
    for unit in desk.store.memory.units():
        counts.update(set(index_tokens(unit.source_lang, unit.target_lang, unit.source_text).split()))
    return dict(counts)


def search_texts(desk: Desk) -> dict[str, str]:
    rows = desk.store.conn.execute(
        "SELECT p.id, s.text FROM posts p JOIN posts_search s ON s.rowid = p.rowid")
    return dict(rows.fetchall())


def live(snapshot: dict) -> dict:
    """A snapshot without withdrawn revisions: a rewrite undone where it was made stays there
    as a withdrawn row, but a laptop replaying the log never materialises it."""
    return dict(snapshot, revisions=[r for r in snapshot["revisions"] if not r[-1]])


def test_units_added_in_one_go_are_stored_indexed_and_counted_like_one_at_a_time(tmp_path):
    with Desk(tmp_path / "bulk.sqlite3") as bulk, Desk(tmp_path / "single.sqlite3") as single:
        with bulk.store.write():
            assert bulk.store.memory.add_units(UNITS[:2]) == 2
            assert bulk.store.memory.add_units(UNITS) == 2, "two already here, one the same texts as another"
        for unit in UNITS + UNITS:
            single.store.memory.add_units([unit])  # outside a transaction: it makes its own
        assert memory_index(bulk) == memory_index(single)
        assert token_counts(bulk) == token_counts(single) == expected_counts(bulk)
        assert token_counts(bulk)["en0sn0village"] == 1, "a token twice in a unit counts once"


def test_nothing_new_changes_nothing(desk):
    desk.store.memory.add_units(UNITS)
    version = desk.store.settings.get("tm_version")
    assert desk.store.memory.add_units(UNITS) == 0
    assert desk.store.memory.add_units([]) == 0
    assert desk.store.settings.get("tm_version") == version


def test_assigning_approved_posts_keeps_their_units_and_search_rows(desk, batch):
    ids = list(batch.values())
    desk.rewrite(ids[0], REVIEWER, "We drilled 12 boreholes in Masvingo.")
    desk.decide_many(ids, COORD, "approve")
    units = desk.store.conn.execute("SELECT id, post_id FROM tm_units ORDER BY id").fetchall()
    version, texts = desk.store.settings.get("tm_version"), search_texts(desk)
    desk.assign(ids, COORD, "Rudo")
    assert desk.store.conn.execute("SELECT id, post_id FROM tm_units ORDER BY id").fetchall() == units
    assert desk.store.settings.get("tm_version") == version, "the memory did not change"
    assert search_texts(desk) == texts
    assert token_counts(desk) == expected_counts(desk)


def test_changed_units_and_texts_are_replaced(desk, batch):
    post_id = batch["ZW-001"]
    desk.decide(post_id, COORD, "approve")
    desk.decide(post_id, COORD, "reopen", "wrong province")
    assert desk.store.memory.count() == 0 and token_counts(desk) == {}
    desk.rewrite(post_id, REVIEWER, "We drilled 12 boreholes in Masvingo Province.")
    desk.decide(post_id, REVIEWER, "approve")
    (unit,) = desk.store.memory.units()
    assert unit.target_text == "We drilled 12 boreholes in Masvingo Province."
    assert token_counts(desk) == expected_counts(desk)
    post = desk.post(post_id)
    assert search_texts(desk)[post_id] == "\n".join([post.source_text] + [r.text for r in post.revisions])
    desk.undo(post_id, REVIEWER)  # the approval
    desk.undo(post_id, REVIEWER)  # the rewrite: its text leaves the search row
    assert search_texts(desk)[post_id] == f"{post.source_text}\n{post.draft.text}"
    assert desk.store.memory.count() == 0


def test_a_desk_built_step_by_step_equals_one_rebuilt_from_its_package(tmp_path):
    """The coordinator's tables, changed action by action (units and search rows kept when
    unchanged), equal those a reviewer's empty laptop builds from scratch from the package."""
    coordinator = Desk(tmp_path / "coordinator.sqlite3")
    import_drafts(coordinator, [draft(f"ZW-{n}", draft_text=f"We drilled {n} wells in Masvingo.")
                                for n in range(1, 7)], "zw", actor=COORD, timezone="Africa/Harare")
    ids = list(coordinator.store.posts.ids_by_external("zw").values())
    coordinator.store.memory.add_units(UNITS[:3])  # the package carries only its pair's units
    coordinator.rewrite(ids[0], REVIEWER, "We drilled 1 borehole in Masvingo.")
    coordinator.annotate(ids[0], REVIEWER, start=0, end=2, category="accuracy", severity="minor")
    coordinator.rewrite(ids[1], REVIEWER, "Undone, then redone.")
    undo = coordinator.undo(ids[1], REVIEWER)
    coordinator.redo(ids[1], REVIEWER, undo.undo_event_id)
    coordinator.rewrite(ids[3], REVIEWER, "Undone for good.")
    coordinator.undo(ids[3], REVIEWER)
    coordinator.decide_many(ids[:4], COORD, "approve")
    coordinator.assign(ids, COORD, "Rudo")
    coordinator.decide(ids[2], COORD, "reopen", "second look")
    coordinator.make_work_package("zw", tmp_path / "zw.rdpack", COORD)
    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        laptop.import_package(tmp_path / "zw.rdpack")
        assert live(snapshot(laptop)) == live(snapshot(coordinator))
        assert search_texts(laptop) == search_texts(coordinator)
        assert memory_index(laptop) == memory_index(coordinator)
        assert token_counts(laptop) == token_counts(coordinator) == expected_counts(coordinator)
    coordinator.close()
