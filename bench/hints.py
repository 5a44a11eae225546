"""Benchmarks of the hints (issue 3), against the straightforward approaches. Run on demand:

    .venv/bin/python bench/hints.py [--units 100000] [--terms 10000] [--queries 200]

Measures, with a 10,000-term glossary and a 100,000-unit memory: glossary matching per post
(Aho-Corasick against a loop over the terms), memory lookup (FTS5 prefilter + rapidfuzz against
rapidfuzz over all units and against translate-toolkit's own matcher, with top-1 recall), all
hints for one post, and the checks of a 10,000-post batch. Prints Markdown for the README.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from review import Actor, Desk  # noqa: E402
from review.formats import DraftPost  # noqa: E402
from review.hints.collect import batch_checks, compiled_glossary  # noqa: E402
from review.hints.memory import lookup  # noqa: E402
from review.importing import import_drafts  # noqa: E402
from review.model import GlossaryEntry, MemoryUnit  # noqa: E402

PLACES = ["马斯温戈", "奇维", "扎卡", "比基塔", "贡韦", "姆韦内齐", "奇雷济", "马翁德拉", "布拉瓦约", "哈拉雷",
          "奇平吉", "穆塔雷", "宾加", "戈奎", "卡里巴", "奇诺伊"]
THINGS = ["钻井", "水泵", "水管委员会", "培训班", "移交仪式", "水质检测", "维修热线", "学校", "诊所", "社区"]
VERBS = ["完成了", "启动了", "举行了", "参观了", "检查了", "庆祝了", "支持了", "扩建了"]
TEMPLATES = ["今天，项目在{p}省{q}区{v}{n}眼{t}工作。", "{p}的{t}已经{v}，{n}个村庄受益。",
             "第{n}期{t}在{p}{v}，{q}的村民参加。", "{p}和{q}两地共有{n}处{t}{v}验收。"]
EN = "Today the project {v} work on {n} {t} in {p}."


def rng_sentence(rng: random.Random) -> tuple[str, str]:
    p, q = rng.sample(PLACES, 2)
    t, v, n = rng.choice(THINGS), rng.choice(VERBS), rng.randrange(1, 2000)
    zh = rng.choice(TEMPLATES).format(p=p, q=q, t=t, v=v, n=n)
    return zh, EN.format(p=p, t=t, v=v, n=n)


def make_memory(count: int, kind: str = "zipf") -> list[MemoryUnit]:
    """`zipf`: sentences of words drawn with natural-language frequencies (a few very common,
    a long tail of rare ones), like a real memory. `templates`: a handful of templates over a
    tiny vocabulary, where every token is common: the prefilter's worst case."""
    rng = random.Random(7)
    make = _zipf_sentence_maker(rng) if kind == "zipf" else (lambda: rng_sentence(rng))
    seen, units = set(), []
    while len(units) < count:
        zh, en = make()
        if zh not in seen:
            seen.add(zh)
            units.append(MemoryUnit("zh-CN", "en", zh, en, "bench"))
    return units


def _zipf_sentence_maker(rng: random.Random):
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    words = list(dict.fromkeys("".join(rng.choice(chars) for _ in range(rng.choice((1, 2, 2, 3))))
                               for _ in range(30_000)))
    weights = [1 / (rank + 1) ** 1.05 for rank in range(len(words))]

    def make() -> tuple[str, str]:
        picked = rng.choices(words, weights, k=rng.randint(8, 22))
        if rng.random() < 0.5:
            picked.insert(rng.randrange(len(picked)), str(rng.randrange(1, 5000)))
        zh = "".join(picked) + "。"
        return zh, f"Sentence {abs(hash(zh)) % 100000}."

    return make


def make_glossary(count: int) -> list[tuple[str, str, GlossaryEntry]]:
    """The starter glossary's Chinese terms, padded with made-up terms to `count`."""
    import csv

    rng = random.Random(11)
    with open(ROOT / "glossaries" / "zh-CN_en.aid-project.starter.csv", encoding="utf-8") as handle:
        terms = {row["source"] for row in csv.DictReader(handle)} | set(PLACES + THINGS + VERBS)
    while len(terms) < count:
        terms.add("".join(rng.sample("政府社区项目钻井水泵培训移交仪式检测热线学校诊所村庄省区参观支持扩建完成启动", rng.randint(2, 5))))
    return [("zh-CN", "en", GlossaryEntry(t, f"term-{i}", "preferred", "note")) for i, t in enumerate(sorted(terms))]


def sample_sources() -> list[str]:
    """Real post texts (the sample batches' Chinese sources), for glossary matching."""
    import csv

    texts = []
    for path in sorted((ROOT / "resources" / "sample").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            texts += [row["source_text"] for row in csv.DictReader(handle)]
    return texts * 4


def median_us(fn, items) -> float:
    times = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def mutate(text: str, rng: random.Random) -> str:
    """A new post's source: a near-repeat of a stored one (a number, a place or a few
    characters changed)."""
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    if digits and rng.random() < 0.5:
        i = rng.choice(digits)
        return text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1:]
    for place in PLACES:
        if place in text:
            return text.replace(place, rng.choice(PLACES), 1)
    i = rng.randrange(max(len(text) - 3, 1))
    return text[:i] + "新的" + text[i + 2:]


