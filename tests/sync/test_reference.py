"""Hints parity through sync (issue 11's rule): a laptop that only syncs shows every post the
hints HQ's desk shows. A sync carries what a work package carries for a batch: the glossaries
that feed a hint of its posts, and the memory units of its posts' pairs; an office reads only
those of the pairs of its granted batches (row-level security)."""
from __future__ import annotations

import psycopg
import pytest

from review import Desk
from review.importing import import_drafts
from review.model import GlossaryEntry, MemoryUnit
from review.termbases import import_starter_glossaries
from tests.helpers import COORD, draft
from tests.sync.support import BATCH, hq_desk, office_laptop, reviewer

TENDAI = reviewer("Tendai")


def _hq_with_references(tmp_path, hq_url):
    """HQ's desk: batch zw (zh-CN>en), a batch "elsewhere" (zh-CN>en, one post approved:
    a memory unit of another batch's post), a batch "shona" (en>sn) the office is not granted,
    the starter glossaries and a unit from a memory file."""
    hq, ids = hq_desk(tmp_path, hq_url)
    import_starter_glossaries(hq)
    import_drafts(hq, [draft("EL-1", source_text="我们在马斯温戈省打了12口井。",
                             draft_text="Twelve wells were drilled in Masvingo.")], "elsewhere", actor=COORD)
    import_drafts(hq, [draft("SN-1", source_lang="en", target_lang="sn", source_text="Wells",
                             draft_text="Zvitsime")], "shona", actor=COORD)
    other = hq.store.posts.ids_by_external("elsewhere")["EL-1"]
    hq.decide(other, COORD, "approve")
    hq.store.memory.add_units([MemoryUnit("zh-CN", "en", "我们在马斯温戈省打了井。",
                                          "We drilled wells in Masvingo.", "wells.tmx")], from_file=True)
    hq.store.memory.add_units([MemoryUnit("en", "sn", "Wells", "Zvitsime", "shona.tmx")], from_file=True)
    return hq, ids


def _assert_same_hints(laptop, hq, ids) -> None:
    for external, post_id in ids.items():
        assert laptop.hints(post_id).to_json() == hq.hints(post_id).to_json(), external


def test_a_laptop_that_only_syncs_has_hq_s_hints_for_every_post_after_a_glossary_change_too(
        tmp_path, hq_url):
    hq, ids = _hq_with_references(tmp_path, hq_url)
    assert hq.sync().references_sent > 0
    assert hq.sync().references_sent == 0  # nothing changed: nothing read or sent again
    laptop, url = office_laptop(tmp_path, hq_url, "harare", BATCH)
    assert laptop.store.glossaries.list() and laptop.store.memory.count()
    hints = laptop.hints(ids["ZW-1"])
    assert [t.term for t in hints.glossary.terms] == ["马斯温戈"]
    assert hints.memory  # the file's unit and the other batch's approved post
    _assert_same_hints(laptop, hq, ids)

    # HQ changes a glossary: the laptop's next sync brings the change, nothing else moves.
    name = next(g["name"] for g in hq.store.glossaries.list() if g["source_lang"].startswith("zh"))
    with hq.store.write():
        hq.store.glossaries.replace(name, "zh-CN", "en", "edited at HQ",
                                    [GlossaryEntry("井", "borehole", note="HQ's word")])
    assert hq.sync().references_sent == 1  # that glossary only
    assert laptop.sync().references == 1
    assert [t.term for t in laptop.hints(ids["ZW-1"]).glossary.terms] == ["井"]
    _assert_same_hints(laptop, hq, ids)
    assert laptop.sync().references == 0  # nothing changed since


def test_an_office_reads_only_the_references_of_its_granted_batches_pairs(tmp_path, hq_url):
    hq, _ids = _hq_with_references(tmp_path, hq_url)
    hq.sync()
    laptop, url = office_laptop(tmp_path, hq_url, "harare", BATCH)
    held = {(g["source_lang"], g["target_lang"]) for g in laptop.store.glossaries.list()}
    assert held and all(target == "en" for _source, target in held)
    assert {pair for pair in laptop.store.memory.language_pairs()} == {("zh-CN", "en")}
    with psycopg.connect(url) as conn:  # the office's login itself, as with psql
        targets = {r[0] for r in conn.execute("SELECT target_primary FROM review_desk.glossaries")}
        pairs = {tuple(r) for r in conn.execute(
            "SELECT source_primary, target_primary FROM review_desk.memory_units")}
        assert (targets, pairs) == ({"en"}, {("zh", "en")})
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO review_desk.glossaries (name, source_lang, target_lang,"
                         " source_primary, target_primary, body, seq) VALUES"
                         " ('x', 'zh', 'en', 'zh', 'en', '{}', 1)")
    # Granted the en>sn batch, the office receives its references too.
    from review.sync import admin
    admin.grant(hq_url, "harare", "shona")
    laptop.sync()
    assert ("en", "sn") in set(laptop.store.memory.language_pairs())


def test_a_glossary_on_the_server_that_cannot_be_read_is_named_and_the_events_still_arrive(
        tmp_path, hq_url):
    hq, ids = _hq_with_references(tmp_path, hq_url)
    hq.sync()
    with psycopg.connect(hq_url, autocommit=True) as conn:
        conn.execute("UPDATE review_desk.glossaries SET body = '{\"glossary\": 1',"
                     " seq = nextval('review_desk.reference_seq')")
    laptop, _url = office_laptop(tmp_path, hq_url, "harare", BATCH)
    done = laptop.sync()
    assert any("on the server cannot be read" in line for line in done.problems), done.problems
    assert laptop.store.glossaries.list() == []  # none of the references: one transaction
    assert set(laptop.store.posts.ids_by_external(BATCH).values()) == set(ids.values())


def test_a_memory_unit_s_coded_tmx_segments_travel_and_a_malformed_one_is_refused(tmp_path, hq_url):
    hq, _ids = hq_desk(tmp_path, hq_url)
    seg = "<seg>我们在<ph x=\"1\"/>马斯温戈打了井。</seg>"
    hq.store.memory.add_units([MemoryUnit("zh-CN", "en", "我们在马斯温戈打了井。", "We drilled in Masvingo.",
                                          "coded.tmx", None, seg, "<seg>We drilled in <ph x=\"1\"/>Masvingo.</seg>")],
                              from_file=True)
    hq.sync()
    laptop, url = office_laptop(tmp_path, hq_url, "harare", BATCH)
    assert [u.source_seg for u in laptop.store.memory.units()] == [seg]
    with psycopg.connect(hq_url, autocommit=True) as conn:  # HQ's role writes a <seg> with a DTD
        conn.execute("UPDATE review_desk.memory_units SET body = replace(body, '<seg>我们',"
                     " '<!DOCTYPE x><seg>我们'), seq = nextval('review_desk.reference_seq')")
    fresh = Desk(tmp_path / "fresh.sqlite3", daily_backup=False)  # another of the office's laptops
    done = fresh.sync(url)
    assert any("cannot be read" in p and "is not a TMX <seg>" in p for p in done.problems), done.problems
    assert fresh.store.memory.count() == 0 and fresh.store.events.count() > 0
