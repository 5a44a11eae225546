"""Benchmark of the main window at 100,000 posts (issue 4, "Speed"). Run on demand:

    .venv/bin/python bench/gui_window.py [--db FILE] [--posts N]

- start to a usable window: `review-desk gui --screenshot` in a fresh process, from process
  start until the window with the first post and its hints is rendered and saved (it exits
  then), median of 3; peak memory of that process;
- next post: Ctrl+J in the window, from the key press to the post, its hints and history
  shown (median of 50 after the first, which loads the language detectors);
Prints a Markdown table. A copy of --db is used: the window writes (problem counts).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def start_to_window(db: Path, runs: int = 3) -> tuple[float, float]:
    times, peaks = [], []
    for n in range(runs):
        shot = db.parent / f"start-{n}.png"
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "gui",
                        "--screenshot", str(shot)], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
        peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def next_post_ms(db: Path, count: int = 50) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from ui.app import make_application
    from ui.startup import open_main_window

    app = make_application("light")
    window = open_main_window(app, db, screenshot=True)
    window.queue.select_next()
    app.processEvents()
    first = time.perf_counter()
    window.queue.select_next()
    first_ms = (time.perf_counter() - first) * 1000
    times = []
    for _ in range(count):
        started = time.perf_counter()
        window.actions.next_post.trigger()
        times.append((time.perf_counter() - started) * 1000)
        app.processEvents()
    window.close()
    QApplication.processEvents()
    return first_ms, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="a database to copy (default: build one)")
    parser.add_argument("--posts", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "window.sqlite3"
        if args.db:
            shutil.copy(args.db, db)
        else:
            from core import big_database

            shutil.move(big_database(tmp, args.posts, 200), db)
        start, peak = start_to_window(db)
        first, median = next_post_ms(db)
    print(f"{args.posts:,} posts; offscreen, 2 cores\n")
    print("| what | result | target |\n|---|---|---|")
    print(f"| process start to usable window (post and hints shown) | {start:.2f} s | < 1 s |")
    print(f"| peak memory of that process | {peak:.0f} MB | < 400 MB |")
    print(f"| next post, hints included (median of 50) | {median:.1f} ms | < 50 ms |")
    print(f"| first post shown (loads the language detectors) | {first:.0f} ms | |")


if __name__ == "__main__":
    main()
