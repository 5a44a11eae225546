"""What feeds the hints of posts of some language pairs: the one answer the hints and the work
package share (issue 11)."""
from __future__ import annotations

from review.hints.sources import hint_sources


def test_glossaries_into_the_target_language_feed_renderings_whatever_their_source():
    sources = hint_sources([("zh-CN", "sn")])
    assert sources.gives_renderings("en", "sn") and not sources.gives_terms("en", "sn")
    assert sources.feeds_glossary("en", "sn")
    assert sources.gives_terms("zh-Hans", "sn") and sources.gives_renderings("zh", "sn")
    assert not sources.feeds_glossary("zh-CN", "en") and not sources.feeds_glossary("sn", "zh-CN")


def test_region_and_script_variants_are_one_language():
    sources = hint_sources([("zh-Hans", "en-GB"), ("en", "nd")])
    assert sources.pairs == {("zh", "en"), ("en", "nd")}
    assert sources.gives_terms("zh-CN", "en") and sources.gives_terms("ZH", "en-US")
    assert sources.feeds_memory("zh-CN", "en") and sources.feeds_memory("en-GB", "nd")


def test_memory_of_the_posts_pairs_only():
    sources = hint_sources([("zh-CN", "sn")])
    assert sources.feeds_memory("zh", "sn")
    assert not sources.feeds_memory("en", "sn"), "no pivot through English for memory matches"
    assert not hint_sources([]).feeds_memory("zh", "sn") and not hint_sources([]).feeds_glossary("en", "sn")
