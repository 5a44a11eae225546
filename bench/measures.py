"""The measurements of the benchmark suite: each runs in a child process started by
`bench/suite.py` (`measures.py NAME FILES_JSON`), prepares what it needs untimed, times its
operation and prints `{figure: seconds}` as JSON on its last line.

FIGURES says what each figure is, its target and the area (table) it belongs to; MEASURES says
how each is made. `files` maps kinds to the scratch copies of the generated files (see
`generate.py`): `real` (N posts over a year), `flat` (one approved batch of N posts), `csv`,
`xlsx`, and what `prepare` adds (packages, a reviewer's laptop).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from review import reviewing
from review import Actor, Desk  # noqa: E402

COORD = Actor("Chen Jing", "coordinator")
REVIEWER = Actor("Tendai", "reviewer")
EXPORTS = ("csv", "xlsx", "json", "xliff12", "xliff20", "tmx", "hootsuite", "highlevel")
SAMPLED_POSTS = 200


@dataclass(frozen=True)
class Figure:
    area: str
    label: str
    unit: str  # "ms" or "s": how the table shows it
    target: str = ""


@dataclass(frozen=True)
class Measure:
    area: str
    run: Callable[[dict], dict[str, float]] | None = None
    process: Callable[[dict], list[str]] | None = None  # argv of a whole program to time


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def median_over(items, work) -> float:
    return statistics.median(timed(lambda: work(item)) for item in items)


def sample_post_ids(desk: Desk, count: int = SAMPLED_POSTS) -> list[str]:
    ids = [row["id"] for row in desk.store.posts.rows()]
    return random.Random(5).sample(ids, min(count, len(ids)))


def fresh_copy(path: str, scratch: str, name: str) -> Path:
    copy = Path(scratch) / f"copy-{os.getpid()}-{name}"
    shutil.copy(path, copy)
    return copy


# -- import -----------------------------------------------------------------------------------


def import_file(kind: str):
    def run(files: dict) -> dict[str, float]:
        db = Path(files["scratch"]) / f"import-{os.getpid()}.sqlite3"
        with Desk(db, backups=False) as desk:
            seconds = timed(lambda: desk.import_batch(files[kind], batch="imported", actor=COORD))
        for leftover in Path(files["scratch"]).glob(f"import-{os.getpid()}.sqlite3*"):
            leftover.unlink()
        return {f"import-{kind}": seconds}
    return run


# -- hints -------------------------------------------------------------------------------------


def hints(files: dict) -> dict[str, float]:
    """Each kind of hint for 200 posts of the database, after the first post (which loads the
    language detectors and builds the glossary matcher: timed alone as `hints-first`)."""
    from review.hints.checks import run_checks, without_overlap
    from review.hints.collect import _languages, compiled_glossary
    from review.hints.language import language_checks
    from review.hints.memory import lookup

    with Desk(files["real"], backups=False) as desk:
        ids = sample_post_ids(desk)
        first = timed(lambda: desk.hints(ids[0]))
        posts = [desk.post(i) for i in ids]
        glossaries = [compiled_glossary(desk.store, p.source_lang, p.target_lang) for p in posts]

        def checks(post):
            without_overlap(run_checks(post.source_text, post.current_text, source_lang=post.source_lang,
                                       target_lang=post.target_lang, platform=post.platform),
                            language_checks(post.source_lang, post.target_lang, post.source_text,
                                            post.current_text, "draft"))

        return {
            "hints-first": first,
            "hints-glossary": median_over(zip(posts, glossaries),
                                          lambda pg: pg[1].hints(pg[0].source_text, pg[0].current_text)),
            "hints-memory": median_over(posts, lambda p: lookup(desk.store, p.source_lang, p.target_lang,
                                                                p.source_text, exclude_post=p.id)),
            "hints-language": median_over(posts, _languages),
            "hints-checks": median_over(posts, checks),
            "hints-all": median_over(ids, desk.hints),
        }


def batch_checks(files: dict) -> dict[str, float]:
    from review.hints.collect import batch_checks as checks_of

    with Desk(files["flat"], backups=False) as desk:
        return {"checks-batch": timed(lambda: sum(1 for _ in checks_of(desk, "big")))}


# -- the queue ------------------------------------------------------------------------------------


def queue_sql(files: dict) -> dict[str, float]:
    """The domain's queue queries (what the window asks for), median of 5 each."""
    from review.queue import QueueFilter, queue_rowids

    with Desk(files["real"], backups=False) as desk:
        batch = desk.store.batches.list()[-1]["name"]

        def query(sort="batch", **conditions):
            return lambda _: queue_rowids(desk, QueueFilter(**conditions), sort)

        cases = {"queue-all": query(), "queue-batch": query(batch=batch),
                 "queue-state": query(state="pending"), "queue-search-en": query(text="boreholes"),
                 "queue-search-zh": query(text="钻井"), "queue-sort-text": query(sort="text")}
        return {key: median_over(range(5), work) for key, work in cases.items()}


