"""Translation memory: prefilter (words and CJK bigrams), scoring, differences, approved posts."""
from __future__ import annotations

import pytest

from review.hints.memory import differences, lookup, text_tokens
from review.model import MemoryUnit
from tests.helpers import REVIEWER


def add(desk, *units: MemoryUnit) -> None:
    with desk.store.write():
        desk.store.memory.add_units(units)


def test_tokens_are_words_and_cjk_bigrams():
    assert text_tokens("Drill 12 Boreholes") == ["drill", "12", "boreholes"]
    assert text_tokens("我们打了政府") == ["我们", "们打", "打了", "了政", "政府"]
    assert text_tokens("用facebook发布") == ["facebook", "用", "发布"]


def test_two_character_chinese_word_is_found(desk):
    """The trigram tokenizer cannot find 政府; our bigrams can."""
    add(desk, MemoryUnit("zh-CN", "en", "津巴布韦政府感谢中国", "Zimbabwe's government thanks China"))
    matches = lookup(desk.store, "zh-CN", "en", "津巴布韦政府感谢中国", threshold=0)
    assert [m.score for m in matches] == [100.0]


def test_fuzzy_match_scores_and_threshold(desk):
    add(desk,
        MemoryUnit("zh-CN", "en", "我们在马斯温戈省打了12眼钻井。", "We drilled 12 boreholes in Masvingo."),
        MemoryUnit("zh-CN", "en", "今天天气很好。", "The weather is fine today."),
        MemoryUnit("zh-CN", "sn", "我们在马斯温戈省打了12眼钻井。", "Takachera zvibhorani 12."))
    matches = lookup(desk.store, "zh-CN", "en", "我们在马斯温戈省打了15眼钻井。")
    assert len(matches) == 1, "other language pairs and weak matches stay out"
    assert 85 < matches[0].score < 100
    changed = [(d.op, d.query, d.match) for d in matches[0].diff if d.op != "equal"]
    assert changed == [("replace", "15", "12")], "CJK by characters, numbers as whole words"


def test_words_diff_for_latin_text():
    pieces = differences("We drilled 15 boreholes today", "We drilled 12 boreholes")
    assert [(p.op, p.query, p.match) for p in pieces if p.op != "equal"] == [
        ("replace", "15", "12"), ("delete", " today", "")]


def test_exact_match_scores_100_and_best_first(desk):
    add(desk, MemoryUnit("en", "sn", "Clean water for every village", "Mvura yakachena"),
        MemoryUnit("en", "sn", "Clean water for every school", "Mvura yakachena kuzvikoro"))
    matches = lookup(desk.store, "en", "sn", "Clean water for every village")
    assert [m.score for m in matches][0] == 100.0 and len(matches) == 2
    assert matches[0].target_text == "Mvura yakachena"


def test_approved_posts_feed_the_memory_and_undo_takes_them_back(desk, batch):
    post_id = batch["ZW-001"]
    desk.rewrite(post_id, REVIEWER, "We drilled 12 boreholes in Masvingo Province.")
    desk.decide(post_id, REVIEWER, "approve")
    other = batch["ZW-002"]
    (match,) = lookup(desk.store, "zh-CN", "en", desk.post(other).source_text)
    assert match.target_text == "We drilled 12 boreholes in Masvingo Province."
    assert match.origin == f"post:{post_id}"
    assert lookup(desk.store, "zh-CN", "en", desk.post(post_id).source_text, exclude_post=post_id) == []
    desk.undo(post_id, REVIEWER)
    assert lookup(desk.store, "zh-CN", "en", desk.post(other).source_text) == []


def test_duplicate_units_are_stored_once(desk):
    unit = MemoryUnit("en", "fr", "Hello", "Bonjour")
    with desk.store.write():
        assert desk.store.memory.add_units([unit, unit]) == 1
        assert desk.store.memory.add_units([unit]) == 0
    assert desk.store.memory.count() == 1


