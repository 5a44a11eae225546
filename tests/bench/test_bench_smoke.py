"""The benchmark suite runs end to end at a toy size (its figures are not checked: they depend
on the machine; `bash scripts/bench.sh` measures at real size, on demand)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_suite_measures_and_reports_at_a_toy_size(tmp_path):
    env = {**os.environ, "REVIEW_DESK_BENCH_CACHE": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "suite.py"), "--sizes", "200", "--runs", "1",
         "--terms", "300", "--units", "1000", "--only", "import-csv,hints,pack-work,merge-results,export-xliff12",
         "--out", str(tmp_path / "results")],
        capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(next((tmp_path / "results").glob("bench-*.json")).read_text())
    results = report["results"]
    for figure in ("import-csv", "hints-all", "hints-memory", "pack-work", "merge-results", "export-xliff12"):
        assert results[figure]["200"]["median"] > 0, figure
        assert results[figure]["200"]["rss_mb"] > 20, figure
    assert report["machine"]["cores"] and report["machine"]["sqlite"]
    assert "| all hints for one post" in done.stdout
    assert "| import an N-post CSV (into an empty desk) | 0." in done.stdout
