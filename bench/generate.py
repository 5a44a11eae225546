"""Realistic databases for the benchmark suite, built once and cached in `bench/.cache/`.

    .venv/bin/python bench/generate.py --sizes 1000,10000,100000 [--terms 10000] [--units 100000]

Three kinds of database, all sharing the same reference data (a `--terms`-term zh-CN→en
glossary and a `--units`-unit memory, see `reference`):

- `real-N`: N posts in N/500 batches (200 at 100,000) spread over a year, Chinese sources with
  drafts in en/sn/nd/ja/ko/de/fr, hashtags, @mentions, links and emoji; a year of events by five
  reviewers and a coordinator (open, rewrite, annotate, approve/reject/request changes, undo and
  redo), each stamped with its day of the year. The last few batches are still being reviewed,
  so the queue has work in it. This is what the hints, queue, window and CLI figures run on.
- `flat-N`: one batch `big` of N zh-CN→en posts (one pair: XLIFF 2.0 holds one pair a file),
  all approved (what exports, checks and packages run on), plus `sched-x` (350 approved X posts) and `sched-hl` (90): the most a Hootsuite or a
  HighLevel file may hold, so those two formats are timed at their limit.
- `posts-N.csv` / `posts-N.xlsx`: batch files of N posts, for the import figures.

Events are made through the real `Desk` verbs (so the workflow checks every one of them) with
the clock set to the simulated day; each batch's events go in one transaction, which only
makes generating faster. A cached file is rebuilt when this generator's version changes.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from review import reviewing
from review import Actor, Desk  # noqa: E402
from review import workflow as wf  # noqa: E402
from review.errors import ReviewError  # noqa: E402
from review.formats import DraftPost  # noqa: E402
from review.importing import import_drafts  # noqa: E402
from review.model import CATEGORIES, MemoryUnit  # noqa: E402

CACHE = Path(os.environ.get("REVIEW_DESK_BENCH_CACHE", ROOT / "bench" / ".cache"))  # the smoke test uses its own
VERSION = "5"  # change when what is generated changes: cached files carry it in their name
POSTS_PER_BATCH = 500
YEAR_START = datetime(2025, 1, 6, 7, 0, tzinfo=timezone.utc)
COORD = Actor("Chen Jing", "coordinator")
REVIEWERS = {"en": ["Tendai", "Rudo"], "sn": ["Tendai", "Nyasha"], "nd": ["Sipho"],
             "ja": ["Sato"], "ko": ["Min-jun"], "de": ["Rudo"], "fr": ["Nyasha"]}
TARGETS = ["en", "en", "en", "sn", "sn", "nd", "nd", "ja", "ko", "de", "fr"]  # en/sn/nd most
PLATFORMS = ["x", "x", "facebook", "facebook", "linkedin", "youtube"]
PLACES = {"Masvingo": "马斯温戈", "Gokwe": "戈奎", "Chiredzi": "奇雷济", "Lupane": "卢帕内",
          "Binga": "宾加", "Mutare": "穆塔雷", "Chengdu": "成都", "Bulawayo": "布拉瓦约"}
TAGS = ["ZimWater2026", "CleanWater", "Boreholes4Zim", "WaterIsLife", "成都高新"]
EMOJI = ["💧", "🇿🇼", "👍🏾", "🎉", "🤝", "👨‍👩‍👧‍👦", ""]
SOURCES = [
    "我们在{zh}打了{n}口井，{people}人喝上了干净的水！{emoji} #{tag} {url}",
    "感谢{zh}社区的支持，第{n}口井今天移交。关注@{handle} 了解更多 {url}",
    "{zh}项目进度：已完成{n}口井（共1,000口）。{emoji}\n#{tag}",
    "欢迎来到{zh}！我们的工程师培训了{people}名当地技术员。#{tag} @{handle}",
    "第{n}期钻井操作员培训班今天在{zh}结业，学员将负责各省的水泵维护。{emoji} {url}",
]
DRAFTS = {  # one rendering per source template and target language
    "en": ["We drilled {n} boreholes in {place}: {people} people now have clean water! {emoji} #{tag} {url}",
           "Thank you, {place} community! Borehole no. {n} was handed over today. Follow @{handle} {url}",
           "{place} project update: {n} of 1,000 boreholes done. {emoji}\n#{tag}",
           "Welcome to {place}! Our engineers trained {people} local technicians. #{tag} @{handle}",
           "Drill operator course no. {n} ended today in {place}; graduates will maintain pumps. {emoji} {url}"],
    "sn": ["Takachera maburiro {n} mu{place}: vanhu {people} vava nemvura yakachena! {emoji} #{tag} {url}",
           "Tinotenda nharaunda ye{place} nerutsigiro. Bhorehori re{n} raendeswa nhasi. Teverai @{handle} {url}",
           "Mushandirapamwe we{place}: maburiro {n} pa1,000 apera. {emoji}\n#{tag}",
           "Mauya ku{place}! Mainjiniya edu vadzidzisa vashandi {people}. #{tag} @{handle}",
           "Kosi ye{n} yevashandi vemichina yapera nhasi ku{place}. {emoji} {url}"],
    "nd": ["Sigebhe imithombo engu-{n} e{place}: abantu abangu-{people} sebelamanzi ahlanzekileyo! {emoji} #{tag} {url}",
           "Siyabonga umphakathi wase{place}. Umthombo we-{n} unikelwe lamuhla. Landelani @{handle} {url}",
           "Umsebenzi e{place}: imithombo engu-{n} kwe-1,000 isiqediwe. {emoji}\n#{tag}",
           "Siyalemukela e{place}! Abenjiniyela bethu bafundise ochwepheshe abangu-{people}. #{tag} @{handle}",
           "Isifundo se-{n} sabasebenzisi bemitshina siphele lamuhla e{place}. {emoji} {url}"],
    "ja": ["{place}で井戸を{n}本掘り、{people}人が清潔な水を使えるようになりました！{emoji} #{tag} {url}",
           "{place}のコミュニティの皆さん、ありがとうございます。今日、{n}本目の井戸を引き渡しました。@{handle} {url}",
           "{place}プロジェクトの進捗：1,000本中{n}本完了。{emoji}\n#{tag}",
           "{place}へようこそ！エンジニアが現地技術者{people}人を育成しました。#{tag} @{handle}",
           "第{n}期掘削オペレーター研修が今日{place}で修了しました。{emoji} {url}"],
    "ko": ["{place}에서 우물 {n}개를 팠고, {people}명이 깨끗한 물을 마십니다! {emoji} #{tag} {url}",
           "{place} 지역사회의 지원에 감사드립니다. 오늘 {n}번째 우물을 인계했습니다. @{handle} {url}",
           "{place} 프로젝트 현황: 1,000개 중 {n}개 완료. {emoji}\n#{tag}",
           "{place}에 오신 것을 환영합니다! 엔지니어들이 현지 기술자 {people}명을 교육했습니다. #{tag} @{handle}",
           "제{n}기 시추 운영자 교육이 오늘 {place}에서 끝났습니다. {emoji} {url}"],
    "de": ["Wir haben in {place} {n} Brunnen gebohrt: {people} Menschen haben jetzt sauberes Wasser! {emoji} #{tag} {url}",
           "Danke an die Gemeinde {place}! Brunnen Nr. {n} wurde heute übergeben. Folgt @{handle} {url}",
           "Projektstand {place}: {n} von 1.000 Brunnen fertig. {emoji}\n#{tag}",
           "Willkommen in {place}! Unsere Ingenieure haben {people} Techniker ausgebildet. #{tag} @{handle}",
           "Bohrkurs Nr. {n} endete heute in {place}; die Absolventen warten die Pumpen. {emoji} {url}"],
    "fr": ["Nous avons foré {n} puits à {place} : {people} personnes ont maintenant de l'eau potable ! {emoji} #{tag} {url}",
           "Merci à la communauté de {place} ! Le puits n° {n} a été remis aujourd'hui. Suivez @{handle} {url}",
           "Projet {place} : {n} puits sur 1 000 terminés. {emoji}\n#{tag}",
           "Bienvenue à {place} ! Nos ingénieurs ont formé {people} techniciens locaux. #{tag} @{handle}",
           "La formation de foreurs n° {n} s'est terminée aujourd'hui à {place}. {emoji} {url}"],
}


def post_texts(rng: random.Random, target: str) -> tuple[str, str]:
    """A Chinese source and its draft in `target`; one draft in five has a flaw (a lost
    hashtag or link, a number replaced by a word, trailing spaces) for the checks to find."""
    k = rng.randrange(len(SOURCES))
    place = rng.choice(list(PLACES))
    values = dict(place=place, zh=PLACES[place], n=rng.randint(2, 999),
                  people=rng.choice(["1,200", "350", "2 400", "18,000"]), tag=rng.choice(TAGS),
                  handle=rng.choice(["ZimAid", "CN_Embassy_ZW"]), emoji=rng.choice(EMOJI),
                  url=f"https://aid.example.org/zw/{rng.randint(1, 9999)}")
    draft = DRAFTS[target][k].format(**values)
    if rng.random() < 0.2:
        draft = rng.choice([draft.replace("#", ""), draft.split("http")[0].rstrip(), draft + "  ",
                            draft.replace(str(values["n"]), "many")])
    return SOURCES[k].format(**values), draft


def make_drafts(count: int, seed: int, prefix: str = "P", platform: str | None = None,
                targets: list[str] = TARGETS) -> list[DraftPost]:
    rng = random.Random(seed)
    drafts = []
    for n in range(count):
        target = rng.choice(targets)
        source, draft = post_texts(rng, target)
        drafts.append(DraftPost(
            line=n + 2, external_id=f"{prefix}-{n:06d}", platform=platform or rng.choice(PLATFORMS),
            source_lang="zh-CN", source_text=source, target_lang=target, draft_text=draft,
            link=f"https://aid.example.org/p/{n}", scheduled_at=f"2026-12-{1 + n % 28:02d}T09:30:00",
            extra={"campaign": "bench"}))
    return drafts


# -- the simulated clock ----------------------------------------------------------------------


class Clock:
    """Stands in for `utc_now` while generating, so events fall on the simulated days."""

    def __init__(self) -> None:
        self.now = YEAR_START

    def advance(self, rng: random.Random, hours: float) -> None:
        self.now += timedelta(minutes=rng.uniform(1, hours * 60))

    def __call__(self) -> str:
        return self.now.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@contextlib.contextmanager
def simulated_time(clock: Clock):
    import review.desk
    import review.importing
    import review.store

    modules = (review.desk, review.importing, review.store)
    saved = [m.utc_now for m in modules]
    for module in modules:
        module.utc_now = clock
    try:
        yield
    finally:
        for module, original in zip(modules, saved):
            module.utc_now = original


# -- reference data: glossary and memory ---------------------------------------------------------


def reference(terms: int, units: int) -> Path:
    """A database holding only the glossary and the memory; the others start as its copy."""
    path = CACHE / f"ref-v{VERSION}-{terms}t-{units}u.sqlite3"
    if path.exists():
        return path
    from hints import make_glossary, make_memory

    started = time.perf_counter()
    memory = make_memory(units * 7 // 10, "zipf") + past_posts(units - units * 7 // 10)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with Desk(partial, backups=False) as desk, desk.store.write():
        desk.store.memory.add_units(memory)
        desk.store.glossaries.replace("bench", "zh-CN", "en", "bench",
                                    [entry for _, _, entry in make_glossary(terms)])
    partial.rename(path)
    print(f"  {path.name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def past_posts(count: int) -> list[MemoryUnit]:
    """Memory units from a past year's approved posts: the new posts' near repeats."""
    rng = random.Random(99)
    seen, units = set(), []
    while len(units) < count:
        target = rng.choice(TARGETS)
        source, draft = post_texts(rng, target)
        if (source, target) not in seen:
            seen.add((source, target))
            units.append(MemoryUnit("zh-CN", target, source, draft, "bench-past"))
    return units


# -- a year of review ---------------------------------------------------------------------------


def realistic(posts: int, ref: Path) -> Path:
    path = CACHE / f"real-v{VERSION}-{posts}-{ref.stem.split('-', 2)[2]}.sqlite3"
    if path.exists():
        return path
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    shutil.copy(ref, partial)
    batches = max(2, posts // POSTS_PER_BATCH)
    drafts = make_drafts(posts, seed=posts)
    clock, rng = Clock(), random.Random(posts + 1)
    with Desk(partial, backups=False) as desk, simulated_time(clock):
        for b in range(batches):
            clock.now = YEAR_START + timedelta(days=b * 365 / batches)
            chunk = drafts[b * posts // batches:(b + 1) * posts // batches]
            import_drafts(desk, chunk, f"week-{b + 1:03d}", actor=COORD)
            review_batch(desk, f"week-{b + 1:03d}", 1 - b / batches, clock, rng)
    partial.rename(path)
    print(f"  {path.name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def review_batch(desk: Desk, batch: str, age: float, clock: Clock, rng: random.Random) -> None:
    """What reviewers did to a batch over the days after it came: older batches are done, the
    newest (the last 4% of the year) are still mostly pending."""
    done = 0.97 if age > 0.04 else 0.3
    rows = desk.store.posts.rows(batch=batch)
    with desk.store.write():
        for row in rows:
            if rng.random() < done:
                review_post(desk, row, clock, rng)


def review_post(desk: Desk, row: dict, clock: Clock, rng: random.Random) -> None:
    who = Actor(rng.choice(REVIEWERS[row["target_lang"]]), "reviewer")

    def act(action, plan):
        clock.advance(rng, 0.3)
        return reviewing._act_in_transaction(desk, row["id"], who, action,
                                             lambda post, actor, batch: plan(post, actor))

    post = desk.post(row["id"])
    if rng.random() < 0.35:
        text = post.current_text.replace("  ", " ").strip() + " " + rng.choice(["✅", "🙏", "(2026)"])
        act("rewrite", lambda p, a: [(wf.REWRITTEN, {"text": text, "back_translation": None})])
    if rng.random() < 0.12:
        length = len(desk.post(row["id"]).current_text)
        start = rng.randrange(max(1, length - 6))
        act("annotate", lambda p, a: [(wf.ANNOTATED, {
            "revision_id": p.current_revision.id, "start": start, "end": min(length, start + 5),
            "category": rng.choice(CATEGORIES), "subcategory": None,
            "severity": rng.choice(["minor", "minor", "major", "critical"]),
            "comment": "see the glossary note"})])
    decision = rng.choices(["approve", "reject", "request-changes"], [80, 6, 14])[0]
    clock.advance(rng, 0.5)
    reviewing._act_in_transaction(desk, row["id"], who, *reviewing._decision_plan(desk, decision, "off-message"))
    if rng.random() < 0.05:  # a second thought: undo, then decide again (or redo)
        undo_and_redo(desk, row["id"], who, clock, rng)


def undo_and_redo(desk: Desk, post_id: str, who: Actor, clock: Clock, rng: random.Random) -> None:
    events = desk.store.events.of_post(post_id)
    target = wf.undo_target(events)
    post = wf.fold(events)
    clock.advance(rng, 2)
    undo = desk.make_event(wf.UNDONE, post.batch, who, post_id=post_id, parent=post.head,
                           payload={"target": target.id, "kind": target.kind})
    post = desk.commit_post_events(events, [undo])
    if rng.random() < 0.5:
        clock.advance(rng, 1)
        redo = desk.make_event(wf.UNDONE, post.batch, who, post_id=post_id, parent=post.head,
                               payload={"target": undo.id, "kind": wf.UNDONE})
        desk.commit_post_events(events + [undo], [redo])


# -- one big batch, approved ------------------------------------------------------------------


def flat(posts: int, ref: Path) -> Path:
    path = CACHE / f"flat-v{VERSION}-{posts}-{ref.stem.split('-', 2)[2]}.sqlite3"
    if path.exists():
        return path
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    shutil.copy(ref, partial)
    clock, reviewer = Clock(), Actor("Tendai", "reviewer")
    with Desk(partial, backups=False) as desk, simulated_time(clock):
        for batch, drafts in (("big", make_drafts(posts, posts + 2, targets=["en"])),
                              ("sched-x", make_drafts(350, 5, "X", platform="x", targets=["en"])),
                              ("sched-hl", make_drafts(90, 6, "H", platform="facebook"))):
            import_drafts(desk, drafts, batch, actor=COORD)
            clock.now += timedelta(days=2)
            desk.decide_many([r["id"] for r in desk.store.posts.rows(batch=batch)], reviewer, "approve")
    partial.rename(path)
    print(f"  {path.name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def batch_file(posts: int, fmt: str) -> Path:
    path = CACHE / f"posts-v{VERSION}-{posts}.{fmt}"
    if not path.exists():
        from core import write_batch_file

        rows = [{"id": d.external_id, "platform": d.platform, "source_lang": d.source_lang,
                 "source_text": d.source_text, "target_lang": d.target_lang,
                 "draft_text": d.draft_text, "link": d.link, "media_note": "",
                 "scheduled_at": d.scheduled_at + "+02:00", "notes": "", "campaign": "bench"}
                for d in make_drafts(posts, seed=posts + 3)]
        partial = path.with_name(path.name + ".partial")
        write_batch_file(partial, rows, fmt)
        partial.rename(path)
    return path


def everything(sizes: list[int], terms: int, units: int) -> dict[int, dict[str, Path]]:
    """Every cached file the suite needs, built when missing: {size: {kind: path}}."""
    CACHE.mkdir(parents=True, exist_ok=True)
    ref = reference(terms, units)
    return {size: {"real": realistic(size, ref), "flat": flat(size, ref),
                   "csv": batch_file(size, "csv"), "xlsx": batch_file(size, "xlsx")}
            for size in sizes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=100_000)
    args = parser.parse_args()
    try:
        built = everything([int(s) for s in args.sizes.split(",")], args.terms, args.units)
    except ReviewError as err:
        sys.exit(f"generate: {err}")
    for size, files in built.items():
        print(size, {kind: path.name for kind, path in files.items()})


if __name__ == "__main__":
    main()
