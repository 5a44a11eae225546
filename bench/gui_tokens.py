"""Benchmark: Ctrl+J (next post) on posts with inline codes, painted (issue 14's tokens). Run on
demand:

    .venv/bin/python bench/gui_tokens.py [--runs 3]

A database of the real CAT files of tests/data/real-world-2 with codes (memoQ, Trados,
SAP, Angular, OASIS: 192 posts, 100 of them with codes), the window offscreen at 1024×700, the
queue walked with the Next post action: from the trigger until the post is shown AND the window
has painted it (`repaint()`, synchronous); the median of the steps that landed on a post with
codes, and of the others, each run in a fresh process. The same script run against main's tree
(no tokens) gives the figures to compare with.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FILES = {"okapi_MQ-12-Test01_memoq.xlf": "fr", "okapi_TS09-12-Test01_trados2009.xlf": None,
         "sap_Sample_AlmostEverything_1.2_strict.xlf": None,
         "angular_translatedFile.de.xlf": None, "oasis_everything-core.xlf": "fr"}


def coded_database(folder: Path) -> Path:
    from review import Actor, Desk

    data = ROOT / "tests" / "data" / "real-world-2"
    db = folder / "coded.sqlite3"
    with Desk(db, backups=False) as desk:
        desk.set_profile("bench", "reviewer", ["en"], "en")
        for name, target in FILES.items():
            options = {"target_lang": target} if target else {}
            desk.import_batch(data / name, actor=Actor("bench", "coordinator"),
                              platform="facebook", **options)
    return db


def next_post_painted_ms(db: Path, steps: int = 150) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from ui.app import make_application
    from ui.startup import open_main_window

    app = make_application("light")
    window = open_main_window(app, db, screenshot=True)
    window.resize(1024, 700)
    window.show()
    window.queue.select_next()
    app.processEvents()
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(steps):
        started = time.perf_counter()
        window.actions.next_post.trigger()
        window.repaint()
        elapsed = (time.perf_counter() - started) * 1000
        times[bool(window.post is not None and window.post.codes)].append(elapsed)
        app.processEvents()
    window.close()
    QApplication.processEvents()
    return statistics.median(times[True]), statistics.median(times[False])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a run, in its own process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(next_post_painted_ms(args.one)))
        return
    results = []
    with tempfile.TemporaryDirectory() as name:
        db = coded_database(Path(name))
        for _ in range(args.runs):  # the window locks its database until its process ends
            done = subprocess.run([sys.executable, __file__, "--one", str(db)], check=True,
                                  capture_output=True, text=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    for which, name in ((0, "with inline codes"), (1, "without")):
        medians = [r[which] for r in results]
        print(f"next post, painted, posts {name}: median {statistics.median(medians):.1f} ms "
              f"(runs: {', '.join(f'{m:.1f}' for m in medians)})")


if __name__ == "__main__":
    main()