def bench_glossary(entries, texts) -> list[tuple[str, str]]:
    from review.hints.glossary import CompiledGlossary

    compiled = CompiledGlossary(entries, "zh-CN", "en")
    terms = [e.term for _, _, e in entries]

    def naive(text):  # the straightforward approach: look for every term in turn
        return [(text.find(t), t) for t in terms if t in text]

    ours = median_us(lambda t: compiled.source.find(t), texts)
    loop = median_us(naive, texts)
    return [("glossary matching per post, 10,000 terms (Aho-Corasick)", f"{ours:.0f} µs"),
            ("  the same with a loop over the terms", f"{loop:.0f} µs ({loop / ours:.0f}× slower)")]


def bench_memory(desk: Desk, units: list[MemoryUnit], queries: list[str]) -> list[tuple[str, str]]:
    sources = [u.source_text for u in units]

    def brute(q):
        return process.extractOne(q, sources, scorer=fuzz.ratio)

    # Top-1 recall: the best unit found scores as high as the best of all units (synthetic
    # units tie often, so "the same unit" would count equally good ties as misses).
    truth = {q: brute(q)[1] for q in queries}
    ours_hits = sum(1 for q in queries
                    if (m := lookup(desk.store, "zh-CN", "en", q, threshold=0, limit=1))
                    and m[0].score >= round(truth[q], 1))
    ours = median_us(lambda q: lookup(desk.store, "zh-CN", "en", q), queries) / 1000
    brute_ms = median_us(brute, queries[:50]) / 1000
    rows = [(f"memory lookup, {len(units):,} units (FTS5 bigram prefilter + rapidfuzz)",
             f"{ours:.2f} ms, top-1 recall {ours_hits / len(queries):.1%}"),
            ("  rapidfuzz over all units, no prefilter", f"{brute_ms:.1f} ms ({brute_ms / ours:.0f}× slower), recall 100% by definition")]
    rows.append(_tt_matcher_row(units, queries, truth, ours))
    return rows


def _tt_matcher_row(units, queries, truth, ours_ms) -> tuple[str, str]:
    from translate.search.match import matcher
    from translate.storage import base, po

    # Its heap compares units when two similarities are equal, which raises TypeError; give
    # units an arbitrary order (benchmark only).
    base.TranslationUnit.__lt__ = lambda a, b: id(a) < id(b)

    store = po.pofile()
    for u in units:
        unit = store.addsourceunit(u.source_text)
        unit.target = u.target_text
    start = time.perf_counter()
    tt = matcher(store, max_candidates=5, min_similarity=70, max_length=1000)
    build = time.perf_counter() - start
    sample = queries[:50]
    hits = sum(1 for q in sample if (m := tt.matches(q)) and fuzz.ratio(q, m[0].source) >= truth[q] - 1e-6)
    ms = median_us(tt.matches, sample) / 1000
    return ("  translate-toolkit's translate.search.match matcher",
            f"{ms:.1f} ms ({ms / ours_ms:.0f}× slower), top-1 recall {hits / len(sample):.1%}, built in {build:.1f} s")


def bench_post_hints(desk: Desk, count: int) -> list[tuple[str, str]]:
    ids = [r["id"] for r in desk.posts()][:count]
    desk.hints(ids[0])  # loads the language detectors and builds the glossary matcher once
    all_ms = median_us(desk.hints, ids) / 1000
    start = time.perf_counter()
    list(batch_checks(desk, "b"))
    return [("all hints for one post (glossary, memory, language, checks)", f"{all_ms:.1f} ms median"),
            (f"checks for a {len(desk.posts(batch='b')):,}-post batch", f"{time.perf_counter() - start:.1f} s")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--memory", choices=("zipf", "templates"), default="zipf",
                        help="how the synthetic memory is written (see make_memory)")
    args = parser.parse_args()
    rng = random.Random(3)
    units = make_memory(args.units, args.memory)
    entries = make_glossary(args.terms)
    queries = [mutate(u.source_text, rng) for u in rng.sample(units, args.queries)]
    with tempfile.TemporaryDirectory() as tmp:
        with Desk(Path(tmp) / "bench.sqlite3", backups=False) as desk:
            with desk.store.write():
                desk.store.memory.add_units(units)
                by_glossary = [e for _, _, e in entries]
                desk.store.glossaries.replace("bench", "zh-CN", "en", "bench", by_glossary)
            drafts = [DraftPost(line=i + 2, external_id=f"P{i}", platform="x", source_lang="zh-CN",
                                source_text=mutate(units[i].source_text, rng), target_lang="en",
                                draft_text=units[i].target_text) for i in range(args.posts)]
            import_drafts(desk, drafts, "b", actor=Actor("bench", "coordinator"))
            compiled_glossary(desk.store, "zh-CN", "en")
            rows = bench_glossary(entries, sample_sources())
            rows += bench_memory(desk, units, queries)
            rows += bench_post_hints(desk, 200)
    print(f"{args.terms:,}-term glossary, {args.units:,}-unit memory ({args.memory}), "
          f"{args.queries} queries\n")
    print("| what | result |\n|---|---|")
    for what, result in rows:
        print(f"| {what} | {result} |")


if __name__ == "__main__":
    main()