def test_quotes_and_fts_syntax_in_text_are_harmless(desk):
    add(desk, MemoryUnit("en", "fr", 'He said "AND" OR NOT (x*)', "Il a dit"))
    assert lookup(desk.store, "en", "fr", 'He said "AND" OR NOT (x*)')[0].score == 100.0


def test_dismissal_holds_until_the_text_changes(desk, batch):
    post_id = batch["ZW-003"]
    desk.rewrite(post_id, REVIEWER, "We drilled boreholes.")  # the number 12 is gone
    finding = next(c for c in desk.hints(post_id).checks if c.result.id == "number-missing")
    desk.dismiss_check(post_id, REVIEWER, finding.key, "the count is in the photo caption")
    again = next(c for c in desk.hints(post_id).checks if c.key == finding.key)
    assert again.dismissed["reason"] == "the count is in the photo caption"
    assert again.dismissed["by"] == REVIEWER.name
    desk.rewrite(post_id, REVIEWER, "We drilled some boreholes.")
    after = next(c for c in desk.hints(post_id).checks if c.result.id == "number-missing")
    assert after.dismissed is None



def _tied_units() -> list[MemoryUnit]:
    """Nine units scoring the same for the query below, more than a lookup shows."""
    return [MemoryUnit("zh-CN", "en", "马斯温戈省奇维区完成了12眼钻井", f"Rendering {n}", f"f{n}.tmx")
            for n in range(9)]


@pytest.mark.parametrize("path", ["prefilter", "scan"])
def test_which_tied_units_are_shown_does_not_depend_on_their_storage_order(tmp_path, monkeypatch, path):
    """A reviewer's laptop stores a work package's units in another order than the
    coordinator's desk; both show the same matches in the same order. (`scan`: every token is
    too common for the prefilter, so the lookup scores all of the pair's units.)"""
    from review import Desk
    from review.hints import memory

    if path == "scan":
        monkeypatch.setattr(memory, "COMMON_TOKEN_UNITS", 3)
        monkeypatch.setattr(memory, "_candidate_ids", _refusing_prefilter(memory._candidate_ids))
    shown = []
    for name, units in (("forwards", _tied_units()), ("backwards", _tied_units()[::-1])):
        with Desk(tmp_path / f"{name}.sqlite3") as desk:
            add(desk, *units)
            shown.append(lookup(desk.store, "zh-CN", "en", "马斯温戈省奇维区完成了13眼钻井"))
    forwards, backwards = ([(m.score, m.target_text) for m in found] for found in shown)
    assert forwards == backwards == [(shown[0][0].score, f"Rendering {n}") for n in range(5)]


def _refusing_prefilter(candidate_ids):
    def checked(*args):
        found = candidate_ids(*args)
        assert found is None, "the test meant the lookup to scan"
        return found
    return checked


def test_ties_beyond_what_is_asked_at_once_are_all_weighed(desk):
    """More ties than the first round of scoring brings (four times the limit) are scored
    again, all of them: the five shown are still the first five by content."""
    units = [MemoryUnit("en", "sn", "Clean water for every village", f"Mvura {n:02}", "a.tmx")
             for n in range(40, 0, -1)]
    add(desk, *units)
    found = lookup(desk.store, "en", "sn", "Clean water for every villages")
    assert [m.target_text for m in found] == ["Mvura 01", "Mvura 02", "Mvura 03", "Mvura 04", "Mvura 05"]


def test_a_units_post_as_its_origin_says_replaces_that_posts_older_unit(desk, batch):
    """How a work package brings other batches' approved posts: one unit per post, the
    newest; a post's own hints leave it out."""
    older = MemoryUnit("zh-CN", "en", "打井", "drill a well", "post:abcdefghjk")
    newer = MemoryUnit("zh-CN", "en", "打井", "drill a borehole", "post:abcdefghjk")
    add(desk, older)
    add(desk, newer)
    assert [(u.target_text, u.origin) for u in desk.store.memory.units()] == [("drill a borehole", "post:abcdefghjk")]
    here = batch["ZW-001"]
    source = desk.post(here).source_text
    add(desk, MemoryUnit("zh-CN", "en", source, "as the coordinator approved it", f"post:{here}"))
    assert lookup(desk.store, "zh-CN", "en", source, exclude_post=here) == []
    assert lookup(desk.store, "zh-CN", "en", source)[0].target_text == "as the coordinator approved it"
    desk.decide(here, REVIEWER, "approve")  # its history here makes its unit again
    assert lookup(desk.store, "zh-CN", "en", source)[0].target_text == desk.post(here).current_text
    assert len(desk.store.memory.units()) == 2