def queue_painted(files: dict) -> dict[str, float]:
    """Filter and search in the queue widget, from the action to the rows painted (see
    bench/gui_queue.py, whose helpers these are)."""
    from PySide6.QtWidgets import QApplication

    from gui_queue import choose, open_widget, search

    app = QApplication.instance() or QApplication([])  # noqa: F841
    desk, widget, first_paint = open_widget(Path(files["real"]))
    batch = desk.store.batches.list()[-1]["name"]

    def painted(action, reset):
        def once(_):
            reset()
            return timed(lambda: (action(), widget.grab()))
        return statistics.median(once(i) for i in range(5))

    clear = lambda: (widget.batch_combo.setCurrentIndex(0), search(widget, ""))  # noqa: E731
    figures = {
        "gui-queue-open": first_paint,
        "gui-queue-batch": painted(lambda: choose(widget.batch_combo, batch), clear),
        "gui-queue-search-en": painted(lambda: search(widget, "boreholes"), clear),
        "gui-queue-search-zh": painted(lambda: search(widget, "钻井"), clear),
    }
    widget.filler.stop()
    desk.close()
    return figures


# -- the window ----------------------------------------------------------------------------------


def window_start(files: dict) -> list[str]:
    shot = Path(files["scratch"]) / "start.png"
    return [str(ROOT / "main.py"), "--db", files["real"], "gui", "--screenshot", str(shot)]


def next_post(files: dict) -> dict[str, float]:
    from gui_window import next_post_ms

    first_ms, median_ms = next_post_ms(Path(files["real"]))
    return {"gui-first-post": first_ms / 1000, "gui-next-post": median_ms / 1000}


def cli_batches(files: dict) -> list[str]:
    return [str(ROOT / "main.py"), "--db", files["real"], "batches"]


def cli_posts(files: dict) -> list[str]:
    return [str(ROOT / "main.py"), "--db", files["real"], "posts", "--batch", "week-001"]


def with_full_check(program):
    """The same program with the record of the last clean close gone, as at the first open of
    a day, after a crash or on a copied file: `PRAGMA quick_check` reads the whole file."""
    def argv(files: dict) -> list[str]:
        Path(files["real"] + "-checked").unlink(missing_ok=True)
        return program(files)
    return argv


# -- exports -------------------------------------------------------------------------------------


def export(fmt: str):
    """Hootsuite and HighLevel take at most 350 and 90 posts a file: those are timed on a batch
    of that many (the same at every size); the others on the whole N-post batch."""
    batch = {"hootsuite": "sched-x", "highlevel": "sched-hl"}.get(fmt, "big")

    def run(files: dict) -> dict[str, float]:
        out = Path(files["scratch"]) / f"export-{os.getpid()}.{fmt}"
        with Desk(files["flat"], backups=False) as desk:
            seconds = timed(lambda: desk.export(batch, fmt, out, COORD, again=True))
        return {f"export-{fmt}": seconds}
    return run


# -- packages ------------------------------------------------------------------------------------


def prepare(files: dict, size: int) -> dict[str, str]:
    """Once per size, untimed: a work package of the flat batch; a reviewer's laptop that
    imported it and reopened every post (N events made there); its results package."""
    scratch = Path(files["scratch"])
    work, laptop, results = scratch / "work.rdpack", scratch / "laptop.sqlite3", scratch / "results.rdpack"
    with Desk(files["flat"], backups=False) as desk:
        desk.make_work_package("big", work, COORD)
    with Desk(laptop, backups=False) as desk:
        desk.import_package(work)
        with desk.store.write():
            for row in desk.store.posts.rows(batch="big"):
                reopen(desk, row["id"])
        desk.make_results_package("big", results, REVIEWER)
    return {"work": str(work), "laptop": str(laptop), "results": str(results)}


