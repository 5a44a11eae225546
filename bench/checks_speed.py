"""Speed of review.hints.checks.run_checks on 1,000 realistic post pairs.

    .venv/bin/python bench/checks_speed.py

The pairs are built from templates of the aid-project posts (Chinese source, English, Shona
or Ndebele draft) with varying numbers, hashtags, @mentions, links and emoji; one in five
drafts loses an item or gains a problem, so the failing paths are timed too. Also times
translate-toolkit's whole StandardChecker (run_filters) on the same pairs, for comparison.
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from review.hints.checks import run_checks  # noqa: E402

TEMPLATES = [
    ("我们在{place}打了{n}口井，{people}人喝上了干净的水！{emoji} #{tag} {url}",
     "en", "We drilled {n} boreholes in {place}: {people} people now have clean water! {emoji} "
           "#{tag} {url}"),
    ("感谢{place}社区的支持，第{n}口井今天移交。关注@{handle} 了解更多 {url}",
     "sn", "Tinotenda nharaunda ye{place} nerutsigiro. Bhorehori re{n} raendeswa nhasi. "
           "Teverai @{handle} {url}"),
    ("{place}项目进度：已完成{n}口井（共1,000口）。{emoji}\n#{tag}",
     "en", "{place} project update: {n} of 1,000 boreholes done. {emoji}\n#{tag}"),
    ("欢迎来到{place}！我们的工程师培训了{people}名当地技术员。#{tag} @{handle}",
     "nd", "Siyalemukela e{place}! Abenjiniyela bethu bafundise ochwepheshe bendawo abangu-"
           "{people}. #{tag} @{handle}"),
]
PLACES = ["Masvingo", "Gokwe", "Chiredzi", "Lupane", "Binga", "Mutare"]
TAGS = ["ZimWater2026", "CleanWater", "Boreholes4Zim", "WaterIsLife"]
EMOJI = ["💧", "🇿🇼", "👍🏾", "🎉", "🤝", "👨‍👩‍👧‍👦"]


def realistic_pairs(count: int, seed: int = 7) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        source, lang, draft = rng.choice(TEMPLATES)
        values = dict(place=rng.choice(PLACES), n=rng.randint(2, 999),
                      people=rng.choice(["1,200", "350", "2 400", "18,000"]),
                      tag=rng.choice(TAGS), handle=rng.choice(["ZimAid", "CN_Embassy_ZW"]),
                      emoji=rng.choice(EMOJI),
                      url=f"https://aid.example.org/zw/{rng.randint(1, 99)}")
        target = draft.format(**values)
        if rng.random() < 0.2:  # a draft with a problem
            target = rng.choice([target.replace("#", ""), target.split("http")[0],
                                 target + "  ", target.replace(str(values["n"]), "many")])
        pairs.append((source.format(**values), target, lang, rng.choice(["x", "facebook"])))
    return pairs


def main() -> None:
    pairs = realistic_pairs(1000)
    run_checks(*pairs[0][:2], source_lang="zh-CN", target_lang=pairs[0][2], platform="x")
    timings, found = [], Counter()
    started = time.perf_counter()
    for source, target, lang, platform in pairs:
        t0 = time.perf_counter()
        results = run_checks(source, target, source_lang="zh-CN", target_lang=lang,
                             platform=platform)
        timings.append(time.perf_counter() - t0)
        found.update(r.id for r in results)
    total = time.perf_counter() - started
    print(f"run_checks on {len(pairs)} pairs: {total * 1000:.0f} ms in all, "
          f"median {statistics.median(timings) * 1000:.3f} ms, "
          f"p95 {statistics.quantiles(timings, n=20)[-1] * 1000:.3f} ms per pair; "
          f"a 10,000-post batch ~ {total * 10:.1f} s")
    print("results by id:", dict(found.most_common()))
    _compare_with_standard_checker(pairs)


def _compare_with_standard_checker(pairs) -> None:
    from translate.filters.checks import CheckerConfig, StandardChecker
    from translate.storage.base import TranslationUnit

    checker = StandardChecker(checkerconfig=CheckerConfig(targetlanguage="en"))
    started = time.perf_counter()
    for source, target, _, _ in pairs:
        unit = TranslationUnit(source)
        unit.target = target
        checker.run_filters(unit)
    per_pair = (time.perf_counter() - started) / len(pairs) * 1000
    print("translate-toolkit StandardChecker.run_filters (all its tests): "
          f"{per_pair:.3f} ms per pair")


if __name__ == "__main__":
    main()