def test_units_read_from_a_file_named_like_a_post_are_the_files(desk, batch):
    named = [MemoryUnit("zh-CN", "en", f"第{n}眼钻井", f"borehole {n}", f"post:{batch['ZW-001']}")
             for n in range(3)]
    with desk.store.write():
        assert desk.store.memory.add_units(named, from_file=True) == 3
    assert len(desk.store.memory.units()) == 3


def test_the_scan_keeps_several_pairs_and_hears_a_memory_change(desk, monkeypatch):
    """A queue mixes pairs: the fallback scan keeps each pair's sources (reading a pair again
    for every other post cost 130-300 ms at 100,000 units), within SCAN_CACHE_UNITS, and reads
    a pair again once the memory changed."""
    from review.hints import memory

    monkeypatch.setattr(memory, "_SCAN_CACHE", {})
    monkeypatch.setattr(memory, "_candidate_ids", lambda *args: None)  # always scan
    reads = []
    real = desk.store.memory.sources_of_pair
    monkeypatch.setattr(desk.store.memory, "sources_of_pair", lambda *pair: reads.append(pair) or real(*pair))
    add(desk, MemoryUnit("en", "sn", "Clean water for every village", "Mvura yakachena", "a.tmx"),
        MemoryUnit("en", "nd", "Clean water for every village", "Amanzi ahlanzekileyo", "a.tmx"))
    for target in ("sn", "nd", "sn", "nd"):
        assert lookup(desk.store, "en", target, "Clean water for every villages")[0].target_text.startswith(
            "Mvura" if target == "sn" else "Amanzi")
    assert reads == [("en", "sn"), ("en", "nd")]
    add(desk, MemoryUnit("en", "sn", "Clean water for every villages", "Mvura kumusha wega wega", "b.tmx"))
    assert lookup(desk.store, "en", "sn", "Clean water for every villages")[0].target_text == "Mvura kumusha wega wega"
    assert reads[-1] == ("en", "sn")
    monkeypatch.setattr(memory, "SCAN_CACHE_UNITS", 2)  # room for one pair of two units
    lookup(desk.store, "en", "nd", "Clean water for every villages")
    assert len(memory._SCAN_CACHE) == 1


def test_two_memory_changes_in_one_millisecond_are_both_heard(desk, monkeypatch):
    """The scan cache's version was the time to the millisecond: two imports within one (a busy
    machine, or a fast one) left the cache stale, and the test above failed now and then."""
    from review.hints import memory
    from review.store import memory as stored

    monkeypatch.setattr(memory, "_SCAN_CACHE", {})
    monkeypatch.setattr(memory, "_candidate_ids", lambda *args: None)  # always scan
    # The clock stands still (the version used to be read from it; raising=False: it no
    # longer is, and the test holds either way).
    monkeypatch.setattr(stored, "utc_now", lambda: "2026-12-06T03:00:00.000Z", raising=False)
    before = desk.store.settings.get("tm_version")
    add(desk, MemoryUnit("en", "sn", "Clean water for every village", "Mvura yakachena", "a.tmx"))
    assert lookup(desk.store, "en", "sn", "Clean water for every villages")[0].target_text == \
        "Mvura yakachena"
    add(desk, MemoryUnit("en", "sn", "Clean water for every villages", "Mvura kumusha wega wega", "b.tmx"))
    assert lookup(desk.store, "en", "sn", "Clean water for every villages")[0].target_text == \
        "Mvura kumusha wega wega"
    assert desk.store.settings.get("tm_version") != before
