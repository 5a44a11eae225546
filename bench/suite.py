"""The benchmark suite (issue 6): every figure at every size, each run in its own process.

    bash scripts/bench.sh [--sizes 1000,10000,100000] [--runs 5] [--only hints,queue] [--terms N] [--units N]

For each size it takes the cached databases of `bench/generate.py` (building what is missing),
copies them to a scratch folder, then runs every measurement `--runs` times, each time in a
fresh child process: the child prepares (untimed), times the operation and prints what it
measured and its own peak resident memory (VmHWM: the whole process, interpreter, imports,
preparation and the operation). Whole-process figures (CLI and
window start) are timed by the parent from spawn to exit, after one unrecorded warm-up run.

Writes `bench/results/bench-<time>.json` and `.md` (median, min–max and peak memory of each
figure and size, with the machine: CPU, cores, RAM, load, Python, SQLite, PySide6) and prints
the Markdown. Not part of the tests: timings depend on the machine and what else runs on it.
"""
from __future__ import annotations

import argparse
import json
import os
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

import measures  # noqa: E402
from measures import FIGURES, MEASURES  # noqa: E402

RESULTS = ROOT / "bench" / "results"
# An installed app has its bytecode compiled (pip does it); a development shell that sets
# PYTHONDONTWRITEBYTECODE would make every start compile ~60 modules again (0.13 s here).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_child(args: list[str]) -> tuple[dict, float, float]:
    """(what the child printed as JSON on its last line, wall seconds, ru_maxrss in MB: not the
    child's own peak, see measures.peak_rss_mb)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, cwd=ROOT, env=CHILD_ENV)
    out, err = child.stdout.read(), child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{err.decode(errors='replace')[-3000:]}")
    lines = out.decode().strip().splitlines()
    printed = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    return printed, wall, usage.ru_maxrss / 1024


def measure_once(name: str, files: dict[str, str]) -> tuple[dict[str, float], float]:
    """(figures, peak MB) of one run; the child reports its own peak (see measures.peak_rss_mb)."""
    spec = MEASURES[name]
    script = str(Path(__file__).parent / "measures.py")
    if spec.process:  # a whole program, timed by a small launcher from spawn to exit
        printed, _, _ = run_child([script, "--program", *spec.process(files)])
        return {name: printed["seconds"]}, printed["_rss_mb"]
    printed, _, _ = run_child([script, name, json.dumps(files)])
    return {k: v for k, v in printed.items() if k != "_rss_mb"}, printed["_rss_mb"]


def measure(name: str, files: dict[str, str], runs: int) -> dict[str, dict]:
    if MEASURES[name].process:
        measure_once(name, files)  # warm-up: page cache, first start of the window
    samples: dict[str, list[float]] = {}
    peaks = []
    for _ in range(runs):
        figures, rss = measure_once(name, files)
        peaks.append(rss)
        for key, value in figures.items():
            samples.setdefault(key, []).append(value)
    return {key: {"median": statistics.median(values), "min": min(values), "max": max(values),
                  "runs": values, "rss_mb": max(peaks)}
            for key, values in samples.items()}


def scratch_copies(cached: dict[str, Path], folder: Path) -> dict[str, str]:
    """Measurements write (exports, problem counts): they work on copies, never the cache."""
    files = {}
    for kind, path in cached.items():
        target = folder / path.name
        if kind in ("real", "flat"):
            shutil.copy(path, target)
            files[kind] = str(target)
        else:
            files[kind] = str(path)
    files["scratch"] = str(folder)
    return files


def machine() -> dict[str, str]:
    import platform
    import sqlite3

    from PySide6 import __version__ as pyside

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or platform.machine())
    ram_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
    return {"cpu": cpu, "cores": str(os.cpu_count()), "ram": f"{ram_kb / 1024 / 1024:.0f} GB",
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "pyside6": pyside, "system": f"{platform.system()} {platform.release()}"}


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="areas or measurement names, comma-separated "
                        f"(areas: {', '.join(sorted({m.area for m in MEASURES.values()}))})")
    parser.add_argument("--terms", type=int, default=10_000, help="glossary terms")
    parser.add_argument("--units", type=int, default=100_000, help="memory units")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the JSON and Markdown")
    args = parser.parse_args()
    from generate import everything

    sizes = [int(s) for s in args.sizes.split(",")]
    chosen = [n for n, m in MEASURES.items()
              if not args.only or n in args.only.split(",") or m.area in args.only.split(",")]
    report = {"machine": machine(), "load_before": load_average(), "runs": args.runs,
              "sizes": sizes, "terms": args.terms, "units": args.units,
              "started": time.strftime("%Y-%m-%d %H:%M:%S"), "results": {}}
    cached = everything(sizes, args.terms, args.units)
    stem = args.out / f"bench-{time.strftime('%Y%m%d-%H%M%S')}"
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as folder:
            files = scratch_copies(cached[size], Path(folder))
            if any(MEASURES[n].area == "packages" for n in chosen):
                files.update(measures.prepare(files, size))
            for name in chosen:
                print(f"[{size:,}] {name}…", file=sys.stderr, flush=True)
                for key, result in measure(name, files, args.runs).items():
                    report["results"].setdefault(key, {})[str(size)] = result
                save_json(report, stem)  # so far: a long run stopped half-way keeps what it measured
    report["load_after"] = load_average()
    write_report(report, stem)


def save_json(report: dict, stem: Path) -> None:
    stem.parent.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".json").write_text(json.dumps(report, indent=1, ensure_ascii=False))


def write_report(report: dict, stem: Path) -> None:
    from report_table import markdown

    save_json(report, stem)
    text = markdown(report, FIGURES)
    stem.with_suffix(".md").write_text(text)
    print(text)
    print(f"\nwritten: {stem}.json, {stem}.md", file=sys.stderr)


if __name__ == "__main__":
    main()
