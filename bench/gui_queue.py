"""Benchmark of the queue widget (issue 4, "Speed") over 100,000 posts. Run on demand:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_queue.py [--posts N] [--db FILE]

Builds the database with `bench/core.py`'s `big_database` (or reuses --db), opens the
QueueWidget offscreen and prints a Markdown table: medians of 5 runs. Not part of the test
suite: timings on a shared machine flake, so a person reads them, not CI.

Each filter or search is timed from the user's action to the view painted with the new rows
(`grab()` paints synchronously), so the figure includes the SQL query, the model's layout
change, reading the visible block of rows and painting them.
"""
from __future__ import annotations

import argparse
import os
import platform
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

RUNS = 5
ENGLISH_WORD = "boreholes"
CHINESE_WORD = "钻井"


def rss_mb() -> tuple[float, float]:
    """Resident memory now and at its peak (Linux /proc), in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
                  if ":" in line)
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def median_ms(action, reset=None, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        if reset:
            reset()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def open_widget(db: Path):
    """Widget creation to first paint with the first rows (what the user waits for)."""
    from review import Desk
    from ui.queue import QueueWidget

    desk = Desk(db, backups=False)
    started = time.perf_counter()
    widget = QueueWidget()
    widget.resize(1100, 700)
    widget.set_desk(desk, "bench")
    widget.show()
    widget.grab()
    seconds = time.perf_counter() - started
    widget.filler.stop()  # measured alone below, not mixed into the other figures
    return desk, widget, seconds


def child_first_paint(db: Path) -> None:
    """Run in a fresh interpreter: prints when the queue has painted, for the parent's clock."""
    from PySide6.QtWidgets import QApplication

    app = QApplication([])  # noqa: F841 (kept alive while painting)
    open_widget(db)
    print("painted", flush=True)


def process_start_to_paint(db: Path) -> float:
    """Seconds from starting `python` to the queue painted: imports, QApplication, query, paint."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--child", str(db)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout.readline().strip() == "painted"
    seconds = time.perf_counter() - started
    child.wait()
    return seconds


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def search(widget, text: str) -> None:
    """Type and press Enter (Enter skips the 250 ms typing debounce, which is not query time)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    widget.search_box.blockSignals(True)  # no debounce timer: the Enter below applies
    widget.search_box.setText(text)
    widget.search_box.blockSignals(False)
    QTest.keyClick(widget.search_box, Qt.Key.Key_Return)


def measure(db: Path) -> list[tuple[str, str, str]]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from review.queue import QueueFilter, queue_rowids
    from ui.queue import Column

    app = QApplication.instance() or QApplication([])  # noqa: F841
    first_paint = statistics.median(open_widget(db)[2] for _ in range(RUNS)) * 1000
    desk, widget, _ = open_widget(db)
    rows = widget.model.rowCount()
    header = widget.view.horizontalHeader()

    def clear_filters() -> None:
        widget.batch_combo.setCurrentIndex(0)
        search(widget, "")

    def painted(action):
        return lambda: (action(), widget.grab())

    def sql_ms(**conditions) -> str:
        """The domain's query alone (what no widget work can make faster)."""
        sort = conditions.pop("sort", "batch")
        return f"{median_ms(lambda: queue_rowids(desk, QueueFilter(**conditions), sort)):.0f} ms"

    sort_text = lambda: header.setSortIndicator(Column.TEXT, Qt.SortOrder.AscendingOrder)  # noqa: E731
    sort_batch = lambda: header.setSortIndicator(Column.BATCH, Qt.SortOrder.AscendingOrder)  # noqa: E731
    batch = lambda: choose(widget.batch_combo, "batch-123")  # noqa: E731
    results = [
        (f"queue painted, widget created → first rows ({rows:,} posts)", f"{first_paint:.0f} ms",
         sql_ms(), "< 1 s"),
        ("python start → queue painted (fresh process)",
         f"{statistics.median(process_start_to_paint(db) for _ in range(RUNS)) * 1000:.0f} ms", "", "< 1 s"),
        ("filter by batch", f"{median_ms(painted(batch), clear_filters):.0f} ms", sql_ms(batch="batch-123"),
         "< 100 ms"),
        ("clear the filter (all posts again)", f"{median_ms(painted(clear_filters), batch):.0f} ms", sql_ms(),
         "< 100 ms"),
        (f"search an English word ({ENGLISH_WORD!r})",
         f"{median_ms(painted(lambda: search(widget, ENGLISH_WORD)), clear_filters):.0f} ms",
         sql_ms(text=ENGLISH_WORD), "< 100 ms"),
        (f"search a two-character Chinese word ({CHINESE_WORD})",
         f"{median_ms(painted(lambda: search(widget, CHINESE_WORD)), clear_filters):.0f} ms",
         sql_ms(text=CHINESE_WORD), "< 100 ms"),
        ("sort by Text (header click), all posts",
         f"{median_ms(painted(sort_text), lambda: (clear_filters(), sort_batch())):.0f} ms",
         sql_ms(sort="text"), "< 100 ms"),
        ("select next row", f"{median_ms(widget.select_next):.2f} ms", "", "< 50 ms"),
        ("scroll to the end and paint",
         f"{median_ms(painted(widget.view.scrollToBottom), widget.view.scrollToTop):.0f} ms", "", ""),
        ("state counts for the status bar, all posts (sent after the rows are painted)",
         f"{median_ms(widget._emit_counts, clear_filters):.0f} ms", "", ""),
        (f"state counts under the {CHINESE_WORD} search",
         f"{median_ms(widget._emit_counts, lambda: search(widget, CHINESE_WORD)):.0f} ms", "", ""),
        ("problem-count slice (GUI thread, between events)", f"{median_ms(widget.filler._slice):.0f} ms",
         "", "≈ 30 ms"),
    ]
    now, peak = rss_mb()
    results.append(("memory (RSS now / peak)", f"{now:.0f} / {peak:.0f} MB", "", "< 400 MB"))
    widget.filler.stop()
    desk.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse this database instead of building one")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_first_paint(args.child)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from core import big_database

            print(f"building a database of {args.posts:,} posts…", file=sys.stderr)
            db = big_database(Path(tmp), args.posts, 200)
        results = measure(db)
    print(f"\nQueue widget, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}, median of {RUNS}\n")
    print("| measure | painted | of which the SQL query | target |\n|---|---|---|---|")
    for name, value, sql, target in results:
        print(f"| {name} | {value} | {sql} | {target} |")


if __name__ == "__main__":
    main()