def reopen(desk: Desk, post_id: str) -> None:
    """The reviewer reopens an approved post, inside the caller's transaction (desk.decide
    would commit each)."""
    reviewing._act_in_transaction(desk, post_id, REVIEWER,
                                  *reviewing._decision_plan(desk, "reopen", "second look on site"))


def pack_work(reviewer: str | None):
    def run(files: dict) -> dict[str, float]:
        out = Path(files["scratch"]) / f"pack-{os.getpid()}.rdpack"
        db = fresh_copy(files["flat"], files["scratch"], "flat") if reviewer else files["flat"]
        with Desk(db, backups=False) as desk:
            seconds = timed(lambda: desk.make_work_package("big", out, COORD, reviewer))
        size = out.stat().st_size
        out.unlink()
        if reviewer:
            Path(db).unlink()
        key = "pack-work-for" if reviewer else "pack-work"
        return {key: seconds, f"{key}-kib": size / 1024}
    return run


def merge_work(files: dict) -> dict[str, float]:
    """A reviewer's laptop with nothing on it imports the work package."""
    db = Path(files["scratch"]) / f"laptop-{os.getpid()}.sqlite3"
    with Desk(db, backups=False) as desk:
        seconds = timed(lambda: desk.import_package(files["work"]))
    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()
    return {"merge-work": seconds}


def pack_results(files: dict) -> dict[str, float]:
    out = Path(files["scratch"]) / f"results-{os.getpid()}.rdpack"
    with Desk(files["laptop"], backups=False) as desk:
        seconds = timed(lambda: desk.make_results_package("big", out, REVIEWER))
    out.unlink()
    return {"pack-results": seconds}


def merge_results(files: dict) -> dict[str, float]:
    """The coordinator merges the N events of the reviewer's results package."""
    db = fresh_copy(files["flat"], files["scratch"], "hq")
    with Desk(db, backups=False) as desk:
        seconds = timed(lambda: desk.import_package(files["results"]))
    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()
    return {"merge-results": seconds}


MEASURES: dict[str, Measure] = {
    "import-csv": Measure("import", import_file("csv")),
    "import-xlsx": Measure("import", import_file("xlsx")),
    "hints": Measure("hints", hints),
    "checks": Measure("hints", batch_checks),
    "queue-sql": Measure("queue", queue_sql),
    "queue-painted": Measure("queue", queue_painted),
    "gui-start": Measure("window", process=window_start),
    "next-post": Measure("window", next_post),
    "cli-batches": Measure("window", process=cli_batches),
    "cli-posts": Measure("window", process=cli_posts),
    "gui-start-checked": Measure("window", process=with_full_check(window_start)),
    "cli-batches-checked": Measure("window", process=with_full_check(cli_batches)),
    "pack-work": Measure("packages", pack_work(None)),
    "pack-work-for": Measure("packages", pack_work("Tendai")),
    "merge-work": Measure("packages", merge_work),
    "pack-results": Measure("packages", pack_results),
    "merge-results": Measure("packages", merge_results),
    **{f"export-{fmt}": Measure("export", export(fmt)) for fmt in EXPORTS},
}

