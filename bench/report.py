"""Speed of the review report and the dashboard's figures on a large batch.

    .venv/bin/python bench/report.py [--sizes 1000,10000]

Builds a fresh database per size: N English drafts, half of them approved (one in ten with a
major annotation), a tenth rejected; then times `gather` (reading the figures: what the
dashboard does), `gather` + `render` (the HTML in memory) and `write_report` (the whole
command), best of three, and prints a Markdown table with the report's size.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from review import Actor, Desk  # noqa: E402
from review.importing import import_drafts  # noqa: E402
from review.report import gather  # noqa: E402
from review.report_html import render, write_report  # noqa: E402
from tests.helpers import COORD, draft  # noqa: E402


def build(folder: Path, size: int) -> Desk:
    desk = Desk(folder / f"bench-{size}.sqlite3", backups=False)
    import_drafts(desk, [draft(f"P-{i}", draft_text=f"We drilled {i} water wells in Masvingo "
                               "province today.") for i in range(size)], "big", actor=COORD)
    ids = list(desk.store.posts.ids_by_external("big").values())
    tendai = Actor("Tendai", "reviewer")
    for i in range(0, size // 2, 10):
        desk.annotate(ids[i], tendai, start=0, end=2, category="terminology", severity="major",
                      revision=0)
    desk.decide_many(ids[: size // 2], tendai, "approve")
    desk.decide_many(ids[size // 2: size // 2 + size // 10], Actor("Nomsa", "reviewer"), "reject", "no")
    return desk


def best_of(work, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    print("| posts | gather (dashboard) | gather + render | write_report | report size |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            desk = build(Path(folder), size)
            out = Path(folder) / f"report-{size}.html"
            timings = [best_of(lambda: gather(desk, "big")),
                       best_of(lambda: render(gather(desk, "big"))),
                       best_of(lambda: write_report(desk, "big", out))]
            cells = " | ".join(f"{t * 1000:.0f} ms" for t in timings)
            print(f"| {size:,} | {cells} | {out.stat().st_size // 1024:,} KB |")
            desk.close()


if __name__ == "__main__":
    main()
