"""Where the queue's problem-count filler should run (issue 13). Run on demand:

    .venv/bin/python bench/gui_filler.py --db FILE [--posts-shown 40]

The window computes missing problem counts in the background. Two ways to do it are compared,
each on a copy of --db with every count forgotten, with the window open offscreen:

- `gui`: as shipped, ~30 ms slices on the GUI thread between events (ui/queue.py);
- `worker`: the same work on a second thread with a Desk of its own, in slices of 200 posts
  (what moving it to the runner's worker thread would do);
- `none`: no filling at all (the reference).

For each, the latency of Ctrl+J as a user sees it: from the moment the key would arrive (a
zero-delay timer posted at a random point between 20 and 60 ms of event-loop time) to the next
post, its hints and its history shown; and how many counts were filled per second meanwhile.
Prints a Markdown table (median and 90th percentile of `--posts-shown` moves).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def forget_counts(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE posts SET problems = NULL")


def missing_counts(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM posts WHERE problems IS NULL").fetchone()[0]


def fill_on_a_thread(db: Path, stop: threading.Event) -> threading.Thread:
    from review import Desk
    from review.queue import fill_problem_counts

    def fill() -> None:
        with Desk(db, backups=False, daily_backup=False) as desk:
            while not stop.is_set() and fill_problem_counts(desk, limit=200):
                pass

    thread = threading.Thread(target=fill, name="bench-filler")
    thread.start()
    return thread


def spin(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()


def moves(app, window, count: int) -> list[float]:
    from PySide6.QtCore import QTimer

    latencies = []
    for _ in range(count):
        spin(app, random.uniform(0.02, 0.06))
        done: list[float] = []
        posted = time.perf_counter()
        QTimer.singleShot(0, lambda: (window.actions.next_post.trigger(), done.append(time.perf_counter())))
        while not done:
            app.processEvents()
        latencies.append((done[0] - posted) * 1000)
    return latencies


def measure(source: Path, mode: str, count: int) -> tuple[list[float], float]:
    from PySide6.QtWidgets import QApplication

    from ui.app import make_application
    from ui.startup import open_main_window

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "filler.sqlite3"
        shutil.copy(source, db)
        app = make_application("light")
        window = open_main_window(app, db, screenshot=True)
        spin(app, 2.0)  # the first post, its hints, the language warm-up
        window.queue.filler.stop()
        forget_counts(db)
        before, stop, thread = missing_counts(db), threading.Event(), None
        started = time.perf_counter()
        if mode == "gui":
            window.queue.filler.start(window.desk, delay_ms=0)
        elif mode == "worker":
            thread = fill_on_a_thread(db, stop)
        latencies = moves(app, window, count)
        seconds = time.perf_counter() - started
        stop.set()
        if thread is not None:
            thread.join()
        window.queue.filler.stop()
        filled = before - missing_counts(db)
        window.close()
        QApplication.processEvents()
        return latencies, filled / seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--posts-shown", type=int, default=40)
    args = parser.parse_args()
    random.seed(13)
    print("| filler | Ctrl+J to the post shown, median | 90th percentile | counts filled per second |")
    print("|---|---|---|---|")
    for mode in ("none", "gui", "worker"):
        latencies, rate = measure(args.db, mode, args.posts_shown)
        tenth = statistics.quantiles(latencies, n=10)[-1]
        print(f"| {mode} | {statistics.median(latencies):.1f} ms | {tenth:.1f} ms | {rate:,.0f} |")


if __name__ == "__main__":
    main()