FIGURES: dict[str, Figure] = {
    "import-csv": Figure("import", "import an N-post CSV (into an empty desk)", "s", "< 2 s at 10,000"),
    "import-xlsx": Figure("import", "import an N-post XLSX", "s", "< 5 s at 10,000"),
    "hints-first": Figure("hints", "first post's hints (loads the detectors, builds the glossary matcher)", "ms", "< 1 s"),
    "hints-glossary": Figure("hints", "glossary matches, one post (10,000-term glossary)", "ms", "< 0.05 ms"),
    "hints-memory": Figure("hints", "memory lookup, one post (100,000-unit memory)", "ms", "< 5 ms"),
    "hints-language": Figure("hints", "language of source, draft and rewrite, one post", "ms", "< 3 ms"),
    "hints-checks": Figure("hints", "checks, one post", "ms", ""),
    "hints-all": Figure("hints", "all hints for one post (`desk.hints`: read, replay, all of the above)", "ms", "< 10 ms"),
    "checks-batch": Figure("hints", "checks of an N-post batch (`review-desk checks`' work)", "s", "< 5 s at 10,000"),
    "queue-all": Figure("queue", "all posts, in batch order (SQL)", "ms", "< 100 ms"),
    "queue-batch": Figure("queue", "filter by batch (SQL)", "ms", "< 100 ms"),
    "queue-state": Figure("queue", "filter by state (SQL)", "ms", "< 100 ms"),
    "queue-search-en": Figure("queue", "search an English word, `boreholes` (SQL)", "ms", "< 100 ms"),
    "queue-search-zh": Figure("queue", "search a two-character Chinese word, 钻井 (SQL)", "ms", "< 100 ms"),
    "queue-sort-text": Figure("queue", "sort by text (SQL)", "ms", "< 100 ms"),
    "gui-queue-open": Figure("queue", "queue widget created → first rows painted", "ms", "< 1 s"),
    "gui-queue-batch": Figure("queue", "filter by batch → rows painted", "ms", "< 100 ms"),
    "gui-queue-search-en": Figure("queue", "search `boreholes` → rows painted", "ms", "< 100 ms"),
    "gui-queue-search-zh": Figure("queue", "search 钻井 → rows painted", "ms", "< 100 ms"),
    "gui-start": Figure("window", "process start → usable window (`gui --screenshot`: post and hints shown)", "s", "< 1 s"),
    "gui-first-post": Figure("window", "the next post right after the start (may read its pair's whole memory once)", "ms", ""),
    "gui-next-post": Figure("window", "next post (Ctrl+J), hints included", "ms", "< 50 ms"),
    "cli-batches": Figure("window", "`review-desk batches`, whole process", "s", "< 0.3 s"),
    "cli-posts": Figure("window", "`review-desk posts --batch` (one batch), whole process", "s", "< 0.5 s"),
    "gui-start-checked": Figure("window", "window start with the whole file checked (first start of a day, after a crash)", "s", ""),
    "cli-batches-checked": Figure("window", "`review-desk batches` with the whole file checked", "s", ""),
    **{f"export-{fmt}": Figure("export", f"export `{fmt}`" + (
        " (at its limit: 350 X posts, the same at every size)" if fmt == "hootsuite" else
        " (at its limit: 90 posts, the same at every size)" if fmt == "highlevel" else
        ", N approved posts"), "s", "< 2 s at 10,000" if fmt not in ("hootsuite", "highlevel") else "")
       for fmt in EXPORTS},
    "pack-work": Figure("packages", "`pack work` of an N-post batch (~3 events a post, + glossary and memory)", "s", ""),
    "pack-work-kib": Figure("packages", "  its file size (KiB)", "kib", ""),
    "pack-work-for": Figure("packages", "`pack work --for REVIEWER` (assigns every post first)", "s", ""),
    "pack-work-for-kib": Figure("packages", "  its file size (KiB)", "kib", ""),
    "merge-work": Figure("packages", "import the work package on an empty laptop", "s", ""),
    "pack-results": Figure("packages", "`pack results` of N events made on the laptop", "s", ""),
    "merge-results": Figure("packages", "merge those N events at the coordinator's desk", "s", ""),
}


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM). Not `ru_maxrss` from the parent's wait4:
    Linux carries the forking parent's peak into the child's at exec, so a parent that had
    prepared a large database made every child look as big as itself."""
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024


def run_program(argv: list[str]) -> dict[str, float]:
    """A whole program, timed from spawn to exit; its peak memory by wait4 from this small
    launcher (whose own few MB are the floor)."""
    import subprocess

    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(err.decode(errors="replace")[-3000:])
    return {"seconds": wall, "_rss_mb": usage.ru_maxrss / 1024}


def main() -> None:
    if sys.argv[1] == "--program":
        print(json.dumps(run_program(sys.argv[2:])))
        return
    name, files = sys.argv[1], json.loads(sys.argv[2])
    figures = MEASURES[name].run(files)
    print(json.dumps({**figures, "_rss_mb": peak_rss_mb()}))


if __name__ == "__main__":
    main()
