"""Benchmarks of the core (issue 2): import, export, listing, CLI start-up. Run on demand:

    .venv/bin/python bench/core.py [--quick]

Prints a Markdown table (median of several runs) for the README. Not part of the test suite:
timings on a shared machine flake, so targets are checked here, by a person, not by CI.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review import Actor, Desk  # noqa: E402
from review.formats import DraftPost  # noqa: E402
from review.importing import import_drafts  # noqa: E402

COORD = Actor("bench", "coordinator")
SOURCES = ["我们在马斯温戈省打了{n}口井，{n}个社区的村民喝上了干净的水。#清洁水",
           "成都高新区人工智能计算中心正式启用，算力达到{n}PFlops。",
           "第{n}期钻井操作员培训班今天结业，学员将负责各省的水泵维护。"]
DRAFTS = ["We drilled {n} boreholes in Masvingo; {n} communities now have clean water. #CleanWater",
          "The Chengdu Hi-tech Zone AI Computing Centre opened today with {n} PFlops of capacity.",
          "Training course no. {n} for drill operators ended today; graduates will maintain pumps."]
PLATFORMS = ["x", "facebook", "linkedin", "youtube"]


def make_posts(count: int, prefix: str = "P") -> list[dict]:
    rng = random.Random(count)
    rows = []
    for n in range(count):
        k = rng.randrange(len(SOURCES))
        rows.append({
            "id": f"{prefix}-{n:06d}", "platform": PLATFORMS[n % 4], "source_lang": "zh-CN",
            "source_text": SOURCES[k].format(n=n), "target_lang": ["en", "sn", "nd"][n % 3],
            "draft_text": DRAFTS[k].format(n=n), "link": f"https://example.org/p/{n}",
            "media_note": "", "scheduled_at": f"2026-12-{1 + n % 28:02d}T09:30:00+02:00",
            "notes": "", "campaign": "bench",
        })
    return rows


def write_batch_file(path: Path, rows: list[dict], fmt: str) -> None:
    if fmt == "csv":
        import csv

        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append(list(row.values()))
        book.save(path)


def drafts_of(rows: list[dict]) -> list[DraftPost]:
    return [DraftPost(line=i + 2, external_id=r["id"], platform=r["platform"],
                      source_lang=r["source_lang"], source_text=r["source_text"],
                      target_lang=r["target_lang"], draft_text=r["draft_text"], link=r["link"],
                      scheduled_at=r["scheduled_at"][:19], extra={"campaign": "bench"})
            for i, r in enumerate(rows)]


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_import(tmp: Path, fmt: str, count: int, runs: int) -> float:
    source = tmp / f"batch-{count}.{fmt}"
    write_batch_file(source, make_posts(count), fmt)

    def once():
        db = tmp / f"import-{fmt}-{time.perf_counter_ns()}.sqlite3"
        with Desk(db, backups=False) as desk:
            desk.import_batch(source, batch="b", actor=COORD)

    return timed(once, runs)


def bench_export(tmp: Path, fmt: str, count: int, runs: int) -> float:
    db = tmp / f"export-{fmt}.sqlite3"
    with Desk(db, backups=False) as desk:
        import_drafts(desk, drafts_of(make_posts(count)), "b", actor=COORD)
        ids = [r["id"] for r in desk.posts(batch="b")]
        desk.decide_many(ids, COORD, "approve")
        out = tmp / f"out.{fmt}"
        desk.export("b", fmt, out, COORD)  # the first export marks them; repeats use --again
        return timed(lambda: desk.export("b", fmt, out, COORD, again=True), runs)


def big_database(tmp: Path, posts: int, batches: int) -> Path:
    db = tmp / f"big-{posts}.sqlite3"
    rows = make_posts(posts)
    per_batch = posts // batches
    with Desk(db, backups=False) as desk:
        for b in range(batches):
            chunk = rows[b * per_batch:(b + 1) * per_batch]
            import_drafts(desk, drafts_of(chunk), f"batch-{b:03d}", actor=COORD)
    return db


def cli_seconds(db: Path, args: list[str], runs: int) -> float:
    exe = [str(Path(sys.executable).parent / "review-desk"), "--db", str(db)]
    return timed(lambda: subprocess.run(exe + args, check=True, stdout=subprocess.DEVNULL), runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer runs")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    big = 20_000 if args.quick else 100_000
    results: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for count in (1_000, 10_000):
            results.append((f"import {count:,}-post CSV", f"{bench_import(tmp, 'csv', count, runs):.2f} s",
                            "< 2 s at 10,000"))
            results.append((f"import {count:,}-post XLSX", f"{bench_import(tmp, 'xlsx', count, runs):.2f} s",
                            "< 5 s at 10,000"))
        for fmt in ("csv", "xlsx", "json"):
            results.append((f"export 10,000 approved posts, {fmt}",
                            f"{bench_export(tmp, fmt, 10_000, runs):.2f} s", "< 2 s"))
        db = big_database(tmp, big, 200)
        size_mb = db.stat().st_size / 1e6
        results.append((f"`posts --batch` (500 of {big:,} posts), whole command",
                        f"{cli_seconds(db, ['posts', '--batch', 'batch-100'], runs):.2f} s", "< 0.5 s"))
        results.append((f"`posts --batch --json` (500 of {big:,})",
                        f"{cli_seconds(db, ['posts', '--batch', 'batch-100', '--json'], runs):.2f} s", "< 0.5 s"))
        results.append((f"`batches` on {big:,} posts ({size_mb:.0f} MB), whole command",
                        f"{cli_seconds(db, ['batches'], runs):.2f} s", "< 0.3 s start"))
        results.append(("`--help` (interpreter + imports)",
                        f"{cli_seconds(db, ['--help'], runs):.2f} s", "< 0.3 s"))
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}; "
          f"median of {runs} runs\n")
    print("| what | time | target |\n|---|---|---|")
    for what, value, target in results:
        print(f"| {what} | {value} | {target} |")


if __name__ == "__main__":
    main()
